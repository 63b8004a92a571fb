"""Rules across rows and across the files of one run: duplicates (same or different figures)
and overlapping periods for one indicator and unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import HEADER_VI, TASK_HEADER, at, check, codes, write
from qn_dx.plan import Plan


def test_identical_duplicate_is_a_warning_counted_once(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-16,2023-Q1,21010,5,10,,", "EG-16,2023-Q1,21010,5,10,,"]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert codes(v) == [("duplicate-row", 3)]
    f = v.findings[0]
    assert f.severity == "warning"
    assert "a.csv:2" in f.message
    assert v.ok
    assert (v.rows, v.rows_valid, v.rows_invalid, v.rows_skipped) == (2, 1, 0, 1)
    assert [o.line for o in v.observations] == [2]


def test_same_figures_written_differently_are_a_duplicate(plan: Plan, tmp_path: Path) -> None:
    # each file has one number style of its own: 91.5 and 91,5 are the same figure
    en = write(tmp_path, "en.csv", ["DG-02,2023,51,,,91.5,", "EG-16,2023-Q1,21010,5,10,,a"])
    vi = write(
        tmp_path,
        "vi.csv",
        ["DG-02;Năm 2023;51;;;91,5;", "EG-16;Quý I/2023;21010;5;10;;b"],  # notes differ
        header=HEADER_VI,
    )
    v = check(plan, en, vi)
    assert [(f.code, Path(f.file or "").name, f.line) for f in v.findings] == [
        ("duplicate-row", "vi.csv", 2),
        ("duplicate-row", "vi.csv", 3),
    ]
    assert len(v.observations) == 2


def test_conflicting_duplicate_is_an_error_on_both_lines(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-16,2023-Q1,21010,5,10,,",  # 2
        "EG-16,2023-Q2,21010,5,10,,",  # 3
        "EG-16,Q1/2023,21010,6,10,,",  # 4
    ]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert codes(v) == [("conflicting-duplicate", 2), ("conflicting-duplicate", 4)]
    assert "a.csv:4" in at(v, "conflicting-duplicate", 2).message
    assert "a.csv:2" in at(v, "conflicting-duplicate", 4).message
    assert all(f.severity == "error" for f in v.findings)
    assert (v.rows, v.rows_valid, v.rows_invalid, v.rows_skipped) == (3, 1, 2, 0)
    assert [o.line for o in v.observations] == [3]  # neither of the conflicting rows is used


def test_third_copy_after_a_conflict_is_an_error_too(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-09,2023,51,,,5,",  # 2
        "EG-09,2023,51,,,6,",  # 3
        "EG-09,2023,51,,,5,",  # 4: same as line 2, but the key is in conflict
    ]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert codes(v) == [
        ("conflicting-duplicate", 2),
        ("conflicting-duplicate", 3),
        ("conflicting-duplicate", 4),
    ]
    assert (v.rows_valid, v.rows_invalid) == (0, 3)
    assert v.observations == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("DG-02,2023,51,,,91.5,", "DG-02,2023,51,,,91.6,"),
        ("EG-07,2023,51,,,done,", "EG-07,2023,51,,,chưa đạt,"),
        ("EG-16,2023-Q1,21010,5,10,,", "EG-16,2023-Q1,21010,5,11,,"),
        ("EG-16,2023-Q1,21010,5,10,,", "EG-16,2023-Q1,21010,6,10,,"),
    ],
)
def test_what_counts_as_different(plan: Plan, tmp_path: Path, first: str, second: str) -> None:
    v = check(plan, write(tmp_path, "a.csv", [first, second]))
    assert codes(v) == [("conflicting-duplicate", 2), ("conflicting-duplicate", 3)]


@pytest.mark.parametrize(
    "second",
    [
        "EG-16,2023-Q1,21010,5,10,50,",
        "EG-16,2023-Q1,21010,5,10,50.05,",
        "EG-16,Q1/2023,21010,5,10,,",
    ],
)
def test_a_derived_value_within_tolerance_is_the_same_figures(
    plan: Plan, tmp_path: Path, second: str
) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,", second]))
    assert codes(v) == [("duplicate-row", 3)]
    assert v.rows_valid == 1 and v.rows_skipped == 1


def test_different_unit_indicator_or_period_is_no_duplicate(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-16,2023-Q1,21010,5,10,,",
        "EG-16,2023-Q1,21034,5,10,,",
        "EG-18,2023-Q1,21010,5,10,,",
        "EG-16,2023-Q2,21010,5,10,,",
        "EG-16,2022-Q1,21010,5,10,,",
    ]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert v.findings == []
    assert v.rows_valid == 5


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2023-Q1", "2023-03"),  # month inside a reported quarter
        ("2023-03", "2023-Q1"),  # quarter around a reported month
        ("2023", "2023-Q2"),  # quarter inside a reported year
        ("2023-Q4", "2023"),
        ("2023", "T7/2023"),
        ("Quý I/2023", "01/2023"),
        ("2022", "2022-12"),
    ],
)
def test_overlapping_periods(plan: Plan, tmp_path: Path, first: str, second: str) -> None:
    rows = [f"EG-16,{first},21010,5,10,,", f"EG-16,{second},21010,5,10,,"]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert codes(v) == [("overlapping-periods", 3)]
    f = v.findings[0]
    assert (f.severity, f.column) == ("error", "period")
    assert "a.csv:2" in f.message
    assert (v.rows_valid, v.rows_invalid) == (1, 1)
    assert [o.line for o in v.observations] == [2]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2023-Q1", "2023-04"),
        ("2023-Q1", "2023-Q2"),
        ("2023-01", "2023-02"),
        ("2022", "2023-Q1"),
        ("2022-Q4", "2023"),
    ],
)
def test_periods_that_do_not_overlap(plan: Plan, tmp_path: Path, first: str, second: str) -> None:
    rows = [f"EG-16,{first},21010,5,10,,", f"EG-16,{second},21010,5,10,,"]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert v.findings == []


def test_overlap_only_within_one_indicator_and_unit(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-16,2023-Q1,21010,5,10,,",
        "EG-16,2023-03,21034,5,10,,",  # other unit
        "EG-18,2023-03,21010,5,10,,",  # other indicator
    ]
    v = check(plan, write(tmp_path, "a.csv", rows))
    assert v.findings == []


def test_duplicate_across_files(plan: Plan, tmp_path: Path) -> None:
    a = write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,"])
    b = write(tmp_path, "b.csv", ["EG-09,2023,51,,,3,", "EG-16,Quý I/2023,21010,5,10,,"])
    v = check(plan, a, b)
    assert [(f.code, f.file and Path(f.file).name, f.line) for f in v.findings] == [
        ("duplicate-row", "b.csv", 3)
    ]
    assert "a.csv:2" in v.findings[0].message
    assert (v.files, v.rows, v.rows_valid, v.rows_skipped) == (2, 3, 2, 1)


def test_conflict_across_files_names_the_other_file(plan: Plan, tmp_path: Path) -> None:
    a = write(tmp_path, "a.csv", ["EG-16,2023-Q2,21010,1,10,,", "EG-16,2023-Q1,21010,5,10,,"])
    b = write(tmp_path, "b.csv", ["EG-16,2023-Q1,21010,6,10,,"])
    v = check(plan, a, b)
    found = [(f.code, f.file and Path(f.file).name, f.line) for f in v.findings]
    assert found == [
        ("conflicting-duplicate", "a.csv", 3),
        ("conflicting-duplicate", "b.csv", 2),
    ]
    assert "b.csv:2" in v.findings[0].message
    assert "a.csv:3" in v.findings[1].message
    assert (v.rows_valid, v.rows_invalid) == (1, 2)


def test_overlap_across_files_and_formats(plan: Plan, tmp_path: Path) -> None:
    a = write(tmp_path, "a.csv", ["EG-16;Quý I/2023;21010;5;10;;"], header=HEADER_VI)
    b = write(tmp_path, "b.csv", ["EG-16,2023-02,21010,1,3,,"])
    v = check(plan, a, b)
    assert [(f.code, f.file and Path(f.file).name, f.line) for f in v.findings] == [
        ("overlapping-periods", "b.csv", 2)
    ]
    assert "a.csv:2" in v.findings[0].message


def test_folder_is_one_run(plan: Plan, tmp_path: Path) -> None:
    folder = tmp_path / "nop"
    (folder / "sub").mkdir(parents=True)
    write(folder, "a.csv", ["EG-16,2023-Q1,21010,5,10,,"])
    write(folder / "sub", "b.csv", ["EG-16,2023-Q1,21010,7,10,,"])
    (folder / "notes.txt").write_text("ignored")
    v = check(plan, folder)
    assert v.files == 2
    assert [(f.code, Path(f.file or "").name) for f in v.findings] == [
        ("conflicting-duplicate", "a.csv"),
        ("ignored-file", "notes.txt"),  # a .txt without the contract's header
        ("conflicting-duplicate", "b.csv"),
    ]


def test_same_file_given_twice_is_read_once(plan: Plan, tmp_path: Path) -> None:
    a = write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,"])
    v = check(plan, a, a, tmp_path)
    assert v.files == 1
    assert v.findings == []


def test_task_duplicates(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "NV-1.1,2023-Q1,done,100,",  # 2
        "NV-1.1,Q1/2023,hoàn thành,100,",  # 3 duplicate
        "NV-1.1,2023-Q2,in_progress,50,",  # 4
        "NV-1.1,2023-Q2,delayed,50,",  # 5 conflict
    ]
    v = check(plan, write(tmp_path, "t.csv", rows, header=TASK_HEADER))
    assert "t.csv:2" in at(v, "duplicate-row", 3).message
    assert "t.csv:4" in at(v, "conflicting-duplicate", 5).message
    assert {c for c, _ in codes(v)} == {"duplicate-row", "conflicting-duplicate"}
    assert v.rows_skipped == 1
    # As for actuals, both rows of a conflict are errors, each naming the other; neither is used.
    assert "t.csv:5" in at(v, "conflicting-duplicate", 4).message
    assert (v.rows_valid, v.rows_invalid) == (1, 2)
    assert [(r.task_id, r.period.label) for r in v.task_reports] == [("NV-1.1", "2023-Q1")]
