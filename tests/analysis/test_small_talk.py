from __future__ import annotations

import pandas as pd
import pytest

from insights.analysis.small_talk import is_small_talk


@pytest.mark.parametrize(
    "text",
    [
        "Thank you! Bye.",
        "Yes, I can hear you fine. Hi!",
        "Yep, loud and clear.",
        "OK, go ahead.",
        "Hmm. [pause] Yeah.",
        "Oui, c'est bon, allez-y.",
        "Avec plaisir, bonne journée !",
        "Merci à vous, mademoiselle. Au revoir !",
        "Attendez, je monte un peu le son... Voilà.",
        "Euh... je crois que j'ai tout dit.",
    ],
)
def test_greetings_thanks_sound_checks_and_fillers_are_small_talk(text: str) -> None:
    assert is_small_talk(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, the fitter was brilliant.",
        "Sorry, the app crashed again.",
        "Yeah. [laughs] The returns.",
        "Oui ! Alors ça, c'était formidable.",
        "Bonjour, ma commande n'est jamais arrivée.",
        "So that settled it.",
        "No.",  # a bare answer: its question says what it means
        "Non, je crois que j'ai tout dit.",
        "[laughs]",
        "",
    ],
)
def test_one_content_word_keeps_a_statement(text: str) -> None:
    assert not is_small_talk(text)


def test_the_demo_run_reads_interview_small_talk_as_neutral_and_nothing_else(demo_run) -> None:
    units = pd.read_csv(demo_run / "units.csv", keep_default_na=False, dtype=str)
    said = units[units["role"] == "respondent"]
    small = said[[is_small_talk(t) for t in said["text"]]]
    in_transcripts = small[small["kind"] == "transcript"]
    assert len(in_transcripts) >= 5, "the demo interviews open and close with small talk"
    assert set(in_transcripts["sentiment"]) == {"neutral"}
    assert set(in_transcripts["sentiment_score"].astype(float)) == {0.0}
    assert set(in_transcripts["emotion"]) <= {"neutral"}
    others = said[(said["kind"] != "transcript") & (said["sentiment"] != "neutral")]
    assert len(others) > 0  # surveys and reviews keep the model's reading
