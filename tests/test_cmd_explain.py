"""`qn-dx explain ID`: every observation behind one target, on hand-built actuals; it must agree
with `report`. Also the report workbook's Sources sheet ("Nguồn" in Vietnamese), which lists the
same rows.

The file (line numbers on the left):
 2  EG-16 2023-Q1 21034 3/10   counted
 3  EG-16 2023-Q1 21037 5/10   counted
 4  EG-16 2023-Q2 21034 4/10   counted
 5  EG-16 2023-Q3 21034 4/10   after P = 2023-Q2
 6  EG-16 2023-Q1 522   1/2    a district: invalid (unit-out-of-scope), listed as not counted
 7  EG-04 2023-Q1 21010 6/10   counted, carried forward from Q1 (rule latest)
 8  EG-04 2023-Q2 21040 9/10   counted
 9  EG-04 2023-Q1 21040 7/10   superseded by line 8
EG-16 (year_to_date) at Q2: (3 + 4 + 5) / (10 + 10 + 10) = 12/30 = 40 %; goal ≥ 70 → gap 30;
points Q1 8/20 = 40, Q2 40 → projection 40 → off_track; 2 of 173 communes.
EG-04 (latest) at Q2: 21010 6/10 (Q1, carried) + 21040 9/10 (Q2) = 15/20 = 75 % ≥ 60 → met, gap -15.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import HEADER, invoke, write
from qn_dx.plan.load import display_path

ROWS = [
    "EG-16,2023-Q1,21034,3,10,,",
    "EG-16,2023-Q1,21037,5,10,,",
    "EG-16,2023-Q2,21034,4,10,,",
    "EG-16,2023-Q3,21034,4,10,,",
    "EG-16,2023-Q1,522,1,2,,",
    "EG-04,2023-Q1,21010,6,10,,",
    "EG-04,2023-Q2,21040,9,10,,",
    "EG-04,2023-Q1,21040,7,10,,",
]


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    folder = tmp_path / "actuals"
    folder.mkdir()
    path = folder / "act.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def _explain(runner: CliRunner, csv_file: Path, target: str, *args: str) -> dict[str, Any]:
    result = invoke(
        runner,
        "explain",
        target,
        "--actuals",
        str(csv_file.parent),
        "--as-of",
        "2023-Q2",
        "--format",
        "json",
        "--lang",
        "en",
        *args,
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _report(runner: CliRunner, csv_file: Path) -> dict[str, Any]:
    result = invoke(
        runner,
        "report",
        "--actuals",
        str(csv_file.parent),
        "--as-of",
        "2023-Q2",
        "--format",
        "json",
        "--lang",
        "en",
        "--skip-invalid",
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_eg16_lists_each_counted_observation(runner: CliRunner, csv_file: Path) -> None:
    d = _explain(runner, csv_file, "EG-16")
    f = display_path(csv_file)
    assert d["id"] == "EG-16"
    assert d["as_of"] == "2023-Q2"
    got = [
        (c["unit"], c["period"], c["numerator"], c["denominator"], c["file"], c["line"])
        for c in d["contributions"]
    ]
    assert got == [
        ("21034", "2023-Q1", 3, 10, f, 2),
        ("21034", "2023-Q2", 4, 10, f, 4),
        ("21037", "2023-Q1", 5, 10, f, 3),
    ]
    assert [c["unit_name"] for c in d["contributions"]] == [
        "Xã Nghĩa Dũng",
        "Xã Nghĩa Dũng",
        "Xã Nghĩa Dõng",
    ]
    # year_to_date sums the quarters: nothing is carried forward.
    assert not any(c["carried_forward"] for c in d["contributions"])
    assert (d["actual"], d["target"], d["gap"], d["status"]) == (40.0, 70.0, 30.0, "off_track")
    assert (d["units_reported"], d["units_expected"]) == (2, 173)
    assert d["projection"] == {
        "points": [{"period": "2023-Q1", "value": 40.0}, {"period": "2023-Q2", "value": 40.0}],
        "year_end": 40.0,
    }


def test_eg16_excluded_with_reasons(runner: CliRunner, csv_file: Path) -> None:
    d = _explain(runner, csv_file, "EG-16")
    f = display_path(csv_file)
    excluded = d["excluded"]
    assert [(x["unit"], x["period"], x["file"], x["line"]) for x in excluded] == [
        ("21034", "2023-Q3", f, 5),
        ("522", "2023-Q1", f, 6),
    ]
    assert excluded[0]["reason"].startswith("after")
    assert excluded[0]["reason"] == "after 2023-Q2: dated at the end of 2023-Q3"
    # The district's row is invalid, but explain still says why it does not count.
    assert excluded[1]["reason"].startswith("unit-out-of-scope")
    assert "scope" in excluded[1]["reason"].removeprefix("unit-out-of-scope")
    assert "522" in excluded[1]["reason"]


def test_eg04_carried_forward(runner: CliRunner, csv_file: Path) -> None:
    d = _explain(runner, csv_file, "EG-04")
    f = display_path(csv_file)
    got = [
        (c["unit"], c["period"], c["numerator"], c["denominator"], c["line"], c["carried_forward"])
        for c in d["contributions"]
    ]
    assert got == [
        ("21010", "2023-Q1", 6, 10, 7, True),  # reported only in Q1
        ("21040", "2023-Q2", 9, 10, 8, False),
    ]
    assert (d["actual"], d["gap"], d["status"]) == (75.0, -15.0, "met")
    assert (d["units_reported"], d["units_expected"]) == (2, 25)
    assert d["excluded"] == [
        {
            "unit": "21040",
            "period": "2023-Q1",
            "file": f,
            "line": 9,
            "reason": "superseded by a later period of the same unit (rule: latest)",
        }
    ]


def test_nothing_carried_forward_at_q1(runner: CliRunner, csv_file: Path) -> None:
    result = invoke(
        runner,
        "explain",
        "EG-04",
        "--actuals",
        str(csv_file.parent),
        "--as-of",
        "2023-Q1",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    # At Q1: 21010 6/10 and 21040 7/10 (line 9) → 13/20 = 65 %.
    assert [(c["unit"], c["line"], c["carried_forward"]) for c in d["contributions"]] == [
        ("21010", 7, False),
        ("21040", 9, False),
    ]
    assert d["actual"] == 65.0


@pytest.mark.parametrize("target", ["EG-16", "EG-04", "EG-01"])
def test_explain_agrees_with_report(runner: CliRunner, csv_file: Path, target: str) -> None:
    d = _explain(runner, csv_file, target)
    (row,) = [t for t in _report(runner, csv_file)["targets"] if t["id"] == target]
    for key in ("actual", "target", "gap", "status", "units_reported", "units_expected"):
        assert d[key] == row[key], key
    assert len(d["contributions"]) == row["observations_used"]


def test_lower_case_id(runner: CliRunner, csv_file: Path) -> None:
    assert _explain(runner, csv_file, "eg-16")["id"] == "EG-16"


def test_unknown_id_suggests(runner: CliRunner, csv_file: Path) -> None:
    result = invoke(runner, "explain", "EG-4", "--actuals", str(csv_file.parent))
    assert result.exit_code == 2
    assert "unknown target 'EG-4'" in result.output
    assert "did you mean EG-04?" in result.output
    # never another number: EG-99 is not "probably" EG-19
    result = invoke(runner, "explain", "EG-99", "--actuals", str(csv_file.parent))
    assert result.exit_code == 2 and "did you mean" not in result.output


def test_text_mentions_every_file_line(runner: CliRunner, csv_file: Path) -> None:
    result = invoke(
        runner,
        "explain",
        "EG-16",
        "--actuals",
        str(csv_file.parent),
        "--as-of",
        "2023-Q2",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    f = display_path(csv_file)
    for line in (2, 3, 4, 5, 6):
        assert f"{f}:{line}" in text, line
    assert f"{f}:7" not in text  # an EG-04 row
    assert "Counted (3 observation(s)):" in text
    assert "Not counted (2):" in text
    assert "Σnumerator = 12, Σdenominator = 30 → 40.00 %" in text
    assert "2/173 units reported" in text


def test_text_marks_carried_forward(runner: CliRunner, csv_file: Path) -> None:
    result = invoke(
        runner, "explain", "EG-04", "--actuals", str(csv_file.parent), "--as-of", "2023-Q2"
    )
    assert result.exit_code == 0, result.output
    f = display_path(csv_file)
    (line7,) = [ln for ln in result.stdout.splitlines() if f"{f}:7" in ln]
    assert line7.endswith("(carried forward)")
    (line8,) = [ln for ln in result.stdout.splitlines() if f"{f}:8" in ln]
    assert "carried forward" not in line8


def test_xlsx_sources_sheet_lists_the_observations_used(
    runner: CliRunner, csv_file: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    result = invoke(
        runner,
        "report",
        "--actuals",
        str(csv_file.parent),
        "--as-of",
        "2023-Q2",
        "--lang",
        "en",
        "--skip-invalid",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out, read_only=True)
    assert "Nguồn - Sources" in book.sheetnames
    rows = list(book["Nguồn - Sources"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert list(header) == [
        "ID",
        "Unit code",
        "Unit",
        "Period",
        "Numerator",
        "Denominator",
        "Value",
        "Done",
        "Basis",
        "File",
        "Line",
    ]
    # EG-16: lines 2, 3, 4; EG-04: lines 7, 8 → 5 rows, as the JSON report counts them.
    report = _report(runner, csv_file)
    assert len(body) == report["observations_used"] == 5
    assert sorted((r[0], r[10]) for r in body) == [
        ("EG-04", 7),
        ("EG-04", 8),
        ("EG-16", 2),
        ("EG-16", 3),
        ("EG-16", 4),
    ]
    (row7,) = [r for r in body if r[0] == "EG-04" and r[10] == 7]
    assert row7[1:4] == ("21010", "Phường Lê Hồng Phong", "2023-Q1")
    assert (row7[4], row7[5]) == (6, 10)
    assert row7[9] == display_path(csv_file)


# --- issue 14: readings, recorded baselines, several leads ---------------------------------------


def _shipped(runner: CliRunner, target: str) -> dict[str, Any]:
    result = invoke(runner, "explain", target, "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_de06_says_which_reading_and_what_the_other_gives(runner: CliRunner) -> None:
    """On the shipped sample: 2022 share 9.8 %, 2023 13.6 %."""
    d = _shipped(runner, "DE-06")
    assert d["reading"]["kept"] == {"rule": "≥ baseline + 5 pp", "goal": 14.8}
    assert d["reading"]["other"] == {
        "rule": "baseline × 1.05",
        "goal": 10.29,
        "met": True,
        "note": "'tăng 5%' as a relative rise of the share: baseline × 1.05.",
    }
    assert "+5 percentage points" in d["reading"]["text"]
    assert (d["status"], d["target"]) == ("not_met", 14.8)
    assert d["note"].startswith("goal read as baseline + 5 pp = 14.8 %; the other reading")
    text = invoke(runner, "explain", "DE-06", "--lang", "en").stdout
    assert "the other reading, baseline × 1.05, gives 10.29 % (met by the actual 13.6 %)" in text


def test_a_baseline_from_a_document_outside_the_plan(runner: CliRunner) -> None:
    d = _shipped(runner, "DG-13")
    plan = d["baseline"]["plan"]
    assert (plan["year"], plan["value"], plan["quote"]) == (2022, 17, None)
    assert plan["reference"] == {
        "document": "Báo cáo Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2022",
        "publisher": "Bộ Thông tin và Truyền thông",
        "published": "2023-07",
        "url": None,
    }
    assert "overall DTI 2022: 26 of 63" in plan["note"]
    assert plan["file"].endswith("targets.yaml") and isinstance(plan["line"], int)


def test_a_recorded_baseline_a_milestone_does_not_compute_with(runner: CliRunner) -> None:
    d = _shipped(runner, "EG-14")
    assert d["baseline"]["value"] is None and d["baseline"]["source"] is None
    assert d["baseline"]["plan"]["quote"].startswith("Có 05/13 cơ quan hành chính cấp huyện")
    assert d["leads"] == ["SO_BAN_NGANH", "UBND_HUYEN"] and d["tasks"] == ["NV-8.3"]
    assert (d["units_reported"], d["units_expected"]) == (33, 33)


def test_each_leads_part_is_an_observation(runner: CliRunner) -> None:
    d = _shipped(runner, "CS-05")
    assert d["rule"]["scope"] == {"levels": [], "types": None, "units": ["SGDDT", "SLDTBXH"]}
    assert {c["unit"] for c in d["contributions"]} == {"SGDDT", "SLDTBXH"}
    assert d["actual"] == 100.0  # (560 + 24) / (560 + 24)


def test_reasons_name_periods_in_the_language(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,9,10,,", "EG-16,2023-Q2,21010,9,10,,"])
    vi = invoke(
        runner, "explain", "EG-16", "--actuals", str(tmp_path), "--as-of", "2023-Q1", "--lang", "vi"
    ).stdout
    assert "sau Quý I/2023: tính vào cuối kỳ Quý II/2023" in vi
    en = invoke(
        runner, "explain", "EG-16", "--actuals", str(tmp_path), "--as-of", "2023-Q1", "--lang", "en"
    ).stdout
    assert "after 2023-Q1: dated at the end of 2023-Q2" in en
