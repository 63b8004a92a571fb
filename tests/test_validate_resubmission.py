"""Submissions that change: cumulative (lũy kế) figures, resubmissions by date, and the words
agencies write for periods, statuses and tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers_actuals import at, check, codes, only, write
from qn_dx.compute import compute_report
from qn_dx.compute.explain import explain_target, explanation_dict
from qn_dx.ingest.periods import quarter
from qn_dx.plan import Plan

BASIS = "indicator_id,period,unit_code,numerator,denominator,value,basis,note"
SENT = "indicator_id,period,unit_code,numerator,denominator,value,submitted,note"
TASKS = "task_id,period,status,progress,note"


def result(plan: Plan, v, target: str, p: str = "2023-Q2"):  # type: ignore[no-untyped-def]
    year, q = p.split("-Q")
    report = compute_report(plan, v.observations, quarter(int(year), int(q)))
    return next(r for r in report.targets if r.id == target)


# --- basis: cumulative figures are not summed ---------------------------------------------------


def test_cumulative_figures_stand_for_the_year_so_far(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-16,2023-Q1,21010,100,150,,lũy kế,",
        "EG-16,2023-Q2,21010,250,350,,Lũy kế,",
        "EG-16,2023-Q1,21034,10,20,,,",  # another commune, per period: summed
        "EG-16,2023-Q2,21034,30,40,,trong kỳ,",
    ]
    v = check(plan, write(tmp_path, "a.csv", rows, header=BASIS))
    assert v.findings == []
    assert [o.cumulative for o in v.observations] == [True, True, False, False]
    r = result(plan, v, "EG-16")
    # 21010: its Q2 total 250/350 (not 350/500); 21034: 10/20 + 30/40 = 40/60
    assert r.actual == pytest.approx(100 * (250 + 40) / (350 + 60))
    assert sorted(o.line for o in r.used) == [3, 4, 5]


@pytest.mark.parametrize("word", ["cumulative", "lũy kế", "luỹ kế", "cộng dồn", "Lũy kế"])
def test_cumulative_words(plan: Plan, tmp_path: Path, word: str) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f"EG-16,2023-Q1,21010,1,2,,{word},"], BASIS))
    assert v.observations[0].cumulative


@pytest.mark.parametrize("word", ["period", "trong kỳ", "phát sinh", ""])
def test_period_words(plan: Plan, tmp_path: Path, word: str) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f"EG-16,2023-Q1,21010,1,2,,{word},"], BASIS))
    assert not v.observations[0].cumulative


def test_bad_basis(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,1,2,,sometimes,"], BASIS))
    assert at(v, "bad-basis", 2).column == "basis"


def test_vietnamese_basis_header(plan: Plan, tmp_path: Path) -> None:
    header = "Mã chỉ tiêu;Kỳ báo cáo;Mã đơn vị;Tử số;Mẫu số;Cách tính"
    v = check(plan, write(tmp_path, "a.csv", ["EG-16;Quý I/2023;21010;1;2;lũy kế"], header))
    assert v.findings == [] and v.observations[0].cumulative


def test_one_unit_mixing_bases_is_an_error_on_the_later_line(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-16,2023-Q1,21010,100,150,,period,", "EG-16,2023-Q2,21010,250,350,,lũy kế,"]
    v = check(plan, write(tmp_path, "a.csv", rows, header=BASIS))
    f = only(v, "mixed-basis")
    assert f.line == 3 and f.severity == "error" and "a.csv:2" in f.message
    assert [o.line for o in v.observations] == [2]


def test_bases_may_differ_between_units_and_years(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-16,2023-Q1,21010,1,2,,lũy kế,",
        "EG-16,2023-Q1,21034,1,2,,,",
        "EG-16,2022,21034,1,2,,lũy kế,",
    ]
    assert check(plan, write(tmp_path, "a.csv", rows, header=BASIS)).findings == []


def test_explain_shows_the_basis(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-16,2023-Q1,21010,100,150,,lũy kế,", "EG-16,2023-Q2,21010,250,350,,lũy kế,"]
    v = check(plan, write(tmp_path, "a.csv", rows, header=BASIS))
    e = explain_target(plan, plan.target_by_id["EG-16"], v, quarter(2023, 2))
    d = explanation_dict(plan, e)
    assert [(c["line"], c["basis"]) for c in d["contributions"]] == [(3, "cumulative")]
    assert [x["line"] for x in d["excluded"]] == [2]


# --- resubmission: the later submitted date wins ------------------------------------------------


def test_the_later_submission_wins_whatever_the_order(plan: Plan, tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,2023-04-05,"], SENT)
    later = write(tmp_path, "b.csv", ["EG-16,2023-Q1,21010,7,10,,10/04/2023,"], SENT)
    for order in ([first, later], [later, first]):
        v = check(plan, *order)
        assert [(o.numerator, Path(o.file).name) for o in v.observations] == [(7, "b.csv")]
        f = only(v, "superseded")
        assert f.severity == "warning" and Path(f.file or "").name == "a.csv"
        assert "b.csv:2" in f.message and "2023-04-10" in f.message and "2023-04-05" in f.message
        assert (v.rows_valid, v.rows_skipped, v.rows_invalid) == (1, 1, 0)


def test_without_dates_a_conflict_stays_an_error(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-16,2023-Q1,21010,5,10,,2023-04-05,", "EG-16,2023-Q1,21010,7,10,,,"]
    v = check(plan, write(tmp_path, "a.csv", rows, SENT))
    assert codes(v) == [("conflicting-duplicate", 2), ("conflicting-duplicate", 3)]


def test_equal_dates_are_a_conflict(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-16,2023-Q1,21010,5,10,,2023-04-05,", "EG-16,2023-Q1,21010,7,10,,05/04/2023,"]
    v = check(plan, write(tmp_path, "a.csv", rows, SENT))
    assert [c for c, _ in codes(v)] == ["conflicting-duplicate"] * 2


def test_bad_submitted_date(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,31/02/2023,"], SENT))
    assert at(v, "bad-date", 2).column == "submitted"


def test_vietnamese_submitted_header(plan: Plan, tmp_path: Path) -> None:
    header = "Mã chỉ tiêu;Kỳ báo cáo;Mã đơn vị;Tử số;Mẫu số;Ngày gửi"
    v = check(plan, write(tmp_path, "a.csv", ["EG-16;Quý I/2023;21010;1;2;05/04/2023"], header))
    assert v.findings == [] and str(v.observations[0].submitted) == "2023-04-05"


# --- Vietnamese spellings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("Quí I/2023", "2023-Q1"),
        ("Quý II năm 2023", "2023-Q2"),
        ("Quý 2 - 2023", "2023-Q2"),
        ("Tháng 03 năm 2023", "2023-03"),
        ("quý iv/2023", "2023-Q4"),
    ],
)
def test_period_spellings(plan: Plan, tmp_path: Path, written: str, label: str) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f"EG-16,{written},21010,1,2,,"]))
    assert [o.period.label for o in v.observations] == [label]


def test_half_year_is_refused_with_a_hint(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,6 tháng đầu năm 2023,21010,1,2,,"]))
    f = at(v, "bad-period", 2)
    assert f.hint is not None and "2023-Q2" in f.hint and "lũy kế" in f.hint


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("đã hoàn thành", "done"),
        ("đang thực hiện", "in_progress"),
        ("chưa thực hiện", "not_started"),
        ("chậm", "delayed"),
    ],
)
def test_task_status_words(plan: Plan, tmp_path: Path, word: str, status: str) -> None:
    v = check(plan, write(tmp_path, "t.csv", [f"NV-1.1,2023-Q1,{word},10,"], TASKS))
    assert [r.status for r in v.task_reports] == [status]


def test_task_by_its_printed_number(plan: Plan, tmp_path: Path) -> None:
    v = check(
        plan, write(tmp_path, "t.csv", ["1.2,2023-Q1,done,100,", "nv 2.3,2023-Q1,done,100,"], TASKS)
    )
    assert [r.task_id for r in v.task_reports] == ["NV-1.2", "NV-2.3"]


def test_a_repeated_task_number_is_ambiguous(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "t.csv", ["6.1,2023-Q1,done,100,"], TASKS))
    f = at(v, "unknown-task", 2)
    assert f.hint is not None and "NV-6.1" in f.hint and "NV-6.1b" in f.hint


@pytest.mark.parametrize(("typed", "suggested"), [("EG-4", "EG-04"), ("EG4", "EG-04")])
def test_did_you_mean_keeps_the_number(
    plan: Plan, tmp_path: Path, typed: str, suggested: str
) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f"{typed},2023-Q1,21010,1,2,,"]))
    f = at(v, "unknown-indicator", 2)
    assert f.hint == f"did you mean {suggested}?"


@pytest.mark.parametrize("typed", ["EG-99", "EG-144", "NV-1.1"])
def test_did_you_mean_never_proposes_another_number(plan: Plan, tmp_path: Path, typed: str) -> None:
    v = check(plan, write(tmp_path, "a.csv", [f"{typed},2023-Q1,21010,1,2,,"]))
    f = at(v, "unknown-indicator", 2)
    assert f.hint is not None and "did you mean" not in f.hint


def test_unit_did_you_mean_never_proposes_another_code(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21011,1,2,,"]))
    f = at(v, "unknown-unit", 2)
    assert f.hint is not None and "21010" not in f.hint and "did you mean" not in f.hint


def test_task_did_you_mean_never_proposes_another_number(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "t.csv", ["NV-1.55,2023-Q1,done,100,"], TASKS))
    f = at(v, "unknown-task", 2)
    assert f.hint is not None and "NV-1.5 " not in f.hint and "did you mean" not in f.hint
