"""`qn-dx missing` as a table, JSON or CSV."""

from __future__ import annotations

from typing import Any

from ..compute.missing import Missing
from ..plan import Plan
from ..plan.registry import display_name
from ..text import vi_sort_key
from .listing import to_csv
from .report import r4
from .safe import json_text, markup, term


def rate_dict(reported: int, expected: int) -> dict[str, Any]:
    """A reporting rate as JSON: reported, expected, and reported ÷ expected × 100."""
    return {
        "reported": reported,
        "expected": expected,
        "rate": r4(100 * reported / expected) if expected else None,
    }


def missing_dict(plan: Plan, m: Missing, only: set[str] | None = None) -> dict[str, Any]:
    def keep(code: str) -> bool:
        return only is None or code in only

    targets = []
    for g in m.targets:
        owed = {resp: units for resp, units in g.responsible.items() if keep(resp)}
        if only is not None and not owed:
            continue
        targets.append(
            {
                "id": g.target.id,
                "area": g.target.area,
                "lead": g.target.lead,
                **rate_dict(g.rate.reported, g.rate.expected),
                "missing": [
                    {
                        "code": c,
                        "name": display_name(plan, c),
                        "responsible": resp,
                        # only when it did send rows for P, all refused by validate
                        **({"refused_rows": g.refused[c]} if c in g.refused else {}),
                    }
                    for resp, units in owed.items()
                    for c in units
                ],
                # only when the goal's baseline year has no figure (the lead owes it too)
                **({"baseline_owed": True} if g.baseline_owed else {}),
            }
        )
    refused = {(g.target.id, c): rows for g in m.targets for c, rows in g.refused.items()}
    agencies = []
    codes = [c for c in set(m.agencies) | set(m.tasks_unreported) if keep(c)]
    for code in sorted(codes, key=lambda c: (vi_sort_key(display_name(plan, c)), c)):
        rate = m.agencies.get(code)
        owed = m.owed.get(code, [])
        tasks = m.tasks_unreported.get(code, [])
        if not owed and not tasks:
            continue
        agencies.append(
            {
                "agency": code,
                "name": display_name(plan, code),
                **(rate_dict(rate.reported, rate.expected) if rate else rate_dict(0, 0)),
                "owed": [
                    {
                        "target": t,
                        "unit": u,
                        **({"refused_rows": refused[t, u]} if (t, u) in refused else {}),
                    }
                    for t, u in owed
                ],
                "tasks_unreported": tasks,
            }
        )
    overall = m.overall
    return {
        "as_of": m.as_of.label,
        "completeness": rate_dict(overall.reported, overall.expected),
        "areas": [{"area": a, **rate_dict(r.reported, r.expected)} for a, r in m.areas.items()],
        "targets": targets,
        "agencies": agencies,
    }


def to_json(plan: Plan, m: Missing, only: set[str] | None = None) -> str:
    return json_text(missing_dict(plan, m, only))


def to_csv_text(plan: Plan, m: Missing, only: set[str] | None = None) -> str:
    """One row per missing (target, unit) pair."""
    d = missing_dict(plan, m, only)
    rows = [
        {
            "target": t["id"],
            "area": t["area"],
            "unit_code": u["code"],
            "unit_name": u["name"],
            "responsible": u["responsible"],
            "responsible_name": display_name(plan, u["responsible"]),
        }
        for t in d["targets"]
        for u in t["missing"]
    ]
    return to_csv(
        rows, ["target", "area", "unit_code", "unit_name", "responsible", "responsible_name"]
    )


def print_missing(
    console: Any, plan: Plan, m: Missing, only: set[str] | None = None, lang: str = "en"
) -> None:
    from rich.table import Table

    d = missing_dict(plan, m, only)
    c = d["completeness"]
    console.print(
        f"[bold]Reporting completeness as of {markup(d['as_of'])}[/bold]: "
        f"{c['reported']}/{c['expected']} ({_pct(c['rate'])})"
    )
    table = Table(title="By target", title_justify="left", header_style="bold")
    for col in ("ID", "Reported", "Rate", "Missing units"):
        table.add_column(col, overflow="fold")
    for t in d["targets"]:
        if not t["missing"]:
            continue
        names = ", ".join(f"{u['code']}" for u in t["missing"][:8])
        more = len(t["missing"]) - 8
        table.add_row(
            term(t["id"]),
            f"{t['reported']}/{t['expected']}",
            _pct(t["rate"]),
            term(names + (f" (+{more} more)" if more > 0 else "")),
        )
    console.print(table)
    table = Table(title="By responsible agency or unit", title_justify="left", header_style="bold")
    for col in ("Agency", "Reported", "Rate", "Still owes", "Tasks without progress"):
        table.add_column(col, overflow="fold")
    for a in d["agencies"]:
        owed = sorted({o["target"] for o in a["owed"]})
        table.add_row(
            term(f"{a['agency']} {a['name']}"),
            f"{a['reported']}/{a['expected']}",
            _pct(a["rate"]),
            term(", ".join(owed) or "—"),
            term(", ".join(a["tasks_unreported"]) or "—"),
        )
    console.print(table)


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1f} %"
