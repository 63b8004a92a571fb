"""The row contracts (v1) as pydantic models: the single definition that `qn-dx schema` exports
as JSON Schema and as a Frictionless Table Schema. A normalised row that `validate` accepts also
validates against these models (a property test holds the two together)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..ingest.headers import ACTUALS_COLUMNS, TASK_COLUMNS

PERIOD_PATTERN = r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"


class ActualRow(BaseModel):
    """One observation: an indicator, for one reporting unit, for one period (actuals v1)."""

    model_config = ConfigDict(extra="forbid", title="qn-dx actuals row (v1)")

    indicator_id: str = Field(
        pattern=r"^[A-Z]{2}-\d{2}$", description="A target id from targets.yaml, e.g. EG-15."
    )
    period: str = Field(
        pattern=PERIOD_PATTERN,
        description="YYYY-Q1…YYYY-Q4, YYYY-01…YYYY-12 or YYYY (normalised form; files may also "
        "write Quý I/YYYY, T3/YYYY, 03/YYYY …). Years: the plan's baseline year and plan year.",
    )
    unit_code: str = Field(
        min_length=1,
        description="Reporting unit: the GSO code of an administrative unit (51, the province), "
        "or an agency code such as STTTT.",
    )
    numerator: int | None = Field(
        default=None, ge=0, description="Ratio indicators: whole number ≥ 0."
    )
    denominator: int | None = Field(
        default=None, ge=0, description="Ratio indicators: whole number ≥ 0 and ≥ numerator."
    )
    value: float | Literal["done", "not_done"] | None = Field(
        default=None,
        description="Value indicators: the figure (percent 0–100, count ≥ 0, rank from 1 to the "
        "plan's rank_universe). "
        "Milestones: done / not_done. Ratios: optional, must equal 100 × num/den within 0.1.",
    )
    basis: Literal["period", "cumulative"] = Field(
        default="period",
        description="period: the figures of this period only (the default; also trong kỳ, phát "
        "sinh); cumulative: year-to-date totals (lũy kế, cộng dồn). For a year_to_date target a "
        "unit's latest cumulative row stands for its year so far; one unit may not mix the two "
        "for one indicator in one year.",
    )
    submitted: dt.date | None = Field(
        default=None,
        description="Date the row was sent (YYYY-MM-DD, or DD/MM/YYYY day first). When two rows "
        "give different figures for one indicator, unit and period, the later date wins.",
    )
    note: str | None = Field(default=None, description="Free text.")


class TaskProgressRow(BaseModel):
    """Progress of one task of Phụ lục 2 in one period (task progress v1)."""

    model_config = ConfigDict(extra="forbid", title="qn-dx task progress row (v1)")

    task_id: str = Field(pattern=r"^NV-\d+\.\d+[a-z]?$", description="A task id, e.g. NV-1.2.")
    period: str = Field(pattern=PERIOD_PATTERN, description="As for actuals.")
    status: str = Field(
        pattern=r"^(not_started|in_progress|done|delayed)$",
        description="not_started, in_progress, done or delayed (Vietnamese: chưa triển khai, "
        "đang triển khai, hoàn thành, chậm tiến độ).",
    )
    progress: float | None = Field(default=None, ge=0, le=100, description="Percent done, 0–100.")
    submitted: dt.date | None = Field(default=None, description="As for actuals.")
    note: str | None = Field(default=None, description="Free text.")


MODELS: dict[str, tuple[type[BaseModel], dict[str, tuple[str, ...]], tuple[str, ...]]] = {
    "actuals": (ActualRow, ACTUALS_COLUMNS, ("indicator_id", "period", "unit_code")),
    "tasks": (TaskProgressRow, TASK_COLUMNS, ("task_id", "period", "status")),
}


def json_schema(kind: str) -> dict[str, Any]:
    model = MODELS[kind][0]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def table_schema(kind: str) -> dict[str, Any]:
    """A Frictionless Table Schema derived from the same model."""
    model, columns, required = MODELS[kind]
    props = model.model_json_schema()["properties"]
    fields = []
    for name, spec in props.items():
        types = {t.get("type") for t in spec.get("anyOf", [spec])} - {None, "null"}
        ftype = "integer" if types == {"integer"} else "number" if types == {"number"} else "string"
        if types == {"number", "string"}:
            ftype = "any"
        if any(part.get("format") == "date" for part in spec.get("anyOf", [spec])):
            ftype = "date"
        constraints: dict[str, Any] = {}
        if name in required:
            constraints["required"] = True
        for src, dst in (
            ("minimum", "minimum"),
            ("maximum", "maximum"),
            ("pattern", "pattern"),
            ("enum", "enum"),
        ):
            for part in spec.get("anyOf", [spec]):
                if src in part:
                    constraints[dst] = part[src]
        field: dict[str, Any] = {
            "name": name,
            "type": ftype,
            "description": spec.get("description", ""),
            "title": " / ".join(columns[name][1:]) or name,
        }
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    # one row per indicator, period and unit; per task and period (status is a figure, not a key)
    key = [c for c in required if c != "status"]
    return {"fields": fields, "missingValues": [""], "primaryKey": key}
