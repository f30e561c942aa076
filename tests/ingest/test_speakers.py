from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insights.ingest.speakers import (
    accept_labels,
    detect_interviewers,
    find_label,
    label_role,
    split_turns,
)
from insights.schema import Role


@pytest.mark.parametrize(
    ("line", "label", "text", "stamp"),
    [
        ("Claire: I loved it", "Claire", "I loved it", ""),
        ("Claire : I loved it", "Claire", "I loved it", ""),
        ("Intervieweur\u00a0: Bonjour", "Intervieweur", "Bonjour", ""),
        ("Camille\u202f: Oui", "Camille", "Oui", ""),
        ("Interviewer 1:  Okay, perfect.", "Interviewer 1", "Okay, perfect.", ""),
        ("interviewee: right.", "interviewee", "right.", ""),
        ("Q: Why?", "Q", "Why?", ""),
        ("P3: fine", "P3", "fine", ""),
        ("[00:01:02] Claire: hi", "Claire", "hi", "00:01:02"),
        ("00:01:02 Claire: hi", "Claire", "hi", "00:01:02"),
        ("Claire (00:01:02): hi", "Claire", "hi", "00:01:02"),
        ("**Claire:** hi", "Claire", "hi", ""),
        ("**Claire**: hi", "Claire", "hi", ""),
        ("Jean-Pierre Dupont : salut", "Jean-Pierre Dupont", "salut", ""),
        ("Claire:", "Claire", "", ""),
        ("Claire Martin  0:03", "Claire Martin", "", "0:03"),
        ("- Sam: hello", "Sam", "hello", ""),
    ],
)
def test_find_label_reads_common_label_shapes(line, label, text, stamp):
    match = find_label(line)
    assert match is not None
    assert (match.label, line[match.text_start :], match.timestamp) == (label, text, stamp)


@pytest.mark.parametrize(
    "line",
    [
        "at 10:30 we met",
        "See http://example.com",
        "Ratio 3:1 is fine",
        "I said to him, and then he told me this: nothing at all",
        "12:30: lunch",
        "",
        "   ",
        "Just a sentence with no colon",
    ],
)
def test_find_label_ignores_lines_that_are_not_labels(line):
    assert find_label(line) is None


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Interviewer", Role.INTERVIEWER),
        ("interviewer", Role.INTERVIEWER),
        ("Interviewer2 2", Role.INTERVIEWER),
        ("Intervieweuse", Role.INTERVIEWER),
        ("Enquêtrice", Role.INTERVIEWER),
        ("Modérateur", Role.INTERVIEWER),
        ("Animatrice", Role.INTERVIEWER),
        ("Facilitator", Role.INTERVIEWER),
        ("Q", Role.INTERVIEWER),
        ("I", Role.INTERVIEWER),
        ("Interviewer Claire", Role.INTERVIEWER),
        ("Interviewee1", Role.RESPONDENT),
        ("Participant 3", Role.RESPONDENT),
        ("P1", Role.RESPONDENT),
        ("A", Role.RESPONDENT),
        ("R", Role.RESPONDENT),
        ("Répondante", Role.RESPONDENT),
        ("Claire", None),
        ("Speaker 2", None),
        ("Interviewer feedback", None),
    ],
)
def test_label_role_knows_english_and_french_role_words(label, role):
    assert label_role(label) is role


@pytest.mark.parametrize(
    ("counts", "accepted"),
    [
        ({"Interviewer": 1, "Claire": 3}, {"Interviewer", "Claire"}),
        ({"Claire": 1}, set()),
        ({"Note": 4}, set()),
        ({"The problem was this": 2}, set()),
        ({"Q": 1}, set()),
        ({"Q": 2, "A": 2}, {"Q", "A"}),
        ({"Participant 4": 1, "Speaker 2": 1}, {"Participant 4", "Speaker 2"}),
        ({"Jean de La Fontaine": 2}, {"Jean de La Fontaine"}),
    ],
)
def test_accept_labels_needs_a_role_word_or_a_recurring_name(counts, accepted):
    assert accept_labels(counts) == accepted


QUESTIONS = [
    ("Marc", "When did you last order?"),
    ("Julie", "Last week, and the delivery was a disaster from start to end, really."),
    ("Marc", "Did anyone call you?"),
    ("Julie", "Nobody called me, I had to chase them by email three times in a row."),
    ("Marc", "Thanks."),
    ("Julie", "You are welcome, I hope it helps the next customers a little bit."),
]


def test_interviewer_found_by_question_density():
    assert detect_interviewers(QUESTIONS) == (["Marc"], "questions")


def test_interviewer_option_wins_case_insensitively():
    assert detect_interviewers(QUESTIONS, names=["JULIE"]) == (["Julie"], "option")


def test_unmatched_option_falls_back_to_detection():
    assert detect_interviewers(QUESTIONS, names=["Nobody"]) == (["Marc"], "questions")


def test_interviewer_found_by_label_before_density():
    turns = [("Moderator", "Tell me more."), ("Sam", "Why?"), ("Sam", "How?")]
    assert detect_interviewers(turns) == (["Moderator"], "label")


@pytest.mark.parametrize(
    "turns",
    [
        [("Solo", "Why?"), ("Solo", "How?")],
        [("Ann", "Why? "), ("Bob", "How?"), ("Ann", "Where?"), ("Bob", "When?")],
        [("Participant 1", "Why?"), ("Participant 2", "Sure."), ("Participant 1", "How?")],
    ],
)
def test_no_interviewer_when_questions_do_not_single_one_out(turns):
    assert detect_interviewers(turns) == ([], "none")


def test_split_turns_continues_unlabelled_lines_and_skips_preamble():
    text = "Title line\n\nInterviewer: Why?\nClaire: Because\nit broke.\n\nStill me.\nClaire: Yes"
    segments, skipped = split_turns(text)
    assert skipped == 1
    assert [(s.speaker, text[s.start : s.end]) for s in segments] == [
        ("Interviewer", "Why?"),
        ("Claire", "Because\nit broke.\n\nStill me."),
        ("Claire", "Yes"),
    ]


def test_split_turns_a_name_used_once_is_not_a_speaker():
    text = "Interviewer: Why?\nClaire: Because.\n"
    segments, _ = split_turns(text)
    assert [(s.speaker, text[s.start : s.end]) for s in segments] == [
        ("Interviewer", "Why?\nClaire: Because."),
    ]


def test_split_turns_label_alone_on_its_line_takes_the_next_lines():
    text = "**Interviewer:**\nWhy?\n\n**P2:**\n  Because.  \n**P2:**"
    segments, _ = split_turns(text)
    assert [text[s.start : s.end] for s in segments] == ["Why?", "Because."]


def test_split_turns_timestamp_line_breaks_a_turn_into_segments():
    text = "Interviewer: Why?\nR: One.\n[00:05:00]\nTwo.\nR: Three."
    segments, _ = split_turns(text)
    assert [(s.speaker, s.new_turn, s.timestamp) for s in segments] == [
        ("Interviewer", True, ""),
        ("R", True, ""),
        ("R", False, "00:05:00"),
        ("R", True, ""),
    ]


def test_split_turns_without_labels_gives_one_segment_per_paragraph():
    text = "Note: late.\n\nThe problem was this: it froze\nagain.\n"
    segments, skipped = split_turns(text)
    assert skipped == 0
    assert [(s.speaker, text[s.start : s.end]) for s in segments] == [
        ("", "Note: late."),
        ("", "The problem was this: it froze\nagain."),
    ]


LINES = st.sampled_from(
    ["Interviewer: Why?", "Claire : ok", "", "  ", "plain words", "# head", "[00:01:02]", "Q:"]
)


@given(st.lists(st.one_of(LINES, st.text(max_size=30)), max_size=12))
def test_split_turns_segments_are_ordered_trimmed_slices(lines):
    text = "\n".join(lines)
    segments, _ = split_turns(text)
    previous_end = 0
    for seg in segments:
        piece = text[seg.start : seg.end]
        assert piece and piece == piece.strip()
        assert seg.start >= previous_end
        previous_end = seg.end
