"""`qn-dx check`: consistency of a plan folder beyond what each file's schema can see."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from ..findings import Finding
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
                f"{noun} {ident} appears twice",
                file=plan.label(key),
                line=plan.line(key, list_name, i),
                hint=f"first at line {plan.line(key, list_name, first[ident])}",
            )
        else:
            first[ident] = i


def _duplicates(plan: Plan) -> list[Finding]:
    found = [
        *_dupes(plan, "targets", "targets", (t.id for t in plan.targets), "target"),
        *_dupes(plan, "tasks", "tasks", (t.id for t in plan.tasks), "task"),
        *_dupes(plan, "tasks", "groups", (str(g.number) for g in plan.task_groups), "task group"),
        *_dupes(plan, "units", "units", (u.code for u in plan.units), "unit"),
        *_dupes(plan, "agencies", "agencies", (a.code for a in plan.agencies), "agency"),
        *_dupes(plan, "agencies", "groups", (g.code for g in plan.groups), "group"),
        *_dupes(plan, "plan", "areas", (a.id for a in plan.areas), "area"),
        *_dupes(plan, "targets", "targets", (t.indicator for t in plan.targets), "indicator key"),
    ]
    # One code must name one thing across units, agencies and groups.
    units = {u.code for u in plan.units}
    agencies = {a.code for a in plan.agencies}
    for i, g in enumerate(plan.groups):
        if g.code in units or g.code in agencies:
            found.append(
                Finding(
                    "duplicate-id",
                    f"group {g.code} has the code of an agency or unit",
                    file=plan.label("agencies"),
                    line=plan.line("agencies", "groups", i),
                )
            )
    for i, a in enumerate(plan.agencies):
        if a.code in units:
            found.append(
                Finding(
                    "duplicate-id",
                    f"agency {a.code} has the code of a unit",
                    file=plan.label("agencies"),
                    line=plan.line("agencies", "agencies", i),
                )
            )
    return found


def _known_codes(plan: Plan) -> set[str]:
    return set(plan.agency_by_code) | set(plan.group_by_code) | set(plan.unit_by_code)


def _unknown(plan: Plan, code: str, known: set[str]) -> str | None:
    from ..text import closest

    if code in known:
        return None
    near = closest(code, sorted(known), n=1)
    return f"did you mean {near[0]}?" if near else "see data/agencies.yaml for the codes"


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
                            f"task {task.id}: {role}: unknown agency or group {code!r}",
                            file=plan.label("tasks"),
                            line=plan.line("tasks", "tasks", i, role, j),
                            hint=hint,
                        )
                    )
        if task.group not in {g.number for g in plan.task_groups}:
            found.append(
                Finding(
                    "plan-schema",
                    f"task {task.id}: group: {task.group} is not one of the task groups",
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
                        f"target {target.id}: lead: unknown agency or group {lead!r}",
                        file=plan.label("targets"),
                        line=plan.line("targets", "targets", i, "lead", j),
                        hint=hint,
                    )
                )
        for j, code in enumerate(target.scope.units):
            hint = _unknown(plan, code, reporters)
            if hint:
                found.append(
                    Finding(
                        "unknown-agency",
                        f"target {target.id}: scope: units: {code!r} is no unit or agency",
                        file=plan.label("targets"),
                        line=plan.line("targets", "targets", i, "scope", "units", j),
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
                        f"target {target.id}: tasks: {task_id!r} is not a task of tasks.yaml",
                        file=plan.label("targets"),
                        line=plan.line("targets", "targets", i, "tasks", j),
                        hint=f"did you mean {near[0]}?" if near else None,
                    )
                )
        if target.area not in plan.area_by_id:
            found.append(
                Finding(
                    "plan-schema",
                    f"target {target.id}: area: {target.area!r} is not an area of plan.yaml",
                    file=plan.label("targets"),
                    line=plan.line("targets", "targets", i, "area"),
                    hint="one of " + ", ".join(plan.area_by_id),
                )
            )
    for i, group in enumerate(plan.groups):
        for j, code in enumerate(group.members):
            hint = _unknown(plan, code, known)
            if hint:
                found.append(
                    Finding(
                        "unknown-agency",
                        f"group {group.code}: members: unknown code {code!r}",
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
                        f"target {target.id}: scope: no unit has type {unit_type!r}",
                        file=plan.label("targets"),
                        line=plan.line("targets", "targets", i, "scope", "types", j),
                    )
                )
        if not units_in_scope(plan, target.scope):
            found.append(
                Finding(
                    "empty-scope",
                    f"target {target.id}: scope {target.scope.describe()} selects no unit",
                    file=plan.label("targets"),
                    line=plan.line("targets", "targets", i, "scope"),
                    hint="check the levels and types against units.yaml and agencies.yaml",
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
            f"recurrent budget parts add up to {parts:,.1f}, the total says {rec.total:,.1f} "
            f"({plan.budget.unit})",
            file=plan.label("plan"),
            line=plan.line("plan", "budget", "recurrent", "total"),
            hint=f"difference {parts - rec.total:+,.1f}",
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
        if mine == 0:
            problem = f"a unit of the top level ({unit.level}) has no parent" if unit.parent else ""
        elif parent is None:
            problem = f"parent {unit.parent!r} is not a unit" if unit.parent else "no parent"
        elif rank.get(parent.level, mine) >= mine:
            problem = f"parent {unit.parent} is a {parent.level}, not a level above {unit.level}"
        else:
            problem = ""
        if problem:
            found.append(
                Finding(
                    "bad-parent",
                    f"unit {unit.code} ({unit.name}): {problem}",
                    file=plan.label("units"),
                    line=plan.line("units", "units", i, "parent"),
                )
            )
    top = plan.unit_by_code.get(plan.info.province_code)
    if top is None or rank.get(top.level) != 0:
        found.append(
            Finding(
                "bad-parent",
                f"province_code {plan.info.province_code!r} is not a unit of the top level "
                f"({plan.levels[0].id}) in {plan.label('units')}",
                file=plan.label("plan"),
                line=plan.line("plan", "plan", "province_code"),
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
                    f"Phụ lục 2 prints number {task.number} twice; this row is {task.id}",
                    file=plan.label("tasks"),
                    line=plan.line("tasks", "tasks", i),
                    hint=f"the first {task.number} is line "
                    f"{plan.line('tasks', 'tasks', first_index[task.number])}",
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
                    f"Phụ lục 2 has no task {group}.{missing}",
                    file=plan.label("tasks"),
                    hint="the numbering is kept as printed",
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
        where = {"file": plan.label("targets"), "line": plan.line("targets", "targets", i, "lead")}
        leads = ", ".join(t.leads)
        for row in rows:
            if not set(row.lead) & set(t.leads):
                found.append(
                    Finding(
                        "lead-contradicts-tasks",
                        f"target {t.id}: {row.id} (row {row.number}) is led by "
                        f"{', '.join(row.lead)}; {t.id}'s leads ({leads}) are not among them",
                        hint=_fix_hint(row.lead),
                        **where,
                    )
                )
        led = {code for row in rows for code in row.lead}
        for lead in t.leads:
            if lead in led:
                continue
            for row in rows:
                via = _coordinates(plan, lead, row.coordinating)
                if via is not None:
                    how = "" if via == lead else f" as one of {via}"
                    found.append(
                        Finding(
                            "lead-contradicts-tasks",
                            f"target {t.id}: lead {lead} only coordinates {row.id} (row "
                            f"{row.number}{how}), which {', '.join(row.lead)} lead(s)",
                            hint=_fix_hint(row.lead),
                            **where,
                        )
                    )
    return found


def _coordinates(plan: Plan, code: str, coordinating: list[str]) -> str | None:
    """The code, or the group, through which ``code`` coordinates; None when it does not."""
    if code in coordinating:
        return code
    return next((g for g in groups_of(plan, code) if g in coordinating), None)


def _fix_hint(leads: list[str]) -> str:
    return f"lead: [{', '.join(leads)}] as the row says; or unlink the row and say why in the note"


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
                    f"target {t.id}: {what} {value:g} is outside "
                    + ("0–100 %" if top else "the counts (0 or more)"),
                    file=plan.label("targets"),
                    line=plan.line("targets", "targets", i, *path),
                    hint="a percentage goal is written as 90 for 90 %",
                )
            )
    return found


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
                    f"target {t.id}: a rank, but neither the target nor plan.yaml sets "
                    "rank_universe",
                    file=plan.label("targets"),
                    line=plan.line("targets", "targets", i),
                    hint="set rank_universe: how many are ranked",
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
                        f"target {t.id}: {what} rank {value:g} is outside 1–{universe}",
                        file=plan.label("targets"),
                        line=plan.line("targets", "targets", i, *path),
                        hint="rank_universe is the target's, else plan.yaml's",
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
                    f"target {t.id}: baseline of {t.baseline.year}, but the plan's baseline year "
                    f"is {plan.baseline_year}",
                    file=plan.label("targets"),
                    line=plan.line("targets", "targets", i, "baseline", "year"),
                    hint=f"the {plan.baseline_year} actuals, when there are some, are used instead",
                )
            )
    return found
