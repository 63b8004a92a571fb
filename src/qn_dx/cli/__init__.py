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
    app()


__all__ = ["app", "main"]
