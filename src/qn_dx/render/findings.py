"""Validation results as text (grouped by file), JSON, or GitHub Actions annotations."""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..text import visible
from ..validate.model import Validation
from ..words import say
from .safe import json_text

_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def summary_line(v: Validation, lang: str = "en") -> str:
    return say(
        "validate.summary",
        lang,
        rows=v.rows,
        files=v.files,
        valid=v.rows_valid,
        invalid=v.rows_invalid,
        skipped=v.rows_skipped,
        errors=len(v.errors),
        warnings=len(v.warnings),
    )


def severity_word(severity: str, lang: str) -> str:
    return say(f"severity.{severity}", lang)


def print_text(console: Any, v: Validation, lang: str = "en") -> None:
    from rich.markup import escape  # rich only for the terminal form: json/github start faster

    current: str | None = None
    for f in v.findings:
        if f.file != current:
            current = f.file
            console.print(f"[bold]{escape(visible(current or '(run)'))}[/bold]")
        style = _STYLE.get(f.severity, "")
        word = escape(severity_word(f.severity, lang))
        console.print(f"  [{style}]{word}[/{style}] {escape(f.to_text(lang))}", soft_wrap=True)
    style = "bold green" if v.ok else "bold red"
    verdict = say("validate.ok" if v.ok else "validate.failed", lang)
    console.print(f"[{style}]{verdict}[/{style}] {escape(summary_line(v, lang))}", soft_wrap=True)


def to_text_plain(v: Validation, lang: str = "en") -> str:
    lines = [f"{severity_word(f.severity, lang)}: {f.to_text(lang)}" for f in v.findings]
    return "\n".join([*lines, summary_line(v, lang)])


def to_json(v: Validation, lang: str = "en") -> str:
    return json_text(v.to_dict(lang))  # strict JSON; a non-UTF-8 file name comes out as \xNN


def _gh_escape(text: str, prop: bool = False) -> str:
    # GitHub's workflow-command encoding: % \r \n always; also : and , inside properties. So a
    # newline, "::error" or a literal "%0A" in a file name or a message cannot start a line of
    # its own. Other control characters (ESC, tab, U+2028) are then shown escaped.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return visible(text)


def to_github(v: Validation, lang: str = "en") -> str:
    lines = []
    for f in v.findings:
        lines.append(_github_line(f, lang))
    lines.append(summary_line(v, lang))
    return "\n".join(lines) + "\n"


def _github_line(f: Finding, lang: str = "en") -> str:
    level = "error" if f.severity == "error" else "warning"
    props = []
    if f.file:
        props.append(f"file={_gh_escape(f.file, True)}")
    if f.line:
        props.append(f"line={f.line}")
    props.append(f"title={_gh_escape(f.code, True)}")
    hint = f.hint_text(lang)
    message = f.text(lang) + (f" ({hint})" if hint else "")
    return f"::{level} {','.join(props)}::{_gh_escape(message)}"
