"""`qn-dx schema`: the row contracts (v1) as JSON Schema and as a Frictionless Table Schema."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from conftest import invoke
from qn_dx.validate.contract import ActualRow, TaskProgressRow

ACTUALS = ["indicator_id", "period", "unit_code", "numerator", "denominator", "value"]
ACTUALS += ["basis", "submitted", "note"]
TASKS = ["task_id", "period", "status", "progress", "submitted", "note"]


def _schema(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = invoke(runner, "schema", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_default_is_actuals_json_schema(runner: CliRunner) -> None:
    doc = _schema(runner)
    assert doc == _schema(runner, "--format", "json-schema", "--kind", "actuals")
    assert "json-schema.org" in doc["$schema"]
    assert doc["type"] == "object"
    assert list(doc["properties"]) == ACTUALS
    assert doc["required"] == ["indicator_id", "period", "unit_code"]
    assert doc["additionalProperties"] is False


def test_json_schema_constraints(runner: CliRunner) -> None:
    props = _schema(runner)["properties"]
    period = re.compile(props["period"]["pattern"])
    for ok in ("2023", "2023-Q1", "2023-Q4", "2023-01", "2023-12"):
        assert period.match(ok), ok
    for bad in ("2023-Q5", "2023-13", "Quý I/2023", "2023-1", "23"):
        assert not period.match(bad), bad
    indicator = re.compile(props["indicator_id"]["pattern"])
    assert indicator.match("EG-15") and not indicator.match("eg-15")
    numerator_types = {p.get("type") for p in props["numerator"]["anyOf"]}
    assert numerator_types == {"integer", "null"}
    assert any(p.get("minimum") == 0 for p in props["numerator"]["anyOf"])
    assert all(props[name].get("description") for name in ACTUALS)


def test_tasks_json_schema(runner: CliRunner) -> None:
    doc = _schema(runner, "--kind", "tasks")
    assert list(doc["properties"]) == TASKS
    assert doc["required"] == ["task_id", "period", "status"]
    status = re.compile(doc["properties"]["status"]["pattern"])
    for ok in ("not_started", "in_progress", "done", "delayed"):
        assert status.match(ok)
    assert not status.match("finished")


def test_actuals_table_schema(runner: CliRunner) -> None:
    doc = _schema(runner, "--format", "table-schema")
    names = [f["name"] for f in doc["fields"]]
    assert names == ACTUALS
    assert doc["primaryKey"] == ["indicator_id", "period", "unit_code"]
    fields = {f["name"]: f for f in doc["fields"]}
    for name in ("indicator_id", "period", "unit_code"):
        assert fields[name]["constraints"]["required"] is True
    for name in ("numerator", "denominator", "value", "note"):
        assert not fields[name].get("constraints", {}).get("required")
    assert fields["numerator"]["type"] == fields["denominator"]["type"] == "integer"
    assert fields["numerator"]["constraints"]["minimum"] == 0
    assert fields["note"]["type"] == "string"
    assert "Mã chỉ tiêu".lower() in fields["indicator_id"]["title"].lower()


def test_tasks_table_schema(runner: CliRunner) -> None:
    doc = _schema(runner, "--format", "table-schema", "--kind", "tasks")
    assert [f["name"] for f in doc["fields"]] == TASKS
    assert doc["primaryKey"] == ["task_id", "period"]  # the key duplicates are found by
    progress = {f["name"]: f for f in doc["fields"]}["progress"]
    assert progress["constraints"] == {"minimum": 0, "maximum": 100}


@pytest.mark.parametrize(
    "args", [["--format", "xml"], ["--kind", "budget"], ["--format", "table-schema", "extra"]]
)
def test_bad_options_exit_2(runner: CliRunner, args: list[str]) -> None:
    assert invoke(runner, "schema", *args).exit_code == 2


def test_milestone_values_are_an_enum(runner: CliRunner) -> None:
    value = _schema(runner)["properties"]["value"]
    enums = [p["enum"] for p in value["anyOf"] if "enum" in p]
    assert enums == [["done", "not_done"]]
    assert {p.get("type") for p in value["anyOf"]} == {"number", "string", "null"}


def test_models_accept_normal_rows_and_refuse_others() -> None:
    ok = {"indicator_id": "EG-07", "period": "2023-Q4", "unit_code": "51", "value": "done"}
    ActualRow.model_validate(ok)
    ActualRow.model_validate({**ok, "indicator_id": "EG-16", "numerator": 5, "denominator": 10})
    for bad in (
        {"value": "maybe"},
        {"period": "Quý I/2023"},
        {"numerator": -1},
        {"extra": 1},
        {"unit_code": ""},
    ):
        with pytest.raises(ValidationError):
            ActualRow.model_validate({**ok, **bad})
    TaskProgressRow.model_validate({"task_id": "NV-6.1b", "period": "2023", "status": "done"})
    with pytest.raises(ValidationError):
        TaskProgressRow.model_validate({"task_id": "NV-1.1", "period": "2023", "status": "xong"})
