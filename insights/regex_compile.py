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

    A pattern not stored yet is parsed as usual and its code stored (0.8 MB for
    spaCy's French one). The key is the pattern and its flags (hashed), under a
    model id naming the Python build and its regex engine version.
    """
    from insights.store import JsonCache

    compiler = _compiler_module()
    original = getattr(compiler, "compile", None)
    engine = _engine()
    if original is None or engine is None or not _compile_lock.acquire(blocking=False):
        yield
        return
    cache = JsonCache(cache_dir, "regex_code", f"{sys.version}|{engine}")

    def compile_from_store(pattern: Any, flags: int = 0) -> Any:
        if not (isinstance(pattern, str) and len(pattern) >= LONG):
            return original(pattern, flags)
        try:
            return _from_cache(cache, compiler, pattern, flags)
        except Exception:  # noqa: BLE001  # a damaged row, a changed `re`: compile as usual
            return original(pattern, flags)

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


def _from_cache(cache: Any, compiler: Any, pattern: str, flags: int) -> Any:
    """`re`'s pattern for (`pattern`, `flags`), built from stored code (stored first if new)."""
    import _sre

    key = f"{flags}\x1f{pattern}"
    stored = cache.get([key]).get(key)
    if stored is None:
        stored = _compiled(compiler, pattern, flags)
        cache.put({key: stored})
    code = array("I", base64.b64decode(stored["code"])).tolist()
    indexgroup = tuple(stored["indexgroup"])
    return _sre.compile(
        pattern, stored["flags"], code, stored["groups"], stored["groupindex"], indexgroup
    )


def _compiled(compiler: Any, pattern: str, flags: int) -> dict[str, Any]:
    """What `re._compiler.compile` hands to `_sre.compile`, as JSON values."""
    from re import _parser  # type: ignore[attr-defined]

    tree = _parser.parse(pattern, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return {
        "flags": flags | tree.state.flags,
        "groups": tree.state.groups - 1,
        "groupindex": groupindex,
        "indexgroup": indexgroup,
        "code": base64.b64encode(array("I", compiler._code(tree, flags)).tobytes()).decode(),
    }
