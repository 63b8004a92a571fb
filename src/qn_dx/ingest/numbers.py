"""Numbers as Vietnamese Excel writes them: ``91,5`` = ``91.5``; no thousands separators."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Parsed:
    value: float | None
    error: str | None = None  # finding code: bad-number
    hint: str | None = None
    had_percent: bool = False
    comma_decimal: bool = False  # "1,234": read as 1.234, worth a hint if a whole number is due


def parse_number(text: str) -> Parsed:
    raw = text.strip()
    had_percent = raw.endswith("%")
    if had_percent:
        raw = raw[:-1].rstrip()
    if not _NUMBER.match(raw):
        hint = "write digits only, e.g. 91,5 or 91.5"
        if re.fullmatch(r"[+-]?\d{1,3}([ .,\u00a0]\d{3})+([.,]\d+)?", raw):
            hint = "no thousands separators: write 1234567, not 1.234.567 or 1 234 567"
        return Parsed(None, "bad-number", hint)
    comma = "," in raw
    value = float(raw.replace(",", "."))
    if math.isinf(value) or math.isnan(value):
        return Parsed(None, "bad-number", "the number is too large")
    return Parsed(value, had_percent=had_percent, comma_decimal=comma)


def is_whole(value: float) -> bool:
    return float(value).is_integer()
