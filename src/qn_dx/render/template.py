"""Blank submission files for one unit (`qn-dx template`)."""

from __future__ import annotations

import io
from typing import Any

from ..ingest.periods import Period
from ..plan import Plan
from ..plan.registry import in_scope
from .listing import pin_zip_times, to_csv

COLUMNS = ["indicator_id", "period", "unit_code", "numerator", "denominator", "value", "note"]


def template_rows(plan: Plan, unit_code: str, period: Period) -> list[dict[str, Any]]:
    unit = plan.reporting_units[unit_code]
    return [
        {
            "indicator_id": t.id,
            "period": period.label,
            "unit_code": unit_code,
            "numerator": "",
            "denominator": "",
            "value": "",
            "note": f"{t.title_vi} [{t.measure}{', ' + t.target_text() if t.op != 'done' else ''}]",
        }
        for t in plan.targets
        if in_scope(unit, t.scope)
    ]


def to_csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    return to_csv(rows, COLUMNS).encode("utf-8")


def to_xlsx_bytes(rows: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "actuals"
    sheet.append(COLUMNS)
    for row in rows:
        # unit codes stay text so Excel keeps "51" as a code, not a number to sum
        sheet.append([row[c] if row[c] != "" else None for c in COLUMNS])
    sheet.freeze_panes = "A2"
    buf = io.BytesIO()
    book.save(buf)
    return pin_zip_times(buf.getvalue())
