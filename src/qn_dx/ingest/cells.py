"""Spreadsheet cells that are more than their text.

A CSV cell is text; a spreadsheet cell may be a number Excel stores as a number, a %-formatted
fraction, a date, an error (``#DIV/0!``) or a formula whose value was never computed. Each such
cell is a ``str`` (so codes, ids and periods read as before) that also carries what it really is,
so that validation can use the number without parsing its text, and refuse errors and
uncomputed formulas on their own cell instead of reading them as empty.
"""

from __future__ import annotations

import datetime as dt


class TypedCell(str):
    """Base of the cells below; ``str(cell)`` is the text a CSV export would hold."""

    __slots__ = ()


class NumberCell(TypedCell):
    """A cell Excel stores as a number: the figure needs no parsing and has no ambiguity.

    ``percent``: the cell is formatted as a percentage, so Excel displays 100 × its stored
    fraction (0.91 under ``0%`` shows as 91%); ``number`` is what is displayed.
    """

    number: float
    percent: bool

    def __new__(cls, number: float, percent: bool = False) -> NumberCell:
        shown = number * 100 if percent else number
        if shown == shown and abs(shown) != float("inf"):
            # Excel keeps and shows 15 significant digits: 236.00000000000003 is its 236, and
            # 0.91 under a % format is 91, not 91.00000000000001.
            shown = float(f"{shown:.15g}") + 0.0  # + 0.0: no -0
        text = _number_text(shown) + ("%" if percent else "")
        cell = super().__new__(cls, text)
        cell.number = shown
        cell.percent = percent
        return cell


class DateCell(TypedCell):
    """A cell Excel stores as a date; its text is the month, as a period (``2023-03``)."""

    date: dt.date

    def __new__(cls, date: dt.date) -> DateCell:
        cell = super().__new__(cls, f"{date.year}-{date.month:02d}")
        cell.date = date
        return cell


class ErrorCell(TypedCell):
    """An Excel error value: ``#DIV/0!``, ``#N/A``, ``#REF!`` …"""

    def __new__(cls, text: str) -> ErrorCell:
        return super().__new__(cls, text or "#ERROR")


class FormulaCell(TypedCell):
    """A formula saved without its computed value (written by a program, never opened in
    Excel): the number the sender saw does not exist in the file."""

    def __new__(cls, formula: str) -> FormulaCell:
        return super().__new__(cls, "=" + formula.lstrip("="))


class MergedCell(TypedCell):
    """A cell covered by merged cells. Excel and LibreOffice keep the value of a merged area in
    its first (top-left) cell only and show it across the others, so this cell holds nothing, as
    a CSV export of the sheet would: its text is empty. Copying the value down would be a guess
    at what the sender meant, so validation refuses a row that needs it instead, naming the area.

    ``column``: this cell's column letters (C); ``area``: the merged range (C2:C3); ``first``: the
    cell that holds the area's value (C2). One object serves every cell of a column of an area:
    the row is where it is read.
    """

    column: str
    area: str
    first: str

    def __new__(cls, column: str, area: str, first: str) -> MergedCell:
        cell = super().__new__(cls, "")
        cell.column = column
        cell.area = area
        cell.first = first
        return cell

    def describe(self, row: int) -> str:
        """What a finding on row ``row`` says about this cell (words: a Msg)."""
        from ..findings import msg

        return msg(
            "finding.merged-cell.describe",
            cell=f"{self.column}{row}",
            area=self.area,
            first=self.first,
        )


def _number_text(x: float) -> str:
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))  # Excel's numeric unit code 51 stays "51", not "51.0"
    return repr(float(x))


def number_cell_value(value: float, percent: bool = False) -> NumberCell:
    return NumberCell(float(value), percent)
