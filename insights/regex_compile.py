"""Faster compiling of the huge regular expressions spaCy's French pipeline builds at import.

spaCy's French tokenizer exceptions compile one 1.4 MB pattern. Python's `re`
spends ~1.8 s on it: 1.2 s optimising the same huge letter class ~1,600 times,
0.6 s parsing. `fast_compile` removes both while loading a pipeline:

- `shared_charsets` memoises the charset optimiser (a pure function) in memory;
- `stored_patterns` keeps the compiled code of every pattern of `LONG`
  characters or more in the run cache, per Python build, so later processes
  rebuild the pattern from it in a few milliseconds instead of parsing it.

Either way the pattern is equal to `re`'s own (`re.Pattern` equality compares
pattern, flags and compiled code). Both hook private parts of `re`
(Python 3.11+); where those differ, or anything fails, patterns compile as usual.
"""

from __future__ import annotations

import base64
import json
import sys
import threading
from array import array
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

__all__ = ["LONG", "fast_compile", "shared_charsets", "stored_patterns"]

LONG = 100_000  # characters from which a pattern's compiled code is stored
_charsets_lock = threading.Lock()
_compile_lock = threading.Lock()


@contextmanager
def fast_compile(cache_dir: Path | None) -> Iterator[None]:
    """Compile patterns inside this block with both speed-ups (module docstring)."""
    stored = stored_patterns(cache_dir) if cache_dir is not None else nullcontext()
    with shared_charsets(), stored:
        yield


@contextmanager
def shared_charsets() -> Iterator[None]:
    """Compile regular expressions with each character class optimised once, not per use.

    Python's compiler optimises every repetition of a character class again;
    inside this block its charset optimiser, a pure function, is memoised, so
    the compiled patterns are identical. Without the private hook (another
    Python), patterns compile as usual.
    """
    compiler = _compiler_module()
    original = getattr(compiler, "_optimize_charset", None)
    if original is None or not _charsets_lock.acquire(blocking=False):
        yield  # another thread holds the memo: compile as usual
        return
    memo: dict[tuple[Any, ...], tuple[list[Any], bool]] = {}

    def optimise(charset: Any, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> Any:
        try:
            key = (tuple(charset), iscased, fixup, id(fixes))
            found = memo.get(key)
        except TypeError:  # an unhashable item: not memoised
            return original(charset, iscased, fixup, fixes)
        if found is None:
            found = memo[key] = original(charset, iscased, fixup, fixes)
        return list(found[0]), found[1]

    compiler._optimize_charset = optimise
    try:
        yield
    finally:
        compiler._optimize_charset = original
        _charsets_lock.release()


@contextmanager
def stored_patterns(cache_dir: Path) -> Iterator[None]:
    """Build patterns of `LONG`+ characters from their compiled code in the cache of `cache_dir`.

    A pattern not stored yet compiles as usual, and the arguments `re` handed to
    `_sre.compile` are stored (its code is 0.8 MB for spaCy's French pattern).
    The key is the pattern and its flags (hashed), under a model id naming the
    Python build, byte order and regex engine version.
    """
    from insights.store import JsonCache

    compiler = _compiler_module()
    original = getattr(compiler, "compile", None)
    engine = _engine()
    if original is None or engine is None or not _compile_lock.acquire(blocking=False):
        yield
        return
    cache = JsonCache(cache_dir, "regex_code", f"{sys.version}|{sys.byteorder}|{engine}")

    def compile_from_store(pattern: Any, flags: int = 0) -> Any:
        if not (isinstance(pattern, str) and len(pattern) >= LONG):
            return original(pattern, flags)
        return _from_cache(cache, compiler, original, pattern, flags)

    compiler.compile = compile_from_store
    try:
        yield
    finally:
        compiler.compile = original
        _compile_lock.release()


def _compiler_module() -> Any:
    try:
        from re import _compiler  # type: ignore[attr-defined]
    except ImportError:  # Python < 3.11
        return None
    return _compiler


def _engine() -> str | None:
    """The regex engine's version (``MAGIC``), if its code words are 4-byte ``array("I")`` items."""
    import _sre

    if getattr(_sre, "CODESIZE", None) != array("I").itemsize:
        return None
    return f"sre{_sre.MAGIC}"


def _from_cache(cache: Any, compiler: Any, original: Any, pattern: str, flags: int) -> Any:
    """`re`'s pattern for (`pattern`, `flags`): rebuilt from stored arguments, else compiled.

    A compile records the arguments `re` hands to `_sre.compile` (whatever they
    are in this Python) and stores them; a damaged row is replaced. When the
    cache cannot be read or written, the pattern simply compiles as usual.
    """
    import _sre

    key = f"{flags}\x1f{pattern}"
    try:
        stored = cache.get([key]).get(key)
    except Exception:  # noqa: BLE001  # an unreadable cache: compile as usual
        stored = None
    if stored is not None:
        try:
            return _sre.compile(pattern, *_decoded(stored))
        except Exception:  # noqa: BLE001  # a damaged row: compile, then replace it
            pass
    compiled, arguments = _compile_recording(compiler, original, pattern, flags)
    encoded = _encoded(arguments) if arguments is not None else None
    if encoded is not None:
        try:
            cache.put({key: encoded}, replace=True)
        except Exception:  # noqa: BLE001  # a read-only or locked cache: nothing kept
            pass
    return compiled


def _compile_recording(
    compiler: Any, original: Any, pattern: str, flags: int
) -> tuple[Any, tuple[Any, ...] | None]:
    """`original(pattern, flags)`, and the arguments it passed to `_sre.compile`."""
    recorder = _Recorder(compiler._sre, pattern)
    compiler._sre = recorder
    try:
        return original(pattern, flags), recorder.arguments
    finally:
        compiler._sre = recorder.real


class _Recorder:
    """Stands in for the `_sre` module in `re._compiler`, keeping `pattern`'s compile arguments."""

    def __init__(self, real: Any, pattern: str) -> None:
        self.real, self.pattern = real, pattern
        self.arguments: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def compile(self, pattern: Any, *arguments: Any) -> Any:
        if pattern is self.pattern:  # not another thread's pattern meanwhile
            self.arguments = arguments
        return self.real.compile(pattern, *arguments)


def _encoded(arguments: tuple[Any, ...]) -> dict[str, Any] | None:
    """`_sre.compile`'s arguments after the pattern, as JSON values (code as base64), or None."""
    flags, code, *rest = arguments
    if not isinstance(code, list):
        return None  # another layout: not stored
    try:
        words = array("I", code)  # TypeError / OverflowError unless 32-bit code words
        json.dumps(rest)
    except (OverflowError, TypeError, ValueError):
        return None
    kinds = ["tuple" if isinstance(value, tuple) else "" for value in rest]
    packed = base64.b64encode(words.tobytes()).decode()
    return {
        "flags": flags,
        "code": packed,
        "rest": [list(v) if k else v for v, k in zip(rest, kinds, strict=True)],
        "kinds": kinds,
    }


def _decoded(stored: dict[str, Any]) -> tuple[Any, ...]:
    """The arguments `_encoded` stored."""
    code = array("I", base64.b64decode(stored["code"])).tolist()
    rest = [
        tuple(v) if k == "tuple" else v
        for v, k in zip(stored["rest"], stored["kinds"], strict=True)
    ]
    return (stored["flags"], code, *rest)
