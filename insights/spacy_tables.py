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

Large lookups (`LAZY_FROM` bytes: the French lemmatizer's 9.6 MB) are built on
first use rather than at load: their table names are read at once (what the
lemmatizer checks when it loads), their tables when a word is first lemmatised
(`built`), which sentence splitting and NER never do. Unpacking and building
them takes ~0.55 s; a run whose French key phrases all come from its cache never
pays it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from functools import cache, partial
from itertools import starmap
from typing import Any, cast

__all__ = ["LAZY_FROM", "build_lazy_tables", "fast_tables", "table_of"]

LAZY_FROM = 1_000_000  # bytes of packed lookups from which they are built on first use
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
        if len(bytes_data) >= LAZY_FROM:
            self._tables = _LazyTables(self, bytes_data)
            self.to_bytes = partial(_built_to_bytes, self)  # spaCy's packs a plain dict
        else:
            self._tables = _built(bytes_data)
        return self

    Lookups.from_bytes = from_bytes  # type: ignore[method-assign]
    try:
        yield
    finally:
        Lookups.from_bytes = original  # type: ignore[method-assign]
        _lock.release()


def build_lazy_tables(pipeline: Any) -> int:
    """Build now the tables of `pipeline`'s components loaded for building on first use.

    For a process about to fork workers that lemmatise (each would build its own
    copy). Returns how many lookups it built.
    """
    count = 0
    for _, component in getattr(pipeline, "components", []):
        tables = getattr(getattr(component, "lookups", None), "_tables", None)
        if isinstance(tables, _LazyTables):
            tables.built()
            count += 1
    return count


class _LazyTables(MutableMapping[str, Any]):
    """The tables of `owner` (a spaCy ``Lookups``), built from `data` on first use of any.

    Their names are known at once. Once built, `owner` holds them as a plain dict
    and spaCy's own ``to_bytes`` again.
    """

    def __init__(self, owner: Any, data: bytes) -> None:
        self._owner, self._data = owner, data
        self._names = _names(data)
        self._tables: dict[str, Any] | None = None

    def built(self) -> dict[str, Any]:
        """The tables (built on the first call)."""
        if self._tables is None:
            self._tables = _built(self._data)
            self._owner._tables = self._tables
            vars(self._owner).pop("to_bytes", None)
        return self._tables

    def __getitem__(self, name: str) -> Any:
        return self.built()[name]

    def __setitem__(self, name: str, table: Any) -> None:
        self.built()[name] = table

    def __delitem__(self, name: str) -> None:
        del self.built()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names if self._tables is None else self._tables)

    def __len__(self) -> int:
        return len(self._names if self._tables is None else self._tables)

    def __contains__(self, name: object) -> bool:
        return name in (self._names if self._tables is None else self._tables)


def _built_to_bytes(lookups: Any, **kwargs: Any) -> bytes:
    """``Lookups.to_bytes`` as spaCy has it, once the tables loaded for later are built."""
    from spacy.lookups import Lookups

    if isinstance(lookups._tables, _LazyTables):
        lookups._tables.built()
    return cast("bytes", Lookups.to_bytes(lookups, **kwargs))


def _built(data: bytes) -> dict[str, Any]:
    import srsly

    return {key: table_of(key, value) for key, value in srsly.msgpack_loads(data).items()}


def _names(data: bytes) -> list[str]:
    """The top-level keys of packed lookups, their tables skipped, not unpacked (~15 ms)."""
    from srsly.msgpack import Unpacker

    unpacker = Unpacker(raw=False, max_buffer_size=len(data) + 1)
    unpacker.feed(data)
    names = []
    for _ in range(unpacker.read_map_header()):
        names.append(unpacker.unpack())
        unpacker.skip()
    return names


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
