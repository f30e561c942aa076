from __future__ import annotations

import numpy as np

from insights.cluster.umap_kernels import KERNELS, use_disk_cache


def test_umap_kernels_are_cached_on_disk_and_still_compute_the_same() -> None:
    import importlib

    import umap.umap_ as umap_

    distances = np.sort(np.random.default_rng(0).random((50, 15)).astype(np.float32), axis=1)
    before = umap_.smooth_knn_dist(distances, 15.0)
    done = use_disk_cache()
    assert done == [f"{m}.{n}" for m, names in KERNELS.items() for n in names]
    names = [(m, n) for m, kernel_names in KERNELS.items() for n in kernel_names]
    kernels = [getattr(importlib.import_module(m), n) for m, n in names]
    assert all(type(k._cache).__name__ != "NullCache" for k in kernels)
    assert use_disk_cache() == done, "idempotent"
    again = [getattr(importlib.import_module(m), n) for m, n in names]
    assert again == kernels, "not wrapped twice"
    after = umap_.smooth_knn_dist(distances, 15.0)
    for a, b in zip(before, after, strict=True):
        np.testing.assert_array_equal(a, b)
