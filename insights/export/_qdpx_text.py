"""The text sources of a QDPX project, rebuilt from the run's redacted statements.

The original input files are never copied into the project: they hold the
personal data the run redacted. Each source's text is rebuilt from its units
(units.csv / units.parquet in the run folder, interviewer turns included as
context) or, without a units table, from the quotes the map holds. One block
per transcript turn, table cell or review; a unit's span in that text is where
its code is applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from insights.errors import ColumnError
from insights.journeymap.model import JourneyMap, Quote

__all__ = ["SourceText", "TextUnit", "build_texts", "load_units", "units_from_map"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NUMBER = re.compile(r"\d+")
_COLUMNS = (
    "unit_id",
    "source",
    "record_id",
    "respondent_id",
    "speaker",
    "role",
    "kind",
    "locator",
    "char_start",
    "char_end",
    "text",
    "stage",
)


@dataclass(frozen=True)
class TextUnit:
    """One statement placed in a rebuilt source text."""

    unit_id: str
    source: str
    record: str
    locator: str
    speaker: str
    respondent_id: str
    kind: str
    text: str
    char_start: int
    char_end: int
    stage: str | None = None


@dataclass(frozen=True)
class SourceText:
    """A rebuilt source: its text and where each unit sits in it."""

    source: str
    text: str
    spans: dict[str, tuple[int, int]]
    units: dict[str, TextUnit]


def clean(text: str) -> str:
    """One line of XML-safe text: control characters dropped, whitespace collapsed."""
    return " ".join(_XML_ILLEGAL.sub("", text).split())


def _stage_or_none(value: object) -> str | None:
    text = str(value or "")
    return None if text in ("", "none", "nan") else text


def load_units(run_dir: Path) -> list[TextUnit] | None:
    """The units of a run folder (None when it has no units table).

    Raises:
        ColumnError: The units table lacks a column the export needs.
    """
    import pandas as pd

    csv_path, parquet_path = run_dir / "units.csv", run_dir / "units.parquet"
    if csv_path.is_file():
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    elif parquet_path.is_file():
        frame = pd.read_parquet(parquet_path).astype(str)
    else:
        return None
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise ColumnError(
            f"{run_dir}: units table lacks {', '.join(missing)}; re-run `insights run`"
        )
    return [_unit_from_row(row) for row in frame[list(_COLUMNS)].to_dict("records")]


def _unit_from_row(row: dict[str, str]) -> TextUnit:
    analysed = row["role"] == "respondent"
    return TextUnit(
        unit_id=row["unit_id"],
        source=row["source"],
        record=row["record_id"],
        locator=row["locator"],
        speaker=row["speaker"],
        respondent_id=row["respondent_id"],
        kind=row["kind"],
        text=clean(row["text"]),
        char_start=int(float(row["char_start"] or 0)),
        char_end=int(float(row["char_end"] or 0)),
        stage=_stage_or_none(row["stage"]) if analysed else None,
    )


def _quotes(journey_map: JourneyMap) -> Iterable[tuple[Quote, str | None]]:
    for proposal in [*journey_map.pain_points, *journey_map.delights]:
        yield from ((q, None) for q in proposal.quotes)
    for moment in journey_map.moments_of_truth:
        yield from ((q, moment.stage) for q in moment.quotes)
    for persona in journey_map.personas:
        yield from ((q, None) for q in persona.quotes)


def _natural(locator: str) -> tuple[tuple[int, ...], str]:
    return tuple(int(n) for n in _NUMBER.findall(locator)), locator


def units_from_map(journey_map: JourneyMap) -> list[TextUnit]:
    """Units rebuilt from the map's quotes (one per unit id), in source order."""
    kinds = {s.source: s.kind for s in journey_map.sources}
    found: dict[str, TextUnit] = {}
    for quote, stage in _quotes(journey_map):
        known = found.get(quote.unit_id)
        if known is not None:  # first text wins; a moment of truth adds the stage
            if known.stage is None and stage is not None:
                found[quote.unit_id] = replace(known, stage=stage)
            continue
        found[quote.unit_id] = TextUnit(
            unit_id=quote.unit_id,
            source=quote.source,
            record=quote.locator,
            locator=quote.locator,
            speaker=quote.respondent_id.rsplit("#", 1)[-1],
            respondent_id=quote.respondent_id,
            kind=kinds.get(quote.source, ""),
            text=clean(quote.text),
            char_start=quote.selector.start,
            char_end=quote.selector.end,
            stage=stage,
        )
    return sorted(found.values(), key=lambda u: (u.source, _natural(u.locator), u.char_start))


def _header(unit: TextUnit) -> str:
    if unit.kind == "transcript" and unit.speaker:
        return unit.speaker
    return unit.locator


def _layout(source: str, units: list[TextUnit]) -> SourceText:
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos, block = 0, None
    for unit in units:
        if (unit.record, unit.locator) != block:
            lead = ("\n\n" if parts else "") + f"{clean(_header(unit))}: "
            block = (unit.record, unit.locator)
        else:
            lead = " "
        parts.append(lead)
        pos += len(lead)
        spans[unit.unit_id] = (pos, pos + len(unit.text))
        parts.append(unit.text)
        pos += len(unit.text)
    return SourceText(source, "".join(parts) + "\n", spans, {u.unit_id: u for u in units})


def build_texts(units: list[TextUnit]) -> list[SourceText]:
    """One rebuilt text per source, sources in first-seen order."""
    by_source: dict[str, list[TextUnit]] = {}
    for unit in units:
        if unit.text:
            by_source.setdefault(unit.source, []).append(unit)
    return [_layout(source, items) for source, items in by_source.items()]
