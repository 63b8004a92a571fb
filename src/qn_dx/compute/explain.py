"""`qn-dx explain ID`: every number behind one target, line by line.

The figures come from the same ``compute_target`` that `report` uses, so an explanation can never
disagree with the report; this module only sorts the observations into those that count and those
that do not, with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..findings import Msg, msg, period_words, said
from ..ingest.periods import Period
from ..plan import Plan
from ..plan.registry import in_scope
from ..validate.model import Observation, Validation
from .engine import TargetResult, compute_target, meets

if TYPE_CHECKING:
    from ..plan.models import Target


@dataclass(frozen=True)
class Exclusion:
    unit: str
    period: str
    file: str
    line: int
    reason: str  # words (a Msg: English as a str, and Vietnamese with .text)


@dataclass
class Explanation:
    target: Target
    as_of: Period
    result: TargetResult
    contributions: list[tuple[Observation, bool]]  # (observation, carried_forward)
    excluded: list[Exclusion]
    # units that merged or split: each one's figures placed on the units of ``on_units``
    on_units: dt.date | None = None
    mapping: list[tuple[str, list[tuple[str, float]]]] = field(default_factory=list)
    warnings: list[Any] = field(default_factory=list)  # findings of placing the figures


def explain_target(
    plan: Plan,
    target: Target,
    validation: Validation,
    as_of: Period,
    on_units: dt.date | None = None,
) -> Explanation:
    from .units import period_days, remap, sender, sources

    own = [o for o in validation.observations if o.indicator_id == target.id]
    day, mapping, present = None, [], None
    aside: list[tuple[Observation, Any]] = []
    warnings: list[Any] = []
    if plan.changing_units or on_units is not None:  # as report does: see compute.units
        day = on_units or period_days(as_of)[1]
        placed = remap(plan, own, day)
        own = placed.observations
        mapping = sorted(placed.steps.items())
        present = placed.present(plan, target.id)
        aside, warnings = placed.set_aside, placed.warnings
    result = compute_target(plan, target, own, as_of, False, present)

    def cited(observations: list[Observation]) -> set[tuple[str, str, int]]:
        """(unit, file, line) of every line the observations were made from."""
        return {(o.unit_code, f, n) for o in observations for f, n in sources(o)}

    used_keys = cited(result.used)
    baseline_keys = cited(result.baseline_used)
    first_month_of_p = as_of.end_month_index - as_of.span + 1
    contributions = [
        (o, target.period_rule == "latest" and o.period.end_month_index < first_month_of_p)
        for o in result.used
    ]
    excluded: list[Exclusion] = []
    units = plan.reporting_units
    reasons = {(o.unit_code, o.file, o.line): r for o, r in result.set_aside}
    for o in own:
        key = (o.unit_code, o.file, o.line)
        if key in used_keys:
            continue
        reason = reasons.get(key) or _reason(plan, target, o, as_of, key in baseline_keys, units)
        excluded.append(Exclusion(sender(o), o.period.label, o.file, o.line, reason))
    for o, reason in aside:  # set aside when placed: a successor reported the same period
        excluded.append(Exclusion(sender(o), o.period.label, o.file, o.line, reason))
    for r in validation.rejected:
        if r.indicator_id == target.id:
            excluded.append(Exclusion(r.unit_code, r.period, r.file, r.line, r.reason))
    excluded.sort(key=lambda e: (e.file, e.line))
    return Explanation(target, as_of, result, contributions, excluded, day, mapping, warnings)


def _reason(
    plan: Plan, target: Target, o: Observation, as_of: Period, baseline: bool, units: Any
) -> Msg:
    if o.unit_code not in units or not in_scope(units[o.unit_code], target.scope):
        return msg("reason.outside-scope", target=target.id, scope=target.scope.describe())
    if o.period.year == plan.baseline_year:
        if baseline:
            return msg("reason.baseline-used")
        return msg("reason.baseline-plan" if target.baseline else "reason.baseline-none")
    if o.period.year != plan.plan_year:
        return msg("reason.outside-year", year=plan.plan_year)
    if o.period.end_month_index > as_of.end_month_index:
        return msg("reason.after", as_of=period_words(as_of), period=period_words(o.period))
    if target.period_rule == "year_to_date":
        # year to date: a later lũy kế total stands for the year, and a per-period figure is
        # never added to a lũy kế total (the only two ways a row of the year is left out)
        return msg("reason.later-cumulative" if o.cumulative else "reason.cumulative-stands")
    return msg("reason.later-period")


def explanation_dict(plan: Plan, e: Explanation, lang: str = "en") -> dict[str, Any]:
    from ..render.figures import (
        actual_json,
        notes_text,
        r4,
    )  # one number format for report and explain
    from .units import sources

    r = e.result
    t = e.target
    base_obs = r.baseline_used
    baseline: dict[str, Any] = {"value": r4(r.baseline), "source": r.baseline_source}
    if r.baseline_source == "actuals":
        baseline["observations"] = [
            {"unit": o.unit_code, "period": o.period.label, "file": o.file, "line": o.line}
            for o in base_obs
        ]
    index = next(i for i, x in enumerate(plan.targets) if x.id == t.id)
    if t.baseline is not None:
        where = {
            "file": plan.label("targets"),
            "line": plan.line("targets", "targets", index, "baseline"),
        }
        if r.baseline_source == "plan":
            baseline.update(quote=t.baseline.quote, section=t.baseline.section, **where)
        # What the plan folder records, used or not: Part I's words, or a document outside the
        # plan (a published index), and why.
        ref = t.baseline.reference
        baseline["plan"] = {
            "year": t.baseline.year,
            "value": t.baseline.value,
            "quote": t.baseline.quote,
            "section": t.baseline.section,
            "reference": ref.model_dump() if ref is not None else None,
            "note": t.baseline.note,
            **where,
        }
    names = {code: u.name for code, u in plan.reporting_units.items()}
    return {
        "id": t.id,
        "indicator": t.indicator,
        "title": t.title(lang),
        "source": {"section": t.source.section, "quote": t.source.quote},
        "leads": t.leads,
        "tasks": t.tasks,
        "rule": {
            "measure": t.measure,
            "unit": t.unit,
            "op": t.op,
            "target": t.target,
            "target_offset": t.target_offset,
            "target_factor": t.target_factor,
            "scope": {"levels": t.scope.levels, "types": t.scope.types, "units": t.scope.units},
            "period_rule": t.period_rule,
        },
        "reading": _reading(r),
        "as_of": e.as_of.label,
        "actual": actual_json(r),
        "target": r4(r.target_value),
        "gap": r4(r.gap),
        "status": r.status,
        "units_reported": r.units_reported,
        "units_expected": r.units_expected,
        "coverage": r4(r.coverage),
        "provisional": r.provisional,
        "contributions": [
            {
                "unit": o.unit_code,
                "unit_name": names.get(o.unit_code, ""),
                "period": o.period.label,
                "numerator": _whole(o.numerator),
                "denominator": _whole(o.denominator),
                "value": o.value,
                "done": o.done,
                "basis": o.basis,
                "submitted": o.submitted.isoformat() if o.submitted else None,
                "file": o.file,
                "line": o.line,
                # every line the figure was made from (several when units were combined)
                "sources": [{"file": f, "line": n} for f, n in sources(o)],
                "carried_forward": carried,
            }
            for o, carried in e.contributions
        ],
        "excluded": [
            {
                "unit": x.unit,
                "period": x.period,
                "file": x.file,
                "line": x.line,
                "reason": said(x.reason, lang),
            }
            for x in e.excluded
        ],
        **(
            {
                "on_units": e.on_units.isoformat() if e.on_units else None,
                "mapping": [
                    {"unit": unit, "to": [{"unit": to, "share": r4(share)} for to, share in dest]}
                    for unit, dest in e.mapping
                ],
                "warnings": [w.to_dict(lang) for w in e.warnings],
            }
            if e.on_units is not None
            else {}
        ),
        "baseline": baseline,
        "projection": {
            "points": [{"period": p, "value": r4(v)} for p, v in r.projection_points],
            "year_end": r4(r.projection),
        },
        "note": notes_text(r, lang),
    }


def _reading(r: TargetResult) -> dict[str, Any] | None:
    """The reading kept for a goal the plan's words allow two readings of, and the other one."""
    from ..render.report import r4

    t = r.target
    if t.reading is None and t.other_reading is None:
        return None
    other = None
    if t.other_reading is not None:
        goal = r.other_target_value
        actual = r.actual if isinstance(r.actual, float) else None
        other = {
            "rule": t.other_reading.describe(t.unit),
            "goal": r4(goal),
            "met": (None if goal is None or actual is None else meets(t, actual, goal)),
            "note": t.other_reading.note,
        }
    return {
        "text": t.reading,
        "kept": {"rule": t.target_text(), "goal": r4(r.target_value)},
        "other": other,
    }


def _whole(x: float | None) -> int | float | None:
    """Numerators and denominators are whole numbers: show them as integers."""
    return int(x) if x is not None and float(x).is_integer() else x
