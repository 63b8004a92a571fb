"""Files → findings and clean observations: the validate stage of the pipeline.

Cross-row rules hold across every file of one run: the same (indicator, unit, period) twice, and
overlapping periods (a month inside a reported quarter) for one indicator and unit.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..ingest.headers import ACTUALS_FIGURES
from ..ingest.periods import Period
from ..ingest.read import MAX_BYTES, read_table
from ..plan import Plan
from ..plan.load import display_path
from .model import Observation, RejectedRow, TaskReport, Validation
from .rows import RowChecker, is_blank, make_where

SUFFIXES = (".csv", ".xlsx")


class PathNotFound(Exception):
    pass


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders → every *.csv and *.xlsx below them, sorted. Excel's "~$" lock
    files are not submissions."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("~$")
            )
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            raise PathNotFound(str(p))
    return list(dict.fromkeys(files))  # a file named twice is read once


def validate_paths(
    plan: Plan,
    paths: Iterable[Path],
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Validation:
    paths = list(paths)
    files = expand_paths(paths)
    run = _Run(plan)
    run.result.paths = files
    for folder in paths:
        if folder.is_dir() and not any(f.is_relative_to(folder) for f in files):
            run.result.findings.append(
                Finding("no-input-files", "no .csv or .xlsx file here", file=display_path(folder))
            )
    for i, f in enumerate(files):
        run.file(f, display_path(f), i, encoding, max_bytes)
    return run.finish()


class _Slot:
    """What one (indicator, unit) has reported so far in this run."""

    __slots__ = ("conflicted", "occupied", "periods")

    def __init__(self) -> None:
        self.periods: dict[Period, Observation] = {}  # first valid row for each period
        self.occupied: dict[int, int] = {}  # year → months taken, as a bit mask
        self.conflicted: set[Period] = set()  # periods with conflicting rows


class _Run:
    def __init__(self, plan: Plan):
        self.checker = RowChecker(plan)
        self.result = Validation()
        self.order: dict[str, int] = {}
        # Cross-row state per (indicator, unit): far fewer keys than rows, so a million rows
        # cost one small dict per unit rather than one tuple key per row.
        self.slots: dict[tuple[str, str], _Slot] = {}
        self.dropped: set[int] = set()  # id() of observations invalidated by a later row
        self.seen_tasks: dict[tuple[str, str], TaskReport] = {}
        self.conflicted_tasks: set[tuple[str, str]] = set()

    def file(
        self, path: Path, label: str, index: int, encoding: str | None, max_bytes: int
    ) -> None:
        res = self.result
        res.files += 1
        self.order[label] = index
        table = read_table(path, label, encoding, max_bytes)
        res.findings.extend(table.findings)
        if not table.readable:
            return
        headers = {c: h for c, h in zip(table.columns, table.headers, strict=True) if c}
        width = len(table.columns)
        positions = [(i, c) for i, c in enumerate(table.columns) if c]
        is_tasks = table.kind == "tasks"
        try:
            self._rows(table, label, headers, width, positions, is_tasks)
        except csv.Error as exc:
            # The broken record (from its line to the end of the file) is one invalid row.
            line = getattr(exc, "line", None)
            if line is not None:
                res.rows += 1
                res.rows_invalid += 1
            res.findings.append(
                Finding(
                    "bad-csv",
                    f"the file is not valid CSV: {exc}",
                    file=label,
                    line=line,
                    hint='close the quote, or remove the stray " character',
                )
            )

    def _rows(
        self,
        table: Any,
        label: str,
        headers: dict[str, str],
        width: int,
        positions: list[tuple[int, str]],
        is_tasks: bool,
    ) -> None:
        res = self.result
        for line, cells in table.rows:
            res.rows += 1
            if is_blank(cells):
                res.rows_skipped += 1
                continue
            where = make_where(label, line, headers, res.findings)
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                where.error(
                    "extra-cells",
                    f"{len(cells)} cells but the header has {width} columns",
                    None,
                    "a delimiter inside a value? quote the value or remove the extra cells",
                )
                res.rows_invalid += 1
                continue
            row: dict[str, str] = {}
            for i, name in positions:
                if i < len(cells) and name not in row:
                    row[name] = cells[i]
            if is_tasks:
                self._task_row(row, where)
            else:
                self._actual_row(row, where)

    def _actual_row(self, row: dict[str, str], where: Any) -> None:
        res = self.result
        if not any(row.get(c, "").strip() for c in ACTUALS_FIGURES):
            where.warning(
                "unfilled-row",
                "no numerator, denominator or value: skipped",
                None,
                "fill the figures or delete the row",
            )
            res.rows_skipped += 1
            return
        obs = self.checker.actual(row, where)
        if obs is None:
            res.rows_invalid += 1
            self._reject(row, where)
            return
        slot = self.slots.get((obs.indicator_id, obs.unit_code))
        if slot is None:
            slot = self.slots[(obs.indicator_id, obs.unit_code)] = _Slot()
        first = slot.periods.get(obs.period)
        if first is not None:
            self._duplicate(first, obs, slot, where)
            return
        year = obs.period.year
        if slot.occupied.get(year, 0) & obs.period.months_mask:  # some month is taken already
            other = next(o for o in slot.periods.values() if o.period.overlaps(obs.period))
            where.error(
                "overlapping-periods",
                f"{obs.indicator_id} for {obs.unit_code}: {obs.period.label} overlaps "
                f"{other.period.label} at {other.file}:{other.line} (double counting)",
                "period",
                "report either months or quarters (or the year) for one indicator, not both",
            )
            res.rows_invalid += 1
            self._reject(row, where)
            return
        slot.periods[obs.period] = obs
        slot.occupied[year] = slot.occupied.get(year, 0) | obs.period.months_mask
        res.observations.append(obs)
        res.rows_valid += 1

    def _reject(self, row: dict[str, str], where: Any) -> None:
        self.result.rejected.append(
            RejectedRow(
                row.get("indicator_id", "").strip().upper(),
                row.get("unit_code", "").strip(),
                row.get("period", "").strip(),
                where.file,
                where.line,
                where.first_error or "",
            )
        )

    def _duplicate(self, first: Observation, obs: Observation, slot: _Slot, where: Any) -> None:
        res = self.result
        label = f"{obs.indicator_id} for {obs.unit_code} in {obs.period.label}"
        if first.figures() == obs.figures() and obs.period not in slot.conflicted:
            where.warning(
                "duplicate-row",
                f"{label} repeats {first.file}:{first.line} with the same figures; counted once",
                None,
            )
            res.rows_skipped += 1
            return
        where.error(
            "conflicting-duplicate",
            f"{label} is also at {first.file}:{first.line} with different figures",
            None,
            "keep one row",
        )
        res.rows_invalid += 1
        self._reject_obs(obs, where.first_error)
        if obs.period not in slot.conflicted:  # the first row is just as doubtful: drop it too
            slot.conflicted.add(obs.period)
            self.dropped.add(id(first))
            res.findings.append(
                Finding(
                    "conflicting-duplicate",
                    f"{label} is also at {obs.file}:{obs.line} with different figures",
                    first.file,
                    first.line,
                    None,
                    "keep one row",
                )
            )
            res.rows_valid -= 1
            res.rows_invalid += 1
            self._reject_obs(first, f"conflicting-duplicate: also at {obs.file}:{obs.line}")

    def _reject_obs(self, o: Observation, reason: str | None) -> None:
        self.result.rejected.append(
            RejectedRow(o.indicator_id, o.unit_code, o.period.label, o.file, o.line, reason or "")
        )

    def _task_row(self, row: dict[str, str], where: Any) -> None:
        res = self.result
        if not row.get("status", "").strip() and not row.get("progress", "").strip():
            where.warning("unfilled-row", "no status or progress: skipped", None)
            res.rows_skipped += 1
            return
        report = self.checker.task(row, where)
        if report is None:
            res.rows_invalid += 1
            return
        key = (report.task_id, report.period.label)
        first = self.seen_tasks.get(key)
        if first is not None:
            label = f"task {report.task_id} in {report.period.label}"
            if first.figures() == report.figures() and key not in self.conflicted_tasks:
                where.warning(
                    "duplicate-row",
                    f"{label} repeats {first.file}:{first.line}; counted once",
                    None,
                )
                res.rows_skipped += 1
                return
            message = "with a different status or progress"
            where.error(
                "conflicting-duplicate",
                f"{label} is also at {first.file}:{first.line} {message}",
                None,
                "keep one row",
            )
            res.rows_invalid += 1
            if key not in self.conflicted_tasks:  # as for actuals: the first row is doubtful too
                self.conflicted_tasks.add(key)
                self.dropped.add(id(first))
                res.findings.append(
                    Finding(
                        "conflicting-duplicate",
                        f"{label} is also at {report.file}:{report.line} {message}",
                        first.file,
                        first.line,
                        None,
                        "keep one row",
                    )
                )
                res.rows_valid -= 1
                res.rows_invalid += 1
            return
        self.seen_tasks[key] = report
        res.task_reports.append(report)
        res.rows_valid += 1

    def finish(self) -> Validation:
        res = self.result
        if self.dropped:
            res.observations = [o for o in res.observations if id(o) not in self.dropped]
            res.task_reports = [t for t in res.task_reports if id(t) not in self.dropped]
        res.findings.sort(key=lambda f: (self.order.get(f.file or "", -1), f.line or 0))
        return res
