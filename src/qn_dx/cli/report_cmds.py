"""The computing commands: report, summary, missing, explain."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated

import typer

from ..findings import msg
from ..vocab import EXTENSIONS, ListFormat, ReportFormat, Status, SummaryFormat, TextFormat
from ..words import period_label
from . import shell
from .shell import (
    ActualsOption,
    AsOfOption,
    LangOption,
    ListFormatOption,
    OnUnitsOption,
    OutputOption,
    SkipInvalidOption,
    app,
)

STATUS_CHOICES = tuple(Status)
FAIL_ON_CHOICES = (*STATUS_CHOICES, "provisional")

if TYPE_CHECKING:
    from ..compute import Report


@app.command()
def report(
    ctx: typer.Context,
    actuals: ActualsOption = None,
    as_of: AsOfOption = None,
    area: Annotated[
        list[str] | None,
        typer.Option("--area", "-a", metavar="AREA", help="Only this area (repeatable)."),
    ] = None,
    by_unit: Annotated[
        bool,
        typer.Option("--by-unit", help="Add each unit's own value under its target, worst first."),
    ] = False,
    trend: Annotated[
        bool,
        typer.Option(
            "--trend",
            help="Add each target's figure at every period of the year up to --as-of, and a "
            "sparkline (a line chart with the goal in HTML; a column per period in xlsx).",
        ),
    ] = False,
    on_units: OnUnitsOption = None,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            metavar="PERIOD",
            help="Put another period's actual and status beside each target, with the change "
            "(e.g. --as-of YYYY-Q3 --compare YYYY-Q2).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv, markdown, xlsx or html. Default: "
            "from --output's extension, else table.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    skip_invalid: SkipInvalidOption = False,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS",
            help="Exit 1 when any target has this status (repeatable): "
            + ", ".join(STATUS_CHOICES)
            + "; or 'provisional': too few units reported for the status to be final.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Where every target stands: actual, gap to target and status, area by area.

    Examples: qn-dx report | qn-dx report --area e-government --format json |
    qn-dx report --output report.html | qn-dx report --fail-on not_met --fail-on no_data
    """
    from .. import api
    from ..render import report as out

    lang = shell.language(lang)
    plan = shell.plan(ctx, lang=lang)
    bad_status = [s for s in fail_on or [] if s not in FAIL_ON_CHOICES]
    if bad_status:
        shell.usage(
            msg("usage.bad-choice", option="--fail-on", value=repr(bad_status[0]),
                choices=", ".join(FAIL_ON_CHOICES)),
            lang,
        )  # fmt: skip
    if fmt is None:
        ext = output.suffix.lower() if output else ""
        if output and EXTENSIONS.get(ext) not in ReportFormat.__members__:
            shell.usage(msg("usage.format-from-name", name=repr(output.name)), lang)
        fmt = ReportFormat(EXTENSIONS[ext]) if output else ReportFormat.table
    if fmt is ReportFormat.md:
        fmt = ReportFormat.markdown
    done = shell.run_api(
        lambda: api.report(
            plan,
            actuals,
            as_of=as_of,
            areas=area,
            by_unit=by_unit,
            skip_invalid=skip_invalid,
            compare=compare,
            on_units=on_units,
        ),
        lang,
    )
    result, period = done.report, done.as_of
    if fmt is ReportFormat.table and output is None:
        out.print_table(shell.console(), result, lang, by_unit, trend)
    else:
        data = _render_report(out, result, fmt, lang, by_unit, trend)
        shell.deliver(
            data,
            output,
            done.validation.paths,
            shell.words(
                "cli.written-as-of", lang, format=fmt.value, period=period_label(period, lang)
            ),
            plan,
            actuals,
            binary=fmt is ReportFormat.xlsx,
            lang=lang,
        )
    if result.rows_left_out:
        typer.echo(shell.words("report.left_out", lang, n=result.rows_left_out), err=True)
    if result.files_left_out:
        names = ", ".join(f"{f} ({code})" for f, code in result.files_left_out)
        typer.echo(
            shell.words("cli.files-left-out", lang, n=len(result.files_left_out), files=names),
            err=True,
        )
    fail = set(fail_on or [])
    hit = [
        r.id
        for r in result.targets
        if r.status in fail or ("provisional" in fail and r.provisional)
    ]
    if hit:
        typer.echo(shell.words("cli.fail-on", lang, n=len(hit), ids=", ".join(hit)), err=True)
        raise typer.Exit(1)


def _render_report(
    out: ModuleType, result: Report, fmt: ReportFormat, lang: str, by_unit: bool, trend: bool
) -> bytes:
    if fmt is ReportFormat.json:
        return out.to_json(result, lang, by_unit).encode("utf-8")
    if fmt is ReportFormat.csv:
        return out.to_csv_text(result, lang).encode("utf-8")
    if fmt is ReportFormat.markdown:
        return out.to_markdown(result, lang, by_unit, trend).encode("utf-8")
    if fmt is ReportFormat.xlsx:
        return out.to_xlsx_bytes(result, lang, by_unit, trend)
    if fmt is ReportFormat.html:
        return out.to_html(result, lang, by_unit, trend).encode("utf-8")
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    out.print_table(
        Console(file=buf, width=140, no_color=True, emoji=False, highlight=False),
        result,
        lang,
        by_unit,
        trend,
    )
    return buf.getvalue().encode("utf-8")


@app.command()
def missing(
    ctx: typer.Context,
    actuals: ActualsOption = None,
    as_of: AsOfOption = None,
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            metavar="AGENCY",
            help="Only what this agency, unit or group owes (code or name).",
            show_default=False,
        ),
    ] = None,
    skip_invalid: SkipInvalidOption = False,
    fmt: ListFormatOption = ListFormat.table,
    lang: LangOption = None,
    on_units: OnUnitsOption = None,
) -> None:
    """Who still owes data: units with no figure counting at P, per target and agency.

    A target's leads owe the province's own figure; every other unit owes its own. Also
    lists tasks whose lead has not reported progress for P. Rates = reported ÷ expected × 100.
    Example: qn-dx missing --agency "UBND cấp xã" --format json
    """
    from .. import api
    from ..render.missing import print_missing, to_csv_text, to_json

    lang = shell.language(lang)
    plan = shell.plan(ctx, lang=lang)
    done = shell.run_api(
        lambda: api.missing(
            plan,
            actuals,
            as_of=as_of,
            agency=agency,
            skip_invalid=skip_invalid,
            on_units=on_units,
        ),
        lang,
    )
    if fmt is ListFormat.json:
        shell.emit(to_json(plan, done.missing, done.only))
    elif fmt is ListFormat.csv:
        shell.emit(to_csv_text(plan, done.missing, done.only))
    else:
        print_missing(shell.console(), plan, done.missing, done.only, lang)


@app.command()
def summary(
    ctx: typer.Context,
    actuals: ActualsOption = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        SummaryFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown (default), json, html or docx (a Word report in the administrative "
            "format); default from --output's extension.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    stamp: Annotated[
        bool,
        typer.Option("--stamp", help="Add the generation time (output then differs run to run)."),
    ] = False,
    skip_invalid: SkipInvalidOption = False,
) -> None:
    """The quarterly summary for the People's Committee: statuses, changes, tasks, missing data.

    Same inputs give byte-identical output (no timestamp unless --stamp).
    Example: qn-dx summary --lang vi --output bao-cao-quy.md
    """
    from .. import api
    from ..render import summary as out

    lang = shell.language(lang)
    plan = shell.plan(ctx, lang=lang)
    if fmt is None:
        ext = output.suffix.lower() if output else ".md"
        known = {e: f for e, f in EXTENSIONS.items() if f in SummaryFormat.__members__}
        if ext not in known:
            name = repr(output.name if output else "")
            shell.usage(msg("usage.format-from-name", name=name), lang)
        fmt = SummaryFormat(known[ext])
    if fmt is SummaryFormat.md:
        fmt = SummaryFormat.markdown
    done = shell.run_api(
        lambda: api.summary(plan, actuals, as_of=as_of, skip_invalid=skip_invalid), lang
    )
    result, period, inputs = done.summary, done.summary.as_of, done.validation.paths
    when = None
    if stamp:
        import datetime as dt

        when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt is SummaryFormat.docx:
        if output is None:
            shell.usage(msg("usage.needs-output", format="docx"), lang)
        data = out.to_docx_bytes(result, lang, when)
    else:
        render = {
            SummaryFormat.markdown: out.to_markdown,
            SummaryFormat.json: out.to_json,
            SummaryFormat.html: out.to_html,
        }[fmt]
        data = render(result, lang, when).encode("utf-8")
    what = shell.words(
        "cli.written-as-of", lang, format=fmt.value, period=period_label(period, lang)
    )
    shell.deliver(data, output, inputs, what, plan, actuals, lang=lang)


@app.command()
def explain(
    ctx: typer.Context,
    target_id: Annotated[str, typer.Argument(metavar="ID", help="A target id, e.g. EG-16.")],
    actuals: ActualsOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="text or json.")] = (
        TextFormat.text
    ),
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Accepted as in report (where it is needed): explain always computes without "
            "invalid rows and lists each one as not counted, with its error.",
        ),
    ] = False,
    on_units: OnUnitsOption = None,
) -> None:
    """Where one target's figure comes from: rule, every observation counted (file:line), those
    left out and why, the baseline and the projection — the same numbers as `report`.

    Invalid rows of this target are listed as not counted, with their error.
    Example: qn-dx explain EG-16 --format json
    """
    from .. import api
    from ..render import explain as out

    lang = shell.language(lang)
    plan = shell.plan(ctx, lang=lang)
    done = shell.run_api(
        lambda: api.explain(plan, target_id, actuals, as_of=as_of, on_units=on_units), lang
    )
    if fmt is TextFormat.json:
        shell.emit(out.to_json(plan, done.explanation, lang))
    else:
        shell.say(out.to_text(plan, done.explanation, lang), end="")


@app.command()
def compare(
    ctx: typer.Context,
    with_: Annotated[
        Path,
        typer.Option(
            "--with",
            metavar="FOLDER",
            help="The other plan folder (another year's plan), compared with --data-dir's.",
        ),
    ],
    actuals: ActualsOption = None,
    with_actuals: Annotated[
        list[Path] | None,
        typer.Option(
            "--with-actuals",
            metavar="PATH",
            help="The other plan's actuals (repeatable). Default: its folder's actuals/.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    with_as_of: Annotated[
        str | None,
        typer.Option(
            "--with-as-of",
            metavar="PERIOD",
            help="The period of the other plan's year to compute as of. Default: its latest.",
            show_default=False,
        ),
    ] = None,
    skip_invalid: SkipInvalidOption = False,
    fmt: ListFormatOption = ListFormat.table,
    lang: LangOption = None,
) -> None:
    """Two plans side by side (say 2023 and 2024): each target's goal, actual and status in
    each year, matched by the indicator key the plan files declare (the same indicator across
    years, even when its id or goal changes).

    Example: qn-dx --data-dir plans/2023 compare --with plans/2024
    """
    from .. import api
    from ..render import compare as out
    from ..render.listing import to_csv

    lang = shell.language(lang)
    first = shell.plan(ctx, lang=lang)
    try:
        second = api.load_plan(with_)
    except api.BadInput as exc:
        shell.usage(msg("usage.with", problem=shell._message(exc)), lang)
    except api.PlanRefused as exc:
        for f in exc.findings:
            typer.echo(f.to_text(lang), err=True)
        typer.echo(
            shell.words("cli.refused-with", lang, folder=str(with_), problem=shell._message(exc)),
            err=True,
        )
        raise typer.Exit(1) from None
    done = shell.run_api(
        lambda: api.compare_plans(
            first,
            second,
            actuals,
            with_actuals or [second.folder / "actuals"],
            as_of=as_of,
            second_as_of=with_as_of,
            skip_invalid=skip_invalid,
        ),
        lang,
    )
    if fmt is ListFormat.json:
        shell.emit(out.to_json(done, lang))
    elif fmt is ListFormat.csv and lang == "vi":
        shell.emit(out.to_csv_vi(done))
    elif fmt is ListFormat.csv:
        rows = out.compare_rows(done, lang)
        shell.emit(to_csv(rows, list(rows[0]) if rows else ["indicator"]))
    else:
        out.print_compare(shell.console(), done, lang)
