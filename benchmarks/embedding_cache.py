"""An embedder wrapper that keeps vectors on disk, so benchmarks embed each text once.

One ``.npz`` per model id in the cache folder (arrays ``keys``: SHA-1 of the text,
``vectors``: float32), no pickle. Benchmarks only: a run never caches this way.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from insights.analysis.embed import Embedder

__all__ = ["CachedEmbedder"]


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class CachedEmbedder:
    """Wraps `embedder`; same `model_id` and `dim`, vectors read from / added to `folder`."""

    def __init__(self, embedder: Embedder, folder: Path) -> None:
        self._embedder = embedder
        self.model_id = embedder.model_id
        self.dim = embedder.dim
        folder.mkdir(parents=True, exist_ok=True)
        self._path = folder / (re.sub(r"[^\w.-]+", "_", self.model_id) + ".npz")
        self._vectors: dict[str, np.ndarray] = {}
        if self._path.exists():
            with np.load(self._path, allow_pickle=False) as data:
                self._vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of `texts`, embedding (and saving) only those not cached yet."""
        missing = {_key(t): t for t in texts if _key(t) not in self._vectors}
        if missing:
            vectors = self._embedder.encode(list(missing.values()))
            self._vectors.update(zip(missing, np.asarray(vectors, np.float32), strict=True))
            self._save()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vectors[_key(t)] for t in texts])

    def _save(self) -> None:
        keys = np.array(list(self._vectors))
        tmp = self._path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=np.stack(list(self._vectors.values())))
        os.replace(tmp, self._path)
