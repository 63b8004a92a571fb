"""plan/cache.py and plan/plain.py: a plan kept between runs answers exactly as one read from
its files; the key is the files' content; a corrupt, foreign or untrusted entry is ignored."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from conftest import DATA, REPO, invoke
from qn_dx import api
from qn_dx.plan import cache, models, plain
from qn_dx.plan.load import load_plan

TWO_LEVEL = REPO / "tests" / "plans" / "two-level-2026"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    api._PLANS.clear()
    return home / "qn-dx"


def _model_classes() -> list[type[BaseModel]]:
    return [
        c
        for _, c in inspect.getmembers(models, inspect.isclass)
        if issubclass(c, BaseModel) and c.__module__ == models.__name__ and c is not models.Strict
    ]


def test_every_model_has_a_plain_twin_with_its_methods() -> None:
    for model in _model_classes():
        if model.__name__.endswith("File"):  # whole files are never kept, only their content
            continue
        twin = getattr(plain, model.__name__, None)
        assert isinstance(twin, type) and issubclass(twin, plain.Record), model.__name__
        own = {
            name
            for klass in model.__mro__
            if klass.__module__ in (models.__name__, plain.__name__)
            for name, value in vars(klass).items()
            if not name.startswith("_") and (callable(value) or isinstance(value, property))
        }
        for name in own:
            assert hasattr(twin, name), f"plain.{model.__name__} lacks {name}"


@pytest.mark.parametrize("folder", [DATA, TWO_LEVEL], ids=["shipped", "two-level"])
def test_plain_plan_answers_as_the_models(folder: Path) -> None:
    plan = load_plan(folder)
    kept = cache.to_plain(plan)
    assert kept is not None
    for a, b in zip(plan.targets, kept.targets, strict=True):
        assert type(b) is plain.Target
        assert a.model_dump() == b.model_dump()
        for lang in ("vi", "en"):
            assert a.title(lang) == b.title(lang)
        assert (a.target_text(), a.lead, a.relative) == (b.target_text(), b.lead, b.relative)
        assert a.scope.describe() == b.scope.describe()
        if a.other_reading is not None:
            assert a.other_reading.goal(50.0) == b.other_reading.goal(50.0)
            assert a.other_reading.describe(a.unit) == b.other_reading.describe(b.unit)
    assert plan.reporting_units == kept.reporting_units
    assert plan.predecessors == kept.predecessors
    assert set(plan.changing_units) == set(kept.changing_units)
    for u, v in zip(plan.units, kept.units, strict=True):
        assert u.model_dump() == v.model_dump()
        for day in ("2023-01-01", "2025-06-30", "2025-07-01", "2026-12-31"):
            import datetime as dt

            d = dt.date.fromisoformat(day)
            assert u.exists_on(d) == v.exists_on(d)


def test_a_second_load_comes_from_the_cache_and_reports_the_same(
    cache_home: Path, runner: CliRunner
) -> None:
    first = invoke(runner, "report", "--format", "json", "--lang", "en")
    assert first.exit_code == 0
    entries = list(cache_home.glob("*.plan"))
    assert len(entries) == 1
    api._PLANS.clear()
    second = invoke(runner, "report", "--format", "json", "--lang", "en")
    assert second.stdout == first.stdout
    os.environ[cache.ENV_OFF] = "off"
    try:
        api._PLANS.clear()
        third = invoke(runner, "report", "--format", "json", "--lang", "en")
    finally:
        del os.environ[cache.ENV_OFF]
    assert third.stdout == first.stdout


def test_the_key_is_the_content_not_the_date(tmp_path: Path, plan_copy: Path) -> None:
    key = cache.key_of(plan_copy)
    targets = plan_copy / "targets.yaml"
    os.utime(targets, (1, 1))  # touched: same content, same key
    assert cache.key_of(plan_copy) == key
    targets.write_bytes(targets.read_bytes() + b"\n# a comment\n")
    assert cache.key_of(plan_copy) != key


def test_an_edited_plan_is_read_again(cache_home: Path, plan_copy: Path) -> None:
    plan = api.load_plan(plan_copy)
    first = plan.target_by_id["EG-04"].title_en
    text = (plan_copy / "targets.yaml").read_text(encoding="utf-8")
    assert first in text
    (plan_copy / "targets.yaml").write_text(text.replace(first, "Edited title"), encoding="utf-8")
    api._PLANS.clear()
    assert api.load_plan(plan_copy).target_by_id["EG-04"].title_en == "Edited title"


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage", cache.MAGIC + b"\x80\x04not a pickle", cache.MAGIC + b"\x80\x04K\x01."],
    ids=["empty", "garbage", "broken-pickle", "other-payload"],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(cache_home: Path, damage: bytes) -> None:
    api.load_plan(DATA)
    (entry,) = cache_home.glob("*.plan")
    entry.write_bytes(damage)
    api._PLANS.clear()
    plan = api.load_plan(DATA)
    assert len(plan.targets) == len(load_plan(DATA).targets)
    assert entry.read_bytes().startswith(cache.MAGIC) and len(entry.read_bytes()) > 1000


def test_an_entry_others_can_write_is_not_trusted(cache_home: Path) -> None:
    api.load_plan(DATA)
    (entry,) = cache_home.glob("*.plan")
    entry.chmod(0o666)
    assert cache.load(DATA) is None


def test_cache_off_stores_nothing(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_OFF, "off")
    api.load_plan(DATA)
    assert not cache_home.exists() or not list(cache_home.glob("*.plan"))


def test_an_unwritable_cache_home_never_fails_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    api._PLANS.clear()
    assert api.load_plan(DATA).targets


def test_a_warm_start_imports_neither_pydantic_nor_yaml(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "QN_DX_DATA": str(DATA)}
    env.pop(cache.ENV_OFF, None)
    code = (
        "import sys, json; from qn_dx import api; api.load_plan(); "
        "print(json.dumps([m for m in ('pydantic', 'yaml', 'pandas') if m in sys.modules]))"
    )
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "pydantic" in json.loads(cold.stdout)
    assert json.loads(warm.stdout) == []


def test_an_entry_changed_but_still_a_pickle_is_not_used(cache_home: Path) -> None:
    """One letter of a title changed inside the entry: the digest says so, the plan is read
    from its files again."""
    plan = api.load_plan(DATA)
    title = plan.target_by_id["EG-16"].title_en.encode()
    (entry,) = cache_home.glob("*.plan")
    data = entry.read_bytes()
    assert title in data
    entry.write_bytes(data.replace(title, b"X" + title[1:], 1))
    api._PLANS.clear()
    assert cache.load(DATA) is None
    assert api.load_plan(DATA).target_by_id["EG-16"].title_en == title.decode()
