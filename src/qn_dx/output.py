"""Writing result files: atomically (a reader never sees half a file), never over an input, and
never into a folder that is read as submissions.

- A regular file (or a name that does not exist yet) is written to a temporary file in the same
  folder, ``.<name>.<random>.qn-dx.tmp``, then renamed over the target. The temporary file is
  removed on every failure path; a run killed mid-write leaves one that ``is_temp_file``
  recognises, so a folder scan can ignore it.
- A character device, FIFO or other special file (``/dev/null``, a pipe) is written to directly:
  replacing it would put a regular file where the device was. So is the file that is this
  process's standard output or error (``--output /dev/stdout``).
- A new file gets the user's umask (mode 0666 & ~umask, like any program's output); a replaced
  file keeps its mode.
- Every I/O failure (read-only folder, full disk, a name too long, a short write) is an
  ``OutputError`` with a one-line message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

TEMP_SUFFIX = ".qn-dx.tmp"
_NAME_MAX = 255  # bytes in one file name on the file systems we meet (ext4, xfs, btrfs, NTFS)


class OutputError(Exception):
    pass


def is_temp_file(name: str) -> bool:
    """True for the name of a temporary file qn-dx writes (``.<target>.<random>.qn-dx.tmp``)."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def temp_name(target_name: str) -> str:
    """``.<target name>.<random>.qn-dx.tmp``, the target name shortened if the whole would be
    longer than a file name may be."""
    import secrets  # only when a file is written: it pulls in random, hmac and base64

    token = secrets.token_hex(4)
    room = _NAME_MAX - len(f"..{token}{TEMP_SUFFIX}")
    raw = os.fsencode(target_name)
    if len(raw) > room:
        raw = raw[:room]
        target_name = os.fsdecode(raw)
    return f".{target_name}.{token}{TEMP_SUFFIX}"


def write_atomic(
    path: Path,
    data: bytes,
    inputs: Iterable[Path] = (),
    read_folders: Iterable[Path] = (),
    input_trees: Iterable[Path] = (),
) -> None:
    """Write ``data`` to ``path``; see the module docstring for how.

    Refuses when ``path`` is one of ``inputs`` (an actuals file, a plan file), an existing file
    below one of ``input_trees`` (the plan folder: all of it is input), or lies inside one of
    ``read_folders`` (a folder read as submissions: the next run would read the output as one).
    Raises ``OutputError`` with a one-line message on any refusal or I/O error.
    """
    shown = str(path)
    _refuse_inputs(path, shown, inputs, read_folders, input_trees)
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise OutputError(f"{shown} is a broken symbolic link; give a file name") from None
        st = None
    except OSError as exc:
        raise OutputError(_why(shown, exc)) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{shown} is a folder; give a file name")
    for fd in (1, 2):  # --output /dev/stdout, or the very file stdout is redirected to
        if st is not None and _is_fd(st, fd):
            _write_fd(fd, data, shown)
            return
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_special(path, data, shown)
        return
    target = Path(os.path.realpath(path))  # through a symlink: replace the file it points to
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"folder {folder} does not exist")
    _replace(target, folder, data, shown, None if st is None else stat.S_IMODE(st.st_mode))


def _refuse_inputs(
    path: Path,
    shown: str,
    inputs: Iterable[Path],
    read_folders: Iterable[Path],
    input_trees: Iterable[Path] = (),
) -> None:
    target = Path(os.path.realpath(path))
    if os.path.lexists(path):
        for tree in input_trees:
            if target.is_relative_to(Path(os.path.realpath(tree))):
                raise OutputError(f"{shown} is an input of this run; choose another output file")
    for inp in inputs:
        try:
            same = Path(os.path.realpath(inp)) == target or (
                target.exists() and os.path.samefile(inp, target)
            )
        except OSError:
            continue
        if same:
            raise OutputError(f"{shown} is an input of this run; choose another output file")
    for folder in read_folders:
        real = Path(os.path.realpath(folder))
        if target != real and target.is_relative_to(real):
            raise OutputError(
                f"{shown} is inside {folder}, a folder read as submissions (the next run would "
                "read it as one); write it elsewhere"
            )


def _is_fd(st: os.stat_result, fd: int) -> bool:
    try:
        return os.path.samestat(st, os.fstat(fd))
    except OSError:
        return False


def _write_all(fd: int, data: bytes, shown: str) -> None:
    view = memoryview(data)
    while view:
        try:
            n = os.write(fd, view)
        except InterruptedError:  # pragma: no cover - retried by Python itself since 3.5
            continue
        except OSError as exc:
            raise OutputError(_why(shown, exc)) from None
        if n <= 0:
            raise OutputError(f"cannot write {shown}: short write ({len(view):,} bytes left)")
        view = view[n:]


def _write_fd(fd: int, data: bytes, shown: str) -> None:
    import sys

    for stream in (sys.stdout, sys.stderr):  # what Python buffered must come first
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    _write_all(fd, data, shown)


def _write_special(path: Path, data: bytes, shown: str) -> None:
    """A device, FIFO or socket: open it as it is (no create, no truncate) and write."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise OutputError(_why(shown, exc)) from None
    try:
        _write_all(fd, data, shown)
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def _replace(target: Path, folder: Path, data: bytes, shown: str, mode: int | None) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    tmp = None
    fd = -1
    try:
        for _attempt in range(5):
            candidate = folder / temp_name(target.name)
            try:
                fd = os.open(candidate, flags, 0o666)  # 0666 & ~umask, like any new file
            except FileExistsError:
                continue
            tmp = candidate
            break
        else:  # pragma: no cover - five random names taken
            raise OutputError(f"cannot write {shown}: no free temporary name in {folder}")
        if mode is not None:  # replacing a file: keep its mode, whatever the umask
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            else:  # pragma: no cover - Windows before Python 3.13
                os.chmod(tmp, mode)
        _write_all(fd, data, shown)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputError(_why(shown, exc)) from None
    finally:  # every failure path, KeyboardInterrupt included, removes the temporary file
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _why(shown: str, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENAMETOOLONG:
        reason += f" ({len(os.fsencode(Path(shown).name)):,} bytes; the limit is {_NAME_MAX})"
    return f"cannot write {shown}: {reason}"
