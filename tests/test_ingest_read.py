"""A submitted file → tables of header and records with their line numbers (CSV, tab text,
spreadsheets)."""

from __future__ import annotations

import codecs
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import HEADER, HEADER_VI, TASK_HEADER, write
from qn_dx.findings import Finding
from qn_dx.ingest.csvtext import Problem
from qn_dx.ingest.read import read_source

CANONICAL = ["indicator_id", "period", "unit_code", "numerator", "denominator", "value", "note"]


@dataclass
class Read:
    """The first table of a file, its records materialised; findings of file and table."""

    readable: bool
    findings: list[Finding]
    columns: list[str | None] = field(default_factory=list)
    encoding: str | None = None
    kind: str = "actuals"
    headers: list[str] = field(default_factory=list)
    file: str = ""
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    problems: list[tuple[int, Problem]] = field(default_factory=list)


def _read(path: Path, encoding: str | None = None) -> Read:
    source = read_source(path, path.name, encoding)
    findings = list(source.findings)
    if not source.tables:
        return Read(False, findings)
    t = source.tables[0]
    findings += t.findings
    out = Read(t.readable, findings, t.columns, t.encoding, t.kind, t.headers, t.file)
    if t.readable:
        for line, cells, last in t.records():
            if isinstance(last, Problem):
                out.problems.append((line, last))
            else:
                out.rows.append((line, cells))
    return out


def _codes(table: Read) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in table.findings]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_detected(tmp_path: Path, delimiter: str) -> None:
    header = HEADER.replace(",", delimiter)
    row = delimiter.join(["EG-16", "2023-Q1", "21010", "5", "10", "50,0", "ghi chú"])
    if delimiter == ",":
        row = 'EG-16,2023-Q1,21010,5,10,"50,0",ghi chú'
    t = _read(write(tmp_path, "a.csv", [row], header=header))
    assert t.readable and t.findings == []
    assert t.columns == CANONICAL
    assert t.rows == [(2, ["EG-16", "2023-Q1", "21010", "5", "10", "50,0", "ghi chú"])]


def test_vietnamese_headers_any_order_case_spaces_diacritics(tmp_path: Path) -> None:
    header = "  GHI CHU ;Gia tri;mẫu số; Tử Số ;MÃ ĐƠN VỊ;kỳ;Chỉ tiêu"
    t = _read(write(tmp_path, "a.csv", ["x;1;2;1;21010;2023-Q1;EG-16"], header=header))
    assert t.readable and t.findings == []
    assert t.columns == [
        "note",
        "value",
        "denominator",
        "numerator",
        "unit_code",
        "period",
        "indicator_id",
    ]
    assert t.headers[0] == "GHI CHU"  # kept as written (trimmed) for findings


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Mã chỉ tiêu", "indicator_id"),
        ("Chỉ tiêu", "indicator_id"),
        ("Kỳ", "period"),
        ("Kỳ báo cáo", "period"),
        ("Mã đơn vị", "unit_code"),
        ("Đơn vị", "unit_code"),
        ("Tử số", "numerator"),
        ("Mẫu số", "denominator"),
        ("Giá trị", "value"),
        ("Ghi chú", "note"),
        ("INDICATOR_ID", "indicator_id"),
        ("unit code", "unit_code"),
    ],
)
def test_each_vietnamese_header(tmp_path: Path, written: str, name: str) -> None:
    cols = {n: n for n in ("indicator_id", "period", "unit_code")}
    cols[name] = written
    header = ",".join(cols.values())
    t = _read(write(tmp_path, "a.csv", [], header=header))
    assert t.readable, t.findings
    assert name in t.columns


def test_line_numbers_count_blank_lines_and_multiline_notes(tmp_path: Path) -> None:
    rows = [
        "EG-16,2023-Q1,21010,5,10,,",
        "",
        'EG-16,2023-Q2,21010,5,10,,"two\nlines"',
        "EG-16,2023-Q3,21010,5,10,,",
    ]
    t = _read(write(tmp_path, "a.csv", rows))
    lines = [line for line, cells in t.rows if any(cells)]
    assert lines == [2, 6]
    # a record over two physical lines is never silently one row: it is a problem, 4 to 5
    assert t.problems == [(4, Problem("multiline", 5))]


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(
        f"{HEADER}\r\nEG-16,2023-Q1,21010,5,10,,\r\nEG-16,2023-Q2,21010,5,10,,\r\n".encode()
    )
    t = _read(path)
    assert [line for line, _ in t.rows] == [2, 3]
    assert t.rows[0][1][-1] == ""


def test_semicolon_bom_file_with_vietnamese_headers(tmp_path: Path) -> None:
    text = f"{HEADER_VI}\nEG-16;Quý I/2023;21010;5;10;50;Số liệu\n"
    path = tmp_path / "a.csv"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    t = _read(path)
    assert t.encoding == "utf-8-sig"
    assert t.columns == CANONICAL
    assert t.headers[0] == "Mã chỉ tiêu"
    assert t.rows == [(2, ["EG-16", "Quý I/2023", "21010", "5", "10", "50", "Số liệu"])]


def test_utf16_tab_text(tmp_path: Path) -> None:
    text = HEADER_VI.replace(";", "\t") + "\nEG-16\tQuý I/2023\t21010\t5\t10\t\tSố liệu\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-16"))  # Python writes the BOM
    t = _read(path)
    assert t.encoding == "utf-16"
    assert t.columns == CANONICAL
    assert t.rows == [(2, ["EG-16", "Quý I/2023", "21010", "5", "10", "", "Số liệu"])]


def test_cp1258_file_warns_and_reads_vietnamese(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.csv", ["EG-16;Quý I/2023;21010;5;10;;Đạt chỉ tiêu"], HEADER_VI, "cp1258"
    )
    t = _read(path)
    assert t.encoding == "cp1258"
    assert _codes(t) == [("encoding-fallback", None)]
    assert t.readable
    assert t.columns == CANONICAL
    assert t.rows[0][1][-1] == "Đạt chỉ tiêu"


def test_forced_encoding_gives_no_fallback_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", ["EG-16;Quý I/2023;21010;5;10;;Đạt"], HEADER_VI, "cp1258")
    t = _read(path, "cp1258")
    assert t.findings == []
    assert t.rows[0][1][1] == "Quý I/2023"


def test_forced_utf8_on_a_bom_file(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(codecs.BOM_UTF8 + f"{HEADER}\nEG-16,2023-Q1,21010,5,10,,\n".encode())
    t = _read(path, "utf-8")
    assert t.findings == []
    assert t.columns == CANONICAL


def test_task_file_is_recognised(tmp_path: Path) -> None:
    t = _read(write(tmp_path, "t.csv", ["NV-1.1,2023-Q1,done,100,"], header=TASK_HEADER))
    assert t.kind == "tasks"
    assert t.columns == ["task_id", "period", "status", "progress", "note"]


def test_vietnamese_task_headers(tmp_path: Path) -> None:
    header = "Mã nhiệm vụ;Kỳ báo cáo;Trạng thái;Tiến độ (%);Ghi chú"
    t = _read(write(tmp_path, "t.csv", ["NV-1.1;Quý I/2023;hoàn thành;100;"], header=header))
    assert t.kind == "tasks"
    assert t.columns == ["task_id", "period", "status", "progress", "note"]


def test_unknown_column_is_a_warning_named_as_written(tmp_path: Path) -> None:
    t = _read(write(tmp_path, "a.csv", [], header=HEADER + ",Người lập"))
    assert t.readable
    (f,) = t.findings
    assert (f.code, f.line, f.column, f.severity) == ("unknown-column", 1, "Người lập", "warning")
    assert t.columns[-1] is None


@pytest.mark.parametrize(
    "header",
    [
        "period,unit_code,numerator,denominator,value",  # no indicator
        "indicator_id,numerator,value",  # no period, no unit: still one finding
        "numerator,denominator,value,note",  # nothing required
    ],
)
def test_missing_required_column_is_one_file_level_error(tmp_path: Path, header: str) -> None:
    t = _read(write(tmp_path, "a.csv", ["1,2,3,4,5"], header=header))
    assert not t.readable
    assert _codes(t) == [("missing-column", 1)]
    assert t.findings[0].severity == "error"


def test_duplicate_column(tmp_path: Path) -> None:
    t = _read(write(tmp_path, "a.csv", [], header="indicator_id,period,unit_code,value,Giá trị"))
    assert not t.readable
    (f,) = t.findings
    assert (f.code, f.line, f.column) == ("duplicate-column", 1, "Giá trị")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "file-empty"),
        (b"   \n\n  \r\n", "file-empty"),
        (codecs.BOM_UTF8, "file-empty"),
        (b",,,\n,,\n", "file-empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "file-binary"),
        (b"indicator_id\n\x81\x8d\x8f\x90\n", "file-undecodable"),
    ],
)
def test_broken_files_give_one_file_error(tmp_path: Path, raw: bytes, code: str) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(raw)
    t = _read(path)
    assert not t.readable
    assert [f.code for f in t.findings if f.severity == "error"] == [code]
    assert t.rows == []


@pytest.mark.parametrize(
    ("tail", "problem"),
    [
        (b'EG-16,2023-Q1,21010,5,10,,"open quote\nEG-16,2023\n', Problem("open-quote", 3)),
        (b'EG-16,2023-Q1,21010,5,10,,"open quote', Problem("open-quote", 2)),
    ],
)
def test_a_quote_never_closed_is_a_problem_over_every_line(
    tmp_path: Path, tail: bytes, problem: Problem
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(HEADER.encode() + b"\n" + tail)
    t = _read(path)
    assert t.readable and t.rows == []
    assert t.problems == [(2, problem)]


def test_open_quote_in_the_header(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'indicator_id,"period,unit_code,value\nEG-09,2023,51,3\n')
    t = _read(path)
    assert not t.readable
    assert "missing-column" in [f.code for f in t.findings]


def test_quotes_closed_properly_are_fine(tmp_path: Path) -> None:
    rows = ['EG-16,2023-Q1,21010,5,10,,"he said ""ok"", then left"']
    t = _read(write(tmp_path, "a.csv", rows))
    assert t.readable and t.findings == []
    assert t.rows[0][1][-1] == 'he said "ok", then left'


def test_missing_file(tmp_path: Path) -> None:
    t = _read(tmp_path / "nope.csv")
    assert not t.readable
    assert [f.code for f in t.findings] == ["file-unreadable"]


def test_header_after_blank_lines_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"\n\n{HEADER}\nEG-16,2023-Q1,21010,5,10,,\n", encoding="utf-8")
    t = _read(path)
    assert t.readable and t.columns == CANONICAL
    assert [line for line, cells in t.rows if any(cells)] == [4]


# --- .xlsx ------------------------------------------------------------------------------------


def _xlsx(path: Path, rows: list[list[object]], title: str = "Sheet") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.create_sheet("second").append(["not", "read"])
    book.save(path)
    return path


def test_xlsx_first_sheet_like_csv(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "a.xlsx",
        [
            CANONICAL,
            ["DG-02", "2023", 51, None, None, 91.5, "Ghi chú"],
            [None, None, None, None, None, None, None],
            ["EG-16", "Quý I/2023", 21010, 45, 50.0, None, None],
        ],
    )
    t = _read(path)
    assert t.readable and t.findings == []
    assert t.encoding == "workbook" and t.file == "a.xlsx[Sheet]"
    assert t.columns == CANONICAL
    data = [(line, (cells + [""] * 7)[:7]) for line, cells in t.rows if any(cells)]
    assert data == [
        (2, ["DG-02", "2023", "51", "", "", "91.5", "Ghi chú"]),
        (4, ["EG-16", "Quý I/2023", "21010", "45", "50", "", ""]),
    ]


def test_xlsx_date_cell_becomes_month(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "a.xlsx",
        [CANONICAL[:6], ["EG-16", dt.datetime(2023, 3, 1), "21010", 1, 2, None]],
    )
    t = _read(path)
    assert t.rows[0][1][1] == "2023-03"


def test_xlsx_vietnamese_headers(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "a.xlsx", [HEADER_VI.split(";"), ["EG-09", "2023", 51, None, None, 12]])
    t = _read(path)
    assert t.columns == CANONICAL
    assert t.rows[0][1][:6] == ["EG-09", "2023", "51", "", "", "12"]


@pytest.mark.parametrize(
    "raw", [b"this is not a workbook", b"PK\x03\x04 truncated zip", b"\x00\x01\x02"]
)
def test_unreadable_xlsx(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(raw)
    t = _read(path)
    assert not t.readable
    assert [f.code for f in t.findings] == ["file-unreadable"]


def test_workbook_without_a_contract_sheet(tmp_path: Path) -> None:
    t = _read(_xlsx(tmp_path / "a.xlsx", []))
    assert not t.readable
    assert [f.code for f in t.findings] == ["no-contract-sheet"]
    assert "'Sheet' (empty)" in t.findings[0].message and "'second'" in t.findings[0].message


@pytest.mark.parametrize("tail", [b'EG-09,2023,51,3,"a\n,"\n\n', b'EG-09,2023,51,3,"a\n,"'])
def test_a_closed_multiline_note_at_the_end_is_multiline_not_open(
    tmp_path: Path, tail: bytes
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"indicator_id,period,unit_code,value,note\n" + tail)
    t = _read(path)
    assert t.readable and t.findings == []
    assert [r for r in t.rows if any(r[1])] == []  # a blank line after it is just blank
    assert t.problems == [(2, Problem("multiline", 3))]


@pytest.mark.parametrize(
    "tail",
    [
        b'EG-09,2023,51,3,"say ""hi"""\r\n',
        b'EG-09,2023,51,3,5" screen\n',  # a quote inside an unquoted cell is just a character
    ],
)
def test_closed_quotes_at_the_end_are_not_bad_csv(tmp_path: Path, tail: bytes) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"indicator_id,period,unit_code,value,note\n" + tail)
    t = _read(path)
    assert t.readable and t.findings == []
    assert t.rows[0][0] == 2


@pytest.mark.parametrize(
    ("header", "read_as"),
    [
        ("Tử số (văn bản)", "numerator"),
        ("Mẫu số\n(tổng văn bản)", "denominator"),
        ("Giá trị (%)", "value"),
        ("Giá trị (kế hoạch)", None),  # the planned value, not the actual
        ("value (target)", None),
        ("Giá trị\nkế hoạch", None),
        ("Tử số (kỳ trước)", None),  # last period's
        ("Mã đơn vị (cũ)", None),  # an old code
        ("Kỳ báo cáo (kỳ trước)", None),
        ("Giá trị (năm 2022)", None),
        ("Giá trị (lũy kế)", None),  # the basis column says that, row by row
    ],
)
def test_words_after_a_column_name(header: str, read_as: str | None) -> None:
    from qn_dx.ingest.headers import canonical, qualified

    assert canonical(header, "actuals") == read_as
    if read_as is None:
        assert qualified(header, "actuals") is not None
