"""A submissions folder: every kind of file qn-dx reads is read, anything else is named, links
that leave the folder are never followed, and nothing is skipped silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import HEADER, check, write
from qn_dx.plan import Plan
from qn_dx.validate.run import scan_paths

ROW = "EG-16,2023-Q1,21010,5,10,,"


def names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_every_submission_kind_is_read(tmp_path: Path) -> None:
    for name in ("a.csv", "b.tsv", "c.txt", "d.xlsx", "e.xlsm", "f.xlsb", "g.xls", "h.ods"):
        (tmp_path / name).write_bytes(b"x")
    scan = scan_paths([tmp_path])
    assert names(scan.files) == [
        "a.csv",
        "b.tsv",
        "c.txt",
        "d.xlsx",
        "e.xlsm",
        "f.xlsb",
        "g.xls",
        "h.ods",
    ]
    assert scan.findings == []


def test_other_files_are_named_in_a_warning(plan: Plan, tmp_path: Path) -> None:
    write(tmp_path, "a.csv", [ROW])
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    (tmp_path / "bao-cao.docx").write_bytes(b"PK")
    v = check(plan, tmp_path)
    ignored = [
        (Path(f.file or "").name, f.severity) for f in v.findings if f.code == "ignored-file"
    ]
    assert ignored == [("bao-cao.docx", "warning"), ("scan.pdf", "warning")]
    assert len(v.observations) == 1


def test_lock_files_temp_files_hidden_files_and_readmes_are_not_submissions(
    tmp_path: Path,
) -> None:
    write(tmp_path, "a.csv", [ROW])
    for name in ("~$a.xlsx", ".report.json.x1y2.qn-dx.tmp", ".gitkeep", "README.md", "README"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.csv").write_text("x")
    scan = scan_paths([tmp_path])
    assert names(scan.files) == ["a.csv"] and scan.findings == []


def test_a_link_leaving_the_folder_is_not_followed(plan: Plan, tmp_path: Path) -> None:
    inside = tmp_path / "submissions"
    inside.mkdir()
    write(inside, "a.csv", [ROW])
    secret = tmp_path / "secret.csv"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    os.symlink(secret, inside / "passwd.csv")
    os.symlink(tmp_path, inside / "up")
    v = check(plan, inside)
    outside = [Path(f.file or "").name for f in v.findings if f.code == "symlink-outside"]
    assert sorted(outside) == ["passwd.csv", "up"]
    assert all("root:x" not in f.message and "root:x" not in (f.hint or "") for f in v.findings)
    assert names(v.paths) == ["a.csv"]


def test_a_link_inside_the_folder_is_read_once(plan: Plan, tmp_path: Path) -> None:
    write(tmp_path, "a.csv", [ROW])
    os.symlink(tmp_path / "a.csv", tmp_path / "b.csv")
    v = check(plan, tmp_path)
    assert len(v.paths) == 1 and v.findings == []


def test_a_broken_link_is_a_finding(plan: Plan, tmp_path: Path) -> None:
    write(tmp_path, "a.csv", [ROW])
    os.symlink(tmp_path / "gone.csv", tmp_path / "b.csv")
    v = check(plan, tmp_path)
    assert [(f.code, Path(f.file or "").name) for f in v.errors] == [("file-unreadable", "b.csv")]


def test_an_unreadable_folder_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.csv", [ROW])
    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):  # type: ignore[no-untyped-def]
        if onerror is not None:
            onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror, followlinks=followlinks)

    monkeypatch.setattr(os, "walk", walk)
    scan = scan_paths([tmp_path])
    assert [(f.code, Path(f.file or "").name) for f in scan.findings] == [
        ("file-unreadable", "locked")
    ]
    assert names(scan.files) == ["a.csv"]


def test_a_fifo_given_directly_is_refused_not_waited_on(plan: Plan, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    v = check(plan, fifo)
    assert [f.code for f in v.errors] == ["file-unreadable"]


def test_a_text_file_that_is_not_a_table_is_ignored(plan: Plan, tmp_path: Path) -> None:
    write(tmp_path, "a.csv", [ROW])
    (tmp_path / "ghi-chu.txt").write_text("Báo cáo gửi chậm do mất điện.\n", encoding="utf-8")
    v = check(plan, tmp_path)
    assert [(f.code, f.severity) for f in v.findings] == [("ignored-file", "warning")]
    assert v.files == 1


def test_a_csv_renamed_xls_reads_as_text_with_a_warning(plan: Plan, tmp_path: Path) -> None:
    (tmp_path / "a.xls").write_text(f"{HEADER}\n{ROW}\n", encoding="utf-8")
    v = check(plan, tmp_path)
    assert [f.code for f in v.findings] == ["not-a-workbook"]
    assert len(v.observations) == 1


def test_readme_csv_and_hidden_files_are_never_silently_skipped(plan: Plan, tmp_path: Path) -> None:
    write(tmp_path, "README.csv", [ROW])  # a submission, whatever its name
    write(tmp_path, ".old.csv", [ROW])
    (tmp_path / ".hid").mkdir()
    write(tmp_path / ".hid", "b.csv", [ROW])
    v = check(plan, tmp_path)
    assert names(v.paths) == ["README.csv"]
    ignored = sorted(Path(f.file or "").name for f in v.findings if f.code == "ignored-file")
    assert ignored == [".hid", ".old.csv"]


def test_a_link_out_is_named_by_the_link(plan: Plan, tmp_path: Path) -> None:
    inside = tmp_path / "d"
    inside.mkdir()
    (tmp_path / "out.csv").write_text("x")
    os.symlink(tmp_path / "out.csv", inside / "link.csv")
    v = check(plan, inside)
    assert [Path(f.file or "").name for f in v.findings if f.code == "symlink-outside"] == [
        "link.csv"
    ]


def test_files_refused_whole_are_listed_and_said_in_the_report(plan: Plan, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from conftest import invoke

    write(tmp_path, "dup.csv", ["EG-15,2023-Q1,522,3000,4000,1"], header="indicator_id,period,"
          "unit_code,numerator,denominator,numerator")  # fmt: skip
    write(tmp_path, "missing.csv", ["EG-15,2023-Q1,3000,4000"],
          header="indicator_id,period,numerator,denominator")  # fmt: skip
    write(tmp_path, "ok.csv", ["EG-15,2023-Q1,525,10,20"],
          header="indicator_id,period,unit_code,numerator,denominator")  # fmt: skip
    v = check(plan, tmp_path)
    assert [(t.file.rsplit("/", 1)[-1], t.refused) for t in v.tables] == [
        ("dup.csv", "duplicate-column"),
        ("missing.csv", "missing-column"),
        ("ok.csv", None),
    ]
    runner = CliRunner()
    args = ["--actuals", str(tmp_path), "--skip-invalid", "--as-of", "2023-Q1"]
    result = invoke(runner, "report", *args, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert [f["code"] for f in doc["files_left_out"]] == ["duplicate-column", "missing-column"]
    assert "2 file(s) refused whole" in result.stderr
    md = invoke(runner, "report", *args, "--format", "markdown", "--lang", "vi").stdout
    assert "2 tệp bị từ chối toàn bộ" in md
