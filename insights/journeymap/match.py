"""Match a run's items to a map's items: by key, then by member overlap (for merge).

The overlap is a Jaccard index counted only over members both sides know
(see `overlap`); a pair matches at `MATCH_THRESHOLD` or above, best pairs
first, one to one. The rules are described in `insights.journeymap.merge`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["MATCH_THRESHOLD", "free_id", "match_items", "overlap", "overlap_scores"]

MATCH_THRESHOLD = 0.5
"""Least overlap for a match: the shared members are at least half of the pair's."""

Pairs = dict[int, tuple[int, "float | None"]]


def overlap(a: set[str], b: set[str], *, a_known: set[str], b_known: set[str]) -> float:
    """Jaccard index of `a` and `b`, counted over members both sides know.

    Members only one side has ever seen (statements new to a run, or left
    unclustered by the other) neither help nor hurt.

    Args:
        a: Members of an item of the map.
        b: Members of an item of the run.
        a_known: Every member of the map's items (of which `a` is part).
        b_known: Every member of the run's items (of which `b` is part).

    Example:
        >>> overlap({"u1", "u2"}, {"u1", "u2", "u9"}, a_known={"u1", "u2"}, b_known={"u1", "u9"})
        1.0
    """
    union = (a & b_known) | (b & a_known)
    return len(a & b) / len(union) if union else 0.0


def overlap_scores(
    existing: Sequence[set[str]],
    incoming: Sequence[set[str]],
    *,
    existing_known: set[str],
    incoming_known: set[str],
) -> Callable[[int, int], float]:
    """A scorer for `match_items`: overlap of map item `e` and run item `m`."""

    def score(e: int, m: int) -> float:
        return overlap(existing[e], incoming[m], a_known=existing_known, b_known=incoming_known)

    return score


def match_items(
    existing_keys: Sequence[str | None],
    incoming_keys: Sequence[str | None],
    scores: Callable[[int, int], float] | None = None,
) -> Pairs:
    """Pair run items with map items, one to one.

    Equal keys match first; then, if `scores` is given, the remaining pairs
    scoring at least `MATCH_THRESHOLD`, best first (ties by position).

    Args:
        existing_keys: The map items' keys (ids, texts), None for no key.
        incoming_keys: The run items' keys.
        scores: Overlap of map item `e` and run item `m`, by positions.

    Returns:
        Run position → (map position, overlap, or None for a key match).

    Example:
        >>> match_items(["a", "b"], ["b", "c"])
        {0: (1, None)}
    """
    where = {key: n for n, key in enumerate(existing_keys) if key is not None}
    pairs: Pairs = {}
    used: set[int] = set()
    for m, key in enumerate(incoming_keys):
        e = where.get(key) if key is not None else None
        if e is not None and e not in used:
            pairs[m] = (e, None)
            used.add(e)
    if scores is None:
        return pairs
    free_e = [e for e in range(len(existing_keys)) if e not in used]
    free_m = [m for m in range(len(incoming_keys)) if m not in pairs]
    ranked = sorted((-scores(e, m), e, m) for e in free_e for m in free_m)
    for neg, e, m in ranked:
        if -neg >= MATCH_THRESHOLD and e not in used and m not in pairs:
            pairs[m] = (e, -neg)
            used.add(e)
    return pairs


def free_id(wanted: str, taken: set[str]) -> str:
    """`wanted` if free, else the next free number after its stem.

    Example:
        >>> free_id("persona-1", {"persona-1", "persona-2"})
        'persona-3'
        >>> free_id("O-x", {"O-x"})
        'O-x-2'
    """
    if wanted not in taken:
        return wanted
    stem, digits = re.fullmatch(r"(.*?)(\d*)", wanted).groups()  # type: ignore[union-attr]
    if not digits:
        stem, digits = f"{wanted}-", "1"
    n = int(digits) + 1
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"
