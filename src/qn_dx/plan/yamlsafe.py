"""Safe YAML loading that remembers where each value came from.

Plain ``yaml.safe_load`` forgets line numbers, and a user who broke ``targets.yaml`` needs to be
told ``data/targets.yaml:42``. We compose the node tree (safe loader: no Python tags), record the
line of every mapping key and sequence item by its path, then construct plain data. Aliases are
refused outright: the plan needs none, and it closes the "billion laughs" door.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..findings import Finding, FindingsError

MAX_YAML_BYTES = 5 * 1024 * 1024  # the whole 2023 plan is ~150 KB

PathKey = tuple[str | int, ...]

# The plain YAML core types the plan files use. "!!python/object…" also expands to
# "tag:yaml.org,2002:…", so a prefix test is not enough; !!binary, !!set, !!omap are refused too.
_SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")
)

try:  # the C loader is ~5x faster where libyaml is present
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


def load_yaml(path: Path, label: str) -> tuple[Any, dict[PathKey, int]]:
    """Load one YAML file; return its data and a map path → 1-based line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        missing = Finding("plan-file-missing", f"{label} does not exist", file=label)
        raise FindingsError([missing]) from None
    if len(raw) > MAX_YAML_BYTES:
        raise FindingsError(
            [
                Finding(
                    "plan-file-too-large",
                    f"{label} is {len(raw):,} bytes; the limit is {MAX_YAML_BYTES:,}",
                    file=label,
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FindingsError(
            [
                Finding(
                    "yaml-syntax",
                    f"not UTF-8 text ({exc.reason})",
                    file=label,
                    hint="save as UTF-8",
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
        _walk(node, (), lines, label)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise FindingsError([Finding("yaml-syntax", msg, file=label, line=line)]) from None
    except yaml.YAMLError as exc:
        raise FindingsError([Finding("yaml-syntax", str(exc), file=label)]) from None
    finally:
        loader.dispose()
    return data, lines


def _walk(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], label: str) -> None:
    lines[path] = node.start_mark.line + 1
    if node.tag not in _SAFE_TAGS:
        raise FindingsError(
            [
                Finding(
                    "yaml-unsafe",
                    f"tag {node.tag!r} is not allowed",
                    file=label,
                    line=node.start_mark.line + 1,
                )
            ]
        )
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            _walk(value_node, (*path, key), lines, label)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines, label)


def _refuse_aliases(text: str, label: str) -> None:
    if "*" not in text:  # no alias can exist; skip a second parse of the whole file
        return
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise FindingsError(
                [
                    Finding(
                        "yaml-unsafe",
                        "YAML aliases (*name) are not allowed in plan files",
                        file=label,
                        line=event.start_mark.line + 1,
                        hint="write the value out in full",
                    )
                ]
            )


def line_of(lines: dict[PathKey, int], path: PathKey) -> int | None:
    """The line of the deepest known prefix of ``path``."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
