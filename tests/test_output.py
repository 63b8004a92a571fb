"""Writing results: atomic, never over an input, never into a folder that is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from qn_dx.output import OutputError, write_atomic


def test_writes_and_replaces_without_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temp files left


def test_refuses_to_write_over_an_input(tmp_path: Path) -> None:
    source = tmp_path / "so-y-te.csv"
    source.write_bytes(b"indicator_id\n")
    with pytest.raises(OutputError, match="input"):
        write_atomic(tmp_path / "." / "so-y-te.csv", b"oops", inputs=[source])
    assert source.read_bytes() == b"indicator_id\n"


def test_refuses_a_folder_and_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder"):
        write_atomic(tmp_path, b"x")
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "r.html", b"x")


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.csv"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OutputError, match=r"^cannot write .*r\.csv: disk full$"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]  # the temp file is gone
