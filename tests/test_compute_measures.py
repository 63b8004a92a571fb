"""qn_dx.compute.measures: one class per kind of measure — how units combine, what an
unfinished result is, whether a baseline applies."""

from __future__ import annotations

from typing import Any

import pytest

from qn_dx.compute.measures import MEASURES, measure_of
from qn_dx.ingest.periods import quarter
from qn_dx.plan import Plan
from qn_dx.validate.model import Observation
from qn_dx.vocab import Measure, Status
from qn_dx.words import has

Q2 = quarter(2023, 2)


def _obs(unit: str, **fig: Any) -> Observation:
    return Observation(
        "X", unit, Q2, fig.get("num"), fig.get("den"), fig.get("value"), fig.get("done"), "",
        "a.csv", 2,
    )  # fmt: skip


def _combine(plan: Plan, target_id: str, obs: list[Observation]) -> Any:
    target = plan.target_by_id[target_id]
    chosen: dict[str, list[Observation]] = {}
    for o in obs:
        chosen.setdefault(o.unit_code, []).append(o)
    return measure_of(target).combine(target, chosen, obs)


def test_every_measure_has_a_class_and_words() -> None:
    assert set(MEASURES) == set(Measure)
    assert all(has(f"measure.{m}") for m in Measure)


def test_ratio_is_a_ratio_of_sums_and_0_over_0_is_not_reported(plan: Plan) -> None:
    agg = _combine(
        plan, "EG-16", [_obs("a", num=1, den=4), _obs("b", num=9, den=16), _obs("c", num=0, den=0)]
    )
    assert agg.actual == pytest.approx(50.0)  # 10 / 20, not the mean of 25 % and 56.25 %
    assert agg.units_reported == 2


def test_counts_add_up_and_percentages_are_averaged(plan: Plan) -> None:
    counts = _combine(plan, "EG-09", [_obs("a", value=100), _obs("b", value=36)])
    assert (counts.actual, counts.note) == (136.0, ("note.sum_of_units", {"n": 2}))
    shares = _combine(plan, "DE-06", [_obs("a", value=10.0), _obs("b", value=14.0)])
    assert (shares.actual, shares.note) == (12.0, ("note.mean_of_units", {"n": 2}))
    huge = _combine(plan, "EG-09", [_obs("a", value=1e308), _obs("b", value=1e308)])
    assert (huge.actual, huge.note) == (None, ("note.overflow", {}))


def test_a_milestone_is_done_when_every_unit_says_so(plan: Plan) -> None:
    kind = measure_of(plan.target_by_id["EG-07"])
    assert kind.uses_baseline is False and kind.compared is False
    assert _combine(plan, "EG-07", [_obs("a", done=True), _obs("b", done=False)]).actual is False
    assert _combine(plan, "EG-07", [_obs("a", done=True), _obs("b", done=True)]).actual is True
    assert kind.unfinished(year_end=False) == Status.pending
    assert kind.unfinished(year_end=True) == Status.not_met
    assert MEASURES[Measure.ratio].unfinished(year_end=False) == Status.not_met
