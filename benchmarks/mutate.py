"""Mutation run: do random corruptions of real submissions ever crash qn-dx?

Takes the shipped sample submissions (data/actuals: CSV, ";"-CSV, .xlsx, task progress), applies a
random mutation to one file per run — byte flips, inserted NUL bytes and junk, cut or doubled
lines, truncation, hostile cells (``=HYPERLINK(…``, ``NaN``, ``1e400``, dates, 100 000-character
text, open quotes) and, for the workbook, random cell values and broken zip bytes — and runs
``qn-dx validate`` and ``qn-dx report --skip-invalid`` (JSON and HTML) on the folder. A crash is
an exception that escapes the command (a traceback a user would see); findings and exit codes
1/2 are the expected outcome. Prints how many runs there were and how many crashed.

    python benchmarks/mutate.py --runs 2000 --seed 189
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

import qn_dx.cli.shell as shell
from qn_dx.cli import app
from qn_dx.plan import load_plan

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "actuals"
HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "@SUM(A1)",
    "NaN",
    "inf",
    "-inf",
    "1e400",
    "1,234",
    "1.234.567",
    "12/31/2023",
    "2023-13",
    "Quý V/2023",
    "",
    " ",
    "\x00",
    '"',
    '""',
    "x" * 100_000,
    "٣",
    "²",
    "91,5%",
    "-0",
    "0/0",
    "done",
    "đạt",
    "<script>alert(1)</script>",
    "EG-16",
    "NV-6.1",
    "51",
    "99999999999999999999",
    "\ufeff",
    "\r",
    "\n",
]


def mutate_text(data: bytes, rng: random.Random) -> bytes:
    op = rng.randrange(9)
    if not data:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    pos = rng.randrange(len(data))
    if op == 0:  # flip one byte
        return data[:pos] + bytes([rng.randrange(256)]) + data[pos + 1 :]
    if op == 1:  # insert random bytes (NULs among them)
        junk = bytes(rng.choice([0, rng.randrange(256)]) for _ in range(rng.randrange(1, 16)))
        return data[:pos] + junk + data[pos:]
    if op == 2:  # delete a span
        return data[:pos] + data[pos + rng.randrange(1, 200) :]
    if op == 3:  # truncate
        return data[:pos]
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    if op == 4:  # double a line (duplicates, conflicts)
        lines.insert(i, lines[i])
    elif op == 5:  # swap two lines (the header may move)
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 6:  # a hostile cell
        sep = b";" if b";" in lines[0] else b","
        cells = lines[i].split(sep)
        cells[rng.randrange(len(cells))] = rng.choice(HOSTILE).encode("utf-8", "surrogatepass")
        lines[i] = sep.join(cells)
    elif op == 7:  # mixed line endings
        lines[i] = lines[i] + b"\r"
    else:  # a wrong encoding for one line
        lines[i] = lines[i].decode("utf-8", "replace").encode("utf-16")
    return b"\n".join(lines)


def mutate_xlsx(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.3:
        return mutate_text(data, rng)  # broken zip bytes
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    for _ in range(rng.randrange(1, 4)):
        row = rng.randrange(1, sheet.max_row + 2)
        col = rng.randrange(1, sheet.max_column + 2)
        value = rng.choice(
            [
                rng.choice(HOSTILE)[:1000].replace("\x00", ""),
                rng.random() * 10 ** rng.randrange(30),
                -rng.randrange(100),
                None,
                True,
                "=1/0",
                "=SUM(D2:D9)",
                __import__("datetime").date(2023, rng.randrange(1, 13), 1),
            ]
        )
        sheet.cell(row, col, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(runs: int, seed: int, verbose: bool = True) -> tuple[int, int, Counter[str]]:
    rng = random.Random(seed)
    plan = load_plan()
    original = shell.plan
    shell.plan = lambda: plan  # load the plan once: the runs are about the submissions
    try:
        return _run(runs, rng, verbose)
    finally:
        shell.plan = original  # callers (the test suite) must get the real loader back


def _run(runs: int, rng: random.Random, verbose: bool) -> tuple[int, int, Counter[str]]:
    runner = CliRunner()
    files = sorted(p for p in SAMPLE.iterdir() if p.suffix in (".csv", ".xlsx"))
    crashes: Counter[str] = Counter()
    ran = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for i in range(runs):
            folder = work / f"run{i}"
            folder.mkdir()
            for f in files:
                shutil.copy(f, folder / f.name)
            victim = folder / rng.choice(files).name
            data = victim.read_bytes()
            for _ in range(rng.randrange(1, 4)):
                try:
                    data = (
                        mutate_xlsx(data, rng)
                        if victim.suffix == ".xlsx"
                        else (mutate_text(data, rng))
                    )
                except Exception:  # the mutation itself could not load a broken workbook
                    data = mutate_text(data, rng)
            victim.write_bytes(data)
            for args in (
                ["validate", str(folder), "--format", "json"],
                ["report", "--actuals", str(folder), "--skip-invalid", "--format", "json"],
                [
                    "report",
                    "--actuals",
                    str(folder),
                    "--skip-invalid",
                    "--format",
                    "html",
                    "--as-of",
                    "2023-Q2",
                ],
            ):
                ran += 1
                result = runner.invoke(app, args)
                if result.exception is not None and not isinstance(result.exception, SystemExit):
                    name = type(result.exception).__name__
                    crashes[name] += 1
                    if verbose and crashes[name] == 1:
                        print(f"CRASH in run {i} ({victim.name}, {args[0]}):", file=sys.stderr)
                        traceback.print_exception(result.exception, file=sys.stderr)
            shutil.rmtree(folder)
    return ran, sum(crashes.values()), crashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2000, help="mutated folders (default 2000)")
    parser.add_argument("--seed", type=int, default=189)
    args = parser.parse_args()
    start = time.perf_counter()
    ran, crashed, kinds = run(args.runs, args.seed)
    took = time.perf_counter() - start
    detail = ", ".join(f"{k}: {n}" for k, n in kinds.most_common()) or "none"
    print(
        f"mutation run (seed {args.seed}): {args.runs} mutated folders, {ran} commands ran, "
        f"{crashed} crashed ({detail}) in {took:.0f} s"
    )
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
