"""Quotes with provenance, anchored like W3C Web Annotation selectors."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from insights.journeymap.model import Quote, Selector
from insights.schema import Col

__all__ = ["make_quotes"]


def _float_or_none(value: object) -> float | None:
    return None if pd.isna(value) else round(float(value), 4)  # type: ignore[arg-type]


def make_quotes(units: pd.DataFrame, positions: Sequence[int]) -> list[Quote]:
    """Build quotes from the rows of `units` at integer `positions` (text already redacted).

    `selector.start`/`end` locate the original span in the source (or field);
    `exact`, `prefix` and `suffix` are the redacted text around it.
    """
    quotes = []
    for pos in positions:
        row = units.iloc[int(pos)]
        quotes.append(
            Quote(
                unit_id=str(row[Col.UNIT_ID.value]),
                text=str(row[Col.TEXT.value]),
                source=str(row[Col.SOURCE.value]),
                source_sha256=str(row[Col.SOURCE_SHA256.value]),
                respondent_id=str(row[Col.RESPONDENT_ID.value]),
                locator=str(row[Col.LOCATOR.value]),
                lang=str(row[Col.LANG.value]),
                sentiment_score=_float_or_none(row.get(Col.SENTIMENT_SCORE.value)),
                selector=Selector(
                    exact=str(row[Col.TEXT.value]),
                    prefix=str(row[Col.PREFIX.value]),
                    suffix=str(row[Col.SUFFIX.value]),
                    start=int(row[Col.CHAR_START.value]),
                    end=int(row[Col.CHAR_END.value]),
                ),
            )
        )
    return quotes
