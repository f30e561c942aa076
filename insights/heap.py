"""Cheaper garbage collections during a run: what stays loaded is left out of them.

CPython's cycle collector scans every tracked object of the oldest generation in
each full collection. Once a run has loaded spaCy's pipelines, the models, pandas
and UMAP, that is hundreds of thousands of objects that live until the run ends:
a 10,000-statement run spent ~1.6 s in full collections during reading and PII
redaction alone, 0.1–0.35 s each, on the critical path.

`settled_heap` gives a `settle` function to call when a step has loaded what
later steps keep: it moves every object then alive to the collector's permanent
generation (``gc.freeze``), so later collections scan only what is newer. They
also leave those objects' memory pages alone in forked workers, which then copy
fewer of them. At the end of the block everything is unfrozen, so whatever
became cyclic garbage meanwhile is collected as usual afterwards.

Objects are still freed by reference counting while frozen; only reference
cycles that became garbage after a `settle` wait for the end of the block.
Nothing changes when the collector is disabled or something else froze objects
already (its choice is kept).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["settled_heap"]


@contextmanager
def settled_heap() -> Iterator[Callable[[], None]]:
    """A block whose `settle()` (the yielded function) freezes what is alive (module doc)."""
    if gc.get_freeze_count() or not gc.isenabled():
        yield _unchanged
        return
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def _unchanged() -> None:
    """`settle` where the collector is someone else's to manage."""
