from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from insights.cluster.quotes import representative_quotes
from insights.errors import UsageError

STATEMENTS = [
    ("r1", "The delivery was three days late and nobody told me why."),
    ("r1", "My parcel arrived late again this week."),
    ("r1", "Late delivery, late delivery, always late delivery."),
    ("r2", "My order arrived a week after the promised delivery date."),
    ("r2", "Late."),
    ("r3", "The courier left the package in the rain."),
    ("r4", "Delivery took much longer than the website promised."),
    ("r5", "La livraison est arrivée avec une semaine de retard."),
    ("r6", "Shipping was slow and the tracking never updated."),
]


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    from insights.analysis.embed import make_embedder

    return make_embedder("use-multilingual.v1").encode([t for _, t in STATEMENTS])


def _call(vectors: np.ndarray, members: Any = None, **options: Any) -> list[int]:
    people = [r for r, _ in STATEMENTS]
    texts = [t for _, t in STATEMENTS]
    idx = range(len(STATEMENTS)) if members is None else members
    return representative_quotes(idx, vectors, people, texts, **options)


def test_first_quote_is_the_most_central(vectors: np.ndarray) -> None:
    picks = _call(vectors)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    centroid = unit.mean(axis=0) / np.linalg.norm(unit.mean(axis=0))
    long = [i for i, (_, t) in enumerate(STATEMENTS) if len(t.split()) >= 4]
    assert picks[0] == max(long, key=lambda i: float(unit[i] @ centroid))


def test_quotes_come_from_distinct_respondents(vectors: np.ndarray) -> None:
    picks = _call(vectors, n=5)
    assert len(picks) == 5
    assert len({STATEMENTS[i][0] for i in picks}) == 5


def test_very_short_statements_are_skipped(vectors: np.ndarray) -> None:
    assert 4 not in _call(vectors, n=8)


def test_respondents_repeat_only_when_all_are_quoted(vectors: np.ndarray) -> None:
    picks = _call(vectors, n=8)
    first_six = [STATEMENTS[i][0] for i in picks[:6]]
    assert len(set(first_six)) == 6
    assert len(picks) == 8


def test_indices_refer_to_the_given_rows(vectors: np.ndarray) -> None:
    members = [0, 1, 2, 6]
    picks = _call(vectors, members=members, n=3)
    assert set(picks) <= set(members)
    assert len({STATEMENTS[i][0] for i in picks[:2]}) == 2


def test_diversity_keeps_the_central_quote_first_and_is_deterministic(vectors: np.ndarray) -> None:
    central = _call(vectors, n=4, diversity=0.0)
    diverse = _call(vectors, n=4, diversity=1.0)
    assert central[0] == diverse[0]
    assert _call(vectors, n=4, diversity=0.5) == _call(vectors, n=4, diversity=0.5)


def test_edge_cases(vectors: np.ndarray) -> None:
    assert _call(vectors, members=[], n=5) == []
    assert _call(vectors, members=[4], n=5) == [4]
    with pytest.raises(UsageError):
        _call(vectors, diversity=2.0)
