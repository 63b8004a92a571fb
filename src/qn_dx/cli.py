"""The `qn-dx` command line: a thin shell over the library (plan → ingest → validate → compute →
render). Heavy modules (pydantic models, pandas) are imported inside commands so that
`qn-dx --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum
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
)


class State:
    data_dir: Path | None = None


STATE = State()


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


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

    return Console(soft_wrap=False)


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@app.command()
def targets(
    area: Annotated[
        list[str] | None,
        typer.Option("--area", "-a", help="Only this area (repeatable), e.g. e-government."),
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


@app.command()
def tasks(
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            help="An agency, group or unit: code or name, ignoring case and diacritics "
            "('so y te' finds Sở Y tế). Includes tasks assigned to its groups.",
        ),
    ] = None,
    group: Annotated[
        int | None, typer.Option("--group", "-g", help="Only task group N (1–10).", min=1)
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ListFormat.table
    ),
) -> None:
    """List the 76 tasks of Phụ lục 2 with their lead and coordinating agencies.

    Example: qn-dx tasks --agency "so y te" --format json
    """
    from .plan.queries import agency_label, task_rows
    from .plan.registry import LookupError_
    from .render.listing import print_table, to_csv, to_json

    plan = _plan()
    try:
        rows = task_rows(plan, agency, group)
        title = agency_label(plan, agency) if agency else plan.info.number
    except LookupError_ as exc:
        what = "matches several entries" if exc.ambiguous else "is not an agency, group or unit"
        tail = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        _usage(f"{exc.query!r} {what}{tail}")
    if fmt is ListFormat.json:
        _emit(to_json(rows))
        return
    cols = ["id", "number", "group", "name_vi", "name_en", "lead", "coordinating"]
    if agency:
        cols += ["role", "via"]
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
