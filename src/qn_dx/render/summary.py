"""The quarterly summary as Markdown (default, for committing and e-mail), JSON and HTML.

All three render one dictionary (``summary_dict``), so they say the same thing. Deterministic:
no timestamp unless ``stamp`` is given; plan order for targets and tasks, Vietnamese collation for
names.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

from ..compute.engine import STATUSES
from ..compute.summary import Summary
from ..compute.tasks import TASK_STATUSES
from ..plan.registry import display_name
from ..text import vi_sort_key
from .missing import missing_dict, rate_dict
from .report import _CSS, STATUS_FILL, STATUS_TEXT, actual_json, area_name, r4, status_text
from .safe import json_text, md

TASK_TEXT = {
    "en": {
        "done": "done",
        "in_progress": "in progress",
        "delayed": "delayed",
        "not_started": "not started",
        "overdue": "overdue",
        "not_reported": "not reported",
    },
    "vi": {
        "done": "hoàn thành",
        "in_progress": "đang triển khai",
        "delayed": "chậm tiến độ",
        "not_started": "chưa triển khai",
        "overdue": "quá hạn",
        "not_reported": "chưa báo cáo",
    },
}
TEXT = {
    "en": {
        "title": "Quarterly summary",
        "as_of": "as of",
        "headline": "Headline",
        "provisional": "of which provisional",
        "area": "Area",
        "total": "Total",
        "completeness": "Reporting completeness",
        "furthest": "Targets furthest from their goal",
        "lead": "Lead",
        "gap": "Gap",
        "relative": "of target",
        "changes": "Changes since",
        "no_previous": "No previous quarter in the plan year.",
        "no_changes": "No target changed status.",
        "then_now": "Every target then and now",
        "tasks": "Tasks",
        "by_group": "By group",
        "by_lead": "By lead agency",
        "overdue": "Overdue",
        "delayed": "Delayed",
        "missing": "Missing submissions",
        "agency": "Agency",
        "reported": "Reported",
        "owed": "Still owed",
        "tasks_unreported": "tasks without progress for",
        "none": "none",
        "target": "Target",
        "actual": "Actual",
        "status": "Status",
        "generated": "Generated",
        "group": "Group",
    },
    "vi": {
        "title": "Báo cáo quý",
        "as_of": "tính đến",
        "headline": "Tổng quan",
        "provisional": "trong đó tạm tính",
        "area": "Lĩnh vực",
        "total": "Tổng",
        "completeness": "Mức độ đầy đủ của báo cáo",
        "furthest": "Chỉ tiêu còn xa mục tiêu nhất",
        "lead": "Chủ trì",
        "gap": "Còn thiếu",
        "relative": "so với mục tiêu",
        "changes": "Thay đổi so với",
        "no_previous": "Không có quý trước trong năm kế hoạch.",
        "no_changes": "Không chỉ tiêu nào đổi trạng thái.",
        "then_now": "Từng chỉ tiêu: quý trước và hiện tại",
        "tasks": "Nhiệm vụ",
        "by_group": "Theo nhóm",
        "by_lead": "Theo cơ quan chủ trì",
        "overdue": "Quá hạn",
        "delayed": "Chậm tiến độ",
        "missing": "Số liệu còn thiếu",
        "agency": "Cơ quan",
        "reported": "Đã báo cáo",
        "owed": "Còn nợ",
        "tasks_unreported": "nhiệm vụ chưa báo cáo tiến độ kỳ",
        "none": "không có",
        "target": "Chỉ tiêu",
        "actual": "Thực hiện",
        "status": "Trạng thái",
        "generated": "Lập lúc",
        "group": "Nhóm",
    },
}


def summary_dict(s: Summary, lang: str, stamp: str | None = None) -> dict[str, Any]:
    plan = s.plan
    info = plan.info
    doc: dict[str, Any] = {
        "plan": {
            "number": info.number,
            "title": info.title_vi if lang == "vi" else info.title_en,
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
            "title": r.target.title(lang),
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
    return doc


def _tasks(s: Summary, lang: str) -> dict[str, Any]:
    plan = s.plan
    groups = []
    for g in plan.task_groups:
        counts = Counter(st.status for st in s.tasks if st.task.group == g.number)
        groups.append(
            {
                "group": g.number,
                "name": g.name_vi if lang == "vi" else g.name_en,
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


def _pct(rate: dict[str, Any] | None) -> str:
    if not rate or rate["rate"] is None:
        return "—"
    return f"{rate['reported']}/{rate['expected']} ({rate['rate']:.1f} %)"


def _num(x: Any) -> str:
    if x is None:
        return "—"
    if isinstance(x, str):
        return x
    return f"{x:,.1f}"


def _one(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


_esc = md  # text from the plan or the files, in a Markdown cell, heading or list item


def to_markdown(s: Summary, lang: str, stamp: str | None = None) -> str:
    d = summary_dict(s, lang, stamp)
    T, ST, TT = TEXT[lang], STATUS_TEXT[lang], TASK_TEXT[lang]
    out = [f"# {T['title']}: {_esc(d['plan']['number'])} — {T['as_of']} {d['as_of']}", ""]
    if stamp:
        out += [f"{T['generated']}: {stamp}", ""]
    out += [
        f"## {T['headline']}",
        "",
        f"| {T['area']} | "
        + " | ".join(ST[k] for k in STATUSES)
        + f" | {T['provisional']} | {T['completeness']} |",
        "|---|" + "---:|" * (len(STATUSES) + 2),
    ]
    for a in d["headline"]["areas"]:
        out.append(
            f"| {_esc(a['name'])} | "
            + " | ".join(str(a["counts"][k]) for k in STATUSES)
            + f" | {a['provisional']} | {_pct(a['completeness'])} |"
        )
    c = d["headline"]["counts"]
    out.append(
        f"| **{T['total']}** | "
        + " | ".join(f"**{c[k]}**" for k in STATUSES)
        + f" | **{d['headline']['provisional']}** | **{_pct(d['headline']['completeness'])}** |"
    )
    out += ["", f"## {T['furthest']}", ""]
    if d["furthest"]:
        out += [
            f"| ID | {T['target']} | {T['actual']} | {T['gap']} | % {T['relative']} | "
            f"{T['status']} | {T['lead']} |",
            "|---|---|---:|---:|---:|---|---|",
        ]
        for f in d["furthest"]:
            out.append(
                f"| {_esc(f['id'])} | {_esc(f['title'])} | {_num(f['actual'])} | "
                f"{_num(f['gap'])} | {_one(f['relative_gap'])} | {ST[f['status']]} | "
                f"{_esc(f['lead'])} ({_esc(f['lead_name'])}) |"
            )
    else:
        out.append(T["none"])
    out += ["", f"## {T['changes']} {d['previous'] or '—'}", ""]
    if d["previous"] is None:
        out.append(T["no_previous"])
    else:
        changes = {ch["id"] for ch in d["changes"]}
        if not changes:
            out += [T["no_changes"], ""]
        out += [
            f"| ID | {d['previous']} | {d['as_of']} | {T['actual']} {d['previous']} | "
            f"{T['actual']} {d['as_of']} |",
            "|---|---|---|---:|---:|",
        ]
        for t in d["targets"]:
            mark = "**" if t["id"] in changes else ""
            then = _esc(t["status_text_then"]) if t["status_then"] else "—"
            out.append(
                f"| {mark}{_esc(t['id'])}{mark} | {then} | {mark}{_esc(t['status_text'])}{mark} | "
                f"{_num(t['actual_then'])} | {_num(t['actual'])} |"
            )
    tasks = d["tasks"]
    out += ["", f"## {T['tasks']}", "", f"### {T['by_group']}", ""]
    out += _md_task_counts(
        T["group"], TT, [(f"{g['group']}. {_esc(g['name'])}", g) for g in tasks["by_group"]]
    )
    out += ["", f"### {T['by_lead']}", ""]
    out += _md_task_counts(
        T["lead"], TT, [(f"{_esc(g['lead'])} ({_esc(g['name'])})", g) for g in tasks["by_lead"]]
    )
    for key in ("overdue", "delayed"):
        out += ["", f"### {T[key]} ({len(tasks[key])})", ""]
        out += [
            f"- {_esc(t['number'])} ({_esc(t['id'])}) {_esc(t['name'])} — "
            f"{_esc(', '.join(t['lead']))}"
            f"{_progress(t['progress'])}"
            for t in tasks[key]
        ] or [T["none"]]
    out += ["", f"## {T['missing']}", ""]
    if d["missing"]:
        out += [
            f"| {T['agency']} | {T['reported']} | {T['owed']} | {T['tasks_unreported']} "
            f"{d['as_of']} |",
            "|---|---:|---|---|",
        ]
        for m in d["missing"]:
            owed = _owed_text(m["owed"])
            out.append(
                f"| {_esc(m['agency'])} ({_esc(m['name'])}) | {_pct(m)} | {_esc(owed)} | "
                f"{_esc(', '.join(m['tasks'])) or '—'} |"
            )
    else:
        out.append(T["none"])
    return "\n".join(out) + "\n"


def _md_task_counts(
    first: str, names: dict[str, str], rows: list[tuple[str, dict[str, Any]]]
) -> list[str]:
    """A Markdown table of task counts by status, one row per (label, row with "counts")."""
    lines = [
        f"| {first} | " + " | ".join(names[k] for k in TASK_STATUSES) + " |",
        "|---|" + "---:|" * len(TASK_STATUSES),
    ]
    for label, row in rows:
        counts = " | ".join(str(row["counts"][k]) for k in TASK_STATUSES)
        lines.append(f"| {label} | {counts} |")  # label: escaped by the caller
    return lines


def _progress(value: float | None) -> str:
    return "" if value is None else f", {value:g} %"


def _owed_text(owed: list[dict[str, str]], limit: int = 12) -> str:
    by_target: dict[str, list[str]] = {}
    for o in owed:
        by_target.setdefault(o["target"], []).append(o["unit"])
    parts = []
    for target, units in by_target.items():
        shown = units if len(units) <= 3 else [*units[:3], f"+{len(units) - 3}"]
        parts.append(f"{target}: {', '.join(shown)}")
    text = "; ".join(parts[:limit])
    return text + (f"; +{len(parts) - limit} more" if len(parts) > limit else "") or "—"


def to_html(s: Summary, lang: str, stamp: str | None = None) -> str:
    """The Markdown content as a self-contained page in the report's style."""
    d = summary_dict(s, lang, stamp)
    T, ST, TT = TEXT[lang], STATUS_TEXT[lang], TASK_TEXT[lang]
    e = html.escape

    def table(head: list[str], rows: list[list[str]]) -> str:
        h = "".join(f"<th>{e(x)}</th>" for x in head)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>"

    def badge(status: str, text: str | None = None) -> str:
        shown = e(text or ST[status])
        return f'<span class="s" style="background:#{STATUS_FILL[status]}">{shown}</span>'

    title = f"{T['title']}: {d['plan']['number']} — {T['as_of']} {d['as_of']}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
    ]
    if stamp:
        parts.append(f"<p>{e(T['generated'])}: {e(stamp)}</p>")
    rows = [
        [
            e(a["name"]),
            *(str(a["counts"][k]) for k in STATUSES),
            str(a["provisional"]),
            e(_pct(a["completeness"])),
        ]
        for a in d["headline"]["areas"]
    ]
    c = d["headline"]["counts"]
    rows.append(
        [
            f"<strong>{e(T['total'])}</strong>",
            *(str(c[k]) for k in STATUSES),
            str(d["headline"]["provisional"]),
            e(_pct(d["headline"]["completeness"])),
        ]
    )
    parts += [
        f"<h2>{e(T['headline'])}</h2>",
        table([T["area"], *(ST[k] for k in STATUSES), T["provisional"], T["completeness"]], rows),
    ]
    parts.append(f"<h2>{e(T['furthest'])}</h2>")
    parts.append(
        table(
            [
                "ID",
                T["target"],
                T["actual"],
                T["gap"],
                f"% {T['relative']}",
                T["status"],
                T["lead"],
            ],
            [
                [
                    e(f["id"]),
                    e(f["title"]),
                    e(_num(f["actual"])),
                    e(_num(f["gap"])),
                    _one(f["relative_gap"]),
                    badge(f["status"]),
                    e(f"{f['lead']} ({f['lead_name']})"),
                ]
                for f in d["furthest"]
            ],
        )
    )
    parts.append(f"<h2>{e(T['changes'])} {e(d['previous'] or '—')}</h2>")
    if d["previous"] is None:
        parts.append(f"<p>{e(T['no_previous'])}</p>")
    else:
        # As in the Markdown: every target then and now, the ones whose status changed in bold.
        changed = {ch["id"] for ch in d["changes"]}
        if not changed:
            parts.append(f"<p>{e(T['no_changes'])}</p>")
        parts.append(
            table(
                [
                    "ID",
                    d["previous"],
                    d["as_of"],
                    f"{T['actual']} {d['previous']}",
                    f"{T['actual']} {d['as_of']}",
                ],
                [
                    [
                        f"<strong>{e(t['id'])}</strong>" if t["id"] in changed else e(t["id"]),
                        badge(t["status_then"], t["status_text_then"]) if t["status_then"] else "—",
                        badge(t["status"], t["status_text"]),
                        e(_num(t["actual_then"])),
                        e(_num(t["actual"])),
                    ]
                    for t in d["targets"]
                ],
            )
        )
    tasks = d["tasks"]
    parts.append(f"<h2>{e(T['tasks'])}</h2><h3>{e(T['by_group'])}</h3>")
    parts.append(
        table(
            [T["group"], *(TT[k] for k in TASK_STATUSES)],
            [
                [e(f"{g['group']}. {g['name']}"), *(str(g["counts"][k]) for k in TASK_STATUSES)]
                for g in tasks["by_group"]
            ],
        )
    )
    parts.append(f"<h3>{e(T['by_lead'])}</h3>")
    parts.append(
        table(
            [T["lead"], *(TT[k] for k in TASK_STATUSES)],
            [
                [e(f"{g['lead']} ({g['name']})"), *(str(g["counts"][k]) for k in TASK_STATUSES)]
                for g in tasks["by_lead"]
            ],
        )
    )
    for key in ("overdue", "delayed"):
        items = "".join(
            f"<li>{e(t['number'])} ({e(t['id'])}) {e(t['name'])} — {e(', '.join(t['lead']))}</li>"
            for t in tasks[key]
        )
        parts.append(f"<h3>{e(T[key])} ({len(tasks[key])})</h3><ul>{items}</ul>")
    parts.append(f"<h2>{e(T['missing'])}</h2>")
    parts.append(
        table(
            [T["agency"], T["reported"], T["owed"], f"{T['tasks_unreported']} {d['as_of']}"],
            [
                [
                    e(f"{m['agency']} ({m['name']})"),
                    e(_pct(m)),
                    e(_owed_text(m["owed"])),
                    e(", ".join(m["tasks"]) or "—"),
                ]
                for m in d["missing"]
            ],
        )
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
