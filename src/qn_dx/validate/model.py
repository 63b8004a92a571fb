"""What validation produces: normalised observations and task reports, with where they came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..ingest.periods import Period


@dataclass(frozen=True, slots=True)  # slots: a million of them must fit in memory
class Observation:
    indicator_id: str
    unit_code: str
    period: Period
    numerator: float | None
    denominator: float | None
    value: float | None  # for ratios: as submitted (optional); for values: the figure
    done: bool | None  # milestones only
    note: str
    file: str
    line: int
    cumulative: bool = False  # basis: a year-to-date total (lũy kế), not this period's own
    submitted: dt.date | None = None

    @property
    def basis(self) -> str:
        return "cumulative" if self.cumulative else "period"

    def same_figures(self, other: Observation) -> bool:
        """The same figures: for a ratio the numerator and denominator decide (a submitted value
        is derived from them and already agrees within tolerance)."""
        if (self.numerator, self.denominator, self.done, self.cumulative) != (
            other.numerator,
            other.denominator,
            other.done,
            other.cumulative,
        ):
            return False
        return self.numerator is not None or self.value == other.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator_id": self.indicator_id,
            "unit_code": self.unit_code,
            "period": self.period.label,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "done": self.done,
            "basis": self.basis,
            "submitted": self.submitted.isoformat() if self.submitted else None,
            "note": self.note,
            "file": self.file,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class TaskReport:
    task_id: str
    period: Period
    status: str
    progress: float | None
    note: str
    file: str
    line: int
    unit_code: str | None = None  # the agency or unit reporting (several may lead one task)

    def figures(self) -> tuple[Any, ...]:
        return (self.status, self.progress)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task_id": self.task_id,
            "unit_code": self.unit_code,
            "period": self.period.label,
            "status": self.status,
            "progress": self.progress,
            "note": self.note,
            "file": self.file,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """An actuals row that failed validation, kept so `explain` can say why it did not count."""

    indicator_id: str
    unit_code: str
    period: str
    file: str
    line: int
    # "code: message" of its first error, in English as a str (what JSON and `missing` read);
    # a Msg, so that `explain` can say it in Vietnamese too (``findings.said``)
    reason: str


@dataclass
class TableCount:
    """Accounting of one table (a text file, or one sheet): rows = valid + invalid + skipped."""

    file: str
    rows: int = 0
    rows_valid: int = 0
    rows_invalid: int = 0
    rows_skipped: int = 0
    refused: str | None = None  # the code of the error that refused the whole table or file

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.file,
            "rows": self.rows,
            "rows_valid": self.rows_valid,
            "rows_invalid": self.rows_invalid,
            "rows_skipped": self.rows_skipped,
        }
        if self.refused:
            out["refused"] = self.refused
        return out


@dataclass
class Validation:
    """The outcome for a set of files. rows = rows_valid + rows_invalid + rows_skipped, always,
    for the whole run and for every table in ``tables``."""

    files: int = 0
    paths: list[Path] = field(default_factory=list)  # the files read, in order (run inputs)
    rows: int = 0
    rows_valid: int = 0
    rows_invalid: int = 0
    rows_skipped: int = 0
    findings: list[Finding] = field(default_factory=list)
    task_reports: list[TaskReport] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    tables: list[TableCount] = field(default_factory=list)
    run_warnings: list[Finding] = field(default_factory=list)  # about the run (e.g. its P)
    _observations: list[Observation] = field(default_factory=list, repr=False)
    _pending: Callable[[], list[Observation]] | None = field(default=None, repr=False)

    @property
    def observations(self) -> list[Observation]:
        """The valid rows, in file and line order. The column path makes them objects only
        when they are asked for: `validate` never needs a million of them."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._observations = pending()
        return self._observations

    @observations.setter
    def observations(self, value: list[Observation]) -> None:
        self._pending = None
        self._observations = value

    def defer_observations(self, make: Callable[[], list[Observation]]) -> None:
        self._pending = make

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON of `validate`: keys and codes in English, messages and hints in ``lang``."""
        return {
            "ok": self.ok,
            "files": self.files,
            "rows": self.rows,
            "rows_valid": self.rows_valid,
            "rows_invalid": self.rows_invalid,
            "rows_skipped": self.rows_skipped,
            "errors": [_finding_json(f, lang) for f in self.errors],
            "warnings": [_finding_json(f, lang) for f in self.warnings],
            "tables": [t.to_dict() for t in self.tables],
        }


def _finding_json(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "code": f.code,
        "message": f.text(lang),
        "hint": f.hint_text(lang),
    }
