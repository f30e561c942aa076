"""The published JSON Schema (draft 2020-12) of map.json, generated from the model."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from insights.journeymap.model import SCHEMA_VERSION, JourneyMap

__all__ = ["SCHEMA_FILE", "map_schema", "published_schema", "schema_text"]

SCHEMA_FILE = "map.schema.json"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def map_schema() -> dict[str, Any]:
    """The JSON Schema of `JourneyMap`, with its version and draft."""
    schema = JourneyMap.model_json_schema(mode="serialization")
    head = {
        "$schema": _DRAFT,
        "$id": f"https://insights.invalid/schema/map-{SCHEMA_VERSION}.json",
        "title": "insights journey map",
        "description": f"map.json written by `insights run`, schema_version {SCHEMA_VERSION}.",
    }
    return {**head, **{k: v for k, v in schema.items() if k not in head}}


def schema_text() -> str:
    """The schema as the indented JSON text that is published."""
    return json.dumps(map_schema(), indent=2, ensure_ascii=False) + "\n"


def published_schema() -> dict[str, Any]:
    """The schema file shipped in the package (kept equal to `map_schema` by a test)."""
    text = resources.files("insights.journeymap").joinpath(SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)
