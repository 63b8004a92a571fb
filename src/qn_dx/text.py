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
