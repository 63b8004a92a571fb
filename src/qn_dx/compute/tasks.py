"""Task progress as of a period P: each task's latest reported status and progress."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..ingest.periods import Period
from ..plan import Plan
from ..plan.models import Task
from ..validate.model import TaskReport
from .engine import is_year_end

TASK_STATUSES = ("done", "in_progress", "delayed", "not_started", "overdue", "not_reported")


@dataclass(frozen=True)
class TaskState:
    task: Task
    status: str  # one of TASK_STATUSES
    progress: float | None
    period: str | None  # the period of the report the status comes from
    report: TaskReport | None
    reported_for_period: bool  # a report dated within P itself (not carried from earlier)


def task_states(plan: Plan, reports: Iterable[TaskReport], as_of: Period) -> list[TaskState]:
    """Latest report at or before P within the plan year, per task, in the plan's task order.

    At the plan year's last period a task that is not done is ``overdue``, reported or not.
    """
    latest: dict[str, TaskReport] = {}
    for r in reports:
        if r.period.year != plan.plan_year or r.period.end_month_index > as_of.end_month_index:
            continue
        key = (r.period.end_month_index, -r.period.span)
        held = latest.get(r.task_id)
        if held is None or key > (held.period.end_month_index, -held.period.span):
            latest[r.task_id] = r
    first_month = as_of.end_month_index - as_of.span + 1
    year_end = is_year_end(as_of)
    states = []
    for task in plan.tasks:
        r = latest.get(task.id)
        status = r.status if r else "not_reported"
        if year_end and status != "done":
            status = "overdue"
        within = r is not None and r.period.end_month_index >= first_month
        states.append(
            TaskState(
                task, status, r.progress if r else None, r.period.label if r else None, r, within
            )
        )
    return states
