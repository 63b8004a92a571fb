"""The `qn-dx` command line: a thin shell over the library (plan → ingest → validate → compute →
render). `shell` holds the app and what commands share; each command module registers its
commands on import, in the order `qn-dx --help` lists them."""

# isort: off
from . import plan_cmds  # noqa: F401  (importing a command module registers its commands)
from . import submission_cmds  # noqa: F401
from . import report_cmds  # noqa: F401
from .shell import app

# isort: on


def main() -> None:
    import sys

    import qn_dx

    qn_dx._command_line = True  # type: ignore[attr-defined]  # (see validate/columns.py)
    args = sys.argv[1:]
    if "" in args:  # `qn-dx validate "$DIR"` with DIR unset would read the working folder
        i = args.index("")
        after = f" after {args[i - 1]}" if i else ""
        print(
            f"Error: an empty argument{after} (an unset shell variable?): give a value or "
            "leave the argument out",
            file=sys.stderr,
        )
        sys.exit(2)
    if any(a in ("-h", "--help") for a in args) or not args:
        from .shell import default_lang

        if default_lang() == "vi":  # help in the reader's language, as every other word
            from .help_vi import localise

            localise(app)
    try:
        app()
    except OSError as exc:  # standard output full or closed while help or text was written
        from .shell import _stdout_failed

        try:
            _stdout_failed(exc)
        except SystemExit as done:
            sys.exit(done.code)
        except Exception:  # typer.Exit
            sys.exit(2)


__all__ = ["app", "main"]
