"""The closed vocabularies of qn-dx, each defined once: statuses, measures, operators, bases,
languages and output formats.

They are ``StrEnum``s, so a value is its canonical string everywhere it goes (JSON, CSV keys, YAML,
comparisons with plain strings still hold) while the CLI's choices, the renderers and the words
catalogue all iterate the same members. An unknown value is a usage error at the edge, never a
``KeyError`` deep inside.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    met = "met"
    on_track = "on_track"
    off_track = "off_track"
    pending = "pending"
    not_met = "not_met"
    no_data = "no_data"


class TaskStatus(StrEnum):
    done = "done"
    in_progress = "in_progress"
    delayed = "delayed"
    not_started = "not_started"
    overdue = "overdue"
    not_reported = "not_reported"


class Measure(StrEnum):
    ratio = "ratio"  # 100 × Σnumerator / Σdenominator
    value = "value"  # one figure (a percent, a count or a rank)
    milestone = "milestone"  # done / not done


class UnitKind(StrEnum):
    percent = "percent"
    # named like str.count: the member is what the plan files write
    count = "count"  # type: ignore[assignment]
    rank = "rank"


class Op(StrEnum):
    ge = ">="
    gt = ">"
    le = "<="
    increase = "increase"  # above the baseline
    done = "done"  # a milestone


class PeriodRule(StrEnum):
    latest = "latest"
    year_to_date = "year_to_date"


class Basis(StrEnum):
    period = "period"  # this period's own figures (trong kỳ)
    cumulative = "cumulative"  # year-to-date totals (lũy kế)


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    md = "md"  # the same as markdown, as file names spell it
    xlsx = "xlsx"
    html = "html"


class SummaryFormat(StrEnum):
    markdown = "markdown"
    md = "md"  # the same as markdown
    json = "json"
    html = "html"
    docx = "docx"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class TextFormat(StrEnum):
    text = "text"
    json = "json"


# What an output file's extension says about its format.
EXTENSIONS: dict[str, str] = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
    ".docx": "docx",
}
