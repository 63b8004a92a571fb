"""Jinja2 for the HTML and Markdown outputs: HTML with autoescape on, Markdown with every value
passed through the Markdown escaper, so that text from a file or a plan can never become markup
(a ``<script>``, a ``[link](javascript:…)``, a table cell break)."""

from __future__ import annotations

from functools import cache
from typing import Any

from .safe import html_text, md


@cache
def _env(kind: str) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    if kind == "html":
        return Environment(
            loader=PackageLoader("qn_dx.render", "templates"),
            autoescape=select_autoescape(["html", "j2"], default=True),
            finalize=html_text,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    return Environment(
        loader=PackageLoader("qn_dx.render", "templates"),
        autoescape=False,
        finalize=lambda value: md(value) if isinstance(value, str) and not _raw(value) else value,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class Raw(str):
    """Markdown the renderer wrote itself (bold markers, a table rule): not escaped."""


def _raw(value: Any) -> bool:
    return isinstance(value, Raw)


def render(name: str, **context: Any) -> str:
    """Render ``templates/name`` (``*.html.j2`` with HTML autoescape, ``*.md.j2`` escaped as
    Markdown)."""
    kind = "html" if name.endswith(".html.j2") else "md"
    return str(_env(kind).get_template(name).render(**context))
