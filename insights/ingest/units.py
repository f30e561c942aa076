"""Turn readers' records into units: language, sentence spans, stable unit ids."""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any

from insights.forking import while_waiting
from insights.ingest._types import Record, SourceResult
from insights.ingest.language import LanguageDetector
from insights.ingest.sentences import SentenceSplitter, Span
from insights.schema import INGEST_COLUMNS, Role

__all__ = ["make_unit_id", "records_to_units"]

_CONTEXT = 32  # characters of prefix/suffix kept for quote selectors


def make_unit_id(source: str, record_id: str, question: str, start: int, text: str) -> str:
    """Stable id of a unit: the same statement at the same place gets the same id."""
    key = "\x1f".join((source, record_id, question, str(start), text))
    return "u" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def records_to_units(
    result: SourceResult,
    *,
    splitter: SentenceSplitter,
    detector: LanguageDetector,
    split: bool = True,
) -> list[dict[str, Any]]:
    """Build unit rows (dicts keyed by `Col` values) from one source's records.

    Respondent records are split into sentences when `split` is set; interviewer
    records stay whole (they are context, not analysed).

    Args:
        result: what a reader found in one file.
        splitter: sentence splitter (spaCy pipelines, loaded once).
        detector: language detector.
        split: split respondent records into sentences.

    Returns:
        One dict per unit, in source order.
    """
    records = [r for r in result.records if r.text.strip()]
    preload = splitter.preload if split else None  # pipelines load while languages are detected
    langs = detector.detect_all([r.text for r in records], meanwhile=preload)
    spans = _record_spans(records, langs, splitter=splitter, split=split)
    return [
        _unit_row(result, record, lang, span)
        for record, lang, record_spans in zip(records, langs, spans, strict=True)
        for span in record_spans
    ]


def _record_spans(
    records: list[Record], langs: list[str], *, splitter: SentenceSplitter, split: bool
) -> list[list[Span]]:
    """Each record's sentence spans, one language after the other.

    While forked workers split a language's texts, this process loads the
    pipelines of the languages after it that have texts missing from the cache
    (`insights.forking.while_waiting`): 26 new French statements among 1,000 new
    English ones no longer wait for the French load after the English split.
    """
    spans: list[list[Span]] = [[_trimmed(r.text)] for r in records]
    if not split:
        return spans
    order = sorted(set(langs))
    texts_of = {
        lang: [i for i, r in enumerate(records) if langs[i] == lang and r.role is Role.RESPONDENT]
        for lang in order
    }
    for k, lang in enumerate(order):
        idx = texts_of[lang]
        later = [
            partial(splitter.preload_missing, [records[i].text for i in texts_of[other]], other)
            for other in order[k + 1 :]
        ]
        with while_waiting(*later):
            found = splitter.split_many([records[i].text for i in idx], lang)
        for i, record_spans in zip(idx, found, strict=True):
            spans[i] = record_spans or spans[i]
    return spans


def _trimmed(text: str) -> Span:
    start = len(text) - len(text.lstrip())
    return start, len(text.rstrip())


def _unit_row(result: SourceResult, record: Record, lang: str, span: Span) -> dict[str, Any]:
    start, end = span
    text = record.text[start:end]
    base = record.char_start or 0
    values = (  # in INGEST_COLUMNS order
        make_unit_id(result.source, record.record_id, record.question, start, text),
        result.source,
        result.sha256,
        result.kind.value,
        record.record_id,
        _respondent_id(result.source, record.respondent_id),
        record.speaker,
        record.role.value,
        record.question,
        record.locator,
        base + start,
        base + end,
        lang,
        text,
        record.text[max(0, start - _CONTEXT) : start],
        record.text[end : end + _CONTEXT],
    )
    return dict(zip(INGEST_COLUMNS, values, strict=True))  # keys read once, not per unit


def _respondent_id(source: str, respondent: str) -> str:
    """Scope respondent ids to their source, so row numbers of two files never collide."""
    prefix = f"{source}#"
    if respondent == source or respondent.startswith(prefix):
        return respondent
    return prefix + respondent
