from __future__ import annotations

import pytest
from pydantic import ValidationError

from insights.review.decisions import (
    Decision,
    DecisionType,
    describe,
    effective,
    last_undoable,
    new_decision,
)

T = DecisionType


def test_new_decisions_have_fresh_ids_and_utc_time():
    a = new_decision(T.ACCEPT, ["P-1"])
    b = new_decision(T.ACCEPT, ["P-1"])
    assert a.id != b.id and a.id.startswith("d-")
    assert a.ts.endswith("+00:00")


@pytest.mark.parametrize(
    ("kind", "targets", "values"),
    [
        (T.ACCEPT, [], {}),
        (T.ACCEPT, ["P-1", "P-2"], {}),
        (T.RENAME, ["P-1"], {"text": "  "}),
        (T.MERGE, ["P-1", "P-1"], {}),
        (T.MOVE, ["P-1"], {"stage": 3}),
        (T.QUOTE, ["P-1"], {"unit_id": "u1", "action": "keep"}),
        (T.SPLIT, ["P-1"], {"parts": [{"unit_ids": ["u1"]}]}),
        (T.UNDO, [], {}),
    ],
)
def test_malformed_decisions_are_refused(kind, targets, values):
    with pytest.raises(ValidationError):
        new_decision(kind, targets, values)


def test_undo_cancels_its_decision_and_undo_undoes_the_latest_effective_one():
    accept = new_decision(T.ACCEPT, ["P-1"])
    rename = new_decision(T.RENAME, ["P-1"], {"text": "Refunds"})
    undo_rename = new_decision(T.UNDO, values={"decision": rename.id})
    history = [accept, rename, undo_rename]
    assert effective(history) == [accept]
    assert last_undoable(history) == accept
    assert last_undoable([undo_rename]) is None


def test_describe_says_what_a_decision_does():
    rename = new_decision(T.RENAME, ["P-1"], {"text": "Refunds"})
    assert describe(rename) == 'rename P-1 → "Refunds"'
    assert describe(new_decision(T.MERGE, ["P-1", "P-2"])) == "merge P-1 + P-2"
    assert describe(new_decision(T.MOVE, ["P-1"], {"stage": None})) == "move P-1 → stage none"


def test_decision_json_round_trips():
    d = new_decision(T.QUOTE, ["P-1"], {"unit_id": "u1", "action": "pin"}, {"P-1": ["u1"]})
    assert Decision.model_validate_json(d.model_dump_json()) == d
