from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.datasets import make_blobs

from insights.cluster.clustering import (
    cluster_embeddings,
    default_min_cluster_size,
    proposal_id,
)
from insights.errors import UsageError

# 60 survey answers in 4 themes (15 each): delivery, support, billing, app.
THEMES = {
    "delivery": [
        "My parcel arrived a week after the promised date.",
        "The delivery was late again, third time this month.",
        "The courier left the package in the rain outside my door.",
        "Shipping took far longer than the website said.",
        "My order was marked delivered but never arrived.",
        "The box came damaged and half the items were broken.",
        "Delivery slots are always full, I can never get one.",
        "The driver did not ring and just left a missed-delivery card.",
        "Tracking said out for delivery for three days.",
        "My package was sent to the wrong address.",
        "La livraison a pris deux semaines au lieu de trois jours.",
        "Le colis est arrivé abîmé et ouvert.",
        "The parcel was lost by the courier and nobody could find it.",
        "Waiting all day at home for a delivery that never came.",
        "Next-day shipping took five days.",
    ],
    "support": [
        "Nobody at customer service answered my emails.",
        "I waited forty minutes on hold to speak to an agent.",
        "The support agent was rude and hung up on me.",
        "The chat bot kept looping and never passed me to a human.",
        "Customer support closed my ticket without solving anything.",
        "I had to explain my problem to four different agents.",
        "The call centre promised a call back that never happened.",
        "Support staff did not seem to know their own products.",
        "Le service client ne répond jamais au téléphone.",
        "I was transferred between departments for an hour.",
        "The helpline is only open while I am at work.",
        "My complaint got a copy-pasted answer that ignored my question.",
        "The agent on the phone could not find my account.",
        "Customer service told me different things each time I called.",
        "Nobody replied to my message for two weeks.",
    ],
    "billing": [
        "I was charged twice for the same order.",
        "My monthly bill was higher than the price I signed up for.",
        "The refund still has not reached my bank account.",
        "They took money from my card after I cancelled.",
        "Hidden fees appeared on my invoice.",
        "I was billed for a subscription I never ordered.",
        "The price at checkout was different from the advertised price.",
        "J'ai été débité deux fois pour la même commande.",
        "My direct debit was taken on the wrong date.",
        "The invoice lists items I did not buy.",
        "They charged a cancellation fee nobody told me about.",
        "My discount code was not applied to the bill.",
        "Getting a refund took three months and many calls.",
        "Late payment fees were added even though I paid on time.",
        "The bank statement shows a charge I cannot explain.",
    ],
    "app": [
        "The app crashes every time I open my basket.",
        "I cannot log in to the app since the last update.",
        "The mobile app freezes on the payment screen.",
        "The website keeps logging me out.",
        "Password reset emails never arrive so I cannot sign in.",
        "The app is very slow and pages take ages to load.",
        "The search function in the app shows the wrong products.",
        "L'application plante dès que je veux payer.",
        "The app drains my phone battery.",
        "Buttons in the app do nothing when I tap them.",
        "The login page shows an error message every time.",
        "The app lost my saved addresses after the update.",
        "Two-factor codes never come through so I am locked out of the app.",
        "The website does not work on my phone's browser.",
        "Notifications from the app arrive days late.",
    ],
}


@pytest.fixture(scope="module")
def blobs() -> tuple[np.ndarray, np.ndarray]:
    points, truth = make_blobs(
        n_samples=240, centers=4, n_features=16, cluster_std=1.0, center_box=(-10, 10),
        random_state=3,
    )  # fmt: skip
    return points, truth


@pytest.fixture(scope="module")
def themed(request: pytest.FixtureRequest) -> tuple[np.ndarray, np.ndarray]:
    from insights.analysis.embed import make_embedder

    texts = [t for group in THEMES.values() for t in group]
    truth = np.repeat(np.arange(len(THEMES)), 15)
    return make_embedder("use-multilingual.v1").encode(texts), truth


def _purity(labels: np.ndarray, truth: np.ndarray) -> float:
    clustered = labels >= 0
    hits = sum(np.bincount(truth[labels == c]).max() for c in set(labels[clustered].tolist()))
    return hits / max(int(clustered.sum()), 1)


def test_finds_the_blobs(blobs: tuple[np.ndarray, np.ndarray]) -> None:
    points, truth = blobs
    result = cluster_embeddings(points, reducer="pca", seed=0)
    assert result.n_clusters == 4
    assert _purity(result.labels, truth) > 0.95
    assert result.labels.shape == result.probabilities.shape == result.reassigned.shape
    assert result.params.min_cluster_size == default_min_cluster_size(240)


def test_small_corpus_gives_several_clusters(themed: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, truth = themed
    result = cluster_embeddings(vectors, seed=0)
    assert result.n_clusters >= 3
    assert result.n_unclustered <= 15
    assert _purity(result.labels, truth) > 0.8


def test_same_input_and_seed_give_identical_labels(themed: tuple[np.ndarray, np.ndarray]) -> None:
    vectors, _ = themed
    first = cluster_embeddings(vectors, seed=7)
    second = cluster_embeddings(vectors.copy(), seed=7)
    np.testing.assert_array_equal(first.labels, second.labels)
    np.testing.assert_array_equal(first.probabilities, second.probabilities)


def test_outliers_are_reported_and_reassigned_by_the_rule() -> None:
    data, _ = make_blobs(
        n_samples=300, centers=5, n_features=16, cluster_std=3.5, center_box=(-10, 10),
        random_state=3,
    )  # fmt: skip
    kept = cluster_embeddings(data, reducer="none", reassign_quantile=None, seed=0)
    assert kept.n_unclustered > 0
    assert not kept.reassigned.any()
    moved = cluster_embeddings(data, reducer="none", seed=0)
    assert 0 < moved.reassigned.sum() < kept.n_unclustered
    assert moved.n_unclustered == kept.n_unclustered - int(moved.reassigned.sum())
    np.testing.assert_array_equal(moved.labels[kept.labels >= 0], kept.labels[kept.labels >= 0])
    unit = data / np.linalg.norm(data, axis=1, keepdims=True)
    centroids = {}
    for c in range(moved.n_clusters):
        core = unit[(moved.labels == c) & ~moved.reassigned]
        centroid = core.mean(axis=0) / np.linalg.norm(core.mean(axis=0))
        centroids[c] = (centroid, (core @ centroid).min())
    for i in np.flatnonzero(kept.labels == -1):
        sims = {c: float(unit[i] @ centroid) for c, (centroid, _) in centroids.items()}
        nearest = max(sims, key=sims.__getitem__)
        joins = sims[nearest] >= centroids[nearest][1]
        assert moved.labels[i] == (nearest if joins else -1)
        assert moved.reassigned[i] == joins


def test_a_point_far_from_every_cluster_stays_unclustered(
    blobs: tuple[np.ndarray, np.ndarray],
) -> None:
    points, _ = blobs
    centred = points - points.mean(axis=0)
    data = np.hstack([centred, np.zeros((len(centred), 1))])
    far = np.zeros((1, 17))
    far[0, -1] = 1.0
    result = cluster_embeddings(np.vstack([data, far]), reducer="none", seed=0)
    assert result.labels[-1] == -1
    assert not result.reassigned[-1]
    assert result.n_unclustered >= 1


def test_duplicates_are_clustered_once(blobs: tuple[np.ndarray, np.ndarray]) -> None:
    points, _ = blobs
    data = np.vstack([points, np.repeat(points[:1], 40, axis=0)])
    result = cluster_embeddings(data, reducer="pca", seed=0)
    assert result.params.n_distinct == 240
    assert len(set(result.labels[240:].tolist())) == 1
    assert result.labels[240] == result.labels[0]
    assert result.n_clusters == 4


def test_labels_are_numbered_by_size(blobs: tuple[np.ndarray, np.ndarray]) -> None:
    points, _ = blobs
    result = cluster_embeddings(points[:200], reducer="pca", seed=0)
    sizes = [int((result.labels == c).sum()) for c in range(result.n_clusters)]
    assert sizes == sorted(sizes, reverse=True)


def test_input_is_not_modified(blobs: tuple[np.ndarray, np.ndarray]) -> None:
    points, _ = blobs
    before = points.copy()
    cluster_embeddings(points, reducer="none", seed=0)
    np.testing.assert_array_equal(points, before)


@pytest.mark.parametrize("n", [0, 1, 3])
def test_tiny_inputs_are_all_unclustered(n: int) -> None:
    result = cluster_embeddings(np.eye(8)[:n], seed=0)
    assert result.labels.tolist() == [-1] * n
    assert result.n_clusters == 0


@pytest.mark.parametrize(
    "options",
    [
        {"min_cluster_size": 1},
        {"selection": "best"},
        {"reducer": "tsne"},
        {"reassign_quantile": 1.5},
    ],
)
def test_bad_options_raise(options: dict) -> None:
    with pytest.raises(UsageError):
        cluster_embeddings(np.eye(8), **options)


def test_non_finite_embeddings_raise() -> None:
    with pytest.raises(UsageError):
        cluster_embeddings(np.array([[np.nan, 1.0]]))


@pytest.mark.parametrize(("n", "size"), [(40, 3), (200, 4), (3000, 14), (10000, 25)])
def test_default_min_cluster_size(n: int, size: int) -> None:
    assert default_min_cluster_size(n) == size


def test_proposal_id_is_stable() -> None:
    ident = proposal_id(["u3", "u1", "u2"], "P")
    assert re.fullmatch(r"P-[0-9a-f]{8}", ident)
    assert proposal_id(["u1", "u2", "u3", "u1"], "P") == ident
    assert proposal_id(["u1", "u2"], "P") != ident
    assert proposal_id(["u1", "u2", "u3"], "D").startswith("D-")


def test_small_corpus_counts_repeats_as_evidence() -> None:
    rng = np.random.default_rng(0)
    centres = np.eye(16)[:3] * 10
    said_twice = centres[0] + rng.normal(0, 0.5, (2, 16))
    said_once = centres[1] + rng.normal(0, 0.5, (2, 16))
    loose = centres[2] + rng.normal(0, 0.5, (4, 16))
    data = np.vstack([said_twice, said_twice, said_once, loose])
    result = cluster_embeddings(data, seed=0)
    assert result.params.n_distinct == 8
    twice, once, rest = result.labels[:4], result.labels[4:6], result.labels[6:]
    assert len(set(twice.tolist())) == 1 and twice[0] >= 0, "2 distinct × 2 repeats = 4 ≥ 3"
    assert set(once.tolist()) == {-1}, "2 statements said once each are too few"
    assert len(set(rest.tolist())) == 1 and rest[0] >= 0


def test_float_jitter_does_not_defeat_dedupe(blobs: tuple[np.ndarray, np.ndarray]) -> None:
    points, _ = blobs
    unit = points / np.linalg.norm(points, axis=1, keepdims=True)
    jittered = unit[:1] + 1e-7
    result = cluster_embeddings(np.vstack([unit, jittered]), reducer="pca", seed=0)
    assert result.params.n_distinct == 240


def test_large_corpus_is_fitted_on_a_sample_and_every_row_assigned() -> None:
    points, truth = make_blobs(n_samples=3000, centers=5, n_features=32, random_state=3)
    sampled = cluster_embeddings(points, reducer="pca", seed=0, max_fit=600)
    assert sampled.params.n_distinct == 3000 and sampled.params.n_fit == 600
    assert sampled.params.min_cluster_size == default_min_cluster_size(600)
    assert sampled.n_clusters == 5
    assert _purity(sampled.labels, truth) > 0.98
    assert sampled.n_unclustered < 0.05 * len(points)
    assert sampled.reassigned.sum() > 2000  # the rows outside the sample were placed
    again = cluster_embeddings(points, reducer="pca", seed=0, max_fit=600)
    assert np.array_equal(sampled.labels, again.labels)


def test_max_fit_below_the_small_corpus_size_raises() -> None:
    with pytest.raises(UsageError, match="max_fit"):
        cluster_embeddings(np.eye(8), max_fit=5)


def test_exact_knn_matches_a_brute_force_search() -> None:
    from sklearn.neighbors import NearestNeighbors

    from insights.cluster.clustering import exact_knn

    rng = np.random.default_rng(0)
    points = rng.normal(size=(500, 24))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    indices, distances = exact_knn(points, 10, chunk=128)  # several blocks
    reference = NearestNeighbors(n_neighbors=10, metric="cosine").fit(points)
    ref_distances, ref_indices = reference.kneighbors(points)
    assert np.array_equal(indices, ref_indices)
    assert np.array_equal(indices[:, 0], np.arange(500))  # each point first
    np.testing.assert_allclose(distances, ref_distances, atol=1e-5)


def test_eom_result_swallowed_by_one_cluster_counts_as_degenerate() -> None:
    from insights.cluster.clustering import _degenerate

    swallowed = np.array([0] * 700 + [1] * 150 + [2] * 100 + [-1] * 50)
    balanced = np.repeat(np.arange(10), 100)
    assert _degenerate(swallowed, min_cluster_size=25)
    assert not _degenerate(balanced, min_cluster_size=25)
    assert _degenerate(np.array([0] * 500 + [1] * 500), min_cluster_size=25)  # two halves
    assert not _degenerate(np.array([0] * 50 + [-1] * 10), min_cluster_size=25)  # too small


def test_serial_umap_kernels_match_umaps_own_on_one_thread() -> None:
    import numba
    import umap.umap_ as umap_module

    from insights.cluster.umap_kernels import use_disk_cache

    use_disk_cache()
    ours = umap_module.smooth_knn_dist
    assert ours.targetoptions.get("parallel") is False
    f32 = numba.types.float32  # umap-learn's own declaration of the kernel
    own = numba.njit(parallel=True, locals={"psum": f32, "lo": f32, "mid": f32, "hi": f32})(
        ours.py_func
    )
    distances = np.sort(np.random.default_rng(0).random((800, 15)).astype(np.float32), axis=1)
    threads = numba.get_num_threads()
    numba.set_num_threads(1)  # as UMAP(n_jobs=1) runs them
    try:
        expected, got = own(distances, 15.0), ours(distances, 15.0)
    finally:
        numba.set_num_threads(threads)
    assert np.array_equal(expected[0], got[0]) and np.array_equal(expected[1], got[1])
