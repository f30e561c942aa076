"""Embedding ahead in a forked child: the same vectors, and the same analysis, as here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from insights.analysis import analyse as analyse_module
from insights.analysis.analyse import Analyzer, analyse
from insights.analysis.embed import Embedder, make_embedder
from insights.analysis.prefetch import Prefetch
from insights.cluster.cache import embed_cached
from insights.forking import can_fork
from insights.taxonomies import load_taxonomy

pytestmark = pytest.mark.skipif(not can_fork(), reason="embedding ahead needs fork and 2 cores")

TEXTS = [f"Statement {i}: the refund took {i} days and nobody called back" for i in range(23)]


@pytest.fixture(scope="module")
def use() -> Embedder:
    return make_embedder("use-multilingual.v1")


def test_vectors_ahead_are_the_vectors_here(use: Embedder) -> None:
    here = use.encode(TEXTS)
    with Prefetch(use._encode_here, TEXTS, chunk=4) as ahead:  # type: ignore[attr-defined]
        assert ahead.covers(TEXTS[0]) and not ahead.covers("something else")
        later, earlier = ahead.vectors(TEXTS[8:13]), ahead.vectors(TEXTS[:3])
        again = ahead.vectors(TEXTS[8:10])  # handed over already: embedded here
    assert np.array_equal(later, here[8:13]) and np.array_equal(earlier, here[:3])
    assert np.array_equal(again, here[8:10])


def test_texts_not_ahead_are_embedded_here(use: Embedder) -> None:
    here = use.encode(TEXTS)
    with use.ahead(TEXTS[:15]):  # type: ignore[attr-defined]
        assert np.array_equal(use.encode(TEXTS), here)
    assert use._ahead is None  # type: ignore[attr-defined]


def test_a_child_that_stops_leaves_the_work_here(use: Embedder) -> None:
    here = use.encode(TEXTS)
    with Prefetch(use._encode_here, TEXTS, chunk=4) as ahead:  # type: ignore[attr-defined]
        ahead._child.terminate()
        assert np.array_equal(ahead.vectors(TEXTS), here)
        assert ahead._child is None


def _units(texts: list[str]) -> pd.DataFrame:
    n = len(texts)
    return pd.DataFrame(
        {
            "unit_id": [f"u{i}" for i in range(n)],
            "kind": ["survey"] * n,
            "respondent_id": [f"r{i}" for i in range(n)],
            "role": ["respondent"] * n,
            "lang": ["en"] * n,
            "text": texts,
        }
    )


def test_scoring_ahead_gives_the_same_analysis(
    use: Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minilm = make_embedder("minilm-int8.v1")
    units = _units(TEXTS)
    frames = []
    for ahead_from in (10**9, 5):  # embedded here, then ahead
        monkeypatch.setattr(analyse_module, "AHEAD_FROM", ahead_from)
        cache = tmp_path / str(ahead_from)
        analyzer = Analyzer.make(load_taxonomy("default"), minilm, cache_dir=cache)
        vectors = embed_cached(units["text"].tolist(), minilm, cache_dir=cache)
        with analyzer.scoring_ahead(units["text"].tolist()):
            assert (analyzer.scorer.inner._ahead is not None) == (ahead_from == 5)  # type: ignore[attr-defined]
            frames.append(analyse(units, vectors, analyzer=analyzer))
    pd.testing.assert_frame_equal(frames[0], frames[1], check_exact=True)


def test_nothing_ahead_when_the_scorer_is_the_runs_embedder(use: Embedder, tmp_path: Path) -> None:
    analyzer = Analyzer.make(load_taxonomy("default"), use, cache_dir=tmp_path)
    with analyzer.scoring_ahead(TEXTS * 50):
        assert use._ahead is None  # type: ignore[attr-defined]
