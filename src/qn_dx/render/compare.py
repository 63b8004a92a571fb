"""Two plans side by side (``qn-dx compare``): one line per indicator, each plan's target id,
goal, actual and status. JSON keys are English; the table speaks the chosen language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..words import period_label, say
from .figures import actual_json, actual_text, goal_text, r4, status_word, title
from .safe import json_text
from .tables import Column, TableSpec

if TYPE_CHECKING:
    from ..api import CompareResult, PlanPair


def _side(r: Any, lang: str) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "id": r.id,
        "title": title(r.target, lang),
        "goal_text": goal_text(r.target, r.target_value, lang),
        "target": r4(r.target_value),
        "actual": actual_json(r),
        "status": r.status,
    }


def compare_dict(c: CompareResult, lang: str = "en") -> dict[str, Any]:
    def plan(result: Any) -> dict[str, Any]:
        info = result.report.plan.info
        return {"number": info.number, "plan_year": info.plan_year, "as_of": result.as_of.label}

    return {
        "first": plan(c.first),
        "second": plan(c.second),
        "indicators": [
            {
                "indicator": p.indicator,
                "first": _side(p.first, lang),
                "second": _side(p.second, lang),
            }
            for p in c.pairs
        ],
    }


def compare_rows(c: CompareResult, lang: str = "en") -> list[dict[str, Any]]:
    """One flat row per indicator (a DataFrame, a CSV)."""
    rows = []
    for item in compare_dict(c, lang)["indicators"]:
        row: dict[str, Any] = {"indicator": item["indicator"]}
        for side in ("first", "second"):
            values = item[side] or {}
            for key in ("id", "goal_text", "target", "actual", "status"):
                row[f"{side}_{key}"] = values.get(key)
        rows.append(row)
    return rows


def to_csv_vi(c: CompareResult) -> str:
    """What Vietnamese-locale Excel opens as is (as report's Vietnamese CSV): ``;``-separated,
    the table's Vietnamese headings and words, decimal commas; UTF-8 with a BOM."""
    import csv
    import io

    from .listing import BOM, csv_cell

    spec = compare_spec(c)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(spec.headings("vi"))
    for p in c.pairs:
        writer.writerow([csv_cell(col.text(p, "vi")) for col in spec.columns])
    return BOM + buf.getvalue()


def to_json(c: CompareResult, lang: str) -> str:
    return json_text(compare_dict(c, lang))


def compare_spec(c: CompareResult) -> TableSpec[PlanPair]:
    def heading(result: Any) -> Any:
        def args(lang: str) -> dict[str, Any]:
            info = result.report.plan.info
            return {"plan": info.number, "period": period_label(result.as_of, lang)}

        return args

    def cols(side: str, result: Any) -> list[Column[PlanPair]]:
        def r(p: PlanPair) -> Any:
            return getattr(p, side)

        def goal(p: PlanPair, lang: str) -> str:
            x = r(p)
            return "" if x is None else goal_text(x.target, x.target_value, lang)

        def actual(p: PlanPair, lang: str) -> str:
            x = r(p)
            return "" if x is None else actual_text(x.actual, x.target.unit, lang)

        def status(p: PlanPair, lang: str) -> str:
            x = r(p)
            return "" if x is None else status_word(x.status, lang)

        return [
            Column(f"{side}_id", "compare.id", lambda p, lang: r(p).id if r(p) else "—",
                   keep=100, heading_args=heading(result), wrap=True, min_width=7),
            Column(f"{side}_goal", "report.goal", goal, keep=60, wrap=True, min_width=10),
            Column(f"{side}_actual", "report.actual", actual, align="right", keep=90),
            Column(f"{side}_status", "report.status", status, keep=95, wrap=True, min_width=10),
        ]  # fmt: skip

    def name(p: PlanPair, lang: str) -> str:
        x = p.first or p.second
        return title(x.target, lang) if x is not None else p.indicator

    return TableSpec(
        "compare",
        (
            Column("indicator", "compare.indicator", name, keep=100, min_width=24, max_width=50,
                   wrap=True),
            *cols("first", c.first),
            *cols("second", c.second),
        ),
    )  # fmt: skip


def print_compare(console: Any, c: CompareResult, lang: str) -> None:
    from .terminal import hidden_note, spec_table

    first, second = c.first.report.plan.info, c.second.report.plan.info
    heading = say("compare.title", lang, first=first.number, second=second.number)
    both = sum(1 for p in c.pairs if p.first is not None and p.second is not None)
    hidden: list[str] = []
    console.print(spec_table(console, compare_spec(c), c.pairs, lang, heading, None, hidden))
    hidden_note(console, hidden, lang)
    console.print(f"  {say('compare.matched', lang, n=both, total=len(c.pairs))}")
