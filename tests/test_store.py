from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from insights.errors import UsageError
from insights.store import CACHE_FILE, JsonCache


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
