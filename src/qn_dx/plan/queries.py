"""What `qn-dx targets` and `qn-dx tasks` list: plan entries as plain, JSON-ready rows."""

from __future__ import annotations

from typing import Any

from .load import Plan
from .registry import display_name, groups_of, resolve


def target_rows(plan: Plan, areas: list[str] | None = None) -> list[dict[str, Any]]:
    rows = []
    for t in plan.targets:
        if areas and t.area not in areas:
            continue
        rows.append(
            {
                "id": t.id,
                "indicator": t.indicator,
                "area": t.area,
                "measure": t.measure,
                "unit": t.unit,
                "op": t.op,
                "target": t.target,
                "target_offset": t.target_offset,
                "target_factor": t.target_factor,
                "target_text": t.target_text(),
                "title_vi": t.title_vi,
                "title_en": t.title_en,
                "scope": {"levels": t.scope.levels, "types": t.scope.types, "units": t.scope.units},
                "period_rule": t.period_rule,
                "baseline": t.baseline.value if t.baseline else None,
                "baseline_year": t.baseline.year if t.baseline else None,
                "lead": t.lead,
                "leads": t.leads,
                "tasks": t.tasks,
                "source": t.source.section,
            }
        )
    return rows


def task_rows(
    plan: Plan, agency: str | None = None, group: int | None = None
) -> list[dict[str, Any]]:
    """Tasks, optionally those of one agency (by code or name) including its groups' tasks.

    With ``agency``, each row gets ``role`` (lead beats coordinating when both apply) and ``via``
    (the group through which the task reaches the agency, or null when named directly).
    Raises ``registry.LookupError_`` for an unknown or ambiguous agency.
    """
    code = resolve(plan, agency) if agency else None
    memberships = groups_of(plan, code) if code else []
    rows = []
    for t in plan.tasks:
        if group is not None and t.group != group:
            continue
        row: dict[str, Any] = {
            "id": t.id,
            "number": t.number,
            "group": t.group,
            "name_vi": t.name_vi,
            "name_en": t.name_en,
            "lead": t.lead,
            "coordinating": t.coordinating,
        }
        if code:
            match = _role(code, memberships, t.lead, "lead") or _role(
                code, memberships, t.coordinating, "coordinating"
            )
            if not match:
                continue
            row["role"], row["via"] = match
        rows.append(row)
    return rows


def _role(
    code: str, memberships: list[str], assigned: list[str], role: str
) -> tuple[str, str | None] | None:
    if code in assigned:
        return role, None
    for g in memberships:
        if g in assigned:
            return role, g
    return None


def agency_label(plan: Plan, query: str) -> str:
    code = resolve(plan, query)
    return f"{code} — {display_name(plan, code)}"
