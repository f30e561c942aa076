"""Zero-shot labels whose English statements are also read by an English-only model.

USE (multilingual) stays the zero-shot embedder: it alone reads French and English
statements against prototypes in both languages. For English statements, the
scores of the same prototypes embedded by all-MiniLM-L6-v2 (int8; the default
sentiment head embeds every English statement with it anyway) are mixed in at
`ENGLISH_WEIGHT` before the decision. On ``benchmarks/quality_stage.py`` (session
20, before the support examples on disputes and claims were added) this raised
journey-stage macro-F1 on its first 313 statements from 0.588 to 0.603 (English
0.595 → 0.611; dev half 0.593 → 0.607, where the weight was chosen among
0.1-0.5; test half 0.619 → 0.624), and on all 414 from 0.570 to 0.581; on the 101
statements labelled blind later it changed nothing (accuracy 0.545 both, macro-F1
0.522 → 0.516). A small gain, then (paired bootstrap on the 414: +0.012, 95 %
interval −0.005 to +0.032), at no cost. More weight loses (0.5: 0.557 on the
414): MiniLM alone reaches only 0.44 on the dev half. Statements in any other
language keep USE's scores.

Example:
    >>> from insights.analysis.embed import make_embedder
    >>> from insights.taxonomies import load_taxonomy, none_examples
    >>> use = make_embedder("use-multilingual.v1")
    >>> stages = load_taxonomy("default").stages
    >>> blend = EnglishBlend.from_labels(
    ...     stages, use, lambda: make_embedder(ENGLISH_EMBEDDER), none_examples=none_examples()
    ... )
    >>> blend.classify(["My parcel never arrived", "Mon colis n'est jamais arrivé"],
    ...                languages=["en", "fr"]).labels.tolist()
    ['onboarding', 'onboarding']
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np

from insights.analysis.embed import Embedder
from insights.analysis.zeroshot import (
    PrototypeClassifier,
    ZeroShotConfig,
    ZeroShotResult,
    prepare_text,
    prototype_texts,
)
from insights.errors import UsageError
from insights.taxonomies.model import Label

__all__ = ["ENGLISH", "ENGLISH_EMBEDDER", "ENGLISH_WEIGHT", "EnglishBlend"]

ENGLISH = "en"
ENGLISH_EMBEDDER = "minilm-int8.v1"
"""The English-only model whose prototype scores are mixed in (`make_embedder` name)."""
ENGLISH_WEIGHT = 0.2
"""Its share of an English statement's scores; chosen on the dev half (see above)."""


class EnglishBlend:
    """A `PrototypeClassifier` whose English rows also hear `ENGLISH_EMBEDDER`.

    The English model is asked for (`english`) only when English statements are
    classified, so a run whose statements are all cached, or all French, never
    loads it.

    Args:
        main: The classifier on the multilingual embedder; it decides every row.
        english: Returns the English-only embedder (called once, on first need).
        texts: The prototype texts of `main`, in its order.
        weight: Share of the English model's scores for English rows, in [0, 1].
        name: The English model's name, part of the `fingerprint`.
    """

    def __init__(
        self,
        main: PrototypeClassifier,
        english: Callable[[], Embedder],
        texts: Sequence[str],
        *,
        weight: float = ENGLISH_WEIGHT,
        name: str = ENGLISH_EMBEDDER,
    ) -> None:
        if not 0 <= weight <= 1:
            raise UsageError(f"the English weight must be in [0, 1], got {weight}")
        if len(texts) != main.n_prototypes:
            raise UsageError("give one text per prototype of the classifier, in its order")
        self.main = main
        self.weight = weight
        self.name = name
        self._english_factory = english
        self._english_model: Embedder | None = None
        self._texts = list(texts)
        self._english_classifier: PrototypeClassifier | None = None

    @classmethod
    def from_labels(
        cls,
        labels: Sequence[Label],
        embedder: Embedder,
        english: Callable[[], Embedder],
        *,
        none_examples: Sequence[str] = (),
        config: ZeroShotConfig | None = None,
        weight: float = ENGLISH_WEIGHT,
    ) -> EnglishBlend:
        """Build the multilingual classifier of `labels` now, the English one on first need."""
        main = PrototypeClassifier.from_labels(
            labels, embedder, none_examples=none_examples, config=config
        )
        return cls(main, english, prototype_texts(labels, none_examples)[0], weight=weight)

    @property
    def label_ids(self) -> tuple[str, ...]:
        """The labels, in output column order."""
        return self.main.label_ids

    @property
    def n_prototypes(self) -> int:
        """Number of prototypes, "none" ones included."""
        return self.main.n_prototypes

    @property
    def english_embedder(self) -> Embedder:
        """The English-only embedder (built or fetched on first use)."""
        if self._english_model is None:
            self._english_model = self._english_factory()
        return self._english_model

    def prototypes(self) -> tuple[list[str], list[int]]:
        """The prototype texts and their owners (label index, -1 for "none"), added ones too."""
        return list(self._texts), self.main.owners

    def fingerprint(self) -> str:
        """SHA-256 of what decides its labels: `main`'s, and the English model, weight and texts."""
        digest = hashlib.sha256()
        for part in (self.main.fingerprint(), self.name, repr(self.weight)):
            digest.update(part.encode() + b"\x1e")
        for text, owner in zip(self._texts, self.main.owners, strict=True):
            digest.update(f"{owner}\x1f{text}\x1e".encode())
        return digest.hexdigest()

    def add_examples(
        self, label_id: str, texts: Sequence[str], *, vectors: np.ndarray | None = None
    ) -> None:
        """Add few-shot prototypes to a label (or ``"none"``) in both models.

        `vectors` are the multilingual embedder's (see `PrototypeClassifier.add_examples`);
        the English model embeds the texts itself, when it is next needed.
        """
        self.main.add_examples(label_id, texts, vectors=vectors)
        self._texts.extend(texts)
        if self._english_classifier is not None:
            self._english_classifier.add_examples(label_id, texts)

    def english_rows(self, languages: Sequence[str] | None) -> np.ndarray:
        """Indices of the rows whose language is English (none when the weight is 0)."""
        if languages is None or self.weight == 0:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(np.asarray(languages, dtype=object) == ENGLISH)

    def predict(
        self,
        embeddings: np.ndarray,
        *,
        languages: Sequence[str] | None = None,
        english_vectors: np.ndarray | None = None,
    ) -> ZeroShotResult:
        """Label each row of `embeddings` (the multilingual embedder's vectors).

        Args:
            embeddings: One vector per statement, by `main`'s embedder.
            languages: Each statement's language; without it, every row keeps
                `main`'s scores.
            english_vectors: The English model's vectors of the rows `english_rows`
                names, in that order (L2-normalised).

        Raises:
            UsageError: English rows without their `english_vectors`, or a wrong shape.
        """
        scores = self.main.similarities(embeddings)
        rows = self.english_rows(languages)
        if languages is not None and len(languages) != len(scores):
            raise UsageError(f"expected {len(scores)} languages, got {len(languages)}")
        if rows.size:
            if english_vectors is None or len(english_vectors) != rows.size:
                raise UsageError(
                    f"{rows.size} English statements need as many English-model vectors "
                    "(english_vectors=); or call classify with the texts"
                )
            english = self._english().similarities(english_vectors)
            scores[rows] = (1 - self.weight) * scores[rows] + self.weight * english
        return self.main.decide(scores)

    def classify(
        self, texts: Sequence[str], *, languages: Sequence[str] | None = None
    ) -> ZeroShotResult:
        """`prepare_text`, embed with both models (the English one on English rows), predict."""
        if self.main.embedder is None:
            raise UsageError("this classifier has no embedder; embed the texts and call predict")
        prepared = [prepare_text(t) for t in texts]
        rows = self.english_rows(languages)
        english = self.english_embedder.encode([prepared[i] for i in rows]) if rows.size else None
        return self.predict(
            self.main.embedder.encode(prepared), languages=languages, english_vectors=english
        )

    def _english(self) -> PrototypeClassifier:
        """The same prototypes embedded by the English model (built once)."""
        if self._english_classifier is None:
            model = self.english_embedder
            self._english_classifier = PrototypeClassifier(
                self.main.label_ids,
                model.encode(self._texts),
                self.main.owners,
                embedder=model,
                config=self.main.config,
            )
        return self._english_classifier
