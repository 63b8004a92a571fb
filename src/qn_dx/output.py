"""Writing result files: atomically (a reader never sees half a file) and never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    pass


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and an atomic rename.

    Refuses when ``path`` is one of ``inputs`` (an actuals file or a plan file): a report must
    never replace what it was computed from.
    """
    target = path.resolve()
    for inp in inputs:
        try:
            if inp.resolve() == target or (target.exists() and os.path.samefile(inp, target)):
                raise OutputError(f"{path} is an input of this run; choose another output file")
        except FileNotFoundError:
            continue
    if target.is_dir():
        raise OutputError(f"{path} is a folder; give a file name")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
