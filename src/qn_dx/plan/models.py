"""The plan as typed data: targets, tasks, units, agencies and the plan's metadata.

Every model forbids unknown fields, so a typo in the YAML is a located error, not a silently
ignored key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Area = str  # validated against plan.yaml's list of areas by `qn-dx check`
Measure = Literal["ratio", "value", "milestone"]
UnitKind = Literal["percent", "count", "rank"]
Op = Literal[">=", ">", "<=", "increase", "done"]
Level = Literal["province", "department", "district", "commune"]
PeriodRule = Literal["latest", "year_to_date"]
UnitType = Literal["tỉnh", "thành phố", "thị xã", "huyện", "phường", "thị trấn", "xã"]

OP_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "increase": "↑", "done": "done"}


class Strict(BaseModel):
    # allow_inf_nan=False: a NaN or infinite figure in a plan file is a located plan-schema error;
    # it would otherwise become "inf %" and "met", and invalid JSON.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


Year = Annotated[int, Field(ge=1900, le=2200)]


class Bilingual(Strict):
    vi: str
    en: str


class Quote(Strict):
    section: str
    quote: str


class Baseline(Strict):
    year: Year
    value: float | None = None
    quote: str | None = None
    section: str | None = None
    note: str | None = None


class Scope(Strict):
    levels: list[Level] = Field(min_length=1)
    types: list[UnitType] | None = None

    def describe(self) -> str:
        text = " + ".join(self.levels)
        return f"{text} ({', '.join(self.types)})" if self.types else text


class Target(Strict):
    id: str = Field(pattern=r"^[A-Z]{2}-\d{2}$")
    area: Area
    title_vi: str
    title_en: str
    measure: Measure
    unit: UnitKind | None
    op: Op
    target: float | None
    target_offset: float | None = None
    reading: str | None = None
    numerator: Bilingual | None = None
    denominator: Bilingual | None = None
    scope: Scope
    period_rule: PeriodRule
    baseline: Baseline | None
    lead: str
    source: Quote
    note: str | None = None
    # How many ranked entities a rank target ranks (the DTI ranks 63 provinces before 2025, 34
    # after): data, not code. Falls back to the plan's ``rank_universe``.
    rank_universe: int | None = Field(default=None, ge=1)
    # Below this share of expected units reporting, a result is provisional (plan default 0.8).
    min_coverage: float | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        # These combinations are what the compute step relies on; reject the rest here.
        if self.measure == "milestone":
            if self.op != "done" or self.target is not None or self.unit is not None:
                raise ValueError("a milestone has op 'done', target null and unit null")
        elif self.op == "done":
            raise ValueError("op 'done' is only for milestones")
        if self.measure == "ratio":
            if self.numerator is None or self.denominator is None:
                raise ValueError("a ratio needs numerator and denominator definitions")
            if self.unit != "percent":
                raise ValueError("a ratio is a percent")
        elif self.numerator is not None or self.denominator is not None:
            raise ValueError("only a ratio has numerator/denominator definitions")
        if self.measure != "milestone" and self.unit is None:
            raise ValueError("a ratio or value needs a unit (percent, count or rank)")
        needs_number = self.op in (">=", ">", "<=") and self.target_offset is None
        if needs_number and self.target is None:
            raise ValueError(f"op {self.op!r} needs a numeric target (or target_offset)")
        if self.op == "increase" and self.target is not None:
            raise ValueError(
                "op 'increase' takes its target from the baseline: target must be null"
            )
        if self.measure == "value" and self.period_rule == "year_to_date" and self.unit != "count":
            raise ValueError("only counts can be summed over the year: use period_rule latest")
        if (self.op == "increase" or self.target_offset is not None) and self.baseline is None:
            raise ValueError("this target is measured against the baseline: baseline is required")
        return self

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
        return f"{OP_SYMBOL[self.op]} {_num(self.target)}{suffix}"


def _num(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True)
class ReportingUnit:
    """Anything that can send figures: the province, a district, a commune or an agency."""

    code: str
    name: str
    level: str  # province | department | district | commune | other
    type: str | None  # unit type (xã, phường …) or agency kind


class TaskGroup(Strict):
    number: int = Field(ge=1)
    name_vi: str
    name_en: str


class Task(Strict):
    id: str = Field(pattern=r"^NV-\d+\.\d+[a-z]?$")
    number: str = Field(pattern=r"^\d+\.\d+$")
    group: int = Field(ge=1)
    name_vi: str
    name_en: str
    lead: list[str] = Field(min_length=1)
    coordinating: list[str] = []
    lead_vi: str
    coordinating_vi: str = ""


class Unit(Strict):
    code: str = Field(pattern=r"^\d+$")
    name: str
    type: UnitType
    level: Literal["province", "district", "commune"]
    parent: str | None = None


class Agency(Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    name_vi: str
    name_en: str
    kind: Literal[
        "department", "board", "office", "inspectorate", "police", "bank", "union", "central"
    ]
    # "department" = reports the targets scoped to province-level agencies (EG-15, EG-17, DG-12).
    level: Literal["department", "other"]
    aliases: list[str] = []


class Group(Strict):
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    name_vi: str
    name_en: str
    aliases: list[str] = []
    members: list[str] = []  # agency, unit or group codes
    members_level: Literal["department", "district", "commune"] | None = None
    note: str | None = None


class AreaInfo(Strict):
    id: str
    name_vi: str
    name_en: str
    section: str


class PlanDates(Strict):
    header: dt.date
    appendix_1: dt.date
    appendix_2: dt.date


class PlanInfo(Strict):
    number: str
    title_vi: str
    title_en: str
    province_code: str
    province_name: str
    signed: dt.date
    dates: PlanDates
    signer: str
    signer_title_vi: str
    plan_year: Year
    baseline_year: Year
    rank_universe: int | None = Field(default=None, ge=1)
    min_coverage: float = Field(default=0.8, ge=0, le=1)
    note: str | None = None


class BudgetPart(Strict):
    level: Literal["province", "district"]
    amount: float = Field(ge=0)


class RecurrentBudget(Strict):
    total: float = Field(ge=0)
    parts: list[BudgetPart]
    quote: str


class NoteQuote(Strict):
    note: str
    quote: str


class PastSpending(Strict):
    year: Year
    amount: float = Field(ge=0)
    approximate: bool
    quote: str


class Budget(Strict):
    unit: Literal["million VND"]
    recurrent: RecurrentBudget
    investment: NoteQuote
    spending_2022: PastSpending


class PlanFile(Strict):
    plan: PlanInfo
    areas: list[AreaInfo] = Field(min_length=1)
    budget: Budget


class TargetsFile(Strict):
    targets: list[Target] = Field(min_length=1)


class TasksFile(Strict):
    groups: list[TaskGroup] = Field(min_length=1)
    tasks: list[Task] = Field(min_length=1)


class UnitsFile(Strict):
    source: str
    units: list[Unit] = Field(min_length=1)


class AgenciesFile(Strict):
    agencies: list[Agency] = Field(min_length=1)
    groups: list[Group] = []
