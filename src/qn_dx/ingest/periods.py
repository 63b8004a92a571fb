"""Reporting periods: every spelling agencies use → one form (2023-Q1, 2023-03, 2023)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """A month, a quarter or a year. Ordered by the month it ends in, then by length.

    Periods are made once per spelling (``parse_period`` is cached) and compared millions of
    times, so everything derived is computed here once rather than in properties.
    """

    end_month_index: int  # year * 12 + last month (1-12): "dated at the period's end"
    span: int  # months covered: 1, 3 or 12
    year: int = field(compare=False)
    kind: str = field(compare=False)  # "M", "Q" or "Y"
    number: int = field(compare=False)  # month 1-12, quarter 1-4, or 0 for a year
    label: str = field(compare=False)
    first_month: int = field(compare=False)  # 1-12 within the year
    end_month: int = field(compare=False)
    months_mask: int = field(compare=False)  # bit m-1 set for each month m covered

    def overlaps(self, other: Period) -> bool:
        return self.year == other.year and bool(self.months_mask & other.months_mask)

    def __str__(self) -> str:
        return self.label


def _make(year: int, kind: str, number: int, end_month: int, span: int, label: str) -> Period:
    first = end_month - span + 1
    mask = ((1 << span) - 1) << (first - 1)
    return Period(year * 12 + end_month, span, year, kind, number, label, first, end_month, mask)


# Periods are frozen values: one object per period, made once (a national report asks for the
# months and quarters of the year millions of times while it looks for gaps in year-to-date sums).
@functools.lru_cache(maxsize=4096)
def month(year: int, m: int) -> Period:
    return _make(year, "M", m, m, 1, f"{year}-{m:02d}")


@functools.lru_cache(maxsize=4096)
def quarter(year: int, q: int) -> Period:
    return _make(year, "Q", q, 3 * q, 3, f"{year}-Q{q}")


@functools.lru_cache(maxsize=1024)
def whole_year(year: int) -> Period:
    return _make(year, "Y", 0, 12, 12, str(year))


_Q = r"(?:q|quy|qui)\s*([1-4]|i{1,3}|iv)"  # Quý and the older spelling Quí
_M = r"(?:t|thang)\s*(\d{1,2})"
_SEP = r"(?:\s*[/\-]\s*|\s+nam\s+|\s*,\s*nam\s+|\s+)"  # "/", " - ", " năm "
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})$"), "Y"),
    (re.compile(r"^(\d{4})\s*-?\s*q\s*([1-4])$"), "YQ"),  # 2023-Q1, 2023Q1
    (re.compile(r"^(\d{4})-(\d{2})$"), "YM"),  # 2023-03 (2023-1: a quarter or a month?)
    (re.compile(rf"^{_Q}{_SEP}(\d{{4}})$"), "QY"),  # Q1/2023, Quý I/2023, Quý II năm 2023
    (re.compile(rf"^{_M}{_SEP}(\d{{4}})$"), "MY"),  # T3/2023, Tháng 03 năm 2023
    (re.compile(r"^(\d{1,2})\s*/\s*(\d{4})$"), "MY"),  # 03/2023
    (re.compile(r"^nam\s*(\d{4})$"), "Y"),  # Năm 2023
]
_HALF = re.compile(
    r"^(?:6 thang (dau|cuoi)(?: nam)?|(?:nua|sau thang) (dau|cuoi)(?: nam)?|h([12])|"
    r"(first|second) half(?: of)?)\s*[/\-,]?\s*(?:nam\s*)?(\d{4})$"
)


@lru_cache(maxsize=4096)  # files repeat a handful of spellings thousands of times
def parse_period(text: str) -> Period | None:
    """Parse one spelling; None when it is not a period we understand."""
    key = fold(text)
    for pattern, shape in _PATTERNS:
        m = pattern.match(key)
        if not m:
            continue
        a, b = (m.group(1), m.group(2)) if m.lastindex and m.lastindex > 1 else (m.group(1), "")
        if shape == "Y":
            return whole_year(int(a))
        if shape == "YQ":
            return quarter(int(a), int(b))
        if shape == "YM":
            return month(int(a), int(b)) if 1 <= int(b) <= 12 else None
        if shape == "QY":
            q = ROMAN.get(a) or int(a)
            return quarter(int(b), q)
        if shape == "MY":
            return month(int(b), int(a)) if 1 <= int(a) <= 12 else None
    return None


def half_year(text: str) -> tuple[int, int] | None:
    """(year, 1 or 2) for a half-year spelling ("6 tháng đầu năm 2023", "H1/2023"): the plan
    has no half-year periods, so these are refused with a hint, never guessed."""
    m = _HALF.match(fold(text))
    if not m:
        return None
    which = next(g for g in m.groups()[:4] if g)
    first = which in ("dau", "1", "first")
    return int(m.group(5)), 1 if first else 2
