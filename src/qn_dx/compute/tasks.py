"""Task progress as of a period P: each task's latest reported status and progress."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ingest.periods import Period
from ..plan import Plan
from ..plan.registry import task_reporters
from ..validate.model import TaskReport
from .engine import is_year_end

if TYPE_CHECKING:
    from ..plan.models import Task

TASK_STATUSES = ("done", "in_progress", "delayed", "not_started", "overdue", "not_reported")


@dataclass(frozen=True)
class TaskState:
    task: Task
    status: str  # one of TASK_STATUSES
    progress: float | None
    period: str | None  # the period of the report the status comes from
    report: TaskReport | None
    reported_for_period: bool  # a report dated within P itself (not carried from earlier)
    # Reports that name their unit: how many of the task's reporters (its leads, each member of
    # a lead group) have reported, of how many. A report without a unit speaks for the task.
    units_reported: int = 0
    units_expected: int = 0


def task_states(plan: Plan, reports: Iterable[TaskReport], as_of: Period) -> list[TaskState]:
    """Latest report at or before P within the plan year, per task and reporting agency, in the
    plan's task order. A task several agencies report (a shared lead) is done when every one of
    them says done, delayed when any says delayed; its progress is their mean.

    When reports name their unit, a task is done only when every expected reporter (each lead,
    each member of a lead group) says done: one commune's "done" does not finish a task all
    communes lead. A report without a unit speaks for the whole task.

    At the plan year's last period a task that is not done is ``overdue``, reported or not.
    """
    latest: dict[str, dict[str | None, TaskReport]] = {}
    for r in reports:
        if r.period.year != plan.plan_year or r.period.end_month_index > as_of.end_month_index:
            continue
        by_unit = latest.setdefault(r.task_id, {})
        held = by_unit.get(r.unit_code)
        if held is None or _recency(r) > _recency(held):
            by_unit[r.unit_code] = r
    first_month = as_of.end_month_index - as_of.span + 1
    year_end = is_year_end(as_of)
    states = []
    for task in plan.tasks:
        by_unit = latest.get(task.id, {})
        found = sorted(by_unit.values(), key=_recency)
        last = found[-1] if found else None
        status = _combined([x.status for x in found]) if found else "not_reported"
        expected = task_reporters(plan, task)
        named = {u for u in by_unit if u is not None}
        reported = len(named & expected) if None not in by_unit else len(expected)
        if status == "done" and reported < len(expected):
            status = "in_progress"  # done where reported, but not everyone who leads it has
        if year_end and status != "done":
            status = "overdue"
        within = any(x.period.end_month_index >= first_month for x in found)
        progress = [x.progress for x in found if x.progress is not None]
        states.append(
            TaskState(
                task,
                status,
                sum(progress) / len(progress) if progress else None,
                last.period.label if last else None,
                last,
                within,
                reported,
                len(expected),
            )
        )
    return states


def _recency(r: TaskReport) -> tuple[int, int]:
    return (r.period.end_month_index, -r.period.span)


def _combined(statuses: list[str]) -> str:
    """One status for the reports of several agencies on one task."""
    if all(s == "done" for s in statuses):
        return "done"
    if "delayed" in statuses:
        return "delayed"
    if all(s == "not_started" for s in statuses):
        return "not_started"
    return "in_progress"
