""".ods (OpenDocument spreadsheet) → sheets, streaming content.xml, sparse and bounded.

A cell says what it is: ``office:value-type`` float / percentage / currency / date / boolean /
string; LibreOffice marks an error result with ``calcext:value-type="error"``. Rows and cells
repeat (``number-rows-repeated``, ``number-columns-repeated``): LibreOffice pads every sheet with
a million empty rows that way, so empty repeats only advance the position, and filled ones are
counted against the cell budget before they are copied.

A cell's text is what LibreOffice shows: its paragraphs (``text:p``) joined by line breaks, with
``text:s`` (spaces, ``text:c`` of them), ``text:tab`` and ``text:line-break`` kept as the
characters they stand for, text inside ``text:span`` and ``text:a`` kept, and the XML's own white
space collapsed as OpenDocument says (a run of it is one space, none at a paragraph's start).
A cell that spans others (``table:number-rows-spanned`` / ``number-columns-spanned``) makes the
cells it covers ``MergedCell``: their value is not there, and is never copied down.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from ..findings import msg
from .cells import DateCell, ErrorCell, FormulaCell, NumberCell
from .workbook import (
    EXCEL_ROWS,
    MAX_COLUMNS,
    MAX_MERGES,
    MAX_SHEETS,
    CellBudget,
    Merge,
    Sheet,
    WorkbookError,
    apply_merges,
    dense,
)

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
MAX_ROW_INDEX = EXCEL_ROWS * 16  # LibreOffice allows more rows than Excel; past this: refuse
MAX_CELL_TEXT = 32_767  # characters of one cell (Excel's limit): text:s may not inflate past it
# office:value is an xsd:double; float() would also take "1_000", "nan" and "inf"
_NUMBER = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")
_XML_SPACE = re.compile(r"[ \t\r\n]+")
# Inside a paragraph, elements whose text is not part of the cell's shown text
_NOT_SHOWN = frozenset({f"{{{_TEXT}}}note", f"{{{_TEXT}}}ruby-text", f"{{{_OFFICE}}}annotation"})


def _t(name: str) -> str:
    return f"{{{_TABLE}}}{name}"


_TABLE_TAG, _ROW, _CELL, _COVERED = (
    _t(name) for name in ("table", "table-row", "table-cell", "covered-table-cell")
)
_ROWS_REPEATED = _t("number-rows-repeated")
_COLUMNS_REPEATED = _t("number-columns-repeated")
_ROWS_SPANNED, _COLUMNS_SPANNED = _t("number-rows-spanned"), _t("number-columns-spanned")


def _repeat(elem: Element, attr: str) -> int:
    """A count attribute (``attr``: its full name) of ``elem``; 1 when absent."""
    text = elem.get(attr, "1")
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise WorkbookError(msg("finding.file-unreadable.repeat", text=repr(text[:20])))
    return max(1, int(text))


def read_ods(zf: zipfile.ZipFile) -> list[Sheet]:
    from defusedxml import ElementTree as SafeET

    budget = CellBudget()
    hidden_styles: set[str] = set()
    sheets: list[Sheet] = []
    sheet: Sheet | None = None
    row_index = 0
    merges: list[Merge] = []
    try:
        with zf.open("content.xml") as fh:
            for event, elem in SafeET.iterparse(fh, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == _TABLE_TAG:
                        if len(sheets) >= MAX_SHEETS:
                            raise WorkbookError(
                                msg("finding.file-unreadable.over-sheets", limit=MAX_SHEETS)
                            )
                        style = elem.get(_t("style-name"), "")
                        sheet = Sheet(elem.get(_t("name"), ""), style not in hidden_styles)
                        sheets.append(sheet)
                        row_index = 0
                        merges = []
                    continue
                if tag == f"{{{_STYLE}}}style" and elem.get(f"{{{_STYLE}}}family") == "table":
                    for props in elem:
                        if props.get(_t("display")) == "false":
                            hidden_styles.add(elem.get(f"{{{_STYLE}}}name", ""))
                elif tag == _ROW and sheet is not None:
                    repeat = _repeat(elem, _ROWS_REPEATED)
                    cells = _row_cells(elem, row_index, repeat, merges, sheet.name)
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
                elif tag == _TABLE_TAG:
                    elem.clear()
                    if sheet is not None and merges:
                        apply_merges(sheet, merges)
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


def _row_cells(
    row: Element, row_index: int, repeat: int, merges: list[Merge], sheet: str
) -> dict[int, str]:
    """The cells of a row by column (1-based); the areas its spanning cells merge are added to
    ``merges`` (one per copy of a repeated row)."""
    cells: dict[int, str] = {}
    column = 0
    for c in row:
        tag = c.tag
        if tag != _CELL and tag != _COVERED:
            continue
        columns = _repeat(c, _COLUMNS_REPEATED)
        spans = tag == _CELL and (_ROWS_SPANNED in c.attrib or _COLUMNS_SPANNED in c.attrib)
        if spans and column < MAX_COLUMNS:
            rows_spanned = _repeat(c, _ROWS_SPANNED)
            columns_spanned = _repeat(c, _COLUMNS_SPANNED)
            if rows_spanned > 1 or columns_spanned > 1:
                if len(merges) + repeat > MAX_MERGES:
                    raise WorkbookError(
                        msg(
                            "finding.file-unreadable.sheet-merges",
                            sheet=repr(sheet),
                            limit=f"{MAX_MERGES:,}",
                        )
                    )
                for k in range(repeat):
                    top = row_index + k + 1
                    merges.append(
                        (top, column + 1, top + rows_spanned - 1, column + columns_spanned)
                    )
        value = _cell(c)
        if value:
            for k in range(min(columns, MAX_COLUMNS + 1 - column)):
                cells[column + k + 1] = value
            if column + columns > MAX_COLUMNS and column < MAX_COLUMNS + 1:
                cells[MAX_COLUMNS + 1] = value  # the row has cells past the kept columns
        column += columns
    return cells


def _paragraph(p: Element, budget: list[int]) -> str:
    """The text a paragraph shows. ``budget``: characters that text:s may still add."""
    if len(p) == 0:  # plain text, the common case
        text = p.text or ""
        if text.isprintable() and "  " not in text and not text.startswith(" "):
            return text  # no white space to collapse (isprintable: no tab, CR or LF)
    parts: list[str] = []
    after_space = True  # a paragraph's leading white space is not shown

    def literal(text: str | None) -> None:
        nonlocal after_space
        if not text:
            return
        text = _XML_SPACE.sub(" ", text)
        if after_space:
            text = text.lstrip(" ")
        if text:
            parts.append(text)
            after_space = text.endswith(" ")

    # Depth first without recursion: spans may nest as deep as the XML does.
    literal(p.text)
    stack: list[tuple[Iterator[Element], Element | None]] = [(iter(p), None)]
    while stack:
        children, owner = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if owner is not None:
                literal(owner.tail)
            continue
        tag = child.tag
        if tag == f"{{{_TEXT}}}s":
            count = child.get(f"{{{_TEXT}}}c", "1")
            if not (count.isascii() and count.isdigit()):
                raise WorkbookError(msg("finding.file-unreadable.spaces", text=repr(count[:20])))
            n = max(1, int(count) if len(count) <= 12 else MAX_CELL_TEXT + 1)
            budget[0] -= n
            if budget[0] < 0:
                raise WorkbookError(
                    msg("finding.file-unreadable.many-spaces", limit=f"{MAX_CELL_TEXT:,}")
                )
            parts.append(" " * n)
            after_space = False  # spaces written out are shown as they are
        elif tag == f"{{{_TEXT}}}tab":
            parts.append("\t")
            after_space = False
        elif tag == f"{{{_TEXT}}}line-break":
            parts.append("\n")
            after_space = False
        elif tag not in _NOT_SHOWN:  # span, a, meta …: their text is shown
            literal(child.text)
            stack.append((iter(child), child))
            continue
        literal(child.tail)
    return "".join(parts)


_P = f"{{{_TEXT}}}p"
_VALUE_TYPE, _VALUE = f"{{{_OFFICE}}}value-type", f"{{{_OFFICE}}}value"
_FORMULA, _RESULT_TYPE = _t("formula"), f"{{{_CALCEXT}}}value-type"


def _cell(c: Element) -> str:
    kind = c.get(_VALUE_TYPE)
    budget = [MAX_CELL_TEXT]
    text = "\n".join(_paragraph(p, budget) for p in c if p.tag == _P)
    formula = c.get(_FORMULA)
    if c.get(_RESULT_TYPE) == "error":
        return ErrorCell(text)
    if kind is None:
        if formula and not text:
            return FormulaCell(formula.split(":", 1)[-1])  # "of:=1/0" → "=1/0"
        if formula and text.startswith(("#", "Err:")):
            return ErrorCell(text)
        return text
    value = c.get(_VALUE)
    if kind in ("float", "currency", "percentage"):
        if not value:
            # No number stored: what the cell shows is all there is. Its text goes on as text,
            # read as a CSV cell would be (a figure if it is a clean number, else refused on its
            # cell); a formula without text is a formula saved without its value.
            if text.strip():
                return text
            if formula:
                return FormulaCell(formula.split(":", 1)[-1])
            return ErrorCell(f"no number in this {kind} cell")
        if not _NUMBER.match(value):  # float() would take "nan", "inf" and "1_000"
            return ErrorCell(f"office:value {value[:20]!r} is not a number")
        return NumberCell(float(value), percent=kind == "percentage")
    if kind == "date":
        try:
            return DateCell(dt.date.fromisoformat((c.get(f"{{{_OFFICE}}}date-value") or "")[:10]))
        except ValueError:
            return text
    if kind == "boolean":
        return "true" if c.get(f"{{{_OFFICE}}}boolean-value") == "true" else "false"
    return text
