"""Reporting periods: every spelling agencies use → one normal form (2023-Q1, 2023-03, 2023)."""

from __future__ import annotations

import unicodedata

import pytest

from qn_dx.compute.engine import is_year_end
from qn_dx.ingest.periods import month, parse_period, quarter, whole_year


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # quarters
        ("2023-Q1", "2023-Q1"),
        ("2023-q1", "2023-Q1"),
        ("2023Q1", "2023-Q1"),
        ("2023 Q2", "2023-Q2"),
        ("Q1/2023", "2023-Q1"),
        ("Q1-2023", "2023-Q1"),
        ("q3/2023", "2023-Q3"),
        ("Quý 1/2023", "2023-Q1"),
        ("Quý I/2023", "2023-Q1"),
        ("Quý II/2023", "2023-Q2"),
        ("Quý III/2023", "2023-Q3"),
        ("Quý IV/2023", "2023-Q4"),
        ("QUÝ IV/2022", "2022-Q4"),
        ("quy ii/2023", "2023-Q2"),
        ("Quý II - 2023", "2023-Q2"),
        # months
        ("2023-03", "2023-03"),
        ("2023-12", "2023-12"),
        ("T3/2023", "2023-03"),
        ("t12/2023", "2023-12"),
        ("Tháng 3/2023", "2023-03"),
        ("tháng 11/2022", "2022-11"),
        ("03/2023", "2023-03"),
        ("3/2023", "2023-03"),
        # years
        ("2023", "2023"),
        ("2022", "2022"),
        ("  2023-Q1  ", "2023-Q1"),
    ],
)
def test_spellings_normalise(text: str, label: str) -> None:
    period = parse_period(text)
    assert period is not None, text
    assert period.label == label
    assert str(period) == label


def test_decomposed_vietnamese_is_read_like_composed() -> None:
    nfd = unicodedata.normalize("NFD", "Quý IV/2023")
    assert nfd != "Quý IV/2023"
    assert parse_period(nfd) == parse_period("Quý IV/2023") == quarter(2023, 4)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "2023-Q5",
        "2023-Q0",
        "Q5/2023",
        "Quý V/2023",
        "2023-13",
        "2023-00",
        "T13/2023",
        "T0/2023",
        "13/2023",
        "00/2023",
        "Tháng 14/2023",
        "23-Q1",
        "Q1/23",
        "2023-Q1-03",
        "Q1 2023 Q2",
    ],
)
def test_unreadable_spellings_give_none(text: str) -> None:
    assert parse_period(text) is None


def test_kinds_and_months() -> None:
    m, q, y = parse_period("T3/2023"), parse_period("Quý I/2023"), parse_period("2023")
    assert m is not None and q is not None and y is not None
    assert (m.kind, m.number, m.span, m.first_month, m.end_month) == ("M", 3, 1, 3, 3)
    assert (q.kind, q.number, q.span, q.first_month, q.end_month) == ("Q", 1, 3, 1, 3)
    assert (y.kind, y.number, y.span, y.first_month, y.end_month) == ("Y", 0, 12, 1, 12)
    assert quarter(2023, 4).first_month == 10


def test_overlaps() -> None:
    q1 = quarter(2023, 1)
    assert month(2023, 3).overlaps(q1) and q1.overlaps(month(2023, 3))
    assert month(2023, 1).overlaps(q1)
    assert not month(2023, 4).overlaps(q1)
    assert q1.overlaps(whole_year(2023)) and whole_year(2023).overlaps(quarter(2023, 4))
    assert not q1.overlaps(quarter(2023, 2))
    assert not q1.overlaps(quarter(2022, 1))  # a different year never overlaps
    assert not whole_year(2022).overlaps(whole_year(2023))
    assert not month(2023, 2).overlaps(month(2023, 3))
    assert q1.overlaps(q1)


def test_order_is_by_end_month_then_length() -> None:
    labels = ["2023", "2023-Q4", "2023-12", "2023-Q1", "2023-03", "2022"]
    periods = [parse_period(t) for t in labels]
    assert all(p is not None for p in periods)
    ordered = [p.label for p in sorted(periods)]  # type: ignore[type-var]
    assert ordered == ["2022", "2023-03", "2023-Q1", "2023-12", "2023-Q4", "2023"]


def test_year_end_labels() -> None:
    # the one definition of "the year's last period" (compute.engine.is_year_end)
    ends = {
        p
        for p in ("2023-Q4", "2023-12", "2023", "2023-Q3", "2023-11", "2023-01")
        if is_year_end(parse_period(p))
    }  # type: ignore[arg-type]
    assert ends == {"2023-Q4", "2023-12", "2023"}


def test_equal_spellings_are_equal_periods() -> None:
    spellings = ["2023-Q2", "2023Q2", "Q2/2023", "Q2-2023", "Quý 2/2023", "Quý II/2023"]
    assert len({parse_period(s) for s in spellings}) == 1
