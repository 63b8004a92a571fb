"""Hostile and broken input: every case ends in findings and a clean exit code, no traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import HEADER
from qn_dx.cli import app


def _validate(runner: CliRunner, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["validate", *args, "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.stdout)


def _codes(data: dict) -> list[tuple[str, int | None]]:  # type: ignore[type-arg]
    return [(e["code"], e["line"]) for e in data["errors"]]


def test_file_larger_than_max_bytes_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "big.csv"
    f.write_text(HEADER + "\n" + "EG-16,2023-Q1,21010,1,2,,\n" * 100, encoding="utf-8")
    code, data = _validate(runner, str(f), "--max-bytes", "1000")
    assert code == 1
    assert _codes(data) == [("file-too-large", None)]
    assert "limit is 1,000" in data["errors"][0]["message"]
    assert data["rows"] == 0


def test_one_hundred_thousand_columns(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "wide.csv"
    f.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n1,2,3\n", encoding="utf-8")
    code, data = _validate(runner, str(f))
    assert code == 1
    assert _codes(data) == [("too-many-columns", 1)]


@pytest.mark.parametrize(
    ("cell", "error"),
    [
        ("NaN", "bad-number"),
        ("inf", "bad-number"),
        ("1e400", "bad-number"),
        ("2023-03-01", "bad-number"),
        ("-5", "negative-number"),
        ("1,234", "ambiguous-number"),
        ("1,5", "not-whole-number"),
    ],
)
def test_junk_numbers(runner: CliRunner, tmp_path: Path, cell: str, error: str) -> None:
    f = tmp_path / "n.csv"
    f.write_text(f'{HEADER}\nEG-16,2023-Q1,21010,"{cell}",10,,\n', encoding="utf-8")
    code, data = _validate(runner, str(f))
    assert code == 1
    assert _codes(data) == [(error, 2)]


def test_header_only_file_is_fine(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "h.csv"
    f.write_text(HEADER + "\n", encoding="utf-8")
    code, data = _validate(runner, str(f))
    assert (code, data["rows"], data["errors"]) == (0, 0, [])


def test_nul_bytes_and_duplicate_headers(runner: CliRunner, tmp_path: Path) -> None:
    nul = tmp_path / "nul.csv"
    nul.write_bytes(HEADER.encode() + b"\nEG-16,2023-Q1,21\x0010,1,2,,\n")
    dup = tmp_path / "dup.csv"
    dup.write_text("indicator_id,Mã chỉ tiêu,period,unit_code,value\n", encoding="utf-8")
    code, data = _validate(runner, str(nul), str(dup))
    assert code == 1
    assert sorted(e["code"] for e in data["errors"]) == ["duplicate-column", "file-binary"]


def test_mixed_line_endings_keep_line_numbers(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "mixed.csv"
    f.write_bytes(
        (HEADER + "\r\nEG-16,2023-Q1,21010,1,2,,\nEG-16,2023-Q2,21010,3,2,,\r\n").encode()
    )
    code, data = _validate(runner, str(f))
    assert code == 1
    assert _codes(data) == [("numerator-exceeds-denominator", 3)]


def test_billion_laughs_plan_is_refused_quickly(runner: CliRunner, plan_copy: Path) -> None:
    lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lol.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    (plan_copy / "plan.yaml").write_text("\n".join(lol) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["--data-dir", str(plan_copy), "check"])
    assert result.exit_code == 1
    assert "plan.yaml:2: yaml-unsafe" in result.output


def test_unit_names_from_the_plan_are_escaped_and_neutralised(
    runner: CliRunner, plan_copy: Path, tmp_path: Path
) -> None:
    units = plan_copy / "units.yaml"
    text = units.read_text(encoding="utf-8").replace(
        "name: Phường Lê Hồng Phong", "name: \"=HYPERLINK('http://x','<script>alert(1)</script>')\""
    )
    units.write_text(text, encoding="utf-8")
    actuals = tmp_path / "a.csv"
    actuals.write_text(HEADER + "\nEG-16,2023-Q1,21010,5,10,,\n", encoding="utf-8")
    html = tmp_path / "r.html"
    xlsx = tmp_path / "r.xlsx"
    for out in (html, xlsx):
        result = runner.invoke(
            app,
            [
                "--data-dir",
                str(plan_copy),
                "report",
                "--actuals",
                str(actuals),
                "--by-unit",
                "--output",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx)["E-government"]
    names = [c.value for c in sheet["B"] if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert names and not any(n.startswith(("=", "+", "-", "@")) for n in names)


def test_mutation_run_has_no_crash() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from mutate import run  # a bounded slice of the full mutation run (benchmarks/mutate.py)

    ran, crashed, kinds = run(20, seed=189, verbose=False)
    assert ran == 60
    assert crashed == 0, kinds


# --- the installed command in hostile surroundings ---------------------------------------------

QN_DX = Path(sys.executable).parent / "qn-dx"


def _run(*args: str, **env: str) -> Any:
    import os
    import subprocess

    environ = {k: v for k, v in os.environ.items() if k != "QN_DX_DATA"} | env
    return subprocess.run(
        [str(QN_DX), *args], capture_output=True, env=environ, timeout=120, check=False
    )


@pytest.mark.parametrize("command", [["targets"], ["report"], ["check"], ["explain", "EG-16"]])
def test_an_ascii_locale_gets_question_marks_not_a_traceback(command: list[str]) -> None:
    done = _run(*command, LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-800:]
    assert b"Traceback" not in done.stderr
    assert b"cannot show all of this text" in done.stderr
    assert b"?" in done.stdout


def test_empty_arguments_are_usage_errors() -> None:
    for args in (["validate", ""], ["missing", "--agency", ""], ["report", "--as-of", ""]):
        done = _run(*args)
        assert done.returncode == 2, args
        assert b"empty argument" in done.stderr


def test_help_to_a_full_device_is_one_line() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    import subprocess

    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [str(QN_DX), "report", "--help"], stdout=full, stderr=subprocess.PIPE, check=False
        )
    assert done.returncode == 2
    assert done.stderr.decode().strip().startswith("Error: cannot write to standard output")


def test_symlink_loops_are_findings(tmp_path: Path) -> None:
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    done = _run("validate", str(tmp_path / "l1"), "--format", "json")
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    (error,) = json.loads(done.stdout)["errors"]
    assert error["code"] == "file-unreadable"
    assert "loop" in error["message"]


def test_absurd_max_bytes_and_dash_output(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--max-bytes", str(2**63), "data/actuals"])
    assert result.exit_code == 2
    out = runner.invoke(
        app, ["report", "--format", "json", "--output", "-"], env={"QN_DX_DATA": None}
    )
    assert out.exit_code == 0
    assert json.loads(out.stdout)["as_of"] == "2023-Q4"
    assert not Path("-").exists()
