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


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_vietnamese_help(name: str) -> None:
    from qn_dx.cli.help_vi import HELP_VI

    assert len(HELP_VI.get(name, "")) > 40, f"{name}: no Vietnamese help in cli/help_vi.py"


def test_help_is_vietnamese_when_the_language_is(tmp_path: Path) -> None:
    """`qn-dx --help` and `qn-dx report --help` through the installed script, in Vietnamese
    for QN_DX_LANG=vi and for a Vietnamese locale; English otherwise."""
    import os
    import subprocess
    import sys

    script = Path(sys.executable).parent / "qn-dx"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("QN_DX", "LC_", "LANG"))}
    for env, vietnamese in (
        ({"QN_DX_LANG": "vi"}, True),
        ({"LANG": "vi_VN.UTF-8"}, True),
        ({"LANG": "en_US.UTF-8"}, False),
    ):
        for args in (["--help"], ["report", "--help"]):
            out = subprocess.run(
                [str(script), *args], capture_output=True, text=True, env={**base, **env}
            ).stdout
            assert ("Mỗi chỉ tiêu đang ở đâu" in out or "Công cụ tính" in out) == vietnamese
