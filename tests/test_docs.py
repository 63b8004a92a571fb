"""Every command is documented: it appears in the README and has help text with an example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from qn_dx.cli import app
from qn_dx.findings import CATALOGUE

REPO = Path(__file__).resolve().parent.parent

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_cli_has_the_commands_we_document() -> None:
    assert set(COMMANDS) >= {
        "targets",
        "tasks",
        "check",
        "validate",
        "template",
        "schema",
        "report",
        "codes",
    }


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    assert f"qn-dx {name}" in README, f"README does not mention `qn-dx {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_text(runner, name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and len(command.help.strip()) > 30
    assert "Example" in command.help or name in ("check",), f"{name}: help has no example"


def test_every_option_has_help(runner) -> None:
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            if param.param_type_name == "option":
                assert getattr(param, "help", None), f"{name} {param.opts}: no help text"


def test_finding_codes_are_kebab_case_and_unique() -> None:
    for code in CATALOGUE:
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", code)


def test_readme_quick_start_is_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick, flags=re.S)
    assert len(blocks) == 2 and all(len(b.strip().splitlines()) == 1 for b in blocks)
    assert "qn-dx report" in blocks[0] and "pytest" in blocks[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci and "python -m pytest -q" in README
