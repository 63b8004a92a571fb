"""Any year's plan is a folder, not code: the shipped plan with every year moved on by one gives
the same figures, with every label moved on by one.

The shifted copy changes every year of the plan folder: plan.yaml's years and dates (and the
titles that name the year), the baseline years and the words of targets.yaml and tasks.yaml,
and the actuals' periods and file names. Whatever a command prints for the shifted copy, with
every year taken back by one, must be byte for byte what it prints for the shipped plan. A year
written in the code (a label, a note, a default) would come out one year off in exactly one of
the two, and fail the comparison.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from qn_dx.cli import app

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
YEAR = re.compile(r"(?<![\d.])(20[12]\d)(?!\d)")  # 2010–2029, not inside a longer number


def shift_text(text: str, by: int) -> str:
    """Every year 2010–2029 in ``text`` moved by ``by`` (all at once: 2022→2023 and 2023→2024)."""
    return YEAR.sub(lambda m: str(int(m.group(1)) + by), text)


def shift_plan(src: Path, dest: Path, by: int = 1) -> None:
    """A copy of the plan folder ``src`` with every year moved by ``by``."""
    dest.mkdir()
    for f in src.glob("*.yaml"):
        (dest / f.name).write_text(shift_text(f.read_text(encoding="utf-8"), by), encoding="utf-8")
    actuals = dest / "actuals"
    actuals.mkdir()
    for f in sorted((src / "actuals").iterdir()):
        target = actuals / shift_text(f.name, by)
        if f.suffix == ".csv":
            _shift_csv(f, target, by)
        elif f.suffix == ".xlsx":
            _shift_xlsx(f, target, by)
        else:
            shutil.copy(f, target)


def _shift_csv(src: Path, dest: Path, by: int) -> None:
    raw = src.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    period = _period_column(rows[0])
    for row in rows[1:]:
        row[period] = shift_text(row[period], by)
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    dest.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))


def _shift_xlsx(src: Path, dest: Path, by: int) -> None:
    book = load_workbook(src)
    for sheet in book.worksheets:
        header = [str(c.value or "") for c in sheet[1]]
        if not any(h in ("period", "Kỳ báo cáo") for h in header):
            continue
        col = _period_column(header) + 1
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            if cell.value is not None:
                cell.value = shift_text(str(cell.value), by)
    book.save(dest)


def _period_column(header: list[str]) -> int:
    names = [h.strip().lstrip("\ufeff") for h in header]
    return next(i for i, h in enumerate(names) if h in ("period", "Kỳ báo cáo"))


def unshift(value: Any, by: int = 1) -> Any:
    """A command's JSON output with every year taken back by ``by``: in text, and in the fields
    that hold a year."""
    if isinstance(value, dict):
        return {
            k: (v - by if k in ("plan_year", "baseline_year", "year") and isinstance(v, int) else
                unshift(v, by))
            for k, v in value.items()
        }  # fmt: skip
    if isinstance(value, list):
        return [unshift(v, by) for v in value]
    if isinstance(value, str):
        return shift_text(value, -by)
    return value


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan, copied the same way (by 0 years), so that both sit in a folder called
    plan and their files went through the same writer."""
    folder = tmp_path_factory.mktemp("original") / "plan"
    shift_plan(DATA, folder, by=0)
    return folder


@pytest.fixture(scope="module")
def shifted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shifted") / "plan"
    shift_plan(DATA, folder, by=1)
    return folder


def _run(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(
        app, ["--data-dir", str(folder), *args], env={"QN_DX_DATA": None, "COLUMNS": "140"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_shifted_copy_is_a_plan_of_the_next_year(shifted: Path) -> None:
    from qn_dx.plan import load_plan

    plan = load_plan(shifted)
    assert (plan.plan_year, plan.baseline_year) == (2024, 2023)
    assert plan.info.dates.header.year == 2023  # signed in December of the year before
    assert plan.target_by_id["DG-01"].baseline.year == 2023  # type: ignore[union-attr]
    assert sorted(p.name for p in (shifted / "actuals").iterdir())[0].startswith("2024-")
    assert _run(shifted, "check").splitlines()[-1].endswith("0 error(s), 3 note(s)")


def _output(folder: Path, args: tuple[str, ...], by: int) -> str:
    """A command's output on ``folder`` (its period arguments moved by ``by``), with the folder's
    own path written as <plan>."""
    out = _run(folder, *(shift_text(a, by) for a in args))
    return out.replace(str(folder), "<plan>")


def _same(original: Path, shifted: Path, *args: str) -> tuple[Any, Any]:
    """The command's JSON on the shipped plan, and on the shifted copy with years taken back."""
    here = json.loads(_output(original, args, 0))
    there = json.loads(_output(shifted, args, 1))
    return here, unshift(there)


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--format", "json", "--lang", "en"),
        ("report", "--format", "json", "--lang", "vi", "--as-of", "2023-Q2", "--by-unit"),
        ("report", "--format", "json", "--as-of", "2023-08"),
        ("summary", "--format", "json", "--lang", "en", "--as-of", "2023-Q3"),
        ("missing", "--format", "json", "--as-of", "2023-Q3"),
        ("tasks", "--format", "json", "--as-of", "2023-Q4"),
        ("explain", "DE-06", "--format", "json"),
        ("explain", "DG-01", "--format", "json", "--as-of", "2023-Q2"),
        ("explain", "EG-16", "--format", "json", "--as-of", "2023-Q3"),
        ("targets", "--format", "json"),
    ],
    ids=lambda a: " ".join(a),
)
def test_same_figures_with_labels_one_year_on(
    original: Path, shifted: Path, args: tuple[str, ...]
) -> None:
    here, there = _same(original, shifted, *args)
    assert here != [] and here != {}
    assert there == here


def test_the_comparison_would_see_a_year_written_in_code() -> None:
    """What the comparison rests on: a label that follows the plan comes back to itself, one that
    code fixed (the same text in both outputs) comes back a year off."""
    follows = {"as_of": "2024-Q2", "note": "the 2023 actuals", "plan_year": 2024}
    assert unshift(follows) == {"as_of": "2023-Q2", "note": "the 2022 actuals", "plan_year": 2023}
    fixed = "Năm 2022"  # as a hard-coded label would print it for either plan
    assert shift_text(fixed, -1) != fixed
    assert shift_text("NV-4.3, 5.000 máy tính, 21010, 42/2022", 1) == (
        "NV-4.3, 5.000 máy tính, 21010, 42/2023"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--lang", "en"),
        ("report", "--format", "markdown", "--lang", "vi"),
        ("report", "--format", "csv", "--lang", "en"),
        ("summary", "--lang", "vi", "--as-of", "2023-Q3"),
        ("explain", "DE-06", "--lang", "en"),
        ("check",),
    ],
    ids=lambda a: " ".join(a),
)
def test_same_text_with_labels_one_year_on(
    original: Path, shifted: Path, args: tuple[str, ...]
) -> None:
    here = _output(original, args, 0)
    there = _output(shifted, args, 1)
    assert shift_text(there, -1) == here
