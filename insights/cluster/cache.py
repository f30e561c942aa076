"""Embeddings cached on disk by content hash and model id.

Storage: table ``vectors(model_id, text_hash, dim, vector)`` of the cache file
(`insights.store`: SQLite, WAL, safe under concurrent runs) whose key is
``(model_id, sha256(text))`` and whose vector is the raw float32 bytes.
A text whose vector is already stored for this model is never embedded again;
identical texts in one call are embedded once.

Before hashing and embedding, `embedding_text` removes what carries no meaning
for clustering but dominates short texts: @handles, URLs, the ``#`` of hashtags,
HTML entities, and redaction runs such as ``XXXX`` or ``XX/XX/XXXX`` (on airline
tweets this alone raised clustering NMI by ~0.04-0.08, see benchmarks/README.md).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from insights.analysis.embed import Embedder
from insights.privacy.people import unnumbered
from insights.store import BATCH, CACHE_FILE, connect, kept_open, text_hash

__all__ = [
    "CACHE_FILE",
    "CachedEmbedder",
    "embed_cached",
    "embedding_text",
    "not_cached",
    "snapshot",
    "text_hash",
    "with_cache",
]

# A rowid table: its key is a separate index and the 1.5-2 KB vectors stay out of it.
# Keyed by (model_id, text_hash) itself (WITHOUT ROWID, the layout of caches made
# before), every vector sat in the key's B-tree: storing 10,000 USE vectors took
# 0.85 s and reading them 0.26 s, against 0.37 s and 0.09 s here. Both layouts
# answer the same statements, so an older cache file keeps working as it is.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model_id  TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    dim       INTEGER NOT NULL,
    vector    BLOB NOT NULL,
    PRIMARY KEY (model_id, text_hash)
)
"""


_NOISE = re.compile(r"@\w+|https?://\S+|www\.\S+|#|\b[Xx]{2,}(?:/[Xx]{2,})*\b|[{}]")
_SPACES = re.compile(r"\s+")


def embedding_text(text: str) -> str:
    """The text actually embedded: `text` without handles, URLs, markup and redaction runs.

    Example:
        >>> embedding_text("@united lost my bag &amp; no reply http://t.co/x")
        'lost my bag & no reply'
    """
    text = unnumbered(text)
    cleaned = _SPACES.sub(" ", _NOISE.sub(" ", html.unescape(text))).strip()
    return cleaned or text.strip()


def embed_cached(
    texts: Sequence[str], embedder: Embedder, *, cache_dir: Path | None, clean: bool = True
) -> np.ndarray:
    """Embed `texts`, reusing and filling the on-disk cache in `cache_dir`.

    Args:
        texts: Texts to embed; duplicates are embedded once.
        embedder: Any `Embedder`; its `model_id` is part of the cache key.
        cache_dir: Folder of the cache (created if missing); None embeds without a cache.
        clean: Embed `embedding_text(text)` rather than the raw text.

    Returns:
        float32 array of shape (len(texts), embedder.dim), rows in the order of `texts`.

    Example:
        >>> vectors = embed_cached(["Late again"], make_embedder(), cache_dir=Path(".cache"))
    """
    if clean:
        texts = [embedding_text(t) for t in texts]
    hashes = [text_hash(t) for t in texts]
    unique: dict[str, str] = dict(zip(hashes, texts, strict=True))
    if cache_dir is None:
        found: dict[str, np.ndarray] = {}
    else:
        found = _load(cache_dir, embedder.model_id, list(unique))
    missing = [h for h in unique if h not in found]
    if missing:
        vectors = np.asarray(embedder.encode([unique[h] for h in missing]), dtype=np.float32)
        found.update(zip(missing, vectors, strict=True))
        if cache_dir is not None:
            _store(cache_dir, embedder.model_id, missing, vectors)
    if not hashes:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.vstack([found[h] for h in hashes]).astype(np.float32, copy=False)


def not_cached(texts: Sequence[str], model_id: str, cache_dir: Path | None) -> list[str]:
    """The distinct `texts` (taken as given) whose `model_id` vectors the cache lacks, in order."""
    unique = list(dict.fromkeys(texts))
    if cache_dir is None:
        return unique
    hashes = [text_hash(t) for t in unique]
    found = {key for (key,) in _rows(cache_dir, model_id, hashes, "text_hash")}
    return [t for t, h in zip(unique, hashes, strict=True) if h not in found]


class CachedEmbedder:
    """An `Embedder` whose vectors go through the cache in `cache_dir` (texts taken as given).

    Models that embed texts themselves (the sentiment head's own blocks, taxonomy
    prototypes) use it so that a second run embeds nothing again, and so that a
    text the run already embedded with the same model is read, not re-embedded.

    Example:
        >>> head_embedder = CachedEmbedder(make_embedder("minilm-int8.v1"), Path(".cache"))
    """

    def __init__(self, inner: Embedder, cache_dir: Path) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.cache_dir = cache_dir

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of `texts`, from the cache where stored, else embedded and stored."""
        return embed_cached(list(texts), self.inner, cache_dir=self.cache_dir, clean=False)


@contextmanager
def snapshot(cache_dir: Path) -> Iterator[None]:
    """Inside the block, this process's look-ups see the vectors stored when the block began.

    Vectors other processes store meanwhile stay unseen (SQLite's write-ahead log
    keeps this reader's snapshot). For look-ups only: nothing may be stored
    inside. A forked child uses it to learn what its parent's cache lacked
    before the parent goes on and stores it.
    """
    with kept_open(), connect(cache_dir, _SCHEMA) as conn:
        conn.execute("BEGIN")
        conn.execute("SELECT 1 FROM vectors LIMIT 1").fetchall()  # the snapshot starts here
        try:
            yield
        finally:
            conn.execute("ROLLBACK")


def with_cache(embedder: Embedder, cache_dir: Path | None) -> Embedder:
    """`embedder` behind the cache in `cache_dir` (unchanged when there is no cache)."""
    if cache_dir is None or isinstance(embedder, CachedEmbedder):
        return embedder
    return CachedEmbedder(embedder, cache_dir)


def _load(cache_dir: Path, model_id: str, hashes: list[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    for key, dim, blob in _rows(cache_dir, model_id, hashes, "text_hash, dim, vector"):
        vector = np.frombuffer(blob, dtype=np.float32)
        if vector.shape == (dim,):
            found[key] = vector
    return found


def _rows(cache_dir: Path, model_id: str, hashes: list[str], columns: str) -> Iterator[Any]:
    """The `columns` of the stored vectors of `model_id` among `hashes`, BATCH at a time."""
    with connect(cache_dir, _SCHEMA) as conn:
        for start in range(0, len(hashes), BATCH):
            chunk = hashes[start : start + BATCH]
            marks = ",".join("?" * len(chunk))
            yield from conn.execute(
                f"SELECT {columns} FROM vectors WHERE model_id = ? AND text_hash IN ({marks})",
                [model_id, *chunk],
            )


def _store(cache_dir: Path, model_id: str, hashes: list[str], vectors: np.ndarray) -> None:
    dim = int(vectors.shape[1])
    with connect(cache_dir, _SCHEMA) as conn:
        for start in range(0, len(hashes), BATCH):
            rows = [
                (model_id, key, dim, np.ascontiguousarray(vec, dtype=np.float32).tobytes())
                for key, vec in zip(
                    hashes[start : start + BATCH], vectors[start : start + BATCH], strict=True
                )
            ]
            with conn:
                conn.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?, ?)", rows)
