"""The quarterly summary for the People's Committee: one document (``document``), rendered to
Markdown (for committing and e-mail), HTML, and Word in the Vietnamese administrative format;
JSON gives the same content as data. Deterministic: no timestamp unless ``stamp`` is given; plan
order for targets and tasks, Vietnamese collation for names.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..compute.summary import Summary
from ..compute.tasks import TASK_STATUSES
from ..plan.registry import display_name
from ..text import vi_sort_key
from ..vocab import Lang, Status
from ..words import number, period_label, say
from .document import Cell, Document, Heading, Items, Paragraph, Table
from .document import to_docx_bytes as _docx
from .document import to_html as _html
from .document import to_markdown as _markdown
from .figures import (
    actual_json,
    actual_text,
    r4,
    shortfall_text,
    status_text,
    status_word,
    title,
)
from .missing import missing_dict, rate_dict
from .report import STATUS_FILL, area_name, notices
from .safe import json_text


def summary_dict(s: Summary, lang: str, stamp: str | None = None) -> dict[str, Any]:
    plan = s.plan
    info = plan.info
    doc: dict[str, Any] = {
        "plan": {
            "number": info.number,
            "title": info.title_vi if lang == Lang.vi else info.title_en,
            "plan_year": info.plan_year,
        },
        "as_of": s.as_of.label,
        "previous": s.previous.label if s.previous else None,
    }
    if stamp:
        doc["generated"] = stamp
    overall = s.missing.overall
    doc["headline"] = {
        "areas": [
            {
                "area": a,
                "name": area_name(s.report, a, lang),
                "counts": s.report.counts(a),
                "provisional": sum(s.report.provisional_counts(a).values()),
                "completeness": rate_dict(s.missing.areas[a].reported, s.missing.areas[a].expected)
                if a in s.missing.areas
                else None,
            }
            for a in s.report.areas
        ],
        "counts": s.report.counts(),
        # results resting on too few units (coverage below the plan's minimum), of any status
        "provisional": sum(s.report.provisional_counts().values()),
        "provisional_counts": s.report.provisional_counts(),
        "completeness": rate_dict(overall.reported, overall.expected),
    }
    doc["furthest"] = [
        {
            "id": r.id,
            "title": title(r.target, lang),
            "lead": r.target.lead,
            "lead_name": display_name(plan, r.target.lead),
            "actual": actual_json(r),
            "target": r4(r.target_value),
            "gap": r4(r.gap),
            "relative_gap": r4(100 * rel),
            "status": r.status,
        }
        for r, rel in s.furthest()
    ]
    doc["changes"] = [
        {
            "id": now.id,
            "status_then": then.status,
            "status_now": now.status,
            "actual_then": actual_json(then),
            "actual_now": actual_json(now),
        }
        for then, now in s.changes()
    ]
    doc["targets"] = [
        {
            "id": r.id,
            "area": r.target.area,
            "status": r.status,
            "actual": actual_json(r),
            "provisional": r.provisional,
            "status_text": status_text(r, lang),
            "status_then": t.status if t else None,
            "actual_then": actual_json(t) if t else None,
            "provisional_then": t.provisional if t else None,
            "status_text_then": status_text(t, lang) if t else None,
        }
        for r in s.report.targets
        for t in [s.then(r.id)]
    ]
    doc["tasks"] = _tasks(s, lang)
    doc["missing"] = _missing(s)
    doc["rows_left_out"] = s.report.rows_left_out
    doc["warnings"] = [
        {
            "code": w.code,
            "message": w.text(lang),
            "hint": w.hint_text(lang),
            **({"file": w.file, "line": w.line} if w.file else {}),
        }
        for w in s.report.warnings
    ]
    return doc


def _tasks(s: Summary, lang: str) -> dict[str, Any]:
    plan = s.plan
    groups = []
    for g in plan.task_groups:
        counts = Counter(st.status for st in s.tasks if st.task.group == g.number)
        groups.append(
            {
                "group": g.number,
                "name": g.name_vi if lang == Lang.vi else g.name_en,
                "counts": {k: counts.get(k, 0) for k in TASK_STATUSES},
            }
        )
    by_lead: dict[str, Counter[str]] = {}
    for st in s.tasks:
        for lead in st.task.lead:
            by_lead.setdefault(lead, Counter())[st.status] += 1
    leads = sorted(by_lead, key=lambda c: (vi_sort_key(display_name(plan, c)), c))
    return {
        "by_group": groups,
        "by_lead": [
            {
                "lead": c,
                "name": display_name(plan, c),
                "counts": {k: by_lead[c].get(k, 0) for k in TASK_STATUSES},
            }
            for c in leads
        ],
        "overdue": [_task_item(st) for st in s.tasks if st.status == "overdue"],
        "delayed": [_task_item(st) for st in s.tasks if st.status == "delayed"],
    }


def _task_item(st: Any) -> dict[str, Any]:
    return {
        "id": st.task.id,
        "number": st.task.number,
        "name": st.task.name_vi,
        "lead": st.task.lead,
        "progress": st.progress,
        "period": st.period,
    }


def _missing(s: Summary) -> list[dict[str, Any]]:
    """The agencies that still owe data: `qn-dx missing`'s list, under the summary's key names."""
    rows = missing_dict(s.plan, s.missing)["agencies"]
    return [
        {**{k: v for k, v in r.items() if k != "tasks_unreported"}, "tasks": r["tasks_unreported"]}
        for r in rows
    ]


def to_json(s: Summary, lang: str, stamp: str | None = None) -> str:
    return json_text(summary_dict(s, lang, stamp))


# --- the document ---------------------------------------------------------------------------------


def _rate(rate: dict[str, Any] | None, lang: str) -> str:
    if not rate or rate["rate"] is None:
        return "—"
    return f"{rate['reported']}/{rate['expected']} ({number(rate['rate'], lang)} %)"


def _owed(owed: list[dict[str, Any]], lang: str, limit: int = 12) -> str:
    """``EG-16: 21010, 21013 (refused), +3`` — a unit whose rows were refused is marked: it sent
    figures that need correcting, not nothing."""
    by_target: dict[str, list[str]] = {}
    for o in owed:
        mark = f" ({say('missing.refused', lang)})" if o.get("refused_rows") else ""
        by_target.setdefault(o["target"], []).append(o["unit"] + mark)
    parts = []
    for target, units in by_target.items():
        shown = units if len(units) <= 3 else [*units[:3], f"+{len(units) - 3}"]
        parts.append(f"{target}: {', '.join(shown)}")
    text = "; ".join(parts[:limit])
    if len(parts) > limit:
        text += "; " + say("summary.more", lang, n=len(parts) - limit)
    return text or "—"


def _task_items(tasks: list[dict[str, Any]], lang: str) -> Items | Paragraph:
    if not tasks:
        return Paragraph(say("none", lang))
    items = []
    for t in tasks:
        progress = (
            f", {say('summary.progress', lang, value=number(t['progress'], lang, 0))}"
            if t["progress"] is not None
            else ""
        )
        items.append(f"{t['number']} ({t['id']}) {t['name']} — {', '.join(t['lead'])}{progress}")
    return Items(items)


def _task_table(first: str, rows: list[tuple[str, dict[str, Any]]], lang: str) -> Table:
    return Table(
        [first, *(say(f"task.{k}", lang) for k in TASK_STATUSES)],
        ["left", *["right"] * len(TASK_STATUSES)],
        [
            [Cell(label), *(Cell(str(row["counts"][k])) for k in TASK_STATUSES)]
            for label, row in rows
        ],
    )


def document(s: Summary, lang: str, stamp: str | None = None) -> Document:
    """The summary, once, for every format."""
    d = summary_dict(s, lang, stamp)
    plan = s.plan
    as_of = period_label(s.as_of, lang)
    previous = period_label(s.previous, lang) if s.previous else None
    heading = (
        f"{say('summary.title', lang)}: {d['plan']['number']} — {say('report.as_of', lang)} {as_of}"
    )
    doc = Document(
        title=heading,
        lang=str(lang),
        issuer=say("summary.issuer", lang, province=plan.info.province_name.upper()),
        motto=say("summary.motto", lang),
        number_line=say("summary.number_line", lang),
        # issued after the period it reports on: a Q4 or whole-year report in the next year
        date_line=say(
            "summary.date_line",
            lang,
            place=_place(plan),
            year=s.as_of.year + (1 if s.as_of.end_month == 12 else 0),
        ),
        doc_title=say("summary.document_title", lang, year=plan.info.plan_year, period=as_of),
        recipients=say("summary.recipients", lang),
        signature=say("summary.signature", lang),
    )
    doc.add(Heading(1, heading))
    if stamp:
        doc.add(Paragraph(say("summary.generated", lang, stamp=stamp)))
    doc.add(
        Paragraph(
            say(
                "summary.basis_line",
                lang,
                number=plan.info.number,
                year=plan.info.plan_year,
                period=as_of,
            )
        )
    )
    for notice in notices(s.report, lang):
        doc.add(Paragraph(notice, bold=True))
    # headline
    statuses = list(Status)
    doc.add(Heading(2, say("summary.headline", lang)))
    rows = [
        [
            Cell(a["name"]),
            *(Cell(str(a["counts"][k])) for k in statuses),
            Cell(str(a["provisional"])),
            Cell(_rate(a["completeness"], lang)),
        ]
        for a in d["headline"]["areas"]
    ]
    c = d["headline"]["counts"]
    rows.append(
        [
            Cell(say("summary.total", lang), bold=True),
            *(Cell(str(c[k]), bold=True) for k in statuses),
            Cell(str(d["headline"]["provisional"]), bold=True),
            Cell(_rate(d["headline"]["completeness"], lang), bold=True),
        ]
    )
    doc.add(
        Table(
            [
                say("report.area", lang),
                *(status_word(k, lang) for k in statuses),
                say("summary.provisional", lang),
                say("summary.completeness", lang),
            ],
            ["left", *["right"] * (len(statuses) + 2)],
            rows,
        )
    )
    # furthest
    doc.add(Heading(2, say("summary.furthest", lang)))
    results = {r.id: r for r in s.report.targets}
    if d["furthest"]:
        doc.add(
            Table(
                [
                    say("report.id", lang),
                    say("report.title", lang),
                    say("report.actual", lang),
                    say("report.gap", lang),
                    say("summary.relative", lang),
                    say("report.status", lang),
                    say("report.lead", lang),
                ],
                ["left", "left", "right", "right", "right", "left", "left"],
                [
                    [
                        Cell(f["id"]),
                        Cell(f["title"]),
                        Cell(
                            actual_text(results[f["id"]].actual, results[f["id"]].target.unit, lang)
                        ),
                        Cell(
                            shortfall_text(results[f["id"]].gap, results[f["id"]].target.unit, lang)
                        ),
                        Cell(number(f["relative_gap"], lang)),
                        Cell(status_text(results[f["id"]], lang), status=f["status"]),
                        Cell(f"{f['lead']} ({f['lead_name']})"),
                    ]
                    for f in d["furthest"]
                ],
            )
        )
    else:
        doc.add(Paragraph(say("none", lang)))
    # changes
    doc.add(Heading(2, say("summary.changes", lang, period=previous or "—")))
    if s.previous is None or s.previous_report is None:
        doc.add(Paragraph(say("summary.no_previous", lang)))
    else:
        changed = {ch["id"] for ch in d["changes"]}
        if not changed:
            doc.add(Paragraph(say("summary.no_changes", lang)))
        then = {r.id: r for r in s.previous_report.targets}
        doc.add(
            Table(
                [
                    say("report.id", lang),
                    say("summary.then", lang, period=previous),
                    say("summary.then", lang, period=as_of),
                    say("summary.actual_then", lang, period=previous),
                    say("summary.actual_then", lang, period=as_of),
                ],
                ["left", "left", "left", "right", "right"],
                [
                    [
                        Cell(r.id, bold=r.id in changed),
                        Cell(status_text(then[r.id], lang), status=then[r.id].status),
                        Cell(status_text(r, lang), status=r.status, bold=r.id in changed),
                        Cell(actual_text(then[r.id].actual, r.target.unit, lang)),
                        Cell(actual_text(r.actual, r.target.unit, lang)),
                    ]
                    for r in s.report.targets
                ],
            )
        )
    # tasks
    tasks = d["tasks"]
    doc.add(Heading(2, say("summary.tasks", lang)), Heading(3, say("summary.by_group", lang)))
    doc.add(
        _task_table(
            say("summary.group", lang),
            [(f"{g['group']}. {g['name']}", g) for g in tasks["by_group"]],
            lang,
        )
    )
    doc.add(Heading(3, say("summary.by_lead", lang)))
    doc.add(
        _task_table(
            say("report.lead", lang),
            [(f"{g['lead']} ({g['name']})", g) for g in tasks["by_lead"]],
            lang,
        )
    )
    for key in ("overdue", "delayed"):
        doc.add(
            Heading(3, say(f"summary.{key}", lang, n=len(tasks[key]))),
            _task_items(tasks[key], lang),
        )
    # missing
    doc.add(Heading(2, say("summary.missing", lang)))
    if d["missing"]:
        doc.add(
            Table(
                [
                    say("summary.agency", lang),
                    say("summary.reported", lang),
                    say("summary.owed", lang),
                    say("summary.tasks_unreported", lang, period=as_of),
                ],
                ["left", "right", "left", "left"],
                [
                    [
                        Cell(f"{m['agency']} ({m['name']})"),
                        Cell(_rate(m, lang)),
                        Cell(_owed(m["owed"], lang)),
                        Cell(", ".join(m["tasks"]) or "—"),
                    ]
                    for m in d["missing"]
                ],
            )
        )
    else:
        doc.add(Paragraph(say("none", lang)))
    return doc


def _place(plan: Any) -> str:
    """Where the document is issued: the province's name without its "Tỉnh"."""
    name = plan.info.province_name
    return name.split(" ", 1)[1] if name.lower().startswith("tỉnh ") else name


def to_markdown(s: Summary, lang: str, stamp: str | None = None) -> str:
    return _markdown(document(s, lang, stamp))


def to_html(s: Summary, lang: str, stamp: str | None = None) -> str:
    return _html(document(s, lang, stamp), STATUS_FILL)


def to_docx_bytes(s: Summary, lang: str, stamp: str | None = None) -> bytes:
    return _docx(document(s, lang, stamp), STATUS_FILL, stamp)


__all__ = ["document", "summary_dict", "to_docx_bytes", "to_html", "to_json", "to_markdown"]
