"""Spreadsheet bytes → sheets of cells, bounded before anything is read.

Agencies send .xlsx, .xlsm, .xlsb, .xls and .ods. The format is told from the bytes, not the
name (a ".xls" is often a web page or an .xlsx renamed). Every reader is sparse (a cell at
``XFD1048576`` costs one cell, not a dense range), stops at the limits below, and turns any failure
of the bytes into ``WorkbookError``, which the caller reports as a located finding:

- .xlsx / .xlsm (and .ods): read here, streaming their XML with defusedxml, because they carry
  what trust depends on and python-calamine does not expose: number formats (a %-formatted cell
  holds a fraction), formulas saved without a value, error cells, hidden sheets;
- .xls: xlrd, which gives formats, error cells and sheet visibility for the binary format;
- .xlsb: python-calamine, in a child process with a memory limit, so that a hostile file can
  only end that child.
"""

from __future__ import annotations

import bisect
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..findings import msg
from .cells import MergedCell

MAX_SHEETS = 256
MAX_CELLS = 5_000_000  # non-empty cells in one workbook (a 700,000-row, 7-column submission)
MAX_COLUMNS = 1000  # the contract has a dozen columns; cells beyond this one are not kept
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
MAX_ENTRIES = 10_000  # files inside one zip container
MAX_RATIO = 200  # uncompressed / compressed size of one zip entry ("zip bomb")
MAX_MERGES = 1_000_000  # merged areas of one sheet

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class WorkbookError(Exception):
    """The bytes cannot be read as a workbook within the limits; ``code`` is a finding code."""

    def __init__(self, message: str, code: str = "file-unreadable", hint: str | None = None):
        self.code = code
        self.message = message
        self.hint = hint
        super().__init__(message)


@dataclass
class Sheet:
    name: str
    visible: bool
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)
    hidden_rows: list[int] = field(default_factory=list)  # rows hidden in Excel that hold cells


class CellBudget:
    """Counts non-empty cells across a workbook and stops at ``MAX_CELLS``."""

    def __init__(self, limit: int = MAX_CELLS):
        self.limit = limit
        self.used = 0

    def take(self, n: int = 1) -> None:
        self.used += n
        if self.used > self.limit:
            raise WorkbookError(
                msg("finding.file-too-large.cells", limit=f"{self.limit:,}"),
                "file-too-large",
                msg("finding.file-too-large.cells.hint"),
            )


def dense(cells: dict[int, str], budget: CellBudget | None = None) -> list[str]:
    """A row's cells by column (1-based keys) → a list from column A. Cells past MAX_COLUMNS
    are folded into one trailing cell, so that the row still shows it has extra cells. The
    budget is charged for the whole list, empty cells too: a row with cells in A and XFD costs
    1,001, so a million such rows are refused, not held (8 GB)."""
    if not cells:
        return []
    last = max(cells)
    if last > MAX_COLUMNS:
        beyond = next(v for k, v in sorted(cells.items()) if k > MAX_COLUMNS)
        kept = {k: v for k, v in cells.items() if k <= MAX_COLUMNS}
        row = [kept.get(i, "") for i in range(1, MAX_COLUMNS + 1)] + [beyond]
    else:
        row = [cells.get(i, "") for i in range(1, last + 1)]
    if budget is not None:
        budget.take(len(row))
    return row


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letters(index: int) -> str:
    """1 → A, 27 → AA: a column as Excel names it."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)


def apply_merges(sheet: Sheet, merges: Iterable[Merge], limit: int = MAX_CELLS) -> None:
    """Mark every cell that merged cells cover, except the area's first (top-left) one, as a
    ``MergedCell``, in the rows the sheet holds: a merged area keeps its value in its first cell
    only, and whatever a covered cell holds is not shown. Rows are not added (a row with nothing
    but covered cells is an empty row) and values are never copied down. Rows are extended to the
    area's last column, so a covered cell at the end of a row is still seen. The covered cells
    looked at, over all the areas, are counted against ``limit``."""
    numbers = [n for n, _cells in sheet.rows]
    used = 0
    for r1, c1, r2, c2 in merges:
        last = min(c2, MAX_COLUMNS)
        if (r1 == r2 and c1 == c2) or c1 > last:
            continue
        marks: dict[int, MergedCell] = {}
        for i in range(bisect.bisect_left(numbers, r1), len(numbers)):
            number, cells = sheet.rows[i]
            if number > r2:
                break
            if not marks:  # made for an area that covers a row the sheet holds, not before
                area = f"{column_letters(c1)}{r1}:{column_letters(c2)}{r2}"
                first = f"{column_letters(c1)}{r1}"
                marks = {c: MergedCell(column_letters(c), area, first) for c in range(c1, last + 1)}
            used += last - c1 + 1
            if used > limit:
                raise WorkbookError(
                    msg(
                        "finding.file-too-large.merged", sheet=repr(sheet.name), limit=f"{limit:,}"
                    ),
                    "file-too-large",
                    msg("finding.file-too-large.merged.hint"),
                )
            if len(cells) < last:
                cells.extend([""] * (last - len(cells)))
            for c in range(c1, last + 1):
                if number != r1 or c != c1:
                    cells[c - 1] = marks[c]


def open_zip(raw: bytes, max_bytes: int) -> zipfile.ZipFile:
    """A zip container, checked before any member is decompressed: entry count, declared sizes
    (zipfile never reads past a member's declared size) and compression ratio."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise WorkbookError(msg("finding.file-unreadable.zip", error=str(exc))) from None
    if len(infos) > MAX_ENTRIES:
        raise WorkbookError(
            msg("finding.file-unreadable.parts", n=f"{len(infos):,}", limit=f"{MAX_ENTRIES:,}")
        )
    total = sum(i.file_size for i in infos)
    if total > max_bytes:
        raise WorkbookError(
            msg("finding.file-too-large.unpacked", size=f"{total:,}", limit=f"{max_bytes:,}"),
            "file-too-large",
            msg("finding.file-too-large.hint"),
        )
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise WorkbookError(
                msg(
                    "finding.file-too-large.ratio",
                    part=repr(i.filename),
                    times=f"{i.file_size // max(i.compress_size, 1):,}",
                ),
                "file-too-large",
            )
    return zf


def read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError:
        raise WorkbookError(msg("finding.file-unreadable.no-part", part=repr(name))) from None
    except Exception as exc:  # BadZipFile, zlib.error, EOFError …: broken bytes, one finding
        raise WorkbookError(
            msg("finding.file-unreadable.unpack", part=repr(name), error=type(exc).__name__)
        ) from None


def read_workbook(raw: bytes, suffix: str, max_bytes: int) -> list[Sheet]:
    """Every sheet of a workbook, hidden ones included (marked), in workbook order."""
    if raw[:4] == b"PK\x03\x04":
        zf = open_zip(raw, max_bytes)
        names = set(zf.namelist())
        if "xl/workbook.bin" in names:
            from .xlsb import read_xlsb

            return read_xlsb(raw)
        if any(n.lower() == "xl/workbook.xml" for n in names) or "[Content_Types].xml" in names:
            from .ooxml import read_ooxml

            return read_ooxml(zf)
        if "content.xml" in names:
            from .ods import read_ods

            return read_ods(zf)
        raise WorkbookError(msg("finding.file-unreadable.zip-not-workbook"))
    if raw[:8] == OLE2:
        from .xls import read_xls

        return read_xls(raw)
    head = raw[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")):
        raise WorkbookError(
            msg("finding.file-unreadable.web-page", suffix=suffix)
            if suffix
            else msg("finding.file-unreadable.web-page.no-suffix"),
            hint=msg("finding.file-unreadable.web-page.hint"),
        )
    raise WorkbookError(
        msg("finding.file-unreadable.not-spreadsheet", suffix=suffix)
        if suffix
        else msg("finding.file-unreadable.not-spreadsheet.no-suffix"),
        hint=msg("finding.file-unreadable.text.hint"),
    )
