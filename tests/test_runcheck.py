from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from insights.runcheck import CorruptRun, check_cache, check_run_folder


def test_a_finished_run_is_complete(demo_run: Path) -> None:
    assert check_run_folder(demo_run) == "complete"


def test_a_folder_without_outputs_is_empty(tmp_path: Path) -> None:
    (tmp_path / ".staging-x").mkdir()
    (tmp_path / "notes.txt").write_text("mine")
    assert check_run_folder(tmp_path) == "empty"


def test_a_partial_set_is_corrupt(run_copy: Path) -> None:
    (run_copy / "map.json").unlink()
    with pytest.raises(CorruptRun, match="partial set"):
        check_run_folder(run_copy)


def test_outputs_of_two_runs_are_corrupt(run_copy: Path) -> None:
    journey = json.loads((run_copy / "map.json").read_text(encoding="utf-8"))
    journey["stats"]["units"] += 1
    (run_copy / "map.json").write_text(json.dumps(journey), encoding="utf-8")
    with pytest.raises(CorruptRun, match="different runs"):
        check_run_folder(run_copy)


def test_a_truncated_map_is_corrupt(run_copy: Path) -> None:
    text = (run_copy / "map.json").read_text(encoding="utf-8")
    (run_copy / "map.json").write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(CorruptRun, match="unreadable"):
        check_run_folder(run_copy)


def test_cache_integrity(tmp_path: Path) -> None:
    check_cache(tmp_path)  # no cache yet: nothing to check
    with sqlite3.connect(tmp_path / "embeddings.sqlite") as db:
        db.execute("CREATE TABLE t (x)")
        db.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    check_cache(tmp_path)
    shutil.copy(tmp_path / "embeddings.sqlite", tmp_path / "copy")
    data = bytearray((tmp_path / "copy").read_bytes())
    data[4096 : 4096 + 64] = b"\xff" * 64  # garbage over the second page
    (tmp_path / "embeddings.sqlite").write_bytes(bytes(data))
    with pytest.raises(CorruptRun):
        check_cache(tmp_path)
