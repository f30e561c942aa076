"""Turn a survey or review table into records: one per answered open-text cell.

Survey shape (closed columns plus one or more open-text columns): each
non-empty open-text cell is a record whose `question` is the full column
header and whose locator is ``row 12, column "What is the main reason…"``.
Review shape (one text column with a rating, title or author): each row is a
record located ``row 12``; a title column is kept in the attributes, never
prepended to the text.

`record_id` is the id column's value (so results join back to the input rows)
or ``row{n}``, n the 1-based data row number; it is the same for every text
column of a row. `respondent_id` is the respondent/author column's value, else
the record id. Closed columns become the respondent's attributes.

Cells that are not answers are skipped (`NON_ANSWERS`, compared case-folded
after trimming spaces and trailing ``.``/``!``): blank, "n/a", "na", "-", "--",
".", "/", "?", "none", "null", "nan", "rien", "aucun", "aucune", "néant".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from insights.errors import EmptyInputError
from insights.ingest._types import IngestOptions, Record, SourceResult
from insights.ingest.columns import ColumnPlan, detect_columns
from insights.ingest.tables import read_table
from insights.schema import Kind

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["NON_ANSWERS", "build_records", "is_non_answer", "read_table_source"]

NON_ANSWERS = frozenset(
    {"", "n/a", "na", "-", "--", "/", "?", "none", "null", "nan"}
    | {"rien", "aucun", "aucune", "néant"}
)


def is_non_answer(text: str) -> bool:
    """Whether a cell holds no answer ("", "N/A", "-", "none", "rien"…)."""
    return text.strip().casefold().rstrip(".!").strip() in NON_ANSWERS


def read_table_source(path: Path, name: str, options: IngestOptions) -> SourceResult:
    """Read a CSV, TSV or XLSX survey/review export into records.

    Args:
        path: the file.
        name: the source name recorded on every unit.
        options: ``text_cols`` and ``id_col`` override detection.

    Returns:
        The records (kind survey or review), respondent attributes and notes
        (columns and their roles, text and id columns, encoding, delimiter, sheet…).

    Raises:
        EmptyInputError: no data row, or no answer in the text column(s).
        ColumnError: a named column is missing, or no free-text column was found.
        DecodeError: the file is binary or not a valid workbook.

    Example:
        >>> result = read_table_source(Path("nps.csv"), "nps.csv", IngestOptions())
        >>> result.notes["text_columns"]
        ['What is the main reason for your score?']
    """
    table = read_table(path, name, options)
    plan = detect_columns(
        table.frame, where=name, text_cols=options.text_cols, id_col=options.id_col
    )
    result = build_records(table.frame, plan, source=name, sha256=table.sha256, label="row")
    result.notes = {**plan_notes(plan), **table.notes, **result.notes}
    return result


def plan_notes(plan: ColumnPlan) -> dict[str, object]:
    """What was detected, for `insights ingest`: roles, text/id columns, shape."""
    return {
        "columns": {c: r.value for c, r in plan.roles.items()},
        "text_columns": list(plan.text_columns),
        "id_column": plan.id_column,
        "respondent_column": plan.respondent_column,
        "shape": plan.shape,
    }


@dataclass
class _Builder:
    """Accumulates records and attributes while walking the rows."""

    plan: ColumnPlan
    label: str
    records: list[Record]
    attributes: dict[str, dict[str, str]]
    seen: set[tuple[str, str, str]]
    duplicates: int = 0

    def add_row(self, number: object, row: dict[str, str]) -> None:
        plan = self.plan
        record_id = _cell(row, plan.id_column) or f"{self.label}{number}"
        respondent = _cell(row, plan.respondent_column) or record_id
        closed = {c: row[c].strip() for c in plan.attribute_columns if row[c].strip()}
        answered = False
        for column in plan.text_columns:
            text = row[column]
            if is_non_answer(text):
                continue
            answered = True
            self._add(record_id, respondent, column, text, number)
        if answered:
            self.attributes.setdefault(respondent, {}).update(closed)

    def _add(self, record_id: str, respondent: str, column: str, text: str, number: object) -> None:
        detailed = self.plan.shape == "survey" or len(self.plan.text_columns) > 1
        question = column if detailed else ""
        key = (record_id, question, text)
        if key in self.seen:
            self.duplicates += 1
            return
        self.seen.add(key)
        locator = f"{self.label} {number}" + (f', column "{column}"' if detailed else "")
        self.records.append(
            Record(
                record_id=record_id,
                respondent_id=respondent,
                text=text,
                locator=locator,
                question=question,
            )
        )


def _cell(row: dict[str, str], column: str | None) -> str:
    return row[column].strip() if column is not None else ""


def build_records(
    frame: pd.DataFrame, plan: ColumnPlan, *, source: str, sha256: str, label: str
) -> SourceResult:
    """Build a `SourceResult` from a table of strings and its column plan.

    Exact repeats (same record id, question and text, e.g. a duplicated row)
    are kept once and counted in ``notes["duplicate_records"]``.

    Args:
        frame: the table; its index holds the row (or line) numbers.
        plan: the column plan from `detect_columns`.
        source: the source name.
        sha256: hex digest of the file's bytes.
        label: what a row is called in ids and locators ("row", "line", "item").

    Returns:
        The records, attributes per respondent id and notes.

    Raises:
        EmptyInputError: no text cell holds an answer.
    """
    builder = _Builder(plan, label, records=[], attributes={}, seen=set())
    columns = [str(c) for c in frame.columns]
    for number, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        builder.add_row(number, dict(zip(columns, values, strict=True)))
    if not builder.records:
        listing = ", ".join(repr(c) for c in plan.text_columns)
        raise EmptyInputError(
            f"{source}: no answer in text column(s) {listing}; "
            "check the file or name the right column with --text-col"
        )
    kind = Kind.REVIEW if plan.shape == "reviews" else Kind.SURVEY
    notes: dict[str, object] = {"rows": len(frame)}
    if builder.duplicates:
        notes["duplicate_records"] = builder.duplicates
    return SourceResult(
        source=source,
        sha256=sha256,
        kind=kind,
        records=builder.records,
        attributes=builder.attributes,
        notes=notes,
    )
