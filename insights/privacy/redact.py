"""Redact personal data with typed placeholders: [EMAIL], [PHONE], [IBAN], [CARD].

Rules (pattern-based, language independent):
    EMAIL  local@domain.tld
    IBAN   two letters, two check digits, 11–30 alphanumerics (spaces allowed),
           accepted when the ISO 13616 mod-97 check passes
    CARD   13–19 digits (spaces/dashes allowed) passing the Luhn check
    PHONE  international (+33 6 12 34 56 78, +44 20 7946 0958, 0044…) and French
           national (06 12 34 56 78, 06.12.34.56.78) formats, and 9–12 digit runs with
           separators that aren't dates or card numbers
Person names (spaCy NER) and user terms are added by later work (see the issue).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from insights.schema import Col

__all__ = ["Redactor", "redact_attributes", "redact_units"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
_CARD = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}"
    r"|0[1-9](?:[\s.-]?\d{2}){4}"
    r"|\(?0\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}"
    r")(?!\w)"
)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _iban_ok(candidate: str) -> bool:
    compact = candidate.replace(" ", "")
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def _sub_checked(
    pattern: re.Pattern[str], placeholder: str, check: Callable[[str], bool]
) -> Callable[[str], str]:
    def replace(text: str) -> str:
        return pattern.sub(lambda m: placeholder if check(m.group(0)) else m.group(0), text)

    return replace


class Redactor:
    """Replaces personal data in text with typed placeholders."""

    def __init__(self) -> None:
        self._steps: list[Callable[[str], str]] = [
            lambda t: _EMAIL.sub("[EMAIL]", t),
            _sub_checked(_IBAN, "[IBAN]", _iban_ok),
            _sub_checked(_CARD, "[CARD]", lambda m: _luhn_ok(re.sub(r"\D", "", m))),
            lambda t: _PHONE.sub("[PHONE]", t),
        ]

    def redact(self, text: str) -> str:
        """Return `text` with every detected item replaced by its placeholder."""
        for step in self._steps:
            text = step(text)
        return text


_TEXT_COLUMNS = (Col.TEXT, Col.PREFIX, Col.SUFFIX, Col.QUESTION)


def redact_units(units: pd.DataFrame, *, redactor: Redactor) -> pd.DataFrame:
    """Return a copy of `units` with text, quote context and questions redacted."""
    out = units.copy()
    for col in _TEXT_COLUMNS:
        out[col.value] = out[col.value].map(redactor.redact, na_action="ignore").astype("string")
    return out


_PERSONAL_HEADER = re.compile(
    r"e-?mail|courriel|phone|t[ée]l[ée]phone|mobile|ip address|adresse ip|"
    r"\b(first|last|full)? ?name\b|\bnom\b|pr[ée]nom|address|adresse",
    re.IGNORECASE,
)


def redact_attributes(respondents: pd.DataFrame, *, redactor: Redactor) -> pd.DataFrame:
    """Drop personal columns (email, phone, name, address, IP) and redact the rest."""
    meta = (Col.RESPONDENT_ID.value, Col.SOURCE.value)
    keep = [c for c in respondents.columns if c in meta or not _PERSONAL_HEADER.search(c)]
    out = respondents[keep].copy()
    for col in keep:
        if col not in meta:
            out[col] = out[col].map(redactor.redact, na_action="ignore").astype("string")
    return out
