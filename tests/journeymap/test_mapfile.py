from __future__ import annotations

import json

import jsonschema
import pytest

from insights.errors import InputNotFoundError
from insights.journeymap.mapfile import MapFileError, backup_path, load_map, merge_into
from insights.journeymap.model import JourneyMap, Label, LabelOrigin
from insights.journeymap.schema import published_schema


@pytest.fixture
def run(demo_run) -> JourneyMap:
    return load_map(demo_run / "map.json")


def test_first_merge_creates_the_map_then_a_repeat_writes_nothing(run, tmp_path):
    path = tmp_path / "maps" / "map.json"
    first = merge_into(run, path, accepted_only=False)
    assert first.created and first.written and first.backup is None
    text = path.read_bytes()
    again = merge_into(run, path, accepted_only=False)
    assert not again.created and not again.written and again.backup is None
    assert again.result.unchanged == first.result.added and again.result.added == 0
    assert path.read_bytes() == text  # byte-identical
    assert not backup_path(path).exists()


def test_a_change_backs_up_the_previous_file(run, tmp_path):
    path = tmp_path / "map.json"
    merge_into(
        run.model_copy(update={"pain_points": run.pain_points[:2]}), path, accepted_only=False
    )
    before = path.read_bytes()
    outcome = merge_into(run, path, accepted_only=False)
    assert outcome.written and outcome.backup == tmp_path / "map.json.bak"
    assert outcome.backup.read_bytes() == before
    assert len(load_map(path).pain_points) == len(run.pain_points)
    # repeating the merge changes nothing, so the backup still holds the older map
    assert not merge_into(run, path, accepted_only=False).written
    assert outcome.backup.read_bytes() == before


def test_a_person_edit_in_the_file_survives_the_next_merge(run, tmp_path):
    path = tmp_path / "map.json"
    merge_into(run, path, accepted_only=False)
    data = json.loads(path.read_text("utf-8"))
    data["pain_points"][0]["label"] = {"text": "Refund takes weeks", "origin": "human"}
    path.write_text(json.dumps(data), "utf-8")
    relabelled = run.pain_points[0].model_copy(update={"label": Label(text="Something else")})
    merge_into(run.model_copy(update={"pain_points": [relabelled]}), path, accepted_only=False)
    merged = load_map(path).pain_points[0]
    assert merged.id == run.pain_points[0].id
    assert merged.label == Label(text="Refund takes weeks", origin=LabelOrigin.HUMAN)


def test_written_map_validates_against_the_published_schema(run, tmp_path):
    path = tmp_path / "map.json"
    merge_into(run, path, accepted_only=False)
    jsonschema.Draft202012Validator(published_schema()).validate(json.loads(path.read_text()))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"schema_version": "1.1.0", "pain_points": [', "is not valid JSON"),
        ('{"hello": "world"}', "is not an insights map"),
        ('{"schema_version": "2.0.0"}', "upgrade insights"),
        (b"\xff\xfe\x00garbage", "is not valid JSON"),
    ],
)
def test_a_broken_map_is_one_clear_error(run, tmp_path, content, expected):
    path = tmp_path / "map.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    before = path.read_bytes()
    with pytest.raises(MapFileError) as info:
        merge_into(run, path)
    message = str(info.value)
    assert expected in message and str(path) in message and "\n" not in message
    assert path.read_bytes() == before
    assert not backup_path(path).exists()


def test_missing_or_folder_map(run, tmp_path):
    with pytest.raises(InputNotFoundError):
        load_map(tmp_path / "nope.json")
    with pytest.raises(MapFileError, match="is a folder"):
        merge_into(run, tmp_path)
