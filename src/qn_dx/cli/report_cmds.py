"""The computing commands: report, summary, missing, explain."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from ..vocab import EXTENSIONS, SummaryFormat
from . import shell
from .shell import (
    ActualsOption,
    AsOfOption,
    LangOption,
    OutputOption,
    SkipInvalidOption,
    app,
)


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"
    html = "html"


_EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}
STATUS_CHOICES = ("met", "on_track", "off_track", "pending", "not_met", "no_data")
FAIL_ON_CHOICES = (*STATUS_CHOICES, "provisional")


@app.command()
def report(
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
    from ..compute import compute_report
    from ..render import report as out

    plan = shell.plan()
    lang = lang or shell.default_lang()
    if lang not in ("vi", "en"):
        shell.usage(f"--lang must be vi or en, not {lang!r}")
    unknown = [a for a in area or [] if a not in plan.area_by_id]
    if unknown:
        shell.usage(f"unknown area {unknown[0]!r}; areas: {', '.join(plan.area_by_id)}")
    bad_status = [s for s in fail_on or [] if s not in FAIL_ON_CHOICES]
    if bad_status:
        shell.usage(f"--fail-on {bad_status[0]!r}: use one of {', '.join(FAIL_ON_CHOICES)}")
    if fmt is None:
        ext = output.suffix.lower() if output else ""
        if output and ext not in _EXTENSIONS:
            shell.usage(f"cannot tell the format from {output.name!r}: pass --format")
        fmt = ReportFormat(_EXTENSIONS[ext]) if output else ReportFormat.table
    validation, period, inputs = shell.inputs(plan, actuals, as_of, skip_invalid, lang)
    left_out = validation.rows_invalid
    result = compute_report(plan, validation.observations, period, area, by_unit)
    result.rows_left_out = left_out if skip_invalid else 0
    result.left_out_from = left_out_from(validation) if skip_invalid else []
    result.files_left_out = files_left_out(validation) if skip_invalid else []
    result.warnings = [*validation.run_warnings, *result.warnings]
    if fmt is ReportFormat.table and output is None:
        out.print_table(shell.console(), result, lang, by_unit)
    else:
        data = _render_report(out, result, fmt, lang, by_unit)
        shell.deliver(
            data,
            output,
            inputs,
            f"{fmt.value}, as of {period.label}",
            plan,
            actuals,
            binary=fmt is ReportFormat.xlsx,
        )
    if skip_invalid and left_out:
        typer.echo(shell.words("report.left_out", lang, n=left_out), err=True)
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


def left_out_from(validation: Any) -> list[tuple[str, int]]:
    """Who sent the rows that --skip-invalid leaves out: unit codes (the file where a row names
    no unit), most rows first."""
    from collections import Counter

    counts = Counter(
        r.unit_code or r.file for r in validation.rejected if not r.reason.startswith("superseded")
    )
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def files_left_out(validation: Any) -> list[tuple[str, str]]:
    """Files or sheets refused whole (a missing column, an empty or damaged file): with
    --skip-invalid they count for nothing, and every format says so."""
    return [(t.file, t.refused) for t in validation.tables if t.refused]


def _render_report(out, result, fmt: ReportFormat, lang: str, by_unit: bool) -> bytes:  # type: ignore[no-untyped-def]
    if fmt is ReportFormat.json:
        return out.to_json(result, lang, by_unit).encode("utf-8")
    if fmt is ReportFormat.csv:
        return out.to_csv_text(result, lang).encode("utf-8")
    if fmt is ReportFormat.markdown:
        return out.to_markdown(result, lang, by_unit).encode("utf-8")
    if fmt is ReportFormat.xlsx:
        return out.to_xlsx_bytes(result, lang, by_unit)
    if fmt is ReportFormat.html:
        return out.to_html(result, lang, by_unit).encode("utf-8")
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    out.print_table(
        Console(file=buf, width=140, no_color=True, emoji=False, highlight=False),
        result,
        lang,
        by_unit,
    )
    return buf.getvalue().encode("utf-8")


class MissingFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def missing(
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
    fmt: Annotated[MissingFormat, typer.Option("--format", "-f", help="Output format.")] = (
        MissingFormat.table
    ),
) -> None:
    """Who still owes data: units with no figure counting at P, per target and agency.

    A target's leads owe the province's own figure; every other unit owes its own. Also
    lists tasks whose lead has not reported progress for P. Rates = reported ÷ expected × 100.
    Example: qn-dx missing --agency "UBND cấp xã" --format json
    """
    from ..compute.missing import compute_missing
    from ..compute.tasks import task_states
    from ..plan.registry import LookupError_, group_members, resolve
    from ..render.missing import print_missing, to_csv_text, to_json

    plan = shell.plan()
    only: set[str] | None = None
    if agency:
        try:
            code = resolve(plan, agency)
        except LookupError_ as exc:
            tail = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            shell.usage(f"unknown agency {agency!r}{tail}")
        only = group_members(plan, code) | {code} if code in plan.group_by_code else {code}
    validation, period, _used = shell.inputs(plan, actuals, as_of, skip_invalid)
    states = task_states(plan, validation.task_reports, period)
    result = compute_missing(
        plan, validation.observations, period, states, refused=validation.rejected
    )
    if fmt is MissingFormat.json:
        shell.emit(to_json(plan, result, only))
    elif fmt is MissingFormat.csv:
        shell.emit(to_csv_text(plan, result, only))
    else:
        print_missing(shell.console(), plan, result, only)


@app.command()
def summary(
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
    from ..compute.summary import compute_summary
    from ..render import summary as out

    plan = shell.plan()
    lang = lang or shell.default_lang()
    if lang not in ("vi", "en"):
        shell.usage(f"--lang must be vi or en, not {lang!r}")
    if fmt is None:
        ext = output.suffix.lower() if output else ".md"
        known = {e: f for e, f in EXTENSIONS.items() if f in SummaryFormat.__members__}
        if ext not in known:
            shell.usage(
                f"cannot tell the format from {output.name if output else ''!r}: pass --format"
            )
        fmt = SummaryFormat(known[ext])
    validation, period, inputs = shell.inputs(plan, actuals, as_of, skip_invalid, lang)
    result = compute_summary(
        plan, validation.observations, validation.task_reports, period, validation.rejected
    )
    report = result.report
    report.warnings = [*validation.run_warnings, *report.warnings]
    if skip_invalid:
        report.rows_left_out = validation.rows_invalid
        report.left_out_from = left_out_from(validation)
        report.files_left_out = files_left_out(validation)
    when = None
    if stamp:
        import datetime as dt

        when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt is SummaryFormat.docx:
        if output is None:
            shell.usage("--format docx needs --output FILE")
        data = out.to_docx_bytes(result, lang, when)
    else:
        render = {
            SummaryFormat.markdown: out.to_markdown,
            SummaryFormat.json: out.to_json,
            SummaryFormat.html: out.to_html,
        }[fmt]
        data = render(result, lang, when).encode("utf-8")
    shell.deliver(data, output, inputs, f"{fmt.value}, as of {period.label}", plan, actuals)


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def explain(
    target_id: Annotated[str, typer.Argument(metavar="ID", help="A target id, e.g. EG-16.")],
    actuals: ActualsOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f", help="text or json.")] = (
        ExplainFormat.text
    ),
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Accepted as in report (where it is needed): explain always computes without "
            "invalid rows and lists each one as not counted, with its error.",
        ),
    ] = False,
) -> None:
    """Where one target's figure comes from: rule, every observation counted (file:line), those
    left out and why, the baseline and the projection — the same numbers as `report`.

    Invalid rows of this target are listed as not counted, with their error.
    Example: qn-dx explain EG-16 --format json
    """
    from ..compute.explain import explain_target
    from ..render import explain as out
    from ..text import same_number

    plan = shell.plan()
    lang = lang or shell.default_lang()
    target = plan.target_by_id.get(target_id.strip().upper())
    if target is None:
        near = same_number(target_id, plan.target_by_id)
        shell.usage(
            f"unknown target {target_id!r}" + (f"; did you mean {near[0]}?" if near else "")
        )
    validation, period, _used = shell.inputs(plan, actuals, as_of, skip_invalid=True, lang=lang)
    explanation = explain_target(plan, target, validation, period)
    if fmt is ExplainFormat.json:
        shell.emit(out.to_json(plan, explanation, lang))
    else:
        shell.say(out.to_text(plan, explanation, lang), end="")
