"""Read a file's bytes and decode them: BOMs, UTF-16, cp1252 and latin-1 are normal input."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from insights.errors import DecodeError, EmptyInputError, InsightsError
from insights.ingest._types import SourceText

__all__ = ["decode_bytes", "load_source", "read_bytes"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.01


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """Read a file, refusing one larger than `max_bytes` or an empty one."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InsightsError(
            f"{path}: file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
            "split it or raise --max-bytes"
        )
    data = path.read_bytes()
    if not data.strip():
        raise EmptyInputError(f"{path}: file is empty; remove it or give a file with content")
    return data


def decode_bytes(data: bytes, where: str) -> tuple[str, str]:
    """Decode bytes to text, trying BOMs, UTF-16 without BOM, UTF-8, cp1252, latin-1.

    Args:
        data: the file's bytes.
        where: the file's name, for error messages.

    Returns:
        The text with newlines normalised to "\\n", and the encoding used.

    Raises:
        DecodeError: the bytes look binary (control characters, NUL bytes).
    """
    encoding = _guess_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding = "latin-1"
        text = data.decode(encoding)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise DecodeError(
            f"{where}: not a text file (binary content, encoding unknown); "
            "export it as UTF-8 text, CSV or DOCX"
        )
    return text, encoding


def load_source(path: Path, name: str, *, max_bytes: int) -> SourceText:
    """Read and decode a text file into a `SourceText`."""
    data = read_bytes(path, max_bytes=max_bytes)
    text, encoding = decode_bytes(data, name)
    if not text.strip():
        raise EmptyInputError(f"{name}: file holds no text; remove it or give a file with content")
    digest = hashlib.sha256(data).hexdigest()
    return SourceText(path=path, name=name, sha256=digest, text=text, encoding=encoding)


def _guess_encoding(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 > len(head):
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        return "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return controls > max(2, _MAX_CONTROL_SHARE * len(sample))
