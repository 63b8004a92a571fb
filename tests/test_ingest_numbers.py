"""Numbers as Vietnamese Excel writes them: '.' or ',' as the decimal mark, no thousands
separators, an optional trailing % on percent values."""

from __future__ import annotations

import pytest

from qn_dx.ingest.numbers import is_whole, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0.0),
        ("7", 7.0),
        ("  12  ", 12.0),
        ("91.5", 91.5),
        ("91,5", 91.5),
        ("0,25", 0.25),
        (",5", 0.5),
        (".5", 0.5),
        ("5.", 5.0),
        ("+3", 3.0),
        ("-2", -2.0),  # the sign is read; negative-number is a validation rule
        ("1e3", 1000.0),
        ("1234567", 1234567.0),
    ],
)
def test_numbers(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed.error is None
    assert parsed.value == pytest.approx(value)
    assert not parsed.had_percent


def test_comma_is_a_decimal_mark_not_a_thousands_separator() -> None:
    parsed = parse_number("1,234")
    assert parsed.value == pytest.approx(1.234)
    assert parsed.comma_decimal
    assert not parse_number("1.234").comma_decimal


@pytest.mark.parametrize(("text", "value"), [("85%", 85.0), ("85 %", 85.0), ("91,5%", 91.5)])
def test_trailing_percent(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.had_percent


@pytest.mark.parametrize(
    "text",
    ["", " ", "abc", "12a", "%", "1 2", "1..2", "1,2,3", "--1", "1e999", "nan", "inf", "½", "0x10"],
)
def test_not_numbers(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.value is None
    assert parsed.error == "bad-number"
    assert parsed.hint


@pytest.mark.parametrize("text", ["1.234.567", "1,234,567", "1 234 567", "12.345,5"])
def test_thousands_separators_get_their_own_hint(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.error == "bad-number"
    assert parsed.hint is not None and "thousands" in parsed.hint


def test_is_whole() -> None:
    assert is_whole(3.0) and is_whole(0) and is_whole(1e6)
    assert not is_whole(1.234) and not is_whole(0.5)
