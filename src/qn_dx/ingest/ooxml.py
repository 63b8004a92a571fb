""".xlsx / .xlsm (Office Open XML) → sheets, streaming each sheet's XML, sparse and bounded.

What a cell is comes from its type attribute and, for numbers, its style's number format:
``t="e"`` is an error cell, a ``<f>`` without a ``<v>`` is a formula saved without its value, a
number under a ``%`` format is a fraction Excel shows × 100, a number under a date format is a date.
An index into a list of the workbook (a shared string, a style) is plain digits or it is refused:
``int("-1")`` would read a list from its end. Cells covered by merged cells (``<mergeCell>``) are
``MergedCell``: Excel keeps a merged area's value in its first cell only.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element

from ..findings import msg
from .cells import DateCell, ErrorCell, FormulaCell, NumberCell
from .workbook import (
    EXCEL_COLUMNS,
    EXCEL_ROWS,
    MAX_MERGES,
    MAX_SHEETS,
    CellBudget,
    Merge,
    Sheet,
    WorkbookError,
    apply_merges,
    column_index,
    dense,
    read_member,
)

_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_AREA = re.compile(r"^([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})$")
_NUMBER = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")
_BUILTIN_PERCENT = {9, 10}
_BUILTIN_DATE = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _index(text: str | None) -> int | None:
    """A list index as the file writes it: ASCII digits only, so never negative (``int()`` also
    takes "-1", " 1", "+1" and other scripts' digits). None: not an index."""
    if text is None or not (text.isascii() and text.isdigit()) or len(text) > 9:
        return None
    return int(text)


def _parse(data: bytes, what: str) -> Element:
    from defusedxml import ElementTree as SafeET

    try:
        return SafeET.fromstring(data)
    except Exception as exc:  # defusedxml refusals and XML syntax errors alike
        raise WorkbookError(
            msg("finding.file-unreadable.xml", part=what, error=type(exc).__name__)
        ) from None


def read_ooxml(zf: zipfile.ZipFile) -> list[Sheet]:
    names = {n.lower(): n for n in zf.namelist()}

    def member(path: str) -> str | None:
        return names.get(path.lower())

    book_path = member("xl/workbook.xml")
    if book_path is None:
        raise WorkbookError(msg("finding.file-unreadable.no-workbook-part"))
    book = _parse(read_member(zf, book_path), "xl/workbook.xml")
    date1904 = any(
        _local(e.tag) == "workbookPr" and e.get("date1904") in ("1", "true") for e in book.iter()
    )
    targets = _relationships(zf, member("xl/_rels/workbook.xml.rels"))
    entries = [e for e in book.iter() if _local(e.tag) == "sheet"]
    if len(entries) > MAX_SHEETS:
        raise WorkbookError(
            msg("finding.file-unreadable.sheets", n=f"{len(entries):,}", limit=MAX_SHEETS)
        )
    strings = _shared_strings(zf, _find_part(targets, "sharedStrings", member))
    formats = _cell_formats(zf, _find_part(targets, "styles", member))
    budget = CellBudget()
    sheets: list[Sheet] = []
    for e in entries:
        rid = e.get(f"{{{_REL}}}id") or e.get(f"{{{_REL_STRICT}}}id") or ""
        target = targets.get(rid, ("", ""))[0]
        path = member(target) if target else None
        visible = e.get("state", "visible") == "visible"
        sheet = Sheet(e.get("name") or f"Sheet{len(sheets) + 1}", visible)
        if path is not None and targets[rid][1].endswith("/worksheet"):
            merges: list[Merge] = []
            sheet.rows = list(
                _rows(zf, path, strings, formats, date1904, budget, sheet.hidden_rows, merges)
            )
            apply_merges(sheet, merges)
        sheets.append(sheet)
    return sheets


def _relationships(zf: zipfile.ZipFile, path: str | None) -> dict[str, tuple[str, str]]:
    """Relationship id → (part path inside the zip, relationship type)."""
    if path is None:
        return {}
    rels = _parse(read_member(zf, path), path)
    out = {}
    for r in rels:
        target = r.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[r.get("Id", "")] = (_normalise(target), r.get("Type", ""))
    return out


def _normalise(path: str) -> str:
    parts: list[str] = []
    for p in path.split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p and p != ".":
            parts.append(p)
    return "/".join(parts)


def _find_part(targets: dict[str, tuple[str, str]], kind: str, member: Any) -> str | None:
    for path, rel_type in targets.values():
        if rel_type.endswith("/" + kind):
            return member(path)
    return member(f"xl/{kind}.xml")


def _shared_strings(zf: zipfile.ZipFile, path: str | None) -> list[str]:
    if path is None:
        return []
    out: list[str] = []
    for item in _iterparse(zf, path, "si", "sst"):
        out.append(_text(item))
        if len(out) > 10_000_000:
            raise WorkbookError(msg("finding.file-unreadable.shared-strings"))
    return out


def _text(item: Element) -> str:
    """The text of a shared or inline string: plain ``<t>`` or rich-text runs, without the
    phonetic (``rPh``) guides."""
    parts = []
    for child in item:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _cell_formats(zf: zipfile.ZipFile, path: str | None) -> list[str]:
    """Style index → "percent", "date", "text" or "" (the cellXfs list of styles.xml)."""
    if path is None:
        return []
    styles = _parse(read_member(zf, path), path)
    custom: dict[int, str] = {}
    xfs: list[str] = []
    for section in styles:
        tag = _local(section.tag)
        if tag == "numFmts":
            for f in section:
                fmt_id = _index(f.get("numFmtId"))
                if fmt_id is not None:
                    custom[fmt_id] = f.get("formatCode", "")
        elif tag == "cellXfs":
            for xf in section:
                fmt_id = _index(xf.get("numFmtId", "0"))
                fmt_id = 0 if fmt_id is None else fmt_id
                xfs.append(_format_kind(fmt_id, custom.get(fmt_id)))
    return xfs


def format_kind(code: str) -> str:
    """What a number format code shows: "percent", "date", "text" or "" (a plain number)."""
    if code.strip() == "@":
        return "text"
    # Quoted literals, escaped characters and [colour]/[$-locale] sections say nothing of the kind.
    bare = re.sub(r'"[^"]*"|\\.|_.|\*.', "", code)
    bare = re.sub(r"\[(?![hms]+\])[^\]]*\]", "", bare, flags=re.IGNORECASE)
    section = bare.split(";", 1)[0]
    if "%" in section:
        return "percent"
    if section.lower() != "general" and re.search(r"[dmyhs]", section, re.IGNORECASE):
        return "date"
    return ""


def _format_kind(fmt_id: int, code: str | None) -> str:
    if code is not None:
        return format_kind(code)
    if fmt_id in _BUILTIN_PERCENT:
        return "percent"
    if fmt_id in _BUILTIN_DATE:
        return "date"
    return "text" if fmt_id == 49 else ""


def _iterparse(
    zf: zipfile.ZipFile, path: str, tag: str | tuple[str, ...], parent: str | tuple[str, ...]
) -> Iterator[Element]:
    """Each ``tag`` element of a part, complete, then dropped from its ``parent``: memory stays
    one element deep however long the part is."""
    from defusedxml import ElementTree as SafeET

    tags = (tag,) if isinstance(tag, str) else tag
    parents = (parent,) if isinstance(parent, str) else parent
    holders: dict[str, Element] = {}
    try:
        with zf.open(path) as fh:
            for event, elem in SafeET.iterparse(fh, events=("start", "end")):
                if event == "start":
                    local = _local(elem.tag)
                    if local in parents and local not in holders:
                        holders[local] = elem
                    continue
                if _local(elem.tag) in tags:
                    yield elem
                    for holder in holders.values():
                        holder.clear()
    except WorkbookError:
        raise
    except Exception as exc:  # XML errors, defusedxml refusals, broken deflate streams
        raise WorkbookError(
            msg("finding.file-unreadable.part", part=repr(path), error=type(exc).__name__)
        ) from None


def _rows(
    zf: zipfile.ZipFile,
    path: str,
    strings: list[str],
    formats: list[str],
    date1904: bool,
    budget: CellBudget,
    hidden: list[int],
    merges: list[Merge],
) -> Iterator[tuple[int, list[str]]]:
    """The rows of a sheet that hold cells; its merged areas are added to ``merges``."""
    last_row = 0
    for row in _iterparse(zf, path, ("row", "mergeCell"), ("sheetData", "mergeCells")):
        if _local(row.tag) == "mergeCell":
            merges.append(_area(row.get("ref") or ""))
            if len(merges) > MAX_MERGES:
                raise WorkbookError(msg("finding.file-unreadable.merges", limit=f"{MAX_MERGES:,}"))
            continue
        number = _int(row.get("r"), last_row + 1)
        if not 1 <= number <= EXCEL_ROWS:
            raise WorkbookError(
                msg("finding.file-unreadable.row-outside", row=number, rows=f"{EXCEL_ROWS:,}")
            )
        if number <= last_row:  # Excel writes each row once, in order
            raise WorkbookError(msg("finding.file-unreadable.row-order", row=number))
        last_row = number
        cells: dict[int, str] = {}
        column = last_column = 0
        for c in row:
            if _local(c.tag) != "c":
                continue
            ref = c.get("r")
            if ref:
                m = _REF.match(ref)
                if not m or int(m.group(2)) != number:
                    raise WorkbookError(
                        msg("finding.file-unreadable.cell-ref", ref=repr(ref[:20]), row=number)
                    )
                column = column_index(m.group(1))
            else:
                column += 1
            if column <= last_column:  # each cell once, left to right
                raise WorkbookError(
                    msg("finding.file-unreadable.cell-order", cell=repr(ref or column))
                )
            last_column = column
            if column > EXCEL_COLUMNS:
                raise WorkbookError(
                    msg("finding.file-unreadable.cell-beyond", cell=repr(ref or column))
                )
            value = _cell(c, strings, formats, date1904)
            if value:
                cells[column] = value
        if cells:
            if row.get("hidden") in ("1", "true"):
                hidden.append(number)
            yield number, dense(cells, budget)


def _int(text: str | None, default: int) -> int:
    if text is None:
        return default
    number = _index(text)
    if number is None:
        raise WorkbookError(msg("finding.file-unreadable.row-number", text=repr(text[:20])))
    return number


def _area(ref: str) -> Merge:
    """A merged area's reference (C2:C3) → (first row, first column, last row, last column)."""
    one = _REF.match(ref)
    if one is not None:  # one cell "merged" with itself: nothing is covered
        ref = f"{ref}:{ref}"
    m = _AREA.match(ref)
    if m is not None:
        c1, c2 = column_index(m.group(1)), column_index(m.group(3))
        r1, r2 = int(m.group(2)), int(m.group(4))
        if min(r1, r2) >= 1 and max(r1, r2) <= EXCEL_ROWS and max(c1, c2) <= EXCEL_COLUMNS:
            return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)
    raise WorkbookError(msg("finding.file-unreadable.merge-area", ref=repr(ref[:30])))


def _cell(c: Element, strings: list[str], formats: list[str], date1904: bool) -> str:
    kind = c.get("t", "n")
    v = f = None
    inline = None
    for child in c:
        tag = _local(child.tag)
        if tag == "v":
            v = child.text or ""  # <v/>: present, empty
        elif tag == "f":
            f = child.text or ""
        elif tag == "is":
            inline = child
    if inline is not None:
        return _text(inline)
    if kind in ("str", "inlineStr") and v is not None:
        return v  # a formula's text result, possibly ""
    if v is None or v == "":
        return FormulaCell(f) if f is not None else ""
    if kind == "s":
        i = _index(v)
        if i is None or i >= len(strings):
            where = c.get("r")
            raise WorkbookError(msg("finding.file-unreadable.shared-string", cell=repr(where)))
        return strings[i]
    if kind == "e":
        return ErrorCell(v)
    if kind == "b":
        return "true" if v.strip() in ("1", "true") else "false"
    if kind == "d":
        try:
            return DateCell(dt.date.fromisoformat(v[:10]))
        except ValueError:
            return v
    if not _NUMBER.match(v):  # float() would also take "1_000", "nan" and "inf"
        raise WorkbookError(
            msg("finding.file-unreadable.cell-number", cell=repr(c.get("r")), text=repr(v[:20]))
        )
    number = float(v)
    style = _style(c, formats)
    if style == "percent":
        return NumberCell(number, percent=True)
    if style == "date":
        date = excel_date(number, date1904)
        if date is not None:
            return DateCell(date)
    return NumberCell(number)


def _style(c: Element, formats: list[str]) -> str:
    i = _index(c.get("s"))
    return formats[i] if i is not None and i < len(formats) else ""


def excel_date(serial: float, date1904: bool = False) -> dt.date | None:
    """An Excel date serial → a date (1900 system with its phantom 29 February 1900)."""
    if serial != serial or not 0 < serial < 2_958_466:  # NaN, or past 9999-12-31
        return None
    base = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    if not date1904 and serial < 61:
        base = dt.date(1899, 12, 31)
    return base + dt.timedelta(days=int(serial))
