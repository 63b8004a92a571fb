"""The same nine observations in every shape agencies send — UTF-8 CSV with English headers and
English numbers (12,345 and 91.5), UTF-8-BOM ';' CSV with Vietnamese headers / periods / numbers
(12.345 and 91,5), UTF-16 tab text (as .csv and as Excel's "Unicode Text" .txt), a cp1258 CSV, an
.xlsx workbook, an .xlsx with %-formatted cells, an .xls and an .ods — validate without errors to
the same normalised observations."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import cp1258_bytes
from qn_dx.plan import Plan
from qn_dx.validate import Validation, validate_paths

# (indicator_id, unit_code, period, numerator, denominator, value, done)
EXPECTED = [
    ("EG-16", "21010", "2023-Q1", 45, 50, 90.0, None),  # commune ratio (phường), with value
    ("EG-04", "21010", "2023-03", 3, 4, None, None),  # phường/thị trấn ratio, by month
    ("DG-02", "51", "2023", None, None, 91.5, None),  # province percent value
    ("EG-09", "51", "2023-Q2", None, None, 12.0, None),  # province count
    ("DG-13", "51", "2022", None, None, 40.0, None),  # rank, baseline year
    ("EG-07", "51", "2023-Q4", None, None, None, True),  # milestone
    ("EG-15", "STTTT", "2023-Q1", 120, 130, None, None),  # department ratio
    ("EG-05", "21034", "2023-Q3", 7, 9, None, None),  # xã ratio
    ("DG-01", "51", "2023-Q1", 12345, 23456, None, None),  # thousands, in the file's style
]

NOTE = "Số liệu minh họa – Phường Lê Hồng Phong, đạt chỉ tiêu"


def _english_utf8(folder: Path) -> Path:
    text = (
        "indicator_id,period,unit_code,numerator,denominator,value,note\n"
        f'EG-16,2023-Q1,21010,45,50,90,"{NOTE}"\n'
        "EG-04,2023-03,21010,3,4,,\n"
        "DG-02,2023,51,,,91.5,\n"
        "EG-09,2023-Q2,51,,,12,\n"
        "DG-13,2022,51,,,40,\n"
        "EG-07,2023-Q4,51,,,done,\n"
        "EG-15,2023-Q1,STTTT,120,130,,\n"
        "EG-05,2023-Q3,21034,7,9,,\n"
        'DG-01,2023-Q1,51,"12,345","23,456",,\n'
    )
    path = folder / "a-english.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _vietnamese_bom_semicolon(folder: Path) -> Path:
    text = (
        "Mã chỉ tiêu;Kỳ báo cáo;Mã đơn vị;Tử số;Mẫu số;Giá trị;Ghi chú\r\n"
        f"EG-16;Quý I/2023;21010;45;50;90,0;{NOTE}\r\n"
        "EG-04;T3/2023;21010;3;4;;\r\n"
        "DG-02;2023;51;;;91,5;\r\n"
        "EG-09;Quý II/2023;51;;;12;\r\n"
        "DG-13;2022;51;;;40;\r\n"
        "EG-07;Quý IV/2023;51;;;hoàn thành;\r\n"
        "EG-15;Quý I/2023;STTTT;120;130;;\r\n"
        "EG-05;Quý III/2023;21034;7;9;;\r\n"
        "DG-01;Quý I/2023;51;12.345;23.456;;\r\n"
    )
    path = folder / "b-vietnamese.csv"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    return path


def _utf16_tab(folder: Path) -> Path:
    # Excel's "Unicode Text": UTF-16 LE with BOM, tab-separated; columns in another order.
    rows = [
        ["Kỳ", "Chỉ tiêu", "Đơn vị", "Giá trị", "Tử số", "Mẫu số", "Ghi chú"],
        ["Q1/2023", "EG-16", "21010", "90%", "45", "50", NOTE],
        ["Tháng 3/2023", "EG-04", "21010", "", "3", "4", ""],
        ["2023", "DG-02", "51", "91,5%", "", "", ""],
        ["2023Q2", "EG-09", "51", "12", "", "", ""],
        ["2022", "DG-13", "51", "40", "", "", ""],
        ["Q4-2023", "EG-07", "51", "x", "", "", ""],
        ["Quý 1/2023", "EG-15", "STTTT", "", "120", "130", ""],
        ["Quý 3/2023", "EG-05", "21034", "", "7", "9", ""],
        ["Quí I/2023", "DG-01", "51", "", "12.345", "23.456", ""],
    ]
    text = "".join("\t".join(r) + "\r\n" for r in rows)
    path = folder / "c-unicode-text.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return path


def _unicode_text_txt(folder: Path) -> Path:
    sub = folder / "txt"
    sub.mkdir(exist_ok=True)
    return _utf16_tab(sub).rename(folder / "c-unicode-text.txt")


def _cp1258(folder: Path) -> Path:
    text = (
        "Mã chỉ tiêu,Kỳ,Mã đơn vị,Tử số,Mẫu số,Giá trị,Ghi chú\r\n"
        f'EG-16,Quý I/2023,21010,45,50,"90,0","{NOTE}"\r\n'
        "EG-04,03/2023,21010,3,4,,Đơn vị tự báo cáo\r\n"
        'DG-02,2023,51,,,"91,5",Ước tính\r\n'
        "EG-09,Quý II/2023,51,,,12,Hệ thống thông tin\r\n"
        "DG-13,2022,51,,,40,Xếp hạng DTI\r\n"
        "EG-07,Quý IV/2023,51,,,Đạt,Đã hoàn thành\r\n"
        "EG-15,Quý I/2023,STTTT,120,130,,Sở Thông tin và Truyền thông\r\n"
        "EG-05,Quý III/2023,21034,7,9,,Xã Nghĩa Dũng\r\n"
        "DG-01,Quý I/2023,51,12.345,23.456,,Hồ sơ trực tuyến\r\n"
    )
    path = folder / "d-cp1258.csv"
    path.write_bytes(cp1258_bytes(text))
    return path


def _xlsx(folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Số liệu"
    sheet.append(
        ["indicator_id", "period", "unit_code", "numerator", "denominator", "value", "note"]
    )
    sheet.append(["EG-16", "2023-Q1", 21010, 45, 50, 90, NOTE])
    sheet.append(["EG-04", "2023-03", 21010, 3, 4, None, None])
    sheet.append(["DG-02", 2023, 51, None, None, 91.5, None])  # unit code as a NUMBER cell
    sheet.append(["EG-09", "Quý II/2023", 51, None, None, 12.0, None])
    sheet.append(["DG-13", 2022, 51, None, None, 40, None])
    sheet.append(["EG-07", "2023-Q4", 51, None, None, "done", None])
    sheet.append(["EG-15", "2023-Q1", "STTTT", 120, 130, None, None])
    sheet.append(["EG-05", "2023-Q3", "21034", 7.0, 9.0, None, None])
    sheet.append(["DG-01", "2023-Q1", 51, 12345, 23456, None, None])
    book.create_sheet("Ghi chú").append(["a sheet without the header is not read", "EG-99"])
    path = folder / "e-workbook.xlsx"
    book.save(path)
    return path


ROWS = [
    ["EG-16", "2023-Q1", 21010, 45, 50, 0.9, NOTE],  # 0.9 under a % format: 90 %
    ["EG-04", "2023-03", 21010, 3, 4, None, None],
    ["DG-02", "2023", 51, None, None, 0.915, None],  # 91.5 %
    ["EG-09", "Quý II/2023", 51, None, None, 12, None],
    ["DG-13", "2022", 51, None, None, 40, None],
    ["EG-07", "2023-Q4", 51, None, None, "done", None],
    ["EG-15", "2023-Q1", "STTTT", 120, 130, None, None],
    ["EG-05", "2023-Q3", 21034, 7, 9, None, None],
    ["DG-01", "2023-Q1", 51, 12345, 23456, None, None],
]
PERCENT_ROWS = {0, 2}  # value cells formatted as percentages
COLUMNS = ["indicator_id", "period", "unit_code", "numerator", "denominator", "value", "note"]


def _xlsx_percent(folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(COLUMNS)
    for i, row in enumerate(ROWS):
        sheet.append(row)
        if i in PERCENT_ROWS:
            sheet.cell(i + 2, 6).number_format = "0.0%"
    path = folder / "f-percent.xlsx"
    book.save(path)
    return path


def _xls(folder: Path) -> Path:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Số liệu")
    pct = xlwt.easyxf(num_format_str="0.0%")
    for c, h in enumerate(COLUMNS):
        sheet.write(0, c, h)
    for r, row in enumerate(ROWS, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if c == 5 and r - 1 in PERCENT_ROWS:
                sheet.write(r, c, value, pct)
            else:
                sheet.write(r, c, value)
    path = folder / "g-excel-97.xls"
    book.save(str(path))
    return path


def _ods(folder: Path) -> Path:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Số liệu")
    for r, row in enumerate([COLUMNS, *ROWS]):
        tr = TableRow()
        for c, value in enumerate(row):
            if value is None:
                tr.addElement(TableCell())
                continue
            if isinstance(value, int | float):
                kind = "percentage" if c == 5 and r - 1 in PERCENT_ROWS else "float"
                cell = TableCell(valuetype=kind, value=value)
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    path = folder / "h-libreoffice.ods"
    doc.save(str(path))
    return path


WRITERS = {
    "utf8-english": _english_utf8,
    "bom-semicolon-vietnamese": _vietnamese_bom_semicolon,
    "utf16-tab": _utf16_tab,
    "cp1258": _cp1258,
    "xlsx": _xlsx,
    "xlsx-percent-cells": _xlsx_percent,
    "xls": _xls,
    "ods": _ods,
    "unicode-text-txt": _unicode_text_txt,
}


# Text files write 12.345 / "12,345": read by the file's own style, which a warning names.
TEXT_SHAPES = {
    "utf8-english",
    "bom-semicolon-vietnamese",
    "utf16-tab",
    "cp1258",
    "unicode-text-txt",
}


def _normalised(v: Validation) -> list[tuple[object, ...]]:
    return [
        (
            o.indicator_id,
            o.unit_code,
            o.period.label,
            o.numerator,
            o.denominator,
            o.value,
            o.done,
        )
        for o in v.observations
    ]


@pytest.mark.parametrize("shape", list(WRITERS))
def test_every_shape_gives_the_same_observations(plan: Plan, tmp_path: Path, shape: str) -> None:
    path = WRITERS[shape](tmp_path)
    v = validate_paths(plan, [path])
    assert v.errors == [], [f.to_text() for f in v.errors]
    expected_warnings = [("number-style", "warning")] if shape in TEXT_SHAPES else []
    if shape == "cp1258":
        expected_warnings.insert(0, ("encoding-fallback", "warning"))
    assert [(f.code, f.severity) for f in v.warnings] == expected_warnings
    assert (v.files, v.rows, v.rows_valid, v.rows_invalid, v.rows_skipped) == (1, 9, 9, 0, 0)
    assert _normalised(v) == EXPECTED
    assert [o.line for o in v.observations] == list(range(2, 11))
    assert v.observations[0].note == NOTE  # Vietnamese survives every encoding, as NFC


def test_cp1258_really_needs_the_fallback(tmp_path: Path) -> None:
    raw = _cp1258(tmp_path).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\xcc" in raw or b"\xec" in raw or b"\xf2" in raw  # a separate cp1258 tone mark


def test_all_shapes_in_one_run_are_duplicates_not_conflicts(plan: Plan, tmp_path: Path) -> None:
    paths = [write(tmp_path) for write in WRITERS.values()]
    v = validate_paths(plan, paths)
    assert v.errors == [], [f.to_text() for f in v.errors]
    dupes = [f for f in v.warnings if f.code == "duplicate-row"]
    assert len(dupes) == 9 * (len(paths) - 1)
    assert _normalised(v) == EXPECTED
    n = len(paths)
    assert (v.rows, v.rows_valid, v.rows_skipped) == (9 * n, 9, 9 * (n - 1))


def test_forced_encoding_reads_cp1258_without_warning(plan: Plan, tmp_path: Path) -> None:
    v = validate_paths(plan, [_cp1258(tmp_path)], "cp1258")
    assert [f.code for f in v.findings] == ["number-style"]
    assert _normalised(v) == EXPECTED


def test_forcing_the_wrong_encoding_is_an_error_not_a_traceback(plan: Plan, tmp_path: Path) -> None:
    v = validate_paths(plan, [_cp1258(tmp_path)], "utf-8")
    assert [f.code for f in v.errors] == ["file-undecodable"]
    assert v.rows == 0
