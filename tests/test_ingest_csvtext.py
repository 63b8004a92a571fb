"""CSV structure that must not swallow or drop rows: a header over blank or title lines, header
and rows with different separators, quotes that swallow lines, cells larger than Excel's."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import HEADER, HEADER_VI, at, check, codes, only
from qn_dx.ingest import headers, read
from qn_dx.ingest.csvtext import FIELD_LIMIT, LINE_LIMIT, long_line
from qn_dx.ingest.headers import MAX_HEADER_CELL, canonical, header_score
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


def test_decimal_commas_do_not_fool_the_row_separator(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "indicator_id,period,unit_code,numerator,denominator,value\n"
        "DG-02;2023;51;;;91,5\nDG-05;2023;51;;;61,5\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert [c for c, _ in codes(v)] == ["delimiter-mismatch"]
    assert [(o.indicator_id, o.value) for o in v.observations] == [("DG-02", 91.5), ("DG-05", 61.5)]


def test_a_row_too_short_for_the_header_is_refused_not_skipped(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "indicator_id;period;unit_code;numerator;denominator;value\n"
        "EG-16;2023-Q1;21028;5;10;50,0\nEG-16,2023-Q2,21028,6,10,60\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert at(v, "unsplit-row", 3).severity == "error"
    assert v.rows_skipped == 0


def test_a_two_level_header(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "Mã chỉ tiêu;Kỳ báo cáo;Mã đơn vị;Số liệu;;Giá trị\n;;;Tử số;Mẫu số;\n"
        "EG-16;Quý I/2023;21028;5;10;\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert v.findings == [] or [c for c, _ in codes(v)] == ["unknown-column"]
    assert [(o.line, o.numerator, o.denominator) for o in v.observations] == [(3, 5, 10)]


def test_figures_in_unknown_columns_are_refused_not_skipped(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "STT,indicator_id,period,unit_code,Tỷ lệ (%),note\n"
        "1,DG-02,2023,51,95,\n2,DG-05,2023,51,,\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    f = at(v, "figures-outside-contract", 2)
    assert f.severity == "error" and "Tỷ lệ (%)" in f.message and "STT" not in f.message
    assert at(v, "unfilled-row", 3)  # the row number column alone is not a figure


def test_a_total_word_before_a_real_row_is_not_a_total(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "note,indicator_id,period,unit_code,numerator,denominator,value\n"
        "Tổng số văn bản ký số,EG-16,2023-Q2,21028,6,10,\nCộng,,,,13,20,\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert [o.line for o in v.observations] == [2]
    assert codes(v) == [("total-row", 3)]


def test_a_data_row_above_the_header_is_refused(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        f"Báo cáo quý I\nEG-16,2023-Q1,21028,9,10,,\n{HEADER}\nEG-16,2023-Q2,21028,6,10,,\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert at(v, "data-above-header", 2).severity == "error"
    assert (v.rows, v.rows_invalid, v.rows_valid) == (2, 1, 1)


def test_a_few_bad_bytes_in_a_utf8_file(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(
        (HEADER_VI + "\nEG-16;Quý I/2023;21010;5;10;;Phường\n").encode()
        + b"EG-16;Qu\xff II/2023;21010;6;10;;x\n"
        + "EG-16;Quý III/2023;21010;7;10;;\n".encode()
    )
    v = check(plan, path)
    assert codes(v) == [("invalid-bytes", 3)]
    assert [o.line for o in v.observations] == [2, 4]  # read as UTF-8, not as cp1258


def test_utf16_without_bom_is_named(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes((HEADER + "\nEG-16,2023-Q1,21010,5,10,,\n").encode("utf-16-le"))
    v = check(plan, path)
    assert "UTF-16" in v.errors[0].message


# --- one giant line: refused unread, never split or folded ------------------------------------


@pytest.fixture
def folded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text the header search folds (diacritics, case, spaces)."""
    sizes: list[int] = []
    real = headers.fold

    def fold(text: str) -> str:
        sizes.append(len(text))
        return real(text)

    monkeypatch.setattr(headers, "fold", fold)
    return sizes


@pytest.mark.parametrize("line", ["A" * 3_000_000, "12," * 1_000_000, "Mã chỉ tiêu," * 250_000])
def test_a_file_of_one_giant_line_is_refused_unread(
    plan: Plan, tmp_path: Path, folded: list[int], line: str
) -> None:
    """A 190 MB line ran out of memory folding it as a header candidate (1.7 GB and 2 minutes
    for 100 MB): a line longer than any header or row is now the file's finding, found by a
    scan, and nothing of it is split or folded."""
    path = tmp_path / "a.csv"
    path.write_text(line + "\n", encoding="utf-8")
    v = check(plan, path)
    f = only(v, "line-too-long")
    assert (f.line, f.severity, f.file) == (1, "error", str(path))
    assert f"{len(line):,} characters" in f.message and "not read" in f.message
    assert v.rows == 0 and folded == []


def test_a_giant_line_under_the_header_refuses_the_file(
    plan: Plan, tmp_path: Path, folded: list[int]
) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        f"{HEADER}\nEG-16,2023-Q1,21010,5,10,,\n{'9,' * 600_000}\nEG-16,2023-Q2,21010,6,10,,\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert codes(v) == [("line-too-long", 3)] and v.rows == 0
    assert "1,200,000 characters" in v.findings[0].message
    assert max(folded, default=0) <= MAX_HEADER_CELL


def test_long_lines_below_the_limit_are_read_and_cost_little(
    plan: Plan, tmp_path: Path, folded: list[int]
) -> None:
    """A title line of 900,000 characters above the header: a title, and only its first cells,
    each no longer than an Excel cell, are looked at; an oversize cell is refused on its line."""
    path = tmp_path / "a.csv"
    path.write_text(
        f"{'Báo cáo ' * 112_500}\n{HEADER}\nEG-16,2023-Q1,21010,5,10,,{'x' * 40_000}\n"
        "EG-16,2023-Q2,21010,6,10,,\n",
        encoding="utf-8",
    )
    v = check(plan, path)
    assert codes(v) == [("rows-above-header", 1), ("field-too-large", 3)]
    assert [o.line for o in v.observations] == [4]
    assert max(folded) <= MAX_HEADER_CELL


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a\n" + "x" * (LINE_LIMIT + 1) + "\nb\n", (2, LINE_LIMIT + 1)),
        ("a\r\nb\r\n" + "x" * (LINE_LIMIT + 7) + "\r\n", (3, LINE_LIMIT + 7)),
        ("a\rb\r" + "x" * (LINE_LIMIT * 3) + "\rc", (3, LINE_LIMIT * 3)),  # old Mac line ends
        ("x" * (LINE_LIMIT // 2 + 3) + "\n" + "y" * (LINE_LIMIT + 1), (2, LINE_LIMIT + 1)),
        ("x" * LINE_LIMIT + "\n" + "y" * LINE_LIMIT, None),  # at the limit: not over it
        ("\n".join(["z" * 900_000] * 5), None),
    ],
)
def test_long_line(text: str, found: tuple[int, int] | None) -> None:
    assert long_line(text) == found


def test_header_search_bounds() -> None:
    assert canonical("Tử số (" + "ghi chú " * 100 + ")", "actuals") == "numerator"
    assert canonical("Tử số (" + "x" * MAX_HEADER_CELL + ")", "actuals") is None
    # only a row's first 1,001 cells are looked at: wider is too-many-columns anyway
    assert header_score(["", "indicator_id", "period", "unit_code"]) == (True, 3)
    assert header_score([""] * 1_001 + ["indicator_id", "period", "unit_code"]) == (False, 0)


def test_running_out_of_memory_is_the_files_finding(
    plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(read, "find_layout", exhausted)
    path = tmp_path / "a.csv"
    path.write_text(f"{HEADER}\nEG-16,2023-Q1,21010,5,10,,\n", encoding="utf-8")
    v = check(plan, path)
    f = only(v, "file-too-large")
    assert "more memory" in f.message and v.rows == 0


def test_a_quote_left_open_does_not_flood_the_findings(plan: Plan, tmp_path: Path) -> None:
    from conftest import write

    rows = ['EG-16,2023-Q1,21010,"5,10,,'] + [f"EG-16,2023-Q{q},21010,5,10,," for q in (2, 3)] * 500
    v = check(plan, write(tmp_path, "a.csv", rows, HEADER))
    found = [f for f in v.findings if f.code == "multiline-field"]
    assert len(found) == 101  # lines 2–101 each, then one for the rest
    assert found[-1].line == 102 and "lines 102–1002 likewise" in found[-1].message
    assert v.rows_invalid == 1001  # every line it swallowed still counts as refused
