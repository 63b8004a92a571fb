"""Delimited text (CSV, TSV, Excel "Unicode Text") → header and records, every line accounted for.

- The header is the first of the first 20 non-blank lines that holds the contract's required
  columns under some delimiter (title rows above it are reported, not read as data). A line
  longer than ``LINE_LIMIT`` is no candidate: it is neither split nor folded, so one giant line
  costs a scan, not gigabytes (and ``long_line`` finds it, for the file to be refused).
- The rows' delimiter is decided from the rows themselves: the delimiter that splits most of them
  into the header's width (a header saved with ``,`` over rows with ``;`` still reads).
- A record that spans several physical lines (a quote opened and closed lines later, or a line
  break inside a cell) and a quote never closed are reported on every line they swallowed; a cell
  longer than Excel's cell limit is refused on its line, and the lines after it are still read.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

DELIMITERS = (",", ";", "\t")
HEADER_SEARCH = 20  # the header must be among the first 20 non-blank lines
ROW_SAMPLE = 50  # rows looked at to decide their delimiter
FIELD_LIMIT = 32_767  # Excel's own limit on the characters of one cell
# A row is a dozen short cells, a few hundred characters; Excel's cells hold 32,767 at most. A
# line longer than this is no header and no row: splitting it (one cell object per delimiter) or
# folding it would cost gigabytes for a one-line 190 MB file, so the file is refused unread.
LINE_LIMIT = 1_000_000

csv.field_size_limit(2**31 - 1)  # our own FIELD_LIMIT check is per line and never aborts a file


@dataclass(frozen=True)
class Problem:
    """Why a record is not an ordinary one-line row."""

    kind: str  # "multiline" | "open-quote" | "oversize"
    last: int  # last physical line of the record
    size: int = 0  # characters of the longest cell (oversize)


Record = tuple[int, list[str], "int | Problem"]  # (line, cells, line again — or a Problem)


@dataclass
class TextLayout:
    header_line: int
    header: list[str]
    header_delimiter: str
    delimiter: str  # of the data rows
    above: list[int] = field(default_factory=list)  # non-blank lines above the header
    header_end: int = 0  # last physical line of the header (a cell may hold a line break)
    above_cells: list[tuple[int, list[str]]] = field(default_factory=list)


def lines(text: str) -> Iterator[str]:
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


_EOL = re.compile(r"\r\n?|\n")  # line ends as lines() splits them (only \n when no bare CR)


def _spans(text: str, n: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, length without its line end) of the first ``n`` physical lines."""
    start = 0
    while n > 0 and start < len(text):
        m = _EOL.search(text, start)
        end, body = (len(text), len(text)) if m is None else (m.end(), m.start())
        yield start, end, body - start
        start = end
        n -= 1


def head_lines(text: str, n: int) -> tuple[list[str], list[int]]:
    """The first ``n`` physical lines of ``text`` for the header search, and the numbers of those
    longer than ``LINE_LIMIT``, which stand in the list as blank lines (their numbers are
    kept) and are never copied out of ``text``."""
    out: list[str] = []
    long: list[int] = []
    for start, end, size in _spans(text, n):
        if size > LINE_LIMIT:
            long.append(len(out) + 1)
            out.append("\n")
        else:
            out.append(text[start:end])
    return out, long


def long_line(text: str, limit: int = LINE_LIMIT) -> tuple[int, int] | None:
    """(line, characters) of the first physical line longer than ``limit``, or None. A line that
    long holds a whole aligned block of ``limit // 2`` characters without a line end, so a scan
    of ``str.find`` over blocks decides it at C speed, without copying the text."""
    if len(text) <= limit:
        return None
    bare_cr = text.count("\r") != text.count("\r\n")  # old Mac line ends: CR alone ends a line
    block = limit // 2
    i = 0
    while i + block <= len(text):
        j = i + block
        if text.find("\n", i, j) >= 0 or (bare_cr and text.find("\r", i, j) >= 0):
            i = j
            continue
        start = max(text.rfind("\n", 0, i), text.rfind("\r", 0, i) if bare_cr else -1) + 1
        m = _EOL.search(text, j)
        end = len(text) if m is None else m.start()
        if end - start > limit:
            line = 1 + text.count("\n", 0, start)
            if bare_cr:
                line += text.count("\r", 0, start) - text.count("\r\n", 0, start)
            return line, end - start
        i = end
    return None


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
    except csv.Error:
        return line.rstrip("\r\n").split(delimiter)


def _head_records(head: list[str], delimiter: str, limit: int) -> dict[int, tuple[int, list[str]]]:
    """The first ``limit`` non-blank records read with ``delimiter``: start line → (end line,
    cells). Records, not lines: a header cell may hold a line break (Alt+Enter in Excel)."""
    out: dict[int, tuple[int, list[str]]] = {}
    reader = csv.reader(head, delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            if any(c.strip(" \t,;") for c in cells):
                out[start] = (reader.line_num, cells)
                if len(out) >= limit:
                    break
            start = reader.line_num + 1
    except csv.Error:
        pass
    return out


def find_layout(
    text: str,
    score: Callable[[list[str]], tuple[bool, int]],
    subheader: Callable[[list[str], list[str]], list[str] | None] | None = None,
) -> TextLayout | None:
    """Where the header is and how rows are split. ``score(cells)`` says whether cells hold the
    contract's required columns and how many contract columns they name. None: no line at all."""
    limit = HEADER_SEARCH + ROW_SAMPLE
    head, long = head_lines(text, limit * 20)  # the lines the search may need
    parsed = {d: _head_records(head, d, limit) for d in DELIMITERS}
    starts = sorted(set().union(*parsed.values()))[:limit]
    if not starts:
        return None  # no line at all, or only lines too long to be a header (see long_line)
    best: tuple[int, int, str] | None = None  # (named columns, start line, delimiter)
    chosen: tuple[int, str] | None = None
    for start in starts[:HEADER_SEARCH]:
        found = [(score(parsed[d][start][1]), d) for d in DELIMITERS if start in parsed[d]]
        complete = [(named, d) for (ok, named), d in found if ok]
        if complete:
            chosen = (start, max(complete, key=lambda c: c[0])[1])
            break
        named, d = max(((named, d) for (_ok, named), d in found), key=lambda c: c[0])
        if named and (best is None or named > best[0]):
            best = (named, start, d)
    if chosen is None and best is not None:
        chosen = (best[1], best[2])
    if chosen is None:  # nothing looks like the contract: the first line, split as it splits
        first = next((ln for ln in head if ln.strip()), "")
        counts = {d: first.count(d) for d in DELIMITERS}
        delimiter = max(DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","
        chosen = (starts[0], delimiter)
    start, delimiter = chosen
    end, header = parsed[delimiter].get(start, (start, []))
    below = parsed[delimiter].get(end + 1)
    if below is not None and subheader is not None:
        merged = subheader(header, below[1])
        if merged is not None:  # a two-level header ("Số liệu" over "Tử số | Mẫu số")
            header, end = merged, below[0]
    rows = [head[n - 1] for n in starts if end < n <= len(head)][:ROW_SAMPLE]
    return TextLayout(
        start,
        header,
        delimiter,
        _row_delimiter(rows, delimiter, len(header)),
        sorted([n for n in starts if n < start] + [n for n in long if n < start]),
        end,
        [(n, parsed[delimiter][n][1]) for n in starts if n < start and n in parsed[delimiter]],
    )


def _row_delimiter(rows: list[str], header_delimiter: str, width: int) -> str:
    """The delimiter that splits the most sampled rows into exactly the header's width, then
    into 3…width cells (the header's wins ties): rows are what must be read, not the header
    alone. "DG-02;2023;51;;;91,5" splits into 2 cells by "," and 6 by ";": ";" wins."""
    if not rows:
        return header_delimiter

    def score(d: str) -> tuple[int, int]:
        sizes = [len(_split(r, d)) for r in rows]
        exact = sum(1 for n in sizes if n == width)
        near = sum(1 for n in sizes if 3 <= n <= max(width, 3))
        return exact, near

    scores = {d: score(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (scores[d], d == header_delimiter))
    return best if scores[best] > scores[header_delimiter] else header_delimiter


class _Feed:
    """Physical lines for csv.reader, remembering whether one was longer than a cell may be."""

    __slots__ = ("it", "long")

    def __init__(self, it: Iterator[str]):
        self.it = it
        self.long = False

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = next(self.it)
        if len(line) > FIELD_LIMIT:
            self.long = True
        return line


# What a first look at the figures can find: an ambiguous spelling, or both styles' evidence.
# Loose on purpose (a false alarm only costs that look), never missing a real case.
# Each pattern starts with a literal character, which the regex engine finds at C speed: a
# pattern that starts with a class or a lookbehind costs 20 ms on a 10 k-row file.
_DOT3 = re.compile(r"\.\d{3}(?![\d.,])")  # 3.000 (Vietnamese: 3000; English: 3)
_COMMA3 = re.compile(r",\d{3}(?![\d.,])")  # 1,234
_DOT3_IN_COMMA_FILE = re.compile(r"\.\d{3}(?![\d.])")  # there a following "," separates cells
_QUOTED_COMMA3 = re.compile(r'"\s*[+-]?\d{1,3},\d{3}\s*%?\s*"')
_POINT = re.compile(r"\.\d")  # a decimal point (or a dot grouping: both flagged)
_DOT_GROUPING = re.compile(r"\.\d{3}[.,]\d")  # 1.234.567, 1.234,5: Vietnamese
_COMMA = re.compile(r",\d")
_QUOTED_COMMA = re.compile(r'"[^"\n]*\d,\d')


def _single_mark_number(text: str, mark_at: int, marks: str) -> bool:
    """Is the mark at ``mark_at`` the only mark of a number with 1-3 digits before it?"""
    j = mark_at
    while j > 0 and mark_at - j < 4 and text[j - 1].isdigit():
        j -= 1
    before = text[j - 1] if j > 0 else ""
    return 1 <= mark_at - j <= 3 and before not in marks and not before.isdigit()


def _after_digit(text: str, pattern: re.Pattern[str]) -> bool:
    return any(m.start() > 0 and text[m.start() - 1].isdigit() for m in pattern.finditer(text))


def style_matters(text: str, delimiter: str) -> bool:
    """Could this text hold an ambiguous number, or numbers in both styles? If not, reading its
    figures twice to learn the file's style is wasted (every figure then says its own style).
    Loose on purpose: a false alarm only costs that second look; a real case is never missed."""
    if delimiter == ",":
        if _QUOTED_COMMA3.search(text) or any(
            _single_mark_number(text, m.start(), ".") for m in _DOT3_IN_COMMA_FILE.finditer(text)
        ):
            return True
        comma = bool(_QUOTED_COMMA.search(text))
    else:
        if any(
            _single_mark_number(text, m.start(), ".,")
            for pattern in (_DOT3, _COMMA3)
            for m in pattern.finditer(text)
        ):
            return True
        comma = _after_digit(text, _COMMA)
    vietnamese = comma or _after_digit(text, _DOT_GROUPING)
    return vietnamese and (_after_digit(text, _POINT) or comma)


def _has_long_line(text: str) -> bool:
    """Is any physical line longer than a cell may be? A line of more than 2 × B characters
    holds a whole aligned block of B without a line break: a few slices decide it."""
    block = FIELD_LIMIT // 2
    return len(text) > FIELD_LIMIT and any(
        "\n" not in text[i : i + block] for i in range(0, len(text) - block + 1, block)
    )


def plain_records(text: str, layout: TextLayout) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) after the header, without the problem checks: for a quick first look."""
    skip = max(layout.header_line, layout.header_end)
    reader = csv.reader(itertools.islice(lines(text), skip, None), delimiter=layout.delimiter)
    start = skip + 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + skip + 1


def records(text: str, layout: TextLayout) -> Iterator[Record]:
    """The records after the header, each with its first physical line."""
    delimiter = layout.delimiter
    skip = max(layout.header_line, layout.header_end)
    physical = itertools.islice(lines(text), skip, None)
    # Only a physical line longer than a cell may be can hold an oversize cell: one C-speed
    # scan decides whether lines need watching at all.
    watched = _Feed(physical) if _has_long_line(text) else None
    reader = csv.reader(watched or physical, delimiter=delimiter)
    start = skip + 1
    held: Record | None = None
    for cells in reader:
        last = reader.line_num + skip
        if held is not None:
            yield held
        if last == start and watched is None:  # one line, nothing to watch: the common case
            held = (start, cells, start)
        else:
            problem: int | Problem = start
            if watched is not None and watched.long:
                watched.long = False
                size = max((len(c) for c in cells), default=0)
                if size > FIELD_LIMIT:
                    problem = Problem("oversize", last, size)
            if problem == start and last > start:
                problem = Problem("multiline", last)
            held = (start, cells, problem)
        start = last + 1
    if held is None:
        return
    line, cells, problem = held
    # csv's lenient mode silently takes everything after a quote left open as one field
    end = problem.last if isinstance(problem, Problem) else line
    if '"' in text and _quote_left_open(_last_record(text, line, end), delimiter):
        problem = Problem("open-quote", end)
    yield line, cells, problem


def _last_record(text: str, first: int, last: int) -> str:
    """Physical lines ``first``…``last`` (the end) of ``text``: the last record. Cheap when it is
    one line, as it almost always is; never a list of every line of a big file."""
    if first < last:
        return "".join(itertools.islice(lines(text), first - 1, None))
    end = len(text) - (2 if text.endswith("\r\n") else 1 if text.endswith(("\r", "\n")) else 0)
    return text[max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1 : end]


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
