"""Who still owes data at P: units in each target's scope with no observation counting at P, and
tasks whose lead has not reported progress for P. Rates as DHIS2 computes reporting rates:
reported ÷ expected × 100, per target, per area and per responsible agency."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..ingest.periods import Period, parse_period
from ..plan import Plan
from ..plan.registry import in_scope, scope_codes
from ..text import vi_sort_key
from ..validate.model import Observation, RejectedRow
from .engine import counting
from .tasks import TaskState

if TYPE_CHECKING:
    from ..plan.models import Target


@dataclass
class Rate:
    reported: int = 0
    expected: int = 0

    @property
    def percent(self) -> float | None:
        return 100 * self.reported / self.expected if self.expected else None

    def add(self, reported: int, expected: int) -> None:
        self.reported += reported
        self.expected += expected


@dataclass
class TargetGap:
    target: Target
    rate: Rate
    missing: list[str]  # unit codes, in Vietnamese name order
    responsible: dict[str, list[str]]  # responsible code → missing unit codes
    # missing units that did send rows for P, refused by validate: unit → ["file:line", …]
    refused: dict[str, list[str]] = field(default_factory=dict)
    # the goal is set against a baseline year that neither the actuals nor the plan give:
    # the lead owes that year's figure too
    baseline_owed: bool = False


@dataclass
class Missing:
    as_of: Period
    targets: list[TargetGap]
    areas: dict[str, Rate]
    agencies: dict[str, Rate]  # responsible code → rate over its (target, unit) pairs
    owed: dict[str, list[tuple[str, str]]]  # responsible code → [(target id, unit code)]
    tasks_unreported: dict[str, list[str]] = field(default_factory=dict)  # lead → task ids

    @property
    def overall(self) -> Rate:
        total = Rate()
        for r in self.areas.values():
            total.add(r.reported, r.expected)
        return total


def owers(plan: Plan, target: Target) -> list[str]:
    """Who owes the province's own figure of a target: its leads that are agencies, each of
    them until the figure arrives; its groups only when every lead is a group (nobody more
    particular is named)."""
    agencies = [c for c in target.leads if c not in plan.group_by_code]
    return agencies or list(target.leads)


def responsible_for(plan: Plan, target: Target, unit_code: str) -> list[str]:
    """Who owes ``unit_code``'s figure of ``target``. The province as a whole cannot send
    figures: its leads owe them (see ``owers``). Every other unit owes its own — a department,
    a district, a commune, or a lead reporting its own part under its own code (a scope that
    names it in ``units``, as EG-11 names SYT and SGDDT)."""
    if unit_code == plan.info.province_code:
        return owers(plan, target)
    return [unit_code]


def owed_by(plan: Plan, code: str) -> list[tuple[Target, str]]:
    """(target, unit) pairs that ``code`` is responsible for reporting (see ``responsible_for``):
    what `missing` expects from it, and what its template holds."""
    units = plan.reporting_units
    province = units.get(plan.info.province_code)
    mine = units.get(code) if code != plan.info.province_code else None
    out = []
    for t in plan.targets:
        if province is not None and in_scope(province, t.scope) and code in owers(plan, t):
            out.append((t, province.code))
        if mine is not None and in_scope(mine, t.scope):
            out.append((t, code))
    return out


def _refused_at(
    plan: Plan, refused: Sequence[RejectedRow], as_of: Period
) -> dict[tuple[str, str], list[str]]:
    """(target, unit) → where its refused rows for the plan year up to P are: a unit that sent
    figures that failed validation is not a unit that sent nothing."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in refused:
        if r.reason.startswith("superseded"):
            continue  # replaced by a later row, which is what counts
        period = parse_period(r.period)
        if period is None or period.year != plan.plan_year:
            continue
        if period.end_month_index <= as_of.end_month_index:
            out[(r.indicator_id, r.unit_code)].append(f"{r.file}:{r.line}")
    return out


def _vi_rank(plan: Plan) -> dict[str, int]:
    """Every unit's place when units are listed by their Vietnamese names (once per run)."""
    memo = plan.scope_memo.get(("vi-rank",))
    if memo is None:
        units = plan.reporting_units
        ordered = sorted(units, key=lambda c: vi_sort_key(units[c].name))
        memo = plan.scope_memo[("vi-rank",)] = tuple(ordered)
    return {c: i for i, c in enumerate(memo)}


def compute_missing(
    plan: Plan,
    observations: Sequence[Observation],
    as_of: Period,
    task_states: Sequence[TaskState] = (),
    areas: Sequence[str] | None = None,
    refused: Sequence[RejectedRow] = (),
    on_units: dt.date | None = None,
) -> Missing:
    reported_units: dict[str, set[str]] = defaultdict(set)
    placed = None
    # units that merged or split: those of the day (default P's last) owe, as in report
    if plan.changing_units or on_units is not None:
        from .units import period_days, remap

        placed = remap(plan, list(observations), on_units or period_days(as_of)[1])
        observations = placed.observations
    current = [o for o in observations if o.period.year == plan.plan_year]
    for o in counting(current, as_of):
        reported_units[o.indicator_id].add(o.unit_code)
    sent_but_refused = _refused_at(plan, refused, as_of)
    baseline_years: set[str] = {
        o.indicator_id for o in observations if o.period.year == plan.baseline_year
    }
    rank = _vi_rank(plan)
    province = plan.info.province_code
    gaps: list[TargetGap] = []
    area_rates: dict[str, Rate] = {a.id: Rate() for a in plan.areas}
    agency_rates: dict[str, Rate] = defaultdict(Rate)
    owed: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for t in plan.targets:
        if areas and t.area not in areas:
            continue
        present = placed.present(plan, t.id) if placed is not None else None
        scoped = [c for c in scope_codes(plan, t.scope) if present is None or c in present]
        have = reported_units.get(t.id, set())
        missing = sorted((c for c in scoped if c not in have), key=rank.__getitem__)
        rate = Rate(len(scoped) - len(missing), len(scoped))
        area_rates.setdefault(t.area, Rate()).add(rate.reported, rate.expected)
        by_resp: dict[str, list[str]] = defaultdict(list)
        absent = set(missing)
        # responsible_for, inline: the province's figure is owed by its leads, every other
        # unit's by the unit itself (a national plan has millions of these pairs)
        for code in scoped:
            sent = 0 if code in absent else 1
            if code == province:
                for resp in owers(plan, t):
                    agency_rates[resp].add(sent, 1)
            else:
                agency_rates[code].add(sent, 1)
        for code in missing:
            for resp in owers(plan, t) if code == province else (code,):
                by_resp[resp].append(code)
                owed[resp].append((t.id, code))
        has_baseline = t.id in baseline_years or (
            t.baseline is not None and t.baseline.value is not None
        )
        gaps.append(
            TargetGap(
                t,
                rate,
                missing,
                dict(by_resp),
                {c: sent_but_refused[(t.id, c)] for c in missing if (t.id, c) in sent_but_refused},
                t.relative and not has_baseline,
            )
        )
    unreported: dict[str, list[str]] = defaultdict(list)
    for s in task_states:
        if not s.reported_for_period:
            for lead in s.task.lead:
                unreported[lead].append(s.task.id)
    return Missing(
        as_of=as_of,
        targets=gaps,
        areas={a: r for a, r in area_rates.items() if r.expected},
        agencies=dict(agency_rates),
        owed=dict(owed),
        tasks_unreported=dict(unreported),
    )
