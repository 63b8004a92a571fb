"""`qn-dx validate`: exit codes, the JSON / github / text outputs, and broken files that must give
an error finding rather than a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HEADER, cp1258_bytes, invoke, validate_json, write

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "actuals"

TOP_KEYS = {"ok", "files", "rows", "rows_valid", "rows_invalid", "rows_skipped", "errors"}
TOP_KEYS |= {"warnings", "tables"}
FINDING_KEYS = {"file", "line", "column", "code", "message", "hint"}


def _no_traceback(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


# --- the shipped sample ---------------------------------------------------------------------------


def test_shipped_sample_is_valid(runner: CliRunner) -> None:
    code, data = validate_json(runner, str(SAMPLE))
    assert code == 0
    assert set(data) == TOP_KEYS
    assert data["ok"] is True
    assert data["errors"] == []
    assert data["files"] == 4
    assert data["rows"] > 1000
    assert data["rows"] == data["rows_valid"] + data["rows_invalid"] + data["rows_skipped"]


def test_default_path_is_the_plans_actuals(runner: CliRunner) -> None:
    code, data = validate_json(runner)
    assert code == 0
    assert data["ok"] is True and data["files"] == 4


def test_shipped_sample_text_output(runner: CliRunner) -> None:
    result = invoke(runner, "validate", str(SAMPLE))
    _no_traceback(result)
    assert result.exit_code == 0
    assert "OK" in result.stdout
    assert "0 error(s)" in result.stdout


def test_installed_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "qn-dx"
    assert script.exists(), script
    env = {k: v for k, v in os.environ.items() if k != "QN_DX_DATA"}
    proc = subprocess.run(
        [str(script), "validate", "data/actuals", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["ok"] is True
    assert data["errors"] == []


# --- JSON --------------------------------------------------------------------------------------


def test_json_findings(runner: CliRunner, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.csv",
        [
            "EG-16;Quý I/2023;21010;5;10;;",
            "EG-16;Quý I/2023;99999;5;10;;",
            "EG-16;Quý II/2023;21010;;;;",
        ],
        header="Mã chỉ tiêu;Kỳ báo cáo;Mã đơn vị;Tử số;Mẫu số;Giá trị;Ghi chú",
    )
    code, data = validate_json(runner, str(path))
    assert code == 1
    assert data["ok"] is False
    assert (data["rows"], data["rows_valid"], data["rows_invalid"], data["rows_skipped"]) == (
        3,
        1,
        1,
        1,
    )
    (err,) = data["errors"]
    assert set(err) == FINDING_KEYS
    assert (err["line"], err["column"], err["code"]) == (3, "Mã đơn vị", "unknown-unit")
    assert err["file"].endswith("a.csv")
    assert err["message"]
    (warn,) = data["warnings"]
    assert (warn["line"], warn["column"], warn["code"]) == (4, None, "unfilled-row")


def test_json_file_level_finding_has_null_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(cp1258_bytes(f"{HEADER}\nEG-16,2023-Q1,21010,5,10,,Đạt chỉ tiêu\n"))
    code, data = validate_json(runner, str(path))
    assert code == 0
    (warn,) = data["warnings"]
    assert (warn["code"], warn["line"], warn["column"]) == ("encoding-fallback", None, None)


def test_json_is_utf8_not_escaped(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", ["EG-15,2023-Q1,Thành phố Quảng Ngãi,5,10,,"])
    result = invoke(runner, "validate", str(path), "--format", "json")
    assert "Thành phố Quảng Ngãi" in result.stdout


# --- exit codes ----------------------------------------------------------------------------------


def test_warnings_alone_exit_0_but_1_with_strict(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,", "EG-16,2023-Q1,21010,5,10,,"])
    code, data = validate_json(runner, str(path))
    assert code == 0
    assert data["ok"] is True
    assert [w["code"] for w in data["warnings"]] == ["duplicate-row"]
    code, data = validate_json(runner, str(path), "--strict")
    assert code == 1
    code, _ = validate_json(
        runner, str(write(tmp_path, "b.csv", ["EG-09,2023,51,,,3,"])), "--strict"
    )
    assert code == 0


def test_errors_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", ["EG-99,2023-Q1,21010,5,10,,"])
    for fmt in ("text", "json", "github"):
        result = invoke(runner, "validate", str(path), "--format", fmt)
        _no_traceback(result)
        assert result.exit_code == 1, fmt


def test_nonexistent_path_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "validate", str(tmp_path / "khong-co.csv"))
    _no_traceback(result)
    assert result.exit_code == 2
    assert "khong-co.csv" in result.output


def test_nonexistent_path_among_good_ones_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    good = write(tmp_path, "a.csv", ["EG-09,2023,51,,,3,"])
    result = invoke(runner, "validate", str(good), str(tmp_path / "missing"), "--format", "json")
    assert result.exit_code == 2


def test_bad_format_is_a_usage_error(runner: CliRunner) -> None:
    result = invoke(runner, "validate", str(SAMPLE), "--format", "xml")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("name", "raw", "code"),
    [
        ("empty.csv", b"", "file-empty"),
        ("blank.csv", b"\r\n\r\n", "file-empty"),
        (
            "image.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x08\x06",
            "file-binary",
        ),
        (
            "open-quote.csv",
            HEADER.encode() + b'\nEG-16,2023-Q1,21010,5,10,,"note\n',
            "multiline-field",
        ),
        ("garbage.csv", b"indicator_id\n\x81\x8d\x8f\x90\x9d\n", "file-undecodable"),
        ("fake.xlsx", b"not a workbook at all", "file-unreadable"),
        ("empty.xlsx", b"", "file-empty"),
    ],
)
def test_broken_file_is_an_error_finding(
    runner: CliRunner, tmp_path: Path, name: str, raw: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    result = invoke(runner, "validate", str(path), "--format", "json")
    _no_traceback(result)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [e["code"] for e in data["errors"]] == [code]
    assert data["errors"][0]["file"].endswith(name)
    if code == "multiline-field":  # the record the open quote swallowed: one row, on line 2
        assert (data["rows"], data["rows_invalid"], data["errors"][0]["line"]) == (1, 1, 2)
    else:
        assert data["rows"] == 0


def test_broken_file_does_not_stop_the_others(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a-empty.csv").write_bytes(b"")
    write(tmp_path, "b-good.csv", ["EG-09,2023,51,,,3,"])
    code, data = validate_json(runner, str(tmp_path))
    assert code == 1
    assert data["files"] == 2
    assert data["rows_valid"] == 1
    assert [e["code"] for e in data["errors"]] == ["file-empty"]


def test_folder_without_input_files(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("nothing to see")
    code, data = validate_json(runner, str(tmp_path))
    assert code == 0
    assert [w["code"] for w in data["warnings"]] == ["no-input-files"]
    (tmp_path / "notes.txt").write_text("a .txt is read: this one is no table")
    code, data = validate_json(runner, str(tmp_path))
    assert [w["code"] for w in data["warnings"]] == ["ignored-file"]
    code, _ = validate_json(runner, str(tmp_path), "--strict")
    assert code == 1


def test_missing_column_is_one_file_level_error(runner: CliRunner, tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.csv", ["EG-09,51,3", "EG-09,51,4"], header="indicator_id,unit_code,value"
    )
    code, data = validate_json(runner, str(path))
    assert code == 1
    assert [(e["code"], e["line"]) for e in data["errors"]] == [("missing-column", 1)]


# --- --encoding ----------------------------------------------------------------------------------


def test_forced_encoding(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(cp1258_bytes(f"{HEADER}\nEG-16,2023-Q1,21010,5,10,,Đạt chỉ tiêu\n"))
    code, data = validate_json(runner, str(path), "--encoding", "cp1258")
    assert code == 0
    assert data["warnings"] == [] and data["errors"] == []
    code, data = validate_json(runner, str(path), "--encoding", "utf-8")
    assert code == 1
    assert [e["code"] for e in data["errors"]] == ["file-undecodable"]
    # An encoding Python does not know is a usage error, as a bytes codec is (test_hostile).
    result = invoke(runner, "validate", str(path), "--encoding", "klingon")
    assert result.exit_code == 2
    assert "unknown encoding 'klingon'" in result.output and "cp1258" in result.output


def test_forced_utf16(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(
        f"{HEADER}\nEG-16,2023-Q1,21010,5,10,,ghi chú\n".replace(",", "\t").encode("utf-16")
    )
    code, data = validate_json(runner, str(path), "--encoding", "utf-16")
    assert code == 0
    assert data["rows_valid"] == 1


# --- github and text ------------------------------------------------------------------------------

GITHUB = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),title=([a-z-]+)::(.+)$")


def test_github_annotations(runner: CliRunner, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.csv",
        ["EG-16,2023-Q1,21010,5,10,,", "EG-99,2023-Q1,21010,5,10,,", "EG-16,2023-Q2,21010,,,,"],
    )
    result = invoke(runner, "validate", str(path), "--format", "github")
    _no_traceback(result)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    annotations = [GITHUB.match(line) for line in lines if line.startswith("::")]
    assert all(annotations), lines
    got = [(m.group(1), m.group(3), m.group(4)) for m in annotations if m]
    assert got == [("error", "3", "unknown-indicator"), ("warning", "4", "unfilled-row")]
    first = annotations[0]
    assert first is not None
    assert first.group(2) == str(path)
    assert "EG-99" in first.group(5)
    assert lines[0] == f"::error file={path},line=3,title=unknown-indicator::{first.group(5)}"


def test_github_escapes_newlines_and_percent(runner: CliRunner, tmp_path: Path) -> None:
    # the missing-column hint quotes the header as found, here with a newline and a %
    path = tmp_path / "a.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["indicator_id", "kỳ\nbáo cáo", "50%", "mã đơn vị x"])
    book.active.append(["EG-09", "2023", "51"])
    book.save(path)
    result = invoke(runner, "validate", str(path), "--format", "github")
    assert result.exit_code == 1
    annotations = [x for x in result.stdout.splitlines() if x.startswith("::")]
    assert all(GITHUB.match(x) for x in annotations), annotations
    (line,) = [x for x in annotations if x.startswith("::error")]
    assert "title=missing-column" in line and ",line=1," in line
    assert "%0A" in line and "%25" in line
    assert "\n" not in line


def test_text_output_names_file_line_and_code(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,5,10,,", "EG-16,2023-Q2,21010,11,10,,"])
    result = invoke(runner, "validate", str(path))
    _no_traceback(result)
    assert result.exit_code == 1
    out = result.stdout
    assert "numerator-exceeds-denominator" in out
    assert ":3:" in out
    assert "FAILED" in out
    assert "1 error(s)" in out
