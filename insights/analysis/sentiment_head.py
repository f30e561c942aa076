"""The shipped sentiment heads: logistic regression over sentence embeddings + lexicon features.

A head artefact (``.npz``, no pickle) holds ``weights`` (3, d), ``bias`` (3,) and
``meta`` (JSON: name, feature layout, training data and its hashes). The features
of a text are computed on ``normalise_text(text)``, in this order:

1. the vector of the head's main embedder (``meta["embedder"]``), for every text;
2. if ``meta["english_embedder"]`` is set, that embedder's vector for English
   texts and zeros for the others (an English-only model adds what it knows
   without misreading French);
3. the six `LEXICON_FEATURES` if ``meta["lexicon"]`` is set.

Heads whose ``meta["embedded_text"]`` is `EMBEDDED_TEXT` embed
``embedding_text(normalise_text(text))`` in blocks 1 and 2: the text a run embeds
(`insights.cluster.cache.embedding_text`), with emoji named and hashtags split. For
most texts that is the very string the run embedded, so the run's vector (or its
cache entry) serves and no model runs twice; and a text's features depend on the
text alone, never on which embedder the run used. Older heads embed
``normalise_text(text)`` and reuse the run's vectors as they are.

Block 2 of ``head.v1`` is all-MiniLM-L6-v2. When onnxruntime is installed (a
dependency of the package) the head computes it with the int8 ONNX export of the same weights
(``minilm-int8.v1``, `FAST_VARIANTS`) instead of fp32 sentence-transformers:
about 7x faster, with macro-F1 within 0.01 on every benchmark dataset (measured
in ``benchmarks/quality.py``, see models/sentiment-head.md). ``fast=False``
keeps fp32.

Trained by ``models/train_sentiment.py``; see ``models/sentiment-head.md``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from insights.analysis.embed import Embedder, make_embedder, rowwise_product
from insights.analysis.sentiment_base import SentimentResult
from insights.analysis.sentiment_lexicon import LexiconFeatures
from insights.analysis.sentiment_text import normalise_text
from insights.cluster.cache import embedding_text
from insights.errors import UsageError

__all__ = [
    "EMBEDDED_TEXT",
    "FAST_VARIANTS",
    "HEAD_FILES",
    "HeadSentiment",
    "head_texts",
    "build_embedder",
    "detect_languages",
    "fast_variant",
    "load_head",
]

HEAD_FILES = {"head.v1": "sentiment_head.npz", "e5-head.v1": "sentiment_head_e5.npz"}
# English-block embedders with a faster runtime of the same weights (optional extra).
FAST_VARIANTS = {"minilm.v1": "minilm-int8.v1"}
# meta["embedded_text"] of heads whose blocks embed what a run embeds (module docstring)
EMBEDDED_TEXT = "embedding_text(normalise_text(text))"


def head_texts(texts: Sequence[str], *, as_run: bool) -> tuple[list[str], list[str]]:
    """The normalised texts (lexicon input) and the texts the embedding blocks embed."""
    clean = [normalise_text(t) for t in texts]
    return clean, [embedding_text(c) for c in clean] if as_run else clean


def fast_variant(name: str) -> str:
    """The faster runtime of embedder `name` if its extra is installed, else `name`."""
    import importlib.util

    fast = FAST_VARIANTS.get(name)
    return fast if fast and importlib.util.find_spec("onnxruntime") is not None else name


def load_head(source: str | Path) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """Read weights, bias and metadata from a head artefact.

    Args:
        source: a registered head name (see `HEAD_FILES`) or the path of an ``.npz``.

    Raises:
        UsageError: the file is missing or malformed.
    """
    name = str(source)
    path: Any = (
        resources.files(__package__) / HEAD_FILES[name] if name in HEAD_FILES else Path(name)
    )
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            weights = data["weights"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
            meta = json.loads(str(data["meta"]))
    except (OSError, KeyError, ValueError) as exc:
        raise UsageError(
            f"sentiment head {str(path)!r} could not be read ({_first_line(exc)}); "
            "reinstall insights or retrain it with models/train_sentiment.py"
        ) from exc
    return weights, bias, meta


def detect_languages(texts: Sequence[str], detector: Any = None) -> list[str]:
    """Language of each text (py3langid), short ones taking the batch's majority.

    Args:
        texts: the texts of one batch.
        detector: a loaded `insights.ingest.language.LanguageDetector` (one is built if None).
    """
    if detector is None:
        from insights.ingest.language import LanguageDetector

        detector = LanguageDetector()
    return list(detector.detect_all(texts, default="en"))


def build_embedder(name: str, **options: Any) -> Embedder:
    """The embedder registered as `name` (optional extras of ``embed_extra`` included)."""
    from insights.analysis.embed_extra import EXTRA_EMBEDDERS

    factory = EXTRA_EMBEDDERS.get(name)
    return factory(**options) if factory is not None else make_embedder(name, **options)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


class HeadSentiment:
    """A logistic-regression head over embeddings (+ lexicon features); ``head.v1`` by default.

    The run's embeddings are reused when they come from the embedder the head was
    trained on; otherwise the head embeds the texts itself with its own embedder.
    """

    def __init__(
        self,
        *,
        embedder: Embedder | None = None,
        artefact: str | Path = "head.v1",
        english_embedder: Embedder | None = None,
        fast: bool = True,
        cache_dir: Path | None = None,
    ) -> None:
        """Load the head `artefact` (a name in `HEAD_FILES` or an ``.npz`` path).

        Args:
            embedder: the run's embedder; reused when the head was trained on it.
            artefact: which head.
            english_embedder: an already loaded embedder the head may reuse: for its
                English-only block if it is that model (the run's embedder is used if
                it is; built on first use otherwise), or for its main block if it is
                the main model and `embedder` is not (the run's embedder, when the
                vectors passed to `predict` are another model's); else ignored.
            fast: compute the English block with the int8 runtime of its model when
                onnxruntime is installed (see the module docstring).
            cache_dir: embedding cache for the texts the head embeds itself (see
                `insights.cluster.cache.CachedEmbedder`); None embeds every time.
        """
        self._weights, self._bias, self.meta = load_head(artefact)
        self.model_id = f"{self.meta['name']}@{self.meta['embedder_model_id']}"
        english_name = self.meta.get("english_embedder") or ""
        self._english_name = fast_variant(english_name) if fast else english_name
        if self._english_name != english_name:
            self.model_id += f"+{self._english_name}"
        main_id = self.meta["embedder_model_id"]
        matches = embedder is not None and embedder.model_id == main_id
        self._shared = embedder if matches else None
        self._cache_dir = cache_dir
        self._own: Embedder | None = None
        if not matches and english_embedder is not None and english_embedder.model_id == main_id:
            self._own = self._cached(english_embedder)
        english_id = str(self.meta.get("english_embedder_model_id") or "")
        faster = self._english_name != english_name

        def is_english(e: Embedder) -> bool:  # a faster runtime's id is "<id>#<recipe>"
            return e.model_id.startswith(f"{english_id}#") if faster else e.model_id == english_id

        candidates = [e for e in (english_embedder, embedder) if e is not None]
        self._english = next((e for e in candidates if english_id and is_english(e)), None)
        weights = hashlib.sha256(self._weights.tobytes() + self._bias.tobytes()).hexdigest()
        # probabilities in the run cache; "rowwise": logits by `rowwise_product` (batch-invariant)
        self._cache_id = f"{self.model_id}#{weights[:16]}#rowwise"
        if self._english is not None:
            self._english = self._cached(self._english)
        self._lexicon = LexiconFeatures() if self.meta.get("lexicon") else None
        self._detector: Any = None

    @property
    def embedder(self) -> Embedder:
        """The embedder the head was trained on (built on first use if the run's differs)."""
        if self._shared is not None:
            return self._shared
        if self._own is None:
            self._own = self._cached(build_embedder(self.meta["embedder"]))
        return self._own

    @property
    def english_name(self) -> str:
        """The `make_embedder` name of feature block 2's model ("" if the head has none)."""
        return self._english_name

    @property
    def english_embedder(self) -> Embedder | None:
        """The English-only embedder of feature block 2, if the head has one."""
        if self._english_name and self._english is None:
            self._english = self._cached(build_embedder(self._english_name))
        return self._english

    @property
    def cache_id(self) -> str:
        """The model id with a digest of the weights: what its cached results are kept under."""
        return self._cache_id

    def _cached(self, embedder: Embedder) -> Embedder:
        from insights.cluster.cache import with_cache

        return with_cache(embedder, self._cache_dir)

    def features(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray | None = None,
        languages: Sequence[str] | None = None,
    ) -> np.ndarray:
        """The head's input rows (see the module docstring for the layout)."""
        as_run = self.meta.get("embedded_text") == EMBEDDED_TEXT
        clean, embedded = head_texts(texts, as_run=as_run)
        blocks = [self._main_block(texts, embedded, embeddings, as_run=as_run)]
        if self._lexicon is None and not self.meta.get("english_embedder"):
            return blocks[0]
        langs = list(languages) if languages is not None else self._detect(clean)
        english = self.english_embedder
        if english is not None:
            rows = [i for i, lang in enumerate(langs) if lang == "en"]
            block = np.zeros((len(texts), int(self.meta["english_embedder_dim"])), np.float32)
            if rows:
                block[rows] = english.encode([embedded[i] for i in rows])
            blocks.append(block)
        if self._lexicon is not None:
            blocks.append(self._lexicon.transform(clean, langs))
        return np.hstack(blocks)

    def _detect(self, clean: list[str]) -> list[str]:
        if self._detector is None:
            from insights.ingest.language import LanguageDetector

            self._detector = LanguageDetector()
        return detect_languages(clean, self._detector)

    def _main_block(
        self,
        texts: Sequence[str],
        embedded: list[str],
        embeddings: np.ndarray | None,
        *,
        as_run: bool,
    ) -> np.ndarray:
        """Block 1: the main embedder's vectors of `embedded`.

        The run's `embeddings` (vectors of ``embedding_text(text)``) serve where they
        are the head's model and, for a head that embeds what a run embeds, of the
        same string; the other rows are embedded here (through the run cache).
        """
        dim = int(self.meta["embedder_dim"])
        own = self._cached(self.embedder)
        if embeddings is None or self._shared is None:
            vectors = np.asarray(own.encode(embedded), dtype=np.float32)
        else:
            vectors = np.array(embeddings, dtype=np.float32)
            if as_run and vectors.shape == (len(embedded), dim):
                rows = [i for i, t in enumerate(texts) if embedding_text(t) != embedded[i]]
                if rows:
                    vectors[rows] = own.encode([embedded[i] for i in rows])
        if vectors.shape != (len(embedded), dim):
            raise UsageError(
                f"sentiment head {self.meta['name']} needs embeddings of shape "
                f"({len(embedded)}, {dim}) from {self.meta['embedder']}, got {vectors.shape}; "
                "pass embeddings=None to let it embed"
            )
        return vectors

    def predict(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray | None = None,
        *,
        languages: Sequence[str] | None = None,
        questions: Sequence[str | None] | None = None,
    ) -> SentimentResult:
        """Score `texts` (see `insights.analysis.sentiment_base.SentimentModel.predict`)."""
        if not texts:
            return SentimentResult.empty()
        probabilities = self._probabilities(list(texts), embeddings, languages)
        result = SentimentResult.from_probabilities(probabilities)
        return result.with_answer_context(texts, questions)

    def _probabilities(
        self,
        texts: list[str],
        embeddings: np.ndarray | None,
        languages: Sequence[str] | None,
    ) -> np.ndarray:
        """Class probabilities of `texts`; with a cache, kept per (language, text).

        A text's probabilities depend only on it, its language and the head (the
        main block is the head's embedder's vector of it), so a re-run computes no
        features (lexicon, text normalisation, block look-ups) for a known text.
        """
        from insights.store import JsonCache, cached_per_text

        def compute(rows: list[int]) -> np.ndarray:
            x = self.features(
                [texts[i] for i in rows],
                None if embeddings is None else np.asarray(embeddings)[rows],
                None if languages is None else [languages[i] for i in rows],
            )
            return _softmax(rowwise_product(x, self._weights.T) + self._bias)

        if self._cache_dir is None:
            return compute(list(range(len(texts))))
        langs = languages if languages is not None else [""] * len(texts)
        keys = [f"{lang}\x1f{text}" for lang, text in zip(langs, texts, strict=True)]
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            first.setdefault(key, i)
        cache = JsonCache(self._cache_dir, "sentiment", self._cache_id)
        values = cached_per_text(
            cache, keys, lambda todo: compute([first[k] for k in todo]).tolist()
        )
        return np.asarray(values, dtype=np.float64)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
