"""Writing results: atomic, never over an input, never into a folder that is not there."""

from __future__ import annotations

import errno
import os
import re
import stat
import threading
from pathlib import Path

import pytest

from qn_dx.output import TEMP_SUFFIX, OutputError, is_temp_file, temp_name, write_atomic


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


# --- issue 11: special files, modes, temporary files, I/O errors ---------------------------------


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.json", b"{}")
        assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644  # not mkstemp's 0600
        os.umask(0o077)
        write_atomic(tmp_path / "private.json", b"{}")
        assert stat.S_IMODE((tmp_path / "private.json").stat().st_mode) == 0o600
        (tmp_path / "new.json").chmod(0o640)
        write_atomic(tmp_path / "new.json", b"[]")  # replacing keeps 0640 whatever the umask
        assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
        assert (tmp_path / "new.json").read_bytes() == b"[]"
    finally:
        os.umask(old)


def test_temp_names_are_recognisable_and_fit_a_file_name() -> None:
    name = temp_name("report.xlsx")
    assert re.fullmatch(r"\.report\.xlsx\.[0-9a-f]{8}\.qn-dx\.tmp", name)
    assert is_temp_file(name) and name.endswith(TEMP_SUFFIX)
    assert not is_temp_file("report.xlsx") and not is_temp_file(".report.xlsx.tmp")
    long = temp_name("ệ" * 120 + ".csv")  # 364 bytes of name: cut to fit 255
    assert len(os.fsencode(long)) <= 255 and is_temp_file(long)


def test_a_write_through_a_symlink_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    (tmp_path / "link.json").symlink_to(real)
    write_atomic(tmp_path / "link.json", b"new")
    assert (tmp_path / "link.json").is_symlink() and real.read_bytes() == b"new"
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere" / "x")
    with pytest.raises(OutputError, match="broken symbolic link"):
        write_atomic(tmp_path / "dangling", b"x")


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"x" * 200_000)  # more than a pipe holds: the reader drains it
    reader.join(10)
    assert got == [b"x" * 200_000]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_devices_are_written_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:  # as root, replacing /dev/null would break the machine
        raise AssertionError(f"a device would be replaced: {args}")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "rename", refuse)
    write_atomic(Path("/dev/null"), b"x" * 100_000)
    with pytest.raises(OutputError, match=r"^cannot write /dev/full: No space left on device$"):
        write_atomic(Path("/dev/full"), b"x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize(
    ("errno_", "message"),
    [
        (errno.EROFS, "Read-only file system"),
        (errno.ENOSPC, "No space left on device"),
        (errno.EACCES, "Permission denied"),
    ],
)
def test_io_errors_are_one_line_and_leave_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno_: int, message: str
) -> None:
    real_write = os.write

    def failing_write(fd: int, data: object) -> int:
        if fd > 2:
            raise OSError(errno_, os.strerror(errno_))
        return real_write(fd, data)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "write", failing_write)
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "r.csv", b"data")
    assert str(caught.value) == f"cannot write {tmp_path / 'r.csv'}: {message}"
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_short_write_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "write", lambda fd, data: 0)  # a device that takes nothing
    with pytest.raises(OutputError, match="short write"):
        write_atomic(tmp_path / "r.csv", b"data")
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_removes_its_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "r.csv", b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_name_too_long_says_so(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"File name too long \(265 bytes; the limit is 255\)"):
        write_atomic(tmp_path / ("n" * 260 + ".json"), b"{}")
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_written_into_a_folder_read_as_submissions(tmp_path: Path) -> None:
    subs = tmp_path / "submissions"
    (subs / "2023").mkdir(parents=True)
    for target in (subs / "r.json", subs / "2023" / "r.json", tmp_path / "." / "submissions/x"):
        with pytest.raises(OutputError, match="a folder read as submissions"):
            write_atomic(target, b"{}", read_folders=[subs])
    write_atomic(tmp_path / "r.json", b"{}", read_folders=[subs])  # beside it is fine
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "submissions"]


def test_every_existing_file_below_the_plan_folder_is_an_input(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    (plan / "notes").mkdir(parents=True)
    (plan / "notes" / "a.md").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match="is an input of this run"):
        write_atomic(plan / "notes" / "a.md", b"x", input_trees=[plan])
    write_atomic(plan / "summary.md", b"new", input_trees=[plan])  # a new file is fine
    assert (plan / "notes" / "a.md").read_text(encoding="utf-8") == "keep"
