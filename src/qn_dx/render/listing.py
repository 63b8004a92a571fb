"""Plain listings (targets, tasks): rows of dicts as a rich table, JSON or CSV; and the
spreadsheet-cell safety every CSV and Excel writer of qn-dx shares (``neutralise``,
``xlsx_append``, ``sheet_titles``)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..text import clean, visible
from .safe import json_text, term

BOM = "\ufeff"
# Text cells starting with these are formulas to Excel/LibreOffice; a leading apostrophe keeps
# them text (OWASP "CSV injection"). LF too: some importers trim it and read what follows.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: Any) -> Any:
    """Make a text cell safe to open in a spreadsheet; numbers stay numbers.

    The one function every CSV and Excel writer calls for each cell: text that would start a
    formula gets a leading apostrophe.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        if _PLAIN_NUMBER.fullmatch(value):  # "-1,8255" in a Vietnamese CSV: a number, no formula
            return value
        return "'" + value
    return value


# A number as qn-dx writes one (-2, +6, -1,8255, -1.234,5): Excel reads it as a number, never as
# a formula, so it keeps no apostrophe (which would make it text that cannot be summed).
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def to_json(rows: Any) -> str:
    return json_text(rows)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """UTF-8 CSV text with a BOM (so Excel on Vietnamese Windows shows diacritics)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return BOM + buf.getvalue()


def csv_cell(value: Any) -> Any:
    """One cell of any CSV qn-dx writes: one line, controls shown escaped, no formula."""
    return neutralise(_csv_cell(value))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _csv_cell(value: Any) -> Any:
    """A cell's text with control characters shown escaped, newlines too (``\\n``): one record is
    one line, so a CSV printed in a CI log cannot start a line with "::error", and ``cat
    report.csv`` cannot drive the terminal. Tabs stay (CSV quotes them)."""
    value = _cell(value)
    return visible(value, keep="\t") if isinstance(value, str) else value


def print_table(
    console: Any,
    title: str,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    caption: str | None = None,
) -> None:
    """``columns``: (key, header) pairs. Title, caption and cells are shown literally: markup in
    the data (``[/]``, ``[red]``) is text, control characters are escaped."""
    from rich.table import Table

    table = Table(
        title=term(title),
        caption=term(caption) if caption is not None else None,
        show_lines=False,
        header_style="bold",
    )
    for _key, header in columns:
        table.add_column(term(header), overflow="fold")
    for row in rows:
        table.add_row(*(term(_cell(row.get(key))) for key, _header in columns))
    console.print(table)


# --- Excel ----------------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold (openpyxl refuses them); shown escaped instead.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
SHEET_NAME_MAX = 31  # Excel counts UTF-16 code units


def xlsx_text(value: str) -> str:
    """A text cell for a workbook: valid XML, valid Unicode, and no formula (``neutralise``)."""
    value = clean(value)
    if _XML_ILLEGAL.search(value):
        value = _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return neutralise(value)


def xlsx_append(sheet: Any, values: Iterable[Any]) -> None:
    """Append one row; every text cell passes ``xlsx_text`` and is stored as a string (openpyxl
    would otherwise turn "=…" into a formula and "#N/A" into an error value)."""
    row = [xlsx_text(v) if isinstance(v, str) else v for v in values]
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def sheet_titles(names: Iterable[str]) -> list[str]:
    """Valid, distinct Excel sheet names for ``names``, in order: no ``[]:*?/\\`` or control
    characters, not empty, no apostrophe at either end, at most 31 characters, unique ignoring
    case (as Excel compares them), and not "History" (reserved by Excel)."""
    taken = {"history"}
    out = []
    for name in names:
        base = _SHEET_FORBIDDEN.sub(" ", clean(str(name))).strip().strip("'").strip() or "Sheet"
        title, n = _fit(base, ""), 1
        while title.casefold() in taken:
            n += 1
            title = _fit(base, f" ({n})")
        taken.add(title.casefold())
        out.append(title)
    return out


def _fit(base: str, suffix: str) -> str:
    while base and _utf16_len(base + suffix) > SHEET_NAME_MAX:
        base = base[:-1]
    base = base.rstrip().rstrip("'").rstrip()
    return (base + suffix).strip() or "Sheet"


def pin_zip_times(data: bytes) -> bytes:
    """openpyxl stamps the current time into a workbook (zip entries and docProps/core.xml); pin
    it so that the same input gives the same bytes."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2000-01-01T00:00:00Z", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, body)
    return out.getvalue()
