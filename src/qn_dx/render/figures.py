"""A result's figures as a person reads them, in Vietnamese or English: the actual, the gap, the
goal, the status (provisional or not) and the progress bar. Every format takes its words from
here and from ``words``; JSON keeps the canonical values (``r4``, ``actual_json``)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..vocab import Lang, Op, Status, UnitKind
from ..words import number, say, signed

if TYPE_CHECKING:
    from ..plan.models import Target

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
    whole = unit in (UnitKind.count, UnitKind.rank) and float(gap).is_integer()
    text = signed(gap, lang, 0 if whole else 1)
    return text + (f" {say('unit.points', lang)}" if unit == UnitKind.percent else "")


def shortfall_text(gap: float | None, unit: str | None, lang: str) -> str:
    """How far from the goal, in words a reader cannot misread: ``còn 4,0 điểm %`` /
    ``4.0 pp short`` while the goal is not reached, ``vượt 4,5 điểm %`` / ``4.5 pp over`` once it
    is passed (JSON keeps the signed ``gap``: positive means short)."""
    if gap is None or not math.isfinite(gap):
        return "—"
    whole = unit in (UnitKind.count, UnitKind.rank) and float(gap).is_integer()
    amount = number(abs(gap), lang, 0 if whole else 1)
    if amount.strip("0.,") == "":
        return amount
    amount += f" {say('unit.points', lang)}" if unit == UnitKind.percent else ""
    return say("gap.short" if gap > 0 else "gap.over", lang, amount=amount)


def goal_text(target: Target, goal: float | None, lang: str) -> str:
    """How the goal reads: ``≥ 90 %``, ``≤ 32``, ``hoàn thành``, ``> năm 2022 (> 30,0 %)``,
    ``≥ baseline + 5 pp (≥ 14.8 %)``."""
    if target.op == Op.done:
        return say("goal.done", lang)
    unit = target.unit
    if target.op == Op.increase:
        text = f"> {_base(target, lang)}"
        return text + (f" ({'>'} {figure(goal, unit, lang)})" if goal is not None else "")
    sym = OP_SYMBOL[target.op]
    if target.target_offset is not None or target.target_factor is not None:
        text = f"{sym} {relative_rule(target, lang)}"
        return text + (f" ({sym} {figure(goal, unit, lang)})" if goal is not None else "")
    assert target.target is not None
    value = number(target.target, lang, _decimals(target.target))
    return f"{sym} {value}" + (" %" if unit == UnitKind.percent else "")


def relative_rule(target: Any, lang: str, other: Any = None) -> str:
    """A goal set against the baseline, as words: ``baseline + 5 pp``, ``năm 2022 × 1,05``
    (``other``: the target's other reading instead of its own)."""
    rule = other if other is not None else target
    base = _base(target, lang)
    if rule.target_factor is not None:
        return f"{base} × {number(rule.target_factor, lang, _decimals(rule.target_factor))}"
    points = f" {say('unit.points', lang)}" if target.unit == UnitKind.percent else ""
    offset = number(rule.target_offset, lang, _decimals(rule.target_offset))
    return f"{base} + {offset}{points}"


def _base(target: Any, lang: str) -> str:
    """``năm 2022`` / ``baseline``: the year a goal is measured against."""
    year = target.baseline.year if target.baseline else None
    return say("goal.baseline", lang, year=year) if year else say("goal.baseline_unknown", lang)


def precise(x: float, unit: str | None, lang: str) -> str:
    """A figure with up to 4 decimals as computed (``10.29 %``): where one decimal would hide
    the difference between two readings of a goal."""
    text = f"{round(float(x), 4):g}"
    if lang == Lang.vi:
        text = text.replace(".", ",")
    return text + (" %" if unit == UnitKind.percent else "")


def reading_text(r: Any, lang: str) -> str | None:
    """For a goal the plan's words allow two readings of (DE-06's "tăng 5%": + 5 points or
    × 1.05): which reading the figures use, and what the other would give."""
    t = r.target
    other = getattr(t, "other_reading", None)
    if other is None:
        return None
    kept = relative_rule(t, lang)
    alt = relative_rule(t, lang, other)
    goal, other_goal = r.target_value, getattr(r, "other_target_value", None)
    if goal is None or other_goal is None:
        return say("note.reading_needs_baseline", lang, kept=kept, other=alt)
    text = say(
        "note.reading",
        lang,
        kept=kept,
        goal=precise(goal, t.unit, lang),
        other=alt,
        other_goal=precise(other_goal, t.unit, lang),
    )
    if isinstance(r.actual, float) and not isinstance(r.actual, bool):
        from ..compute.engine import meets

        key = "note.reading_met" if meets(t, r.actual, other_goal) else "note.reading_not_met"
        text += " " + say(key, lang, actual=precise(r.actual, t.unit, lang))
    return text


def notes_text(r: Any, lang: str) -> str | None:
    """Everything the computation notes about a result, in ``lang``, one line."""
    parts = [note_text(r.note, lang), reading_text(r, lang)]
    return "; ".join(p for p in parts if p) or None


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
