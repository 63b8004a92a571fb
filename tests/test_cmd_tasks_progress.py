"""`qn-dx tasks --as-of P`: status and progress from several task-progress files in one folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import invoke

TASK_HEADER = "task_id,period,status,progress,note"


def _write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([TASK_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    """Two files from two agencies in one folder.

    a.csv: NV-1.1 Q1 in_progress 20, NV-1.1 Q3 done 100, NV-2.1 Q1 delayed 10,
           NV-3.11 Q1 delayed 15 (Sở Y tế coordinates 3.11)
    b.csv: NV-1.1 Q2 delayed 30, NV-2.2 Q2 done 100,
           NV-1.2 Q2 in_progress 40 (led by "Các Sở, ban, ngành tỉnh", so by Sở Y tế too)
    """
    folder = tmp_path / "progress"
    folder.mkdir()
    _write(
        folder / "a.csv",
        "NV-1.1,2023-Q1,in_progress,20,",
        "NV-1.1,2023-Q3,done,100,",
        "NV-2.1,2023-Q1,delayed,10,",
        "NV-3.11,2023-Q1,delayed,15,",
    )
    _write(
        folder / "b.csv",
        "NV-1.1,2023-Q2,delayed,30,",
        "NV-2.2,2023-Q2,done,100,",
        "NV-1.2,2023-Q2,in_progress,40,",
    )
    return folder


def _invoke(runner: CliRunner, *args: str) -> Any:
    return invoke(runner, "tasks", *args)


def _rows(runner: CliRunner, folder: Path, *args: str) -> list[dict[str, Any]]:
    result = _invoke(runner, "--actuals", str(folder), *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _state(rows: list[dict[str, Any]], task_id: str) -> tuple[Any, Any, Any]:
    (row,) = [r for r in rows if r["id"] == task_id]
    return row["status"], row["progress"], row["status_period"]


def test_every_row_has_status_and_progress(runner: CliRunner, progress: Path) -> None:
    rows = _rows(runner, progress, "--as-of", "2023-Q2")
    assert len(rows) == 76
    for r in rows:
        assert "status" in r and "progress" in r and "status_period" in r


def test_latest_report_at_or_before_p_from_either_file(runner: CliRunner, progress: Path) -> None:
    rows = _rows(runner, progress, "--as-of", "2023-Q2")
    assert _state(rows, "NV-1.1") == ("delayed", 30.0, "2023-Q2")  # b.csv beats a.csv's Q1
    assert _state(rows, "NV-2.1") == ("delayed", 10.0, "2023-Q1")  # carried forward
    assert _state(rows, "NV-2.2") == ("done", 100.0, "2023-Q2")
    assert _state(rows, "NV-1.2") == ("in_progress", 40.0, "2023-Q2")
    assert _state(rows, "NV-1.3") == ("not_reported", None, None)


def test_a_report_after_p_is_ignored(runner: CliRunner, progress: Path) -> None:
    rows = _rows(runner, progress, "--as-of", "2023-Q1")
    assert _state(rows, "NV-1.1") == ("in_progress", 20.0, "2023-Q1")  # Q2 and Q3 ignored
    assert _state(rows, "NV-2.2") == ("not_reported", None, None)
    statuses = [r["status"] for r in rows]
    # Q1: NV-1.1 in progress, NV-2.1 and NV-3.11 delayed, 73 without report.
    assert statuses.count("in_progress") == 1
    assert statuses.count("delayed") == 2
    assert statuses.count("not_reported") == 73


def test_default_p_is_the_latest_reported_period(runner: CliRunner, progress: Path) -> None:
    # No --as-of: the latest period among the reports is 2023-Q3.
    rows = _rows(runner, progress)
    assert _state(rows, "NV-1.1") == ("done", 100.0, "2023-Q3")


def test_status_filter(runner: CliRunner, progress: Path) -> None:
    rows = _rows(runner, progress, "--as-of", "2023-Q2", "--status", "delayed")
    assert [r["id"] for r in rows] == ["NV-1.1", "NV-2.1", "NV-3.11"]
    assert {r["status"] for r in rows} == {"delayed"}


def test_status_filter_repeatable(runner: CliRunner, progress: Path) -> None:
    rows = _rows(
        runner, progress, "--as-of", "2023-Q2", "--status", "done", "--status", "in_progress"
    )
    assert [(r["id"], r["status"]) for r in rows] == [
        ("NV-1.2", "in_progress"),
        ("NV-2.2", "done"),
    ]


def test_status_not_reported_filter(runner: CliRunner, progress: Path) -> None:
    rows = _rows(runner, progress, "--as-of", "2023-Q2", "--status", "not_reported")
    # 76 tasks, 5 reported by Q2 (NV-1.1, NV-1.2, NV-2.1, NV-2.2, NV-3.11).
    assert len(rows) == 71


def test_unknown_status_is_a_usage_error(runner: CliRunner, progress: Path) -> None:
    result = _invoke(runner, "--actuals", str(progress), "--as-of", "2023-Q2", "--status", "late")
    assert result.exit_code == 2
    assert "--status 'late'" in result.output


def test_agency_by_folded_name_with_as_of(runner: CliRunner, progress: Path) -> None:
    rows = _rows(runner, progress, "--agency", "so y te", "--as-of", "2023-Q2")
    assert len(rows) == 51  # Sở Y tế's tasks, own and through its group
    assert all({"role", "via", "status", "progress"} <= set(r) for r in rows)
    (t12,) = [r for r in rows if r["id"] == "NV-1.2"]
    assert (t12["role"], t12["via"], t12["status"], t12["progress"]) == (
        "lead",
        "SO_BAN_NGANH",
        "in_progress",
        40.0,
    )
    (t311,) = [r for r in rows if r["id"] == "NV-3.11"]
    assert (t311["role"], t311["status"], t311["progress"], t311["status_period"]) == (
        "coordinating",
        "delayed",
        15.0,
        "2023-Q1",
    )


def test_agency_and_status_together(runner: CliRunner, progress: Path) -> None:
    rows = _rows(
        runner, progress, "--agency", "so y te", "--as-of", "2023-Q2", "--status", "delayed"
    )
    # NV-1.1 reaches Sở Y tế as a coordinator through "Các Sở, ban, ngành tỉnh"; NV-2.1 (Sở
    # TT&TT alone) does not reach it.
    assert [(r["id"], r["role"], r["via"]) for r in rows] == [
        ("NV-1.1", "coordinating", "SO_BAN_NGANH"),
        ("NV-3.11", "coordinating", None),
    ]


@pytest.mark.parametrize("year_end", ["2023-Q4", "2023-12", "2023"])
def test_year_end_not_done_is_overdue(runner: CliRunner, progress: Path, year_end: str) -> None:
    rows = _rows(runner, progress, "--as-of", year_end)
    assert _state(rows, "NV-1.1") == ("done", 100.0, "2023-Q3")  # done stays done
    assert _state(rows, "NV-2.2") == ("done", 100.0, "2023-Q2")
    assert _state(rows, "NV-2.1") == ("overdue", 10.0, "2023-Q1")
    assert _state(rows, "NV-1.2") == ("overdue", 40.0, "2023-Q2")
    assert _state(rows, "NV-1.3") == ("overdue", None, None)
    statuses = [r["status"] for r in rows]
    assert statuses.count("done") == 2
    assert statuses.count("overdue") == 74


def test_year_end_status_overdue_filter(runner: CliRunner, progress: Path) -> None:
    rows = _rows(runner, progress, "--as-of", "2023-Q4", "--status", "overdue")
    assert len(rows) == 74
    assert "NV-1.1" not in {r["id"] for r in rows}


def test_csv_has_the_progress_columns(runner: CliRunner, progress: Path) -> None:
    result = _invoke(runner, "--actuals", str(progress), "--as-of", "2023-Q2", "--format", "csv")
    assert result.exit_code == 0, result.output
    header = result.stdout.lstrip("\ufeff").splitlines()[0]
    assert header.endswith("status,progress,status_period")


def test_as_of_outside_the_plan_year_is_a_usage_error(runner: CliRunner, progress: Path) -> None:
    result = _invoke(runner, "--actuals", str(progress), "--as-of", "2022-Q4")
    assert result.exit_code == 2
