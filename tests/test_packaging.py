"""The installed command: fast --help, --version, the console script, and a wheel that works
from any directory with the plan shipped inside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from typer.testing import CliRunner

import qn_dx
from qn_dx.cli import app

REPO = Path(__file__).resolve().parent.parent
BIN = "Scripts" if sys.platform == "win32" else "bin"
EXE = ".exe" if sys.platform == "win32" else ""


def _env() -> dict[str, str]:
    """The test process's environment without anything that would point at this checkout."""
    return {k: v for k, v in os.environ.items() if k not in ("QN_DX_DATA", "PYTHONPATH")}


HELP_IMPORTS = """
import sys
sys.argv = ["qn-dx", "--help"]
from qn_dx.cli import main
try:
    main()
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
heavy = sorted(m for m in ("pandas", "pydantic", "numpy", "openpyxl") if m in sys.modules)
assert not heavy, heavy
"""


def test_help_does_not_import_heavy_modules() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", HELP_IMPORTS], capture_output=True, text=True, env=_env()
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage:" in proc.stdout
    for command in ("targets", "tasks", "check"):
        assert command in proc.stdout


def test_version_prints_package_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"qn-dx {qn_dx.__version__}\n"


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "Usage:" in result.output


def test_console_script_next_to_python_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / f"qn-dx{EXE}"
    assert script.is_file(), f"{script} is not installed (pip install -e .)"
    proc = subprocess.run(
        [str(script), "targets", "--format", "json"],
        capture_output=True,
        cwd=tmp_path,
        env=_env(),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    rows = json.loads(proc.stdout.decode("utf-8"))
    assert len(rows) == 54
    assert rows[3]["title_vi"] == (
        "Tỷ lệ hộ gia đình ở phường, thị trấn có thuê bao cáp quang băng rộng"
    )


# --- the wheel, installed into a fresh virtual environment --------------------------------------


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from the repository, install it into a new venv; return the venv's qn-dx."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=REPO,
        check=True,
        capture_output=True,
        env=_env(),
        timeout=120,
    )
    (wheel,) = dist.glob("qn_dx-*.whl")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / BIN / f"python{EXE}"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
        env=_env(),
        timeout=600,
    )
    return env_dir / BIN / f"qn-dx{EXE}"


def _run(exe: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(exe), *args], capture_output=True, cwd=cwd, env=_env(), timeout=60)


def test_wheel_lists_the_shipped_targets_from_any_directory(
    installed: Path, tmp_path: Path
) -> None:
    proc = _run(installed, tmp_path, "targets", "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = json.loads(proc.stdout.decode("utf-8"))
    assert len(rows) == 54
    assert rows[0]["id"] == "EG-01" and rows[-1]["id"] == "CS-06"


def test_wheel_checks_its_shipped_plan(installed: Path, tmp_path: Path) -> None:
    proc = _run(installed, tmp_path, "check")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, out + proc.stderr.decode()
    summary = out.splitlines()[-1]
    assert "site-packages" in summary  # the plan inside the wheel, not this checkout's data/
    assert summary.endswith("0 error(s), 3 note(s)")


def test_wheel_version(installed: Path, tmp_path: Path) -> None:
    proc = _run(installed, tmp_path, "--version")
    assert proc.stdout.decode().strip() == f"qn-dx {qn_dx.__version__}"


RUN_AND_LIST = """
import json, sys
sys.argv = ["qn-dx", *json.loads(sys.argv[1])]
from qn_dx.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
sys.stderr.write("\\nIMPORTED " + json.dumps([code, sorted(
    m for m in ("pandas", "numpy", "pyarrow", "pydantic") if m in sys.modules)]))
"""

COMMANDS = [
    ["validate", "--format", "json"],
    ["report", "--format", "json", "--skip-invalid"],
    ["report", "--format", "html", "--skip-invalid"],
    ["explain", "EG-16", "--skip-invalid"],
    ["missing"],
    ["summary", "--format", "json", "--skip-invalid"],
    ["tasks"],
    ["targets"],
    ["check"],
    ["codes"],
]


@pytest.mark.parametrize("engine", ["rows", "columns"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_no_command_imports_pandas(args: list[str], engine: str, tmp_path: Path) -> None:
    """pandas is for the library's to_pandas() alone; the column path builds its arrays from
    buffers, because pa.array() and to_numpy() would import pandas."""
    env = {**_env(), "QN_DX_ENGINE": engine, "XDG_CACHE_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    code, imported = json.loads(proc.stderr.rsplit("IMPORTED ", 1)[1])
    assert code in (0, 1), proc.stderr  # the command ran (not a usage error that imports little)
    if args[0] != "codes":  # every other command reads the plan: with a cold cache, checked
        assert "pydantic" in imported
    assert "pandas" not in imported
    assert "numpy" not in imported
    if args[0] in ("validate", "report") and engine == "columns":
        assert "pyarrow" in imported  # the column path did run


def test_help_imports_neither_pyarrow_nor_pydantic(tmp_path: Path) -> None:
    """Help never reads the plan (a warm start without pydantic is test_plan_cache's)."""
    env = {**_env(), "XDG_CACHE_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, json.dumps(["report", "--help"])],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert "Usage:" in proc.stdout
    assert json.loads(proc.stderr.rsplit("IMPORTED ", 1)[1]) == [0, []]
