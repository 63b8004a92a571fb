"""The quarterly summary's computation: previous quarter, status changes, furthest-from-goal list.

Hand computation used below (EG-01: ratio, ≥ 100 %, rule latest, province):
- Q1 60/100 → 60 %; one point, so the projection is 60 < 100 → off_track.
- Q2 80/100 → 80 %; points (month 3, 60) and (6, 80): slope 20/3 per month through the mean
  (4.5, 70), read at month 12: 70 + 20/3 × 7.5 = 120 ≥ 100 → on_track.
"""

from __future__ import annotations

import pytest

from qn_dx.compute.summary import FURTHEST, compute_summary, previous_quarter
from qn_dx.ingest.periods import parse_period
from qn_dx.plan import Plan
from qn_dx.validate.model import Observation, TaskReport


def _p(label: str):  # type: ignore[no-untyped-def]
    period = parse_period(label)
    assert period is not None
    return period


def ratio(indicator: str, unit: str, period: str, num: float, den: float) -> Observation:
    return Observation(indicator, unit, _p(period), num, den, None, None, "", "a.csv", 2)


def value(indicator: str, unit: str, period: str, v: float) -> Observation:
    return Observation(indicator, unit, _p(period), None, None, v, None, "", "a.csv", 3)


EG01 = [ratio("EG-01", "51", "2023-Q1", 60, 100), ratio("EG-01", "51", "2023-Q2", 80, 100)]


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        ("2023-Q1", None),
        ("2023-Q2", "2023-Q1"),
        ("2023-Q3", "2023-Q2"),
        ("2023-Q4", "2023-Q3"),
        ("2023-01", None),
        ("2023-03", None),
        ("2023-05", "2023-Q1"),
        ("2023-12", "2023-Q3"),
        ("2023", "2023-Q3"),  # an annual P counts as Q4
    ],
)
def test_previous_quarter(p: str, expected: str | None) -> None:
    prev = previous_quarter(_p(p))
    assert (prev.label if prev else None) == expected


def test_status_change_between_quarters(plan: Plan) -> None:
    s = compute_summary(plan, EG01, [], _p("2023-Q2"))
    assert s.previous is not None and s.previous.label == "2023-Q1"
    changes = s.changes()
    assert [
        (then.id, then.status, then.actual, now.status, now.actual) for then, now in changes
    ] == [("EG-01", "off_track", 60.0, "on_track", 80.0)]
    now = changes[0][1]
    assert now.projection == pytest.approx(120.0)


def test_then_is_computed_with_the_same_rules(plan: Plan) -> None:
    s = compute_summary(plan, EG01, [], _p("2023-Q2"))
    then = s.then("EG-01")
    assert then is not None
    assert (then.actual, then.status, then.gap, then.projection) == (60.0, "off_track", 40.0, 60.0)
    # A target with no data is no_data both times, and not a change.
    assert s.then("EG-02").status == "no_data"  # type: ignore[union-attr]


def test_no_previous_at_q1(plan: Plan) -> None:
    s = compute_summary(plan, EG01, [], _p("2023-Q1"))
    assert s.previous is None
    assert s.previous_report is None
    assert s.then("EG-01") is None
    assert s.changes() == []


def test_no_change_when_status_holds(plan: Plan) -> None:
    # 50 % then 55 %: projection (3, 50), (6, 55) → 52.5 + 5/3 × 7.5 = 65 < 100: off_track twice.
    data = [ratio("EG-01", "51", "2023-Q1", 50, 100), ratio("EG-01", "51", "2023-Q2", 55, 100)]
    s = compute_summary(plan, data, [], _p("2023-Q2"))
    assert s.changes() == []
    assert s.report.targets[0].projection == pytest.approx(65.0)


def test_furthest_ordered_by_gap_relative_to_target(plan: Plan) -> None:
    data = [
        ratio("EG-01", "51", "2023-Q2", 80, 100),  # ≥ 100: gap 20, 20/100 = 0.20
        ratio("EG-02", "51", "2023-Q2", 80, 100),  # ≥ 100: gap 20, 0.20 (tie: plan order)
        ratio("EG-03", "51", "2023-Q2", 35, 100),  # > 70: gap 35, 35/70 = 0.50
        ratio("EG-16", "21034", "2023-Q2", 4, 10),  # ≥ 70: gap 30, 30/70 = 0.428571…
        ratio("EG-04", "21010", "2023-Q2", 9, 10),  # ≥ 60: 90 %, met — not listed
        value("DE-07", "51", "2023-Q2", 48),  # rank ≤ 32: gap 48 − 32 = 16, 16/32 = 0.50
    ]
    s = compute_summary(plan, data, [], _p("2023-Q2"))
    got = [(r.id, r.gap, round(rel, 6)) for r, rel in s.furthest()]
    assert got == [
        ("EG-03", 35.0, 0.5),  # ties with DE-07 at 0.5: EG-03 comes first in the plan
        ("DE-07", 16.0, 0.5),
        ("EG-16", 30.0, round(30 / 70, 6)),
        ("EG-01", 20.0, 0.2),
        ("EG-02", 20.0, 0.2),
    ]


def test_furthest_keeps_ten(plan: Plan) -> None:
    # 12 province-wide ratio targets at 0 %: all have relative gap 1.0; the first 10 in plan order.
    ids = ["EG-01", "EG-02", "EG-03", "EG-06", "EG-19", "EG-20"]
    ids += ["DG-07", "DG-09", "DG-10", "DG-11", "DE-01", "DE-02"]
    data = [ratio(i, "51", "2023-Q2", 0, 100) for i in ids]
    s = compute_summary(plan, data, [], _p("2023-Q2"))
    assert FURTHEST == 10
    assert [r.id for r, _rel in s.furthest()] == ids[:10]
    assert all(rel == 1.0 for _r, rel in s.furthest())


def test_tasks_and_missing_are_computed_at_p(plan: Plan) -> None:
    reports = [TaskReport("NV-1.1", _p("2023-Q2"), "delayed", 30, "", "t.csv", 2)]
    s = compute_summary(plan, EG01, reports, _p("2023-Q2"))
    assert len(s.tasks) == 76
    assert s.tasks[0].task.id == "NV-1.1"
    assert s.tasks[0].status == "delayed"
    # EG-01 is the one pair reported at Q2.
    assert (s.missing.overall.reported, s.missing.overall.expected) == (1, 700)
