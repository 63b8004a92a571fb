"""Every figure is the figure the sender meant, or the row is refused: numbers in the file's own
style (Vietnamese 1.234,5 or English 1,234.5), ambiguous spellings, mixed styles, percentages
written as fractions, and Excel cells that are numbers already."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from conftest import HEADER, HEADER_VI, at, check, codes, only, write
from qn_dx.plan import Plan

TASKS = "task_id,period,status,progress,note"


def figures(v, indicator: str) -> list[tuple[float | None, float | None, float | None]]:  # type: ignore[no-untyped-def]
    return [
        (o.numerator, o.denominator, o.value) for o in v.observations if o.indicator_id == indicator
    ]


# --- the file's own evidence decides "3.000" ----------------------------------------------------


def test_vietnamese_file_reads_3000_as_three_thousand(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-16;Quý I/2023;21010;3.000;4.000;;",  # ambiguous on its own
        "DG-02;2023;51;;;91,5;",  # a decimal comma: the file writes Vietnamese
    ]
    v = check(plan, write(tmp_path, "vi.csv", rows, header=HEADER_VI))
    assert figures(v, "EG-16") == [(3000, 4000, None)]
    assert figures(v, "DG-02") == [(None, None, 91.5)]
    w = only(v, "number-style")
    assert w.severity == "warning" and w.line == 2
    assert "Vietnamese" in w.message and "91,5" in w.message and "3000" in w.message
    assert v.ok


def test_english_file_reads_3_000_as_three(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-09,2023,51,,,1.000,", "DG-02,2023,51,,,91.5,"]  # 1.000 in a count field
    v = check(plan, write(tmp_path, "en.csv", rows))
    assert figures(v, "EG-09") == [(None, None, 1.0)]
    assert "English" in only(v, "number-style").message


def test_grouping_is_evidence_too(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-09;2023;51;;;1.000;", "EG-16;Quý I/2023;21010;1.234.567;2.000.000;;"]
    v = check(plan, write(tmp_path, "vi.csv", rows, header=HEADER_VI))
    assert figures(v, "EG-09") == [(None, None, 1000.0)]
    assert figures(v, "EG-16") == [(1234567, 2000000, None)]


@pytest.mark.parametrize(
    ("cell", "column"),
    [
        ('"1.000"', "value"),  # EG-09 is a count
        ("2.500", "numerator"),
    ],
)
def test_no_evidence_in_a_whole_field_is_ambiguous(
    plan: Plan, tmp_path: Path, cell: str, column: str
) -> None:
    row = f"EG-09,2023,51,,,{cell}," if column == "value" else f"EG-16,2023-Q1,21010,{cell},9000,,"
    v = check(plan, write(tmp_path, "a.csv", [row]))
    f = at(v, "ambiguous-number", 2)
    assert f.severity == "error" and f.column == column
    assert f.hint is not None and f.hint.startswith("write ") and "without a separator" in f.hint
    assert v.observations == [] and v.rows_invalid == 1


def test_ambiguous_hint_names_both_readings(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ['EG-16,2023-Q1,21010,"3,000",4000,,']))
    f = only(v, "ambiguous-number")
    assert f.hint == "write 3000 or 3 without a separator"


def test_no_evidence_in_a_percent_field_is_a_decimal(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["DG-02,2023,51,,,72.500,"]))
    assert figures(v, "DG-02") == [(None, None, 72.5)]
    assert v.findings == []


def test_percent_field_in_a_vietnamese_file_follows_the_file(plan: Plan, tmp_path: Path) -> None:
    rows = ["DG-02;2023;51;;;72.500;", "DG-04;2023;51;;;45,5;"]
    v = check(plan, write(tmp_path, "vi.csv", rows, header=HEADER_VI))
    # 72.500 read Vietnamese-style is 72500: out of a percent's range, refused, never 72.5
    assert at(v, "value-out-of-range", 2)


def test_each_file_has_its_own_style(plan: Plan, tmp_path: Path) -> None:
    vi = write(tmp_path, "vi.csv", ["EG-09;2023;51;;;1.000;", "DG-02;2023;51;;;91,5;"], HEADER_VI)
    en = write(tmp_path, "en.csv", ["EG-16,2023-Q1,21010,1.000,2000,,", "DG-04,2023,51,,,1.5,"])
    v = check(plan, vi, en)
    assert figures(v, "EG-09") == [(None, None, 1000.0)]
    assert figures(v, "EG-16") == [(1.0, 2000, None)]
    assert len([f for f in v.findings if f.code == "number-style"]) == 2


def test_mixed_styles_refuse_the_minority_lines(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "DG-02;2023;51;;;91,5;",  # 2 vi
        "EG-16;Quý I/2023;21010;1.234;2.000;;",  # 3 ambiguous: read vi (majority)
        "DG-04;2023;51;;;45,5;",  # 4 vi
        "DG-06;2023;51;;;12.5;",  # 5 en: the minority
    ]
    v = check(plan, write(tmp_path, "mixed.csv", rows, header=HEADER_VI))
    f = at(v, "mixed-number-style", 5)
    assert f.severity == "error" and f.column == "Giá trị"
    assert "12.5" in f.message
    assert [c for c, _ in codes(v) if c == "mixed-number-style"] == ["mixed-number-style"]
    assert figures(v, "EG-16") == [(1234, 2000, None)]
    assert {o.indicator_id for o in v.observations} == {"DG-02", "EG-16", "DG-04"}


def test_a_tie_refuses_both_sides(plan: Plan, tmp_path: Path) -> None:
    rows = ["DG-02;2023;51;;;91,5;", "DG-06;2023;51;;;12.5;", "EG-09;2023;51;;;1.000;"]
    v = check(plan, write(tmp_path, "tie.csv", rows, header=HEADER_VI))
    assert codes(v) == [
        ("mixed-number-style", 2),
        ("mixed-number-style", 3),
        ("ambiguous-number", 4),  # no majority to decide by
    ]


# --- percentages written as fractions -------------------------------------------------------


@pytest.mark.parametrize("cell", ["0,91", "0.91", "1", "0,5"])
def test_fraction_in_a_percent_value_is_refused(plan: Plan, tmp_path: Path, cell: str) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f'DG-02,2023,51,,,"{cell}",']))  # goal > 90 %
    f = only(v, "percent-as-fraction")
    assert f.severity == "error" and f.column == "value"
    assert "did you mean" in f.message
    assert v.observations == []


def test_fraction_hint_says_what_to_write(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ['DG-02,2023,51,,,"0,91",']))
    f = only(v, "percent-as-fraction")
    assert "91 %" in f.message and f.hint is not None and f.hint.startswith("write 91")


@pytest.mark.parametrize("cell", ["0,9 %", "0.5%", "91", "0"])
def test_a_percent_sign_or_a_real_percentage_is_accepted(
    plan: Plan, tmp_path: Path, cell: str
) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f'DG-02,2023,51,,,"{cell}",']))
    assert not [f for f in v.findings if f.severity == "error"], v.findings


def test_no_goal_or_baseline_of_10_or_more_accepts_small_values(plan: Plan, tmp_path: Path) -> None:
    # DG-04 must rise above a 2022 figure the plan does not give: 0.8 % is taken as written
    v = check(plan, write(tmp_path, "a.csv", ["DG-04,2023,51,,,0.8,"]))
    assert not v.errors


def test_ratio_value_as_fraction_of_its_own_figures(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ['EG-16,2023-Q1,21010,91,100,"0,91",']))
    f = only(v, "percent-as-fraction")
    assert "91.0" in (f.hint or "")
    # a consistent small ratio is what it says: 1/200 is 0.5 %
    ok = check(plan, write(tmp_path, "b.csv", ["EG-16,2023-Q1,21010,1,200,0.5,"]))
    assert not ok.errors


@pytest.mark.parametrize(("cell", "bad"), [("0,5", True), ("0.25", True), ("0,5 %", False)])
def test_task_progress_fraction(plan: Plan, tmp_path: Path, cell: str, bad: bool) -> None:
    v = check(plan, write(tmp_path, "t.csv", [f'NV-1.1,2023-Q1,in_progress,"{cell}",'], TASKS))
    assert bool([f for f in v.findings if f.code == "percent-as-fraction"]) is bad


# --- cells Excel stores as numbers ------------------------------------------------------------


def _book(path: Path, rows: list[list[object]], formats: dict[tuple[int, int], str]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for (r, c), fmt in formats.items():
        sheet.cell(r, c).number_format = fmt
    book.save(path)
    return path


def test_excel_numbers_need_no_parsing(plan: Plan, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "a.xlsx",
        [
            HEADER.split(","),
            ["EG-16", "2023-Q1", 21010, 3000, 4000, None, None],  # numbers, not "3.000"
            ["EG-09", "2023", 51, None, None, 1000.0, None],
            ["DG-02", "2023", 51, None, None, 72.125, None],  # 72.125 is a number, not 72125
        ],
        {},
    )
    v = check(plan, path)
    assert v.findings == []
    assert figures(v, "EG-16") == [(3000, 4000, None)]
    assert figures(v, "EG-09") == [(None, None, 1000.0)]
    assert figures(v, "DG-02") == [(None, None, 72.125)]
    assert {o.unit_code for o in v.observations} == {"21010", "51"}  # codes, not 51.0


def test_percent_formatted_cells_read_as_displayed(plan: Plan, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "a.xlsx",
        [HEADER.split(","), ["DG-02", "2023", 51, None, None, 0.915, None]],
        {(2, 6): "0.0%"},
    )
    v = check(plan, path)
    assert v.findings == []
    assert figures(v, "DG-02") == [(None, None, 91.5)]


def test_a_percent_formatted_small_value_is_accepted(plan: Plan, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "a.xlsx",
        [HEADER.split(","), ["DG-02", "2023", 51, None, None, 0.009, None]],
        {(2, 6): "0.0%"},
    )
    v = check(plan, path)
    assert not v.errors and figures(v, "DG-02") == [(None, None, 0.9)]


def test_percent_format_on_a_count_is_refused(plan: Plan, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "a.xlsx",
        [HEADER.split(","), ["EG-16", "2023-Q1", 21010, 0.5, 10, None, None]],
        {(2, 4): "0%"},
    )
    v = check(plan, path)
    assert at(v, "bad-number", 2).column == "numerator"


# --- the round trip through the validator: the number, or ambiguous-number --------------------


def _write_number(x: int, style: str, grouped: bool) -> str:
    text = f"{x:,}"
    if style == "vi":
        text = text.replace(",", ".")
    return text if grouped else text.replace(",", "").replace(".", "")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    x=st.integers(0, 10**9),
    style=st.sampled_from(["vi", "en"]),
    grouped=st.booleans(),
    evidence=st.booleans(),
)
def test_a_count_written_either_way_reads_back_or_is_refused(
    plan: Plan, tmp_path: Path, x: int, style: str, grouped: bool, evidence: bool
) -> None:
    """Never a different number: the figure read back is x, or the row is refused as
    ambiguous-number (a single mark before three digits, with nothing in the file to decide)."""
    sep, header = (";", HEADER_VI) if style == "vi" else (",", HEADER)
    cell = _write_number(x, style, grouped)
    rows = [sep.join(["EG-16", "2023-Q1", "21010", f'"{cell}"', f'"{cell}"', "", ""])]
    if evidence:
        rows.append(
            sep.join(["DG-02", "2023", "51", "", "", '"91,5"' if style == "vi" else "91.5", ""])
        )
    v = check(plan, write(tmp_path, f"n-{style}.csv", rows, header=header))
    got = figures(v, "EG-16")
    if got:
        assert got == [(x, x, None)], (cell, got)
    else:
        assert [f.code for f in v.errors] == ["ambiguous-number", "ambiguous-number"], cell
        assert not evidence


NUMBER_CELLS = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(0, 10**7).map(lambda x: f"{x:,}"),
    st.integers(0, 10**7).map(lambda x: f"{x:,}".replace(",", ".")),
    st.floats(0, 10**6, allow_nan=False).map(lambda x: f"{x:.3f}"),
    st.floats(0, 10**6, allow_nan=False).map(lambda x: f"{x:.1f}".replace(".", ",")),
    st.floats(0, 10**6, allow_nan=False).map(lambda x: f"{x:,.2f}"),
    st.sampled_from(["", "3.000", "1,234", "0,5", "72.500", "12", "1.5"]),
)


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(st.tuples(NUMBER_CELLS, NUMBER_CELLS), max_size=8), sep=st.sampled_from(",;\t")
)
def test_the_quick_look_never_misses_a_style_question(
    cells: list[tuple[str, str]], sep: str
) -> None:
    """When the quick regex look says the style cannot matter, no figure of the file is
    ambiguous and the file does not hold both styles: skipping the style pass changes nothing."""
    import csv
    import io

    from qn_dx.ingest.csvtext import style_matters
    from qn_dx.ingest.numbers import parse_number

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep)
    writer.writerow(HEADER.split(","))
    for a, b in cells:
        writer.writerow(["EG-16", "2023-Q1", "21010", a, b, "", "note 1.5"])
    text = buf.getvalue()
    if style_matters(text, sep):
        return
    parsed = [parse_number(c) for pair in cells for c in pair if c]
    assert not any(p.ambiguity for p in parsed), cells
    styles = {p.style for p in parsed if p.style}
    assert len(styles) <= 1, cells


@pytest.mark.parametrize("digits", [16, 400])
def test_long_digit_strings_are_too_large_not_infinite(
    plan: Plan, tmp_path: Path, digits: int
) -> None:
    big = "1" + "0" * (digits - 1)
    v = check(
        plan,
        write(
            tmp_path, "a.csv", [f"EG-16,2023-Q1,21028,{big},{big}0,,", f"EG-09,2023,51,,,{big},"]
        ),
    )
    assert [f.code for f in v.errors] == ["bad-number"] * 3  # numerator, denominator, value
    assert all("too large" in f.message for f in v.errors)
    assert v.observations == []


def test_minus_zero_is_zero(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21028,-0,10,,"]))
    assert [str(o.numerator) for o in v.observations] == ["0.0"]
