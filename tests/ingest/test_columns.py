from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from insights.errors import ColumnError
from insights.ingest._types import IngestOptions
from insights.ingest.columns import (
    ColumnRole,
    classify_column,
    detect_columns,
    looks_like_date,
    parse_number,
    resolve_column,
)
from insights.ingest.tables import read_table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"
R = ColumnRole


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", 7.0),
        ("8,5", 8.5),
        ("-3", -3.0),
        ("1 234,5", 1234.5),
        ("1\u202f234,5", 1234.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("45 %", 45.0),
        ("abc", None),
        ("12:30", None),
        ("06 12 34 56 78", None),
        ("", None),
    ],
)
def test_parse_number_accepts_french_and_english_forms(value: str, expected: float | None) -> None:
    assert parse_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-05", True),
        ("2019/9/24", True),
        ("11/04/2018 20:09", True),
        ("31-Jul-18", True),
        ("21 mars 2021", True),
        ("3 févr. 2024", True),
        ("March 21, 2021", True),
        ("2024-01-05 10:22:33", True),
        ("3/1/2024 10:15:32 AM", True),
        ("2023-01-01T10:00:00Z", True),
        ("2023-01-01 10:00:00 UTC", True),
        ("hello", False),
        ("12", False),
        ("4,5", False),
        ("Mars attacks", False),
    ],
)
def test_looks_like_date(value: str, expected: bool) -> None:
    assert looks_like_date(value) is expected


LONG = [
    "The delivery was late and nobody told me why it happened",
    "Great support, they fixed my issue in ten minutes flat",
    "Too expensive for what it does compared to the competition",
    "I love the new dashboard but exports are still slow",
    "Cancelled after the third billing mistake in two months",
]


@pytest.mark.parametrize(
    ("header", "values", "role"),
    [
        ("anything", LONG, R.TEXT),
        ("Pourquoi ?", ["Trop cher", "Livraison lente", "Rien", "Le SAV", "Prix"], R.TEXT),
        ("What could we improve?", ["Faster app", "Lower price", "Dark mode", "More", "?"], R.TEXT),
        ("plan", ["Pro", "Basic", "Pro", "Team", "Pro", "Basic"], R.CATEGORICAL),
        ("status", ["Closed with long explanation sent to the customer"] * 6, R.CATEGORICAL),
        ("Respondent ID", ["101", "102", "103", "104"], R.ID),
        ("review_id", ["R-1", "R-2", "R-3"], R.ID),
        ("user_id", ["u1", "u1", "u2"], R.RESPONDENT),
        ("author", ["marie", "jean", "marie"], R.RESPONDENT),
        ("NPS", ["0", "10", "7", "9"], R.NPS),
        ("How likely are you to recommend us?", ["0", "10", "7"], R.NPS),
        ("Note globale", ["4,5", "1,5", "3"], R.RATING),
        ("stars", ["1", "5", "4"], R.RATING),
        ("amount", ["12,50", "1 200", "3"], R.NUMERIC),
        ("Timestamp", ["3/1/2024 10:15:32", "3/2/2024 11:00:01"], R.DATE),
        ("created_at", ["1700000000", "1700003600"], R.DATE),
        ("title", ["Love it", "Never again", "OK"], R.TITLE),
        ("Custom Data", ["", " ", ""], R.EMPTY),
    ],
)
def test_classify_column(header: str, values: list[str], role: ColumnRole) -> None:
    assert classify_column(header, values) is role


def test_classify_many_distinct_short_values_as_other() -> None:
    values = [f"user{i}@example.org" for i in range(60)]
    assert classify_column("Email Address", values) is R.OTHER


def _plan(name: str, **overrides):
    frame = read_table(FIXTURES / name, name, IngestOptions()).frame
    return detect_columns(frame, where=name, **overrides)


@pytest.mark.parametrize(
    ("name", "texts", "id_column", "roles"),
    [
        (
            "typeform.csv",
            ["What is the main reason for your score?", "What could we do better?"],
            "#",
            {
                "How likely are you to recommend Acme to a friend?": R.NPS,
                "Which plan are you on?": R.CATEGORICAL,
                "Submit Date (UTC)": R.DATE,
                "Network ID": R.CATEGORICAL,
            },
        ),
        (
            "google_forms.csv",
            ["What did you like most?", "What frustrated you?"],
            None,
            {
                "Timestamp": R.DATE,
                "Which country are you in?": R.CATEGORICAL,
                "How satisfied are you with onboarding? (1-5)": R.RATING,
            },
        ),
        (
            "surveymonkey.csv",
            [
                "Which features do you use? - Other (please specify)",
                "What is the main reason for your score?",
                "Any other comments?",
            ],
            "Respondent ID",
            {
                "How likely is it that you would recommend us to a friend or colleague?": R.NPS,
                "Which features do you use? - Reports": R.CATEGORICAL,
                "First Name": R.EMPTY,
                "Start Date": R.DATE,
            },
        ),
        (
            "qualtrics.csv",
            ["What is the main reason for your score?"],
            "Response ID",
            {
                "Response Type": R.CATEGORICAL,
                "Duration (in seconds)": R.NUMERIC,
                "Which segment describes you best?": R.CATEGORICAL,
            },
        ),
        (
            "reviews.csv",
            ["text"],
            "review_id",
            {"author": R.RESPONDENT, "rating": R.RATING, "title": R.TITLE, "date": R.DATE},
        ),
        (
            "french_cp1252.csv",
            ["Qu'est-ce qui pourrait être amélioré ?", "Commentaire"],
            "ID répondant",
            {"Note globale": R.RATING, "Pays": R.CATEGORICAL, "Date de réponse": R.DATE},
        ),
    ],
)
def test_detect_columns_on_export_shapes(
    name: str, texts: list[str], id_column: str | None, roles: dict[str, ColumnRole]
) -> None:
    plan = _plan(name)
    assert list(plan.text_columns) == texts
    assert plan.id_column == id_column
    for column, role in roles.items():
        assert plan.roles[column] is role, column


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("typeform.csv", "survey"),
        ("qualtrics.csv", "survey"),
        ("utf8_bom.csv", "survey"),
        ("reviews.csv", "reviews"),
    ],
)
def test_detect_shape(name: str, shape: str) -> None:
    assert _plan(name).shape == shape


def test_review_title_and_author_are_not_text() -> None:
    plan = _plan("reviews.csv")
    assert plan.title_column == "title"
    assert plan.respondent_column == "author"
    assert "title" in plan.attribute_columns
    assert "text" not in plan.attribute_columns and "author" not in plan.attribute_columns


def test_overrides_name_text_and_id_columns() -> None:
    plan = _plan("typeform.csv", text_cols=("what could we do better?",), id_col="network id")
    assert plan.text_columns == ("What could we do better?",)
    assert plan.id_column == "Network ID"
    assert plan.roles["What is the main reason for your score?"] is R.OTHER
    assert plan.roles["#"] is R.OTHER


@pytest.mark.parametrize(
    ("overrides", "option"),
    [({"text_cols": ("Verbatim",)}, "--text-col"), ({"id_col": "uid"}, "--id-col")],
)
def test_unknown_override_lists_available_columns(overrides: dict, option: str) -> None:
    with pytest.raises(ColumnError, match=rf"reviews.csv: {option} .* available: 'review_id'"):
        _plan("reviews.csv", **overrides)


def test_no_free_text_column_says_use_text_col() -> None:
    frame = pd.DataFrame({"id": ["1", "2", "3"], "plan": ["Pro", "Pro", "Basic"]}, dtype=str)
    with pytest.raises(ColumnError, match="t.csv: no free-text column.*--text-col"):
        detect_columns(frame, where="t.csv")


def test_resolve_column_prefers_exact_match() -> None:
    assert resolve_column("Text", ["text", "Text"], where="t", option="--text-col") == "Text"
    assert resolve_column(" TEXT ", ["id", "text"], where="t", option="--text-col") == "text"
