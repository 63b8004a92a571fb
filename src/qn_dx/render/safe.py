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
    """Strict JSON, indented, UTF-8 text as it is (not \\u-escaped), with a final newline.

    The same bytes as ``json.dumps(jsonable(doc), ensure_ascii=False, indent=2)``, written by
    ``_encode``: with ``indent`` the standard library falls back to its pure-Python generator
    encoder, which took 7 s for the 44 MB that `missing --format json` writes for a national
    plan; this writes it in a third of that (strings still go through the C escaper)."""
    out: list[str] = []
    _encode(doc, "\n", out)
    out.append("\n")
    return "".join(out)


_escape = json.encoder.encode_basestring  # C, ensure_ascii=False
_float_repr = float.__repr__
_int_repr = int.__repr__


_LEAF = frozenset({str, int, float, bool, type(None)})


def _scalar(value: Any) -> str:
    """A string, number, boolean or None as json.dumps writes it (non-finite: null)."""
    if isinstance(value, str):
        return _escape(clean(value))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return _float_repr(value) if math.isfinite(value) else "null"
    return _int_repr(value)


def _encode(value: Any, newline: str, out: list[str]) -> None:
    """``value`` as json.dumps(indent=2) writes it, at the depth ``newline`` indents to."""
    kind = type(value)
    if kind is dict and value and all(type(v) in _LEAF for v in value.values()):
        inner = newline + "  "  # a dict of plain values, the most common kind: in one go
        body = ("," + inner).join(_key(k) + ": " + _scalar(v) for k, v in value.items())
        out.append("{" + inner + body + newline + "}")
        return
    if kind is list and value and all(type(v) in _LEAF for v in value):
        inner = newline + "  "
        out.append("[" + inner + ("," + inner).join(map(_scalar, value)) + newline + "]")
        return
    if value is None or isinstance(value, str | int | float):
        out.append(_scalar(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        first = True
        for k, v in value.items():
            out.append(("{" if first else ",") + inner)
            first = False
            out.append(_key(k))
            out.append(": ")
            _encode(v, inner, out)
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        first = True
        for v in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _encode(v, inner, out)
        out.append(newline + "]")
    else:  # what json.dumps would refuse (a Path, a set …): its error, not a silent text
        out.append(json.dumps(jsonable(value), ensure_ascii=False, indent=2, allow_nan=False))


def _key(k: Any) -> str:
    """A dict key as json.dumps writes it: strings escaped, numbers, booleans and None as text."""
    if isinstance(k, str):
        return _scalar(k)
    if k is None or isinstance(k, int | float):
        return '"' + _scalar(k) + '"'
    return json.dumps({k: 0})[1:-4]  # raises TypeError for keys JSON cannot hold


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
