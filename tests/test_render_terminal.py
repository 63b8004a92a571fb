"""Tables on a terminal (qn_dx.render.terminal): at 80, 100 and 120 columns, in Vietnamese and
English, every line fits, the title and goal never collapse, and the columns that give way
first (progress bar, then units, then gap) are the ones dropped."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from qn_dx import api
from qn_dx.render.lists import tasks_spec
from qn_dx.render.missing import print_missing
from qn_dx.render.report import print_table
from qn_dx.render.tables import Column, TableSpec
from qn_dx.render.terminal import spec_table


def _render(width: int, draw) -> list[str]:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    console = Console(file=buf, width=width, no_color=True, emoji=False, highlight=False)
    draw(console)
    return buf.getvalue().splitlines()


def _headers(lines: list[str]) -> list[str]:
    """The heading cells of the first table (a heading may fold onto two lines)."""
    start = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    end = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    rows = [[c.strip() for c in r.strip("┃").split("┃")] for r in lines[start + 1 : end]]
    return [" ".join(p for p in parts if p) for parts in zip(*rows)]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("width", "must_drop", "must_keep"),
    [
        (80, {"progress", "units"}, {"id", "title", "goal", "actual", "status"}),
        (100, {"progress"}, {"id", "title", "goal", "actual", "gap", "status"}),
        (120, set(), {c for c in ("id", "title", "goal", "actual", "gap", "status", "units")}),
    ],
)
def test_report_fits_and_drops_the_right_columns(
    lang: str, width: int, must_drop: set[str], must_keep: set[str]
) -> None:
    from qn_dx.render.report import REPORT

    result = api.report(api.load_plan(), as_of="2023-Q4").report
    lines = _render(width, lambda c: print_table(c, result, lang, False))
    assert max(len(line) for line in lines) <= width
    shown = [c.key for c in REPORT.columns if c.heading_text(lang) in _headers(lines)]
    assert _headers(lines) == [c.heading_text(lang) for c in REPORT.columns if c.key in shown]
    assert must_keep <= set(shown) and not (must_drop & set(shown))
    # What is dropped is what gives way first: every dropped column keeps less than any shown.
    dropped = [c for c in REPORT.columns if c.key not in shown]
    kept = [c for c in REPORT.columns if c.key in shown]
    assert all(d.keep <= k.keep for d in dropped for k in kept)
    # The title column is wide enough to read.
    title_cells = [line.split("│")[2] for line in lines if line.startswith("│")]
    assert min(len(cell) for cell in title_cells) >= 26


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", [80, 100, 120])
def test_missing_and_tasks_fit(lang: str, width: int) -> None:
    plan = api.load_plan()
    owed = api.missing(plan, as_of="2023-Q2")
    lines = _render(width, lambda c: print_missing(c, plan, owed.missing, None, lang))
    assert max(len(line) for line in lines) <= width
    rows = api.tasks(plan, as_of="2023-Q2").rows
    spec = tasks_spec(agency=False, progress=True)
    lines = _render(width, lambda c: c.print(spec_table(c, spec, rows, lang, "t")))
    assert max(len(line) for line in lines) <= width
    assert "Nhiệm vụ" in _headers(lines) or "Task" in _headers(lines)


def test_a_table_wider_than_any_terminal_is_squeezed_not_cut() -> None:
    spec: TableSpec[str] = TableSpec(
        "t",
        (
            Column("a", "report.id", lambda r, lang: r, keep=100),
            Column("b", "report.title", lambda r, lang: r * 5, keep=100, min_width=40, wrap=True),
        ),
    )
    rows = ["word " * 12]
    lines = _render(40, lambda c: c.print(spec_table(c, spec, rows, "en", "t")))
    assert max(len(line) for line in lines) <= 40
