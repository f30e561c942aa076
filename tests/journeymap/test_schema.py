from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from insights.cli import app
from insights.journeymap.model import SCHEMA_VERSION
from insights.journeymap.schema import map_schema, published_schema


def test_published_schema_file_is_up_to_date():
    # Regenerate with: insights schema -o insights/journeymap/map.schema.json
    assert published_schema() == map_schema()


def test_schema_is_valid_draft_2020_12_and_versioned():
    schema = map_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")
    assert SCHEMA_VERSION in schema["$id"]


def test_cli_prints_the_schema():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == map_schema()


def test_schema_rejects_unknown_fields():
    schema = map_schema()
    validator = jsonschema.Draft202012Validator(schema)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"schema_version": SCHEMA_VERSION, "surprise": 1})
