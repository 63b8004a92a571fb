"""The gap report in every format: terminal table, JSON, CSV, Markdown, Excel and HTML.

The human formats walk one spec, ``REPORT`` (a line per target, and with --by-unit a line per
unit under it); JSON and the English CSV keep their documented keys. Output is deterministic: no
timestamps, plan order, numbers rounded to 4 decimals only to drop float noise.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from ..compute import Report, TargetResult, UnitResult
from ..findings import day_words, said
from ..vocab import Lang, Status, UnitKind
from ..words import number, say
from .figures import (
    actual_json,
    actual_text,
    finite,
    gap_text,
    goal_text,
    milestone_json,
    notes_text,
    progress_fraction,
    r4,
    shortfall_text,
    status_text,
    status_word,
    text_bar,
    title,
)
from .listing import BOM, csv_cell, pin_zip_times, sheet_titles, xlsx_append
from .safe import json_text, markup
from .tables import AS_TEXT, Column, TableSpec
from .templating import Raw, render

STATUS_STYLE = {
    "met": "bold green",
    "on_track": "green",
    "off_track": "bold yellow",
    "pending": "cyan",
    "not_met": "bold red",
    "no_data": "dim",
}
STATUS_FILL = {  # xlsx / html colours
    "met": "C6EFCE",
    "on_track": "DDEBF7",
    "off_track": "FFEB9C",
    "pending": "E2EFDA",
    "not_met": "FFC7CE",
    "no_data": "EDEDED",
}
BAR_FILL = {
    "met": "2e7d32",
    "on_track": "1565c0",
    "off_track": "f9a825",
    "pending": "00838f",
    "not_met": "c62828",
    "no_data": "9e9e9e",
}
# The machine CSV (--format csv --lang en): a documented contract, one row per target.
CSV_COLUMNS = [
    "id",
    "area",
    "title",
    "measure",
    "unit",
    "op",
    "target",
    "actual",
    "gap",
    "status",
    "baseline",
    "baseline_source",
    "units_reported",
    "units_expected",
    "coverage",
    "provisional",
    "observations_used",
    "projection",
    "lead",
]


@dataclass(frozen=True)
class Line:
    """One line of the report: a target, or (with --by-unit) one unit under it."""

    result: TargetResult
    unit: UnitResult | None = None

    @property
    def status(self) -> str:
        return self.unit.status if self.unit is not None else self.result.status


def _id(line: Line, lang: str) -> str:
    return "" if line.unit else line.result.id


def _title(line: Line, lang: str) -> str:
    if line.unit is not None:
        return f"↳ {line.unit.code} {line.unit.name}"
    return title(line.result.target, lang)


def _goal(line: Line, lang: str) -> str:
    r = line.result
    return "" if line.unit else goal_text(r.target, r.target_value, lang)


def _actual(line: Line, lang: str) -> str:
    actual = line.unit.actual if line.unit else line.result.actual
    return actual_text(actual, line.result.target.unit, lang)


def _gap(line: Line, lang: str) -> str:
    gap = line.unit.gap if line.unit else line.result.gap
    return shortfall_text(gap, line.result.target.unit, lang)


def _status(line: Line, lang: str) -> str:
    if line.unit is not None:
        return status_word(line.unit.status, lang)
    return status_text(line.result, lang)


def _units(line: Line, lang: str) -> str:
    if line.unit is not None:
        from ..ingest.periods import parse_period
        from ..words import period_label

        return period_label(parse_period(line.unit.period), lang) if line.unit.period else ""
    return f"{line.result.units_reported}/{line.result.units_expected}"


def _bar(line: Line, lang: str) -> str:
    return "" if line.unit else text_bar(progress_fraction(line.result))


def _actual_value(line: Line) -> Any:
    actual = line.unit.actual if line.unit else line.result.actual
    if isinstance(actual, bool):
        return AS_TEXT  # a milestone: its word
    return finite(r4(actual))


def _gap_value(line: Line) -> Any:
    return r4(line.unit.gap if line.unit else line.result.gap)


REPORT: TableSpec[Line] = TableSpec(
    "report",
    (
        Column("id", "report.id", _id, keep=100),
        Column("title", "report.title", _title, keep=100, min_width=26, max_width=56, wrap=True),
        Column("goal", "report.goal", _goal, keep=90, min_width=10, max_width=28, wrap=True),
        Column("actual", "report.actual", _actual, _actual_value, align="right", keep=100),
        Column("gap", "report.gap", _gap, _gap_value, align="right", keep=80),
        Column("status", "report.status", _status, keep=100, min_width=12, max_width=30, wrap=True),
        Column("units", "report.units", _units, align="right", keep=30),
        Column("progress", "report.progress", _bar, keep=10),
    ),
)


# --- --compare and --trend: further columns of the same spec, in every format ---------------------

SPARKS = "▁▂▃▄▅▆▇█"


def _then(line: Line, report: Report) -> TargetResult | None:
    if line.unit is not None or report.compare is None:
        return None
    return report.compare.by_id().get(line.result.id)


def _compare_columns(report: Report) -> list[Column[Line]]:
    other = report.compare
    if other is None:
        return []

    def period(lang: str) -> dict[str, Any]:
        from ..words import period_label

        return {"period": period_label(other.as_of, lang)}

    def actual(line: Line, lang: str) -> str:
        then = _then(line, report)
        return "" if then is None else actual_text(then.actual, then.target.unit, lang)

    def actual_value(line: Line) -> Any:
        then = _then(line, report)
        if then is None or isinstance(then.actual, bool):
            return AS_TEXT
        return finite(r4(then.actual))

    def status(line: Line, lang: str) -> str:
        then = _then(line, report)
        return "" if then is None else status_word(then.status, lang)

    def change(line: Line, lang: str) -> str:
        delta = change_of(line.result, _then(line, report))
        return "" if delta is None else gap_text(delta, line.result.target.unit, lang)

    def change_value(line: Line) -> Any:
        return r4(change_of(line.result, _then(line, report)))

    return [
        Column("compare_actual", "report.actual_at", actual, actual_value, align="right",
               keep=78, heading_args=period),
        Column("compare_status", "report.status_at", status, keep=74, heading_args=period,
               wrap=True, min_width=10),
        Column("change", "report.change", change, change_value, align="right", keep=76),
    ]  # fmt: skip


def change_of(now: TargetResult, then: TargetResult | None) -> float | None:
    """How the actual moved since the other period (numbers only)."""
    if then is None:
        return None
    a, b = now.actual, then.actual
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return None
    return float(a) - float(b)


def sparkline(r: TargetResult) -> str:
    """▁▃▅█ — the figure period by period, scaled between the lowest and highest of the figures
    and the goal; a milestone is █ once done, · before; a period without data is a space."""
    values = [v for _, v in r.series]
    if any(isinstance(v, bool) for v in values):
        return "".join(" " if v is None else "█" if v else "·" for v in values)
    numbers = [float(v) for v in values if v is not None]
    if not numbers:
        return " " * len(values)
    scale = numbers + ([float(r.target_value)] if r.target_value is not None else [])
    low, high = min(scale), max(scale)
    out = []
    for v in values:
        if v is None:
            out.append(" ")
            continue
        step = 0 if high == low else round((float(v) - low) / (high - low) * (len(SPARKS) - 1))
        out.append(SPARKS[step])
    return "".join(out)


def _trend_columns(report: Report) -> list[Column[Line]]:
    from ..compute.engine import trend_periods

    periods = trend_periods(report.as_of)

    def at(i: int) -> Any:
        def text(line: Line, lang: str) -> str:
            if line.unit is not None:
                return ""
            v = line.result.series[i][1] if i < len(line.result.series) else None
            return actual_text(v, line.result.target.unit, lang)

        def value(line: Line) -> Any:
            if line.unit is not None:
                return None
            v = line.result.series[i][1] if i < len(line.result.series) else None
            return AS_TEXT if isinstance(v, bool) else finite(r4(v))

        return text, value

    def heading(p: Any) -> Any:
        def args(lang: str) -> dict[str, Any]:
            from ..words import period_label

            return {"period": period_label(p, lang)}

        return args

    columns = []
    for i, p in enumerate(periods):
        text, value = at(i)
        columns.append(
            Column(f"at:{p.label}", "report.value_at", text, value, align="right", keep=5,
                   heading_args=heading(p))
        )  # fmt: skip
    columns.append(Column("trend", "report.trend", _spark, keep=77))
    return columns


def _spark(line: Line, lang: str) -> str:
    return "" if line.unit else sparkline(line.result)


def report_spec(report: Report, trend: bool = False) -> TableSpec[Line]:
    """The report's columns: its own, with a comparison (``--compare``) and a sparkline
    (``--trend``) before the unit counts, and the trend's one column per period last — the
    same in every format."""
    extra = _compare_columns(report)
    periods: list[Column[Line]] = []
    if trend:
        *periods, spark = _trend_columns(report)
        extra.append(spark)
    if not extra and not periods:
        return REPORT
    at = REPORT.keys().index("units")
    own = REPORT.columns
    return TableSpec(REPORT.name, (*own[:at], *extra, *own[at:], *periods))


def lines(report: Report, area: str, by_unit: bool, every_unit: bool = False) -> list[Line]:
    """The area's lines; with ``by_unit`` each target's units under it (those with data, or
    ``every_unit`` — the workbook lists them all, so an analyst can filter for the missing)."""
    out = []
    for r in report.targets:
        if r.target.area != area:
            continue
        out.append(Line(r))
        if by_unit:
            out += [Line(r, u) for u in r.units if every_unit or u.status != Status.no_data]
    return out


def area_name(report: Report, area: str, lang: str) -> str:
    info = report.plan.area_by_id[area]
    return info.name_vi if lang == Lang.vi else info.name_en


def counts_line(report: Report, lang: str, area: str | None = None) -> str:
    """``met: 14 (3 provisional), not met: 6``"""
    counts, provisional = report.counts(area), report.provisional_counts(area)

    def one(status: str, n: int) -> str:
        p = provisional.get(status, 0)
        extra = f" ({say('report.of_which_provisional', lang, n=p)})" if p else ""
        return f"{status_word(status, lang)}: {n}{extra}"

    return ", ".join(one(s, n) for s, n in counts.items() if n)


def heading(report: Report, lang: str) -> str:
    from ..words import period_label

    as_of = period_label(report.as_of, lang)
    return f"{report.plan.info.number} — {say('report.as_of', lang)} {as_of}"


# --- JSON and CSV (machine formats) ---------------------------------------------------------------


_NONE: Any = object()


def _compare_dict(now: TargetResult, then: TargetResult | None) -> dict[str, Any] | None:
    if then is None:
        return None
    return {
        "period": then_period(then),
        "actual": actual_json(then),
        "status": then.status,
        "change": r4(change_of(now, then)),
    }


def then_period(then: TargetResult) -> str | None:
    return then.series[-1][0].label if then.series else None


def target_dict(
    r: TargetResult, lang: str, by_unit: bool, then: TargetResult | None = _NONE
) -> dict[str, Any]:
    t = r.target
    row: dict[str, Any] = {
        "id": t.id,
        "area": t.area,
        "title": title(t, lang),
        "measure": t.measure,
        "unit": t.unit,
        "op": t.op,
        "target": r4(r.target_value),
        "actual": actual_json(r),
        "gap": r4(r.gap),
        "status": r.status,
        "baseline": r4(r.baseline),
        "baseline_source": r.baseline_source,
        "units_reported": r.units_reported,
        "units_expected": r.units_expected,
        "coverage": r4(r.coverage),
        "provisional": r.provisional,
        "observations_used": len(r.used),
        "projection": r4(r.projection),
        "projection_points": [{"period": p, "value": r4(v)} for p, v in r.projection_points],
        "series": [{"period": p.label, "value": _series_value(v)} for p, v in r.series],
        **({"compare": _compare_dict(r, then)} if then is not _NONE else {}),
        "period_rule": t.period_rule,
        "lead": t.lead,
        "note": notes_text(r, lang),
    }
    if by_unit:
        row["units"] = [
            {
                "code": u.code,
                "name": u.name,
                "actual": ("done" if u.actual else "not_done")
                if isinstance(u.actual, bool)
                else r4(u.actual),
                "status": u.status,
                "gap": r4(u.gap),
                "period": u.period,
            }
            for u in r.units
        ]
    return row


def _series_value(v: float | bool | None) -> Any:
    if isinstance(v, bool):
        return milestone_json(v)
    return r4(v)


def report_dict(report: Report, lang: str, by_unit: bool) -> dict[str, Any]:
    info = report.plan.info
    return {
        "plan": {
            "number": info.number,
            "title": info.title_vi if lang == Lang.vi else info.title_en,
            "plan_year": info.plan_year,
            "baseline_year": info.baseline_year,
        },
        "as_of": report.as_of.label,
        **({"on_units": report.on_units.isoformat()} if report.on_units else {}),
        "rows_left_out": report.rows_left_out,
        "rows_left_out_from": [{"from": who, "rows": n} for who, n in report.left_out_from],
        "files_left_out": [{"file": f, "code": code} for f, code in report.files_left_out],
        "observations_used": sum(len(r.used) for r in report.targets),
        "targets": [target_dict(r, lang, by_unit, _then_of(report, r)) for r in report.targets],
        "areas": [
            {
                "area": a,
                "counts": report.counts(a),
                "provisional_counts": report.provisional_counts(a),
            }
            for a in report.areas
        ],
        "counts": report.counts(),
        "provisional_counts": report.provisional_counts(),
        "warnings": [
            {
                "code": w.code,
                "message": w.text(lang),
                "hint": w.hint_text(lang),
                # where the figure it is about was sent (a located finding)
                **({"file": w.file, "line": w.line} if w.file else {}),
            }
            for w in report.warnings
        ],
    }


def _then_of(report: Report, r: TargetResult) -> Any:
    if report.compare is None:
        return _NONE
    return report.compare.by_id().get(r.id)


def to_json(report: Report, lang: str, by_unit: bool) -> str:
    return json_text(report_dict(report, lang, by_unit))


def to_csv_text(report: Report, lang: str) -> str:
    """One row per target. English: the documented keys and canonical values. Vietnamese: what
    Vietnamese-locale Excel opens as is: ``;``-separated, decimal commas, Vietnamese headings and
    words."""
    rows = [target_dict(r, lang, False) for r in report.targets]
    buf = io.StringIO()
    if lang != Lang.vi:
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow([csv_cell(row.get(c)) for c in CSV_COLUMNS])
        return BOM + buf.getvalue()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([say(f"report.{c}", lang) for c in CSV_COLUMNS])
    for r, row in zip(report.targets, rows):
        writer.writerow([csv_cell(_vi_cell(report, r, c, row[c])) for c in CSV_COLUMNS])
    return BOM + buf.getvalue()


def _vi_cell(report: Report, r: TargetResult, key: str, value: Any) -> Any:
    lang = Lang.vi
    if value is None:
        return ""
    if key == "area":
        return area_name(report, value, lang)
    if key == "measure":
        return say(f"measure.{value}", lang)
    if key == "op":
        return say(f"op.{value}", lang)
    if key == "unit":
        return say(f"unit.{value}", lang)
    if key == "status":
        return status_text(r, lang)
    if key == "actual" and isinstance(r.actual, bool):
        return say("milestone.done" if r.actual else "milestone.not_done", lang)
    if key == "baseline_source":
        return say(f"source.{value}", lang)
    if key == "provisional":
        return say("yes" if value else "no", lang)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if abs(value) < 1e15 else ""
    return value


# --- terminal -------------------------------------------------------------------------------------


def print_table(
    console: Any, report: Report, lang: str, by_unit: bool, trend: bool = False
) -> None:
    from .terminal import hidden_note, spec_table

    info = report.plan.info
    console.print(
        f"[bold]{markup(info.number)}[/bold] — "
        f"{markup(info.title_vi if lang == Lang.vi else info.title_en)} "
        f"({markup(say('report.as_of', lang))} [bold]{markup(_as_of(report, lang))}[/bold])"
    )
    for notice in notices(report, lang):
        console.print(f"[yellow]⚠ {markup(notice)}[/yellow]")

    def style(line: Line, key: str) -> str | None:
        return STATUS_STYLE[line.status] if key == "status" else None

    label = say("report.counts", lang)
    hidden: list[str] = []
    for area in report.areas:
        rows = lines(report, area, by_unit)
        spec = report_spec(report, trend)
        title = area_name(report, area, lang)
        console.print(spec_table(console, spec, rows, lang, title, style, hidden))
        if by_unit:
            no_data = sum(
                1
                for r in report.targets
                if r.target.area == area
                for u in r.units
                if u.status == Status.no_data
            )
            if no_data:
                console.print(f"  {markup(say('report.units_no_data', lang, n=no_data))}")
        console.print(f"  {markup(label)}: {markup(counts_line(report, lang, area))}")
    if len(report.areas) > 1:
        console.print(f"[bold]{markup(label)}:[/bold] {markup(counts_line(report, lang))}")
    hidden_note(console, hidden, lang)


def _as_of(report: Report, lang: str) -> str:
    from ..words import period_label

    return period_label(report.as_of, lang)


# --- Markdown and HTML (Jinja2) -------------------------------------------------------------------


def notices(report: Report, lang: str) -> list[str]:
    """What a reader must know before trusting the figures: rows left out and from whom, and
    the run's warnings (a stray latest period, year-to-date sums with periods missing). Every
    format shows them, the written files too."""
    out = []
    if report.rows_left_out:
        text = say("report.left_out", lang, n=report.rows_left_out)
        if report.left_out_from:
            shown = ", ".join(f"{who} ({n})" for who, n in report.left_out_from[:10])
            more = len(report.left_out_from) - 10
            shown += f", {say('more', lang, n=more)}" if more > 0 else ""
            text += f" — {say('report.left_out_from', lang, units=shown)}"
        out.append(text)
    if report.files_left_out:
        files = ", ".join(f"{name} ({code})" for name, code in report.files_left_out[:10])
        more = len(report.files_left_out) - 10
        files += f", {say('more', lang, n=more)}" if more > 0 else ""
        out.append(say("report.files_left_out", lang, n=len(report.files_left_out), files=files))
    if report.mapping and report.on_units:
        out.append(say("report.on_units", lang, day=said(day_words(report.on_units), lang)))
    for w in report.warnings:
        hint = w.hint_text(lang)
        where = f"{w.location()}: " if w.file else ""
        # the code is for looking up `qn-dx codes`; a Vietnamese reader gets the words alone
        code = "" if lang == "vi" else f"{w.code}: "
        out.append(f"{where}{code}{w.text(lang)}" + (f" ({hint})" if hint else ""))
    return out


def to_markdown(report: Report, lang: str, by_unit: bool = False, trend: bool = False) -> str:
    spec = report_spec(report, trend)
    return render(
        "report.md.j2",
        heading=heading(report, lang),
        notices=notices(report, lang),
        notices_label=say("report.notices", lang),
        headings=spec.headings(lang),
        aligns=[Raw("---:" if c.align == "right" else "---") for c in spec.columns],
        areas=[
            {
                "name": area_name(report, a, lang),
                "rows": [spec.texts(line, lang) for line in lines(report, a, by_unit)],
                "counts": counts_line(report, lang, a),
            }
            for a in report.areas
        ],
        counts_label=say("report.counts", lang),
        counts=counts_line(report, lang),
        bold=Raw("**"),
    )


OPTIONAL_ON_PHONES = {"gap", "units", "goal"}  # hidden on a narrow screen (CSS), not dropped


def html_rows(spec: TableSpec[Any], rows: list[Any], lang: str) -> list[dict[str, Any]]:
    trend_shown = "trend" in spec.keys()  # noqa: SIM118 (a list of column keys)
    out = []
    for row in rows:
        status = getattr(row, "status", None)
        fraction = (
            progress_fraction(row.result) if isinstance(row, Line) and row.unit is None else None
        )
        out.append(
            {
                "cells": [
                    {"key": c.key, "text": text, "css": _css(c)}
                    for c, text in zip(spec.columns, spec.texts(row, lang))
                ],
                "status": status,
                "fraction": fraction,
                "bar_width": round((fraction or 0) * 120, 1),
                "percent": f"{(fraction or 0):.0%}",
                "trend": trend_chart(row.result)
                if isinstance(row, Line) and row.unit is None and trend_shown
                else None,
            }
        )
    return out


CHART_W, CHART_H = 120, 32


def trend_chart(r: TargetResult) -> dict[str, Any] | None:
    """An inline SVG line of the figure period by period, with the goal as a dashed line:
    coordinates only (the template draws it). None for a milestone or no figure at all."""
    values = [v for _, v in r.series]
    if any(isinstance(v, bool) for v in values):
        return None
    numbers = [float(v) for v in values if v is not None]
    if not numbers:
        return None
    goal = float(r.target_value) if r.target_value is not None else None
    scale = numbers + ([goal] if goal is not None else [])
    low, high = min(scale), max(scale)
    span = (high - low) or 1.0
    n = len(values)

    def x(i: int) -> float:
        return round(4 + (CHART_W - 8) * (i / (n - 1) if n > 1 else 0.5), 1)

    def y(v: float) -> float:
        return round(CHART_H - 4 - (CHART_H - 8) * (v - low) / span, 1)

    points = " ".join(f"{x(i)},{y(float(v))}" for i, v in enumerate(values) if v is not None)
    last = next(
        ((x(i), y(float(v))) for i, v in reversed(list(enumerate(values))) if v is not None)
    )
    return {
        "points": points,
        "goal_y": y(goal) if goal is not None else None,
        "last_x": last[0],
        "last_y": last[1],
        "width": CHART_W,
        "height": CHART_H,
        "label": ", ".join(f"{p.label}: {'—' if v is None else r4(v)}" for p, v in r.series),
    }


def html_headers(spec: TableSpec[Any], lang: str) -> list[dict[str, str]]:
    return [{"text": c.heading_text(lang), "css": _css(c)} for c in spec.columns]


def _css(c: Column[Any]) -> str:
    classes = ["n"] if c.align == "right" else []
    if c.key in OPTIONAL_ON_PHONES or c.key.startswith(("at:", "compare_", "change")):
        classes.append("opt")  # hidden on a phone: the chart and the status say it
    if c.key == "title":
        classes.append("title")  # never squeezed to a word per line
    return " ".join(classes)


def to_html(report: Report, lang: str, by_unit: bool = False, trend: bool = False) -> str:
    info = report.plan.info
    spec = report_spec(report, trend)
    return render(
        "report.html.j2",
        lang=str(lang),
        title=heading(report, lang),
        subtitle=info.title_vi if lang == Lang.vi else info.title_en,
        counts_label=say("report.counts", lang),
        counts=counts_line(report, lang),
        notices=notices(report, lang),
        notices_label=say("report.notices", lang),
        headers=html_headers(spec, lang),
        areas=[
            {
                "name": area_name(report, a, lang),
                "rows": html_rows(spec, lines(report, a, by_unit), lang),
                "counts": counts_line(report, lang, a),
            }
            for a in report.areas
        ],
        fills=STATUS_FILL,
        bars=BAR_FILL,
    )


# --- Excel ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One observation a figure was computed from (the Sources sheet)."""

    target: str
    observation: Any
    unit_name: str


def _o(attr: str) -> Any:
    return lambda s, lang: _cell_text(getattr(s.observation, attr), lang)


def _cell_text(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return number(value, lang, 0 if value.is_integer() else 2)
    return str(value)


def _files(o: Any) -> str:
    """The file a figure came from; a figure combined from units that merged: all of them."""
    from ..compute.units import sources

    return "; ".join(dict.fromkeys(f for f, _ in sources(o)))


def _lines(o: Any) -> int | str:
    """Its line, or every line it was combined from (``2, 3``; ``a.csv:2, b.csv:3`` across
    files): each source cited, as explain cites them."""
    from ..compute.units import sources

    obs = o.observation if isinstance(o, Source) else o
    found = sources(obs)
    if len(found) == 1:
        return found[0][1]
    if len({f for f, _ in found}) == 1:
        return ", ".join(str(line) for _, line in found)
    return ", ".join(f"{f}:{line}" for f, line in found)


SOURCES: TableSpec[Source] = TableSpec(
    "sources",
    (
        Column("target", "report.id", lambda s, lang: s.target),
        Column("unit_code", "report.unit_code", lambda s, lang: s.observation.unit_code),
        Column("unit_name", "report.unit_name", lambda s, lang: s.unit_name),
        Column("period", "report.period", lambda s, lang: s.observation.period.label),
        Column(
            "numerator",
            "report.numerator",
            _o("numerator"),
            lambda s: finite(s.observation.numerator),
        ),
        Column(
            "denominator",
            "report.denominator",
            _o("denominator"),
            lambda s: finite(s.observation.denominator),
        ),
        Column("value", "report.value", _o("value"), lambda s: finite(s.observation.value)),
        Column(
            "done",
            "report.done",
            lambda s, lang: (
                ""
                if s.observation.done is None
                else say("milestone.done" if s.observation.done else "milestone.not_done", lang)
            ),
        ),
        Column("basis", "report.basis", lambda s, lang: say(f"basis.{s.observation.basis}", lang)),
        Column("file", "report.file", lambda s, lang: _files(s.observation)),
        Column("line", "report.line", lambda s, lang: str(_lines(s.observation)), _lines),
    ),
)


SOURCES_SHEET = "Nguồn - Sources"  # one name in both languages: scripts look it up (a contract)


def to_xlsx_bytes(report: Report, lang: str, by_unit: bool = False, trend: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    summary = book.active
    # Sheet names come from the plan's area names: made valid and distinct, the summary and the
    # sources sheet keeping their own names.
    summary_title, sources_title, *area_titles = sheet_titles(
        [
            say("report.summary_sheet", lang),
            SOURCES_SHEET,
            *(area_name(report, a, lang) for a in report.areas),
        ]
    )
    summary.title = summary_title
    xlsx_append(
        summary, [report.plan.info.number, f"{say('report.as_of', lang)} {_as_of(report, lang)}"]
    )
    heads = [status_word(s, lang) for s in Status]
    xlsx_append(summary, [say("report.area", lang), *heads, say("summary.provisional", lang)])
    for area in report.areas:
        counts, provisional = report.counts(area), report.provisional_counts(area)
        of_which = sum(provisional.values())
        name = area_name(report, area, lang)
        xlsx_append(summary, [name, *(counts[s] for s in Status), of_which])
    summary.freeze_panes = "A3"
    shown = notices(report, lang)
    if shown:
        xlsx_append(summary, [])
        xlsx_append(summary, [say("report.notices", lang)])
        for notice in shown:
            xlsx_append(summary, [notice])
    spec = report_spec(report, trend)
    status_col = spec.keys().index("status") + 1
    for area, sheet_title in zip(report.areas, area_titles):
        sheet = book.create_sheet(sheet_title)
        xlsx_append(sheet, spec.headings(lang))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for line in lines(report, area, by_unit, every_unit=True):
            xlsx_append(sheet, spec.values(line, lang))
            sheet.cell(sheet.max_row, status_col).fill = PatternFill(
                "solid", fgColor=STATUS_FILL[line.status]
            )
            formats = xlsx_formats(line.result.target.unit, lang)
            for i, key in enumerate(spec.keys(), start=1):
                fmt = formats.get("at" if key.startswith("at:") else key)
                if fmt:
                    sheet.cell(sheet.max_row, i).number_format = fmt
        sheet.freeze_panes = "A2"
        for i, c in enumerate(spec.columns, start=1):
            width = 60 if c.key == "title" else 28 if c.key == "status" else 14
            sheet.column_dimensions[get_column_letter(i)].width = width
    _sources_sheet(book, report, sources_title, lang)
    buf = io.BytesIO()
    book.save(buf)
    return pin_zip_times(buf.getvalue())


def xlsx_formats(unit: str | None, lang: str) -> dict[str, str]:
    """Excel number formats for a target's figures: numbers stay numbers (they sum and sort) and
    read as the other formats say them: 64.5 %, and the gap as "còn 4.0 điểm %" / "vượt 4.5
    điểm %" (a format's negative section, without the minus sign). Excel shows the decimal mark
    of the reader's own locale."""
    whole = unit in (UnitKind.count, UnitKind.rank)
    base = "#,##0" if whole else "#,##0.0"
    actual = f'{base}" %"' if unit == UnitKind.percent else base
    points = f" {say('unit.points', lang)}" if unit == UnitKind.percent else ""
    short, over = (say(k, lang, amount="\0") for k in ("gap.short", "gap.over"))

    def said(template: str) -> str:
        before, _, after = template.partition("\0")
        quoted = (f'"{before}"' if before else "") + base + f'"{points}{after}"'
        return quoted.replace('""', "")

    return {
        "actual": actual,
        "compare_actual": actual,
        "at": actual,
        "gap": f"{said(short)};{said(over)};{base}",
        "change": f'+{base}"{points}";-{base}"{points}";{base}'.replace('""', ""),
    }


def _sources_sheet(book: Any, report: Report, sheet_title: str, lang: str) -> None:
    """One row per observation a figure was computed from, so every number can be traced."""
    from openpyxl.styles import Font

    sheet = book.create_sheet(sheet_title)
    xlsx_append(sheet, SOURCES.headings(lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    names = {code: u.name for code, u in report.plan.reporting_units.items()}
    for r in report.targets:
        for o in r.used:
            xlsx_append(sheet, SOURCES.values(Source(r.id, o, names.get(o.unit_code, "")), lang))
    sheet.freeze_panes = "A2"


__all__ = ["BOM", "to_csv_text", "to_html", "to_json", "to_markdown", "to_xlsx_bytes"]
