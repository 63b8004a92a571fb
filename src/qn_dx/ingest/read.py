"""A submitted file (CSV, tab text or .xlsx) → header and data rows with their line numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..text import nfc
from .decode import decode
from .headers import ACTUALS_REQUIRED, TASK_REQUIRED, canonical, file_kind

csv.field_size_limit(16 * 1024 * 1024)  # one very long note must not abort the whole file
DELIMITERS = (",", ";", "\t")


@dataclass
class Table:
    """One file, read: ``columns[i]`` is the contract name of column i (None if unknown)."""

    file: str
    kind: str = "actuals"  # or "tasks"
    encoding: str | None = None
    headers: list[str] = field(default_factory=list)
    columns: list[str | None] = field(default_factory=list)
    # Rows are streamed, not held: a 1 M-row file must not sit in memory as lists of strings.
    # Iterating may raise csv.Error (a quote left open); the caller reports it as bad-csv.
    rows: Iterator[tuple[int, list[str]]] = field(default_factory=lambda: iter(()))
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True  # False: a file-level error stops row checks


MAX_BYTES = 200 * 1024 * 1024  # default --max-bytes: refuse, rather than exhaust memory on, more
MAX_COLUMNS = 1000  # the contract has 7 columns; a header this wide is not a submission


def read_table(
    path: Path, label: str, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> Table:
    table = Table(file=label)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _fail(
                table,
                "file-too-large",
                f"the file is {size:,} bytes; the limit is {max_bytes:,}",
                hint="split the file, or raise the limit with --max-bytes",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return _fail(table, "file-unreadable", f"cannot read the file: {exc.strerror or exc}")
    if not raw.strip():
        return _fail(table, "file-empty", "the file is empty", hint="expected a header row")
    if path.suffix.lower() in (".xlsx", ".xlsm") or raw[:4] == b"PK\x03\x04":
        records = _xlsx_records(raw, table)
    else:
        decoded = decode(raw, encoding)
        if decoded.text is None:
            return _fail(table, decoded.error or "file-undecodable", decoded.message or "")
        table.encoding = decoded.encoding
        if decoded.encoding == "cp1258" and not encoding:
            table.findings.append(
                Finding(
                    "encoding-fallback",
                    "not UTF-8: read as Windows-1258 (cp1258)",
                    file=label,
                    hint="if letters look wrong, save as 'CSV UTF-8' or pass --encoding",
                )
            )
        records = _csv_records(decoded.text, table)
    if records is None:
        return table
    try:
        first = next((r for r in records if any(c.strip() for c in r[1])), None)
        if first is None:
            return _fail(table, "file-empty", "no header row: the file holds only blank lines")
        header_line, headers = first
        if len(headers) > MAX_COLUMNS:
            return _fail(
                table,
                "too-many-columns",
                f"the header has {len(headers):,} columns; the contract has 7 "
                f"(limit {MAX_COLUMNS:,})",
                line=header_line,
                hint="is this the right file, and the right delimiter?",
            )
        _set_columns(table, [nfc(h).strip() for h in headers], header_line)
        if table.readable:
            table.rows = records
        else:  # read to the end anyway: a quote left open in the header swallows the file
            for _ in records:  # and is then the real problem
                pass
    except csv.Error as exc:
        _fail(table, "bad-csv", f"the file is not valid CSV: {exc}")
    return table


def _fail(table: Table, code: str, message: str, hint: str | None = None, line: int | None = None):
    table.findings.append(Finding(code, message, file=table.file, line=line, hint=hint))
    table.readable = False
    return table


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties keep the order: , then ; then tab
    return best if counts[best] else ","


def _lines(text: str) -> Iterator[str]:
    """The physical lines of ``text``, ends kept, without copying it: io.StringIO would hold a
    second, four-bytes-a-character copy of a file (120 MB for a 30 MB export)."""
    if text.count("\r") != text.count("\r\n"):  # bare CR line ends (old Mac Excel): rare and
        yield from io.StringIO(text, newline="")  # worth the copy
        return
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            if start < len(text):
                yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _csv_records(text: str, table: Table) -> Iterator[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(_lines(text), delimiter=delimiter)

    def gen() -> Iterator[tuple[int, list[str]]]:
        start = 1
        held: tuple[int, list[str]] | None = None  # one record of look-ahead: is it the last?
        for record in reader:
            if held is not None:
                yield held
            held = (start, record)
            start = reader.line_num + 1  # a quoted field may span several physical lines
        if held is None:
            return
        # csv's lenient mode silently takes everything after a quote left open as one field
        if '"' in text:
            tail = _last_record(text, held[0], reader.line_num)
            if _quote_left_open(tail, delimiter):
                raise OpenQuote(held[0])
        yield held

    return gen()


def _last_record(text: str, first: int, last: int) -> str:
    """Physical lines ``first``…``last`` (the end) of ``text``: the last record. Cheap when it is
    one line, as it almost always is; never a list of every line of a big file."""
    if first < last:
        return "".join(itertools.islice(io.StringIO(text, newline=""), first - 1, None))
    end = len(text) - (2 if text.endswith("\r\n") else 1 if text.endswith(("\r", "\n")) else 0)
    return text[max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1 : end]


class OpenQuote(csv.Error):
    """A quote opened on ``line`` is never closed: the rest of the file became one field."""

    def __init__(self, line: int):
        self.line = line
        super().__init__(f"a quote opened on line {line} is never closed")


def _quote_left_open(record: str, delimiter: str) -> bool:
    """Does this text (one CSV record, from the start of its line) end inside a quoted field?"""
    quoted = after_quote = False
    field_start = True
    for ch in record:
        if quoted:
            if ch == '"':
                quoted, after_quote = False, True
            continue
        if ch == '"' and (after_quote or field_start):  # "" inside quotes, or an opening quote
            quoted = True
        field_start = ch in (delimiter, "\r", "\n")
        after_quote = False
    return quoted


def _xlsx_records(raw: bytes, table: Table) -> Iterator[tuple[int, list[str]]] | None:
    # python-calamine (Rust) imports in ~2 ms and reads a sheet in ~5 ms; openpyxl costs ~0.4 s
    # of start-up (it pulls in numpy), which would eat the whole budget of a 10 k-row validate.
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheet = book.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)  # keep row 1 = line 1, column A first
    except Exception as exc:  # a third-party parser on hostile bytes: any failure is a finding
        _fail(table, "file-unreadable", f"not a readable .xlsx workbook ({type(exc).__name__})")
        return None
    table.encoding = "xlsx"
    return ((i, [_cell_text(v) for v in r]) for i, r in enumerate(rows, start=1))


def _cell_text(value: object) -> str:
    """An Excel cell as the text a CSV would hold: 51 → "51", 91.5 → "91.5", dates → "03/2023"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.month:02d}/{value.year}"  # Excel turned "03/2023" into a date
    return nfc(str(value))


def _set_columns(table: Table, headers: list[str], line: int) -> None:
    table.headers = headers
    table.kind = file_kind(headers)
    table.columns = [canonical(h, table.kind) if h else None for h in headers]
    seen: dict[str, int] = {}
    for i, (name, header) in enumerate(zip(table.columns, headers, strict=True)):
        if name is None:
            if header:
                table.findings.append(
                    Finding(
                        "unknown-column",
                        f"column {header!r} is not part of the contract; it is ignored",
                        file=table.file,
                        line=line,
                        column=header,
                    )
                )
            continue
        if name in seen:
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
