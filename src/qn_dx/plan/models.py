"""The plan as typed data: targets, tasks, units, agencies and the plan's metadata.

Every model forbids unknown fields, so a typo in the YAML is a located error, not a silently
ignored key.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..findings import Both, msg
from .plain import OtherReadingRules, ScopeRules, TargetRules, UnitRules

Area = str  # validated against plan.yaml's list of areas by `qn-dx check`
Measure = Literal["ratio", "value", "milestone"]
UnitKind = Literal["percent", "count", "rank"]
Op = Literal[">=", ">", "<=", "increase", "done"]
PeriodRule = Literal["latest", "year_to_date"]
# Levels of administrative units and their types are data: plan.yaml's `levels` declares them
# (the load step checks units.yaml, scopes, groups and budget parts against that list). The one
# level that is not an administrative unit is the province's own agencies (agencies.yaml).
Level = str
UnitType = str
AGENCY_LEVEL = "department"


def _not_bool(value: Any) -> Any:
    """YAML reads ``yes``, ``on`` and ``true`` as booleans, which pydantic would take as 1.0: a
    goal of "yes" is a mistake, never 1."""
    if isinstance(value, bool):
        raise ValueError(msg("finding.plan-schema.not-bool"))
    return value


Figure = Annotated[float, BeforeValidator(_not_bool)]


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


class Reference(Strict):
    """A document outside the plan that a figure comes from (a published index, a report)."""

    document: str
    publisher: str | None = None
    published: str | None = None  # as the document gives it: "YYYY-MM", "MM/YYYY"
    url: str | None = None


class Baseline(Strict):
    year: Year
    value: Figure | None = None
    quote: str | None = None  # the plan's own words (Part I), with their section
    section: str | None = None
    reference: Reference | None = None  # or a document outside the plan
    note: str | None = None


class Scope(Strict, ScopeRules):
    """Who reports a target: every unit of the listed levels (narrowed to ``types`` when given),
    and the units or agencies listed by code in ``units`` (a lead's own part, or a unit that has
    no unit of the listed levels under it, such as an island district without communes)."""

    levels: list[Level] = []
    types: list[UnitType] | None = None
    units: list[str] = []

    @model_validator(mode="after")
    def _levels_or_units(self) -> Scope:
        if not self.levels and not self.units:
            raise ValueError(msg("finding.plan-schema.scope-empty"))
        if self.types is not None and not self.levels:
            raise ValueError(msg("finding.plan-schema.scope-types"))
        return self


class OtherReading(Strict, OtherReadingRules):
    """The other defensible reading of a goal measured against the baseline: kept beside the
    chosen one so that `explain` and the report can say what it would give."""

    target_offset: Figure | None = None  # goal = baseline + offset
    target_factor: Figure | None = Field(default=None, gt=0)  # goal = baseline × factor
    note: str | None = None

    @model_validator(mode="after")
    def _one(self) -> OtherReading:
        if (self.target_offset is None) == (self.target_factor is None):
            raise ValueError(msg("finding.plan-schema.other-reading"))
        return self


class Target(Strict, TargetRules):
    id: str = Field(pattern=r"^[A-Z]{2}-\d{2}$")
    # The same indicator across years, whatever its id or goal that year (kebab-case, unique).
    indicator: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
    area: Area
    title_vi: str
    title_en: str
    measure: Measure
    unit: UnitKind | None
    op: Op
    target: Figure | None
    target_offset: Figure | None = None  # goal = baseline + offset
    target_factor: Figure | None = Field(default=None, gt=0)  # goal = baseline × factor
    reading: str | None = None  # how the plan's words were read, in words
    other_reading: OtherReading | None = None
    numerator: Bilingual | None = None
    denominator: Bilingual | None = None
    scope: Scope
    period_rule: PeriodRule
    baseline: Baseline | None
    # `lead:` in YAML is one code or a list; the first lead is the one tables show. Codes are
    # agencies or groups of agencies.yaml.
    leads: list[str] = Field(min_length=1)
    # The rows of Phụ lục 2 that carry this target's work (`qn-dx check` holds the leads to them).
    tasks: list[str] = []
    source: Quote
    note: str | None = None
    # How many ranked entities a rank target ranks (the DTI ranks every province, and mergers
    # change how many there are): data, not code. Falls back to the plan's ``rank_universe``.
    rank_universe: int | None = Field(default=None, ge=1)
    # Below this share of expected units reporting, a result is provisional (plan default 0.8).
    min_coverage: Figure | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="before")
    @classmethod
    def _lead_as_list(cls, data: Any) -> Any:
        """``lead: SYT`` or ``lead: [SYT, SGDDT]`` → ``leads``."""
        if isinstance(data, dict) and "lead" in data:
            data = dict(data)
            lead = data.pop("lead")
            if "leads" in data:
                raise ValueError(msg("finding.plan-schema.lead-leads"))
            data["leads"] = [lead] if isinstance(lead, str) else lead
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        # These combinations are what the compute step relies on; reject the rest here.
        if self.measure == "milestone":
            if self.op != "done" or self.target is not None or self.unit is not None:
                raise ValueError(msg("finding.plan-schema.milestone"))
        elif self.op == "done":
            raise ValueError(msg("finding.plan-schema.done-op"))
        if self.measure == "ratio":
            if self.numerator is None or self.denominator is None:
                raise ValueError(msg("finding.plan-schema.ratio-parts"))
            if self.unit != "percent":
                raise ValueError(msg("finding.plan-schema.ratio-percent"))
        elif self.numerator is not None or self.denominator is not None:
            raise ValueError(msg("finding.plan-schema.not-ratio-parts"))
        if self.measure != "milestone" and self.unit is None:
            raise ValueError(msg("finding.plan-schema.unit-needed"))
        if self.target_offset is not None and self.target_factor is not None:
            raise ValueError(msg("finding.plan-schema.offset-factor"))
        kept = self.target_offset is not None or self.target_factor is not None
        if self.other_reading is not None and not kept:
            raise ValueError(msg("finding.plan-schema.other-reading-kept"))
        needs_number = self.op in (">=", ">", "<=") and not kept
        if needs_number and self.target is None:
            raise ValueError(msg("finding.plan-schema.numeric-target", op=repr(self.op)))
        if self.op == "increase" and self.target is not None:
            raise ValueError(msg("finding.plan-schema.increase"))
        if self.measure == "value" and self.period_rule == "year_to_date" and self.unit != "count":
            raise ValueError(msg("finding.plan-schema.year-to-date"))
        if self.relative and self.baseline is None:
            raise ValueError(msg("finding.plan-schema.baseline-required"))
        return self


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


class Successor(Strict):
    """Where a unit went when it ceased: the unit that took it over, and for a split the share
    of its figures that goes there (None for a merge: all of it)."""

    code: str = Field(pattern=r"^\d+$")
    share: Figure | None = Field(default=None, gt=0, le=1)


class Unit(Strict, UnitRules):
    code: str = Field(pattern=r"^\d+$")
    name: str
    type: UnitType  # one of its level's types (plan.yaml `levels`)
    level: Level  # a level of plan.yaml `levels`
    parent: str | None = None  # a unit of a level above; none for the top level
    # Units change: a merge or a split ends a unit (valid_to, its last day) and starts others
    # (valid_from, their first day). Both absent: the unit exists throughout.
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successors: list[Successor] = []

    @model_validator(mode="after")
    def _dates(self) -> Unit:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(
                msg("finding.plan-schema.valid-to-before", valid_to=self.valid_to.isoformat(),
                    valid_from=self.valid_from.isoformat())
            )  # fmt: skip
        if self.successors and self.valid_to is None:
            raise ValueError(msg("finding.plan-schema.successors-valid-to"))
        codes = [s.code for s in self.successors]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise ValueError(msg("finding.plan-schema.successor-twice", code=", ".join(twice)))
        if self.code in codes:
            raise ValueError(msg("finding.plan-schema.successor-itself", code=self.code))
        # A merge names one successor and no share (all of it goes there). Any share — a split
        # into several, or one successor given a share — must account for the whole: shares
        # summing to 1, so that no part of a figure is lost or counted twice.
        if len(self.successors) > 1 or any(s.share is not None for s in self.successors):
            total = sum(s.share or 0 for s in self.successors)
            if any(s.share is None for s in self.successors) or abs(total - 1) > 1e-9:
                shown = f"{total:g}"
                raise ValueError(
                    msg(
                        "finding.plan-schema.successor-shares",
                        total=Both(shown.replace(".", ","), shown),
                    )
                )
        return self


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
    members_level: Level | None = None  # every unit (or agency) of this level
    note: str | None = None


class AreaInfo(Strict):
    id: str
    name_vi: str
    name_en: str
    section: str


class LevelInfo(Strict):
    """One level of administrative units, with the unit types it holds (tỉnh; huyện, thị xã …)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_vi: str
    name_en: str
    types: list[str] = Field(min_length=1)


class AppendixDate(Strict):
    name: str  # as printed: "Phụ lục 1"
    date: dt.date


class PlanDates(Strict):
    header: dt.date
    appendices: list[AppendixDate] = []  # as many as the plan has, each dated as printed


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
    min_coverage: Figure = Field(default=0.8, ge=0, le=1)
    note: str | None = None


class BudgetPart(Strict):
    level: Level  # a level of plan.yaml `levels` (ngân sách cấp tỉnh, cấp huyện, cấp xã …)
    amount: Figure = Field(ge=0)


class RecurrentBudget(Strict):
    total: Figure = Field(ge=0)
    parts: list[BudgetPart]
    quote: str


class NoteQuote(Strict):
    note: str
    quote: str


class PastSpending(Strict):
    year: Year
    amount: Figure = Field(ge=0)
    approximate: bool
    quote: str


class Budget(Strict):
    unit: Literal["million VND"]
    recurrent: RecurrentBudget
    investment: NoteQuote
    past_spending: PastSpending | None = None  # what the plan says was spent before (its year)


class PlanFile(Strict):
    plan: PlanInfo
    # Top-down: the first level is the province's; a unit's parent is of a level above its own.
    levels: list[LevelInfo] = Field(min_length=1)
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
