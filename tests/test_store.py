from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from insights.errors import UsageError
from insights.store import CACHE_FILE, JsonCache, array_digest, memoised


def test_json_cache_round_trip_by_model(tmp_path: Path) -> None:
    en = JsonCache(tmp_path, "entities", "en-model")
    assert en.get(["Call Sophie"]) == {}
    en.put({"Call Sophie": [[5, 11, "PERSON"]], "Hello": []})
    en.put({"Hello": [[0, 5, "ORG"]]})  # already stored: kept as it was
    again = JsonCache(tmp_path, "entities", "en-model")
    assert again.get(["Hello", "Call Sophie", "Bye"]) == {
        "Hello": [],
        "Call Sophie": [[5, 11, "PERSON"]],
    }
    assert JsonCache(tmp_path, "entities", "fr-model").get(["Hello"]) == {}
    assert b"Sophie" not in (tmp_path / CACHE_FILE).read_bytes()  # hashes, never texts


def test_json_cache_rejects_odd_table_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        JsonCache(tmp_path, "x; DROP TABLE vectors", "m")


def test_an_unusable_cache_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"not a database at all" * 100)
    with pytest.raises(UsageError, match="cache"):
        JsonCache(tmp_path, "entities", "m").get(["a"])


_OPENER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from insights.store import connect

    start = float(sys.argv[2])
    for folder in sys.argv[3:]:
        while time.time() < start:
            time.sleep(0.001)
        with connect(Path(folder), "CREATE TABLE IF NOT EXISTS t (x)") as conn:
            conn.execute("SELECT count(*) FROM t").fetchone()
        start += 0.1
    """
)


def test_processes_creating_a_new_cache_at_once_all_succeed(tmp_path: Path) -> None:
    # Six processes open 20 fresh cache folders at the same instants: SQLite
    # refuses the racing WAL switch with "database is locked" without waiting,
    # which crashed one of two concurrent runs in CI before the retry.
    folders = [str(tmp_path / f"cache{i}") for i in range(20)]
    start = time.time() + 2.0
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPENER, "", str(start), *folders],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0] * 6, errors


def test_cached_per_text_computes_each_missing_text_once(tmp_path: Path) -> None:
    from insights.store import cached_per_text

    calls: list[list[str]] = []

    def lengths(todo: list[str]) -> list[int]:
        calls.append(todo)
        return [len(t) for t in todo]

    cache = JsonCache(tmp_path, "lengths", "len.v1")
    assert cached_per_text(cache, ["ab", "abc", "ab"], lengths) == [2, 3, 2]
    assert cached_per_text(cache, ["abc", "abcd"], lengths) == [3, 4]
    assert cached_per_text(cache, ["ab"], lengths) == [2]
    assert calls == [["ab", "abc"], ["abcd"]]  # nothing missing: not called at all
    assert cached_per_text(None, ["x"], lengths) == [1] and calls[-1] == ["x"]


def test_cached_per_text_recomputes_and_replaces_values_it_refuses(tmp_path: Path) -> None:
    from insights.store import cached_per_text

    cache = JsonCache(tmp_path, "lengths", "len.v1")
    cache.put({"ab": "damaged", "abc": 3})
    calls: list[list[str]] = []

    def lengths(todo: list[str]) -> list[int]:
        calls.append(todo)
        return [len(t) for t in todo]

    def is_int(value: object) -> bool:
        return isinstance(value, int)

    assert cached_per_text(cache, ["ab", "abc", "ab"], lengths, valid=is_int) == [2, 3, 2]
    assert calls == [["ab"]]
    assert cache.get(["ab"]) == {"ab": 2}  # replaced in the cache


def test_memoised_computes_once_per_key_and_version(tmp_path: Path) -> None:
    calls: list[str] = []

    def compute(tag: str) -> dict[str, list[int]]:
        calls.append(tag)
        return {"labels": [1, 2, 3]}

    def run(key: str, version: str, cache: Path | None = tmp_path) -> dict[str, list[int]]:
        return memoised(cache, "results", version, key, lambda: compute(key + version),
                        dump=lambda v: v, load=lambda v: {"labels": list(v["labels"])})  # fmt: skip

    assert run("k1", "v1") == run("k1", "v1") == {"labels": [1, 2, 3]}
    run("k2", "v1")
    run("k1", "v2")
    run("k1", "v1", cache=None)
    assert calls == ["k1v1", "k2v1", "k1v2", "k1v1"]


def test_memoised_recomputes_a_stored_value_its_loader_rejects(tmp_path: Path) -> None:
    memoised(tmp_path, "results", "v1", "k", lambda: {"old": 1}, dump=dict, load=dict)
    got = memoised(tmp_path, "results", "v1", "k", lambda: {"labels": [7]},
                   dump=dict, load=lambda v: {"labels": v["labels"]})  # fmt: skip
    assert got == {"labels": [7]}


def test_array_digest_tells_values_shapes_and_ids_apart() -> None:
    a = np.arange(6, dtype=np.float64).reshape(2, 3)
    assert array_digest(a) == array_digest(a.astype(np.float32).copy())
    assert array_digest(a) != array_digest(a.reshape(3, 2))
    assert array_digest(a) != array_digest(a + 1e-3)
    assert array_digest(a, ["x", "y"]) != array_digest(a, ["y", "x"])
    assert array_digest(a, ["x y"]) != array_digest(a, ["x", "y"])


def test_an_earlier_fit_is_found_by_most_of_its_keys(tmp_path) -> None:
    from insights.store import earlier_fit, record_fit

    assert earlier_fit(tmp_path, "thing", "v1", ["a", "b"]) is None
    record_fit(tmp_path, "thing", "v1", ["a", "b", "c", "a"], {"k": 3})
    record_fit(tmp_path, "thing", "v1", ["c", "d"], {"k": 5})  # c now belongs to this one
    assert earlier_fit(tmp_path, "thing", "v1", ["a", "b", "c", "x"]) == ({"k": 3}, {"a", "b"})
    assert earlier_fit(tmp_path, "thing", "v1", ["c", "d", "x"]) == ({"k": 5}, {"c", "d"})
    assert earlier_fit(tmp_path, "thing", "v2", ["a", "b"]) is None  # another namespace
    assert earlier_fit(tmp_path, "other", "v1", ["a", "b"]) is None  # another kind


def test_has_fit_says_whether_any_fit_of_a_kind_and_namespace_is_kept(tmp_path: Path) -> None:
    from insights.store import has_fit, record_fit

    assert not has_fit(tmp_path, "thing", "v1")
    record_fit(tmp_path, "thing", "v1", ["a", "b"], {"k": 3})
    assert has_fit(tmp_path, "thing", "v1")
    assert not has_fit(tmp_path, "thing", "v2") and not has_fit(tmp_path, "other", "v1")
    assert JsonCache(tmp_path, "thing_rows", "v1").is_empty() is False


def test_memoised_recomputes_a_stored_value_it_is_told_not_to_accept(tmp_path: Path) -> None:
    memoised(tmp_path, "results", "v1", "k", lambda: {"kept": True}, dump=dict, load=dict)
    same = memoised(tmp_path, "results", "v1", "k", lambda: {"kept": False}, dump=dict, load=dict)
    assert same == {"kept": True}
    fresh = memoised(
        tmp_path, "results", "v1", "k", lambda: {"kept": False}, dump=dict, load=dict,
        accept=lambda value: not value["kept"],
    )  # fmt: skip
    assert fresh == {"kept": False}
    again = memoised(tmp_path, "results", "v1", "k", lambda: {"kept": True}, dump=dict, load=dict)
    assert again == {"kept": False}  # the refused row was replaced


def test_cache_connections_use_the_write_ahead_log_without_a_sync_per_commit(
    tmp_path: Path,
) -> None:
    from insights.store import connect

    with connect(tmp_path, "CREATE TABLE IF NOT EXISTS t (x INTEGER)") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_kept_open_reuses_one_connection_and_closes_it_at_the_end(tmp_path: Path) -> None:
    import sqlite3

    from insights.store import connect, kept_open

    schema = "CREATE TABLE IF NOT EXISTS t (x INTEGER)"
    with kept_open():
        with connect(tmp_path, schema) as first, first:
            first.execute("INSERT INTO t VALUES (1)")
        with connect(tmp_path, "CREATE TABLE IF NOT EXISTS u (y INTEGER)") as second:
            assert second is first
            assert second.execute("SELECT count(*) FROM u").fetchone() == (0,)  # new schema made
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")  # closed with the block
    with connect(tmp_path, schema) as a, connect(tmp_path, schema) as b:
        assert a is not b and a.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_a_forked_child_and_another_thread_open_their_own_connection(tmp_path: Path) -> None:
    import threading

    from insights.forking import side_by_side
    from insights.store import JsonCache, connect, kept_open

    cache = JsonCache(tmp_path, "things", "m")
    seen: list[object] = []

    def in_thread() -> None:
        with connect(tmp_path, "SELECT 1") as conn:
            seen.append(conn)
        cache.put({"thread": 2})

    with kept_open():
        cache.put({"parent": 0})
        with connect(tmp_path, "SELECT 1") as mine:
            pass
        side_by_side([lambda: None, lambda: cache.put({"child": 1})])  # writes from a fork
        worker = threading.Thread(target=in_thread)
        worker.start()
        worker.join()
        assert seen and seen[0] is not mine
        assert cache.get(["parent", "child", "thread"]) == {"parent": 0, "child": 1, "thread": 2}


def test_a_cache_kept_locked_by_another_writer_fails_in_the_setup_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import insights.store as store

    JsonCache(tmp_path, "things", "m").put({"a": 1})
    monkeypatch.setattr(store, "_SETUP_SECONDS", 1.5)
    holder = sqlite3.connect(tmp_path / CACHE_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long write
    started = time.monotonic()
    try:
        with pytest.raises(UsageError, match="stayed locked"):
            JsonCache(tmp_path, "others", "m").put({"b": 2})  # a new table needs the lock
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert time.monotonic() - started < 10


def test_a_write_to_a_cache_another_writer_keeps_locked_is_one_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import insights.store as store

    cache = JsonCache(tmp_path, "things", "m")
    cache.put({"a": 1})
    monkeypatch.setattr(store, "_BUSY_MS", 300)
    holder = sqlite3.connect(tmp_path / CACHE_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(UsageError, match="could not be used .*locked") as caught:
            cache.put({"b": 2})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "\n" not in str(caught.value)
    assert cache.get(["a", "b"]) == {"a": 1}
