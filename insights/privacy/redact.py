"""Redact the units table and the respondents table with one run's `Redactor`.

`Redactor` lives in `insights.privacy.redactor`; it is re-exported here.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from insights.privacy.given_names import looks_like_person
from insights.privacy.redactor import Redactor
from insights.schema import Col

__all__ = [
    "Redactor",
    "pseudonymous_id",
    "redact_attributes",
    "redact_source_notes",
    "redact_units",
]

_CONTEXT_COLUMNS = (Col.PREFIX, Col.SUFFIX)
_PERSONAL_HEADER = re.compile(
    r"e-?mail|courriel|phone|t[ée]l[ée]phone|mobile|ip address|adresse ip|"
    r"\b(first|last|full)? ?name\b|\bnom\b|pr[ée]nom|address|adresse",
    re.IGNORECASE,
)
_META = (Col.RESPONDENT_ID.value, Col.SOURCE.value)


def redact_units(
    units: pd.DataFrame, *, redactor: Redactor, identities: bool = False
) -> pd.DataFrame:
    """Return a copy of `units` with text, quote context and questions redacted.

    Speaker labels that read as names ("Claire", not "Interviewer") are given to the
    redactor first, so they are redacted wherever the transcript mentions them. Texts
    and questions are searched for names with the NER model, by each unit's `lang`;
    the 32-character `prefix` / `suffix` contexts with the patterns and the names
    found in the run.

    Args:
        units: a units table (missing text columns are skipped).
        redactor: the run's redactor (use the same one for `redact_attributes`).
        identities: also replace person-like `speaker` labels and the speaker or
            author part of `respondent_id` by their `[NAME n]` placeholder. Use the
            same redactor for the respondents table, or ids will no longer join.

    Returns:
        A new frame; the input is untouched.
    """
    out = units.copy()
    if Col.SPEAKER.value in out:
        speakers = out[Col.SPEAKER.value].dropna().astype(str).unique()
        redactor.add_names(s for s in speakers if looks_like_person(s))
    langs = out[Col.LANG.value] if Col.LANG.value in out else pd.Series("en", index=out.index)
    _redact_texts(out, langs, redactor)
    for col in _CONTEXT_COLUMNS:
        if col.value in out:
            out[col.value] = _redact_column(out[col.value], redactor, ner=False)
    if identities:
        _pseudonymise(out, redactor, speaker=True)
    return out


def redact_attributes(
    respondents: pd.DataFrame, *, redactor: Redactor, identities: bool = False
) -> pd.DataFrame:
    """Drop personal columns (email, phone, name, address, IP) and redact the rest.

    Values are short closed answers (plan, city, segment), so they are searched with
    the patterns, the user's terms and the names already found in the run, not NER.
    Call it after `redact_units` with the same redactor.

    Args:
        respondents: one row per respondent.
        redactor: the run's redactor.
        identities: replace the author part of `respondent_id` as `redact_units` does.
    """
    keep = [c for c in respondents.columns if c in _META or not _PERSONAL_HEADER.search(c)]
    out = respondents[keep].copy()
    for col in keep:
        if col not in _META:
            out[col] = _redact_column(out[col], redactor, ner=False)
    if identities:
        _pseudonymise(out, redactor, speaker=False)
    return out


def _redact_texts(out: pd.DataFrame, langs: pd.Series, redactor: Redactor) -> None:
    """Redact `text` and `question` in one NER pass (questions repeat: done once each)."""
    cols = [c.value for c in (Col.TEXT, Col.QUESTION) if c.value in out]
    keys = {
        (value, _lang(lang)): None
        for col in cols
        for value, lang in zip(out[col], langs, strict=True)
        if isinstance(value, str) and value
    }
    texts, text_langs = [k[0] for k in keys], [k[1] for k in keys]
    done = dict(zip(keys, redactor.redact_many(texts, text_langs), strict=True))
    for col in cols:
        redacted = [
            done[(v, _lang(g))] if isinstance(v, str) and v else v
            for v, g in zip(out[col], langs, strict=True)
        ]
        out[col] = pd.Series(redacted, index=out.index, dtype="string")


def _lang(value: object) -> str:
    return value if isinstance(value, str) and value else "en"


def _redact_column(values: pd.Series, redactor: Redactor, *, ner: bool) -> pd.Series:
    present = values.dropna().astype(str)
    unique = list(dict.fromkeys(present))
    done = dict(zip(unique, redactor.redact_many(unique, ner=ner), strict=True))
    return values.map(lambda v: done[str(v)], na_action="ignore").astype("string")


def _pseudonymise(out: pd.DataFrame, redactor: Redactor, *, speaker: bool) -> None:
    def rename(label: str) -> str:
        return redactor.name_placeholder(label) if looks_like_person(label) else label

    if speaker and Col.SPEAKER.value in out:
        out[Col.SPEAKER.value] = out[Col.SPEAKER.value].map(rename, na_action="ignore")
    if Col.RESPONDENT_ID.value in out:
        out[Col.RESPONDENT_ID.value] = out[Col.RESPONDENT_ID.value].map(
            lambda rid: pseudonymous_id(str(rid)), na_action="ignore"
        )


_CODE = re.compile(
    r"[A-Za-z]{0,4}[-_ ]?\d+|[QAR]|(?:respondent|participant|speaker|interviewee|interviewer|"
    r"intervieweur|intervieweuse|enquêteur|enquêtrice|moderator|modérateur|modératrice|"
    r"animateur|animatrice|client|cliente|customer|répondant|répondante)\s*\d*",
    re.I,
)


def pseudonymous_id(respondent_id: str) -> str:
    """`source#Élodie M.` → `source#p-1a2b3c4d`; ids that are codes (`P3`, `FR-0001`) stay.

    The pseudonym is a hash of source and name, so it is stable across runs (review and
    merge match on it) and two people never share one (unlike a `[NAME n]` placeholder,
    which joins "Tom B." and "Tom R."). It is not anonymous: whoever has the inputs can
    recompute it.
    """
    source, sep, who = respondent_id.rpartition("#")
    if not sep or _CODE.fullmatch(who.strip()):
        return respondent_id
    digest = hashlib.sha256(f"{source}\0{who}".encode()).hexdigest()[:8]
    return f"{source}#p-{digest}"


def redact_source_notes(notes: dict[str, object], redactor: Redactor) -> dict[str, object]:
    """A source's ingest notes with speaker labels that read as names as `[NAME n]`."""

    def label(name: object) -> object:
        if isinstance(name, str) and looks_like_person(name):
            return redactor.name_placeholder(name)
        return name

    out = dict(notes)
    speakers, interviewers = out.get("speakers"), out.get("interviewers")
    if isinstance(speakers, dict):
        out["speakers"] = {str(label(k)): v for k, v in speakers.items()}
    if isinstance(interviewers, list):
        out["interviewers"] = [label(k) for k in interviewers]
    return out
