from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from insights.errors import (
    DecodeError,
    EmptyInputError,
    InsightsError,
    UnsupportedFormatError,
)
from insights.ingest import _docx
from insights.ingest._decode import load_source
from insights.ingest._types import IngestOptions
from insights.ingest.transcripts import read_transcript
from insights.schema import Kind, Role

FIXTURES = Path(__file__).parent.parent / "fixtures" / "transcripts"
TEXT_FIXTURES = sorted(p.name for p in FIXTURES.iterdir())
OPTIONS = IngestOptions()


def _read(name: str, options: IngestOptions = OPTIONS):
    return read_transcript(FIXTURES / name, name, options)


def _rows(name: str, options: IngestOptions = OPTIONS):
    return [
        (r.record_id, r.locator, r.speaker, r.role, r.text) for r in _read(name, options).records
    ]


@pytest.mark.parametrize("name", TEXT_FIXTURES)
def test_record_text_is_the_exact_slice_at_char_start(name):
    source = load_source(FIXTURES / name, name, max_bytes=OPTIONS.max_bytes).text
    result = _read(name)
    assert result.records
    for record in result.records:
        assert source[record.char_start : record.char_start + len(record.text)] == record.text


@pytest.mark.parametrize("name", TEXT_FIXTURES)
def test_reading_twice_gives_the_same_records(name):
    first, second = _read(name), _read(name)
    assert first.records == second.records
    assert first.sha256 == second.sha256
    assert first.kind is Kind.TRANSCRIPT
    ids = [r.record_id for r in first.records]
    assert len(ids) == len(set(ids))


def test_txt_turns_continuations_timestamps_and_false_labels():
    assert _rows("interview_en.txt") == [
        ("t1", "line 3", "Interviewer", Role.INTERVIEWER, _line("interview_en.txt", 3)[13:]),
        (
            "t2",
            "line 4",
            "Claire",
            Role.RESPONDENT,
            "A friend told me about it at 10:30 one evening.\n"
            "She kept saying the app was simple.\n\n"
            "Note: it was late, so I only looked the next day.",
        ),
        (
            "t3",
            "line 8 [00:03:12]",
            "Interviewer",
            Role.INTERVIEWER,
            _line("interview_en.txt", 8)[24:],
        ),
        (
            "t4",
            "line 9 [00:03:15]",
            "Claire",
            Role.RESPONDENT,
            "The problem was this: the code never arrived.\nI waited twenty minutes.",
        ),
        ("t5", "line 11", "Interviewer", Role.INTERVIEWER, _line("interview_en.txt", 11)[13:]),
        ("t6", "line 12", "Claire", Role.RESPONDENT, "Yes, and they fixed it quickly."),
    ]
    notes = _read("interview_en.txt").notes
    assert notes["speakers"] == {"Interviewer": 3, "Claire": 3}
    assert notes["skipped_before_first_speaker"] == 1


def _line(name: str, number: int) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")[number - 1]


def test_respondent_turns_carry_the_previous_interviewer_question():
    records = _read("interview_en.txt").records
    assert [r.question for r in records if r.role is Role.RESPONDENT] == [
        "Thanks for joining. How did you first hear about us?",
        "What happened when you signed up?",
        "That sounds frustrating. Did you contact support?",
    ]
    assert all(r.question == "" for r in records if r.role is Role.INTERVIEWER)
    assert {r.respondent_id for r in records} == {
        "interview_en.txt#Interviewer",
        "interview_en.txt#Claire",
    }


def test_long_question_keeps_its_end(tmp_path):
    intro = "We are studying how people shop. " * 20
    path = tmp_path / "long.txt"
    path.write_text(f"Interviewer: {intro}So, what did you buy last?\nRespondent: Shoes.\n")
    question = read_transcript(path, "long.txt", OPTIONS).records[1].question
    assert question.startswith("…") and question.endswith("So, what did you buy last?")
    assert len(question) <= 300


def test_french_labels_with_narrow_and_non_breaking_spaces():
    rows = _rows("entretien_fr.txt")
    assert [(r[2], r[3]) for r in rows] == [
        ("Intervieweuse", Role.INTERVIEWER),
        ("Camille", Role.RESPONDENT),
        ("Intervieweuse", Role.INTERVIEWER),
        ("Camille", Role.RESPONDENT),
    ]
    assert (
        rows[1][4]
        == "Le colis est arrivé en retard, trois jours après la date prévue.\nJ'étais déçue."
    )


def test_q_and_a_labels_keep_their_letters_and_get_roles():
    rows = _rows("qa.txt")
    assert [(r[2], r[3]) for r in rows] == [
        ("Q", Role.INTERVIEWER),
        ("A", Role.RESPONDENT),
        ("Q", Role.INTERVIEWER),
        ("A", Role.RESPONDENT),
    ]
    assert rows[1][4] == "The price went up twice in one year."


def test_markdown_bold_labels_participant_ids_and_headings():
    assert _rows("focus_group.md") == [
        ("t1", "line 3", "Moderator", Role.INTERVIEWER, _line("focus_group.md", 3)[15:]),
        (
            "t2",
            "line 5",
            "P3",
            Role.RESPONDENT,
            "I downloaded the app and created an account.\nIt asked for too many details.",
        ),
        ("t2.2", "line 10", "P3", Role.RESPONDENT, "Paying was easy, Apple Pay worked at once."),
        ("t3", "line 12", "Participant 4", Role.RESPONDENT, "For me the card was refused twice."),
        ("t4", "line 14", "P3", Role.RESPONDENT, "Same for me at first."),
    ]


def test_vtt_voice_tags_one_record_per_cue():
    assert _rows("calls.vtt") == [
        (
            "t1",
            "00:00:01.000",
            "Interviewer",
            Role.INTERVIEWER,
            "How do you use the dashboard every day?",
        ),
        ("t2", "00:00:04.500", "Sam Lee", Role.RESPONDENT, "Every morning, to check the orders."),
        (
            "t2.2",
            "00:00:08.000",
            "Sam Lee",
            Role.RESPONDENT,
            "But the export button is hard to find,\nand it times out.",
        ),
        ("t3", "00:01:02.500", "Interviewer", Role.INTERVIEWER, "Why does that matter to you?"),
    ]
    assert _read("calls.vtt").notes["format"] == "vtt"


def test_srt_labels_inside_cues_and_interviewer_by_questions():
    result = _read("support.srt")
    assert [(r.record_id, r.locator, r.speaker, r.role) for r in result.records] == [
        ("t1", "00:00:01.000", "Agent", Role.INTERVIEWER),
        ("t2", "00:00:03.600", "Customer", Role.RESPONDENT),
        ("t2.2", "00:00:07.100", "Customer", Role.RESPONDENT),
        ("t3", "00:00:09.100", "Agent", Role.INTERVIEWER),
        ("t4", "00:00:11.100", "Customer", Role.RESPONDENT),
    ]
    assert result.records[2].text == "It was supposed to come on Monday."
    assert result.notes["interviewer_rule"] == "questions"


def test_file_without_speakers_gives_one_respondent_record_per_paragraph():
    result = _read("notes.txt")
    assert [
        (r.record_id, r.locator, r.respondent_id, r.speaker, r.role) for r in result.records
    ] == [
        ("t1", "line 1", "notes.txt", "", Role.RESPONDENT),
        ("t2", "line 3", "notes.txt", "", Role.RESPONDENT),
        ("t3", "line 6", "notes.txt", "", Role.RESPONDENT),
    ]
    assert result.notes["speakers"] == {}


@pytest.mark.parametrize(
    ("interviewer", "expected", "rule"),
    [
        ((), "Marc", "questions"),
        (("julie",), "Julie", "option"),
        (("Nobody",), "Marc", "questions"),
    ],
)
def test_interviewer_auto_detected_or_named(interviewer, expected, rule):
    result = _read("density.txt", IngestOptions(interviewer=interviewer))
    assert result.notes["interviewers"] == [expected]
    assert result.notes["interviewer_rule"] == rule
    assert {r.speaker for r in result.records if r.role is Role.INTERVIEWER} == {expected}


def _write_docx(path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("Interview 4, delivery study")
    document.add_paragraph("Interviewer: How was the delivery?")
    paragraph = document.add_paragraph("Respondent: Late, and the box was damaged.")
    paragraph.add_run().add_break()
    paragraph.add_run("It took a week.")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Interviewer: Anything else?"
    table.cell(0, 1).text = "Respondent: No, that is all."
    document.save(str(path))


def test_docx_paragraphs_and_table_cells_become_turns(tmp_path):
    path = tmp_path / "interview.docx"
    _write_docx(path)
    result = read_transcript(path, "interview.docx", OPTIONS)
    assert [(r.record_id, r.locator, r.speaker, r.role, r.text) for r in result.records] == [
        ("t1", "paragraph 2", "Interviewer", Role.INTERVIEWER, "How was the delivery?"),
        (
            "t2",
            "paragraph 3",
            "Respondent",
            Role.RESPONDENT,
            "Late, and the box was damaged.\nIt took a week.",
        ),
        ("t3", "paragraph 5", "Interviewer", Role.INTERVIEWER, "Anything else?"),
        ("t4", "paragraph 6", "Respondent", Role.RESPONDENT, "No, that is all."),
    ]
    _, paragraphs = _docx.load_docx(path, "interview.docx", max_bytes=OPTIONS.max_bytes)
    joined = "\n".join(paragraphs)
    for record in result.records:
        assert joined[record.char_start : record.char_start + len(record.text)] == record.text
    assert result.notes["format"] == "docx"


def _corrupt_xml_docx(path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    _write_docx(good)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(
                item, b"<w:document><broken" if item.filename == "word/document.xml" else data
            )


def _zip_without_document(path: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(path, "w") as dst:
        dst.writestr("hello.txt", "not a word document")


def _truncated_docx(path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    _write_docx(good)
    path.write_bytes(good.read_bytes()[:2000])


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (
            lambda p, t: p.write_bytes(b"\xd0\xcf\x11\xe0 old word binary" * 20),
            UnsupportedFormatError,
        ),
        (_truncated_docx, UnsupportedFormatError),
        (_zip_without_document, UnsupportedFormatError),
        (_corrupt_xml_docx, DecodeError),
    ],
)
def test_bad_docx_raises_one_clear_line(tmp_path, make, error):
    path = tmp_path / "bad.docx"
    make(path, tmp_path)
    with pytest.raises(error) as info:
        read_transcript(path, "bad.docx", OPTIONS)
    assert "bad.docx" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("limit", "value"), [("MAX_DOCX_UNCOMPRESSED", 1000), ("MAX_DOCX_ENTRIES", 3)]
)
def test_docx_over_the_zip_limits_is_refused(tmp_path, monkeypatch, limit, value):
    path = tmp_path / "bomb.docx"
    _write_docx(path)
    monkeypatch.setattr(_docx, limit, value)
    with pytest.raises(UnsupportedFormatError, match="bomb.docx.*limits"):
        read_transcript(path, "bomb.docx", OPTIONS)


@pytest.mark.parametrize(
    ("filename", "content", "error"),
    [
        ("junk.txt", bytes(range(256)) * 8, DecodeError),
        ("empty.txt", b"", EmptyInputError),
        ("blank.md", b"  \n\n \n", EmptyInputError),
        ("header.vtt", b"WEBVTT\n\nNOTE nothing here\n", EmptyInputError),
        ("empty.docx", b"", EmptyInputError),
        ("notes.pdf", b"%PDF-1.4", UnsupportedFormatError),
    ],
)
def test_unreadable_files_raise_the_right_error(tmp_path, filename, content, error):
    path = tmp_path / filename
    path.write_bytes(content)
    with pytest.raises(error) as info:
        read_transcript(path, filename, OPTIONS)
    assert isinstance(info.value, InsightsError)
    assert filename in str(info.value) and "\n" not in str(info.value)
