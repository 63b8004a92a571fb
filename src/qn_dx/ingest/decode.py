"""Bytes → text, the way files arrive from Excel on Vietnamese Windows.

UTF-8 (with or without BOM), UTF-16 with BOM ("Unicode Text"), else Windows-1258. cp1258 writes
many letters as a base letter plus a combining tone mark, so everything is normalised to NFC.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..findings import msg
from ..text import nfc


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    error: str | None = None  # finding code when text is None
    message: str | None = None


# What --encoding suggests. Any text codec Python knows is accepted, except the few below.
SUGGESTED_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1258", "cp1252", "latin-1")
# Text codecs in name only: "undefined" always fails, the rest turn bytes into something that is
# not a CSV file's text (Python escapes, domain names).
_NOT_FOR_FILES = frozenset(
    {"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "mbcs", "oem"}
)


def encoding_problem(name: str) -> str | None:
    """Why ``name`` cannot be used to read a submission, or None when it can.

    Only text encodings: ``codecs.lookup`` also finds bytes-to-bytes codecs (rot13, base64, hex,
    zlib, bz2, uu, quopri), and those are refused.
    """
    accepted = ", ".join(SUGGESTED_ENCODINGS)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return msg("finding.file-undecodable.unknown-encoding", name=repr(name), accepted=accepted)
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FOR_FILES:
        return msg("finding.file-undecodable.not-text-encoding", name=repr(name), accepted=accepted)
    return None


def decode(raw: bytes, forced: str | None = None) -> Decoded:
    if forced:
        problem = encoding_problem(forced)
        if problem:
            return Decoded(None, None, "file-undecodable", problem)
        try:  # a forced "utf-8" keeps the BOM Excel writes; it is not part of the header
            return _ok(raw.decode(forced).removeprefix("\ufeff"), forced)
        except UnicodeDecodeError as exc:
            return Decoded(
                None,
                None,
                "file-undecodable",
                msg(
                    "finding.file-undecodable.forced",
                    encoding=forced,
                    byte=exc.start,
                    reason=exc.reason,
                ),
            )
        except (UnicodeError, ValueError, LookupError) as exc:  # a codec failing its own way
            return Decoded(
                None,
                None,
                "file-undecodable",
                msg("finding.file-undecodable.codec", encoding=forced, error=str(exc)),
            )
    if raw.startswith(codecs.BOM_UTF8):
        return _utf8(raw[3:], "utf-8-sig")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _ok(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            return Decoded(
                None,
                None,
                "file-undecodable",
                msg("finding.file-undecodable.utf16", reason=exc.reason),
            )
    if b"\x00" in raw:
        if _looks_utf16(raw):
            return Decoded(
                None,
                None,
                "file-binary",
                msg("finding.file-binary.utf16"),
            )
        return Decoded(None, None, "file-binary", msg("finding.file-binary"))
    try:
        return _ok(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(raw)
    if damaged is not None:  # UTF-8 with a few broken bytes: not a cp1258 file
        return damaged
    try:
        return _ok(raw.decode("cp1258"), "cp1258")
    except UnicodeDecodeError as exc:  # cp1258 leaves a few bytes undefined
        return Decoded(
            None, None, "file-undecodable", msg("finding.file-undecodable", error=str(exc))
        )


def _looks_utf16(raw: bytes) -> bool:
    """ASCII text as UTF-16 without a BOM: every other byte is NUL."""
    head = raw[:2000]
    return len(head) > 8 and (
        head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3
    )


MAX_BROKEN = 8  # invalid sequences tolerated in an otherwise UTF-8 file


def _damaged_utf8(raw: bytes) -> Decoded | None:
    """A UTF-8 file (it holds valid multi-byte letters) with a few invalid bytes: read as UTF-8,
    the broken bytes shown as U+FFFD so that their rows are refused where they are, instead of
    the whole file being read as Windows-1258 and every letter turning to mojibake."""
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid_letters = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if 0 < broken <= MAX_BROKEN and valid_letters >= 2 * broken:
        return Decoded(nfc(text.removeprefix("\ufeff")), "utf-8 (with invalid bytes)")
    return None


def _utf8(raw: bytes, label: str) -> Decoded:
    try:
        return _ok(raw.decode("utf-8"), label)
    except UnicodeDecodeError as exc:
        return Decoded(
            None,
            None,
            "file-undecodable",
            msg("finding.file-undecodable.bom", byte=exc.start),
        )


def _ok(text: str, encoding: str) -> Decoded:
    if "\x00" in text:
        return Decoded(None, None, "file-binary", msg("finding.file-binary.text"))
    return Decoded(nfc(text), encoding)
