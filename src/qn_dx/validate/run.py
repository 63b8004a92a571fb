"""Files → findings and clean observations: the validate stage of the pipeline.

Cross-row rules hold across every file of one run: the same (indicator, unit, period) twice (the
later ``submitted`` date wins; without dates it is a conflict), overlapping periods (a month
inside a reported quarter) and a unit mixing per-period and cumulative figures for one indicator
and year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import itertools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Both, Finding, Msg, column_word, figure, joined, msg
from ..ingest.cells import DateCell, ErrorCell, FormulaCell, MergedCell, TypedCell
from ..ingest.csvtext import FIELD_LIMIT, Problem
from ..ingest.headers import (
    ACTUALS_FIGURES,
    ACTUALS_REQUIRED,
    TASK_FIGURES,
    TASK_REQUIRED,
    is_guide,
)
from ..ingest.numbers import NumberStyle, parse_number
from ..ingest.periods import Period
from ..ingest.read import MAX_BYTES, MAX_COLUMNS, SUFFIXES, Source, Table, read_source
from ..output import is_temp_file
from ..plan import Plan
from ..plan.load import display_path
from ..text import fold
from .model import Observation, RejectedRow, TableCount, TaskReport, Validation
from .rows import RowChecker, is_blank, make_where, read_date

CHECKED_GUIDES = ("unit_name-guide", "title-guide")
ROW_NUMBER_HEADERS = {"stt", "tt", "so tt", "so thu tu", "no", "no.", "#", "thu tu"}
TOTAL_WORDS = {"tong", "cong", "total", "sum", "grand total"}
TOTAL_PREFIXES = ("tong cong", "tong so", "grand total", "total ")


class PathNotFound(Exception):
    pass


@dataclass
class Scan:
    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


VCS_FOLDERS = {".git", ".svn", ".hg"}  # a submissions folder kept under version control


def _silently_skipped(name: str) -> bool:
    """Not submissions, and not worth a word: Excel's lock files (~$x.xlsx: the owner's name,
    never data), a killed qn-dx run's temporary output, system files (.DS_Store, .gitkeep,
    Thumbs.db, desktop.ini) and README documents. Anything else is read or named."""
    if name.startswith("~$") or is_temp_file(name):
        return True
    suffix = Path(name).suffix.lower()
    if suffix in SUFFIXES:
        return False  # README.csv or .old.csv with rows in it: read, or named below
    return (
        name.startswith(".")
        or name.lower() in ("thumbs.db", "desktop.ini")
        or (name.upper().startswith("README"))
    )


def scan_paths(paths: Iterable[Path]) -> Scan:
    """Files as given; folders → every submission file below them (sorted). Anything else in a
    folder is named in an ``ignored-file`` warning; a symbolic link that leaves the folder is
    never followed (``symlink-outside``); an unreadable folder is an error."""
    scan = Scan()
    for p in paths:
        if p.is_dir():
            _walk(p, scan)
        elif p.is_file() or p.exists():  # a device or FIFO: refused when read, never waited on
            scan.files.append(p)
        elif p.is_symlink():
            scan.findings.append(Finding("file-unreadable", _broken_link(p), file=display_path(p)))
        else:
            raise PathNotFound(str(p))
    seen: set[Path] = set()
    unique = []
    for f in scan.files:  # a file named twice, or reached twice, is read once
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    scan.files = unique
    return scan


def _walk(root: Path, scan: Scan) -> None:
    inside = root.resolve()
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        where = display_path(Path(exc.filename)) if exc.filename else display_path(root)
        scan.findings.append(
            Finding(
                "file-unreadable",
                msg("finding.file-unreadable.folder", why=exc.strerror or str(exc)),
                file=where,
                hint=msg("finding.file-unreadable.folder.hint"),
            )
        )

    ignored: list[Finding] = []
    for folder, dirs, names in os.walk(root, onerror=unreadable, followlinks=False):
        base = Path(folder)
        for d in sorted(dirs):
            if d.startswith(".") and d not in VCS_FOLDERS:
                ignored.append(
                    Finding(
                        "ignored-file",
                        msg("finding.ignored-file.hidden-folder"),
                        file=_shown(base / d),
                        hint=msg("finding.ignored-file.hidden-folder.hint"),
                    )
                )
            elif (base / d).is_symlink():
                _outside_link(base / d, inside, scan)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = base / name
            if _silently_skipped(name):
                continue
            if path.is_symlink() and _outside_link(path, inside, scan):
                continue
            if name.startswith("."):
                ignored.append(
                    Finding(
                        "ignored-file",
                        msg("finding.ignored-file.hidden-file"),
                        file=_shown(path),
                        hint=msg("finding.ignored-file.hidden-file.hint"),
                    )
                )
            elif path.suffix.lower() in SUFFIXES:
                found.append(path)
            else:
                ignored.append(
                    Finding(
                        "ignored-file",
                        msg(
                            "finding.ignored-file.trailing",
                            suffixes=", ".join(SUFFIXES),
                            tail=repr(path.name[len(path.name.rstrip()) :]),
                            before=repr(path.suffix.rstrip() or path.name.rstrip()),
                        )
                        if path.name != path.name.rstrip()
                        else msg("finding.ignored-file", suffixes=", ".join(SUFFIXES)),
                        file=display_path(path),
                        hint=msg("finding.ignored-file.hint"),
                    )
                )
    scan.files.extend(sorted(found))
    scan.findings.extend(ignored)
    if not found and not ignored:
        scan.findings.append(
            Finding("no-input-files", msg("finding.no-input-files"), file=display_path(root))
        )


def _first_error(findings: list[Finding]) -> str:
    return next((f.code for f in findings if f.severity == "error"), "file-unreadable")


def _broken_link(path: Path) -> Msg:
    """Why a symbolic link leads nowhere: a loop, or a target that is gone."""
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return msg("finding.file-unreadable.link-loop")
    except OSError as exc:
        import errno

        if exc.errno == errno.ELOOP:
            return msg("finding.file-unreadable.link-loop")
    return msg("finding.file-unreadable.broken-link")


def _outside_link(path: Path, inside: Path, scan: Scan) -> bool:
    """A link whose target leaves the folder given is never followed (and never read: its
    content could be any file of the machine). True when the link was refused."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        scan.findings.append(Finding("file-unreadable", _broken_link(path), file=_shown(path)))
        return True
    if target == inside or target.is_relative_to(inside):
        return False
    scan.findings.append(
        Finding(
            "symlink-outside",
            msg("finding.symlink-outside"),
            file=_shown(path),
            hint=msg("finding.symlink-outside.hint"),
        )
    )
    return True


def _shown(path: Path) -> str:
    """A path as the user sees it in the folder, the link itself and not where it points."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """The submission files of ``paths`` (see ``scan_paths``)."""
    return scan_paths(paths).files


def validate_paths(
    plan: Plan,
    paths: Iterable[Path],
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    engine: str | None = None,
) -> Validation:
    """Validate files and folders. ``engine``: "rows" (this module, the reference), "columns"
    (validate/columns.py: pyarrow, the same answer; rows it cannot vouch for are replayed
    here) or "auto" (columns above a size, see ``columns.engaged``); default ``$QN_DX_ENGINE``,
    else "auto"."""
    scan = scan_paths(list(paths))
    run = _Run(plan)
    run.result.paths = scan.files
    run.result.findings.extend(scan.findings)
    # The row loop allocates millions of small objects and frees none of them in cycles:
    # Python's cyclic collector would walk them again and again (a third of the time at 1 M
    # rows). Reference counting still frees everything; the collector resumes afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from . import columns

        if columns.engaged(plan, scan.files, engine, max_bytes):
            columns.validate(run, scan.files, encoding, max_bytes)
        else:
            for f in scan.files:
                run.file(f, display_path(f), encoding, max_bytes)
    finally:
        if collecting:
            gc.enable()
    return run.finish()


class _Slot:
    """What one (indicator, unit) has reported so far in this run."""

    __slots__ = ("conflicted", "occupied", "periods")

    def __init__(self) -> None:
        self.periods: dict[Period, Observation] = {}  # the row that holds each period
        self.occupied: dict[int, int] = {}  # year → months taken, as a bit mask
        self.conflicted: set[Period] = set()  # periods with conflicting rows


class _Run:
    def __init__(self, plan: Plan):
        self.checker = RowChecker(plan)
        self.result = Validation()
        self.order: dict[str, int] = {}
        # Cross-row state per (indicator, unit): far fewer keys than rows, so a million rows
        # cost one small dict per unit rather than one tuple key per row.
        self.slots: dict[tuple[str, str], _Slot] = {}
        self.dropped: set[tuple[str, int]] = set()  # (file, line) of rows a later row undid
        self.seen_tasks: dict[tuple[str, str | None, str], TaskReport] = {}
        self.conflicted_tasks: set[tuple[str, str | None, str]] = set()
        self.count = TableCount("")
        self.year_to_date = {t.id for t in plan.targets if t.period_rule == "year_to_date"}
        self.known_ids = {*plan.target_by_id, *plan.task_by_id}
        self.unit_codes = {*plan.reporting_units, *plan.unit_by_code}
        # refused rows that carry a date: (indicator, unit, period), submitted, index in rejected
        self.refused: list[tuple[tuple[str, str, str], dt.date, int]] = []
        # (indicator, unit, period) in conflict → the latest date among its rows (None: a row
        # without a date is part of it, so no date can settle it)
        self.conflict_dates: dict[tuple[str, str, Period], dt.date | None] = {}
        self.clean: Any = None  # the column path's valid rows (validate/columns.py), if it ran

    def file(
        self,
        path: Path,
        label: str,
        encoding: str | None,
        max_bytes: int,
        source: Source | None = None,
        columns: Any = None,
    ) -> None:
        """One file through the row path. ``source``: the file already read; ``columns``: the
        column path's verdicts (validate/columns.py), which hand this loop only the rows they
        cannot vouch for and the file's number style, and count the rest as valid."""
        res = self.result
        self.order.setdefault(label, len(self.order))
        if source is None:
            source = read_source(path, label, encoding, max_bytes)
        res.findings.extend(source.findings)
        if source.ignored:
            return
        res.files += 1
        readable = [t for t in source.tables if t.readable]
        for t in source.tables:
            self.order.setdefault(t.file, len(self.order))
            res.findings.extend(t.findings)
            if not t.readable:  # listed, so that a refused table never just vanishes
                res.tables.append(TableCount(t.file, refused=_first_error(t.findings)))
        if not source.tables and any(f.severity == "error" for f in source.findings):
            res.tables.append(TableCount(label, refused=_first_error(source.findings)))
        style = columns.style(source) if columns is not None else None
        self.checker.begin_file(style if style is not None else _number_style(readable))
        for table in readable:
            self.count = TableCount(table.file)
            res.tables.append(self.count)
            self._above_header(table)
            taken = columns.rows(table) if columns is not None else None
            if taken is None:
                self._rows(table)
            else:  # the rows the column path vouches for are valid; the others come here
                replay, clean = taken
                self._tally("valid", clean)
                self._rows(table, replay)

    # -- accounting: every row lands in exactly one of valid, invalid, skipped ----------------
    def _tally(self, kind: str, n: int = 1) -> None:
        res, count = self.result, self.count
        res.rows += n
        count.rows += n
        if kind == "valid":  # the common case, spelt out: this runs once per row
            res.rows_valid += n
            count.rows_valid += n
        else:
            setattr(res, f"rows_{kind}", getattr(res, f"rows_{kind}") + n)
            setattr(count, f"rows_{kind}", getattr(count, f"rows_{kind}") + n)

    def _rows(self, table: Table, records: Iterable[Any] | None = None) -> None:
        res = self.result
        label = table.file
        headers = {c: h for c, h in zip(table.columns, table.headers, strict=True) if c}
        width = len(table.columns)
        positions = [(i, c) for i, c in enumerate(table.columns) if c and not is_guide(c)]
        # The template's guide columns name the unit and the target: a row whose code was
        # changed (or copied) while its name still says another unit or target is refused.
        guides = [(i, c) for i, c in enumerate(table.columns) if c in CHECKED_GUIDES]
        is_tasks = table.kind == "tasks"
        typed = table.encoding == "workbook"
        damaged = table.encoding == "utf-8 (with invalid bytes)"
        id_column = "task_id" if is_tasks else "indicator_id"
        required = TASK_REQUIRED if is_tasks else ACTUALS_REQUIRED
        # A row too short to hold every required column was not split like the header.
        needed = max(i for i, c in enumerate(table.columns) if c in required) + 1
        # Columns the contract does not know: a row whose only figures sit there is not an
        # unfilled template row (its figures would vanish), it is a row we cannot read.
        unknown = [
            (i, h or _column_letter(i))
            for i, (c, h) in enumerate(zip(table.columns, table.headers))
            if c is None and fold(h) not in ROW_NUMBER_HEADERS
        ]
        text_rows: list[int] = []  # headings, notes and signatures: no target, no figure
        comma_notes = table.delimiter == "," and "note" in table.columns
        header_key = [fold(h) for h in table.headers]
        header_rows: list[int] = []
        for line, cells, last in table.records() if records is None else records:
            if last != line:
                self._problem(label, line, last)
                continue
            if is_blank(cells):
                self._tally("skipped")
                continue
            where = make_where(label, line, headers, res.findings)
            if len(cells) < needed:
                where.error(
                    "unsplit-row",
                    msg("finding.unsplit-row", cells=len(cells), width=width),
                    None,
                    msg("finding.unsplit-row.hint"),
                )
                self._tally("invalid")
                continue
            if damaged and any("\ufffd" in c for c in cells):
                where.error(
                    "invalid-bytes",
                    msg("finding.invalid-bytes"),
                    next((h for h, c in zip(table.headers, cells) if "\ufffd" in c), None),
                    msg("finding.invalid-bytes.hint"),
                )
                self._tally("invalid")
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                far = len(cells) > MAX_COLUMNS
                where.error(
                    "extra-cells",
                    msg("finding.extra-cells.far", limit=f"{MAX_COLUMNS:,}", width=width)
                    if far
                    else msg("finding.extra-cells", cells=len(cells), width=width),
                    None,
                    msg("finding.extra-cells.hint"),
                )
                self._tally("invalid")
                continue
            row: dict[str, str] = {}
            for i, name in positions:
                if i < len(cells) and name not in row:
                    row[name] = cells[i]
            written_id = row.get(id_column, "")
            if (
                written_id not in self.known_ids  # the common case costs one lookup
                and [fold(c) for c in cells[: len(header_key)]] == header_key
            ):
                header_rows.append(line)  # the header again (two tables pasted one under one)
                self._tally("skipped")
                continue
            if (
                written_id not in self.known_ids  # the common case: an id as the plan spells it
                and _is_total(cells)
                and str(written_id).strip().upper() not in self.known_ids
            ):
                where.warning(
                    "total-row",
                    msg(
                        "finding.total-row", text=repr(next(c for c in cells if c.strip()).strip())
                    ),
                    None,
                )
                self._tally("skipped")
                continue
            if self._text_only(row, is_tasks):
                text_rows.append(line)
                self._tally("skipped")
                continue
            if typed and not self._typed_cells(row, where, is_tasks):
                self._tally("invalid")
                if not is_tasks:
                    self._reject(row, where)
                continue
            if comma_notes and BARE_NUMBER.fullmatch(row.get("note", "")):
                # "…,1,234" in a comma-separated file: a decimal comma that split a figure
                # into the figure and the note. Which was meant cannot be known.
                where.error(
                    "number-in-note",
                    msg("finding.number-in-note", note=row["note"].strip()),
                    "note",
                    msg("finding.number-in-note.hint"),
                )
                self._tally("invalid")
                if not is_tasks:
                    self._reject(row, where)
                continue
            if is_tasks:
                self._task_row(row, where)
            else:
                guide = (
                    {c: cells[i] for i, c in guides if i < len(cells) and cells[i].strip()}
                    if guides
                    else None
                )
                stray = (
                    [h for i, h in unknown if i < len(cells) and _has_digit(cells[i])]
                    if unknown
                    else None
                )
                self._actual_row(row, where, guide, stray)
        if header_rows:
            res.findings.append(
                Finding(
                    "repeated-header",
                    msg("finding.repeated-header", lines=_line_list(header_rows)),
                    label,
                    header_rows[0],
                    hint=msg("finding.repeated-header.hint"),
                )
            )
        if text_rows:
            res.findings.append(
                Finding(
                    "text-rows",
                    msg(
                        f"finding.text-rows.{'task' if is_tasks else 'target'}",
                        n=len(text_rows),
                        lines=_line_list(text_rows),
                    ),
                    label,
                    text_rows[0],
                    hint=msg(
                        "finding.text-rows.hint",
                        column=column_word("task_id" if is_tasks else "indicator_id"),
                    ),
                )
            )

    def _text_only(self, row: dict[str, str], is_tasks: bool) -> bool:
        """A row that names no target or task, no unit, and holds no figure: a section heading
        ("I. CHÍNH QUYỀN ĐIỆN TỬ"), a note, or the place, date and signatures under the table.
        Skipping it loses nothing; each table says so once, with the lines."""
        written = str(row.get("task_id" if is_tasks else "indicator_id", "")).strip().upper()
        if written in self.known_ids or ID_SHAPE.fullmatch(written):
            return False
        if str(row.get("unit_code", "")).strip() in self.unit_codes:
            return False
        figures = TASK_FIGURES if is_tasks else ACTUALS_FIGURES
        if any(_holds_figure(row.get(c, "")) or _typed_value(row.get(c)) for c in figures):
            return False
        return not (is_tasks and row.get("status", "").strip())

    def _above_header(self, table: Table) -> None:
        """A row above the header that names a target or task is data in the wrong place, not a
        title: refused on its line (and counted), never dropped with the titles."""
        for line, cells in table.above:
            named = [c.strip().upper() for c in cells if c.strip().upper() in self.known_ids]
            if named:
                self.result.findings.append(
                    Finding(
                        "data-above-header",
                        msg("finding.data-above-header", id=named[0]),
                        table.file,
                        line,
                        None,
                        msg("finding.data-above-header.hint", line=table.header_line),
                    )
                )
                self._tally("invalid")

    def _problem(self, label: str, line: int, problem: Any) -> None:
        """A record that is not one ordinary line: every physical line it took is reported."""
        res = self.result
        assert isinstance(problem, Problem)
        if problem.kind == "oversize":
            res.findings.append(
                Finding(
                    "field-too-large",
                    msg(
                        "finding.field-too-large",
                        size=f"{problem.size:,}",
                        limit=f"{FIELD_LIMIT:,}",
                    ),
                    label,
                    line,
                    None,
                    msg("finding.field-too-large.hint"),
                )
            )
            self._tally("invalid")
            return
        if problem.kind == "open-quote":
            message = msg("finding.multiline-field.open-quote", line=line, last=problem.last)
            hint = msg("finding.multiline-field.open-quote.hint")
        else:
            message = msg("finding.multiline-field", line=line, last=problem.last)
            hint = msg("finding.multiline-field.hint")
        # One finding per line it swallowed, up to a point: a quote left open near the top of a
        # big file swallows every line after it, and a million identical findings help no one.
        last_named = min(problem.last, line + MAX_LINES_NAMED - 1)
        for n in range(line, last_named + 1):
            res.findings.append(Finding("multiline-field", message, label, n, None, hint))
        if last_named < problem.last:
            res.findings.append(
                Finding(
                    "multiline-field",
                    msg(
                        "finding.multiline-field.likewise", first=last_named + 1, last=problem.last
                    ),
                    label,
                    last_named + 1,
                    None,
                    hint,
                )
            )
        self._tally("invalid", problem.last - line + 1)

    def _typed_cells(self, row: dict[str, str], where: Any, is_tasks: bool = False) -> bool:
        """Spreadsheet cells that are not a value: refused on their own cell. False: refused."""
        ok = True
        for name, cell in row.items():
            if not isinstance(cell, TypedCell) or name == "note":  # a note's value is no figure
                continue
            if isinstance(cell, MergedCell):
                # Refused when the row says something (a figure of its own, or the merged cell
                # is a figure): an unfilled row under a merged unit code stays an unfilled row.
                says = (*TASK_FIGURES, "status") if is_tasks else ACTUALS_FIGURES
                if any(isinstance(row.get(c), MergedCell) or row.get(c, "").strip() for c in says):
                    where.error(
                        "merged-cell",
                        msg(
                            "finding.merged-cell",
                            column=column_word(name),
                            detail=cell.describe(where.line),
                        ),
                        name,
                        msg("finding.merged-cell.hint"),
                    )
                    ok = False
            elif isinstance(cell, ErrorCell):
                where.error(
                    "cell-error",
                    msg("finding.cell-error", column=column_word(name), value=repr(str(cell))),
                    name,
                    msg("finding.cell-error.hint"),
                )
                ok = False
            elif isinstance(cell, FormulaCell):
                where.error(
                    "formula-without-value",
                    msg(
                        "finding.formula-without-value",
                        column=column_word(name),
                        formula=repr(str(cell)[:60]),
                    ),
                    name,
                    msg("finding.formula-without-value.hint"),
                )
                ok = False
            elif isinstance(cell, DateCell) and name == "period":
                where.warning(
                    "period-from-date",
                    msg("finding.period-from-date", date=f"{cell.date:%d/%m/%Y}", month=str(cell)),
                    name,
                    msg("finding.period-from-date.hint"),
                )
        return ok

    def _actual_row(
        self,
        row: dict[str, str],
        where: Any,
        guide: dict[str, str] | None = None,
        stray: list[str] | None = None,
    ) -> None:
        res = self.result
        if not any(row.get(c, "").strip() for c in ACTUALS_FIGURES):
            if stray:
                where.error(
                    "figures-outside-contract",
                    msg("finding.figures-outside-contract", columns=joined(map(_quoted, stray))),
                    None,
                    msg("finding.figures-outside-contract.hint"),
                )
                self._tally("invalid")
                self._reject(row, where)
                return
            where.warning(
                "unfilled-row",
                msg("finding.unfilled-row"),
                None,
                msg("finding.unfilled-row.hint"),
            )
            self._tally("skipped")
            return
        obs = self.checker.actual(row, where)
        if obs is not None and guide and not self.checker.guides_agree(obs, guide, where):
            obs = None
        if obs is None:
            self._tally("invalid")
            self._reject(row, where)
            return
        slot = self.slots.get((obs.indicator_id, obs.unit_code))
        if slot is None:
            slot = self.slots[(obs.indicator_id, obs.unit_code)] = _Slot()
        year = obs.period.year
        if obs.indicator_id in self.year_to_date and slot.occupied.get(year):
            # Every row held for this year shares one basis: the first one that came decides.
            first_basis = next(o for o in slot.periods.values() if o.period.year == year)
            if first_basis.cumulative != obs.cumulative:
                where.error(
                    "mixed-basis",
                    msg(
                        "finding.mixed-basis",
                        id=obs.indicator_id,
                        unit=obs.unit_code,
                        year=year,
                        basis=_basis_words(obs),
                        other=f"{first_basis.file}:{first_basis.line}",
                        other_basis=_basis_words(first_basis),
                    ),
                    "basis",
                    msg("finding.mixed-basis.hint"),
                )
                self._tally("invalid")
                self._reject(row, where)
                return
        first = slot.periods.get(obs.period)
        if first is not None:
            self._duplicate(first, obs, slot, where)
            return
        if slot.occupied.get(year, 0) & obs.period.months_mask:  # some month is taken already
            other = next(o for o in slot.periods.values() if o.period.overlaps(obs.period))
            where.error(
                "overlapping-periods",
                msg(
                    "finding.overlapping-periods",
                    id=obs.indicator_id,
                    unit=obs.unit_code,
                    period=obs.period.label,
                    other=other.period.label,
                    at=f"{other.file}:{other.line}",
                ),
                "period",
                msg("finding.overlapping-periods.hint"),
            )
            self._tally("invalid")
            self._reject(row, where)
            return
        slot.periods[obs.period] = obs
        slot.occupied[year] = slot.occupied.get(year, 0) | obs.period.months_mask
        res.observations.append(obs)
        self._tally("valid")

    def _reject(self, row: dict[str, str], where: Any) -> None:
        self.result.rejected.append(
            RejectedRow(
                str(row.get("indicator_id", "")).strip().upper(),
                str(row.get("unit_code", "")).strip(),
                str(row.get("period", "")).strip(),
                where.file,
                where.line,
                where.first_error or "",
            )
        )
        sent = read_date(row.get("submitted", ""))
        key = self.checker.key_of(row) if sent is not None else None
        if sent is not None and key is not None:  # a later, valid resubmission may replace it
            self.refused.append((key, sent, len(self.result.rejected) - 1))

    def _duplicate(self, first: Observation, obs: Observation, slot: _Slot, where: Any) -> None:
        res = self.result
        label = _row_label(obs)
        if first.same_figures(obs) and obs.period not in slot.conflicted:
            where.warning(
                "duplicate-row",
                msg("finding.duplicate-row", row=label, at=f"{first.file}:{first.line}"),
                None,
            )
            self._tally("skipped")
            return
        dated = first.submitted is not None and obs.submitted is not None
        if dated and first.submitted != obs.submitted and obs.period not in slot.conflicted:
            self._supersede(first, obs, slot, where, label)
            return
        key = (obs.indicator_id, obs.unit_code, obs.period)
        latest = self.conflict_dates.get(key)
        if obs.period in slot.conflicted and obs.submitted and latest and obs.submitted > latest:
            # Sent after every row of the conflict: the correction. The conflicting rows become
            # superseded when the run ends (see _supersede_refused), whatever their order.
            slot.conflicted.discard(obs.period)
            slot.periods[obs.period] = obs
            res.observations.append(obs)
            self._tally("valid")
            return
        where.error(
            "conflicting-duplicate",
            msg(
                "finding.conflicting-duplicate",
                row=label,
                at=f"{first.file}:{first.line}",
                here=_figures(obs),
                there=_figures(first),
            ),
            None,
            _conflict_hint(first, obs),
        )
        self._tally("invalid")
        self._reject_obs(obs, where.first_error, conflict=True)
        members = (
            [obs.submitted] if obs.period in slot.conflicted else [obs.submitted, first.submitted]
        )
        if obs.period in slot.conflicted:
            members.append(latest)  # None when an undated row is already in the conflict
        self.conflict_dates[key] = None if None in members else max(d for d in members if d)
        if obs.period not in slot.conflicted:  # the first row is just as doubtful: drop it too
            slot.conflicted.add(obs.period)
            self.dropped.add((first.file, first.line))
            res.findings.append(
                Finding(
                    "conflicting-duplicate",
                    msg(
                        "finding.conflicting-duplicate",
                        row=label,
                        at=f"{obs.file}:{obs.line}",
                        here=_figures(first),
                        there=_figures(obs),
                    ),
                    first.file,
                    first.line,
                    None,
                    _conflict_hint(first, obs),
                )
            )
            self._move_count(first.file, "invalid", "valid")
            self._reject_obs(
                first,
                msg("reason.conflicting-duplicate", at=f"{obs.file}:{obs.line}"),
                conflict=True,
            )

    def _supersede(
        self, held: Observation, obs: Observation, slot: _Slot, where: Any, label: Msg
    ) -> None:
        """A resubmission: the row with the later ``submitted`` date replaces the other."""
        assert held.submitted is not None and obs.submitted is not None
        newer, older = (obs, held) if obs.submitted > held.submitted else (held, obs)
        message = msg(
            "finding.superseded",
            row=label,
            by=f"{newer.file}:{newer.line}",
            sent=f"{newer.submitted:%Y-%m-%d}",
            own=f"{older.submitted:%Y-%m-%d}",
        )
        reason = msg("reason.superseded", by=f"{newer.file}:{newer.line}")
        if newer is obs:  # the row held so far gives way
            self.dropped.add((held.file, held.line))
            self.result.findings.append(
                Finding("superseded", message, held.file, held.line, None, None)
            )
            self._move_count(held.file, "skipped", "valid")
            self._reject_obs(held, reason)
            slot.periods[obs.period] = obs
            self.result.observations.append(obs)
            self._tally("valid")
        else:
            where.warning("superseded", message, None)
            self._tally("skipped")
            self._reject_obs(obs, reason)

    def _move_count(self, file: str, kind: str, undo: str) -> None:
        """Re-file a row counted earlier (possibly in another table) from ``undo`` to ``kind``."""
        res = self.result
        setattr(res, f"rows_{kind}", getattr(res, f"rows_{kind}") + 1)
        setattr(res, f"rows_{undo}", getattr(res, f"rows_{undo}") - 1)
        count = next((t for t in reversed(res.tables) if t.file == file), None)
        if count is not None:
            setattr(count, f"rows_{kind}", getattr(count, f"rows_{kind}") + 1)
            setattr(count, f"rows_{undo}", getattr(count, f"rows_{undo}") - 1)

    def _reject_obs(self, o: Observation, reason: Msg | None, conflict: bool = False) -> None:
        self.result.rejected.append(
            RejectedRow(o.indicator_id, o.unit_code, o.period.label, o.file, o.line, reason or "")
        )
        if conflict and o.submitted is not None:  # a later submission may settle the conflict
            key = (o.indicator_id, o.unit_code, o.period.label)
            self.refused.append((key, o.submitted, len(self.result.rejected) - 1))

    def _task_row(self, row: dict[str, str], where: Any) -> None:
        res = self.result
        if not row.get("status", "").strip() and not row.get("progress", "").strip():
            where.warning("unfilled-row", msg("finding.unfilled-row.task"), None)
            self._tally("skipped")
            return
        report = self.checker.task(row, where)
        if report is None:
            self._tally("invalid")
            return
        key = (report.task_id, report.unit_code, report.period.label)
        first = self.seen_tasks.get(key)
        if first is not None:
            label = (
                msg(
                    "words.task-row.by",
                    task=report.task_id,
                    unit=report.unit_code,
                    period=report.period.label,
                )
                if report.unit_code
                else msg("words.task-row", task=report.task_id, period=report.period.label)
            )
            if first.figures() == report.figures() and key not in self.conflicted_tasks:
                where.warning(
                    "duplicate-row",
                    msg("finding.duplicate-row.task", row=label, at=f"{first.file}:{first.line}"),
                    None,
                )
                self._tally("skipped")
                return
            hint = msg(
                "finding.conflicting-duplicate.task.hint"
                if report.unit_code
                else "finding.conflicting-duplicate.task.unit.hint"
            )
            where.error(
                "conflicting-duplicate",
                msg(
                    "finding.conflicting-duplicate.task",
                    row=label,
                    at=f"{first.file}:{first.line}",
                ),
                None,
                hint,
            )
            self._tally("invalid")
            if key not in self.conflicted_tasks:  # as for actuals: the first row is doubtful too
                self.conflicted_tasks.add(key)
                self.dropped.add((first.file, first.line))
                res.findings.append(
                    Finding(
                        "conflicting-duplicate",
                        msg(
                            "finding.conflicting-duplicate.task",
                            row=label,
                            at=f"{report.file}:{report.line}",
                        ),
                        first.file,
                        first.line,
                        None,
                        hint,
                    )
                )
                self._move_count(first.file, "invalid", "valid")
            return
        self.seen_tasks[key] = report
        res.task_reports.append(report)
        self._tally("valid")

    def _supersede_refused(self) -> None:
        """A refused row whose figures a later, valid submission replaced (by its submitted
        date) no longer blocks the run: the sender corrected it. Its errors become one
        ``superseded`` warning that still says what was wrong."""
        res = self.result
        gone: set[tuple[str | None, int | None]] = set()
        for (indicator, unit, label), sent, index in self.refused:
            slot = self.slots.get((indicator, unit))
            holder = (
                next((o for p, o in slot.periods.items() if p.label == label), None)
                if slot is not None
                else None
            )
            if holder is None or (holder.file, holder.line) in self.dropped:
                continue
            if holder.submitted is not None and holder.submitted < sent:
                # The other way round: a later correction that was refused. The older figure
                # is stale, so neither counts until the correction is fixed.
                self._stale(holder, res.rejected[index], sent)
                continue
            if holder.submitted is None or holder.submitted <= sent:
                continue
            r = res.rejected[index]
            gone.add((r.file, r.line))
            res.findings.append(
                Finding(
                    "superseded",
                    msg(
                        "finding.superseded.refused",
                        row=msg("words.row", id=indicator, unit=unit, period=label),
                        by=f"{holder.file}:{holder.line}",
                        sent=f"{holder.submitted:%Y-%m-%d}",
                        own=f"{sent:%Y-%m-%d}",
                        reason=r.reason,
                    ),
                    r.file,
                    r.line,
                    None,
                    None,
                )
            )
            self._move_count(r.file, "skipped", "invalid")
            res.rejected[index] = dataclasses.replace(
                r, reason=msg("reason.superseded", by=f"{holder.file}:{holder.line}")
            )
        if gone:
            res.findings = [
                f for f in res.findings if not (f.severity == "error" and (f.file, f.line) in gone)
            ]

    def _stale(self, held: Observation, refused: RejectedRow, sent: dt.date) -> None:
        self.dropped.add((held.file, held.line))
        self.result.findings.append(
            Finding(
                "superseded",
                msg(
                    "finding.superseded.stale",
                    row=_row_label(held),
                    by=f"{refused.file}:{refused.line}",
                    sent=f"{sent:%Y-%m-%d}",
                    own=f"{held.submitted:%Y-%m-%d}",
                    reason=refused.reason,
                ),
                held.file,
                held.line,
                None,
                msg("finding.superseded.stale.hint", by=f"{refused.file}:{refused.line}"),
            )
        )
        self._move_count(held.file, "skipped", "valid")
        self._reject_obs(
            held, msg("reason.superseded.refused", by=f"{refused.file}:{refused.line}")
        )

    def _falling_totals(self) -> None:
        """Year-to-date totals (lũy kế) cannot fall: a Q2 total below the Q1 total is a typo
        in one of them, refused on the later period's row."""
        for (indicator, _unit), slot in self.slots.items():
            if indicator not in self.year_to_date:
                continue
            held = [
                o
                for o in slot.periods.values()
                if o.cumulative and (o.file, o.line) not in self.dropped
            ]
            held.sort(key=lambda o: (o.period.year, o.period.end_month_index))
            for before, after in itertools.pairwise(held):
                if before.period.year != after.period.year:
                    continue
                pairs = [
                    (name, getattr(before, name), getattr(after, name))
                    for name in ("numerator", "denominator", "value")
                ]
                fell = [(n, a, b) for n, a, b in pairs if a is not None and b is not None and b < a]
                if not fell:
                    continue
                name, a, b = fell[0]
                self.dropped.add((after.file, after.line))
                self.result.findings.append(
                    Finding(
                        "cumulative-decreases",
                        msg(
                            "finding.cumulative-decreases",
                            id=indicator,
                            unit=after.unit_code,
                            figure=msg(f"words.figure.{name}"),
                            before=figure(f"{a:g}"),
                            period=before.period.label,
                            at=f"{before.file}:{before.line}",
                            after=figure(f"{b:g}"),
                            later=after.period.label,
                        ),
                        after.file,
                        after.line,
                        None,
                        msg("finding.cumulative-decreases.hint"),
                    )
                )
                self._move_count(after.file, "invalid", "valid")
                self._reject_obs(
                    after,
                    msg("reason.cumulative-decreases", at=f"{before.file}:{before.line}"),
                )

    def finish(self) -> Validation:
        res = self.result
        self._falling_totals()
        if self.refused:
            self._supersede_refused()
        if self.dropped:
            gone = self.dropped
            res.observations = [o for o in res.observations if (o.file, o.line) not in gone]
            res.task_reports = [t for t in res.task_reports if (t.file, t.line) not in gone]
        if self.clean is not None:  # the column path's valid rows, made objects when asked for
            res.defer_observations(self.clean.merged(res.observations, self.order))
        res.findings.sort(key=lambda f: (self.order.get(f.file or "", -1), f.line or 0))
        return res


# What an id looks like (EG-01, DG 3, NV-1.2): a row whose id cell has this shape is checked as
# data (a typo is reported), never taken for a heading.
MAX_LINES_NAMED = 100  # lines of one broken record that each get their own finding
BARE_NUMBER = re.compile(r"\s*[+-]?\d+(?:[.,]\d+)*\s*")
ID_SHAPE = re.compile(r"[A-Z]{1,4}[- ]?\d+(\.\d+)*")


def _line_list(lines: list[int], limit: int = 8) -> Msg:
    """``lines 4, 5, 7`` or ``lines 4–7``, at most ``limit`` items."""
    spans: list[list[int]] = []
    for n in lines:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in spans]
    more = f" (+{len(parts) - limit})" if len(parts) > limit else ""
    return msg(
        "words.line" if len(lines) == 1 else "words.lines", lines=", ".join(parts[:limit]) + more
    )


def _typed_value(cell: str | None) -> bool:
    """A spreadsheet cell that holds something (a number, a date, an error, a formula), not a
    cell that merged cells cover."""
    return isinstance(cell, TypedCell) and not isinstance(cell, MergedCell)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


_WORD = re.compile(r"[^\W\d_]{2,}")


def _holds_figure(text: str) -> bool:
    """A digit that is not part of a sentence: "Nghĩa Kỳ, ngày 05 tháng 7 năm 2023" (the place
    and date under a table, padded by Excel into the figures' columns) is text, not a figure."""
    return _has_digit(text) and len(_WORD.findall(text)) < 2


def _column_letter(i: int) -> Both:
    """Column i (0-based) as Excel names it: A, B, … Z, AA …"""
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return Both(f"cột {name}", f"column {name}")


def _quoted(header: str) -> str:
    """A header as a message quotes it: its repr (a column letter in the message's language)."""
    if isinstance(header, Both):
        return Both(repr(header.vi), repr(str.__str__(header)))
    return repr(header)


def _row_label(o: Observation) -> Msg:
    """``EG-01 for 51 in 2023-Q2``: the (indicator, unit, period) a message is about."""
    return msg("words.row", id=o.indicator_id, unit=o.unit_code, period=o.period.label)


def _figures(o: Observation) -> str:
    """A row's figures as written in a message: ``75/100``, ``91.5``, ``done``."""
    if o.done is not None:
        return msg("milestone.done" if o.done else "milestone.not_done")

    def g(x: float | None) -> str:
        return "—" if x is None else f"{x:g}"

    if o.numerator is not None or o.denominator is not None:
        return f"{g(o.numerator)}/{g(o.denominator)}"
    return g(o.value)


def _conflict_hint(a: Observation, b: Observation) -> Msg:
    if (a.submitted is None) != (b.submitted is None):
        return msg("finding.conflicting-duplicate.one-dated.hint")
    if a.submitted is not None and a.submitted == b.submitted:
        return msg("finding.conflicting-duplicate.same-date.hint")
    return msg("finding.conflicting-duplicate.hint")


def _basis_words(o: Observation) -> Msg:
    return msg("words.basis.cumulative" if o.cumulative else "words.basis.period")


def _is_total(cells: list[str]) -> bool:
    """A "Tổng cộng" row under the data: its first filled cell (of the first three) says so."""
    first = next((c for c in cells[:3] if c.strip()), "")
    if not first or isinstance(first, TypedCell) or first.rstrip()[-1].isdigit():
        return False  # ids, codes and periods end in a digit; "Tổng cộng" does not
    key = fold(first).rstrip(":. ")
    return key in TOTAL_WORDS or key.startswith(TOTAL_PREFIXES)


def _number_style(tables: list[Table]) -> NumberStyle:
    """The file's number style, from every figure it writes as text (a first, cheap pass: only
    cells with a '.' or ',' are parsed)."""
    style = NumberStyle()
    for table in tables:
        if not table.style_matters:
            continue
        figures = ACTUALS_FIGURES if table.kind == "actuals" else TASK_FIGURES
        idx = [i for i, c in enumerate(table.columns) if c in figures]
        # A decimal mark in a whole-number column is a mistake of its own (not-whole-number),
        # not evidence of the writer's style: "12.34" must not outvote a file's "91,5".
        whole = {i for i, c in enumerate(table.columns) if c in ("numerator", "denominator")}
        if not idx:
            continue
        width = max(idx) + 1
        for line, cells in table.plain():
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            joined = "".join([cells[i] for i in idx])
            if "." not in joined and "," not in joined:  # plain digits: no evidence
                continue
            seen: set[str] = set()
            for i in idx:
                cell = cells[i]
                if type(cell) is not str or ("." not in cell and "," not in cell):
                    continue
                parsed = parse_number(cell)
                if i in whole and parsed.value is not None and not parsed.value.is_integer():
                    continue
                if parsed.style and parsed.style not in seen:
                    seen.add(parsed.style)
                    style.add(parsed.style, cell.strip(), line)
    return style
