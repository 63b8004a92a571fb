"""`qn-dx check`: consistency of a plan folder beyond what each file's schema can see."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from ..findings import Finding
from .load import Plan
from .registry import units_in_scope

BUDGET_TOLERANCE = 0.01  # million VND


def check_plan(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    found += _duplicates(plan)
    found += _references(plan)
    found += _scopes(plan)
    found += _budget(plan)
    found += _units(plan)
    found += _task_numbers(plan)
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
    for i, target in enumerate(plan.targets):
        hint = _unknown(plan, target.lead, set(plan.agency_by_code))
        if hint:
            found.append(
                Finding(
                    "unknown-agency",
                    f"target {target.id}: lead: unknown agency {target.lead!r}",
                    file=plan.label("targets"),
                    line=plan.line("targets", "targets", i, "lead"),
                    hint=hint,
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
    found: list[Finding] = []
    expected_parent = {"province": None, "district": "province", "commune": "district"}
    for i, unit in enumerate(plan.units):
        want = expected_parent[unit.level]
        parent = plan.unit_by_code.get(unit.parent) if unit.parent else None
        ok = (want is None and unit.parent is None) or (parent is not None and parent.level == want)
        if not ok:
            found.append(
                Finding(
                    "bad-parent",
                    f"unit {unit.code} ({unit.name}): parent {unit.parent!r} is not a {want}"
                    if want
                    else f"unit {unit.code} ({unit.name}): a province has no parent",
                    file=plan.label("units"),
                    line=plan.line("units", "units", i, "parent"),
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
