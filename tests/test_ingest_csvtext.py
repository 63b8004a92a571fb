"""CSV structure that must not swallow or drop rows: a header over blank or title lines, header
and rows with different separators, quotes that swallow lines, cells larger than Excel's."""

from __future__ import annotations

from pathlib import Path

from helpers_actuals import HEADER, HEADER_VI, at, check, codes
from qn_dx.ingest.csvtext import FIELD_LIMIT
from qn_dx.plan import Plan


def test_a_blank_first_line_does_not_skip_the_file(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"\n{HEADER_VI}\nEG-16;Quý I/2023;21010;5;10;;\n", encoding="utf-8")
    v = check(plan, path)
    assert v.findings == [] and [o.line for o in v.observations] == [3]


def test_header_with_commas_over_rows_with_semicolons(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        f"{HEADER}\nEG-16;2023-Q1;21010;5;10;;\nEG-18;2023-Q1;21010;91;100;91,0;\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert codes(v) == [("delimiter-mismatch", 1)]
    assert v.findings[0].severity == "warning" and "';'" in v.findings[0].message
    assert [(o.indicator_id, o.numerator, o.value) for o in v.observations] == [
        ("EG-16", 5, None),
        ("EG-18", 91, 91.0),
    ]


def test_rows_that_cannot_be_split_are_errors_on_their_lines(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        f"{HEADER}\nEG-16,2023-Q1,21010,5,10,,\nEG-16;2023-Q2;21010;6;10;;\n"
        "EG-16,2023-Q3,21010,7,10,,\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    f = at(v, "unsplit-row", 3)
    assert f.severity == "error"
    assert [o.line for o in v.observations] == [2, 4]
    assert (v.rows, v.rows_valid, v.rows_invalid) == (3, 2, 1)


def test_title_lines_above_a_csv_header(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        f"BÁO CÁO QUÝ I/2023;;;;;;\nĐơn vị: UBND xã Nghĩa Dũng;;;;;;\n{HEADER_VI}\n"
        "EG-16;Quý I/2023;21034;5;10;;\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert codes(v) == [("rows-above-header", 1)]
    assert [o.line for o in v.observations] == [4]


def test_a_quote_closed_lines_later_reports_every_line_it_swallowed(
    plan: Plan, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        f'{HEADER}\nEG-16,2023-Q1,21010,5,10,,"stray\nEG-16,2023-Q2,21010,6,10,,\n'
        'EG-16,2023-Q3,21010,7,10,,"\nEG-16,2023-Q4,21010,8,10,,\n',
        encoding="utf-8",
    )
    v = check(plan, path)
    assert codes(v) == [("multiline-field", 2), ("multiline-field", 3), ("multiline-field", 4)]
    assert all("lines 2–4" in f.message for f in v.findings)
    assert [o.line for o in v.observations] == [5]
    assert (v.rows, v.rows_invalid, v.rows_valid) == (4, 3, 1)


def test_a_quote_never_closed_reports_every_line_to_the_end(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        f'{HEADER}\nEG-16,2023-Q1,21010,5,10,,\nEG-16,2023-Q2,21010,6,10,,"open\n'
        "EG-16,2023-Q3,21010,7,10,,\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert codes(v) == [("multiline-field", 3), ("multiline-field", 4)]
    assert "never closed" in v.findings[0].message
    assert [o.line for o in v.observations] == [2]


def test_an_oversize_cell_is_an_error_and_the_file_goes_on(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        f'{HEADER}\nEG-16,2023-Q1,21010,5,10,,"{"x" * (FIELD_LIMIT + 10)}"\n'
        "EG-16,2023-Q2,21010,6,10,,\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    f = at(v, "field-too-large", 2)
    assert f.severity == "error" and f"{FIELD_LIMIT + 10:,}" in f.message
    assert [o.line for o in v.observations] == [3]


def test_a_header_cell_with_a_line_break(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'Mã chỉ tiêu;Kỳ báo cáo;Mã đơn vị;"Tử số\n(văn bản)";"Mẫu số\n(văn bản)";Giá trị;Ghi chú\n'
        "EG-16;Quý I/2023;21010;5;10;;\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert v.findings == []
    # the header is one record over lines 1–3: data starts on line 4
    assert [(o.line, o.numerator, o.denominator) for o in v.observations] == [(4, 5, 10)]


def test_tsv_and_unicode_text(plan: Plan, tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text(HEADER.replace(",", "\t") + "\nEG-16\t2023-Q1\t21010\t5\t10\t\t\n", "utf-8")
    txt = tmp_path / "b.txt"  # Excel's "Unicode Text": UTF-16 with BOM, tab-separated
    txt.write_bytes(
        (HEADER.replace(",", "\t") + "\r\nEG-18\t2023-Q1\t21010\t5\t10\t\t\r\n").encode("utf-16")
    )
    v = check(plan, tmp_path)
    assert v.findings == []
    assert sorted(o.indicator_id for o in v.observations) == ["EG-16", "EG-18"]
