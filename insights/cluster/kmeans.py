"""K-means, the silhouette and the adjusted Rand index in numpy, for personas and review.

scikit-learn's versions cost an import of ~0.7 s (scikit-learn pulls in SciPy's
statistics), which was most of what keeping the personas of a grown corpus cost;
the profiles k-means sees are small (at most a few thousand rows of a few hundred
columns), where numpy is as fast.

`kmeans` is scikit-learn's default algorithm: greedy k-means++ seeding (each
centre the best of ``2 + ln k`` candidates drawn in proportion to the squared
distance), then Lloyd iterations until the centres move less than ``tol`` times
the mean variance of the columns; an emptied cluster takes the point farthest from
its centre; the best of `n_init` seeded runs (lowest inertia) wins. It finds the
same partitions as scikit-learn on separated data and inertia as low on real
profiles (`tests/cluster/test_kmeans.py`), but not the same draws: another
random generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from insights.analysis.embed import one_blas_thread

__all__ = ["KMeansFit", "adjusted_rand", "kmeans", "silhouette"]

_MAX_ITER = 300
_TOL = 1e-4
_CHUNK = 1024  # rows per block of pairwise distances in `silhouette`


@dataclass(frozen=True)
class KMeansFit:
    """Labels (0..k-1), centres and inertia (sum of squared distances to the centres)."""

    labels: np.ndarray
    centers: np.ndarray
    inertia: float

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """The nearest centre of each row."""
        shift = self.centers.mean(axis=0)  # near the origin, where the expansion is exact
        x = np.asarray(rows, dtype=np.float64) - shift
        with one_blas_thread():
            return _nearest(x, _row_squares(x), self.centers - shift)[0]


def kmeans(rows: np.ndarray, k: int, *, seed: int = 0, n_init: int = 10) -> KMeansFit:
    """The best of `n_init` seeded k-means++ / Lloyd fits of `rows` into `k` groups.

    Raises:
        ValueError: fewer rows than groups, or k < 1.
    """
    x = np.asarray(rows, dtype=np.float64)
    if k < 1 or len(x) < k:
        raise ValueError(f"k-means needs 1 <= k <= rows, got k={k} for {len(x)} rows")
    mean = x.mean(axis=0)
    x = x - mean  # centred, as in scikit-learn: the distance expansion is exact near 0
    rng = np.random.default_rng(seed)
    tol = _TOL * float(np.var(x, axis=0).mean())
    squares = _row_squares(x)
    best: KMeansFit | None = None
    with one_blas_thread():  # the same fit whatever the machine's thread settings
        for _ in range(n_init):
            fit = _lloyd(x, squares, _plus_plus(x, squares, k, rng), tol)
            if best is None or fit.inertia < best.inertia:
                best = fit
    assert best is not None
    return KMeansFit(best.labels, best.centers + mean, best.inertia)


def _row_squares(x: np.ndarray) -> np.ndarray:
    """The squared norm of each row."""
    return np.einsum("ij,ij->i", x, x)


def _distances(x: np.ndarray, squares: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Squared euclidean distances of every row to every centre (clipped at 0)."""
    out = squares[:, None] - 2.0 * (x @ centers.T) + _row_squares(centers)
    return np.maximum(out, 0.0)


def _one_hot(labels: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros((len(labels), k))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def _nearest(
    x: np.ndarray, squares: np.ndarray, centers: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The nearest centre of each row, and the squared distance to it."""
    distances = _distances(x, squares, centers)
    labels = distances.argmin(axis=1)
    return labels, distances[np.arange(len(x)), labels]


def _plus_plus(x: np.ndarray, squares: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Greedy k-means++ seeding (Arthur & Vassilvitskii, with scikit-learn's local trials)."""
    trials = 2 + int(np.log(k))
    centers = np.empty((k, x.shape[1]))
    centers[0] = x[rng.integers(len(x))]
    closest = _distances(x, squares, centers[:1])[:, 0]
    for c in range(1, k):
        total = closest.sum()
        if total <= 0:  # every row sits on a centre already: any row will do
            candidates = rng.integers(len(x), size=trials)
        else:
            draws = rng.random(trials) * total
            candidates = np.searchsorted(np.cumsum(closest), draws).clip(max=len(x) - 1)
        with_each = np.minimum(closest[None, :], _distances(x, squares, x[candidates]).T)
        pick = int(with_each.sum(axis=1).argmin())
        centers[c] = x[candidates[pick]]
        closest = with_each[pick]
    return centers


def _lloyd(x: np.ndarray, squares: np.ndarray, centers: np.ndarray, tol: float) -> KMeansFit:
    k = len(centers)
    for _ in range(_MAX_ITER):
        distances = _distances(x, squares, centers)
        labels = distances.argmin(axis=1)
        counts = np.bincount(labels, minlength=k)
        moved = _one_hot(labels, k).T @ x
        for empty in np.flatnonzero(counts == 0):  # takes the row farthest from its centre
            own = distances[np.arange(len(x)), labels]
            own[counts[labels] < 2] = -1.0  # never empty another group
            far = int(own.argmax())
            moved[labels[far]] -= x[far]
            counts[labels[far]] -= 1
            labels[far], moved[empty], counts[empty] = empty, x[far], 1
        moved /= counts[:, None]
        shift = float(((moved - centers) ** 2).sum())
        centers = moved
        if shift <= tol:
            break
    labels, closest = _nearest(x, squares, centers)
    return KMeansFit(labels, centers, float(closest.sum()))


def silhouette(rows: np.ndarray, labels: np.ndarray, *, metric: str = "euclidean") -> float:
    """Mean silhouette coefficient of `labels` (scikit-learn's `silhouette_score`).

    `metric` is "euclidean" or "cosine". A row alone in its group scores 0.

    Raises:
        ValueError: fewer than 2 or more than rows - 1 groups, or another metric.
    """
    x = np.asarray(rows, dtype=np.float64)
    groups, label_of = np.unique(np.asarray(labels), return_inverse=True)
    if not 2 <= len(groups) <= len(x) - 1:
        raise ValueError(f"the silhouette needs 2..{len(x) - 1} groups, got {len(groups)}")
    if metric == "cosine":
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        x = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    elif metric != "euclidean":
        raise ValueError(f"unknown metric {metric!r}; use euclidean or cosine")
    sizes = np.bincount(label_of).astype(np.float64)
    squares = _row_squares(x)
    member = _one_hot(label_of, len(groups))
    scores = np.empty(len(x))
    with one_blas_thread():
        _silhouettes(x, squares, label_of, member, sizes, metric, scores)
    return float(scores.mean())


def _silhouettes(
    x: np.ndarray,
    squares: np.ndarray,
    label_of: np.ndarray,
    member: np.ndarray,
    sizes: np.ndarray,
    metric: str,
    scores: np.ndarray,
) -> None:
    """Fill `scores` with each row's silhouette, `_CHUNK` rows of distances at a time."""
    for start in range(0, len(x), _CHUNK):
        block = slice(start, start + _CHUNK)
        products = x[block] @ x.T
        if metric == "cosine":  # 1 - cos; a zero row is at 1 from every row, as in scikit-learn
            distance = np.clip(1.0 - products, 0.0, 2.0)
        else:
            distance = np.sqrt(np.maximum(squares[block, None] - 2.0 * products + squares, 0.0))
        distance[np.arange(distance.shape[0]), np.arange(start, start + distance.shape[0])] = 0.0
        totals = distance @ member
        own = label_of[block]
        rows_here = np.arange(len(own))
        a = totals[rows_here, own] / np.maximum(sizes[own] - 1, 1)
        totals[rows_here, own] = np.inf
        b = (totals / sizes).min(axis=1)
        s = (b - a) / np.maximum(np.maximum(a, b), 1e-300)
        scores[block] = np.where(sizes[own] > 1, s, 0.0)


def adjusted_rand(first: np.ndarray, second: np.ndarray) -> float:
    """Adjusted Rand index of two labellings of the same rows (1 = same partition)."""
    _, a = np.unique(np.asarray(first), return_inverse=True)
    _, b = np.unique(np.asarray(second), return_inverse=True)
    shape = (a.max(initial=-1) + 1, b.max(initial=-1) + 1)
    table = np.bincount(a * shape[1] + b, minlength=shape[0] * shape[1]).reshape(shape)
    table = table.astype(float)
    pairs = float((table * (table - 1)).sum() / 2)
    rows = float((table.sum(axis=1) * (table.sum(axis=1) - 1)).sum() / 2)
    cols = float((table.sum(axis=0) * (table.sum(axis=0) - 1)).sum() / 2)
    n = len(a)
    total = n * (n - 1) / 2
    expected = rows * cols / total if total else 0.0
    top = (rows + cols) / 2
    if top == expected:  # both all one group, or both all singletons
        return 1.0
    return (pairs - expected) / (top - expected)
