"""A checked plan, kept between runs: ``$XDG_CACHE_HOME/qn-dx`` (default ``~/.cache/qn-dx``).

Reading a plan folder costs parsing its YAML (or units.csv) and checking it with pydantic: about
0.25 s for the shipped plan and 1.3 s for a national registry of 60,000 units, most of it
importing pydantic and building the models. A plan loaded once is stored here as plain objects
(plan/plain.py) and loaded the next time in a few milliseconds, without pydantic or yaml.

- The key is the content of the plan's files (a hash of their bytes, not their dates), the
  qn-dx version, Python's version and the plan code itself (its modules' sizes and dates): a
  plan edited in place, another qn-dx, or a changed model is a miss, never a stale plan.
- Only a plan that loaded without error is stored, with whether `qn-dx check` found errors in
  it; a refused plan is read from its files every time, so that its findings are said.
- The folder is outside the plan folder, safe to delete, and read only when it and its files
  are the user's own and not writable by others (the entries are pickles). Anything wrong
  with an entry (truncated, corrupt, from another layout) is ignored and the entry rebuilt.
- ``QN_DX_PLAN_CACHE=off`` reads the plan from its files every time and stores nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from .. import __version__
from . import plain
from .load import PLAN_FILE_NAMES, Plan

MAGIC = b"qn-dx plan cache 2\n"
DIGEST = 32  # bytes of blake2b over the pickle, after MAGIC
KEEP = 16  # entries kept; the oldest are removed when there are more
ENV_OFF = "QN_DX_PLAN_CACHE"
CODE = ("load.py", "models.py", "plain.py", "cache.py", "check.py", "registry.py", "yamlsafe.py")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "qn-dx"


def enabled() -> bool:
    return os.environ.get(ENV_OFF, "").strip().lower() not in ("off", "0", "no", "false")


def _code_stamp() -> bytes:
    here = Path(__file__).parent
    parts = []
    for name in CODE:
        try:
            st = (here / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:-")
    return "|".join(parts).encode()


def key_of(folder: Path) -> str | None:
    """The key of a plan folder's current content; None when a file cannot be read (the
    plan is then read from its files, which says what is wrong)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(MAGIC)
    h.update(f"{__version__}|{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode())
    h.update(_code_stamp())
    for name in PLAN_FILE_NAMES:
        path = folder / name
        h.update(b"\x00" + name.encode() + b"\x00")
        try:
            if not path.is_file():
                h.update(b"-" if not path.exists() and not path.is_symlink() else b"?special")
                continue
            data = path.read_bytes()
        except OSError:
            return None
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _trusted(path: Path) -> bool:
    """Ours alone: owned by this user, writable by no one else (POSIX)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        st = path.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def load(folder: Path) -> tuple[Plan, bool] | None:
    """(plan, checked clean) from the cache, or None."""
    if not enabled():
        return None
    key = key_of(folder)
    if key is None:
        return None
    root = cache_dir()
    path = root / f"{key}.plan"
    if not path.is_file() or not _trusted(root) or not _trusted(path):
        return None
    try:
        data = path.read_bytes()
        if not data.startswith(MAGIC):
            return None
        # a digest of the pickle, checked before it is loaded: a damaged entry that would still
        # unpickle (one changed letter in a title) is a miss, never a plan
        digest, body = data[len(MAGIC) : len(MAGIC) + DIGEST], data[len(MAGIC) + DIGEST :]
        if hashlib.blake2b(body, digest_size=DIGEST).digest() != digest:
            return None
        payload = pickle.loads(body)
        plan = payload["plan"]
        checked = payload["checked"]
        if not isinstance(plan, Plan) or not isinstance(checked, bool):
            return None
    except Exception:  # a corrupt entry is a miss; it is written again after the load
        return None
    plan.folder = folder
    return plan, checked


def store(folder: Path, plan: Plan, checked: bool) -> None:
    """Keep ``plan`` (read from ``folder`` just now) for the next run. Never fails a run."""
    if not enabled():
        return
    try:
        key = key_of(folder)
        if key is None:
            return
        kept = to_plain(plan)
        if kept is None:
            return
        root = cache_dir()
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _trusted(root):
            return
        body = pickle.dumps({"plan": kept, "checked": checked}, pickle.HIGHEST_PROTOCOL)
        data = MAGIC + hashlib.blake2b(body, digest_size=DIGEST).digest() + body
        tmp = root / f".{key}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, root / f"{key}.plan")
        _prune(root)
    except Exception:  # a read-only home, a full disk: the next run reads the files again
        return


def _prune(root: Path) -> None:
    entries = sorted(root.glob("*.plan"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


class _Unknown(Exception):
    pass


def to_plain(plan: Plan) -> Plan | None:
    """The same plan made of plain objects (plan/plain.py); None if some object has no plain
    counterpart (then the plan is not cached)."""
    fields = (
        "info",
        "levels",
        "areas",
        "budget",
        "targets",
        "task_groups",
        "tasks",
        "units",
        "agencies",
        "groups",
    )
    memo: dict[int, Any] = {}
    try:
        values = {name: _plain(getattr(plan, name), memo) for name in fields}
    except _Unknown:
        return None
    kept = Plan(folder=Path("."), lines=plan.lines, **values)
    for name in INDEXES:  # worked out now, loaded ready (60,000 units: 0.1 s saved a run)
        getattr(kept, name)
    return kept


# The plan's indexes (cached properties) stored with it
INDEXES = (
    "target_by_id",
    "task_by_id",
    "unit_by_code",
    "reporting_units",
    "level_by_id",
    "changing_units",
    "predecessors",
)


def _plain(value: Any, memo: dict[int, Any]) -> Any:
    if isinstance(value, str):  # codes, levels and types repeat: stored once
        return sys.intern(value) if len(value) <= 24 else value
    if value is None or isinstance(value, int | float | bool):
        return value
    if isinstance(value, list):
        return [_plain(v, memo) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v, memo) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v, memo) for k, v in value.items()}
    fields = getattr(type(value), "model_fields", None)
    if fields is None:
        import datetime as dt

        if isinstance(value, dt.date | plain.ReportingUnit):
            return value
        raise _Unknown(type(value).__name__)
    hit = memo.get(id(value))
    if hit is not None:
        return hit
    cls = getattr(plain, type(value).__name__, None)
    if not (isinstance(cls, type) and issubclass(cls, plain.Record)):
        raise _Unknown(type(value).__name__)
    made = cls(**{name: _plain(getattr(value, name), memo) for name in fields})
    memo[id(value)] = made
    return made
