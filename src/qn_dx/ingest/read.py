"""A submitted file → tables: one for a text file, one per matching visible sheet of a workbook.

Each table knows its header (found below title rows), what each column is, and can hand out its
records more than once (validation reads a file's figures once to learn its number style before
it checks them). A spreadsheet's location is ``file.xlsx[Sheet name]``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Finding
from ..text import nfc
from .csvtext import (
    FIELD_LIMIT,
    LINE_LIMIT,
    Record,
    TextLayout,
    find_layout,
    long_line,
    plain_records,
    records,
    style_matters,
)
from .decode import decode
from .headers import (
    ACTUALS_REQUIRED,
    TASK_REQUIRED,
    canonical,
    file_kind,
    header_score,
    is_guide,
    merge_subheader,
    qualified,
)

if TYPE_CHECKING:
    from .workbook import Sheet

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
SUFFIXES = TEXT_SUFFIXES + WORKBOOK_SUFFIXES  # what a folder scan reads
MAX_BYTES = 200 * 1024 * 1024  # default --max-bytes: refuse, rather than exhaust memory on, more
MAX_COLUMNS = 1000  # the contract has a dozen columns; a header this wide is not a submission
HEADER_SEARCH = 20  # rows of a sheet in which the header is looked for


@dataclass
class Table:
    """One table of a file: ``columns[i]`` is the contract name of column i (None if unknown)."""

    file: str  # location label: "x.csv" or "x.xlsx[Sheet 1]"
    source: str  # the file's label
    kind: str = "actuals"  # or "tasks"
    encoding: str | None = None
    header_line: int = 1
    headers: list[str] = field(default_factory=list)
    columns: list[str | None] = field(default_factory=list)
    # A fresh iterator of (line, cells, line-or-Problem) on each call: rows are streamed, never
    # held as lists of strings for a text file.
    records: Callable[[], Iterator[Record]] = lambda: iter(())
    style_matters: bool = True  # False: no ambiguous number and no two styles can be here
    above: list[tuple[int, list[str]]] = field(default_factory=list)  # rows above the header
    # (line, cells) without the problem checks, for a quick first look at the figures
    plain: Callable[[], Iterator[tuple[int, list[str]]]] = lambda: iter(())
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True  # False: a table-level error stops row checks
    delimiter: str | None = None  # a text table's cell separator (None: a workbook sheet)


@dataclass
class Source:
    file: str
    tables: list[Table] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # about the file as a whole
    ignored: bool = False  # a .txt that is not a table of the contract: not a submission


def read_source(
    path: Path, label: str, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> Source:
    source = Source(label)

    def fail(code: str, message: str, hint: str | None = None) -> Source:
        source.findings.append(Finding(code, message, file=label, hint=hint))
        return source

    try:
        raw = _read_regular(path, max_bytes)
    except _TooLarge as exc:
        return fail(
            "file-too-large",
            f"the file is {exc.size:,} bytes; the limit is {max_bytes:,}",
            "split the file, or raise the limit with --max-bytes",
        )
    except OSError as exc:
        return fail("file-unreadable", f"cannot read the file: {exc.strerror or exc}")
    if not raw.strip():
        return fail("file-empty", "the file is empty", "expected a header row")
    suffix = path.suffix.lower()
    if raw[:4] == b"PK\x03\x04" or raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _workbook(source, raw, suffix, max_bytes)
    if suffix in WORKBOOK_SUFFIXES and _looks_binary(raw):
        return _workbook(source, raw, suffix, max_bytes)
    try:
        return _text(source, raw, encoding, suffix)
    except MemoryError:  # the limits above should make this unreachable; never a traceback
        source.tables.clear()
        return fail(
            "file-too-large",
            "reading the file needs more memory than there is",
            "split the file into smaller ones",
        )


class _TooLarge(Exception):
    def __init__(self, size: int):
        self.size = size


def _read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing before reading: a FIFO would block forever, a device
    (/dev/zero) never ends, and a file over the limit is not read at all."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, "not a regular file (a device, FIFO or socket)")
        if st.st_size > max_bytes:
            raise _TooLarge(st.st_size)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise _TooLarge(len(raw))
        return raw
    finally:
        os.close(fd)


def _looks_binary(raw: bytes) -> bool:
    head = raw[:4096]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _text(source: Source, raw: bytes, encoding: str | None, suffix: str = ".csv") -> Source:
    label = source.file
    decoded = decode(raw, encoding)
    if decoded.text is None:
        source.findings.append(
            Finding(decoded.error or "file-undecodable", decoded.message or "", file=label)
        )
        return source
    if decoded.encoding == "cp1258" and not encoding:
        source.findings.append(
            Finding(
                "encoding-fallback",
                "not UTF-8: read as Windows-1258 (cp1258)",
                file=label,
                hint="if letters look wrong, save as 'CSV UTF-8' or pass --encoding",
            )
        )
    text = decoded.text
    too_long = long_line(text)
    if too_long is not None:  # before any split: such a line would cost gigabytes to read
        line, size = too_long
        source.findings.append(
            Finding(
                "line-too-long",
                f"line {line} holds {size:,} characters, far more than any header or row "
                f"(limit {LINE_LIMIT:,}; an Excel cell holds at most {FIELD_LIMIT:,}): the file "
                "is not read",
                file=label,
                line=line,
                hint="is this the right file? a submission is a header row over short rows; "
                "save it again from Excel as CSV UTF-8",
            )
        )
        return source
    layout = find_layout(text, header_score, merge_subheader)
    if layout is None:
        source.findings.append(
            Finding("file-empty", "no header row: the file holds only blank lines", file=label)
        )
        return source
    if suffix not in (".csv", ".tsv") and not header_score(layout.header)[1]:
        # A .txt or a "workbook" without a single contract column: not a table of ours.
        if suffix == ".txt":
            source.ignored = True
            source.findings.append(
                Finding(
                    "ignored-file",
                    "a text file without the contract's header: not a submission, ignored",
                    file=label,
                )
            )
        else:
            source.findings.append(
                Finding(
                    "file-unreadable",
                    f"not a workbook: this {suffix or 'file'} holds neither a spreadsheet nor "
                    "a table of the contract",
                    file=label,
                    hint="save the file as .xlsx (Excel Workbook) or as CSV UTF-8",
                )
            )
        return source
    if suffix in WORKBOOK_SUFFIXES:
        source.findings.append(
            Finding(
                "not-a-workbook",
                f"named {suffix} but holds text: read as a delimited text table",
                file=label,
                hint="if the figures look wrong, open it in Excel and save as .xlsx",
            )
        )
    table = Table(file=label, source=label, encoding=decoded.encoding)
    table.header_line = layout.header_line
    table.above = layout.above_cells
    _above(table, layout.above)
    if layout.delimiter != layout.header_delimiter:
        table.findings.append(
            Finding(
                "delimiter-mismatch",
                f"the header is separated by {_name(layout.header_delimiter)} but the rows by "
                f"{_name(layout.delimiter)}: rows are read with {_name(layout.delimiter)}",
                file=label,
                line=layout.header_line,
                hint="save the file again from Excel so that every line uses one separator",
            )
        )
    _set_columns(table, [nfc(h).strip() for h in layout.header], layout.header_line)
    lay: TextLayout = layout
    table.records = lambda: records(text, lay)
    table.plain = lambda: plain_records(text, lay)
    table.style_matters = style_matters(text, lay.delimiter)
    table.delimiter = lay.delimiter
    source.tables.append(table)
    return source


def _name(delimiter: str) -> str:
    return {"\t": "tabs", ",": "','", ";": "';'"}.get(delimiter, repr(delimiter))


def _above(table: Table, lines: list[int]) -> None:
    if lines:
        span = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}–{lines[-1]}"
        table.findings.append(
            Finding(
                "rows-above-header",
                f"{len(lines)} row(s) above the header ({span}) are titles, not data: not read",
                file=table.file,
                line=lines[0],
                hint=f"the header is on line {table.header_line}",
            )
        )


def _workbook(source: Source, raw: bytes, suffix: str, max_bytes: int) -> Source:
    from .workbook import WorkbookError, read_workbook  # zipfile and friends: only for workbooks

    label = source.file
    try:
        sheets = read_workbook(raw, suffix, max_bytes)
    except WorkbookError as exc:
        source.findings.append(Finding(exc.code, exc.message, file=label, hint=exc.hint))
        return source
    except MemoryError:
        source.findings.append(
            Finding("file-unreadable", "the workbook needs more memory than there is", file=label)
        )
        return source
    except Exception as exc:  # a reader on hostile bytes: whatever fails is this file's finding
        source.findings.append(
            Finding(
                "file-unreadable",
                f"not a readable workbook ({type(exc).__name__})",
                file=label,
                hint="open it in Excel and save it again as .xlsx",
            )
        )
        return source
    described: list[str] = []
    for sheet in sheets:
        where = f"{label}[{sheet.name}]"
        found = _sheet_header(sheet)
        if not sheet.visible:
            described.append(f"{sheet.name!r} (hidden)")
            if found is not None and found[1]:
                source.findings.append(
                    Finding(
                        "hidden-sheet",
                        f"hidden sheet {sheet.name!r} has the contract's columns; hidden sheets "
                        "are never read",
                        file=where,
                        hint="unhide the sheet if its rows are meant to count, or delete it",
                    )
                )
            continue
        if found is None:
            described.append(f"{sheet.name!r}" + ("" if sheet.rows else " (empty)"))
            continue
        index, complete = found
        table = Table(file=where, source=label, encoding="workbook")
        line, header = sheet.rows[index]
        table.header_line = line
        table.above = [(n, c) for n, c in sheet.rows[:index] if any(x.strip() for x in c)]
        _above(table, [n for n, _cells in table.above])
        first = index + 1
        if first < len(sheet.rows) and sheet.rows[first][0] == line + 1:
            merged = merge_subheader(
                [str(h) for h in header], [str(c) for c in sheet.rows[first][1]]
            )
            if merged is not None:  # a two-level header: its second row is not data
                header, first = merged, first + 1
        _set_columns(table, [nfc(str(h)).strip() for h in header], line)
        body = sheet.rows[first:]
        hidden = [n for n in sheet.hidden_rows if n > line]
        if hidden:
            shown = ", ".join(map(str, hidden[:10])) + (" …" if len(hidden) > 10 else "")
            table.findings.append(
                Finding(
                    "hidden-rows",
                    f"{len(hidden)} row(s) hidden in Excel hold cells and are read: {shown}",
                    file=where,
                    line=hidden[0],
                    hint="unhide them to check them; delete rows that are not meant to count",
                )
            )
        table.records = lambda body=body: ((n, cells, n) for n, cells in body)
        table.plain = lambda body=body: iter(body)
        source.tables.append(table)
        if not complete:
            described.append(f"{sheet.name!r} (columns missing)")
    if not source.tables:
        source.findings.append(
            Finding(
                "no-contract-sheet",
                "no visible sheet has the contract's header "
                f"({', '.join(ACTUALS_REQUIRED)} …); sheets: {', '.join(described) or 'none'}",
                file=label,
                hint="put the data on a visible sheet whose header row is within its first "
                f"{HEADER_SEARCH} rows; hidden sheets are never read",
            )
        )
    return source


def _sheet_header(sheet: Sheet) -> tuple[int, bool] | None:
    """(row index, complete) of the header among the sheet's first rows: the first row with
    every required column, else the row naming most contract columns (at least two)."""
    best: tuple[int, int] | None = None
    for i, (_line, cells) in enumerate(sheet.rows[:HEADER_SEARCH]):
        complete, named = header_score([str(c) for c in cells])
        if complete:
            return i, True
        if named >= 2 and (best is None or named > best[1]):
            best = (i, named)
    return (best[0], False) if best is not None else None


def _set_columns(table: Table, headers: list[str], line: int) -> None:
    table.headers = headers
    table.kind = file_kind(headers)
    table.columns = [canonical(h, table.kind) if h else None for h in headers[:MAX_COLUMNS]]
    table.columns += [None] * (len(headers) - len(table.columns))  # past the limit: not named
    if len(headers) > MAX_COLUMNS:
        table.findings.append(
            Finding(
                "too-many-columns",
                f"the header has {len(headers):,} columns; the contract has a dozen "
                f"(limit {MAX_COLUMNS:,})",
                file=table.file,
                line=line,
                hint="is this the right file, and the right delimiter?",
            )
        )
        table.readable = False
        return
    seen: dict[str, int] = {}
    for i, (name, header) in enumerate(zip(table.columns, headers, strict=True)):
        if name is None:
            if header:
                near = qualified(header, table.kind)
                shown = header if len(header) <= 200 else header[:200] + "…"
                table.findings.append(
                    Finding(
                        "unknown-column",
                        f"column {shown!r} is not part of the contract; it is ignored"
                        + (
                            f" (not read as {near}: the words after the name make it another "
                            "figure)"
                            if near
                            else ""
                        ),
                        file=table.file,
                        line=line,
                        column=shown,
                        hint=f"if it holds the actual {near}, name it as the contract does"
                        if near
                        else None,
                    )
                )
            continue
        if name in seen and not is_guide(name):
            table.findings.append(
                Finding(
                    "duplicate-column",
                    f"column {header!r} is the same column as {headers[seen[name]]!r} ({name})",
                    file=table.file,
                    line=line,
                    column=header,
                    hint="keep one of them",
                )
            )
            table.readable = False
        seen.setdefault(name, i)
    required = TASK_REQUIRED if table.kind == "tasks" else ACTUALS_REQUIRED
    missing = [c for c in required if c not in seen]
    if missing:
        table.findings.append(
            Finding(
                "missing-column",
                f"required column(s) missing: {', '.join(missing)}",
                file=table.file,
                line=line,
                hint="header found: " + ", ".join(h for h in headers if h)[:200],
            )
        )
        table.readable = False
