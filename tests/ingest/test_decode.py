from __future__ import annotations

import codecs

import pytest

from insights.errors import DecodeError, EmptyInputError, InsightsError
from insights.ingest._decode import decode_bytes, load_source

FRENCH = "Très déçu : la livraison a pris trois semaines, œuvre d'un cœur brisé.\nÀ revoir."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "utf-8-sig"),
        (FRENCH.encode("utf-16"), "utf-16"),
        (FRENCH.encode("utf-16-le"), "utf-16-le"),
        (FRENCH.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_common_encodings_with_accents_intact(data, encoding):
    text, used = decode_bytes(data, "f.txt")
    assert text == FRENCH
    assert used == encoding


def test_latin1_bytes_outside_cp1252_still_decode():
    data = "caf\u00e9 \u0081".encode("latin-1")
    text, used = decode_bytes(data, "f.txt")
    assert used == "latin-1"
    assert text.startswith("café")


def test_crlf_and_cr_newlines_are_normalised():
    text, _ = decode_bytes(b"a\r\nb\rc\n", "f.txt")
    assert text == "a\nb\nc\n"


def test_binary_junk_is_a_clear_error():
    junk = bytes(range(256)) * 20
    with pytest.raises(DecodeError, match=r"^junk\.txt: not a text file"):
        decode_bytes(junk, "junk.txt")


def test_empty_file_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    with pytest.raises(EmptyInputError, match="empty"):
        load_source(path, "empty.txt", max_bytes=1000)


def test_file_over_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000)
    with pytest.raises(InsightsError, match="over the 1,000-byte limit"):
        load_source(path, "big.txt", max_bytes=1000)


def test_sha256_is_of_the_bytes(tmp_path):
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(FRENCH.encode("cp1252"))
    source = load_source(path, "a.txt", max_bytes=10_000)
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.encoding == "cp1252"
