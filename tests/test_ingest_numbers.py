"""Numbers as Vietnamese and English writers write them: the marks, the ambiguous spellings, and
the style each spelling proves."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qn_dx.ingest.numbers import EN, VI, NumberStyle, is_whole, parse_number


@pytest.mark.parametrize(
    ("text", "value", "style"),
    [
        ("0", 0.0, None),
        ("7", 7.0, None),
        ("  12  ", 12.0, None),
        ("91.5", 91.5, EN),
        ("91,5", 91.5, VI),
        ("0,25", 0.25, VI),
        ("0.500", 0.5, EN),  # grouping never starts with 0: a decimal
        ("1234.567", 1234.567, EN),  # a thousands group has 1-3 digits before the mark
        (",5", 0.5, VI),
        (".5", 0.5, EN),
        ("5.", 5.0, None),
        ("+3", 3.0, None),
        ("-2", -2.0, None),  # the sign is read; negative-number is a validation rule
        ("1e3", 1000.0, None),
        ("1,5E+03", 1500.0, VI),  # the mantissa's mark says the style
        ("1234567", 1234567.0, None),
        ("1.234,5", 1234.5, VI),  # both marks: the last one is the decimal mark
        ("1,234.5", 1234.5, EN),
        ("12.345.678,25", 12345678.25, VI),
        ("1.234.567", 1234567.0, VI),  # one mark repeated: grouping
        ("1,234,567", 1234567.0, EN),
        ("1 234 567", 1234567.0, None),  # spaces group, and say nothing of the decimal mark
        ("1\u00a0234,5", 1234.5, VI),
    ],
)
def test_unambiguous_numbers(text: str, value: float, style: str | None) -> None:
    parsed = parse_number(text)
    assert parsed.error is None and parsed.ambiguity is None
    assert parsed.value == pytest.approx(value)
    assert parsed.style == style
    assert not parsed.had_percent


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [("3.000", 3000, 3), ("1,234", 1.234, 1234), ("72.500", 72500, 72.5), ("-4.000", -4000, -4)],
)
def test_a_single_mark_before_three_digits_is_ambiguous(text: str, vi: float, en: float) -> None:
    parsed = parse_number(text)
    assert parsed.value is None and parsed.error is None and parsed.style is None
    assert parsed.resolve(VI) == pytest.approx(vi)
    assert parsed.resolve(EN) == pytest.approx(en)
    assert parsed.resolve(None) is None


@pytest.mark.parametrize(("text", "value"), [("85%", 85.0), ("85 %", 85.0), ("91,5%", 91.5)])
def test_trailing_percent(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.had_percent


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "12a",
        "%",
        "1 2",
        "1..2",
        "1,2,3",
        "--1",
        "1e999",
        "2e306",
        "nan",
        "inf",
        "½",
        "0x10",
        "1.23,4",  # grouping by threes, or it is not grouping
        "1,234.567,8",
        "12.34.567",
        "1 23 456",
    ],
)
def test_not_numbers(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.value is None and parsed.ambiguity is None
    assert parsed.error == "bad-number"
    assert parsed.hint


def test_grouping_hints_say_threes() -> None:
    assert "three" in (parse_number("1.23,4").hint or "")
    assert "three" in (parse_number("12.34.567").hint or "")


def test_is_whole() -> None:
    assert is_whole(3.0) and is_whole(0) and is_whole(1e6)
    assert not is_whole(1.234) and not is_whole(0.5)


def test_number_style_majority_and_minority() -> None:
    style = NumberStyle()
    assert style.style is None and not style.mixed
    style.add(VI, "91,5", 2)
    style.add(VI, "1.234,5", 3)
    style.add(EN, "7.5", 9)
    assert style.style == VI and style.mixed
    assert style.is_minority(EN) and not style.is_minority(VI) and not style.is_minority(None)
    assert "line 2" in style.evidence() and "91,5" in style.evidence()
    tie = NumberStyle()
    tie.add(VI, "1,5", 2)
    tie.add(EN, "1.5", 3)
    assert tie.style is None and tie.is_minority(VI) and tie.is_minority(EN)


def _vi(x: float, decimals: int) -> str:
    text = f"{x:,.{decimals}f}"  # English grouping first, then swap the marks
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _en(x: float, decimals: int) -> str:
    return f"{x:,.{decimals}f}"


@given(
    whole=st.integers(0, 10**12),
    cents=st.integers(0, 99),
    decimals=st.sampled_from([0, 1, 2, 3]),
    grouped=st.booleans(),
    style=st.sampled_from([VI, EN]),
)
def test_round_trip_never_gives_a_different_number(
    whole: int, cents: int, decimals: int, grouped: bool, style: str
) -> None:
    """Formatted as a Vietnamese or English writer would, a number reads back as itself, or is
    ambiguous and then reads as itself in the writer's style: never as a different number."""
    x = whole + cents / 100 if decimals else float(whole)
    x = round(x, decimals)
    text = (_vi if style == VI else _en)(x, decimals)
    if not grouped:
        text = text.replace("." if style == VI else ",", "")
    parsed = parse_number(text)
    assert parsed.error is None, text
    if parsed.ambiguity is not None:
        assert parsed.resolve(style) == pytest.approx(x), text
    else:
        assert parsed.value == pytest.approx(x), text
        assert parsed.style in (style, None), text
