"""`propose` on the demo run's statements, with and without the run cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import insights.cluster.clustering as clustering
from insights.journeymap.model import ProposalKind
from insights.journeymap.propose import cluster_kinds, load_phrase_pipelines, propose
from insights.store import CACHE_FILE


@pytest.fixture(scope="module")
def demo_units(demo_run: Path) -> tuple[pd.DataFrame, np.ndarray]:
    units = pd.read_csv(demo_run / "units.csv")
    vectors = np.zeros((len(units), 512), dtype=np.float32)
    with np.load(demo_run / "embeddings.npz", allow_pickle=False) as arrays:
        rows = {str(u): i for i, u in enumerate(units["unit_id"].astype(str))}
        for unit, vector in zip(arrays["unit_id"].tolist(), arrays["vector"], strict=True):
            vectors[rows[str(unit)]] = vector
    return units, vectors


def test_a_rerun_reads_clusters_and_phrases_from_the_cache(
    demo_units: tuple[pd.DataFrame, np.ndarray], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    units, vectors = demo_units
    nlp = load_phrase_pipelines()
    options = {"kind": ProposalKind.PAIN, "stage_names": {}, "nlp": nlp, "cache_dir": tmp_path}
    first = propose(units, vectors, **options)
    assert first.proposals and (tmp_path / CACHE_FILE).exists()

    def no_clustering(*args: object, **kwargs: object) -> None:
        raise AssertionError("clustered again despite the cache")

    monkeypatch.setattr(clustering, "cluster_embeddings", no_clustering)
    fresh = load_phrase_pipelines()
    again = propose(units, vectors, **{**options, "nlp": fresh})
    assert not fresh._loaded  # every statement's phrases came from the cache
    assert again == first
    monkeypatch.undo()
    uncached = propose(units, vectors, **{**options, "cache_dir": None})
    assert [p.id for p in uncached.proposals] == [p.id for p in first.proposals]


def test_cluster_kinds_fits_both_kinds_at_once_with_the_results_of_one_after_the_other(
    demo_units: tuple[pd.DataFrame, np.ndarray], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import insights.journeymap.propose as module
    from insights.forking import can_fork, side_by_side

    units, vectors = demo_units
    nlp = load_phrase_pipelines()
    batches: list[int] = []

    def recorded(calls: list) -> list:  # type: ignore[type-arg]
        batches.append(len(calls))
        with_pid = [lambda call=call: (os.getpid(), call()) for call in calls]
        results = side_by_side(with_pid)
        if can_fork():  # the second fit ran in a forked child (UMAP's kernels allow it)
            assert results[0][0] == os.getpid() != results[1][0]
        return [result for _, result in results]

    import insights.cluster.incremental as incremental

    lookups: list[int] = []
    real_lookup = incremental.stored_clustering

    def counted_lookup(vectors: np.ndarray, **options: object) -> object:
        lookups.append(len(vectors))
        return real_lookup(vectors, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "side_by_side", recorded)
    monkeypatch.setattr(module, "SIDE_BY_SIDE_FROM", 3)
    monkeypatch.setattr(module, "stored_clustering", counted_lookup)
    monkeypatch.setattr(incremental, "stored_clustering", counted_lookup)
    together = cluster_kinds(units, vectors, seed=3, cache_dir=tmp_path)
    assert batches == [2] and set(together) == {ProposalKind.PAIN, ProposalKind.DELIGHT}
    assert len(lookups) == 2, "each kind's stored result is looked up once"
    for kind, result in together.items():
        alone = propose(units, vectors, kind=kind, stage_names={}, nlp=nlp, seed=3)
        given = propose(units, vectors, kind=kind, stage_names={}, nlp=nlp, seed=3,
                        clustering=result)  # fmt: skip
        assert given == alone and result.n_clusters > 1

    def no_clustering(*args: object, **kwargs: object) -> None:
        raise AssertionError("clustered again despite the cache")

    monkeypatch.setattr(clustering, "cluster_embeddings", no_clustering)
    again = cluster_kinds(units, vectors, seed=3, cache_dir=tmp_path)
    assert batches == [2]  # both came from the cache: nothing forked
    for kind, result in again.items():
        assert result.labels.tolist() == together[kind].labels.tolist()


@pytest.mark.parametrize("pains_done_first", [False, True])
def test_the_delights_fit_parses_its_key_phrases_ahead_until_the_pains_fit_ends(
    demo_units: tuple[pd.DataFrame, np.ndarray], tmp_path: Path, pains_done_first: bool
) -> None:
    import multiprocessing
    from functools import partial

    import insights.journeymap.propose as module
    from insights.cluster.incremental import fit_clustering

    units, vectors = demo_units
    kind = ProposalKind.DELIGHT
    positions = module._positions(units, kind)
    fit = partial(
        fit_clustering, vectors[positions], polarity=module._POLARITY[kind],
        min_cluster_size=None, seed=3, cache_dir=tmp_path, refit=False,
    )  # fmt: skip
    done = multiprocessing.get_context("fork").Event()
    if pains_done_first:
        done.set()
    nlp = load_phrase_pipelines()
    result = module._fit_then_parse(fit, units, positions, nlp, tmp_path, done)
    fresh = load_phrase_pipelines()
    options = {"kind": kind, "stage_names": {}, "seed": 3, "clustering": result}
    ahead = propose(units, vectors, nlp=fresh, cache_dir=tmp_path, **options)
    assert bool(fresh._loaded) == pains_done_first  # parsed ahead: nothing left to parse
    assert ahead == propose(units, vectors, nlp=nlp, **options)


def test_the_units_cluster_ids_are_known_before_the_proposals_are_built(
    demo_units: tuple[pd.DataFrame, np.ndarray],
) -> None:
    from insights.journeymap.propose import clusters_of_units

    units, vectors = demo_units
    nlp = load_phrase_pipelines()
    results = cluster_kinds(units, vectors, seed=3)
    for kind, result in results.items():
        built = propose(units, vectors, kind=kind, stage_names={}, nlp=nlp, seed=3,
                        clustering=result)  # fmt: skip
        of_proposals = {u: p.id for p in built.proposals for u in p.unit_ids}
        assert clusters_of_units(units, kind, result) == of_proposals
        assert len(set(built.cluster_of.values())) == len(built.proposals) > 1
    assert clusters_of_units(units, ProposalKind.PAIN, None) == {}
