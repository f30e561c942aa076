from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from insights import regex_compile
from insights.regex_compile import fast_compile, stored_patterns
from insights.store import JsonCache

pytestmark = pytest.mark.skipif(sys.version_info < (3, 11), reason="hooks re._compiler (3.11+)")


def _long_pattern() -> str:
    words = [f"w{i:05d}" for i in range(12_000)]
    return "(?iu)" + "|".join(f"(?:^{w}-[a-zé]+$)" for w in words)  # ~190k characters


def _plain(pattern: str) -> re.Pattern[str]:
    from re import _compiler  # type: ignore[attr-defined]

    return _compiler.compile(pattern, 0)


def test_shared_charsets_compiles_the_same_patterns_and_restores_the_compiler() -> None:
    import threading
    from re import _compiler  # type: ignore[attr-defined]

    from spacy.lang.char_classes import ALPHA

    from insights.regex_compile import shared_charsets

    words = ("de", "la", "sur", "saint")
    pattern = "(?iu)" + "|".join(f"(?:^[{ALPHA}]+-{w}-[{ALPHA}]+$)" for w in words)
    original = _compiler._optimize_charset
    plain = _compiler.compile(pattern, 0)
    with shared_charsets():
        assert _compiler._optimize_charset is not original
        memoised = _compiler.compile(pattern, 0)
        again = _compiler.compile(pattern, 0)
        other: list[object] = []  # a thread compiling meanwhile gets the same too
        worker = threading.Thread(target=lambda: other.append(_compiler.compile(pattern, 0)))
        worker.start()
        worker.join()
    assert _compiler._optimize_charset is original
    assert memoised == plain == again == other[0]  # same flags, pattern and compiled code
    assert memoised.match("Saint-sur-Mer") and not memoised.match("Saint-sur-")


def test_a_long_pattern_is_stored_then_built_from_its_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    pattern = _long_pattern()
    assert len(pattern) >= regex_compile.LONG
    original = _compiler.compile
    with stored_patterns(tmp_path):
        first = _compiler.compile(pattern, 0)
    assert _compiler.compile is original
    with monkeypatch.context() as patched:  # the second build parses nothing
        patched.setattr(_parser, "parse", lambda *a: pytest.fail("parsed again"))
        with stored_patterns(tmp_path):
            second = _compiler.compile(pattern, 0)
    with stored_patterns(tmp_path):
        short = _compiler.compile("(?:a|b)+", 0)  # short patterns compile as usual
    assert first == second == _plain(pattern)  # same pattern, flags and compiled code
    assert second.match("W00042-été") and not second.match("w00042-")
    assert short == _plain("(?:a|b)+")


def test_a_damaged_stored_pattern_compiles_as_usual(tmp_path: Path) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    pattern = _long_pattern()
    with stored_patterns(tmp_path):
        _compiler.compile(pattern, 0)
    (model_id,) = _model_ids(tmp_path)
    cache = JsonCache(tmp_path, "regex_code", model_id)
    cache.put({f"0\x1f{pattern}": {"code": "not base64 code"}}, replace=True)
    with fast_compile(tmp_path):
        again = _compiler.compile(pattern, 0)
    assert again == _plain(pattern)
    (stored,) = cache.get([f"0\x1f{pattern}"]).values()
    assert stored["code"] != "not base64 code"  # the damaged row was replaced


def _model_ids(cache_dir: Path) -> set[str]:
    from insights.store import connect

    with connect(cache_dir, "SELECT 1") as conn:
        return {row[0] for row in conn.execute("SELECT model_id FROM regex_code")}


_CHILD = """
import sys
from re import _compiler, _parser
from insights.regex_compile import LONG
from insights.spacy_pipelines import SpacyPipelines

parse, long_parsed = _parser.parse, []
def counting(pattern, flags=0, *rest):
    if isinstance(pattern, str) and len(pattern) >= LONG:
        long_parsed.append(len(pattern))
    return parse(pattern, flags, *rest)
_parser.parse = counting
SpacyPipelines(cache_dir=__import__("pathlib").Path(sys.argv[1]))["fr"]
_parser.parse = parse
from spacy.lang.fr.tokenizer_exceptions import TOKEN_MATCH
compiled = TOKEN_MATCH.__self__
print(len(long_parsed), compiled == _compiler.compile(compiled.pattern, compiled.flags))
"""


def test_the_french_pipeline_loads_its_token_pattern_from_the_machine_store(
    tmp_path: Path,
) -> None:
    import os
    import subprocess

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}

    def load(run_cache: str) -> list[str]:
        command = [sys.executable, "-c", _CHILD, str(tmp_path / run_cache)]
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
        return done.stdout.split()

    assert load("run1") == ["1", "True"]  # parsed once, stored
    assert load("run2") == ["0", "True"]  # a new run cache: built from the stored code
    assert (tmp_path / "xdg" / "insights" / "unpacked" / "regex-code").is_dir()
    assert not (tmp_path / "run2").exists()


def test_without_a_home_folder_patterns_are_stored_in_the_run_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from insights import unpacked
    from insights.spacy_pipelines import regex_store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert (
        regex_store(tmp_path / "run") == tmp_path / "xdg" / "insights" / "unpacked" / "regex-code"
    )
    assert regex_store(None) == tmp_path / "xdg" / "insights" / "unpacked" / "regex-code"
    monkeypatch.setattr(unpacked, "unpacked_dir", lambda: None)
    assert regex_store(tmp_path / "run") == tmp_path / "run"
    assert regex_store(None) is None


def test_a_cache_that_cannot_be_used_leaves_patterns_compiling_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    from insights.errors import UsageError

    def refuse(*args: object, **kwargs: object) -> None:
        raise UsageError("cache is read-only")

    monkeypatch.setattr(JsonCache, "get", refuse)
    monkeypatch.setattr(JsonCache, "put", refuse)
    pattern = _long_pattern()
    with stored_patterns(tmp_path):
        compiled = _compiler.compile(pattern, 0)
    assert compiled == _plain(pattern)
