"""Task status as of P, computed directly from TaskReport objects; every expectation by hand."""

from __future__ import annotations

import pytest

from qn_dx.compute.tasks import TASK_STATUSES, TaskState, task_states
from qn_dx.ingest.periods import parse_period
from qn_dx.plan import Plan
from qn_dx.validate.model import TaskReport


def _p(label: str):  # type: ignore[no-untyped-def]
    period = parse_period(label)
    assert period is not None, label
    return period


def rep(
    task_id: str,
    period: str,
    status: str,
    progress: float | None = None,
    file: str = "t1.csv",
    line: int = 2,
) -> TaskReport:
    return TaskReport(task_id, _p(period), status, progress, "", file, line)


# Two progress files, as two agencies would send them:
#   t1.csv: NV-1.1 Q1 in_progress 20 (line 2), NV-1.1 Q3 done 100 (line 3), NV-2.1 Q1 delayed 10
#   t2.csv: NV-1.1 Q2 delayed 30 (line 2), NV-2.2 Q2 done 100 (line 3)
REPORTS = [
    rep("NV-1.1", "2023-Q1", "in_progress", 20, "t1.csv", 2),
    rep("NV-1.1", "2023-Q3", "done", 100, "t1.csv", 3),
    rep("NV-2.1", "2023-Q1", "delayed", 10, "t1.csv", 4),
    rep("NV-1.1", "2023-Q2", "delayed", 30, "t2.csv", 2),
    rep("NV-2.2", "2023-Q2", "done", 100, "t2.csv", 3),
]


def _by_id(plan: Plan, reports: list[TaskReport], as_of: str) -> dict[str, TaskState]:
    return {s.task.id: s for s in task_states(plan, reports, _p(as_of))}


def test_one_state_per_task_in_plan_order(plan: Plan) -> None:
    states = task_states(plan, REPORTS, _p("2023-Q2"))
    assert len(states) == 76
    assert [s.task.id for s in states] == [t.id for t in plan.tasks]
    assert {s.status for s in states} <= set(TASK_STATUSES)


def test_latest_report_at_or_before_p_wins_across_files(plan: Plan) -> None:
    s = _by_id(plan, REPORTS, "2023-Q2")["NV-1.1"]
    # Q1 (t1.csv) and Q2 (t2.csv) are at or before Q2; Q2 is the later one. Q3 is after P.
    assert (s.status, s.progress, s.period) == ("delayed", 30, "2023-Q2")
    assert s.report is not None
    assert (s.report.file, s.report.line) == ("t2.csv", 2)


def test_a_report_after_p_is_ignored(plan: Plan) -> None:
    q1 = _by_id(plan, REPORTS, "2023-Q1")
    assert (q1["NV-1.1"].status, q1["NV-1.1"].progress, q1["NV-1.1"].period) == (
        "in_progress",
        20,
        "2023-Q1",
    )
    # NV-2.2's only report is for Q2: at Q1 there is none yet.
    assert q1["NV-2.2"].status == "not_reported"


def test_later_quarter_takes_over(plan: Plan) -> None:
    q3 = _by_id(plan, REPORTS, "2023-Q3")
    assert (q3["NV-1.1"].status, q3["NV-1.1"].progress, q3["NV-1.1"].period) == (
        "done",
        100,
        "2023-Q3",
    )
    # NV-2.1 reported only in Q1: carried forward to Q3.
    assert (q3["NV-2.1"].status, q3["NV-2.1"].progress, q3["NV-2.1"].period) == (
        "delayed",
        10,
        "2023-Q1",
    )


def test_order_of_the_reports_does_not_matter(plan: Plan) -> None:
    forward = _by_id(plan, REPORTS, "2023-Q2")
    backward = _by_id(plan, list(reversed(REPORTS)), "2023-Q2")
    assert {k: (v.status, v.progress, v.period) for k, v in forward.items()} == {
        k: (v.status, v.progress, v.period) for k, v in backward.items()
    }


def test_not_reported_where_there_is_no_report(plan: Plan) -> None:
    s = _by_id(plan, REPORTS, "2023-Q2")["NV-1.2"]
    assert s.status == "not_reported"
    assert (s.progress, s.period, s.report, s.reported_for_period) == (None, None, None, False)
    counts = {
        st: sum(1 for x in task_states(plan, REPORTS, _p("2023-Q2")) if x.status == st)
        for st in TASK_STATUSES
    }
    # NV-1.1 delayed, NV-2.1 delayed, NV-2.2 done; the other 73 have no report.
    assert counts == {
        "done": 1,
        "in_progress": 0,
        "delayed": 2,
        "not_started": 0,
        "overdue": 0,
        "not_reported": 73,
    }


def test_reports_outside_the_plan_year_are_ignored(plan: Plan) -> None:
    old = [rep("NV-1.2", "2022-Q4", "done", 100)]
    assert _by_id(plan, old, "2023-Q1")["NV-1.2"].status == "not_reported"


def test_a_month_report_counts_within_its_quarter(plan: Plan) -> None:
    reports = [rep("NV-1.3", "2023-04", "in_progress", 5)]
    q2 = _by_id(plan, reports, "2023-Q2")["NV-1.3"]
    assert (q2.status, q2.progress, q2.period, q2.reported_for_period) == (
        "in_progress",
        5,
        "2023-04",
        True,
    )
    # April is after March: nothing at Q1.
    assert _by_id(plan, reports, "2023-Q1")["NV-1.3"].status == "not_reported"


def test_reported_for_period_only_for_a_report_within_p(plan: Plan) -> None:
    q2 = _by_id(plan, REPORTS, "2023-Q2")
    assert q2["NV-1.1"].reported_for_period is True  # Q2 report
    assert q2["NV-2.2"].reported_for_period is True  # Q2 report
    assert q2["NV-2.1"].reported_for_period is False  # carried from Q1
    assert q2["NV-1.2"].reported_for_period is False  # none


@pytest.mark.parametrize("year_end", ["2023-Q4", "2023-12", "2023"])
def test_at_the_year_end_not_done_is_overdue(plan: Plan, year_end: str) -> None:
    states = _by_id(plan, REPORTS, year_end)
    # NV-1.1 was done in Q3: done stays done.
    assert (states["NV-1.1"].status, states["NV-1.1"].progress) == ("done", 100)
    assert states["NV-2.2"].status == "done"
    # NV-2.1 was last delayed: overdue, with its last progress kept.
    assert (states["NV-2.1"].status, states["NV-2.1"].progress) == ("overdue", 10)
    # Never reported: overdue too.
    assert states["NV-1.2"].status == "overdue"
    statuses = [s.status for s in states.values()]
    assert statuses.count("done") == 2
    assert statuses.count("overdue") == 74
    assert "not_reported" not in statuses


def test_before_the_year_end_nothing_is_overdue(plan: Plan) -> None:
    states = task_states(plan, REPORTS, _p("2023-11"))
    assert "overdue" not in {s.status for s in states}
