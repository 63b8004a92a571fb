"""The `qn-dx` command line: a thin shell over the library (plan → ingest → validate → compute →
render). Heavy modules (pydantic models, pandas) are imported inside commands so that
`qn-dx --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__

app = typer.Typer(
    name="qn-dx",
    help=(
        "Indicator calculator for Quảng Ngãi's 2023 digital-transformation plan "
        "(Kế hoạch 189/KH-UBND): the plan's targets and tasks as data, checked and reported."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,  # never dump submitted data into a crash report
)


class State:
    data_dir: Path | None = None


STATE = State()


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


# Options shared by the commands that compute (report, summary, missing, explain, tasks): one
# definition each, so they read and behave the same everywhere.
ActualsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actuals",
        metavar="PATH",
        help="Actuals and task-progress files or folders (repeatable). Default: the plan "
        "folder's actuals/ (the shipped sample).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="PERIOD",
        help="Compute as of this period (2023-Q2, 2023-06, 2023). Default: the latest period in "
        "the actuals.",
        show_default=False,
    ),
]
SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Compute from the valid rows and say how many rows were left out, instead of "
        "refusing invalid actuals.",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="vi|en",
        help="vi or en. Default: from the locale, else en.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (atomically; never over an input). The format follows the "
        "extension unless --format is given.",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qn-dx {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="QN_DX_DATA",
            help="Plan folder (plan.yaml, targets.yaml, tasks.yaml, units.yaml, agencies.yaml). "
            "Default: the 2023 plan shipped with qn-dx.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    STATE.data_dir = data_dir


def _fail(findings: list, code: int = 1) -> NoReturn:  # type: ignore[type-arg]
    for f in findings:
        typer.echo(f.to_text(), err=True)
    raise typer.Exit(code)


def _usage(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


def _plan():  # type: ignore[no-untyped-def]
    from .findings import FindingsError
    from .plan import load_plan

    try:
        return load_plan(STATE.data_dir)
    except FindingsError as exc:
        _fail(exc.findings)


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    # Piped output has no terminal width; 140 columns keeps tables readable in logs and files.
    width = None if sys.stdout.isatty() else 140
    return Console(soft_wrap=False, emoji=False, highlight=False, width=width)


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@app.command()
def targets(
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area", "-a", metavar="AREA", help="Only this area (repeatable), e.g. e-government."
        ),
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.table
    ),
) -> None:
    """List the plan's 53 targets (Part II §II): id, area, measure, op, target, scope, lead.

    Example: qn-dx targets --area digital-economy --format json
    """
    from .plan.queries import target_rows
    from .render.listing import print_table, to_csv, to_json

    plan = _plan()
    unknown = [a for a in area or [] if a not in plan.area_by_id]
    if unknown:
        _usage(f"unknown area {unknown[0]!r}; areas: {', '.join(plan.area_by_id)}")
    rows = target_rows(plan, area)
    if fmt is ListFormat.json:
        _emit(to_json(rows))
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
            "source",
        ]
        flat = [{**r, "scope": _scope_text(r["scope"])} for r in rows]
        _emit(to_csv(flat, cols))
    else:
        flat = [{**r, "scope": _scope_text(r["scope"])} for r in rows]
        print_table(
            _console(),
            f"{plan.info.number}: {len(rows)} targets",
            flat,
            [
                ("id", "ID"),
                ("title_en", "Target"),
                ("measure", "Measure"),
                ("target_text", "Goal"),
                ("scope", "Scope"),
                ("period_rule", "Period rule"),
                ("lead", "Lead"),
            ],
        )


def _scope_text(scope: dict) -> str:  # type: ignore[type-arg]
    text = " + ".join(scope["levels"])
    return f"{text} ({', '.join(scope['types'])})" if scope["types"] else text


TASK_STATUS_CHOICES = ("done", "in_progress", "delayed", "not_started", "overdue", "not_reported")


@app.command()
def tasks(
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
        typer.Option("--group", "-g", metavar="N", help="Only task group N (1–10).", min=1),
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
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.table
    ),
) -> None:
    """List the 76 tasks of Phụ lục 2 with their lead and coordinating agencies.

    With --as-of (or --status/--actuals) each task also gets its latest reported status and
    progress; at the plan year's end a task that is not done is overdue.
    Example: qn-dx tasks --agency "so y te" --as-of 2023-Q3 --format json
    """
    from .plan.queries import agency_label, task_rows
    from .plan.registry import LookupError_
    from .render.listing import print_table, to_csv, to_json

    plan = _plan()
    bad = [x for x in status or [] if x not in TASK_STATUS_CHOICES]
    if bad:
        _usage(f"--status {bad[0]!r}: use one of {', '.join(TASK_STATUS_CHOICES)}")
    try:
        rows = task_rows(plan, agency, group)
        title = agency_label(plan, agency) if agency else plan.info.number
    except LookupError_ as exc:
        what = "matches several entries" if exc.ambiguous else "is not an agency, group or unit"
        tail = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        _usage(f"{exc.query!r} {what}{tail}")
    progress_mode = bool(as_of or status or actuals)
    if progress_mode:
        from .compute.tasks import task_states

        validation, period, _inputs_used = _inputs(plan, actuals, as_of, skip_invalid)
        states = {st.task.id: st for st in task_states(plan, validation.task_reports, period)}
        for row in rows:
            st = states[row["id"]]
            row.update(status=st.status, progress=st.progress, status_period=st.period)
        if status:
            rows = [r for r in rows if r["status"] in status]
        title += f" — as of {period.label}"
    if fmt is ListFormat.json:
        _emit(to_json(rows))
        return
    cols = ["id", "number", "group", "name_vi", "name_en", "lead", "coordinating"]
    if agency:
        cols += ["role", "via"]
    if progress_mode:
        cols += ["status", "progress", "status_period"]
    if fmt is ListFormat.csv:
        _emit(to_csv(rows, cols))
    else:
        headers = [
            ("number", "No."),
            ("name_vi", "Nhiệm vụ"),
            ("lead", "Lead"),
            ("coordinating", "Coordinating"),
        ]
        if agency:
            headers += [("role", "Role"), ("via", "Via group")]
        if progress_mode:
            headers += [
                ("status", "Status"),
                ("progress", "Progress %"),
                ("status_period", "Reported"),
            ]
        print_table(_console(), f"{title}: {len(rows)} tasks", rows, headers)


@app.command()
def check() -> None:
    """Check the plan folder: duplicate ids, unknown agency/unit codes, budget sums, empty scopes.

    Exit 0 when clean (notes allowed), 1 with located errors (file:line: code: message).
    """
    from .findings import errors
    from .plan.check import check_plan
    from .plan.load import display_path

    plan = _plan()
    found = check_plan(plan)
    for f in found:
        typer.echo(f"{f.severity}: {f.to_text()}")
    n_err = len(errors(found))
    typer.echo(
        f"{display_path(plan.folder)}: {len(plan.targets)} targets, {len(plan.tasks)} tasks, "
        f"{len(plan.units)} units, {len(plan.agencies)} agencies, {len(plan.groups)} groups — "
        f"{n_err} error(s), {len(found) - n_err} note(s)"
    )
    raise typer.Exit(1 if n_err else 0)


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _actuals_paths(paths: list[Path] | None, plan) -> list[Path]:  # type: ignore[no-untyped-def]
    return list(paths) if paths else [plan.folder / "actuals"]


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders (every *.csv and *.xlsx below). Default: the plan folder's "
            "actuals/.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text (grouped by file), json, or github annotations."),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="ENCODING",
            help="Force a text encoding (e.g. cp1258, utf-16) instead of detecting it.",
        ),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes",
            metavar="BYTES",
            help="Refuse (as a file-too-large finding) any file larger than this many bytes.",
            min=1,
        ),
    ] = 200 * 1024 * 1024,
) -> None:
    """Check submitted actuals and task-progress files against the contract and the plan.

    Exit 0: no errors (warnings allowed). 1: errors (or warnings with --strict). 2: usage
    problem, e.g. a path that does not exist.

    Example: qn-dx validate data/actuals --format github
    """
    from .render import findings as out
    from .validate import PathNotFound, validate_paths

    plan = _plan()
    try:
        result = validate_paths(plan, _actuals_paths(paths, plan), encoding, max_bytes)
    except PathNotFound as exc:
        _usage(f"path {exc} does not exist")
    if fmt is ValidateFormat.json:
        _emit(out.to_json(result))
    elif fmt is ValidateFormat.github:
        _emit(out.to_github(result))
    else:
        out.print_text(_console(), result)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    raise typer.Exit(1 if failed else 0)


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def template(
    unit: Annotated[
        str,
        typer.Option(
            "--unit", "-u", metavar="CODE", help="Unit or agency code (or name): 51, 522, STTTT …"
        ),
    ],
    period: Annotated[
        str,
        typer.Option(
            "--period", "-p", metavar="PERIOD", help="Period to fill in: 2023-Q1, 2023-03, 2023 …"
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout, CSV).")
    ] = None,
    fmt: Annotated[
        TemplateFormat | None,
        typer.Option("--format", "-f", help="csv or xlsx (default: from --output's extension)."),
    ] = None,
) -> None:
    """Write a blank submission for one unit: one row per target it reports, period filled.

    CSV is UTF-8 with BOM so Excel shows Vietnamese. Example:
    qn-dx template --unit 21010 --period 2023-Q2 --output phuong-le-hong-phong.csv
    """
    from .ingest.periods import parse_period
    from .plan.registry import LookupError_, resolve
    from .render.template import template_rows, to_csv_bytes, to_xlsx_bytes

    plan = _plan()
    code = unit.strip()
    if code not in plan.reporting_units:
        try:
            code = resolve(plan, unit)
        except LookupError_ as exc:
            tail = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            _usage(f"unknown unit {unit!r}{tail}")
        if code not in plan.reporting_units:
            _usage(f"{unit!r} is a group, not a reporting unit")
    p = parse_period(period)
    if p is None or p.year not in (plan.baseline_year, plan.plan_year):
        _usage(f"cannot use period {period!r}: write e.g. {plan.plan_year}-Q1")
    fmt = fmt or (
        TemplateFormat.xlsx if output and output.suffix.lower() == ".xlsx" else TemplateFormat.csv
    )
    rows = template_rows(plan, code, p)
    if not rows:
        _usage(f"{code} reports no target of the plan")
    data = to_xlsx_bytes(rows) if fmt is TemplateFormat.xlsx else to_csv_bytes(rows)
    if output is None:
        if fmt is TemplateFormat.xlsx:
            _usage("--format xlsx needs --output FILE")
        sys.stdout.buffer.write(data)
        return
    _deliver(
        data,
        output,
        _plan_inputs(plan),
        f"{len(rows)} rows for {code} ({plan.reporting_units[code].name})",
    )


def _deliver(data: bytes, output: Path | None, inputs: list[Path], what: str) -> None:
    """Bytes to stdout, or atomically to ``output`` unless that is one of the run's inputs."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from .output import OutputError, write_atomic

    try:
        write_atomic(output, data, inputs)
    except OutputError as exc:
        _usage(str(exc))
    typer.echo(f"wrote {output} ({what})", err=True)


def _plan_inputs(plan) -> list[Path]:  # type: ignore[no-untyped-def]
    folder = plan.folder
    return [*folder.glob("*.yaml"), *(folder / "actuals").rglob("*")]


class SchemaFormat(StrEnum):
    json_schema = "json-schema"
    table_schema = "table-schema"


class SchemaKind(StrEnum):
    actuals = "actuals"
    tasks = "tasks"


@app.command()
def schema(
    fmt: Annotated[
        SchemaFormat, typer.Option("--format", "-f", help="json-schema or table-schema.")
    ] = SchemaFormat.json_schema,
    kind: Annotated[
        SchemaKind, typer.Option("--kind", "-k", help="actuals rows or task-progress rows.")
    ] = SchemaKind.actuals,
) -> None:
    """Print the row contract (v1) as JSON Schema or as a Frictionless Table Schema.

    Example: qn-dx schema --format table-schema > actuals.schema.json
    """
    from .render.listing import to_json
    from .validate.contract import json_schema, table_schema

    doc = json_schema(kind.value) if fmt is SchemaFormat.json_schema else table_schema(kind.value)
    _emit(to_json(doc))


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


def _default_lang() -> str:
    import os

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


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
            + ".",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Where every target stands: actual, gap to target and status, area by area.

    Examples: qn-dx report | qn-dx report --as-of 2023-Q2 --format json |
    qn-dx report --output report.html | qn-dx report --fail-on not_met --fail-on no_data
    """
    from .compute import compute_report
    from .render import report as out

    plan = _plan()
    lang = lang or _default_lang()
    if lang not in ("vi", "en"):
        _usage(f"--lang must be vi or en, not {lang!r}")
    unknown = [a for a in area or [] if a not in plan.area_by_id]
    if unknown:
        _usage(f"unknown area {unknown[0]!r}; areas: {', '.join(plan.area_by_id)}")
    bad_status = [s for s in fail_on or [] if s not in STATUS_CHOICES]
    if bad_status:
        _usage(f"--fail-on {bad_status[0]!r}: use one of {', '.join(STATUS_CHOICES)}")
    if fmt is None:
        ext = output.suffix.lower() if output else ""
        if output and ext not in _EXTENSIONS:
            _usage(f"cannot tell the format from {output.name!r}: pass --format")
        fmt = ReportFormat(_EXTENSIONS[ext]) if output else ReportFormat.table
    validation, period, inputs = _inputs(plan, actuals, as_of, skip_invalid)
    left_out = validation.rows_invalid
    result = compute_report(plan, validation.observations, period, area, by_unit)
    result.rows_left_out = left_out if skip_invalid else 0
    if fmt is ReportFormat.table and output is None:
        out.print_table(_console(), result, lang, by_unit)
    else:
        data = _render_report(out, result, fmt, lang, by_unit)
        _deliver(data, output, [*inputs, *_plan_inputs(plan)], f"{fmt.value}, as of {period.label}")
    if skip_invalid and left_out:
        typer.echo(f"{left_out} invalid row(s) left out (--skip-invalid)", err=True)
    hit = [r.id for r in result.targets if r.status in (fail_on or [])]
    if hit:
        typer.echo(f"--fail-on: {len(hit)} target(s): {', '.join(hit)}", err=True)
        raise typer.Exit(1)


def _inputs(plan, actuals: list[Path] | None, as_of: str | None, skip_invalid: bool):  # type: ignore[no-untyped-def]
    """Validate the actuals and settle P, as every computing command does.

    Invalid actuals stop the command (exit 1, findings on stderr) unless ``skip_invalid``.
    """
    from .compute import default_as_of
    from .ingest.periods import parse_period
    from .render import findings as findings_out
    from .validate import PathNotFound, expand_paths, validate_paths

    paths = _actuals_paths(actuals, plan)
    try:
        validation = validate_paths(plan, paths)
        inputs = expand_paths(paths)
    except PathNotFound as exc:
        _usage(f"path {exc} does not exist")
    if validation.errors and not skip_invalid:
        typer.echo(findings_out.to_text_plain(validation), err=True)
        typer.echo("refused: the actuals have errors (fix them, or pass --skip-invalid)", err=True)
        raise typer.Exit(1)
    if as_of:
        period = parse_period(as_of)
        if period is None or period.year != plan.plan_year:
            _usage(
                f"--as-of {as_of!r}: give a period of {plan.plan_year}, e.g. {plan.plan_year}-Q2"
            )
    else:
        reports = [r.period for r in validation.task_reports]
        period = default_as_of(plan, validation.observations) or (
            max(reports, key=lambda p: (p.end_month_index, -p.span)) if reports else None
        )
        if period is None:
            _usage(f"no {plan.plan_year} figures in the actuals: pass --as-of")
    return validation, period, inputs


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

    The lead owes province-wide targets; a department, district or commune owes its own. Also
    lists tasks whose lead has not reported progress for P. Rates = reported ÷ expected × 100.
    Example: qn-dx missing --as-of 2023-Q3 --agency "UBND cấp xã" --format json
    """
    from .compute.missing import compute_missing
    from .compute.tasks import task_states
    from .plan.registry import LookupError_, group_members, resolve
    from .render.missing import print_missing, to_csv_text, to_json

    plan = _plan()
    only: set[str] | None = None
    if agency:
        try:
            code = resolve(plan, agency)
        except LookupError_ as exc:
            tail = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            _usage(f"unknown agency {agency!r}{tail}")
        only = group_members(plan, code) | {code} if code in plan.group_by_code else {code}
    validation, period, _used = _inputs(plan, actuals, as_of, skip_invalid)
    states = task_states(plan, validation.task_reports, period)
    result = compute_missing(plan, validation.observations, period, states)
    if fmt is MissingFormat.json:
        _emit(to_json(plan, result, only))
    elif fmt is MissingFormat.csv:
        _emit(to_csv_text(plan, result, only))
    else:
        print_missing(_console(), plan, result, only)


class SummaryFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"


@app.command()
def summary(
    actuals: ActualsOption = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        SummaryFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown (default), json or html; default from --output's extension.",
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
    Example: qn-dx summary --as-of 2023-Q3 --lang vi --output bao-cao-quy-3.md
    """
    from .compute.summary import compute_summary
    from .render import summary as out

    plan = _plan()
    lang = lang or _default_lang()
    if lang not in ("vi", "en"):
        _usage(f"--lang must be vi or en, not {lang!r}")
    if fmt is None:
        ext = output.suffix.lower() if output else ".md"
        known = {
            ".md": "markdown",
            ".markdown": "markdown",
            ".json": "json",
            ".html": "html",
            ".htm": "html",
        }
        if ext not in known:
            _usage(f"cannot tell the format from {output.name if output else ''!r}: pass --format")
        fmt = SummaryFormat(known[ext])
    validation, period, inputs = _inputs(plan, actuals, as_of, skip_invalid)
    result = compute_summary(plan, validation.observations, validation.task_reports, period)
    when = None
    if stamp:
        import datetime as dt

        when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    render = {
        SummaryFormat.markdown: out.to_markdown,
        SummaryFormat.json: out.to_json,
        SummaryFormat.html: out.to_html,
    }[fmt]
    data = render(result, lang, when).encode("utf-8")
    _deliver(data, output, [*inputs, *_plan_inputs(plan)], f"{fmt.value}, as of {period.label}")


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
) -> None:
    """Where one target's figure comes from: rule, every observation counted (file:line), those
    left out and why, the baseline and the projection — the same numbers as `report`.

    Invalid rows of this target are listed as not counted, with their error.
    Example: qn-dx explain EG-16 --as-of 2023-Q2
    """
    from .compute.explain import explain_target
    from .render import explain as out
    from .text import closest

    plan = _plan()
    lang = lang or _default_lang()
    target = plan.target_by_id.get(target_id.strip().upper())
    if target is None:
        near = closest(target_id, plan.target_by_id, n=1)
        _usage(f"unknown target {target_id!r}" + (f"; did you mean {near[0]}?" if near else ""))
    validation, period, _used = _inputs(plan, actuals, as_of, skip_invalid=True)
    explanation = explain_target(plan, target, validation, period)
    if fmt is ExplainFormat.json:
        _emit(out.to_json(plan, explanation, lang))
    else:
        _emit(out.to_text(plan, explanation, lang))


@app.command()
def codes(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.table
    ),
) -> None:
    """List every finding code qn-dx can report, with its severity and meaning.

    The codes are stable: CI jobs may match on them. Example: qn-dx codes --format json
    """
    from .findings import CATALOGUE
    from .render.listing import print_table, to_csv, to_json

    rows = [
        {"code": c.code, "severity": c.severity, "meaning": c.meaning} for c in CATALOGUE.values()
    ]
    if fmt is ListFormat.json:
        _emit(to_json(rows))
    elif fmt is ListFormat.csv:
        _emit(to_csv(rows, ["code", "severity", "meaning"]))
    else:
        print_table(
            _console(),
            f"{len(rows)} finding codes",
            rows,
            [("code", "Code"), ("severity", "Severity"), ("meaning", "Meaning")],
        )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
