"""Benchmark `qn-dx validate` and `qn-dx report`: generated actuals files, timed as whole processes.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/bench_validate.py                   # 10k, 100k and 1m (long)
    .venv/bin/python benchmarks/bench_validate.py --sizes 10k       # well under a minute
    .venv/bin/python benchmarks/bench_validate.py --sizes 10k,100k  # a few minutes
    .venv/bin/python benchmarks/bench_validate.py --sizes 1m --repeat 2
    .venv/bin/python benchmarks/bench_validate.py --write-only /tmp/qn-bench   # files only
    .venv/bin/python benchmarks/bench_validate.py --keep /tmp/qn-bench         # time, keep files

What it generates (deterministic: ``random.Random``, default seed 189):

* ``10k``: 10 000 actuals rows on the REAL plan (``data/``): every in-scope target, month by
  month, 2023 first then 2022: province-scope targets for unit 51, EG-15/EG-17/DG-12 for the 13
  districts and the department-level agencies, then the communes month by month (EG-16/EG-18 for
  all 173 communes plus EG-04 or EG-05 by commune type), cut at exactly 10 000 rows.
* ``100k`` and ``1m``: one synthetic plan folder ``plan-synthetic/`` shared by both sizes
  (plan.yaml, targets.yaml, tasks.yaml and agencies.yaml copied from ``data/``; a units.csv with
  the province 51, 600 districts and 60 000 communes of types xã / phường / thị trấn, drawn from
  its own random stream so that it is the same whichever sizes are asked for), and 100 000 or
  1 000 000 rows on it in the same order (province rows, districts and departments, then
  communes month by month), used via --data-dir.
* for each size, a ``-bad`` copy where 0.1 % of the rows, spread evenly, are made invalid,
  cycling through: unknown indicator, bad period, numerator > denominator, bad number (a letter
  in a figure), unknown unit code. Each bad row makes exactly one error.

All clean rows are valid: whole numbers, numerator <= denominator, units in each target's scope,
no duplicate (indicator, unit, period) and only months (no overlapping periods).

The table has one line per (file, command): ``validate`` on the clean file, ``report`` on the
clean file, ``validate`` on the ``-bad`` file. What each number means (every figure is a whole
process started from scratch, best of --repeat):

* ``rows``: data rows in the file (validate: checked against the ``rows`` of the JSON output).
* ``bad``: rows made invalid (checked against ``rows_invalid``; the error codes too).
* ``MB``: file size in megabytes (10^6 bytes).
* ``wall s``: wall time of the command, measured with time.perf_counter around subprocess.run:
  interpreter start-up, imports, plan load, reading, validation (and for report: computing and
  rendering) and output. The commands are

  - validate: ``qn-dx [--data-dir PLAN] validate FILE --format json``
  - report: ``qn-dx [--data-dir PLAN] report --actuals FILE --skip-invalid --format json``; its
    JSON is parsed and ``observations_used`` must be > 0 and ``rows_left_out`` 0.

* ``rows/s``: rows / wall s.
* ``peak MiB``: the process's maximum resident set size (ru_maxrss of the child, via
  ``/usr/bin/time -v`` when it is there, else a small Python wrapper reading
  RUSAGE_CHILDREN); the largest over the repeats. Anything over 600 MiB gets a NOTE line.
* ``pandas s``: wall time of a fresh Python process that imports pandas and runs
  ``pandas.read_csv(FILE, dtype=str)``; ``read_csv s`` is the read alone, timed inside it;
  ``pd MiB`` is that process's peak memory. Measured once per file (the validate and report
  lines of the clean file show the same measurement).
* ``ratio``: wall s / pandas s (both whole processes); ``ratio/read``: wall s / read_csv s.
  A yardstick: how far the command is from "just parse the CSV".
* start-up lines: ``qn-dx --help``, ``qn-dx validate data/actuals`` and ``qn-dx report`` on the
  shipped sample (each best of 5; the README promises ``qn-dx report`` in at most 1.0 s), and,
  for the synthetic plan, validating a header-only file (the cost of loading the 60 000-unit
  plan before any row is read).

Nothing is asserted: a wrong row count, invalid count, error code, exit code or report content
prints a MISMATCH line after the table; a peak over 600 MiB or a sample report over its 1.0 s
budget prints a NOTE line. The exit status is 0 either way.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
QN_DX = Path(sys.executable).parent / "qn-dx"
GNU_TIME = Path("/usr/bin/time")

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
DEFAULT_REPEAT = {"10k": 3, "100k": 2, "1m": 1}
STARTUP_REPEAT = 5
REPORT_BUDGET_S = 1.0  # the README's promise for `qn-dx report` on the shipped sample
MEMORY_NOTE_MIB = 600  # a peak above this prints a NOTE line
BAD_FRACTION = 0.001
HEADER = ["indicator_id", "period", "unit_code", "numerator", "denominator", "value", "note"]
BAD_KINDS = (
    "unknown-indicator",
    "bad-period",
    "numerator-exceeds-denominator",
    "bad-number",
    "unknown-unit",
)
COPIED_PLAN_FILES = ("plan.yaml", "targets.yaml", "tasks.yaml", "agencies.yaml")
SYNTH_DISTRICTS = 600
SYNTH_COMMUNES_PER_DISTRICT = 100

# Run in a fresh child; write the child's ru_maxrss (KiB on Linux) to argv[1].
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[2:])\n"
    "with open(sys.argv[1], 'w') as f:\n"
    "    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(r.returncode)\n"
)
# pandas.read_csv in a fresh process; prints the import and read times and the row count.
_PANDAS = (
    "import json, sys, time\n"
    "t0 = time.perf_counter()\n"
    "import pandas\n"
    "t1 = time.perf_counter()\n"
    "df = pandas.read_csv(sys.argv[1], dtype=str)\n"
    "t2 = time.perf_counter()\n"
    "print(json.dumps({'import': t1 - t0, 'read': t2 - t1, 'rows': len(df)}))\n"
)


# -- the plan, reduced to what the generator needs ------------------------------------------------
@dataclass(frozen=True)
class Tgt:
    id: str
    measure: str  # ratio | value | milestone
    unit: str | None  # percent | count | rank | None
    levels: tuple[str, ...]
    types: tuple[str, ...] | None


@dataclass(frozen=True)
class RU:
    code: str
    level: str  # province | department | district | commune | other
    type: str | None


def in_scope(u: RU, t: Tgt) -> bool:
    return u.level in t.levels and (t.types is None or u.type in t.types)


@dataclass
class PlanShape:
    folder: Path
    years: tuple[int, int]  # (plan year, baseline year)
    targets: list[Tgt]
    units: list[RU]  # units, then agencies: the reporting units


def real_plan_shape(folder: Path) -> PlanShape:
    from qn_dx.plan import load_plan

    plan = load_plan(folder)
    targets = [
        Tgt(
            t.id,
            t.measure,
            t.unit,
            tuple(t.scope.levels),
            tuple(t.scope.types) if t.scope.types else None,
        )
        for t in plan.targets
    ]
    units = [RU(u.code, u.level, u.type) for u in plan.reporting_units.values()]
    return PlanShape(folder, (plan.plan_year, plan.baseline_year), targets, units)


def write_synthetic_plan(folder: Path, rng: random.Random) -> tuple[PlanShape, int]:
    """Copy the plan files but the units; write 1 + 600 + 60 000 units as units.csv (the plan
    loader's format for national-size registries: ~1 s to load where YAML takes ~10 s). Returns
    the shape and the size of units.csv in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED_PLAN_FILES:
        shutil.copyfile(DATA / name, folder / name)
    (folder / "units.yaml").unlink(missing_ok=True)
    real = real_plan_shape(DATA)
    agencies = [u for u in real.units if u.level in ("department", "other")]
    lines = ["code,name,type,level,parent,source", "51,Tỉnh Quảng Ngãi,tỉnh,province,,synthetic"]
    units = [RU("51", "province", "tỉnh")]
    for d in range(SYNTH_DISTRICTS):
        dcode = str(100 + d)
        dtype = "thành phố" if d % 40 == 0 else "thị xã" if d % 40 == 1 else "huyện"
        lines.append(f"{dcode},H{dcode},{dtype},district,51,")
        units.append(RU(dcode, "district", dtype))
        for c in range(SYNTH_COMMUNES_PER_DISTRICT):
            ccode = str(10_000 + d * SYNTH_COMMUNES_PER_DISTRICT + c)
            r = rng.random()
            ctype = "xã" if r < 0.85 else "phường" if r < 0.95 else "thị trấn"
            lines.append(f"{ccode},X{ccode},{ctype},commune,{dcode},")
            units.append(RU(ccode, "commune", ctype))
    text = "\n".join(lines) + "\n"
    (folder / "units.csv").write_text(text, encoding="utf-8")
    return PlanShape(folder, real.years, real.targets, units + agencies), len(text.encode())


# -- rows ------------------------------------------------------------------------------------------
def planned_cells(shape: PlanShape) -> Iterator[tuple[Tgt, RU, str]]:
    """Every valid (target, unit, month): plan year then baseline year; within a year province
    targets, then the department/district targets, then communes month by month."""
    province = [t for t in shape.targets if t.levels == ("province",)]
    communal = [t for t in shape.targets if t.levels == ("commune",)]
    middle = [t for t in shape.targets if t not in province and t not in communal]
    prov_units = [u for u in shape.units if u.level == "province"]
    communes = [u for u in shape.units if u.level == "commune"]
    by_type: dict[str | None, list[Tgt]] = {}
    for u in communes:
        if u.type not in by_type:
            by_type[u.type] = [t for t in communal if in_scope(u, t)]
    for year in shape.years:
        months = [f"{year}-{m:02d}" for m in range(1, 13)]
        for t in province:
            for u in prov_units:
                if in_scope(u, t):
                    for p in months:
                        yield t, u, p
        for u in shape.units:
            for t in middle:
                if in_scope(u, t):
                    for p in months:
                        yield t, u, p
        for p in months:
            for u in communes:
                for t in by_type[u.type]:
                    yield t, u, p


def make_row(t: Tgt, u: RU, period: str, rng: random.Random) -> list[str]:
    num = den = value = ""
    if t.measure == "ratio":
        d = rng.randint(1, 2000)
        n = rng.randint(0, d)
        num, den = str(n), str(d)
        if rng.random() < 0.1:  # the optional value, consistent with num / den
            value = f"{100 * n / d:.1f}"
    elif t.measure == "value":
        if t.unit == "rank":
            value = str(rng.randint(1, 63))
        elif t.unit == "percent":  # never in (0, 1]: that would be a fraction (percent-as-fraction)
            value = f"{rng.choice((0, rng.randint(11, 1000))) / 10:g}"
        else:
            value = str(rng.randint(0, 500))
    else:
        value = rng.choice(("done", "not_done"))
    return [t.id, period, u.code, num, den, value, ""]


def _fits(kind: str, t: Tgt) -> bool:
    if kind == "numerator-exceeds-denominator":
        return t.measure == "ratio"
    if kind == "bad-number":
        return t.measure in ("ratio", "value")
    return True


def _corrupt(kind: str, t: Tgt, row: list[str], known: set[str], rng: random.Random) -> None:
    if kind == "unknown-indicator":
        row[0] = "EG-99"
    elif kind == "bad-period":
        row[1] = row[1][:4] + "-13"
    elif kind == "numerator-exceeds-denominator":
        row[3] = str(int(row[4]) + 1 + rng.randrange(10))
    elif kind == "bad-number":
        col = 3 if t.measure == "ratio" else 5
        row[col] = row[col].replace(".", "") + "o"  # a letter o typed for a zero
    else:
        code = row[2] + "9"
        row[2] = code if code not in known else "99999999"


@dataclass
class FileSet:
    name: str  # "10k", "100k" or "1m"
    plan_dir: Path | None  # None: the real plan (no --data-dir)
    clean: Path
    bad: Path
    rows: int
    bad_rows: int = 0
    bad_kinds: dict[str, int] = field(default_factory=dict)
    units_csv_bytes: int | None = None

    @property
    def prefix(self) -> str:
        return "real" if self.plan_dir is None else "synth"


def write_files(fs: FileSet, shape: PlanShape, rng: random.Random) -> None:
    """Write the clean file and its -bad copy in one pass (rows are never all in memory)."""
    n = fs.rows
    n_bad = max(1, round(n * BAD_FRACTION))
    step = n // n_bad
    positions = {step // 2 + i * step: BAD_KINDS[i % len(BAD_KINDS)] for i in range(n_bad)}
    known = {u.code for u in shape.units}
    pending: collections.deque[str] = collections.deque()
    kinds: collections.Counter[str] = collections.Counter()
    with (
        fs.clean.open("w", newline="", encoding="utf-8") as fc,
        fs.bad.open("w", newline="", encoding="utf-8") as fb,
    ):
        wc = csv.writer(fc, lineterminator="\n")
        wb = csv.writer(fb, lineterminator="\n")
        wc.writerow(HEADER)
        wb.writerow(HEADER)
        count = 0
        for i, (t, u, p) in enumerate(islice(planned_cells(shape), n)):
            row = make_row(t, u, p, rng)
            wc.writerow(row)
            if i in positions:
                pending.append(positions[i])
            if pending and _fits(pending[0], t):
                kind = pending.popleft()
                _corrupt(kind, t, row, known, rng)
                kinds[kind] += 1
            wb.writerow(row)
            count += 1
    if count != n:
        raise SystemExit(f"{fs.name}: the plan yields only {count} distinct rows, not {n}")
    fs.bad_rows = sum(kinds.values())
    fs.bad_kinds = dict(kinds)


@dataclass
class Synthetic:
    folder: Path
    shape: PlanShape
    units_csv_bytes: int
    header_only: Path


def generate(work: Path, sizes: list[str], seed: int) -> tuple[list[FileSet], Synthetic | None]:
    """Write every size's clean and -bad files (and the synthetic plan, once, if a size needs
    it) plus manifest.json. Returns the file sets and the synthetic plan (None if unused)."""
    work.mkdir(parents=True, exist_ok=True)
    sets: list[FileSet] = []
    synth: Synthetic | None = None
    for size in sizes:
        t0 = time.perf_counter()
        if size == "10k":
            shape = real_plan_shape(DATA)
            fs = FileSet(size, None, work / "real-10k.csv", work / "real-10k-bad.csv", SIZES[size])
        else:
            if synth is None:
                plan_dir = work / "plan-synthetic"
                plan_shape, units_bytes = write_synthetic_plan(
                    plan_dir, random.Random(f"{seed}-synthetic-plan")
                )
                header_only = work / "synth-header-only.csv"
                header_only.write_text(",".join(HEADER) + "\n", encoding="utf-8")
                synth = Synthetic(plan_dir, plan_shape, units_bytes, header_only)
            shape = synth.shape
            fs = FileSet(
                size,
                synth.folder,
                work / f"synth-{size}.csv",
                work / f"synth-{size}-bad.csv",
                SIZES[size],
                units_csv_bytes=synth.units_csv_bytes,
            )
        write_files(fs, shape, random.Random(f"{seed}-{size}"))
        log(f"generated {fs.clean.name} and {fs.bad.name} in {time.perf_counter() - t0:.1f} s")
        sets.append(fs)
    manifest = {
        fs.name: {
            "plan": str(fs.plan_dir) if fs.plan_dir else str(DATA),
            "clean": str(fs.clean),
            "bad": str(fs.bad),
            "rows": fs.rows,
            "bad_rows": fs.bad_rows,
            "bad_kinds": fs.bad_kinds,
            "units_csv_bytes": fs.units_csv_bytes,
        }
        for fs in sets
    }
    (work / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return sets, synth


# -- measuring ----------------------------------------------------------------------------------
@dataclass
class Run:
    wall: float
    peak_kib: int
    rc: int
    stdout: str
    stderr: str


def _gnu_time_works() -> bool:
    if not GNU_TIME.exists():
        return False
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        r = subprocess.run(
            [str(GNU_TIME), "-v", "-o", out.name, "true"], capture_output=True, check=False
        )
        return r.returncode == 0 and "Maximum resident set size" in Path(out.name).read_text()


USE_GNU_TIME = False  # set in main()


def measure(cmd: list[str], env: dict[str, str], cwd: Path = REPO) -> Run:
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        if USE_GNU_TIME:
            full = [str(GNU_TIME), "-v", "-o", out.name, *cmd]
        else:
            full = [sys.executable, "-c", _WRAPPER, out.name, *cmd]
        t0 = time.perf_counter()
        r = subprocess.run(full, capture_output=True, text=True, env=env, cwd=cwd, check=False)
        wall = time.perf_counter() - t0
        report = Path(out.name).read_text()
    peak = 0
    if USE_GNU_TIME:
        for line in report.splitlines():
            if "Maximum resident set size" in line:
                peak = int(line.rsplit(":", 1)[1])
    elif report.strip():
        peak = int(report)
    return Run(wall, peak, r.returncode, r.stdout, r.stderr)


def best_of(n: int, cmd: list[str], env: dict[str, str]) -> tuple[Run, int]:
    """The fastest of n runs, and the largest peak memory seen."""
    runs = [measure(cmd, env) for _ in range(n)]
    return min(runs, key=lambda r: r.wall), max(r.peak_kib for r in runs)


def qn(plan_dir: Path | None, *args: str) -> list[str]:
    return [str(QN_DX), *(["--data-dir", str(plan_dir)] if plan_dir else []), *args]


@dataclass
class PandasRead:
    wall: float
    read_s: float
    peak_mib: float


@dataclass
class Line:
    label: str
    command: str  # validate | report
    rows: int
    bad: int
    mb: float
    wall: float
    peak_mib: float
    pandas: PandasRead


def check_validate(label: str, run: Run, rows: int, bad: int, kinds: dict[str, int]) -> list[str]:
    problems: list[str] = []
    try:
        doc = json.loads(run.stdout)
    except json.JSONDecodeError:
        tail = run.stderr.strip().splitlines()[-5:]
        return [f"MISMATCH {label} validate: no JSON output (exit {run.rc}): {' | '.join(tail)}"]
    if doc.get("rows") != rows:
        problems.append(f"MISMATCH {label} validate: rows {doc.get('rows')} != {rows} data rows")
    if doc.get("rows_invalid") != bad:
        problems.append(
            f"MISMATCH {label} validate: rows_invalid {doc.get('rows_invalid')} != {bad} bad"
        )
    if doc.get("rows_skipped"):
        problems.append(f"MISMATCH {label} validate: rows_skipped {doc.get('rows_skipped')} != 0")
    codes = collections.Counter(e["code"] for e in doc.get("errors", []))
    if codes != collections.Counter(kinds):
        problems.append(f"MISMATCH {label} validate: error codes {dict(codes)} != injected {kinds}")
    if doc.get("warnings"):
        warned = dict(collections.Counter(w["code"] for w in doc["warnings"]))
        problems.append(f"MISMATCH {label} validate: unexpected warnings {warned}")
    expected_rc = 1 if bad else 0
    if run.rc != expected_rc:
        problems.append(f"MISMATCH {label} validate: exit code {run.rc} != {expected_rc}")
    return problems


def check_report(label: str, run: Run) -> tuple[list[str], str]:
    """Problems with a clean file's `report --skip-invalid --format json`, and a one-line
    summary (as of, observations used, status counts) for the notes under the table."""
    tail = " | ".join(run.stderr.strip().splitlines()[-5:])
    try:
        doc = json.loads(run.stdout)
    except json.JSONDecodeError:
        return [f"MISMATCH {label} report: no JSON output (exit {run.rc}): {tail}"], ""
    problems: list[str] = []
    used = doc.get("observations_used")
    if not isinstance(used, int) or used <= 0:
        problems.append(f"MISMATCH {label} report: observations_used {used!r}, expected > 0")
    if doc.get("rows_left_out") != 0:
        problems.append(f"MISMATCH {label} report: rows_left_out {doc.get('rows_left_out')} != 0")
    if run.rc != 0:
        problems.append(f"MISMATCH {label} report: exit code {run.rc} != 0: {tail}")
    counts = ", ".join(f"{k} {v}" for k, v in (doc.get("counts") or {}).items() if v)
    summary = (
        f"report {label}: as of {doc.get('as_of')}, observations_used {used}, "
        f"{len(doc.get('targets', []))} targets ({counts})"
    )
    return problems, summary


def time_pandas(
    label: str, path: Path, rows: int, repeat: int, env: dict[str, str], problems: list[str]
) -> PandasRead:
    log(f"  pandas.read_csv {path.name} (best of {repeat}) …")
    run, peak = best_of(repeat, [sys.executable, "-c", _PANDAS, str(path)], env)
    try:
        doc = json.loads(run.stdout)
        read_s = float(doc["read"])
        if doc["rows"] != rows:
            problems.append(f"MISMATCH {label}: pandas read {doc['rows']} rows, not {rows}")
    except (json.JSONDecodeError, KeyError):
        read_s = float("nan")
        problems.append(f"MISMATCH {label}: pandas failed: {run.stderr.strip()[-300:]}")
    return PandasRead(run.wall, read_s, peak / 1024)


def time_size(
    fs: FileSet, repeat: int, env: dict[str, str], problems: list[str], notes: list[str]
) -> list[Line]:
    """validate + report on the clean file, validate on the -bad file, pandas on both."""
    lines: list[Line] = []
    for label, path, bad, kinds in (
        (f"{fs.prefix}-{fs.name}", fs.clean, 0, {}),
        (f"{fs.prefix}-{fs.name}-bad", fs.bad, fs.bad_rows, fs.bad_kinds),
    ):
        mb = path.stat().st_size / 1e6
        log(f"timing {label}: qn-dx validate (best of {repeat}) …")
        cmd = qn(fs.plan_dir, "validate", str(path), "--format", "json")
        run, peak = best_of(repeat, cmd, env)
        problems.extend(check_validate(label, run, fs.rows, bad, kinds))
        log(f"  {run.wall:.2f} s, {peak / 1024:.0f} MiB")
        validate_wall, validate_peak = run.wall, peak
        report: tuple[float, int] | None = None
        if not bad:
            log(f"timing {label}: qn-dx report (best of {repeat}) …")
            cmd = qn(
                fs.plan_dir,
                *("report", "--actuals", str(path), "--skip-invalid", "--format", "json"),
            )
            run, peak = best_of(repeat, cmd, env)
            found, summary = check_report(label, run)
            problems.extend(found)
            if summary:
                notes.append(summary)
            log(f"  {run.wall:.2f} s, {peak / 1024:.0f} MiB")
            report = (run.wall, peak)
        pandas = time_pandas(label, path, fs.rows, repeat, env, problems)
        lines.append(
            Line(label, "validate", fs.rows, bad, mb, validate_wall, validate_peak / 1024, pandas)
        )
        if report is not None:
            lines.append(
                Line(label, "report", fs.rows, bad, mb, report[0], report[1] / 1024, pandas)
            )
    return lines


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}" if b > 0 else "n/a"


def print_table(lines: list[Line]) -> None:
    head = (
        "file",
        "command",
        "rows",
        "bad",
        "MB",
        "wall s",
        "rows/s",
        "peak MiB",
        "pandas s",
        "read_csv s",
        "pd MiB",
        "ratio",
        "ratio/read",
    )
    body = [
        (
            ln.label,
            ln.command,
            f"{ln.rows:,}",
            f"{ln.bad:,}",
            f"{ln.mb:.1f}",
            f"{ln.wall:.2f}",
            f"{ln.rows / ln.wall:,.0f}",
            f"{ln.peak_mib:.0f}",
            f"{ln.pandas.wall:.2f}",
            f"{ln.pandas.read_s:.3f}",
            f"{ln.pandas.peak_mib:.0f}",
            _ratio(ln.wall, ln.pandas.wall),
            _ratio(ln.wall, ln.pandas.read_s),
        )
        for ln in lines
    ]
    widths = [max(len(str(r[i])) for r in [head, *body]) for i in range(len(head))]

    def fmt(r: tuple[str, ...]) -> str:
        left = [r[0].ljust(widths[0]), r[1].ljust(widths[1])]
        return "  ".join(left + [c.rjust(w) for c, w in zip(r[2:], widths[2:])])

    print(fmt(head))
    print("  ".join("-" * w for w in widths))
    for r in body:
        print(fmt(r))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes",
        default=",".join(SIZES),
        help=f"comma-separated: {', '.join(SIZES)} (default all three)",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="best of N for the sized files (default "
        + ", ".join(f"{n} for {s}" for s, n in DEFAULT_REPEAT.items())
        + f"); start-up is always best of {STARTUP_REPEAT}",
    )
    ap.add_argument("--write-only", type=Path, metavar="DIR", help="write the files, time nothing")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep the files")
    ap.add_argument("--seed", type=int, default=189, help="random seed (default 189)")
    args = ap.parse_args(argv)
    args.size_list = list(
        dict.fromkeys(s.strip().lower() for s in args.sizes.split(",") if s.strip())
    )
    unknown = [s for s in args.size_list if s not in SIZES]
    if unknown or not args.size_list:
        ap.error(f"--sizes takes {', '.join(SIZES)}; got {args.sizes!r}")
    if args.repeat is not None and args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if args.write_only and args.keep:
        ap.error("--write-only and --keep are exclusive")
    return args


def time_startup(
    env: dict[str, str], problems: list[str], notes: list[str], sample_lines: list[str]
) -> list[str]:
    """`qn-dx --help`, and validate and report on the shipped sample, best of 5 each."""
    n = STARTUP_REPEAT
    log(f"timing start-up (best of {n}) …")
    helped, help_peak = best_of(n, [str(QN_DX), "--help"], env)
    checked, checked_peak = best_of(n, [str(QN_DX), "validate", "data/actuals"], env)
    reported, reported_peak = best_of(n, [str(QN_DX), "report"], env)
    for what, run in (("--help", helped), ("report", reported)):
        if run.rc != 0:
            tail = " | ".join(run.stderr.strip().splitlines()[-3:])
            problems.append(f"MISMATCH start-up qn-dx {what}: exit code {run.rc}: {tail}")
    if reported.wall > REPORT_BUDGET_S:
        notes.append(
            f"NOTE qn-dx report on the sample took {reported.wall:.2f} s, over the README's "
            f"{REPORT_BUDGET_S:.1f} s budget"
        )
    summary = checked.stdout.strip().splitlines()[-1:] or ["(no output)"]
    sample_lines.append(f"sample data/actuals: {summary[0]}")
    verdict = "within" if reported.wall <= REPORT_BUDGET_S else "OVER"
    return [
        f"start-up: qn-dx --help {helped.wall:.2f} s (best of {n}, peak "
        f"{help_peak / 1024:.0f} MiB, exit {helped.rc})",
        f"start-up: qn-dx validate data/actuals {checked.wall:.2f} s (best of {n}, peak "
        f"{checked_peak / 1024:.0f} MiB, exit {checked.rc})",
        f"start-up: qn-dx report {reported.wall:.2f} s (best of {n}, peak "
        f"{reported_peak / 1024:.0f} MiB, exit {reported.rc}; {verdict} the "
        f"{REPORT_BUDGET_S:.1f} s budget)",
    ]


def main(argv: list[str] | None = None) -> int:
    global USE_GNU_TIME
    args = parse_args(argv)
    os.environ.pop("QN_DX_DATA", None)  # the real plan is data/, for the CLI and for us
    env = dict(os.environ)
    if args.write_only:
        sets, synth = generate(args.write_only, args.size_list, args.seed)
        for fs in sets:
            print(f"{fs.clean}  {fs.rows} rows")
            print(f"{fs.bad}  {fs.rows} rows, {fs.bad_rows} bad {fs.bad_kinds}")
        if synth is not None:
            print(f"{synth.folder}/  (use with --data-dir; units.csv {synth.units_csv_bytes} B)")
            print(f"{synth.header_only}  header only")
        print(f"{args.write_only / 'manifest.json'}")
        return 0
    if not QN_DX.exists():
        raise SystemExit(f"{QN_DX} not found: install the project into this interpreter's venv")
    USE_GNU_TIME = _gnu_time_works()
    tmp = None
    if args.keep:
        work = args.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="qn-dx-bench-")
        work = Path(tmp.name)
    try:
        sets, synth = generate(work, args.size_list, args.seed)
        lines: list[Line] = []
        problems: list[str] = []
        notes: list[str] = []
        extra: list[str] = []
        for fs in sets:
            lines.extend(
                time_size(fs, args.repeat or DEFAULT_REPEAT[fs.name], env, problems, notes)
            )
        if synth is not None:
            repeat = args.repeat or max(DEFAULT_REPEAT[fs.name] for fs in sets if fs.plan_dir)
            log(f"timing the synthetic plan load (best of {repeat}) …")
            run, peak = best_of(repeat, qn(synth.folder, "validate", str(synth.header_only)), env)
            extra.append(
                f"synthetic plan load (validate a header-only file, units.csv "
                f"{synth.units_csv_bytes / 1e6:.1f} MB, best of {repeat}): {run.wall:.2f} s, "
                f"peak {peak / 1024:.0f} MiB, exit {run.rc}"
            )
        sample_lines: list[str] = []
        startup = time_startup(env, problems, notes, sample_lines)
        for ln in lines:
            if ln.peak_mib > MEMORY_NOTE_MIB:
                notes.append(
                    f"NOTE {ln.label} {ln.command}: peak {ln.peak_mib:.0f} MiB, over "
                    f"{MEMORY_NOTE_MIB} MiB"
                )
        print()
        print_table(lines)
        print()
        for text in startup:
            print(text)
        for text in sample_lines + extra:
            print(text)
        for fs in sets:
            print(f"injected into {fs.bad.name}: {fs.bad_rows} bad rows {fs.bad_kinds}")
        how = "/usr/bin/time -v" if USE_GNU_TIME else "python wrapper (RUSAGE_CHILDREN)"
        print(f"peak memory via {how}; python {sys.version.split()[0]}; work folder {work}")
        for text in notes:
            print(text)
        for p in problems:
            print(p)
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
