"""The plan's own lists as people read them — targets, tasks (with their progress), finding
codes — each one table spec, shown on a terminal in the chosen language. Their JSON and CSV
are machine formats with documented keys (``plan.queries``), untouched by the language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..plan import Plan
from ..plan.registry import short_name
from ..vocab import Lang
from ..words import number, say
from .tables import Column, TableSpec


def _scope(plan: Plan, scope: dict[str, Any], lang: str) -> str:
    def level_name(level: str) -> str:
        info = plan.level_by_id.get(level)
        if info is None:
            return say(f"level.{level}", lang) if _has(f"level.{level}") else level
        return info.name_vi if lang == Lang.vi else info.name_en

    text = " + ".join(level_name(level) for level in scope["levels"])
    if scope["types"]:
        text = f"{text} ({', '.join(scope['types'])})"
    return " + ".join(p for p in (text, *scope.get("units", [])) if p)


def _has(key: str) -> bool:
    from ..words import has

    return has(key)


def _goal(plan: Plan, row: dict[str, Any], lang: str) -> str:
    from .figures import goal_text

    return goal_text(plan.target_by_id[row["id"]], None, lang)


def targets_spec(plan: Plan) -> TableSpec[dict[str, Any]]:
    return TableSpec(
        "targets",
        (
            Column("id", "report.id", lambda r, lang: r["id"], keep=100),
            Column(
                "title",
                "report.title",
                lambda r, lang: r["title_vi"] if lang == Lang.vi else r["title_en"],
                keep=100,
                min_width=24,
                max_width=60,
                wrap=True,
            ),
            Column(
                "measure",
                "list.measure",
                lambda r, lang: say(f"measure.{r['measure']}", lang),
                keep=40,
            ),
            Column("goal", "report.goal", lambda r, lang: _goal(plan, r, lang), keep=90, wrap=True),
            Column(
                "scope",
                "list.scope",
                lambda r, lang: _scope(plan, r["scope"], lang),
                keep=60,
                max_width=30,
                wrap=True,
            ),
            Column(
                "period_rule",
                "list.period_rule",
                lambda r, lang: say(f"rule.{r['period_rule']}", lang),
                keep=30,
                wrap=True,
            ),
            Column(
                "lead",
                "list.lead",
                lambda r, lang: ", ".join(short_name(plan, c, lang) for c in r["leads"]),
                keep=80,
                max_width=24,
                wrap=True,
            ),
        ),
    )


def _progress(r: dict[str, Any], lang: str) -> str:
    value = r.get("progress")
    return "—" if value is None else f"{number(value, lang, 0)} %"


def tasks_spec(agency: bool, progress: bool, plan: Plan | None = None) -> TableSpec[dict[str, Any]]:
    def names(codes: list[str], lang: str) -> str:
        if plan is None:
            return ", ".join(codes)
        return ", ".join(short_name(plan, c, lang) for c in codes)

    columns: list[Column[dict[str, Any]]] = [
        Column("number", "list.number", lambda r, lang: r["number"], keep=100),
        Column(
            "name",
            "list.task",
            lambda r, lang: r["name_vi"] if lang == Lang.vi else r["name_en"],
            keep=100,
            min_width=24,
            max_width=60,
            wrap=True,
        ),
        Column(
            "lead",
            "list.lead",
            lambda r, lang: names(r["lead"], lang),
            keep=90,
            max_width=24,
            wrap=True,
        ),
        Column(
            "coordinating",
            "list.coordinating",
            lambda r, lang: names(r["coordinating"], lang),
            keep=30,
            max_width=24,
            wrap=True,
        ),
    ]
    if agency:
        columns += [
            Column("role", "list.role", lambda r, lang: say(f"role.{r['role']}", lang), keep=80),
            Column("via", "list.via", lambda r, lang: r.get("via") or "", keep=20),
        ]
    if progress:
        columns += [
            Column(
                "status",
                "report.status",
                lambda r, lang: say(f"task.{r['status']}", lang),
                keep=100,
            ),
            Column("progress", "list.progress", _progress, align="right", keep=95),
            Column(
                "status_period",
                "list.reported",
                lambda r, lang: _period(r.get("status_period"), lang),
                keep=50,
            ),
            Column(
                "reporters",
                "list.reporters",
                lambda r, lang: f"{r['units_reported']}/{r['units_expected']}",
                align="right",
                keep=40,
            ),
        ]
    return TableSpec("tasks", tuple(columns))


def _period(label: str | None, lang: str) -> str:
    from ..ingest.periods import parse_period
    from ..words import period_label

    if not label:
        return "—"
    return period_label(parse_period(label), lang)


def print_spec(
    console: Any,
    spec: TableSpec[Any],
    rows: Sequence[Any],
    lang: str,
    title: str,
    style: Any = None,
) -> None:
    from .terminal import hidden_note, spec_table

    hidden: list[str] = []
    console.print(spec_table(console, spec, rows, lang, title, style, hidden))
    hidden_note(console, hidden, lang)
