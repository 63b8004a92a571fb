""".xls (Excel 97–2003, BIFF) → sheets, with xlrd.

xlrd reads the formats (a %-formatted cell holds a fraction), error cells, sheet visibility and
merged cells that the binary format stores. It is pure Python, so a hostile file can raise but not
abort; the format's own grid (65,536 × 256) bounds a sheet.
"""

from __future__ import annotations

from typing import Any

from ..findings import msg
from .cells import DateCell, ErrorCell, NumberCell
from .ooxml import excel_date, format_kind
from .workbook import MAX_MERGES, MAX_SHEETS, CellBudget, Sheet, WorkbookError, apply_merges, dense


def read_xls(raw: bytes) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd raises many kinds on broken bytes
        raise WorkbookError(
            msg("finding.file-unreadable.xls", error=f"{type(exc).__name__}: {exc}")
        ) from None
    try:
        if book.nsheets > MAX_SHEETS:
            raise WorkbookError(
                msg("finding.file-unreadable.sheets", n=f"{book.nsheets:,}", limit=MAX_SHEETS)
            )
        kinds = _format_kinds(book)
        budget = CellBudget()
        sheets = []
        for i in range(book.nsheets):
            sh = book.sheet_by_index(i)
            sheet = Sheet(sh.name, sh.visibility == 0)
            for r in range(sh.nrows):
                cells: dict[int, str] = {}
                for c, cell in enumerate(sh.row(r), start=1):
                    value = _cell(cell, kinds, book.datemode)
                    if value:
                        cells[c] = value
                if cells:
                    sheet.rows.append((r + 1, dense(cells, budget)))
                    info = sh.rowinfo_map.get(r)
                    if info is not None and info.hidden:
                        sheet.hidden_rows.append(r + 1)
            # xlrd: (first row, row after the last, first column, column after the last), 0-based
            if len(sh.merged_cells) > MAX_MERGES:
                raise WorkbookError(
                    msg(
                        "finding.file-unreadable.sheet-merges",
                        sheet=repr(sh.name),
                        limit=f"{MAX_MERGES:,}",
                    )
                )
            apply_merges(sheet, [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sh.merged_cells])
            sheets.append(sheet)
            book.unload_sheet(i)
        return sheets
    except WorkbookError:
        raise
    except Exception as exc:
        raise WorkbookError(
            msg("finding.file-unreadable.xls", error=f"{type(exc).__name__}: {exc}")
        ) from None
    finally:
        book.release_resources()


def _format_kinds(book: Any) -> list[str]:
    """XF index → "percent", "date", "text" or ""."""
    out = []
    for xf in book.xf_list:
        fmt = book.format_map.get(xf.format_key)
        out.append(format_kind(fmt.format_str) if fmt is not None else "")
    return out


def _cell(cell: Any, kinds: list[str], datemode: int) -> str:
    import xlrd

    ctype = cell.ctype
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if ctype == xlrd.XL_CELL_TEXT:
        return str(cell.value)
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return "true" if cell.value else "false"
    if ctype == xlrd.XL_CELL_ERROR:
        return ErrorCell(xlrd.error_text_from_code.get(cell.value, "#ERROR"))
    kind = kinds[cell.xf_index] if cell.xf_index is not None and cell.xf_index < len(kinds) else ""
    number = float(cell.value)
    if ctype == xlrd.XL_CELL_DATE or kind == "date":
        date = excel_date(number, bool(datemode))
        if date is not None:
            return DateCell(date)
    return NumberCell(number, percent=kind == "percent")
