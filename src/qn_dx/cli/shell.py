"""The shell every command shares: the Typer app, global options, the options that computing
commands have in common, and the helpers that turn library results into exit codes and output.

Heavy modules (pydantic models, openpyxl) are imported inside functions so that
`qn-dx --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .. import __version__

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


def fail(findings: list, code: int = 1) -> NoReturn:  # type: ignore[type-arg]
    for f in findings:
        typer.echo(f.to_text(), err=True)
    raise typer.Exit(code)


def usage(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


def plan():  # type: ignore[no-untyped-def]
    from ..findings import FindingsError
    from ..plan import load_plan

    try:
        return load_plan(STATE.data_dir)
    except FindingsError as exc:
        fail(exc.findings)


def console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    # Piped output has no terminal width; 140 columns keeps tables readable in logs and files.
    width = None if sys.stdout.isatty() else 140
    return Console(soft_wrap=False, emoji=False, highlight=False, width=width)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def actuals_paths(paths: list[Path] | None, plan) -> list[Path]:  # type: ignore[no-untyped-def]
    return list(paths) if paths else [plan.folder / "actuals"]


def default_lang() -> str:
    import os

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def inputs(plan, actuals: list[Path] | None, as_of: str | None, skip_invalid: bool):  # type: ignore[no-untyped-def]
    """Validate the actuals and settle P, as every computing command does.

    Invalid actuals stop the command (exit 1, findings on stderr) unless ``skip_invalid``.
    """
    from ..compute import default_as_of
    from ..compute.engine import sparse_latest
    from ..ingest.periods import parse_period
    from ..render import findings as findings_out
    from ..validate import PathNotFound, validate_paths

    paths = actuals_paths(actuals, plan)
    try:
        validation = validate_paths(plan, paths)
    except PathNotFound as exc:
        usage(f"path {exc} does not exist")
    if validation.errors and not skip_invalid:
        typer.echo(findings_out.to_text_plain(validation), err=True)
        typer.echo("refused: the actuals have errors (fix them, or pass --skip-invalid)", err=True)
        raise typer.Exit(1)
    if as_of:
        period = parse_period(as_of)
        if period is None or period.year != plan.plan_year:
            usage(f"--as-of {as_of!r}: give a period of {plan.plan_year}, e.g. {plan.plan_year}-Q2")
    else:
        reports = [r.period for r in validation.task_reports]
        period = default_as_of(plan, validation.observations) or (
            max(reports, key=lambda p: (p.end_month_index, -p.span)) if reports else None
        )
        if period is None:
            usage(f"no {plan.plan_year} figures in the actuals: pass --as-of")
        sparse = sparse_latest(plan, validation.observations)
        if sparse is not None and sparse.period == period:
            warning = sparse_finding(sparse)
            validation.run_warnings.append(warning)
            typer.echo(f"warning: {warning.to_text()}", err=True)
    return validation, period, validation.paths


def sparse_finding(sparse):  # type: ignore[no-untyped-def]
    from ..findings import Finding

    rows = sparse.rows
    places = ", ".join(f"{o.file}:{o.line}" for o in rows[:5]) + (" …" if len(rows) > 5 else "")
    p, q = sparse.period.label, sparse.previous.label
    return Finding(
        "sparse-latest-period",
        f"computed as of {p}, the latest period with data, but {p} holds {len(rows)} row(s) "
        f"({places}) against {sparse.previous_rows} in {q}",
        hint=f"if the {p} rows are typos, fix them or pass --as-of {q}",
    )


def deliver(data: bytes, output: Path | None, inputs: list[Path], what: str) -> None:
    """Bytes to stdout, or atomically to ``output`` unless that is one of the run's inputs."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from ..output import OutputError, write_atomic

    try:
        write_atomic(output, data, inputs)
    except OutputError as exc:
        usage(str(exc))
    typer.echo(f"wrote {output} ({what})", err=True)


def plan_inputs(plan) -> list[Path]:  # type: ignore[no-untyped-def]
    folder = plan.folder
    return [*folder.glob("*.yaml"), *(folder / "actuals").rglob("*")]
