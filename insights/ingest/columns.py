"""Detect what each column of a survey or review table holds, from its content.

Each column gets a `ColumnRole`. Content decides first (numbers, dates, word
counts, distinct ratio); the header adds hints ("comment", "why", "?",
"pourquoi", "id", "rating", "recommend"…). Numbers accept French decimal
commas ("8,5") and thousands separators; dates accept ISO, d/m/y, m/d/y,
"31-Jul-18", "21 mars 2021" and optional times.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Literal

from insights.errors import ColumnError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ColumnPlan",
    "ColumnRole",
    "classify_column",
    "detect_columns",
    "looks_like_date",
    "parse_number",
    "resolve_column",
]

Shape = Literal["survey", "reviews"]


class ColumnRole(str, Enum):
    """What a column holds."""

    ID = "id"
    TEXT = "text"
    TITLE = "title"
    RESPONDENT = "respondent"
    RATING = "rating"
    NPS = "nps"
    NUMERIC = "numeric"
    DATE = "date"
    CATEGORICAL = "categorical"
    OTHER = "other"
    EMPTY = "empty"


_TEXT_HINTS = frozenset(
    "comment comments commentaire commentaires feedback review reviews text texte answer "
    "why reason reasons improve improvement improvements suggestion suggestions verbatim "
    "body content message explain describe avis pourquoi raison raisons ameliorer "
    "amelioration ameliorations remarque remarques reponse precisez expliquez".split()
)
_ID_HINTS = frozenset("id idx uuid guid identifiant identifier".split())
_STRONG_ID = frozenset(
    "response respondent repondant review comment ticket record complaint".split()
)
_BARE_ID = frozenset({"respondent", "repondant", "ticket"})
_SURVEY_ID = frozenset({"respondent", "repondant", "response"})
_AUTHOR_HINTS = frozenset("author auteur reviewer user username pseudo".split())
_RESPONDENT_VOCAB = frozenset(
    "author user username customer reviewer respondent repondant auteur pseudo client "
    "name nom id login screen display".split()
)
_RESPONDENT_HINTS = _RESPONDENT_VOCAB - {"name", "nom", "id", "login", "screen", "display"}
_TITLE_HINTS = frozenset("title titre subject sujet objet headline summary".split())
_RATING_HINTS = frozenset(
    "rating ratings stars star note notes etoiles etoile score grade csat overall "
    "satisfaction satisfied".split()
)
_DATE_HINTS = frozenset("date time timestamp created updated submitted horodateur".split())
_NPS_PATTERN = re.compile(r"recommend|recommand|likely|probab")

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:[ .,\u00a0\u202f']\d{3})+|\d+)(?:[.,]\d+)?\s*%?$")
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|fevr|fev|avr|mai|juin|juil|"
    "aout|janvier|fevrier|mars|avril|juillet|septembre|octobre|novembre|decembre|january|"
    "february|march|april|june|july|august|september|october|november|december"
)
_TIME = r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?)?"
_ZONE = r"(?:\s*(?:z|utc|gmt)?\s*(?:[+-]\d{1,2}(?::?\d{2})?)?)?"
_DATE = re.compile(
    rf"^(?:\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}"
    rf"|\d{{1,2}}[- ](?:{_MONTHS})\.?[- ,]+\d{{2,4}}|(?:{_MONTHS})\.? \d{{1,2}},? \d{{4}})"
    rf"{_TIME}{_ZONE}$"
)
_SAMPLE = 500


@dataclass(frozen=True)
class ColumnPlan:
    """What to do with each column of a table.

    Attributes:
        roles: every column's role, in column order.
        text_columns: the free-text columns to analyse.
        id_column: the column whose value becomes `record_id`, if any.
        respondent_column: who wrote it (author, user, respondent), if any.
        title_column: a review title, kept as an attribute, if any.
        shape: "survey" (one record per open-text cell) or "reviews".
    """

    roles: dict[str, ColumnRole]
    text_columns: tuple[str, ...]
    id_column: str | None
    respondent_column: str | None
    title_column: str | None
    shape: Shape

    @property
    def attribute_columns(self) -> tuple[str, ...]:
        """Closed columns kept as respondent attributes (title included)."""
        skip = {ColumnRole.TEXT, ColumnRole.EMPTY}
        used = {*self.text_columns, self.id_column, self.respondent_column}
        return tuple(c for c, r in self.roles.items() if r not in skip and c not in used)


def parse_number(value: str) -> float | None:
    """Parse "7", "8,5", "1 234,5", "1,234.5" or "45 %"; None when not a number."""
    text = value.strip()
    if not _NUMBER.match(text):
        return None
    text = re.sub(r"[\s\u00a0\u202f'%]", "", text)
    seps = [i for i, ch in enumerate(text) if ch in ",."]
    if len(seps) > 1 and len({text[i] for i in seps}) == 1:
        return float(re.sub(r"[.,]", "", text))
    if not seps:
        return float(text)
    whole, frac = text[: seps[-1]], text[seps[-1] + 1 :]
    return float(re.sub(r"[.,]", "", whole) + "." + frac)


def looks_like_date(value: str) -> bool:
    """Whether a cell reads as a date or date-time (English or French month names)."""
    return bool(_DATE.match(_fold(value.strip())))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tokens(header: str) -> set[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", header)
    return set(re.findall(r"[a-z0-9#]+", _fold(spaced)))


def _id_strength(header: str) -> int:
    """How strongly a header names an id column: 0 (not), 1 (some id), 2 (row id)."""
    tokens = _tokens(header)
    if header.strip() == "#" or tokens in ({"id"}, {"uuid"}):
        return 2
    if tokens & _BARE_ID and tokens <= _BARE_ID | {"id", "number", "no", "n", "numero"}:
        return 2
    if tokens & _ID_HINTS:
        return 2 if tokens & _STRONG_ID else 1
    return 0


@dataclass(frozen=True)
class _Stats:
    filled: int
    distinct: int
    numbers: list[float]
    dates: float
    words: float
    length: float
    multiword: float

    @property
    def distinct_ratio(self) -> float:
        return self.distinct / self.filled


def _stats(values: Sequence[str]) -> _Stats:
    filled = [v.strip() for v in values if v.strip()]
    step = max(1, len(filled) // _SAMPLE)
    sample = filled[::step]
    numbers = [n for n in map(parse_number, sample) if n is not None]
    words = [len(v.split()) for v in sample] or [0]
    return _Stats(
        filled=len(filled),
        distinct=len(set(filled)),
        numbers=numbers if len(numbers) >= 0.9 * len(sample) else [],
        dates=sum(map(looks_like_date, sample)) / max(1, len(sample)),
        words=sum(words) / len(words),
        length=sum(map(len, sample)) / max(1, len(sample)),
        multiword=sum(w >= 3 for w in words) / len(words),
    )


def classify_column(header: str, values: Sequence[str]) -> ColumnRole:
    """Give one column a role from its header and its cells.

    Args:
        header: the column header.
        values: the column's cells, as strings.

    Returns:
        The role; free text is `ColumnRole.TEXT`.
    """
    stats = _stats(values)
    if not stats.filled:
        return ColumnRole.EMPTY
    tokens = _tokens(header)
    id_hinted = _id_strength(header) > 0
    if id_hinted and stats.distinct == stats.filled and stats.length <= 40:
        return ColumnRole.ID
    if stats.dates >= 0.9 or (tokens & _DATE_HINTS and stats.numbers and min(stats.numbers) > 1e8):
        return ColumnRole.DATE
    if stats.numbers:
        return _numeric_role(header, tokens, stats.numbers)
    if tokens & _TITLE_HINTS and stats.words <= 15:
        return ColumnRole.TITLE
    if tokens & _RESPONDENT_HINTS and tokens <= _RESPONDENT_VOCAB and stats.words <= 4:
        return ColumnRole.RESPONDENT
    if not id_hinted and _is_free_text(header, tokens, stats):
        return ColumnRole.TEXT
    if stats.distinct <= 30 or stats.distinct_ratio <= 0.3:
        return ColumnRole.CATEGORICAL
    return ColumnRole.OTHER


def _numeric_role(header: str, tokens: set[str], numbers: list[float]) -> ColumnRole:
    integral = all(n.is_integer() for n in numbers)
    low, high = min(numbers), max(numbers)
    nps_hinted = "nps" in tokens or _NPS_PATTERN.search(_fold(header))
    if integral and 0 <= low and high <= 10 and nps_hinted:
        return ColumnRole.NPS
    if 0 <= low and high <= 10 and tokens & _RATING_HINTS:
        return ColumnRole.RATING
    return ColumnRole.NUMERIC


def _is_free_text(header: str, tokens: set[str], stats: _Stats) -> bool:
    if stats.distinct_ratio < 0.4 and stats.filled >= 3:
        return False
    if stats.words >= 4 and stats.multiword >= 0.5 and stats.length >= 20:
        return True
    hinted = bool(tokens & _TEXT_HINTS) or "?" in header
    varied = stats.distinct_ratio >= 0.6 or stats.filled < 3
    return hinted and varied and (stats.words >= 1.5 or stats.length >= 10)


def resolve_column(name: str, columns: Sequence[str], *, where: str, option: str) -> str:
    """Find a column the user named, exactly or ignoring case and outer spaces.

    Raises:
        ColumnError: no such column; the message lists the available ones.
    """
    if name in columns:
        return name
    folded = {c.strip().casefold(): c for c in columns}
    if name.strip().casefold() in folded:
        return folded[name.strip().casefold()]
    listing = ", ".join(repr(c) for c in columns)
    raise ColumnError(f"{where}: {option} {name!r} is not a column; available: {listing}")


def detect_columns(
    frame: pd.DataFrame,
    *,
    where: str,
    text_cols: Sequence[str] = (),
    id_col: str | None = None,
    shape: Shape | None = None,
) -> ColumnPlan:
    """Decide each column's role, the text columns, id and shape of a table.

    Args:
        frame: the table, every cell a string.
        where: the source name, for error messages.
        text_cols: columns the user named as free text (other free-text columns
            then become plain attributes).
        id_col: column the user named as the record id.
        shape: force "survey" or "reviews" (JSON is always reviews).

    Raises:
        ColumnError: a named column does not exist, or no free-text column was found.
    """
    columns = [str(c) for c in frame.columns]
    roles = {c: classify_column(c, frame[c].tolist()) for c in columns}
    texts = _pick_texts(roles, text_cols, columns, where)
    id_column = _pick_id(roles, id_col, columns, where, texts)
    _settle_roles(roles, texts, id_column, overridden=bool(text_cols))
    respondent = _first(roles, ColumnRole.RESPONDENT)
    shape = shape or _shape(roles, texts, respondent, id_column)
    return ColumnPlan(roles, texts, id_column, respondent, _first(roles, ColumnRole.TITLE), shape)


def _settle_roles(
    roles: dict[str, ColumnRole], texts: tuple[str, ...], id_column: str | None, *, overridden: bool
) -> None:
    """Apply the chosen text and id columns: other ids become respondent or other."""
    for col, role in roles.items():
        if role is ColumnRole.TEXT and col not in texts and overridden:
            roles[col] = ColumnRole.OTHER
        if role is ColumnRole.ID and col != id_column:
            hinted = _tokens(col) & _RESPONDENT_HINTS
            roles[col] = ColumnRole.RESPONDENT if hinted else ColumnRole.OTHER
    roles.update({c: ColumnRole.TEXT for c in texts})
    if id_column is not None:
        roles[id_column] = ColumnRole.ID


def _pick_id(
    roles: dict[str, ColumnRole],
    id_col: str | None,
    columns: list[str],
    where: str,
    texts: tuple[str, ...],
) -> str | None:
    if id_col:
        return resolve_column(id_col, columns, where=where, option="--id-col")
    candidates = [c for c in columns if roles[c] is ColumnRole.ID and c not in texts]
    return max(candidates, key=_id_strength, default=None)


def _pick_texts(
    roles: dict[str, ColumnRole], text_cols: Sequence[str], columns: list[str], where: str
) -> tuple[str, ...]:
    if text_cols:
        picked = [resolve_column(t, columns, where=where, option="--text-col") for t in text_cols]
        return tuple(dict.fromkeys(picked))
    found = tuple(c for c in columns if roles[c] is ColumnRole.TEXT)
    if not found:
        listing = ", ".join(repr(c) for c in columns)
        raise ColumnError(
            f"{where}: no free-text column found among {listing}; name it with --text-col"
        )
    return found


def _first(roles: dict[str, ColumnRole], role: ColumnRole) -> str | None:
    return next((c for c, r in roles.items() if r is role), None)


def _shape(
    plan_roles: dict[str, ColumnRole],
    texts: tuple[str, ...],
    respondent: str | None,
    id_column: str | None,
) -> Shape:
    """Reviews: one text column beside a rating, title or author, and nothing survey-like."""
    present = set(plan_roles.values())
    authored = respondent is not None and bool(_tokens(respondent) & _AUTHOR_HINTS)
    review_like = authored or bool({ColumnRole.TITLE, ColumnRole.RATING} & present)
    survey_like = (
        ColumnRole.NPS in present
        or any("?" in t for t in texts)
        or (id_column is not None and bool(_tokens(id_column) & _SURVEY_ID))
    )
    return "reviews" if len(texts) == 1 and review_like and not survey_like else "survey"
