"""Text helpers for Vietnamese input: NFC, diacritic folding and "did you mean" suggestions."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not d plus a combining mark, so NFD does not strip them.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    """Normalise to NFC: Vietnamese typed on Windows is often decomposed (NFD) or mixed."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip diacritics and collapse spaces: ``"  Sở Y tế "`` → ``"so y te"``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()


_DIGITS = re.compile(r"\d+")


def same_number(
    query: str, candidates: Iterable[str], n: int = 1, cutoff: float = 0.5
) -> list[str]:
    """``closest``, but never proposing another number: ``EG-4`` may become ``EG-04``, never
    ``EG-14``; ``21011`` gets no other unit code. A query without digits is matched by name."""
    numbers = [int(x) for x in _DIGITS.findall(query)]
    if not numbers:
        return closest(query, candidates, n=n, cutoff=cutoff)
    same = [c for c in candidates if [int(x) for x in _DIGITS.findall(c)] == numbers]
    return closest(query, same, n=n, cutoff=cutoff)


def closest(query: str, candidates: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The candidates nearest to ``query``, compared after folding (best first)."""
    by_fold: dict[str, str] = {}
    for cand in candidates:
        by_fold.setdefault(fold(cand), cand)
    hits = difflib.get_close_matches(fold(query), list(by_fold), n=n, cutoff=cutoff)
    return [by_fold[h] for h in hits]


# Vietnamese alphabetical order: ă, â, đ, ê, ô, ơ, ư are letters of their own; tones sort after
# the letter (ngang, huyền, hỏi, ngã, sắc, nặng). Sorting by code points puts "Đ" after "Z".
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # ` ̉ ~ ´ .
_SHAPES = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn


@functools.lru_cache(maxsize=1 << 17)  # a national registry's names are sorted more than once
def vi_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A key that sorts Vietnamese names as a Vietnamese reader expects (Bình < Đức < Hà)."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if ch in _TONES:
            if tones:
                tones[-1] = _TONES[ch]
            continue
        if ch in _SHAPES and letters:
            base = _ALPHABET[letters[-1]] if letters[-1] < len(_ALPHABET) else ""
            shaped = {
                "a\u0306": "ă",
                "a\u0302": "â",
                "e\u0302": "ê",
                "o\u0302": "ô",
                "o\u031b": "ơ",
                "u\u031b": "ư",
            }.get(base + ch)
            if shaped:
                letters[-1] = _LETTER_RANK[shaped]
            continue
        if unicodedata.combining(ch):
            continue
        rank = -1 if ch.isspace() else _LETTER_RANK.get(ch, len(_ALPHABET) + ord(ch))
        letters.append(rank)
        tones.append(0)
    return tuple(letters), tuple(tones), text


# Characters that must never reach a terminal, a log or a one-line-per-finding format as they
# are: C0/C1 controls (a newline forges a line, ESC drives the terminal), DEL, line and paragraph
# separators, bidirectional overrides ("Trojan Source"), and lone surrogates (the bytes of a file
# name that is not UTF-8, as Python decodes it on Linux).
_UNSAFE = re.compile(
    # controls, zero-width characters and a stray BOM (invisible, so a name that holds one looks
    # like another), bidi marks and overrides, line separators, lone surrogates
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069"
    "\ufeff\ud800-\udfff]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SURROGATES = re.compile("[\ud800-\udfff]")


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    cp = ord(ch)
    if 0xDC80 <= cp <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{cp - 0xDC00:02x}"
    return f"\\x{cp:02x}" if cp <= 0xFF else f"\\u{cp:04x}"


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character shown as an escape (``\\n``, ``\\x1b``, ``\\u202e``),
    so that it stays on one line and cannot drive a terminal or forge a line of output. The
    characters in ``keep`` (say, newline and tab in a quoted CSV cell) are left as they are."""
    if not _UNSAFE.search(text):
        return text
    if keep:
        return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape_char(m), text)
    return _UNSAFE.sub(_escape_char, text)


def clean(text: str) -> str:
    """``text`` as valid Unicode: lone surrogates (a non-UTF-8 file name) become ``\\xNN``;
    everything else is kept. For formats that escape controls themselves (JSON, CSV)."""
    return _SURROGATES.sub(_escape_char, text) if _SURROGATES.search(text) else text
