"""A plan folder shaped like 2026 (tests/plans/two-level-2026/, written by make_plan.py there):
the province over 96 commune-level units — 86 xã, 9 phường and the đặc khu of Lý Sơn — and no
districts; Sở KH&CN leads; the DTI ranks 34 provinces. Every command runs on it, and its figures
are worked out by hand below. Nothing in the code changed for it: the folder is the new year.

By hand, as of 2026-Q2 (the latest period in its actuals):
- DG-01 ratio, latest: 820/1000 = 82 %; Q1 70, Q2 82 → line at month 12: 82 + 6 × 4 = 106 ≥ 100:
  on track.
- DG-02 ratio, year to date, every commune: 91001 (400 + 450)/(500 + 500), 91101 300/400, the đặc
  khu 91201 180/200 → 1330/1600 = 83.125 %; 3 of 96 units: provisional.
- DG-03 ratio, xã and đặc khu: (600 + 500 + 1100)/(2000 + 2500 + 2200) = 2200/6700 = 32.84 % ≥ 30:
  met, 3 of 87 (86 xã + 1 đặc khu) units: provisional.
- DG-04 rank ≤ 17 (the middle of 34): 19 → gap +2, off track.
- DG-05 milestone: done → met.
- DE-01 ≥ 2025's 11.5 + 2 = 13.5: 12.9, gap 0.6; Q1 12.1, Q2 12.9 → 12.9 + 6 × 0.8/3 = 14.5: on
  track. The other reading, × 1.02, gives 11.73, which 12.9 meets.
- DE-02 count, year to date: 9 + 14 = 23; Q1 9, Q2 23 → 23 + 6 × 14/3 = 51 ≥ 50: on track.
- DS-01 ratio over its leads' parts: (900000 + 270000)/(1000000 + 300000) = 90 % < 95: off track.
- DS-02 > 25 (the plan's baseline): 27.5, met.
- Expected pairs: 1 + 96 + 87 + 1 + 1 + 1 + 1 + 2 + 1 = 191; reported 1 + 3 + 3 + 1 + 1 + 1 + 1 +
  2 + 1 = 14.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from qn_dx.cli import app
from qn_dx.plan import load_plan

PLAN = Path(__file__).resolve().parent / "plans" / "two-level-2026"


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(
        app, ["--data-dir", str(PLAN), *args], env={"QN_DX_DATA": None, "COLUMNS": "160"}
    )
    assert result.exit_code == code, result.output
    return result


def as_json(*args: str) -> Any:
    return json.loads(run(*args, "--format", "json").stdout)


def test_the_folder_is_what_its_script_writes(tmp_path: Path) -> None:
    """The committed files are the generator's output (run it again after changing it)."""
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "two-level-2026"
    copy.mkdir()
    shutil.copy(PLAN / "make_plan.py", copy)
    subprocess.run([sys.executable, str(copy / "make_plan.py")], check=True, capture_output=True)
    for f in sorted(p.relative_to(PLAN) for p in PLAN.rglob("*") if p.is_file()):
        if "__pycache__" not in f.parts:
            assert (copy / f).read_bytes() == (PLAN / f).read_bytes(), f


def test_shape() -> None:
    plan = load_plan(PLAN)
    assert [lv.id for lv in plan.levels] == ["province", "commune"]
    assert Counter(u.type for u in plan.units) == {"tỉnh": 1, "xã": 86, "phường": 9, "đặc khu": 1}
    assert {u.parent for u in plan.units if u.level == "commune"} == {"51"}
    assert plan.info.rank_universe == 34 and plan.plan_year == 2026
    assert len(plan.info.dates.appendices) == 3
    assert [p.level for p in plan.budget.recurrent.parts] == ["province", "commune"]
    assert plan.budget.past_spending is not None and plan.budget.past_spending.year == 2025


def test_check_passes() -> None:
    out = run("check").stdout
    assert out.splitlines()[-1].endswith(
        "9 targets, 3 tasks, 97 units, 7 agencies, 2 groups — 0 error(s), 0 note(s)"
    )


def test_validate() -> None:
    d = as_json("validate")
    assert (d["ok"], d["rows"], d["rows_valid"], d["errors"]) == (True, 22, 22, [])


def test_validate_knows_the_rank_universe_and_the_years(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator_id,period,unit_code,numerator,denominator,value\n"
        "DG-04,2026,51,,,35\n"  # rank 35 of 34
        "DG-04,2023,51,,,20\n"  # 2023 is neither the plan year nor the baseline year
        "DG-02,2026-Q1,522,1,2,\n",  # a district of 2023: no such unit now
        encoding="utf-8",
    )
    result = run("validate", str(bad), "--format", "json", code=1)
    codes = [(e["line"], e["code"]) for e in json.loads(result.stdout)["errors"]]
    assert codes == [
        (2, "value-out-of-range"),
        (3, "period-out-of-range"),
        (4, "unknown-unit"),
    ]


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return {t["id"]: t for t in as_json("report", "--lang", "en")["targets"]}


def test_report_figures(report: dict[str, Any]) -> None:
    got = {k: (t["actual"], t["target"], t["gap"], t["status"]) for k, t in report.items()}
    assert got == {
        "DG-01": (82.0, 100.0, 18.0, "on_track"),
        "DG-02": (83.125, 90.0, 6.875, "on_track"),
        "DG-03": (32.8358, 30.0, -2.8358, "met"),
        "DG-04": (19.0, 17.0, 2.0, "off_track"),
        "DG-05": ("done", None, None, "met"),
        "DE-01": (12.9, 13.5, 0.6, "on_track"),
        "DE-02": (23.0, 50.0, 27.0, "on_track"),
        "DS-01": (90.0, 95.0, 5.0, "off_track"),
        "DS-02": (27.5, 25.0, -2.5, "met"),
    }
    assert (report["DG-02"]["units_reported"], report["DG-02"]["units_expected"]) == (3, 96)
    assert (report["DG-03"]["units_expected"], report["DG-03"]["provisional"]) == (87, True)
    assert report["DG-01"]["projection"] == 106.0
    assert report["DE-02"]["projection"] == 51.0
    assert report["DE-01"]["note"] == (
        "goal read as baseline + 2 pp = 13.5 %; the other reading, baseline × 1.02, gives "
        "11.73 % (met by the actual 12.9 %)"
    )
    assert report["DG-01"]["lead"] == "VPUBND" and report["DE-02"]["lead"] == "SKHCN"


@pytest.mark.parametrize(
    ("fmt", "ext", "check"),
    [
        ("table", None, "Synthetic two-level digital transformation plan for 2026"),
        ("csv", ".csv", "DG-03"),
        ("markdown", ".md", "## Xã hội số"),
        ("html", ".html", "<html"),
        ("xlsx", ".xlsx", None),
    ],
)
def test_report_in_every_format(tmp_path: Path, fmt: str, ext: str | None, check: str) -> None:
    if ext is None:
        assert check in run("report", "--lang", "en").stdout
        return
    out = tmp_path / f"report{ext}"
    run("report", "--lang", "vi", "--by-unit", "--output", str(out))
    if fmt == "xlsx":
        book = load_workbook(out)
        assert book.sheetnames[0] == "Summary" or len(book.sheetnames) >= 4
        assert any(
            row[0] == "DG-04"
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    else:
        assert check in out.read_text(encoding="utf-8-sig")


def test_report_by_unit_lists_the_dac_khu(report: dict[str, Any]) -> None:
    d = as_json("report", "--by-unit", "--area", "digital-government")
    dg03 = next(t for t in d["targets"] if t["id"] == "DG-03")
    units = {u["code"]: u for u in dg03["units"]}
    assert units["91201"]["name"] == "Đặc khu Lý Sơn"
    assert units["91201"]["actual"] == 50.0 and units["91201"]["status"] == "met"
    assert len(units) == 87


def test_summary_in_every_format(tmp_path: Path) -> None:
    d = as_json("summary", "--lang", "en")
    assert (d["as_of"], d["previous"]) == ("2026-Q2", "2026-Q1")
    assert d["headline"]["completeness"] == {"reported": 14, "expected": 191, "rate": 7.3298}
    assert [f["id"] for f in d["furthest"]][:2] == ["DE-02", "DG-01"]
    for ext in (".md", ".html"):
        out = tmp_path / f"summary{ext}"
        run("summary", "--lang", "vi", "--output", str(out))
        assert "000/KH-THU" in out.read_text(encoding="utf-8")


def test_missing() -> None:
    d = as_json("missing")
    assert d["completeness"] == {"reported": 14, "expected": 191, "rate": 7.3298}
    dg02 = next(t for t in d["targets"] if t["id"] == "DG-02")
    assert (dg02["reported"], dg02["expected"], len(dg02["missing"])) == (3, 96, 93)
    agencies = {a["agency"]: a for a in d["agencies"]}
    # The communes owe their own figures; Sở KH&CN the province's (DG-01 and DG-05 with VPUBND),
    # all six sent: it owes nothing and is not listed.
    assert agencies["91002"]["owed"] == [{"target": "DG-02", "unit": "91002"}]
    assert "SKHCN" not in agencies
    from qn_dx.compute.missing import compute_missing
    from qn_dx.ingest.periods import parse_period
    from qn_dx.validate import validate_paths

    plan = load_plan(PLAN)
    observations = validate_paths(plan, [PLAN / "actuals"]).observations
    m = compute_missing(plan, observations, parse_period("2026-Q2"))  # type: ignore[arg-type]
    assert (m.agencies["SKHCN"].reported, m.agencies["SKHCN"].expected) == (6, 6)
    assert (m.agencies["VPUBND"].reported, m.agencies["VPUBND"].expected) == (2, 2)
    assert "NV-1.2" in agencies["UBND_XA"]["tasks_unreported"]
    table = run("missing", "--agency", "UBND cấp xã").stdout
    assert "Reporting completeness as of 2026-Q2: 14/191" in table
    rows = list(
        csv.DictReader(io.StringIO(run("missing", "--format", "csv").stdout.lstrip("\ufeff")))
    )
    assert len(rows) == 191 - 14


def test_explain() -> None:
    d = as_json("explain", "DG-03")
    assert d["rule"]["scope"] == {"levels": ["commune"], "types": ["xã", "đặc khu"], "units": []}
    assert {c["unit"] for c in d["contributions"]} == {"91001", "91002", "91201"}
    de01 = as_json("explain", "DE-01")
    assert de01["reading"]["other"]["goal"] == 11.73
    assert de01["baseline"]["source"] == "actuals"
    dg04 = as_json("explain", "DG-04")
    assert (
        dg04["baseline"]["plan"]["reference"]["document"] == "Synthetic DTI ranking, 34 provinces"
    )
    text = run("explain", "DS-01").stdout
    assert "SYT" in text and "SGDDT" in text and "Σnumerator = 1,170,000" in text


def test_targets_and_tasks() -> None:
    targets = as_json("targets")
    assert [t["id"] for t in targets][:3] == ["DG-01", "DG-02", "DG-03"]
    assert targets[0]["leads"] == ["VPUBND", "SKHCN"]
    assert "9 targets" in run("targets").stdout
    assert "DG-03" in run("targets", "--format", "csv").stdout
    tasks = as_json("tasks", "--agency", "91201")  # the đặc khu, through UBND cấp xã
    assert [(t["id"], t["role"], t["via"]) for t in tasks] == [("NV-1.2", "lead", "UBND_XA")]
    progress = {t["id"]: t["status"] for t in as_json("tasks", "--as-of", "2026-Q2")}
    assert progress == {"NV-1.1": "in_progress", "NV-1.2": "not_reported", "NV-2.1": "delayed"}
    assert "3 tasks" in run("tasks").stdout
    assert "NV-2.1" in run("tasks", "--format", "csv").stdout


def test_template(tmp_path: Path) -> None:
    out = tmp_path / "dac-khu.csv"
    run("template", "--unit", "91201", "--period", "2026-Q3", "--output", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["indicator_id"], r["unit_code"], r["period"]) for r in rows] == [
        ("DG-02", "91201", "2026-Q3"),
        ("DG-03", "91201", "2026-Q3"),
    ]
    skhcn = tmp_path / "skhcn.xlsx"
    run("template", "--unit", "SKHCN", "--period", "2026-Q3", "--output", str(skhcn))
    ids = [r[0] for r in load_workbook(skhcn).worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert ids == ["DG-01", "DG-04", "DG-05", "DE-01", "DE-02", "DS-02"]
    run("template", "--kind", "tasks", "--agency", "SKHCN", "--period", "2026-Q3")
    run("template", "--unit", "91201", "--period", "2023-Q3", code=2)  # not a year of this plan


def test_schema_and_codes() -> None:
    schema = json.loads(run("schema").stdout)
    assert "plan's rank_universe" in schema["properties"]["value"]["description"]
    assert "2023" not in json.dumps(schema)
    codes = {c["code"] for c in as_json("codes")}
    assert {"lead-contradicts-tasks", "rank-out-of-universe", "baseline-year"} <= codes
