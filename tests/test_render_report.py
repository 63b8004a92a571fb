"""The report formats (qn_dx.render.report) on the shipped sample and on edited plan copies:
CSV, Markdown, Excel, HTML and JSON — shape, safety (formulas, markup, no remote references)
and byte-for-byte determinism."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import invoke
from qn_dx.compute.engine import compute_target
from qn_dx.ingest.periods import quarter, whole_year
from qn_dx.plan import Plan
from qn_dx.render.figures import figure, gap_text, goal_text, progress_fraction, text_bar
from qn_dx.render.listing import neutralise
from qn_dx.render.report import CSV_COLUMNS, REPORT
from qn_dx.validate.model import Observation

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
AREA_NAMES_EN = [
    "E-government",
    "Digital government",
    "Digital economy",
    "Digital society",
    "Cybersecurity",
]
Q2, Q4 = quarter(2023, 2), quarter(2023, 4)


def _bytes(runner: CliRunner, *args: str) -> bytes:
    result = invoke(runner, "report", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _obs(ind: str, period: Any, *, num: float | None = None, den: float | None = None,
         value: float | None = None) -> Observation:  # fmt: skip
    return Observation(ind, "51", period, num, den, value, None, "", "t.csv", 2)


# --- CSV --------------------------------------------------------------------------------------


def test_csv_bom_header_and_54_rows(runner: CliRunner) -> None:
    data = _bytes(runner, "--format", "csv", "--lang", "en")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == ""  # ends with a line break
    assert len(lines[:-1]) == 55  # header + 54 targets
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 55
    by_id = {r[0]: dict(zip(CSV_COLUMNS, r)) for r in rows[1:]}
    assert by_id["DG-13"]["actual"] == "29.0"
    assert by_id["DG-13"]["gap"] == "-3.0"  # a number: not prefixed with an apostrophe
    assert by_id["DE-06"]["target"] == "14.8"
    assert by_id["EG-07"]["actual"] == "done"
    assert by_id["EG-07"]["target"] == ""


def test_csv_matches_json(runner: CliRunner) -> None:
    doc = json.loads(_bytes(runner, "--format", "json", "--lang", "vi"))
    text = _bytes(runner, "--format", "csv", "--lang", "vi").decode("utf-8-sig")
    header, *body = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header[:3] == ["Mã", "Lĩnh vực", "Chỉ tiêu"]  # Vietnamese headings, same columns
    assert len(header) == len(CSV_COLUMNS)
    rows = [dict(zip(CSV_COLUMNS, r)) for r in body]
    assert [r["id"] for r in rows] == [t["id"] for t in doc["targets"]]
    for row, t in zip(rows, doc["targets"]):
        assert row["title"] == t["title"]
        assert row["units_reported"] == str(t["units_reported"])
        if isinstance(t["actual"], float):
            assert row["actual"] == f"{t['actual']:g}".replace(".", ",")
    by_id = {r["id"]: r for r in rows}
    assert by_id["DG-13"]["status"] == "đạt"
    assert by_id["EG-07"]["actual"] == "đã đạt"


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_one_section_per_area(runner: CliRunner) -> None:
    text = _bytes(runner, "--format", "markdown", "--lang", "en").decode("utf-8")
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections == [f"## {name}" for name in AREA_NAMES_EN]
    assert text.startswith("# 189/KH-UBND — as of 2023-Q4\n")
    target_rows = [line for line in text.splitlines() if line.startswith("| ") and "-" in line[2:7]]
    assert len(target_rows) == 54
    assert "| DE-06 |" in text
    de06 = next(line for line in text.splitlines() if line.startswith("| DE-06 |"))
    assert "≥ baseline" in de06
    assert "(≥ 14.8 %)" in de06


def test_markdown_by_unit_lists_reporting_units(runner: CliRunner) -> None:
    text = _bytes(runner, "--format", "markdown", "--lang", "vi", "--by-unit").decode("utf-8")
    assert "↳ 51 Tỉnh Quảng Ngãi" in text
    assert text.count("## ") == 5


# --- Excel ------------------------------------------------------------------------------------


def _xlsx(runner: CliRunner, tmp_path: Path, *args: str) -> Any:
    out = tmp_path / "report.xlsx"
    result = invoke(runner, "report", "--output", str(out), *args)
    assert result.exit_code == 0, result.output
    return load_workbook(out)


def test_xlsx_sheets_numbers_and_frozen_header(runner: CliRunner, tmp_path: Path) -> None:
    book = _xlsx(runner, tmp_path, "--lang", "en")
    assert book.sheetnames == ["Summary", *AREA_NAMES_EN, "Nguồn - Sources"]
    doc = json.loads(_bytes(runner, "--format", "json", "--lang", "en"))
    by_id = {t["id"]: t for t in doc["targets"]}
    keys = REPORT.keys()
    seen = 0
    for name in AREA_NAMES_EN:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        header = [c.value for c in sheet[1]]
        assert header == REPORT.headings("en")
        for values in sheet.iter_rows(min_row=2, values_only=True):
            row = dict(zip(keys, values))
            seen += 1
            t = by_id[row["id"]]
            if t["measure"] == "milestone":
                assert row["actual"] in ("done", "not done")
                assert row["gap"] is None
            else:
                actual = row["actual"]
                assert isinstance(actual, int | float) and not isinstance(actual, bool)
                assert actual == t["actual"]
                assert row["gap"] == t["gap"]
            assert row["units"] == f"{t['units_reported']}/{t['units_expected']}"
    assert seen == 54
    # The summary: one row per area, counts matching the JSON.
    summary = book["Summary"]
    rows = list(summary.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows[: len(AREA_NAMES_EN)]] == AREA_NAMES_EN
    for r, a in zip(rows, doc["areas"]):
        assert list(r[1 : 1 + len(a["counts"])]) == list(a["counts"].values())


def test_xlsx_vietnamese_sheet_names(runner: CliRunner, tmp_path: Path) -> None:
    book = _xlsx(runner, tmp_path, "--lang", "vi")
    assert book.sheetnames == [
        "Tổng hợp",
        "Chính quyền điện tử",
        "Chính quyền số",
        "Kinh tế số",
        "Xã hội số",
        "An toàn thông tin",
        "Nguồn - Sources",
    ]


def test_xlsx_by_unit_rows(runner: CliRunner, tmp_path: Path) -> None:
    book = _xlsx(runner, tmp_path, "--lang", "en", "--by-unit")
    rows = list(book["E-government"].iter_rows(min_row=2, values_only=True))
    codes = [row[0] for row in rows]
    # EG-16 lists all its 173 communes under it, those without data too.
    start = codes.index("EG-16")
    assert codes[start + 174] == "EG-17"
    assert all(row[1].startswith("↳ ") for row in rows[start + 1 : start + 174])


# --- HTML -------------------------------------------------------------------------------------


def test_html_is_self_contained(runner: CliRunner) -> None:
    for lang in ("en", "vi"):
        text = _bytes(runner, "--format", "html", "--lang", lang, "--by-unit").decode("utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert "http://" not in text
        assert "https://" not in text
        assert "src=" not in text
        assert "<script" not in text.lower()
        assert "<link" not in text.lower()
        assert text.count("<h2>") == 5
        assert text.count("<table>") == 5
    assert f'<html lang="{lang}">' in text


# --- determinism ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "html", "csv", "markdown"])
def test_same_input_same_bytes_stdout(runner: CliRunner, fmt: str) -> None:
    args = ("--format", fmt, "--lang", "en", "--by-unit")
    assert _bytes(runner, *args) == _bytes(runner, *args)


def test_same_input_same_bytes_files(runner: CliRunner, tmp_path: Path) -> None:
    for ext in ("xlsx", "html", "json"):
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        for out in (a, b):
            result = invoke(runner, "report", "--lang", "en", "--output", str(out))
            assert result.exit_code == 0, result.output
        assert a.read_bytes() == b.read_bytes(), ext
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        core = z.read("docProps/core.xml").decode()
        assert core.count("2000-01-01T00:00:00Z") == 2  # created and modified pinned
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}


# --- formula neutralisation -------------------------------------------------------------------


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    # a number written as text (the Vietnamese CSV's "-1,8") is a number to Excel, no formula
    assert neutralise("-5") == "-5"
    assert neutralise("+5") == "+5"
    assert neutralise("-1,8255") == "-1,8255"
    assert neutralise("-1.234,5") == "-1.234,5"
    assert neutralise("-5+1") == "'-5+1"
    assert neutralise("-1,2,") == "'-1,2,"
    assert neutralise("+5 pp") == "'+5 pp"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\t=1") == "'\t=1"
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("a=1") == "a=1"
    assert neutralise("") == ""
    assert neutralise(-5) == -5
    assert neutralise(-5.5) == -5.5
    assert neutralise(3) == 3
    assert neutralise(None) is None
    assert neutralise(True) is True


def _edit_title(plan_copy: Path, target_id: str, new_title: str) -> None:
    path = plan_copy / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {target_id}\n")
    line_start = text.index("    title_en: ", start)
    line_end = text.index("\n", line_start)
    quoted = json.dumps(new_title, ensure_ascii=False)  # a JSON string is a YAML string
    path.write_text(
        text[:line_start] + f"    title_en: {quoted}" + text[line_end:], encoding="utf-8"
    )


def test_csv_report_neutralises_formula_titles(
    runner: CliRunner, plan_copy: Path, tmp_path: Path
) -> None:
    evil = "=cmd|' /C calc'!A0"
    _edit_title(plan_copy, "EG-01", evil)
    args = ["--data-dir", str(plan_copy), "report", "--actuals", str(DATA / "actuals")]
    result = invoke(runner, *args, "--lang", "en", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows[0]["id"] == "EG-01"
    assert rows[0]["title"] == "'" + evil
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@")), cell
    # Excel: the title cell holds text, not a formula.
    out = tmp_path / "r.xlsx"
    result = invoke(runner, *args, "--lang", "en", "--output", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["E-government"]
    assert sheet["B2"].value == "'" + evil
    assert sheet["B2"].data_type == "s"
    # JSON keeps the data as it is.
    doc = json.loads(invoke(runner, *args, "--lang", "en", "--format", "json").stdout)
    assert doc["targets"][0]["title"] == evil


def test_markup_in_titles_is_escaped(runner: CliRunner, plan_copy: Path) -> None:
    _edit_title(plan_copy, "EG-02", "<script>alert(1)</script> | a & b")
    args = ["--data-dir", str(plan_copy), "report", "--actuals", str(DATA / "actuals")]
    html = invoke(runner, *args, "--lang", "en", "--format", "html").stdout
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | a &amp; b" in html
    md = invoke(runner, *args, "--lang", "en", "--format", "markdown").stdout
    assert "<script" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| a &amp; b" in md


# --- text helpers -----------------------------------------------------------------------------


def test_number_and_gap_text(plan: Plan) -> None:
    assert figure(None, "percent", "en") == "—"
    assert figure(82.72727, "percent", "en") == "82.7 %"
    assert figure(82.72727, "percent", "vi") == "82,7 %"
    assert figure(29.0, "rank", "en") == "29"
    assert figure(1236.0, "count", "en") == "1,236"
    assert figure(1236.0, "count", "vi") == "1.236"
    assert figure(2.5, "count", "en") == "2.5"
    dg13 = compute_target(
        plan, plan.target_by_id["DG-13"], [_obs("DG-13", Q4, value=29)], Q4, False
    )
    assert gap_text(dg13.gap, "rank", "en") == "-3"
    assert gap_text(dg13.gap, "rank", "vi") == "-3"
    de06 = compute_target(
        plan,
        plan.target_by_id["DE-06"],
        [_obs("DE-06", whole_year(2022), value=9.8), _obs("DE-06", Q4, value=13.6)],
        Q4,
        False,
    )
    assert gap_text(de06.gap, "percent", "en") == "+1.2 pp"
    assert gap_text(de06.gap, "percent", "vi") == "+1,2 điểm %"
    # The plan's own wording ("≥ baseline + 5 …"), then the figure it works out to.
    goal = goal_text(de06.target, de06.target_value, "en")
    assert goal.startswith("≥ baseline")
    assert "+ 5 pp" in goal
    assert goal.endswith(" (≥ 14.8 %)")
    assert goal_text(de06.target, de06.target_value, "vi").endswith(" (≥ 14,8 %)")
    met = compute_target(
        plan, plan.target_by_id["EG-16"], [_obs("EG-16", Q4, num=7, den=10)], Q4, False
    )
    assert gap_text(met.gap, "percent", "en") == "—"  # the province is not in EG-16's scope


def test_target_text_uses_the_targets_own_operator(plan: Plan) -> None:
    # A plan (e.g. next year's, via --data-dir) may write "≤ baseline + N": the computed figure
    # must be shown with ≤, not ≥.
    t = plan.target_by_id["DE-06"].model_copy(update={"op": "<="})
    r = compute_target(
        plan,
        t,
        [_obs("DE-06", whole_year(2022), value=9.8), _obs("DE-06", Q4, value=13.6)],
        Q4,
        False,
    )
    assert r.status == "met"
    goal = goal_text(r.target, r.target_value, "en")
    assert goal.startswith("≤ baseline")
    assert goal.endswith(" (≤ 14.8 %)")
    dg01 = compute_target(
        plan, plan.target_by_id["DG-01"], [_obs("DG-01", Q4, num=31, den=100)], Q4, False
    )
    assert goal_text(dg01.target, dg01.target_value, "en").endswith("(> 30.0 %)")
    assert goal_text(dg01.target, dg01.target_value, "vi").endswith("(> 30,0 %)")


def test_progress_bar(plan: Plan) -> None:
    def result(target_id: str, **fig: float) -> Any:
        return compute_target(
            plan, plan.target_by_id[target_id], [_obs(target_id, Q4, **fig)], Q4, False
        )

    half = result("EG-01", num=50, den=100)
    assert progress_fraction(half) == 0.5
    assert text_bar(0.5) == "█████░░░░░"
    assert progress_fraction(result("EG-01", num=100, den=100)) == 1.0
    assert text_bar(1.0) == "██████████"
    # Ranks (≤ 32): 29 is full, 64 is half way.
    assert progress_fraction(result("DG-13", value=29)) == 1.0
    assert progress_fraction(result("DG-13", value=64)) == 0.5
    # "> 70" at exactly 70 and "increase" at the baseline are not met: never a full bar.
    at_70 = result("EG-03", num=70, den=100)
    assert at_70.status == "not_met"
    assert progress_fraction(at_70) < 1.0
    assert text_bar(progress_fraction(at_70)) != "█" * 10
    at_baseline = result("DG-01", num=30, den=100)
    assert at_baseline.status == "not_met"
    assert text_bar(progress_fraction(at_baseline)) != "█" * 10
    assert progress_fraction(result("DG-01", num=31, den=100)) == 1.0
    assert progress_fraction(compute_target(plan, plan.target_by_id["EG-01"], [], Q2, False)) == 0


def test_xlsx_figures_are_numbers_that_read_as_the_table_says(tmp_path: Path) -> None:
    """Excel keeps the figures numbers (they sum and sort) and shows them as the other formats
    do: "64.5 %", and the gap as "còn …" / "vượt … điểm %" through a number format."""
    from openpyxl import load_workbook

    from qn_dx import api as qn
    from qn_dx.render.report import to_xlsx_bytes

    result = qn.report(qn.load_plan(), as_of="2023-Q4", skip_invalid=True).report
    path = tmp_path / "r.xlsx"
    path.write_bytes(to_xlsx_bytes(result, "vi", False))
    book = load_workbook(path)
    summary = book.worksheets[0]
    assert summary.cell(2, 8).value == "Trong đó tạm tính"
    assert summary.cell(3, 8).value == 3  # e-government: 3 of its met targets are provisional
    sheet = book.worksheets[1]  # the first area's
    heads = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "EG-04")
    actual, gap = row[heads.index("Thực hiện")], row[heads.index("So với mục tiêu")]
    assert isinstance(actual.value, float) and actual.number_format == '#,##0.0" %"'
    assert gap.value < 0
    assert gap.number_format == '"còn "#,##0.0" điểm %";"vượt "#,##0.0" điểm %";#,##0.0'
