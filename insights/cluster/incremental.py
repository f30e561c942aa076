"""Clusterings in the run cache, and incremental runs that keep an earlier run's clusters.

`cached_clustering` is `cluster_embeddings` behind the run cache:

1. **Same statements again** (same vectors in the same order, same options):
   the stored result, nothing is fitted.
2. **A grown or slightly changed corpus** of at least `MIN_EXTEND` (500)
   distinct statements: when at most `NEW_SHARE` (25 %) of them are new and at
   most `GONE_SHARE` (10 %) of those of the earlier fit are gone, the earlier
   fit is kept: its statements keep their clusters, and the new ones are placed
   by the outlier rule of `insights.cluster.clustering` (`extend_clustering`).
   Nothing is refitted, and proposals whose members did not change keep their
   ids, so a review of the earlier run still applies. map.json's run parameters
   say how many statements were new and how many joined a cluster. Smaller
   corpora are refitted: it takes seconds, and the rule is strict on clusters
   of a handful of statements (a paraphrase of a member may not reach the
   least typical member's similarity to a centroid it barely moves).
3. **Otherwise**, or with ``refit=True`` (``insights run --refit``): a full fit,
   which becomes the base later runs extend.

The earlier fit is found by its statements, not by folder: each fit records,
per distinct statement (a hash of its rounded unit vector, never its text),
which fit it belongs to, and a run extends the fit most of its statements
belong to. Extensions are measured against that fit, never against another
extension, so repeated small additions cannot drift further than the shares
above from what was actually fitted. Results therefore depend on what the cache
has seen: for a run that does not, use ``--refit`` or ``--no-cache``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from insights.cluster.clustering import (
    ClusterParams,
    ClusterResult,
    cluster_embeddings,
    extend_clustering,
    rounded_unit_rows,
)
from insights.store import JsonCache, array_digest, earlier_fit, has_fit, record_fit

__all__ = [
    "GONE_SHARE",
    "MIN_EXTEND",
    "NEW_SHARE",
    "VERSION",
    "cached_clustering",
    "fit_clustering",
    "fit_expected",
    "row_hashes",
    "stored_clustering",
]

# cache version of cluster_embeddings' algorithm: bump whenever its results may change
VERSION = "cluster_embeddings.v4"
NEW_SHARE = 0.25
GONE_SHARE = 0.10
MIN_EXTEND = 500


def cached_clustering(
    vectors: np.ndarray,
    *,
    polarity: str,
    min_cluster_size: int | None,
    seed: int,
    cache_dir: Path | None,
    refit: bool = False,
    min_extend: int = MIN_EXTEND,
) -> ClusterResult:
    """Cluster `vectors` (one row per statement), reusing the run cache (module doc).

    Args:
        vectors: array (n, dim).
        polarity: which statements these are ("negative", "positive"): fits of
            different polarities never extend each other.
        min_cluster_size: override of the size-based default.
        seed: random seed.
        cache_dir: the run cache; None fits every time.
        refit: fit from scratch even when an earlier fit could be extended.
        min_extend: fewest distinct statements for which an earlier fit is extended.
    """
    stored = stored_clustering(
        vectors, polarity=polarity, min_cluster_size=min_cluster_size, seed=seed,
        cache_dir=cache_dir, refit=refit,
    )  # fmt: skip
    if stored is not None:
        return stored
    return fit_clustering(
        vectors, polarity=polarity, min_cluster_size=min_cluster_size, seed=seed,
        cache_dir=cache_dir, refit=refit, min_extend=min_extend,
    )  # fmt: skip


def fit_clustering(
    vectors: np.ndarray,
    *,
    polarity: str,
    min_cluster_size: int | None,
    seed: int,
    cache_dir: Path | None,
    refit: bool = False,
    min_extend: int = MIN_EXTEND,
) -> ClusterResult:
    """What `cached_clustering` does when `stored_clustering` found nothing: fit and keep it.

    Extends an earlier fit most of these statements belong to (unless `refit` or
    fewer than `min_extend` distinct statements), else fits from scratch; without
    a cache, fits from scratch and keeps nothing.
    """
    if cache_dir is None:
        return cluster_embeddings(vectors, min_cluster_size=min_cluster_size, seed=seed)
    options = _options(polarity, min_cluster_size, seed)
    hashes = row_hashes(vectors)
    small = len(set(hashes)) < min_extend
    result = None if refit or small else _extend(vectors, hashes, cache_dir, options)
    if result is None:
        result = cluster_embeddings(vectors, min_cluster_size=min_cluster_size, seed=seed)
        _keep_as_base(hashes, result, cache_dir, options)
    JsonCache(cache_dir, "clusterings", options).put(
        {array_digest(vectors): _dump(result)}, replace=True
    )
    return result


def stored_clustering(
    vectors: np.ndarray,
    *,
    polarity: str,
    min_cluster_size: int | None,
    seed: int,
    cache_dir: Path | None,
    refit: bool = False,
) -> ClusterResult | None:
    """The result `cached_clustering` keeps for exactly these vectors and options, if any.

    With `refit`, an extension of an earlier fit does not count (it would be refitted).
    """
    if cache_dir is None:
        return None
    exact = JsonCache(cache_dir, "clusterings", _options(polarity, min_cluster_size, seed))
    key = array_digest(vectors)
    stored = _load(exact.get([key]).get(key))
    if stored is None or (refit and stored.params.extended):
        return None
    return stored


def fit_expected(
    cache_dir: Path | None,
    *,
    polarities: tuple[str, ...] = ("negative", "positive"),
    min_cluster_size: int | None = None,
    seed: int = 0,
    refit: bool = False,
) -> bool:
    """Whether a run will likely fit some polarity from scratch rather than extend a fit.

    True without a cache, with `refit`, or when the cache holds no earlier fit of
    one of `polarities` with these options (a first run). A guess made before the
    statements are known, for loading UMAP ahead of time: a corpus that changed
    too much is refitted although this says False.
    """
    if cache_dir is None or refit:
        return True
    return not all(
        has_fit(cache_dir, "cluster", _options(p, min_cluster_size, seed)) for p in polarities
    )


def _options(polarity: str, min_cluster_size: int | None, seed: int) -> str:
    return f"{VERSION}|{polarity}|{min_cluster_size}|{seed}"


def row_hashes(vectors: np.ndarray) -> list[str]:
    """A key per row: hash of its unit vector at 4 decimals (batch jitter does not count)."""
    keys = rounded_unit_rows(vectors).astype(np.float32)
    return [hashlib.sha256(row.tobytes()).hexdigest()[:24] for row in keys]


def _extend(
    vectors: np.ndarray, hashes: list[str], cache_dir: Path, options: str
) -> ClusterResult | None:
    """The earlier fit most of these statements belong to, extended; None if there is none."""
    found = earlier_fit(cache_dir, "cluster", options, hashes)
    if found is None:
        return None
    base = found[0]
    index = {h: i for i, h in enumerate(base["hashes"])}
    current = set(hashes)
    new = len(current - index.keys()) / len(current)
    gone = len(index.keys() - current) / max(len(index), 1)
    if new > NEW_SHARE or gone > GONE_SHARE:
        return None
    rows = np.array([index.get(h, -1) for h in hashes])
    known = rows >= 0
    at = np.where(known, rows, 0)
    params = ClusterParams(**base["params"])
    return extend_clustering(
        vectors,
        known,
        np.asarray(base["labels"], dtype=np.int64)[at],
        np.asarray(base["probabilities"], dtype=np.float64)[at],
        np.asarray(base["reassigned"], dtype=bool)[at],
        params,
    )


def _keep_as_base(hashes: list[str], result: ClusterResult, cache_dir: Path, options: str) -> None:
    """Record a full fit, and make it the fit of each of its statements."""
    at = {h: i for i, h in reversed(list(enumerate(hashes)))}  # first row of each
    distinct = list(dict.fromkeys(hashes))
    rows = [at[h] for h in distinct]
    base = {
        "hashes": distinct,
        "labels": result.labels[rows].tolist(),
        "probabilities": result.probabilities[rows].tolist(),
        "reassigned": result.reassigned[rows].tolist(),
        "params": result.params.as_dict(),
    }
    record_fit(cache_dir, "cluster", options, distinct, base)


def _dump(result: ClusterResult) -> dict[str, Any]:
    return {
        "labels": result.labels.tolist(),
        "probabilities": result.probabilities.tolist(),
        "reassigned": result.reassigned.tolist(),
        "params": result.params.as_dict(),
    }


def _load(stored: Any) -> ClusterResult | None:
    if stored is None:
        return None
    try:
        return ClusterResult(
            np.asarray(stored["labels"], dtype=np.int64),
            np.asarray(stored["probabilities"], dtype=np.float64),
            np.asarray(stored["reassigned"], dtype=bool),
            ClusterParams(**stored["params"]),
        )
    except (KeyError, TypeError, ValueError):
        return None  # an unreadable row: fit again
