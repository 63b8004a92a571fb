"""Numbers as Vietnamese and English writers write them.

Vietnamese style: ``.`` groups thousands and ``,`` is the decimal mark (``1.234,5``). English
style: the reverse (``1,234.5``). Most spellings say which style they are in; one does not: a
single mark followed by exactly three digits (``3.000``, ``1,234``) is three thousand in one style
and three in the other. ``parse_number`` reads one spelling and says what it proves about the
writer's style; the file as a whole decides the ambiguous ones (see ``NumberStyle``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..findings import msg

VI = "vi"  # "." groups thousands, "," is the decimal mark
EN = "en"  # "," groups thousands, "." is the decimal mark
STYLE_NAMES = {
    VI: msg("words.style.vi"),  # Vietnamese style ('.' groups thousands, ',' is the decimal mark)
    EN: msg("words.style.en"),
}
# Excel keeps 15 significant digits; a figure this large is a typo or an attack, never a count
# of a province's documents, and sums of such figures would overflow to infinity.
MAX_MAGNITUDE = 1e15

_SPACES = "\u0020\u00a0\u202f"  # space, no-break space, narrow no-break space (never decimal)
_PLAIN = re.compile(r"^\d+$")
_EXPONENT = re.compile(r"^(\d+(?:[.,]\d*)?|[.,]\d+)[eE]([+-]?\d{1,3})$")
_WITH_WORDS = re.compile(r"^(\d[\d.,]*)\s*[^\W\d_]{2,}.*$")  # digits, then a word of letters
_SPACE_GROUPED = re.compile(r"^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)([.,]\d+)?$")


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """``3.000`` / ``1,234``: a single mark, then exactly three digits."""

    mark: str  # "." or ","
    grouped: float  # read as thousands grouping: 3000
    decimal: float  # read as a decimal mark: 3.0

    def read_as(self, style: str) -> float:
        grouping = (self.mark == ".") == (style == VI)
        return self.grouped if grouping else self.decimal


@dataclass(frozen=True, slots=True)
class Parsed:
    value: float | None  # None on error, and for an ambiguous spelling (see ``ambiguity``)
    error: str | None = None  # finding code: bad-number
    hint: str | None = None
    had_percent: bool = False
    style: str | None = None  # the style this spelling proves (VI or EN), if any
    ambiguity: Ambiguity | None = None

    def resolve(self, style: str | None) -> float | None:
        """The number, reading an ambiguous spelling in ``style`` (None: stays unresolved)."""
        if self.ambiguity is None:
            return self.value
        return None if style is None else self.ambiguity.read_as(style)


def _bad(hint: str) -> Parsed:
    return Parsed(None, "bad-number", hint)


_HINT_DIGITS = msg("finding.bad-number.digits.hint")
TOO_LARGE = msg("finding.bad-number.too-large.hint")
_HINT_GROUPS = msg("finding.bad-number.groups.hint")


@lru_cache(maxsize=8192)  # a file repeats its spellings; Parsed is immutable
def parse_number(text: str) -> Parsed:
    raw = str(text).strip()
    had_percent = raw.endswith("%")
    if had_percent:
        raw = raw[:-1].rstrip()
    sign = 1.0
    if raw[:1] in ("+", "-"):
        sign = -1.0 if raw[0] == "-" else 1.0
        raw = raw[1:]
    parsed = _unsigned(raw)
    if parsed.error is not None:
        return parsed
    value = None if parsed.value is None else sign * parsed.value + 0.0  # no -0
    amb = parsed.ambiguity
    if amb is not None:
        amb = Ambiguity(amb.mark, sign * amb.grouped, sign * amb.decimal)
        if abs(amb.grouped) >= MAX_MAGNITUDE:
            return _bad(TOO_LARGE)
    elif value is None or not math.isfinite(value) or abs(value) >= MAX_MAGNITUDE:
        return _bad(TOO_LARGE)
    return Parsed(value, None, None, had_percent, parsed.style, amb)


def _unsigned(raw: str) -> Parsed:
    if _PLAIN.match(raw):
        return Parsed(float(raw))
    if not raw or raw[0] not in "0123456789.,":
        return _bad(_HINT_DIGITS)
    m = _EXPONENT.match(raw)
    if m:  # 1,5E+03 / 1.5E+03: the mantissa always has a decimal mark, never grouping
        mantissa = m.group(1)
        style = VI if "," in mantissa else EN if "." in mantissa else None
        return Parsed(float(mantissa.replace(",", ".") + "e" + m.group(2)), style=style)
    words = _WITH_WORDS.match(raw)
    if words:  # "150 văn bản", "12 hộ": a figure with its unit written after it
        return _bad(msg("finding.bad-number.unit-word.hint", number=words.group(1)))
    if any(s in raw for s in _SPACES):
        m = _SPACE_GROUPED.match(raw)
        if not m:
            return _bad(msg("finding.bad-number.space-groups.hint"))
        whole = re.sub(r"\D", "", m.group(1))
        frac = m.group(2) or ""
        style = (VI if frac[:1] == "," else EN) if frac else None
        return Parsed(float(whole + ("." + frac[1:] if frac else "")), style=style)
    dots, commas = raw.count("."), raw.count(",")
    if not re.fullmatch(r"[\d.,]+", raw) or not any(c.isdigit() for c in raw):
        return _bad(_HINT_DIGITS)
    if dots and commas:  # both marks: the last one is the decimal mark, the other groups
        decimal = "." if raw.rfind(".") > raw.rfind(",") else ","
        group = "," if decimal == "." else "."
        pattern = rf"^\d{{1,3}}(?:{re.escape(group)}\d{{3}})+{re.escape(decimal)}\d+$"
        if not re.match(pattern, raw):
            example = "1.234,5" if decimal == "," else "1,234.5"
            return _bad(msg("finding.bad-number.marks.hint", example=example))
        value = float(raw.replace(group, "").replace(decimal, "."))
        return Parsed(value, style=VI if decimal == "," else EN)
    mark = "." if dots else ","
    count = dots or commas
    if count > 1:  # one mark repeated: thousands grouping, checked by threes
        if not re.match(rf"^\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+$", raw):
            return _bad(_HINT_GROUPS)
        return Parsed(float(raw.replace(mark, "")), style=VI if mark == "." else EN)
    whole, frac = raw.split(mark)
    if not frac:  # "5." — a trailing mark says nothing
        return Parsed(float(whole))
    decimal_value = float((whole or "0") + "." + frac)
    if len(frac) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        return Parsed(None, ambiguity=Ambiguity(mark, float(whole + frac), decimal_value))
    return Parsed(decimal_value, style=VI if mark == "," else EN)


def is_whole(value: float) -> bool:
    return float(value).is_integer()


@dataclass
class NumberStyle:
    """The number style of one file, from its own evidence: the lines that prove each style."""

    vi: int = 0  # lines with a spelling that only a Vietnamese-style writer uses
    en: int = 0
    first_vi: tuple[str, int] | None = None  # (spelling, line) that proved it first
    first_en: tuple[str, int] | None = None
    reported: bool = False  # the number-style warning is given once per file

    def add(self, style: str, spelling: str, line: int) -> None:
        if style == VI:
            self.vi += 1
            self.first_vi = self.first_vi or (spelling, line)
        else:
            self.en += 1
            self.first_en = self.first_en or (spelling, line)

    def merge(self, other: NumberStyle) -> None:
        self.vi += other.vi
        self.en += other.en
        self.first_vi = self.first_vi or other.first_vi
        self.first_en = self.first_en or other.first_en

    @property
    def mixed(self) -> bool:
        return bool(self.vi and self.en)

    @property
    def style(self) -> str | None:
        """The file's style: the majority when both appear; None with no evidence or a tie."""
        if self.vi > self.en:
            return VI
        if self.en > self.vi:
            return EN
        return None

    def is_minority(self, style: str | None) -> bool:
        """A spelling of ``style`` disagrees with the file (on a tie, both sides do)."""
        return style is not None and self.mixed and style != self.style

    def evidence(self) -> str:  # words (a Msg), or "" with no evidence
        first = self.first_vi if self.style == VI else self.first_en
        return msg("words.evidence", line=first[1], text=repr(first[0])) if first else ""
