"""National scale, every figure of issue 13's table in one run, side by side with the yardsticks.

    .venv/bin/python benchmarks/bench_scale.py                 # 1 M rows (about 10 minutes)
    .venv/bin/python benchmarks/bench_scale.py --rows 100000   # a quick look
    .venv/bin/python benchmarks/bench_scale.py --work /tmp/qn-scale --repeat 5

Files are made by bench_validate.py's generator (same seed, same synthetic plan of 60,601 units:
province, 600 districts, 60,000 communes): N clean rows, a copy with 0.1 % bad rows, and the bad
copy split over 1,000 files (plus the concatenation of those files, for read_csv). The 10 k-row
line uses the real plan (``data/``).

Every figure is a whole process started from scratch (interpreter, imports, plan, reading,
output). Each qn-dx measure is **paired** with a ``pandas.read_csv(FILE, dtype=str)`` process in
the same round (qn-dx, then read_csv, ``--repeat`` rounds), and the table gives medians and the
ratio of the medians. Beside them, once per file: a pyarrow ``csv.read_csv`` process (every
column a string) and ``frictionless validate --field-type string`` (if installed: ``pip install
frictionless``; every field a string, as qn-dx reads them: left to infer types from a sample,
frictionless stops at its first 1,000 type errors and looks fast).
Peak memory is the child's maximum resident set size. Nothing is asserted; a wrong outcome
(rows not all counted, bad rows not all reported, an exit code other than expected) prints a
MISMATCH line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_validate as bench

REPO = bench.REPO
QN = str(Path(sys.executable).parent / "qn-dx")
FRICTIONLESS = shutil.which("frictionless") or str(Path(sys.executable).parent / "frictionless")

_PANDAS = "import sys, pandas; pandas.read_csv(sys.argv[1], dtype=str)"
_ARROW = (
    "import sys, pyarrow as pa, pyarrow.csv as c\n"
    "names = c.read_csv(sys.argv[1], read_options=c.ReadOptions(block_size=1<<26)).column_names\n"
    "c.read_csv(sys.argv[1], read_options=c.ReadOptions(block_size=1<<26),\n"
    "    convert_options=c.ConvertOptions(column_types={n: pa.string() for n in names}))"
)
_WRAP = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[2:], capture_output=True)\n"
    "w = time.perf_counter() - t\n"
    "open(sys.argv[1], 'w').write('%f %d %d' % (w, resource.getrusage("
    "resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode))\n"
    "sys.stdout.buffer.write(r.stdout)\n"
)


@dataclass
class Run:
    wall: float
    peak_mib: float
    rc: int
    stdout: bytes


def run(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """A whole process: wall time and peak memory measured by a small parent."""
    stamp = Path(os.environ.get("TMPDIR", "/tmp")) / f"qn-scale-{os.getpid()}.txt"
    proc = subprocess.run(
        [sys.executable, "-c", _WRAP, str(stamp), *cmd],
        capture_output=True,
        env=env or os.environ.copy(),
        cwd=cwd,
        check=False,
    )
    wall, peak, rc = stamp.read_text().split()
    stamp.unlink()
    return Run(float(wall), int(peak) / 1024, int(rc), proc.stdout)


def read_csv(path: Path) -> list[str]:
    return [sys.executable, "-c", _PANDAS, str(path)]


@dataclass
class Measure:
    label: str
    qn: list[Run]
    yardstick: list[Run]
    target: str
    limit: float | None  # the target as a ratio to read_csv, if it is one

    @property
    def ratio(self) -> float:
        return statistics.median(r.wall for r in self.qn) / statistics.median(
            r.wall for r in self.yardstick
        )


def paired(
    label: str,
    cmd: list[str],
    yard: list[str],
    repeat: int,
    target: str,
    limit: float | None,
    env: dict[str, str],
) -> Measure:
    qn_runs, yard_runs = [], []
    for _ in range(repeat):
        qn_runs.append(run(cmd, env))
        yard_runs.append(run(yard))
    m = Measure(label, qn_runs, yard_runs, target, limit)
    log(f"{label}: {statistics.median(r.wall for r in qn_runs):.2f} s, ratio {m.ratio:.2f}")
    return m


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def check(m: Measure, rows: int, bad: int, problems: list[str]) -> None:
    for r in m.qn:
        if r.rc not in (0, 1):
            problems.append(f"MISMATCH {m.label}: exit {r.rc}")
            return
    doc = json.loads(m.qn[-1].stdout or b"{}")
    if "rows" in doc and (doc["rows"] != rows or doc["rows_invalid"] != bad):
        problems.append(
            f"MISMATCH {m.label}: rows {doc['rows']} (want {rows}), "
            f"invalid {doc['rows_invalid']} (want {bad})"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path("/tmp/qn-scale"))
    ap.add_argument("--seed", type=int, default=189)
    ap.add_argument(
        "--readme",
        action="store_true",
        help="also write the table into README.md, between the bench_scale markers",
    )
    args = ap.parse_args(argv)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QN_DX_DATA": ""}
    env.pop("QN_DX_ENGINE", None)

    # -- files ---------------------------------------------------------------------------------
    synth = work / "plan-synthetic"
    shape, _ = bench.write_synthetic_plan(synth, random.Random(f"{args.seed}-synthetic-plan"))
    big = bench.FileSet("n", synth, work / "clean.csv", work / "bad.csv", args.rows)
    manifest = work / "manifest.json"
    if not manifest.is_file() or json.loads(manifest.read_text())["rows"] != args.rows:
        t0 = time.perf_counter()
        bench.write_files(big, shape, random.Random(f"{args.seed}-n"))
        manifest.write_text(json.dumps({"rows": args.rows, "bad": big.bad_rows}))
        shutil.rmtree(work / "split", ignore_errors=True)
        log(f"generated {args.rows:,} rows in {time.perf_counter() - t0:.1f} s")
    bad_rows = json.loads(manifest.read_text())["bad"]
    split = work / "split"
    joined = work / "split-joined.csv"
    if not split.is_dir():
        split.mkdir()
        lines = big.bad.read_text(encoding="utf-8").splitlines()
        header, body = lines[0], lines[1:]
        per = -(-len(body) // args.files)
        for k in range(args.files):
            part = body[k * per : (k + 1) * per]
            (split / f"part-{k:04d}.csv").write_text(
                "\n".join([header, *part]) + "\n", encoding="utf-8"
            )
        joined.write_text("\n".join(lines) + "\n", encoding="utf-8")
    real = work / "real-10k.csv"
    if not real.is_file():
        fs = bench.FileSet("10k", None, real, work / "real-10k-bad.csv", 10_000)
        bench.write_files(fs, bench.real_plan_shape(bench.DATA), random.Random(f"{args.seed}-10k"))

    plan = ["--data-dir", str(synth)]
    problems: list[str] = []
    rep = args.repeat
    measures: list[Measure] = []

    clean, bad = str(big.clean), str(big.bad)
    n = f"{args.rows:,} rows"
    # (label, qn-dx arguments, the file read_csv reads, target, limit, rows and bad rows that
    # validate's JSON must count: None for the commands that print no such count)
    plan_wide = "≤ 1.5×"
    runs: list[tuple[str, list[str], Path, str, float, tuple[int, int] | None]] = [
        (f"validate {n}, clean", ["validate", clean], big.clean, "≤ 1.25×", 1.25,
         (args.rows, 0)),
        (f"validate {n}, {bad_rows:,} bad (all reported)", ["validate", bad], big.bad, "≤ 1.5×",
         1.5, (args.rows, bad_rows)),
        (f"validate {n} in {args.files:,} files", ["validate", str(split)], joined,
         "≤ 2× (read_csv of the concatenated file)", 2.0, (args.rows, bad_rows)),
        (f"report {n}", ["report", "--actuals", clean], big.clean, plan_wide, 1.5, None),
        (f"report {n} --as-of 2023-09", ["report", "--actuals", clean, "--as-of", "2023-09"],
         big.clean, plan_wide, 1.5, None),
        ("missing, 60,601-unit plan", ["missing", "--actuals", clean], big.clean, plan_wide,
         1.5, None),
        ("summary, 60,601-unit plan", ["summary", "--actuals", clean], big.clean, plan_wide,
         1.5, None),
    ]  # fmt: skip
    for warm in ([*plan], []):  # the plan cache filled first: every round then starts warm
        run([QN, *warm, "targets", "--format", "json"], env)
    for label, qn_args, yard, target, limit, counted in runs:
        cmd = [QN, *plan, *qn_args, "--format", "json"]
        m = paired(label, cmd, read_csv(yard), rep, target, limit, env)
        measures.append(m)
        if counted is not None:
            check(m, *counted, problems)

    # 10 k rows on the real plan, paired with frictionless (the yardstick there)
    fr = Path(FRICTIONLESS)
    ten: list[Run] = []
    ten_fr: list[Run] = []
    for _ in range(max(rep, 5)):
        ten.append(run([QN, "validate", str(real), "--format", "json"], env))
        if fr.exists():
            ten_fr.append(_frictionless(fr, real))
    helps = [run([QN, "--help"], env) for _ in range(5)]

    # yardsticks once per file: pyarrow read, frictionless
    arrow = run([sys.executable, "-c", _ARROW, str(big.clean)])
    fric = _frictionless(fr, big.clean) if fr.exists() else None
    pandas_clean = statistics.median(r.wall for r in measures[0].yardstick)

    table: list[str] = []

    def emit(text: str) -> None:
        print(text)
        table.append(text)

    # -- the table -----------------------------------------------------------------------------
    def med(runs: list[Run]) -> float:
        return statistics.median(r.wall for r in runs)

    emit(
        f"# qn-dx at scale — {time.strftime('%Y-%m-%d')}, {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.machine()}; medians of {rep} paired rounds"
    )
    emit("")
    emit("| measure | qn-dx s | read_csv process s | ratio | target | met | peak MiB |")
    emit("|---|---:|---:|---:|---|---|---:|")
    for m in measures:
        met = "yes" if m.limit is not None and m.ratio <= m.limit else "no"
        peak = max(r.peak_mib for r in m.qn)
        emit(
            f"| {m.label} | {med(m.qn):.2f} | {med(m.yardstick):.2f} | {m.ratio:.2f}× | "
            f"{m.target} | {met} | {peak:.0f} |"
        )
    peak = max(r.peak_mib for r in measures[0].qn)
    emit(
        f"| peak memory, validate {args.rows:,} rows | | | | ≤ 450 MiB | "
        f"{'yes' if peak <= 450 else 'no'} | {peak:.0f} |"
    )
    t10 = med(ten)
    line = f"| validate 10 k rows (real plan) | {t10:.2f} | | "
    if ten_fr:
        ratio = t10 / med(ten_fr)
        line += (
            f"{ratio:.2f}× frictionless ({med(ten_fr):.2f} s) | ≤ 0.25 s; ≤ 0.45× "
            f"frictionless | {'yes' if t10 <= 0.25 and ratio <= 0.45 else 'no'} |"
        )
    else:
        line += f"| ≤ 0.25 s | {'yes' if t10 <= 0.25 else 'no'} |"
    emit(line + f" {max(r.peak_mib for r in ten):.0f} |")
    th = med(helps)
    emit(
        f"| `qn-dx --help` | {th:.3f} | | | ≤ 0.1 s | {'yes' if th <= 0.1 else 'no'} | "
        f"{max(r.peak_mib for r in helps):.0f} |"
    )
    emit("")
    emit(
        f"Yardsticks on the clean {args.rows:,}-row file ({big.clean.stat().st_size / 1e6:.0f} "
        f"MB), one process each: pandas.read_csv(dtype=str) {pandas_clean:.2f} s "
        f"({max(r.peak_mib for r in measures[0].yardstick):.0f} MiB); pyarrow read, every "
        f"column a string, {arrow.wall:.2f} s ({arrow.peak_mib:.0f} MiB)"
        + (
            f"; frictionless validate {fric.wall:.2f} s ({fric.peak_mib:.0f} MiB)."
            if fric
            else "; frictionless not installed."
        )
    )
    for p in problems:
        emit(p)
    if args.readme:
        readme = REPO / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- bench_scale -->\n", "<!-- /bench_scale -->"
        before, _, rest = text.partition(start)
        _, _, after = rest.partition(end)
        if not rest:
            raise SystemExit("README.md has no <!-- bench_scale --> markers")
        new = before + start + "\n".join(table) + "\n" + end + after
        tmp = readme.with_suffix(".md.tmp")
        tmp.write_text(new, encoding="utf-8")
        tmp.replace(readme)
        log("README.md updated")
    return 0


def _frictionless(exe: Path, path: Path) -> Run:
    """``frictionless validate`` on ``path``, every field a string, from the file's folder (it
    refuses an absolute path as unsafe, in 0.03 s, which once passed for a fast validation).
    Its verdict must be "valid" (the benchmark's clean files are), or the figure is not used."""
    cmd = [str(exe), "validate", path.name, "--json", "--field-type", "string"]
    done = run(cmd, cwd=path.parent)
    if not json.loads(done.stdout or b"{}").get("valid"):
        raise SystemExit(f"frictionless did not validate {path}: {done.stdout[:300]!r}")
    return done


if __name__ == "__main__":
    sys.exit(main())
