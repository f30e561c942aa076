"""The on-disk cache: one SQLite file per cache folder, safe under concurrent runs.

``<cache_dir>/embeddings.sqlite`` holds a table per kind of cached result: the
sentence vectors of `insights.cluster.cache`; per text (`JsonCache`,
`cached_per_text`): named entities of PII redaction, sentence spans, key
phrases, sentiment probabilities, each statement's analysis; per corpus
(`memoised`, keyed by a digest of all inputs): clusterings, personas, the
analysis of a batch of statements.
Every key is ``(model_id, sha256(...))``: texts themselves are never stored.
SQLite runs in WAL mode with a busy timeout; rows are written with ``INSERT OR
IGNORE`` in short transactions, so two runs sharing a folder neither block each
other for long nor corrupt the file (the loser of a race re-inserts an
identical row).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from insights.errors import UsageError

__all__ = [
    "CACHE_FILE",
    "JsonCache",
    "array_digest",
    "cached_per_text",
    "connect",
    "earlier_fit",
    "has_fit",
    "kept_open",
    "memoised",
    "record_fit",
    "text_hash",
]

CACHE_FILE = "embeddings.sqlite"
_Kept = dict[str, tuple[tuple[int, int], sqlite3.Connection, set[str]]]
_KEPT: ContextVar[_Kept | None] = ContextVar("insights_kept_connections", default=None)
BATCH = 500  # rows per SQL query / transaction (below SQLite's variable limit)
_SETUP_ATTEMPTS = 40
_SETUP_SECONDS = 60.0  # setting up a connection gives up after this long in all
_BUSY_MS = 60_000  # how long a statement waits for another process's write
T = TypeVar("T")


def text_hash(text: str) -> str:
    """Cache key of a text: SHA-256 of its UTF-8 bytes, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def array_digest(*parts: np.ndarray | Sequence[str]) -> str:
    """SHA-256 (hex) of arrays (as float32 rows, with their shape) and string lists, in order."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, np.ndarray):
            rows = np.ascontiguousarray(part, dtype=np.float32)
            digest.update(f"{rows.shape}".encode())
            digest.update(rows.tobytes())
        else:
            digest.update("\x1f".join(part).encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


@contextmanager
def connect(cache_dir: Path, schema: str) -> Iterator[sqlite3.Connection]:
    """A connection to the cache file of `cache_dir`, with `schema` (CREATE … IF NOT EXISTS).

    Inside `kept_open` the connection stays open for the next call; else it closes.
    SQLite errors of the statements run with it (a file another process keeps
    locked, a full disk) come out as a one-line `UsageError`.
    """
    with _as_usage_errors(cache_dir), _connected(cache_dir, schema) as conn:
        yield conn


@contextmanager
def _as_usage_errors(cache_dir: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise UsageError(
            f"cache {cache_dir} could not be used ({exc}); wait for another run using "
            "it to finish, free disk space, or give another --cache-dir"
        ) from exc


@contextmanager
def _connected(cache_dir: Path, schema: str) -> Iterator[sqlite3.Connection]:
    kept, key = _KEPT.get(), str(cache_dir)
    found = kept.get(key) if kept is not None else None
    if found is not None and found[0] == _owner():
        _, conn, prepared = found
        if schema not in prepared:
            _prepare(conn, cache_dir, schema)
            prepared.add(schema)
        yield conn
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(cache_dir / CACHE_FILE, timeout=_BUSY_MS / 1000)
    except (OSError, sqlite3.Error) as exc:
        raise UsageError(
            f"cache {cache_dir} cannot be opened ({exc}); "
            "give a writable --cache-dir or delete the folder"
        ) from exc
    if kept is None or found is not None:  # not kept, or kept by another process or thread
        with closing(conn):
            _prepare(conn, cache_dir, schema)
            yield conn
        return
    try:
        _prepare(conn, cache_dir, schema)
    except BaseException:
        conn.close()
        raise
    kept[key] = (_owner(), conn, {schema})
    yield conn


@contextmanager
def kept_open() -> Iterator[None]:
    """Inside this block `connect` opens each cache file once and keeps it open.

    A run looks up and stores cached results a few hundred times; opening a
    connection each time, and closing it (which checkpoints the write-ahead
    log), cost ~0.4 s of an incremental 10k run. Transactions stay short, so
    other runs sharing the folder are not held up. Only this process and thread
    reuse the connections: a forked child (which must not touch its parent's
    SQLite connection) and other threads open their own.
    """
    token = _KEPT.set({})
    try:
        yield
    finally:
        kept = _KEPT.get() or {}
        _KEPT.reset(token)
        for owner, conn, _ in kept.values():
            if owner == _owner():
                conn.close()


def _owner() -> tuple[int, int]:
    """This process and thread: the only user of the connections it kept open."""
    return os.getpid(), threading.get_ident()


def _prepare(conn: sqlite3.Connection, cache_dir: Path, schema: str) -> None:
    """Switch to WAL and create the table, retrying while another process does the same.

    SQLite returns "database is locked" at once, without waiting for the busy
    timeout, when two connections race to change the journal mode or create
    the schema of a new file (a deadlock it refuses to wait on). Both
    statements are idempotent, so they are retried with a growing pause, for
    `_SETUP_SECONDS` in all: each wait is cut to the time left, so a file that
    another process keeps locked fails in about a minute, not one per attempt.
    """
    deadline = time.monotonic() + _SETUP_SECONDS
    for attempt in range(_SETUP_ATTEMPTS):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            conn.execute(f"PRAGMA busy_timeout={max(1, int(left * 1000))}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # a cache: no fsync per commit (WAL)
            conn.execute(schema)
            conn.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise UsageError(
                    f"cache {cache_dir} cannot be used ({exc}); "
                    "delete the folder or give another --cache-dir"
                ) from exc
            time.sleep(min(0.05 * 2**attempt, 2.0, max(deadline - time.monotonic(), 0)))
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            raise UsageError(
                f"cache file {cache_dir / CACHE_FILE} is damaged ({exc}); "
                "delete it (it is rebuilt) or give another --cache-dir"
            ) from exc
    raise UsageError(
        f"cache {cache_dir} stayed locked by another process; "
        "wait for the other run to finish or give another --cache-dir"
    )


class JsonCache:
    """JSON values by text for one model, in table `table` of the cache file.

    Example:
        >>> cache = JsonCache(Path(".cache"), "entities", "en_core_web_sm-3.8.0")
        >>> cache.put({"Call Sophie": [[5, 11, "PERSON"]]})
        >>> cache.get(["Call Sophie", "Hello"])
        {'Call Sophie': [[5, 11, 'PERSON']]}
    """

    def __init__(self, cache_dir: Path, table: str, model_id: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.cache_dir, self.table, self.model_id = cache_dir, table, model_id
        self._schema = (
            f"CREATE TABLE IF NOT EXISTS {table} (model_id TEXT NOT NULL, "
            "text_hash TEXT NOT NULL, value TEXT NOT NULL, "
            "PRIMARY KEY (model_id, text_hash)) WITHOUT ROWID"
        )

    def get(self, texts: Sequence[str]) -> dict[str, Any]:
        """The stored values of those `texts` that have one, by text."""
        by_hash = {text_hash(t): t for t in texts}
        keys, found = list(by_hash), {}
        with connect(self.cache_dir, self._schema) as conn:
            for start in range(0, len(keys), BATCH):
                chunk = keys[start : start + BATCH]
                rows = conn.execute(
                    f"SELECT text_hash, value FROM {self.table} "
                    f"WHERE model_id = ? AND text_hash IN ({','.join('?' * len(chunk))})",
                    [self.model_id, *chunk],
                )
                for key, value in rows:
                    try:
                        found[by_hash[key]] = json.loads(value)
                    except ValueError:
                        continue  # a damaged row is recomputed
        return found

    def is_empty(self) -> bool:
        """Whether no value is stored under this model id."""
        with connect(self.cache_dir, self._schema) as conn:
            rows = conn.execute(
                f"SELECT 1 FROM {self.table} WHERE model_id = ? LIMIT 1", [self.model_id]
            )
            return rows.fetchone() is None

    def put(self, values: Mapping[str, Any], *, replace: bool = False) -> None:
        """Store `values` (by text); rows already there are kept unless `replace`."""
        rows = [(self.model_id, text_hash(t), json.dumps(v)) for t, v in values.items()]
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        with connect(self.cache_dir, self._schema) as conn:
            for start in range(0, len(rows), BATCH):
                with conn:
                    conn.executemany(
                        f"{verb} INTO {self.table} VALUES (?, ?, ?)", rows[start : start + BATCH]
                    )


def cached_per_text(
    cache: JsonCache | None,
    texts: Sequence[str],
    compute: Callable[[list[str]], Iterable[Any]],
    *,
    valid: Callable[[Any], bool] | None = None,
) -> list[Any]:
    """Each text's value: from `cache` where stored, else computed and stored.

    `compute` gets the distinct missing texts and returns their values in that
    order; it is not called when none is missing, so whatever it loads (a spaCy
    pipeline) loads only then. Without a cache every text is computed. A stored
    value `valid` refuses (a damaged row) counts as missing and is replaced.

    Example:
        >>> cached_per_text(cache, ["a b. c d."], lambda todo: [len(t) for t in todo])
        [10]
    """
    stored = cache.get(texts) if cache is not None else {}
    known = {t: v for t, v in stored.items() if valid is None or valid(v)}
    todo = list(dict.fromkeys(t for t in texts if t not in known))
    if todo:
        new = dict(zip(todo, compute(todo), strict=True))
        if cache is not None:
            cache.put(new, replace=len(known) < len(stored))
        known.update(new)
    return [known[t] for t in texts]


def memoised(
    cache_dir: Path | None,
    table: str,
    version: str,
    key: str,
    compute: Callable[[], T],
    *,
    dump: Callable[[T], Any],
    load: Callable[[Any], T],
    accept: Callable[[T], bool] = lambda value: True,
) -> T:
    """`compute()`, or its stored result under `key` in `table` for this `version`.

    For whole-corpus results (a clustering, the personas) whose `key` digests all
    their inputs (`array_digest`). `dump` turns the result into JSON values and
    `load` back; a stored value `load` rejects (KeyError, TypeError, ValueError),
    or that `accept` refuses (e.g. an incremental result when a refit is asked
    for), is recomputed and replaced. Without a `cache_dir` it just computes.

    Example:
        >>> memoised(cache, "personas", "find_personas.v1", key, fit, dump=to_json, load=from_json)
    """
    if cache_dir is None:
        return compute()
    cache = JsonCache(cache_dir, table, version)
    stored = cache.get([key]).get(key)
    if stored is not None:
        try:
            value = load(stored)
        except (KeyError, TypeError, ValueError):
            pass  # an unreadable row: recompute it
        else:
            if accept(value):
                return value
    value = compute()
    cache.put({key: dump(value)}, replace=True)  # replaces a row `load` or `accept` rejected
    return value


def record_fit(cache_dir: Path, kind: str, namespace: str, keys: Sequence[str], fit: Any) -> None:
    """Keep a whole-corpus `fit` (JSON values) as the fit of each of its `keys`.

    For incremental runs: a later run over mostly the same items (statements,
    respondents; `keys` are hashes of them, never their text) finds it with
    `earlier_fit`. Tables ``<kind>_bases`` and ``<kind>_rows`` under `namespace`;
    a key belongs to the last fit recorded with it.
    """
    distinct = list(dict.fromkeys(keys))
    base_id = hashlib.sha256("\n".join(distinct).encode()).hexdigest()
    JsonCache(cache_dir, f"{kind}_bases", namespace).put({base_id: fit}, replace=True)
    JsonCache(cache_dir, f"{kind}_rows", namespace).put(
        dict.fromkeys(distinct, base_id), replace=True
    )


def has_fit(cache_dir: Path, kind: str, namespace: str) -> bool:
    """Whether `record_fit` kept any fit of `kind` under `namespace` in `cache_dir`."""
    return not JsonCache(cache_dir, f"{kind}_bases", namespace).is_empty()


def earlier_fit(
    cache_dir: Path, kind: str, namespace: str, keys: Sequence[str]
) -> tuple[Any, set[str]] | None:
    """The `record_fit` fit most of `keys` belong to, and which of `keys` do; None if none."""
    owners = JsonCache(cache_dir, f"{kind}_rows", namespace).get(list(keys))
    if not owners:
        return None
    base_id = Counter(owners.values()).most_common(1)[0][0]
    fit = JsonCache(cache_dir, f"{kind}_bases", namespace).get([base_id]).get(base_id)
    if fit is None:
        return None
    return fit, {key for key, owner in owners.items() if owner == base_id}
