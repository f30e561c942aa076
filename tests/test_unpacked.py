from __future__ import annotations

import os
import time
from pathlib import Path
from typing import IO

import numpy as np
import pytest

from insights.unpacked import from_copy, load_unpacked, unpacked_dir, unpacked_file


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "model.bin"
    source.write_bytes(b"packed")
    return source


def _write(out: IO[bytes]) -> None:
    np.savez(out, weights=np.arange(6, dtype=np.float32).reshape(2, 3))


def test_the_unpacked_form_is_written_once_then_read(tmp_path: Path) -> None:
    source, calls = _source(tmp_path), []

    def write(out: IO[bytes]) -> None:
        calls.append(1)
        _write(out)

    folder = tmp_path / "cache"
    first = unpacked_file("numpy", "model", source, write, folder=folder)
    again = unpacked_file("numpy", "model", source, write, folder=folder)
    assert first == again and first is not None and len(calls) == 1
    assert first.name.startswith(f"numpy-{np.__version__}-model-")
    arrays = load_unpacked(first)
    assert arrays is not None and arrays["weights"].tolist() == [[0, 1, 2], [3, 4, 5]]
    assert [p.name for p in folder.iterdir()] == [first.name]  # no temporary file left


def test_a_new_copy_replaces_the_older_copies_of_its_role_only(tmp_path: Path) -> None:
    source, folder = _source(tmp_path), tmp_path / "cache"
    before = unpacked_file("numpy", "model", source, _write, folder=folder)
    other_role = unpacked_file("numpy", "tokenizer", source, _write, folder=folder)
    upgraded = folder / "numpy-0.0.1-model-0123456789abcdef.npz"  # an older version's copy
    upgraded.write_bytes(b"old")
    left = folder / ".numpy-model.npz.abc.tmp"  # a killed writer's temporary file
    left.write_bytes(b"half")
    os.utime(left, (time.time() - 7200, time.time() - 7200))
    os.utime(source, ns=(1, 1))  # reinstalled: a new key
    after = unpacked_file("numpy", "model", source, _write, folder=folder)
    assert after != before and after is not None and other_role is not None
    assert sorted(p.name for p in folder.iterdir()) == sorted([after.name, other_role.name])


def test_no_version_no_home_an_unwritable_folder_or_a_failing_writer_mean_no_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _source(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")

    def fail(out: IO[bytes]) -> None:
        raise ValueError("cannot unpack")

    assert unpacked_file("no-such-distribution", "model", source, _write) is None
    assert unpacked_file("numpy", "model", source, _write, folder=blocked) is None
    assert unpacked_file("numpy", "model", source, fail, folder=tmp_path / "cache") is None
    assert list((tmp_path / "cache").iterdir()) == []
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(homeless))
    assert unpacked_dir() is None
    assert unpacked_file("numpy", "model", source, _write) is None


def test_a_damaged_copy_is_not_used_and_is_removed_where_possible(tmp_path: Path) -> None:
    damaged = tmp_path / "numpy-1-model-0123.npz"
    damaged.write_bytes(b"PK\x03\x04 truncated")
    assert load_unpacked(damaged) is None
    assert not damaged.exists()
    undeletable = tmp_path / "numpy-1-model-4567.npz"  # a folder: reading and removing fail
    undeletable.mkdir()
    assert load_unpacked(undeletable) is None
    assert load_unpacked(None) is None


def test_the_folder_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert unpacked_dir() == tmp_path / "insights" / "unpacked"


def test_from_copy_builds_from_the_copy_or_falls_back_and_discards_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = _source(tmp_path)

    def total(arrays: dict[str, np.ndarray]) -> float:
        return float(arrays["weights"].sum())

    def unexpected(arrays: dict[str, np.ndarray]) -> float:
        return float(arrays["no such array"].sum())

    assert from_copy("numpy", "model", source, _write, total, lambda: -1.0) == 15.0
    [copy] = (tmp_path / "insights" / "unpacked").glob("*.npz")
    assert from_copy("numpy", "model", source, _write, unexpected, lambda: -1.0) == -1.0
    assert not copy.exists()  # written again by the next process


def test_packed_texts_come_back_whatever_characters_they_hold() -> None:
    from insights.unpacked import pack_texts, unpack_texts

    texts = ["", "\x00", "a\x01b", "▁de", "", "\x02\x03"]
    arrays = pack_texts("pieces", texts)
    assert unpack_texts(arrays, "pieces") == texts
    assert arrays["pieces_separator"].tolist() == [4, len(texts)]  # none of them holds chr(4)
    assert unpack_texts(pack_texts("one", ["solo"]), "one") == ["solo"]
    with pytest.raises(ValueError, match="not 2"):
        unpack_texts({**arrays, "pieces_separator": np.array([4, 2])}, "pieces")
