"""A table spec on a terminal (rich), fitted to its width.

Each column needs a width: a column that does not wrap (an id, a figure, a status word) its
longest cell, a column that wraps (a title) its minimum width or its longest word. The widest
version of the spec whose needs fit is shown; columns that give way first (a progress bar, then
the unit counts) are dropped until it fits, and no column is squeezed below its need, so a
target's title or goal never collapses to nothing. Only when even the narrowest version does not
fit does rich squeeze it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..text import visible
from .safe import term
from .tables import Column, TableSpec, drop_order

R = TypeVar("R")
BORDER = 3  # "│ " before a cell and " " after it; one more "│" closes the row


def _width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def need(c: Column[Any], texts: list[str]) -> int:
    """The width column ``c`` needs for ``texts`` (its heading among them)."""
    if c.wrap:
        longest_word = max((_width(w) for t in texts for w in t.split()), default=1)
        width = max(c.min_width or 0, longest_word)
    else:
        width = max((_width(t) for t in texts), default=1)
    return min(width, c.max_width) if c.max_width else width


def fitted(
    console: Any,
    spec: TableSpec[R],
    rows: Sequence[R],
    lang: str,
    build: Callable[[TableSpec[R], dict[str, int]], Any],
    hidden: list[str] | None = None,
) -> Any:
    """The widest version of ``spec`` whose columns' needs fit the console, each column given
    its width: its need, and the room left shared among the columns that wrap up to their
    natural width (the title first). When even the narrowest version does not fit, its wrapping
    columns are squeezed (never below 6)."""
    texts = {c.key: [visible(c.heading_text(lang))] for c in spec.columns}
    for row in rows:
        for c in spec.columns:
            texts[c.key].append(visible(c.text(row, lang)))
    needs = {c.key: need(c, texts[c.key]) for c in spec.columns}
    natural = {c.key: _natural(c, texts[c.key]) for c in spec.columns}
    levels = drop_order(spec)
    room = console.width
    for level in levels:
        narrowed = spec.narrowed(level)
        total = sum(needs[c.key] + BORDER for c in narrowed.columns) + 1
        if total <= room:
            _dropped(spec, narrowed, lang, hidden)
            return build(narrowed, _share(narrowed, needs, natural, room - total))
    narrowest = spec.narrowed(levels[-1])
    _dropped(spec, narrowest, lang, hidden)
    widths = dict(needs)
    over = sum(needs[c.key] + BORDER for c in narrowest.columns) + 1 - room
    wrapping = sorted((c for c in narrowest.columns if c.wrap), key=lambda c: -widths[c.key])
    for c in wrapping:  # take from the widest wrapping columns first
        if over <= 0:
            break
        cut = min(over, max(0, widths[c.key] - 6))
        widths[c.key] -= cut
        over -= cut
    return build(narrowest, widths)


def _dropped(spec: TableSpec[R], shown: TableSpec[R], lang: str, into: list[str] | None) -> None:
    """Note the headings of the columns the console's width left out (said once, under the
    tables: a reader must know the --trend or --compare columns exist, and where to see them)."""
    if into is None:
        return
    kept = {c.key for c in shown.columns}
    for c in spec.columns:
        heading = visible(c.heading_text(lang))
        if c.key not in kept and heading not in into:
            into.append(heading)


def _natural(c: Column[Any], texts: list[str]) -> int:
    width = max((_width(t) for t in texts), default=1)
    return min(width, c.max_width) if c.max_width else width


def _share(
    spec: TableSpec[Any], needs: dict[str, int], natural: dict[str, int], extra: int
) -> dict[str, int]:
    """Each column's width: its need, plus the ``extra`` room shared among the wrapping columns
    up to their natural width, by water-filling: each gets an equal share or what it lacks,
    whichever is less, so a short status is whole on one line before the title, which can
    wrap, takes the rest."""
    widths = {c.key: needs[c.key] for c in spec.columns}
    lacking = {c.key: natural[c.key] - widths[c.key] for c in spec.columns if c.wrap}
    waiting = sorted((k for k, v in lacking.items() if v > 0), key=lambda k: lacking[k])
    while waiting and extra > 0:
        share = extra // len(waiting)
        if share == 0:  # fewer spare cells than columns: one each, the smallest lack first
            for k in waiting[:extra]:
                widths[k] += 1
            break
        k = waiting.pop(0)
        given = min(lacking[k], share)
        widths[k] += given
        extra -= given
    return widths


def spec_table(
    console: Any,
    spec: TableSpec[R],
    rows: Sequence[R],
    lang: str,
    title: str | None = None,
    style: Callable[[R, str], str | None] | None = None,
    hidden: list[str] | None = None,
) -> Any:
    """A rich Table for ``rows``; ``style(row, key)`` may colour a cell. Every text is shown
    literally (markup in the data stays text). ``hidden`` collects the headings of columns left
    out for the console's width (see ``hidden_note``)."""
    from rich.table import Table

    def build(s: TableSpec[R], widths: dict[str, int]) -> Any:
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
                width=widths[c.key],
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

    return fitted(console, spec, rows, lang, build, hidden)


def hidden_note(console: Any, hidden: list[str], lang: str) -> None:
    """One line under the tables naming what the width hid, and how to see all of it."""
    if hidden:
        from ..words import say

        text = say("terminal.hidden", lang, columns=", ".join(hidden), width=console.width)
        console.print(term(text), style="yellow")
