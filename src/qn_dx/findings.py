"""Every finding qn-dx can report: one catalogue of codes, one data shape, one text form.

A finding is data first (code, file, line, column, message, hint) and text second. Each code is
defined once, here, with its severity and a one-line meaning that the README and `qn-dx codes`
show; code that raises a finding names the code and fills in the specifics.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from .text import visible
from .words import say

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    meaning: str


_CODES: tuple[Code, ...] = (
    # --- the plan folder (qn-dx check, and every command that loads the plan) -------------------
    Code("plan-file-missing", "error", "a file of the plan folder does not exist"),
    Code("plan-file-too-large", "error", "a plan file is larger than the limit"),
    Code("yaml-syntax", "error", "a plan file is not valid YAML"),
    Code("yaml-unsafe", "error", "a plan file uses YAML features that are refused (tags, aliases)"),
    Code("plan-schema", "error", "a plan file does not match its schema (wrong field or value)"),
    # (issue 11: plan files that are not plain files, and keys given twice)
    Code(
        "plan-file-unreadable",
        "error",
        "a plan file cannot be read: a FIFO, device or folder, or no permission",
    ),
    Code("yaml-duplicate-key", "error", "a YAML mapping gives the same key twice"),
    Code("duplicate-id", "error", "two entries of the plan share one id, code or indicator key"),
    Code(
        "unknown-agency",
        "error",
        "a lead, coordinating, member or scope code names nothing known",
    ),
    Code("unknown-unit-type", "error", "a scope names a unit type that no unit has"),
    Code("empty-scope", "error", "a target's scope selects no reporting unit"),
    Code("budget-mismatch", "error", "budget parts do not add up to the stated total"),
    Code("bad-parent", "error", "a unit's parent is missing or of the wrong level"),
    Code("task-number-repeated", "note", "Phụ lục 2 prints the same task number twice"),
    Code("task-number-gap", "note", "Phụ lục 2 skips a task number"),
    # (issue 14: plans over time — any year's plan, leads held to the task table)
    Code(
        "lead-contradicts-tasks",
        "error",
        "a target's leads are not what the task-table rows it links to say",
    ),
    Code(
        "rank-out-of-universe",
        "error",
        "a rank target's goal or baseline lies outside its rank universe, or none is set",
    ),
    Code(
        "baseline-year",
        "warning",
        "a target's baseline is of another year than the plan's baseline year",
    ),
    # --- submitted files (qn-dx validate): the whole file -----------------------------------------
    Code("path-not-found", "error", "a path given on the command line does not exist"),
    Code("no-input-files", "warning", "a folder holds no submission file"),
    Code("ignored-file", "warning", "a file in a submissions folder is not of a kind qn-dx reads"),
    Code("symlink-outside", "warning", "a symbolic link leaves the folder given: not followed"),
    Code("file-unreadable", "error", "the file cannot be opened or is not a readable workbook"),
    Code("file-empty", "error", "the file is empty or has no header row"),
    Code("file-binary", "error", "the file is binary (NUL bytes), not text"),
    Code("file-undecodable", "error", "the bytes are not text in a supported encoding"),
    Code("file-too-large", "error", "the file is larger than the size limit"),
    Code("too-many-columns", "error", "the header has more columns than any submission would"),
    Code(
        "line-too-long",
        "error",
        "a line is far longer than any header or row (over 1,000,000 characters): file not read",
    ),
    Code("encoding-fallback", "warning", "not UTF-8: the file was read as Windows-1258"),
    Code("not-a-workbook", "warning", "a file with a spreadsheet name holds text: read as text"),
    Code("bad-csv", "error", "the CSV structure is broken (e.g. a quote left open)"),
    Code("delimiter-mismatch", "warning", "header and rows use different separators"),
    Code("rows-above-header", "warning", "title rows above the header are not read as data"),
    Code("data-above-header", "error", "a row above the header names a target: data out of place"),
    Code("hidden-sheet", "warning", "a hidden sheet has the contract's columns; never read"),
    Code("hidden-rows", "warning", "rows hidden in Excel hold cells; they are read"),
    Code("no-contract-sheet", "error", "no visible sheet of a workbook has the contract's header"),
    Code("number-style", "warning", "the file's number style decided how '3.000' was read"),
    Code("missing-column", "error", "a required column is missing from the header"),
    Code("duplicate-column", "error", "two header cells name the same column"),
    Code("unknown-column", "warning", "a header cell is not part of the contract; it is ignored"),
    # --- submitted files: one row ---------------------------------------------------------------
    Code("extra-cells", "error", "a row has more cells than the header"),
    Code("unsplit-row", "error", "a row is too short for the header: not separated like it"),
    Code("invalid-bytes", "error", "a line of a UTF-8 file holds bytes that are not UTF-8"),
    Code("multiline-field", "error", "a record spans several lines (a stray quote or line break)"),
    Code("field-too-large", "error", "a cell is longer than an Excel cell can be"),
    Code(
        "number-in-note",
        "error",
        "a comma-separated row's note is a bare number: a decimal comma split a figure?",
    ),
    Code("repeated-header", "warning", "the header row appears again below it; skipped"),
    Code("total-row", "warning", "a total row (Tổng cộng) under the data; skipped"),
    Code(
        "text-rows",
        "warning",
        "rows that name no target or task and hold no figure (headings, signatures); skipped",
    ),
    Code("cell-error", "error", "a spreadsheet cell holds an error value (#DIV/0!, #N/A …)"),
    Code("formula-without-value", "error", "a formula was saved without its computed value"),
    Code(
        "merged-cell",
        "error",
        "a cell of the row is covered by merged cells: the value is only in the area's first cell",
    ),
    Code("period-from-date", "warning", "a date cell in the period column is read as its month"),
    Code("unfilled-row", "warning", "a row has no figures (an unfilled template row); skipped"),
    Code(
        "figures-outside-contract",
        "error",
        "a row's only figures are in columns the contract does not know",
    ),
    Code("unknown-indicator", "error", "indicator_id is not a target id of the plan"),
    Code("unknown-unit", "error", "unit_code names no unit or agency"),
    Code("unit-out-of-scope", "error", "this unit does not report this indicator (level or type)"),
    Code("bad-period", "error", "the period is not a month, quarter or year we can read"),
    Code("period-out-of-range", "error", "the period lies outside the baseline and plan years"),
    Code("bad-number", "error", "a figure is not a number"),
    Code("ambiguous-number", "error", "'3.000' could be 3 or 3000 and the file does not say"),
    Code("mixed-number-style", "error", "a number is written in the file's minority style"),
    Code("percent-as-fraction", "error", "a percentage written as a fraction (0,91 for 91 %)"),
    Code("negative-number", "error", "a figure is negative"),
    Code("not-whole-number", "error", "a count (numerator, denominator, count, rank) is not whole"),
    Code("numerator-exceeds-denominator", "error", "numerator is larger than denominator"),
    Code("zero-denominator", "error", "denominator is 0 while numerator is not"),
    Code("zero-over-zero", "warning", "numerator and denominator are both 0: contributes nothing"),
    Code("value-mismatch", "error", "value disagrees with 100 × numerator / denominator"),
    Code("missing-ratio-parts", "error", "a ratio indicator needs numerator and denominator"),
    Code("missing-value", "error", "a value or milestone indicator needs a value"),
    Code(
        "value-out-of-range",
        "error",
        "a value lies outside its range (percent 0–100, rank 1 to the plan's rank universe)",
    ),
    Code("bad-milestone", "error", "a milestone value is not done / not_done (or a synonym)"),
    Code("unknown-task", "error", "task_id is not a task id of the plan"),
    Code("bad-status", "error", "a task status is not one of the allowed words"),
    Code("task-not-led", "error", "a task report comes from a unit that does not lead the task"),
    Code(
        "status-progress-mismatch",
        "error",
        "a task's status and progress disagree (done below 100 %, not started above 0 %)",
    ),
    Code("bad-basis", "error", "basis is not period (trong kỳ) or cumulative (lũy kế)"),
    Code("bad-date", "error", "a submission date cannot be read, or cannot be true"),
    Code("guide-mismatch", "error", "a template's unit name or title names another unit/target"),
    # --- submitted files: across rows and files -------------------------------------------------
    Code(
        "conflicting-duplicate",
        "error",
        "the same indicator, unit and period twice, figures differ",
    ),
    Code("duplicate-row", "warning", "the same indicator, unit and period twice, same figures"),
    Code("overlapping-periods", "error", "overlapping periods for one indicator and unit"),
    Code("mixed-basis", "error", "one unit mixes per-period and cumulative figures in a year"),
    Code("cumulative-decreases", "error", "a year-to-date (lũy kế) total falls from one period"),
    Code("superseded", "warning", "a later submission (by its submitted date) replaces this row"),
    # --- computing (report, summary, missing, explain) -------------------------------------------
    Code("sparse-latest-period", "warning", "the latest period holds few rows: is it a typo?"),
    Code(
        "partial-baseline",
        "warning",
        "baseline-year figures stop short of the year's end: not used as the baseline",
    ),
    Code(
        "year-to-date-gaps",
        "warning",
        "a year-to-date sum misses earlier periods of the year for some units",
    ),
)

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}


class Msg(str):
    """Words from the catalogue (``words``): a ``str`` holding their English text — what JSON,
    logs and tests have always read — that also carries its key and parameters, so that
    ``Finding.text("vi")`` can say it in Vietnamese. Call sites write ``msg("key", x=…)``."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, say(key, "en", **params))
        self.key = key
        self.params = params
        return self

    def text(self, lang: str) -> str:
        return say(self.key, lang, **self.params)

    def __reduce__(self) -> Any:  # pickled (a forked reader's findings) as what it is
        return (_msg, (self.key, self.params))


def _msg(key: str, params: dict[str, Any]) -> Msg:
    return Msg(key, **params)


def msg(key: str, /, **params: Any) -> Msg:
    """A message or hint from the catalogue: ``msg("finding.unknown-unit.code", code=…)``."""
    return Msg(key, **params)


def said(text: str | None, lang: str) -> str | None:
    """``text`` in ``lang`` when it is catalogue words, else as it is."""
    if isinstance(text, Msg):
        return text.text(lang)
    return text


@dataclass(frozen=True)
class Finding:
    code: str
    message: str  # a Msg (catalogue words) or, for now, plain English
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

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        return said(self.message, lang) or ""

    def hint_text(self, lang: str = "en") -> str | None:
        return said(self.hint, lang)

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        data = asdict(self)
        data["message"] = self.text(lang)
        data["hint"] = self.hint_text(lang)
        data["severity"] = self.severity
        return data

    def location(self) -> str:
        parts = [p for p in (self.file, self.line, self.column) if p not in (None, "")]
        return ":".join(visible(str(p)) for p in parts)

    def to_text(self, lang: str = "en") -> str:
        """``file:line:column: code: message (hint)``, always one line: control characters in a
        file name, a header cell or a quoted value are shown escaped (``\\n``, ``\\x1b``)."""
        where = self.location()
        hint_text = self.hint_text(lang)
        hint = f" ({visible(hint_text)})" if hint_text else ""
        head = f"{where}: " if where else ""
        return f"{head}{self.code}: {visible(self.text(lang))}{hint}"


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


class FindingsError(Exception):
    """Raised when work cannot go on; carries the findings that say why."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(f.to_text() for f in findings))
