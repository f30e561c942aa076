"""Types shared by the ingest readers.

A reader turns one file into `Record`s: one speaker turn, one survey cell, one
review. The ingest core (`insights.ingest.units`) detects each record's
language, splits it into sentences and gives every sentence a stable unit id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from insights.schema import Kind, Role

__all__ = ["IngestOptions", "Record", "SourceResult", "SourceText"]

DEFAULT_MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class IngestOptions:
    """What the user told ingest (all optional).

    Attributes:
        text_cols: columns holding free text (tables); auto-detected when empty.
        id_col: column holding the record id (tables, JSON); auto-detected when None.
        interviewer: speaker names to treat as interviewer (transcripts).
        split: split records into sentences (False keeps one unit per record).
        skip_bad_records: skip malformed records and count them instead of failing.
        max_bytes: refuse files larger than this.
    """

    text_cols: tuple[str, ...] = ()
    id_col: str | None = None
    interviewer: tuple[str, ...] = ()
    split: bool = True
    skip_bad_records: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class SourceText:
    """A decoded text file.

    Attributes:
        path: the file.
        name: the name recorded as `source` (relative to the input root).
        sha256: hex digest of the file's bytes.
        text: the decoded text, newlines normalised to "\\n".
        encoding: the encoding it was decoded with.
    """

    path: Path
    name: str
    sha256: str
    text: str
    encoding: str


@dataclass(frozen=True)
class Record:
    """One thing a person said, as found in a source, before sentence splitting.

    Attributes:
        record_id: id of the record in its source (row id, turn number, review id).
        respondent_id: who said it (speaker name, respondent id, review author).
        text: the text, exactly as in the source.
        locator: where it is, for a person ("line 12", "row 5, column Q2", "00:01:02").
        char_start: offset of `text` in the decoded source text; None when the text is
            a table cell or JSON field (then sentence offsets are relative to the field).
        speaker: the speaker label as written, for transcripts.
        role: respondent (analysed) or interviewer (context only).
        question: the survey question (column header) or the preceding interviewer turn.
    """

    record_id: str
    respondent_id: str
    text: str
    locator: str
    char_start: int | None = None
    speaker: str = ""
    role: Role = Role.RESPONDENT
    question: str = ""


@dataclass
class SourceResult:
    """What a reader found in one file.

    Attributes:
        source: the name recorded as `source`.
        sha256: hex digest of the file's bytes.
        kind: transcript, survey or review.
        records: the records, in source order.
        attributes: closed attributes per respondent id (NPS, plan, rating, date…).
        notes: what was detected, for `insights ingest` (speakers, columns, encoding…).
        skipped_records: malformed records skipped under `skip_bad_records`.
    """

    source: str
    sha256: str
    kind: Kind
    records: list[Record]
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: dict[str, object] = field(default_factory=dict)
    skipped_records: int = 0
