"""The compute engine (qn_dx.compute.engine) on hand-made observations, every expected number
worked out by hand from the rules in the engine's docstring and the README ("How an indicator is
computed")."""

from __future__ import annotations

import pytest

from qn_dx.compute.engine import (
    compute_report,
    compute_target,
    default_as_of,
    is_year_end,
    plan_year_periods,
)
from qn_dx.ingest.periods import Period, month, quarter, whole_year
from qn_dx.plan import Plan
from qn_dx.validate.model import Observation

# Reporting units used below (codes from data/units.yaml / agencies.yaml).
PROVINCE = "51"
PHUONG_A = "21010"  # Phường Lê Hồng Phong (commune, phường)
PHUONG_B = "21013"  # Phường Trần Phú (commune, phường)
THI_TRAN = "21040"  # Thị trấn Châu Ổ (commune, thị trấn)
XA_A = "21034"  # Xã Nghĩa Dũng (commune, xã)
XA_B = "21037"  # Xã Nghĩa Dõng (commune, xã)
DISTRICT = "522"  # Thành phố Quảng Ngãi
DEPARTMENT = "STTTT"

Q1, Q2, Q3, Q4 = (quarter(2023, q) for q in (1, 2, 3, 4))
Y2023 = whole_year(2023)
Y2022 = whole_year(2022)


def ratio(ind: str, unit: str, period: Period, num: float, den: float) -> Observation:
    return Observation(ind, unit, period, num, den, None, None, "", "test.csv", 2)


def value(ind: str, unit: str, period: Period, v: float) -> Observation:
    return Observation(ind, unit, period, None, None, v, None, "", "test.csv", 2)


def milestone(ind: str, unit: str, period: Period, done: bool) -> Observation:
    return Observation(ind, unit, period, None, None, None, done, "", "test.csv", 2)


def run(plan: Plan, target_id: str, obs: list[Observation], as_of: Period, by_unit: bool = False):  # type: ignore[no-untyped-def]
    return compute_target(plan, plan.target_by_id[target_id], obs, as_of, by_unit)


# --- ratio = Σnumerator / Σdenominator --------------------------------------------------------


def test_ratio_equal_denominators(plan: Plan) -> None:
    obs = [ratio("EG-16", XA_A, Q1, 10, 100), ratio("EG-16", XA_B, Q1, 90, 100)]
    r = run(plan, "EG-16", obs, Q1)
    assert r.actual == 50.0
    assert r.units_reported == 2


def test_ratio_is_never_an_average_of_percentages(plan: Plan) -> None:
    # A: 1/10 = 10 %, B: 90/100 = 90 %. Mean of percentages would be 50; the rule is 91/110.
    obs = [ratio("EG-16", XA_A, Q1, 1, 10), ratio("EG-16", XA_B, Q1, 90, 100)]
    r = run(plan, "EG-16", obs, Q1)
    assert r.actual == pytest.approx(91 / 110 * 100)
    assert r.actual == pytest.approx(82.727272727)
    assert r.actual != pytest.approx(50.0)
    # ≥ 70: met, gap = 70 − 82.7272… = −12.7272…
    assert r.status == "met"
    assert r.gap == pytest.approx(70 - 9100 / 110)


def test_ratio_with_zero_denominator_everywhere_is_no_data(plan: Plan) -> None:
    r = run(plan, "EG-16", [ratio("EG-16", XA_A, Q1, 0, 0)], Q1)
    assert r.actual is None
    assert r.status == "no_data"
    assert r.gap is None


# --- period rules -----------------------------------------------------------------------------


def test_latest_carries_forward_a_units_last_report(plan: Plan) -> None:
    # EG-04 (latest, phường + thị trấn). X reports Q1 only; Y reports Q1 and Q2.
    x_q1 = ratio("EG-04", PHUONG_A, Q1, 30, 100)
    y_q1 = ratio("EG-04", PHUONG_B, Q1, 50, 100)
    y_q2 = ratio("EG-04", PHUONG_B, Q2, 70, 100)
    obs = [x_q1, y_q1, y_q2]
    at_q1 = run(plan, "EG-04", obs, Q1)
    assert at_q1.actual == pytest.approx(40.0)  # (30 + 50) / 200
    at_q2 = run(plan, "EG-04", obs, Q2)
    assert at_q2.actual == pytest.approx(50.0)  # X's Q1 30 + Y's Q2 70, over 200
    assert at_q2.units_reported == 2
    assert set(at_q2.used) == {x_q1, y_q2}  # Y's Q1 is superseded, X's Q1 carried forward


def test_latest_ignores_observations_after_as_of(plan: Plan) -> None:
    obs = [
        ratio("EG-04", PHUONG_A, Q1, 30, 100),
        ratio("EG-04", PHUONG_B, Q1, 50, 100),
        ratio("EG-04", PHUONG_B, Q2, 70, 100),
        ratio("EG-04", PHUONG_A, Q3, 90, 100),  # dated at the end of September
    ]
    assert run(plan, "EG-04", obs, Q2).actual == pytest.approx(50.0)
    assert run(plan, "EG-04", obs, month(2023, 8)).actual == pytest.approx(50.0)
    assert run(plan, "EG-04", obs, Q3).actual == pytest.approx(80.0)  # (90 + 70) / 200


def test_year_to_date_sums_numerators_and_denominators(plan: Plan) -> None:
    # EG-16 is year_to_date: Q1 30/100 and Q2 50/100 → at Q2 (30 + 50) / (100 + 100) = 40 %.
    obs = [ratio("EG-16", XA_A, Q1, 30, 100), ratio("EG-16", XA_A, Q2, 50, 100)]
    assert run(plan, "EG-16", obs, Q2).actual == pytest.approx(40.0)
    assert run(plan, "EG-16", obs, Q1).actual == pytest.approx(30.0)
    assert len(run(plan, "EG-16", obs, Q2).used) == 2
    assert run(plan, "EG-16", obs, Q2).units_reported == 1


def test_year_to_date_weights_by_denominator(plan: Plan) -> None:
    # Q1 10/20 (50 %), Q2 70/80 (87.5 %) → (10 + 70) / (20 + 80) = 80 %, not (50 + 87.5) / 2.
    obs = [ratio("EG-16", XA_A, Q1, 10, 20), ratio("EG-16", XA_A, Q2, 70, 80)]
    assert run(plan, "EG-16", obs, Q2).actual == pytest.approx(80.0)


def test_observations_of_the_baseline_year_do_not_count_as_actuals(plan: Plan) -> None:
    obs = [ratio("EG-16", XA_A, quarter(2022, 4), 99, 100)]
    r = run(plan, "EG-16", obs, Q1)
    assert r.actual is None
    assert r.status == "no_data"


# --- scope ------------------------------------------------------------------------------------


def test_commune_observation_is_ignored_for_a_province_target(plan: Plan) -> None:
    only_commune = [ratio("EG-01", XA_A, Q1, 1, 100)]
    r = run(plan, "EG-01", only_commune, Q1)
    assert r.actual is None
    assert r.status == "no_data"
    assert r.units_reported == 0
    both = [*only_commune, ratio("EG-01", PROVINCE, Q1, 100, 100)]
    r = run(plan, "EG-01", both, Q1)
    assert r.actual == 100.0
    assert r.units_reported == 1
    assert [o.unit_code for o in r.used] == [PROVINCE]


def test_scope_by_unit_type(plan: Plan) -> None:
    # EG-04 is phường + thị trấn only; EG-05 xã only.
    obs = [ratio("EG-04", PHUONG_A, Q1, 60, 100), ratio("EG-04", XA_A, Q1, 0, 100)]
    r = run(plan, "EG-04", obs, Q1)
    assert r.actual == pytest.approx(60.0)
    assert r.units_reported == 1
    obs5 = [ratio("EG-05", XA_A, Q1, 10, 100), ratio("EG-05", THI_TRAN, Q1, 100, 100)]
    r5 = run(plan, "EG-05", obs5, Q1)
    assert r5.actual == pytest.approx(10.0)
    assert r5.units_reported == 1


def test_department_and_district_scope(plan: Plan) -> None:
    # EG-15: department + district. A commune's row is out of scope.
    obs = [
        ratio("EG-15", DISTRICT, Q1, 80, 100),
        ratio("EG-15", DEPARTMENT, Q1, 100, 100),
        ratio("EG-15", XA_A, Q1, 0, 1000),
    ]
    r = run(plan, "EG-15", obs, Q1)
    assert r.actual == pytest.approx(90.0)  # 180 / 200
    assert r.units_reported == 2


def test_units_expected(plan: Plan) -> None:
    departments = sum(1 for a in plan.agencies if a.level == "department")
    assert departments == 20  # the shipped agencies.yaml
    expected = {
        "EG-16": 173,  # every commune
        "EG-04": 25,  # 17 phường + 8 thị trấn
        "EG-05": 148 + 1,  # xã, and Lý Sơn (536), a district without communes
        "EG-11": 2,  # its two leads' parts: SYT, SGDDT
        "CS-05": 2,  # SGDDT, SLDTBXH
        "EG-14": 13 + departments,  # each department's and district's own system
        "EG-01": 1,  # province
        "DG-13": 1,
        "EG-07": 1,
        "EG-15": 13 + departments,  # 13 districts + department-level agencies
        "EG-17": 13 + departments,
    }
    for target_id, n in expected.items():
        assert run(plan, target_id, [], Q1).units_expected == n, target_id
    assert expected["EG-15"] == 33


# --- baseline ---------------------------------------------------------------------------------


def test_baseline_from_the_plan_increase_met(plan: Plan) -> None:
    # DG-01: op increase, YAML baseline 30 (Part I's "trên 30%"), no 2022 row. 31/100 > 30 → met,
    # gap 30 − 31 = −1.
    r = run(plan, "DG-01", [ratio("DG-01", PROVINCE, Q2, 31, 100)], Q2)
    assert r.baseline == 30.0
    assert r.baseline_source == "plan"
    assert r.baseline_used == []
    assert r.target_value == 30.0
    assert r.status == "met"
    assert r.gap == pytest.approx(-1.0)


def test_increase_is_strict(plan: Plan) -> None:
    # Actual equal to the baseline is not an increase: not_met at the year end, gap 0.
    at_end = run(plan, "DG-01", [ratio("DG-01", PROVINCE, Q4, 30, 100)], Q4)
    assert at_end.status == "not_met"
    assert at_end.gap == 0.0
    # Before the year end a single point 30 projects to 30, not above 30: off_track.
    mid = run(plan, "DG-01", [ratio("DG-01", PROVINCE, Q2, 30, 100)], Q2)
    assert mid.status == "off_track"
    assert mid.projection == 30.0


def test_dg05_has_no_baseline_in_the_plan(plan: Plan) -> None:
    """Part I's 60% is a share of adults, not of mobile-phone users: DG-05 needs a 2022 actual."""
    alone = run(plan, "DG-05", [value("DG-05", PROVINCE, Q4, 66)], Q4)
    assert (alone.status, alone.baseline, alone.target_value) == ("no_data", None, None)
    assert alone.note == ("note.no_baseline", {"year": 2022})
    with_2022 = run(
        plan, "DG-05", [value("DG-05", PROVINCE, Y2022, 62), value("DG-05", PROVINCE, Q4, 66)], Q4
    )
    assert (with_2022.status, with_2022.baseline, with_2022.baseline_source) == (
        "met",
        62.0,
        "actuals",
    )


def test_baseline_from_2022_actuals(plan: Plan) -> None:
    # DG-04: YAML baseline value null; the 2022 row gives 72.5.
    base = value("DG-04", PROVINCE, Y2022, 72.5)
    r = run(plan, "DG-04", [base, value("DG-04", PROVINCE, Q4, 76.8)], Q4)
    assert r.baseline == 72.5
    assert r.baseline_source == "actuals"
    assert r.baseline_used == [base]
    assert r.target_value == 72.5
    assert r.status == "met"
    assert r.gap == pytest.approx(72.5 - 76.8)


def test_baseline_from_actuals_wins_over_the_plan(plan: Plan) -> None:
    # DG-05 has 60 in the YAML; a 2022 row of 65 replaces it, so 61 is no longer an increase.
    obs = [value("DG-05", PROVINCE, Y2022, 65), value("DG-05", PROVINCE, Q4, 61)]
    r = run(plan, "DG-05", obs, Q4)
    assert (r.baseline, r.baseline_source) == (65.0, "actuals")
    assert r.status == "not_met"
    assert r.gap == pytest.approx(4.0)


def test_baseline_from_quarterly_2022_actuals_uses_the_rule(plan: Plan) -> None:
    # DG-01 (ratio, year_to_date, increase): 2022 baseline = Σnum / Σden over 2022's reports.
    obs = [
        ratio("DG-01", PROVINCE, quarter(2022, 1), 10, 100),
        ratio("DG-01", PROVINCE, quarter(2022, 2), 30, 100),
        ratio("DG-01", PROVINCE, quarter(2022, 3), 20, 100),
        ratio("DG-01", PROVINCE, quarter(2022, 4), 20, 100),
        ratio("DG-01", PROVINCE, Q1, 25, 100),
    ]
    r = run(plan, "DG-01", obs, Q1)
    assert r.baseline == pytest.approx(20.0)  # 80 / 400
    assert r.baseline_source == "actuals"
    assert r.actual == pytest.approx(25.0)
    assert r.status == "met"
    assert r.gap == pytest.approx(-5.0)


def test_a_baseline_year_that_stops_short_is_not_the_baseline(plan: Plan) -> None:
    # Half of 2022 is not 2022: the plan's 30 % stays DG-01's baseline, and the report says so.
    half = [
        ratio("DG-01", PROVINCE, quarter(2022, 1), 10, 100),
        ratio("DG-01", PROVINCE, quarter(2022, 2), 30, 100),
        ratio("DG-01", PROVINCE, Q1, 25, 100),
    ]
    r = run(plan, "DG-01", half, Q1)
    assert (r.baseline, r.baseline_source) == (30.0, "plan")
    assert r.baseline_gaps == [(PROVINCE, "2022-Q3, 2022-Q4")]
    report = compute_report(plan, half, Q1)
    (w,) = [w for w in report.warnings if w.code == "partial-baseline"]
    assert "DG-01" in w.message and "the plan's baseline (30) is used" in w.message
    # A latest-rule target needs a December figure: DG-05's 2022-Q3 is not its 2022.
    dg05 = run(
        plan,
        "DG-05",
        [value("DG-05", PROVINCE, quarter(2022, 3), 62), value("DG-05", PROVINCE, Q4, 66)],
        Q4,
    )
    assert (dg05.baseline, dg05.status) == (None, "no_data")
    assert dg05.baseline_gaps == [(PROVINCE, "2022-Q3 is its latest")]


def test_no_baseline_anywhere_is_no_data(plan: Plan) -> None:
    r = run(plan, "DG-04", [value("DG-04", PROVINCE, Q4, 76.8)], Q4)
    assert r.actual == 76.8
    assert r.baseline is None
    assert r.baseline_source is None
    assert r.target_value is None
    assert r.status == "no_data"
    assert r.gap is None
    assert r.note == ("note.no_baseline", {"year": 2022})


def test_de06_target_is_baseline_plus_five_points(plan: Plan) -> None:
    obs = [value("DE-06", PROVINCE, Y2022, 9.8), value("DE-06", PROVINCE, Q4, 13.6)]
    r = run(plan, "DE-06", obs, Q4)
    assert r.baseline == 9.8
    assert r.baseline_source == "actuals"
    assert r.target_value == pytest.approx(14.8)
    assert r.status == "not_met"
    assert r.gap == pytest.approx(1.2)
    met = run(plan, "DE-06", [obs[0], value("DE-06", PROVINCE, Q4, 15.0)], Q4)
    assert met.status == "met"
    assert met.gap == pytest.approx(-0.2)


def test_de06_note_names_the_reading_and_what_the_other_gives(plan: Plan) -> None:
    obs = [value("DE-06", PROVINCE, Y2022, 9.8), value("DE-06", PROVINCE, Q4, 13.6)]
    r = run(plan, "DE-06", obs, Q4)
    assert r.other_target_value == pytest.approx(10.29)  # 9.8 × 1.05
    from qn_dx.render.figures import notes_text

    assert notes_text(r, "en") == (
        "goal read as baseline + 5 pp = 14.8 %; the other reading, baseline × 1.05, gives "
        "10.29 % (met by the actual 13.6 %)"
    )
    assert notes_text(r, "vi") == (
        "mục tiêu được hiểu là năm 2022 + 5 điểm % = 14,8 %; nếu hiểu theo cách khác, "
        "năm 2022 × 1,05, thì là 10,29 % (số thực hiện 13,6 % đạt)"
    )
    low = run(plan, "DE-06", [obs[0], value("DE-06", PROVINCE, Q4, 10.0)], Q4)
    assert (notes_text(low, "en") or "").endswith("gives 10.29 % (not met by the actual 10 %)")
    no_base = run(plan, "DE-06", [obs[1]], Q4)
    assert notes_text(no_base, "en") == (
        "no baseline: neither the 2022 actuals nor the plan give one; goal read as baseline + "
        "5 pp; the other reading, baseline × 1.05, also needs a baseline"
    )


def test_a_goal_may_be_read_as_a_factor(plan: Plan) -> None:
    """The other reading kept instead (data, not code): goal = baseline × 1.05."""
    from qn_dx.plan.models import OtherReading

    t = plan.target_by_id["DE-06"].model_copy(
        update={"target_offset": None, "target_factor": 1.05, "other_reading": None}
    )
    obs = [value("DE-06", PROVINCE, Y2022, 9.8), value("DE-06", PROVINCE, Q4, 13.6)]
    r = compute_target(plan, t, obs, Q4, by_unit=False)
    assert (r.target_value, r.status, t.target_text()) == (
        pytest.approx(10.29),
        "met",
        "≥ baseline × 1.05",
    )
    assert OtherReading(target_offset=5).goal(9.8) == pytest.approx(14.8)


def test_de06_without_2022_row_is_no_data(plan: Plan) -> None:
    r = run(plan, "DE-06", [value("DE-06", PROVINCE, Q4, 13.6)], Q4)
    assert r.status == "no_data"
    assert r.target_value is None


# --- ranks ------------------------------------------------------------------------------------


def test_rank_met_gap_is_actual_minus_target(plan: Plan) -> None:
    # DG-13: rank ≤ 32. Rank 29: met, gap 29 − 32 = −3.
    r = run(plan, "DG-13", [value("DG-13", PROVINCE, Y2023, 29)], Q4)
    assert r.actual == 29.0
    assert r.status == "met"
    assert r.gap == -3.0


def test_rank_not_met_gap_positive(plan: Plan) -> None:
    r = run(plan, "DG-13", [value("DG-13", PROVINCE, Y2023, 38)], Q4)
    assert r.status == "not_met"
    assert r.gap == 6.0


def test_rank_equal_to_target_is_met(plan: Plan) -> None:
    r = run(plan, "DG-13", [value("DG-13", PROVINCE, Y2023, 32)], Q4)
    assert r.status == "met"
    assert r.gap == 0.0


def test_annual_figure_counts_only_at_the_year_end(plan: Plan) -> None:
    obs = [value("DG-13", PROVINCE, Y2023, 29)]
    for p in (Q4, month(2023, 12), Y2023):
        r = run(plan, "DG-13", obs, p)
        assert (r.actual, r.status, r.units_reported) == (29.0, "met", 1), p.label
    for p in (Q3, month(2023, 11), Q1):
        r = run(plan, "DG-13", obs, p)
        assert (r.actual, r.status, r.units_reported) == (None, "no_data", 0), p.label


# --- milestones -------------------------------------------------------------------------------


def test_milestone_not_done_before_year_end_is_pending(plan: Plan) -> None:
    r = run(plan, "EG-07", [milestone("EG-07", PROVINCE, Q2, False)], Q2)
    assert r.actual is False
    assert r.status == "pending"
    assert r.gap is None
    assert r.target_value is None
    assert r.projection is None


def test_milestone_done_is_met(plan: Plan) -> None:
    r = run(plan, "EG-07", [milestone("EG-07", PROVINCE, Q2, True)], Q2)
    assert r.actual is True
    assert r.status == "met"
    assert r.gap is None


def test_milestone_not_done_at_year_end_is_not_met(plan: Plan) -> None:
    obs = [milestone("EG-07", PROVINCE, Q2, False), milestone("EG-07", PROVINCE, Q4, False)]
    r = run(plan, "EG-07", obs, Q4)
    assert r.status == "not_met"
    assert r.gap is None


def test_milestone_latest_report_wins(plan: Plan) -> None:
    obs = [milestone("EG-07", PROVINCE, Q1, False), milestone("EG-07", PROVINCE, Q3, True)]
    assert run(plan, "EG-07", obs, Q2).status == "pending"
    assert run(plan, "EG-07", obs, Q3).status == "met"
    assert run(plan, "EG-07", obs, Q4).status == "met"  # carried forward


# --- projection: on_track / off_track ---------------------------------------------------------


def test_projection_on_track(plan: Plan) -> None:
    # EG-01 ≥ 100. Points (3, 60), (6, 80): slope 20/3 per month, mean (4.5, 70);
    # at month 12: 70 + 20/3 × 7.5 = 120 ≥ 100 → on_track.
    obs = [ratio("EG-01", PROVINCE, Q1, 60, 100), ratio("EG-01", PROVINCE, Q2, 80, 100)]
    r = run(plan, "EG-01", obs, Q2)
    assert r.actual == 80.0
    assert r.projection_points == [("2023-Q1", 60.0), ("2023-Q2", 80.0)]
    assert r.projection == pytest.approx(120.0)
    assert r.status == "on_track"
    assert r.gap == pytest.approx(20.0)


def test_projection_off_track(plan: Plan) -> None:
    # Points (3, 60), (6, 62): 61 + 2/3 × 7.5 = 66 < 100 → off_track.
    obs = [ratio("EG-01", PROVINCE, Q1, 60, 100), ratio("EG-01", PROVINCE, Q2, 62, 100)]
    r = run(plan, "EG-01", obs, Q2)
    assert r.projection == pytest.approx(66.0)
    assert r.status == "off_track"
    assert r.gap == pytest.approx(38.0)


def test_projection_three_points_least_squares(plan: Plan) -> None:
    # (3, 50), (6, 70), (9, 66): mean (6, 62); Sxx = 18, Sxy = 36 + 0 + 12 = 48; slope 8/3;
    # at month 12: 62 + 8/3 × 6 = 78.
    obs = [
        ratio("EG-01", PROVINCE, Q1, 50, 100),
        ratio("EG-01", PROVINCE, Q2, 70, 100),
        ratio("EG-01", PROVINCE, Q3, 66, 100),
    ]
    r = run(plan, "EG-01", obs, Q3)
    assert r.projection == pytest.approx(78.0)
    assert r.status == "off_track"


def test_projection_one_point_is_the_point(plan: Plan) -> None:
    r = run(plan, "EG-01", [ratio("EG-01", PROVINCE, Q2, 80, 100)], Q2)
    assert r.projection_points == [("2023-Q2", 80.0)]
    assert r.projection == 80.0
    assert r.status == "off_track"


def test_projection_on_year_to_date_points(plan: Plan) -> None:
    # EG-16 ≥ 70, year_to_date. Q1 10/100 → 10 %; Q2 cumulative (10 + 50) / 200 = 30 %.
    # Points (3, 10), (6, 30): slope 20/3; 20 + 20/3 × 7.5 = 70 ≥ 70 → on_track.
    obs = [ratio("EG-16", XA_A, Q1, 10, 100), ratio("EG-16", XA_A, Q2, 50, 100)]
    r = run(plan, "EG-16", obs, Q2)
    assert r.actual == pytest.approx(30.0)
    assert r.projection_points == [("2023-Q1", 10.0), ("2023-Q2", 30.0)]
    assert r.projection == pytest.approx(70.0)
    assert r.status == "on_track"


def test_no_projection_when_met(plan: Plan) -> None:
    r = run(plan, "EG-16", [ratio("EG-16", XA_A, Q1, 80, 100)], Q1)
    assert r.status == "met"
    assert r.projection is None
    assert r.projection_points == []


@pytest.mark.parametrize("as_of", [Q4, month(2023, 12), Y2023], ids=lambda p: p.label)
def test_year_end_is_never_on_or_off_track(plan: Plan, as_of: Period) -> None:
    # Rising fast (projection would be on_track) but short at the year end: not_met.
    obs = [ratio("EG-01", PROVINCE, Q1, 10, 100), ratio("EG-01", PROVINCE, Q3, 90, 100)]
    r = run(plan, "EG-01", obs, as_of)
    assert r.actual == 90.0
    assert r.status == "not_met"
    assert r.projection is None
    assert r.gap == 10.0
    m = run(plan, "EG-07", [milestone("EG-07", PROVINCE, Q3, False)], as_of)
    assert m.status == "not_met"
    assert run(plan, "EG-01", [], as_of).status == "no_data"


def test_is_year_end_and_plan_year_periods() -> None:
    assert [is_year_end(p) for p in (Q3, Q4, month(2023, 11), month(2023, 12), Y2023)] == [
        False,
        True,
        False,
        True,
        True,
    ]
    assert [p.label for p in plan_year_periods(Q3)] == ["2023-Q1", "2023-Q2", "2023-Q3"]
    assert [p.label for p in plan_year_periods(month(2023, 3))] == [
        "2023-01",
        "2023-02",
        "2023-03",
    ]
    assert plan_year_periods(Y2023) == [Y2023]


# --- gap sign ---------------------------------------------------------------------------------


def test_gap_sign(plan: Plan) -> None:
    # ≥ 70: gap = target − actual. Beyond the target → negative.
    beyond = run(plan, "EG-16", [ratio("EG-16", XA_A, Q4, 80, 100)], Q4)
    assert beyond.gap == pytest.approx(-10.0)
    short = run(plan, "EG-16", [ratio("EG-16", XA_A, Q4, 60, 100)], Q4)
    assert short.gap == pytest.approx(10.0)
    # > 70 (EG-03): exactly 70 is not met, gap 0.
    edge = run(plan, "EG-03", [ratio("EG-03", PROVINCE, Q4, 70, 100)], Q4)
    assert (edge.status, edge.gap) == ("not_met", 0.0)
    # ≤ 32 (rank): gap = actual − target, below the target → negative.
    rank = run(plan, "DG-13", [value("DG-13", PROVINCE, Q4, 20)], Q4)
    assert rank.gap == -12.0


# --- completeness -----------------------------------------------------------------------------


def test_units_reported_counts_units_counting_at_p(plan: Plan) -> None:
    obs = [
        ratio("EG-16", XA_A, Q1, 10, 100),
        ratio("EG-16", XA_B, Q2, 20, 100),
        ratio("EG-16", PHUONG_A, Q3, 30, 100),  # after Q2: not yet
        ratio("EG-16", DISTRICT, Q1, 30, 100),  # out of scope
    ]
    r = run(plan, "EG-16", obs, Q2)
    assert r.units_reported == 2
    assert r.units_expected == 173
    assert r.actual == pytest.approx(15.0)  # 30 / 200
    assert run(plan, "EG-16", obs, Q3).units_reported == 3
    assert run(plan, "EG-16", obs, Q1).units_reported == 1


# --- several units on a value target ----------------------------------------------------------


def test_value_several_units_count_summed_percent_averaged(plan: Plan) -> None:
    # Only the province is in scope of the shipped value targets; widen EG-09 (count) and
    # DG-02 (percent) to districts to see what the engine does with several units.
    from qn_dx.plan.models import Scope

    districts = Scope(levels=["district"])
    eg09 = plan.target_by_id["EG-09"].model_copy(update={"scope": districts})
    obs = [value("EG-09", DISTRICT, Q4, 100), value("EG-09", "524", Q4, 136)]
    r = compute_target(plan, eg09, obs, Q4, False)
    assert r.actual == 236.0
    assert r.status == "met"
    assert r.note == ("note.sum_of_units", {"n": 2})
    dg02 = plan.target_by_id["DG-02"].model_copy(update={"scope": districts})
    obs2 = [value("DG-02", DISTRICT, Q4, 80), value("DG-02", "524", Q4, 90)]
    r2 = compute_target(plan, dg02, obs2, Q4, False)
    assert r2.actual == 85.0
    assert r2.note == ("note.mean_of_units", {"n": 2})


# --- by unit ----------------------------------------------------------------------------------


def test_by_unit_worst_first_no_data_last(plan: Plan) -> None:
    # EG-16 ≥ 70: A 50 % (gap 20), B 65 % (gap 5), C 90 % (gap −20), D 75 % (gap −5).
    obs = [
        ratio("EG-16", XA_A, Q4, 50, 100),
        ratio("EG-16", XA_B, Q4, 65, 100),
        ratio("EG-16", PHUONG_A, Q4, 90, 100),
        ratio("EG-16", PHUONG_B, Q4, 75, 100),
    ]
    r = run(plan, "EG-16", obs, Q4, by_unit=True)
    assert len(r.units) == 173
    head = [(u.code, u.actual, u.status, u.gap) for u in r.units[:4]]
    assert head == [
        (XA_A, 50.0, "not_met", 20.0),
        (XA_B, 65.0, "not_met", 5.0),
        (PHUONG_B, 75.0, "met", -5.0),
        (PHUONG_A, 90.0, "met", -20.0),
    ]
    rest = r.units[4:]
    assert all(u.status == "no_data" and u.actual is None for u in rest)
    assert [u.code for u in rest] == sorted(u.code for u in rest)
    for u in r.units:
        assert u.name == plan.reporting_units[u.code].name
    assert r.units[0].name == "Xã Nghĩa Dũng"
    assert r.units[0].period == "2023-Q4"
    # Totals are unchanged by --by-unit: (50 + 65 + 90 + 75) / 400 = 70 %.
    assert r.actual == pytest.approx(70.0)
    assert run(plan, "EG-16", obs, Q4).units == []


def test_by_unit_ranks_and_milestones(plan: Plan) -> None:
    r = run(plan, "DG-13", [value("DG-13", PROVINCE, Y2023, 38)], Q4, by_unit=True)
    assert [(u.code, u.actual, u.status, u.gap) for u in r.units] == [
        (PROVINCE, 38.0, "not_met", 6.0)
    ]
    m = run(plan, "EG-07", [milestone("EG-07", PROVINCE, Q2, True)], Q2, by_unit=True)
    assert [(u.code, u.actual, u.status, u.gap) for u in m.units] == [(PROVINCE, True, "met", None)]


# --- the whole report -------------------------------------------------------------------------


def test_compute_report_groups_by_target_and_counts(plan: Plan) -> None:
    obs = [
        ratio("EG-16", XA_A, Q1, 10, 100),
        ratio("EG-16", XA_B, Q1, 90, 100),
        value("DG-13", PROVINCE, Q4, 29),
        milestone("EG-07", PROVINCE, Q1, False),
    ]
    report = compute_report(plan, obs, Q2)
    assert len(report.targets) == 54
    assert report.rows_left_out == 0
    by_id = {r.id: r for r in report.targets}
    assert by_id["EG-16"].actual == 50.0
    assert by_id["EG-07"].status == "pending"
    assert by_id["DG-13"].status == "no_data"  # Q4 is after Q2
    counts = report.counts()
    assert sum(counts.values()) == 54
    assert counts["pending"] == 1
    # EG-16 at 50 % with one point → projection 50 < 70: off_track.
    assert counts["off_track"] == 1
    assert counts["no_data"] == 52
    assert report.areas == [
        "e-government",
        "digital-government",
        "digital-economy",
        "digital-society",
        "cybersecurity",
    ]
    only = compute_report(plan, obs, Q2, areas=["digital-government"])
    assert {r.target.area for r in only.targets} == {"digital-government"}
    assert len(only.targets) == 13
    assert only.areas == ["digital-government"]


def test_default_as_of(plan: Plan) -> None:
    obs = [
        value("DG-04", PROVINCE, Y2022, 72.5),
        ratio("EG-16", XA_A, Q1, 1, 2),
        ratio("EG-16", XA_A, Q2, 1, 2),
    ]
    assert default_as_of(plan, obs) == Q2
    # The shorter period on a tie: June rather than Q2.
    assert default_as_of(plan, [*obs, ratio("EG-01", PROVINCE, month(2023, 6), 1, 2)]) == month(
        2023, 6
    )
    assert default_as_of(plan, [*obs, value("DG-13", PROVINCE, Y2023, 29)]) == Y2023
    assert default_as_of(plan, obs[:1]) is None
    assert default_as_of(plan, []) is None


# --- a ratio's trend in one sweep, the same numbers as aggregating period by period -------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PERIODS = [month(2023, m) for m in range(1, 13)] + [quarter(2023, q) for q in range(1, 5)]
_ROW = st.tuples(
    st.sampled_from(["21010", "21013", "21016", "21019"]),
    st.sampled_from(_PERIODS),
    st.integers(0, 500),
    st.integers(0, 500),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ROW, max_size=25), st.sampled_from(["EG-16", "EG-04"]), st.booleans())
def test_a_ratio_trend_swept_once_equals_period_by_period(
    plan: Plan, rows: list[tuple[str, Period, int, int, bool]], tid: str, quarters: bool
) -> None:
    """``trend`` sums each period's figure in one pass over the observations sorted by date;
    for whole figures that is exactly what ``aggregate`` gives period by period, for both
    rules (latest, year to date with cumulative totals), ties kept in file order."""
    from qn_dx.compute.engine import _ratio_sweep, aggregate, trend_periods

    target = plan.target_by_id[tid]
    observations = [
        Observation(tid, u, p, float(min(n, d)), float(d), None, None, "", "t.csv", i + 2, c)
        for i, (u, p, n, d, c) in enumerate(rows)
    ]
    periods = trend_periods(quarter(2023, 4) if quarters else month(2023, 12))
    swept = _ratio_sweep(target, observations, periods)
    assert swept is not None
    slow = [aggregate(target, observations, p, gaps=False).actual for p in periods]
    assert swept == slow
