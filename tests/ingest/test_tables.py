from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights.errors import DecodeError, EmptyInputError, UnsupportedFormatError
from insights.ingest import tables
from insights.ingest._types import IngestOptions
from insights.ingest.tables import parse_delimited, read_table, sniff_delimiter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"
OPTIONS = IngestOptions()


def _read(path: Path) -> tables.Table:
    return read_table(path, path.name, OPTIONS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b,c\n1,2,3\n4,5,6\n", ","),
        ("a;b;c\n1,5;2,5;x, y\n4;5;6\n", ";"),
        ('a\tb\n"x;y;z"\t1\n"p,q"\t2\n', "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ('id,text\n1,"semi; colons; inside; quotes"\n2,"and\nnew; lines"\n', ","),
        ("note;avis\n4,5;bien, rapide, efficace\n3,5;lent\n", ";"),
        ("single column\nvalue one\nvalue two\n", ","),
    ],
)
def test_sniff_delimiter_picks_the_consistent_one(text: str, expected: str) -> None:
    assert sniff_delimiter(text) == expected


def test_sniff_delimiter_keeps_preferred_on_tie() -> None:
    assert sniff_delimiter("a\n1\n", preferred="\t") == "\t"


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "column", "expected"),
    [
        ("french_cp1252.csv", "cp1252", ";", "Commentaire", "Très déçu par la qualité du colis"),
        ("french_cp1252.csv", "cp1252", ";", "Commentaire", "Le cœur du problème"),
        ("utf8_bom.csv", "utf-8-sig", ";", "why", "Le prix a augmenté sans prévenir, très déçu"),
        ("excel_unicode.tsv", "utf-16", "\t", "Feedback", "Naïve question: why is délivrance"),
    ],
)
def test_encodings_decode_intact(
    name: str, encoding: str, delimiter: str, column: str, expected: str
) -> None:
    table = _read(FIXTURES / name)
    assert table.notes["encoding"] == encoding
    assert table.notes["delimiter"] == delimiter
    assert any(cell.startswith(expected) for cell in table.frame[column])


def test_bom_is_not_part_of_first_header() -> None:
    assert list(_read(FIXTURES / "utf8_bom.csv").frame.columns) == ["respondent", "segment", "why"]


def test_cp1252_keeps_ids_decimals_and_euro() -> None:
    frame = _read(FIXTURES / "french_cp1252.csv").frame
    assert frame["ID répondant"].tolist()[:2] == ["007", "008"]
    assert frame["Note globale"].tolist()[0] == "4,5"
    assert any("12,50 €" in cell and "œuvre" in cell for cell in frame["Commentaire"])


def test_utf16_tab_export_read_with_csv_suffix(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    shutil.copy(FIXTURES / "excel_unicode.tsv", path)
    table = _read(path)
    assert table.notes["delimiter"] == "\t"
    assert table.frame.shape == (5, 3)


def test_quoted_newlines_stay_in_the_cell() -> None:
    frame = _read(FIXTURES / "quoted_newlines.csv").frame
    assert frame.shape == (5, 3)
    assert frame.loc[1, "message"] == "Hello,\nmy order never arrived.\nCan you check, please?"
    assert frame.loc[3, "message"].count("\n") == 2
    assert frame.loc[4, "message"] == 'Called three times, "someone will call back", nobody did.'
    assert frame.loc[5, "message"] == "App crashes on login since the last update, \nplease fix"


def test_trailing_empty_columns_and_blank_rows_dropped() -> None:
    frame = _read(FIXTURES / "trailing_empty.csv").frame
    assert list(frame.columns) == ["id", "plan", "comment"]
    assert list(frame.index) == [1, 2, 3, 4]
    assert frame.loc[3, "comment"] == ""


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("a,Comment,Comment,Comment\n1,x,y,z\n", ["a", "Comment", "Comment (2)", "Comment (3)"]),
        (",score\nv,1\n", ["column 1", "score"]),
        ("a,b\n1,2,extra\n", ["a", "b", "column 3"]),
        (" a , b \n1,2\n", ["a", "b"]),
    ],
)
def test_header_names_are_unique_and_never_blank(
    tmp_path: Path, text: str, columns: list[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    assert list(_read(path).frame.columns) == columns


def test_blank_rows_keep_file_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,text\n1,first\n,\n3,third\n", encoding="utf-8")
    assert list(_read(path).frame.index) == [1, 3]


def test_surveymonkey_two_header_rows_merged() -> None:
    table = _read(FIXTURES / "surveymonkey.csv")
    columns = list(table.frame.columns)
    assert table.notes["header_rows"] == 2
    assert table.notes["export"] == "surveymonkey"
    assert "What is the main reason for your score?" in columns
    assert "Which features do you use? - Dashboards" in columns
    assert "Which features do you use? - Other (please specify)" in columns
    assert "Response" not in columns and len(table.frame) == 6


def test_qualtrics_question_text_row_used() -> None:
    table = _read(FIXTURES / "qualtrics.csv")
    assert table.notes["header_rows"] == 3
    assert table.notes["export"] == "qualtrics"
    assert "What is the main reason for your score?" in table.frame.columns
    assert "Q2" not in table.frame.columns
    assert not table.frame.map(lambda c: "ImportId" in c).to_numpy().any()
    assert len(table.frame) == 7


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\n", b"id,text\n", b"id,text\n,\n\n", b"\xef\xbb\xbf\n"],
)
def test_empty_or_header_only_file_raises(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(EmptyInputError, match="empty.csv"):
        _read(path)


def test_binary_junk_named_csv_raises(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(DecodeError, match="junk.csv"):
        _read(path)


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Cover"
    sheet = book.create_sheet("Responses")
    sheet.append(["Respondent ID", "Score", "Joined", "What could we improve?"])
    sheet.append(["007", 8, "2024-01-05", "=1+2"])
    sheet.append(["008", 4.5, None, "Faster delivery please"])
    sheet.append([9, 7.0, None, None, None])
    book.save(path)


def test_xlsx_first_sheet_with_data_and_formula_as_text(tmp_path: Path) -> None:
    path = tmp_path / "survey.xlsx"
    _workbook(path)
    table = _read(path)
    assert table.notes["sheet"] == "Responses"
    assert table.notes["encoding"] is None
    frame = table.frame
    assert list(frame.columns) == ["Respondent ID", "Score", "Joined", "What could we improve?"]
    assert frame["Respondent ID"].tolist() == ["007", "008", "9"]
    assert frame["Score"].tolist() == ["8", "4.5", "7"]
    assert frame.loc[1, "What could we improve?"] == "=1+2"


def test_xlsx_formula_uses_cached_value_when_present(tmp_path: Path) -> None:
    path = tmp_path / "cached.xlsx"
    _workbook(path)
    patched = tmp_path / "patched.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = re.sub(rb"<f>1\+2</f>(<v>\s*</v>|<v/>)?", b"<f>1+2</f><v>3</v>", data)
            dst.writestr(item, data)
    frame = _read(patched).frame
    assert frame.loc[1, "What could we improve?"] == "3"


def test_xlsx_over_uncompressed_limit_refused(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "bomb.xlsx"
    _workbook(path)
    monkeypatch.setattr(tables, "MAX_XLSX_UNCOMPRESSED", 1000)
    with pytest.raises(UnsupportedFormatError, match="bomb.xlsx.*limit"):
        _read(path)


def test_xlsx_with_too_many_entries_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(tables.MAX_XLSX_ENTRIES + 1):
            archive.writestr(f"x/{i}", b"")
    with pytest.raises(UnsupportedFormatError, match="many.xlsx.*entries"):
        _read(path)


def test_xlsx_that_is_not_a_zip_raises(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"id,text\n1,hello\n")
    with pytest.raises(DecodeError, match="fake.xlsx"):
        _read(path)


def test_parse_delimited_keeps_quotes_and_delimiters() -> None:
    rows = parse_delimited('a;b\n"x;""y""";2\n', ";", where="t")
    assert rows == [["a", "b"], ['x;"y"', "2"]]


_CELL = st.text(
    alphabet=st.sampled_from(list("abcXYZ 019éèçàœ€ß,;\t|\"'\n.!?-")),
    max_size=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=6),
    delimiter=st.sampled_from(tables.DELIMITERS),
)
def test_csv_writer_output_reads_back_identical(
    tmp_path: Path, rows: list[list[str]], delimiter: str
) -> None:
    expected = [r for r in rows if any(c.strip() for c in r)]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([["a", "b", "c"], *rows])
    path = tmp_path / "prop.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    if not expected:
        with pytest.raises(EmptyInputError):
            _read(path)
        return
    table = _read(path)
    assert table.notes["delimiter"] == delimiter
    assert table.frame.to_numpy().tolist() == expected


def test_xlsx_without_any_data_raises(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(EmptyInputError, match="blank.xlsx"):
        _read(path)


def test_tsv_suffix_prefers_tab_when_consistent(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("a,b\tc,d,e\n1,2\t3,4,5\n", encoding="utf-8")
    assert _read(path).notes["delimiter"] == "\t"
