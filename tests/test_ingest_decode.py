"""Bytes → text: UTF-8 (± BOM), UTF-16 with BOM, else Windows-1258; always NFC."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from conftest import cp1258_bytes
from qn_dx.ingest.decode import decode

TEXT = "Mã chỉ tiêu;Kỳ báo cáo;Ghi chú\nEG-16;Quý I/2023;Số liệu minh họa, đạt tỷ lệ\n"


def test_utf8() -> None:
    d = decode(TEXT.encode("utf-8"))
    assert (d.text, d.encoding, d.error) == (TEXT, "utf-8", None)


def test_utf8_bom_is_removed() -> None:
    d = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert d.text == TEXT
    assert d.encoding == "utf-8-sig"
    assert not d.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    raw = bom + TEXT.encode(codec)
    d = decode(raw)
    assert d.text == TEXT
    assert d.encoding == "utf-16"


def test_cp1258_fallback_and_nfc() -> None:
    raw = cp1258_bytes(TEXT)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    d = decode(raw)
    assert d.encoding == "cp1258"
    assert d.text == TEXT  # tone marks written apart by cp1258 are recomposed
    assert d.text is not None and unicodedata.is_normalized("NFC", d.text)


def test_decomposed_utf8_is_normalised_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", TEXT)
    assert nfd != TEXT
    assert decode(nfd.encode("utf-8")).text == TEXT


def test_nul_bytes_are_binary() -> None:
    d = decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    assert d.text is None
    assert d.error == "file-binary"
    assert d.message


def test_utf16_text_with_nul_characters_is_binary() -> None:
    d = decode(codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"))
    assert (d.text, d.error) == (None, "file-binary")


def test_bytes_undefined_in_cp1258_are_undecodable() -> None:
    d = decode(b"indicator_id\n\x81\x8d\x8e\x8f\x90\n")
    assert d.text is None
    assert d.error == "file-undecodable"


def test_broken_utf8_after_a_bom_is_undecodable() -> None:
    d = decode(codecs.BOM_UTF8 + b"abc \xff\xfe\xfd")
    assert (d.text, d.error) == (None, "file-undecodable")


def test_broken_utf16_is_undecodable() -> None:
    d = decode(codecs.BOM_UTF16_LE + b"a\x00b")  # odd number of bytes
    assert (d.text, d.error) == (None, "file-undecodable")


def test_forced_encoding() -> None:
    raw = cp1258_bytes(TEXT)
    d = decode(raw, "cp1258")
    assert (d.text, d.encoding) == (TEXT, "cp1258")
    # forcing a wrong single-byte encoding still decodes (that is what forcing means)
    assert decode(TEXT.encode("utf-8"), "latin-1").encoding == "latin-1"


def test_forced_utf8_drops_a_bom() -> None:
    d = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8")
    assert d.text == TEXT


def test_forced_encoding_that_does_not_fit() -> None:
    d = decode(cp1258_bytes(TEXT), "utf-8")
    assert d.text is None
    assert d.error == "file-undecodable"
    assert d.message is not None and "utf-8" in d.message


def test_unknown_forced_encoding() -> None:
    d = decode(b"abc", "no-such-codec")
    assert (d.text, d.error) == (None, "file-undecodable")
    assert d.message is not None and "no-such-codec" in d.message
