"""Spreadsheets as agencies use them: several sheets and hidden ones, title rows above the
header, total rows, formulas saved without values, error cells, %-formatted and date cells, in
.xlsx, .xls and .ods; and workbooks built to hurt the reader."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from helpers_actuals import HEADER, HEADER_VI, at, check, codes, only
from qn_dx.ingest.cells import DateCell, ErrorCell, FormulaCell, NumberCell
from qn_dx.ingest.workbook import WorkbookError, read_workbook
from qn_dx.plan import Plan

COLS = HEADER.split(",")


def name(location: str | None) -> str:
    """A location without its folders: ``a.xlsx[Sheet]``."""
    return Path(location or "").name


def book(path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()) -> Path:
    wb = Workbook()
    first = True
    for name, rows in sheets.items():
        ws = wb.active if first else wb.create_sheet(name)
        assert ws is not None
        ws.title = name
        first = False
        for row in rows:
            ws.append(row)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


# --- sheets -------------------------------------------------------------------------------------


def test_hidden_first_sheet_is_never_read(plan: Plan, tmp_path: Path) -> None:
    path = book(
        tmp_path / "a.xlsx",
        {
            "Cũ": [COLS, ["EG-16", "2023-Q1", 21010, 1, 10, None, "old copy"]],
            "Quý 1": [COLS, ["EG-16", "2023-Q1", 21010, 7, 10, None, "filled"]],
        },
        hidden=("Cũ",),
    )
    v = check(plan, path)
    assert [(o.numerator, name(o.file), o.line) for o in v.observations] == [
        (7, "a.xlsx[Quý 1]", 2)
    ]
    w = only(v, "hidden-sheet")
    assert w.severity == "warning" and "Cũ" in w.message and name(w.file) == "a.xlsx[Cũ]"
    assert v.ok


def test_every_matching_visible_sheet_is_read(plan: Plan, tmp_path: Path) -> None:
    path = book(
        tmp_path / "a.xlsx",
        {
            "Hướng dẫn": [["Điền số liệu vào các trang sau"], ["Kỳ báo cáo: quý"]],
            "Quý 1": [COLS, ["EG-16", "2023-Q1", 21010, 7, 10, None, None]],
            "Quý 2": [HEADER_VI.split(";"), ["EG-16", "Quý II/2023", 21010, 8, 10, None, None]],
        },
    )
    v = check(plan, path)
    assert [(o.period.label, name(o.file)) for o in v.observations] == [
        ("2023-Q1", "a.xlsx[Quý 1]"),
        ("2023-Q2", "a.xlsx[Quý 2]"),
    ]
    assert v.findings == []
    assert [name(t.file) for t in v.tables] == ["a.xlsx[Quý 1]", "a.xlsx[Quý 2]"]


def test_no_matching_visible_sheet_is_one_error_naming_the_sheets(
    plan: Plan, tmp_path: Path
) -> None:
    path = book(
        tmp_path / "a.xlsx",
        {
            "Sheet1": [["Báo cáo"], ["nothing here"]],
            "Data": [COLS, ["EG-16", "2023-Q1", 21010, 1, 2]],
        },
        hidden=("Data",),
    )
    v = check(plan, path)
    assert [f.code for f in v.errors] == ["no-contract-sheet"]
    message = v.errors[0].message
    assert "'Sheet1'" in message and "'Data' (hidden)" in message


def test_a_visible_sheet_with_part_of_the_header_is_an_error(plan: Plan, tmp_path: Path) -> None:
    path = book(
        tmp_path / "a.xlsx",
        {
            "Quý 1": [COLS, ["EG-16", "2023-Q1", 21010, 7, 10]],
            "Quý 2": [["indicator_id", "unit_code", "numerator"], ["EG-16", 21010, 8]],
        },
    )
    v = check(plan, path)
    f = only(v, "missing-column")
    assert name(f.file) == "a.xlsx[Quý 2]" and "period" in f.message
    assert len(v.observations) == 1


# --- title rows, total rows -------------------------------------------------------------------


def test_header_under_title_rows(plan: Plan, tmp_path: Path) -> None:
    path = book(
        tmp_path / "a.xlsx",
        {
            "Báo cáo": [
                ["BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ QUÝ I/2023"],
                [],
                ["Đơn vị: UBND phường Lê Hồng Phong"],
                HEADER_VI.split(";"),
                ["EG-16", "Quý I/2023", 21010, 7, 10, None, None],
                ["EG-18", "Quý I/2023", 21010, 5, 10, None, None],
                ["Tổng cộng", None, None, 12, 20, None, None],
            ]
        },
    )
    v = check(plan, path)
    assert codes(v) == [("rows-above-header", 1), ("total-row", 7)]
    assert "lines 1–3" in v.findings[0].message and "line 4" in (v.findings[0].hint or "")
    assert [o.line for o in v.observations] == [5, 6]
    assert (v.rows, v.rows_valid, v.rows_skipped) == (3, 2, 1)


@pytest.mark.parametrize("word", ["Tổng", "Tổng cộng", "Cộng", "Total", "TỔNG CỘNG:", "Tổng số"])
def test_total_row_words(plan: Plan, tmp_path: Path, word: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"{HEADER}\nEG-16,2023-Q1,21010,7,10,,\n{word},,,7,10,,\n", encoding="utf-8")
    v = check(plan, path)
    assert codes(v) == [("total-row", 3)]
    assert v.rows_skipped == 1 and v.rows_valid == 1


def test_a_unit_named_like_a_total_is_not_a_total(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"{HEADER}\nCộng đồng số,2023-Q1,21010,7,10,,\n", encoding="utf-8")
    v = check(plan, path)
    assert at(v, "unknown-indicator", 2)


# --- cells that are not values ------------------------------------------------------------------


def test_formula_without_value_and_error_cells(plan: Plan, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(COLS)
    ws.append(["EG-16", "2023-Q1", 21010, "=B9*2", 10, None, None])  # openpyxl stores no value
    ws.append(["EG-18", "2023-Q1", 21010, 5, "#DIV/0!", None, None])  # an error value
    ws.append(["EG-16", "2023-Q2", 21010, 5, 10, "#N/A", None])
    ws.append(["EG-16", "2023-Q3", 21010, 6, 10, None, None])
    wb.save(tmp_path / "a.xlsx")
    v = check(plan, tmp_path / "a.xlsx")
    assert codes(v) == [("formula-without-value", 2), ("cell-error", 3), ("cell-error", 4)]
    assert [f.column for f in v.findings] == ["numerator", "denominator", "value"]
    assert "#DIV/0!" in v.findings[1].message
    assert [o.line for o in v.observations] == [5]
    assert (v.rows_invalid, v.rows_skipped) == (3, 0)  # never "unfilled" and skipped


def test_date_cell_in_the_period_column(plan: Plan, tmp_path: Path) -> None:
    path = book(
        tmp_path / "a.xlsx",
        {"S": [COLS, ["EG-16", dt.datetime(2023, 3, 1), 21010, 1, 2, None, None]]},
    )
    v = check(plan, path)
    w = only(v, "period-from-date")
    assert w.severity == "warning" and "2023-03" in w.message and w.column == "period"
    assert [o.period.label for o in v.observations] == ["2023-03"]


def test_numeric_codes_stay_codes(plan: Plan, tmp_path: Path) -> None:
    path = book(tmp_path / "a.xlsx", {"S": [COLS, ["EG-16", "2023-Q1", 21010.0, 1, 2]]})
    v = check(plan, path)
    assert [o.unit_code for o in v.observations] == ["21010"]


# --- .xls and .ods ------------------------------------------------------------------------------


def test_xls_with_percent_cells_hidden_sheet_and_errors(plan: Plan, tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    old = wb.add_sheet("Cũ")
    for c, h in enumerate(COLS):
        old.write(0, c, h)
    old.visibility = 1
    data = wb.add_sheet("Số liệu")
    for c, h in enumerate(COLS):
        data.write(0, c, h)
    pct = xlwt.easyxf(num_format_str="0.0%")
    data.write(1, 0, "DG-02")
    data.write(1, 1, "2023")
    data.write(1, 2, 51)
    data.write(1, 5, 0.915, pct)
    data.write(2, 0, "EG-16")
    data.write(2, 1, "2023-Q1")
    data.write(2, 2, 21010)
    data.write(2, 3, 3000)
    data.write(2, 4, 4000)
    wb.save(str(tmp_path / "a.xls"))
    v = check(plan, tmp_path / "a.xls")
    assert [f.code for f in v.findings] == ["hidden-sheet"]
    got = sorted((o.indicator_id, o.numerator, o.denominator, o.value) for o in v.observations)
    assert got == [("DG-02", None, None, 91.5), ("EG-16", 3000, 4000, None)]
    assert {name(o.file) for o in v.observations} == {"a.xls[Số liệu]"}


def _ods(path: Path, rows: list[list[object]], percent: set[tuple[int, int]]) -> Path:
    odf = pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    assert odf
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Số liệu")
    for r, row in enumerate(rows):
        tr = TableRow()
        for c, value in enumerate(row):
            if value is None:
                tr.addElement(TableCell())
            elif isinstance(value, int | float):
                kind = "percentage" if (r, c) in percent else "float"
                cell = TableCell(valuetype=kind, value=value)
                cell.addElement(P(text=str(value)))
                tr.addElement(cell)
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
                tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def test_ods_percentage_cells(plan: Plan, tmp_path: Path) -> None:
    path = _ods(
        tmp_path / "a.ods",
        [COLS, ["DG-02", "2023", 51, None, None, 0.915, None], ["EG-16", "2023-Q1", 21010, 3, 4]],
        {(1, 5)},
    )
    v = check(plan, path)
    assert v.findings == []
    got = sorted((o.indicator_id, o.numerator, o.value, o.unit_code) for o in v.observations)
    assert got == [("DG-02", None, 91.5, "51"), ("EG-16", 3, None, "21010")]


# --- workbooks built to hurt --------------------------------------------------------------------


def _raw_xlsx(sheet_xml: str, prolog: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"/>',
        )
        z.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            prolog + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="A1:XFD1048576"/><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
    return buf.getvalue()


HEAD = "".join(
    f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(COLS)
)


def test_a_far_cell_costs_one_cell(plan: Plan, tmp_path: Path) -> None:
    xml = f'<row r="1">{HEAD}</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = tmp_path / "far.xlsx"
    path.write_bytes(_raw_xlsx(xml))
    v = check(plan, path)  # one row, one error, no dense 17-billion-cell range
    assert codes(v) == [("extra-cells", 1048576)]


@pytest.mark.parametrize("ref", ["ZZZZZZ2", "C9999999999", "A0", "2A"])
def test_a_reference_outside_the_grid_is_file_unreadable(
    plan: Plan, tmp_path: Path, ref: str
) -> None:
    xml = f'<row r="1">{HEAD}</row><row r="2"><c r="{ref}"><v>1</v></c></row>'
    path = tmp_path / "bad.xlsx"
    path.write_bytes(_raw_xlsx(xml))
    v = check(plan, path)
    assert [f.code for f in v.findings] == ["file-unreadable"]


def test_entity_expansion_is_refused(plan: Plan, tmp_path: Path) -> None:
    doctype = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    raw = _raw_xlsx(f'<row r="1">{HEAD}</row>', prolog=doctype)
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(raw)
    v = check(plan, path)
    assert [f.code for f in v.findings] == ["file-unreadable"]


def test_declared_size_over_the_limit_is_refused_before_reading() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "<a>" + " " * 3_000_000 + "</a>")
    with pytest.raises(WorkbookError) as exc:
        read_workbook(buf.getvalue(), ".xlsx", max_bytes=1_000_000)
    assert exc.value.code == "file-too-large"


def test_typed_cells() -> None:
    assert NumberCell(0.91, percent=True) == "91%" and NumberCell(0.91, True).number == 91
    assert NumberCell(51.0) == "51"
    assert DateCell(dt.date(2023, 3, 9)) == "2023-03"
    assert ErrorCell("#REF!") == "#REF!"
    assert FormulaCell("SUM(A1:A3)") == "=SUM(A1:A3)"


def test_two_level_header_in_a_workbook(plan: Plan, tmp_path: Path) -> None:
    path = book(
        tmp_path / "a.xlsx",
        {
            "S": [
                ["Mã chỉ tiêu", "Kỳ báo cáo", "Mã đơn vị", "Số liệu", None, "Giá trị"],
                [None, None, None, "Tử số", "Mẫu số", None],
                ["EG-16", "2023-Q1", 21028, 5, 10, None],
            ]
        },
    )
    v = check(plan, path)
    assert [(o.line, o.numerator, o.denominator) for o in v.observations] == [(3, 5, 10)]
    assert not v.errors


def test_hidden_rows_are_read_and_named(plan: Plan, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(COLS)
    ws.append(["EG-16", "2023-Q1", 21010, 1, 10, None, "old"])
    ws.append(["EG-16", "2023-Q2", 21010, 7, 10, None, None])
    ws.row_dimensions[2].hidden = True
    wb.save(tmp_path / "a.xlsx")
    v = check(plan, tmp_path / "a.xlsx")
    w = only(v, "hidden-rows")
    assert w.line == 2 and w.severity == "warning"
    assert len(v.observations) == 2


@pytest.mark.parametrize(
    "cells",
    [
        '<c r="D2"><v>5</v></c><c r="D2"><v>9</v></c>',  # the same cell twice
        '<c r="D2"><v>1_000</v></c>',  # float() would take it
        '<c r="D2"><v>NaN</v></c>',
    ],
)
def test_cells_no_excel_writes_are_refused(plan: Plan, tmp_path: Path, cells: str) -> None:
    xml = f'<row r="1">{HEAD}</row><row r="2">{cells}</row>'
    path = tmp_path / "bad.xlsx"
    path.write_bytes(_raw_xlsx(xml))
    assert [f.code for f in check(plan, path).findings] == ["file-unreadable"]


def test_a_row_twice_is_refused(plan: Plan, tmp_path: Path) -> None:
    xml = (
        f'<row r="1">{HEAD}</row><row r="2"><c r="A2" t="inlineStr"><is><t>EG-16</t></is></c></row>'
    )
    path = tmp_path / "bad.xlsx"
    path.write_bytes(_raw_xlsx(xml + xml.split("</row>", 1)[1]))
    assert [f.code for f in check(plan, path).findings] == ["file-unreadable"]


def test_a_formula_whose_result_is_empty_text_is_an_empty_cell(plan: Plan, tmp_path: Path) -> None:
    row2 = (
        '<c r="A2" t="inlineStr"><is><t>EG-16</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>2023-Q1</t></is></c><c r="C2"><v>21010</v></c>'
        '<c r="D2"><v>5</v></c><c r="E2"><v>10</v></c>'
        '<c r="F2" t="str"><f>IF(E2=0,"",D2/E2*100)</f><v/></c>'
    )
    path = tmp_path / "a.xlsx"
    path.write_bytes(_raw_xlsx(f'<row r="1">{HEAD}</row><row r="2">{row2}</row>'))
    v = check(plan, path)
    assert v.findings == [] and len(v.observations) == 1


def test_float_noise_is_what_excel_shows(plan: Plan, tmp_path: Path) -> None:
    row2 = (
        '<c r="A2" t="inlineStr"><is><t>EG-09</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>2023</t></is></c><c r="C2"><v>51</v></c>'
        '<c r="F2"><f>SUM(G2:H2)</f><v>236.00000000000003</v></c>'
    )
    path = tmp_path / "a.xlsx"
    path.write_bytes(_raw_xlsx(f'<row r="1">{HEAD}</row><row r="2">{row2}</row>'))
    v = check(plan, path)
    assert v.findings == [] and [o.value for o in v.observations] == [236.0]


def test_an_error_value_in_the_note_does_not_refuse_the_row(plan: Plan, tmp_path: Path) -> None:
    path = book(
        tmp_path / "a.xlsx", {"S": [COLS, ["EG-16", "2023-Q1", 21010, 5, 10, None, "#N/A"]]}
    )
    v = check(plan, path)
    assert not v.errors and len(v.observations) == 1


def test_a_broken_deflate_stream_is_a_finding(plan: Plan, tmp_path: Path) -> None:
    """A part whose compressed bytes are damaged (zlib.error) is the file's finding, not a crash."""
    raw = bytearray(_raw_xlsx(f'<row r="1">{HEAD}</row>' + '<row r="2"/>' * 50))
    info = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode())
    for i in range(start + 5, start + 25):
        raw[i] ^= 0x5A
    path = tmp_path / "broken.xlsx"
    path.write_bytes(bytes(raw))
    v = check(plan, path)
    assert [f.code for f in v.findings] == ["file-unreadable"]
