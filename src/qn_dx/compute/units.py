"""Units that change: figures re-aggregated onto the units that exist on a given day.

A unit that ceased (``valid_to``) hands its figures to its successors — all of them to the one
unit it merged into, or its share to each part of a split. A unit that did not exist yet on the
day (``valid_from``) gives its figures back to its one predecessor (the parts of a split add up
to the whole). Each former unit's figures are placed (``Placed``: the unit of the day, the unit
that sent them, its share) but not yet combined: the engine chooses each sender's figures by the
target's rule on their own — its latest one, or its year so far (its latest cumulative figure,
or the sum of its per-period ones) — and only then combines them (``combine``): numerators and
denominators re-summed (never percentages averaged), counts added, other values averaged
(weighted by share), a milestone done only if every unit is done.

Across a change, a figure is never counted twice nor dropped unsaid:

- A period that straddles the change (the former unit ended inside it): when the unit that took
  over sends its own figure for that same period, its figure stands for the whole unit, and the
  former unit's is set aside with a ``superseded-by-successor`` warning.
- ``latest``: a former unit's figure gives way to a figure of a unit that took over from it,
  dated after it ended (that figure is the whole unit's).
- ``year_to_date``: a former unit's year so far (up to its end) and the new unit's own figures
  add up — unless the new unit sends cumulative (lũy kế) figures after the former one ended:
  they may or may not include the former unit's, so the former unit's figures are kept apart,
  under its own code, with a ``cumulative-across-change`` warning.

Every step is recorded, so that ``explain`` can show it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, fields, replace

from ..findings import Finding, Msg, day_words, msg, period_words
from ..ingest.periods import Period
from ..plan import Plan
from ..validate.model import Observation

_OBSERVATION_FIELDS = tuple(f.name for f in fields(Observation))


def period_days(p: Period) -> tuple[dt.date, dt.date]:
    """The first and the last day of a period."""
    last = calendar.monthrange(p.year, p.end_month)[1]
    return dt.date(p.year, p.first_month, 1), dt.date(p.year, p.end_month, last)


@dataclass(frozen=True, slots=True)
class Placed(Observation):
    """An observation placed on a unit of the day (``unit_code``). ``origin``: the unit that
    sent it; ``share``: the part of its figures that counts here (a split); ``ended``: the
    origin's last day; ``later``: the units that took over from the origin (in turn);
    ``sources``: every (file, line) the figures were made from."""

    origin: str = ""
    share: float = 1.0
    ended: dt.date | None = None
    later: frozenset[str] = frozenset()
    sources: tuple[tuple[str, int], ...] = ()


def sources(o: Observation) -> tuple[tuple[str, int], ...]:
    """Every (file, line) an observation's figures come from."""
    if isinstance(o, Placed) and o.sources:
        return o.sources
    return ((o.file, o.line),)


def sender(o: Observation) -> str:
    """The unit that sent an observation (before it was placed on another)."""
    return o.origin if isinstance(o, Placed) and o.origin else o.unit_code


def absence(plan: Plan, code: str, period: Period) -> tuple[Msg, Msg] | None:
    """Why ``code`` sends no figures for ``period`` (it did not exist on any of its days), and
    what to do: None when it existed."""
    unit = plan.changing_units.get(code)
    if unit is None:
        return None
    first, last = period_days(period)
    if unit.valid_to is not None and unit.valid_to < first:
        now = ", ".join(s.code for s in unit.successors) or "—"
        return (
            msg("finding.unit-not-in-period.ended", unit=code, day=day_words(unit.valid_to),
                period=period_words(period), successors=now),
            msg("finding.unit-not-in-period.ended.hint", successors=now),
        )  # fmt: skip
    if unit.valid_from is not None and last < unit.valid_from:
        before = ", ".join(plan.predecessors.get(code, [])) or "—"
        return (
            msg("finding.unit-not-in-period.later", unit=code, day=day_words(unit.valid_from),
                period=period_words(period), predecessors=before),
            msg("finding.unit-not-in-period.later.hint", predecessors=before),
        )  # fmt: skip
    return None


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
    # the same, for one target only: a former unit's figures kept apart from a new unit's
    # cumulative ones (target → units)
    kept_for: dict[str, set[str]] = field(default_factory=dict)
    # figures not counted, and why (a former unit's, for a period its successor reports)
    set_aside: list[tuple[Observation, Msg]] = field(default_factory=list)

    def present(self, plan: Plan, target: str | None = None) -> set[str]:
        """The reporting units that count on the day (for ``target``)."""
        on_day = {c for c, u in plan.reporting_units.items() if u.exists_on(self.day)}
        extra = self.kept_for.get(target, set()) if target is not None else set()
        return on_day | self.kept | extra


@dataclass(frozen=True)
class _Stuck:
    """Why a unit's figures cannot be placed on the day's units."""

    why: str  # merged | ended | new | cycle
    unit: str  # the unit at which placing stopped


def _destinations(
    plan: Plan, code: str, day: dt.date, seen: frozenset[str]
) -> list[tuple[str, float]] | _Stuck:
    if code in seen:  # a cycle (check refuses it): never recurse forever
        return _Stuck("cycle", code)
    seen = seen | {code}
    unit = plan.changing_units.get(code)
    if unit is None or unit.exists_on(day):
        return [(code, 1.0)]
    if unit.valid_to is not None and unit.valid_to < day:
        if not unit.successors:
            return _Stuck("ended", code)
        out: list[tuple[str, float]] = []
        for s in unit.successors:
            further = _destinations(plan, s.code, day, seen)
            if isinstance(further, _Stuck):
                return further
            out += [(c, share * (s.share if s.share is not None else 1.0)) for c, share in further]
        return out
    before = plan.predecessors.get(code, [])
    if len(before) == 1:  # a part of a split: back to the whole it came from
        return _destinations(plan, before[0], day, seen)
    return _Stuck("merged" if before else "new", code)


def destinations(plan: Plan, code: str, day: dt.date) -> list[tuple[str, float]] | None:
    """The units ``code``'s figures count for on ``day``, with shares; None when they cannot be
    placed (a unit made by a merge, asked about a day before it existed; a unit that ended with
    no successor; a cycle in units.yaml)."""
    found = _destinations(plan, code, day, frozenset())
    return None if isinstance(found, _Stuck) else found


def later_units(plan: Plan, code: str) -> frozenset[str]:
    """The units that took over from ``code``: its successors, theirs, and so on (cycles cut)."""
    found: set[str] = set()
    todo = [code]
    while todo:
        unit = plan.changing_units.get(todo.pop())
        for s in unit.successors if unit is not None else []:
            if s.code not in found and s.code != code:
                found.add(s.code)
                todo.append(s.code)
    return frozenset(found)


def _placed(o: Observation, dest: str, share: float, plan: Plan, later: frozenset[str]) -> Placed:
    values = {name: getattr(o, name) for name in _OBSERVATION_FIELDS}
    values["unit_code"] = dest
    unit = plan.changing_units.get(o.unit_code)
    return Placed(
        **values,
        origin=o.unit_code,
        share=share,
        ended=unit.valid_to if unit is not None else None,
        later=later,
        sources=((o.file, o.line),),
    )


def _plain(p: Placed) -> Observation:
    """A placed observation back under the unit that sent it, as it sent it."""
    values = {name: getattr(p, name) for name in _OBSERVATION_FIELDS}
    values["unit_code"] = p.origin
    return Observation(**values)


def remap(plan: Plan, observations: list[Observation], day: dt.date) -> Remapped:
    """``observations`` with every unit's figures placed on the units that exist on ``day``."""
    result = Remapped([], day)
    if not plan.changing_units:
        result.observations = list(observations)
        return result
    related = set(plan.changing_units) | set(plan.predecessors)
    out: list[Observation] = []
    groups: dict[tuple[str, str], list[Placed]] = defaultdict(list)  # (target, unit) → figures
    unplaced: dict[str, int] = defaultdict(int)  # unit → rows kept under it, unplaceable
    stuck: dict[str, _Stuck] = {}
    placed: dict[str, list[tuple[str, float]]] = {}
    later: dict[str, frozenset[str]] = {}
    for o in observations:
        code = o.unit_code
        if code not in related:
            out.append(o)
            continue
        if code not in placed and code not in stuck:
            found = _destinations(plan, code, day, frozenset())
            if isinstance(found, _Stuck):
                stuck[code] = found
            else:
                placed[code] = found
                later[code] = later_units(plan, code)
        if code in stuck:
            unplaced[code] += 1
            out.append(o)
            continue
        for dest, share in placed[code]:
            groups[(o.indicator_id, dest)].append(_placed(o, dest, share, plan, later[code]))
    for key in list(groups):
        groups[key] = _straddling(groups[key], key[0], result)
    out += _kept_apart(plan, groups, result)
    for parts in groups.values():
        out += parts
    result.observations = sorted(out, key=lambda o: (o.file, o.line, o.unit_code))
    for code, rows in sorted(unplaced.items()):
        result.warnings.append(_not_placed(plan, code, rows, day, stuck[code]))
    result.kept = set(unplaced)
    # Only real moves are steps (what explain shows).
    result.steps = {u: p for u, p in placed.items() if p != [(u, 1.0)]}
    return result


def _not_placed(plan: Plan, code: str, rows: int, day: dt.date, stuck: _Stuck) -> Finding:
    shown = day_words(day)
    if stuck.why == "ended":
        ended = plan.changing_units[stuck.unit].valid_to
        return Finding(
            "unit-not-placed",
            msg("finding.unit-not-placed.ended", unit=code, rows=rows, day=shown,
                last=stuck.unit, ended=day_words(ended)),
            hint=msg("finding.unit-not-placed.ended.hint", unit=stuck.unit),
        )  # fmt: skip
    if stuck.why == "cycle":
        return Finding(
            "unit-not-placed",
            msg("finding.unit-not-placed.cycle", unit=code, rows=rows, day=shown),
            hint=msg("finding.unit-not-placed.cycle.hint"),
        )
    if stuck.why == "new":
        return Finding(
            "unit-not-placed",
            msg("finding.unit-not-placed.new", unit=code, rows=rows, day=shown),
            hint=msg("finding.unit-not-placed.hint"),
        )
    made_from = ", ".join(plan.predecessors.get(stuck.unit, []))
    return Finding(
        "unit-not-placed",
        msg("finding.unit-not-placed", unit=code, day=shown, parts=made_from, rows=rows),
        hint=msg("finding.unit-not-placed.hint"),
    )


def _after_end(p: Placed) -> bool:
    """The figure's period ends after the unit that sent it ended (it straddles the change)."""
    return p.ended is not None and period_days(p.period)[1] > p.ended


def _straddling(parts: list[Placed], target: str, result: Remapped) -> list[Placed]:
    """A former unit's figure for a period that its successor also reports, and that ends after
    the former unit ended, is set aside: the successor's own figure stands for the whole."""
    reported = {(p.origin, p.period) for p in parts}
    keep: list[Placed] = []
    for p in parts:
        successor = None
        if _after_end(p):
            successor = next((v for v in sorted(p.later) if (v, p.period) in reported), None)
        if successor is None:
            keep.append(p)
            continue
        assert p.ended is not None
        result.set_aside.append(
            (p, msg("reason.superseded-by-successor", successor=successor, unit=p.origin))
        )
        result.warnings.append(
            Finding(
                "superseded-by-successor",
                msg("finding.superseded-by-successor", target=target, unit=p.origin,
                    period=period_words(p.period), successor=successor, day=day_words(p.ended)),
                file=p.file,
                line=p.line,
                hint=msg("finding.superseded-by-successor.hint", successor=successor),
            )
        )  # fmt: skip
    return keep


def _kept_apart(
    plan: Plan, groups: dict[tuple[str, str], list[Placed]], result: Remapped
) -> list[Observation]:
    """``year_to_date``: a unit that took over and sends cumulative (lũy kế) figures dated
    after a former unit ended may or may not include the former unit's figures of that year:
    those are kept apart, under the former unit (for that target), and the warning says so.
    They are taken out of ``groups`` (from every unit they went to) and returned as sent."""
    # (target, former unit, year) → (the successor, its cumulative row)
    apart: dict[tuple[str, str, int], Placed] = {}
    for (target_id, _unit), parts in groups.items():
        target = plan.target_by_id.get(target_id)
        if target is None or target.period_rule != "year_to_date":
            continue
        cumulative: dict[tuple[str, int], list[Placed]] = defaultdict(list)
        for p in parts:
            if p.cumulative:
                cumulative[(p.origin, p.period.year)].append(p)
        if not cumulative:
            continue
        for p in parts:
            key = (target_id, p.origin, p.period.year)
            if p.ended is None or key in apart:
                continue
            for v in sorted(p.later):
                after = [c for c in cumulative.get((v, p.period.year), []) if _after_end_of(c, p)]
                if after:
                    apart[key] = min(after, key=lambda c: (c.file, c.line))
                    break
    if not apart:
        return []
    out: list[Observation] = []
    seen: set[tuple[str, str, int]] = set()
    for group in list(groups):
        keep: list[Placed] = []
        for p in groups[group]:
            if (p.indicator_id, p.origin, p.period.year) not in apart:
                keep.append(p)
                continue
            if (p.origin, p.file, p.line) not in seen:  # a split's parts: the row once, whole
                seen.add((p.origin, p.file, p.line))
                out.append(_plain(p))
        groups[group] = keep
    for (target_id, unit, _year), row in sorted(apart.items()):
        result.kept_for.setdefault(target_id, set()).add(unit)
        ended = plan.changing_units[unit].valid_to
        result.warnings.append(
            Finding(
                "cumulative-across-change",
                msg("finding.cumulative-across-change", target=target_id, successor=row.origin,
                    unit=unit, day=day_words(ended)),
                file=row.file,
                line=row.line,
                hint=msg("finding.cumulative-across-change.hint", successor=row.origin, unit=unit),
            )
        )  # fmt: skip
    return out


def _after_end_of(c: Placed, former: Placed) -> bool:
    """``c`` is dated after ``former``'s sender ended."""
    return former.ended is not None and period_days(c.period)[1] > former.ended


def combine(parts: list[Observation], code: str, unit: str | None) -> Observation:
    """One observation for ``code`` from figures of several units (each with its share): see
    ``_combine``."""
    return _combine([(o, o.share if isinstance(o, Placed) else 1.0) for o in parts], code, unit)


def _combine(parts: list[tuple[Observation, float]], code: str, unit: str | None) -> Observation:
    """One observation for ``code`` from the parts that count for it: dated at the latest of
    their periods, citing every line they came from."""
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
    latest = max((o for o, _ in parts), key=lambda o: (o.period.end_month_index, -o.period.span))
    base = {name: getattr(first, name) for name in _OBSERVATION_FIELDS}
    base.update(
        unit_code=code,
        period=latest.period,
        numerator=numerator,
        denominator=denominator,
        value=value,
        done=done,
        cumulative=all(o.cumulative for o, _ in parts),
        submitted=None,
    )
    lines = sorted({s for o, _ in parts for s in sources(o)})
    return Placed(**base, origin=code, sources=tuple(lines))
