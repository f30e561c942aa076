from __future__ import annotations

import numpy as np
import pytest

from insights.errors import UsageError
from insights.review.rebuild import split_members


def _blobs(sizes, dim=16, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.eye(dim)[: len(sizes)] * 5
    vectors = np.vstack(
        [c + rng.normal(0, 0.3, (n, dim)) for c, n in zip(centres, sizes, strict=True)]
    )
    ids = [f"u{i:03d}" for i in range(len(vectors))]
    return ids, vectors


def test_split_finds_the_groups_and_orders_parts_by_size():
    ids, vectors = _blobs([6, 10, 8])
    parts = split_members(ids, vectors)
    assert [len(p) for p in parts] == [10, 8, 6]
    assert parts[0] == ids[6:16] and parts[2] == ids[:6]


def test_split_into_two_when_asked_and_deterministic():
    ids, vectors = _blobs([6, 10, 8])
    first = split_members(ids, vectors, parts=2, seed=3)
    assert len(first) == 2 and sorted(first[0] + first[1]) == ids
    assert split_members(ids, vectors, parts=2, seed=3) == first


@pytest.mark.parametrize(("n", "parts", "message"), [(3, None, "too small"), (10, 4, "2 or 3")])
def test_split_refuses_impossible_requests(n, parts, message):
    ids, vectors = _blobs([n])
    with pytest.raises(UsageError, match=message):
        split_members(ids, vectors, parts=parts)
