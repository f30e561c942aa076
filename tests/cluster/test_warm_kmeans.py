from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score

from insights.cluster.warm_kmeans import nearest, refine, silhouette


@pytest.mark.parametrize(("n", "k", "seed"), [(300, 3, 0), (2500, 5, 1), (40, 6, 2)])
def test_silhouette_is_scikit_learns(n: int, k: int, seed: int) -> None:
    points, _ = make_blobs(n_samples=n, centers=k, n_features=12, random_state=seed)
    labels = KMeans(n_clusters=k, n_init=3, random_state=seed).fit(points).labels_
    assert silhouette(points, labels) == pytest.approx(silhouette_score(points, labels), abs=1e-9)


def test_a_point_alone_in_its_group_scores_zero() -> None:
    points = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0]])
    labels = np.array([0, 0, 1])
    assert silhouette(points, labels) == pytest.approx(silhouette_score(points, labels))


def test_refine_converges_to_the_fit_scikit_learn_finds_from_the_same_start() -> None:
    points, _ = make_blobs(n_samples=1500, centers=4, n_features=8, random_state=3)
    start = points[[0, 1, 2, 3]]
    centres, labels = refine(points, start)
    ours = KMeans(n_clusters=4, init=start, n_init=1, tol=0, max_iter=100).fit(points)
    np.testing.assert_array_equal(labels, ours.labels_)
    np.testing.assert_allclose(centres, ours.cluster_centers_, atol=1e-9)
    np.testing.assert_array_equal(nearest(points, centres), labels)


def test_a_centroid_without_points_stays_put() -> None:
    points = np.array([[0.0], [0.2], [10.0], [10.2]])
    centres, labels = refine(points, np.array([[0.0], [10.0], [100.0]]))
    assert labels.tolist() == [0, 0, 1, 1]
    np.testing.assert_allclose(centres.ravel(), [0.1, 10.1, 100.0])
