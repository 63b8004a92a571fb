"""Mutation run: do random corruptions of real submissions ever crash qn-dx?

Takes the shipped sample submissions (data/actuals: CSV, ";"-CSV, .xlsx, task progress), applies a
random mutation to one file per run — byte flips, inserted NUL bytes and junk, cut or doubled
lines, truncation, hostile cells (``=HYPERLINK(…``, ``NaN``, ``1e400``, dates, 100 000-character
text, open quotes) and, for the workbook, random cell values and broken zip bytes — and runs
``qn-dx validate`` and ``qn-dx report --skip-invalid`` (JSON and HTML) on the folder. The
workbook is also corrupted inside its XML, where readers trust it: far and invalid cell references,
the declared dimension, shared-string and style indexes, number formats, cell types, repeated rows,
missing parts, entities, hidden sheets and values no Excel writes. A crash is
an exception that escapes the command (a traceback a user would see); findings and exit codes
1/2 are the expected outcome. Prints how many runs there were and how many crashed.

    python benchmarks/mutate.py --runs 2000 --seed 189
    python benchmarks/mutate.py --runs 1000 --seed 189 --kind xlsx
    python benchmarks/mutate.py --runs 1000 --seed 189 --kind csv
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

from qn_dx.cli import app

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


CELL_TYPES = ["e", "b", "d", "str", "s", "n", "x"]
XML_MUTATIONS = (
    "far-ref",
    "bad-ref",
    "dimension",
    "shared-string",
    "style",
    "number-format",
    "cell-type",
    "duplicate-row",
    "drop-part",
    "entity",
    "hidden",
    "value",
)


def mutate_xlsx_xml(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Corrupt the XML inside the workbook where readers trust it: cell references, the declared
    dimension, shared-string and style indexes, number formats, cell types, rows, parts."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: src.read(n) for n in src.namelist()}
    kind = rng.choice(XML_MUTATIONS)
    sheet = next(n for n in parts if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    xml = parts[sheet].decode("utf-8", "replace")
    refs = re.findall(r' r="([A-Z]+\d+)"', xml)
    if kind == "far-ref" and refs:
        far = rng.choice(["XFD1048576", "XFD2", "A1048576", "ZZ99999", "AAA1000"])
        xml = xml.replace(f' r="{rng.choice(refs)}"', f' r="{far}"', 1)
    elif kind == "bad-ref" and refs:
        bad = rng.choice(["ZZZZZZ2", "C9999999999", "A0", "2A", "", "A-1", "\u0661"])
        xml = xml.replace(f' r="{rng.choice(refs)}"', f' r="{bad}"', 1)
    elif kind == "dimension":
        xml = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml, count=1)
    elif kind == "shared-string":
        xml = re.sub(
            r'(t="s"[^>]*><v>)\d+',
            lambda m: m.group(1) + str(rng.choice([-1, 10**9, 99999])),
            xml,
            count=1,
        )
    elif kind == "style":
        xml = re.sub(r' s="\d+"', f' s="{rng.choice([999, -1, 10**12])}"', xml, count=1)
    elif kind == "number-format" and "xl/styles.xml" in parts:
        styles = parts["xl/styles.xml"].decode("utf-8", "replace")
        code = rng.choice(["0%", '0.0"%"', "[$-42A]dd/mm/yyyy", "@", "General;%", "\\%0", "0%%"])
        styles = re.sub(r'numFmtId="\d+"', f'numFmtId="{rng.choice([9, 10, 14, 49, 164])}"', styles)
        styles = styles.replace(
            "<numFmts", f'<numFmts><numFmt numFmtId="164" formatCode="{code}"/></numFmts><x', 1
        )
        parts["xl/styles.xml"] = styles.encode()
    elif kind == "cell-type":
        xml = re.sub(
            r"<c ([^>]*?)(/?)>",
            lambda m: f'<c {m.group(1)} t="{rng.choice(CELL_TYPES)}"{m.group(2)}>',
            xml,
            count=rng.randrange(1, 5),
        )
    elif kind == "duplicate-row":
        rows = re.findall(r"<row [^>]*>.*?</row>", xml, flags=re.S)
        if rows:
            xml = xml.replace(rows[-1], rows[-1] + rng.choice(rows), 1)
    elif kind == "drop-part":
        parts.pop(rng.choice(sorted(parts)))
    elif kind == "entity":
        xml = '<!DOCTYPE x [<!ENTITY e "eeeeeeeeee"><!ENTITY f "&e;&e;&e;&e;">]>' + xml.replace(
            "<v>", "<v>&f;", 1
        )
    elif kind == "hidden" and "xl/workbook.xml" in parts:
        book = parts["xl/workbook.xml"].decode("utf-8", "replace")
        parts["xl/workbook.xml"] = book.replace("<sheet ", '<sheet state="hidden" ', 1).encode()
    else:  # a cell value no Excel writes
        xml = re.sub(
            r"<v>[^<]*</v>",
            f"<v>{rng.choice(['NaN', '1_000', 'inf', '1e999', '', ' ', '0x10', '١٢'])}</v>",
            xml,
            count=1,
        )
    parts[sheet] = xml.encode("utf-8", "surrogatepass")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in parts.items():
            dst.writestr(name, body)
    return out.getvalue(), kind


def mutate_xlsx(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.4:
        return mutate_xlsx_xml(data, rng)[0]  # the XML readers trust
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


def run(
    runs: int, seed: int, verbose: bool = True, kind: str = "all"
) -> tuple[int, int, Counter[str]]:
    rng = random.Random(seed)
    # The library keeps the loaded plan for the process (keyed on its files' stamps), so the
    # runs, which are about the submissions, load it once.
    return _run(runs, rng, verbose, kind)


def _run(
    runs: int, rng: random.Random, verbose: bool, kind: str = "all"
) -> tuple[int, int, Counter[str]]:
    runner = CliRunner()
    files = sorted(p for p in SAMPLE.iterdir() if p.suffix in (".csv", ".xlsx"))
    victims = [f for f in files if kind == "all" or (f.suffix == ".xlsx") == (kind == "xlsx")]
    crashes: Counter[str] = Counter()
    ran = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for i in range(runs):
            folder = work / f"run{i}"
            folder.mkdir()
            for f in files:
                shutil.copy(f, folder / f.name)
            victim = folder / rng.choice(victims).name
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
    parser.add_argument(
        "--kind",
        choices=("all", "csv", "xlsx"),
        default="all",
        help="which file each run corrupts: any sample file, the CSV ones, or the workbook",
    )
    args = parser.parse_args()
    start = time.perf_counter()
    ran, crashed, kinds = run(args.runs, args.seed, kind=args.kind)
    took = time.perf_counter() - start
    detail = ", ".join(f"{k}: {n}" for k, n in kinds.most_common()) or "none"
    print(
        f"mutation run (seed {args.seed}, {args.kind} files): {args.runs} mutated folders, "
        f"{ran} commands ran, {crashed} crashed ({detail}) in {took:.0f} s"
    )
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
