"""Text from files and plans, made safe for each place qn-dx writes it.

- JSON: strict (no NaN or Infinity: a non-finite number becomes null) and valid UTF-8 (a file
  name that is not UTF-8 is escaped, ``\\xff``).
- Markdown: no link, image, autolink or raw HTML can form from data, in table cells or headings.
- Terminal: rich markup in data (``[/]``, ``[red]``, ``[link=…]``) is shown as it is written, and
  control characters (ESC, newlines) are shown escaped.

Spreadsheet cells are made safe by ``listing.neutralise`` and ``listing.xlsx_append``.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..text import clean, visible


def jsonable(value: Any) -> Any:
    """``value`` with every non-finite float as None and every string valid Unicode."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def json_text(doc: Any) -> str:
    """Strict JSON, indented, UTF-8 text as it is (not \\u-escaped), with a final newline."""
    return json.dumps(jsonable(doc), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# Markdown punctuation that can start a link or image ("[" and "]": with both escaped, no
# "[text](javascript:…)" can form, so "(" stays readable), code, emphasis or a table cell, escaped
# with a backslash (CommonMark). "_" only where it could open or close emphasis: DON_VI stays.
# "<", ">" and "&" become entities: no raw HTML, no <autolink>.
_MD_PUNCT = re.compile(r"[\\`*\[\]|~]|(?<![^\W_])_|_(?![^\W_])")
_NEWLINES = re.compile(r"[\r\n]+")


def md(text: Any) -> str:
    """Text from a file or a plan, for a Markdown table cell or heading: one line, with no
    markup of its own (so ``[x](javascript:…)`` and ``<script>`` stay text)."""
    text = visible(_NEWLINES.sub(" ", str(text)))
    text = _MD_PUNCT.sub(lambda m: "\\" + m.group(), text)
    if text.startswith("::"):  # never a CI annotation (::error::) at the start of a line
        text = "\\" + text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_text(value: Any) -> Any:
    """A value for an HTML template (escaped by Jinja2 afterwards): one line, controls and
    bidi overrides shown as escapes, and never ``::`` first (a forged CI annotation when the
    page is printed to a log)."""
    if not isinstance(value, str) or hasattr(value, "__html__"):
        return value
    text = visible(_NEWLINES.sub(" ", value))
    return "\u200b" + text if text.startswith("::") else text


def term(text: Any) -> Any:
    """A rich ``Text`` that shows ``text`` literally: no markup, controls escaped."""
    from rich.text import Text

    return Text(visible(str(text)))


def markup(text: Any) -> str:
    """``text`` to embed in a rich markup string: markup escaped, controls escaped."""
    from rich.markup import escape

    return escape(visible(str(text)))
