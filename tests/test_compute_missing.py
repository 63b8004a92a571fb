"""Who still owes data at P, computed directly from Observation objects; expectations by hand.

Reporting units of the shipped plan: the province (51), 20 department-level agencies, 13
districts, 173 communes (148 xã, 17 phường, 8 thị trấn). Expected (target, unit) pairs per area:
- e-government: EG-01..03, EG-06..10, EG-12, EG-13, EG-19, EG-20 are province-wide (12 × 1);
  EG-04 phường + thị trấn (25); EG-05 xã and Lý Sơn (148 + 1); EG-11 its two leads' parts (SYT,
  SGDDT: 2); EG-14, EG-15, EG-17 departments + districts (3 × 33); EG-16, EG-18 communes (2 × 173)
  → 12 + 25 + 149 + 2 + 99 + 346 = 633;
- digital-government: DG-01..11, DG-13 province-wide (12) + DG-12 departments + districts (33) = 45;
- digital-economy 7, digital-society 8 (all province-wide); cybersecurity CS-01..04 and CS-06
  province-wide (5) + CS-05 its two leads' parts (SGDDT, SLDTBXH: 2) = 7;
- in all 633 + 45 + 7 + 8 + 7 = 700.
"""

from __future__ import annotations

import pytest

from qn_dx.compute.missing import Rate, compute_missing, responsible_for
from qn_dx.compute.tasks import task_states
from qn_dx.ingest.periods import parse_period
from qn_dx.plan import Plan
from qn_dx.validate.model import Observation, TaskReport

XA_A, XA_B = "21034", "21037"  # Xã Nghĩa Dũng, Xã Nghĩa Dõng
PHUONG = "21010"  # Phường Lê Hồng Phong


def _p(label: str):  # type: ignore[no-untyped-def]
    period = parse_period(label)
    assert period is not None
    return period


def obs(indicator: str, unit: str, period: str, num: float = 1, den: float = 2) -> Observation:
    return Observation(indicator, unit, _p(period), num, den, None, None, "", "a.csv", 2)


def _gap(m, target_id: str):  # type: ignore[no-untyped-def]
    (g,) = [g for g in m.targets if g.target.id == target_id]
    return g


# EG-16 from two communes in Q1; EG-01 from the province; EG-04 from one phường; EG-15 from Sở Y
# tế; and a third commune for EG-16 in Q2, which must not count at Q1.
Q1_DATA = [
    obs("EG-16", XA_A, "2023-Q1", 3, 10),
    obs("EG-16", XA_B, "2023-Q1", 5, 10),
    obs("EG-01", "51", "2023-Q1", 60, 100),
    obs("EG-04", PHUONG, "2023-Q1", 6, 10),
    obs("EG-15", "SYT", "2023-Q1", 9, 10),
    obs("EG-16", "21040", "2023-Q2", 1, 2),
]


def test_eg16_two_communes_at_q1(plan: Plan) -> None:
    m = compute_missing(plan, Q1_DATA, _p("2023-Q1"))
    g = _gap(m, "EG-16")
    assert (g.rate.reported, g.rate.expected) == (2, 173)
    assert len(g.missing) == 171
    assert XA_A not in g.missing and XA_B not in g.missing
    assert "21040" in g.missing  # its report is for Q2
    assert g.rate.percent == pytest.approx(200 / 173)
    assert round(g.rate.percent, 3) == 1.156


def test_eg16_at_q2_counts_the_q2_report_and_keeps_q1(plan: Plan) -> None:
    # year_to_date: a Q1 figure still counts at Q2.
    g = _gap(compute_missing(plan, Q1_DATA, _p("2023-Q2")), "EG-16")
    assert (g.rate.reported, g.rate.expected) == (3, 173)
    assert len(g.missing) == 170


def test_baseline_year_figures_do_not_count(plan: Plan) -> None:
    m = compute_missing(plan, [obs("EG-03", "51", "2022")], _p("2023-Q4"))
    g = _gap(m, "EG-03")
    assert (g.rate.reported, g.rate.expected, g.missing) == (0, 1, ["51"])


def test_province_target_is_owed_by_its_lead(plan: Plan) -> None:
    m = compute_missing(plan, Q1_DATA, _p("2023-Q1"))
    g = _gap(m, "EG-03")
    assert g.missing == ["51"]
    assert g.responsible == {"STTTT": ["51"]}
    assert ("EG-03", "51") in m.owed["STTTT"]
    assert responsible_for(plan, plan.target_by_id["EG-03"], "51") == ["STTTT"]
    # DS-05 is led by Sở Y tế
    assert _gap(m, "DS-05").responsible == {"SYT": ["51"]}


def test_reported_province_target_owes_nothing(plan: Plan) -> None:
    g = _gap(compute_missing(plan, Q1_DATA, _p("2023-Q1")), "EG-01")
    assert (g.rate.reported, g.rate.expected, g.missing, g.responsible) == (1, 1, [], {})


def test_a_commune_owes_its_own_figures(plan: Plan) -> None:
    m = compute_missing(plan, Q1_DATA, _p("2023-Q1"))
    # 21034 is a xã: it reports EG-05 (xã), EG-16 and EG-18 (communes); EG-16 is in.
    assert m.owed[XA_A] == [("EG-05", XA_A), ("EG-18", XA_A)]
    assert (m.agencies[XA_A].reported, m.agencies[XA_A].expected) == (1, 3)
    assert _gap(m, "EG-05").responsible[XA_A] == [XA_A]
    assert responsible_for(plan, plan.target_by_id["EG-16"], XA_A) == [XA_A]
    # A phường reports EG-04 (phường + thị trấn), EG-16 and EG-18.
    assert m.owed[PHUONG] == [("EG-16", PHUONG), ("EG-18", PHUONG)]
    assert (m.agencies[PHUONG].reported, m.agencies[PHUONG].expected) == (1, 3)


def test_a_department_owes_its_own_department_figures(plan: Plan) -> None:
    m = compute_missing(plan, Q1_DATA, _p("2023-Q1"))
    assert _gap(m, "EG-15").responsible["STTTT"] == ["STTTT"]
    assert _gap(m, "EG-15").rate.expected == 33  # 20 departments + 13 districts


def test_per_area_rates(plan: Plan) -> None:
    m = compute_missing(plan, Q1_DATA, _p("2023-Q1"))
    rates = {a: (r.reported, r.expected) for a, r in m.areas.items()}
    # At Q1: EG-16 ×2, EG-01, EG-04, EG-15 → 5 e-government pairs reported.
    assert rates == {
        "e-government": (5, 633),
        "digital-government": (0, 45),
        "digital-economy": (0, 7),
        "digital-society": (0, 8),
        "cybersecurity": (0, 7),
    }
    assert m.areas["e-government"].percent == pytest.approx(500 / 633)
    assert (m.overall.reported, m.overall.expected) == (5, 700)
    assert m.overall.percent == pytest.approx(500 / 700)


def test_area_rate_is_pooled_not_averaged(plan: Plan) -> None:
    """Σreported / Σexpected over the area's targets, not the mean of the targets' rates."""
    m = compute_missing(plan, Q1_DATA, _p("2023-Q1"))
    eg = [g for g in m.targets if g.target.area == "e-government"]
    assert sum(g.rate.reported for g in eg) == m.areas["e-government"].reported == 5
    assert sum(g.rate.expected for g in eg) == m.areas["e-government"].expected == 633
    mean = sum(g.rate.percent or 0 for g in eg) / len(eg)
    assert mean != pytest.approx(m.areas["e-government"].percent)


def test_per_agency_rates(plan: Plan) -> None:
    m = compute_missing(plan, Q1_DATA, _p("2023-Q1"))
    # Sở Y tế: leads DS-05 (province-wide), its own part of EG-11, and its own EG-14, EG-15,
    # EG-17, DG-12 → 6.
    assert (m.agencies["SYT"].reported, m.agencies["SYT"].expected) == (1, 6)
    assert m.agencies["SYT"].percent == pytest.approx(100 / 6)
    # Văn phòng UBND tỉnh: leads EG-01 (with Sở TT&TT), EG-02, EG-19, DG-01; its own EG-14,
    # EG-15, EG-17, DG-12 → 8; EG-01 is in.
    assert (m.agencies["VPUBND"].reported, m.agencies["VPUBND"].expected) == (1, 8)
    # Sở TT&TT: owes 27 province-wide figures (EG-01 with VPUBND, EG-03, 06, 07, 08, 10, 20;
    # DG-03..07, 11, 13; DE-02 (its co-leads are groups), DE-04, 05, 07; DS-03, 04, 06, 08;
    # CS-01..04, 06) and its own EG-14, EG-15, EG-17, DG-12 → 31; EG-01 is in.
    assert (m.agencies["STTTT"].reported, m.agencies["STTTT"].expected) == (1, 31)
    assert len(m.owed["STTTT"]) == 30


def test_every_pair_is_counted_once_per_responsible(plan: Plan) -> None:
    """A figure owed jointly by several leads counts once for each of them (EG-01: VPUBND and
    STTTT; EG-09, EG-13: the departments and the districts; DG-08: the departments, districts
    and communes); every other pair once."""
    m = compute_missing(plan, Q1_DATA, _p("2023-Q1"))
    joint_extra = 1 + 1 + 1 + 2
    assert sum(r.expected for r in m.agencies.values()) == 700 + joint_extra
    assert sum(r.reported for r in m.agencies.values()) == 5 + 1  # EG-01 is in, for both
    assert sum(len(v) for v in m.owed.values()) == 700 + joint_extra - 6


def test_areas_argument_limits_the_targets(plan: Plan) -> None:
    m = compute_missing(plan, Q1_DATA, _p("2023-Q1"), areas=["cybersecurity"])
    assert [g.target.id for g in m.targets] == [f"CS-0{i}" for i in range(1, 7)]
    assert {a: (r.reported, r.expected) for a, r in m.areas.items()} == {"cybersecurity": (0, 7)}


def test_missing_units_in_vietnamese_name_order(plan: Plan) -> None:
    g = _gap(compute_missing(plan, [], _p("2023-Q1")), "EG-05")
    names = [plan.reporting_units[c].name for c in g.missing]
    # Xã Bình … < Xã Đức … < Xã Hành … (by code point Đ would come after H)
    first_binh = names.index("Xã Bình An")
    first_duc = names.index("Xã Đức Chánh")
    first_hanh = names.index("Xã Hành Dũng")
    assert first_binh < first_duc < first_hanh


def _tr(task_id: str, period: str, status: str) -> TaskReport:
    return TaskReport(task_id, _p(period), status, None, "", "t.csv", 2)


def test_tasks_without_progress_listed_under_the_lead(plan: Plan) -> None:
    reports = [
        _tr("NV-2.1", "2023-Q1", "delayed"),  # lead STTTT
        _tr("NV-2.2", "2023-Q2", "in_progress"),  # lead STTTT
        _tr("NV-1.2", "2023-Q1", "in_progress"),  # lead SO_BAN_NGANH, UBND_HUYEN
    ]
    at_q1 = compute_missing(plan, [], _p("2023-Q1"), task_states(plan, reports, _p("2023-Q1")))
    assert "NV-2.1" not in at_q1.tasks_unreported["STTTT"]
    assert "NV-2.2" in at_q1.tasks_unreported["STTTT"]  # its report is for Q2
    assert "NV-1.2" not in at_q1.tasks_unreported["SO_BAN_NGANH"]

    at_q2 = compute_missing(plan, [], _p("2023-Q2"), task_states(plan, reports, _p("2023-Q2")))
    # A Q1 report is not progress for Q2.
    assert "NV-2.1" in at_q2.tasks_unreported["STTTT"]
    assert "NV-2.2" not in at_q2.tasks_unreported["STTTT"]
    # Sở TT&TT leads 40 tasks; at Q2 it reported one (NV-2.2).
    assert len(at_q2.tasks_unreported["STTTT"]) == 39
    # A task with two leads is listed under both.
    assert "NV-1.2" in at_q2.tasks_unreported["SO_BAN_NGANH"]
    assert "NV-1.2" in at_q2.tasks_unreported["UBND_HUYEN"]


def test_no_task_states_no_task_list(plan: Plan) -> None:
    assert compute_missing(plan, [], _p("2023-Q1")).tasks_unreported == {}


def test_rate_without_expected_has_no_percent() -> None:
    assert Rate(0, 0).percent is None
    r = Rate()
    r.add(2, 173)
    assert (r.reported, r.expected) == (2, 173)


# --- issue 14: several leads, each lead's part ---------------------------------------------------


def test_each_lead_owes_its_own_part(plan: Plan) -> None:
    """EG-11 (health records, pupil data) and CS-05 (schools, child-care facilities): each lead
    reports its part under its own code; the missing one is owed by itself."""
    m = compute_missing(plan, [obs("EG-11", "SYT", "2023-Q1")], _p("2023-Q1"))
    g = _gap(m, "EG-11")
    assert (g.rate.reported, g.rate.expected, g.missing) == (1, 2, ["SGDDT"])
    assert g.responsible == {"SGDDT": ["SGDDT"]}
    assert ("EG-11", "SGDDT") in m.owed["SGDDT"] and ("EG-11", "SYT") not in m.owed.get("SYT", [])
    cs05 = _gap(m, "CS-05")
    assert cs05.responsible == {"SGDDT": ["SGDDT"], "SLDTBXH": ["SLDTBXH"]}


def test_a_co_led_province_figure_is_owed_by_each_lead_until_it_arrives(plan: Plan) -> None:
    m = compute_missing(plan, [], _p("2023-Q1"))
    assert _gap(m, "EG-01").responsible == {"VPUBND": ["51"], "STTTT": ["51"]}
    assert _gap(m, "EG-01").rate.expected == 1  # one figure, not two
    assert responsible_for(plan, plan.target_by_id["EG-01"], "51") == ["VPUBND", "STTTT"]
    done = compute_missing(plan, [obs("EG-01", "51", "2023-Q1")], _p("2023-Q1"))
    assert _gap(done, "EG-01").responsible == {}


def test_group_leads_owe_only_when_no_agency_leads(plan: Plan) -> None:
    # DE-02: led by Sở TT&TT with two groups: the agency owes the province's figure.
    assert responsible_for(plan, plan.target_by_id["DE-02"], "51") == ["STTTT"]
    # EG-09: led by two groups only (row 4.3): the groups owe it.
    assert responsible_for(plan, plan.target_by_id["EG-09"], "51") == ["SO_BAN_NGANH", "UBND_HUYEN"]


def test_ly_son_owes_its_own_eg05(plan: Plan) -> None:
    m = compute_missing(plan, [], _p("2023-Q4"))
    g = _gap(m, "EG-05")
    assert g.rate.expected == 149 and "536" in g.missing
    assert ("EG-05", "536") in m.owed["536"]


def test_owed_by_holds_each_leads_part_and_the_province_figures_it_owes(plan: Plan) -> None:
    from qn_dx.compute.missing import owed_by

    syt = {(t.id, u) for t, u in owed_by(plan, "SYT")}
    assert ("EG-11", "SYT") in syt and ("DS-05", "51") in syt and ("EG-14", "SYT") in syt
    stttt = {(t.id, u) for t, u in owed_by(plan, "STTTT")}
    assert ("EG-01", "51") in stttt and ("DE-02", "51") in stttt and ("EG-14", "STTTT") in stttt
    assert ("EG-09", "51") not in stttt  # a coordinator of row 4.3 only
    assert owed_by(plan, "51") == []  # the province never owes its own figures
    assert {t.id for t, _u in owed_by(plan, "536")} == {"EG-05", "EG-14", "EG-15", "EG-17", "DG-12"}
