"""Safe YAML loading that remembers where each value came from.

Plain ``yaml.safe_load`` forgets line numbers, and a user who broke ``targets.yaml`` needs to be
told ``data/targets.yaml:42``. We compose the node tree (safe loader: no Python tags), record the
line of every mapping key and sequence item by its path, then construct plain data. Aliases are
refused outright: the plan needs none, and it closes the "billion laughs" door.

Every plan file is checked before it is read: it must be a regular file (a FIFO would block, a
symlink to ``/dev/zero`` never ends) no larger than the limit, and at most limit + 1 bytes are
read. A key given twice in one mapping is an error naming both lines (YAML would let the last one
win silently), and a value YAML cannot construct (``2022-13-45``, a 5,000-digit integer) is a
located ``plan-schema`` finding.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from ..findings import Finding, FindingsError, msg

MAX_YAML_BYTES = 5 * 1024 * 1024  # the whole 2023 plan is ~150 KB
MAX_INT_DIGITS = 64  # no figure of a plan needs more; Python refuses > 4,300 anyway

PathKey = tuple[str | int, ...]

# The plain YAML core types the plan files use. "!!python/object…" also expands to
# "tag:yaml.org,2002:…", so a prefix test is not enough; !!binary, !!set, !!omap are refused too.
_SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")
)

try:  # the C loader is ~5x faster where libyaml is present
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader


class _ValueProblem(Exception):
    """A scalar YAML accepts but cannot turn into a value (month 13, an endless integer)."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message  # words (a Msg): str(exc) would keep only the English
        self.line = line


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader, with value errors located and duplicate keys collected, not overwritten."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.duplicates: list[tuple[Any, int, int]] = []  # (key, first line, repeated line)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):  # some key came twice: find each repeat and its first
            first: dict[Any, int] = {}
            for key_node, _value in node.value:
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if key in first:
                    self.duplicates.append((key, first[key], line))
                else:
                    first[key] = line
        return mapping


def _int(loader: _Loader, node: yaml.ScalarNode) -> int:
    digits = sum(ch.isalnum() for ch in str(node.value))  # 0x…, 0o…, 0b… count too
    if digits > MAX_INT_DIGITS:
        raise _ValueProblem(
            msg("finding.plan-schema.long-integer", digits=f"{digits:,}"),
            node.start_mark.line + 1,
        )
    try:
        value: int = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
        return value
    except ValueError as exc:
        raise _ValueProblem(
            msg("finding.plan-schema.integer", error=str(exc)), node.start_mark.line + 1
        ) from None


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise _ValueProblem(
            msg("finding.plan-schema.date", value=repr(node.value), error=str(exc)),
            node.start_mark.line + 1,
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "character-device"),
    (stat.S_ISBLK, "block-device"),
    (stat.S_ISSOCK, "socket"),
)


def read_plan_bytes(path: Path, label: str, limit: int) -> bytes:
    """The bytes of one plan file, checked first: it exists, is a regular file (not a FIFO,
    device or folder, even behind a symlink) and is no larger than ``limit``. Reads at most
    ``limit`` + 1 bytes, so a file that lies about its size cannot exhaust memory."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: opening a FIFO must not wait for a writer
    except FileNotFoundError:
        raise FindingsError(
            [Finding("plan-file-missing", msg("finding.plan-file-missing", file=label), file=label)]
        ) from None
    except OSError as exc:
        raise FindingsError(
            [_unreadable(label, msg("finding.plan-file-unreadable.open", why=exc.strerror))]
        ) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), None)
            message = (
                msg("finding.plan-file-unreadable.kind", file=label, kind=msg(f"words.kind.{kind}"))
                if kind
                else msg("finding.plan-file-unreadable.not-regular", file=label)
            )
            raise FindingsError([_unreadable(label, message)])
        if st.st_size > limit:
            raise FindingsError([_too_large(label, st.st_size, limit)])
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FindingsError([_too_large(label, size, limit, at_least=True)])
        return b"".join(chunks)
    except OSError as exc:
        raise FindingsError([_unreadable(label, f"cannot read it: {exc.strerror}")]) from None
    finally:
        os.close(fd)


def _unreadable(label: str, message: str) -> Finding:
    return Finding(
        "plan-file-unreadable",
        message,
        file=label,
        hint=msg("finding.plan-file-unreadable.hint"),
    )


def _too_large(label: str, size: int, limit: int, at_least: bool = False) -> Finding:
    return Finding(
        "plan-file-too-large",
        msg(
            "finding.plan-file-too-large.more" if at_least else "finding.plan-file-too-large",
            file=label,
            size=f"{size - (1 if at_least else 0):,}",
            limit=f"{limit:,}",
        ),
        file=label,
    )


def load_yaml(path: Path, label: str) -> tuple[Any, dict[PathKey, int]]:
    """Load one YAML file; return its data and a map path → 1-based line."""
    raw = read_plan_bytes(path, label, MAX_YAML_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FindingsError(
            [
                Finding(
                    "yaml-syntax",
                    msg("finding.yaml-syntax.utf8", reason=exc.reason),
                    file=label,
                    hint=msg("finding.yaml-syntax.utf8.hint"),
                )
            ]
        ) from None
    loader = _Loader(text)
    try:
        _refuse_aliases(text, label)
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[PathKey, int] = {}
        _walk(node, lines, label)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise FindingsError(
            [
                Finding(
                    "yaml-syntax", msg("finding.yaml-syntax", detail=detail), file=label, line=line
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise FindingsError(
            [Finding("yaml-syntax", msg("finding.yaml-syntax", detail=str(exc)), file=label)]
        ) from None
    except _ValueProblem as exc:
        raise FindingsError(
            [Finding("plan-schema", exc.message, file=label, line=exc.line)]
        ) from None
    except (ValueError, OverflowError, TypeError, RecursionError) as exc:  # pragma: no cover
        # Belt and braces: any other value YAML cannot build is still a finding, not a crash.
        raise FindingsError(
            [Finding("plan-schema", msg("finding.plan-schema.value", error=str(exc)), file=label)]
        ) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise FindingsError(
            [
                Finding(
                    "yaml-duplicate-key",
                    msg("finding.yaml-duplicate-key", key=repr(key), first=first, again=again),
                    file=label,
                    line=again,
                    hint=msg("finding.yaml-duplicate-key.hint"),
                )
                for key, first, again in sorted(loader.duplicates, key=lambda d: (d[2], d[1]))
            ]
        )
    return data, lines


def _walk(root: yaml.Node, lines: dict[PathKey, int], label: str) -> None:
    """Record the line of every node by its path and refuse unsafe tags (iteratively: libyaml
    allows 1,000 levels of nesting, more than Python's recursion limit)."""
    stack: list[tuple[yaml.Node, PathKey]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _SAFE_TAGS:
            raise FindingsError(
                [
                    Finding(
                        "yaml-unsafe",
                        msg("finding.yaml-unsafe.tag", tag=repr(node.tag)),
                        file=label,
                        line=node.start_mark.line + 1,
                    )
                ]
            )
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
                lines[(*path, key)] = key_node.start_mark.line + 1
                stack.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            for i in range(len(node.value) - 1, -1, -1):
                stack.append((node.value[i], (*path, i)))


def _refuse_aliases(text: str, label: str) -> None:
    if "*" not in text:  # no alias can exist; skip a second parse of the whole file
        return
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise FindingsError(
                [
                    Finding(
                        "yaml-unsafe",
                        msg("finding.yaml-unsafe.alias"),
                        file=label,
                        line=event.start_mark.line + 1 if event.start_mark else None,
                        hint=msg("finding.yaml-unsafe.alias.hint"),
                    )
                ]
            )


def line_of(lines: dict[PathKey, int], path: PathKey) -> int | None:
    """The line of the deepest known prefix of ``path``."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
