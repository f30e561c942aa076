from __future__ import annotations

import os
from pathlib import Path
from typing import IO

import numpy as np

from insights.unpacked import load_unpacked, unpacked_dir, unpacked_file


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "model.bin"
    source.write_bytes(b"packed")
    return source


def test_the_unpacked_form_is_written_once_then_read(tmp_path: Path) -> None:
    source, calls = _source(tmp_path), []

    def write(out: IO[bytes]) -> None:
        calls.append(1)
        np.savez(out, weights=np.arange(6, dtype=np.float32).reshape(2, 3))

    first = unpacked_file("pkg-1.0-model", source, write, folder=tmp_path / "cache")
    again = unpacked_file("pkg-1.0-model", source, write, folder=tmp_path / "cache")
    assert first == again and first is not None and len(calls) == 1
    arrays = load_unpacked(first)
    assert arrays is not None and arrays["weights"].tolist() == [[0, 1, 2], [3, 4, 5]]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [first.name]  # no temp file left


def test_a_changed_source_or_package_gets_its_own_file(tmp_path: Path) -> None:
    source = _source(tmp_path)

    def write(out: IO[bytes]) -> None:
        np.savez(out, x=np.zeros(1))

    folder = tmp_path / "cache"
    before = unpacked_file("pkg-1.0-model", source, write, folder=folder)
    upgraded = unpacked_file("pkg-1.1-model", source, write, folder=folder)
    os.utime(source, ns=(1, 1))
    touched = unpacked_file("pkg-1.0-model", source, write, folder=folder)
    assert len({before, upgraded, touched}) == 3


def test_an_unwritable_cache_or_a_failing_writer_means_no_unpacked_file(tmp_path: Path) -> None:
    source = _source(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")

    def write(out: IO[bytes]) -> None:
        np.savez(out, x=np.zeros(1))

    def fail(out: IO[bytes]) -> None:
        raise OSError("cannot unpack")

    assert unpacked_file("pkg-1.0-model", source, write, folder=blocked) is None
    assert unpacked_file("pkg-1.0-model", source, fail, folder=tmp_path / "cache") is None
    assert list((tmp_path / "cache").iterdir()) == []
    assert load_unpacked(None) is None


def test_a_damaged_file_is_not_used_and_is_removed(tmp_path: Path) -> None:
    damaged = tmp_path / "pkg-model-0123.npz"
    damaged.write_bytes(b"PK\x03\x04 truncated")
    assert load_unpacked(damaged) is None
    assert not damaged.exists()


def test_the_folder_follows_xdg_cache_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert unpacked_dir() == tmp_path / "insights" / "unpacked"
