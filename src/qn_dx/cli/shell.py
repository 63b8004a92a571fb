"""The shell every command shares: the Typer app, global options, the options that computing
commands have in common, and the helpers that turn library results into exit codes and output.

Heavy modules (pydantic models, openpyxl) are imported inside functions so that
`qn-dx --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, cast

import typer

from .. import __version__
from ..vocab import Lang, ListFormat

if TYPE_CHECKING:  # for types only: `qn-dx --help` imports none of these
    from rich.console import Console

    from ..findings import Finding
    from ..plan import Plan

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


class Env:
    """What the global options set, carried in the Typer context (``ctx.obj``): no module
    state, so two invocations in one process (tests, a script) never see each other's."""

    def __init__(self, data_dir: Path | None = None):
        self.data_dir = data_dir


def env(ctx: typer.Context | None) -> Env:
    root = ctx.find_root() if ctx is not None else None
    obj = root.obj if root is not None else None
    return obj if isinstance(obj, Env) else Env()


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
OnUnitsOption = Annotated[
    str | None,
    typer.Option(
        "--on-units",
        metavar="DAY",
        help="Place every figure on the units that exist on this day (YYYY-MM-DD) when the "
        "plan's units merged or split: those units are the ones expected; counts added, ratios "
        "re-summed, milestones done only if every former unit is. Default: the last day of "
        "--as-of.",
        show_default=False,
    ),
]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="table, json or csv.")]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="vi or en. Default: QN_DX_LANG, else the locale (vi_VN… → vi), else en.",
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
    ctx: typer.Context,
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
    ctx.obj = Env(data_dir)


def fail(findings: list[Finding], code: int = 1, lang: str | None = None) -> NoReturn:
    lang = lang or default_lang()
    for f in findings:
        typer.echo(f.to_text(lang), err=True)
    raise typer.Exit(code)


def words(key: str, lang: str | None = None, **params: Any) -> str:
    """The catalogue's words for ``key`` in ``lang`` (default: ``default_lang()``); parameters
    that are words themselves are said in the same language."""
    from ..findings import said
    from ..words import say as say_words

    lang = lang or default_lang()
    return say_words(key, lang, **{k: said(v, lang) for k, v in params.items()})


def _message(exc: Exception) -> Any:
    """What an exception says: its words (a Msg, said in any language) when it carries them."""
    return exc.args[0] if exc.args else str(exc)


def usage(message: str, lang: str | None = None) -> NoReturn:
    from ..findings import said
    from ..text import visible

    lang = lang or default_lang()
    typer.echo(words("cli.error", lang, message=visible(said(message, lang))), err=True)
    raise typer.Exit(2)


def plan(ctx: typer.Context | None, checked: bool = True, lang: str | None = None) -> Plan:
    """The plan of ``--data-dir`` (or the shipped one), through the library; what it refuses
    is a usage error (no such folder) or the plan's findings on stderr and exit 1, said in
    ``lang`` (default: the command's default language)."""
    from .. import api

    try:
        return api.load_plan(env(ctx).data_dir, checked=checked)
    except api.BadInput as exc:
        usage(_message(exc), lang)
    except api.PlanRefused as exc:
        lang = lang or default_lang()
        for f in exc.findings:
            typer.echo(f.to_text(lang), err=True)
        if checked and "see qn-dx check" in str(exc):
            typer.echo(words("cli.refused", lang, why=_message(exc)), err=True)
        raise typer.Exit(1) from None


# --- standard output -----------------------------------------------------------------------------
# Every byte qn-dx prints goes through these helpers, so that a closed, full or broken standard
# output is one line on stderr and exit 2, never a traceback, and a terminal or file whose
# encoding cannot show Vietnamese gets '?' for what it cannot show, and one note saying how to
# get UTF-8.

_SAMPLE = "Quảng Ngãi Đức ữ —"  # Vietnamese letters and the dash the tables use
_NOTED: list[bool] = []


def _stdout_failed(exc: OSError | None) -> NoReturn:
    # A reader that stopped reading (``qn-dx report | head``) is not an error to report: exit
    # quietly as a program killed by SIGPIPE does (141), and never as a usage problem (2).
    broken = isinstance(exc, BrokenPipeError)
    if not broken:
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
    raise typer.Exit(141 if broken else 2)


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


def _text_stdout() -> TextIO:
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

    def __init__(self, stream: TextIO) -> None:
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

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def console() -> Console:
    from rich.console import Console

    stream = _text_stdout()
    # Piped output has no terminal width: COLUMNS when the caller sets it (a CI log, `| less`),
    # else 140 columns, which keeps tables readable in logs and files.
    width = None if stream.isatty() else _columns() or 140
    return Console(
        file=cast("IO[str]", _Guarded(stream)),
        soft_wrap=False,
        emoji=False,
        highlight=False,
        width=width,
    )


def _columns() -> int | None:
    import os

    try:
        value = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return None
    return value if 20 <= value <= 1000 else None


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


def actuals_paths(paths: list[Path] | None, plan: Plan) -> list[Path]:
    return list(paths) if paths else [plan.folder / "actuals"]


_LANG_NOTED: list[bool] = []


def default_lang() -> Lang:
    """QN_DX_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG; on Windows the user's locale,
    e.g. "Vietnamese_Vietnam"), else English."""
    import os

    chosen = os.environ.get("QN_DX_LANG", "").strip().lower()
    if chosen:  # vi, en, or a locale's name (vi_VN.UTF-8, en_US) as LANG would give it
        if chosen.startswith(("vi", "vietnam")):
            return Lang.vi
        if chosen.startswith(("en", "c.", "posix")) or chosen == "c":
            return Lang.en
        if not _LANG_NOTED:  # QN_DX_LANG=fr: said once, then the locale decides
            _LANG_NOTED.append(True)
            typer.echo(words("cli.lang-env", "en", value=chosen), err=True)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return Lang.vi if value.lower().startswith(("vi", "vietnam")) else Lang.en
    import locale

    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    return Lang.vi if name.lower().startswith(("vi", "vietnam")) else Lang.en


def language(lang: Lang | None) -> Lang:
    return lang if lang is not None else default_lang()


def run_api(call: Any, lang: str = "en") -> Any:
    """``call()`` (a library function), with what it refuses turned into exits: actuals with
    errors (their findings, exit 1), no valid figure at all (exit 1), a bad argument (exit 2).
    The run's warnings (a stray latest period) go to stderr."""
    from .. import api
    from ..render import findings as findings_out

    try:
        result = call()
    except api.ActualsRefused as exc:
        typer.echo(findings_out.to_text_plain(exc.validation, lang), err=True)
        typer.echo(words("cli.refused-actuals", lang), err=True)
        raise typer.Exit(1) from None
    except api.NoPeriod as exc:
        if exc.refused:  # a data problem, not a usage one: every figure was refused
            typer.echo(words("cli.error", lang, message=_message(exc)), err=True)
            raise typer.Exit(1) from None
        usage(_message(exc), lang)
    except api.BadInput as exc:
        usage(_message(exc), lang)
    validation = getattr(result, "validation", None)
    for w in getattr(validation, "run_warnings", []):
        typer.echo(words("cli.warning", lang, text=w.to_text(lang)), err=True)
    return result


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
    lang: str | None = None,
) -> None:
    """Bytes to stdout, or atomically to ``output``. Refused: one of ``inputs``; with ``plan``, any
    file of its folder or a plan file's name there, and a path inside a folder read as
    submissions (``actuals``, and the plan's actuals/). Any I/O error: one line and exit 2."""
    if output is not None and str(output) == "-":
        output = None  # the usual spelling of standard output
    if output is None:
        if binary and sys.stdout is not None and sys.stdout.isatty():
            usage(words("cli.binary", lang, what=what), lang)
        emit_bytes(data)
        return
    from ..output import OutputError, write_atomic

    guard = protected(plan, inputs, actuals)
    try:
        write_atomic(output, data, *guard)
    except OutputError as exc:
        usage(str(exc), lang)
    from ..text import visible

    typer.echo(words("cli.wrote", lang, path=visible(str(output)), what=visible(what)), err=True)
