from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

import insights.cluster.incremental as incremental
from insights.cluster.incremental import cached_clustering, row_hashes

DIM = 32


def _blobs(n_per: int, rng: np.random.Generator, centres: np.ndarray) -> np.ndarray:
    return np.vstack([c + rng.normal(0, 0.15, (n_per, DIM)) for c in centres])


@pytest.fixture
def corpus() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Four well-separated topics (60 statements each), and the topic centres."""
    rng = np.random.default_rng(0)
    centres = np.eye(DIM)[:4] * 3
    vectors = _blobs(60, rng, centres)
    return vectors, np.repeat(np.arange(4), 60), centres


def _run(vectors: np.ndarray, cache: Path, **options: object):
    options = {"polarity": "negative", "min_cluster_size": None, "seed": 0, "min_extend": 0,
               **options}  # fmt: skip
    return cached_clustering(vectors, cache_dir=cache, **options)  # type: ignore[arg-type]


def _no_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("clustering fitted again")

    monkeypatch.setattr(incremental, "cluster_embeddings", fail)


def test_a_grown_corpus_keeps_the_earlier_clusters_and_places_the_new_statements(
    corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors, topic, centres = corpus
    first = _run(vectors, tmp_path)
    assert first.n_clusters == 4 and not first.params.extended
    assert adjusted_rand_score(topic, first.labels) == 1.0

    rng = np.random.default_rng(1)
    near = _blobs(5, rng, centres)  # 20 new statements on the same four topics
    far = rng.normal(0, 1, (2, DIM)) + np.eye(DIM)[10] * 6  # 2 about something else
    grown = np.vstack([vectors, near, far])
    _no_fit(monkeypatch)
    second = _run(grown, tmp_path)
    assert second.params.extended
    assert (second.params.n_new, second.params.n_placed) == (22, 20)
    old = second.labels[: len(vectors)]
    assert adjusted_rand_score(first.labels, old) == 1.0, "earlier statements keep clusters"
    placed = second.labels[len(vectors) : len(vectors) + 20]
    assert adjusted_rand_score(np.repeat(np.arange(4), 5), placed) == 1.0
    for c in range(4):  # each new statement joined its own topic's cluster
        assert set(old[topic == c]) == set(placed[np.repeat(np.arange(4), 5) == c])
    assert (second.labels[-2:] == -1).all(), "statements about something else stay out"
    assert second.reassigned[len(vectors) : len(vectors) + 20].all()


def test_too_many_new_or_gone_statements_or_refit_cluster_from_scratch(
    corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors, _, centres = corpus
    calls: list[int] = []
    fit = incremental.cluster_embeddings

    def counting(rows: np.ndarray, **kwargs: object):
        calls.append(len(rows))
        return fit(rows, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "cluster_embeddings", counting)
    _run(vectors, tmp_path)
    more = _blobs(25, np.random.default_rng(2), centres)  # 100 new of 340: 29 % > 25 %
    _run(np.vstack([vectors, more]), tmp_path)
    assert calls == [240, 340]
    _run(vectors[:200], tmp_path)  # 240 of the 340 fitted are left: 29 % gone > 10 %
    assert calls == [240, 340, 200]
    _run(vectors[:195], tmp_path, refit=True)  # could be extended, but --refit
    assert calls == [240, 340, 200, 195]
    _run(vectors[:195], tmp_path)  # the same input again: the stored result
    _run(vectors[:195], tmp_path, polarity="positive")  # never extends another polarity
    assert calls == [240, 340, 200, 195, 195]


def test_reordered_or_jittered_statements_count_as_known(
    corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors, _, _ = corpus
    first = _run(vectors, tmp_path)
    order = np.random.default_rng(3).permutation(len(vectors))
    _no_fit(monkeypatch)
    again = _run(vectors[order] + 1e-7, tmp_path)
    assert again.params.extended and again.params.n_new == 0
    assert adjusted_rand_score(first.labels[order], again.labels) == 1.0


def test_small_corpora_are_refitted_not_extended(corpus, tmp_path: Path) -> None:
    vectors, _, centres = corpus
    _run(vectors, tmp_path, min_extend=241)
    grown = np.vstack([vectors, _blobs(1, np.random.default_rng(5), centres)])
    assert not _run(grown, tmp_path, min_extend=245).params.extended
    assert _run(grown[:-1], tmp_path, min_extend=243).params.extended


def test_row_hashes_ignore_scale_and_jitter_but_not_content() -> None:
    rows = np.random.default_rng(4).normal(size=(3, DIM))
    assert row_hashes(rows) == row_hashes(rows * 2.5 + 1e-9)
    assert len(set(row_hashes(rows))) == 3
    assert row_hashes(rows[:1]) != row_hashes(rows[:1] + 0.01)


def test_without_a_cache_every_run_fits(corpus) -> None:
    vectors, topic, _ = corpus
    result = cached_clustering(
        vectors, polarity="negative", min_cluster_size=None, seed=0, cache_dir=None
    )
    assert adjusted_rand_score(topic, result.labels) == 1.0


def test_a_fit_is_expected_until_both_polarities_were_fitted_with_the_same_options(
    corpus, tmp_path: Path
) -> None:
    from insights.cluster.incremental import fit_expected

    vectors, _, _ = corpus
    assert fit_expected(None) and fit_expected(tmp_path)
    _run(vectors, tmp_path, polarity="negative")
    assert fit_expected(tmp_path), "the delights were never fitted"
    _run(vectors, tmp_path, polarity="positive")
    assert not fit_expected(tmp_path)
    assert fit_expected(tmp_path, refit=True)
    assert fit_expected(tmp_path, seed=1) and fit_expected(tmp_path, min_cluster_size=7)
