from __future__ import annotations

import os
import sys

import numpy as np
import pytest

from insights.analysis.sentiment import (
    DEFAULT_SENTIMENT,
    HeadSentiment,
    SentimentModel,
    label_valence,
    make_sentiment,
    sentiment_names,
)
from insights.errors import InsightsError, UsageError


@pytest.fixture(scope="module")
def vader() -> SentimentModel:
    pytest.importorskip("vaderSentiment", reason="vaderSentiment (dev extra) not installed")
    return make_sentiment("vader.v1")


def test_default_is_the_embedding_head() -> None:
    assert DEFAULT_SENTIMENT == "head.v1"
    assert sentiment_names() == ["e5-head.v1", "head.v1", "vader.v1"]


def test_default_backend_scores_english_and_french() -> None:
    model = make_sentiment()
    assert isinstance(model, HeadSentiment) and isinstance(model, SentimentModel)
    result = model.predict(["Delivery was late again", "Livraison rapide, merci !"])
    assert result.labels == ("negative", "positive")


def test_vader_labels_and_scores(vader: SentimentModel) -> None:
    result = vader.predict(["I love this, great job!", "Terrible, awful service.", "It is Monday."])
    assert result.labels == ("positive", "negative", "neutral")
    assert result.scores[0] > 0.5 and result.scores[1] < -0.5 and result.scores[2] == 0
    np.testing.assert_allclose(result.probabilities.sum(axis=1), 1.0, atol=1e-5)


def test_vader_handles_empty_text(vader: SentimentModel) -> None:
    result = vader.predict(["", "Thanks!"])
    assert result.labels == ("neutral", "positive")
    np.testing.assert_allclose(result.probabilities[0], [0.0, 1.0, 0.0])


def test_vader_reads_bare_answers_through_their_question(vader: SentimentModel) -> None:
    result = vader.predict(["Nothing.", "Nothing."], questions=["How could we improve?", None])
    assert result.labels == ("positive", "neutral")


def test_vader_missing_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "vaderSentiment", None)
    monkeypatch.setitem(sys.modules, "vaderSentiment.vaderSentiment", None)
    with pytest.raises(InsightsError, match="pip install vaderSentiment"):
        make_sentiment("vader.v1")


def test_unknown_sentiment_name_is_a_usage_error() -> None:
    with pytest.raises(
        UsageError, match="unknown sentiment model 'nope'; choose one of e5-head.v1, head.v1"
    ):
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
