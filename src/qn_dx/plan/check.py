"""`qn-dx check`: consistency of a plan folder beyond what each file's schema can see."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..findings import Both, Finding, Msg, day_words, figure, msg
from ..words import say
from .load import Plan
from .registry import groups_of, units_in_scope

BUDGET_TOLERANCE = 0.01  # million VND


def check_plan(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    found += _duplicates(plan)
    found += _references(plan)
    found += _scopes(plan)
    found += _budget(plan)
    found += _units(plan)
    found += _task_numbers(plan)
    found += _leads_and_tasks(plan)
    found += _ranks(plan)
    found += _ranges(plan)
    found += _baseline_years(plan)
    return sorted(found, key=lambda f: (f.file or "", f.line or 0, f.code))


def _dupes(
    plan: Plan, key: str, list_name: str, ids: Iterable[str], noun: str
) -> Iterable[Finding]:
    first: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in first:
            yield Finding(
                "duplicate-id",
                msg("finding.duplicate-id", noun=msg(f"words.noun.{noun}"), id=ident),
                file=plan.label(key),
                line=plan.line(key, list_name, i),
                hint=msg("finding.duplicate-id.hint", line=plan.line(key, list_name, first[ident])),
            )
        else:
            first[ident] = i


def _duplicates(plan: Plan) -> list[Finding]:
    found = [
        *_dupes(plan, "targets", "targets", (t.id for t in plan.targets), "target"),
        *_dupes(plan, "tasks", "tasks", (t.id for t in plan.tasks), "task"),
        *_dupes(plan, "tasks", "groups", (str(g.number) for g in plan.task_groups), "task-group"),
        *_dupes(plan, "units", "units", (u.code for u in plan.units), "unit"),
        *_dupes(plan, "agencies", "agencies", (a.code for a in plan.agencies), "agency"),
        *_dupes(plan, "agencies", "groups", (g.code for g in plan.groups), "group"),
        *_dupes(plan, "plan", "areas", (a.id for a in plan.areas), "area"),
        *_dupes(plan, "targets", "targets", (t.indicator for t in plan.targets), "indicator-key"),
    ]
    # One code must name one thing across units, agencies and groups.
    units = {u.code for u in plan.units}
    agencies = {a.code for a in plan.agencies}
    for i, g in enumerate(plan.groups):
        if g.code in units or g.code in agencies:
            found.append(
                Finding(
                    "duplicate-id",
                    msg("finding.duplicate-id.group", group=g.code),
                    file=plan.label("agencies"),
                    line=plan.line("agencies", "groups", i),
                )
            )
    for i, a in enumerate(plan.agencies):
        if a.code in units:
            found.append(
                Finding(
                    "duplicate-id",
                    msg("finding.duplicate-id.agency", agency=a.code),
                    file=plan.label("agencies"),
                    line=plan.line("agencies", "agencies", i),
                )
            )
    return found


def _known_codes(plan: Plan) -> set[str]:
    return set(plan.agency_by_code) | set(plan.group_by_code) | set(plan.unit_by_code)


def _unknown(plan: Plan, code: str, known: set[str]) -> Msg | None:
    from ..text import closest

    if code in known:
        return None
    near = closest(code, sorted(known), n=1)
    if near:
        return msg("finding.unknown-agency.near.hint", code=near[0])
    return msg("finding.unknown-agency.hint")


def _references(plan: Plan) -> list[Finding]:
    known = _known_codes(plan)
    found: list[Finding] = []
    for i, task in enumerate(plan.tasks):
        for role in ("lead", "coordinating"):
            for j, code in enumerate(getattr(task, role)):
                hint = _unknown(plan, code, known)
                if hint:
                    found.append(
                        Finding(
                            "unknown-agency",
                            msg(
                                "finding.unknown-agency.task",
                                task=task.id,
                                role=Both(say(f"words.role.{role}", "vi"), role),
                                code=repr(code),
                            ),
                            file=plan.label("tasks"),
                            line=plan.line("tasks", "tasks", i, role, j),
                            hint=hint,
                        )
                    )
        if task.group not in {g.number for g in plan.task_groups}:
            found.append(
                Finding(
                    "plan-schema",
                    msg("finding.plan-schema.task-group", task=task.id, group=task.group),
                    file=plan.label("tasks"),
                    line=plan.line("tasks", "tasks", i, "group"),
                )
            )
    leaders = set(plan.agency_by_code) | set(plan.group_by_code)
    reporters = set(plan.reporting_units)
    for i, target in enumerate(plan.targets):
        for j, lead in enumerate(target.leads):
            hint = _unknown(plan, lead, leaders)
            if hint:
                found.append(
                    Finding(
                        "unknown-agency",
                        msg("finding.unknown-agency.target", target=target.id, code=repr(lead)),
                        **_on_target(plan, i, "lead", j),
                        hint=hint,
                    )
                )
        for j, code in enumerate(target.scope.units):
            hint = _unknown(plan, code, reporters)
            if hint:
                found.append(
                    Finding(
                        "unknown-agency",
                        msg("finding.unknown-agency.scope", target=target.id, code=repr(code)),
                        **_on_target(plan, i, "scope", "units", j),
                        hint=hint,
                    )
                )
        for j, task_id in enumerate(target.tasks):
            if task_id not in plan.task_by_id:
                from ..text import closest

                near = closest(task_id, sorted(plan.task_by_id), n=1)
                found.append(
                    Finding(
                        "plan-schema",
                        msg(
                            "finding.plan-schema.target-task", target=target.id, task=repr(task_id)
                        ),
                        **_on_target(plan, i, "tasks", j),
                        hint=msg("finding.plan-schema.near.hint", id=near[0]) if near else None,
                    )
                )
        if target.area not in plan.area_by_id:
            found.append(
                Finding(
                    "plan-schema",
                    msg("finding.plan-schema.area", target=target.id, area=repr(target.area)),
                    **_on_target(plan, i, "area"),
                    hint=msg("finding.plan-schema.one-of.hint", choices=", ".join(plan.area_by_id)),
                )
            )
    for i, group in enumerate(plan.groups):
        for j, code in enumerate(group.members):
            hint = _unknown(plan, code, known)
            if hint:
                found.append(
                    Finding(
                        "unknown-agency",
                        msg("finding.unknown-agency.member", group=group.code, code=repr(code)),
                        file=plan.label("agencies"),
                        line=plan.line("agencies", "groups", i, "members", j),
                        hint=hint,
                    )
                )
    return found


def _scopes(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    types_present = {u.type for u in plan.units}
    for i, target in enumerate(plan.targets):
        for j, unit_type in enumerate(target.scope.types or []):
            if unit_type not in types_present:
                found.append(
                    Finding(
                        "unknown-unit-type",
                        msg("finding.unknown-unit-type", target=target.id, type=repr(unit_type)),
                        **_on_target(plan, i, "scope", "types", j),
                    )
                )
        if not units_in_scope(plan, target.scope):
            found.append(
                Finding(
                    "empty-scope",
                    msg("finding.empty-scope", target=target.id, scope=target.scope.describe()),
                    **_on_target(plan, i, "scope"),
                    hint=msg("finding.empty-scope.hint"),
                )
            )
    return found


def _budget(plan: Plan) -> list[Finding]:
    rec = plan.budget.recurrent
    parts = sum(p.amount for p in rec.parts)
    if abs(parts - rec.total) <= BUDGET_TOLERANCE:
        return []
    return [
        Finding(
            "budget-mismatch",
            msg(
                "finding.budget-mismatch",
                parts=f"{parts:,.1f}",
                total=f"{rec.total:,.1f}",
                unit=plan.budget.unit,
            ),
            file=plan.label("plan"),
            line=plan.line("plan", "budget", "recurrent", "total"),
            hint=msg("finding.budget-mismatch.hint", difference=f"{parts - rec.total:+,.1f}"),
        )
    ]


def _units(plan: Plan) -> list[Finding]:
    """A unit of the top level has no parent; any other unit's parent is a unit of a level above
    its own (a commune under a district, or under the province where there are no districts)."""
    found: list[Finding] = []
    rank = plan.level_rank
    for i, unit in enumerate(plan.units):
        parent = plan.unit_by_code.get(unit.parent) if unit.parent else None
        mine = rank.get(unit.level, 0)
        problem: Msg | None = None
        if mine == 0:
            if unit.parent:
                problem = msg("finding.bad-parent.top", level=unit.level)
        elif parent is None:
            problem = (
                msg("finding.bad-parent.unknown", parent=repr(unit.parent))
                if unit.parent
                else msg("finding.bad-parent.none")
            )
        elif rank.get(parent.level, mine) >= mine:
            problem = msg(
                "finding.bad-parent.level",
                parent=unit.parent,
                parent_level=parent.level,
                level=unit.level,
            )
        if problem:
            found.append(
                Finding(
                    "bad-parent",
                    msg("finding.bad-parent", unit=unit.code, name=unit.name, problem=problem),
                    file=plan.label("units"),
                    line=plan.line("units", "units", i, "parent"),
                )
            )
    found += _successions(plan)
    top = plan.unit_by_code.get(plan.info.province_code)
    if top is None or rank.get(top.level) != 0:
        found.append(
            Finding(
                "bad-parent",
                msg(
                    "finding.bad-parent.province",
                    code=repr(plan.info.province_code),
                    level=plan.levels[0].id,
                    file=plan.label("units"),
                ),
                file=plan.label("plan"),
                line=plan.line("plan", "plan", "province_code"),
            )
        )
    return found


def _successions(plan: Plan) -> list[Finding]:
    """A unit that ended hands over to units of its own level that exist the next day."""
    found: list[Finding] = []
    year_end = dt.date(plan.plan_year, 12, 31)
    for i, unit in enumerate(plan.units):
        if unit.valid_to is not None and not unit.successors and unit.valid_to < year_end:
            # Dissolved with no one to take over: its figures cannot be placed on the units of
            # a later day (they stay under it, and report says so).
            found.append(
                Finding(
                    "unit-ends-without-successor",
                    msg("finding.unit-ends-without-successor", unit=unit.code,
                        day=day_words(unit.valid_to)),
                    file=plan.label("units"),
                    line=plan.line("units", "units", i, "valid_to"),
                    hint=msg("finding.unit-ends-without-successor.hint"),
                )
            )  # fmt: skip
        for j, s in enumerate(unit.successors):
            other = plan.unit_by_code.get(s.code)
            problem: Msg | None = None
            if other is None:
                problem = msg("finding.bad-successor.unknown", successor=s.code)
            elif other.level != unit.level:
                problem = msg(
                    "finding.bad-successor.level", successor=s.code, level=other.level,
                    own=unit.level,
                )  # fmt: skip
            elif unit.valid_to is not None and not other.exists_on(
                unit.valid_to + dt.timedelta(days=1)
            ):
                problem = msg(
                    "finding.bad-successor.gap", successor=s.code,
                    day=day_words(unit.valid_to + dt.timedelta(days=1)),
                )  # fmt: skip
            if problem:
                found.append(
                    Finding(
                        "bad-successor",
                        msg("finding.bad-successor", unit=unit.code, problem=problem),
                        file=plan.label("units"),
                        line=plan.line("units", "units", i, "successors", j),
                    )
                )
    return found


def _task_numbers(plan: Plan) -> list[Finding]:
    """Notes, not errors: the appendix's own numbering quirks (6.1 and 8.4 twice, no 8.5)."""
    found: list[Finding] = []
    counts = Counter(t.number for t in plan.tasks)
    first_index: dict[str, int] = {}
    for i, task in enumerate(plan.tasks):
        if counts[task.number] > 1 and task.number in first_index:
            found.append(
                Finding(
                    "task-number-repeated",
                    msg("finding.task-number-repeated", number=task.number, task=task.id),
                    file=plan.label("tasks"),
                    line=plan.line("tasks", "tasks", i),
                    hint=msg(
                        "finding.task-number-repeated.hint",
                        number=task.number,
                        line=plan.line("tasks", "tasks", first_index[task.number]),
                    ),
                )
            )
        first_index.setdefault(task.number, i)
    by_group: dict[int, set[int]] = defaultdict(set)
    for task in plan.tasks:
        by_group[task.group].add(int(task.number.split(".")[1]))
    for group, numbers in sorted(by_group.items()):
        for missing in sorted(set(range(1, max(numbers) + 1)) - numbers):
            found.append(
                Finding(
                    "task-number-gap",
                    msg("finding.task-number-gap", number=f"{group}.{missing}"),
                    file=plan.label("tasks"),
                    hint=msg("finding.task-number-gap.hint"),
                )
            )
    return found


def _leads_and_tasks(plan: Plan) -> list[Finding]:
    """A target's leads against the rows of Phụ lục 2 it names in ``tasks``: each row must be led
    (by code) by one of the target's leads, and no lead may be a row's coordinator — named, or
    through a group it belongs to — without leading any of the rows."""
    found: list[Finding] = []
    for i, t in enumerate(plan.targets):
        rows = [plan.task_by_id[x] for x in t.tasks if x in plan.task_by_id]
        if not rows:
            continue
        file, line = plan.label("targets"), plan.line("targets", "targets", i, "lead")
        leads = ", ".join(t.leads)
        for row in rows:
            if not set(row.lead) & set(t.leads):
                found.append(
                    Finding(
                        "lead-contradicts-tasks",
                        msg(
                            "finding.lead-contradicts-tasks",
                            target=t.id,
                            task=row.id,
                            number=row.number,
                            row_leads=", ".join(row.lead),
                            leads=leads,
                        ),
                        hint=_fix_hint(row.lead),
                        file=file,
                        line=line,
                    )
                )
        led = {code for row in rows for code in row.lead}
        for lead in t.leads:
            if lead in led:
                continue
            for row in rows:
                via = _coordinates(plan, lead, row.coordinating)
                if via is not None:
                    found.append(
                        Finding(
                            "lead-contradicts-tasks",
                            msg(
                                "finding.lead-contradicts-tasks.coordinates"
                                if via == lead
                                else "finding.lead-contradicts-tasks.coordinates-via",
                                target=t.id,
                                lead=lead,
                                task=row.id,
                                number=row.number,
                                via=via,
                                row_leads=", ".join(row.lead),
                            ),
                            hint=_fix_hint(row.lead),
                            file=file,
                            line=line,
                        )
                    )
    return found


def _coordinates(plan: Plan, code: str, coordinating: list[str]) -> str | None:
    """The code, or the group, through which ``code`` coordinates; None when it does not."""
    if code in coordinating:
        return code
    return next((g for g in groups_of(plan, code) if g in coordinating), None)


def _fix_hint(leads: list[str]) -> Msg:
    return msg("finding.lead-contradicts-tasks.hint", leads=", ".join(leads))


def _ranges(plan: Plan) -> list[Finding]:
    """A percentage goal or baseline lies in 0–100 and a count is not negative: a goal of
    -5 % or 150 % would make every figure 'met' or none."""
    found: list[Finding] = []
    for i, t in enumerate(plan.targets):
        if t.unit not in ("percent", "count"):
            continue
        top = 100 if t.unit == "percent" else None
        for what, value, path in (
            ("goal", t.target, ("target",)),
            ("baseline", t.baseline.value if t.baseline else None, ("baseline", "value")),
        ):
            if value is None or (value >= 0 and (top is None or value <= top)):
                continue
            found.append(
                Finding(
                    "plan-schema",
                    msg(
                        f"finding.plan-schema.{what}-{'percent' if top else 'count'}",
                        target=t.id,
                        value=figure(f"{value:g}"),
                    ),
                    **_on_target(plan, i, *path),
                    hint=msg("finding.plan-schema.percent.hint"),
                )
            )
    return found


def _on_target(plan: Plan, i: int, *path: str | int) -> dict[str, Any]:
    """Where a finding about the i-th target (and a field of it) is: targets.yaml and its line."""
    return {"file": plan.label("targets"), "line": plan.line("targets", "targets", i, *path)}


def _ranks(plan: Plan) -> list[Finding]:
    """A rank lies between 1 and the rank universe (the target's, else the plan's)."""
    found: list[Finding] = []
    for i, t in enumerate(plan.targets):
        if t.unit != "rank":
            continue
        universe = t.rank_universe or plan.info.rank_universe
        if universe is None:
            found.append(
                Finding(
                    "rank-out-of-universe",
                    msg("finding.rank-out-of-universe.none", target=t.id),
                    **_on_target(plan, i),
                    hint=msg("finding.rank-out-of-universe.none.hint"),
                )
            )
            continue
        for what, value, path in (
            ("goal", t.target, ("target",)),
            ("baseline", t.baseline.value if t.baseline else None, ("baseline", "value")),
        ):
            if value is not None and not 1 <= value <= universe:
                found.append(
                    Finding(
                        "rank-out-of-universe",
                        msg(
                            f"finding.rank-out-of-universe.{what}",
                            target=t.id,
                            value=figure(f"{value:g}"),
                            universe=universe,
                        ),
                        **_on_target(plan, i, *path),
                        hint=msg("finding.rank-out-of-universe.hint"),
                    )
                )
    return found


def _baseline_years(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    for i, t in enumerate(plan.targets):
        if t.baseline is not None and t.baseline.year != plan.baseline_year:
            found.append(
                Finding(
                    "baseline-year",
                    msg(
                        "finding.baseline-year",
                        target=t.id,
                        year=t.baseline.year,
                        plan_year=plan.baseline_year,
                    ),
                    **_on_target(plan, i, "baseline", "year"),
                    hint=msg("finding.baseline-year.hint", year=plan.baseline_year),
                )
            )
    return found
