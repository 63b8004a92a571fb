"""report --trend and --compare: each target's figure period by period (JSON `series`, a
sparkline, an HTML chart with the goal line, a column per period in xlsx), and another
period's actual and status beside it with the change (JSON `compare`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import HEADER, invoke, write
from qn_dx import api
from qn_dx.compute.engine import trend_periods
from qn_dx.ingest.periods import month, quarter, whole_year
from qn_dx.render.report import sparkline


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    actuals = tmp_path / "actuals"
    actuals.mkdir()
    write(
        actuals,
        "a.csv",
        [
            "EG-01,2023-Q1,51,50,100,,",
            "EG-01,2023-Q2,51,60,100,,",
            "EG-01,2023-Q3,51,80,100,,",
            "EG-07,2023-Q2,51,,,done,",
            "EG-09,2023-Q1,51,,,100,",  # EG-09 (count, latest): Q2 carries Q1 forward
        ],
        HEADER,
    )
    return actuals


def _json(runner: CliRunner, folder: Path, *args: str) -> dict[str, Any]:
    result = invoke(runner, "report", "--actuals", str(folder), "-f", "json", *args)
    assert result.exit_code == 0, result.output
    return {t["id"]: t for t in json.loads(result.stdout)["targets"]}


def test_series_is_the_figure_at_every_period(runner: CliRunner, folder: Path) -> None:
    by_id = _json(runner, folder, "--as-of", "2023-Q3")
    assert by_id["EG-01"]["series"] == [
        {"period": "2023-Q1", "value": 50.0},
        {"period": "2023-Q2", "value": 60.0},
        {"period": "2023-Q3", "value": 80.0},
    ]
    assert [s["value"] for s in by_id["EG-07"]["series"]] == [None, "done", "done"]
    assert [s["value"] for s in by_id["EG-09"]["series"]] == [100.0, 100.0, 100.0]
    assert [s["value"] for s in by_id["EG-02"]["series"]] == [None, None, None]
    assert "compare" not in by_id["EG-01"]  # only with --compare


def test_trend_periods() -> None:
    assert [p.label for p in trend_periods(quarter(2023, 2))] == ["2023-Q1", "2023-Q2"]
    assert [p.label for p in trend_periods(month(2023, 3))] == ["2023-01", "2023-02", "2023-03"]
    assert len(trend_periods(whole_year(2023))) == 4


def test_compare_puts_another_period_beside(runner: CliRunner, folder: Path) -> None:
    by_id = _json(runner, folder, "--as-of", "2023-Q3", "--compare", "2023-Q1")
    assert by_id["EG-01"]["compare"] == {
        "period": "2023-Q1",
        "actual": 50.0,
        "status": "off_track",
        "change": 30.0,
    }
    assert by_id["EG-07"]["compare"]["actual"] is None  # nothing counted yet at Q1
    assert by_id["EG-07"]["compare"]["change"] is None
    bad = invoke(runner, "report", "--actuals", str(folder), "--compare", "2022-Q1")
    assert bad.exit_code == 2


def test_sparkline_and_human_formats(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    plan = api.load_plan()
    result = api.report(plan, [folder], as_of="2023-Q3", compare="2023-Q2")
    eg01 = result.report.by_id()["EG-01"]
    assert sparkline(eg01) == "▁▂▅"  # 50, 60, 80 between 50 and the goal 100
    assert sparkline(result.report.by_id()["EG-07"]) == " ██"
    args = ["--actuals", str(folder), "--as-of", "2023-Q3", "--compare", "2023-Q2", "--trend"]
    md = invoke(runner, "report", *args, "-f", "markdown", "--lang", "vi").stdout
    header = next(line for line in md.splitlines() if line.startswith("| Mã |"))
    assert "Thực hiện Quý II/2023" in header and "Thay đổi" in header and "Xu hướng" in header
    assert "| Quý I/2023 | Quý II/2023 | Quý III/2023 |" in header
    row = next(line for line in md.splitlines() if line.startswith("| EG-01 |"))
    assert "60,0 %" in row and "+20,0 điểm %" in row and "▁▂▅" in row
    html = invoke(runner, "report", *args, "-f", "html").stdout
    assert html.count('<svg class="trend"') >= 1
    assert 'stroke-dasharray="3 2"' in html  # the goal line
    out = tmp_path / "r.xlsx"
    assert invoke(runner, "report", *args, "--output", str(out), "--lang", "en").exit_code == 0
    sheet = load_workbook(out)["E-government"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "EG-01")
    cells = dict(zip(header, row))
    assert (cells["2023-Q1"], cells["2023-Q2"], cells["2023-Q3"]) == (50.0, 60.0, 80.0)
    assert cells["Actual 2023-Q2"] == 60.0 and cells["Change"] == 20.0
