"""Row rules of the actuals and task-progress contracts: each broken row is one error (or
warning) with its code, on its line, naming the column as written in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import (
    DEPARTMENT,
    DISTRICT,
    HEADER_VI,
    PHUONG,
    PROVINCE,
    TASK_HEADER,
    THI_TRAN,
    XA,
    at,
    check,
    codes,
    only,
    write,
)
from qn_dx.plan import Plan

# --- one broken row per file: (row, code, column) ---------------------------------------------

BROKEN = [
    # indicator
    ("EG-99,2023-Q1,21010,5,10,,", "unknown-indicator", "indicator_id"),
    (",2023-Q1,21010,5,10,,", "unknown-indicator", "indicator_id"),
    ("Tỷ lệ hồ sơ,2023-Q1,21010,5,10,,", "unknown-indicator", "indicator_id"),
    # unit
    ("EG-16,2023-Q1,99999,5,10,,", "unknown-unit", "unit_code"),
    ("EG-16,2023-Q1,,5,10,,", "unknown-unit", "unit_code"),
    ("EG-16,2023-Q1,Thành phố Quảng Ngãi,5,10,,", "unknown-unit", "unit_code"),
    # scope
    (f"EG-16,2023-Q1,{DISTRICT},5,10,,", "unit-out-of-scope", "unit_code"),
    (f"EG-04,2023-Q1,{XA},5,10,,", "unit-out-of-scope", "unit_code"),
    (f"EG-05,2023-Q1,{PHUONG},5,10,,", "unit-out-of-scope", "unit_code"),
    (f"EG-05,2023-Q1,{THI_TRAN},5,10,,", "unit-out-of-scope", "unit_code"),
    (f"EG-16,2023-Q1,{PROVINCE},5,10,,", "unit-out-of-scope", "unit_code"),
    (f"EG-15,2023-Q1,{PHUONG},5,10,,", "unit-out-of-scope", "unit_code"),
    (f"EG-16,2023-Q1,{DEPARTMENT},5,10,,", "unit-out-of-scope", "unit_code"),
    (f"EG-09,2023,{DISTRICT},,,3,", "unit-out-of-scope", "unit_code"),
    (f"DG-13,2023,{DEPARTMENT},,,3,", "unit-out-of-scope", "unit_code"),
    # period
    ("EG-16,2023-Q5,21010,5,10,,", "bad-period", "period"),
    ("EG-16,,21010,5,10,,", "bad-period", "period"),
    ("EG-16,T13/2023,21010,5,10,,", "bad-period", "period"),
    ("EG-16,quý nhất,21010,5,10,,", "bad-period", "period"),
    ("EG-16,2024-Q1,21010,5,10,,", "period-out-of-range", "period"),
    ("EG-16,2021,21010,5,10,,", "period-out-of-range", "period"),
    ("EG-16,Quý I/2024,21010,5,10,,", "period-out-of-range", "period"),
    ("EG-16,T12/2021,21010,5,10,,", "period-out-of-range", "period"),
    # numbers
    ("EG-16,2023-Q1,21010,abc,10,,", "bad-number", "numerator"),
    ("EG-16,2023-Q1,21010,5,mười,,", "bad-number", "denominator"),
    ("EG-16,2023-Q1,21010,5%,10,,", "bad-number", "numerator"),
    ("EG-09,2023,51,,,12%,", "bad-number", "value"),
    ('EG-09,2023,51,,,"1.23.4",', "bad-number", "value"),
    ("DG-02,2023,51,,,n/a,", "bad-number", "value"),
    ("EG-16,2023-Q1,21010,-1,10,,", "negative-number", "numerator"),
    ("EG-16,2023-Q1,21010,0,-10,,", "negative-number", "denominator"),
    ("EG-09,2023,51,,,-3,", "negative-number", "value"),
    ("DG-02,2023,51,,,-0.5,", "negative-number", "value"),
    ('EG-16,2023-Q1,21010,"1,234",2000,,', "ambiguous-number", "numerator"),
    ('EG-16,2023-Q1,21010,"1,5",2000,,', "not-whole-number", "numerator"),
    ("EG-16,2023-Q1,21010,5,10.5,,", "not-whole-number", "denominator"),
    ('EG-09,2023,51,,,"2,5",', "not-whole-number", "value"),
    ("DG-13,2023,51,,,3.5,", "not-whole-number", "value"),
    # ratio arithmetic
    ("EG-16,2023-Q1,21010,11,10,,", "numerator-exceeds-denominator", "numerator"),
    ("EG-16,2023-Q1,21010,1,0,,", "zero-denominator", "denominator"),
    ("EG-16,2023-Q1,21010,1,2,60,", "value-mismatch", "value"),
    ("EG-16,2023-Q1,21010,1,3,33.5,", "value-mismatch", "value"),
    ('EG-16,2023-Q1,21010,1,2,"50,2",', "value-mismatch", "value"),
    ("EG-16,2023-Q1,21010,,10,,", "missing-ratio-parts", "numerator"),
    ("EG-16,2023-Q1,21010,5,,,", "missing-ratio-parts", "denominator"),
    ("EG-16,2023-Q1,21010,,,50,", "missing-ratio-parts", "numerator"),
    # value and milestone
    ("DG-02,2023,51,5,,,", "missing-value", "value"),
    ("EG-09,2023,51,,3,,", "missing-value", "value"),
    ("EG-07,2023,51,1,,,", "missing-value", "value"),
    ("DG-02,2023,51,,,101,", "value-out-of-range", "value"),
    ("DG-02,2023,51,,,100.5%,", "value-out-of-range", "value"),
    ("DG-13,2023,51,,,0,", "value-out-of-range", "value"),
    ("DG-13,2023,51,,,64,", "value-out-of-range", "value"),
    ("EG-16,2023-Q1,21010,5,10,150,", "value-out-of-range", "value"),
    ("EG-07,2023,51,,,maybe,", "bad-milestone", "value"),
    ("EG-07,2023,51,,,50,", "bad-milestone", "value"),
    ("EG-07,2023,51,,,done?,", "bad-milestone", "value"),
    # structure
    ("EG-16,2023-Q1,21010,5,10,,,extra", "extra-cells", None),
]


@pytest.mark.parametrize(("row", "code", "column"), BROKEN)
def test_broken_row(plan: Plan, tmp_path: Path, row: str, code: str, column: str | None) -> None:
    good = "EG-16,2023-Q2,21010,5,10,50,"
    v = check(plan, write(tmp_path, "a.csv", [good, row, good.replace("Q2", "Q3")]))
    assert codes(v) == [(code, 3)]
    f = v.findings[0]
    assert f.severity == "error"
    assert f.column == column
    assert f.file is not None and f.file.endswith("a.csv")
    assert f.message
    assert (v.rows, v.rows_valid, v.rows_invalid, v.rows_skipped) == (3, 2, 1, 0)
    assert [o.line for o in v.observations] == [2, 4]


def test_several_errors_on_one_row_are_all_reported(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-99,2030-Q1,99999,x,y,,"]))
    assert sorted(c for c, _ in codes(v)) == [
        "period-out-of-range",
        "unknown-indicator",
        "unknown-unit",
    ]
    assert {line for _, line in codes(v)} == {2}
    assert (v.rows, v.rows_invalid) == (1, 1)


def test_every_rule_on_its_own_line(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-16,2023-Q1,21010,5,10,,",  # 2 ok
        "EG-99,2023-Q1,21010,5,10,,",  # 3
        "",  # 4 blank
        f"EG-16,2023-Q1,{DISTRICT},5,10,,",  # 5
        "EG-16,Q9/2023,21010,5,10,,",  # 6
        "EG-16,2023-Q2,21010,11,10,,",  # 7
        "EG-16,2023-Q3,21010,,,,",  # 8 unfilled
        "DG-13,2023,51,,,99,",  # 9
        "EG-07,2023,51,,,có lẽ,",  # 10
        "EG-16,2023-Q4,21010,0,0,,",  # 11 warning, valid
    ]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert codes(v) == [
        ("unknown-indicator", 3),
        ("unit-out-of-scope", 5),
        ("bad-period", 6),
        ("numerator-exceeds-denominator", 7),
        ("unfilled-row", 8),
        ("value-out-of-range", 9),
        ("bad-milestone", 10),
        ("zero-over-zero", 11),
    ]
    assert v.rows_valid == 2
    assert v.rows_invalid == 6
    assert [o.line for o in v.observations] == [2, 11]


# --- hints ---------------------------------------------------------------------------------------


def test_unknown_indicator_hint_names_the_closest_id(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG16,2023-Q1,21010,5,10,,"]))
    f = at(v, "unknown-indicator", 2)
    assert f.hint is not None and "EG-16" in f.hint


def test_unknown_unit_hint_for_a_name(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-15,2023-Q1,Thành phố Quảng Ngãi,5,10,,"]))
    f = at(v, "unknown-unit", 2)
    assert f.hint is not None and "522" in f.hint


def test_unknown_unit_hint_for_a_misspelt_name(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-15,2023-Q1,Thanh pho Quang Ngaii,5,10,,"]))
    f = at(v, "unknown-unit", 2)
    assert f.hint is not None and "522" in f.hint and "Thành phố Quảng Ngãi" in f.hint


def test_unknown_unit_hint_for_a_misspelt_code(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-15,2023-Q1,STTT,5,10,,"]))
    f = at(v, "unknown-unit", 2)
    assert f.hint is not None and "STTTT" in f.hint


def test_ambiguous_thousands_hint_says_how_to_write_it(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ['EG-09,2023,51,,,"1,234",']))
    f = at(v, "ambiguous-number", 2)
    assert f.hint == "write 1234 without a separator"  # 1.234 is no count
    assert "1,234" in f.message


def test_value_mismatch_hint_gives_the_computed_value(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,1,3,40,"]))
    f = at(v, "value-mismatch", 2)
    assert f.hint is not None and "33.3" in f.hint


def test_out_of_scope_message_names_unit_and_scope(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f"EG-04,2023-Q1,{XA},5,10,,"]))
    f = at(v, "unit-out-of-scope", 2)
    assert XA in f.message and "EG-04" in f.message


def test_columns_are_named_as_written(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-16;Quý I/2023;99999;5;10;;", "EG-16;Quý I/2023;21010;5;10;60;"]
    v = check(plan, write(tmp_path, "a.csv", rows, header=HEADER_VI))
    assert at(v, "unknown-unit", 2).column == "Mã đơn vị"
    assert at(v, "value-mismatch", 3).column == "Giá trị"


# --- rows that pass -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "unit"),
    [
        ("EG-16", PHUONG),
        ("EG-16", XA),
        ("EG-16", THI_TRAN),
        ("EG-04", PHUONG),
        ("EG-04", THI_TRAN),
        ("EG-05", XA),
        ("EG-15", DISTRICT),
        ("EG-15", DEPARTMENT),
        ("EG-01", PROVINCE),
    ],
)
def test_in_scope(plan: Plan, tmp_path: Path, indicator: str, unit: str) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f"{indicator},2023-Q1,{unit},5,10,,"]))
    assert v.findings == []
    (obs,) = v.observations
    assert (obs.indicator_id, obs.unit_code, obs.numerator, obs.denominator) == (
        indicator,
        unit,
        5,
        10,
    )


@pytest.mark.parametrize(
    ("word", "done"),
    [
        ("done", True),
        ("DONE", True),
        ("not_done", False),
        ("yes", True),
        ("no", False),
        ("true", True),
        ("FALSE", False),
        ("1", True),
        ("0", False),
        ("x", True),
        ("X", True),
        ("đạt", True),
        ("Đạt", True),
        ("chưa đạt", False),
        ("Chưa Đạt", False),
        ("hoàn thành", True),
        ("Hoàn thành", True),
        ("chưa hoàn thành", False),
        ("  done  ", True),
    ],
)
def test_milestone_words(plan: Plan, tmp_path: Path, word: str, done: bool) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f"EG-07,2023,51,,,{word},"]))
    assert v.findings == []
    (obs,) = v.observations
    assert obs.done is done
    assert (obs.numerator, obs.denominator, obs.value) == (None, None, None)


@pytest.mark.parametrize(
    ("indicator", "text", "value"),
    [
        ("DG-02", "91.5", 91.5),
        ("DG-02", '"91,5"', 91.5),
        ("DG-02", '"91,5%"', 91.5),
        ("DG-02", "85 %", 85.0),
        ("DG-02", "0", 0.0),
        ("DG-02", "100", 100.0),
        ("DG-02", "100%", 100.0),
        ("EG-09", "1234", 1234.0),
        ("EG-09", "12.0", 12.0),
        ("EG-09", "0", 0.0),
        ("DG-13", "1", 1.0),
        ("DG-13", "63", 63.0),
    ],
)
def test_values(plan: Plan, tmp_path: Path, indicator: str, text: str, value: float) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f"{indicator},2023,51,,,{text},"]))
    assert v.findings == []
    (obs,) = v.observations
    assert obs.value == pytest.approx(value)
    assert obs.done is None


@pytest.mark.parametrize("value", ["", "33.3", "33,33", "33.4", "33.25", "33.33%"])
def test_ratio_value_within_tolerance(plan: Plan, tmp_path: Path, value: str) -> None:
    cell = f'"{value}"' if "," in value else value
    v = check(plan, write(tmp_path, "a.csv", [f"EG-16,2023-Q1,21010,1,3,{cell},"]))
    assert v.findings == []
    assert v.rows_valid == 1


def test_zero_over_zero_is_a_warning_and_the_row_is_kept(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,0,0,,"]))
    f = only(v, "zero-over-zero")
    assert (f.line, f.severity, f.column) == (2, "warning", "denominator")
    assert v.ok
    assert (v.rows, v.rows_valid) == (1, 1)


def test_normalisation_of_ids_units_and_periods(plan: Plan, tmp_path: Path) -> None:
    rows = ["eg-16, T3/2023 , 21010 ,5,10,,ghi chú", "dg-13,Năm 2022,51,,,12,"]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert v.findings == []
    a, b = v.observations
    assert (a.indicator_id, a.unit_code, a.period.label, a.note) == (
        "EG-16",
        "21010",
        "2023-03",
        "ghi chú",
    )
    assert (b.indicator_id, b.period.label, b.value) == ("DG-13", "2022", 12.0)


def test_agency_code_is_case_insensitive(plan: Plan, tmp_path: Path) -> None:
    v = check(
        plan, write(tmp_path, "a.csv", ["EG-15,2023-Q1,sttttt,5,10,,", "EG-15,2023-Q1,sttt,5,10,,"])
    )
    assert codes(v) == [("unknown-unit", 2), ("unknown-unit", 3)]
    v = check(plan, write(tmp_path, "b.csv", ["EG-15,2023-Q1,stttt,5,10,,"]))
    assert v.findings == []
    assert v.observations[0].unit_code == "STTTT"


# --- skipped rows ------------------------------------------------------------------------------


def test_blank_lines_are_skipped_silently(plan: Plan, tmp_path: Path) -> None:
    rows = ["", "EG-16,2023-Q1,21010,5,10,,", "", ",,,,,,", "   ", "EG-16,2023-Q2,21010,5,10,,"]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert v.findings == []
    assert v.rows_valid == 2
    assert v.rows_invalid == 0
    assert [o.line for o in v.observations] == [3, 7]


def test_unfilled_row_is_a_warning_and_skipped(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-16,2023-Q1,21010,,,,chưa có số liệu",
        "EG-99,2023-Q1,99999,,,,",
        "EG-16,2023-Q2,21010,5,10,,",
    ]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert codes(v) == [("unfilled-row", 2), ("unfilled-row", 3)]
    assert all(f.severity == "warning" for f in v.findings)
    assert v.ok
    assert (v.rows, v.rows_valid, v.rows_invalid, v.rows_skipped) == (3, 1, 0, 2)


def test_short_rows_read_missing_cells_as_empty(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10", "EG-16,2023-Q2,21010"]))
    assert codes(v) == [("unfilled-row", 3)]
    assert v.rows_valid == 1


def test_unknown_column_does_not_stop_the_rows(plan: Plan, tmp_path: Path) -> None:
    header = "indicator_id,period,unit_code,numerator,denominator,value,note,Người lập"
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,,Lan"], header=header))
    f = only(v, "unknown-column")
    assert (f.line, f.column, f.severity) == (1, "Người lập", "warning")
    assert v.ok and v.rows_valid == 1


def test_missing_column_is_one_error_and_no_row_checks(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-99,99999,1,2,3", "EG-98,99998,1,2,3"]
    v = check(plan, write(tmp_path, "a.csv", rows, header="indicator_id,unit_code,a,b,value"))
    assert [(c, ln) for c, ln in codes(v) if c != "unknown-column"] == [("missing-column", 1)]
    f = only(v, "missing-column")
    assert f.severity == "error" and "period" in f.message
    assert v.rows_valid == 0 and v.observations == []


# --- task progress -------------------------------------------------------------------------------


def test_task_rows(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "NV-1.1,2023-Q1,done,100,",  # 2 ok
        "NV-99.9,2023-Q1,done,,",  # 3
        "NV-1.1,2023-Q2,finished,,",  # 4
        "NV-1.1,2023-Q3,,,",  # 5 unfilled
        "NV-1.1,2023-Q4,in_progress,120,",  # 6
        "NV-1.2,2023-Q4,in_progress,abc,",  # 7
        "NV-1.2,2030-Q1,in_progress,,",  # 8
        "nv-1.2,Quý I/2023,chưa triển khai,0%,",  # 9 ok
        "1.3,2023-Q1,đang triển khai,30,",  # 10 ok: the printed number
        "NV-1.3,2023-Q2,Chậm tiến độ,40,",  # 11 ok
        "NV-1.3,2023-Q3,Hoàn thành,,",  # 12 ok
        "NV-1.3,2023-Q4,delayed,,",  # 13 ok
    ]
    v = check(plan, write(tmp_path, "t.csv", rows, header=TASK_HEADER))
    assert codes(v) == [
        ("unknown-task", 3),
        ("bad-status", 4),
        ("unfilled-row", 5),
        ("value-out-of-range", 6),
        ("bad-number", 7),
        ("period-out-of-range", 8),
    ]
    assert at(v, "unknown-task", 3).column == "task_id"
    assert at(v, "bad-status", 4).column == "status"
    assert (v.rows, v.rows_valid, v.rows_invalid, v.rows_skipped) == (12, 6, 5, 1)
    got = [(r.task_id, r.period.label, r.status, r.progress) for r in v.task_reports]
    assert got == [
        ("NV-1.1", "2023-Q1", "done", 100.0),
        ("NV-1.2", "2023-Q1", "not_started", 0.0),
        ("NV-1.3", "2023-Q1", "in_progress", 30.0),
        ("NV-1.3", "2023-Q2", "delayed", 40.0),
        ("NV-1.3", "2023-Q3", "done", None),
        ("NV-1.3", "2023-Q4", "delayed", None),
    ]
    assert v.observations == []


def test_task_number_printed_twice_is_ambiguous(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "t.csv", ["6.1,2023-Q1,done,,"], header=TASK_HEADER))
    f = at(v, "unknown-task", 2)
    assert f.hint is not None and "NV-6.1" in f.hint and "NV-6.1b" in f.hint


def test_task_and_actuals_files_in_one_run(plan: Plan, tmp_path: Path) -> None:
    a = write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,"])
    t = write(tmp_path, "t.csv", ["NV-1.1,2023-Q1,done,100,"], header=TASK_HEADER)
    v = check(plan, a, t)
    assert v.findings == []
    assert (v.files, v.rows, v.rows_valid) == (2, 2, 2)
    assert len(v.observations) == len(v.task_reports) == 1


# --- rows that are not data: headings, notes and signatures ------------------------------------


def test_text_rows_under_and_inside_the_table_are_skipped_with_one_warning(
    plan: Plan, tmp_path: Path
) -> None:
    from conftest import check, codes, only, write

    path = write(
        tmp_path,
        "a.csv",
        [
            "I. CHÍNH QUYỀN ĐIỆN TỬ,,,,,,",  # line 2: a section heading
            "EG-16,2023-Q2,21010,5,10,,",
            ",,,,,,",
            '"Quảng Ngãi, ngày 5 tháng 7 năm 2023",,,,,,',  # line 5: place and date
            "Người lập biểu,,,Giám đốc,,,",  # line 6: text in a figure column, no digit
            "Nguyễn Văn A,,,,,,",
        ],
    )
    v = check(plan, path)
    assert v.rows_valid == 1
    assert v.rows_invalid == 0
    f = only(v, "text-rows")
    assert (f.line, f.severity) == (2, "warning")
    assert "4 row(s)" in f.message and "lines 2, 5–7" in f.message
    assert [c for c, _ in codes(v)] == ["text-rows"]


def test_rows_that_look_like_data_are_never_text_rows(plan: Plan, tmp_path: Path) -> None:
    from conftest import at, check, write

    path = write(
        tmp_path,
        "a.csv",
        [
            "EG-99,2023-Q2,21010,,,,",  # an id's shape: a typo to report
            ",2023-Q2,21010,,,,",  # a known unit: an unfilled row
            "Ghi chú,2023-Q2,,5,10,,",  # figures: refused, never skipped
        ],
    )
    v = check(plan, path)
    assert not [f for f in v.findings if f.code == "text-rows"]
    at(v, "unfilled-row", 3)
    assert any(f.line == 4 and f.severity == "error" for f in v.findings)


def test_a_bare_number_in_the_note_of_a_comma_file_is_refused(plan: Plan, tmp_path: Path) -> None:
    from conftest import at, check, write

    path = write(tmp_path, "a.csv", ["EG-09,2023-Q1,51,,,1,234", "EG-09,2023-Q2,51,,,2,xong 2023"])
    v = check(plan, path)
    assert at(v, "number-in-note", 2).column == "note"
    assert [(o.value, o.line) for o in v.observations] == [(2.0, 3)]
    # With ";" a comma cannot split a cell: the same note is just a note.
    semi = write(
        tmp_path,
        "b.csv",
        ["EG-09;2023-Q1;51;;;1;234"],
        header="indicator_id;period;unit_code;numerator;denominator;value;note",
    )
    assert [o.value for o in check(plan, semi).observations] == [1.0]


def test_the_header_again_is_skipped_with_one_warning(plan: Plan, tmp_path: Path) -> None:
    from conftest import at, check, only, write

    rows = ["EG-16,2023-Q1,21010,5,10,,", "Indicator_ID,PERIOD,unit_code,numerator,denominator,"
            "value,note", "EG-16,2023-Q2,21010,6,10,,", "eg-99,2023-Q2,21010,6,10,,"]  # fmt: skip
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert only(v, "repeated-header").line == 3
    assert len(v.observations) == 2
    assert "'eg-99'" in at(v, "unknown-indicator", 5).message  # as written, not upper-cased


def test_a_unit_name_without_its_type_is_still_a_name(plan: Plan, tmp_path: Path) -> None:
    from conftest import at, check, write

    header = "indicator_id,period,unit_code,unit_name,numerator,denominator"
    rows = ["EG-15,2023-Q1,522,Bình Sơn,3,4", "EG-15,2023-Q2,522,Quảng Ngãi,3,4"]
    v = check(plan, write(tmp_path, "a.csv", rows, header))
    f = at(v, "guide-mismatch", 2)  # Bình Sơn is 524's name, without "Huyện"
    assert "(524)" in f.message
    assert len(v.observations) == 1  # "Quảng Ngãi": Thành phố Quảng Ngãi's own short name


# --- what a civil servant reads (review of the Vietnamese output) -------------------------------


def test_hints_write_numbers_the_way_the_reader_writes_them(plan: Plan, tmp_path: Path) -> None:
    """A Vietnamese hint says 91,5 (decimal comma), so that following it keeps the file in one
    number style; English keeps 91.5."""
    path = write(
        tmp_path,
        "a.csv",
        ["EG-16;Quý II/2023;21010;183;200;0,915;", "EG-16;Quý III/2023;21010;4;5;81,5;"],
        header=HEADER_VI,
    )
    v = check(plan, path)
    fraction = at(v, "percent-as-fraction", 2)
    assert "91,5" in fraction.text("vi") and "91,5" in fraction.hint_text("vi")
    assert "91.5" in fraction.text("en") and "91.5" not in fraction.text("vi")
    mismatch = at(v, "value-mismatch", 3)
    assert "80,00" in mismatch.text("vi") and "80,0" in mismatch.hint_text("vi")
    assert "80.00" in mismatch.text("en")


def test_messages_name_columns_as_the_template_does(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", ["EG-16;Quý II/2023;21010;-;150 văn bản;;"], header=HEADER_VI)
    v = check(plan, path)
    numerator, denominator = (f for f in v.findings if f.code == "bad-number")
    assert numerator.text("vi").startswith("tử số '-'")
    assert numerator.text("en").startswith("numerator '-'")
    assert denominator.text("vi").startswith("mẫu số '150 văn bản'")
    # a figure with its unit: the hint says to drop the unit, not how to group thousands
    assert denominator.hint_text("vi") == "chỉ ghi số, không ghi đơn vị tính: 150"
    assert denominator.hint_text("en") == "write the number alone, without its unit: 150"


def test_place_and_date_under_the_table_is_text_not_three_errors(
    plan: Plan, tmp_path: Path
) -> None:
    """Excel pads "Nghĩa Kỳ, ngày 05 tháng 7 năm 2023" into the figures' columns: still a
    signature line (text-rows), not an empty id, an unknown unit and an empty period."""
    path = write(
        tmp_path,
        "a.csv",
        ["EG-16;Quý II/2023;21010;183;200;;", ";;;Nghĩa Kỳ, ngày 05 tháng 7 năm 2023;;;"],
        header=HEADER_VI,
    )
    v = check(plan, path)
    assert codes(v) == [("text-rows", 3)]
    assert v.rows_valid == 1 and v.rows_skipped == 1


def test_an_empty_unit_is_said_empty(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", ["EG-16;Quý II/2023;;183;200;;"], header=HEADER_VI)
    f = only(check(plan, path), "unknown-unit")
    assert f.text("en") == "unit_code is empty"
    assert f.text("vi") == "mã đơn vị (unit_code) để trống"
