"""The gap report in every format: rich table, JSON, CSV, Markdown, Excel and HTML.

Every format is built from the same ``report_rows`` so they cannot disagree. Output is
deterministic: no timestamps, plan order, numbers rounded to 4 decimals only to drop float noise.
"""

from __future__ import annotations

import html
import io
import math
from typing import Any

from ..compute import STATUSES, Report, TargetResult
from ..plan.models import OP_SYMBOL
from .listing import BOM, pin_zip_times, sheet_titles, to_csv, xlsx_append
from .safe import json_text, markup, md, term

STATUS_TEXT = {
    "en": {
        "met": "met",
        "on_track": "on track",
        "off_track": "off track",
        "pending": "pending",
        "not_met": "not met",
        "no_data": "no data",
    },
    "vi": {
        "met": "đạt",
        "on_track": "đúng tiến độ",
        "off_track": "chậm tiến độ",
        "pending": "đang thực hiện",
        "not_met": "không đạt",
        "no_data": "chưa có số liệu",
    },
}
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
LABELS = {
    "en": {
        "id": "ID",
        "title": "Target",
        "target": "Goal",
        "actual": "Actual",
        "gap": "Gap",
        "status": "Status",
        "units": "Units",
        "bar": "Progress",
        "as_of": "as of",
        "counts": "Targets by status",
        "area": "Area",
        "baseline": "Baseline",
    },
    "vi": {
        "id": "Mã",
        "title": "Chỉ tiêu",
        "target": "Mục tiêu",
        "actual": "Thực hiện",
        "gap": "Còn thiếu",
        "status": "Trạng thái",
        "units": "Đơn vị",
        "bar": "Tiến độ",
        "as_of": "tính đến",
        "counts": "Số chỉ tiêu theo trạng thái",
        "area": "Lĩnh vực",
        "baseline": "Năm 2022",
    },
}
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


def r4(x: float | None) -> float | None:
    """Rounded to 4 decimals; None for no value, and for a non-finite one (JSON has none)."""
    if x is None or not math.isfinite(float(x)):
        return None
    return round(float(x), 4)


def actual_json(r: TargetResult) -> Any:
    if isinstance(r.actual, bool):
        return "done" if r.actual else "not_done"
    return r4(r.actual)


def finite(x: Any) -> Any:
    """``x`` as it is, except a non-finite float, which becomes None (an empty cell)."""
    return None if isinstance(x, float) and not math.isfinite(x) else x


def fmt_number(x: float | None, unit: str | None) -> str:
    if x is None or not math.isfinite(float(x)):
        return "—"
    text = f"{x:,.0f}" if unit in ("count", "rank") and float(x).is_integer() else f"{x:,.1f}"
    return text + (" %" if unit == "percent" else "")


def status_text(r: TargetResult, lang: str) -> str:
    """The status word, and for a provisional result how few units it rests on."""
    word = STATUS_TEXT[lang][r.status]
    if not r.provisional or r.status == "no_data":
        return word
    units = f"{r.units_reported}/{r.units_expected}"
    if lang == "vi":
        return f"{word} (tạm tính: {units} đơn vị)"
    return f"{word}, provisional: {units} units"


def actual_text(r: TargetResult) -> str:
    if isinstance(r.actual, bool):
        return "done" if r.actual else "not done"
    return fmt_number(r.actual, r.target.unit)


def gap_text(r: TargetResult) -> str:
    if r.gap is None:
        return "—"
    return _unit_gap(r.gap, r.target.unit)


def target_text(r: TargetResult) -> str:
    text = r.target.target_text()
    if r.target_value is not None and "baseline" in text:
        sym = ">" if r.target.op == "increase" else OP_SYMBOL[r.target.op]
        text += f" ({sym} {fmt_number(r.target_value, r.target.unit)})"
    return text


def progress_fraction(r: TargetResult) -> float:
    """How far the actual is along the way to the target, 0–1, for bars."""
    if isinstance(r.actual, bool):
        return 1.0 if r.actual else 0.0
    if r.actual is None or r.target_value is None:
        return 0.0
    actual, goal = float(r.actual), float(r.target_value)
    if r.target.op == "<=":
        return 1.0 if actual <= goal else max(0.0, goal / actual)
    if goal <= 0:
        return 1.0
    fraction = max(0.0, min(1.0, actual / goal))
    if fraction == 1.0 and r.status != "met":
        return 0.99  # "> 70" at exactly 70, or "increase" at the baseline: not reached yet
    return fraction


def text_bar(fraction: float, width: int = 10) -> str:
    full = int(fraction * width)  # floor: a bar is full only when the target is reached
    return "█" * full + "░" * (width - full)


def target_dict(r: TargetResult, lang: str, by_unit: bool) -> dict[str, Any]:
    t = r.target
    row: dict[str, Any] = {
        "id": t.id,
        "area": t.area,
        "title": t.title(lang),
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
        "period_rule": t.period_rule,
        "lead": t.lead,
        "note": r.note,
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


def to_json(report: Report, lang: str, by_unit: bool) -> str:
    info = report.plan.info
    doc = {
        "plan": {
            "number": info.number,
            "title": info.title_vi if lang == "vi" else info.title_en,
            "plan_year": info.plan_year,
            "baseline_year": info.baseline_year,
        },
        "as_of": report.as_of.label,
        "rows_left_out": report.rows_left_out,
        "observations_used": sum(len(r.used) for r in report.targets),
        "targets": [target_dict(r, lang, by_unit) for r in report.targets],
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
            {"code": w.code, "message": w.message, "hint": w.hint} for w in report.warnings
        ],
    }
    return json_text(doc)


def to_csv_text(report: Report, lang: str) -> str:
    rows = [target_dict(r, lang, False) for r in report.targets]
    return to_csv(rows, CSV_COLUMNS)


def area_name(report: Report, area: str, lang: str) -> str:
    info = report.plan.area_by_id[area]
    return info.name_vi if lang == "vi" else info.name_en


def counts_line(
    counts: dict[str, int], lang: str, provisional: dict[str, int] | None = None
) -> str:
    word = "tạm tính" if lang == "vi" else "provisional"

    def one(s: str, n: int) -> str:
        p = (provisional or {}).get(s, 0) if s != "no_data" else 0
        return f"{STATUS_TEXT[lang][s]}: {n}" + (f" ({p} {word})" if p else "")

    return ", ".join(one(s, n) for s, n in counts.items() if n)


def report_counts_line(report: Report, lang: str, area: str | None = None) -> str:
    return counts_line(report.counts(area), lang, report.provisional_counts(area))


def to_markdown(report: Report, lang: str, by_unit: bool = False) -> str:
    L = LABELS[lang]
    info = report.plan.info
    out = [f"# {md(info.number)} — {L['as_of']} {report.as_of.label}", ""]
    for area in report.areas:
        out += [f"## {md(area_name(report, area, lang))}", ""]
        out.append(
            f"| {L['id']} | {L['title']} | {L['target']} | {L['actual']} | {L['gap']} | "
            f"{L['status']} | {L['units']} |"
        )
        out.append("|---|---|---|---:|---:|---|---:|")
        for r in (r for r in report.targets if r.target.area == area):
            out.append(
                f"| {md(r.id)} | {md(r.target.title(lang))} | {target_text(r)} | "
                f"{actual_text(r)} | {gap_text(r)} | {md(status_text(r, lang))} | "
                f"{r.units_reported}/{r.units_expected} |"
            )
            if by_unit:
                for u in r.units:
                    if u.status != "no_data":
                        out.append(
                            f"| | ↳ {md(u.code)} {md(u.name)} | | "
                            f"{_unit_actual(u.actual, r.target.unit)} | "
                            f"{_unit_gap(u.gap, r.target.unit)} | "
                            f"{STATUS_TEXT[lang][u.status]} | |"
                        )
        out += ["", f"{L['counts']}: {report_counts_line(report, lang, area)}", ""]
    out.append(f"**{L['counts']}:** {report_counts_line(report, lang)}")
    return "\n".join(out) + "\n"


def _unit_actual(actual: Any, unit: str | None) -> str:
    if isinstance(actual, bool):
        return "done" if actual else "not done"
    return fmt_number(actual, unit)


def _unit_gap(gap: float | None, unit: str | None) -> str:
    if gap is None or not math.isfinite(gap):
        return "—"
    text = f"{gap:+,.1f}"
    if text in ("+0.0", "-0.0"):
        text = "0.0"
    return text + (" pp" if unit == "percent" else "")


def print_table(console: Any, report: Report, lang: str, by_unit: bool) -> None:
    from rich.table import Table

    L = LABELS[lang]
    info = report.plan.info
    console.print(
        f"[bold]{markup(info.number)}[/bold] — "
        f"{markup(info.title_vi if lang == 'vi' else info.title_en)} "
        f"({L['as_of']} [bold]{report.as_of.label}[/bold])"
    )
    if report.rows_left_out:
        console.print(
            f"[yellow]{report.rows_left_out} invalid row(s) left out (--skip-invalid)[/yellow]"
        )
    for area in report.areas:
        table = Table(
            title=term(area_name(report, area, lang)),
            title_justify="left",
            header_style="bold",
            expand=False,
        )
        table.add_column(L["id"], no_wrap=True)
        table.add_column(L["title"], overflow="fold", min_width=24, max_width=56)
        table.add_column(L["target"], no_wrap=True)
        table.add_column(L["actual"], justify="right", no_wrap=True)
        table.add_column(L["gap"], justify="right", no_wrap=True)
        table.add_column(L["status"], no_wrap=True)
        table.add_column(L["units"], justify="right", no_wrap=True)
        table.add_column(L["bar"], no_wrap=True)
        for r in (r for r in report.targets if r.target.area == area):
            style = STATUS_STYLE[r.status]
            table.add_row(
                term(r.id),
                term(r.target.title(lang)),
                term(target_text(r)),
                actual_text(r),
                gap_text(r),
                f"[{style}]{markup(status_text(r, lang))}[/{style}]",
                f"{r.units_reported}/{r.units_expected}",
                text_bar(progress_fraction(r)),
            )
            if by_unit:
                shown = [u for u in r.units if u.status != "no_data"]
                for u in shown:
                    st = STATUS_STYLE[u.status]
                    table.add_row(
                        "",
                        term(f"  ↳ {u.code} {u.name}"),
                        "",
                        _unit_actual(u.actual, r.target.unit),
                        _unit_gap(u.gap, r.target.unit),
                        f"[{st}]{STATUS_TEXT[lang][u.status]}[/{st}]",
                        term(u.period or ""),
                        "",
                    )
                missing = len(r.units) - len(shown)
                if missing:
                    table.add_row("", f"  ↳ {missing} unit(s) with no data", "", "", "", "", "", "")
        console.print(table)
        console.print(f"  {L['counts']}: {markup(report_counts_line(report, lang, area))}")
    if len(report.areas) > 1:
        console.print(f"[bold]{L['counts']}:[/bold] {markup(report_counts_line(report, lang))}")


def to_xlsx_bytes(report: Report, lang: str, by_unit: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    L = LABELS[lang]
    book = Workbook()
    summary = book.active
    # Sheet names come from the plan's area names: made valid and distinct, the summary and the
    # sources sheet keeping their own names.
    summary_title, sources_title, *area_titles = sheet_titles(
        [
            "Summary" if lang == "en" else "Tổng hợp",
            SOURCES_SHEET,
            *(area_name(report, a, lang) for a in report.areas),
        ]
    )
    summary.title = summary_title
    xlsx_append(summary, [report.plan.info.number, f"{L['as_of']} {report.as_of.label}"])
    xlsx_append(summary, [L["area"], *(STATUS_TEXT[lang][s] for s in STATUSES)])
    for area in report.areas:
        counts = report.counts(area)
        xlsx_append(summary, [area_name(report, area, lang), *(counts[s] for s in STATUSES)])
    summary.freeze_panes = "A3"
    header = [
        "id",
        "title",
        "target_text",
        "target",
        "actual",
        "gap",
        "status",
        "baseline",
        "units_reported",
        "units_expected",
        "coverage",
        "provisional",
        "observations_used",
        "lead",
    ]
    for area, title in zip(report.areas, area_titles):
        sheet = book.create_sheet(title)
        xlsx_append(sheet, header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r in (r for r in report.targets if r.target.area == area):
            d = target_dict(r, lang, False)
            actual = d["actual"]
            xlsx_append(
                sheet,
                [
                    r.id,
                    d["title"],
                    target_text(r),
                    d["target"],
                    actual,
                    d["gap"],
                    status_text(r, lang),
                    d["baseline"],
                    r.units_reported,
                    r.units_expected,
                    d["coverage"],
                    r.provisional,
                    len(r.used),
                    r.target.lead,
                ],
            )
            sheet.cell(sheet.max_row, 7).fill = PatternFill("solid", fgColor=STATUS_FILL[r.status])
            if by_unit:
                for u in r.units:
                    ua = (
                        finite(u.actual)
                        if not isinstance(u.actual, bool)
                        else ("done" if u.actual else "not_done")
                    )
                    xlsx_append(
                        sheet,
                        [u.code, u.name, None, None, ua, r4(u.gap), STATUS_TEXT[lang][u.status]],
                    )
        sheet.freeze_panes = "A2"
        sheet.column_dimensions["B"].width = 60
    _sources_sheet(book, report, sources_title)
    buf = io.BytesIO()
    book.save(buf)
    return pin_zip_times(buf.getvalue())


SOURCES_SHEET = "Nguồn - Sources"  # Excel forbids "/" in sheet names
SOURCES_HEADER = [
    "target",
    "unit_code",
    "unit_name",
    "period",
    "numerator",
    "denominator",
    "value",
    "done",
    "file",
    "line",
]


def _sources_sheet(book: Any, report: Report, title: str = SOURCES_SHEET) -> None:
    """One row per observation a figure was computed from, so every number can be traced."""
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    xlsx_append(sheet, SOURCES_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    names = {code: u.name for code, u in report.plan.reporting_units.items()}
    for r in report.targets:
        for o in r.used:
            done = None if o.done is None else ("done" if o.done else "not_done")
            xlsx_append(
                sheet,
                [
                    r.id,
                    o.unit_code,
                    names.get(o.unit_code, ""),
                    o.period.label,
                    finite(o.numerator),
                    finite(o.denominator),
                    finite(o.value),
                    done,
                    o.file,
                    o.line,
                ],
            )
    sheet.freeze_panes = "A2"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1rem auto;
max-width:1100px;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:.35rem .5rem;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}
td.n{text-align:right;white-space:nowrap}td:first-child{white-space:nowrap}
.s{border-radius:.6rem;padding:.1rem .5rem;white-space:nowrap;font-weight:600}
.counts{margin:.5rem 0 0;color:#444}
svg.bar{width:120px;height:12px}
@media (max-width:700px){th.opt,td.opt{display:none}svg.bar{width:44px}body{padding:0 .4rem}
table{font-size:.78rem}th,td{padding:.3rem .2rem}td.n{white-space:normal}.s{white-space:normal}}
@media print{body{max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
"""


def to_html(report: Report, lang: str, by_unit: bool = False) -> str:
    L = LABELS[lang]
    e = html.escape
    info = report.plan.info
    title = f"{info.number} — {L['as_of']} {report.as_of.label}"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{e(info.title_vi if lang == 'vi' else info.title_en)}</p>",
        f'<p class="counts"><strong>{e(L["counts"])}:</strong> '
        f"{e(report_counts_line(report, lang))}</p>",
    ]
    for area in report.areas:
        out.append(f"<h2>{e(area_name(report, area, lang))}</h2>")
        out.append(
            f"<table><thead><tr><th>{L['id']}</th><th>{e(L['title'])}</th><th>{e(L['target'])}"
            f'</th><th>{e(L["actual"])}</th><th class="opt">{e(L["gap"])}</th>'
            f"<th>{e(L['status'])}</th>"
            f'<th class="opt">{e(L["units"])}</th><th>{e(L["bar"])}</th></tr>'
            "</thead><tbody>"
        )
        for r in (r for r in report.targets if r.target.area == area):
            out.append(
                f'<tr><td>{e(r.id)}</td><td class="title">{e(r.target.title(lang))}</td>'
                f'<td>{e(target_text(r))}</td><td class="n">{e(actual_text(r))}</td>'
                f'<td class="n opt">{e(gap_text(r))}</td>'
                f"<td>{_badge(r.status, lang, status_text(r, lang))}</td>"
                f'<td class="n opt">{r.units_reported}/{r.units_expected}</td>'
                f"<td>{_svg_bar(progress_fraction(r), r.status)}</td></tr>"
            )
            if by_unit:
                for u in r.units:
                    if u.status == "no_data":
                        continue
                    out.append(
                        f"<tr><td></td><td>↳ {e(u.code)} {e(u.name)}</td><td></td>"
                        f'<td class="n">{e(_unit_actual(u.actual, r.target.unit))}</td>'
                        f'<td class="n opt">{e(_unit_gap(u.gap, r.target.unit))}</td>'
                        f'<td>{_badge(u.status, lang)}</td><td class="opt"></td>'
                        "<td></td></tr>"
                    )
        out.append("</tbody></table>")
        out.append(f'<p class="counts">{e(report_counts_line(report, lang, area))}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _badge(status: str, lang: str, text: str | None = None) -> str:
    return (
        f'<span class="s" style="background:#{STATUS_FILL[status]}">'
        f"{html.escape(text or STATUS_TEXT[lang][status])}</span>"
    )


def _svg_bar(fraction: float, status: str) -> str:
    width = round(fraction * 120, 1)
    return (
        f'<svg class="bar" viewBox="0 0 120 12" role="img" aria-label="{fraction:.0%}">'
        '<rect width="120" height="12" fill="#eee"/>'
        f'<rect width="{width}" height="12" fill="#{_BAR[status]}"/></svg>'
    )


_BAR = {
    "met": "2e7d32",
    "on_track": "1565c0",
    "off_track": "f9a825",
    "pending": "00838f",
    "not_met": "c62828",
    "no_data": "9e9e9e",
}

__all__ = ["BOM", "to_csv_text", "to_html", "to_json", "to_markdown", "to_xlsx_bytes"]
