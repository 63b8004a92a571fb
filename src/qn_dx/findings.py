"""Every finding qn-dx can report: one catalogue of codes, one data shape, one text form.

A finding is data first (code, file, line, column, message, hint) and text second. Each code is
defined once, here, with its severity and a one-line meaning that the README and `qn-dx codes`
show; code that raises a finding names the code and fills in the specifics.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    meaning: str


_CODES: tuple[Code, ...] = (
    # --- the plan folder (qn-dx check, and every command that loads the plan) -------------------
    Code("plan-file-missing", "error", "a file of the plan folder does not exist"),
    Code("plan-file-too-large", "error", "a plan YAML file is larger than the limit"),
    Code("yaml-syntax", "error", "a plan file is not valid YAML"),
    Code("yaml-unsafe", "error", "a plan file uses YAML features that are refused (tags, aliases)"),
    Code("plan-schema", "error", "a plan file does not match its schema (wrong field or value)"),
    Code("duplicate-id", "error", "two entries of the plan share one id or code"),
    Code(
        "unknown-agency", "error", "a lead/coordinating/member code names no agency, group or unit"
    ),
    Code("unknown-unit-type", "error", "a scope names a unit type that no unit has"),
    Code("empty-scope", "error", "a target's scope selects no reporting unit"),
    Code("budget-mismatch", "error", "budget parts do not add up to the stated total"),
    Code("bad-parent", "error", "a unit's parent is missing or of the wrong level"),
    Code("task-number-repeated", "note", "Phụ lục 2 prints the same task number twice"),
    Code("task-number-gap", "note", "Phụ lục 2 skips a task number"),
)

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: str | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:  # a typo in a code must fail loudly in tests, not ship
            raise ValueError(f"finding code {self.code!r} is not in the catalogue")

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity
        return data

    def location(self) -> str:
        parts = [p for p in (self.file, self.line, self.column) if p not in (None, "")]
        return ":".join(str(p) for p in parts)

    def to_text(self) -> str:
        where = self.location()
        hint = f" ({self.hint})" if self.hint else ""
        head = f"{where}: " if where else ""
        return f"{head}{self.code}: {self.message}{hint}"


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


class FindingsError(Exception):
    """Raised when work cannot go on; carries the findings that say why."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(f.to_text() for f in findings))
