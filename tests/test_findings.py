"""findings.py: one catalogue of codes, one data shape, one text form."""

from __future__ import annotations

import re

import pytest

from qn_dx.findings import CATALOGUE, Finding, FindingsError, errors


def test_unknown_code_raises_value_error() -> None:
    with pytest.raises(ValueError, match="not in the catalogue"):
        Finding("no-such-code", "boom")


def test_to_text_full_form() -> None:
    f = Finding(
        "plan-schema", "target EG-07: op: bad", file="targets.yaml", line=190, column="op", hint="x"
    )
    assert f.to_text() == "targets.yaml:190:op: plan-schema: target EG-07: op: bad (x)"


def test_to_text_without_location_or_hint() -> None:
    assert Finding("budget-mismatch", "sums differ").to_text() == "budget-mismatch: sums differ"


def test_to_text_with_file_only() -> None:
    f = Finding("task-number-gap", "no 8.5", file="tasks.yaml", hint="kept")
    assert f.to_text() == "tasks.yaml: task-number-gap: no 8.5 (kept)"


def test_severity_comes_from_catalogue() -> None:
    assert Finding("duplicate-id", "x").severity == "error"
    assert Finding("task-number-repeated", "x").severity == "note"


def test_to_dict_includes_severity() -> None:
    d = Finding("yaml-syntax", "bad", file="a.yaml", line=3).to_dict()
    assert d == {
        "code": "yaml-syntax",
        "message": "bad",
        "file": "a.yaml",
        "line": 3,
        "column": None,
        "hint": None,
        "severity": "error",
    }


def test_errors_keeps_only_errors() -> None:
    found = [Finding("task-number-gap", "n"), Finding("empty-scope", "e")]
    assert [f.code for f in errors(found)] == ["empty-scope"]


def test_findings_error_message_lists_every_finding() -> None:
    exc = FindingsError(
        [Finding("yaml-syntax", "a", file="x.yaml", line=1), Finding("plan-schema", "b")]
    )
    assert str(exc) == "x.yaml:1: yaml-syntax: a\nplan-schema: b"


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_catalogue_code_is_kebab_case_with_known_severity(code: str) -> None:
    entry = CATALOGUE[code]
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", code)
    assert entry.code == code
    assert entry.severity in ("error", "warning", "note")
    assert entry.meaning
