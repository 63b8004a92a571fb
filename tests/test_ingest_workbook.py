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

from conftest import HEADER, HEADER_VI, at, check, codes, only
from qn_dx.ingest.cells import DateCell, ErrorCell, FormulaCell, MergedCell, NumberCell
from qn_dx.ingest.workbook import Sheet, WorkbookError, apply_merges, read_workbook
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


def _raw_xlsx(
    sheet_xml: str,
    prolog: str = "",
    strings: list[str] | None = None,
    after: str = "",
    styles: str | None = None,
) -> bytes:
    """A minimal .xlsx around one sheet's rows; ``strings``: a shared-string list; ``after``:
    XML after <sheetData> (<mergeCells>); ``styles``: the <cellXfs> … of a styles part."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        if strings is not None:
            items = "".join(f"<si><t>{t}</t></si>" for t in strings)
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{items}</sst>')
        if styles is not None:
            z.writestr("xl/styles.xml", f'<styleSheet xmlns="{main}">{styles}</styleSheet>')
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
            f'<dimension ref="A1:XFD1048576"/><sheetData>{sheet_xml}</sheetData>{after}'
            "</worksheet>",
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


# --- .ods cell text: what LibreOffice shows -------------------------------------------------------

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)


def _raw_ods(rows: list[str]) -> bytes:
    """A minimal .ods of one sheet; each of ``rows`` is the XML inside one table:table-row."""
    body = "".join(f"<table:table-row>{r}</table:table-row>" for r in rows)
    content = (
        f'<?xml version="1.0"?><office:document-content {_ODS_NS}><office:body>'
        f'<office:spreadsheet><table:table table:name="S">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return buf.getvalue()


def _s(inside: str, attrs: str = "") -> str:
    """A string cell holding ``inside`` (its text:p elements)."""
    return f'<table:table-cell office:value-type="string"{attrs}>{inside}</table:table-cell>'


def _p(text: str, attrs: str = "") -> str:
    return _s(f"<text:p>{text}</text:p>", attrs)


def _f(value: float | int, attrs: str = "") -> str:
    return (
        f'<table:table-cell office:value-type="float" office:value="{value}"{attrs}>'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


ODS_HEAD = "".join(_p(h) for h in COLS)


def _ods_row(cells: str) -> list[str]:
    """The cells of the first data row, as the reader gives them."""
    sheet = read_workbook(_raw_ods([ODS_HEAD, cells]), ".ods", 10**8)[0]
    return sheet.rows[1][1]


@pytest.mark.parametrize(
    ("inside", "shown"),
    [
        ("<text:p>30<text:line-break/>00</text:p>", "30\n00"),
        ("<text:p>5<text:s/>22</text:p>", "5 22"),
        ('<text:p>a<text:s text:c="3"/>b</text:p>', "a   b"),
        ("<text:p>a<text:tab/>b</text:p>", "a\tb"),
        ("<text:p>Tử số</text:p><text:p>(văn bản)</text:p>", "Tử số\n(văn bản)"),
        ("<text:p>EG-<text:span>1<text:span>6</text:span></text:span></text:p>", "EG-16"),
        ('<text:p><text:a xlink:href="http://x.vn">210</text:a>10</text:p>', "21010"),
        # the XML's own white space: a run is one space, none at the paragraph's start
        ("<text:p>\n  5 \n\t 22</text:p>", "5 22"),
    ],
)
def test_ods_text_is_what_libreoffice_shows(inside: str, shown: str) -> None:
    assert _ods_row(_s(inside)) == [shown]


def test_ods_line_break_and_space_elements_are_not_dropped(plan: Plan, tmp_path: Path) -> None:
    """ "30⏎00" was read as 3000 and "5 22" as the district 522: both are refused now, on their
    cell, as the same text in a CSV file or an .xlsx is."""
    ids = _p("EG-16") + _p("2023-Q1")
    path = tmp_path / "a.ods"
    path.write_bytes(
        _raw_ods(
            [
                ODS_HEAD,
                ids + _p("21010") + _p("30<text:line-break/>00") + _f(4000),
                ids + _p("5<text:s/>22") + _f(3) + _f(4),
                ids + _p("<text:span>210</text:span><text:a>28</text:a>") + _f(3) + _f(4),
            ]
        )
    )
    v = check(plan, path)
    assert codes(v) == [("bad-number", 2), ("unknown-unit", 3)]
    assert v.findings[0].column == "numerator" and "'30\\n00'" in v.findings[0].message
    assert "'5 22'" in v.findings[1].message
    assert [(o.line, o.unit_code, o.numerator) for o in v.observations] == [(4, "21028", 3)]


def test_ods_many_spaces_are_refused_not_inflated(tmp_path: Path) -> None:
    for count in ("40000", "9999999999999999", "-1", "x"):
        with pytest.raises(WorkbookError):
            _ods_row(_p(f'a<text:s text:c="{count}"/>b'))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # no office:value: the text the cell shows, read like a CSV cell
        ('<table:table-cell office:value-type="float"><text:p>3</text:p></table:table-cell>', 3),
        (
            '<table:table-cell office:value-type="float"><text:p>3 cái</text:p></table:table-cell>',
            "bad-number",
        ),
        (
            '<table:table-cell office:value-type="currency"><text:p>1.000 ₫</text:p>'
            "</table:table-cell>",
            "bad-number",
        ),
        ('<table:table-cell office:value-type="float"/>', "cell-error"),
        ('<table:table-cell office:value-type="percentage"/>', "cell-error"),
        ('<table:table-cell office:value-type="float" table:formula="of:=[.B9]*2"/>', "formula"),
        # a value that is no number (float() would take NaN): refused on its cell
        (
            '<table:table-cell office:value-type="float" office:value="NaN"><text:p>7</text:p>'
            "</table:table-cell>",
            "cell-error",
        ),
    ],
)
def test_ods_number_cell_without_its_number(
    plan: Plan, tmp_path: Path, cell: str, expected: object
) -> None:
    """A float cell without office:value failed the whole file ("a cell holds 'None'") with no
    location; now its text is read, or the cell is refused where it is."""
    path = tmp_path / "a.ods"
    path.write_bytes(
        _raw_ods([ODS_HEAD, _p("EG-16") + _p("2023-Q1") + _p("21010") + cell + _f(10)])
    )
    v = check(plan, path)
    if isinstance(expected, int):
        assert v.findings == []
        assert [o.numerator for o in v.observations] == [expected]
        return
    code = "formula-without-value" if expected == "formula" else expected
    f = only(v, str(code))
    assert (f.line, f.column) == (2, "numerator")
    assert v.observations == []


def test_ods_percentage_without_its_number_reads_its_text(plan: Plan, tmp_path: Path) -> None:
    cell = '<table:table-cell office:value-type="percentage"><text:p>91,5%</text:p>'
    path = tmp_path / "a.ods"
    path.write_bytes(
        _raw_ods(
            [
                ODS_HEAD,
                _p("DG-02")
                + _p("2023")
                + _p("51")
                + _s("")
                + _s("")
                + cell
                + "</table:table-cell>",
            ]
        )
    )
    v = check(plan, path)
    assert v.findings == [] and [o.value for o in v.observations] == [91.5]


# --- indexes into the workbook's lists: never from the end --------------------------------------


def _xrow(n: int, *cells: str) -> str:
    """Row ``n`` of an .xlsx, from column A: each cell is "" (none), text, or raw XML "<v>…"."""
    out = []
    for i, cell in enumerate(cells):
        ref = f"{chr(65 + i)}{n}"
        if cell.startswith("<s>"):  # a shared string's index
            out.append(f'<c r="{ref}" t="s">{cell[3:]}</c>')
        elif cell.startswith("<"):
            out.append(f'<c r="{ref}">{cell}</c>')
        elif cell:
            out.append(f'<c r="{ref}" t="inlineStr"><is><t>{cell}</t></is></c>')
    return f'<row r="{n}">{"".join(out)}</row>'


@pytest.mark.parametrize("index", ["-1", "+1", " 1", "١", "2"])
def test_a_shared_string_index_that_is_no_index_is_refused(
    plan: Plan, tmp_path: Path, index: str
) -> None:
    """``<v>-1</v>`` read the last shared string (Python's negative index): now it is a shared
    string that is not there, like any other."""
    path = tmp_path / "a.xlsx"
    for d2, findings in ((f"<s><v>{index}</v>", ["file-unreadable"]), ("<s><v>1</v>", [])):
        row = _xrow(2, "<s><v>0</v>", "2023-Q1", "<v>21010</v>", d2, "<v>10</v>")
        path.write_bytes(_raw_xlsx(f'<row r="1">{HEAD}</row>{row}', strings=["EG-16", "7"]))
        v = check(plan, path)
        assert [f.code for f in v.findings] == findings
    assert [o.numerator for o in v.observations] == [7]  # index 1, as the sender's Excel wrote
    path.write_bytes(
        _raw_xlsx(
            f'<row r="1">{HEAD}</row>'
            + _xrow(2, "<s><v>0</v>", "2023-Q1", "<v>21010</v>", f"<s><v>{index}</v>", "<v>10</v>"),
            strings=["EG-16", "7"],
        )
    )
    f = only(check(plan, path), "file-unreadable")
    assert "'D2' names a shared string that is not there" in f.message


def test_a_style_index_that_is_no_index_is_no_style() -> None:
    """``s="-1"`` must not pick the last style (here a percent): it names no style at all."""
    styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="9"/></cellXfs>'
    cells = (
        '<c r="A1" s="1"><v>0.5</v></c><c r="B1" s="-1"><v>0.5</v></c>'
        '<c r="C1" s="²"><v>0.5</v></c>'
    )
    raw = _raw_xlsx(f'<row r="1">{cells}</row>', styles=styles)
    row = read_workbook(raw, ".xlsx", 10**8)[0].rows[0][1]
    assert row == ["50%", "0.5", "0.5"]
    assert [c.percent for c in row if isinstance(c, NumberCell)] == [True, False, False]


# --- merged cells: the value is in the first cell only, and never copied down -------------------


def test_a_merged_unit_code_is_named_on_the_rows_it_covers(plan: Plan, tmp_path: Path) -> None:
    """C2:C3 merged: Excel keeps 21010 in C2 only. Row 3 said "unknown unit code ''"; now it
    says the cell is covered by the merge, and the value is never copied down."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Báo cáo quý I"])
    ws.append(COLS)
    ws.append(["EG-16", "2023-Q1", 21010, 5, 10])
    ws.append(["EG-18", "2023-Q1", None, 6, 10])
    ws.append(["EG-16", "2023-Q2", None])  # unfilled, under the merge: an unfilled row still
    ws.merge_cells("A1:G1")  # a title over the table: no harm
    ws.merge_cells("C3:C5")
    wb.save(tmp_path / "a.xlsx")
    v = check(plan, tmp_path / "a.xlsx")
    assert codes(v) == [("rows-above-header", 1), ("merged-cell", 4), ("unfilled-row", 5)]
    f = v.findings[1]
    assert (f.severity, f.column) == ("error", "unit_code")
    assert "C4" in f.message and "C3:C5" in f.message and "only in C3" in f.message
    assert "unmerge" in (f.hint or "")
    assert [(o.line, o.unit_code) for o in v.observations] == [(3, "21010")]
    assert (v.rows_valid, v.rows_invalid, v.rows_skipped) == (1, 1, 1)


def test_a_covered_cell_is_empty_whatever_it_holds(plan: Plan, tmp_path: Path) -> None:
    """A cell under a merge may still hold a value in the file; Excel does not show it."""
    xml = (
        f'<row r="1">{HEAD}</row>'
        + _xrow(2, "EG-16", "2023-Q1", "<v>21010</v>", "<v>5</v>", "<v>10</v>")
        + _xrow(3, "EG-16", "2023-Q2", "<v>21010</v>", "<v>6</v>", "<v>10</v>")
    )
    merges = '<mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells>'
    path = tmp_path / "a.xlsx"
    path.write_bytes(_raw_xlsx(xml, after=merges))
    v = check(plan, path)
    assert codes(v) == [("merged-cell", 3)]
    assert [(o.line, o.unit_code, o.numerator) for o in v.observations] == [(2, "21010", 5)]


def test_a_merged_figure_refuses_the_row_it_covers(plan: Plan, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(COLS)
    ws.append(["EG-16", "2023-Q1", 21010, 5, 10])
    ws.append(["EG-16", "2023-Q2", 21010])
    ws.append(["EG-18", "2023-Q1", 21010, 3, 4, None, "ghi chú"])
    ws.append(["EG-18", "2023-Q2", 21010, 3, 4])
    ws.merge_cells("D2:D3")  # the numerator over two quarters
    ws.merge_cells("G4:G5")  # a note: no figure, no harm
    wb.save(tmp_path / "a.xlsx")
    v = check(plan, tmp_path / "a.xlsx")
    assert codes(v) == [("merged-cell", 3)]
    assert v.findings[0].column == "numerator" and "D2:D3" in v.findings[0].message
    assert [o.line for o in v.observations] == [2, 4, 5]


def test_a_merge_over_the_header_leaves_no_header(plan: Plan, tmp_path: Path) -> None:
    xml = f'<row r="1">{HEAD}</row>' + "".join(
        f'<row r="{n}"><c r="C{n}"><v>21010</v></c></row>' for n in range(2, 12)
    )
    path = tmp_path / "a.xlsx"
    path.write_bytes(
        _raw_xlsx(xml, after='<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>')
    )
    v = check(plan, path)  # Excel shows "indicator_id" over the whole sheet, nothing else
    assert [f.code for f in v.findings] == ["no-contract-sheet"]


@pytest.mark.parametrize("ref", ["C2:", "C0:C3", "C2:C9999999", "XFE2:XFE3", "c2:c3"])
def test_a_merge_that_is_no_area_is_refused(plan: Plan, tmp_path: Path, ref: str) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(
        _raw_xlsx(
            f'<row r="1">{HEAD}</row>', after=f'<mergeCells><mergeCell ref="{ref}"/></mergeCells>'
        )
    )
    assert [f.code for f in check(plan, path).findings] == ["file-unreadable"]


def test_merged_cells_cover_a_bounded_number_of_cells() -> None:
    sheet = Sheet("S", True, [(n, ["x"]) for n in range(1, 101)])
    apply_merges(sheet, [(1, 1, 100, 10)], limit=2_000)
    assert sheet.rows[0][1][:2] == ["x", ""] and isinstance(sheet.rows[99][1][9], MergedCell)
    sheet = Sheet("S", True, [(n, ["x"]) for n in range(1, 101)])
    with pytest.raises(WorkbookError) as exc:
        apply_merges(sheet, [(1, 1, 100, 1000)], limit=2_000)
    assert exc.value.code == "file-too-large"


def test_ods_covered_cells_are_merged_cells(plan: Plan, tmp_path: Path) -> None:
    ids = _p("EG-16") + _p("2023-Q1")
    path = tmp_path / "a.ods"
    path.write_bytes(
        _raw_ods(
            [
                ODS_HEAD,
                ids + _p("21010", ' table:number-rows-spanned="2"') + _f(5) + _f(10),
                _p("EG-18") + _p("2023-Q1") + "<table:covered-table-cell/>" + _f(6) + _f(10),
                _p("EG-16")
                + _p("2023-Q2")
                + _p("21010")
                + _f(6, ' table:number-columns-spanned="2"')
                + "<table:covered-table-cell/>",
            ]
        )
    )
    v = check(plan, path)
    assert codes(v) == [("merged-cell", 3), ("merged-cell", 4)]
    assert [f.column for f in v.findings] == ["unit_code", "denominator"]
    assert "C2:C3" in v.findings[0].message and "D4:E4" in v.findings[1].message
    assert [(o.line, o.unit_code) for o in v.observations] == [(2, "21010")]


def test_xls_merged_cells(plan: Plan, tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("S")
    for c, h in enumerate(COLS):
        ws.write(0, c, h)
    for r, (ind, period) in enumerate([("EG-16", "2023-Q1"), ("EG-18", "2023-Q1")], start=1):
        ws.write(r, 0, ind)
        ws.write(r, 1, period)
        ws.write(r, 3, 5)
        ws.write(r, 4, 10)
    ws.write_merge(1, 2, 2, 2, 21010)  # C2:C3
    wb.save(str(tmp_path / "a.xls"))
    v = check(plan, tmp_path / "a.xls")
    assert codes(v) == [("merged-cell", 3)] and "C2:C3" in v.findings[0].message
    assert [o.line for o in v.observations] == [2]
