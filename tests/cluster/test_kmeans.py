from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

from insights.cluster.kmeans import adjusted_rand, kmeans, silhouette


def _blobs(seed: int, sizes: tuple[int, ...] = (40, 25, 60, 15), dim: int = 12) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=6.0, size=(len(sizes), dim))
    return np.vstack([c + rng.normal(size=(n, dim)) for c, n in zip(centres, sizes, strict=True)])


def _truth(sizes: tuple[int, ...] = (40, 25, 60, 15)) -> np.ndarray:
    return np.repeat(np.arange(len(sizes)), sizes)


def test_kmeans_finds_separated_groups_as_scikit_learn_does() -> None:
    for seed in range(3):
        rows = _blobs(seed)
        ours = kmeans(rows, 4, seed=seed)
        theirs = KMeans(n_clusters=4, n_init=10, random_state=seed).fit(rows)
        assert adjusted_rand_score(_truth(), ours.labels) == 1.0
        assert ours.inertia == pytest.approx(theirs.inertia_, rel=1e-9)
        assert np.array_equal(ours.predict(rows), ours.labels)


def test_kmeans_inertia_on_overlapping_data_is_as_low_as_scikit_learns() -> None:
    rng = np.random.default_rng(5)
    rows = rng.normal(size=(600, 20))  # no structure: many local optima
    for k in (3, 5, 6):
        ours = kmeans(rows, k, seed=0, n_init=10).inertia
        theirs = KMeans(n_clusters=k, n_init=10, random_state=0).fit(rows).inertia_
        assert ours <= theirs * 1.01


def test_kmeans_is_deterministic_and_uses_every_group() -> None:
    rows = np.vstack([np.zeros((30, 3)), np.ones((2, 3)), np.full((1, 3), 5.0)])  # duplicates
    first, again = kmeans(rows, 3, seed=1), kmeans(rows, 3, seed=1)
    assert np.array_equal(first.labels, again.labels)
    assert sorted(np.bincount(first.labels).tolist()) == [1, 2, 30]
    with pytest.raises(ValueError, match="k-means needs"):
        kmeans(rows[:2], 3)


@pytest.mark.parametrize("metric", ["euclidean", "cosine"])
def test_silhouette_equals_scikit_learns(metric: str) -> None:
    rows = _blobs(2, sizes=(700, 500, 1, 300), dim=8)  # above one block, with a lone row
    labels = kmeans(rows, 4, seed=0).labels
    labels[:50] = (labels[:50] + 1) % 4  # not a clean partition
    ours = silhouette(rows, labels, metric=metric)
    assert ours == pytest.approx(silhouette_score(rows, labels, metric=metric), abs=1e-9)
    with pytest.raises(ValueError, match="needs 2"):
        silhouette(rows, np.zeros(len(rows), dtype=int))


def test_adjusted_rand_equals_scikit_learns() -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        a, b = rng.integers(0, 4, size=50), rng.integers(0, 3, size=50)
        assert adjusted_rand(a, b) == pytest.approx(adjusted_rand_score(a, b), abs=1e-12)
    same = rng.integers(0, 5, size=40)
    assert adjusted_rand(same, (same + 2) % 5) == 1.0  # names do not matter
    assert adjusted_rand(np.zeros(5), np.zeros(5)) == 1.0
    assert adjusted_rand(np.arange(5), np.arange(5)) == 1.0


def test_far_from_the_origin_kmeans_finds_the_same_groups() -> None:
    rows = _blobs(1)
    near = kmeans(rows, 4, seed=0)
    far = kmeans(rows + 1e8, 4, seed=0)
    assert adjusted_rand(near.labels, far.labels) == 1.0
    assert far.inertia == pytest.approx(near.inertia, rel=1e-6)
    assert np.array_equal(far.predict(rows + 1e8), far.labels)


def test_cosine_silhouette_puts_a_zero_row_at_distance_one_like_scikit_learn() -> None:
    rows = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    labels = np.array([0, 0, 1, 1, 1])
    expected = silhouette_score(rows, labels, metric="cosine")
    assert silhouette(rows, labels, metric="cosine") == pytest.approx(expected, abs=1e-12)
