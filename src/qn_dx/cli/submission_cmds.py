"""Commands about submissions: validate, template, schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import shell
from .shell import (
    app,
)


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


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
    from ..ingest.decode import encoding_problem
    from ..render import findings as out
    from ..validate import PathNotFound, validate_paths

    if encoding is not None:
        problem = encoding_problem(encoding)
        if problem:
            shell.usage(f"--encoding: {problem}")
    plan = shell.plan()
    try:
        result = validate_paths(plan, shell.actuals_paths(paths, plan), encoding, max_bytes)
    except PathNotFound as exc:
        shell.usage(f"path {exc} does not exist")
    if fmt is ValidateFormat.json:
        shell.emit(out.to_json(result))
    elif fmt is ValidateFormat.github:
        shell.emit(out.to_github(result))
    else:
        out.print_text(shell.console(), result)
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
    from ..ingest.periods import parse_period
    from ..plan.registry import LookupError_, resolve
    from ..render.template import template_rows, to_csv_bytes, to_xlsx_bytes

    plan = shell.plan()
    code = unit.strip()
    if code not in plan.reporting_units:
        try:
            code = resolve(plan, unit)
        except LookupError_ as exc:
            tail = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            shell.usage(f"unknown unit {unit!r}{tail}")
        if code not in plan.reporting_units:
            shell.usage(f"{unit!r} is a group, not a reporting unit")
    p = parse_period(period)
    if p is None or p.year not in (plan.baseline_year, plan.plan_year):
        shell.usage(f"cannot use period {period!r}: write e.g. {plan.plan_year}-Q1")
    fmt = fmt or (
        TemplateFormat.xlsx if output and output.suffix.lower() == ".xlsx" else TemplateFormat.csv
    )
    rows = template_rows(plan, code, p)
    if not rows:
        shell.usage(f"{code} reports no target of the plan")
    data = to_xlsx_bytes(rows) if fmt is TemplateFormat.xlsx else to_csv_bytes(rows)
    if output is None:
        if fmt is TemplateFormat.xlsx:
            shell.usage("--format xlsx needs --output FILE")
        shell.emit_bytes(data)
        return
    shell.deliver(
        data, output, [], f"{len(rows)} rows for {code} ({plan.reporting_units[code].name})", plan
    )


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
