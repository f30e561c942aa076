from __future__ import annotations

import pytest

from insights.analysis.sentiment_text import (
    answer_valence,
    is_null_answer,
    normalise_text,
    question_polarity,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("@united thanks &amp; bye http://t.co/x", "thanks & bye"),
        ("@JetBlue @Delta where is my bag?", "where is my bag?"),
        ("Ask @support   please", "Ask @user please"),
        (".@Delta  lost my bag", "lost my bag"),
        (".NET upgrade failed", ".NET upgrade failed"),
        ("Pas de mention ici.", "Pas de mention ici."),
        ("#fail again", "fail again"),
        ("so #BadService today", "so Bad Service today"),
        ("Merci 😡😡😡", "Merci (pouting face)"),
        ("super 👍🏻", "super (thumbs up sign)"),
        ("late again :(", "late again (slightly frowning face)"),
        ("thanks :) see you", "thanks (slightly smiling face) see you"),
        ("sooooo slow", "soo slow"),
        ("C# and A&B stay", "C# and A&B stay"),
        ("(laughs) (laughs) fine", "(laughs) fine"),  # no emoji: repeats still fold
        ("Très bien — façon « élégante »", "Très bien — façon « élégante »"),
        ("ok \u200d\ufe0f\u2615", "ok (hot beverage)"),  # the lowest special code points
    ],
)
def test_normalise_text_tidies_social_media_text(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean


@pytest.mark.parametrize(
    "text", ["Nothing.", "nothing really", "N/A", "None!", "Rien à signaler", "RAS", "rien."]
)
def test_bare_answers_are_null(text: str) -> None:
    assert is_null_answer(text)


@pytest.mark.parametrize(
    "text", ["Nothing worked.", "No one called back", "Rien ne marche", "Nothing, perfect!", ""]
)
def test_statements_are_not_null_answers(text: str) -> None:
    assert not is_null_answer(text)


@pytest.mark.parametrize(
    ("question", "polarity"),
    [
        ("How could we improve?", -1),
        ("What could we do better?", -1),
        ("Que pourrions-nous améliorer ?", -1),
        ("What was good?", 1),
        ("Qu'avez-vous apprécié ?", 1),
        ("What did you like least?", 0),
        ("Anything you were satisfied or dissatisfied with?", 0),
        ("Why did you give this score?", 0),
        ("", 0),
    ],
)
def test_question_polarity(question: str, polarity: int) -> None:
    assert question_polarity(question) == polarity


def test_answer_valence_reads_nothing_through_its_question() -> None:
    texts = ["Nothing.", "Rien.", "Nothing.", "Nothing.", "Staff were rude"]
    questions = ["How could we improve?", "Qu'avez-vous aimé ?", None, "Why?", "What was good?"]
    assert answer_valence(texts, questions) == [1, -1, 0, 0, 0]
