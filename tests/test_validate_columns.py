"""validate/columns.py: the column path says byte for byte what the row path says.

The row path is the specification. Each test runs the same command twice, with
``QN_DX_ENGINE=rows`` and ``QN_DX_ENGINE=columns``, and compares the outputs: validate, report
and explain as JSON. Inputs: the shipped sample, generated submissions shaped like the
benchmark's (clean and with bad rows), a committed set of edge cases, and a seeded fuzz of
corrupted files (``QN_DX_FUZZ`` files, default 1,000, small so that CI stays quick).
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, REPO
from qn_dx.cli import app
from qn_dx.plan import load_plan
from qn_dx.validate import columns
from qn_dx.validate.run import validate_paths

SAMPLE = DATA / "actuals"
EDGES = REPO / "tests" / "columns"
FUZZ = int(os.environ.get("QN_DX_FUZZ", "1000"))

sys.path.insert(0, str(REPO / "benchmarks"))


def run(engine: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"QN_DX_DATA": None, "QN_DX_ENGINE": engine})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def same(*args: str) -> str:
    rows = run("rows", *args)
    cols = run("columns", *args)
    assert cols == rows, f"qn-dx {' '.join(args)}: the column path differs"
    return rows[1]


def commands(folder: Path, targets: tuple[str, ...] = ("EG-16", "EG-04")) -> None:
    same("validate", str(folder), "--format", "json", "--lang", "en")
    same("report", "--actuals", str(folder), "--skip-invalid", "--format", "json")
    same(
        "report",
        "--actuals",
        str(folder),
        "--skip-invalid",
        "--format",
        "json",
        "--as-of",
        "2023-Q2",
    )
    for t in targets:
        same("explain", t, "--actuals", str(folder), "--skip-invalid", "--format", "json")


def test_the_column_path_engages_when_asked_and_above_its_threshold(tmp_path: Path) -> None:
    plan = load_plan(DATA)
    small = [SAMPLE / "2023-huyen-xa.csv"]
    assert not columns.engaged(plan, small, "auto", 1 << 30)
    assert columns.engaged(plan, small, "columns", 1 << 30)
    assert not columns.engaged(plan, small, "rows", 1 << 30)
    big = tmp_path / "big.csv"
    text = (SAMPLE / "2023-huyen-xa.csv").read_bytes()
    big.write_bytes(text * (columns.THRESHOLD_BYTES // len(text) + 1))
    assert columns.engaged(plan, [big], "auto", 1 << 30)


def test_the_shipped_sample(tmp_path: Path) -> None:
    commands(SAMPLE)


def test_validation_objects_are_the_same(tmp_path: Path) -> None:
    """Beyond the JSON: every observation, in the same order, with the same fields."""
    plan = load_plan(DATA)
    rows = validate_paths(plan, [SAMPLE], engine="rows")
    cols = validate_paths(plan, [SAMPLE], engine="columns")
    assert [o.to_dict() for o in cols.observations] == [o.to_dict() for o in rows.observations]
    assert [f.to_dict() for f in cols.findings] == [f.to_dict() for f in rows.findings]
    assert len(rows.observations) > 500


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Files made by the benchmark's generator on the real plan: 3,000 rows clean, a copy with
    bad rows (one error each: 0.1 % of them, so 3), and that copy over 20 files."""
    import bench_validate as bench

    work = tmp_path_factory.mktemp("generated")
    for name in ("clean", "bad", "split"):
        (work / name).mkdir()
    fs = bench.FileSet("3k", None, work / "clean" / "all.csv", work / "bad" / "all.csv", 3000)
    bench.write_files(fs, bench.real_plan_shape(DATA), random.Random(189))
    assert fs.bad_rows == 3
    lines = fs.bad.read_text(encoding="utf-8").splitlines()
    for n in range(20):
        part = [lines[0], *lines[1 + n :: 20]]
        (work / "split" / f"part-{n:02d}.csv").write_text("\n".join(part) + "\n", encoding="utf-8")
    return [work / "clean", work / "bad", work / "split"]


@pytest.mark.parametrize("which", [0, 1, 2], ids=["clean", "bad-rows", "twenty-files"])
def test_generated_files(generated: list[Path], which: int) -> None:
    commands(generated[which])


EDGE_FILES = sorted(p for p in EDGES.glob("*") if p.is_file() and p.suffix != ".md")


@pytest.mark.parametrize("path", EDGE_FILES, ids=[p.name for p in EDGE_FILES])
def test_committed_edge_cases(path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / path.name).write_bytes(path.read_bytes())
    commands(folder)


def test_edge_cases_together(tmp_path: Path) -> None:
    """All of them in one run: cross-file rules (duplicates, resubmissions) too."""
    assert len(EDGE_FILES) >= 20
    commands(EDGES)


# --- a seeded fuzz ----------------------------------------------------------------------------

BASE_LINES = [
    line.rsplit(";", 1)[0] + ";" + ("" if n % 3 else "ghi chú")
    for n, line in enumerate(
        (SAMPLE / "2023-huyen-xa.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    )
]
HEADER = (SAMPLE / "2023-huyen-xa.csv").read_text(encoding="utf-8-sig").splitlines()[0]
CELLS = [
    "", " ", "0", "1", "-1", "3.000", "3,000", "1.234,5", "1,234.5", "91,5", "91.5", "0,91",
    "100", "101", "1e3", "NaN", "inf", "12 %", "99,95", "1.000.000", "x", "Quý II/2023",
    "2023-Q3", "2023-05", "Tháng 13/2023", "2022", "Năm 2023", "EG-16", "EG-4", "eg-16", "XX-99",
    "522", "21010", "51", "99999", "STTTT", "lũy kế", "cumulative", "2023-07-15", "=1+1",
    "Xã Nghĩa Kỳ", "  EG-15  ", "0522",
]  # fmt: skip


def _mutate(rng: random.Random) -> str:
    lines = rng.sample(BASE_LINES, rng.randint(8, 40))
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(lines))
        cells = lines[i].split(";")
        action = rng.random()
        if action < 0.55:
            cells[rng.randrange(len(cells))] = rng.choice(CELLS)
        elif action < 0.65:
            lines.insert(rng.randrange(len(lines)), lines[i])  # a duplicate
            continue
        elif action < 0.72 and len(cells) > 1:
            cells = cells[: rng.randint(1, len(cells) - 1)]  # a short row
        elif action < 0.78:
            cells.append(rng.choice(CELLS))  # a long row
        elif action < 0.84:
            lines.insert(i, "")  # a blank line
            continue
        elif action < 0.9 and len(cells) > 5 and cells[3] and cells[4]:
            cells[5] = f"{rng.uniform(0, 100):.{rng.randint(0, 3)}f}".replace(".", ",")
        else:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            continue
        lines[i] = ";".join(cells)
    return "\n".join([HEADER, *lines]) + "\n"


def test_a_seeded_fuzz_of_corrupted_files(tmp_path: Path) -> None:
    """FUZZ files, each validated on its own by both paths; every tenth also with two more
    files beside it, every fiftieth also through report."""
    plan = load_plan(DATA)
    rng = random.Random(189)
    from qn_dx.render.findings import to_json

    differ = []
    engaged = 0
    for n in range(FUZZ):
        folder = tmp_path / f"f{n:04d}"
        folder.mkdir()
        path = folder / "nop.csv"
        path.write_text(_mutate(rng), encoding="utf-8")
        by_rows = validate_paths(plan, [path], engine="rows")
        by_columns = validate_paths(plan, [path], engine="columns")
        engaged += by_columns._pending is not None
        a = to_json(by_rows, "en") + repr([o.to_dict() for o in by_rows.observations])
        b = to_json(by_columns, "en") + repr([o.to_dict() for o in by_columns.observations])
        if a == b and n % 10 == 0:  # and with two more files beside it: rules across files
            for k in (1, 2):
                (folder / f"nop-{k}.csv").write_text(_mutate(rng), encoding="utf-8")
            by_rows = validate_paths(plan, [folder], engine="rows")
            by_columns = validate_paths(plan, [folder], engine="columns")
            a = to_json(by_rows, "en") + repr([o.to_dict() for o in by_rows.observations])
            b = to_json(by_columns, "en") + repr([o.to_dict() for o in by_columns.observations])
        if a != b:
            differ.append(path.read_text(encoding="utf-8"))
        elif n % 50 == 0:
            same("report", "--actuals", str(folder), "--skip-invalid", "--format", "json")
    assert not differ, f"{len(differ)} of {FUZZ} files differ; the first:\n{differ[0]}"
    assert engaged >= FUZZ * 0.8  # most files really went the column way


def test_the_readme_duckdb_query_reproduces_the_report(tmp_path: Path) -> None:
    """`validate --export` then the README's own SQL give report's EG-16 figure."""
    duckdb = pytest.importorskip("duckdb")
    import json
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sql = re.search(r"<!-- duckdb-eg16 -->\n```sql\n(.*?)```", readme, re.S)
    assert sql is not None
    report = json.loads(same("report", "--format", "json", "--skip-invalid"))
    eg16 = next(t for t in report["targets"] if t["id"] == "EG-16")
    for suffix in (".parquet", ".csv"):
        out = tmp_path / f"observations{suffix}"
        result = CliRunner().invoke(
            app, ["validate", str(SAMPLE), "--export", str(out)], env={"QN_DX_DATA": None}
        )
        assert result.exit_code in (0, 1) and out.is_file()
        query = sql.group(1).replace("'observations.parquet'", f"'{out}'")
        actual, units, used = duckdb.sql(query).fetchall()[0]
        assert (actual, units, used) == (
            eg16["actual"],
            eg16["units_reported"],
            eg16["observations_used"],
        )


def test_export_refuses_other_names_and_inputs(tmp_path: Path) -> None:
    bad = CliRunner().invoke(
        app,
        ["validate", str(SAMPLE), "--export", str(tmp_path / "o.xlsx")],
        env={"QN_DX_DATA": None},
    )
    assert bad.exit_code == 2 and ".parquet" in bad.output
    inside = CliRunner().invoke(
        app, ["validate", str(SAMPLE), "--export", str(SAMPLE / "o.csv")], env={"QN_DX_DATA": None}
    )
    assert inside.exit_code == 2 and not (SAMPLE / "o.csv").exists()


def test_export_never_writes_over_the_file_it_read(tmp_path: Path) -> None:
    submission = tmp_path / "in.csv"
    submission.write_bytes((SAMPLE / "2023-so-tttt-toan-tinh.csv").read_bytes())
    before = submission.read_bytes()
    for name in (str(submission), str(tmp_path / "x" / ".." / "in.csv")):
        (tmp_path / "x").mkdir(exist_ok=True)
        done = CliRunner().invoke(
            app, ["validate", str(submission), "--export", name], env={"QN_DX_DATA": None}
        )
        assert done.exit_code == 2
        assert submission.read_bytes() == before


CONTRACT = ["indicator_id", "period", "unit_code", "numerator", "denominator", "value", "note"]


def test_export_keeps_a_carriage_return_inside_a_note(tmp_path: Path) -> None:
    """Excel keeps a cell's line break as a bare CR (_x000D_): the note reads back whole."""
    import csv
    import io

    import pyarrow.parquet as pq
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(CONTRACT)
    sheet.append(["EG-16", "2023-Q1", "21010", 1, 2, None, 'cr\ronly, with "quotes"'])
    (tmp_path / "in").mkdir()
    book.save(tmp_path / "in" / "a.xlsx")
    for suffix in (".csv", ".parquet"):
        out = tmp_path / f"o{suffix}"
        done = CliRunner().invoke(
            app, ["validate", str(tmp_path / "in"), "--export", str(out)], env={"QN_DX_DATA": None}
        )
        assert done.exit_code == 0, done.output
        if suffix == ".csv":
            text = out.read_bytes().decode("utf-8")  # read_text would turn the CR into \n
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
        else:
            rows = pq.read_table(out).to_pylist()
        assert [r["note"] for r in rows] == ['cr\ronly, with "quotes"']
        assert float(rows[0]["denominator"]) == 2.0
