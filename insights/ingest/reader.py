"""Ingest entry point: paths in, one validated units table out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from insights.errors import (
    EmptyInputError,
    InputNotFoundError,
    UnsupportedFormatError,
)
from insights.ingest._types import IngestOptions, SourceResult
from insights.ingest.language import LanguageDetector
from insights.ingest.sentences import SentenceSplitter
from insights.ingest.units import records_to_units
from insights.schema import INGEST_COLUMNS, Col, validate_units

__all__ = [
    "InputFile",
    "IngestResult",
    "SourceSummary",
    "SourceUnits",
    "combine_units",
    "discover",
    "ingest",
    "read_source",
    "read_units",
]

Reader = Callable[[Path, str, IngestOptions], SourceResult]

TRANSCRIPT_SUFFIXES = (".txt", ".md", ".vtt", ".srt", ".docx")
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".xlsx")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
SUPPORTED_SUFFIXES = TRANSCRIPT_SUFFIXES + TABLE_SUFFIXES + JSON_SUFFIXES


@dataclass(frozen=True)
class SourceSummary:
    """What was read from one file, for `insights ingest` and the map's sources."""

    source: str
    path: str
    kind: str
    sha256: str
    records: int
    units: int
    respondents: int
    skipped_records: int
    notes: dict[str, object]


@dataclass
class IngestResult:
    """The units table, respondent attributes, and what was read or skipped."""

    units: pd.DataFrame
    respondents: pd.DataFrame
    sources: list[SourceSummary]
    skipped_files: list[str] = field(default_factory=list)

    @property
    def skipped_records(self) -> int:
        """Malformed records skipped across all sources."""
        return sum(s.skipped_records for s in self.sources)


@dataclass(frozen=True)
class SourceUnits:
    """One file's unit rows, its summary and its respondents' attributes."""

    rows: list[dict[str, object]]
    summary: SourceSummary
    attributes: list[dict[str, str]]


@dataclass(frozen=True)
class InputFile:
    """A file to read: its path, its source name, and whether the user named it."""

    path: Path
    name: str
    explicit: bool


def discover(paths: Sequence[Path]) -> tuple[list[InputFile], list[str]]:
    """List the files to read and the unsupported ones skipped.

    A folder is walked recursively (hidden and ``_``-prefixed entries skipped);
    its files are named relative to it. A file named explicitly must be supported.

    Raises:
        InputNotFoundError: a path does not exist.
        UnsupportedFormatError: a file named explicitly has an unsupported suffix.
    """
    files: list[InputFile] = []
    skipped: list[str] = []
    for path in paths:
        if not path.exists():
            raise InputNotFoundError(f"{path}: no such file or folder; check the path")
        if path.is_dir():
            found, unsupported = _walk(path)
            files += found
            skipped += unsupported
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(InputFile(path, path.name, explicit=True))
        else:
            raise UnsupportedFormatError(
                f"{path}: unsupported format {path.suffix or '(no suffix)'!r}; "
                f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
            )
    return _unique_names(files), skipped


def _walk(folder: Path) -> tuple[list[InputFile], list[str]]:
    files, skipped = [], []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith((".", "_")) for part in rel.parts) or not path.is_file():
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(InputFile(path, rel.as_posix(), explicit=False))
        else:
            skipped.append(str(path))
    return files, skipped


def _unique_names(files: list[InputFile]) -> list[InputFile]:
    names = [f.name for f in files]
    return [
        InputFile(f.path, str(f.path), f.explicit) if names.count(f.name) > 1 else f for f in files
    ]


def _reader_for(path: Path) -> Reader:
    suffix = path.suffix.lower()
    if suffix in TRANSCRIPT_SUFFIXES:
        from insights.ingest.transcripts import read_transcript

        return read_transcript
    if suffix in TABLE_SUFFIXES:
        from insights.ingest.surveys import read_table_source

        return read_table_source
    from insights.ingest.reviews import read_json_source

    return read_json_source


def read_source(path: Path, name: str, options: IngestOptions) -> SourceResult:
    """Read one supported file with the reader for its suffix."""
    return _reader_for(path)(path, name, options)


def ingest(
    paths: Sequence[Path],
    *,
    options: IngestOptions | None = None,
    splitter: SentenceSplitter | None = None,
    detector: LanguageDetector | None = None,
    on_file: Callable[[str], None] | None = None,
) -> IngestResult:
    """Read every input into one units table.

    In a folder, unsupported and empty files are listed and skipped; any other
    problem raises an `InsightsError` naming the file. This is `discover`, then
    `read_units` on each file, then `combine_units` (an executor may map
    `read_units` over the files elsewhere and combine the results the same way).

    Args:
        paths: files and folders.
        options: what the user told ingest.
        splitter: sentence splitter (created when None).
        detector: language detector (created when None).
        on_file: called with each source name before it is read (progress).

    Returns:
        The units table, respondents' attributes and per-source summaries.

    Example:
        >>> result = ingest([Path("corpora/demo")])
        >>> result.units[["source", "respondent_id", "text"]].head()
    """
    options = options or IngestOptions()
    splitter = splitter or SentenceSplitter()
    detector = detector or LanguageDetector()
    files, skipped = discover(paths)
    parts: list[SourceUnits | None] = []
    for file in files:
        if on_file is not None:
            on_file(file.name)
        parts.append(read_units(file, options, splitter=splitter, detector=detector))
    return combine_units(paths, files, parts, skipped)


def read_units(
    file: InputFile,
    options: IngestOptions,
    *,
    splitter: SentenceSplitter,
    detector: LanguageDetector,
) -> SourceUnits | None:
    """Read one discovered file into its unit rows; None for an empty file in a folder.

    Raises:
        EmptyInputError: the file was named explicitly and holds no statement.
        InsightsError: any other problem with the file (decoding, format, columns).
    """
    result = _read_or_skip(file, options)
    if result is None:
        return None
    units = records_to_units(result, splitter=splitter, detector=detector, split=options.split)
    return SourceUnits(units, _summary(file.path, result, units), _attribute_rows(result))


def combine_units(
    paths: Sequence[Path],
    files: Sequence[InputFile],
    parts: Sequence[SourceUnits | None],
    skipped: Sequence[str] = (),
) -> IngestResult:
    """Combine the `read_units` results of `files` (same order) into one validated table.

    Args:
        paths: the inputs the user gave (named in the error when nothing was found).
        files: the files from `discover(paths)`.
        parts: `read_units` of each file, in the order of `files`.
        skipped: unsupported files `discover` skipped.

    Raises:
        EmptyInputError: no file held a statement.
    """
    skipped = list(skipped)
    rows: list[dict[str, object]] = []
    summaries: list[SourceSummary] = []
    attributes: list[dict[str, str]] = []
    for file, part in zip(files, parts, strict=True):
        if part is None:
            skipped.append(f"{file.path} (empty)")
            continue
        rows += part.rows
        summaries.append(part.summary)
        attributes += part.attributes
    if not rows:
        raise EmptyInputError(
            f"{', '.join(map(str, paths))}: no statement found in any supported file; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    units_frame = validate_units(pd.DataFrame(rows, columns=list(INGEST_COLUMNS)))
    return IngestResult(units_frame, _respondents(attributes), summaries, skipped)


def _read_or_skip(file: InputFile, options: IngestOptions) -> SourceResult | None:
    try:
        return read_source(file.path, file.name, options)
    except EmptyInputError:
        if file.explicit:
            raise
        return None


def _summary(path: Path, result: SourceResult, units: list[dict[str, object]]) -> SourceSummary:
    respondents = {u[Col.RESPONDENT_ID.value] for u in units if u[Col.ROLE.value] == "respondent"}
    return SourceSummary(
        source=result.source,
        path=str(path),
        kind=result.kind.value,
        sha256=result.sha256,
        records=len(result.records),
        units=len(units),
        respondents=len(respondents),
        skipped_records=result.skipped_records,
        notes=result.notes,
    )


def _attribute_rows(result: SourceResult) -> list[dict[str, str]]:
    prefix = f"{result.source}#"
    return [
        {
            Col.RESPONDENT_ID.value: rid if rid.startswith(prefix) else prefix + rid,
            Col.SOURCE.value: result.source,
            **attrs,
        }
        for rid, attrs in result.attributes.items()
    ]


def _respondents(rows: list[dict[str, str]]) -> pd.DataFrame:
    """One row per respondent with their closed attributes (columns vary by source)."""
    if not rows:
        return pd.DataFrame(columns=[Col.RESPONDENT_ID.value, Col.SOURCE.value], dtype="string")
    frame = pd.DataFrame(rows).astype("string")
    return frame.drop_duplicates(Col.RESPONDENT_ID.value, keep="last").reset_index(drop=True)
