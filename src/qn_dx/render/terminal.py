"""A table spec on a terminal (rich), fitted to its width: the columns that give way first (a
progress bar, then the unit counts) are dropped until the table fits, and a column with a
minimum width (a target's title) is never squeezed below it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .safe import term
from .tables import TableSpec, drop_order

R = TypeVar("R")


def fitted(console: Any, spec: TableSpec[R], build: Callable[[TableSpec[R]], Any]) -> Any:
    """The widest version of ``spec`` whose table fits the console (the narrowest otherwise)."""
    from rich.measure import Measurement

    table = None
    for level in drop_order(spec):
        table = build(spec.narrowed(level))
        if Measurement.get(console, console.options, table).minimum <= console.width:
            return table
    return table


def spec_table(
    console: Any,
    spec: TableSpec[R],
    rows: Sequence[R],
    lang: str,
    title: str | None = None,
    style: Callable[[R, str], str | None] | None = None,
) -> Any:
    """A rich Table for ``rows``; ``style(row, key)`` may colour a cell. Every text is shown
    literally (markup in the data stays text)."""
    from rich.table import Table

    def build(s: TableSpec[R]) -> Any:
        table = Table(
            title=term(title) if title else None,
            title_justify="left",
            header_style="bold",
            expand=False,
        )
        for c in s.columns:
            table.add_column(
                term(c.heading_text(lang)),
                justify="right" if c.align == "right" else "left",
                no_wrap=not c.wrap,
                overflow="fold" if c.wrap else "ellipsis",
                min_width=c.min_width,
                max_width=c.max_width,
            )
        for row in rows:
            cells = []
            for c in s.columns:
                text = term(c.text(row, lang))
                colour = style(row, c.key) if style else None
                if colour:
                    text.stylize(colour)
                cells.append(text)
            table.add_row(*cells)
        return table

    return fitted(console, spec, build)
