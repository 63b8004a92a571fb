"""`qn-dx report`: small actuals files written here, the report read back as JSON with every
number worked out by hand; exit codes, --skip-invalid, --fail-on, --by-unit, --lang, --output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import HEADER, invoke
from qn_dx.cli import app
from qn_dx.plan import Plan

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
AREAS = [
    "e-government",
    "digital-government",
    "digital-economy",
    "digital-society",
    "cybersecurity",
]
TARGET_KEYS = {
    "id",
    "area",
    "title",
    "measure",
    "unit",
    "op",
    "target",
    "actual",
    "gap",
    "status",
    "baseline",
    "units_reported",
    "units_expected",
}
XA_A, XA_B = "21034", "21037"  # Xã Nghĩa Dũng, Xã Nghĩa Dõng
PHUONG_A = "21010"  # Phường Lê Hồng Phong


def _csv(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _report(runner: CliRunner, csv: Path, *extra: str) -> dict[str, Any]:
    result = invoke(runner, "report", "--actuals", str(csv), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _by_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in doc["targets"]}


# --- numbers ----------------------------------------------------------------------------------


def test_ratio_is_sum_over_sum(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(
        tmp_path / "a.csv",
        f"EG-16,2023-Q1,{XA_A},10,100,,",
        f"EG-16,2023-Q1,{XA_B},90,100,,",
    )
    eg16 = _by_id(_report(runner, csv, "--as-of", "2023-Q1"))["EG-16"]
    assert eg16["actual"] == 50.0
    assert eg16["gap"] == 20.0
    assert (eg16["units_reported"], eg16["units_expected"]) == (2, 173)


def test_ratio_unequal_denominators(runner: CliRunner, tmp_path: Path) -> None:
    # 91 / 110 × 100 = 82.727272… → 82.7273 (4 decimals); gap 70 − 82.7273 = −12.7273.
    csv = _csv(
        tmp_path / "a.csv",
        f"EG-16,2023-Q1,{XA_A},1,10,,",
        f"EG-16,2023-Q1,{XA_B},90,100,,",
    )
    eg16 = _by_id(_report(runner, csv, "--as-of", "2023-Q1"))["EG-16"]
    assert eg16["actual"] == 82.7273
    assert eg16["gap"] == -12.7273
    assert eg16["status"] == "met"


def test_year_to_date_and_latest(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(
        tmp_path / "a.csv",
        f"EG-16,2023-Q1,{XA_A},30,100,,",
        f"EG-16,2023-Q2,{XA_A},50,100,,",
        f"EG-04,2023-Q1,{PHUONG_A},30,100,,",
        "EG-04,2023-Q1,21013,50,100,,",
        "EG-04,2023-Q2,21013,70,100,,",
        f"EG-04,2023-Q3,{PHUONG_A},90,100,,",
    )
    q2 = _by_id(_report(runner, csv, "--as-of", "2023-Q2"))
    assert q2["EG-16"]["actual"] == 40.0
    assert q2["EG-04"]["actual"] == 50.0  # 30 (Q1, carried) + 70, over 200
    assert q2["EG-04"]["observations_used"] == 2
    q1 = _by_id(_report(runner, csv, "--as-of", "2023-Q1"))
    assert q1["EG-16"]["actual"] == 30.0
    assert q1["EG-04"]["actual"] == 40.0
    q3 = _by_id(_report(runner, csv, "--as-of", "2023-Q3"))
    assert q3["EG-04"]["actual"] == 80.0


def test_baselines_ranks_and_statuses(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(
        tmp_path / "a.csv",
        "DG-04,2022,51,,,72.5,",
        "DG-04,2023-Q4,51,,,76.8,",
        "DG-05,2023-Q4,51,,,60,",
        "DG-01,2023-Q4,51,30,100,,",
        "DE-06,2022,51,,,9.8,",
        "DE-06,2023-Q4,51,,,13.6,",
        "DG-13,2023,51,,,29,",
        "DE-07,2023,51,,,38,",
        "EG-07,2023-Q4,51,,,not_done,",
        "EG-08,2023-Q4,51,,,done,",
    )
    doc = _report(runner, csv)
    assert doc["as_of"] == "2023-Q4"  # ties with the annual rows: the shorter period wins
    t = _by_id(_report(runner, csv, "--as-of", "2023-Q4"))
    assert (t["DG-04"]["baseline"], t["DG-04"]["baseline_source"]) == (72.5, "actuals")
    assert (t["DG-04"]["target"], t["DG-04"]["status"], t["DG-04"]["gap"]) == (72.5, "met", -4.3)
    # DG-05: the plan gives no baseline (Part I's 60% is of adults): no 2022 row, no status.
    assert (t["DG-05"]["baseline"], t["DG-05"]["baseline_source"]) == (None, None)
    assert (t["DG-05"]["status"], t["DG-05"]["gap"]) == ("no_data", None)
    assert t["DG-05"]["note"] == "no baseline: neither the 2022 actuals nor the plan give one"
    # DG-01: Part I's "trên 30%"; 30/100 is no increase.
    assert (t["DG-01"]["baseline"], t["DG-01"]["baseline_source"]) == (30.0, "plan")
    assert (t["DG-01"]["status"], t["DG-01"]["gap"]) == ("not_met", 0.0)
    assert (t["DE-06"]["target"], t["DE-06"]["actual"]) == (14.8, 13.6)
    assert (t["DE-06"]["status"], t["DE-06"]["gap"]) == ("not_met", 1.2)
    assert t["DE-06"]["note"] == (
        "goal read as baseline + 5 pp = 14.8 %; the other reading, baseline × 1.05, gives "
        "10.29 % (met by the actual 13.6 %)"
    )
    assert (t["DG-13"]["actual"], t["DG-13"]["status"], t["DG-13"]["gap"]) == (29.0, "met", -3.0)
    assert (t["DE-07"]["actual"], t["DE-07"]["status"], t["DE-07"]["gap"]) == (
        38.0,
        "not_met",
        6.0,
    )
    assert (t["EG-07"]["actual"], t["EG-07"]["status"], t["EG-07"]["gap"]) == (
        "not_done",
        "not_met",
        None,
    )
    assert (t["EG-08"]["actual"], t["EG-08"]["status"]) == ("done", "met")
    assert t["DG-06"]["status"] == "no_data"  # nothing reported
    # At Q3 the annual ranks do not count yet; the Q4 rows neither.
    q3 = _by_id(_report(runner, csv, "--as-of", "2023-Q3"))
    assert (q3["DG-13"]["actual"], q3["DG-13"]["status"]) == (None, "no_data")
    assert q3["DG-13"]["units_reported"] == 0


def test_no_2022_row_and_no_plan_baseline_is_no_data(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(tmp_path / "a.csv", "DG-04,2023-Q4,51,,,76.8,")
    dg04 = _by_id(_report(runner, csv))["DG-04"]
    assert dg04["status"] == "no_data"
    assert dg04["actual"] == 76.8
    assert dg04["baseline"] is None
    assert dg04["target"] is None


def test_projection_statuses(runner: CliRunner, tmp_path: Path) -> None:
    # EG-01: (3, 60), (6, 80) → 120 at month 12: on_track; EG-02: (3, 60), (6, 62) → 66.
    csv = _csv(
        tmp_path / "a.csv",
        "EG-01,2023-Q1,51,60,100,,",
        "EG-01,2023-Q2,51,80,100,,",
        "EG-02,2023-Q1,51,60,100,,",
        "EG-02,2023-Q2,51,62,100,,",
        "EG-07,2023-Q2,51,,,not_done,",
    )
    t = _by_id(_report(runner, csv))
    assert (t["EG-01"]["status"], t["EG-01"]["projection"]) == ("on_track", 120.0)
    assert t["EG-01"]["projection_points"] == [
        {"period": "2023-Q1", "value": 60.0},
        {"period": "2023-Q2", "value": 80.0},
    ]
    assert (t["EG-02"]["status"], t["EG-02"]["projection"]) == ("off_track", 66.0)
    assert t["EG-07"]["status"] == "pending"


def test_json_shape(runner: CliRunner, tmp_path: Path, plan: Plan) -> None:
    csv = _csv(tmp_path / "a.csv", "EG-01,2023-Q1,51,60,100,,", "DG-13,2023,51,,,29,")
    doc = _report(runner, csv, "--lang", "en")
    assert doc["plan"]["number"] == "189/KH-UBND"
    assert doc["plan"]["plan_year"] == 2023
    assert doc["plan"]["baseline_year"] == 2022
    assert doc["as_of"] == "2023"
    assert doc["rows_left_out"] == 0
    assert [t["id"] for t in doc["targets"]] == [t.id for t in plan.targets]
    for t in doc["targets"]:
        assert set(t) >= TARGET_KEYS, t["id"]
        assert "units" not in t
    assert [a["area"] for a in doc["areas"]] == AREAS
    statuses = ["met", "on_track", "off_track", "pending", "not_met", "no_data"]
    for a in doc["areas"]:
        assert list(a["counts"]) == statuses
    eg = doc["areas"][0]["counts"]
    assert eg["not_met"] == 1  # EG-01 at 60 % at the year end
    assert eg["no_data"] == 19
    assert doc["counts"]["met"] == 1  # DG-13
    assert sum(doc["counts"].values()) == 54


def test_by_unit_json(runner: CliRunner, tmp_path: Path, plan: Plan) -> None:
    csv = _csv(
        tmp_path / "a.csv",
        f"EG-16,2023-Q1,{XA_A},80,100,,",
        f"EG-16,2023-Q1,{XA_B},40,100,,",
        "EG-01,2023-Q1,51,60,100,,",
    )
    t = _by_id(_report(runner, csv, "--by-unit"))
    units = t["EG-16"]["units"]
    assert len(units) == 173
    assert units[0] == {
        "code": XA_B,
        "name": "Xã Nghĩa Dõng",
        "actual": 40.0,
        "status": "not_met",
        "gap": 30.0,
        "period": "2023-Q1",
    }
    assert {k: units[1][k] for k in ("code", "name", "actual", "status")} == {
        "code": XA_A,
        "name": "Xã Nghĩa Dũng",
        "actual": 80.0,
        "status": "met",
    }
    assert all(u["status"] == "no_data" and u["actual"] is None for u in units[2:])
    assert all(u["name"] == plan.reporting_units[u["code"]].name for u in units)
    assert t["EG-01"]["units"] == [
        {
            "code": "51",
            "name": "Tỉnh Quảng Ngãi",
            "actual": 60.0,
            "status": "not_met",
            "gap": 40.0,
            "period": "2023-Q1",
        }
    ]


def test_lang_vi_and_en_titles(runner: CliRunner, tmp_path: Path, plan: Plan) -> None:
    csv = _csv(tmp_path / "a.csv", "EG-01,2023-Q1,51,60,100,,")
    vi = _report(runner, csv, "--lang", "vi")
    en = _report(runner, csv, "--lang", "en")
    assert [t["title"] for t in vi["targets"]] == [t.title_vi for t in plan.targets]
    assert [t["title"] for t in en["targets"]] == [t.title_en for t in plan.targets]
    assert vi["plan"]["title"] == plan.info.title_vi
    assert en["plan"]["title"] == plan.info.title_en
    assert vi["targets"][0]["title"].startswith("Tỷ lệ thủ tục hành chính (TTHC)")
    assert en["targets"][0]["title"].startswith("Share of eligible administrative procedures")


def test_area_filter(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(tmp_path / "a.csv", "EG-01,2023-Q1,51,60,100,,")
    doc = _report(runner, csv, "--area", "cybersecurity")
    assert [t["id"] for t in doc["targets"]] == [f"CS-0{i}" for i in range(1, 7)]
    assert [a["area"] for a in doc["areas"]] == ["cybersecurity"]
    result = invoke(runner, "report", "--actuals", str(csv), "--area", "nowhere")
    assert result.exit_code == 2


# --- as of ------------------------------------------------------------------------------------


def test_default_as_of_is_the_latest_plan_year_period(runner: CliRunner, tmp_path: Path) -> None:
    rows = ["DG-04,2022,51,,,72.5,", "EG-01,2023-Q1,51,60,100,,", "EG-01,2023-Q2,51,70,100,,"]
    assert _report(runner, _csv(tmp_path / "a.csv", *rows))["as_of"] == "2023-Q2"
    rows.append("EG-02,2023-05,51,1,2,,")
    assert _report(runner, _csv(tmp_path / "b.csv", *rows))["as_of"] == "2023-Q2"
    rows.append("EG-03,2023-06,51,1,2,,")  # ends with Q2: the shorter one wins
    assert _report(runner, _csv(tmp_path / "c.csv", *rows))["as_of"] == "2023-06"
    rows.append("EG-06,2023-Q3,51,1,2,,")
    assert _report(runner, _csv(tmp_path / "d.csv", *rows))["as_of"] == "2023-Q3"


def test_no_plan_year_rows_needs_as_of(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(tmp_path / "a.csv", "DG-04,2022,51,,,72.5,")
    result = invoke(runner, "report", "--actuals", str(csv), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    doc = _report(runner, csv, "--as-of", "2023-Q1")
    assert doc["as_of"] == "2023-Q1"
    assert doc["counts"]["no_data"] == 54


@pytest.mark.parametrize("bad", ["2022-Q4", "2024", "soon", "2023-Q5"])
def test_bad_as_of_is_a_usage_error(runner: CliRunner, tmp_path: Path, bad: str) -> None:
    csv = _csv(tmp_path / "a.csv", "EG-01,2023-Q1,51,60,100,,")
    result = invoke(runner, "report", "--actuals", str(csv), "--as-of", bad, "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_as_of_accepts_other_spellings(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(tmp_path / "a.csv", "EG-01,2023-Q1,51,60,100,,")
    assert _report(runner, csv, "--as-of", "Quý II/2023")["as_of"] == "2023-Q2"


# --- invalid actuals --------------------------------------------------------------------------


def _bad_csv(tmp_path: Path) -> Path:
    return _csv(
        tmp_path / "bad.csv",
        f"EG-16,2023-Q1,{XA_A},120,100,,",  # line 2: numerator > denominator
        "EG-99,2023-Q1,51,1,2,,",  # line 3: unknown indicator
        f"EG-16,2023-Q1,{XA_B},50,100,,",  # line 4: valid
    )


def test_invalid_actuals_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "report", "--actuals", str(_bad_csv(tmp_path)), "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "bad.csv:2:" in result.stderr
    assert "numerator-exceeds-denominator" in result.stderr
    assert "bad.csv:3:" in result.stderr
    assert "unknown-indicator" in result.stderr
    assert "--skip-invalid" in result.stderr


def test_skip_invalid_computes_from_the_valid_rows(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(
        runner,
        "report",
        "--actuals",
        str(_bad_csv(tmp_path)),
        "--format",
        "json",
        "--skip-invalid",
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["rows_left_out"] == 2
    eg16 = _by_id(doc)["EG-16"]
    assert (eg16["actual"], eg16["units_reported"]) == (50.0, 1)
    assert "2 invalid row(s) left out" in result.stderr


def test_skip_invalid_conflicting_duplicates_both_left_out(
    runner: CliRunner, tmp_path: Path
) -> None:
    csv = _csv(
        tmp_path / "dup.csv",
        f"EG-16,2023-Q1,{XA_A},10,100,,",
        f"EG-16,2023-Q1,{XA_A},20,100,,",
        f"EG-16,2023-Q1,{XA_B},30,100,,",
    )
    doc = _report(runner, csv, "--skip-invalid")
    assert doc["rows_left_out"] == 2
    assert _by_id(doc)["EG-16"]["actual"] == 30.0


def test_skip_invalid_with_clean_actuals_leaves_nothing_out(
    runner: CliRunner, tmp_path: Path
) -> None:
    csv = _csv(tmp_path / "a.csv", "EG-01,2023-Q1,51,60,100,,")
    assert _report(runner, csv, "--skip-invalid")["rows_left_out"] == 0


def test_missing_actuals_path_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "report", "--actuals", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2


# --- --fail-on --------------------------------------------------------------------------------


def test_fail_on_not_met(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(tmp_path / "a.csv", "EG-01,2023-Q4,51,60,100,,", "EG-02,2023-Q4,51,100,100,,")
    result = invoke(
        runner, "report", "--actuals", str(csv), "--format", "json", "--fail-on", "not_met"
    )
    assert result.exit_code == 1
    doc = json.loads(result.stdout)  # the report is still written
    assert _by_id(doc)["EG-01"]["status"] == "not_met"
    assert "EG-01" in result.stderr
    assert "EG-02" not in result.stderr
    ok = invoke(
        runner, "report", "--actuals", str(csv), "--format", "json", "--fail-on", "off_track"
    )
    assert ok.exit_code == 0
    both = invoke(
        runner,
        "report",
        "--actuals",
        str(csv),
        "--format",
        "json",
        "--fail-on",
        "off_track",
        "--fail-on",
        "no_data",
    )
    assert both.exit_code == 1


def test_fail_on_unknown_status_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(tmp_path / "a.csv", "EG-01,2023-Q4,51,60,100,,")
    result = invoke(runner, "report", "--actuals", str(csv), "--fail-on", "bad")
    assert result.exit_code == 2


def test_bad_lang_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    csv = _csv(tmp_path / "a.csv", "EG-01,2023-Q4,51,60,100,,")
    result = invoke(runner, "report", "--actuals", str(csv), "--lang", "fr")
    assert result.exit_code == 2


# --- --output ---------------------------------------------------------------------------------


def test_output_onto_an_input_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "2023-so-tttt-toan-tinh.csv"
    shutil.copy(DATA / "actuals" / "2023-so-tttt-toan-tinh.csv", src)
    before = src.read_bytes()
    result = invoke(runner, "report", "--actuals", str(src), "--output", str(src))
    assert result.exit_code == 2
    assert "input" in result.stderr
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]  # no temporary file left


def test_output_onto_an_input_inside_a_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "actuals"
    shutil.copytree(DATA / "actuals", folder)
    victim = folder / "2023-huyen-xa.csv"
    before = victim.read_bytes()
    result = invoke(
        runner, "report", "--actuals", str(folder), "--format", "csv", "--output", str(victim)
    )
    assert result.exit_code == 2
    assert victim.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.json", lambda b: json.loads(b)["as_of"] == "2023-Q4"),
        ("out.csv", lambda b: b.startswith("\ufeffid,area,title".encode())),
        ("out.md", lambda b: b.startswith(b"# 189/KH-UBND")),
        ("out.html", lambda b: b.startswith(b"<!DOCTYPE html>")),
        ("out.xlsx", lambda b: b.startswith(b"PK")),
        ("OUT.HTM", lambda b: b.startswith(b"<!DOCTYPE html>")),
    ],
)
def test_format_from_output_extension(
    runner: CliRunner, tmp_path: Path, name: str, check: Any
) -> None:
    out = tmp_path / name
    result = invoke(runner, "report", "--lang", "en", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert check(out.read_bytes())


def test_unknown_output_extension_needs_format(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    result = invoke(runner, "report", "--output", str(out))
    assert result.exit_code == 2
    assert not out.exists()
    ok = invoke(runner, "report", "--output", str(out), "--format", "json", "--lang", "en")
    assert ok.exit_code == 0
    assert json.loads(out.read_bytes())["as_of"] == "2023-Q4"


# --- the shipped sample and the installed command ---------------------------------------------


def test_shipped_sample_defaults(runner: CliRunner) -> None:
    result = invoke(runner, "report", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2023-Q4"
    assert len(doc["targets"]) == 54
    t = _by_id(doc)
    # Spot checks against the sample rows (data/actuals/2023-so-tttt-toan-tinh.csv).
    assert (t["DE-06"]["baseline"], t["DE-06"]["target"], t["DE-06"]["actual"]) == (
        9.8,
        14.8,
        13.6,
    )
    assert (t["DE-06"]["status"], t["DE-06"]["gap"]) == ("not_met", 1.2)
    assert (t["DG-13"]["actual"], t["DG-13"]["gap"], t["DG-13"]["status"]) == (29.0, -3.0, "met")
    assert (t["DG-04"]["baseline"], t["DG-04"]["baseline_source"]) == (72.5, "actuals")
    assert (t["DG-05"]["baseline"], t["DG-05"]["baseline_source"]) == (62.0, "actuals")
    assert (t["EG-04"]["units_expected"], t["EG-05"]["units_expected"]) == (25, 148 + 1)
    # Each lead's own part: EG-11 (SYT done, SGDDT not), CS-05 (schools and care facilities).
    assert (t["EG-11"]["actual"], t["EG-11"]["units_reported"]) == ("not_done", 2)
    assert (t["CS-05"]["actual"], t["CS-05"]["units_expected"]) == (100.0, 2)
    assert t["EG-01"]["lead"] == "VPUBND"  # the first of its leads
    assert t["EG-15"]["units_expected"] == 33
    # Nothing is on/off track or pending at the year's last period.
    assert {x["status"] for x in doc["targets"]} <= {"met", "not_met", "no_data"}


def test_console_script_subprocess() -> None:
    exe = Path(sys.executable).parent / ("qn-dx.exe" if sys.platform == "win32" else "qn-dx")
    assert exe.exists(), exe
    env = {k: v for k, v in os.environ.items() if k not in ("QN_DX_DATA", "PYTHONPATH")}
    proc = subprocess.run(
        [str(exe), "report", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout.decode("utf-8"))
    assert doc["as_of"] == "2023-Q4"
    assert len(doc["targets"]) == 54


def test_gaps_read_as_short_or_over_in_human_formats(runner: CliRunner) -> None:
    """JSON keeps the signed gap; a reader sees "còn 4,0 điểm %" / "vượt 4,5 điểm %"."""
    data = json.loads(invoke(runner, "report", "-f", "json", "--skip-invalid").stdout)
    gaps = {t["id"]: t["gap"] for t in data["targets"]}
    assert gaps["EG-01"] == 4.0 and gaps["EG-04"] < 0
    md_vi = invoke(runner, "report", "-f", "md", "--lang", "vi", "--skip-invalid").stdout
    assert "| còn 4,0 điểm % |" in md_vi and "| vượt 4,5 điểm % |" in md_vi
    assert "-4,5" not in md_vi
    md_en = invoke(runner, "report", "--format", "markdown", "--lang", "en", "--skip-invalid")
    assert "| 4.0 pp short |" in md_en.stdout and "| 4.5 pp over |" in md_en.stdout


def test_the_vietnamese_csv_keeps_negative_numbers_numbers(runner: CliRunner) -> None:
    out = invoke(runner, "report", "-f", "csv", "--lang", "vi", "--skip-invalid").stdout
    assert "'-" not in out
    cells = [c for line in out.splitlines()[1:] for c in line.split(";")]
    assert any(c.startswith("-") and c[1:2].isdigit() for c in cells)


def test_hidden_columns_are_said_under_a_narrow_table(runner: CliRunner) -> None:
    out = runner.invoke(
        app,
        ["report", "--lang", "vi", "--skip-invalid", "--compare", "2023-Q3", "--trend"],
        env={"QN_DX_DATA": None, "COLUMNS": "80"},
    ).stdout
    last = " ".join(" ".join(out.splitlines()[-8:]).split())
    assert "Cửa sổ rộng 80 cột nên đã ẩn các cột:" in last
    assert "Thay đổi" in last and "Xu hướng" in last and "--format html" in last


def test_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """A reader that stops reading (``qn-dx report | head``) gets no error line: the report
    meets the closed pipe and exits 141 as a program stopped by SIGPIPE does, never 2 with
    "Broken pipe". (Whether a reader that took a few bytes first leaves the writer a closed
    pipe or a drained one is the kernel's timing: then 0 or 141, and still quiet.)"""
    qn = Path(sys.executable).parent / "qn-dx"
    args = [str(qn), "report", "--skip-invalid", "--format", "json", "--by-unit"]
    env = {**os.environ, "QN_DX_DATA": ""}
    for read_first in (0, 10):
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        assert proc.stdout is not None and proc.stderr is not None
        if read_first:
            assert len(proc.stdout.read(read_first)) == read_first
        proc.stdout.close()  # before the report is written: it meets a closed pipe
        stderr = proc.stderr.read()
        code = proc.wait(timeout=120)
        assert stderr == b""
        assert code == 141 if not read_first else code in (0, 141)


@pytest.mark.parametrize(("value", "lang"), [("vi_VN.UTF-8", "vi"), ("vi", "vi"), ("EN", "en")])
def test_qn_dx_lang_takes_locale_names(runner: CliRunner, value: str, lang: str) -> None:
    out = runner.invoke(
        app, ["report", "--skip-invalid"], env={"QN_DX_DATA": None, "QN_DX_LANG": value}
    ).stdout
    assert ("tính đến" in out) == (lang == "vi")
