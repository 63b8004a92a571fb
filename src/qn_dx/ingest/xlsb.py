""".xlsb (Excel binary workbook) → sheets, with python-calamine in a child process.

calamine allocates a sheet's whole used range at once, so one cell at ``XFD1048576`` asks for
hundreds of gigabytes and aborts the process (a Rust panic, not a Python exception). The child
runs under a memory limit and a time limit; if it dies, only this file is lost, as a finding.
calamine does not tell formats, formulas or error cells apart in .xlsb: a %-formatted cell reads
as its fraction (and is then refused as ``percent-as-fraction`` where a percent is due), an error
cell as empty. The README says so.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import sys
from typing import Any

from ..findings import msg
from .cells import DateCell, NumberCell
from .workbook import MAX_CELLS, MAX_SHEETS, CellBudget, Sheet, WorkbookError, dense

CHILD_MEMORY = 2 * 1024**3  # bytes of address space the reading child may use
CHILD_SECONDS = 60


def read_xlsb(raw: bytes) -> list[Sheet]:
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(raw, child), daemon=True)  # type: ignore[attr-defined]
    proc.start()
    child.close()
    try:
        if not parent.poll(CHILD_SECONDS):
            raise WorkbookError(msg("finding.file-unreadable.xlsb-time", seconds=CHILD_SECONDS))
        outcome = parent.recv()
    except (EOFError, OSError):
        outcome = ("error", msg("finding.file-unreadable.xlsb-memory"))
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if outcome[0] == "error":
        raise WorkbookError(outcome[1])
    budget = CellBudget()
    return [
        Sheet(
            name,
            visible,
            [(n, dense({c: _cell(v) for c, v in cells}, budget)) for n, cells in rows],
        )
        for name, visible, rows in outcome[1]
    ]


def _child(raw: bytes, conn: Any) -> None:  # pragma: no cover - runs in the child process
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    except (ImportError, ValueError, OSError):
        pass
    try:
        conn.send(("ok", _read(raw)))
    except WorkbookError as exc:
        conn.send(("error", exc.message))
    except BaseException as exc:
        conn.send(("error", msg("finding.file-unreadable.xlsb", error=type(exc).__name__)))
    finally:
        conn.close()


def _read(raw: bytes) -> list[tuple[str, bool, list[tuple[int, list[tuple[int, Any]]]]]]:
    """Plain values only (numbers, text, dates): they cross the pipe by pickle."""
    import io

    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    metas = book.sheets_metadata
    if len(metas) > MAX_SHEETS:
        raise WorkbookError(
            msg("finding.file-unreadable.sheets", n=f"{len(metas):,}", limit=MAX_SHEETS)
        )
    out = []
    used = 0
    for meta in metas:
        sheet = book.get_sheet_by_name(meta.name)
        start = sheet.start or (0, 0)
        rows = []
        for i, values in enumerate(sheet.iter_rows()):
            cells = [(start[1] + j + 1, v) for j, v in enumerate(values) if v not in (None, "")]
            used += len(cells)
            if used > MAX_CELLS:
                raise WorkbookError(msg("finding.file-unreadable.cells", limit=f"{MAX_CELLS:,}"))
            if cells:
                rows.append((start[0] + i + 1, cells))
        out.append((meta.name, meta.visible == SheetVisibleEnum.Visible, rows))
    return out


def _cell(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return NumberCell(float(value))
    if isinstance(value, dt.datetime):
        return DateCell(value.date())
    if isinstance(value, dt.date):
        return DateCell(value)
    return str(value)
