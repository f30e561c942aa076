"""Faster loading of spaCy's lookup tables (the lemmatizers' word lists).

The French pipeline's lemmatizer ships a 217,000-entry lemma table. spaCy's
``Lookups.from_bytes`` rebuilds each ``Table`` through ``OrderedDict.update``,
which calls ``Table.__setitem__`` (Python) for every entry: ~0.65 s of the
French load, after 0.3 s of unpacking. `fast_tables` builds the same tables
with the C setter and the same Bloom filter, in ~0.25 s.

The tables are equal to spaCy's own: the same keys in the same order, the same
values and name, and the same Bloom filter (its bytes compared in the tests).
Keys are stored hashed (integers); any other key is hashed as spaCy does.
Before its first use the block checks that on a small table (`_same_as_spacys`):
where another spaCy version builds tables otherwise, they load as usual.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from itertools import starmap
from typing import Any

__all__ = ["fast_tables", "table_of"]

_lock = threading.Lock()


@contextmanager
def fast_tables() -> Iterator[None]:
    """Inside this block, ``spacy.lookups.Lookups.from_bytes`` builds tables with `table_of`."""
    from spacy.lookups import Lookups

    original = Lookups.__dict__.get("from_bytes")
    if original is None or not _same_as_spacys() or not _lock.acquire(blocking=False):
        yield  # patched already by another thread's block (the same tables), or unsafe
        return

    def from_bytes(self: Any, bytes_data: bytes, **kwargs: Any) -> Any:
        import srsly

        self._tables = {
            key: table_of(key, value) for key, value in srsly.msgpack_loads(bytes_data).items()
        }
        return self

    Lookups.from_bytes = from_bytes  # type: ignore[method-assign]
    try:
        yield
    finally:
        Lookups.from_bytes = original  # type: ignore[method-assign]
        _lock.release()


def table_of(name: str, data: Mapping[Any, Any]) -> Any:
    """``spacy.lookups.Table(name, data)``, built without a Python call per entry."""
    from preshed.bloom import BloomFilter
    from spacy.lookups import Table
    from spacy.strings import get_string_id

    size = max(len(data), 1)  # before hashing, as spaCy sizes it (two keys may hash alike)
    if not all(type(key) is int for key in data):
        data = {get_string_id(key): value for key, value in data.items()}
    table = Table.__new__(Table)
    OrderedDict.__init__(table)
    table.name = name
    table.default_size = 1e6
    table.bloom = BloomFilter.from_error_rate(size)
    deque(starmap(OrderedDict.__setitem__.__get__(table), data.items()), maxlen=0)
    deque(map(table.bloom.add, data), maxlen=0)
    return table


@cache
def _same_as_spacys() -> bool:
    """Whether `table_of` builds what this spaCy's ``Table`` does (attributes, items, filter)."""
    from spacy.lookups import Table

    data = {"chevaux": "cheval", 7: "sept", "yeux": "œil"}
    try:
        ours, theirs = table_of("check", data), Table("check", data)
        return (
            vars(ours).keys() == vars(theirs).keys()
            and ours.name == theirs.name
            and ours.default_size == theirs.default_size
            and list(ours.items()) == list(theirs.items())
            and ours.bloom.to_bytes() == theirs.bloom.to_bytes()
        )
    except Exception:  # noqa: BLE001 - any other layout: spaCy's own loader
        return False
