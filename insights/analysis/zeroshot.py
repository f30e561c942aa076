"""Zero-shot labels (stage, touchpoint, emotion) by similarity to descriptive prototypes.

Every label of a taxonomy dimension brings prototypes: its names, descriptions and
example statements in every language it has (plus few-shot examples added later).
A statement's score for a label blends two cosine similarities, measured best on
``benchmarks/quality_stage.py``: ``centroid_weight`` x similarity to the label's
centroid (mean prototype) + the rest x mean of its ``top_k`` best prototype
similarities. "No label" competes as one more column: the larger of a fixed
similarity ``threshold`` and the top-k similarity to the shipped *none*
prototypes (small talk, thanks, non-answers, generic verdicts). A softmax over
all columns at ``temperature`` turns scores into probabilities in [0, 1] that are
comparable across labels and statements; each row's top column is its label
(``"none"`` when the none column wins).

Example:
    >>> from insights.analysis.embed import make_embedder
    >>> from insights.taxonomies import load_taxonomy, none_examples
    >>> embedder = make_embedder("use-multilingual.v1")
    >>> stages = load_taxonomy("default").stages
    >>> clf = PrototypeClassifier.from_labels(stages, embedder, none_examples=none_examples())
    >>> clf.classify(["The parcel arrived two days late", "ok"]).labels.tolist()
    ['onboarding', 'none']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from insights.analysis.embed import USE_MODEL_ID, Embedder, rowwise_product
from insights.errors import UsageError
from insights.taxonomies.model import NONE_LABEL, Label

__all__ = [
    "NONE_LABEL",
    "ZERO_SHOT_EMBEDDER",
    "ZERO_SHOT_MODEL_ID",
    "PrototypeClassifier",
    "ZeroShotConfig",
    "ZeroShotResult",
    "prepare_text",
    "prototype_texts",
]

ZERO_SHOT_EMBEDDER = "use-multilingual.v1"
"""The embedder `ZeroShotConfig`'s defaults were calibrated on; a run scores with it."""
ZERO_SHOT_MODEL_ID = USE_MODEL_ID
"""Its model id (`tests/analysis/test_analyse.py` checks the two agree)."""

_NONE_OWNER = -1
_CHUNK = 4096
_URL = re.compile(r"https?://\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}


def prepare_text(text: str) -> str:
    """Drop what carries no meaning for similarity: URLs, @handles, HTML entities.

    Removing them raised stage macro-F1 on real tweets (see the benchmark); texts
    made only of such tokens are returned unchanged.

    Example:
        >>> prepare_text("@AmericanAir my bag is lost &amp; nobody answers https://t.co/x")
        'my bag is lost & nobody answers'
    """
    cleaned = _HANDLE.sub("", _URL.sub("", text))
    for entity, char in _ENTITIES.items():
        cleaned = cleaned.replace(entity, char)
    cleaned = " ".join(cleaned.split())
    return cleaned or text


@dataclass(frozen=True)
class ZeroShotConfig:
    """How prototype similarities become labels and scores.

    The defaults were chosen on the dev half of the labelled stage set with the
    default embedder (USE multilingual): top-3 + centroid blend beat max, top-k
    alone and centroid alone; the threshold maximised dev macro-F1 and the
    temperature minimised dev log-loss.

    Attributes:
        top_k: Number of best prototype similarities averaged per label.
        centroid_weight: Weight of the centroid similarity in the blend (0 = top-k only).
        threshold: Score a label must beat for the statement not to be "none";
            ``None`` disables "none" (every row gets its best label).
        temperature: Softmax temperature that turns scores into probabilities.
    """

    top_k: int = 3
    centroid_weight: float = 0.5
    threshold: float | None = 0.16
    temperature: float = 0.05


@dataclass(frozen=True)
class ZeroShotResult:
    """Labels for a batch of statements.

    Attributes:
        label_ids: Column order of `matrix`.
        labels: Top label id per row, or ``"none"`` (shape ``(n,)``).
        scores: Probability of the row's top label, or of "none" (shape ``(n,)``).
        matrix: Probability of every label per row (shape ``(n, len(label_ids))``);
            ``1 - matrix.sum(axis=1)`` is the probability of "none".
    """

    label_ids: tuple[str, ...]
    labels: np.ndarray
    scores: np.ndarray
    matrix: np.ndarray = field(repr=False)


class PrototypeClassifier:
    """Nearest-prototype zero-shot classifier over one taxonomy dimension.

    Args:
        label_ids: The labels, in output column order.
        vectors: L2-normalised prototype embeddings, one row per prototype.
        owners: For each prototype, the index of its label in `label_ids`, or -1
            for a "none" prototype.
        embedder: Encodes texts given to `add_examples` and `classify`; may be
            ``None`` when only precomputed embeddings are used.
        config: Scoring settings.
    """

    def __init__(
        self,
        label_ids: Sequence[str],
        vectors: np.ndarray,
        owners: Sequence[int] | np.ndarray,
        *,
        embedder: Embedder | None = None,
        config: ZeroShotConfig | None = None,
    ) -> None:
        self.label_ids = tuple(label_ids)
        self.config = config or ZeroShotConfig()
        self._embedder = embedder
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._owners = np.asarray(owners, dtype=np.int64)
        _check_prototypes(self.label_ids, self._vectors, self._owners, self.config)
        self._digest: tuple[tuple[object, ...], str] | None = None  # `fingerprint`'s last answer

    @classmethod
    def from_labels(
        cls,
        labels: Sequence[Label],
        embedder: Embedder,
        *,
        none_examples: Sequence[str] = (),
        config: ZeroShotConfig | None = None,
    ) -> PrototypeClassifier:
        """Build a classifier from taxonomy labels, embedding all their texts.

        Args:
            labels: One dimension of a taxonomy (its stages, touchpoints or emotions).
            embedder: Encodes the prototype texts (and later statements).
            none_examples: Texts that belong to no label (see
                `insights.taxonomies.none_examples`).
            config: Scoring settings.
        """
        texts, owners = prototype_texts(labels, none_examples)
        vectors = embedder.encode(texts)
        ids = [label.id for label in labels]
        return cls(ids, vectors, owners, embedder=embedder, config=config)

    def with_config(self, config: ZeroShotConfig) -> PrototypeClassifier:
        """A copy sharing the same prototypes, scored with another `config`."""
        return PrototypeClassifier(
            self.label_ids, self._vectors, self._owners, embedder=self._embedder, config=config
        )

    def fingerprint(self) -> str:
        """SHA-256 of what decides its labels: label ids, settings, prototypes and their owners."""
        from insights.store import array_digest

        # A run asks once per batch; the answer holds while these are the same objects
        # (`add_examples` replaces the arrays; the memo keeps them, so no id is reused).
        state = (self._vectors, self._owners, self.label_ids, self.config)
        if self._digest is not None and all(
            a is b for a, b in zip(self._digest[0], state, strict=True)
        ):
            return self._digest[1]
        owners = [str(o) for o in self._owners.tolist()]
        digest = array_digest(self._vectors, [*self.label_ids, repr(self.config)], owners)
        self._digest = (state, digest)
        return digest

    @property
    def embedder(self) -> Embedder | None:
        """The embedder of `add_examples` and `classify`, if it has one."""
        return self._embedder

    @property
    def owners(self) -> list[int]:
        """Each prototype's label index in `label_ids` (-1 for "none"), in prototype order."""
        return [int(o) for o in self._owners.tolist()]

    @property
    def n_prototypes(self) -> int:
        """Number of prototypes, "none" ones included."""
        return int(self._owners.size)

    def add_examples(
        self, label_id: str, texts: Sequence[str], *, vectors: np.ndarray | None = None
    ) -> None:
        """Add few-shot prototypes to a label (or to ``"none"``), e.g. reviewed statements.

        Args:
            label_id: An id of `label_ids`, or ``"none"`` for statements that fit no label.
            texts: The example statements.
            vectors: Their embeddings, when already computed (else the embedder runs).

        Raises:
            UsageError: Unknown label id, or no embedder and no vectors given.
        """
        owner = self._owner_of(label_id)
        if vectors is None:
            if self._embedder is None:
                raise UsageError(
                    "this classifier has no embedder; pass the examples' vectors= explicitly"
                )
            vectors = self._embedder.encode(list(texts))
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(texts), self._vectors.shape[1]):
            raise UsageError(
                f"expected {len(texts)} vectors of dimension {self._vectors.shape[1]}, "
                f"got shape {vectors.shape}; embed the examples with the same embedder"
            )
        self._vectors = np.vstack([self._vectors, vectors])
        self._owners = np.concatenate([self._owners, np.full(len(texts), owner)])

    def predict(self, embeddings: np.ndarray) -> ZeroShotResult:
        """Label each row of `embeddings` (L2-normalised, same embedder as the prototypes)."""
        return self.decide(self.similarities(embeddings))

    def similarities(self, embeddings: np.ndarray) -> np.ndarray:
        """Each row's blended score per label, then its "none" column: shape (n, L + 1).

        `decide` turns them into labels; `insights.analysis.zeroshot_blend` mixes the
        scores of two classifiers over the same labels before deciding.
        """
        embeddings = np.asarray(embeddings, dtype=np.float32)
        if embeddings.ndim != 2 or embeddings.shape[1] != self._vectors.shape[1]:
            raise UsageError(
                f"expected embeddings of shape (n, {self._vectors.shape[1]}), "
                f"got {embeddings.shape}; use the classifier's embedder"
            )
        parts = [
            self._label_similarities(embeddings[i : i + _CHUNK])
            for i in range(0, len(embeddings), _CHUNK)
        ]
        width = len(self.label_ids) + 1
        return np.vstack(parts) if parts else np.zeros((0, width), np.float32)

    def classify(self, texts: Sequence[str]) -> ZeroShotResult:
        """`prepare_text`, embed with the classifier's embedder, then `predict`."""
        if self._embedder is None:
            raise UsageError("this classifier has no embedder; embed the texts and call predict")
        return self.predict(self._embedder.encode([prepare_text(t) for t in texts]))

    def _owner_of(self, label_id: str) -> int:
        if label_id == NONE_LABEL:
            return _NONE_OWNER
        if label_id not in self.label_ids:
            raise UsageError(
                f"unknown label {label_id!r}; choose one of {', '.join(self.label_ids)} "
                f"or {NONE_LABEL!r}"
            )
        return self.label_ids.index(label_id)

    def _label_similarities(self, embeddings: np.ndarray) -> np.ndarray:
        """Blended score per label, then the "none" column, shape (n, L + 1)."""
        sims = rowwise_product(embeddings, self._vectors.T)
        weight = self.config.centroid_weight
        columns = []
        for j in range(len(self.label_ids)):
            mine = self._owners == j
            centroid = _unit(self._vectors[mine].mean(axis=0))
            top = _top_k_mean(sims[:, mine], self.config.top_k)
            columns.append(weight * rowwise_product(embeddings, centroid) + (1 - weight) * top)
        if self.config.threshold is None:
            columns.append(np.full(len(embeddings), -np.inf, dtype=np.float32))
        else:
            none = _top_k_mean(sims[:, self._owners == _NONE_OWNER], self.config.top_k)
            columns.append(np.maximum(none, self.config.threshold))
        return np.column_stack(columns).astype(np.float32)

    def decide(self, similarities: np.ndarray) -> ZeroShotResult:
        """Labels and probabilities from `similarities` (softmax at the config's temperature)."""
        logits = similarities / self.config.temperature
        logits = logits - logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        top = probs.argmax(axis=1)
        ids = np.array([*self.label_ids, NONE_LABEL], dtype=object)
        return ZeroShotResult(
            label_ids=self.label_ids,
            labels=ids[top],
            scores=probs[np.arange(len(top)), top],
            matrix=probs[:, :-1],
        )


def prototype_texts(
    labels: Sequence[Label], none_examples: Sequence[str] = ()
) -> tuple[list[str], list[int]]:
    """The prototype texts of `labels` and, for each, its label's index (-1: "none")."""
    texts: list[str] = []
    owners: list[int] = []
    for index, label in enumerate(labels):
        phrases = label.prototype_texts()
        texts.extend(phrases)
        owners.extend([index] * len(phrases))
    texts.extend(none_examples)
    owners.extend([_NONE_OWNER] * len(none_examples))
    return texts, owners


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _top_k_mean(sims: np.ndarray, k: int) -> np.ndarray:
    """Mean of the `k` largest values per row (all of them when fewer); -inf if none."""
    if sims.shape[1] == 0:
        return np.full(sims.shape[0], -np.inf, dtype=np.float32)
    k = min(k, sims.shape[1])
    best = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:]
    return best.mean(axis=1)


def _check_prototypes(
    label_ids: tuple[str, ...], vectors: np.ndarray, owners: np.ndarray, config: ZeroShotConfig
) -> None:
    if not label_ids or len(set(label_ids)) != len(label_ids) or NONE_LABEL in label_ids:
        raise UsageError(
            f"label ids must be unique, non-empty and not {NONE_LABEL!r}; got {label_ids}"
        )
    if vectors.ndim != 2 or len(vectors) != len(owners):
        raise UsageError("prototype vectors and owners must have one row per prototype")
    missing = [label_ids[j] for j in range(len(label_ids)) if not (owners == j).any()]
    if missing:
        raise UsageError(f"labels without prototypes: {', '.join(missing)}; give each an example")
    if config.top_k < 1 or config.temperature <= 0 or not 0 <= config.centroid_weight <= 1:
        raise UsageError(
            "ZeroShotConfig needs top_k >= 1, temperature > 0 and 0 <= centroid_weight <= 1"
        )
