from __future__ import annotations

import pytest

from insights.errors import UsageError
from insights.review.decisions import DecisionType
from insights.review.script import DecisionSpec, parse_flags, parse_script, read_script

T = DecisionType


def test_flags_become_specs_in_the_order_typed():
    specs = parse_flags(
        ["--merge", "P-a", "P-b", "--rename", "P-a", "Refund takes weeks", "--accept=P-a",
         "--move", "P-c", "Achat", "--pin", "P-c", "2", "--undo", "--split", "P-d"]
    )  # fmt: skip
    assert specs == [
        DecisionSpec(T.MERGE, ("P-a", "P-b")),
        DecisionSpec(T.RENAME, ("P-a",), {"text": "Refund takes weeks"}),
        DecisionSpec(T.ACCEPT, ("P-a",)),
        DecisionSpec(T.MOVE, ("P-c",), {"stage": "Achat"}),
        DecisionSpec(T.QUOTE, ("P-c",), {"action": "pin", "quote": "2"}),
        DecisionSpec(T.UNDO),
        DecisionSpec(T.SPLIT, ("P-d",), {"parts": None}),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--acept", "P-1"], "unexpected '--acept'"),
        (["--rename", "P-1"], "--rename takes ID LABEL"),
        (["--accept"], "--accept takes ID"),
        (["P-1"], "unexpected 'P-1'"),
        (["--rename=P-1", "x"], "--rename takes ID LABEL"),
    ],
)
def test_bad_flags_are_one_clear_error(args, message):
    with pytest.raises(UsageError, match=message):
        parse_flags(args)


def test_decisions_file_items_become_specs():
    data = [
        {"accept": "P-1"},
        {"reject": ["P-2", "P-3"]},
        {"rename": {"id": "P-1", "label": "Refunds"}},
        {"summary": {"id": "P-1", "text": "Slow."}},
        {"move": {"id": "P-1", "stage": "support"}},
        {"merge": ["P-4", "P-5", "P-6"]},
        {"split": {"id": "P-7", "parts": 3}},
        {"split": "P-8"},
        {"quote": {"id": "P-1", "drop": 2}},
        {"opportunity": {"text": "Refund tracker", "proposals": ["P-1"]}},
        {"skip": "P-9"},
        {"undo": True},
    ]
    specs = parse_script({"decisions": data})
    assert [s.type for s in specs] == [
        T.ACCEPT, T.REJECT, T.REJECT, T.RENAME, T.SUMMARY, T.MOVE, T.MERGE,
        T.SPLIT, T.SPLIT, T.QUOTE, T.OPPORTUNITY, T.SKIP, T.UNDO,
    ]  # fmt: skip
    assert specs[6].targets == ("P-4", "P-5", "P-6")
    assert specs[7].values == {"parts": 3}
    assert specs[9].values == {"action": "drop", "quote": 2}
    assert specs[10] == DecisionSpec(
        T.OPPORTUNITY, ("P-1",), {"text": "Refund tracker", "stage": None}
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"accept": "P-1"}, "must be a list"),
        ([{"accept": "P-1", "reject": "P-2"}], "item 1: expected one key"),
        ([{"accept": "P-1"}, {"explode": "P-1"}], "item 2: unknown decision 'explode'"),
        ([{"rename": {"id": "P-1"}}], "item 1: needs label"),
        ([{"rename": "P-1"}], "item 1: rename takes a mapping"),
        ([{"quote": {"id": "P-1"}}], "item 1: expected one key"),
        ([{"accept": {"x": 1}}], "item 1: give an id"),
    ],
)
def test_bad_decisions_file_names_the_item(data, message):
    with pytest.raises(UsageError, match=message):
        parse_script(data, source="d.yaml")


def test_read_script_reads_yaml_and_reports_bad_files(tmp_path):
    good = tmp_path / "d.yaml"
    good.write_text("- accept: P-1\n- rename: {id: P-1, label: Remboursements}\n", "utf-8")
    assert [s.type for s in read_script(good)] == [T.ACCEPT, T.RENAME]
    bad = tmp_path / "bad.yaml"
    bad.write_text("- accept: [P-1\n", "utf-8")
    with pytest.raises(UsageError, match="is not valid YAML"):
        read_script(bad)
    with pytest.raises(UsageError, match="no such decisions file"):
        read_script(tmp_path / "nope.yaml")
