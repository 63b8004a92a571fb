"""One data row → an observation (or task report), or the findings that say why not.

Rules follow the actuals contract v1 (see the README). Everything plan-dependent is looked up in
a ``RowChecker`` built once per run, so a row costs a few dictionary look-ups.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding
from ..ingest.numbers import is_whole, parse_number
from ..ingest.periods import Period, parse_period
from ..plan import Plan
from ..plan.models import Target
from ..plan.registry import in_scope
from ..text import closest, fold
from .model import Observation, TaskReport

VALUE_TOLERANCE = 0.1  # percentage points between a submitted ratio value and 100 × num / den
RANK_RANGE = (1, 63)  # 63 provinces in the national DTI ranking

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
}


class RowChecker:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.years = {plan.baseline_year, plan.plan_year}
        self.targets = plan.target_by_id
        self.units = plan.reporting_units
        self._scope_cache: dict[tuple[str, str], bool] = {}
        self._unit_names = {u.code: u.name for u in self.units.values()}
        self._task_ids_upper = {t.upper(): t for t in plan.task_by_id}
        self._hints: dict[str, str] = {}
        self._by_folded_name: dict[str, str] | None = None
        self._bucket_index: tuple[dict[tuple[int, str], list[str]], dict[str, list[str]]] | None = (
            None
        )
        self._task_numbers: dict[str, list[str]] = {}
        for task in plan.tasks:
            self._task_numbers.setdefault(task.number, []).append(task.id)

    # -- shared pieces ---------------------------------------------------------------------------
    def period(self, text: str, where: _Where) -> Period | None:
        if not text:
            where.error("bad-period", "period is empty", "period", "e.g. 2023-Q1, 2023-03 or 2023")
            return None
        p = parse_period(text)
        if p is None:
            where.error(
                "bad-period",
                f"cannot read period {text!r}",
                "period",
                "write 2023-Q1, 2023-03 or 2023 (also Quý I/2023, T3/2023, 03/2023)",
            )
            return None
        if p.year not in self.years:
            years = " and ".join(str(y) for y in sorted(self.years))
            where.error(
                "period-out-of-range",
                f"period {p.label} is outside the plan's years ({years})",
                "period",
            )
            return None
        return p

    def unit(self, text: str, where: _Where) -> str | None:
        code = text.strip()
        unit = self.units.get(code)
        if unit is not None:
            return unit.code  # the registry's own string, shared by every row that names it
        for candidate in (code.upper(), code.lstrip("0")):
            if candidate in self.units:
                return self.units[candidate].code
        hint = self._unit_hint(code)
        where.error("unknown-unit", f"unknown unit code {code!r}", "unit_code", hint)
        return None

    def _unit_hint(self, code: str) -> str | None:
        """ "Did you mean" for an unknown unit; cached, since one wrong code repeats in a file."""
        hint = self._hints.get(code)
        if hint is None:
            hint = self._hints[code] = self._compute_unit_hint(code) or ""
        return hint or None

    def _compute_unit_hint(self, code: str) -> str | None:
        if self._by_folded_name is None:
            self._by_folded_name = {fold(n): c for c, n in self._unit_names.items()}
        key = fold(code)
        if key in self._by_folded_name:
            return f"use the code {self._by_folded_name[key]}, not the name"
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
        return f"did you mean {c} ({self._unit_names[c]})?"

    def _buckets(self) -> tuple[dict[tuple[int, str], list[str]], dict[str, list[str]]]:
        if self._bucket_index is None:
            by_code: dict[tuple[int, str], list[str]] = {}
            by_name: dict[str, list[str]] = {}
            for c, n in self._unit_names.items():
                by_code.setdefault((len(c), c[:3]), []).append(c)
                by_name.setdefault(fold(n)[:3], []).append(n)
            self._bucket_index = (by_code, by_name)
        return self._bucket_index

    # -- actuals ----------------------------------------------------------------------------------
    def actual(self, cells: dict[str, str], where: _Where) -> Observation | None:
        indicator = cells.get("indicator_id", "").strip().upper()
        target = self.targets.get(indicator)
        if target is None:
            near = closest(indicator, self.targets, n=1) if indicator else []
            where.error(
                "unknown-indicator",
                f"unknown indicator {indicator!r}" if indicator else "indicator_id is empty",
                "indicator_id",
                f"did you mean {near[0]}?" if near else "see qn-dx targets for the ids",
            )
        unit = self.unit(cells.get("unit_code", ""), where)
        period = self.period(cells.get("period", "").strip(), where)
        if target is not None and unit is not None and not self._in_scope(target, unit):
            u = self.units[unit]
            where.error(
                "unit-out-of-scope",
                f"{unit} ({u.name}, {u.type or u.level}) does not report {target.id}, "
                f"whose scope is {target.scope.describe()}",
                "unit_code",
            )
        figures = self._figures(target, cells, where) if target is not None else None
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
        )

    def _in_scope(self, target: Target, unit: str) -> bool:
        key = (target.id, unit)
        hit = self._scope_cache.get(key)
        if hit is None:
            hit = self._scope_cache[key] = in_scope(self.units[unit], target.scope)
        return hit

    def _figures(
        self, target: Target, cells: dict[str, str], where: _Where
    ) -> tuple[float | None, float | None, float | None, bool | None] | None:
        if target.measure == "milestone":
            text = cells.get("value", "").strip()
            if not text:
                where.error(
                    "missing-value",
                    f"{target.id} is a milestone: value is empty",
                    "value",
                    "done or not_done",
                )
                return None
            done = MILESTONE_WORDS.get(fold(text))
            if done is None:
                where.error(
                    "bad-milestone",
                    f"cannot read milestone value {text!r}",
                    "value",
                    "done / not_done (also đạt / chưa đạt, hoàn thành, yes / no, 1 / 0, x)",
                )
                return None
            return None, None, None, done
        if target.measure == "value":
            text = cells.get("value", "").strip()
            if not text:
                where.error("missing-value", f"{target.id} needs a value", "value")
                return None
            value = self._number(text, "value", target.unit or "count", where)
            return (None, None, value, None) if value is not None else None
        # ratio
        num_text = cells.get("numerator", "").strip()
        den_text = cells.get("denominator", "").strip()
        if not num_text or not den_text:
            missing = " and ".join(
                n for n, t in (("numerator", num_text), ("denominator", den_text)) if not t
            )
            where.error(
                "missing-ratio-parts",
                f"{target.id} is a ratio: {missing} is empty",
                "numerator" if not num_text else "denominator",
                "a ratio is computed as 100 × Σnumerator / Σdenominator over units",
            )
            return None
        num = self._number(num_text, "numerator", "whole", where)
        den = self._number(den_text, "denominator", "whole", where)
        value_text = cells.get("value", "").strip()
        value = self._number(value_text, "value", "percent", where) if value_text else None
        if num is None or den is None:
            return None
        if den == 0 and num > 0:
            where.error(
                "zero-denominator", f"denominator is 0 but numerator is {_n(num)}", "denominator"
            )
            return None
        if num > den:
            where.error(
                "numerator-exceeds-denominator",
                f"numerator {_n(num)} is larger than denominator {_n(den)}",
                "numerator",
                "the numerator counts a part of the denominator",
            )
            return None
        if den == 0:
            where.warning("zero-over-zero", "0/0: this row contributes nothing", "denominator")
        elif value is not None and abs(value - 100 * num / den) > VALUE_TOLERANCE:
            where.error(
                "value-mismatch",
                f"value {_n(value)} disagrees with 100 × {_n(num)} / {_n(den)} = "
                f"{100 * num / den:.2f}",
                "value",
                f"leave value empty or write {100 * num / den:.1f}",
            )
            return None
        return num, den, value, None

    def _number(self, text: str, column: str, kind: str, where: _Where) -> float | None:
        if text.isascii() and text.isdigit():  # the common case: plain digits, nothing to parse
            value = float(text)
            if (kind == "percent" and value > 100) or (kind == "rank" and not 1 <= value <= 63):
                return self._number_checked(text, column, kind, where)
            return value
        return self._number_checked(text, column, kind, where)

    def _number_checked(self, text: str, column: str, kind: str, where: _Where) -> float | None:
        parsed = parse_number(text)
        if parsed.value is None:
            where.error(
                parsed.error or "bad-number",
                f"{column} {text!r} is not a number",
                column,
                parsed.hint,
            )
            return None
        value = parsed.value
        if parsed.had_percent and kind != "percent":
            where.error(
                "bad-number",
                f"{column} {text!r}: a % sign only goes on percent values",
                column,
                "write the count without %",
            )
            return None
        if value < 0:
            where.error("negative-number", f"{column} {text!r} is negative", column)
            return None
        if kind in ("whole", "count", "rank") and not is_whole(value):
            hint = "a count must be a whole number"
            if parsed.comma_decimal:
                hint = (
                    f"',' is read as the decimal mark, so {text!r} is {_n(value)}; "
                    "write whole numbers without thousands separators, e.g. 1234"
                )
            where.error(
                "not-whole-number", f"{column} {text!r} is not a whole number", column, hint
            )
            return None
        if kind == "percent" and value > 100:
            where.error("value-out-of-range", f"{column} {_n(value)} % is above 100", column)
            return None
        if kind == "rank" and not RANK_RANGE[0] <= value <= RANK_RANGE[1]:
            where.error(
                "value-out-of-range",
                f"rank {_n(value)} is outside 1–63",
                column,
                "a DTI rank among the 63 provinces",
            )
            return None
        return value

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
                f"cannot read status {status_text!r}",
                "status",
                "not_started, in_progress, done or delayed (or chưa triển khai, "
                "đang triển khai, hoàn thành, chậm tiến độ)",
            )
        progress_text = cells.get("progress", "").strip()
        progress = (
            self._number(progress_text, "progress", "percent", where) if progress_text else None
        )
        if where.failed or task_id is None or period is None or status is None:
            return None
        return TaskReport(
            task_id, period, status, progress, cells.get("note", ""), where.file, where.line
        )

    def _task_id(self, raw: str, where: _Where) -> str | None:
        by_upper = self._task_ids_upper
        if raw.upper() in by_upper:
            return by_upper[raw.upper()]
        ids = self._task_numbers.get(raw.removeprefix("NV-").removeprefix("nv-"), [])
        if len(ids) == 1:
            return ids[0]
        if ids:
            hint = f"number {raw} is printed twice in Phụ lục 2: use {' or '.join(ids)}"
        else:
            near = closest(raw, self.plan.task_by_id, n=1)
            hint = f"did you mean {near[0]}?" if near else "see qn-dx tasks for the ids"
        where.error(
            "unknown-task", f"unknown task {raw!r}" if raw else "task_id is empty", "task_id", hint
        )
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
        self.first_error: str | None = None

    def error(self, code: str, message: str, column: str | None, hint: str | None = None) -> None:
        self.failed = True
        if self.first_error is None:
            self.first_error = f"{code}: {message}"
        self._add(code, message, column, hint)

    def warning(self, code: str, message: str, column: str | None, hint: str | None = None) -> None:
        self._add(code, message, column, hint)

    def _add(self, code: str, message: str, column: str | None, hint: str | None) -> None:
        col = self.headers.get(column, column) if column else None
        self.findings.append(Finding(code, message, self.file, self.line, col, hint))


def make_where(file: str, line: int, headers: dict[str, str], findings: list[Finding]) -> _Where:
    return _Where(file, line, headers, findings)


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def is_blank(cells: Sequence[str]) -> bool:
    return not any(c.strip() for c in cells)
