"""Submissions that change: cumulative (lũy kế) figures, resubmissions by date, and the words
agencies write for periods, statuses and tasks."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import at, check, codes, invoke, only, write
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
    progress = {"done": 100, "not_started": 0}.get(status, 10)
    v = check(plan, write(tmp_path, "t.csv", [f"NV-1.1,2023-Q1,{word},{progress},"], TASKS))
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


@pytest.mark.parametrize(
    ("written", "why"),
    [("05/07/2032", "in the future"), ("2023-03-31", "before 2023-Q2 begins")],
)
def test_a_submission_date_that_cannot_be_true_is_refused(
    plan: Plan, tmp_path: Path, written: str, why: str
) -> None:
    """A typo year must not let old figures win over a correction."""
    v = check(plan, write(tmp_path, "a.csv", [f"EG-16,2023-Q2,21010,5,10,,{written},"], SENT))
    f = at(v, "bad-date", 2)
    assert why in f.message and f.column == "submitted"


def test_a_later_valid_resubmission_replaces_a_refused_row(plan: Plan, tmp_path: Path) -> None:
    first = write(tmp_path, "v1.csv", ["EG-16,2023-Q2,21010,12a,10,,2023-07-05,"], SENT)
    later = write(tmp_path, "v2.csv", ["EG-16,2023-Q2,21010,7,10,,2023-07-12,"], SENT)
    v = check(plan, first, later)
    assert v.errors == []  # the correction unblocks the run
    f = only(v, "superseded")
    assert Path(f.file or "").name == "v1.csv" and "v2.csv:2" in f.message
    assert "bad-number" in f.message  # what was wrong stays on record
    assert [(o.numerator, Path(o.file).name) for o in v.observations] == [(7, "v2.csv")]
    assert (v.rows_valid, v.rows_invalid, v.rows_skipped) == (1, 0, 1)
    assert sum(t.rows_skipped for t in v.tables) == 1


def test_an_earlier_valid_row_does_not_excuse_a_later_broken_one(
    plan: Plan, tmp_path: Path
) -> None:
    first = write(tmp_path, "v1.csv", ["EG-16,2023-Q2,21010,7,10,,2023-07-05,"], SENT)
    later = write(tmp_path, "v2.csv", ["EG-16,2023-Q2,21010,12a,10,,2023-07-12,"], SENT)
    v = check(plan, first, later)
    assert [f.code for f in v.errors] == ["bad-number"]  # the newest sending is broken


GUIDED = "indicator_id,title,period,unit_code,unit_name,numerator,denominator,value,note"


def test_a_changed_unit_code_beside_another_units_name_is_refused(
    plan: Plan, tmp_path: Path
) -> None:
    rows = [
        "EG-16,x,2023-Q2,21010,Phường Lê Hồng Phong,5,10,,",
        "EG-16,x,2023-Q2,21013,Phường Lê Hồng Phong,5,10,,",  # code changed, name not
        "EG-16,x,2023-Q2,21016,a name nobody has,5,10,,",  # edited name: left alone
    ]
    v = check(plan, write(tmp_path, "a.csv", rows, GUIDED))
    f = only(v, "guide-mismatch")
    assert f.line == 3 and f.column == "unit_name" and "21010" in (f.hint or "")
    assert [o.line for o in v.observations] == [2, 4]


def test_a_changed_indicator_beside_another_targets_title_is_refused(
    plan: Plan, tmp_path: Path
) -> None:
    eg18 = plan.target_by_id["EG-18"]
    rows = [
        f'EG-16,"{eg18.title_vi}",2023-Q2,21010,,5,10,,',
        f'EG-18,"{eg18.title_en}",2023-Q2,21010,,5,10,,',
    ]
    v = check(plan, write(tmp_path, "a.csv", rows, GUIDED))
    f = only(v, "guide-mismatch")
    assert f.line == 2 and "EG-18" in f.message
    assert [o.indicator_id for o in v.observations] == ["EG-18"]


TASKS_BY = "task_id,unit_code,period,status,progress,note"


def test_agencies_sharing_a_task_report_their_own_parts(plan: Plan, tmp_path: Path) -> None:
    from qn_dx.compute.tasks import task_states

    rows = ["NV-1.2,SYT,2023-Q2,đang thực hiện,50,", "NV-1.2,STP,2023-Q2,hoàn thành,100,"]
    v = check(plan, write(tmp_path, "t.csv", rows, TASKS_BY))
    assert v.findings == []
    assert [(r.unit_code, r.status) for r in v.task_reports] == [
        ("SYT", "in_progress"),
        ("STP", "done"),
    ]
    state = next(
        s for s in task_states(plan, v.task_reports, quarter(2023, 2)) if s.task.id == "NV-1.2"
    )
    assert (state.status, state.progress) == ("in_progress", 75.0)
    both_done = check(
        plan,
        write(
            tmp_path,
            "u.csv",
            ["NV-1.2,SYT,2023-Q2,done,100,", "NV-1.2,STP,2023-Q2,done,100,"],
            TASKS_BY,
        ),
    )
    state = next(
        s
        for s in task_states(plan, both_done.task_reports, quarter(2023, 2))
        if s.task.id == "NV-1.2"
    )
    # NV-1.2 is led by every department and every district (37 reporters): two "done" reports
    # do not finish it.
    assert (state.status, state.units_reported, state.units_expected) == ("in_progress", 2, 37)
    from qn_dx.plan.registry import task_reporters

    everyone = sorted(task_reporters(plan, plan.task_by_id["NV-1.2"]))
    all_done = check(
        plan,
        write(tmp_path, "w.csv", [f"NV-1.2,{u},2023-Q2,done,100," for u in everyone], TASKS_BY),
    )
    state = next(
        s
        for s in task_states(plan, all_done.task_reports, quarter(2023, 2))
        if s.task.id == "NV-1.2"
    )
    assert (state.status, state.units_reported, state.units_expected) == ("done", 37, 37)


def test_one_agency_twice_on_a_task_is_still_a_conflict(plan: Plan, tmp_path: Path) -> None:
    rows = ["NV-1.2,SYT,2023-Q2,đang thực hiện,50,", "NV-1.2,SYT,2023-Q2,hoàn thành,100,"]
    v = check(plan, write(tmp_path, "t.csv", rows, TASKS_BY))
    assert [c for c, _ in codes(v)] == ["conflicting-duplicate"] * 2


def test_without_a_unit_column_the_conflict_hint_says_how_to_share(
    plan: Plan, tmp_path: Path
) -> None:
    rows = ["NV-1.2,2023-Q2,đang thực hiện,50,", "NV-1.2,2023-Q2,hoàn thành,100,"]
    v = check(plan, write(tmp_path, "t.csv", rows, TASKS))
    assert "unit_code" in (v.findings[0].hint or "")


def test_a_decimal_in_a_count_column_is_its_own_mistake(plan: Plan, tmp_path: Path) -> None:
    """ "12.34" in a numerator must not make a Vietnamese file mixed (and refuse its 91,5)."""
    rows = ["EG-16;Quý II/2023;21010;12.34;2.000;;", "DG-02;2023;51;;;91,5;"]
    header = "Mã chỉ tiêu;Kỳ báo cáo;Mã đơn vị;Tử số;Mẫu số;Giá trị;Ghi chú"
    v = check(plan, write(tmp_path, "a.csv", rows, header))
    assert [c for c, _ in codes(v) if c != "number-style"] == ["not-whole-number"]
    assert [o.indicator_id for o in v.observations] == ["DG-02"]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1), (1, 2, 0)])
def test_a_later_row_settles_a_conflict_whatever_the_order(
    plan: Plan, tmp_path: Path, order: tuple[int, int, int]
) -> None:
    rows = [
        "EG-16,2023-Q2,21010,5,10,,2023-04-10,",
        "EG-16,2023-Q2,21010,7,10,,2023-04-10,",  # same date, other figures: a conflict
        "EG-16,2023-Q2,21010,6,10,,2023-04-12,",  # the correction
    ]
    v = check(plan, write(tmp_path, "a.csv", [rows[i] for i in order], SENT))
    assert v.errors == []
    assert [o.numerator for o in v.observations] == [6]
    assert [f.code for f in v.findings] == ["superseded", "superseded"]


def test_an_undated_row_in_a_conflict_keeps_it_unsettled(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-16,2023-Q2,21010,5,10,,,",
        "EG-16,2023-Q2,21010,7,10,,2023-04-10,",
        "EG-16,2023-Q2,21010,6,10,,2023-04-12,",
    ]
    v = check(plan, write(tmp_path, "a.csv", rows, SENT))
    assert {f.code for f in v.errors} == {"conflicting-duplicate"}


def test_a_falling_year_to_date_total_is_refused(plan: Plan, tmp_path: Path) -> None:
    rows = ["EG-16,2023-Q1,21010,100,150,,lũy kế,", "EG-16,2023-Q2,21010,50,100,,lũy kế,"]
    v = check(plan, write(tmp_path, "a.csv", rows, BASIS))
    f = only(v, "cumulative-decreases")
    assert f.line == 3 and "100" in f.message and "50" in f.message
    assert [o.line for o in v.observations] == [2]


def test_a_value_beside_zero_over_zero_is_refused(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,0,0,100,"]))
    assert at(v, "value-mismatch", 2)


def test_a_one_digit_month_is_refused_as_ambiguous(plan: Plan, tmp_path: Path) -> None:
    v = check(plan, write(tmp_path, "a.csv", ["EG-16,2023-1,21010,1,2,,"]))
    f = at(v, "bad-period", 2)
    assert f.hint == "write 2023-01 for the month or 2023-Q1 for the quarter"


def test_task_progress_only_from_its_leads_and_never_contradicting(
    plan: Plan, tmp_path: Path
) -> None:
    rows = [
        "NV-2.1,21010,2023-Q2,done,100,",  # NV-2.1 is led by STTTT alone
        "NV-2.1,STTTT,2023-Q2,done,40,",  # done at 40 %?
        "NV-2.1,STTTT,2023-Q3,not_started,10,",  # not started at 10 %?
        "NV-2.1,STTTT,2023-Q1,in_progress,40,",  # fine
    ]
    v = check(plan, write(tmp_path, "t.csv", rows, TASKS_BY))
    assert at(v, "task-not-led", 2).column == "unit_code"
    assert at(v, "status-progress-mismatch", 3).column == "progress"
    at(v, "status-progress-mismatch", 4)
    assert [(r.unit_code, r.status) for r in v.task_reports] == [("STTTT", "in_progress")]


def test_a_later_refused_correction_stops_the_older_figure(plan: Plan, tmp_path: Path) -> None:
    rows = [
        "EG-15,2023-Q1,522,3000,4000,,2023-04-05,",
        "EG-15,2023-Q1,522,5000,4000,,2023-04-10,",  # the correction, refused: 5000 > 4000
    ]
    v = check(plan, write(tmp_path, "a.csv", rows, SENT))
    assert v.observations == []  # the stale 3000/4000 is never used in its place
    f = at(v, "superseded", 2)
    assert "refused" in f.message and f.hint is not None and "a.csv:3" in f.hint
    at(v, "numerator-exceeds-denominator", 3)
    assert (v.rows_valid, v.rows_invalid, v.rows_skipped) == (0, 1, 1)
    # The dates decide, not the order of the lines.
    w = check(plan, write(tmp_path, "b.csv", rows[::-1], SENT))
    assert w.observations == []
    at(w, "superseded", 3)
    # A refused row dated before the valid one is the one replaced: the later figure counts.
    older = ["EG-15,2023-Q1,522,5000,4000,,2023-04-01,", rows[0]]
    u = check(plan, write(tmp_path, "c.csv", older, SENT))
    assert [(o.numerator, o.line) for o in u.observations] == [(3000, 3)]


def test_every_row_refused_is_a_data_error_not_a_usage_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    write(tmp_path, "a.csv", ["EG-15,2023-Q1,522,5000,4000,,2023-04-10,"], SENT)
    result = invoke(runner, "report", "--actuals", str(tmp_path), "--skip-invalid")
    assert result.exit_code == 1
    assert "no valid 2023 figures" in result.stderr
