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

from ..findings import Finding, joined, msg
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
    # A text table's decoded text and layout: what the column path (validate/columns.py) reads
    text: str | None = field(default=None, repr=False)
    layout: TextLayout | None = field(default=None, repr=False)


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
            msg("finding.file-too-large", size=f"{exc.size:,}", limit=f"{max_bytes:,}"),
            msg("finding.file-too-large.hint"),
        )
    except OSError as exc:
        return fail("file-unreadable", msg("finding.file-unreadable", why=exc.strerror or str(exc)))
    if not raw.strip():
        return fail("file-empty", msg("finding.file-empty"), msg("finding.file-empty.hint"))
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
            msg("finding.file-too-large.memory"),
            msg("finding.file-too-large.memory.hint"),
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
            raise OSError(0, msg("finding.file-unreadable.not-regular"))
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
                msg("finding.encoding-fallback"),
                file=label,
                hint=msg("finding.encoding-fallback.hint"),
            )
        )
    text = decoded.text
    too_long = long_line(text)
    if too_long is not None:  # before any split: such a line would cost gigabytes to read
        line, size = too_long
        source.findings.append(
            Finding(
                "line-too-long",
                msg(
                    "finding.line-too-long",
                    line=line,
                    size=f"{size:,}",
                    limit=f"{LINE_LIMIT:,}",
                    cell=f"{FIELD_LIMIT:,}",
                ),
                file=label,
                line=line,
                hint=msg("finding.line-too-long.hint"),
            )
        )
        return source
    layout = find_layout(text, header_score, merge_subheader)
    if layout is None:
        source.findings.append(Finding("file-empty", msg("finding.file-empty.blank"), file=label))
        return source
    if suffix not in (".csv", ".tsv") and not header_score(layout.header)[1]:
        # A .txt or a "workbook" without a single contract column: not a table of ours.
        if suffix == ".txt":
            source.ignored = True
            source.findings.append(
                Finding(
                    "ignored-file",
                    msg("finding.ignored-file.text"),
                    file=label,
                )
            )
        else:
            source.findings.append(
                Finding(
                    "file-unreadable",
                    msg("finding.file-unreadable.text", suffix=suffix)
                    if suffix
                    else msg("finding.file-unreadable.text.no-suffix"),
                    file=label,
                    hint=msg("finding.file-unreadable.text.hint"),
                )
            )
        return source
    if suffix in WORKBOOK_SUFFIXES:
        source.findings.append(
            Finding(
                "not-a-workbook",
                msg("finding.not-a-workbook", suffix=suffix),
                file=label,
                hint=msg("finding.not-a-workbook.hint"),
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
                msg(
                    "finding.delimiter-mismatch",
                    header=_name(layout.header_delimiter),
                    rows=_name(layout.delimiter),
                ),
                file=label,
                line=layout.header_line,
                hint=msg("finding.delimiter-mismatch.hint"),
            )
        )
    _set_columns(table, [nfc(h).strip() for h in layout.header], layout.header_line)
    lay: TextLayout = layout
    table.records = lambda: records(text, lay)
    table.plain = lambda: plain_records(text, lay)
    table.style_matters = style_matters(text, lay.delimiter)
    table.delimiter = lay.delimiter
    table.text, table.layout = text, lay
    source.tables.append(table)
    return source


def _name(delimiter: str) -> str:
    if delimiter == "\t":
        return msg("words.tabs")
    return {",": "','", ";": "';'"}.get(delimiter, repr(delimiter))


def _above(table: Table, lines: list[int]) -> None:
    if lines:
        span = (
            msg("words.line", lines=lines[0])
            if len(lines) == 1
            else msg("words.lines", lines=f"{lines[0]}–{lines[-1]}")
        )
        table.findings.append(
            Finding(
                "rows-above-header",
                msg("finding.rows-above-header", n=len(lines), lines=span),
                file=table.file,
                line=lines[0],
                hint=msg("finding.rows-above-header.hint", line=table.header_line),
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
            Finding("file-unreadable", msg("finding.file-unreadable.memory"), file=label)
        )
        return source
    except Exception as exc:  # a reader on hostile bytes: whatever fails is this file's finding
        source.findings.append(
            Finding(
                "file-unreadable",
                msg("finding.file-unreadable.workbook", error=type(exc).__name__),
                file=label,
                hint=msg("finding.file-unreadable.workbook.hint"),
            )
        )
        return source
    described: list[str] = []
    for sheet in sheets:
        where = f"{label}[{sheet.name}]"
        found = _sheet_header(sheet)
        if not sheet.visible:
            described.append(msg("words.sheet.hidden", sheet=repr(sheet.name)))
            if found is not None and found[1]:
                source.findings.append(
                    Finding(
                        "hidden-sheet",
                        msg("finding.hidden-sheet", sheet=repr(sheet.name)),
                        file=where,
                        hint=msg("finding.hidden-sheet.hint"),
                    )
                )
            continue
        if found is None:
            described.append(
                repr(sheet.name) if sheet.rows else msg("words.sheet.empty", sheet=repr(sheet.name))
            )
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
                    msg("finding.hidden-rows", n=len(hidden), rows=shown),
                    file=where,
                    line=hidden[0],
                    hint=msg("finding.hidden-rows.hint"),
                )
            )
        table.records = _records_of(body)
        table.plain = _plain_of(body)
        source.tables.append(table)
        if not complete:
            described.append(msg("words.sheet.incomplete", sheet=repr(sheet.name)))
    if not source.tables:
        source.findings.append(
            Finding(
                "no-contract-sheet",
                msg(
                    "finding.no-contract-sheet",
                    columns=", ".join(ACTUALS_REQUIRED),
                    sheets=joined(described) if described else msg("none"),
                ),
                file=label,
                hint=msg("finding.no-contract-sheet.hint", rows=HEADER_SEARCH),
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
                msg(
                    "finding.too-many-columns",
                    n=f"{len(headers):,}",
                    limit=f"{MAX_COLUMNS:,}",
                ),
                file=table.file,
                line=line,
                hint=msg("finding.too-many-columns.hint"),
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
                        msg("finding.unknown-column.near", column=repr(shown), near=near)
                        if near
                        else msg("finding.unknown-column", column=repr(shown)),
                        file=table.file,
                        line=line,
                        column=shown,
                        hint=msg("finding.unknown-column.near.hint", near=near) if near else None,
                    )
                )
            continue
        if name in seen and not is_guide(name):
            table.findings.append(
                Finding(
                    "duplicate-column",
                    msg(
                        "finding.duplicate-column",
                        column=repr(header),
                        first=repr(headers[seen[name]]),
                        name=name,
                    ),
                    file=table.file,
                    line=line,
                    column=header,
                    hint=msg("finding.duplicate-column.hint"),
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
                msg("finding.missing-column", columns=", ".join(missing)),
                file=table.file,
                line=line,
                hint=msg(
                    "finding.missing-column.hint", found=", ".join(h for h in headers if h)[:200]
                ),
            )
        )
        table.readable = False


def _records_of(body: list[tuple[int, list[str]]]) -> Callable[[], Iterator[Record]]:
    """A sheet's rows as records: each one line long, without a problem."""
    return lambda: ((n, cells, n) for n, cells in body)


def _plain_of(body: list[tuple[int, list[str]]]) -> Callable[[], Iterator[tuple[int, list[str]]]]:
    return lambda: iter(body)
