"""Shared fixtures: the shipped plan, a disposable copy of it, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qn_dx.plan import Plan, load_plan

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan(DATA)


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped plan folder (YAML files only) to break in tests."""
    dest = tmp_path / "plan"
    dest.mkdir()
    for f in DATA.glob("*.yaml"):
        shutil.copy(f, dest / f.name)
    return dest


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
