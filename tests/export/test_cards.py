from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from insights.export.cards import CARD_COLUMNS, make_cards, neutralise, render_csv


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6 12", "'+33 6 12"),
        ("-5 stars", "'-5 stars"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\rx", "'\rx"),
        ("  =HYPERLINK(1)", "'  =HYPERLINK(1)"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),
        ("Refund took 6 weeks", "Refund took 6 weeks"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_prefixes_cells_a_spreadsheet_would_run(cell, expected):
    assert neutralise(cell) == expected


def _read(text: str) -> list[dict[str, str]]:
    frame = pd.read_csv(io.StringIO(text.removeprefix("\ufeff")), dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == CARD_COLUMNS
    return frame.to_dict("records")


def test_planted_hyperlink_formula_comes_out_inert(small_map, planted):
    text = render_csv(small_map)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert "'" + planted["formula"] in cells
    assert not [c for c in cells if c.lstrip().startswith(("=", "+", "-", "@"))]


def test_csv_reimports_with_pandas_to_the_same_cards(small_map):
    cards = make_cards(small_map)
    expected = [{k: neutralise(v) for k, v in card.items()} for card in cards]
    assert _read(render_csv(small_map)) == expected


def test_csv_starts_with_a_bom_for_excel(small_map):
    assert render_csv(small_map).startswith("\ufefflayer,stage,title")
    assert not render_csv(small_map, bom=False).startswith("\ufeff")


def test_cards_cover_every_layer_and_leave_rejected_proposals_out(small_map):
    cards = make_cards(small_map)
    layers = {c["layer"] for c in cards}
    assert layers == {
        "stage",
        "pain_point",
        "delight",
        "moment_of_truth",
        "quote",
        "persona",
        "opportunity",
    }
    assert "P-3" not in {c["id"] for c in cards}
    pain = next(c for c in cards if c["id"] == "P-1")
    assert pain["stage"] == "Support"
    assert pain["severity"] == "3.50"
    assert pain["source"] == 'survey/answers.csv, row 1, column "Comment"'
    assert (
        next(c for c in cards if c["layer"] == "opportunity")["body"] == "For: Refund takes weeks"
    )


def test_accepted_only_cards(small_map):
    cards = make_cards(small_map, accepted_only=True)
    ids = {c["id"] for c in cards if c["layer"] in ("pain_point", "delight", "persona")}
    assert ids == {"P-1", "D-1"}
