"""Density clustering of statement embeddings, with outliers as a first-class result.

The recipe (measured in ``benchmarks/clusters.py``):

1. **Dedupe**: identical vectors (identical texts; compared at 4 decimals, so
   batch-dependent float jitter does not count) are clustered once and mapped
   back, so a statement repeated 30 times cannot form a cluster on its own.
2. **Small corpora** (fewer than `_SMALL` distinct statements, e.g. one study of
   eight interviews): HDBSCAN's density estimate needs more points than that, so
   distinct statements are grouped by average-linkage agglomerative clustering
   on cosine distance, cut where the silhouette is best (2 to n/2 groups; a
   finer cut within `_SILHOUETTE_TIE` of the best wins, since merging two
   proposals in review is quicker than splitting one).
   A group is kept when it holds at least ``min_cluster_size`` statements
   *counting repeats* (three people saying the same thing is evidence) and at
   least two distinct ones; the rest are outliers, then step 5 applies.
3. **Reduce**: seeded UMAP (cosine, 15 neighbours, 5 components, ``min_dist=0``,
   200 epochs: UMAP's own choice above 10,000 rows; below, it would run 500, which
   took twice as long for no better NMI on 16 dataset × embedding rows of
   ``benchmarks/clusters.py``, mean difference -0.001, all within ±0.015) when
   there are enough distinct statements (``reducer="umap"``); ``"pca"`` and
   ``"none"`` are available.
4. **HDBSCAN** with ``min_cluster_size = max(3, round(sqrt(n) / 4))`` and
   ``min_samples = 3`` by default, "excess of mass" selection; when that selects
   fewer than 3 clusters out of a corpus that could hold more (UMAP sometimes
   splits a corpus into two disconnected halves, which EOM then picks as the
   clusters), or one cluster holding more than half of the statements (all
   9,178 airline complaints once came out as 3 clusters, NMI 0.02), the leaf
   clusters are used instead.
5. **Outlier reassignment rule**: each cluster's centroid is the normalised mean
   of its members' (full, L2-normalised) embeddings and its *radius* is the
   `reassign_quantile` quantile (default 0: the minimum) of its members' cosine
   similarity to that centroid. An unclustered statement joins the cluster whose
   centroid it is most similar to when that similarity is at least the cluster's
   radius, i.e. when it is at least as typical of the cluster as the cluster's
   own least typical member (a larger quantile reassigns fewer). The rest stay
   unclustered (label -1) and are counted, never dropped.
6. Clusters are numbered by decreasing size (ties: first member), so labels are
   stable for a given input and seed.

**Large corpora** (more than ``max_fit`` distinct statements, default 5,000):
steps 3-4 run on a seeded random sample of ``max_fit`` distinct statements, and
every other statement is then assigned by the rule of step 5 (nearest centroid,
if at least as similar as the cluster's least typical sampled member), the same
approximate assignment HDBSCAN's ``approximate_predict`` offers, without having
to project new points through UMAP. Time and memory of UMAP and HDBSCAN stay
bounded; the assignment is one matrix product. ``min_cluster_size`` then
defaults from the sample size. Statements the rule does not place stay
unclustered and are counted, as everywhere else.
"""

from __future__ import annotations

import hashlib
import math
import warnings
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

import numpy as np

from insights.errors import UsageError

__all__ = [
    "ClusterParams",
    "ClusterResult",
    "cluster_embeddings",
    "default_min_cluster_size",
    "extend_clustering",
    "import_fit_libraries",
    "proposal_id",
    "rounded_unit_rows",
]

Reducer = Literal["umap", "pca", "none"]
Selection = Literal["eom", "leaf"]
_SMALL = 30  # fewer distinct statements than this: agglomerative, not HDBSCAN
_SILHOUETTE_TIE = 0.02
_MIN_CLUSTERS = 3
_MAX_SHARE = 0.5  # an EOM cluster above this share of the statements: use leaf clusters


@dataclass(frozen=True)
class ClusterParams:
    """The parameters a clustering actually used (recorded in run parameters)."""

    min_cluster_size: int
    min_samples: int
    selection: str
    reducer: str
    n_components: int
    n_neighbors: int
    reassign_quantile: float | None
    seed: int
    n_distinct: int
    n_fit: int  # distinct statements UMAP/HDBSCAN were fitted on (a sample above max_fit)
    n_epochs: int | None = None  # UMAP optimisation epochs; None: UMAP's own default
    extended: bool = False  # an earlier fit, extended to new statements (incremental run)
    n_new: int = 0  # distinct statements new since that earlier fit
    n_placed: int = 0  # of those, how many joined one of its clusters

    def as_dict(self) -> dict[str, Any]:
        """Plain dict, for JSON."""
        return asdict(self)


@dataclass(frozen=True)
class ClusterResult:
    """Cluster labels of each input row (-1 = unclustered) and how they were made.

    Attributes:
        labels: int array, cluster number per row, -1 for unclustered rows.
        probabilities: HDBSCAN membership strength in [0, 1]; for a reassigned
            row, its cosine similarity to the centroid of its new cluster.
        reassigned: bool array, True where an HDBSCAN outlier was reassigned.
        params: the parameters used.
    """

    labels: np.ndarray
    probabilities: np.ndarray
    reassigned: np.ndarray
    params: ClusterParams

    @property
    def n_clusters(self) -> int:
        """Number of clusters (label -1 excluded)."""
        return len(set(self.labels.tolist()) - {-1})

    @property
    def n_unclustered(self) -> int:
        """Rows left unclustered after reassignment."""
        return int((self.labels == -1).sum())


def default_min_cluster_size(n: int) -> int:
    """Size-based default: ``max(3, round(sqrt(n) / 4))`` (60 → 3, 3,000 → 14, 10,000 → 25)."""
    return max(3, round(math.sqrt(max(n, 0)) / 4))


def proposal_id(member_unit_ids: Iterable[str], prefix: str) -> str:
    """Stable id of a proposal: same members (in any order) → same id.

    Example:
        >>> proposal_id(["u2", "u1"], "P") == proposal_id(["u1", "u2", "u1"], "P")
        True
    """
    members = sorted({str(m) for m in member_unit_ids})
    digest = hashlib.sha256("\n".join(members).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:8]}"


def cluster_embeddings(
    embeddings: np.ndarray,
    *,
    min_cluster_size: int | None = None,
    min_samples: int | None = None,
    selection: Selection = "eom",
    reducer: Reducer = "umap",
    n_components: int = 5,
    n_neighbors: int = 15,
    reassign_quantile: float | None = 0.0,
    seed: int = 0,
    max_fit: int = 5000,
    n_epochs: int | None = 200,
) -> ClusterResult:
    """Cluster `embeddings` (one row per statement) with HDBSCAN; see the module doc.

    Args:
        embeddings: array (n, dim); rows need not be normalised.
        min_cluster_size: smallest cluster; default `default_min_cluster_size` of the
            number of distinct rows.
        min_samples: HDBSCAN's density smoothing; default min(3, min_cluster_size).
        selection: "eom" (with the leaf fallback described above) or "leaf".
        reducer: "umap" (seeded), "pca" or "none".
        n_components: dimensions after reduction.
        n_neighbors: UMAP neighbourhood size.
        reassign_quantile: quantile of members' similarity that sets a cluster's radius for
            outlier reassignment (0 = least typical member); None keeps all outliers.
        seed: random seed of the reduction (and of the sample, see "Large corpora").
        max_fit: most distinct statements UMAP and HDBSCAN see; above, a sample.
        n_epochs: UMAP's optimisation epochs; None lets UMAP choose (500 below 10,000 rows).

    Returns:
        A `ClusterResult` aligned with the rows of `embeddings`.

    Example:
        >>> result = cluster_embeddings(vectors, seed=0)
        >>> result.n_clusters, result.n_unclustered
    """
    vectors = _unit_rows(embeddings)
    distinct, inverse = _dedupe(vectors)
    fit = _fit_rows(len(distinct), max_fit, seed)
    params = _params(
        len(distinct), len(fit), min_cluster_size, min_samples, selection, reducer,
        n_components, n_neighbors, reassign_quantile, seed, n_epochs,
    )  # fmt: skip
    labels = np.full(len(distinct), -1, dtype=np.int64)
    strength = np.zeros(len(distinct), dtype=np.float64)
    if len(distinct) < _SMALL:
        weights = np.bincount(inverse, minlength=len(distinct))
        labels, strength = _small_corpus(distinct, weights, params.min_cluster_size)
    else:
        labels[fit], strength[fit] = _hdbscan(_reduce(distinct[fit], params), params)
    moved = np.zeros(len(distinct), dtype=bool)
    if len(fit) < len(distinct):  # rows outside the sample: assigned by the step-5 rule
        unseen = np.ones(len(distinct), dtype=bool)
        unseen[fit] = False
        labels, strength, placed = _reassign(distinct, labels, strength, 0.0, candidates=unseen)
        moved |= placed
    if reassign_quantile is not None:
        labels, strength, again = _reassign(distinct, labels, strength, reassign_quantile)
        moved |= again
    labels = _renumber(labels)
    return ClusterResult(labels[inverse], strength[inverse], moved[inverse], params)


def extend_clustering(
    embeddings: np.ndarray,
    known: np.ndarray,
    labels: np.ndarray,
    probabilities: np.ndarray,
    reassigned: np.ndarray,
    params: ClusterParams,
) -> ClusterResult:
    """Place new statements into an existing clustering, without refitting it.

    For incremental runs: the rows where `known` is True keep the cluster (and
    strength, and reassigned flag) they had in an earlier clustering of the same
    polarity; every other row is placed by the rule of step 5 (nearest centroid
    of the known members, if at least as similar as the cluster's least typical
    member), the same rule that places the rows outside the fitted sample of a
    large corpus. Statements unclustered before stay unclustered. Clusters are
    renumbered by size (step 6).

    Args:
        embeddings: array (n, dim), every statement of the new run.
        known: bool array (n,), True for statements of the earlier clustering.
        labels: earlier cluster numbers (ignored where not `known`).
        probabilities: earlier membership strengths (ignored where not `known`).
        reassigned: earlier reassigned flags (ignored where not `known`).
        params: the earlier clustering's parameters.

    Returns:
        A `ClusterResult` aligned with `embeddings`; ``params.n_new`` counts the
        distinct new statements and ``params.n_placed`` those that joined a cluster.
    """
    vectors = _unit_rows(embeddings)
    known = np.asarray(known, dtype=bool)
    distinct, inverse = _dedupe(vectors)
    first = np.full(len(distinct), -1, dtype=np.int64)  # a known row of each distinct vector
    rows = np.flatnonzero(known)
    first[inverse[rows]] = rows
    seen = first >= 0
    fresh_labels = np.where(seen, np.asarray(labels)[first], -1).astype(np.int64)
    strength = np.where(seen, np.asarray(probabilities, dtype=np.float64)[first], 0.0)
    moved = np.where(seen, np.asarray(reassigned, dtype=bool)[first], False)
    fresh_labels, strength, placed = _reassign(
        distinct, fresh_labels, strength, 0.0, candidates=~seen
    )
    moved |= placed
    fresh_labels = _renumber(fresh_labels)
    extended = replace(
        params,
        n_distinct=len(distinct),
        extended=True,
        n_new=int((~seen).sum()),
        n_placed=int(placed.sum()),
    )
    return ClusterResult(fresh_labels[inverse], strength[inverse], moved[inverse], extended)


def _fit_rows(n: int, max_fit: int, seed: int) -> np.ndarray:
    """Indices of the distinct rows clustering is fitted on: all, or a seeded sample."""
    if max_fit < _SMALL:
        raise UsageError(f"max_fit {max_fit} is too small; give {_SMALL} or more")
    if n <= max_fit:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=max_fit, replace=False))


def _unit_rows(embeddings: np.ndarray) -> np.ndarray:
    vectors = np.asarray(embeddings, dtype=np.float64)
    if vectors.ndim != 2 or not np.isfinite(vectors).all():
        raise UsageError(
            f"embeddings must be a finite 2-d array, got shape {vectors.shape}; "
            "embed the statements with an Embedder first"
        )
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def rounded_unit_rows(embeddings: np.ndarray) -> np.ndarray:
    """Unit rows at 4 decimals, -0.0 as 0.0: what makes two statement vectors "the same".

    Dedupe (step 1) and incremental runs (`insights.cluster.incremental`) compare
    statements this way, so batch-dependent float jitter does not count.
    """
    return _rounded(_unit_rows(embeddings))


def _rounded(unit: np.ndarray) -> np.ndarray:
    return np.round(unit, 4) + 0.0


def _dedupe(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows in first-occurrence order, and each row's index among them."""
    if len(vectors) == 0:
        return vectors, np.zeros(0, dtype=np.int64)
    keys = _rounded(vectors)
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return vectors[first[order]], rank[inverse.ravel()]


def _params(
    n: int,
    n_fit: int,
    min_cluster_size: int | None,
    min_samples: int | None,
    selection: str,
    reducer: str,
    n_components: int,
    n_neighbors: int,
    reassign_quantile: float | None,
    seed: int,
    n_epochs: int | None,
) -> ClusterParams:
    if selection not in ("eom", "leaf") or reducer not in ("umap", "pca", "none"):
        raise UsageError(
            f"unknown clustering option selection={selection!r} reducer={reducer!r}; "
            "use selection eom|leaf and reducer umap|pca|none"
        )
    if reassign_quantile is not None and not 0.0 <= reassign_quantile <= 1.0:
        raise UsageError(f"reassign_quantile {reassign_quantile} is not in [0, 1]; give e.g. 0.05")
    size = default_min_cluster_size(n_fit) if min_cluster_size is None else int(min_cluster_size)
    if size < 2:
        raise UsageError(f"min_cluster_size {size} is too small; give 2 or more")
    samples = min(3, size) if min_samples is None else max(1, int(min_samples))
    if n < _SMALL:
        reducer = "none"
    return ClusterParams(
        size, samples, selection, reducer, n_components, n_neighbors, reassign_quantile, seed, n,
        n_fit, n_epochs,
    )  # fmt: skip


def import_fit_libraries() -> None:
    """Import UMAP and HDBSCAN now (~1.5 s, most of it scikit-learn and SciPy via UMAP).

    A fit imports them itself; a run calls this ahead of time, while it would
    otherwise wait (`insights.forking.while_waiting`), so a fit starts without it.
    """
    import hdbscan  # noqa: F401
    import umap  # noqa: F401

    from insights.cluster.umap_kernels import use_disk_cache

    use_disk_cache()


def _reduce(vectors: np.ndarray, params: ClusterParams) -> np.ndarray:
    dims = min(params.n_components, len(vectors) - 2, vectors.shape[1])
    if params.reducer == "none" or dims < 2:
        return vectors
    if params.reducer == "pca":
        from sklearn.decomposition import PCA

        reduced = PCA(dims, random_state=params.seed).fit_transform(vectors)
        return np.asarray(_unit_rows(reduced))
    import umap  # lazy: numba compiles on first use

    from insights.cluster.umap_kernels import use_disk_cache

    use_disk_cache()  # umap-learn's kernels compile once per machine, not once per run

    neighbours = min(params.n_neighbors, len(vectors) - 1)
    model = umap.UMAP(
        n_neighbors=neighbours,
        n_components=dims,
        min_dist=0.0,
        metric="cosine",
        random_state=params.seed,
        n_epochs=params.n_epochs,
        n_jobs=1,
        precomputed_knn=(*exact_knn(vectors, neighbours), None),
    )
    with warnings.catch_warnings():  # no search index: we never call transform
        warnings.filterwarnings("ignore", message="precomputed_knn", category=UserWarning)
        return np.asarray(model.fit_transform(vectors), dtype=np.float64)


def exact_knn(vectors: np.ndarray, k: int, *, chunk: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine k-nearest neighbours of unit rows (self first), by blocked matrix products.

    UMAP's own search (NN-descent) is approximate and its numba code compiles for
    ~25 s in every new process; at the sizes we fit (`max_fit`) a BLAS product is
    exact and takes about a second.

    Returns:
        (indices, distances): int64 and float32 arrays of shape (n, k), nearest first,
        distance = 1 - cosine similarity.
    """
    points = np.asarray(vectors, dtype=np.float32)
    n = len(points)
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, chunk):
        similarity = points[start : start + chunk] @ points.T
        rows = np.arange(len(similarity))
        similarity[rows, start + rows] = np.inf  # a point is its own nearest neighbour
        part = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        top = np.take_along_axis(similarity, part, axis=1)
        order = np.argsort(-top, axis=1, kind="stable")
        indices[start : start + chunk] = np.take_along_axis(part, order, axis=1)
        best = np.take_along_axis(top, order, axis=1)
        best[:, 0] = 1.0
        distances[start : start + chunk] = np.clip(1.0 - best, 0.0, 2.0)
    return indices, distances


def _hdbscan(points: np.ndarray, params: ClusterParams) -> tuple[np.ndarray, np.ndarray]:
    import hdbscan

    def fit(method: str) -> Any:
        return hdbscan.HDBSCAN(
            min_cluster_size=params.min_cluster_size,
            min_samples=params.min_samples,
            cluster_selection_method=method,
            core_dist_n_jobs=1,
        ).fit(points)

    model = fit(params.selection)
    if params.selection == "eom" and _degenerate(model.labels_, params.min_cluster_size):
        model = fit("leaf")
    return np.asarray(model.labels_, dtype=np.int64), np.asarray(model.probabilities_, float)


def _degenerate(labels: np.ndarray, min_cluster_size: int) -> bool:
    """Too few clusters, or one swallowing most statements, where more could be found."""
    if len(labels) < 4 * min_cluster_size:
        return False
    sizes = np.bincount(labels[labels >= 0]) if (labels >= 0).any() else np.zeros(1, int)
    return len(np.flatnonzero(sizes)) < _MIN_CLUSTERS or sizes.max() > _MAX_SHARE * len(labels)


def _small_corpus(
    vectors: np.ndarray, weights: np.ndarray, min_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Agglomerative grouping of a few distinct statements; see step 2 of the module doc."""
    labels = np.full(len(vectors), -1, dtype=np.int64)
    if len(vectors) < 3:
        return labels, np.zeros(len(vectors))
    from sklearn.metrics import silhouette_score

    distance = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0)
    cuts = [_average_linkage(distance, k) for k in range(2, max(2, len(vectors) // 2) + 1)]
    scores = [silhouette_score(distance, cut, metric="precomputed") for cut in cuts]
    top = max(scores)
    best = [c for c, score in zip(cuts, scores, strict=True) if score >= top - _SILHOUETTE_TIE][-1]
    for group in np.unique(best):
        members = best == group
        if weights[members].sum() >= min_size and members.sum() >= 2:
            labels[members] = group
    strength = np.where(labels >= 0, 1.0, 0.0)
    return labels, strength


def _average_linkage(distance: np.ndarray, k: int) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=k, metric="precomputed", linkage="average")
    return np.asarray(model.fit_predict(distance), dtype=np.int64)


def _reassign(
    vectors: np.ndarray,
    labels: np.ndarray,
    strength: np.ndarray,
    quantile: float,
    *,
    candidates: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step 5: unclustered rows (only `candidates`, if given) join their nearest cluster."""
    labels, strength = labels.copy(), strength.copy()
    moved = np.zeros(len(labels), dtype=bool)
    clusters = np.unique(labels[labels >= 0])
    unclustered = labels < 0 if candidates is None else (labels < 0) & candidates
    outliers = np.flatnonzero(unclustered)
    if len(clusters) == 0 or len(outliers) == 0:
        return labels, strength, moved
    centroids = np.vstack([vectors[labels == c].mean(axis=0) for c in clusters])
    centroids = _unit_rows(centroids)
    radius = np.array(
        [np.quantile(vectors[labels == c] @ centroids[i], quantile) for i, c in enumerate(clusters)]
    )
    similarity = vectors[outliers] @ centroids.T
    best = similarity.argmax(axis=1)
    best_sim = similarity[np.arange(len(outliers)), best]
    ok = best_sim >= radius[best]
    labels[outliers[ok]] = clusters[best[ok]]
    strength[outliers[ok]] = np.clip(best_sim[ok], 0.0, 1.0)
    moved[outliers[ok]] = True
    return labels, strength, moved


def _renumber(labels: np.ndarray) -> np.ndarray:
    """Number clusters 0.. by decreasing size, ties broken by first member."""
    clusters = [c for c in dict.fromkeys(labels.tolist()) if c >= 0]
    order = sorted(clusters, key=lambda c: -int((labels == c).sum()))
    mapping = {c: i for i, c in enumerate(order)}
    return np.array([mapping.get(c, -1) for c in labels.tolist()], dtype=np.int64)
