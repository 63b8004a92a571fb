"""The same eight observations in every shape agencies send — UTF-8 CSV with English headers,
UTF-8-BOM ';' CSV with Vietnamese headers / periods / decimal commas, UTF-16 tab text, a cp1258
CSV and an .xlsx workbook — validate without errors to the same normalised observations."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from openpyxl import Workbook

from helpers_actuals import cp1258_bytes
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
    ]
    text = "".join("\t".join(r) + "\r\n" for r in rows)
    path = folder / "c-unicode-text.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return path


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
    book.create_sheet("Ghi chú").append(["only the first sheet is read", "EG-99"])
    path = folder / "e-workbook.xlsx"
    book.save(path)
    return path


WRITERS = {
    "utf8-english": _english_utf8,
    "bom-semicolon-vietnamese": _vietnamese_bom_semicolon,
    "utf16-tab": _utf16_tab,
    "cp1258": _cp1258,
    "xlsx": _xlsx,
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
    if shape == "cp1258":
        assert [(f.code, f.severity) for f in v.warnings] == [("encoding-fallback", "warning")]
    else:
        assert v.findings == []
    assert (v.files, v.rows, v.rows_valid, v.rows_invalid, v.rows_skipped) == (1, 8, 8, 0, 0)
    assert _normalised(v) == EXPECTED
    assert [o.line for o in v.observations] == list(range(2, 10))
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
    assert len(dupes) == 8 * (len(paths) - 1)
    assert _normalised(v) == EXPECTED
    assert (v.rows, v.rows_valid, v.rows_skipped) == (40, 8, 32)


def test_forced_encoding_reads_cp1258_without_warning(plan: Plan, tmp_path: Path) -> None:
    v = validate_paths(plan, [_cp1258(tmp_path)], "cp1258")
    assert v.findings == []
    assert _normalised(v) == EXPECTED


def test_forcing_the_wrong_encoding_is_an_error_not_a_traceback(plan: Plan, tmp_path: Path) -> None:
    v = validate_paths(plan, [_cp1258(tmp_path)], "utf-8")
    assert [f.code for f in v.errors] == ["file-undecodable"]
    assert v.rows == 0
