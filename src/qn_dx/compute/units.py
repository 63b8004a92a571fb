"""Units that change: figures re-aggregated onto the units that exist on a given day.

A unit that ceased (``valid_to``) hands its figures to its successors — all of them to the one
unit it merged into, or its share to each part of a split. A unit that did not exist yet on the
day (``valid_from``) gives its figures back to its one predecessor (the parts of a split add up
to the whole). Combining several units' figures for one period follows the measure: numerators
and denominators are re-summed (never percentages averaged), counts added, other values averaged
(weighted by share), a milestone done only if every unit is done. Every step is recorded, so
that ``explain`` can show it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..findings import Finding, msg
from ..ingest.periods import Period
from ..plan import Plan
from ..validate.model import Observation


def period_days(p: Period) -> tuple[dt.date, dt.date]:
    """The first and the last day of a period."""
    last = calendar.monthrange(p.year, p.end_month)[1]
    return dt.date(p.year, p.first_month, 1), dt.date(p.year, p.end_month, last)


@dataclass
class Remapped:
    observations: list[Observation]
    day: dt.date
    # original unit → [(unit it counts for on the day, share)]
    steps: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)
    # units that did not exist on the day but whose figures could not be placed elsewhere:
    # they still count (and are expected), never dropped
    kept: set[str] = field(default_factory=set)

    def present(self, plan: Plan) -> set[str]:
        """The reporting units that count on the day."""
        on_day = {c for c, u in plan.reporting_units.items() if u.exists_on(self.day)}
        return on_day | self.kept


def destinations(plan: Plan, code: str, day: dt.date) -> list[tuple[str, float]] | None:
    """The units ``code``'s figures count for on ``day``, with shares; None when they cannot be
    placed (a unit made by a merge, asked about a day before it existed)."""
    unit = plan.changing_units.get(code)
    if unit is None or unit.exists_on(day):
        return [(code, 1.0)]
    if unit.valid_to is not None and unit.valid_to < day:
        out: list[tuple[str, float]] = []
        for s in unit.successors:
            further = destinations(plan, s.code, day)
            if further is None:
                return None
            out += [(c, share * (s.share if s.share is not None else 1.0)) for c, share in further]
        return out or None
    before = plan.predecessors.get(code, [])
    if len(before) == 1:  # a part of a split: back to the whole it came from
        return destinations(plan, before[0], day)
    return None


def remap(plan: Plan, observations: list[Observation], day: dt.date) -> Remapped:
    """``observations`` with every unit's figures placed on the units that exist on ``day``."""
    result = Remapped([], day)
    if not plan.changing_units:
        result.observations = list(observations)
        return result
    groups: dict[tuple[str, str, Period, bool], list[tuple[Observation, float]]] = defaultdict(list)
    unplaced: dict[str, int] = defaultdict(int)  # unit → rows kept under it, unplaceable
    placed: dict[str, list[tuple[str, float]] | None] = {}
    for o in observations:
        if o.unit_code not in placed:
            placed[o.unit_code] = destinations(plan, o.unit_code, day)
        places = placed[o.unit_code]
        if places is None:
            unplaced[o.unit_code] += 1
            places = [(o.unit_code, 1.0)]
        for code, share in places:
            groups[(o.indicator_id, code, o.period, o.cumulative)].append((o, share))
    for (indicator, code, _period, _cumulative), parts in groups.items():
        target = plan.target_by_id.get(indicator)
        result.observations.append(_combine(parts, code, target.unit if target else None))
    result.observations.sort(key=lambda o: (o.file, o.line, o.unit_code))
    for code, rows in sorted(unplaced.items()):
        made_from = ", ".join(plan.predecessors.get(code, []))
        result.warnings.append(
            Finding(
                "unit-not-placed",
                msg("finding.unit-not-placed", unit=code, day=day.isoformat(), parts=made_from,
                    rows=rows),
                hint=msg("finding.unit-not-placed.hint"),
            )
        )  # fmt: skip
    result.kept = set(unplaced)
    # Only real moves are steps (what explain shows).
    result.steps = {u: p for u, p in placed.items() if p is not None and p != [(u, 1.0)]}
    return result


def _combine(parts: list[tuple[Observation, float]], code: str, unit: str | None) -> Observation:
    """One observation for ``code`` from the parts that count for it in one period."""
    first = min((o for o, _ in parts), key=lambda o: (o.file, o.line))
    if len(parts) == 1 and parts[0][1] == 1.0:
        return first if first.unit_code == code else replace(first, unit_code=code)

    def total(values: list[tuple[float | None, float]]) -> float | None:
        known = [(v, s) for v, s in values if v is not None]
        return sum(v * s for v, s in known) if known else None

    numerator = total([(o.numerator, s) for o, s in parts])
    denominator = total([(o.denominator, s) for o, s in parts])
    values = [(o.value, s) for o, s in parts if o.value is not None]
    if not values:
        value = None
    elif unit == "count":
        value = sum(v * s for v, s in values)
    else:  # a percentage or a rank of several units: their (share-weighted) mean
        weight = sum(s for _, s in values)
        value = sum(v * s for v, s in values) / weight if weight else None
    dones = [o.done for o, _ in parts if o.done is not None]
    done = all(dones) if dones else None
    return replace(
        first,
        unit_code=code,
        numerator=numerator,
        denominator=denominator,
        value=value,
        done=done,
        submitted=None,
    )
