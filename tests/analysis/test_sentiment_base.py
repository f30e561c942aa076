from __future__ import annotations

import numpy as np

from insights.analysis.sentiment_base import LABELS, SentimentResult


def test_result_from_probabilities_labels_by_argmax() -> None:
    result = SentimentResult.from_probabilities(np.array([[0.2, 0.5, 0.3], [0.7, 0.2, 0.1]]))
    assert result.labels == ("neutral", "negative")
    np.testing.assert_allclose(result.scores, [0.1, -0.6], atol=1e-6)


def test_empty_result() -> None:
    result = SentimentResult.empty()
    assert len(result) == 0 and result.probabilities.shape == (0, 3)


def test_answer_context_overrides_only_bare_answers() -> None:
    neutral = np.tile(np.array([[0.2, 0.6, 0.2]], np.float32), (4, 1))
    result = SentimentResult.from_probabilities(neutral)
    texts = ["Nothing.", "Nothing.", "Nothing.", "The wait was long"]
    questions = ["How could we improve?", "What was good?", None, "How could we improve?"]
    read = result.with_answer_context(texts, questions)
    assert read.labels == ("positive", "negative", "neutral", "neutral")
    assert read.scores[0] > 0.5 and read.scores[1] < -0.5 and read.scores[2] == 0
    np.testing.assert_allclose(read.probabilities.sum(axis=1), 1.0, atol=1e-6)
    np.testing.assert_array_equal(read.probabilities[2:], neutral[2:])
    assert set(read.labels) <= set(LABELS)


def test_answer_context_without_questions_is_the_same_result() -> None:
    result = SentimentResult.from_probabilities(np.array([[0.1, 0.8, 0.1]]))
    assert result.with_answer_context(["Nothing."], None) is result


def test_neutral_where_changes_only_the_marked_rows() -> None:
    probs = np.array([[0.1, 0.1, 0.8], [0.7, 0.2, 0.1], [0.1, 0.2, 0.7]], np.float32)
    result = SentimentResult.from_probabilities(probs)
    read = result.neutral_where([True, False, False])
    assert read.labels == ("neutral", "negative", "positive")
    assert read.scores[0] == 0 and read.scores[1] == result.scores[1]
    np.testing.assert_allclose(read.probabilities.sum(axis=1), 1.0, atol=1e-6)
    np.testing.assert_array_equal(read.probabilities[1:], probs[1:])
    assert result.neutral_where([False, False, False]) is result
