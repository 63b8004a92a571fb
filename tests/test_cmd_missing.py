"""`qn-dx missing`: small actuals and task-progress files, JSON and CSV read back, every number
worked out by hand (see test_compute_missing.py for the 633 / 700 expected pairs)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import HEADER, invoke
from qn_dx.cli import app

TASK_HEADER = "task_id,period,status,progress,note"
XA_A, XA_B = "21034", "21037"  # Xã Nghĩa Dũng, Xã Nghĩa Dõng


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """At Q1: EG-16 from two communes, EG-01 from the province, EG-15 from Sở Y tế.
    Task progress: NV-2.1 (lead STTTT) for Q1, NV-2.2 (lead STTTT) for Q2."""
    d = tmp_path / "actuals"
    d.mkdir()
    (d / "actuals.csv").write_text(
        "\n".join(
            [
                HEADER,
                f"EG-16,2023-Q1,{XA_A},3,10,,",
                f"EG-16,2023-Q1,{XA_B},5,10,,",
                "EG-01,2023-Q1,51,60,100,,",
                "EG-15,2023-Q1,SYT,9,10,,",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (d / "progress.csv").write_text(
        "\n".join([TASK_HEADER, "NV-2.1,2023-Q1,delayed,10,", "NV-2.2,2023-Q2,in_progress,50,"])
        + "\n",
        encoding="utf-8",
    )
    return d


def _invoke(runner: CliRunner, *args: str) -> Any:
    return invoke(runner, "missing", *args)


def _json(runner: CliRunner, folder: Path, *args: str) -> dict[str, Any]:
    result = _invoke(runner, "--actuals", str(folder), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _target(d: dict[str, Any], target_id: str) -> dict[str, Any]:
    (t,) = [t for t in d["targets"] if t["id"] == target_id]
    return t


def _agency(d: dict[str, Any], code: str) -> dict[str, Any]:
    (a,) = [a for a in d["agencies"] if a["agency"] == code]
    return a


def test_eg16_two_of_173(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "--as-of", "2023-Q1")
    assert d["as_of"] == "2023-Q1"
    t = _target(d, "EG-16")
    assert (t["reported"], t["expected"]) == (2, 173)
    assert t["rate"] == 1.1561  # 100 × 2 / 173 = 1.15606…
    assert len(t["missing"]) == 171
    codes = {u["code"] for u in t["missing"]}
    assert XA_A not in codes and XA_B not in codes
    # Each commune owes its own figure.
    assert all(u["responsible"] == u["code"] for u in t["missing"])


def test_province_target_owed_by_lead(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "--as-of", "2023-Q1")
    t = _target(d, "EG-03")
    assert (t["reported"], t["expected"], t["rate"], t["lead"]) == (0, 1, 0.0, "STTTT")
    assert t["missing"] == [{"code": "51", "name": "Tỉnh Quảng Ngãi", "responsible": "STTTT"}]
    assert {"target": "EG-03", "unit": "51"} in _agency(d, "STTTT")["owed"]


def test_reported_target_has_nothing_missing(runner: CliRunner, folder: Path) -> None:
    t = _target(_json(runner, folder, "--as-of", "2023-Q1"), "EG-01")
    assert (t["reported"], t["expected"], t["rate"], t["missing"]) == (1, 1, 100.0, [])


def test_commune_owes_its_own_figures(runner: CliRunner, folder: Path) -> None:
    a = _agency(_json(runner, folder, "--as-of", "2023-Q1"), XA_A)
    assert a["name"] == "Xã Nghĩa Dũng"
    # EG-05, EG-16, EG-18 are its targets; EG-16 is in.
    assert (a["reported"], a["expected"], a["rate"]) == (1, 3, 33.3333)
    assert a["owed"] == [{"target": "EG-05", "unit": XA_A}, {"target": "EG-18", "unit": XA_A}]


def test_completeness_and_area_rates(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "--as-of", "2023-Q1")
    # 4 pairs in: EG-16 ×2, EG-01, EG-15 (SYT) — all e-government.
    assert d["completeness"] == {"reported": 4, "expected": 700, "rate": 0.5714}  # 400/700
    assert d["areas"] == [
        {"area": "e-government", "reported": 4, "expected": 633, "rate": 0.6319},  # 400/633
        {"area": "digital-government", "reported": 0, "expected": 45, "rate": 0.0},
        {"area": "digital-economy", "reported": 0, "expected": 7, "rate": 0.0},
        {"area": "digital-society", "reported": 0, "expected": 8, "rate": 0.0},
        {"area": "cybersecurity", "reported": 0, "expected": 7, "rate": 0.0},
    ]


def test_per_agency_rates(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "--as-of", "2023-Q1")
    # DS-05 (lead) + its own part of EG-11 + its own EG-14, EG-15, EG-17, DG-12 = 6
    syt = _agency(d, "SYT")
    assert (syt["reported"], syt["expected"], syt["rate"]) == (1, 6, 16.6667)
    assert [o["target"] for o in syt["owed"]] == ["EG-11", "EG-14", "EG-17", "DG-12", "DS-05"]
    assert {"target": "EG-11", "unit": "SYT"} in syt["owed"]  # its own part, its own code
    vp = _agency(d, "VPUBND")  # EG-01, EG-02, EG-19, DG-01 (lead) + EG-14, EG-15, EG-17, DG-12 = 8
    assert (vp["reported"], vp["expected"], vp["rate"]) == (1, 8, 12.5)
    stttt = _agency(d, "STTTT")  # 27 province-wide figures it owes (EG-01 with VPUBND) + own 4
    assert (stttt["reported"], stttt["expected"], stttt["rate"]) == (1, 31, 3.2258)


def test_agency_filter(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "--as-of", "2023-Q1", "--agency", "STTTT")
    assert [a["agency"] for a in d["agencies"]] == ["STTTT"]
    # Every target listed has only STTTT's share missing; the communes' EG-16 is not its debt.
    assert len(d["targets"]) == 30
    assert "EG-16" not in {t["id"] for t in d["targets"]}
    for t in d["targets"]:
        assert {u["responsible"] for u in t["missing"]} == {"STTTT"}
    assert _target(d, "EG-15")["missing"] == [
        {"code": "STTTT", "name": "Sở Thông tin và Truyền thông", "responsible": "STTTT"}
    ]
    # Rates stay the target's own, not the filtered share.
    assert (_target(d, "EG-15")["reported"], _target(d, "EG-15")["expected"]) == (1, 33)


def test_agency_filter_by_name(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "--as-of", "2023-Q1", "--agency", "so y te")
    assert [t["id"] for t in d["targets"]] == ["EG-11", "EG-14", "EG-17", "DG-12", "DS-05"]
    assert [a["agency"] for a in d["agencies"]] == ["SYT"]


def test_agency_group_takes_its_members(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "--as-of", "2023-Q1", "--agency", "UBND cấp xã")
    codes = {a["agency"] for a in d["agencies"]}
    # 173 communes each owe something (EG-16/EG-18 at least); the group owes tasks of its own.
    assert XA_A in codes and "UBND_XA" in codes
    assert len(codes - {"UBND_XA"}) == 173
    # ... and DG-08, which the commune People's Committees lead with the departments and
    # districts (row 4.8): owed by the groups, so by UBND_XA among them.
    assert {t["id"] for t in d["targets"]} == {"EG-04", "EG-05", "EG-16", "EG-18", "DG-08"}
    assert {u["responsible"] for u in _target(d, "DG-08")["missing"]} == {"UBND_XA"}


def test_unknown_agency_is_a_usage_error(runner: CliRunner, folder: Path) -> None:
    result = _invoke(runner, "--actuals", str(folder), "--agency", "qqqqzzzz")
    assert result.exit_code == 2
    assert "unknown agency" in result.output


def test_csv_one_row_per_missing_pair_with_bom(runner: CliRunner, folder: Path) -> None:
    result = _invoke(runner, "--actuals", str(folder), "--as-of", "2023-Q1", "--format", "csv")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert list(rows[0]) == [
        "target",
        "area",
        "unit_code",
        "unit_name",
        "responsible",
        "responsible_name",
    ]
    # 700 − 4 missing pairs; EG-09, EG-13 (two leading groups) and DG-08 (three) are owed
    # jointly: one row per group that owes them.
    assert len(rows) == 700 - 4 + 1 + 1 + 2
    assert len({(r["target"], r["unit_code"]) for r in rows}) == 696
    assert sorted(r["responsible"] for r in rows if r["target"] == "DG-08") == [
        "SO_BAN_NGANH",
        "UBND_HUYEN",
        "UBND_XA",
    ]
    assert {
        "target": "EG-03",
        "area": "e-government",
        "unit_code": "51",
        "unit_name": "Tỉnh Quảng Ngãi",
        "responsible": "STTTT",
        "responsible_name": "Sở Thông tin và Truyền thông",
    } in rows
    assert sum(1 for r in rows if r["target"] == "EG-16") == 171


def test_csv_with_agency_filter(runner: CliRunner, folder: Path) -> None:
    result = _invoke(
        runner,
        "--actuals",
        str(folder),
        "--as-of",
        "2023-Q1",
        "--format",
        "csv",
        "--agency",
        "STTTT",
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert len(rows) == 30
    assert {r["responsible"] for r in rows} == {"STTTT"}


def test_tasks_without_progress_under_the_lead(runner: CliRunner, folder: Path) -> None:
    q1 = _agency(_json(runner, folder, "--as-of", "2023-Q1"), "STTTT")
    assert "NV-2.1" not in q1["tasks_unreported"]  # reported for Q1
    assert "NV-2.2" in q1["tasks_unreported"]  # its report is for Q2
    assert len(q1["tasks_unreported"]) == 39  # 40 tasks led by Sở TT&TT, 1 reported
    q2 = _agency(_json(runner, folder, "--as-of", "2023-Q2"), "STTTT")
    assert "NV-2.1" in q2["tasks_unreported"]  # a Q1 report is not progress for Q2
    assert "NV-2.2" not in q2["tasks_unreported"]
    assert len(q2["tasks_unreported"]) == 39


def test_group_lead_listed_with_its_tasks(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "--as-of", "2023-Q1")
    group = _agency(d, "SO_BAN_NGANH")
    assert group["name"] == "Các Sở, ban, ngành tỉnh"
    assert "NV-1.2" in group["tasks_unreported"]
    # Led only by groups, EG-09, EG-13 and DG-08 are owed by the groups themselves.
    assert (group["reported"], group["expected"], group["rate"]) == (0, 3, 0.0)
    assert group["owed"] == [
        {"target": "EG-09", "unit": "51"},
        {"target": "EG-13", "unit": "51"},
        {"target": "DG-08", "unit": "51"},
    ]


def test_default_as_of_is_the_latest_period(runner: CliRunner, folder: Path) -> None:
    assert _json(runner, folder)["as_of"] == "2023-Q1"


def test_table_output(runner: CliRunner, folder: Path) -> None:
    result = _invoke(runner, "--actuals", str(folder), "--as-of", "2023-Q1")
    assert result.exit_code == 0, result.output
    assert "Reporting completeness as of 2023-Q1: 4/700 (0.6 %)" in result.stdout
    assert "2/173" in result.stdout


def test_invalid_actuals_are_refused_unless_skipped(runner: CliRunner, folder: Path) -> None:
    (folder / "bad.csv").write_text(HEADER + "\nEG-16,2023-Q1,522,1,2,,\n", encoding="utf-8")
    refused = _invoke(runner, "--actuals", str(folder), "--as-of", "2023-Q1", "--format", "json")
    assert refused.exit_code == 1
    d = _json(runner, folder, "--as-of", "2023-Q1", "--skip-invalid")
    assert (_target(d, "EG-16")["reported"], _target(d, "EG-16")["expected"]) == (2, 173)


def test_sent_but_refused_is_told_apart_from_not_sent(runner: CliRunner, tmp_path: Path) -> None:
    d = tmp_path / "actuals"
    d.mkdir()
    (d / "a.csv").write_text(
        f"{HEADER}\nEG-16,2023-Q1,{XA_A},3,10,,\nEG-16,2023-Q1,{XA_B},12,10,,\n", encoding="utf-8"
    )
    result = runner.invoke(
        app,
        ["missing", "--actuals", str(d), "--as-of", "2023-Q1", "--skip-invalid", "-f", "json"],
        env={"QN_DX_DATA": None},
    )
    doc = json.loads(result.stdout)
    eg16 = next(t for t in doc["targets"] if t["id"] == "EG-16")
    by_code = {u["code"]: u for u in eg16["missing"]}
    assert XA_A not in by_code  # it counts
    (where,) = by_code[XA_B]["refused_rows"]  # numerator > denominator: refused
    assert where.endswith("a.csv:3")
    assert "refused_rows" not in by_code["21010"]  # sent nothing
    owed = next(a for a in doc["agencies"] if a["agency"] == XA_B)["owed"]
    assert {"target": "EG-16", "unit": XA_B, "refused_rows": [where]} in owed


def test_a_goal_without_its_baseline_asks_for_it(runner: CliRunner, tmp_path: Path) -> None:
    d = tmp_path / "actuals"
    d.mkdir()
    (d / "a.csv").write_text(f"{HEADER}\nDE-06,2023-Q1,51,,,12,\n", encoding="utf-8")
    args = ["--actuals", str(d), "--as-of", "2023-Q1", "--format", "json"]
    doc = json.loads(runner.invoke(app, ["missing", *args], env={"QN_DX_DATA": None}).stdout)
    de06 = next(t for t in doc["targets"] if t["id"] == "DE-06")
    assert de06["missing"] == []  # the 2023 figure is in
    assert de06["baseline_owed"] is True  # "+5 points over 2022": 2022 is not
    eg01 = next(t for t in doc["targets"] if t["id"] == "EG-01")
    assert "baseline_owed" not in eg01
