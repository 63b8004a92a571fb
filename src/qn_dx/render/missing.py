"""`qn-dx missing` as a table, JSON or CSV."""

from __future__ import annotations

from typing import Any

from ..compute.missing import Missing
from ..plan import Plan
from ..plan.registry import display_name, short_name
from ..text import vi_sort_key
from ..words import number, say
from .listing import to_csv
from .report import r4
from .safe import json_text, markup
from .tables import Column, TableSpec


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
    refused_at = {(g.target.id, c): rows for g in m.targets for c, rows in g.refused.items()}
    agencies = []
    codes = [c for c in set(m.agencies) | set(m.tasks_unreported) if keep(c)]
    for code in sorted(codes, key=lambda c: (vi_sort_key(display_name(plan, c)), c)):
        rate = m.agencies.get(code)
        owes = m.owed.get(code, [])
        tasks = m.tasks_unreported.get(code, [])
        if not owes and not tasks:
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
                        **({"refused_rows": refused_at[t, u]} if (t, u) in refused_at else {}),
                    }
                    for t, u in owes
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


def _units_text(plan: Plan, t: dict[str, Any], lang: str, limit: int = 8) -> str:
    """``21010, 21013 (sent but refused), +5``; a province-wide target's unit with the agency
    that owes its figure (``51 → STTTT``)."""
    parts = []
    for u in t["missing"][:limit]:
        text = u["code"]
        if u["responsible"] != u["code"]:
            by = short_name(plan, u["responsible"], lang)
            text = say("missing.owed_by", lang, unit=text, by=by)
        if u.get("refused_rows"):
            text += f" ({say('missing.refused', lang)})"
        parts.append(text)
    more = len(t["missing"]) - limit
    if more > 0:
        parts.append(say("more", lang, n=more))
    if t.get("baseline_owed"):
        parts.append(say("missing.baseline_owed", lang, year=plan.baseline_year))
    return ", ".join(parts) or "—"


def _rate_text(row: dict[str, Any], lang: str) -> str:
    return "—" if row["rate"] is None else f"{number(row['rate'], lang)} %"


# reported/expected and the rate: the same two columns in both tables
REPORTED: Column[dict[str, Any]] = Column(
    "reported",
    "missing.reported",
    lambda r, lang: f"{r['reported']}/{r['expected']}",
    align="right",
    keep=60,
)
RATE: Column[dict[str, Any]] = Column("rate", "missing.rate", _rate_text, align="right", keep=50)


def by_target_spec(plan: Plan) -> TableSpec[dict[str, Any]]:
    return TableSpec(
        "missing-by-target",
        (
            Column("id", "report.id", lambda t, lang: t["id"], keep=100),
            REPORTED,
            RATE,
            Column(
                "missing",
                "missing.units",
                lambda t, lang: _units_text(plan, t, lang),
                keep=100,
                min_width=24,
                wrap=True,
            ),
        ),
    )


BY_AGENCY: TableSpec[dict[str, Any]] = TableSpec(
    "missing-by-agency",
    (
        Column(
            "agency",
            "missing.agency",
            lambda a, lang: f"{a['agency']} {a['name']}",
            keep=100,
            min_width=20,
            max_width=40,
            wrap=True,
        ),
        REPORTED,
        RATE,
        Column(
            "owes",
            "missing.owes",
            lambda a, lang: ", ".join(sorted({o["target"] for o in a["owed"]})) or "—",
            keep=100,
            min_width=16,
            wrap=True,
        ),
        Column(
            "tasks",
            "missing.tasks",
            lambda a, lang: ", ".join(a["tasks_unreported"]) or "—",
            keep=40,
            wrap=True,
        ),
    ),
)


def print_missing(
    console: Any, plan: Plan, m: Missing, only: set[str] | None = None, lang: str = "en"
) -> None:
    from ..ingest.periods import parse_period
    from ..words import period_label
    from .terminal import hidden_note, spec_table

    d = missing_dict(plan, m, only)
    c = d["completeness"]
    as_of = period_label(parse_period(d["as_of"]), lang)
    line = say(
        "missing.completeness",
        lang,
        as_of=as_of,
        reported=c["reported"],
        expected=c["expected"],
        rate=_rate_text(c, lang),
    )
    console.print(f"[bold]{markup(line)}[/bold]")
    rows = [t for t in d["targets"] if t["missing"] or t.get("baseline_owed")]
    hidden: list[str] = []
    by_target = say("missing.by_target", lang)
    console.print(spec_table(console, by_target_spec(plan), rows, lang, by_target, None, hidden))
    by_agency = say("missing.by_agency", lang)
    console.print(spec_table(console, BY_AGENCY, d["agencies"], lang, by_agency, None, hidden))
    hidden_note(console, hidden, lang)
