"""The column path: the row path's answer (run.py, rows.py), reached column by column.

The row path is the specification. This module only decides, in bulk, which rows the row path
would take as valid without a word, and hands it every other row, in file order:

1. Every file is read by the row path's own reader (``read_source``: encoding, header search,
   delimiters, title rows). A text table of actuals whose data part holds no quote, no bare
   carriage return and no line longer than a cell may be is parsed by pyarrow, every cell a
   string, one row per physical line; blank lines and rows of another width are kept aside
   with their line numbers, for the row path. Anything else (workbooks, quoted fields, task
   tables, a UTF-8 file with broken bytes, a guide column given twice) stays on the row path.
2. Tables with the same columns are checked together. Each column is dictionary-encoded and
   every distinct spelling (of an id, a unit, a period, a figure, a basis, a date, a note) is
   decided once by the row path's own functions (``RowChecker.resolve_unit``, ``.period``,
   ``._number``, ``.basis``, ``.submitted``, ``.guides_agree`` …, called on a probe that only
   notes whether they would say anything). What depends on two cells is decided once per
   distinct pair (a value target's figure, a guide column's name), or from the plan once per
   target and kind of unit (the scope).
3. A row is *certainly clean* when its id is a target's as the plan spells it, its unit,
   period, figures, basis and date pass without a word, its numerator is at most its
   denominator (which is not 0) and its value, if any, is within ``VALUE_TOLERANCE`` of
   100 × num / den (values this close to the tolerance are left to the row path).
4. Cross-row rules (duplicates, overlapping periods, mixed basis, falling year-to-date totals,
   resubmissions) hold per (target, unit) across the run. A (target, unit) that has a row not
   certainly clean, a row on the row path, two rows that share a month (found by sorting one
   key per row: a sorted run overlaps where two neighbours do), or a cumulative figure of a
   year-to-date target is replayed whole.
5. The row path then reads every file in order as it always does; for a table on this path it
   gets only the rows to replay, with their lines, and counts the others as valid. Those become
   ``Observation`` objects only when asked for (report, explain, missing, summary), merged
   with the replayed ones in file and line order. A table with more rows to replay than not is
   simply read by the row path.

pyarrow is imported here only, when this path is engaged: a run of at least
``THRESHOLD_BYTES`` of text, or ``$QN_DX_ENGINE=columns``. None of the calls used imports pandas
(``pa.array``, ``pa.scalar``, ``to_numpy`` and Python numbers given to compute functions would):
arrays are built from ``array.array`` buffers.
"""

from __future__ import annotations

import array
import bisect
import datetime as dt
import heapq
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..ingest.csvtext import _has_long_line
from ..ingest.headers import is_guide
from ..ingest.numbers import NumberStyle, parse_number
from ..ingest.periods import Period
from ..ingest.read import WORKBOOK_SUFFIXES, Source, Table, read_source
from ..plan import Plan
from ..plan.load import display_path
from ..text import fold
from .model import Observation
from .rows import MILESTONE_WORDS, VALUE_TOLERANCE

ENGINE_ENV = "QN_DX_ENGINE"
ENGINES = ("auto", "rows", "columns")
# Below this many bytes of text in a run the row path is as fast: importing pyarrow costs what
# the row path spends on ~15,000 rows. Measured by benchmarks/bench_validate.py --crossover.
THRESHOLD_BYTES = 1_500_000
REPLAY_SHARE = 0.5  # a table with more rows to replay than this share goes to the row path
CHUNK = 65_536  # rows taken from pyarrow at a time to replay or to make observations
# What a unit of the plan may say for this path to know every rule: a plan whose units say
# more (dates of validity, successors …) is checked by the row path alone.
UNIT_FIELDS = frozenset({"code", "name", "type", "level", "parent"})
GUARD = 1e-9  # a value this close to the tolerance is left to the row path
CHECKED_GUIDES = ("unit_name-guide", "title-guide")
MEASURES = {"ratio": 0, "value": 1, "milestone": 2}

Record = tuple[int, list[str], int]


# --- when ---------------------------------------------------------------------------------------


def engine_choice(engine: str | None) -> str:
    choice = (engine or os.environ.get(ENGINE_ENV) or "auto").strip().lower()
    return choice if choice in ENGINES else "auto"


def engaged(plan: Plan, files: list[Path], engine: str | None, max_bytes: int) -> bool:
    """Whether a run takes the column path: asked for, or enough text to be worth it."""
    choice = engine_choice(engine)
    if choice == "rows" or not files or not supported(plan):
        return False
    if choice == "auto":
        total = 0
        for f in files:
            if f.suffix.lower() in WORKBOOK_SUFFIXES:
                continue
            try:
                size = f.stat().st_size
            except OSError:
                continue
            if size <= max_bytes:
                total += size
        if total < THRESHOLD_BYTES:
            return False
    from importlib.util import find_spec

    return find_spec("pyarrow") is not None


_SUPPORTED: dict[int, tuple[Plan, bool]] = {}


def supported(plan: Plan) -> bool:
    """Does this path know every rule the plan brings? Units that say more than a code, a name,
    a type, a level and a parent (validity dates, successors …) bring rules of their own."""
    hit = _SUPPORTED.get(id(plan))
    if hit is not None and hit[0] is plan:
        return hit[1]
    extra = {k for u in plan.units[:1] for k in vars(u)} - UNIT_FIELDS  # every unit has them all
    ok = not any(getattr(u, k, None) not in (None, [], (), "") for u in plan.units for k in extra)
    _SUPPORTED.clear()
    _SUPPORTED[id(plan)] = (plan, ok)
    return ok


# --- pyarrow, without pandas ------------------------------------------------------------------


def _import_pyarrow() -> tuple[Any, Any, Any]:
    """pyarrow, its compute and csv modules. From the command line (which never uses numpy)
    pyarrow is imported without numpy: that halves its import time."""
    import qn_dx

    block = getattr(qn_dx, "_command_line", False) and "numpy" not in sys.modules
    if block:
        sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pcsv
    finally:
        if block:
            del sys.modules["numpy"]
    return pa, pc, pcsv


class _Arrow:
    """pyarrow, and builders that never go through ``pa.array`` or ``pa.scalar``."""

    def __init__(self) -> None:
        self.pa, self.pc, self.csv = _import_pyarrow()
        pa = self.pa
        self.types = {"q": pa.int64(), "i": pa.int32(), "b": pa.int8(), "d": pa.float64()}
        self.TRUE = self.flags([True])[0]
        self.FALSE = self.flags([False])[0]

    def typed(self, code: str, values: Iterable[Any]) -> Any:
        data = array.array(code, values)
        typ = self.types[code]
        return self.pa.Array.from_buffers(typ, len(data), [None, self.pa.py_buffer(data)])

    def ints(self, values: Iterable[int]) -> Any:
        return self.typed("i", values)

    def longs(self, values: Iterable[int]) -> Any:
        return self.typed("q", values)

    def floats(self, values: Iterable[float]) -> Any:
        return self.typed("d", values)

    def flags(self, values: Iterable[bool]) -> Any:
        raw = self.typed("b", (1 if v else 0 for v in values))
        return self.pc.equal(
            raw,
            self.pa.Array.from_buffers(
                self.pa.int8(), 1, [None, self.pa.py_buffer(array.array("b", [1]))]
            )[0],
        )

    def int32(self, value: int) -> Any:
        return self.ints([value])[0]

    def int64(self, value: int) -> Any:
        return self.longs([value])[0]

    def float64(self, value: float) -> Any:
        return self.floats([value])[0]

    def full(self, n: int, scalar: Any) -> Any:
        return self.pa.repeat(scalar, n)

    def count(self, mask: Any) -> int:
        return int(self.pc.sum(self.pc.cast(mask, self.pa.int64())).as_py() or 0)


# --- the row path's checks, without findings -------------------------------------------------


class _Probe:
    """Stands in for a row's ``_Where``: notes whether the row path would say anything."""

    __slots__ = ("failed", "file", "findings", "first_error", "headers", "line", "noted")

    def __init__(self) -> None:
        self.failed = False
        self.noted = False
        self.file = ""
        self.line = 0
        self.headers: dict[str, str] = {}
        self.findings: list[Any] = []
        self.first_error = None

    def error(self, *args: Any, **kwargs: Any) -> None:
        self.failed = True

    def warning(self, *args: Any, **kwargs: Any) -> None:
        self.noted = True

    @property
    def said(self) -> bool:
        return self.failed or self.noted


class _Kind:
    """A unit of some level and type and no code: what a scope says of every such unit."""

    __slots__ = ("code", "level", "type")

    def __init__(self, level: str, type: str | None):
        self.level, self.type, self.code = level, type, "\x00"


class _Key:
    """What a guide check reads of an observation."""

    __slots__ = ("indicator_id", "unit_code")

    def __init__(self, indicator_id: str, unit_code: str):
        self.indicator_id, self.unit_code = indicator_id, unit_code


# --- one table, parsed -------------------------------------------------------------------------


class _Text:
    """A text table parsed by pyarrow: its rows, and the lines it could not take as rows."""

    def __init__(
        self,
        table: Table,
        every: list[Any],
        base: int,
        empty: list[int],
        invalid: list[tuple[int, str]],
        mixed: bool,
    ):
        self.table = table
        self.every = every  # every column as strings (a batch's slices, once batched)
        self.rows = len(every[0]) if every else 0
        self.base = base  # physical lines before the data
        self.empty = empty  # data lines (1-based) that are empty
        self.invalid = invalid  # (ordinal among non-empty lines, text) of rows of another width
        self.mixed = mixed  # the file writes numbers in both styles
        self.offset = 0  # where its rows start in its batch
        self.batch: _Batch | None = None
        self.clean: Any = None
        self.clean_count = 0
        self.to_rows = False

    def signature(self) -> tuple[Any, ...]:
        return (tuple(self.table.columns), self.table.delimiter == ",", self.mixed)

    def lines(self) -> Iterator[int]:
        """The physical line of every parsed row, in order."""
        if not self.empty and not self.invalid:
            yield from range(self.base + 1, self.base + 1 + self.rows)
            return
        empty = set(self.empty)
        bad = {k for k, _t in self.invalid}
        line = ordinal = produced = 0
        while produced < self.rows:
            line += 1
            if line in empty:
                continue
            ordinal += 1
            if ordinal in bad:
                continue
            produced += 1
            yield self.base + line

    def other_lines(self) -> list[tuple[int, list[str]]]:
        """(line, cells) of the lines that are no parsed row: blank lines, and rows of another
        width split as csv.reader splits a line without quotes."""
        out: list[tuple[int, list[str]]] = [(self.base + n, []) for n in self.empty]
        d = self.table.delimiter or ","
        for k, text in self.invalid:
            line = k  # the k-th non-empty line: k and the empty lines before it
            while True:
                at = k + bisect.bisect_right(self.empty, line)
                if at == line:
                    break
                line = at
            body = text.rstrip("\r")
            out.append((self.base + line, body.split(d) if body else []))
        out.sort(key=lambda x: x[0])
        return out

    def release(self) -> None:
        """The text is no longer needed: its rows are in columns (and those to replay, too)."""
        self.table.text = None
        self.table.records = _nothing
        self.table.plain = _nothing


def _nothing() -> Iterator[Any]:
    return iter(())


def _data_offset(text: str, skip: int) -> int:
    """Where physical line ``skip + 1`` starts (lines end at "\\n"; no bare CR here)."""
    pos = 0
    for _ in range(skip):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos


def _empty_lines(text: str, start: int) -> list[int]:
    """Numbers (1-based, from ``start``) of the empty lines of ``text[start:]``."""
    starts: list[int] = []
    if text.startswith(("\n", "\r\n"), start):
        starts.append(start)
    for pattern in ("\n\n", "\n\r\n"):
        pos = text.find(pattern, start)
        while pos >= 0:
            starts.append(pos + 1)
            pos = text.find(pattern, pos + 1)
    found: list[int] = []
    line, counted = 1, start
    for s in sorted(starts):
        line += text.count("\n", counted, s)
        counted = s
        found.append(line)
    return found


# --- the run -------------------------------------------------------------------------------------


def validate(run: Any, files: list[Path], encoding: str | None, max_bytes: int) -> None:
    """Every file of a run through ``run`` (run.py's ``_Run``), this path deciding which rows it
    needs to see."""
    read = []
    for f in files:
        label = display_path(f)
        read.append((f, label, read_source(f, label, encoding, max_bytes)))
    cols = Columns(run)
    for _f, _label, source in read:
        cols.read(source)
    cols.settle()
    for f, label, source in read:
        run.file(f, label, encoding, max_bytes, source=source, columns=cols)
    if cols.kept:
        run.clean = cols


class Columns:
    """One run's column work: the tables it parsed, and its verdicts for the row path."""

    def __init__(self, run: Any):
        self.run = run
        self.checker = run.checker
        self.plan: Plan = run.checker.plan
        self._ar: _Arrow | None = None
        self.styles: dict[int, NumberStyle] = {}
        self.texts: dict[int, _Text] = {}  # id(table) → parsed
        self.kept: list[_Text] = []  # tables whose valid rows this path counted
        self.row_path_groups: set[int] = set()
        self.prescan: list[Table] = []
        self.targets = list(self.plan.target_by_id.values())
        self.target_index = {t.id: i for i, t in enumerate(self.targets)}
        self.unit_codes = list(self.checker.units)
        self.unit_index = {c: i for i, c in enumerate(self.unit_codes)}
        self.n_units = max(len(self.unit_codes), 1)
        # decisions per spelling, shared by every table of the run
        self.numbers: dict[tuple[Any, ...], float | None] = {}
        self.indicators: dict[str, tuple[int, bool]] = {}
        self.units: dict[str, int] = {}
        self.periods: dict[str, Period | None] = {}
        self._scope: tuple[Any, Any, Any] | None = None
        self._codes: Any = None
        self.n_kinds = 1

    @property
    def ar(self) -> _Arrow:
        if self._ar is None:
            self._ar = _Arrow()
        return self._ar

    # -- phase 1: read every file ---------------------------------------------------------------
    def read(self, source: Source) -> None:
        readable = [t for t in source.tables if t.readable]
        eligible = [t for t in readable if _eligible(t)]
        if eligible:
            from .run import _number_style  # the row path's own first look at the figures

            style = _number_style(readable)
            self.styles[id(source)] = style
            for t in eligible:
                text = self._parse(t, style.mixed)
                if text is not None:
                    self.texts[id(t)] = text
        for t in readable:
            if t.kind == "actuals" and id(t) not in self.texts:
                self.prescan.append(t)

    def _parse(self, t: Table, mixed: bool) -> _Text | None:
        text, lay = t.text, t.layout
        assert text is not None and lay is not None
        skip = max(lay.header_line, lay.header_end)
        start = _data_offset(text, skip)
        if text.find('"', start) >= 0 or _has_long_line(text):
            return None
        if "\r" in text and text.count("\r", start) != text.count("\r\n", start):
            return None  # a bare carriage return ends a line for the row path's reader
        if start >= len(text) or not text[start:].strip("\r\n"):
            return None
        ar = self.ar
        width = len(t.columns)
        names = [f"c{i}" for i in range(width)]
        invalid: list[tuple[int, str]] = []

        def other_width(row: Any) -> str:
            invalid.append((row.number, row.text))
            return "skip"

        data = memoryview(text.encode("utf-8"))
        head = len(text[:start].encode("utf-8")) if not text.isascii() else start
        try:
            parsed = ar.csv.read_csv(
                ar.pa.py_buffer(data[head:]),
                read_options=ar.csv.ReadOptions(
                    column_names=names, use_threads=False, block_size=_block(len(data) - head)
                ),
                parse_options=ar.csv.ParseOptions(
                    delimiter=t.delimiter or ",",
                    quote_char=False,
                    escape_char=False,
                    newlines_in_values=False,
                    ignore_empty_lines=True,
                    invalid_row_handler=other_width,
                ),
                convert_options=ar.csv.ConvertOptions(
                    column_types={n: ar.pa.string() for n in names},
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except Exception:  # whatever pyarrow refuses, the row path reads
            return None
        del data
        if any(k is None for k, _t in invalid) or parsed.num_rows == 0:
            return None
        every = [parsed.column(i).combine_chunks() for i in range(width)]
        return _Text(t, every, skip, _empty_lines(text, start), invalid, mixed)

    # -- phase 2: settle which (target, unit) pairs are replayed --------------------------------
    def settle(self) -> None:
        for t in self.prescan:
            self._prescan(t)
        self.prescan = []
        if not self.texts:
            return
        ar = self.ar
        pa, pc = ar.pa, ar.pc
        batches: dict[tuple[Any, ...], list[_Text]] = {}
        for text in self.texts.values():
            batches.setdefault(text.signature(), []).append(text)
            self._groups_of(text.table.columns, text.other_lines())
        done = [_Batch(self, texts) for texts in batches.values()]
        dirty: set[int] = set(self.row_path_groups)
        keys, ends, groups = [], [], []
        for b in done:
            dirty.update(b.dirty_groups)
            if b.sort_key is not None:
                keys.append(b.sort_key)
                ends.append(b.end_month)
                groups.append(b.candidate_group)
                b.sort_key = b.end_month = b.candidate_group = None
        if keys:
            key = pa.concat_arrays(keys) if len(keys) > 1 else keys[0]
            end = pa.concat_arrays(ends) if len(ends) > 1 else ends[0]
            group = pa.concat_arrays(groups) if len(groups) > 1 else groups[0]
            del keys, ends, groups
            if len(key) > 1:
                order = pc.sort_indices(key)
                g = pc.take(group, order)
                start = pc.bit_wise_and(pc.take(key, order), ar.int64(0xFFFF))
                e = pc.take(end, order)
                del order, key, end, group
                n = len(g)
                # sorted by first month: a run of periods shares a month somewhere exactly
                # where a period starts before its neighbour above it ends
                same = pc.equal(g.slice(1), g.slice(0, n - 1))
                overlap = pc.and_(same, pc.less_equal(start.slice(1), e.slice(0, n - 1)))
                clash = pc.filter(g.slice(1), overlap)
                if len(clash):
                    dirty.update(pc.unique(clash).to_pylist())
        dirty_array = ar.ints(sorted(dirty)) if dirty else None
        for b in done:
            b.finish(dirty_array)

    def _prescan(self, t: Table) -> None:
        """A table the row path reads whole: the (target, unit) pairs its rows could hold."""
        self._groups_of(t.columns, ((line, cells) for line, cells, _last in t.records()))

    def _groups_of(
        self, columns: list[str | None], records: Iterable[tuple[int, list[str]]]
    ) -> None:
        """Rows the row path reads (a table of its own, or the lines of a parsed table that are
        no parsed row: of another width): their (target, unit) pairs are replayed whole, so that
        a duplicate of such a row, or an overlap with it, is said as the row path says it."""
        if "indicator_id" not in columns or "unit_code" not in columns:
            return
        i_ind, i_unit = columns.index("indicator_id"), columns.index("unit_code")
        targets, resolve = self.plan.target_by_id, self.checker.resolve_unit
        for _line, cells in records:
            if len(cells) <= max(i_ind, i_unit):
                continue
            indicator = str(cells[i_ind]).strip().upper()
            unit = resolve(str(cells[i_unit]))
            if indicator in targets and unit is not None:
                self.row_path_groups.add(
                    self.target_index[indicator] * self.n_units + self.unit_index[unit]
                )

    # -- phase 3: what the row path asks --------------------------------------------------------
    def style(self, source: Source) -> NumberStyle | None:
        return self.styles.get(id(source))

    def rows(self, table: Table) -> tuple[Iterable[Record], int] | None:
        text = self.texts.get(id(table))
        if text is None or text.to_rows:
            return None
        self.kept.append(text)
        return _replay(self, text), text.clean_count

    # -- the observations, when asked for -------------------------------------------------------
    def merged(
        self, replayed: list[Observation], order: dict[str, int]
    ) -> Callable[[], list[Observation]]:
        """The run's observations in file and line order: the replayed ones (``replayed``, in
        that order already) with each kept table's valid rows merged in."""
        kept = sorted(self.kept, key=lambda t: order.get(t.table.file, -1))

        def make() -> list[Observation]:
            import gc

            collecting = gc.isenabled()
            gc.disable()  # a million new objects, none in a cycle
            try:
                out: list[Observation] = []
                i, n = 0, len(replayed)
                for text in kept:
                    label = text.table.file
                    rank = order.get(label, -1)
                    while i < n and order.get(replayed[i].file, -1) < rank:
                        out.append(replayed[i])
                        i += 1
                    j = i
                    while j < n and replayed[j].file == label:
                        j += 1
                    mine = _observations(self, text)
                    if j > i:
                        out.extend(heapq.merge(replayed[i:j], mine, key=lambda o: o.line))
                    else:
                        out.extend(mine)
                    i = j
                out.extend(replayed[i:])
                return out
            finally:
                if collecting:
                    gc.enable()

        return make

    # -- decisions per spelling ------------------------------------------------------------------
    def indicator(self, s: str) -> tuple[int, bool]:
        """(target index or -1, whether the cell is the id exactly as the plan spells it)."""
        hit = self.indicators.get(s)
        if hit is None:
            t = self.target_index.get(s.strip().upper(), -1)
            hit = self.indicators[s] = (t, t >= 0 and s in self.plan.target_by_id)
        return hit

    def unit(self, s: str) -> int:
        hit = self.units.get(s)
        if hit is None:
            code = self.checker.resolve_unit(s)
            hit = self.units[s] = self.unit_index[code] if code is not None else -1
        return hit

    def unit_ids(self, column: _Column) -> list[int]:
        """The unit index of each spelling of a unit column (-1: no unit). Codes written as
        the registry writes them are matched in bulk; the others one by one."""
        ar = self.ar
        if column.indices is None or len(column.values) < 64:
            return [self.unit(s) for s in column.values]
        if self._codes is None:
            self._codes = _strings(ar, self.unit_codes)
        dictionary = column.dictionary
        at = ar.pc.index_in(dictionary, value_set=self._codes)
        found = at.to_pylist()
        return [i if i is not None else self.unit(s) for i, s in zip(found, column.values)]

    def period(self, s: str) -> Period | None:
        if s in self.periods:
            return self.periods[s]
        found = None
        if s.strip():
            probe = _Probe()
            found = self.checker.period(s.strip(), probe)
            if probe.said:
                found = None
        self.periods[s] = found
        return found

    def number(self, text: str, column: str, kind: str, target: Any, mixed: bool) -> float | None:
        """The figure the row path reads from ``text`` without a word, or None."""
        key = (text, column, kind, target.id if target is not None else None, mixed)
        if key in self.numbers:
            return self.numbers[key]
        value: float | None = None
        if text.strip():
            plain = len(text) < 16 and text.isascii() and text.isdigit()
            parsed = None if plain else parse_number(text.strip())
            # an ambiguous spelling is read in the file's style, and that is said once; a
            # spelling in a style may be the file's minority: the row path decides both
            if parsed is None or (parsed.ambiguity is None and not (parsed.style and mixed)):
                probe = _Probe()
                value = self.checker._number(text, column, kind, probe, target)
                if probe.said:
                    value = None
        self.numbers[key] = value
        return value

    def scopes(self) -> tuple[Any, Any, Any]:
        """(each unit's kind — its level and type — by unit index; in scope by target × kind;
        the (target, unit) pairs that a scope names by code)."""
        if self._scope is None:
            from ..plan.registry import in_scope

            ar = self.ar
            units = self.checker.units
            kinds: dict[tuple[str, str | None], int] = {}
            examples: list[_Kind] = []
            of_unit = []
            for code in self.unit_codes:
                u = units[code]
                k = kinds.get((u.level, u.type))
                if k is None:
                    k = kinds[(u.level, u.type)] = len(examples)
                    examples.append(_Kind(u.level, u.type))
                of_unit.append(k)
            self.n_kinds = max(len(examples), 1)
            table = [
                bool(examples) and in_scope(examples[k], t.scope)  # type: ignore[arg-type]
                for t in self.targets
                for k in range(self.n_kinds)
            ]
            named = [
                ti * self.n_units + self.unit_index[code]
                for ti, t in enumerate(self.targets)
                for code in t.scope.units
                if code in self.unit_index
            ]
            self._scope = (
                ar.ints(of_unit or [0]),
                ar.flags(table),
                ar.ints(named) if named else None,
            )
        return self._scope


def _eligible(t: Table) -> bool:
    if t.kind != "actuals" or t.text is None or t.layout is None:
        return False
    if t.encoding in ("workbook", "utf-8 (with invalid bytes)"):
        return False
    guides = [c for c in t.columns if c is not None and is_guide(c)]
    return len(guides) == len(set(guides))  # a guide column twice: the row path decides


def _strings(ar: _Arrow, values: list[str]) -> Any:
    """A string array, from its buffers (``pa.array`` would import pandas)."""
    data = [v.encode("utf-8") for v in values]
    offsets = array.array("i", [0])
    total = 0
    for d in data:
        total += len(d)
        offsets.append(total)
    pa = ar.pa
    return pa.Array.from_buffers(
        pa.string(), len(data), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))]
    )


def _take(ar: _Arrow, values: Any, index: Any) -> Any:
    """``values[index]`` per row; ``index`` is a scalar when every row has the same one (a
    file of one target and one unit), and ``pc.take`` takes no scalar."""
    if isinstance(index, ar.pa.Scalar):
        return values[index.as_py()] if index.is_valid else None
    return ar.pc.take(values, index)


def _block(size: int) -> int:
    """One block for the whole text (one chunk per column), within pyarrow's 2 GiB."""
    return max(1 << 20, min(size + 1, (1 << 31) - 1))


# --- a batch: tables with the same columns, checked together ------------------------------------


class _Column:
    """A column of a batch, dictionary-encoded: per-row indices and the distinct spellings."""

    def __init__(self, ar: _Arrow, values: Any | None, n: int):
        self.ar = ar
        self.dictionary: Any = None
        if values is None:  # no such column: every row reads ""
            self.indices = None
            self.values = [""]
        else:
            enc = values.dictionary_encode()
            self.indices = enc.indices
            self.dictionary = enc.dictionary
            self.values = enc.dictionary.to_pylist()
        self.n = n

    @property
    def constant(self) -> bool:
        return len(self.values) <= 1

    def per_row(self, results: Any) -> Any:
        """``results[index]`` for every row: always an array (a scalar here, for a column of one
        spelling, once crashed ``pc.filter`` in pyarrow 22 with a segmentation fault)."""
        if self.constant or self.indices is None:
            if not len(results):
                return None
            return self.ar.full(self.n, results[0])
        return self.ar.pc.take(results, self.indices)

    def row_indices(self) -> Any:
        if self.indices is None:
            return self.ar.full(self.n, self.ar.int32(0))
        return self.indices


class _Batch:
    """Tables with the same columns, their rows one after the other, checked in bulk."""

    def __init__(self, cols: Columns, texts: list[_Text]):
        self.cols = cols
        self.texts = texts
        ar = cols.ar
        pa = ar.pa
        first = texts[0]
        offset = 0
        for text in texts:
            text.offset = offset
            text.batch = self
            offset += text.rows
        self.n = offset
        if len(texts) > 1:
            every = [pa.concat_arrays([t.every[i] for t in texts]) for i in range(len(first.every))]
            for t in texts:  # each table reads its rows as slices of the batch
                t.every = [c.slice(t.offset, t.rows) for c in every]
        else:
            every = first.every
        self.every = every
        self.columns: dict[str, Any] = {}
        for i, c in enumerate(first.table.columns):
            if c is None or (is_guide(c) and c not in CHECKED_GUIDES):
                continue
            self.columns.setdefault(c, every[i])
        self.comma = first.table.delimiter == ","
        self.mixed = first.mixed
        self.sort_key: Any = None
        self.end_month: Any = None
        self.candidate_group: Any = None
        self.dirty_groups: list[int] = []
        self._classify()

    def _column(self, name: str) -> _Column:
        return _Column(self.cols.ar, self.columns.get(name), self.n)

    def _classify(self) -> None:
        cols, ar = self.cols, self.cols.ar
        pa, pc = ar.pa, ar.pc
        checker = cols.checker
        n, mixed = self.n, self.mixed
        targets = cols.targets
        neg = ar.int32(-1)
        conditions: list[Any] = []  # every one must hold for a row to be certainly clean

        # indicator: its target (as the row path reads it); the cell must be the id as the
        # plan spells it, or the header, total and heading checks would apply
        ind = self._column("indicator_id")
        found = [cols.indicator(s) for s in ind.values]
        tid = ind.per_row(ar.ints(t for t, _exact in found))
        conditions.append(ind.per_row(ar.flags(exact for _t, exact in found)))
        measure = ind.per_row(
            ar.typed("b", (MEASURES[targets[t].measure] if t >= 0 else 3 for t, _e in found))
        )
        self.ind_targets = [targets[t].id if t >= 0 else None for t, _e in found]

        unit = self._column("unit_code")
        uids = cols.unit_ids(unit)
        uid = unit.per_row(ar.ints(uids))
        self.unit_names = [cols.unit_codes[u] if u >= 0 else None for u in uids]
        known = pc.and_(pc.not_equal(tid, neg), pc.not_equal(uid, neg))
        size = ar.int32(cols.n_units)
        group = pc.if_else(known, pc.add(pc.multiply(tid, size), uid), neg)

        per = self._column("period")
        periods = [cols.period(s) for s in per.values]
        self.periods = periods
        first = per.per_row(ar.ints(p.year * 12 + p.first_month if p else 0 for p in periods))
        end = per.per_row(ar.ints(p.end_month_index if p else 0 for p in periods))
        conditions.append(pc.greater(first, ar.int32(0)))

        # scope: by the unit's kind, once per target and kind, or named by code
        of_unit, by_kind, named = cols.scopes()
        kind = _take(ar, of_unit, pc.if_else(pc.equal(uid, neg), ar.int32(0), uid))
        safe_tid = pc.if_else(pc.equal(tid, neg), ar.int32(0), tid)
        scope = _take(ar, by_kind, pc.add(pc.multiply(safe_tid, ar.int32(cols.n_kinds)), kind))
        if named is not None:
            scope = pc.or_(scope, pc.is_in(group, value_set=named))
        conditions.append(scope)
        del kind, scope

        # figures, by the target's measure
        num_col, den_col, val_col = (
            self._column("numerator"),
            self._column("denominator"),
            self._column("value"),
        )
        nan = float("nan")

        def read(column: _Column, name: str, kind: str) -> list[float]:
            out = []
            for s in column.values:
                x = cols.number(s, name, kind, None, mixed)
                out.append(nan if x is None else x)
            return out

        self.nums = read(num_col, "numerator", "whole")
        self.dens = read(den_col, "denominator", "whole")
        self.pcts = read(val_col, "value", "percent")  # a ratio's value
        num = num_col.per_row(ar.floats(self.nums))
        den = den_col.per_row(ar.floats(self.dens))
        blank = val_col.per_row(ar.flags(not s.strip() for s in val_col.values))
        pct = val_col.per_row(ar.floats(self.pcts))
        ratio = pc.and_(pc.greater(den, ar.float64(0.0)), pc.less_equal(num, den))  # NaN: false
        share = pc.divide(pc.multiply(ar.float64(100.0), num), den)
        near = pc.less(pc.abs(pc.subtract(pct, share)), ar.float64(VALUE_TOLERANCE - GUARD))
        ratio = pc.and_(ratio, pc.or_(blank, near))
        del num, den, pct, share, near
        is_ratio = pc.equal(measure, ar.typed("b", [0])[0])
        is_value = pc.equal(measure, ar.typed("b", [1])[0])
        is_milestone = pc.equal(measure, ar.typed("b", [2])[0])
        figures = pc.and_(is_ratio, ratio)

        # a value target's figure: once per (target, spelling)
        self.pair_values: dict[int, float] = {}
        self.n_values = max(len(val_col.values), 1)
        if pc.any(is_value).as_py():
            rows = pc.and_(is_value, pc.invert(blank))
            pair = pc.add(pc.multiply(safe_tid, ar.int32(self.n_values)), val_col.row_indices())
            pairs = pc.unique(pc.filter(pair, rows)) if not isinstance(rows, pa.Scalar) else None
            if pairs is not None and len(pairs):
                good = []
                for k in pairs.to_pylist():
                    t = targets[k // self.n_values]
                    x = cols.number(
                        val_col.values[k % self.n_values], "value", t.unit or "count", t, mixed
                    )
                    good.append(x is not None)
                    if x is not None:
                        self.pair_values[k] = x
                fine = _take(ar, ar.flags(good), pc.index_in(pair, value_set=pairs))
                figures = pc.or_(figures, pc.and_(rows, pc.fill_null(fine, ar.FALSE)))
        self.done = [
            (-1 if w is None else int(w))
            for w in (
                MILESTONE_WORDS.get(fold(s.strip())) if s.strip() else None for s in val_col.values
            )
        ]
        if pc.any(is_milestone).as_py():
            done = val_col.per_row(ar.ints(self.done))
            figures = pc.or_(figures, pc.and_(is_milestone, pc.not_equal(done, neg)))
        conditions.append(figures)
        del figures, ratio, blank

        # basis: a cell that is there is read (blank: this period's own figure)
        self.basis: list[int] | None = None
        cumulative = None
        basis = self.columns.get("basis")
        if basis is not None:
            col = self._column("basis")
            codes = []
            for s in col.values:
                if not s:
                    codes.append(0)
                    continue
                probe = _Probe()
                b = checker.basis(s, probe)
                codes.append(-1 if probe.said or b is None else int(b))
            per_row = col.per_row(ar.ints(codes))
            conditions.append(pc.not_equal(per_row, neg))
            cumulative = pc.equal(per_row, ar.int32(1))
            self.basis = codes
            self.basis_col = col

        # submitted: a date that can be true, not before its period began
        self.dates: list[dt.date | None] | None = None
        if self.columns.get("submitted") is not None:
            col = self._column("submitted")
            dates: list[dt.date | None] = []
            ordinals = []
            for s in col.values:
                if not s:
                    dates.append(None)
                    ordinals.append(0)
                    continue
                probe = _Probe()
                d = checker.submitted(s, probe, None)
                dates.append(None if probe.said else d)
                ordinals.append(-1 if probe.said else d.toordinal() if d is not None else 0)
            when = col.per_row(ar.ints(ordinals))
            conditions.append(pc.not_equal(when, neg))
            began = per.per_row(
                ar.ints(dt.date(p.year, p.first_month, 1).toordinal() if p else 0 for p in periods)
            )
            early = pc.and_(pc.greater(when, ar.int32(0)), pc.less(when, began))
            conditions.append(pc.invert(early))
            self.dates = dates
            self.dates_col = col

        # a figure written into the note of a comma-separated file
        self.notes: _Column | None = None
        if self.columns.get("note") is not None:
            col = self._column("note")
            self.notes = col
            if self.comma:
                from .run import BARE_NUMBER

                bare = [BARE_NUMBER.fullmatch(s) is not None for s in col.values]
                if any(bare):
                    conditions.append(pc.invert(col.per_row(ar.flags(bare))))

        ok = self._all(conditions)
        conditions = []

        # the template's guide columns: a name that is another unit's (a title another
        # target's) refuses the row; once per (unit, name) and (target, title)
        for guide, who in (("unit_name-guide", uid), ("title-guide", tid)):
            if self.columns.get(guide) is None:
                continue
            col = self._column(guide)
            size = ar.int32(max(len(col.values), 1))
            filled = col.per_row(ar.flags(bool(s.strip()) for s in col.values))
            pair = pc.add(pc.multiply(who, size), col.row_indices())
            asked = pc.and_(filled, ok)
            pairs = pc.unique(pc.filter(pair, asked)) if not isinstance(asked, pa.Scalar) else None
            if pairs is None or not len(pairs):
                continue
            agree = []
            for k in pairs.to_pylist():
                whom, spelling = divmod(k, len(col.values))
                if guide == "unit_name-guide":
                    key = _Key("", cols.unit_codes[whom])
                else:
                    key = _Key(targets[whom].id, "")
                probe = _Probe()
                checker.guides_agree(key, {guide: col.values[spelling]}, probe)
                agree.append(not probe.said)
            fine = pc.fill_null(
                _take(ar, ar.flags(agree), pc.index_in(pair, value_set=pairs)), ar.FALSE
            )
            ok = pc.and_(ok, pc.or_(pc.invert(filled), fine))

        if isinstance(ok, pa.Scalar):
            ok = ar.full(n, ok)
        ok = pc.fill_null(ok, ar.FALSE)
        self.ok = ok
        self.group = group
        # every (target, unit) with a row not vouched for is replayed whole, and so is one
        # with a cumulative figure of a year-to-date target (mixed basis, falling totals)
        doubt = pc.and_(pc.invert(ok), known)
        if cumulative is not None:
            ytd = ar.flags(t.period_rule == "year_to_date" for t in targets)
            is_ytd = _take(ar, ytd, safe_tid)
            doubt = pc.or_(doubt, pc.and_(pc.and_(is_ytd, cumulative), known))
        if isinstance(doubt, pa.Scalar):
            doubt = ar.full(n, doubt)
        bad = pc.filter(group, pc.fill_null(doubt, ar.FALSE))
        self.dirty_groups = pc.unique(bad).to_pylist() if len(bad) else []
        del bad, doubt
        if pc.any(ok).as_py():
            if isinstance(first, pa.Scalar):
                first = ar.full(n, first)
                end = ar.full(n, end)
            self.candidate_group = pc.filter(group, ok)
            key = pc.add(
                pc.multiply(pc.cast(group, pa.int64()), ar.int64(1 << 16)),
                pc.cast(first, pa.int64()),
            )
            self.sort_key = pc.filter(key, ok)
            self.end_month = pc.filter(end, ok)
        # what observations are made of
        self.ind_col, self.unit_col, self.per_col = ind, unit, per
        self.num_col, self.den_col, self.val_col = num_col, den_col, val_col
        self.measure = measure

    def _all(self, conditions: list[Any]) -> Any:
        pc = self.cols.ar.pc
        ok = conditions[0]
        for c in conditions[1:]:
            ok = pc.and_(ok, c)
        return ok

    def finish(self, dirty: Any) -> None:
        ar = self.cols.ar
        pc = ar.pc
        clean = self.ok
        if dirty is not None:
            clean = pc.and_(clean, pc.invert(pc.is_in(self.group, value_set=dirty)))
        self.group = None
        for text in self.texts:
            mine = clean.slice(text.offset, text.rows)
            text.clean = mine
            text.clean_count = ar.count(mine)
            total = text.rows + len(text.empty) + len(text.invalid)
            if text.clean_count == 0 or total - text.clean_count > REPLAY_SHARE * total:
                text.to_rows = True  # mostly rows to replay: the row path reads it all
            else:
                text.release()
        self.ok = None


# --- replay and observations -----------------------------------------------------------------


def _replay(cols: Columns, text: _Text) -> Iterator[Record]:
    """The rows the row path must see, in line order, as its reader would give them."""
    ar = cols.ar
    pc = ar.pc
    dirty = pc.indices_nonzero(pc.invert(text.clean)).to_pylist()
    others = text.other_lines()
    lines = _lines_of(text, dirty)

    def parsed_rows() -> Iterator[tuple[int, list[str]]]:
        for start in range(0, len(dirty), CHUNK):
            chunk = dirty[start : start + CHUNK]
            idx = ar.longs(chunk)
            cells = [pc.take(c, idx).to_pylist() for c in text.every]
            for k, row in enumerate(zip(*cells)):
                yield lines[start + k], list(row)

    for line, cells in heapq.merge(parsed_rows(), others, key=lambda r: r[0]):
        yield line, cells, line


def _lines_of(text: _Text, rows: list[int]) -> list[int]:
    if not text.empty and not text.invalid:
        return [text.base + 1 + i for i in rows]
    wanted = set(rows)
    return [line for i, line in enumerate(text.lines()) if i in wanted]


def _observations(cols: Columns, text: _Text) -> list[Observation]:
    """The table's valid rows as the row path makes them (rows.py ``RowChecker.actual``)."""
    ar = cols.ar
    pc = ar.pc
    b = text.batch
    assert b is not None
    label = text.table.file
    rows = pc.indices_nonzero(text.clean)
    nums, dens, pcts, done = b.nums, b.dens, b.pcts, b.done
    targets, units, periods = b.ind_targets, b.unit_names, b.periods
    n_values, pair_values = b.n_values, b.pair_values
    tids = [cols.target_index.get(t, -1) if t else -1 for t in targets]
    measures = [cols.targets[t].measure if t >= 0 else None for t in tids]
    notes = b.notes.values if b.notes is not None else None
    dates, basis = b.dates, b.basis
    lines = text.lines()
    out: list[Observation] = []
    append = out.append
    line, at = 0, -1
    base = text.offset

    def column(c: _Column | None) -> Callable[[Any], list[int]]:
        if c is None or c.indices is None or c.constant:
            return lambda idx: [0] * len(idx)
        return lambda idx: pc.take(c.indices, idx).to_pylist()

    take_ind, take_unit, take_per = column(b.ind_col), column(b.unit_col), column(b.per_col)
    take_num, take_den, take_val = column(b.num_col), column(b.den_col), column(b.val_col)
    take_note = column(b.notes)
    take_basis = column(getattr(b, "basis_col", None))
    take_date = column(getattr(b, "dates_col", None))
    for start in range(0, len(rows), CHUNK):
        local = rows.slice(start, CHUNK)
        idx = pc.add(pc.cast(local, ar.pa.int64()), ar.int64(base)) if base else local
        i_ind, i_unit, i_per = take_ind(idx), take_unit(idx), take_per(idx)
        i_num, i_den, i_val = take_num(idx), take_den(idx), take_val(idx)
        i_note, i_basis, i_date = take_note(idx), take_basis(idx), take_date(idx)
        for k, r in enumerate(local.to_pylist()):
            while at < r:  # the physical line of row r
                line = next(lines)
                at += 1
            ti = i_ind[k]
            measure = measures[ti]
            figs: tuple[float | None, float | None, float | None, bool | None]
            if measure == "ratio":  # a blank value is NaN here (a filled one is clean)
                v = pcts[i_val[k]]
                figs = (nums[i_num[k]], dens[i_den[k]], None if v != v else v, None)
            elif measure == "value":
                figs = (None, None, pair_values[tids[ti] * n_values + i_val[k]], None)
            else:
                figs = (None, None, None, done[i_val[k]] == 1)
            append(
                Observation(
                    targets[ti],  # type: ignore[arg-type]
                    units[i_unit[k]],  # type: ignore[arg-type]
                    periods[i_per[k]],  # type: ignore[arg-type]
                    figs[0],
                    figs[1],
                    figs[2],
                    figs[3],
                    notes[i_note[k]] if notes is not None else "",
                    label,
                    line,
                    basis is not None and basis[i_basis[k]] == 1,
                    dates[i_date[k]] if dates is not None else None,
                )
            )
    return out
