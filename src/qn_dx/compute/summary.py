"""The quarterly summary for the provincial People's Committee: one computation, many renderings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..ingest.periods import Period, quarter
from ..plan import Plan
from ..validate.model import Observation, RejectedRow, TaskReport
from .engine import Report, TargetResult, compute_report
from .missing import Missing, compute_missing
from .tasks import TaskState, task_states

FURTHEST = 10  # how many targets the "furthest from goal" list shows


@dataclass
class Summary:
    plan: Plan
    as_of: Period
    previous: Period | None
    report: Report
    previous_report: Report | None
    missing: Missing
    tasks: list[TaskState]

    def furthest(self, n: int = FURTHEST) -> list[tuple[TargetResult, float]]:
        """Targets not met with the largest gap relative to their target (ties: plan order)."""
        scored = []
        for i, r in enumerate(self.report.targets):
            if r.status == "met" or r.gap is None or r.gap <= 0 or not r.target_value:
                continue
            scored.append((-(r.gap / abs(r.target_value)), i, r))
        scored.sort(key=lambda s: (s[0], s[1]))
        return [(r, -score) for score, _i, r in scored[:n]]

    def then(self, target_id: str) -> TargetResult | None:
        if self.previous_report is None:
            return None
        return next((r for r in self.previous_report.targets if r.id == target_id), None)

    def changes(self) -> list[tuple[TargetResult, TargetResult]]:
        out = []
        for now in self.report.targets:
            then = self.then(now.id)
            if then is not None and then.status != now.status:
                out.append((then, now))
        return out


def previous_quarter(p: Period) -> Period | None:
    """The quarter before P's quarter within the plan year (an annual P counts as Q4)."""
    q = {"Q": p.number, "M": (p.number - 1) // 3 + 1, "Y": 4}[p.kind]
    return quarter(p.year, q - 1) if q > 1 else None


def compute_summary(
    plan: Plan,
    observations: Sequence[Observation],
    reports: Sequence[TaskReport],
    as_of: Period,
    refused: Sequence[RejectedRow] = (),
) -> Summary:
    report = compute_report(plan, observations, as_of)
    previous = previous_quarter(as_of)
    # The previous quarter on the same units as this one (units that merged or split): else a
    # change of units would read as a change of figures.
    previous_report = (
        compute_report(plan, observations, previous, on_units=report.on_units) if previous else None
    )
    states = task_states(plan, reports, as_of)
    missing = compute_missing(plan, observations, as_of, states, refused=refused)
    return Summary(plan, as_of, previous, report, previous_report, missing, states)
