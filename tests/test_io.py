from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

import insights.io
from insights.io import finish_outputs, staged_outputs, write_arrays, write_json, write_text


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


def _interrupted_second_run(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run 1 writes a and b; run 2 dies after moving its first file into place."""
    with staged_outputs(out) as stage:
        write_text(stage / "a.csv", "run 1")
        write_text(stage / "b.json", "run 1")
    real_replace = os.replace
    moves: list[str] = []

    def dies_after_one_move(src: str | Path, dst: str | Path) -> None:
        into_place = Path(src).parent.name.startswith(".staging-") and Path(dst).parent == out
        if into_place and moves:
            raise OSError("killed")  # the process stops here, between two moves
        real_replace(src, dst)
        if into_place:
            moves.append(str(dst))

    monkeypatch.setattr(insights.io.os, "replace", dies_after_one_move)
    with pytest.raises(OSError, match="killed"), staged_outputs(out) as stage:
        write_text(stage / "a.csv", "run 2")
        write_text(stage / "b.json", "run 2")
    monkeypatch.setattr(insights.io.os, "replace", real_replace)
    assert (out / "a.csv").read_text() == "run 2" and (out / "b.json").read_text() == "run 1"


def test_a_reader_completes_the_moves_of_a_run_killed_while_moving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _interrupted_second_run(out, monkeypatch)
    finish_outputs(out)
    assert (out / "a.csv").read_text() == "run 2" and (out / "b.json").read_text() == "run 2"
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.json"]  # marker, stage gone
    finish_outputs(out)  # nothing left to do
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.json"]


def test_the_next_run_completes_an_interrupted_one_before_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _interrupted_second_run(out, monkeypatch)
    with pytest.raises(RuntimeError), staged_outputs(out):
        raise RuntimeError("run 3 failed")
    assert (out / "b.json").read_text() == "run 2"  # run 2's set, whole


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


def test_arrays_deflate_text_store_numbers_and_are_the_same_bytes_each_time(
    tmp_path: Path,
) -> None:
    import zipfile

    ids = np.asarray([f"unit-{i:06d}" for i in range(2000)], dtype=str)
    vectors = np.random.default_rng(0).normal(size=(2000, 8)).astype(np.float16)
    write_arrays(tmp_path / "a.npz", unit_id=ids, vector=vectors)
    with zipfile.ZipFile(tmp_path / "a.npz") as archive:
        kinds = {i.filename: i.compress_type for i in archive.infolist()}
        assert archive.getinfo("unit_id.npy").compress_size < 0.2 * ids.nbytes
    assert kinds == {"unit_id.npy": zipfile.ZIP_DEFLATED, "vector.npy": zipfile.ZIP_STORED}
    with np.load(tmp_path / "a.npz", allow_pickle=False) as loaded:
        assert np.array_equal(loaded["unit_id"], ids) and np.array_equal(loaded["vector"], vectors)
    write_arrays(tmp_path / "b.npz", unit_id=ids, vector=vectors)
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()


def test_a_reader_leaves_a_run_that_is_still_writing_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with staged_outputs(out) as stage:
        write_text(stage / "a.csv", "run 1")
        finish_outputs(out)  # e.g. `insights export` while the run is writing
        assert stage.is_dir() and (stage / "a.csv").is_file()
        write_text(stage / "b.json", "run 1")
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.json"]


def test_a_reader_that_cannot_complete_the_moves_gets_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from insights.errors import UsageError

    out = tmp_path / "out"
    _interrupted_second_run(out, monkeypatch)

    def read_only(src: str | Path, dst: str | Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(insights.io.os, "replace", read_only)  # as in a folder it may not write
    with pytest.raises(UsageError, match=r"interrupted while moving .*Permission denied.*again"):
        finish_outputs(out)
    monkeypatch.undo()
    finish_outputs(out)  # with write access, the same folder completes
    assert (out / "b.json").read_text() == "run 2"


def test_a_stale_marker_a_reader_may_not_remove_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with staged_outputs(out) as stage:
        write_text(stage / "a.csv", "run 1")
    (out / ".outputs-commit").write_text(".staging-gone")  # its moves were completed

    def read_only(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", read_only)
    finish_outputs(out)  # nothing to complete: no error
    monkeypatch.undo()
    assert (out / "a.csv").read_text() == "run 1"
