from __future__ import annotations

import os
import sys

import numpy as np
import pytest

from insights.analysis.embed import Embedder, make_embedder
from insights.analysis.sentiment import (
    DEFAULT_SENTIMENT,
    LABELS,
    HeadSentiment,
    SentimentModel,
    SentimentResult,
    label_valence,
    make_sentiment,
    normalise_text,
    sentiment_names,
)
from insights.errors import InsightsError, UsageError

# Written for these tests; none of them is in the training data.
CLEAR = [
    ("The courier lost my parcel and support never answered my emails.", "negative"),
    ("I am really angry, I was billed twice and nobody will refund me.", "negative"),
    ("Le SAV ne répond jamais, je suis furieux.", "negative"),
    ("Application lente et qui plante sans arrêt, quelle galère.", "negative"),
    ("The nurse was wonderful and explained everything, thank you.", "positive"),
    ("Fantastic service, my order arrived early and well packed.", "positive"),
    ("Livraison rapide et produit parfait, merci beaucoup !", "positive"),
    ("Accueil chaleureux et conseils excellents, je recommande.", "positive"),
    ("What time does the branch open on Saturdays?", "neutral"),
    ("I would like to change the address on my account.", "neutral"),
    ("Quels sont les horaires d'ouverture du magasin ?", "neutral"),
    ("Je voudrais modifier mon adresse de livraison.", "neutral"),
]


@pytest.fixture(scope="module")
def use() -> Embedder:
    return make_embedder("use-multilingual.v1")


@pytest.fixture(scope="module")
def head(use: Embedder) -> SentimentModel:
    return make_sentiment("head.v1", embedder=use)


@pytest.fixture(scope="module")
def vader() -> SentimentModel:
    pytest.importorskip("vaderSentiment", reason="vaderSentiment (dev extra) not installed")
    return make_sentiment("vader.v1")


def test_default_is_the_embedding_head() -> None:
    assert DEFAULT_SENTIMENT == "head.v1"
    assert sentiment_names() == ["head.v1", "vader.v1"]


def test_head_labels_clear_english_and_french_statements(head: SentimentModel) -> None:
    result = head.predict([text for text, _ in CLEAR])
    assert list(result.labels) == [label for _, label in CLEAR]


def test_head_result_is_well_formed(head: SentimentModel) -> None:
    result = head.predict([text for text, _ in CLEAR])
    assert isinstance(head, SentimentModel)
    assert len(result) == len(CLEAR)
    assert result.probabilities.shape == (len(CLEAR), 3)
    np.testing.assert_allclose(result.probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert np.all((result.scores >= -1) & (result.scores <= 1))
    expected = result.probabilities[:, 2] - result.probabilities[:, 0]
    np.testing.assert_allclose(result.scores, expected, atol=1e-6)
    signs = {"negative": -1, "positive": 1}
    for label, score in zip(result.labels, result.scores, strict=True):
        if label in signs:
            assert np.sign(score) == signs[label]


def test_head_reuses_precomputed_embeddings(head: SentimentModel, use: Embedder) -> None:
    texts = [text for text, _ in CLEAR]
    shared = head.predict(texts, embeddings=use.encode(texts))
    own = head.predict(texts)
    assert shared.labels == own.labels
    np.testing.assert_allclose(shared.probabilities, own.probabilities, atol=1e-5)


def test_head_rejects_embeddings_of_the_wrong_shape(head: SentimentModel) -> None:
    with pytest.raises(UsageError, match=r"needs embeddings of shape \(2, 512\)"):
        head.predict(["a", "b"], embeddings=np.zeros((2, 384), dtype=np.float32))


def test_head_refuses_an_embedder_it_was_not_trained_on() -> None:
    minilm = make_embedder("minilm.v1")
    with pytest.raises(UsageError, match="was trained on use-multilingual"):
        make_sentiment("head.v1", embedder=minilm)


def test_head_handles_no_text(head: SentimentModel) -> None:
    result = head.predict([])
    assert result.labels == () and result.probabilities.shape == (0, 3)


def test_head_artefact_documents_its_training() -> None:
    meta = HeadSentiment().meta
    assert meta["name"] == "head.v1" and meta["labels"] == list(LABELS)
    assert meta["embedder"] == "use-multilingual.v1"
    assert set(meta["sources_sha256"]) == {"seed", "banking77", "cfpb"}


def test_missing_head_artefact_is_a_one_line_usage_error() -> None:
    with pytest.raises(UsageError, match="could not be read") as caught:
        HeadSentiment(artefact="/nonexistent/head.npz")
    assert "\n" not in str(caught.value)


def test_vader_labels_and_scores(vader: SentimentModel) -> None:
    result = vader.predict(["I love this, great job!", "Terrible, awful service.", "It is Monday."])
    assert result.labels == ("positive", "negative", "neutral")
    assert result.scores[0] > 0.5 and result.scores[1] < -0.5 and result.scores[2] == 0
    np.testing.assert_allclose(result.probabilities.sum(axis=1), 1.0, atol=1e-5)


def test_vader_handles_empty_text(vader: SentimentModel) -> None:
    result = vader.predict(["", "Thanks!"])
    assert result.labels == ("neutral", "positive")
    np.testing.assert_allclose(result.probabilities[0], [0.0, 1.0, 0.0])


def test_vader_missing_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "vaderSentiment", None)
    monkeypatch.setitem(sys.modules, "vaderSentiment.vaderSentiment", None)
    with pytest.raises(InsightsError, match="pip install vaderSentiment"):
        make_sentiment("vader.v1")


def test_unknown_sentiment_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown sentiment model 'nope'; choose one of head.v1"):
        make_sentiment("nope")


@pytest.mark.parametrize("model", ["hf:/nonexistent/sentiment-model", "hf:nobody/no-such-model"])
def test_hf_model_missing_offline_is_a_one_line_usage_error(model: str) -> None:
    pytest.importorskip("transformers")
    with pytest.raises(UsageError, match="could not be loaded") as caught:
        make_sentiment(model)
    assert "\n" not in str(caught.value)


HF_MODEL = os.environ.get("INSIGHTS_HF_SENTIMENT_MODEL", "")


@pytest.mark.skipif(
    not HF_MODEL,
    reason="no local transformers sentiment model on this machine; set "
    "INSIGHTS_HF_SENTIMENT_MODEL to a model folder to run this test",
)
def test_hf_model_labels_clear_statements() -> None:
    model = make_sentiment(f"hf:{HF_MODEL}")
    result = model.predict(["I love it, thank you!", "This is awful, I want a refund."])
    assert result.labels == ("positive", "negative")
    assert result.scores[0] > 0 > result.scores[1]
    np.testing.assert_allclose(result.probabilities.sum(axis=1), 1.0, atol=1e-4)


@pytest.mark.parametrize(
    ("label", "num_labels", "valence"),
    [
        ("POSITIVE", 2, 1.0),
        ("NEGATIVE", 2, -1.0),
        ("neutral", 3, 0.0),
        ("Very Negative", 5, -1.0),
        ("LABEL_0", 2, -1.0),
        ("LABEL_1", 2, 1.0),
        ("LABEL_1", 3, 0.0),
        ("LABEL_2", 3, 1.0),
        ("LABEL_3", 5, 0.5),
        ("1 star", 5, -1.0),
        ("2 stars", 5, -0.5),
        ("3 stars", 5, 0.0),
        ("5 stars", 5, 1.0),
    ],
)
def test_label_valence_understands_common_schemes(
    label: str, num_labels: int, valence: float
) -> None:
    assert label_valence(label, num_labels) == valence


@pytest.mark.parametrize(("label", "num_labels"), [("joy", 6), ("LABEL_3", 3), ("LABEL_0", 4)])
def test_label_valence_rejects_other_labels(label: str, num_labels: int) -> None:
    with pytest.raises(UsageError, match="choose a sentiment classifier"):
        label_valence(label, num_labels)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("@united thanks &amp; bye http://t.co/x", "thanks & bye"),
        ("@JetBlue @Delta where is my bag?", "where is my bag?"),
        ("Ask @support   please", "Ask @user please"),
        (".@Delta  lost my bag", "lost my bag"),
        (".NET upgrade failed", ".NET upgrade failed"),
        ("Pas de mention ici.", "Pas de mention ici."),
    ],
)
def test_normalise_text_tidies_social_media_text(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean


def test_result_from_probabilities_labels_by_argmax() -> None:
    result = SentimentResult.from_probabilities(np.array([[0.2, 0.5, 0.3], [0.7, 0.2, 0.1]]))
    assert result.labels == ("neutral", "negative")
    np.testing.assert_allclose(result.scores, [0.1, -0.6], atol=1e-6)
