from __future__ import annotations

import pytest

from insights.export.markdown import md_escape, render_markdown, sparkline


def test_markdown_holds_the_pains_with_their_quotes_and_provenance(small_map):
    text = render_markdown(small_map)
    assert "## Pain points" in text
    assert "### 1. Refund takes weeks" in text
    assert "> “Le remboursement a pris un mois.”" in text
    assert '> — survey/answers.csv, row 3, column "Comment" (respondent r3, fr)' in text
    assert "## Delights" in text and "Fast delivery" in text
    assert "## Moments of truth" in text and "### Trough at Support" in text
    assert "## Personas" in text and "### Refund seekers" in text
    assert "| Support | 4 | 3 | −0.73 |" in text


def test_rejected_proposals_are_left_out(small_map):
    assert "Rejected noise" not in render_markdown(small_map)
    accepted = render_markdown(small_map, accepted_only=True)
    assert "Refund takes weeks" in accepted and "App crash" not in accepted


def test_user_text_cannot_inject_markup(small_map, planted):
    text = render_markdown(small_map)
    assert planted["script"] not in text
    assert "\\<script\\>" in text
    assert "App crash \\<b\\>at login\\</b\\>" in text
    assert "the bike is \\*great\\*" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("[click](http://x)", "\\[click\\](http://x)"),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("a | b", "a \\| b"),
        ("two\nlines", "two lines"),
        ("plain, text.", "plain, text."),
    ],
)
def test_md_escape(raw, escaped):
    assert md_escape(raw) == escaped


def test_sparkline_maps_minus_one_to_one_onto_blocks():
    assert sparkline([-1.0, 0.0, 1.0, None]) == "▁▅█ "
