"""K-means from given centroids, and the silhouette, in numpy (no scikit-learn import).

A run over a grown corpus refines the personas of the earlier fit instead of
fitting them afresh (`insights.cluster.personas`): Lloyd iterations from the
earlier centroids, so each persona keeps its identity, and the silhouette of
the result. Importing scikit-learn alone costs ~0.7 s, most of such a run's
persona step.
"""

from __future__ import annotations

import numpy as np

__all__ = ["nearest", "refine", "silhouette"]

_MAX_ITER = 100
_BLOCK = 2048  # rows per block of pairwise distances


def nearest(points: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Index of each point's nearest centroid (Euclidean; ties to the lower index)."""
    return np.asarray(_squared_distances(points, centroids).argmin(axis=1))


def refine(points: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd iterations from `centroids` until no point changes group: (centroids, labels).

    A centroid left without points stays where it was.
    """
    points = np.asarray(points, dtype=np.float64)
    centres = np.array(centroids, dtype=np.float64)
    labels = nearest(points, centres)
    for _ in range(_MAX_ITER):
        for group in range(len(centres)):
            members = labels == group
            if members.any():
                centres[group] = points[members].mean(axis=0)
        moved = nearest(points, centres)
        if np.array_equal(moved, labels):
            break
        labels = moved
    return centres, labels


def silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette coefficient (Euclidean), as `sklearn.metrics.silhouette_score` computes it.

    A point alone in its group scores 0.
    """
    points = np.asarray(points, dtype=np.float64)
    groups, labels = np.unique(labels, return_inverse=True)
    sizes = np.bincount(labels, minlength=len(groups)).astype(np.float64)
    onehot = np.zeros((len(points), len(groups)))
    onehot[np.arange(len(points)), labels] = 1.0
    scores = np.zeros(len(points))
    for start in range(0, len(points), _BLOCK):
        rows = slice(start, start + _BLOCK)
        distances = np.sqrt(_squared_distances(points[rows], points))
        distances[np.arange(distances.shape[0]), np.arange(start, start + distances.shape[0])] = 0
        sums = distances @ onehot  # each row's total distance to each group
        own = labels[rows]
        index = np.arange(len(own))
        peers = sizes[own] - 1
        inner = np.divide(sums[index, own], peers, out=np.zeros(len(own)), where=peers > 0)
        means = sums / sizes
        means[index, own] = np.inf
        outer = means.min(axis=1)
        score = (outer - inner) / np.maximum(inner, outer)
        scores[rows] = np.where(peers > 0, np.nan_to_num(score), 0.0)
    return float(scores.mean())


def _squared_distances(points: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances, each row of `points` to each row of `others` (≥ 0)."""
    squared = (
        np.einsum("ij,ij->i", points, points)[:, None]
        - 2.0 * points @ others.T
        + np.einsum("ij,ij->i", others, others)[None, :]
    )
    return np.maximum(squared, 0.0)
