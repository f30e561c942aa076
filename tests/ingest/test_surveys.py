from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from insights.errors import ColumnError, EmptyInputError
from insights.ingest._types import IngestOptions
from insights.ingest.surveys import NON_ANSWERS, is_non_answer, read_table_source
from insights.schema import Kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"


def _read(path: Path, **options):
    return read_table_source(path, path.name, IngestOptions(**options))


@pytest.mark.parametrize(
    ("name", "kind", "records", "respondents"),
    [
        ("typeform.csv", Kind.SURVEY, 17, 10),
        ("google_forms.csv", Kind.SURVEY, 13, 8),
        ("surveymonkey.csv", Kind.SURVEY, 11, 6),
        ("qualtrics.csv", Kind.SURVEY, 6, 6),
        ("reviews.csv", Kind.REVIEW, 8, 7),
        ("french_cp1252.csv", Kind.SURVEY, 11, 6),
        ("excel_unicode.tsv", Kind.SURVEY, 5, 5),
        ("quoted_newlines.csv", Kind.SURVEY, 5, 5),
        ("trailing_empty.csv", Kind.SURVEY, 3, 3),
    ],
)
def test_reads_each_export_shape(name: str, kind: Kind, records: int, respondents: int) -> None:
    result = _read(FIXTURES / name)
    assert result.kind is kind
    assert len(result.records) == records
    assert len({r.respondent_id for r in result.records}) == respondents
    assert set(result.attributes) == {r.respondent_id for r in result.records}
    assert result.source == name and len(result.sha256) == 64
    assert all(r.char_start is None and r.text.strip() for r in result.records)


def test_survey_record_per_answered_cell_with_question_and_locator() -> None:
    result = _read(FIXTURES / "typeform.csv")
    first, second = result.records[:2]
    assert first.record_id == second.record_id == "k3x90q2m7p1"
    assert first.respondent_id == "k3x90q2m7p1"
    assert first.question == "What is the main reason for your score?"
    assert second.question == "What could we do better?"
    assert first.locator == 'row 1, column "What is the main reason for your score?"'
    assert first.text == "Setup was quick and the support team answered within minutes."
    row3 = [r for r in result.records if r.locator.startswith("row 3,")]
    assert [r.question for r in row3] == ["What is the main reason for your score?"]


def test_survey_attributes_hold_closed_columns() -> None:
    result = _read(FIXTURES / "typeform.csv")
    attrs = result.attributes["k3x91q2m7p2"]
    assert attrs["How likely are you to recommend Acme to a friend?"] == "3"
    assert attrs["Which plan are you on?"] == "Basic"
    assert attrs["Submit Date (UTC)"] == "2024-03-02 09:21:41"
    assert "What is the main reason for your score?" not in attrs and "#" not in attrs


def test_without_id_column_row_numbers_are_ids() -> None:
    result = _read(FIXTURES / "google_forms.csv")
    assert result.notes["id_column"] is None
    ids = [r.record_id for r in result.records]
    assert ids[:3] == ["row1", "row1", "row2"]
    assert result.records[0].respondent_id == "row1"
    assert result.attributes["row6"]["Which country are you in?"] == "France"


def test_review_shape_keeps_title_out_of_text() -> None:
    result = _read(FIXTURES / "reviews.csv")
    record = result.records[1]
    assert record.record_id == "R-002" and record.respondent_id == "jdoe"
    assert record.text == "Order arrived broken and customer service hung up on me."
    assert record.locator == "row 2" and record.question == ""
    assert result.attributes["jdoe"] == {
        "rating": "1",
        "date": "2024-02-02",
        "channel": "Trustpilot",
        "title": "Never again",
    }
    assert result.notes["shape"] == "reviews"


def test_french_export_keeps_ids_and_accents() -> None:
    result = _read(FIXTURES / "french_cp1252.csv")
    assert result.notes["encoding"] == "cp1252" and result.notes["delimiter"] == ";"
    assert result.records[0].record_id == "007"
    assert result.attributes["007"]["Note globale"] == "4,5"
    texts = " ".join(r.text for r in result.records)
    assert "déçu" in texts and "très" in texts.lower() and "œuvre" in texts
    assert "rien" not in [r.text for r in result.records]


def test_notes_describe_detection() -> None:
    notes = _read(FIXTURES / "surveymonkey.csv").notes
    assert notes["id_column"] == "Respondent ID"
    assert notes["export"] == "surveymonkey" and notes["header_rows"] == 2
    assert notes["columns"]["First Name"] == "empty"
    assert notes["delimiter"] == "," and notes["encoding"] == "utf-8"
    assert notes["shape"] == "survey" and notes["sheet"] is None


@pytest.mark.parametrize(
    "text", ["", "  ", "N/A", "n/a.", "-", ".", "None", "none.", "Rien", "aucun"]
)
def test_non_answers_are_recognised(text: str) -> None:
    assert is_non_answer(text)


@pytest.mark.parametrize("text", ["Nothing.", "Rien à redire", "No", "Non merci", "OK"])
def test_short_real_answers_are_kept(text: str) -> None:
    assert not is_non_answer(text)


def test_non_answer_list_is_lowercase() -> None:
    assert all(v == v.casefold() for v in NON_ANSWERS)


def test_overrides_pick_text_and_id_columns() -> None:
    result = _read(
        FIXTURES / "typeform.csv",
        text_cols=("What could we do better?",),
        id_col="Network ID",
    )
    assert {r.question for r in result.records} == {"What could we do better?"}
    assert len(result.records) == 7
    assert result.records[0].record_id == "net00ab"
    assert result.notes["text_columns"] == ["What could we do better?"]


@pytest.mark.parametrize(
    ("options", "pattern"),
    [
        ({"text_cols": ("Verbatim",)}, r"reviews.csv: --text-col 'Verbatim' is not a column"),
        ({"id_col": "uid"}, r"reviews.csv: --id-col 'uid' is not a column; available: "),
    ],
)
def test_unknown_columns_raise(options: dict, pattern: str) -> None:
    with pytest.raises(ColumnError, match=pattern):
        _read(FIXTURES / "reviews.csv", **options)


def test_no_text_column_raises(tmp_path: Path) -> None:
    path = tmp_path / "closed.csv"
    path.write_text("id,plan,nps\n1,Pro,9\n2,Basic,3\n3,Pro,7\n", encoding="utf-8")
    with pytest.raises(ColumnError, match="closed.csv: no free-text column.*--text-col"):
        _read(path)


def test_text_column_without_answers_raises(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("id,comment\n1,N/A\n2,-\n3,\n", encoding="utf-8")
    with pytest.raises(EmptyInputError, match="blank.csv: no answer"):
        _read(path, text_cols=("comment",))


def test_record_ids_are_stable_and_follow_file_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    body = "plan,Why did you cancel?\nPro,Too slow for us\n,\nBasic,Price went up again\n"
    path.write_text(body, encoding="utf-8")
    first = _read(path)
    assert [(r.record_id, r.locator) for r in first.records] == [
        ("row1", 'row 1, column "Why did you cancel?"'),
        ("row3", 'row 3, column "Why did you cancel?"'),
    ]
    assert [r.record_id for r in _read(path).records] == ["row1", "row3"]


def test_duplicate_rows_are_kept_once(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    row = "7,Pro,The export to Excel keeps failing on large files\n"
    path.write_text("id,plan,comment\n" + row + row, encoding="utf-8")
    result = _read(path, id_col="id")
    assert len(result.records) == 1
    assert result.notes["duplicate_records"] == 1


def test_xlsx_survey(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Réponses"
    sheet.append(["ID répondant", "Segment", "Pourquoi cette note ?"])
    sheet.append(["001", "PME", "Le support est très réactif"])
    sheet.append(["002", "PME", '=CONCAT("trop ";"cher")'])
    sheet.append(["003", "Grand compte", "Livraison en retard, très déçu"])
    path = tmp_path / "enquete.xlsx"
    book.save(path)
    result = _read(path)
    assert result.notes["sheet"] == "Réponses"
    assert [r.record_id for r in result.records] == ["001", "002", "003"]
    assert result.records[1].text == '=CONCAT("trop ";"cher")'
    assert result.attributes["003"] == {"Segment": "Grand compte"}
