"""Reporting periods: every spelling agencies use → one form (2023-Q1, 2023-03, 2023)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, order=True)
class Period:
    """A month, a quarter or a year. Ordered by the month it ends in, then by length."""

    end_month_index: int  # year * 12 + last month (1-12): "dated at the period's end"
    span: int  # months covered: 1, 3 or 12
    year: int
    kind: str  # "M", "Q" or "Y"
    number: int  # month 1-12, quarter 1-4, or 0 for a year

    @property
    def label(self) -> str:
        if self.kind == "M":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "Q":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def first_month(self) -> int:
        return self.end_month - self.span + 1

    @property
    def end_month(self) -> int:
        return self.end_month_index - self.year * 12

    def overlaps(self, other: Period) -> bool:
        if self.year != other.year:
            return False
        return self.first_month <= other.end_month and other.first_month <= self.end_month

    def __str__(self) -> str:
        return self.label


def month(year: int, m: int) -> Period:
    return Period(year * 12 + m, 1, year, "M", m)


def quarter(year: int, q: int) -> Period:
    return Period(year * 12 + 3 * q, 3, year, "Q", q)


def whole_year(year: int) -> Period:
    return Period(year * 12 + 12, 12, year, "Y", 0)


def year_end(year: int) -> set[str]:
    """Labels that mean "the plan year's last period"."""
    return {f"{year}-Q4", f"{year}-12", str(year)}


_Q = r"(?:q|quy)\s*([1-4]|i{1,3}|iv)"
_M = r"(?:t|thang)\s*(\d{1,2})"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})$"), "Y"),
    (re.compile(r"^(\d{4})\s*-?\s*q\s*([1-4])$"), "YQ"),  # 2023-Q1, 2023Q1
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "YM"),  # 2023-03
    (re.compile(rf"^{_Q}\s*[/\-]\s*(\d{{4}})$"), "QY"),  # Q1/2023, Q1-2023, Quý I/2023
    (re.compile(rf"^{_M}\s*[/\-]\s*(\d{{4}})$"), "MY"),  # T3/2023, Tháng 3/2023
    (re.compile(r"^(\d{1,2})\s*/\s*(\d{4})$"), "MY"),  # 03/2023
    (re.compile(r"^nam\s*(\d{4})$"), "Y"),  # Năm 2023
]


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
