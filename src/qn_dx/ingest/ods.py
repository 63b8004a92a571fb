""".ods (OpenDocument spreadsheet) → sheets, streaming content.xml, sparse and bounded.

A cell says what it is: ``office:value-type`` float / percentage / currency / date / boolean /
string; LibreOffice marks an error result with ``calcext:value-type="error"``. Rows and cells
repeat (``number-rows-repeated``, ``number-columns-repeated``): LibreOffice pads every sheet with
a million empty rows that way, so empty repeats only advance the position, and filled ones are
counted against the cell budget before they are copied.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from xml.etree.ElementTree import Element

from ..findings import msg
from .cells import DateCell, ErrorCell, FormulaCell, NumberCell
from .workbook import (
    EXCEL_ROWS,
    MAX_COLUMNS,
    MAX_SHEETS,
    CellBudget,
    Sheet,
    WorkbookError,
    dense,
)

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
MAX_ROW_INDEX = EXCEL_ROWS * 16  # LibreOffice allows more rows than Excel; past this: refuse


def _t(name: str) -> str:
    return f"{{{_TABLE}}}{name}"


def _repeat(elem: Element, attr: str) -> int:
    text = elem.get(_t(attr), "1")
    if not text.isdigit() or len(text) > 9:
        raise WorkbookError(msg("finding.file-unreadable.repeat", text=repr(text[:20])))
    return max(1, int(text))


def read_ods(zf: zipfile.ZipFile) -> list[Sheet]:
    from defusedxml import ElementTree as SafeET

    budget = CellBudget()
    hidden_styles: set[str] = set()
    sheets: list[Sheet] = []
    sheet: Sheet | None = None
    row_index = 0
    try:
        with zf.open("content.xml") as fh:
            for event, elem in SafeET.iterparse(fh, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == _t("table"):
                        if len(sheets) >= MAX_SHEETS:
                            raise WorkbookError(
                                msg("finding.file-unreadable.over-sheets", limit=MAX_SHEETS)
                            )
                        style = elem.get(_t("style-name"), "")
                        sheet = Sheet(elem.get(_t("name"), ""), style not in hidden_styles)
                        sheets.append(sheet)
                        row_index = 0
                    continue
                if tag == f"{{{_STYLE}}}style" and elem.get(f"{{{_STYLE}}}family") == "table":
                    for props in elem:
                        if props.get(_t("display")) == "false":
                            hidden_styles.add(elem.get(f"{{{_STYLE}}}name", ""))
                elif tag == _t("table-row") and sheet is not None:
                    repeat = _repeat(elem, "number-rows-repeated")
                    cells = _row_cells(elem)
                    if cells:
                        row = dense(cells)
                        budget.take(len(row) * repeat)  # before a million copies, not after
                        hidden = elem.get(_t("visibility"), "visible") != "visible"
                        for k in range(repeat):
                            sheet.rows.append((row_index + k + 1, list(row)))
                            if hidden:
                                sheet.hidden_rows.append(row_index + k + 1)
                    row_index += repeat
                    if row_index > MAX_ROW_INDEX:
                        raise WorkbookError(
                            msg(
                                "finding.file-unreadable.sheet-rows",
                                sheet=repr(sheet.name),
                                rows=f"{MAX_ROW_INDEX:,}",
                            )
                        )
                    elem.clear()
                elif tag == _t("table"):
                    elem.clear()
                    sheet = None
    except WorkbookError:
        raise
    except KeyError:
        raise WorkbookError(msg("finding.file-unreadable.no-content")) from None
    except Exception as exc:  # XML errors, defusedxml refusals, broken deflate streams
        raise WorkbookError(
            msg("finding.file-unreadable.content", error=type(exc).__name__)
        ) from None
    return sheets


def _row_cells(row: Element) -> dict[int, str]:
    cells: dict[int, str] = {}
    column = 0
    for c in row:
        if c.tag not in (_t("table-cell"), _t("covered-table-cell")):
            continue
        repeat = _repeat(c, "number-columns-repeated")
        value = _cell(c)
        if value:
            for k in range(min(repeat, MAX_COLUMNS + 1 - column)):
                cells[column + k + 1] = value
            if column + repeat > MAX_COLUMNS and column < MAX_COLUMNS + 1:
                cells[MAX_COLUMNS + 1] = value  # the row has cells past the kept columns
        column += repeat
    return cells


def _cell(c: Element) -> str:
    kind = c.get(f"{{{_OFFICE}}}value-type")
    text = "\n".join("".join(p.itertext()) for p in c if p.tag.endswith("}p"))
    formula = c.get(_t("formula"))
    if c.get(f"{{{_CALCEXT}}}value-type") == "error":
        return ErrorCell(text)
    if kind is None:
        if formula and not text:
            return FormulaCell(formula.split(":", 1)[-1])  # "of:=1/0" → "=1/0"
        if formula and text.startswith(("#", "Err:")):
            return ErrorCell(text)
        return text
    value = c.get(f"{{{_OFFICE}}}value")
    if kind in ("float", "currency", "percentage"):
        try:
            return NumberCell(float(value or ""), percent=kind == "percentage")
        except ValueError:
            raise WorkbookError(
                msg("finding.file-unreadable.ods-number", text=repr(str(value)[:20]))
            ) from None
    if kind == "date":
        try:
            return DateCell(dt.date.fromisoformat((c.get(f"{{{_OFFICE}}}date-value") or "")[:10]))
        except ValueError:
            return text
    if kind == "boolean":
        return "true" if c.get(f"{{{_OFFICE}}}boolean-value") == "true" else "false"
    return text
