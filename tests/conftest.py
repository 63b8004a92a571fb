"""Shared fixtures (the shipped plan, a disposable copy of it, a CLI runner) and the helpers every
test module uses: writing small submission files, running the CLI, and picking findings by code
and line. Test modules import the helpers from here (``from conftest import invoke, write``)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qn_dx.cli import app
from qn_dx.findings import Finding
from qn_dx.plan import Plan, load_plan
from qn_dx.validate import Validation, validate_paths

REPO = Path(__file__).resolve().parent.parent

# The plan cache (plan/cache.py) of this test run: never the user's ~/.cache, and the same for the
# subprocesses the tests start.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="qn-dx-test-cache-")
DATA = REPO / "data"


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan(DATA)


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped plan folder (YAML files only) to break in tests."""
    dest = tmp_path / "plan"
    dest.mkdir()
    for f in DATA.glob("*.yaml"):
        shutil.copy(f, dest / f.name)
    return dest


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- helpers (imported by test modules) -------------------------------------------------------


HEADER = "indicator_id,period,unit_code,numerator,denominator,value,note"
HEADER_VI = "Mã chỉ tiêu;Kỳ báo cáo;Mã đơn vị;Tử số;Mẫu số;Giá trị;Ghi chú"
TASK_HEADER = "task_id,period,status,progress,note"

# Real units of data/units.yaml
PROVINCE = "51"
DISTRICT = "522"  # Thành phố Quảng Ngãi
PHUONG = "21010"  # Phường Lê Hồng Phong
XA = "21034"  # Xã Nghĩa Dũng
THI_TRAN = "21040"  # Thị trấn Châu Ổ
DEPARTMENT = "STTTT"  # Sở Thông tin và Truyền thông

# cp1258 has precomposed base letters (ê, ơ, ư, ă, đ …) but only five combining tone marks;
# Vietnamese Windows writes "ệ" as "ê" + U+0323. These are those marks.
_CP1258_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """Encode Vietnamese text the way Excel on Vietnamese Windows saves "CSV": cp1258, with tone
    marks as separate combining characters where no precomposed letter exists."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _CP1258_TONES))
        out.append(base + "".join(c for c in parts if c in _CP1258_TONES))
    return "".join(out).encode("cp1258")


def write(
    folder: Path,
    name: str,
    rows: Iterable[str] = (),
    header: str | None = HEADER,
    encoding: str = "utf-8",
) -> Path:
    """Write ``header`` and ``rows`` (already delimited) as one file; line 1 is the header, so
    ``rows[i]`` is on line ``i + 2``."""
    lines = ([header] if header is not None else []) + list(rows)
    text = "\n".join(lines) + "\n"
    path = folder / name
    path.write_bytes(cp1258_bytes(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def check(plan: Plan, *paths: Path, encoding: str | None = None) -> Validation:
    result = validate_paths(plan, list(paths), encoding)
    assert_counts(result)
    return result


def assert_counts(v: Validation) -> None:
    assert v.rows == v.rows_valid + v.rows_invalid + v.rows_skipped, v.to_dict()


def codes(v: Validation) -> list[tuple[str, int | None]]:
    """(code, line) of every finding, in report order."""
    return [(f.code, f.line) for f in v.findings]


def only(v: Validation, code: str) -> Finding:
    """The one finding with ``code`` (fails when there are none or several)."""
    found = [f for f in v.findings if f.code == code]
    assert len(found) == 1, f"{code}: {[f.to_text() for f in v.findings]}"
    return found[0]


def at(v: Validation, code: str, line: int) -> Finding:
    found = [f for f in v.findings if f.code == code and f.line == line]
    assert len(found) == 1, f"{code} at line {line}: {[f.to_text() for f in v.findings]}"
    return found[0]


def invoke(runner: CliRunner, *args: str) -> Any:
    """Run the CLI on the shipped plan (whatever QN_DX_DATA says in the environment)."""
    return runner.invoke(app, list(args), env={"QN_DX_DATA": None})


def validate_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    result = invoke(runner, "validate", *args, "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)
