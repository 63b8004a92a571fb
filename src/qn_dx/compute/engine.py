"""How an indicator is computed as of a period P (see the README, "How an indicator is computed").

- Only units inside the target's scope count.
- ``latest``: each unit's most recent observation at or before P within the plan year (carried
  forward); ``year_to_date``: each unit's numerator and denominator summed over the plan year's
  periods at or before P — or, for a unit that sends cumulative (lũy kế) figures, its latest
  cumulative observation, which already stands for the year so far. An observation is dated at its
  period's end, so an annual one counts only when P is the year's last period.
- Coverage = units reported ÷ units expected; below the plan's ``min_coverage`` (or the target's)
  a result is provisional: "met" from 2 communes of a hundred and more is not "met".
- ratio = 100 × Σnumerator / Σdenominator over units (never an average of percentages); value = the
  unit's figure (counts of several units are summed); milestone = done when every unit says done.
- Status: met; before the year's last period on_track / off_track by a least-squares projection to
  the year's end, pending for an unfinished milestone; at the year's last period not_met; no_data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..findings import Finding, figure, joined, msg, period_words
from ..ingest.periods import Period, month, quarter, whole_year
from ..plan import Plan
from ..plan.registry import scope_codes
from ..validate.model import Observation
from ..vocab import Status
from .measures import Aggregate, Note, finite, measure_of, percent_of
from .units import Placed, combine, period_days, sender

if TYPE_CHECKING:
    from ..plan.models import Target

STATUSES = tuple(Status)  # in report order


@dataclass
class UnitResult:
    code: str
    name: str
    actual: float | bool | None
    status: str  # met | not_met | no_data
    gap: float | None
    period: str | None  # the period of its (latest) observation


@dataclass
class TargetResult:
    target: Target
    actual: float | bool | None
    target_value: float | None
    gap: float | None
    status: str
    baseline: float | None
    baseline_source: str | None  # "actuals" | "plan" | None
    baseline_used: list[Observation]
    units_reported: int
    units_expected: int
    used: list[Observation]
    projection: float | None
    projection_points: list[tuple[str, float]]
    # the aggregated value at every period of the year up to P (quarters, or months for a
    # monthly P): what the trend shows; None where nothing counted yet
    series: list[tuple[Period, float | bool | None]] = field(default_factory=list)
    note: Note | None = None
    units: list[UnitResult] = field(default_factory=list)
    min_coverage: float = 0.8
    gaps: list[tuple[str, list[str]]] = field(default_factory=list)  # see Aggregate.gaps
    # The goal under the target's other reading (``other_reading``), when it has one.
    other_target_value: float | None = None
    # Baseline-year figures that were not used because they stop short of the year's end
    baseline_gaps: list[tuple[str, str]] = field(default_factory=list)
    # Figures of units that merged or split, not counted at P, and why (see compute.units)
    set_aside: list[tuple[Observation, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.target.id

    @property
    def coverage(self) -> float:
        """Units reported ÷ units expected, 0–1."""
        return self.units_reported / self.units_expected if self.units_expected else 0.0

    @property
    def provisional(self) -> bool:
        """Too few of the expected units reported for the status to be final."""
        return self.coverage < self.min_coverage


@dataclass
class Report:
    plan: Plan
    as_of: Period
    targets: list[TargetResult]
    rows_left_out: int = 0
    left_out_from: list[tuple[str, int]] = field(default_factory=list)  # (unit or file, rows)
    files_left_out: list[tuple[str, str]] = field(default_factory=list)  # (file, error code)
    compare: Report | None = None  # another period's report, beside this one (--compare)
    on_units: dt.date | None = None  # the day whose units the figures were placed on
    mapping: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # unit → places

    def by_id(self) -> dict[str, TargetResult]:
        found = self.__dict__.get("_by_id")
        if found is None or len(found) != len(self.targets):
            found = self.__dict__["_by_id"] = {r.id: r for r in self.targets}
        return found

    warnings: list[Any] = field(default_factory=list)  # findings about the run (its P)

    def counts(self, area: str | None = None) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for r in self.targets:
            if area is None or r.target.area == area:
                counts[r.status] += 1
        return counts

    def provisional_counts(self, area: str | None = None) -> dict[str, int]:
        """Of each status, how many results are provisional (too few units reported). A target
        with no data is counted as no data, not as a provisional result."""
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for r in self.targets:
            if (area is None or r.target.area == area) and r.provisional and r.status != "no_data":
                counts[r.status] += 1
        return counts

    @property
    def areas(self) -> list[str]:
        present = {r.target.area for r in self.targets}
        return [a.id for a in self.plan.areas if a.id in present]


def default_as_of(plan: Plan, observations: Iterable[Observation]) -> Period | None:
    """The latest plan-year period present in the actuals (the shorter one on a tie)."""
    year = plan.plan_year
    # periods are shared objects: collected by identity first (a million rows hold a dozen)
    periods = {p for p in {id(o.period): o.period for o in observations}.values() if p.year == year}
    if not periods:
        return None
    return max(periods, key=lambda p: (p.end_month_index, -p.span))


def is_year_end(p: Period) -> bool:
    return p.end_month == 12


@dataclass
class SparseLatest:
    """The default P holds far fewer rows than the period before it: perhaps one typo row."""

    period: Period
    rows: list[Observation]
    previous: Period
    previous_rows: int


def sparse_latest(plan: Plan, observations: Iterable[Observation]) -> SparseLatest | None:
    """When the latest plan-year period holds fewer than a tenth of the observations of the
    period before it (the latest earlier period with data), say so: a single row dated in Q4
    among Q2 submissions would otherwise move every status to year-end."""
    year = plan.plan_year
    observations = list(observations)
    counts: Counter[int] = Counter(id(o.period) for o in observations)
    objects = {id(o.period): o.period for o in observations}
    by_period: Counter[Period] = Counter()
    for key, n in counts.items():  # periods that are equal but not the same object: added
        if objects[key].year == year:
            by_period[objects[key]] += n
    if len(by_period) < 2:
        return None
    ordered = sorted(by_period, key=lambda p: (p.end_month_index, -p.span))
    latest, previous = ordered[-1], ordered[-2]
    if by_period[latest] * 10 < by_period[previous]:
        rows = [o for o in observations if o.period == latest]
        return SparseLatest(latest, rows, previous, by_period[previous])
    return None


def compute_report(
    plan: Plan,
    observations: Sequence[Observation],
    as_of: Period,
    areas: Sequence[str] | None = None,
    by_unit: bool = False,
    on_units: dt.date | None = None,
) -> Report:
    """Every target as of ``as_of``. When the plan's units change (merges, splits), figures are
    placed on the units that exist on ``on_units`` (default: P's last day) first: those are
    the units expected, and the ones whose figures count (see ``compute.units``)."""
    from .units import Remapped, remap

    day = None
    placed: Remapped | None = None
    mapping: dict[str, list[tuple[str, float]]] = {}
    warnings: list[Finding] = []
    if plan.changing_units or on_units is not None:
        day = on_units or period_days(as_of)[1]
        placed = remap(plan, list(observations), day)
        observations, mapping, warnings = placed.observations, placed.steps, placed.warnings
    by_target: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        by_target[o.indicator_id].append(o)
    results = [
        compute_target(
            plan,
            t,
            by_target.get(t.id, []),
            as_of,
            by_unit,
            placed.present(plan, t.id) if placed is not None else None,
        )
        for t in plan.targets
        if not areas or t.area in areas
    ]
    if areas and placed is not None:  # say only what concerns the targets shown
        shown = {t.id for t in plan.targets if t.area in areas}
        warnings = [w for w in warnings if _concerns(w, shown)]
    warnings += [gaps_finding(r) for r in results if r.gaps]
    warnings += [short_baseline_finding(plan, r) for r in results if r.baseline_gaps]
    return Report(plan, as_of, results, warnings=warnings, on_units=day, mapping=mapping)


def _concerns(w: Finding, targets: set[str]) -> bool:
    """A finding about one target (its message names it first) concerns ``targets``."""
    target = getattr(w.message, "params", {}).get("target")
    return target is None or target in targets


def short_baseline_finding(plan: Plan, r: TargetResult) -> Finding:
    used = (
        msg("finding.partial-baseline.plan", baseline=figure(f"{r.baseline:g}"))
        if r.baseline_source == "plan" and r.baseline is not None
        else msg("finding.partial-baseline.none")
    )
    return Finding(
        "partial-baseline",
        msg(
            "finding.partial-baseline",
            id=r.id,
            year=plan.baseline_year,
            units=_units_shown(r.baseline_gaps),
            used=used,
        ),
        hint=msg("finding.partial-baseline.hint", year=plan.baseline_year),
    )


def _units_shown(gaps: Sequence[tuple[str, Any]], total: int | None = None) -> str:
    """``51 (2023-Q1, 2023-Q2); 522 (…); +3 more``: at most five units (of ``total``), each
    with its periods (labels, or labels joined by ", ") said in each language."""
    total = len(gaps) if total is None else total
    parts: list[str] = [
        msg("words.unit-gap", unit=u, what=periods_said(what)) for u, what in gaps[:5]
    ]
    if total > 5:
        parts.append(msg("more", n=total - 5))
    return joined(parts, "; ")


def periods_said(labels: Sequence[str] | str) -> str:
    """Period labels (``2023-Q4``, or several joined by ", ") as each language says them
    (``Quý IV/2023``)."""
    from ..ingest.periods import parse_period

    if isinstance(labels, str):
        labels = labels.split(", ")
    periods = [parse_period(label) for label in labels]
    return joined(period_words(p) if p else label for p, label in zip(periods, labels))


def gaps_finding(r: TargetResult) -> Finding:
    """A year-to-date sum that leaves earlier periods out for some units: said, never hidden."""
    shown = _units_shown([(unit, periods) for unit, periods in r.gaps[:5]], len(r.gaps))
    return Finding(
        "year-to-date-gaps",
        msg("finding.year-to-date-gaps", id=r.id, n=len(r.gaps), units=shown),
        hint=msg("finding.year-to-date-gaps.hint"),
    )


def compute_target(
    plan: Plan,
    target: Target,
    observations: list[Observation],
    as_of: Period,
    by_unit: bool,
    present: set[str] | None = None,
) -> TargetResult:
    """One target as of ``as_of``; ``present``: the units that count (units that change: those
    that exist on the day the figures were placed on), else all of the registry."""
    units = plan.reporting_units
    codes = scope_codes(plan, target.scope)
    if present is not None:
        codes = tuple(c for c in codes if c in present)
    scoped_units = [units[c] for c in codes]
    scoped_codes = set(codes)
    obs = [o for o in observations if o.unit_code in scoped_codes]
    year = plan.plan_year
    current = [o for o in obs if o.period.year == year]
    agg = aggregate(target, current, as_of)
    if agg.gaps and plan.changing_units:
        agg.gaps = _owed_gaps(plan, agg.gaps)
    kind = measure_of(target)
    series = trend(target, current, as_of, agg)

    baseline, baseline_source, baseline_used = _baseline(plan, target, obs)
    short_baseline = baseline_gaps(plan, target, obs) if baseline_source != "actuals" else []
    target_value = _target_value(target, baseline)
    needs_baseline = target.relative
    projection, points = None, []
    note = agg.note
    if agg.gaps:
        note = ("note.year_to_date_gaps", {"n": len(agg.gaps)})
    if agg.actual is None or (needs_baseline and baseline is None):
        status, gap = "no_data", None
        if agg.actual is not None:
            note = ("note.no_baseline", {"year": plan.baseline_year})
    elif not kind.compared:  # a milestone: done, or not yet
        gap = None
        status = Status.met if agg.actual is True else kind.unfinished(is_year_end(as_of))
    else:
        actual = float(agg.actual)
        gap = _gap(target, actual, target_value)
        if meets(target, actual, target_value):
            status = "met"
        elif is_year_end(as_of):
            status = "not_met"
        else:
            numeric = [(p, v) for p, v in series if isinstance(v, float)]
            projection = _project(numeric)
            points = [(p.label, v) for p, v in numeric]
            reaches = projection is not None and meets(target, projection, target_value)
            status = "on_track" if reaches else "off_track"
    other_goal = (
        _finite(target.other_reading.goal(baseline))
        if target.other_reading is not None and baseline is not None
        else None
    )
    result = TargetResult(
        target=target,
        actual=agg.actual,
        target_value=target_value,
        gap=gap,
        status=status,
        baseline=baseline,
        baseline_source=baseline_source,
        baseline_used=baseline_used,
        units_reported=agg.units_reported,
        units_expected=len(scoped_units),
        used=agg.used,
        projection=projection,
        projection_points=points,
        series=series,
        note=note,
        min_coverage=(
            target.min_coverage if target.min_coverage is not None else plan.info.min_coverage
        ),
        gaps=agg.gaps,
        other_target_value=other_goal,
        baseline_gaps=short_baseline,
        set_aside=agg.set_aside,
    )
    if by_unit:
        result.units = _by_unit(target, scoped_units, current, as_of, target_value)
    return result


def counting(observations: Iterable[Observation], as_of: Period) -> list[Observation]:
    """Observations dated at or before P (an observation is dated at its period's end)."""
    return [o for o in observations if o.period.end_month_index <= as_of.end_month_index]


def aggregate(
    target: Target, observations: list[Observation], as_of: Period, gaps: bool = True
) -> Aggregate:
    """The target's figure as of ``as_of``; with ``gaps``, the units whose year-to-date sum
    leaves periods out (a trend's earlier points need the figure only)."""
    agg = _aggregate(target, observations, as_of)
    if gaps and target.period_rule == "year_to_date":
        per_unit: dict[str, list[Observation]] = defaultdict(list)
        for o in agg.used:
            per_unit[o.unit_code].append(o)
        for u, os in sorted(per_unit.items()):
            missing = _missing_periods(os, as_of)
            if missing:
                agg.gaps.append((u, missing))
    return agg


def _owed_gaps(plan: Plan, gaps: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Units that merged or split owe no period they did not exist in: one that ended, none
    after its end; one made later from no other unit, none before its start (a unit made by a
    merge still owes its former units' periods: theirs are its year too)."""
    from ..ingest.periods import parse_period

    out = []
    for code, periods in gaps:
        unit = plan.changing_units.get(code)
        if unit is not None:
            owed = []
            for label in periods:
                p = parse_period(label)
                if p is None:
                    owed.append(label)
                    continue
                first, last = period_days(p)
                ended = unit.valid_to is not None and unit.valid_to < first
                later = unit.valid_from is not None and last < unit.valid_from
                if not ended and not (later and code not in plan.predecessors):
                    owed.append(label)
            periods = owed
        if periods:
            out.append((code, periods))
    return out


def _missing_periods(os: list[Observation], as_of: Period) -> list[str]:
    """The periods of the year up to ``as_of`` that a unit's per-period figures leave out:
    whole quarters as quarters, the rest as months (none for a cumulative figure; a unit made
    by a merge, whose former units' cumulative figures cover the year up to their end, is
    held to the rest)."""
    if all(o.cumulative for o in os):
        return []
    covered = 0
    for o in os:
        covered |= (1 << o.period.end_month) - 1 if o.cumulative else o.period.months_mask
    needed = (1 << as_of.end_month) - 1
    if covered & needed == needed:  # the common case: nothing left out
        return []
    missing = []
    for q in range(1, (as_of.end_month + 2) // 3 + 1):
        months = [m for m in range(3 * q - 2, 3 * q + 1) if m <= as_of.end_month]
        absent = [m for m in months if not covered & (1 << (m - 1))]
        if len(absent) == 3:
            missing.append(quarter(as_of.year, q).label)
        else:
            missing += [month(as_of.year, m).label for m in absent]
    return missing


def _aggregate(target: Target, observations: list[Observation], as_of: Period) -> Aggregate:
    counted = counting(observations, as_of)
    per_unit: dict[str, list[Observation]] = defaultdict(list)
    placed: set[str] = set()  # units holding figures of units that merged or split
    for o in counted:
        per_unit[o.unit_code].append(o)
        if isinstance(o, Placed):
            placed.add(o.unit_code)
    if not per_unit:
        return Aggregate(None, [], 0)
    chosen: dict[str, list[Observation]] = {}
    set_aside: list[tuple[Observation, Any]] = []
    for u, os in per_unit.items():
        if u in placed:
            chosen[u], aside = _settle(target, u, os)
            set_aside += aside
        elif target.period_rule == "latest":
            chosen[u] = [max(os, key=_recency)]
        else:
            chosen[u] = _year_so_far(os)
    # in _order: by unit, then each unit's own few observations (the same order as sorting
    # them all, for a fraction of the cost at national size)
    used = [
        o
        for u in sorted(chosen)
        for o in (sorted(chosen[u], key=_order) if len(chosen[u]) > 1 else chosen[u])
    ]
    agg = measure_of(target).combine(target, chosen, used)
    agg.set_aside = set_aside
    return agg


def _settle(
    target: Target, code: str, os: list[Observation]
) -> tuple[list[Observation], list[tuple[Observation, Any]]]:
    """The figures that count for a unit of the day made from several units (a merge, a split):
    each sender's figures chosen by the rule on their own, then combined (``compute.units``).
    ``latest``: each sender's latest figure, carried forward — unless a unit that took over
    from it has a figure dated after it ended, which is the whole unit's; ``year_to_date``:
    each sender's year so far (its latest cumulative figure, or its per-period ones), added up
    period by period. Also returns the figures set aside, with the reason."""
    by_sender: dict[str, list[Observation]] = defaultdict(list)
    for o in os:
        by_sender[sender(o)].append(o)
    aside: list[tuple[Observation, Any]] = []
    if target.period_rule == "latest":
        keep: list[Observation] = []
        for u, mine in sorted(by_sender.items()):
            latest = max(mine, key=_recency)
            ended = latest.ended if isinstance(latest, Placed) else None
            after = None
            if ended is not None and isinstance(latest, Placed):
                after = max(
                    (
                        x
                        for v in sorted(latest.later)
                        for x in by_sender.get(v, [])
                        if period_days(x.period)[1] > ended
                    ),
                    key=_recency,
                    default=None,
                )
            if after is None:
                keep.append(latest)
            else:
                reason = msg(
                    "reason.successor-later",
                    period=period_words(after.period),
                    successor=sender(after),
                    unit=u,
                )
                aside.append((latest, reason))
        if not keep:  # only with a cycle in units.yaml (refused by check): the latest figure
            keep = [max((o for o, _ in aside), key=_recency)]
            aside = [(o, r) for o, r in aside if o is not keep[0]]
        return [combine(keep, code, target.unit)], aside
    by_period: dict[tuple[Period, bool], list[Observation]] = defaultdict(list)
    for _u, mine in sorted(by_sender.items()):
        for o in _year_so_far(mine):
            by_period[(o.period, o.cumulative)].append(o)
    ordered = sorted(
        by_period.items(), key=lambda kv: (kv[0][0].end_month_index, -kv[0][0].span, kv[0][1])
    )
    return [combine(parts, code, target.unit) for _key, parts in ordered], aside


_finite = finite


def _year_so_far(os: list[Observation]) -> list[Observation]:
    """A unit's observations that add up to its year so far: all of its per-period figures, or
    its latest cumulative (lũy kế) one, which already is the sum (never Q1 + the Q2 total)."""
    cumulative = [o for o in os if o.cumulative]
    return [max(cumulative, key=_recency)] if cumulative else os


def _recency(o: Observation) -> tuple[int, int]:
    return (o.period.end_month_index, -o.period.span)


def _order(o: Observation) -> tuple[str, int, str, int]:
    return (o.unit_code, o.period.end_month_index, o.file, o.line)


def _baseline(
    plan: Plan, target: Target, obs: list[Observation]
) -> tuple[float | None, str | None, list[Observation]]:
    if not measure_of(target).uses_baseline:
        return None, None, []
    base = plan.baseline_year
    past = [o for o in obs if o.period.year == base]
    if past:
        agg = aggregate(target, past, whole_year(plan.baseline_year))
        if isinstance(agg.actual, float) and not partial_year(target, agg):
            return agg.actual, "actuals", agg.used
    if target.baseline is not None and target.baseline.value is not None:
        return float(target.baseline.value), "plan", []
    return None, None, []


def partial_year(target: Target, agg: Aggregate) -> list[tuple[str, str]]:
    """Units whose baseline-year figures stop short of the year's end: ``latest`` needs a
    figure for December (a Q4 or annual one), ``year_to_date`` every period of the year. A Q1
    figure is not the year's: it is never taken as the baseline. (unit, what is missing)"""
    out = []
    if target.period_rule == "year_to_date":
        for unit, periods in agg.gaps:
            out.append((unit, ", ".join(periods)))
        return out
    for o in agg.used:
        if o.period.end_month != 12:
            out.append((o.unit_code, msg("words.latest-period", period=o.period.label)))
    return out


def baseline_gaps(plan: Plan, target: Target, obs: list[Observation]) -> list[tuple[str, str]]:
    """``partial_year`` for the target's baseline-year figures (none: no such figures)."""
    if not measure_of(target).uses_baseline:
        return []
    base = plan.baseline_year
    past = [o for o in obs if o.period.year == base]
    if not past:
        return []
    return partial_year(target, aggregate(target, past, whole_year(plan.baseline_year)))


def _target_value(target: Target, baseline: float | None) -> float | None:
    if target.op == "done":
        return None
    if target.op == "increase":
        return baseline
    if target.target_offset is not None:
        return None if baseline is None else baseline + target.target_offset
    if target.target_factor is not None:
        return None if baseline is None else _finite(baseline * target.target_factor)
    return target.target


def meets(target: Target, actual: float, goal: float | None) -> bool:
    if goal is None:
        return False
    if target.op == ">=":
        return actual >= goal
    if target.op in (">", "increase"):
        return actual > goal
    if target.op == "<=":
        return actual <= goal
    return False


def _gap(target: Target, actual: float, goal: float | None) -> float | None:
    if goal is None:
        return None
    return actual - goal if target.op == "<=" else goal - actual


def plan_year_periods(as_of: Period) -> list[Period]:
    """The periods of P's kind from the start of its year up to P: Q1..P, 01..P, or the year."""
    if as_of.kind == "Q":
        return [quarter(as_of.year, q) for q in range(1, as_of.number + 1)]
    if as_of.kind == "M":
        return [month(as_of.year, m) for m in range(1, as_of.number + 1)]
    return [as_of]


def trend_periods(as_of: Period) -> list[Period]:
    """The periods a trend shows up to P: quarters (for a quarter or the year), or months."""
    if as_of.kind == "M":
        return [month(as_of.year, m) for m in range(1, as_of.number + 1)]
    last = 4 if as_of.kind == "Y" else as_of.number
    return [quarter(as_of.year, q) for q in range(1, last + 1)]


def trend(
    target: Target, observations: list[Observation], as_of: Period, at_p: Aggregate
) -> list[tuple[Period, float | bool | None]]:
    """The target's figure as of each period of the year up to P, computed by the same rules
    (the last one is P's own figure: ``at_p`` is not computed twice)."""
    out: list[tuple[Period, float | bool | None]] = []
    periods = trend_periods(as_of)
    swept = _ratio_sweep(target, observations, periods)
    for i, p in enumerate(periods):
        agg = at_p if p.end_month_index == as_of.end_month_index else None
        if agg is not None:
            out.append((p, agg.actual if isinstance(agg.actual, float | bool) else None))
        elif swept is not None:
            out.append((p, swept[i]))
        else:
            agg = aggregate(target, observations, p, gaps=False)
            out.append((p, agg.actual if isinstance(agg.actual, float | bool) else None))
    return out


_EXACT = 2**53  # whole numbers below this add up exactly as floats, in any order


def _ratio_sweep(
    target: Target, observations: list[Observation], periods: list[Period]
) -> list[float | None] | None:
    """A ratio target's figure as of each of ``periods``, in one pass over its observations
    sorted by date, instead of one ``aggregate`` per period (a national trend: 12 × a million
    rows). Each unit's contribution is kept as ``aggregate`` chooses it (latest: its most
    recent figure; year to date: its per-period figures added, or its latest cumulative total)
    and the totals are updated as it changes. The same numbers as ``aggregate`` only when every
    figure is a whole number (then any order of addition is exact): otherwise, and for figures
    of units that merged or split, None, and the caller aggregates period by period."""
    if measure_of(target).name != "ratio":
        return None
    latest = target.period_rule == "latest"
    ordered = sorted(observations, key=_end_index)  # stable: equal dates keep file order
    ends = [p.end_month_index for p in periods]
    # unit → [has_best, best_end, best_neg_span, best_num, best_den, period_num, period_den]
    state: dict[str, list[Any]] = {}
    num_total = den_total = 0
    out: list[float | None] = []
    k = 0
    for o in ordered:
        when = o.period
        end = when.end_month_index
        while k < len(ends) and end > ends[k]:
            out.append(percent_of(float(num_total), float(den_total)))
            k += 1
        if k == len(ends):
            break
        if type(o) is not Observation and isinstance(o, Placed):
            return None
        fnum, fden = float(o.numerator or 0), float(o.denominator or 0)
        if not (fnum.is_integer() and fden.is_integer()):  # a fraction: sums depend on order
            return None
        num, den = int(fnum), int(fden)
        st = state.get(o.unit_code)
        if st is None:
            st = state[o.unit_code] = [False, 0, 0, 0, 0, 0, 0]
        old_num, old_den = (st[3], st[4]) if st[0] else (st[5], st[6])
        if latest or o.cumulative:
            neg_span = -when.span
            if not st[0] or (end, neg_span) > (st[1], st[2]):  # max(): the first of equals wins
                st[0], st[1], st[2], st[3], st[4] = True, end, neg_span, num, den
        else:
            st[5] += num
            st[6] += den
        new_num, new_den = (st[3], st[4]) if st[0] else (st[5], st[6])
        num_total += new_num - old_num
        den_total += new_den - old_den
        if num_total >= _EXACT or den_total >= _EXACT:
            return None
    while k < len(ends):
        out.append(percent_of(float(num_total), float(den_total)))
        k += 1
    return out


def _end_index(o: Observation) -> int:
    return o.period.end_month_index


def _project(points: list[tuple[Period, float]]) -> float | None:
    """Least-squares line through (end month, value), read at month 12; one point: itself."""
    if not points:
        return None
    xs = [p.end_month for p, _ in points]
    ys = [v for _, v in points]
    if len(points) == 1:
        return ys[0]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return my
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    return my + slope * (12 - mx)


def _by_unit(
    target: Target,
    scoped_units: list[Any],
    observations: list[Observation],
    as_of: Period,
    goal: float | None,
) -> list[UnitResult]:
    per_unit: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        per_unit[o.unit_code].append(o)
    rows = []
    for u in scoped_units:
        agg = aggregate(target, per_unit.get(u.code, []), as_of)
        last = max(agg.used, key=_recency).period.label if agg.used else None
        kind = measure_of(target)
        if agg.actual is None:
            rows.append(UnitResult(u.code, u.name, None, "no_data", None, last))
        elif not kind.compared:
            status = kind.unit_status(agg.actual, agg.actual is True)
            rows.append(UnitResult(u.code, u.name, agg.actual, status, None, last))
        else:
            actual = float(agg.actual)
            ok = meets(target, actual, goal)
            rows.append(
                UnitResult(
                    u.code,
                    u.name,
                    actual,
                    kind.unit_status(actual, ok),
                    _gap(target, actual, goal),
                    last,
                )
            )

    # Worst first: the largest shortfall, then unfinished milestones, then units with no data.
    def worst(r: UnitResult) -> tuple[int, float, str]:
        if r.status == "no_data":
            return (2, 0.0, r.code)
        if r.gap is None:
            return (0 if r.status == "not_met" else 1, 0.0, r.code)
        return (0 if r.status == "not_met" else 1, -r.gap, r.code)

    return sorted(rows, key=worst)
