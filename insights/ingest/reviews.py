"""Read reviews and tickets from JSON or JSON Lines into records.

A ``.json`` file holds a list of objects, or an object holding one list of
objects (``{"reviews": [...]}``); a ``.json`` file that is really JSON Lines is
read as such. ``.jsonl``/``.ndjson`` files hold one object per line (blank
lines ignored). Nested objects are flattened one level with dotted keys
(``{"user": {"name": "A"}}`` → ``user.name``); deeper values and lists of
objects are kept as compact JSON text, lists of scalars joined with ", ".

Fields are mapped by name, then by content, with the table column detector:
text (text, body, content, review, comment, message, texte, avis…), rating
(rating, stars, score, note…), date (date, created_at, time…), author (author,
user, username, customer…), id (id, review_id…); channel/source/platform/store
and the rest are kept as attributes. ``--text-col``/``--id-col`` override.
Records are located ``line 7`` (JSON Lines) or ``item 3`` (JSON list), and
their id is the id field or ``line7`` / ``item3``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from insights.errors import BadRecordError, EmptyInputError
from insights.ingest._decode import load_source
from insights.ingest._types import IngestOptions, SourceResult
from insights.ingest.columns import detect_columns
from insights.ingest.surveys import build_records, plan_notes

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["flatten_object", "parse_json_document", "parse_json_lines", "read_json_source"]

_LINE_SUFFIXES = (".jsonl", ".ndjson")
_PREFERRED_KEYS = ("reviews", "data", "items", "results", "records", "entries", "comments")

Items = list[tuple[int, dict[str, Any]]]


def read_json_source(path: Path, name: str, options: IngestOptions) -> SourceResult:
    """Read a ``.json``, ``.jsonl`` or ``.ndjson`` file of reviews into records.

    Args:
        path: the file.
        name: the source name recorded on every unit.
        options: ``text_cols``/``id_col`` override field detection;
            ``skip_bad_records`` skips malformed lines or items and counts them.

    Returns:
        The records (kind review), attributes per author/record and notes.

    Raises:
        BadRecordError: invalid JSON (``file:line`` for JSON Lines, ``file:line:col``
            for JSON), or an item that is not an object.
        EmptyInputError: no object, or no text in any of them.
        ColumnError: a named field is missing, or no text field was found.

    Example:
        >>> result = read_json_source(Path("reviews.jsonl"), "reviews.jsonl", IngestOptions())
        >>> result.records[0].locator
        'line 1'
    """
    source = load_source(path, name, max_bytes=options.max_bytes)
    lines = path.suffix.lower() in _LINE_SUFFIXES
    if lines:
        items, skipped = parse_json_lines(source.text, name, skip_bad=options.skip_bad_records)
    else:
        items, skipped, lines = _parse_json_file(source.text, name, options.skip_bad_records)
    if not items:
        raise EmptyInputError(f"{name}: no JSON object found; give a file with reviews")
    frame = _frame(items)
    plan = detect_columns(
        frame, where=name, text_cols=options.text_cols, id_col=options.id_col, shape="reviews"
    )
    label = "line" if lines else "item"
    result = build_records(frame, plan, source=name, sha256=source.sha256, label=label)
    result.notes = {**plan_notes(plan), "encoding": source.encoding, **result.notes}
    result.skipped_records = skipped
    return result


def _parse_json_file(text: str, name: str, skip_bad: bool) -> tuple[Items, int, bool]:
    """Parse a ``.json`` file; fall back to JSON Lines when it is one."""
    try:
        items, skipped = parse_json_document(text, name, skip_bad=skip_bad)
        return items, skipped, False
    except BadRecordError:
        first = text.lstrip().split("\n", 1)[0]
        if not _is_object_line(first) or len(text.strip().splitlines()) < 2:
            raise
    items, skipped = parse_json_lines(text, name, skip_bad=skip_bad)
    return items, skipped, True


def _is_object_line(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def parse_json_lines(text: str, name: str, *, skip_bad: bool) -> tuple[Items, int]:
    """Parse JSON Lines into (line number, object) pairs and a count of skipped lines.

    Raises:
        BadRecordError: a line is not a JSON object (``name:line``), unless `skip_bad`.
    """
    items: Items = []
    skipped = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
            problem = "" if isinstance(value, dict) else f"a JSON {type(value).__name__}"
        except json.JSONDecodeError as err:
            problem = f"invalid JSON ({err.msg} at column {err.colno})"
        if not problem:
            items.append((number, value))
        elif skip_bad:
            skipped += 1
        else:
            raise BadRecordError(
                f"{name}:{number}: {problem}, expected one object per line; "
                "fix the line or skip bad records (--skip-bad-records)"
            )
    return items, skipped


def parse_json_document(text: str, name: str, *, skip_bad: bool) -> tuple[Items, int]:
    """Parse a JSON list of objects, or an object holding one such list.

    Returns:
        (item number, object) pairs, 1-based, and a count of skipped items.

    Raises:
        BadRecordError: invalid JSON (``name:line:col``), no list of objects, or an
            item that is not an object (unless `skip_bad`).
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise BadRecordError(
            f"{name}:{err.lineno}:{err.colno}: invalid JSON ({err.msg}); fix the file"
        ) from err
    entries = _find_list(value, name)
    items: Items = [(i, v) for i, v in enumerate(entries, start=1) if isinstance(v, dict)]
    bad = len(entries) - len(items)
    if bad and not skip_bad:
        first = next(i for i, v in enumerate(entries, start=1) if not isinstance(v, dict))
        raise BadRecordError(
            f"{name}: item {first} is not a JSON object ({bad} such items); "
            "fix the file or skip bad records (--skip-bad-records)"
        )
    return items, bad


def _find_list(value: Any, name: str) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        lists = {k: v for k, v in value.items() if isinstance(v, list)}
        filled = {k: v for k, v in lists.items() if v}
        for found in (lists, filled):
            if len(found) == 1:
                return next(iter(found.values()))
        for key in _PREFERRED_KEYS:
            if key in filled:
                return filled[key]
        if not lists and value:
            return [value]
    raise BadRecordError(
        f"{name}: expected a list of objects or an object holding one list "
        '(e.g. {"reviews": [...]}); reshape the file'
    )


def flatten_object(obj: dict[str, Any]) -> dict[str, str]:
    """Flatten one level of nesting with dotted keys; every value becomes a string."""
    flat: dict[str, str] = {}
    for key, value in obj.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                flat[f"{key}.{sub}"] = _text(inner)
        else:
            flat[str(key)] = _text(value)
    return flat


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _frame(items: Items) -> pd.DataFrame:
    import pandas as pd

    rows = [flatten_object(obj) for _, obj in items]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    data = [[row.get(c, "") for c in columns] for row in rows]
    return pd.DataFrame(data, columns=columns, index=[n for n, _ in items], dtype=str)
