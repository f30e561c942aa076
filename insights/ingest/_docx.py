"""Read the paragraphs of a Word (.docx) file, refusing zip bombs and non-Word archives."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from insights.errors import DecodeError, EmptyInputError, UnsupportedFormatError
from insights.ingest._decode import read_bytes

if TYPE_CHECKING:
    from docx.table import Table

__all__ = ["MAX_DOCX_ENTRIES", "MAX_DOCX_UNCOMPRESSED", "load_docx"]

MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_ENTRIES = 10_000
_MAIN_PART = "word/document.xml"


def load_docx(path: Path, name: str, *, max_bytes: int) -> tuple[str, list[str]]:
    """Read a .docx file's paragraphs, in document order.

    Paragraphs inside tables are included (row by row, cell by cell). A soft
    line break inside a paragraph is kept as "\\n" in its text.

    Args:
        path: the file.
        name: the source name, for error messages.
        max_bytes: refuse files larger than this.

    Returns:
        The sha256 hex digest of the file's bytes, and the paragraphs' texts.

    Raises:
        UnsupportedFormatError: not a zip archive, not a Word document, or an
            archive too large when uncompressed (a zip bomb).
        DecodeError: the archive or its XML is corrupt.
        EmptyInputError: the file, or its text, is empty.
    """
    data = read_bytes(path, max_bytes=max_bytes)
    _check_archive(data, name)
    paragraphs = _paragraphs(data, name)
    if not any(p.strip() for p in paragraphs):
        raise EmptyInputError(f"{name}: Word document holds no text; remove it or add content")
    return hashlib.sha256(data).hexdigest(), paragraphs


def _check_archive(data: bytes, name: str) -> None:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnsupportedFormatError(
            f"{name}: not a .docx file (not a zip archive; an old .doc?); "
            "save it as .docx or export it as .txt"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception as err:  # noqa: BLE001 - zipfile also raises NotImplementedError, EOFError…
        reason = " ".join(str(err).split())[:120] or type(err).__name__
        message = f"{name}: corrupt .docx archive ({reason}); re-save it from Word"
        raise DecodeError(message) from err
    total = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_DOCX_ENTRIES or total > MAX_DOCX_UNCOMPRESSED:
        raise UnsupportedFormatError(
            f"{name}: .docx archive unpacks to {total:,} bytes in {len(entries):,} entries "
            f"(limits {MAX_DOCX_UNCOMPRESSED:,} bytes, {MAX_DOCX_ENTRIES:,} entries); "
            "export the transcript as .txt"
        )
    if _MAIN_PART not in {entry.filename for entry in entries}:
        raise UnsupportedFormatError(
            f"{name}: zip archive without {_MAIN_PART}, not a Word document; "
            "export the transcript as .docx or .txt"
        )


def _paragraphs(data: bytes, name: str) -> list[str]:
    from docx import Document
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
        texts: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                texts += _table_paragraphs(block)
            else:
                texts.append(block.text)
    except Exception as err:  # noqa: BLE001 - python-docx fails on corrupt parts in open-ended ways
        # (found by fuzzing: AttributeError, KeyError, ParseError, zlib.error…); all mean "corrupt".
        raise DecodeError(
            f"{name}: corrupt Word document ({type(err).__name__}); re-save it from Word"
        ) from err
    return texts


def _table_paragraphs(table: Table) -> list[str]:
    from docx.table import Table

    texts: list[str] = []
    seen: set[object] = set()  # the cells' XML elements (kept alive, so compared by identity)
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell repeats in every row/column it spans
                continue
            seen.add(cell._tc)
            for block in cell.iter_inner_content():
                if isinstance(block, Table):
                    texts += _table_paragraphs(block)
                else:
                    texts.append(block.text)
    return texts
