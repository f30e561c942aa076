"""Score every respondent statement: sentiment, emotion, stage and touchpoint.

`Analyzer` bundles the models (loaded once, passed explicitly); `analyse` is a
pure function: a units frame and its embeddings in, a new frame with the
analysis columns out. Interviewer turns are context: their analysis cells stay
empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from insights.analysis.embed import Embedder
from insights.analysis.given import given_labels
from insights.analysis.small_talk import is_small_talk
from insights.analysis.zeroshot import (
    ZERO_SHOT_EMBEDDER,
    ZERO_SHOT_MODEL_ID,
    PrototypeClassifier,
    ZeroShotResult,
)
from insights.schema import Col, Kind, Role
from insights.taxonomies.model import Dimension, Taxonomy

__all__ = ["Analyzer", "analyse"]

NEGATIVE_EMOTIONS = frozenset({"frustration", "anger", "anxiety", "confusion", "disappointment"})
POSITIVE_EMOTIONS = frozenset({"satisfaction", "delight", "trust"})


@dataclass
class Analyzer:
    """The models one run uses, loaded once.

    `scorer` is the embedder whose vectors the sentiment head and the zero-shot
    labels read: the run's `embedder` when it is the one zero-shot was calibrated
    on (`ZERO_SHOT_EMBEDDER`), else that model, through the run cache. A run that
    clusters on another model (``--embedder minilm-int8.v1``) thus keeps the
    measured stage, touchpoint and emotion quality (stage macro-F1 0.588 on USE
    vectors against 0.472 on MiniLM's, see ``benchmarks/quality_stage.py``), and
    the default head, trained on USE, reads the same vectors instead of embedding
    its own.
    """

    taxonomy: Taxonomy
    embedder: Embedder
    scorer: Embedder
    sentiment: Any
    stages: PrototypeClassifier
    touchpoints: PrototypeClassifier
    emotions: PrototypeClassifier

    @classmethod
    def make(
        cls,
        taxonomy: Taxonomy,
        embedder: Embedder,
        *,
        sentiment: str = "",
        cache_dir: Path | None = None,
    ) -> Analyzer:
        """Build the default analyzer for `taxonomy` on the run's `embedder`.

        With a `cache_dir`, whatever the models embed themselves (taxonomy
        prototypes, the sentiment head's own blocks, the scorer's vectors when it
        is not the run's embedder) goes through the embedding cache, so a second
        run embeds none of it again.
        """
        from insights.analysis.embed import make_embedder
        from insights.analysis.sentiment import DEFAULT_SENTIMENT, make_sentiment
        from insights.cluster.cache import with_cache
        from insights.taxonomies import none_examples

        none = none_examples()
        if embedder.model_id == ZERO_SHOT_MODEL_ID:
            scorer = embedder
        else:
            scorer = make_embedder(ZERO_SHOT_EMBEDDER)
        cached = with_cache(scorer, cache_dir)
        return cls(
            taxonomy=taxonomy,
            embedder=embedder,
            scorer=cached if scorer is not embedder else embedder,
            sentiment=make_sentiment(
                sentiment or DEFAULT_SENTIMENT,
                embedder=scorer,
                cache_dir=cache_dir,
                also_loaded=embedder if scorer is not embedder else None,
            ),
            stages=PrototypeClassifier.from_labels(taxonomy.stages, cached, none_examples=none),
            touchpoints=PrototypeClassifier.from_labels(
                taxonomy.touchpoints, cached, none_examples=none
            ),
            emotions=PrototypeClassifier.from_labels(taxonomy.emotions, cached),
        )

    def model_ids(self) -> dict[str, str]:
        """Model ids recorded in map.json."""
        return {
            "embedder": self.embedder.model_id,
            "sentiment": str(getattr(self.sentiment, "model_id", type(self.sentiment).__name__)),
            "zero_shot": f"prototype.v1@{self.scorer.model_id}",
        }

    def scorer_vectors(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """The scorer's vectors of `texts`, given the run embedder's `vectors` of them.

        The run embeds ``embedding_text(text)``; so does the scorer, through the run
        cache when it is another model.
        """
        if self.scorer is self.embedder:
            return vectors
        from insights.cluster.cache import embedding_text

        return np.asarray(self.scorer.encode([embedding_text(t) for t in texts]), np.float32)


def _emotions(result: ZeroShotResult, sentiment: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pick each row's emotion among those agreeing with its sentiment polarity."""
    ids = np.array(result.label_ids, dtype=object)
    allowed = {
        "negative": np.isin(ids, list(NEGATIVE_EMOTIONS)),
        "positive": np.isin(ids, list(POSITIVE_EMOTIONS)),
    }
    labels, scores = result.labels.copy(), result.scores.copy()
    for polarity, mask in allowed.items():
        rows = np.flatnonzero(sentiment == polarity)
        if not mask.any() or not len(rows):
            continue
        sub = np.where(mask, result.matrix[rows], -1.0)
        best = sub.argmax(axis=1)
        labels[rows] = ids[best]
        scores[rows] = sub[np.arange(len(rows)), best] / result.matrix[rows].sum(axis=1)
    neutral = np.flatnonzero(sentiment == "neutral")
    if "neutral" in result.label_ids:
        labels[neutral] = "neutral"
    return labels, scores


def _zero_shot_columns(
    frame: pd.DataFrame,
    result: ZeroShotResult,
    given: pd.Series,
    *,
    label: Col,
    score: Col,
    origin: Col,
) -> None:
    labels = pd.Series(result.labels, index=frame.index, dtype=object)
    scores = pd.Series(result.scores.astype(float), index=frame.index)
    origins = pd.Series("model", index=frame.index, dtype=object)
    from_input = frame[Col.RESPONDENT_ID.value].map(given)
    has_input = from_input.notna()
    labels[has_input] = from_input[has_input]
    scores[has_input] = 1.0
    origins[has_input] = "input"
    frame[label.value] = labels
    frame[score.value] = scores.round(4)
    frame[origin.value] = origins


def _small_talk(part: pd.DataFrame, texts: list[str]) -> list[bool]:
    """Which statements are interview small talk ("Thank you! Bye."): read as neutral."""
    if Col.KIND.value not in part:
        return [False] * len(texts)
    kinds = part[Col.KIND.value].astype(str).tolist()
    return [
        k == Kind.TRANSCRIPT.value and is_small_talk(t) for k, t in zip(kinds, texts, strict=True)
    ]


def _questions(part: pd.DataFrame) -> list[str | None]:
    """The question each statement answers (survey column, interviewer turn), or None."""
    if Col.QUESTION.value not in part:
        return [None] * len(part)
    return [q if isinstance(q, str) and q.strip() else None for q in part[Col.QUESTION.value]]


def analyse(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    *,
    analyzer: Analyzer,
    respondents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return a copy of `units` with the analysis columns filled for respondent units.

    Args:
        units: the units table from ingest.
        embeddings: one L2-normalised row per unit (same order), from the analyzer's embedder.
        analyzer: the models.
        respondents: closed attributes per respondent; a stage or touchpoint
            column there is used as given (see `insights.analysis.given`).

    Returns:
        A new frame; the input is untouched.
    """
    out = units.copy()
    mask = (out[Col.ROLE.value] == Role.RESPONDENT.value).to_numpy()
    part = out.loc[mask].copy()
    texts = part[Col.TEXT.value].astype(str).tolist()
    vectors = analyzer.scorer_vectors(texts, embeddings[mask])
    sentiment = analyzer.sentiment.predict(
        texts,
        vectors,
        languages=part[Col.LANG.value].astype(str).tolist(),
        questions=_questions(part),
    ).neutral_where(_small_talk(part, texts))
    part[Col.SENTIMENT.value] = np.asarray(sentiment.labels, dtype=object)
    part[Col.SENTIMENT_SCORE.value] = np.round(np.asarray(sentiment.scores, dtype=float), 4)
    emotion = analyzer.emotions.predict(vectors)
    emotions, emotion_scores = _emotions(emotion, np.asarray(sentiment.labels, dtype=object))
    part[Col.EMOTION.value] = emotions
    part[Col.EMOTION_SCORE.value] = np.round(emotion_scores.astype(float), 4)
    attrs = respondents if respondents is not None else pd.DataFrame()
    dimensions: tuple[tuple[Dimension, PrototypeClassifier, tuple[Col, Col, Col]], ...] = (
        ("stages", analyzer.stages, (Col.STAGE, Col.STAGE_SCORE, Col.STAGE_ORIGIN)),
        (
            "touchpoints",
            analyzer.touchpoints,
            (Col.TOUCHPOINT, Col.TOUCHPOINT_SCORE, Col.TOUCHPOINT_ORIGIN),
        ),
    )
    for dimension, classifier, cols in dimensions:
        _, given = given_labels(attrs, analyzer.taxonomy.labels(dimension), dimension)
        label, score, origin = cols
        _zero_shot_columns(
            part, classifier.predict(vectors), given, label=label, score=score, origin=origin
        )
    for col in (c for c in part.columns if c not in out.columns):
        out[col] = pd.Series(pd.NA, index=out.index, dtype=object)
    out.loc[mask, part.columns] = part
    return out
