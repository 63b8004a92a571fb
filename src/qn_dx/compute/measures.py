"""What each kind of measure means, in one place: how the units' figures combine into one, what a
result is before the goal is reached, how a unit's own figure is judged, and whether a baseline
applies. The engine asks the target's measure; a new kind of measure is one class here (and its
reading of a submitted row in ``validate.rows``, and its words in ``words``).

- ratio: 100 × Σnumerator / Σdenominator over units (never an average of percentages); a unit
  whose figures are all 0/0 contributes nothing and does not count as reported.
- value: one unit's figure; counts of several units are summed; percentages or ranks of several
  units are averaged (there is no meaningful sum), and the note says so.
- milestone: done when every unit says done; never a baseline; unfinished is "pending" before the
  year's last period and "not met" at it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..vocab import Measure, Status

if TYPE_CHECKING:
    from ..plan.models import Target
    from ..validate.model import Observation

# A note the computation writes for a person: a words key and its parameters (words.say).
Note = tuple[str, dict[str, Any]]
OVERFLOW: Note = ("note.overflow", {})


@dataclass
class Aggregate:
    actual: float | bool | None
    used: list[Observation]
    units_reported: int
    note: Note | None = None
    # year_to_date: units whose per-period figures leave periods of the year out, with the
    # periods missing — their sum is only part of their year so far
    gaps: list[tuple[str, list[str]]] = field(default_factory=list)
    # figures of units that merged or split, not counted (compute.units), with the reason
    set_aside: list[tuple[Observation, Any]] = field(default_factory=list)


def finite(x: float) -> float | None:
    """A figure that overflowed (inf, nan) is no figure: never a status, never invalid JSON."""
    return x if math.isfinite(x) else None


def percent_of(num: float, den: float) -> float | None:
    """100 × num / den, a ratio's figure: None for no denominator or a figure that overflows."""
    if not den:
        return None
    actual = 100 * num / den
    if not math.isfinite(actual):
        return finite(100 * (num / den))  # 100 × a huge numerator overflows first
    return actual


class MeasureKind:
    """The base: what every measure answers."""

    name: ClassVar[Measure]
    uses_baseline: ClassVar[bool] = True
    # numbers are compared with a goal; a milestone is done or not
    compared: ClassVar[bool] = True

    def combine(
        self, target: Target, chosen: dict[str, list[Observation]], used: list[Observation]
    ) -> Aggregate:
        raise NotImplementedError

    def unfinished(self, year_end: bool) -> Status:
        """The status of a result that has not reached its goal, when no projection applies."""
        return Status.not_met

    def unit_status(self, actual: float | bool, ok: bool) -> Status:
        return Status.met if ok else Status.not_met


class Ratio(MeasureKind):
    name = Measure.ratio

    def combine(
        self, target: Target, chosen: dict[str, list[Observation]], used: list[Observation]
    ) -> Aggregate:
        num = sum(o.numerator or 0 for o in used)
        den = sum(o.denominator or 0 for o in used)
        actual = percent_of(num, den)
        note = OVERFLOW if den and actual is None else None
        # A unit whose figures are all 0/0 reported nothing to count: it does not make coverage.
        contributing = sum(1 for os in chosen.values() if any(o.denominator for o in os))
        return Aggregate(actual, used, contributing, note)


class Value(MeasureKind):
    name = Measure.value

    def combine(
        self, target: Target, chosen: dict[str, list[Observation]], used: list[Observation]
    ) -> Aggregate:
        values = [o.value for o in used if o.value is not None]
        if len(chosen) == 1 or target.unit == "count":
            note: Note | None = (
                ("note.sum_of_units", {"n": len(chosen)}) if len(chosen) > 1 else None
            )
            total = finite(float(sum(values)))
            return Aggregate(total, used, len(chosen), note if total is not None else OVERFLOW)
        # Several units reporting a percent or a rank: there is no meaningful sum.
        mean = finite(sum(values) / len(values))
        note = ("note.mean_of_units", {"n": len(chosen)}) if mean is not None else OVERFLOW
        return Aggregate(mean, used, len(chosen), note)


class Milestone(MeasureKind):
    name = Measure.milestone
    uses_baseline = False
    compared = False

    def combine(
        self, target: Target, chosen: dict[str, list[Observation]], used: list[Observation]
    ) -> Aggregate:
        return Aggregate(all(o.done for o in used), used, len(chosen))

    def unfinished(self, year_end: bool) -> Status:
        return Status.not_met if year_end else Status.pending

    def unit_status(self, actual: float | bool, ok: bool) -> Status:
        return Status.met if actual is True else Status.not_met


MEASURES: dict[str, MeasureKind] = {m.name: m for m in (Ratio(), Value(), Milestone())}


def measure_of(target: Target) -> MeasureKind:
    return MEASURES[target.measure]
