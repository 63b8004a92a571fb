""" "Met" must not be said from 1 unit of 173: coverage and provisional results in every format, the
summary's headline, --fail-on provisional, and a warning when the default P holds a stray row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke, write
from qn_dx.compute import compute_report
from qn_dx.ingest.periods import quarter
from qn_dx.plan import Plan, load_plan
from qn_dx.validate import validate_paths


def _report_json(runner: CliRunner, *args: str) -> dict:  # type: ignore[type-arg]
    result = invoke(runner, "report", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_one_commune_of_173_is_provisional(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "a.csv", ["EG-16,2023-Q2,21010,9,10,,", "EG-01,2023-Q2,51,10,10,,"])
    doc = _report_json(runner, "--actuals", str(tmp_path))
    eg16 = next(t for t in doc["targets"] if t["id"] == "EG-16")
    assert eg16["status"] == "met"  # the status keeps its meaning
    assert eg16["coverage"] == round(1 / 173, 4)
    assert eg16["provisional"] is True
    eg01 = next(t for t in doc["targets"] if t["id"] == "EG-01")
    assert (eg01["coverage"], eg01["provisional"]) == (1.0, False)
    assert doc["provisional_counts"]["met"] == 1
    area = next(a for a in doc["areas"] if a["area"] == "e-government")
    assert area["provisional_counts"]["met"] == 1


def test_provisional_follows_the_threshold(plan: Plan, tmp_path: Path) -> None:
    # 139 of 173 communes is 80.3 %: at the default 0.8 the result is final
    from qn_dx.plan.registry import units_in_scope

    communes = [u.code for u in units_in_scope(plan, plan.target_by_id["EG-16"].scope)]
    rows = [f"EG-16,2023-Q2,{c},7,10,," for c in communes[:139]]
    v = validate_paths(plan, [write(tmp_path, "a.csv", rows)])
    r = next(
        r for r in compute_report(plan, v.observations, quarter(2023, 2)).targets if r.id == "EG-16"
    )
    assert r.units_reported == 139 and r.coverage == pytest.approx(139 / 173)
    assert not r.provisional
    v2 = validate_paths(plan, [write(tmp_path, "b.csv", rows[:138])])
    r2 = next(
        r
        for r in compute_report(plan, v2.observations, quarter(2023, 2)).targets
        if r.id == "EG-16"
    )
    assert r2.provisional  # 138/173 = 79.8 %


def test_plan_and_target_thresholds(plan_copy: Path, tmp_path: Path) -> None:
    text = (plan_copy / "plan.yaml").read_text(encoding="utf-8")
    (plan_copy / "plan.yaml").write_text(
        text.replace("min_coverage: 0.8", "min_coverage: 0.005"), encoding="utf-8"
    )
    plan = load_plan(plan_copy)
    v = validate_paths(plan, [write(tmp_path, "a.csv", ["EG-16,2023-Q2,21010,9,10,,"])])
    r = next(
        r for r in compute_report(plan, v.observations, quarter(2023, 2)).targets if r.id == "EG-16"
    )
    assert not r.provisional  # 1/173 = 0.0058 ≥ 0.005
    targets = (plan_copy / "targets.yaml").read_text(encoding="utf-8")
    targets = targets.replace("  - id: EG-16\n", "  - id: EG-16\n    min_coverage: 0.5\n", 1)
    (plan_copy / "targets.yaml").write_text(targets, encoding="utf-8")
    plan = load_plan(plan_copy)
    r = next(
        r for r in compute_report(plan, v.observations, quarter(2023, 2)).targets if r.id == "EG-16"
    )
    assert r.provisional


@pytest.mark.parametrize(
    ("fmt", "en", "vi"),
    [
        ("markdown", "met, provisional: 1/173 units", "đạt (tạm tính: 1/173 đơn vị)"),
        ("csv", "True", ";có;"),
        ("html", "met, provisional: 1/173 units", "đạt (tạm tính: 1/173 đơn vị)"),
        ("table", "provisional: 1/173", "tạm tính: 1/173"),
    ],
)
def test_every_format_shows_a_provisional_status(
    runner: CliRunner, tmp_path: Path, fmt: str, en: str, vi: str
) -> None:
    write(tmp_path, "a.csv", ["EG-16,2023-Q2,21010,9,10,,"])
    for lang, text in (("en", en), ("vi", vi)):
        out = invoke(runner, "report", "--actuals", str(tmp_path), "--format", fmt, "--lang", lang)
        assert out.exit_code == 0, out.output
        assert text in out.stdout, (fmt, lang)


def test_xlsx_shows_a_provisional_status(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "a.csv", ["EG-16,2023-Q2,21010,9,10,,"])
    out = tmp_path / "r.xlsx"
    result = invoke(runner, "report", "--actuals", str(tmp_path / "in"), "--output", str(out))
    assert result.exit_code == 0, result.output
    cells = [
        c
        for ws in load_workbook(out).worksheets
        for row in ws.iter_rows(values_only=True)
        for c in row
    ]
    assert "met, provisional: 1/173 units" in cells


def test_fail_on_provisional(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "a.csv", ["EG-16,2023-Q2,21010,9,10,,", "EG-01,2023-Q2,51,10,10,,"])
    result = invoke(
        runner,
        "report",
        "--actuals",
        str(tmp_path),
        "--area",
        "e-government",
        "--fail-on",
        "provisional",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    assert "EG-16" in result.stderr and "EG-01" not in result.stderr.split("--fail-on")[-1]


def test_summary_headline_counts_provisional(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "a.csv", ["EG-16,2023-Q2,21010,9,10,,", "EG-01,2023-Q2,51,10,10,,"])
    result = invoke(runner, "summary", "--actuals", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    head = json.loads(result.stdout)["headline"]
    assert head["provisional_counts"]["met"] == 1
    md = invoke(runner, "summary", "--actuals", str(tmp_path), "--lang", "vi").stdout
    assert "Trong đó tạm tính" in md


def test_a_stray_latest_period_is_warned(runner: CliRunner, plan: Plan, tmp_path: Path) -> None:
    communes = [u.code for u in plan.units if u.level == "commune"][:6]
    rows = [f"EG-16,2023-Q2,{c},5,10,," for c in communes]
    rows += [f"EG-18,2023-Q2,{c},5,10,," for c in communes]  # 12 rows in Q2
    rows.append("EG-18,2023-Q4,21010,5,10,,")  # one typo row: under a tenth of 12
    write(tmp_path, "a.csv", rows)
    result = invoke(runner, "report", "--actuals", str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2023-Q4"  # the default is still the latest period with data
    (w,) = [w for w in doc["warnings"] if w["code"] == "sparse-latest-period"]
    assert "2023-Q4" in w["message"] and "a.csv:14" in w["message"] and "2023-Q2" in w["message"]
    assert "sparse-latest-period" in result.stderr
    quiet = invoke(runner, "report", "--actuals", str(tmp_path), "--as-of", "2023-Q4", "-f", "json")
    codes = {w["code"] for w in json.loads(quiet.stdout)["warnings"]}
    assert codes == {"year-to-date-gaps"}  # Q1 and Q3 left out: said, not the stray period


def test_no_warning_when_periods_are_even(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,", "EG-16,2023-Q2,21010,6,10,,"])
    doc = _report_json(runner, "--actuals", str(tmp_path))
    assert doc["warnings"] == [] and doc["as_of"] == "2023-Q2"


def test_units_that_report_0_over_0_do_not_make_coverage(plan: Plan, tmp_path: Path) -> None:
    from qn_dx.plan.registry import units_in_scope

    communes = [u.code for u in units_in_scope(plan, plan.target_by_id["EG-16"].scope)]
    rows = [f"EG-16,2023-Q2,{c},0,0,," for c in communes[:139]] + [
        f"EG-16,2023-Q2,{communes[139]},9,10,,"
    ]
    v = validate_paths(plan, [write(tmp_path, "a.csv", rows)])
    r = next(
        r for r in compute_report(plan, v.observations, quarter(2023, 2)).targets if r.id == "EG-16"
    )
    assert (r.status, r.units_reported, r.provisional) == ("met", 1, True)


def test_year_to_date_gaps_are_named(plan: Plan) -> None:
    from qn_dx.ingest.periods import Period, month
    from qn_dx.validate.model import Observation

    def obs(unit: str, period: Period, cumulative: bool = False) -> Observation:
        return Observation("EG-16", unit, period, 5, 10, None, None, "", "a.csv", 2, cumulative)

    q = [quarter(2023, i) for i in range(1, 5)]
    rows = [
        *(obs("21010", p) for p in q[:3]),  # Q1–Q3: complete as of Q3
        obs("21013", q[1]),  # Q2 only: Q1 and Q3 left out
        obs("21016", month(2023, 1)),  # a month: Feb and Q2, Q3 left out
        obs("21016", month(2023, 3)),
        obs("21019", q[2], cumulative=True),  # a year-to-date total: nothing left out
    ]
    r = compute_report(plan, rows, q[2], areas=["e-government"]).targets
    eg16 = next(t for t in r if t.id == "EG-16")
    assert eg16.gaps == [
        ("21013", ["2023-Q1", "2023-Q3"]),
        ("21016", ["2023-02", "2023-Q2", "2023-Q3"]),
    ]
    assert eg16.note == ("note.year_to_date_gaps", {"n": 2})
