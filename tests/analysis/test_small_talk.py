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
        "Oui, allez-y. (rires)",
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
        "Yes (terrible)",  # parentheses hold speech unless they hold a non-speech event
        "Oui (c'est nul)",
        "Ok, 2/10.",
        "Yes, 100%!",
        "Ok 👎",
        "Ok, всё ужасно",
        "Oui, c'est bon.",  # can be a verdict
        "No problem.",
        "Yeah, right.",
        "Hmm, so-so.",
        "[laughs]",
        "",
    ],
)
def test_one_content_word_keeps_a_statement(text: str) -> None:
    assert not is_small_talk(text)


def test_long_back_channel_runs_are_decided_at_once() -> None:
    import time

    start = time.perf_counter()
    assert not is_small_talk("mm-hmm, " * 200 + "but the app crashed")
    assert is_small_talk("bye bye, " * 200 + "thanks")
    assert time.perf_counter() - start < 1.0  # the regex it replaced took minutes here


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
