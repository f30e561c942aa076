from __future__ import annotations

import json

import jsonschema
import pytest

from insights.export.json_export import render_json, validate_map_data
from insights.journeymap.model import JourneyMap
from insights.journeymap.schema import published_schema


def test_json_is_the_whole_map_and_validates_against_the_schema(small_map):
    data = json.loads(render_json(small_map))
    jsonschema.Draft202012Validator(published_schema()).validate(data)
    assert JourneyMap.model_validate(data) == small_map
    assert {p["status"] for p in data["pain_points"]} == {"accepted", "proposed", "rejected"}


def test_accepted_only_keeps_accepted_items_and_drops_links_to_the_rest(small_map):
    data = json.loads(render_json(small_map, accepted_only=True))
    jsonschema.Draft202012Validator(published_schema()).validate(data)
    assert [p["id"] for p in data["pain_points"]] == ["P-1"]
    assert [d["id"] for d in data["delights"]] == ["D-1"]
    assert data["personas"] == []  # the persona is only proposed
    assert data["opportunities"][0]["proposal_ids"] == ["P-1"]
    assert data["moments_of_truth"][0]["proposal_id"] == "P-1"


def test_data_that_breaks_the_schema_is_refused_as_a_bug():
    with pytest.raises(RuntimeError, match="does not match map.schema.json at \\$"):
        validate_map_data({"surprise": 1})


def test_json_keeps_non_ascii_text_readable(small_map):
    assert "Le remboursement a pris un mois." in render_json(small_map)
