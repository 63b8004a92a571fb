"""The plan's models as plain objects: what the plan cache (plan/cache.py) loads.

A plan read from its YAML is checked by pydantic (plan/models.py). Once checked, its objects
only carry data and a few methods; importing pydantic and building its validators costs more
than loading a cached plan (0.25 s against 0.02 s for the shipped one). So the cache stores
the same objects as plain ones: one class here per model class there, with the same name, the
same fields (whatever they are: a field added to a model is carried over) and the same
methods, and frozen like them. ``tests/test_plan_cache.py`` holds the two sets of classes to
the same attributes and the same answers.

Nothing here imports pydantic or yaml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

OP_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "increase": "↑", "done": "done"}


@dataclass(frozen=True)
class ReportingUnit:
    """Anything that can send figures: an administrative unit or an agency."""

    code: str
    name: str
    level: str  # a level of plan.yaml `levels`, or an agency's: department | other
    type: str | None  # unit type (xã, phường …) or agency kind
    valid_from: dt.date | None = None  # a unit that changes: its first and last day
    valid_to: dt.date | None = None

    def exists_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Record:
    """A frozen bag of fields, compared and hashed by value like a frozen pydantic model."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self).__name__, *(_hashable(v) for v in self.__dict__.values())))

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"

    def model_dump(self) -> dict[str, Any]:
        return {k: _dump(v) for k, v in self.__dict__.items()}


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.model_dump()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _num(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# --- the models' methods, written once -----------------------------------------------------------
# Each mixin below is a base of both the pydantic model (plan/models.py) and the plain class here,
# so that a plan loaded from the cache answers exactly as one read from its files.


class ScopeRules:
    if TYPE_CHECKING:
        levels: list[str]
        types: list[str] | None
        units: list[str]

    def describe(self) -> str:
        parts = []
        if self.levels:
            text = " + ".join(self.levels)
            parts.append(f"{text} ({', '.join(self.types)})" if self.types else text)
        parts += self.units
        return " + ".join(parts)


class OtherReadingRules:
    if TYPE_CHECKING:
        target_offset: float | None
        target_factor: float | None

    def goal(self, baseline: float) -> float:
        if self.target_factor is not None:
            return baseline * self.target_factor
        return baseline + (self.target_offset or 0.0)

    def describe(self, unit: str | None) -> str:
        if self.target_factor is not None:
            return f"baseline × {_num(self.target_factor)}"
        points = " pp" if unit == "percent" else ""
        return f"baseline + {_num(self.target_offset)}{points}"


class TargetRules:
    if TYPE_CHECKING:
        title_vi: str
        title_en: str
        unit: str | None
        op: str
        target: float | None
        target_offset: float | None
        target_factor: float | None
        leads: list[str]

    @property
    def lead(self) -> str:
        """The first lead: the one a table with a single lead column shows."""
        return self.leads[0]

    @property
    def relative(self) -> bool:
        """Measured against the baseline: `increase`, or a goal of baseline + offset / × factor."""
        return (
            self.op == "increase"
            or self.target_offset is not None
            or self.target_factor is not None
        )

    def title(self, lang: str) -> str:
        return self.title_vi if lang == "vi" else self.title_en

    def target_text(self) -> str:
        """How the target reads in a table: ``≥ 90 %``, ``≤ 32``, ``done``, ``> baseline``."""
        if self.op == "done":
            return "done"
        suffix = " %" if self.unit == "percent" else ""
        if self.op == "increase":
            return "> baseline"
        if self.target_offset is not None:
            points = " pp" if self.unit == "percent" else ""
            return f"{OP_SYMBOL[self.op]} baseline + {_num(self.target_offset)}{points}"
        if self.target_factor is not None:
            return f"{OP_SYMBOL[self.op]} baseline × {_num(self.target_factor)}"
        return f"{OP_SYMBOL[self.op]} {_num(self.target)}{suffix}"


class UnitRules:
    if TYPE_CHECKING:
        valid_from: dt.date | None
        valid_to: dt.date | None

    def exists_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


# --- the plain classes ---------------------------------------------------------------------------


class Bilingual(Record):
    pass


class Quote(Record):
    pass


class Reference(Record):
    pass


class Baseline(Record):
    pass


class Scope(Record, ScopeRules):
    pass


class OtherReading(Record, OtherReadingRules):
    pass


class Target(Record, TargetRules):
    pass


class Successor(Record):
    pass


class TaskGroup(Record):
    pass


class Task(Record):
    pass


class Unit(Record, UnitRules):
    pass


class Agency(Record):
    pass


class Group(Record):
    pass


class AreaInfo(Record):
    pass


class LevelInfo(Record):
    pass


class AppendixDate(Record):
    pass


class PlanDates(Record):
    pass


class PlanInfo(Record):
    pass


class BudgetPart(Record):
    pass


class RecurrentBudget(Record):
    pass


class NoteQuote(Record):
    pass


class PastSpending(Record):
    pass


class Budget(Record):
    pass
