"""Text helpers for Vietnamese input: NFC, diacritic folding and "did you mean" suggestions."""

from __future__ import annotations

import difflib
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
