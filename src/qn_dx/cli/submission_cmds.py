"""Commands about submissions: validate, template, schema."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..findings import msg
from ..vocab import ValidateFormat
from . import shell
from .shell import LangOption, app

if TYPE_CHECKING:
    from ..ingest.periods import Period
    from ..plan import Plan


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders: every .csv, .tsv, .txt, .xlsx, .xlsm, .xlsb, .xls and .ods "
            "below (other files are named in a warning). Default: the plan folder's actuals/.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="text (grouped by file), json, or github annotations."),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    lang: LangOption = None,
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
            max=1 << 40,  # 1 TiB: beyond any submission, and within what a read can take
        ),
    ] = 200 * 1024 * 1024,
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            metavar="FILE",
            help="Also write the valid observations (file, line and normalised figures) to "
            "FILE: .parquet (for DuckDB, Spark, Polars) or .csv. Findings still decide the "
            "exit code.",
        ),
    ] = None,
) -> None:
    """Check submitted actuals and task-progress files against the contract and the plan.

    Exit 0: no errors (warnings allowed). 1: errors (or warnings with --strict). 2: usage
    problem, e.g. a path that does not exist.

    Example: qn-dx validate data/actuals --format github
    Example: qn-dx validate data/actuals --export observations.parquet
    """
    from .. import api
    from ..ingest.decode import encoding_problem
    from ..render import findings as out

    lang = shell.language(lang)
    if encoding is not None:
        problem = encoding_problem(encoding)
        if problem:
            shell.usage(shell.words("cli.encoding", lang, problem=problem), lang)
    suffix = export.suffix.lower() if export is not None else ""
    if export is not None and suffix not in (".parquet", ".csv"):
        shell.usage(shell.words("usage.export-suffix", lang, name=str(export)), lang)
    plan = shell.plan(ctx, lang=lang)
    result = shell.run_api(
        lambda: api.read_actuals(plan, paths, encoding=encoding, max_bytes=max_bytes), lang
    )
    if export is not None:
        from ..validate.export import export as exported

        data = exported(result.observations, suffix)
        what = shell.words("cli.exported", lang, n=len(result.observations), fmt=suffix[1:])
        inputs = list(result.paths)  # never written over: the files this run read
        shell.deliver(data, export, inputs, what, plan=plan, actuals=paths, binary=True, lang=lang)
    if fmt is ValidateFormat.json:
        shell.emit(out.to_json(result, lang))
    elif fmt is ValidateFormat.github:
        shell.emit(out.to_github(result, lang))
    else:
        out.print_text(shell.console(), result, lang)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    raise typer.Exit(1 if failed else 0)


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class TemplateKind(StrEnum):
    actuals = "actuals"
    tasks = "tasks"


@app.command()
def template(
    ctx: typer.Context,
    period: Annotated[
        str,
        typer.Option(
            "--period",
            "-p",
            metavar="PERIOD",
            help="Period of the plan year to fill in: YYYY-Q1, YYYY-03, YYYY …",
        ),
    ],
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            metavar="CODE",
            help="Unit or agency code (or name): 51, 522, 21010, SYT … A department's template "
            "also holds the province-wide targets it leads.",
            show_default=False,
        ),
    ] = None,
    all_units: Annotated[
        bool,
        typer.Option(
            "--all-units",
            help="One file per reporting unit into the folder --output, named by code and name.",
        ),
    ] = False,
    kind: Annotated[
        TemplateKind,
        typer.Option(
            "--kind", "-k", help="actuals (figures per target) or tasks (progress per task)."
        ),
    ] = TemplateKind.actuals,
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            metavar="AGENCY",
            help="With --kind tasks: the agency whose tasks to list (it leads them directly or "
            "through its groups).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write (a folder with --all-units). Default: stdout, CSV.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        TemplateFormat | None,
        typer.Option("--format", "-f", help="csv or xlsx (default: from --output's extension)."),
    ] = None,
) -> None:
    """Write a blank submission that teaches whoever fills it in: one row per target the unit
    reports (or per task the agency leads), with what each target counts, its goal and the
    basis expected.

    CSV is UTF-8 with BOM so Excel shows Vietnamese; with --lang vi it is ';'-separated with
    Vietnamese headers. The .xlsx is in Vietnamese unless --lang en, with an instructions sheet
    and drop-down lists. --period is a period of the plan year (YYYY-Q2 below). Examples:
    qn-dx template --unit 21010 --period YYYY-Q2 --output phuong-le-hong-phong.xlsx |
    qn-dx template --all-units --period YYYY-Q3 --format xlsx --output bieu-mau/ |
    qn-dx template --kind tasks --agency "Sở Y tế" --period YYYY-Q3 --output syt.xlsx
    """
    from ..compute.units import absence
    from ..ingest.periods import parse_period
    from ..render import template as out

    plan = shell.plan(ctx)
    p = parse_period(period)
    if p is None or p.year not in (plan.baseline_year, plan.plan_year):
        shell.usage(msg("usage.template-period", period=repr(period), year=plan.plan_year), lang)
    fmt = fmt or (
        TemplateFormat.xlsx if output and output.suffix.lower() == ".xlsx" else TemplateFormat.csv
    )
    # A workbook is in Vietnamese unless asked otherwise; a CSV in the contract's own names.
    language = lang or ("vi" if fmt is TemplateFormat.xlsx else shell.default_lang())

    def render(t: out.Template) -> bytes:
        return out.to_xlsx_bytes(plan, t) if fmt is TemplateFormat.xlsx else out.to_csv_bytes(t)

    if kind is TemplateKind.tasks:
        if not agency:
            shell.usage(msg("usage.tasks-need-agency"), lang)
        code = _agency_code(plan, agency)
        t = out.tasks_template(plan, code, p, language)
        if not t.rows:
            shell.usage(msg("usage.leads-no-task", code=code), lang)
        what = shell.words("cli.template-tasks", lang, n=len(t.rows), code=code)
        _write_one(plan, render(t), output, fmt, what, lang)
        return
    if all_units:
        if output is None:
            shell.usage(msg("usage.all-units-output"), lang)
        _write_all(plan, output, p, language, fmt, render, lang)
        return
    if not unit:
        shell.usage(msg("usage.give-unit"), lang)
    code = _unit_code(plan, unit)
    gone = absence(plan, code, p)
    if gone is not None:  # validate would refuse every row of it: name the unit that exists
        problem, hint = gone
        shell.usage(msg("usage.template-not-in-period", problem=problem, hint=hint), lang)
    t = out.actuals_template(plan, code, p, language)
    if not t.rows:
        shell.usage(msg("usage.reports-no-target", code=code), lang)
    name = plan.reporting_units[code].name
    what = shell.words("cli.template-rows", lang, n=len(t.rows), code=code, name=name)
    _write_one(plan, render(t), output, fmt, what, lang)


def _unit_code(plan: Plan, unit: str) -> str:
    from ..plan.registry import LookupError_, resolve

    code = unit.strip()
    if code in plan.reporting_units:
        return code
    try:
        code = resolve(plan, unit)
    except LookupError_ as exc:
        tail = (
            msg("usage.did-you-mean", names=", ".join(exc.suggestions)) if exc.suggestions else ""
        )
        shell.usage(msg("usage.unknown-unit", unit=repr(unit), tail=tail))
    if code not in plan.reporting_units:
        shell.usage(msg("usage.group-not-unit", unit=repr(unit)))
    return code


def _agency_code(plan: Plan, agency: str) -> str:
    from ..plan.registry import LookupError_, resolve

    try:
        return resolve(plan, agency)
    except LookupError_ as exc:
        tail = (
            msg("usage.did-you-mean", names=", ".join(exc.suggestions)) if exc.suggestions else ""
        )
        shell.usage(msg("usage.unknown-agency", agency=repr(agency), tail=tail))


def _write_one(
    plan: Plan, data: bytes, output: Path | None, fmt: TemplateFormat, what: str, lang: str | None
) -> None:
    if output is None:
        if fmt is TemplateFormat.xlsx:
            shell.usage(msg("usage.needs-output", format="xlsx"), lang)
        shell.emit_bytes(data)
        return
    shell.deliver(data, output, [], what, plan, lang=lang)


def _write_all(
    plan: Plan,
    folder: Path,
    p: Period,
    lang: str,
    fmt: TemplateFormat,
    render: Callable[[Any], bytes],
    said_in: str | None = None,
) -> None:
    from ..compute.units import absence
    from ..findings import period_words
    from ..output import OutputError, write_atomic
    from ..render import template as out
    from ..text import visible

    if folder.exists() and not folder.is_dir():
        shell.usage(msg("usage.all-units-file", folder=str(folder)), lang)
    actuals = (plan.folder / "actuals").resolve()
    if folder.resolve() == actuals or folder.resolve().is_relative_to(actuals):
        shell.usage(msg("usage.all-units-actuals", folder=str(folder)), lang)
    guard = shell.protected(plan, [])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        shell.usage(
            msg("usage.cannot-create", folder=str(folder), why=str(exc.strerror or exc)), lang
        )
    written = 0
    skipped: list[str] = []
    for code in plan.reporting_units:
        if absence(plan, code, p) is not None:  # it did not exist in the period
            skipped.append(code)
            continue
        t = out.actuals_template(plan, code, p, lang)
        if not t.rows:
            continue
        path = folder / f"{out.file_stem(plan, code)}.{fmt.value}"
        try:
            write_atomic(path, render(t), *guard)
        except OutputError as exc:
            shell.usage(str(exc))
        written += 1
    typer.echo(
        f"wrote {written} templates into {visible(str(folder))} ({fmt.value}, {p.label})", err=True
    )
    if skipped:
        units = ", ".join(_successors_shown(plan, code) for code in skipped)
        text = shell.words(
            "cli.template-skipped", said_in, n=len(skipped), period=period_words(p), units=units
        )
        typer.echo(shell.words("cli.warning", said_in, text=text), err=True)


def _successors_shown(plan: Plan, code: str) -> str:
    """``91001 (→ 91901)``: a unit that ended, with the units that took over; a unit made
    later, with the ones it came from (``91901 (← 91001, 91002)``)."""
    unit = plan.changing_units[code]
    after = [s.code for s in unit.successors]
    if unit.valid_to is not None and after:
        return f"{code} (→ {', '.join(after)})"
    before = plan.predecessors.get(code, [])
    return f"{code} (← {', '.join(before)})" if before else code


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
    from ..render.listing import to_json
    from ..validate.contract import json_schema, table_schema

    doc = json_schema(kind.value) if fmt is SchemaFormat.json_schema else table_schema(kind.value)
    shell.emit(to_json(doc))
