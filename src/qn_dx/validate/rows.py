"""One data row → an observation (or task report), or the findings that say why not.

Rules follow the actuals contract v1 (see the README). Everything plan-dependent is looked up in
a ``RowChecker`` built once per run, so a row costs a few dictionary look-ups.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..findings import Both, Finding, Msg, column_word, figure, joined, msg
from ..ingest.cells import DateCell, NumberCell
from ..ingest.numbers import (
    MAX_MAGNITUDE,
    STYLE_NAMES,
    TOO_LARGE,
    NumberStyle,
    is_whole,
    parse_number,
)
from ..ingest.periods import Period, half_year, parse_period
from ..plan import Plan
from ..plan.registry import in_scope, task_reporters
from ..text import closest, fold, same_number
from ..words import say
from .model import Observation, TaskReport

if TYPE_CHECKING:
    from ..plan.models import Target

VALUE_TOLERANCE = 0.1  # percentage points between a submitted ratio value and 100 × num / den

MILESTONE_WORDS = {
    **dict.fromkeys(["done", "yes", "true", "1", "x", "dat", "hoan thanh", "co"], True),
    **dict.fromkeys(
        ["not_done", "not done", "no", "false", "0", "chua dat", "chua hoan thanh", "khong"],
        False,
    ),
}
STATUS_WORDS = {
    "not_started": "not_started",
    "not started": "not_started",
    "chua trien khai": "not_started",
    "in_progress": "in_progress",
    "in progress": "in_progress",
    "dang trien khai": "in_progress",
    "done": "done",
    "hoan thanh": "done",
    "delayed": "delayed",
    "cham tien do": "delayed",
    "cham": "delayed",
    "da hoan thanh": "done",
    "dang thuc hien": "in_progress",
    "chua thuc hien": "not_started",
    "chua bat dau": "not_started",
}
BASIS_WORDS = {  # True: cumulative (lũy kế, year-to-date totals); False: this period only
    **dict.fromkeys(
        ["period", "trong ky", "phat sinh", "phat sinh trong ky", "so phat sinh"], False
    ),
    **dict.fromkeys(["so phat sinh trong ky", "so lieu trong ky"], False),
    **dict.fromkeys(
        ["cumulative", "luy ke", "cong don", "luy ke tu dau nam", "year to date", "ytd"], True
    ),
    **dict.fromkeys(["cong don tu dau nam", "so luy ke", "luy ke den cuoi ky"], True),
}
_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


class RowChecker:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.years = {plan.baseline_year, plan.plan_year}
        self.targets = plan.target_by_id
        self.units = plan.reporting_units
        self._scope_cache: dict[tuple[str, str], bool] = {}
        self._unit_names = {u.code: u.name for u in self.units.values()}
        self._task_ids_upper = {t.upper(): t for t in plan.task_by_id}
        self._hints: dict[str, Msg | None] = {}
        self._by_folded_name: dict[str, str] | None = None
        self._name_owners: dict[str, set[str]] | None = None
        self._bucket_index: tuple[dict[tuple[int, str], list[str]], dict[str, list[str]]] | None = (
            None
        )
        self._by_folded_title: dict[str, str] | None = None
        self._shapes: Msg | None = None
        self._task_numbers: dict[str, list[str]] = {}
        for task in plan.tasks:
            self._task_numbers.setdefault(task.number, []).append(task.id)
        self._scales: dict[str, float | None] = {}
        self._reporters: dict[str, set[str]] = {}
        self._floats: dict[str, float] = {}
        self.style = NumberStyle()  # of the file being read (``begin_file``)

    def begin_file(self, style: NumberStyle) -> None:
        """Numbers of the next file are read in its own style (decided from all its figures)."""
        self.style = style

    def _examples(self) -> Msg:
        return msg("finding.bad-period.hint", y=self.plan.plan_year)

    # -- shared pieces ---------------------------------------------------------------------------
    def period(self, text: str, where: _Where) -> Period | None:
        if not text:
            where.error("bad-period", msg("finding.bad-period.empty"), "period", self._examples())
            return None
        p = parse_period(text)
        if p is None:
            half = half_year(text)
            hint = self._examples()
            if half is not None:
                year, which = half
                hint = msg(f"finding.bad-period.half{1 if which == 1 else 2}.hint", year=year)
            m = re.fullmatch(r"\s*(\d{4})-([1-9])\s*", text)
            if m:  # 2023-1: the first quarter, or January?
                y, n = m.groups()
                hint = (
                    msg("finding.bad-period.month-or-quarter.hint", y=y, n=n)
                    if int(n) <= 4
                    else msg("finding.bad-period.month.hint", y=y, n=n)
                )
            where.error("bad-period", msg("finding.bad-period", text=repr(text)), "period", hint)
            return None
        if p.year not in self.years:
            years = sorted(self.years)
            where.error(
                "period-out-of-range",
                msg("finding.period-out-of-range", period=p.label, first=years[0], second=years[1])
                if len(years) == 2
                else msg("finding.period-out-of-range.one-year", period=p.label, year=years[0]),
                "period",
            )
            return None
        return p

    def unit(self, text: str, where: _Where) -> str | None:
        found = self.resolve_unit(text)
        if found is not None:
            return found
        code = text.strip()
        if not code:  # no unit written: say so, not "unit '' is not in the registry"
            where.error(
                "unknown-unit",
                msg("finding.unknown-unit.empty"),
                "unit_code",
                msg("finding.unknown-unit.empty.hint"),
            )
            return None
        hint = self._unit_hint(code)
        where.error("unknown-unit", msg("finding.unknown-unit", code=repr(code)), "unit_code", hint)
        return None

    def resolve_unit(self, text: str) -> str | None:
        """The unit a cell names (its code as the registry spells it), or None; no findings."""
        code = text.strip()
        unit = self.units.get(code)
        if unit is not None:
            return unit.code  # the registry's own string, shared by every row that names it
        for candidate in (code.upper(), code.lstrip("0")):
            if candidate in self.units:
                return self.units[candidate].code
        return None

    def _unit_hint(self, code: str) -> Msg | None:
        """ "Did you mean" for an unknown unit; cached, since one wrong code repeats in a file."""
        if code not in self._hints:
            self._hints[code] = self._compute_unit_hint(code)
        return self._hints[code]

    def _compute_unit_hint(self, code: str) -> Msg | None:
        if self._by_folded_name is None:
            self._by_folded_name = {fold(n): c for c, n in self._unit_names.items()}
        key = fold(code)
        if key in self._by_folded_name:
            return msg("finding.unknown-unit.name.hint", code=self._by_folded_name[key])
        if any(ch.isdigit() for ch in code):
            # Never propose another number: 21011 is not "probably" 21010, and a civil servant
            # who takes the suggestion files the figure under someone else's commune.
            return self._code_shapes()
        if len(self._unit_names) <= 2000:
            candidates = list(self._unit_names) + list(self._unit_names.values())
        else:
            # A national-size registry: difflib over every name costs ~1 s a call. Compare with
            # codes of the same length and first three characters, and names that start like the
            # query (an index built once).
            by_code, by_name = self._buckets()
            candidates = by_code.get((len(code), code[:3]), []) + by_name.get(key[:3], [])
            candidates = candidates[:500]
        near = closest(code, candidates, n=1)
        if not near:
            return None
        c = near[0] if near[0] in self._unit_names else self._by_folded_name[fold(near[0])]
        return msg("finding.unknown-unit.near.hint", code=c, name=self._unit_names[c])

    def _code_shapes(self) -> Msg:
        """How the plan's unit codes look, level by level: "unit codes are GSO codes: 51 for
        the province, 3 digits for a district, 5 for a commune" — from the plan, any year.
        Worked out once: it walks every unit (40 ms for a 60,000-unit plan)."""
        if self._shapes is None:
            self._shapes = self._compute_code_shapes()
        return self._shapes

    def _compute_code_shapes(self) -> Msg:
        parts = []
        for level in self.plan.levels:
            codes = [u.code for u in self.plan.units if u.level == level.id]
            name = Both(level.name_vi.lower(), level.name_en.lower())
            if len(codes) == 1:
                parts.append(msg("words.code-for-level", code=codes[0], level=name))
            elif codes:
                lengths = sorted({len(c) for c in codes})
                digits = "/".join(map(str, lengths))
                parts.append(msg("words.digits-for-level", digits=digits, level=name))
        if not parts:
            return msg("finding.unknown-unit.units.hint")
        return msg("finding.unknown-unit.shapes.hint", shapes=joined(parts))

    def _buckets(self) -> tuple[dict[tuple[int, str], list[str]], dict[str, list[str]]]:
        if self._bucket_index is None:
            by_code: dict[tuple[int, str], list[str]] = {}
            by_name: dict[str, list[str]] = {}
            for c, n in self._unit_names.items():
                by_code.setdefault((len(c), c[:3]), []).append(c)
                by_name.setdefault(fold(n)[:3], []).append(n)
            self._bucket_index = (by_code, by_name)
        return self._bucket_index

    def key_of(self, cells: dict[str, str]) -> tuple[str, str, str] | None:
        """(indicator, unit, period label) of a row, when all three can be read; no findings."""
        indicator = str(cells.get("indicator_id", "")).strip().upper()
        code = str(cells.get("unit_code", "")).strip()
        unit = (
            self.units.get(code) or self.units.get(code.upper()) or self.units.get(code.lstrip("0"))
        )
        period = parse_period(str(cells.get("period", "")).strip())
        if indicator not in self.targets or unit is None or period is None:
            return None
        return indicator, unit.code, period.label

    def basis(self, text: str, where: _Where) -> bool | None:
        """True for cumulative (lũy kế) figures; False for this period's own (the default)."""
        if not text or text.isspace():
            return False
        key = fold(text)
        found = BASIS_WORDS.get(key)
        if found is None:
            numeric = any(ch.isdigit() for ch in text)
            where.error(
                "bad-basis",
                msg("finding.bad-basis", text=repr(text.strip())),
                "basis",
                msg("finding.bad-basis.numeric.hint" if numeric else "finding.bad-basis.hint"),
            )
        return found

    def submitted(self, cell: str, where: _Where, period: Period | None) -> dt.date | None:
        """The date a row was sent. A date that cannot be true is refused: it decides which of
        two submissions wins, so a typo year (2032) must not let old figures win."""
        date = read_date(cell)
        text = cell.strip()
        if date is None:
            if text:
                where.error(
                    "bad-date",
                    msg("finding.bad-date", text=repr(text)),
                    "submitted",
                    msg("finding.bad-date.hint"),
                )
            return None
        if date > dt.date.today():
            where.error(
                "bad-date",
                msg("finding.bad-date.future", date=f"{date:%d/%m/%Y}"),
                "submitted",
                msg("finding.bad-date.future.hint"),
            )
            return None
        if period is not None:
            start = dt.date(period.year, period.first_month, 1)
            if date < start:
                where.error(
                    "bad-date",
                    msg("finding.bad-date.early", date=f"{date:%d/%m/%Y}", period=period.label),
                    "submitted",
                    msg("finding.bad-date.early.hint"),
                )
                return None
        return date

    # -- actuals ----------------------------------------------------------------------------------
    def actual(self, cells: dict[str, str], where: _Where) -> Observation | None:
        indicator = cells.get("indicator_id", "").strip().upper()
        target = self.targets.get(indicator)
        if target is None:
            where.error(
                "unknown-indicator",
                msg("finding.unknown-indicator", id=repr(cells.get("indicator_id", "").strip()))
                if indicator
                else msg("finding.unknown-indicator.empty"),
                "indicator_id",
                self._indicator_hint(indicator),
            )
        unit = self.unit(cells.get("unit_code", ""), where)
        period = self.period(cells.get("period", "").strip(), where)
        if target is not None and unit is not None and not self._in_scope(target, unit):
            u = self.units[unit]
            where.error(
                "unit-out-of-scope",
                msg(
                    "finding.unit-out-of-scope",
                    unit=unit,
                    name=u.name,
                    kind=u.type or u.level,
                    target=target.id,
                    scope=target.scope.describe(),
                ),
                "unit_code",
                msg("finding.unit-out-of-scope.hint", unit=unit),
            )
        if unit is not None and period is not None and unit in self.plan.changing_units:
            self._existed(unit, period, where)
        figures = self._figures(target, cells, where) if target is not None else None
        basis = cells.get("basis")
        cumulative = self.basis(basis, where) if basis else False
        sent = cells.get("submitted")
        submitted = self.submitted(sent, where, period) if sent else None
        if where.failed or target is None or unit is None or period is None or figures is None:
            return None
        num, den, value, done = figures
        return Observation(
            target.id,
            unit,
            period,
            num,
            den,
            value,
            done,
            cells.get("note", ""),
            where.file,
            where.line,
            bool(cumulative),
            submitted,
        )

    def guides_agree(self, obs: Observation, guide: dict[str, str], where: _Where) -> bool:
        """The template's own name columns against the codes: a name that is another unit's
        (or a title that is another target's) means the code was changed or copied. A name
        that is nobody's (edited, or from an older plan) is left alone."""
        ok = True
        name = guide.get("unit_name-guide")
        if name is not None:
            if self._name_owners is None:
                self._name_owners = self._name_index()
            owners = self._name_owners.get(fold(name), set())
            other = min(owners) if owners and obs.unit_code not in owners else None
            if other is not None:
                where.error(
                    "guide-mismatch",
                    msg(
                        "finding.guide-mismatch.unit",
                        code=obs.unit_code,
                        name=self._unit_names[obs.unit_code],
                        written=repr(name.strip()),
                        other=other,
                    ),
                    "unit_name-guide",
                    msg(
                        "finding.guide-mismatch.unit.hint",
                        written=name.strip(),
                        other=other,
                        name=self._unit_names[obs.unit_code],
                    ),
                )
                ok = False
        title = guide.get("title-guide")
        if title is not None:
            if self._by_folded_title is None:
                self._by_folded_title = {}
                for t in self.plan.targets:
                    for text in (t.title_vi, t.title_en):
                        self._by_folded_title.setdefault(fold(text), t.id)
            other = self._by_folded_title.get(fold(title))
            if other is not None and other != obs.indicator_id:
                where.error(
                    "guide-mismatch",
                    msg("finding.guide-mismatch.title", id=obs.indicator_id, other=other),
                    "title-guide",
                    msg("finding.guide-mismatch.title.hint", id=obs.indicator_id, other=other),
                )
                ok = False
        return ok

    def _name_index(self) -> dict[str, set[str]]:
        """Folded unit names → the codes they name: the full name ("huyện bình sơn") and the
        name without its type ("bình sơn"), which several units may share."""
        index: dict[str, set[str]] = {}
        for code, unit in self.units.items():
            full = fold(unit.name)
            index.setdefault(full, set()).add(code)
            kind = fold(unit.type or "")
            if kind and full.startswith(kind + " "):
                index.setdefault(full[len(kind) + 1 :], set()).add(code)
        return index

    def _indicator_hint(self, indicator: str) -> Msg:
        """ "Did you mean" that never proposes another number: EG-4 → EG-04, never EG-14."""
        near = same_number(indicator, self.targets) if indicator else []
        if near:
            return msg("finding.unknown-indicator.near.hint", id=near[0])
        return msg("finding.unknown-indicator.hint")

    def _in_scope(self, target: Target, unit: str) -> bool:
        key = (target.id, unit)
        hit = self._scope_cache.get(key)
        if hit is None:
            hit = self._scope_cache[key] = in_scope(self.units[unit], target.scope)
        return hit

    def _scale(self, target: Target) -> float | None:
        """The size of a percent target's goal or baseline: a fraction like 0,91 submitted where
        the goal is 90 % is a percentage written as a fraction."""
        if target.id not in self._scales:
            known = [target.target, target.baseline.value if target.baseline else None]
            values = [abs(x) for x in known if x is not None]
            self._scales[target.id] = max(values) if values else None
        return self._scales[target.id]

    def _figures(
        self, target: Target, cells: dict[str, str], where: _Where
    ) -> tuple[float | None, float | None, float | None, bool | None] | None:
        if target.measure == "milestone":
            text = cells.get("value", "").strip()
            if not text:
                where.error(
                    "missing-value",
                    msg("finding.missing-value.milestone", id=target.id),
                    "value",
                    msg("finding.missing-value.milestone.hint"),
                )
                return None
            done = MILESTONE_WORDS.get(fold(text))
            if done is None:
                where.error(
                    "bad-milestone",
                    msg("finding.bad-milestone", text=repr(text)),
                    "value",
                    msg("finding.bad-milestone.hint"),
                )
                return None
            return None, None, None, done
        if target.measure == "value":
            cell = cells.get("value", "")
            if not cell.strip():
                where.error("missing-value", msg("finding.missing-value", id=target.id), "value")
                return None
            kind = target.unit or "count"
            value = self._number(cell, "value", kind, where, target)
            return (None, None, value, None) if value is not None else None
        # ratio
        num_cell = cells.get("numerator", "")
        den_cell = cells.get("denominator", "")
        if not num_cell.strip() or not den_cell.strip():
            missing = [
                n for n, t in (("numerator", num_cell), ("denominator", den_cell)) if not t.strip()
            ]
            where.error(
                "missing-ratio-parts",
                msg(f"finding.missing-ratio-parts.{'-'.join(missing)}", id=target.id),
                "numerator" if not num_cell.strip() else "denominator",
                msg("finding.missing-ratio-parts.hint"),
            )
            return None
        num = self._number(num_cell, "numerator", "whole", where)
        den = self._number(den_cell, "denominator", "whole", where)
        value_cell = cells.get("value", "")
        # The value of a ratio is checked against its own numerator and denominator below: a
        # consistent 0,5 is half a percent, an inconsistent 0,91 beside 91/100 is a fraction.
        value = (
            self._number(value_cell, "value", "percent", where, None)
            if value_cell.strip()
            else None
        )
        if num is None or den is None:
            return None
        if den == 0 and num > 0:
            where.error(
                "zero-denominator", msg("finding.zero-denominator", num=_n(num)), "denominator"
            )
            return None
        if num > den:
            where.error(
                "numerator-exceeds-denominator",
                msg("finding.numerator-exceeds-denominator", num=_n(num), den=_n(den)),
                "numerator",
                msg("finding.numerator-exceeds-denominator.hint"),
            )
            return None
        if den == 0:
            if value is not None:
                where.error(
                    "value-mismatch",
                    msg("finding.value-mismatch.zero", value=_n(value)),
                    "value",
                    msg("finding.value-mismatch.zero.hint"),
                )
                return None
            where.warning("zero-over-zero", msg("finding.zero-over-zero"), "denominator")
        elif value is not None and abs(value - 100 * num / den) > VALUE_TOLERANCE:
            scale = self._scale(target)
            if 0 < value <= 1 and scale is not None and scale >= 10:
                where.error(
                    "percent-as-fraction",
                    msg(
                        "finding.percent-as-fraction.ratio",
                        text=repr(value_cell.strip()),
                        num=_n(num),
                        den=_n(den),
                        percent=figure(f"{100 * num / den:.1f}"),
                    ),
                    "value",
                    msg(
                        "finding.percent-as-fraction.ratio.hint",
                        percent=figure(f"{100 * num / den:.1f}"),
                    ),
                )
                return None
            where.error(
                "value-mismatch",
                msg(
                    "finding.value-mismatch",
                    value=_n(value),
                    num=_n(num),
                    den=_n(den),
                    ratio=figure(f"{100 * num / den:.2f}"),
                ),
                "value",
                msg("finding.value-mismatch.hint", ratio=figure(f"{100 * num / den:.1f}")),
            )
            return None
        return num, den, value, None

    def _number(
        self, cell: str, column: str, kind: str, where: _Where, target: Target | None = None
    ) -> float | None:
        if type(cell) is str and len(cell) < 16 and cell.isascii() and cell.isdigit():
            # plain digits: the common case (16 digits and more are refused as too large below)
            # One float object per spelling: a million rows of counts below a few thousand then
            # share a few thousand floats instead of holding two million of their own.
            value = self._floats.get(cell)
            if value is None:
                value = float(cell)
                if len(self._floats) < 65_536:
                    self._floats[cell] = value
            if kind == "whole" or kind == "count":
                return value
            return self._checked(value, cell, column, kind, where, False, target)
        if isinstance(cell, NumberCell):  # Excel stores it as a number: nothing to parse
            if not math.isfinite(cell.number) or abs(cell.number) >= MAX_MAGNITUDE:
                where.error(
                    "bad-number",
                    msg(
                        "finding.bad-number.too-large",
                        column=column_word(column),
                        text=repr(str(cell)),
                    ),
                    column,
                    TOO_LARGE,
                )
                return None
            return self._checked(cell.number, cell, column, kind, where, cell.percent, target)
        text = cell.strip()
        if isinstance(cell, DateCell):
            where.error(
                "bad-number",
                msg(
                    "finding.bad-number.date",
                    column=column_word(column),
                    date=f"{cell.date:%d/%m/%Y}",
                ),
                column,
            )
            return None
        parsed = parse_number(text)
        if parsed.error is not None:
            what = "too-large" if parsed.hint == TOO_LARGE else "not-a-number"
            hint = parsed.hint
            if not any(ch.isdigit() for ch in text):  # "-", "x", "chưa có": no figure yet
                hint = msg("finding.bad-number.no-figure.hint")
            where.error(
                parsed.error,
                msg(f"finding.bad-number.{what}", column=column_word(column), text=repr(text)),
                column,
                hint,
            )
            return None
        style = self.style
        decimal_in_whole = (
            kind in ("whole", "count", "rank")
            and parsed.value is not None
            and not parsed.value.is_integer()
        )
        if decimal_in_whole:  # "12.34" for a count: not a style question, a typing slip
            where.error(
                "not-whole-number",
                msg("finding.not-whole-number", column=column_word(column), text=repr(text)),
                column,
                msg("finding.not-whole-number.decimal.hint"),
            )
            return None
        if style.is_minority(parsed.style):
            where.error(
                "mixed-number-style",
                msg(
                    "finding.mixed-number-style",
                    column=column_word(column),
                    text=repr(text),
                    style=STYLE_NAMES[parsed.style or ""],
                    vi=style.vi,
                    en=style.en,
                ),
                column,
                msg("finding.mixed-number-style.hint"),
            )
            return None
        value = parsed.value
        if parsed.ambiguity is not None:
            value = parsed.resolve(style.style)
            if value is not None:
                self._style_used(text, value, where)
            elif kind == "percent":
                value = parsed.ambiguity.decimal  # 72.500 % can only be 72.5
            else:
                amb = parsed.ambiguity
                where.error(
                    "ambiguous-number",
                    msg(
                        "finding.ambiguous-number",
                        column=column_word(column),
                        text=repr(text),
                        grouped=_n(amb.grouped),
                        decimal=_n(amb.decimal),
                        mark=repr(amb.mark),
                    ),
                    column,
                    msg(
                        "finding.ambiguous-number.hint",
                        grouped=_n(amb.grouped),
                        decimal=_n(amb.decimal),
                    )
                    if is_whole(amb.decimal)
                    else msg("finding.ambiguous-number.grouped.hint", grouped=_n(amb.grouped)),
                )
                return None
        assert value is not None
        return self._checked(value, text, column, kind, where, parsed.had_percent, target)

    def _style_used(self, text: str, value: float, where: _Where) -> None:
        style = self.style
        if style.reported:
            return
        style.reported = True
        where.warning(
            "number-style",
            msg(
                "finding.number-style",
                style=STYLE_NAMES[style.style or ""],
                evidence=style.evidence(),
                text=repr(text),
                value=_n(value),
            ),
            None,
            msg("finding.number-style.hint"),
        )

    def _checked(
        self,
        value: float,
        text: str,
        column: str,
        kind: str,
        where: _Where,
        had_percent: bool,
        target: Target | None,
    ) -> float | None:
        if had_percent and kind != "percent":
            where.error(
                "bad-number",
                msg("finding.bad-number.percent-sign", column=column_word(column), text=repr(text)),
                column,
                msg("finding.bad-number.percent-sign.hint"),
            )
            return None
        if value < 0:
            where.error(
                "negative-number",
                msg("finding.negative-number", column=column_word(column), text=repr(text)),
                column,
            )
            return None
        if kind in ("whole", "count", "rank") and not is_whole(value):
            hint = msg("finding.not-whole-number.hint")
            if isinstance(text, NumberCell) and is_whole(round(value * 1000, 6)):
                # Excel with English settings stores a typed 1.250 as 1.25
                hint = msg(
                    "finding.not-whole-number.excel.hint",
                    typed=f"{value * 1000:.0f}",
                    stored=_n(value),
                )
            where.error(
                "not-whole-number",
                msg("finding.not-whole-number", column=column_word(column), text=repr(text)),
                column,
                hint,
            )
            return None
        if kind == "percent":
            if value > 100:
                where.error(
                    "value-out-of-range",
                    msg(
                        "finding.value-out-of-range.percent",
                        column=column_word(column),
                        value=_n(value),
                    ),
                    column,
                )
                return None
            if not had_percent and self._fraction(value, column, target):
                where.error(
                    "percent-as-fraction",
                    msg(
                        "finding.percent-as-fraction",
                        column=column_word(column),
                        text=repr(text),
                        percent=_n(round(value * 100, 6)),
                    ),
                    column,
                    msg(
                        "finding.percent-as-fraction.hint",
                        percent=_n(round(value * 100, 6)),
                        text=text,
                    ),
                )
                return None
        if kind == "rank":
            top = self._rank_universe(target)
            if value < 1 or (top is not None and value > top):
                where.error(
                    "value-out-of-range",
                    msg("finding.value-out-of-range.rank", value=_n(value), top=top)
                    if top
                    else msg("finding.value-out-of-range.rank-below-one", value=_n(value)),
                    column,
                    msg("finding.value-out-of-range.rank.hint", top=top) if top else None,
                )
                return None
        return value

    def _fraction(self, value: float, column: str, target: Target | None) -> bool:
        if column == "progress":  # task progress: 0,5 is half a percent only with its % sign
            return value < 1 and not is_whole(value)
        scale = self._scale(target) if target is not None else None
        return 0 < value <= 1 and scale is not None and scale >= 10

    def _rank_universe(self, target: Target | None) -> int | None:
        if target is not None and target.rank_universe is not None:
            return target.rank_universe
        return self.plan.info.rank_universe

    # -- task progress ----------------------------------------------------------------------------
    def task(self, cells: dict[str, str], where: _Where) -> TaskReport | None:
        raw_id = cells.get("task_id", "").strip()
        task_id = self._task_id(raw_id, where)
        period = self.period(cells.get("period", "").strip(), where)
        status_text = cells.get("status", "").strip()
        status = STATUS_WORDS.get(fold(status_text))
        if status is None:
            where.error(
                "bad-status",
                msg("finding.bad-status", text=repr(status_text)),
                "status",
                msg("finding.bad-status.hint"),
            )
        progress_cell = cells.get("progress", "")
        progress = (
            self._number(progress_cell, "progress", "percent", where)
            if progress_cell.strip()
            else None
        )
        self.submitted(cells.get("submitted", ""), where, period)
        unit_text = cells.get("unit_code", "")
        unit = self.unit(unit_text, where) if unit_text.strip() else None
        if task_id is not None and unit is not None:
            self._task_reporter(task_id, unit, where)
        if status is not None and progress is not None:
            self._status_agrees(status, progress, where)
        if where.failed or task_id is None or period is None or status is None:
            return None
        return TaskReport(
            task_id,
            period,
            status,
            progress,
            cells.get("note", ""),
            where.file,
            where.line,
            unit,
        )

    def _existed(self, code: str, period: Period, where: _Where) -> None:
        """A unit that merged or split away, or was made later, sends no figures for a period
        it did not exist in: name the unit that did."""
        from ..compute.units import absence

        found = absence(self.plan, code, period)
        if found is not None:
            problem, hint = found
            where.error("unit-not-in-period", problem, "unit_code", hint)

    def _task_reporter(self, task_id: str, unit: str, where: _Where) -> None:
        """Progress comes from the task's leads (every member of a lead group): a report from
        anyone else would decide a task that is not theirs."""
        reporters = self._reporters.get(task_id)
        if reporters is None:
            reporters = self._reporters[task_id] = task_reporters(
                self.plan, self.plan.task_by_id[task_id]
            )
        if unit not in reporters:
            task = self.plan.task_by_id[task_id]
            where.error(
                "task-not-led",
                msg("finding.task-not-led", unit=unit, task=task_id, leads=", ".join(task.lead)),
                "unit_code",
                msg("finding.task-not-led.hint"),
            )

    def _status_agrees(self, status: str, progress: float, where: _Where) -> None:
        """``done`` at 30 % or ``not_started`` at 40 %: which one is true cannot be guessed."""
        if (status == "done" and progress < 100) or (status == "not_started" and progress > 0):
            where.error(
                "status-progress-mismatch",
                msg(
                    "finding.status-progress-mismatch",
                    status=Both(say(f"task.{status}", "vi"), status),
                    progress=figure(f"{progress:g}"),
                ),
                "progress",
                msg("finding.status-progress-mismatch.hint"),
            )

    def _task_id(self, raw: str, where: _Where) -> str | None:
        by_upper = self._task_ids_upper
        if raw.upper() in by_upper:
            return by_upper[raw.upper()]
        number = re.sub(r"^(?:nv|nhiem vu)\s*[-.:]?\s*", "", fold(raw))
        ids = self._task_numbers.get(number, [])
        if len(ids) == 1:
            return ids[0]
        if ids:
            hint = msg(
                "finding.unknown-task.twice.hint",
                number=raw,
                ids=joined(ids, " or ", " hoặc "),
            )
        else:
            # Never another number: NV-1.55 is not NV-1.5.
            hint = msg("finding.unknown-task.hint")
        where.error(
            "unknown-task",
            msg("finding.unknown-task", id=repr(raw)) if raw else msg("finding.unknown-task.empty"),
            "task_id",
            hint,
        )
        return None


def read_date(cell: str) -> dt.date | None:
    """A date as agencies write it: a date cell, 2023-04-05, or 05/04/2023 (day first)."""
    if isinstance(cell, DateCell):
        return cell.date
    text = cell.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    m = _DATE_DMY.match(text)
    if m:  # Vietnamese order: day / month / year
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    return None


class _Where:
    """Collects the findings of one row; knows the file, line and the headers as written."""

    __slots__ = ("failed", "file", "findings", "first_error", "headers", "line")

    def __init__(self, file: str, line: int, headers: dict[str, str], findings: list[Finding]):
        self.file = file
        self.line = line
        self.headers = headers
        self.findings = findings
        self.failed = False
        # "code: message" of the first error: why the row did not count (``RejectedRow.reason``,
        # shown by explain); words, so that it can be said in Vietnamese too
        self.first_error: Msg | None = None

    def error(self, code: str, message: str, column: str | None, hint: str | None = None) -> None:
        self.failed = True
        if self.first_error is None:
            self.first_error = msg("reason.finding", code=code, message=message)
        self._add(code, message, column, hint)

    def warning(self, code: str, message: str, column: str | None, hint: str | None = None) -> None:
        self._add(code, message, column, hint)

    def _add(self, code: str, message: str, column: str | None, hint: str | None) -> None:
        col = self.headers.get(column, column) if column else None
        self.findings.append(Finding(code, message, self.file, self.line, col, hint))


def make_where(file: str, line: int, headers: dict[str, str], findings: list[Finding]) -> _Where:
    return _Where(file, line, headers, findings)


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else figure(f"{x:g}")


def is_blank(cells: Sequence[str]) -> bool:
    return not any(c.strip() for c in cells)
