"""Every finding qn-dx can report: one catalogue of codes, one data shape, one text form.

A finding is data first (code, file, line, column, message, hint) and text second. Each code is
defined once, here, with its severity and a one-line meaning that the README and `qn-dx codes`
show; code that raises a finding names the code and fills in the specifics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from .text import visible
from .words import say

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Code:
    """A finding code and its severity. What it means and what to do about it are words of the
    catalogue (``code.<code>`` and ``hint.<code>`` in ``words_findings``), in both languages."""

    code: str
    severity: Severity

    @property
    def meaning(self) -> str:
        """The one-line meaning in English (the README, ``qn-dx codes``' default)."""
        return say(f"code.{self.code}", "en")

    def meaning_text(self, lang: str = "en") -> str:
        return say(f"code.{self.code}", lang)

    def hint_text(self, lang: str = "en") -> str:
        """What to do about a finding of this code, in general."""
        return say(f"hint.{self.code}", lang)


_CODES: tuple[Code, ...] = (
    # --- the plan folder (qn-dx check, and every command that loads the plan) -------------------
    Code("plan-file-missing", "error"),
    Code("plan-file-too-large", "error"),
    Code("yaml-syntax", "error"),
    Code("yaml-unsafe", "error"),
    Code("plan-schema", "error"),
    # (issue 11: plan files that are not plain files, and keys given twice)
    Code("plan-file-unreadable", "error"),
    Code("yaml-duplicate-key", "error"),
    Code("duplicate-id", "error"),
    Code("unknown-agency", "error"),
    Code("unknown-unit-type", "error"),
    Code("empty-scope", "error"),
    Code("budget-mismatch", "error"),
    Code("bad-parent", "error"),
    Code("bad-successor", "error"),
    Code("unit-ends-without-successor", "warning"),
    Code("task-number-repeated", "note"),
    Code("task-number-gap", "note"),
    # (issue 14: plans over time — any year's plan, leads held to the task table)
    Code("lead-contradicts-tasks", "error"),
    Code("rank-out-of-universe", "error"),
    Code("baseline-year", "warning"),
    # --- submitted files (qn-dx validate): the whole file -----------------------------------------
    Code("path-not-found", "error"),
    Code("no-input-files", "warning"),
    Code("ignored-file", "warning"),
    Code("symlink-outside", "warning"),
    Code("file-unreadable", "error"),
    Code("file-empty", "error"),
    Code("file-binary", "error"),
    Code("file-undecodable", "error"),
    Code("file-too-large", "error"),
    Code("too-many-columns", "error"),
    Code("line-too-long", "error"),
    Code("encoding-fallback", "warning"),
    Code("not-a-workbook", "warning"),
    Code("bad-csv", "error"),
    Code("delimiter-mismatch", "warning"),
    Code("rows-above-header", "warning"),
    Code("data-above-header", "error"),
    Code("hidden-sheet", "warning"),
    Code("hidden-rows", "warning"),
    Code("no-contract-sheet", "error"),
    Code("number-style", "warning"),
    Code("missing-column", "error"),
    Code("duplicate-column", "error"),
    Code("unknown-column", "warning"),
    # --- submitted files: one row ---------------------------------------------------------------
    Code("extra-cells", "error"),
    Code("unsplit-row", "error"),
    Code("invalid-bytes", "error"),
    Code("multiline-field", "error"),
    Code("field-too-large", "error"),
    Code("number-in-note", "error"),
    Code("repeated-header", "warning"),
    Code("total-row", "warning"),
    Code("text-rows", "warning"),
    Code("cell-error", "error"),
    Code("formula-without-value", "error"),
    Code("merged-cell", "error"),
    Code("period-from-date", "warning"),
    Code("unfilled-row", "warning"),
    Code("figures-outside-contract", "error"),
    Code("unknown-indicator", "error"),
    Code("unknown-unit", "error"),
    Code("unit-out-of-scope", "error"),
    Code("unit-not-in-period", "error"),
    Code("bad-period", "error"),
    Code("period-out-of-range", "error"),
    Code("bad-number", "error"),
    Code("ambiguous-number", "error"),
    Code("mixed-number-style", "error"),
    Code("percent-as-fraction", "error"),
    Code("negative-number", "error"),
    Code("not-whole-number", "error"),
    Code("numerator-exceeds-denominator", "error"),
    Code("zero-denominator", "error"),
    Code("zero-over-zero", "warning"),
    Code("value-mismatch", "error"),
    Code("missing-ratio-parts", "error"),
    Code("missing-value", "error"),
    Code("value-out-of-range", "error"),
    Code("bad-milestone", "error"),
    Code("unknown-task", "error"),
    Code("bad-status", "error"),
    Code("task-not-led", "error"),
    Code("status-progress-mismatch", "error"),
    Code("bad-basis", "error"),
    Code("bad-date", "error"),
    Code("guide-mismatch", "error"),
    # --- submitted files: across rows and files -------------------------------------------------
    Code("conflicting-duplicate", "error"),
    Code("duplicate-row", "warning"),
    Code("overlapping-periods", "error"),
    Code("mixed-basis", "error"),
    Code("cumulative-decreases", "error"),
    Code("superseded", "warning"),
    # --- computing (report, summary, missing, explain) -------------------------------------------
    Code("unit-not-placed", "warning"),
    Code("superseded-by-successor", "warning"),
    Code("cumulative-across-change", "warning"),
    Code("sparse-latest-period", "warning"),
    Code("partial-baseline", "warning"),
    Code("year-to-date-gaps", "warning"),
)

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}


class Msg(str):
    """Words from the catalogue (``words``): a ``str`` holding their English text — what JSON,
    logs and tests have always read — that also carries its key and parameters, so that
    ``Finding.text("vi")`` can say it in Vietnamese. Call sites write
    ``msg("finding.bad-period", text=…)``.

    A parameter may itself be words (a ``Msg`` or ``Both``): it is said in the same language.
    Joining words with ``+`` gives a plain ``str`` (English only): use another key, a parameter,
    or ``Both``/``joined`` instead."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, say(key, "en", **params))
        self.key = key
        self.params = params
        return self

    def text(self, lang: str) -> str:
        if not self.params:
            return say(self.key, lang)
        return say(self.key, lang, **{k: said(v, lang) for k, v in self.params.items()})

    def __reduce__(self) -> Any:  # pickled (a forked reader's findings) as what it is
        return (_msg, (self.key, self.params))


class Both(str):
    """Text that is not in the catalogue but exists in both languages (a level's name from the
    plan, words joined from several ``Msg``): a ``str`` holding the English, like ``Msg``."""

    vi: str

    def __new__(cls, vi: str, en: str) -> Both:
        self = super().__new__(cls, en)
        self.vi = vi
        return self

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" else str.__str__(self)

    def __reduce__(self) -> Any:
        return (Both, (self.vi, str.__str__(self)))


def column_word(name: str) -> str:
    """A contract column named in a message: ``numerator`` in English, ``tử số`` in Vietnamese."""
    from .words import has

    return msg(f"field.{name}") if has(f"field.{name}") else name


def figure(text: str) -> str:
    """A number written into a message (``91.5``, ``80.00``): with a decimal comma when said in
    Vietnamese (``91,5``), as the hint asks the reader to write it. Whole numbers stay as
    they are."""
    return Both(text.replace(".", ","), text) if "." in text else text


def joined(parts: Iterable[str], sep: str = ", ", sep_vi: str | None = None) -> Both:
    """``parts`` (words or plain text) joined by ``sep``, in both languages."""
    items = list(parts)
    return Both(
        (sep if sep_vi is None else sep_vi).join(said(p, "vi") or "" for p in items),
        sep.join(str.__str__(p) for p in items),
    )


def day_words(day: Any) -> Both:
    """A day as each language writes it: ``31/03/2026`` in Vietnamese, ``2026-03-31`` in
    English (ISO)."""
    return Both(f"{day.day:02d}/{day.month:02d}/{day.year}", day.isoformat())


def period_words(period: Any) -> Both:
    """A period as each language names it: ``Quý II/2026`` in Vietnamese, ``2026-Q2`` in
    English."""
    from .words import period_label

    return Both(period_label(period, "vi"), period.label)


def _msg(key: str, params: dict[str, Any]) -> Msg:
    return Msg(key, **params)


_PLAIN: dict[str, Msg] = {}  # words without parameters: one object per key (hints repeat a lot)


def msg(key: str, /, **params: Any) -> Msg:
    """A message or hint from the catalogue: ``msg("finding.unknown-unit", code=…)``."""
    if params:
        return Msg(key, **params)
    found = _PLAIN.get(key)
    if found is None:
        found = _PLAIN[key] = Msg(key)
    return found


def said(text: Any, lang: str) -> Any:
    """``text`` in ``lang`` when it is words (``Msg``, ``Both``), else as it is."""
    if isinstance(text, Msg | Both):
        return text.text(lang)
    return text


@dataclass(frozen=True)
class Finding:
    code: str
    message: str  # a Msg (catalogue words), or Both
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
