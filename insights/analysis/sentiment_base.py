"""What every sentiment backend returns, and the protocol it implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from insights.analysis.sentiment_text import answer_valence

__all__ = ["LABELS", "SentimentModel", "SentimentResult"]

LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
_VALENCE = np.array([-1.0, 0.0, 1.0], dtype=np.float32)
_NEUTRAL_PROBABILITIES = np.array([0.05, 0.9, 0.05], dtype=np.float32)  # see neutral_where
# Probabilities given to a bare answer whose valence comes from its question.
_CONTEXT_PROBABILITIES = {
    -1: np.array([0.8, 0.15, 0.05], dtype=np.float32),
    1: np.array([0.05, 0.15, 0.8], dtype=np.float32),
}


@dataclass(frozen=True)
class SentimentResult:
    """Predictions for a batch of texts.

    Attributes:
        labels: one of `LABELS` per text.
        scores: float32 array (n,), in [-1, 1]; negative < 0 < positive.
        probabilities: float32 array (n, 3), columns in `LABELS` order, rows sum to 1.
    """

    labels: tuple[str, ...]
    scores: np.ndarray
    probabilities: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    @classmethod
    def from_probabilities(cls, probabilities: np.ndarray) -> SentimentResult:
        """Label by argmax; score = P(positive) - P(negative)."""
        probs = np.asarray(probabilities, dtype=np.float32).reshape(-1, 3)
        labels = tuple(LABELS[i] for i in probs.argmax(axis=1))
        return cls(labels, np.clip(probs @ _VALENCE, -1.0, 1.0), probs)

    @classmethod
    def empty(cls) -> SentimentResult:
        """The result for no text."""
        return cls((), np.zeros(0, np.float32), np.zeros((0, 3), np.float32))

    def with_answer_context(
        self, texts: Sequence[str], questions: Sequence[str | None] | None
    ) -> SentimentResult:
        """Re-read bare answers ("Nothing.") in the light of the question they answer.

        "Nothing" to "How could we improve?" becomes positive, to "What was good?"
        negative (see `insights.analysis.sentiment_text.answer_valence`); every other
        row is unchanged. Without questions the result is returned as is.
        """
        if questions is None:
            return self
        valence = answer_valence(texts, questions)
        if not any(valence):
            return self
        probs = self.probabilities.copy()
        for row, value in enumerate(valence):
            if value:
                probs[row] = _CONTEXT_PROBABILITIES[value]
        scores = self.scores.copy()
        changed = np.flatnonzero(valence)
        scores[changed] = np.clip(probs[changed] @ _VALENCE, -1.0, 1.0)
        labels = tuple(
            LABELS[int(probs[i].argmax())] if value else label
            for i, (label, value) in enumerate(zip(self.labels, valence, strict=True))
        )
        return SentimentResult(labels, scores, probs)

    def neutral_where(self, rows: Sequence[bool]) -> SentimentResult:
        """The same result with the `rows` marked True read as neutral (score 0).

        For statements whose context says they carry no sentiment, such as small
        talk in an interview (`insights.analysis.small_talk`).
        """
        if not any(rows):
            return self
        probs = self.probabilities.copy()
        scores = self.scores.copy()
        changed = np.flatnonzero(np.asarray(rows, dtype=bool))
        probs[changed] = _NEUTRAL_PROBABILITIES
        scores[changed] = 0.0
        labels = tuple(
            "neutral" if row else label for label, row in zip(self.labels, rows, strict=True)
        )
        return SentimentResult(labels, scores, probs)


@runtime_checkable
class SentimentModel(Protocol):
    """Predicts a sentiment label, score and class probabilities per text."""

    model_id: str

    def predict(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray | None = None,
        *,
        languages: Sequence[str] | None = None,
        questions: Sequence[str | None] | None = None,
    ) -> SentimentResult:
        """Score `texts`.

        Args:
            texts: the statements.
            embeddings: the run's embeddings of `texts` (same order), reused by
                backends trained on the same embedder; others ignore them.
            languages: ISO 639-1 code per text if known (detected otherwise by
                backends that need it).
            questions: the survey question each text answers (None for none), so a
                bare "Nothing." can be read as praise or criticism.
        """
        ...
