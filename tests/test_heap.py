from __future__ import annotations

import gc
import weakref

import pytest

from insights.heap import settled_heap


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


@pytest.fixture(autouse=True)
def _nothing_frozen():
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


def test_settled_objects_leave_the_collections_until_the_block_ends():
    with settled_heap() as settle:
        node = _Node()
        gone = weakref.ref(node)
        settle()
        assert gc.get_freeze_count() > 0
        del node
        gc.collect()
        assert gone() is not None, "a frozen cycle is not collected inside the block"
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None, "after the block it is collected as usual"


def test_objects_made_after_a_settle_are_collected_inside_the_block():
    with settled_heap() as settle:
        settle()
        node = _Node()
        gone = weakref.ref(node)
        del node
        gc.collect()
        assert gone() is None


def test_an_earlier_freeze_is_kept_and_nothing_more_is_frozen():
    # Counting frozen objects would not do: a frozen object freed by its reference
    # count leaves the count. Cycles tell, as only the cycle collector frees them.
    earlier = _Node()
    kept = weakref.ref(earlier)
    gc.freeze()
    del earlier
    with settled_heap() as settle:
        node = _Node()
        gone = weakref.ref(node)
        settle()
        del node
        gc.collect()
        assert gone() is None, "made after the earlier freeze: settle froze nothing"
    gc.collect()
    assert kept() is not None, "the earlier freeze still holds after the block"


def test_a_disabled_collector_is_left_alone():
    gc.disable()
    with settled_heap() as settle:
        settle()
        assert gc.get_freeze_count() == 0
    assert not gc.isenabled()
