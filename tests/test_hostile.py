"""The hostile-input corpus (tests/hostile/, issue 11): every case through the real CLI.

Each folder under tests/hostile/ is one case, described by its case.yaml (the format is in
tests/hostile/README.md). Every run of every case goes through Typer's CliRunner, and the runs
marked ``subprocess`` also through the installed ``qn-dx`` in a child process. Whatever a case
expects in particular, every run must also satisfy all of these:

- the exit code is 0, 1 or 2, and one the case allows;
- no traceback, panic or "Exception ignored" text on stdout or stderr, and no raw ESC;
- stdout of a JSON run, and every .json file written, is strict JSON (no NaN, no Infinity); a
  validation's rows add up (rows = valid + invalid + skipped);
- every line of ``--format github`` output is one of our annotations, or the summary line, and
  no other output has a line starting "::" (GitHub would read it as a workflow command);
- no workbook written has a formula, or a text cell that starts with =, +, -, @, tab, CR or LF;
  its sheet names are valid Excel sheet names;
- no CSV written (file or stdout) has such a cell either;
- no Markdown or HTML written has a live javascript: link, or raw <script>;
- every input is unchanged, byte for byte: the plan copy, the case's files, the shipped data/;
- no temporary file (``output.is_temp_file``) is left anywhere.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from qn_dx.cli import app
from qn_dx.findings import CATALOGUE
from qn_dx.output import is_temp_file

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
HOSTILE = Path(__file__).resolve().parent / "hostile"
QN_DX = Path(sys.executable).parent / "qn-dx"  # the installed console script
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
CRASH_TEXT = ("Traceback", "panicked", "Exception ignored", "RUST_BACKTRACE", "core dumped")
GITHUB_LINE = re.compile(
    r"::(error|warning) (file=[^,:\n]*,)?(line=\d+,)?title=(?P<code>[a-z0-9-]+)::[^\n]*"
)
SUMMARY_LINE = re.compile(r"\d+ rows in \d+ file\(s\): .*")
MACRO = re.compile(r"<<(.+?) x (\d+)>>", re.S)


# --- the case format ------------------------------------------------------------------------------


def expand(text: str) -> str:
    """``<<9 x 5000>>`` → 5,000 nines: big values without big files."""
    return MACRO.sub(lambda m: m.group(1) * int(m.group(2)), text)


def load_cases() -> list[Any]:
    params = []
    for folder in sorted(HOSTILE.iterdir()):
        spec_file = folder / "case.yaml"
        if not spec_file.is_file():
            continue
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        assert spec.get("about") and spec.get("runs"), f"{folder.name}: about and runs required"
        for i, run in enumerate(spec["runs"]):
            modes = [] if run.get("only_subprocess") else ["cli"]
            if run.get("subprocess") or run.get("only_subprocess"):
                modes.append("process")
            marks = []
            if run.get("xfail"):  # strict: when the defect is fixed, remove the mark
                marks.append(pytest.mark.xfail(reason=run["xfail"], strict=True))
            for mode in modes:
                params.append(
                    pytest.param(folder, i, mode, id=f"{folder.name}-{i}-{mode}", marks=marks)
                )
    return params


@dataclass
class Places:
    tmp: Path
    plan: Path
    case: Path
    out: Path
    subst: dict[str, str] = field(default_factory=dict)

    def fill(self, text: str) -> str:
        for key, value in self.subst.items():
            text = text.replace(key, value)
        return expand(text)

    def path(self, text: str) -> Path:
        return Path(self.fill(text))


def make_entry(base: Path, entry: dict[str, Any], case_dir: Path) -> None:
    """One special file made at test time (FIFOs, symlinks, sparse files cannot be committed)."""
    if "path_hex" in entry:  # a name that is not UTF-8 (or not printable) can't be YAML text
        path = base / os.fsdecode(bytes.fromhex(entry["path_hex"]))
    else:
        path = base / entry["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if entry.get("remove"):
        path.unlink()
    elif entry.get("fifo"):
        path.unlink(missing_ok=True)
        os.mkfifo(path)
    elif "symlink" in entry:
        path.unlink(missing_ok=True)
        path.symlink_to(entry["symlink"])
    elif "sparse" in entry:
        path.unlink(missing_ok=True)
        with path.open("wb") as fh:
            fh.truncate(int(entry["sparse"]))
    elif "copy" in entry:
        shutil.copyfile(case_dir / entry["copy"], path)
    elif "text" in entry:
        path.write_bytes(expand(entry["text"]).encode(entry.get("encoding", "utf-8")))
    else:  # pragma: no cover - a typo in a case file
        raise AssertionError(f"unknown make entry {entry}")


def prepare(case_dir: Path, spec: dict[str, Any], tmp: Path) -> Places:
    places = Places(tmp, tmp / "plan", tmp / "case", tmp / "out")
    places.out.mkdir()
    places.case.mkdir()
    places.subst = {
        "{plan}": str(places.plan),
        "{case}": str(places.case),
        "{out}": str(places.out),
        "{data}": str(DATA),
    }
    plan_spec = spec.get("plan")
    if plan_spec is not None:
        places.plan.mkdir()
        for f in DATA.glob("*.yaml"):
            shutil.copy(f, places.plan / f.name)
        if plan_spec.get("actuals"):
            shutil.copytree(DATA / "actuals", places.plan / "actuals")
        for edit in plan_spec.get("edit", []):
            target = places.plan / edit["file"]
            text = target.read_text(encoding="utf-8")
            find = edit["find"]
            if "value" in edit:  # group 1, then the value as a JSON string (YAML reads it as is)
                quoted = json.dumps(expand(edit["value"]), ensure_ascii=False)
                repl: Any = lambda m, q=quoted: m.group(1) + q  # noqa: E731
                find += ".*"  # the rest of the line is the old value
            else:
                repl = expand(edit["replace"])
            new, n = re.subn(find, repl, text, count=1, flags=re.M)
            assert n == 1, f"{case_dir.name}: edit {edit['find']!r} matched nothing"
            target.write_text(new, encoding="utf-8")
        for entry in plan_spec.get("make", []):
            make_entry(places.plan, entry, case_dir)
    if (case_dir / "files").is_dir():
        shutil.copytree(case_dir / "files", places.case, dirs_exist_ok=True)
    for entry in spec.get("make", []):
        make_entry(places.case, entry, case_dir)
    return places


# --- what every run must satisfy ------------------------------------------------------------------


def snapshot(*roots: Path) -> dict[str, str]:
    """sha256 of every regular file below ``roots`` (FIFOs and devices are not opened; a file
    over 64 MB, a sparse giant, by size and mtime)."""
    found = {}
    for root in roots:
        if not root.exists():
            continue
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder) / name
                st = path.lstat()
                if stat.S_ISREG(st.st_mode) and st.st_size > 64 * 1024 * 1024:  # sparse giants
                    found[str(path)] = f"size {st.st_size} mtime {st.st_mtime_ns}"
                elif stat.S_ISREG(st.st_mode):
                    found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
                elif stat.S_ISLNK(st.st_mode):
                    found[str(path)] = "-> " + os.readlink(path)
                else:
                    found[str(path)] = f"special {stat.S_IFMT(st.st_mode)}"
    return found


def _raise_constant(name: str) -> Any:
    raise ValueError(f"not strict JSON: {name}")


def strict_json(text: str, where: str) -> Any:
    try:
        doc = json.loads(text, parse_constant=_raise_constant)
    except ValueError as exc:
        raise AssertionError(f"{where}: not strict JSON: {exc}") from None
    if isinstance(doc, dict) and {"rows", "rows_valid", "rows_invalid", "rows_skipped"} <= set(doc):
        assert doc["rows"] == doc["rows_valid"] + doc["rows_invalid"] + doc["rows_skipped"], where
    return doc


def check_github(text: str) -> None:
    lines = text.splitlines()
    assert lines, "github output is empty"
    for line in lines[:-1]:
        m = GITHUB_LINE.fullmatch(line)
        assert m, f"not one of our annotations: {line!r}"
        assert m.group("code") in CATALOGUE, line
    assert SUMMARY_LINE.fullmatch(lines[-1]), f"last line is not the summary: {lines[-1]!r}"


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def check_csv_text(text: str, where: str) -> None:
    """Text cells never start a formula; numbers (-2.0) stay numbers."""
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))):
        for cell in row:
            if cell.startswith(FORMULA_START) and not is_number(cell):
                raise AssertionError(f"{where}: live formula cell {cell!r}")


def check_html(text: str, where: str) -> None:
    """No element from the data: no script, frame, image or link; no javascript: attribute."""
    assert not re.search(r"<\s*(script|iframe|img|a\s)", text, re.I), f"{where}: raw HTML"
    assert not re.search(r"(href|src)\s*=\s*['\"]?\s*javascript:", text, re.I), where


def check_markdown(text: str, where: str) -> None:
    """As HTML, and no live Markdown link, image or autolink to a script URL."""
    check_html(text, where)
    live_link = re.search(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\(\s*(javascript|vbscript|data):", text, re.I)
    assert not live_link, f"{where}: live link {live_link.group()!r}"
    assert not re.search(r"<(javascript|vbscript|data):", text, re.I), f"{where}: autolink"


def check_xlsx(path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    seen: set[str] = set()
    for sheet in book.worksheets:
        title = sheet.title
        assert 0 < len(title.encode("utf-16-le")) // 2 <= 31, f"{path.name}: sheet {title!r}"
        assert not re.search(r"[\[\]:*?/\\]", title), f"{path.name}: sheet {title!r}"
        assert not title.startswith("'") and not title.endswith("'"), title
        assert title.casefold() not in seen, f"{path.name}: duplicate sheet {title!r}"
        seen.add(title.casefold())
        for row in sheet.iter_rows():
            for cell in row:
                where = f"{path.name}!{title}!{cell.coordinate}"
                assert cell.data_type != "f", f"{where}: a formula {cell.value!r}"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_START), f"{where}: {cell.value!r}"


def check_written(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".json":
        strict_json(path.read_text(encoding="utf-8"), path.name)
    elif suffix == ".xlsx":
        check_xlsx(path)
    elif suffix == ".csv":
        check_csv_text(path.read_text(encoding="utf-8"), path.name)
    elif suffix in (".md", ".markdown"):
        check_markdown(path.read_text(encoding="utf-8"), path.name)
    elif suffix in (".html", ".htm"):
        check_html(path.read_text(encoding="utf-8"), path.name)


def fmt_of(args: list[str]) -> str | None:
    for flag in ("--format", "-f"):
        if flag in args and args.index(flag) + 1 < len(args):
            return args[args.index(flag) + 1]
    return None


# --- running --------------------------------------------------------------------------------------


@dataclass
class Outcome:
    code: int
    stdout: bytes
    stderr: str


def run_cli(
    args: list[str], run: dict[str, Any], monkeypatch: pytest.MonkeyPatch, cwd: Path | None
) -> Outcome:
    if run.get("guard_devices"):  # writing to a device must never replace it (we may be root)

        def refuse(src: Any, dst: Any, *a: Any, **k: Any) -> None:
            raise AssertionError(f"a device or special file would be replaced: {src} -> {dst}")

        monkeypatch.setattr(os, "replace", refuse)
        monkeypatch.setattr(os, "rename", refuse)
    env = {"NO_COLOR": "1", **(run.get("env") or {})}
    if cwd is not None:
        monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, args, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped the CLI: {result.exception!r}")
    return Outcome(result.exit_code, result.stdout_bytes, result.stderr)


def run_process(args: list[str], run: dict[str, Any], cwd: Path | None) -> Outcome:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "FORCE_COLOR")}
    env.pop("PYTHONIOENCODING", None)
    env.update({"NO_COLOR": "1", **(run.get("env") or {})})
    stdout: Any = subprocess.PIPE
    preexec = None
    sink = None
    if run.get("stdout_to") == "closed":
        stdout = subprocess.DEVNULL
        preexec = lambda: os.close(1)  # noqa: E731 - the child starts with no stdout at all
    elif run.get("stdout_to"):
        sink = open(run["stdout_to"], "wb")  # noqa: SIM115 - closed below
        stdout = sink
    try:
        proc = subprocess.run(
            [str(QN_DX), *args],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=env,
            cwd=cwd,
            timeout=120,  # a FIFO that blocks would hang here: fail instead
            preexec_fn=preexec,
        )
    finally:
        if sink is not None:
            sink.close()
    return Outcome(proc.returncode, proc.stdout or b"", proc.stderr.decode("utf-8", "replace"))


class FifoReader(threading.Thread):
    """Reads a FIFO that a run writes its --output to."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        os.mkfifo(path)
        self.path = path
        self.data = b""

    def run(self) -> None:
        with self.path.open("rb") as fh:
            self.data = fh.read()


@pytest.mark.parametrize(("case_dir", "index", "mode"), load_cases())
def test_hostile_case(
    case_dir: Path, index: int, mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    run = spec["runs"][index]
    if run.get("needs_device") and not Path(run["needs_device"]).exists():
        pytest.skip(f"{run['needs_device']} is not available here")
    if run.get("guard_devices") and mode == "process":  # pragma: no cover - a case-file mistake
        raise AssertionError("guard_devices runs are in-process only (os.replace is patched)")
    places = prepare(case_dir, spec, tmp_path)
    args = [places.fill(a) for a in run["args"]]
    devices = {d: os.stat(d) for d in run.get("devices_unchanged", [])}
    before = snapshot(places.plan, places.case, DATA)
    reader = FifoReader(places.path(run["read_fifo"])) if run.get("read_fifo") else None
    if reader:
        reader.start()
        before = snapshot(places.plan, places.case, DATA)
    cwd = places.path(run["cwd"]) if run.get("cwd") else None
    if mode == "process":
        outcome = run_process(args, run, cwd)
    else:
        outcome = run_cli(args, run, monkeypatch, cwd)
    if reader:
        reader.join(timeout=30)
        assert not reader.is_alive(), "nothing was written to the FIFO"
        assert len(reader.data) >= run.get("fifo_bytes_min", 1)
    # NFC: a cp1258 stdout carries "ỉ" as "i" + a combining hook, as Excel writes it.
    stdout = unicodedata.normalize(
        "NFC", outcome.stdout.decode(run.get("stdout_encoding", "utf-8"))
    )
    stderr = outcome.stderr
    shown = f"exit {outcome.code}\n--- stdout\n{stdout[:3000]}\n--- stderr\n{stderr[:3000]}"

    # Every run: a documented exit code, no crash text, no raw ESC.
    assert outcome.code in (0, 1, 2), shown
    assert outcome.code in run.get("exit", [0]), shown
    for text in (stdout, stderr):
        for crash in CRASH_TEXT:
            assert crash not in text, shown
        assert "\x1b" not in text, shown
    # GitHub reads any log line starting with "::" as a workflow command: only ours may.
    if fmt_of(args) != "github":
        forged = [line for line in (stdout + stderr).splitlines() if line.startswith("::")]
        assert forged == [], shown
    # What the case expects in particular.
    for part in run.get("stdout", []):
        assert places.fill(part) in stdout, f"{part!r} not on stdout\n{shown}"
    for part in run.get("stderr", []):
        assert places.fill(part) in stderr, f"{part!r} not on stderr\n{shown}"
    for part in run.get("stdout_not", []):
        assert places.fill(part) not in stdout, f"{part!r} on stdout\n{shown}"
    for part in run.get("stderr_not", []):
        assert places.fill(part) not in stderr, f"{part!r} on stderr\n{shown}"
    if "stderr_lines" in run:
        assert len(stderr.splitlines()) == run["stderr_lines"], shown
    # Output formats on stdout.
    fmt = fmt_of(args) if stdout.strip() else None  # a refusal or usage error prints nothing
    if fmt == "json" or (run.get("json") and stdout.strip()):
        strict_json(stdout, "stdout")
    elif fmt == "github":
        check_github(stdout)
    elif fmt == "csv":
        check_csv_text(stdout, "stdout")
    elif fmt == "html":
        check_html(stdout, "stdout")
    elif fmt == "markdown" or "summary" in args:
        check_markdown(stdout, "stdout")
    # Files written, files that must not be, and every input unchanged.
    for name in run.get("outputs", []):
        assert places.path(name).exists(), f"{name} was not written\n{shown}"
    for name in run.get("absent", []):
        assert not places.path(name).exists(), f"{name} was written\n{shown}"
    for folder, _dirs, files in os.walk(places.out):
        for name in files:
            path = Path(folder) / name
            if stat.S_ISREG(path.lstat().st_mode):
                check_written(path)
    if run.get("xlsx_cells"):  # exact values that must be in the workbooks written
        from openpyxl import load_workbook

        values = {
            cell.value
            for book in places.out.glob("*.xlsx")
            for sheet in load_workbook(book).worksheets
            for row in sheet.iter_rows()
            for cell in row
        }
        for value in run["xlsx_cells"]:
            assert places.fill(value) in values, f"{value!r} is in no workbook cell"
    after = snapshot(places.plan, places.case, DATA)
    for name in run.get("outputs", []):  # a new file beside the plan is allowed where expected
        after.pop(str(places.path(name)), None)
    assert after == before, f"an input changed\n{shown}"
    leftovers = [p for p in tmp_path.rglob("*") if is_temp_file(p.name)]
    assert leftovers == [], leftovers
    for device, st in devices.items():
        now = os.stat(device)
        assert stat.S_IFMT(now.st_mode) == stat.S_IFMT(st.st_mode), f"{device} was replaced"
        assert now.st_rdev == st.st_rdev, f"{device} was replaced"


def test_the_corpus_covers_every_class() -> None:
    """One case at least per defect class of issue 11 that this corpus owns."""
    classes = {
        yaml.safe_load((f / "case.yaml").read_text(encoding="utf-8"))["class"]
        for f in HOSTILE.iterdir()
        if (f / "case.yaml").is_file()
    }
    assert classes >= {"plan-files", "encoding", "outputs", "stdout", "injection", "non-finite"}


def test_the_runner_catches_what_it_should(tmp_path: Path) -> None:
    """The checks are not vacuous: each one fails on the thing it looks for."""
    with pytest.raises(AssertionError):
        strict_json('{"a": NaN}', "x")
    with pytest.raises(AssertionError):
        strict_json('{"rows": 3, "rows_valid": 1, "rows_invalid": 1, "rows_skipped": 0}', "x")
    with pytest.raises(AssertionError):
        check_github(
            "::error file=a.csv,title=bad-csv::x\n::error::forged\n1 rows in 1 file(s): x\n"
        )
    with pytest.raises(AssertionError):
        check_csv_text("a,b\r\n=cmd|' /C calc'!A0,1\r\n", "x")
    with pytest.raises(AssertionError):
        check_markdown("| [x](javascript:alert(1)) |", "x")
    with pytest.raises(AssertionError):
        check_markdown("| <javascript:alert(1)> |", "x")
    with pytest.raises(AssertionError):
        check_html("<p><script>alert(1)</script></p>", "x")
    check_markdown("| \\[x\\](javascript:alert(1)) | &lt;script&gt; |", "x")  # escaped: fine
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["=1+1"])  # openpyxl makes this a formula
    book.save(tmp_path / "f.xlsx")
    with pytest.raises(AssertionError, match="formula"):
        check_xlsx(tmp_path / "f.xlsx")
    assert expand("a<<9 x 3>>b") == "a999b"
