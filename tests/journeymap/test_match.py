from __future__ import annotations

import pytest

from insights.journeymap.match import MATCH_THRESHOLD, free_id, match_items, overlap, overlap_scores


def test_overlap_counts_only_members_both_sides_know():
    old, new = {"u1", "u2", "u3", "u4"}, {"u1", "u2", "u3", "u4", "n1", "n2", "n3"}
    assert overlap(old, new, a_known=old, b_known=new) == 1.0
    # a statement of the map's item that the run put in another cluster counts against
    assert overlap(old, new - {"u4"}, a_known=old, b_known=new) == 0.75


def test_overlap_of_unknown_members_is_zero():
    assert overlap({"u1"}, {"n1"}, a_known={"u1"}, b_known={"n1"}) == 0.0
    assert overlap(set(), set(), a_known=set(), b_known=set()) == 0.0


def test_keys_match_before_overlap_and_pairs_are_one_to_one():
    old = [{"u1", "u2"}, {"u3", "u4"}]
    new = [{"u1", "u2"}, {"u1", "u2", "u9"}, {"u3", "u4"}]
    known_old, known_new = set().union(*old), set().union(*new)
    scores = overlap_scores(old, new, existing_known=known_old, incoming_known=known_new)
    pairs = match_items(["P-a", "P-b"], ["P-x", "P-y", "P-b"], scores)
    assert pairs == {2: (1, None), 0: (0, 1.0)}  # P-y also overlaps P-a fully: taken already


def test_pairs_below_the_threshold_do_not_match():
    below = MATCH_THRESHOLD - 0.01
    assert match_items([None], [None], lambda e, m: below) == {}
    assert match_items([None], [None], lambda e, m: MATCH_THRESHOLD) == {0: (0, MATCH_THRESHOLD)}


def test_best_pair_wins():
    table = {(0, 0): 0.6, (0, 1): 0.9, (1, 0): 0.7}
    pairs = match_items([None, None], [None, None], lambda e, m: table.get((e, m), 0.0))
    assert pairs == {1: (0, 0.9), 0: (1, 0.7)}


@pytest.mark.parametrize(
    ("wanted", "taken", "expected"),
    [
        ("persona-1", set(), "persona-1"),
        ("persona-1", {"persona-1", "persona-2", "persona-4"}, "persona-3"),
        ("O-ab", {"O-ab"}, "O-ab-2"),
        ("O-ab", {"O-ab", "O-ab-2"}, "O-ab-3"),
    ],
)
def test_free_id(wanted, taken, expected):
    assert free_id(wanted, taken) == expected
