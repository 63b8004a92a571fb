"""Validation results as text (grouped by file), JSON, or GitHub Actions annotations."""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..text import visible
from ..validate.model import Validation
from .safe import json_text

_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def summary_line(v: Validation) -> str:
    return (
        f"{v.rows} rows in {v.files} file(s): {v.rows_valid} valid, {v.rows_invalid} invalid, "
        f"{v.rows_skipped} skipped — {len(v.errors)} error(s), {len(v.warnings)} warning(s)"
    )


def print_text(console: Any, v: Validation) -> None:
    from rich.markup import escape  # rich only for the terminal form: json/github start faster

    current: str | None = None
    for f in v.findings:
        if f.file != current:
            current = f.file
            console.print(f"[bold]{escape(visible(current or '(run)'))}[/bold]")
        style = _STYLE.get(f.severity, "")
        console.print(f"  [{style}]{f.severity}[/{style}] {escape(f.to_text())}", soft_wrap=True)
    style = "bold green" if v.ok else "bold red"
    verdict = "OK" if v.ok else "FAILED"
    console.print(f"[{style}]{verdict}[/{style}] {escape(summary_line(v))}", soft_wrap=True)


def to_text_plain(v: Validation) -> str:
    lines = [f"{f.severity}: {f.to_text()}" for f in v.findings]
    return "\n".join([*lines, summary_line(v)])


def to_json(v: Validation) -> str:
    return json_text(v.to_dict())  # strict JSON; a non-UTF-8 file name comes out as \xNN


def _gh_escape(text: str, prop: bool = False) -> str:
    # GitHub's workflow-command encoding: % \r \n always; also : and , inside properties. So a
    # newline, "::error" or a literal "%0A" in a file name or a message cannot start a line of
    # its own. Other control characters (ESC, tab, U+2028) are then shown escaped.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return visible(text)


def to_github(v: Validation) -> str:
    lines = []
    for f in v.findings:
        lines.append(_github_line(f))
    lines.append(summary_line(v))
    return "\n".join(lines) + "\n"


def _github_line(f: Finding) -> str:
    level = "error" if f.severity == "error" else "warning"
    props = []
    if f.file:
        props.append(f"file={_gh_escape(f.file, True)}")
    if f.line:
        props.append(f"line={f.line}")
    props.append(f"title={_gh_escape(f.code, True)}")
    message = f.message + (f" ({f.hint})" if f.hint else "")
    return f"::{level} {','.join(props)}::{_gh_escape(message)}"
