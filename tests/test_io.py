from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from insights.io import staged_outputs, write_arrays, write_json, write_text


def test_outputs_appear_together_only_on_success(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(RuntimeError), staged_outputs(out) as stage:
        write_text(stage / "units.csv", "a\n")
        raise RuntimeError("analysis failed")
    assert list(out.iterdir()) == []
    with staged_outputs(out) as stage:
        write_text(stage / "units.csv", "a\n")
        write_json(stage / "map.json", {"ok": True})
    assert sorted(p.name for p in out.iterdir()) == ["map.json", "units.csv"]


def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".staging-abc").mkdir(parents=True)
    (out / ".staging-abc" / "units.csv").write_text("half")
    (out / ".map.json.x1y2.tmp").write_text("{")
    (out / "notes.txt").write_text("mine")
    with staged_outputs(out) as stage:
        write_text(stage / "map.json", "{}")
    assert sorted(p.name for p in out.iterdir()) == ["map.json", "notes.txt"]


def test_files_honour_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640


def test_arrays_round_trip_without_pickle(tmp_path: Path) -> None:
    ids = np.asarray(["u1", "u2"], dtype=str)
    write_arrays(tmp_path / "e.npz", unit_id=ids, vector=np.ones((2, 3), np.float16))
    loaded = np.load(tmp_path / "e.npz", allow_pickle=False)
    assert loaded["unit_id"].tolist() == ["u1", "u2"]
    assert loaded["vector"].shape == (2, 3)
