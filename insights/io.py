"""Atomic file writing: a temp file in the same folder, fsync, then rename.

A crash or an error never leaves a half-written output behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

__all__ = ["atomic_write", "write_arrays", "write_frame", "write_json", "write_text"]


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write `path` atomically; `write` receives a binary file object."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    atomic_write(path, lambda handle: handle.write(text.encode("utf-8")))


def write_json(path: Path, data: Any) -> None:
    """Write JSON (UTF-8, indented, keys in given order) atomically."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_frame(path: Path, frame: pd.DataFrame, *, fmt: str = "csv") -> None:
    """Write a frame as CSV (UTF-8, no index) or parquet, atomically."""
    if fmt == "parquet":
        atomic_write(path, lambda handle: frame.to_parquet(handle, index=False))
    else:
        atomic_write(path, lambda handle: handle.write(frame.to_csv(index=False).encode("utf-8")))


def write_arrays(path: Path, **arrays: np.ndarray) -> None:
    """Write named arrays as a compressed `.npz` file, atomically (no pickle)."""
    atomic_write(path, lambda handle: np.savez_compressed(handle, allow_pickle=False, **arrays))
