"""The shell every command shares: the Typer app, global options, the options that computing
commands have in common, and the helpers that turn library results into exit codes and output.

Heavy modules (pydantic models, openpyxl) are imported inside functions so that
`qn-dx --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .. import __version__

app = typer.Typer(
    name="qn-dx",
    help=(
        "Indicator calculator for Quảng Ngãi's yearly digital-transformation plans: a plan's "
        "targets and tasks as data (one folder per plan), checked and reported."
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
        help="Compute as of this period of the plan year: a quarter (YYYY-Q2), a month (YYYY-06) "
        "or the year (YYYY). Default: the latest period in the actuals.",
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
        say(f"qn-dx {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="QN_DX_DATA",
            help="Plan folder (plan.yaml, targets.yaml, tasks.yaml, units.yaml, agencies.yaml). "
            "Default: the plan shipped with qn-dx.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    STATE.data_dir = data_dir


def fail(findings: list, code: int = 1, lang: str | None = None) -> NoReturn:  # type: ignore[type-arg]
    lang = lang or default_lang()
    for f in findings:
        typer.echo(f.to_text(lang), err=True)
    raise typer.Exit(code)


def words(key: str, lang: str | None = None, **params: Any) -> str:
    """The catalogue's words for ``key`` in ``lang`` (default: ``default_lang()``)."""
    from ..findings import said
    from ..words import say as say_words

    lang = lang or default_lang()
    return say_words(key, lang, **{k: said(v, lang) for k, v in params.items()})


def usage(message: str, lang: str | None = None) -> NoReturn:
    from ..findings import said
    from ..text import visible

    lang = lang or default_lang()
    typer.echo(words("cli.error", lang, message=visible(said(message, lang))), err=True)
    raise typer.Exit(2)


def plan(checked: bool = True):  # type: ignore[no-untyped-def]
    from ..findings import FindingsError
    from ..plan import load_plan
    from ..plan.load import default_data_dir, folder_problem

    folder = STATE.data_dir if STATE.data_dir is not None else default_data_dir()
    problem = folder_problem(folder)
    if problem:  # a mistyped --data-dir is a usage error, like a path that does not exist
        usage(words("cli.plan-folder", problem=problem))
    try:
        loaded = load_plan(folder)
    except FindingsError as exc:
        fail(exc.findings)
    if not checked:
        return loaded
    from ..findings import errors
    from ..plan.check import check_plan

    # What `qn-dx check` refuses, every command refuses: a target in an area the plan does not
    # name would count in the totals and vanish from every table.
    problems = errors(check_plan(loaded))
    if problems:
        lang = default_lang()
        for f in problems:
            typer.echo(f.to_text(lang), err=True)
        typer.echo(words("cli.refused-plan", lang, n=len(problems)), err=True)
        raise typer.Exit(1)
    return loaded


# --- standard output -----------------------------------------------------------------------------
# Every byte qn-dx prints goes through these helpers, so that a closed, full or broken standard
# output is one line on stderr and exit 2, never a traceback, and a terminal or file whose
# encoding cannot show Vietnamese gets '?' for what it cannot show, and one note saying how to
# get UTF-8.

_SAMPLE = "Quảng Ngãi Đức ữ —"  # Vietnamese letters and the dash the tables use
_NOTED: list[bool] = []


def _stdout_failed(exc: OSError | None) -> NoReturn:
    why = words("cli.stdout-closed") if exc is None else (exc.strerror or str(exc))
    typer.echo(words("cli.error", message=words("cli.stdout-failed", why=why)), err=True)
    # Python flushes stdout once more on exit; point it at nothing so that flush is quiet.
    stream = sys.stdout
    try:
        fd = stream.fileno() if stream is not None else -1
    except (OSError, ValueError, AttributeError):
        fd = -1
    if fd >= 0:
        import os

        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)
        except OSError:
            pass
    raise typer.Exit(2)


def _replace_decomposed(encoding: str, exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a letter the encoding lacks is written as its base letter and
    combining tone mark where the encoding has those (cp1258 writes Vietnamese this way, as
    Excel does), else as '?'. (``exc.encoding`` says "charmap" for cp1258: hence ``encoding``.)"""
    import unicodedata

    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    from itertools import combinations

    out = []
    for ch in exc.object[exc.start : exc.end]:
        parts = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in parts if not unicodedata.combining(c))
        marks = [c for c in parts if unicodedata.combining(c)]
        written = "?"
        # "ệ": try ê + dot below before e + circumflex + dot below (most composed first).
        splits = (k for r in range(len(marks), -1, -1) for k in combinations(range(len(marks)), r))
        for kept in splits:
            rest = "".join(m for i, m in enumerate(marks) if i not in kept)
            candidate = unicodedata.normalize("NFC", base + "".join(marks[i] for i in kept)) + rest
            try:
                candidate.encode(encoding)
            except UnicodeEncodeError:
                continue
            written = candidate
            break
        out.append(written)
    return "".join(out), exc.end


def _text_stdout():  # type: ignore[no-untyped-def]
    """sys.stdout, made safe for text: what its encoding cannot hold is decomposed or written as
    '?' (and a note on stderr says so, once)."""
    stream = sys.stdout
    if stream is None:
        _stdout_failed(None)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        _SAMPLE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        # strict, and surrogateescape (what a C/POSIX locale gives): both fail on Vietnamese
        lossy = ("replace", "backslashreplace", "xmlcharrefreplace", "namereplace", "ignore")
        errors = getattr(stream, "errors", "") or "strict"
        if hasattr(stream, "reconfigure") and not errors.startswith(("qn-dx-", *lossy)):
            import codecs
            from functools import partial

            handler = f"qn-dx-replace-{codecs.lookup(encoding).name}"
            codecs.register_error(handler, partial(_replace_decomposed, encoding))
            stream.reconfigure(errors=handler)
        if not _NOTED:
            _NOTED.append(True)
            note = words("cli.stdout-lossy", encoding=encoding)
            try:  # a stream that cannot show Vietnamese is told so in English
                note.encode(getattr(sys.stderr, "encoding", None) or "utf-8")
            except (UnicodeEncodeError, LookupError):
                note = words("cli.stdout-lossy", "en", encoding=encoding)
            typer.echo(note, err=True)
    return stream


class _Guarded:
    """A text stream whose write errors end the command with exit 2 and one line (for rich)."""

    def __init__(self, stream) -> None:  # type: ignore[no-untyped-def]
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as exc:
            _stdout_failed(exc)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            _stdout_failed(exc)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._stream, name)


def console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    stream = _text_stdout()
    # Piped output has no terminal width; 140 columns keeps tables readable in logs and files.
    width = None if stream.isatty() else 140
    return Console(
        file=_Guarded(stream), soft_wrap=False, emoji=False, highlight=False, width=width
    )


def emit(text: str) -> None:
    """Machine-readable text (JSON, CSV, annotations): always UTF-8 bytes, whatever the locale."""
    emit_bytes(text.encode("utf-8", "surrogateescape"))


def emit_bytes(data: bytes) -> None:
    stream = sys.stdout
    if stream is None:
        _stdout_failed(None)
    try:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stream (tests, IDEs): hand it text
            stream.write(data.decode("utf-8", "replace"))
        else:
            buffer.write(data)
            buffer.flush()
        stream.flush()
    except OSError as exc:
        _stdout_failed(exc)


def say(text: str, end: str = "\n") -> None:
    """Human-readable text to standard output (in its encoding; see ``_text_stdout``)."""
    stream = _text_stdout()
    try:
        stream.write(text + end)
        stream.flush()
    except OSError as exc:
        _stdout_failed(exc)


def actuals_paths(paths: list[Path] | None, plan) -> list[Path]:  # type: ignore[no-untyped-def]
    return list(paths) if paths else [plan.folder / "actuals"]


def default_lang() -> str:
    import os

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def inputs(
    plan, actuals: list[Path] | None, as_of: str | None, skip_invalid: bool, lang: str | None = None
):  # type: ignore[no-untyped-def]
    """Validate the actuals and settle P, as every computing command does.

    Invalid actuals stop the command (exit 1, findings on stderr) unless ``skip_invalid``.
    Messages are in ``lang`` (default: ``default_lang()``).
    """
    lang = lang or default_lang()
    from ..compute import default_as_of
    from ..compute.engine import sparse_latest
    from ..ingest.periods import parse_period
    from ..render import findings as findings_out
    from ..validate import PathNotFound, validate_paths

    paths = actuals_paths(actuals, plan)
    try:
        validation = validate_paths(plan, paths)
    except PathNotFound as exc:
        usage(words("cli.path-missing", lang, path=str(exc)), lang)
    if validation.errors and not skip_invalid:
        typer.echo(findings_out.to_text_plain(validation, lang), err=True)
        typer.echo(words("cli.refused-actuals", lang), err=True)
        raise typer.Exit(1)
    if as_of:
        period = parse_period(as_of)
        if period is None or period.year != plan.plan_year:
            usage(words("cli.as-of", lang, as_of=repr(as_of), year=plan.plan_year), lang)
    else:
        reports = [r.period for r in validation.task_reports]
        period = default_as_of(plan, validation.observations) or (
            max(reports, key=lambda p: (p.end_month_index, -p.span)) if reports else None
        )
        if period is None and validation.rows_invalid:
            # a data problem, not a usage one: every figure was refused
            message = words(
                "cli.no-valid-figures", lang, year=plan.plan_year, n=validation.rows_invalid
            )
            typer.echo(words("cli.error", lang, message=message), err=True)
            raise typer.Exit(1)
        if period is None:
            usage(words("cli.no-figures", lang, year=plan.plan_year), lang)
        sparse = sparse_latest(plan, validation.observations)
        if sparse is not None and sparse.period == period:
            warning = sparse_finding(sparse)
            validation.run_warnings.append(warning)
            typer.echo(words("cli.warning", lang, text=warning.to_text(lang)), err=True)
    return validation, period, validation.paths


def sparse_finding(sparse):  # type: ignore[no-untyped-def]
    from ..findings import Finding, msg

    rows = sparse.rows
    places = ", ".join(f"{o.file}:{o.line}" for o in rows[:5]) + (" …" if len(rows) > 5 else "")
    p, q = sparse.period.label, sparse.previous.label
    return Finding(
        "sparse-latest-period",
        msg(
            "finding.sparse-latest-period",
            period=p,
            n=len(rows),
            places=places,
            previous_rows=sparse.previous_rows,
            previous=q,
        ),
        hint=msg("finding.sparse-latest-period.hint", period=p, previous=q),
    )


def protected(
    plan: Any, inputs: list[Path], actuals: list[Path] | None = None
) -> tuple[list[Path], list[Path], list[Path]]:
    """What a written file may not be or lie in: the ``inputs``; with ``plan``, its files (and
    every file of its folder), and the folders read as submissions (``actuals`` and the plan's
    actuals/). The arguments ``write_atomic`` takes after the data."""
    if plan is None:
        return inputs, [], []
    from ..plan.load import PLAN_FILE_NAMES

    files = [*inputs, *(plan.folder / name for name in PLAN_FILE_NAMES)]
    folders = [p for p in [*(actuals or []), plan.folder / "actuals"] if p.is_dir()]
    return files, folders, [plan.folder]


def deliver(
    data: bytes,
    output: Path | None,
    inputs: list[Path],
    what: str,
    plan: Any = None,
    actuals: list[Path] | None = None,
    binary: bool = False,
) -> None:
    """Bytes to stdout, or atomically to ``output``. Refused: one of ``inputs``; with ``plan``, any
    file of its folder or a plan file's name there, and a path inside a folder read as
    submissions (``actuals``, and the plan's actuals/). Any I/O error: one line and exit 2."""
    if output is not None and str(output) == "-":
        output = None  # the usual spelling of standard output
    if output is None:
        if binary and sys.stdout is not None and sys.stdout.isatty():
            usage(words("cli.binary", what=what))
        emit_bytes(data)
        return
    from ..output import OutputError, write_atomic

    guard = protected(plan, inputs, actuals)
    try:
        write_atomic(output, data, *guard)
    except OutputError as exc:
        usage(str(exc))
    from ..text import visible

    typer.echo(words("cli.wrote", path=visible(str(output)), what=visible(what)), err=True)
