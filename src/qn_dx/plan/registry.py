"""Who is who: reporting units, agencies, groups, memberships, scopes, and name lookup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..text import fold, same_number
from .load import Plan

if TYPE_CHECKING:
    from .models import Scope, Task
    from .plain import ReportingUnit


def in_scope(unit: ReportingUnit, scope: Scope) -> bool:
    """A unit of the scope's levels (and types, when given), or one it names by code."""
    if unit.level in scope.levels and (scope.types is None or unit.type in scope.types):
        return True
    return unit.code in scope.units


def units_in_scope(plan: Plan, scope: Scope) -> list[ReportingUnit]:
    units = plan.reporting_units
    return [units[c] for c in scope_codes(plan, scope)]


def scope_codes(plan: Plan, scope: Scope) -> tuple[str, ...]:
    """The codes of every unit and agency in ``scope``, in registry order (``in_scope`` for each
    of them), worked out once per scope and run: a national registry has 60,000 units, and
    report, missing and summary ask for each target's scope."""
    types = None if scope.types is None else tuple(scope.types)
    key = (tuple(scope.levels), types, tuple(scope.units))
    hit = plan.scope_memo.get(key)
    if hit is None:
        levels, named = set(scope.levels), set(scope.units)
        kinds = None if types is None else set(types)
        hit = tuple(
            u.code
            for u in plan.reporting_units.values()
            if (u.level in levels and (kinds is None or u.type in kinds)) or u.code in named
        )
        plan.scope_memo[key] = hit
    return hit


def group_members(plan: Plan, code: str, _seen: frozenset[str] = frozenset()) -> set[str]:
    """Every agency/unit code in a group, nested groups expanded (cycles are cut)."""
    group = plan.group_by_code.get(code)
    if group is None or code in _seen:
        return set()
    out: set[str] = set()
    if group.members_level:
        out |= {u.code for u in plan.reporting_units.values() if u.level == group.members_level}
    for member in group.members:
        if member in plan.group_by_code:
            out |= group_members(plan, member, _seen | {code})
        else:
            out.add(member)
    return out


def task_reporters(plan: Plan, task: Task) -> set[str]:
    """Who reports a task's progress: its lead agencies, and every member of a lead group (a
    group without members — enterprises, schools — adds nobody)."""
    out: set[str] = set()
    for code in task.lead:
        out |= group_members(plan, code) if code in plan.group_by_code else {code}
    return out


def groups_of(plan: Plan, code: str) -> list[str]:
    """The groups a code belongs to, directly or through a nested group, in file order."""
    return [g.code for g in plan.groups if g.code != code and code in _closure(plan, g.code)]


def _closure(plan: Plan, group_code: str, _seen: frozenset[str] = frozenset()) -> set[str]:
    """Every code in a group: its members, and its nested groups and theirs (cycles are cut)."""
    members = group_members(plan, group_code)
    nested = {m for m in plan.group_by_code[group_code].members if m in plan.group_by_code}
    for g in list(nested - _seen - {group_code}):
        nested |= _closure(plan, g, _seen | {group_code})
    return members | nested


def display_name(plan: Plan, code: str) -> str:
    if code in plan.agency_by_code:
        return plan.agency_by_code[code].name_vi
    if code in plan.group_by_code:
        return plan.group_by_code[code].name_vi
    if code in plan.unit_by_code:
        return plan.unit_by_code[code].name
    return code


class LookupError_(Exception):
    """A name that matched nothing or more than one entry; ``suggestions`` says what might fit."""

    def __init__(self, query: str, suggestions: list[str], ambiguous: bool = False):
        self.query = query
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        super().__init__(query)


def _names(plan: Plan) -> list[tuple[str, str]]:
    """(code, name or alias) pairs for every agency, group and unit."""
    pairs: list[tuple[str, str]] = []
    for a in plan.agencies:
        pairs += [(a.code, a.code), (a.code, a.name_vi), (a.code, a.name_en)]
        pairs += [(a.code, alias) for alias in a.aliases]
    for g in plan.groups:
        pairs += [(g.code, g.code), (g.code, g.name_vi), (g.code, g.name_en)]
        pairs += [(g.code, alias) for alias in g.aliases]
    for u in plan.units:
        pairs += [(u.code, u.code), (u.code, u.name)]
    return pairs


def resolve(plan: Plan, query: str) -> str:
    """A code for ``query``: a code, or a name/alias matched ignoring case and diacritics.

    An exact folded match wins; else a unique entry whose name contains the query. Raises
    ``LookupError_`` with "did you mean" suggestions otherwise.
    """
    key = fold(query)
    pairs = _names(plan)
    if key.isdigit():  # a unit code: exactly that code, never a code that merely contains it
        if key in plan.reporting_units or key in plan.unit_by_code:
            return key
        raise LookupError_(query, [])
    exact = sorted({code for code, name in pairs if fold(name) == key})
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise LookupError_(query, exact, ambiguous=True)
    partial = sorted({code for code, name in pairs if key and key in fold(name)})
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise LookupError_(query, partial[:8], ambiguous=True)
    by_name = {name: code for code, name in pairs}
    near = same_number(query, by_name, n=6, cutoff=0.5)  # never another unit's number
    suggestions: dict[str, str] = {}  # one suggestion per code ("SYT (Sở Y tế)", not also "SYT")
    for n in near:
        suggestions.setdefault(by_name[n], f"{by_name[n]} ({n})" if by_name[n] != n else n)
    raise LookupError_(query, list(suggestions.values())[:3])


def resolve_areas(plan: Plan, asked: Sequence[str] | str | None) -> list[str] | None:
    """Area ids for what a user typed: an id (``digital-economy``), or an area's name in either
    language, with or without diacritics (``Kinh tế số``, ``kinh te so``, ``Digital economy``).
    Raises ``LookupError_`` naming the areas for anything else."""
    if asked is None:
        return None
    if isinstance(asked, str):
        asked = [asked]
    by_name: dict[str, str] = {}
    for a in plan.areas:
        for name in (a.id, a.name_vi, a.name_en):
            by_name.setdefault(fold(name).replace("-", " "), a.id)
    out: list[str] = []
    for text in asked:
        found = text if text in plan.area_by_id else by_name.get(fold(text).replace("-", " "))
        if found is None:
            names = [f"{a.id} ({a.name_vi})" for a in plan.areas]
            raise LookupError_(text, names)
        out.append(found)
    return out


def short_name(plan: Plan, code: str, lang: str) -> str:
    """A lead or coordinating body as a table shows it: a group by its name ("Các Sở, ban,
    ngành tỉnh"), an agency in Vietnamese by its usual short form when the plan gives one
    ("Sở TT&TT"), else by its code (STTTT), which is short and unique."""
    group = plan.group_by_code.get(code)
    if group is not None:
        return group.name_vi if lang == "vi" else group.name_en
    agency = plan.agency_by_code.get(code)
    if agency is not None and lang == "vi":
        short = [a for a in getattr(agency, "aliases", []) if len(a) <= 16]
        if short:
            return short[0]
    return code
