"""One spec per table: what its columns are, what each is called in each language, how a cell
is written for a person and as a value, and which columns give way on a narrow terminal.

Every human format (terminal, Markdown, HTML, Excel, Word) walks these specs; none lists columns
of its own, so they cannot drift apart. Machine formats (JSON, the English CSV) keep their
documented keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..words import say

R = TypeVar("R")
AS_TEXT: Any = object()  # a ``value`` that says: this cell is the person's text after all


@dataclass(frozen=True)
class Column(Generic[R]):
    key: str  # stable name: the English CSV header, a CSS class, the golden files' column
    heading: str  # words key
    text: Callable[[R, str], str]  # the cell as a person reads it, in ``lang``
    value: Callable[[R], Any] | None = None  # the cell as a number/bool for Excel (None: text)
    align: str = "left"  # or "right"
    keep: int = 100  # on a narrow terminal the lowest ``keep`` gives way first
    min_width: int | None = None  # the terminal never squeezes it below this
    max_width: int | None = None
    wrap: bool = False  # long text folds onto further lines instead of being cut
    # parameters of the heading's words, as (name, value) pairs or a function of the language
    # (a period in the heading: "Thực hiện Quý II/2023")
    heading_args: Callable[[str], dict[str, Any]] | None = None

    def heading_text(self, lang: str) -> str:
        args = self.heading_args(lang) if self.heading_args else {}
        return say(self.heading, lang, **args)


@dataclass(frozen=True)
class TableSpec(Generic[R]):
    name: str
    columns: tuple[Column[R], ...]

    def headings(self, lang: str) -> list[str]:
        return [c.heading_text(lang) for c in self.columns]

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def texts(self, row: R, lang: str) -> list[str]:
        return [c.text(row, lang) for c in self.columns]

    def values(self, row: R, lang: str) -> list[Any]:
        """Cells for a workbook: numbers stay numbers, the rest is the person's text."""
        out = []
        for c in self.columns:
            value = c.value(row) if c.value is not None else AS_TEXT
            out.append(c.text(row, lang) if value is AS_TEXT else value)
        return out

    def extended(self, *more: Column[R]) -> TableSpec[R]:
        """The spec with further columns (a comparison, a trend) after its own."""
        return TableSpec(self.name, (*self.columns, *more))

    def narrowed(self, keep_at_least: int) -> TableSpec[R]:
        """The spec without the columns that give way below ``keep_at_least``."""
        return TableSpec(self.name, tuple(c for c in self.columns if c.keep >= keep_at_least))

    def column(self, key: str) -> Column[R]:
        return next(c for c in self.columns if c.key == key)


def drop_order(spec: TableSpec[Any]) -> list[int]:
    """The ``keep`` levels to try, widest table first."""
    return sorted({c.keep for c in spec.columns})


def cells_table(spec: TableSpec[R], rows: Sequence[R], lang: str) -> list[list[str]]:
    return [spec.texts(r, lang) for r in rows]
