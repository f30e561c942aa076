"""Read CSV/TSV/XLSX files into a frame of strings, whatever the export's quirks.

Text files are decoded by `load_source` (BOM, UTF-16 Excel "Unicode text",
cp1252, latin-1), the delimiter is sniffed among ``, ; TAB |`` by how
consistently each one splits the first records, and the csv module parses
quoted newlines. Every cell stays a string so ids like "007" survive.

Header conventions handled here:

- blank header cells become ``column N`` (1-based); such columns are dropped
  when all their cells are empty (trailing separators in Excel exports);
- repeated headers get a suffix: ``Comment``, ``Comment (2)``, ``Comment (3)``;
- SurveyMonkey's two header rows (question row, then a "Response" /
  "Open-Ended Response" row) are merged into one;
- Qualtrics' three header rows (ids, question text, ``{"ImportId": …}``) are
  replaced by the question text row.

Data rows are numbered from 1 after the header row(s), blank rows included,
so a row number always points at the same record of the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from insights.errors import BadRecordError, DecodeError, EmptyInputError, UnsupportedFormatError
from insights.ingest._decode import load_source, read_bytes
from insights.ingest._types import IngestOptions

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet as Worksheet

__all__ = ["DELIMITERS", "Table", "parse_delimited", "read_table", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t", "|")
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_XLSX_ENTRIES = 10_000
_SNIFF_CHARS = 65_536
_SNIFF_RECORDS = 50
_SUB_HEADERS = frozenset({"response", "open-ended response"})
_IMPORT_ID = re.compile(r'^\{\s*"ImportId"')


@dataclass(frozen=True)
class Table:
    """A table read from a file: string cells under unique headers.

    Attributes:
        frame: the data rows, every cell a string; the index holds the 1-based
            data row numbers.
        sha256: hex digest of the file's bytes.
        notes: what was detected (encoding, delimiter, sheet, header_rows, export).
    """

    frame: pd.DataFrame
    sha256: str
    notes: dict[str, object] = field(default_factory=dict)


def read_table(path: Path, name: str, options: IngestOptions) -> Table:
    """Read a CSV, TSV or XLSX file into a `Table`.

    Args:
        path: the file (``.csv``, ``.tsv``, ``.tab`` or ``.xlsx``).
        name: the source name, used in error messages.
        options: ingest options (``max_bytes`` is honoured).

    Returns:
        The table, its digest and what was detected.

    Raises:
        EmptyInputError: the file is empty or has a header but no data row.
        DecodeError: the file is binary or not a valid workbook.
        UnsupportedFormatError: the workbook expands beyond the safety limits.
    """
    if path.suffix.lower() == ".xlsx":
        rows, sha256, notes = _read_xlsx(path, name, options.max_bytes)
    else:
        source = load_source(path, name, max_bytes=options.max_bytes)
        preferred = "\t" if path.suffix.lower() in (".tsv", ".tab") else None
        delimiter = sniff_delimiter(source.text, preferred=preferred)
        rows = parse_delimited(source.text, delimiter, where=name)
        sha256 = source.sha256
        notes = {"encoding": source.encoding, "delimiter": delimiter, "sheet": None}
    return Table(frame=_build_frame(rows, name, notes), sha256=sha256, notes=notes)


def sniff_delimiter(text: str, *, preferred: str | None = None) -> str:
    """Guess a delimited text's delimiter from the first records.

    Each candidate parses the head of the text with the csv module (so quoted
    delimiters and newlines are ignored); the winner splits the most records
    into the same number of fields, then into the most fields.

    Args:
        text: the decoded file.
        preferred: a delimiter to keep on ties (tab for ``.tsv`` files).

    Returns:
        One of `DELIMITERS`; "," when nothing splits the records.
    """
    sample = text[:_SNIFF_CHARS]
    truncated = len(text) > len(sample)
    keys = {d: _consistency(sample, d, truncated) for d in DELIMITERS}
    if preferred in keys and keys[preferred][0] and keys[preferred][1] >= 0.9:
        return preferred
    return max(DELIMITERS, key=lambda d: (*keys[d], d == preferred))


def _consistency(sample: str, delimiter: str, truncated: bool) -> tuple[bool, float, int]:
    try:
        records = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
    except csv.Error:
        return (False, 0.0, 0)
    if truncated and len(records) > 1:
        records = records[:-1]
    counts = [len(r) for r in records[:_SNIFF_RECORDS]]
    if not counts:
        return (False, 0.0, 0)
    mode, hits = Counter(counts).most_common(1)[0]
    return (mode > 1, round(hits / len(counts), 2), mode)


def parse_delimited(text: str, delimiter: str, *, where: str) -> list[list[str]]:
    """Parse delimited text into rows of strings (quoted newlines kept in cells).

    Raises:
        BadRecordError: the csv module refuses a record (e.g. a giant field).
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [row for row in reader]
    except csv.Error as err:
        raise BadRecordError(
            f"{where}: record {reader.line_num}: {err}; check the file's quoting"
        ) from err


def _build_frame(rows: list[list[str]], where: str, notes: dict[str, object]) -> pd.DataFrame:
    import pandas as pd

    while rows and not any(c.strip() for c in rows[0]):
        rows = rows[1:]
    if not rows:
        raise EmptyInputError(f"{where}: file holds no table; give a file with a header and rows")
    header, body, export = _split_header(rows)
    notes.update({"header_rows": len(rows) - len(body), "export": export})
    width = max(len(header), *(len(r) for r in body)) if body else len(header)
    header = _pad(header, width)
    names = _unique_names(header)
    padded = [_pad(r, width) for r in body]
    numbers = [i for i, r in enumerate(padded, start=1) if any(c.strip() for c in r)]
    if not numbers:
        raise EmptyInputError(f"{where}: file has a header but no data rows; add rows")
    frame = pd.DataFrame([padded[i - 1] for i in numbers], columns=names, index=numbers, dtype=str)
    unnamed = [n for n, h in zip(names, header, strict=True) if not h.strip()]
    empty = [n for n in unnamed if not (frame[n].str.strip() != "").any()]
    return frame.drop(columns=empty)


def _pad(row: list[str], width: int) -> list[str]:
    return [*row, *[""] * (width - len(row))]


def _split_header(rows: list[list[str]]) -> tuple[list[str], list[list[str]], str]:
    """Find the header row(s): returns header, data rows, and the export style."""
    for idx in (1, 2):
        if len(rows) > idx and any(_IMPORT_ID.match(c.strip()) for c in rows[idx]):
            ids, questions = rows[0], rows[idx - 1]
            width = max(len(ids), len(questions))
            ids, questions = _pad(ids, width), _pad(questions, width)
            merged = [q.strip() or i.strip() for i, q in zip(ids, questions, strict=True)]
            return merged, rows[idx + 1 :], "qualtrics"
    if len(rows) > 1 and _is_sub_header(rows[1]):
        return _merge_sub_header(rows[0], rows[1]), rows[2:], "surveymonkey"
    return [c.strip() for c in rows[0]], rows[1:], "generic"


def _is_sub_header(row: list[str]) -> bool:
    cells = [c.strip().lower() for c in row]
    return bool(cells) and not cells[0] and any(c in _SUB_HEADERS for c in cells)


def _merge_sub_header(top: list[str], sub: list[str]) -> list[str]:
    merged, question = [], ""
    for i in range(max(len(top), len(sub))):
        own = top[i].strip() if i < len(top) else ""
        part = sub[i].strip() if i < len(sub) else ""
        question = own or question
        if not own and not part:
            merged.append("")
        elif not part or (own and part.lower() in _SUB_HEADERS):
            merged.append(own or question)
        else:
            merged.append(f"{question} - {part}" if question else part)
    return merged


def _unique_names(header: list[str]) -> list[str]:
    out: list[str] = []
    for i, header_cell in enumerate(header, start=1):
        name = header_cell.strip() or f"column {i}"
        unique, n = name, 1
        while unique in out:
            n += 1
            unique = f"{name} ({n})"
        out.append(unique)
    return out


def _read_xlsx(path: Path, where: str, max_bytes: int) -> tuple[list[list[str]], str, dict]:
    data = read_bytes(path, max_bytes=max_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    _check_zip(data, where)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet, rows, formulas = _first_sheet(book)
        book.close()
        if formulas:
            cached = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            _use_cached_values(cached[sheet], rows, formulas)
            cached.close()
    except Exception as err:  # noqa: BLE001 - openpyxl fails on corrupt parts in open-ended ways
        # (found by fuzzing: XML ParseError, KeyError, TypeError…); all mean "corrupt workbook".
        reason = " ".join(str(err).split())[:120] or type(err).__name__
        raise DecodeError(f"{where}: not a readable .xlsx workbook ({reason}); re-save it") from err
    return rows, sha256, {"encoding": None, "delimiter": None, "sheet": sheet}


def _check_zip(data: bytes, where: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception as err:  # noqa: BLE001 - zipfile also raises NotImplementedError, EOFError…
        raise DecodeError(
            f"{where}: not an .xlsx workbook (not a readable zip file); save it as .xlsx or CSV"
        ) from err
    size = sum(e.file_size for e in entries)
    if len(entries) > MAX_XLSX_ENTRIES or size > MAX_XLSX_UNCOMPRESSED:
        raise UnsupportedFormatError(
            f"{where}: workbook expands to {size:,} bytes in {len(entries):,} entries, over "
            f"the {MAX_XLSX_UNCOMPRESSED:,}-byte / {MAX_XLSX_ENTRIES:,}-entry limit; export as CSV"
        )


def _first_sheet(book: Workbook) -> tuple[str, list[list[str]], set[tuple[int, int]]]:
    """The first worksheet holding a non-empty cell, its rows and its formula cells."""
    for sheet in book.worksheets:
        rows: list[list[str]] = []
        formulas: set[tuple[int, int]] = set()
        for r, cells in enumerate(sheet.iter_rows()):
            row = [_cell_text(getattr(c, "value", None)) for c in cells]
            formulas |= {
                (r, c) for c, cell in enumerate(cells) if getattr(cell, "data_type", "") == "f"
            }
            while row and not row[-1]:
                row.pop()
            rows.append(row)
        if any(rows):
            return sheet.title, rows, formulas
    return "", [], set()


def _use_cached_values(
    sheet: Worksheet, rows: list[list[str]], formulas: set[tuple[int, int]]
) -> None:
    """Replace formula text by the value Excel cached, when it cached one."""
    for r, values in enumerate(sheet.iter_rows(values_only=True)):
        for c, value in enumerate(values):
            if (r, c) in formulas and value is not None:
                rows[r][c] = _cell_text(value)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)
