"""`qn-dx template`: a blank submission for one unit — one row per target it reports, period
filled, values empty — as UTF-8-with-BOM CSV or .xlsx, which validates once filled in."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import invoke, validate_json
from qn_dx.plan import Plan

COLUMNS = ["indicator_id", "title", "period", "unit_code", "unit_name", "numerator"]
COLUMNS += ["numerator_means", "denominator", "denominator_means", "value", "value_means"]
COLUMNS += ["goal", "basis"]
COLUMNS += ["expected_basis", "submitted", "note"]
VI_COLUMNS = ["Mã chỉ tiêu", "Tên chỉ tiêu", "Kỳ báo cáo", "Mã đơn vị", "Tên đơn vị", "Tử số"]
VI_COLUMNS += ["Tử số là", "Mẫu số", "Mẫu số là", "Giá trị", "Giá trị là", "Mục tiêu"]
VI_COLUMNS += ["Cách tính"]
VI_COLUMNS += ["Cách tính yêu cầu", "Ngày gửi", "Ghi chú"]


def _template(runner: CliRunner, *args: str) -> tuple[bytes, list[dict[str, str]]]:
    result = invoke(runner, "template", *args)
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    text = raw.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == COLUMNS
    return raw, list(reader)


def test_commune_template(runner: CliRunner) -> None:
    raw, rows = _template(runner, "--unit", "21010", "--period", "Quý II/2023")
    assert raw.startswith(codecs.BOM_UTF8)
    assert [r["indicator_id"] for r in rows] == ["EG-04", "EG-16", "EG-18"]
    for r in rows:
        assert r["period"] == "2023-Q2"
        assert r["unit_code"] == "21010"
        assert r["numerator"] == r["denominator"] == r["value"] == ""
        assert r["title"] and r["numerator_means"] and r["goal"]  # to help whoever fills it in


def test_district_template(runner: CliRunner) -> None:
    _, rows = _template(runner, "--unit", "522", "--period", "2023")
    assert [r["indicator_id"] for r in rows] == ["EG-14", "EG-15", "EG-17", "DG-12"]
    assert {r["period"] for r in rows} == {"2023"}


@pytest.mark.parametrize(
    ("unit", "has", "lacks"),
    [
        ("21034", {"EG-05", "EG-16", "EG-18"}, {"EG-04", "EG-15"}),  # xã
        ("21040", {"EG-04", "EG-16", "EG-18"}, {"EG-05"}),  # thị trấn
        ("STTTT", {"EG-01", "EG-14", "EG-15", "EG-17"}, {"EG-16", "EG-09", "EG-11"}),  # department
        ("SYT", {"EG-11", "EG-14", "DS-05"}, {"EG-01", "CS-05"}),  # a lead's own part (EG-11)
        ("536", {"EG-05", "EG-15"}, {"EG-04", "EG-16"}),  # Lý Sơn: no communes, reports EG-05
        ("51", {"EG-01", "EG-07", "EG-09", "DG-02", "DG-13"}, {"EG-15", "EG-16"}),
    ],
)
def test_scope_decides_the_rows(
    runner: CliRunner, unit: str, has: set[str], lacks: set[str]
) -> None:
    _, rows = _template(runner, "--unit", unit, "--period", "T3/2023")
    ids = {r["indicator_id"] for r in rows}
    assert has <= ids
    assert not lacks & ids
    assert {r["period"] for r in rows} == {"2023-03"}
    own = {r["indicator_id"] for r in rows if r["unit_code"] == unit}
    led = {r["indicator_id"] for r in rows if r["unit_code"] != unit}
    assert has <= own | led
    assert all(r["unit_code"] in (unit, "51") for r in rows)
    assert led == {t.id for t in plan_targets_led(unit) if unit != "51"}


def plan_targets_led(code: str) -> list:  # type: ignore[type-arg]
    from qn_dx.plan import load_plan

    plan = load_plan(None)
    agencies = set(plan.agency_by_code)
    return [
        t
        for t in plan.targets
        if t.scope.levels == ["province"] and code in [c for c in t.leads if c in agencies]
    ]


def test_department_template_holds_the_province_targets_it_leads(
    runner: CliRunner, plan: Plan
) -> None:
    """Exactly what `missing` expects from the department when nothing is reported."""
    from qn_dx.compute.missing import compute_missing
    from qn_dx.ingest.periods import quarter

    _, rows = _template(runner, "--unit", "SYT", "--period", "2023-Q2")
    got = {(r["indicator_id"], r["unit_code"]) for r in rows}
    # DS-05 for the province, which it leads; its own part of EG-11, under its own code.
    assert {("EG-11", "SYT"), ("DS-05", "51")} <= got
    owed = compute_missing(plan, [], quarter(2023, 2)).owed["SYT"]
    assert got == set(owed)


def test_filled_template_validates(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "phuong-le-hong-phong.csv"
    result = invoke(
        runner, "template", "--unit", "21010", "--period", "Quý II/2023", "--output", str(out)
    )
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)

    code, data = validate_json(runner, str(out))  # blank: only unfilled-row warnings
    assert code == 0
    assert data["errors"] == []
    assert [(w["code"], w["line"]) for w in data["warnings"]] == [
        ("unfilled-row", 2),
        ("unfilled-row", 3),
        ("unfilled-row", 4),
    ]
    assert (data["rows"], data["rows_skipped"]) == (3, 3)

    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    for i, r in enumerate(rows):
        r["numerator"], r["denominator"] = str(40 + i), "50"
    rows[0]["value"] = "80"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    out.write_bytes(codecs.BOM_UTF8 + buf.getvalue().encode("utf-8"))

    code, data = validate_json(runner, str(out))
    assert code == 0
    assert data["errors"] == [] and data["warnings"] == []
    assert (data["rows"], data["rows_valid"]) == (3, 3)


def test_province_template_filled_validates(runner: CliRunner, plan: Plan, tmp_path: Path) -> None:
    _, rows = _template(runner, "--unit", "51", "--period", "2023-Q4")
    figures = {"percent": "91,5", "count": "236", "rank": "20"}
    for r in rows:
        target = plan.target_by_id[r["indicator_id"]]
        if target.measure == "ratio":
            r.update(numerator="1", denominator="2")
        elif target.measure == "milestone":
            r.update(value="đạt")
        else:
            r.update(value=figures[target.unit or "count"])
    path = tmp_path / "tinh.csv"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    code, data = validate_json(runner, str(path))
    assert data["errors"] == []
    assert code == 0
    assert data["rows_valid"] == len(rows) > 30


def test_xlsx_template(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = invoke(
        runner, "template", "--unit", "21010", "--period", "2023-Q2", "--output", str(out)
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == VI_COLUMNS  # a workbook is Vietnamese unless --lang en
    assert sheet.title == "Số liệu"
    assert [r[0] for r in rows[1:]] == ["EG-04", "EG-16", "EG-18"]
    assert {r[2] for r in rows[1:]} == {"2023-Q2"}
    assert {r[3] for r in rows[1:]} == {"21010"}  # the code stays text
    assert all(r[5] is None and r[7] is None and r[9] is None for r in rows[1:])

    code, data = validate_json(runner, str(out))
    assert code == 0
    assert [w["code"] for w in data["warnings"]] == ["unfilled-row"] * 3

    for i, row in enumerate(sheet.iter_rows(min_row=2), start=1):
        row[5].value, row[7].value = i, 10
    book.save(out)
    code, data = validate_json(runner, str(out))
    assert code == 0
    assert data["errors"] == [] and data["warnings"] == []
    assert data["rows_valid"] == 3


def test_explicit_xlsx_format(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "t.bin"
    result = invoke(
        runner, "template", "-u", "522", "-p", "2023-Q1", "-o", str(out), "--format", "xlsx"
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"PK\x03\x04"
    assert load_workbook(io.BytesIO(out.read_bytes())).worksheets[0].max_row == 5


def test_xlsx_to_stdout_is_a_usage_error(runner: CliRunner) -> None:
    result = invoke(runner, "template", "--unit", "522", "--period", "2023-Q1", "--format", "xlsx")
    assert result.exit_code == 2


@pytest.mark.parametrize("unit", ["99999", "khong-co", ""])
def test_unknown_unit_exits_2(runner: CliRunner, unit: str) -> None:
    result = invoke(runner, "template", "--unit", unit, "--period", "2023-Q1")
    assert result.exit_code == 2
    assert result.stdout_bytes == b""


@pytest.mark.parametrize("period", ["2030-Q1", "2021", "Q5/2023", "sometime"])
def test_bad_period_exits_2(runner: CliRunner, period: str) -> None:
    result = invoke(runner, "template", "--unit", "21010", "--period", period)
    assert result.exit_code == 2
    assert result.stdout_bytes == b""


def test_missing_options_exit_2(runner: CliRunner) -> None:
    assert invoke(runner, "template", "--unit", "21010").exit_code == 2
    assert invoke(runner, "template", "--period", "2023-Q1").exit_code == 2


def test_task_template_names_the_reporting_agency(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(
        runner, "template", "--kind", "tasks", "--agency", "Sở Y tế", "--period", "2023-Q2"
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows and {r["unit_code"] for r in rows} == {"SYT"}
    assert all(r["role"].startswith("lead") for r in rows)
    assert "SO_BAN_NGANH" not in result.stdout  # a group is named by its name, not its code
    for r in rows:
        r.update(status="in_progress", progress="40")
    out = tmp_path / "syt.csv"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    out.write_text(buf.getvalue(), encoding="utf-8")
    code, data = validate_json(runner, str(out))
    assert code == 0 and data["rows_valid"] == len(rows) and data["warnings"] == []


def test_xlsx_template_lists_and_instructions(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert invoke(runner, "template", "-u", "21010", "-p", "2023-Q2", "-o", str(out)).exit_code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Số liệu", "Hướng dẫn", "Danh mục"]
    assert book["Danh mục"].sheet_state == "hidden"
    data = book["Số liệu"]
    lists = {str(dv.sqref)[0]: dv for dv in data.data_validations.dataValidation}
    assert set(lists) == {"A", "C", "M"}  # indicator, period, basis (no milestone here)
    ids = [c.value for c in book["Danh mục"]["B"] if c.value]
    assert ids == ["EG-04", "EG-16", "EG-18"]  # this unit's own targets
    assert all(dv.errorStyle == "warning" for dv in lists.values())
    text = " ".join(str(c.value) for c in book["Hướng dẫn"]["A"])
    assert "để trống" in text and "đạt" in text
    assert data["D2"].number_format == "@"  # the unit code stays text


def test_all_units_writes_one_template_per_reporting_unit(
    runner: CliRunner, plan: Plan, tmp_path: Path
) -> None:
    out = tmp_path / "bieu-mau"
    result = invoke(
        runner, "template", "--all-units", "--period", "2023-Q3", "--format", "xlsx",
        "--output", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert all(f.endswith(".xlsx") for f in files)
    assert "21010-phuong-le-hong-phong.xlsx" in files
    # Each unit's own file: its code in the name, its rows inside.
    assert len(files) == sum(1 for code in plan.reporting_units if code in " ".join(files))
    book = load_workbook(out / "21010-phuong-le-hong-phong.xlsx")
    ids = [r[0] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True) if r[0]]
    assert ids == ["EG-04", "EG-16", "EG-18"]
    # Again into the same folder: the files are replaced, never an error.
    again = invoke(
        runner, "template", "--all-units", "--period", "2023-Q3", "--format", "xlsx",
        "--output", str(out),
    )  # fmt: skip
    assert again.exit_code == 0, again.output


def test_all_units_refuses_the_submissions_folder(runner: CliRunner, plan_copy: Path) -> None:
    result = invoke(
        runner, "--data-dir", str(plan_copy), "template", "--all-units", "--period", "2023-Q3",
        "--output", str(plan_copy / "actuals" / "new"),
    )  # fmt: skip
    assert result.exit_code == 2
    assert not (plan_copy / "actuals" / "new").exists() or not any(
        (plan_copy / "actuals" / "new").iterdir()
    )
