"""Commands about the plan itself: targets, tasks (and their progress), check, codes."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..findings import msg
from ..vocab import ListFormat
from . import shell
from .shell import (
    ActualsOption,
    LangOption,
    ListFormatOption,
    SkipInvalidOption,
    app,
)


@app.command()
def targets(
    ctx: typer.Context,
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area", "-a", metavar="AREA", help="Only this area (repeatable), e.g. e-government."
        ),
    ] = None,
    fmt: ListFormatOption = ListFormat.table,
    lang: LangOption = None,
) -> None:
    """List the plan's targets: id, indicator key, area, measure, goal, scope and leads.

    Example: qn-dx targets --area digital-economy --format json
    """
    from ..plan.queries import target_rows
    from ..render.listing import to_csv, to_json

    lang = shell.language(lang)
    plan = shell.plan(ctx, lang=lang)
    from ..plan.registry import LookupError_, resolve_areas

    try:
        area = resolve_areas(plan, area)
    except LookupError_ as exc:
        shell.usage(
            msg("usage.unknown-area", area=repr(exc.query), areas=", ".join(exc.suggestions)),
            lang,
        )
    rows = target_rows(plan, area)
    if fmt is ListFormat.json:
        shell.emit(to_json(rows))
    elif fmt is ListFormat.csv:
        cols = [
            "id",
            "area",
            "measure",
            "unit",
            "op",
            "target",
            "target_offset",
            "title_vi",
            "title_en",
            "scope",
            "period_rule",
            "baseline",
            "lead",
            "indicator",
            "source",
        ]
        flat = [{**r, "scope": _scope_text(r["scope"]), "lead": r["leads"]} for r in rows]
        shell.emit(to_csv(flat, cols))
    else:
        from ..render.lists import print_spec, targets_spec
        from ..words import say

        title = say("list.targets_title", lang, number=plan.info.number, n=len(rows))
        print_spec(shell.console(), targets_spec(plan), rows, lang, title)


def _scope_text(scope: dict[str, Any]) -> str:
    text = " + ".join(scope["levels"])
    if scope["types"]:
        text = f"{text} ({', '.join(scope['types'])})"
    return " + ".join([p for p in (text, *scope.get("units", [])) if p])


TASK_STATUS_CHOICES = ("done", "in_progress", "delayed", "not_started", "overdue", "not_reported")


@app.command()
def tasks(
    ctx: typer.Context,
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            metavar="AGENCY",
            help="An agency, group or unit: code or name, ignoring case and diacritics "
            "('so y te' finds Sở Y tế). Includes tasks assigned to its groups.",
        ),
    ] = None,
    group: Annotated[
        int | None,
        typer.Option("--group", "-g", metavar="N", help="Only task group N.", min=1),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="PERIOD",
            help="Add each task's latest status and progress at this period "
            "(from the task-progress files among the actuals).",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only tasks with this status at --as-of (repeatable): "
            + ", ".join(TASK_STATUS_CHOICES)
            + ".",
            show_default=False,
        ),
    ] = None,
    actuals: ActualsOption = None,
    skip_invalid: SkipInvalidOption = False,
    fmt: ListFormatOption = ListFormat.table,
    lang: LangOption = None,
) -> None:
    """List the plan's tasks (its task table) with their lead and coordinating agencies.

    With --as-of (or --status/--actuals) each task also gets its latest reported status and
    progress; at the plan year's end a task that is not done is overdue.
    Example: qn-dx tasks --agency "so y te" --status delayed --format json
    """
    from .. import api
    from ..plan.queries import agency_label
    from ..render.listing import to_csv, to_json

    lang = shell.language(lang)
    plan = shell.plan(ctx, lang=lang)
    bad = [x for x in status or [] if x not in TASK_STATUS_CHOICES]
    if bad:
        shell.usage(
            msg("usage.bad-choice", option="--status", value=repr(bad[0]),
                choices=", ".join(TASK_STATUS_CHOICES)),
            lang,
        )  # fmt: skip
    progress_mode = bool(as_of or status or actuals)
    done = shell.run_api(
        lambda: api.tasks(
            plan,
            actuals,
            as_of=as_of,
            agency=agency,
            group=group,
            statuses=status,
            progress=progress_mode,
            skip_invalid=skip_invalid,
        ),
        lang,
    )
    rows = done.rows
    title = agency_label(plan, agency) if agency else plan.info.number
    if done.as_of is not None:
        from ..words import period_label, say

        title += f" — {say('report.as_of', lang)} {period_label(done.as_of, lang)}"
    if fmt is ListFormat.json:
        shell.emit(to_json(rows))
        return
    cols = ["id", "number", "group", "name_vi", "name_en", "lead", "coordinating"]
    if agency:
        cols += ["role", "via"]
    if progress_mode:
        cols += ["status", "progress", "status_period"]
    if fmt is ListFormat.csv:
        shell.emit(to_csv(rows, cols))
    else:
        from ..render.lists import print_spec, tasks_spec
        from ..words import say

        title = say("list.tasks_title", lang, title=title, n=len(rows))
        spec = tasks_spec(agency=bool(agency), progress=progress_mode, plan=plan)
        print_spec(shell.console(), spec, rows, lang, title)


@app.command()
def check(ctx: typer.Context, lang: LangOption = None) -> None:
    """Check the plan folder: duplicate ids, unknown agency/unit codes, budget sums, empty scopes,
    unit parents, rank ranges, and targets' leads against the task-table rows they link to.

    Exit 0 when clean (warnings and notes allowed), 1 with located errors (file:line: code:
    message).
    """
    from ..findings import errors
    from ..plan.check import check_plan
    from ..plan.load import display_path
    from ..text import visible

    lang = shell.language(lang)
    plan = shell.plan(ctx, checked=False, lang=lang)  # check prints every finding itself
    found = check_plan(plan)
    for f in found:
        shell.say(f"{shell.words(f'severity.{f.severity}', lang)}: {f.to_text(lang)}")
    n_err = len(errors(found))
    n_warn = sum(1 for f in found if f.severity == "warning")
    warned = shell.words("cli.check-warnings", lang, n=n_warn) if n_warn else ""
    folder = visible(display_path(plan.folder))
    shell.say(
        shell.words(
            "cli.check-summary",
            lang,
            folder=folder,
            targets=len(plan.targets),
            tasks=len(plan.tasks),
            units=len(plan.units),
            agencies=len(plan.agencies),
            groups=len(plan.groups),
            errors=n_err,
            warned=warned,
            notes=len(found) - n_err - n_warn,
        )
    )
    raise typer.Exit(1 if n_err else 0)


@app.command()
def codes(
    fmt: ListFormatOption = ListFormat.table,
    lang: LangOption = None,
) -> None:
    """List every finding code qn-dx can report, with its severity, its meaning and what to do.

    The codes are stable: CI jobs may match on them; the meaning and the hint are in the
    language of --lang. Example: qn-dx codes --lang vi --format json
    """
    from ..findings import CATALOGUE
    from ..render.listing import print_table, to_csv, to_json

    lang = shell.language(lang)
    rows = [
        {
            "code": c.code,
            "severity": c.severity,
            "meaning": c.meaning_text(lang),
            "hint": c.hint_text(lang),
        }
        for c in CATALOGUE.values()
    ]
    if fmt is ListFormat.json:
        shell.emit(to_json(rows))
    elif fmt is ListFormat.csv:
        shell.emit(to_csv(rows, ["code", "severity", "meaning", "hint"]))
    else:
        columns = ("code", "severity", "meaning", "hint")
        shown = [{**r, "severity": shell.words(f"severity.{r['severity']}", lang)} for r in rows]
        print_table(
            shell.console(),
            shell.words("codes.title", lang, n=len(rows)),
            shown,
            [(key, shell.words(f"codes.{key}", lang)) for key in columns],
        )
