from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from insights.errors import BadRecordError, ColumnError, EmptyInputError
from insights.ingest._types import IngestOptions
from insights.ingest.reviews import flatten_object, read_json_source
from insights.schema import Kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"


def _read(path: Path, **options):
    return read_json_source(path, path.name, IngestOptions(**options))


def _write(tmp_path: Path, name: str, value: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def test_jsonl_records_with_line_locators_and_mapped_fields() -> None:
    result = _read(FIXTURES / "reviews.jsonl")
    assert result.kind is Kind.REVIEW
    assert [r.locator for r in result.records] == ["line 1", "line 2", "line 4"]
    assert [r.record_id for r in result.records] == ["g-101", "g-102", "g-103"]
    assert [r.respondent_id for r in result.records] == ["Ana", "Tom", "Léa"]
    assert result.records[2].text == "Bon rapport qualité-prix, livraison un peu lente."
    assert result.attributes["Ana"] == {
        "stars": "2",
        "created_at": "2024-01-03",
        "source": "google",
        "user.country": "PT",
        "tags": "delivery, support",
    }
    notes = result.notes
    assert notes["text_columns"] == ["text"] and notes["id_column"] == "id"
    assert notes["columns"]["stars"] == "rating" and notes["columns"]["created_at"] == "date"


def test_wrapped_json_list_is_found() -> None:
    result = _read(FIXTURES / "reviews_wrapped.json")
    assert [r.locator for r in result.records] == ["item 1", "item 2", "item 3"]
    assert result.records[0].record_id == "g-101"


@pytest.mark.parametrize(
    "wrap",
    [
        lambda items: items,
        lambda items: {"data": items},
        lambda items: {"meta": {"n": 2}, "results": items, "errors": []},
        lambda items: {"page": 1, "comments": items, "links": ["a", "b"]},
    ],
)
def test_json_list_or_object_holding_a_list(tmp_path: Path, wrap) -> None:
    items = [{"body": "Fast shipping, great price"}, {"body": "Arrived broken, no refund yet"}]
    result = _read(_write(tmp_path, "r.json", wrap(items)))
    assert [r.text for r in result.records] == [i["body"] for i in items]
    assert [r.record_id for r in result.records] == ["item1", "item2"]
    assert [r.respondent_id for r in result.records] == ["item1", "item2"]


@pytest.mark.parametrize(
    ("text_key", "rating_key", "author_key"),
    [
        ("text", "rating", "author"),
        ("body", "stars", "user"),
        ("content", "score", "username"),
        ("review", "note", "customer"),
        ("comment", "rating", "user_name"),
        ("message", "stars", "author"),
        ("texte", "note", "auteur"),
        ("avis", "note", "pseudo"),
        ("reviewText", "overall", "reviewerName"),
    ],
)
def test_field_names_are_mapped(
    tmp_path: Path, text_key: str, rating_key: str, author_key: str
) -> None:
    items = [
        {author_key: "amy", rating_key: 2, text_key: "ok", "platform": "ios"},
        {
            author_key: "bob",
            rating_key: 5,
            text_key: "Very good, fast and friendly",
            "platform": "web",
        },
    ]
    result = _read(_write(tmp_path, "r.json", items))
    assert result.notes["text_columns"] == [text_key]
    assert result.notes["columns"][rating_key] == "rating"
    assert result.notes["respondent_column"] == author_key
    assert result.attributes["bob"] == {rating_key: "5", "platform": "web"}


def test_broken_jsonl_line_names_file_and_line() -> None:
    with pytest.raises(BadRecordError, match=r"^broken\.jsonl:3: invalid JSON") as info:
        _read(FIXTURES / "broken.jsonl")
    assert "\n" not in str(info.value)


def test_broken_jsonl_lines_skipped_and_counted() -> None:
    result = _read(FIXTURES / "broken.jsonl", skip_bad_records=True)
    assert result.skipped_records == 1
    assert [r.locator for r in result.records] == ["line 1", "line 2", "line 4"]


def test_jsonl_line_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "r.ndjson"
    path.write_text('{"text": "Good value for money"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(BadRecordError, match=r"r.ndjson:2: a JSON list"):
        _read(path)
    assert _read(path, skip_bad_records=True).skipped_records == 1


def test_broken_json_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[\n  {"text": "fine"},\n  {"text": oops}\n]\n', encoding="utf-8")
    with pytest.raises(BadRecordError, match=r"^bad\.json:3:12: invalid JSON"):
        _read(path)


def test_json_items_that_are_not_objects(tmp_path: Path) -> None:
    path = _write(tmp_path, "mixed.json", [{"text": "Lovely staff and quick service"}, "oops", 3])
    with pytest.raises(BadRecordError, match="mixed.json: item 2 is not a JSON object"):
        _read(path)
    result = _read(path, skip_bad_records=True)
    assert result.skipped_records == 2 and len(result.records) == 1


@pytest.mark.parametrize("value", [42, "text", {"a": [1], "b": [2]}])
def test_json_without_a_list_of_objects(tmp_path: Path, value: object) -> None:
    with pytest.raises(BadRecordError, match="x.json: expected a list of objects"):
        _read(_write(tmp_path, "x.json", value))


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    shutil.copy(FIXTURES / "reviews.jsonl", path)
    result = _read(path)
    assert [r.locator for r in result.records] == ["line 1", "line 2", "line 4"]


@pytest.mark.parametrize(("name", "content"), [("e.json", "[]"), ("e.jsonl", "\n\n")])
def test_empty_json_raises(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EmptyInputError, match=name):
        _read(path)


def test_overrides_apply_to_json(tmp_path: Path) -> None:
    items = [
        {"ref": "A-1", "summary": "Late", "details": "The parcel came a week late"},
        {"ref": "A-2", "summary": "Great", "details": "Quick delivery and nice packaging"},
    ]
    path = _write(tmp_path, "t.json", items)
    result = _read(path, text_cols=("summary",), id_col="ref")
    assert [(r.record_id, r.text) for r in result.records] == [("A-1", "Late"), ("A-2", "Great")]
    with pytest.raises(ColumnError, match="t.json: --text-col 'body' is not a column"):
        _read(path, text_cols=("body",))


def test_flatten_object_one_level() -> None:
    flat = flatten_object(
        {
            "id": 7,
            "ok": True,
            "user": {"name": "Zoé", "meta": {"age": 3}},
            "tags": ["a", "b"],
            "parts": [{"x": 1}],
            "none": None,
        }
    )
    assert flat == {
        "id": "7",
        "ok": "true",
        "user.name": "Zoé",
        "user.meta": '{"age":3}',
        "tags": "a, b",
        "parts": '[{"x":1}]',
        "none": "",
    }
