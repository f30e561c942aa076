"""The one units table: column names as constants, validated once at ingest.

A *unit* is one statement a customer (or an interviewer, kept as context) made.
Every stage of the pipeline takes a units frame and returns a new one with more
columns; the column names live here and nowhere else.
"""

from __future__ import annotations

from enum import Enum

import pandas as pd

__all__ = [
    "INGEST_COLUMNS",
    "Col",
    "Kind",
    "Role",
    "validate_units",
]


class Col(str, Enum):
    """Column names of the units table."""

    UNIT_ID = "unit_id"
    SOURCE = "source"
    SOURCE_SHA256 = "source_sha256"
    KIND = "kind"
    RECORD_ID = "record_id"
    RESPONDENT_ID = "respondent_id"
    SPEAKER = "speaker"
    ROLE = "role"
    QUESTION = "question"
    LOCATOR = "locator"
    CHAR_START = "char_start"
    CHAR_END = "char_end"
    LANG = "lang"
    TEXT = "text"
    PREFIX = "prefix"
    SUFFIX = "suffix"
    # added by analysis / clustering
    SENTIMENT = "sentiment"
    SENTIMENT_SCORE = "sentiment_score"
    EMOTION = "emotion"
    EMOTION_SCORE = "emotion_score"
    STAGE = "stage"
    STAGE_SCORE = "stage_score"
    STAGE_ORIGIN = "stage_origin"
    TOUCHPOINT = "touchpoint"
    TOUCHPOINT_SCORE = "touchpoint_score"
    TOUCHPOINT_ORIGIN = "touchpoint_origin"
    CLUSTER_ID = "cluster_id"


class Kind(str, Enum):
    """Family of the source a unit came from."""

    TRANSCRIPT = "transcript"
    SURVEY = "survey"
    REVIEW = "review"


class Role(str, Enum):
    """Who said it: respondents are analysed, interviewers are context only."""

    RESPONDENT = "respondent"
    INTERVIEWER = "interviewer"


INGEST_COLUMNS: tuple[str, ...] = tuple(
    c.value
    for c in (
        Col.UNIT_ID,
        Col.SOURCE,
        Col.SOURCE_SHA256,
        Col.KIND,
        Col.RECORD_ID,
        Col.RESPONDENT_ID,
        Col.SPEAKER,
        Col.ROLE,
        Col.QUESTION,
        Col.LOCATOR,
        Col.CHAR_START,
        Col.CHAR_END,
        Col.LANG,
        Col.TEXT,
        Col.PREFIX,
        Col.SUFFIX,
    )
)

_INT_COLUMNS = (Col.CHAR_START.value, Col.CHAR_END.value)


def validate_units(frame: pd.DataFrame) -> pd.DataFrame:
    """Check a units frame has the ingest columns, unique ids, and the right types.

    Args:
        frame: a frame built by an ingest reader.

    Returns:
        A copy with columns in canonical order (extra columns kept after them).

    Raises:
        ValueError: a column is missing or unit ids repeat (a bug, not bad input).
    """
    missing = [c for c in INGEST_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"units frame lacks columns {missing}")
    if frame[Col.UNIT_ID.value].duplicated().any():
        dup = frame.loc[frame[Col.UNIT_ID.value].duplicated(), Col.UNIT_ID.value].iloc[0]
        raise ValueError(f"unit id {dup} is not unique")
    extra = [c for c in frame.columns if c not in INGEST_COLUMNS]
    out = frame[list(INGEST_COLUMNS) + extra].copy()
    for col in _INT_COLUMNS:
        out[col] = out[col].astype("Int64")
    text_cols = [c for c in INGEST_COLUMNS if c not in _INT_COLUMNS]
    out[text_cols] = out[text_cols].astype("string")
    return out.reset_index(drop=True)
