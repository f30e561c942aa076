"""The input-column rule: a stage or touchpoint already in the input is used as given.

A respondent attribute counts as given stage (touchpoint) when its header names
one (stage, journey, étape, phase, parcours / touchpoint, channel, canal) and at
least 80% of its non-empty values match a taxonomy id or label in any language
(case-insensitive). Matching units take that value with origin ``input`` and
score 1.0; inference never overwrites them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import pandas as pd

from insights.schema import Col
from insights.taxonomies.model import Dimension, Label, Taxonomy

__all__ = ["GIVEN_DIMENSIONS", "given_labels", "input_given"]

GIVEN_DIMENSIONS: tuple[Dimension, ...] = ("stages", "touchpoints")  # what an input column can give

_HEADERS = {
    "stages": re.compile(r"stage|journey|[ée]tape|phase|parcours", re.IGNORECASE),
    "touchpoints": re.compile(r"touch ?point|channel|canal|point de contact", re.IGNORECASE),
}
_MIN_MATCH = 0.8


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _lookup(labels: Sequence[Label]) -> dict[str, str]:
    table = {}
    for label in labels:
        table[_key(label.id)] = label.id
        for name in label.label.values():
            table[_key(name)] = label.id
    return table


def given_labels(
    respondents: pd.DataFrame, labels: Sequence[Label], dimension: str
) -> tuple[str | None, pd.Series]:
    """Find an attribute column giving `dimension` and map it to label ids.

    Args:
        respondents: closed attributes per respondent id.
        labels: the taxonomy's labels of that dimension.
        dimension: ``"stages"`` or ``"touchpoints"``.

    Returns:
        The column used (None when none qualifies) and a Series of label ids
        indexed by respondent id (empty when none).
    """
    lookup = _lookup(labels)
    pattern = _HEADERS[dimension]
    for column in respondents.columns:
        if column in (Col.RESPONDENT_ID.value, Col.SOURCE.value) or not pattern.search(column):
            continue
        values = respondents[column].fillna("").astype(str)
        present = values[values.str.strip() != ""]
        mapped = present.map({v: lookup.get(_key(v)) for v in present.unique()})
        if len(present) and mapped.notna().mean() >= _MIN_MATCH:
            ids = respondents.loc[mapped.dropna().index, Col.RESPONDENT_ID.value]
            return column, pd.Series(mapped.dropna().to_numpy(), index=ids.to_numpy())
    return None, pd.Series(dtype=object)


def input_given(respondents: pd.DataFrame | None, taxonomy: Taxonomy) -> dict[Dimension, pd.Series]:
    """For each of `GIVEN_DIMENSIONS`, the label id the input gives each respondent id.

    A run computes it once for all its batches (`insights.analysis.analyse`
    takes it as `given`).
    """
    attrs = respondents if respondents is not None else pd.DataFrame()
    return {d: given_labels(attrs, taxonomy.labels(d), d)[1] for d in GIVEN_DIMENSIONS}
