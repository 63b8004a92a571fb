"""A result's figures as a person reads them, in Vietnamese or English: the actual, the gap, the
goal, the status (provisional or not) and the progress bar. Every format takes its words from
here and from ``words``; JSON keeps the canonical values (``r4``, ``actual_json``)."""

from __future__ import annotations

import math
from typing import Any

from ..plan.models import Target
from ..vocab import Lang, Op, Status, UnitKind
from ..words import number, say, signed

OP_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "increase": ">", "done": ""}


def r4(x: float | None) -> float | None:
    """Rounded to 4 decimals; None for no value, and for a non-finite one (JSON has none)."""
    if x is None or not math.isfinite(float(x)):
        return None
    return round(float(x), 4)


def finite(x: Any) -> Any:
    """``x`` as it is, except a non-finite float, which becomes None (an empty cell)."""
    return None if isinstance(x, float) and not math.isfinite(x) else x


def milestone_json(done: bool) -> str:
    return "done" if done else "not_done"


def actual_json(r: Any) -> Any:
    if isinstance(r.actual, bool):
        return milestone_json(r.actual)
    return r4(r.actual)


def figure(x: float | None, unit: str | None, lang: str) -> str:
    """A figure in its unit: ``91.5 %`` / ``91,5 %``, ``1,234`` / ``1.234``, a rank ``17``."""
    if x is None or not math.isfinite(float(x)):
        return "—"
    whole = unit in (UnitKind.count, UnitKind.rank) and float(x).is_integer()
    text = number(x, lang, 0 if whole else 1)
    return text + (" %" if unit == UnitKind.percent else "")


def actual_text(actual: Any, unit: str | None, lang: str) -> str:
    if isinstance(actual, bool):
        return say("milestone.done" if actual else "milestone.not_done", lang)
    return figure(actual, unit, lang)


def gap_text(gap: float | None, unit: str | None, lang: str) -> str:
    """The shortfall with its sign (negative: the goal is passed); percentage points for
    percentages (``pp``, ``điểm %``)."""
    if gap is None or not math.isfinite(gap):
        return "—"
    text = signed(gap, lang)
    return text + (f" {say('unit.points', lang)}" if unit == UnitKind.percent else "")


def goal_text(target: Target, goal: float | None, lang: str) -> str:
    """How the goal reads: ``≥ 90 %``, ``≤ 32``, ``hoàn thành``, ``> năm 2022 (> 30,0 %)``,
    ``≥ baseline + 5 pp (≥ 14.8 %)``."""
    if target.op == Op.done:
        return say("goal.done", lang)
    unit = target.unit
    year = target.baseline.year if target.baseline else None
    if target.op == Op.increase:
        text = say("goal.above_baseline", lang, year=year)
        return text + (f" ({'>'} {figure(goal, unit, lang)})" if goal is not None else "")
    sym = OP_SYMBOL[target.op]
    if target.target_offset is not None:
        points = f" {say('unit.points', lang)}" if unit == UnitKind.percent else ""
        base = say("goal.baseline", lang, year=year)
        offset = number(target.target_offset, lang, _decimals(target.target_offset))
        text = f"{sym} {base} + {offset}{points}"
        return text + (f" ({sym} {figure(goal, unit, lang)})" if goal is not None else "")
    assert target.target is not None
    value = number(target.target, lang, _decimals(target.target))
    return f"{sym} {value}" + (" %" if unit == UnitKind.percent else "")


def _decimals(x: float) -> int:
    return 0 if float(x).is_integer() else len(repr(float(x)).split(".")[1])


def status_word(status: str, lang: str) -> str:
    return say(f"status.{status}", lang)


def status_text(r: Any, lang: str) -> str:
    """The status word and, for a provisional result, how few units it rests on."""
    word = status_word(r.status, lang)
    if r.status == Status.no_data and r.actual is not None:
        # a figure, but the goal rests on a baseline year nobody gave: say which is missing
        note = r.note if isinstance(r.note, tuple) and r.note[0] == "note.no_baseline" else None
        year = note[1]["year"] if note else r.target.baseline.year if r.target.baseline else "?"
        return say("status.no_baseline", lang, year=year)
    if not r.provisional or r.status == Status.no_data:
        return word
    return say(
        "status.provisional", lang, status=word, units=f"{r.units_reported}/{r.units_expected}"
    )


def progress_fraction(r: Any) -> float:
    """How far the actual is along the way to the target, 0–1, for bars."""
    if isinstance(r.actual, bool):
        return 1.0 if r.actual else 0.0
    if r.actual is None or r.target_value is None:
        return 0.0
    actual, goal = float(r.actual), float(r.target_value)
    if not (math.isfinite(actual) and math.isfinite(goal)):
        return 0.0
    if r.target.op == Op.le:
        return 1.0 if actual <= goal else max(0.0, goal / actual)
    if goal <= 0:
        return 1.0
    fraction = max(0.0, min(1.0, actual / goal))
    if fraction == 1.0 and r.status != Status.met:
        return 0.99  # "> 70" at exactly 70, or "increase" at the baseline: not reached yet
    return fraction


def text_bar(fraction: float, width: int = 10) -> str:
    full = int(fraction * width)  # floor: a bar is full only when the target is reached
    return "█" * full + "░" * (width - full)


def note_text(note: Any, lang: str) -> str | None:
    """A note the computation wrote (words key and parameters), in ``lang``."""
    if note is None:
        return None
    if isinstance(note, str):
        return note
    key, params = note
    return say(key, lang, **params)


def title(target: Target, lang: str) -> str:
    return target.title_vi if lang == Lang.vi else target.title_en
