"""`qn-dx targets`: the plan's 54 targets (Part II §II's 53 and §III's drill) as a table, JSON
or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import invoke

EXPECTED_IDS = (
    [f"EG-{i:02d}" for i in range(1, 21)]
    + [f"DG-{i:02d}" for i in range(1, 14)]
    + [f"DE-{i:02d}" for i in range(1, 8)]
    + [f"DS-{i:02d}" for i in range(1, 9)]
    + [f"CS-{i:02d}" for i in range(1, 7)]
)
ROW_KEYS = [
    "id",
    "area",
    "measure",
    "unit",
    "op",
    "target",
    "title_vi",
    "title_en",
    "scope",
    "period_rule",
    "lead",
    "leads",
    "indicator",
    "tasks",
]


@pytest.fixture(scope="module")
def listing() -> list[dict[str, Any]]:
    result = invoke(CliRunner(), "targets", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def rows(listing: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in listing}


def test_json_lists_54_ids_in_plan_order(listing: list[dict[str, Any]]) -> None:
    assert len(EXPECTED_IDS) == 54
    assert [r["id"] for r in listing] == EXPECTED_IDS


@pytest.mark.parametrize("target_id", EXPECTED_IDS)
def test_every_row_has_the_documented_keys(rows: dict[str, Any], target_id: str) -> None:
    row = rows[target_id]
    missing = [k for k in ROW_KEYS if k not in row]
    assert missing == []
    assert set(row["scope"]) == {"levels", "types", "units"}
    assert row["lead"] == row["leads"][0]


def test_eg04_wards_and_townships_fibre(rows: dict[str, Any]) -> None:
    r = rows["EG-04"]
    assert (r["measure"], r["unit"], r["op"], r["target"]) == ("ratio", "percent", ">=", 60)
    assert r["scope"] == {"levels": ["commune"], "types": ["phường", "thị trấn"], "units": []}
    assert r["period_rule"] == "latest"
    assert r["lead"] == "STTTT"


def test_eg16_commune_documents_year_to_date(rows: dict[str, Any]) -> None:
    r = rows["EG-16"]
    assert (r["measure"], r["op"], r["target"]) == ("ratio", ">=", 70)
    assert r["scope"] == {"levels": ["commune"], "types": None, "units": []}
    assert r["period_rule"] == "year_to_date"


def test_dg01_increase_over_baseline(rows: dict[str, Any]) -> None:
    r = rows["DG-01"]
    assert (r["measure"], r["op"], r["target"]) == ("ratio", "increase", None)
    assert (r["baseline"], r["baseline_year"]) == (30, 2022)
    assert r["target_text"] == "> baseline"


def test_de06_offset_over_baseline(rows: dict[str, Any]) -> None:
    r = rows["DE-06"]
    assert (r["measure"], r["unit"], r["op"], r["target"]) == ("value", "percent", ">=", None)
    assert r["target_offset"] == 5
    assert r["target_text"] == "≥ baseline + 5 pp"


def test_dg13_rank_at_most_32(rows: dict[str, Any]) -> None:
    r = rows["DG-13"]
    assert (r["measure"], r["unit"], r["op"], r["target"]) == ("value", "rank", "<=", 32)


def test_eg07_milestone(rows: dict[str, Any]) -> None:
    r = rows["EG-07"]
    assert (r["measure"], r["unit"], r["op"], r["target"]) == ("milestone", None, "done", None)


def test_area_filter_digital_economy(runner: CliRunner) -> None:
    result = invoke(runner, "targets", "--area", "digital-economy", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["id"] for r in data] == [f"DE-{i:02d}" for i in range(1, 8)]
    assert {r["area"] for r in data} == {"digital-economy"}


def test_area_filter_is_repeatable(runner: CliRunner) -> None:
    result = invoke(
        runner, "targets", "-a", "digital-economy", "-a", "cybersecurity", "--format", "json"
    )
    assert len(json.loads(result.stdout)) == 7 + 6


def test_unknown_area_is_a_usage_error(runner: CliRunner) -> None:
    result = invoke(runner, "targets", "--area", "e-gov")
    assert result.exit_code == 2
    assert "unknown area 'e-gov'" in result.output
    assert "e-government" in result.output


def test_csv_has_bom_header_and_53_rows(runner: CliRunner) -> None:
    result = invoke(runner, "targets", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert len(result.stdout.splitlines()) == 55
    table = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [r["id"] for r in table] == EXPECTED_IDS
    eg04 = table[3]
    assert eg04["scope"] == "commune (phường, thị trấn)"
    assert eg04["target"] == "60.0"


def test_table_has_title_and_rows(runner: CliRunner) -> None:
    result = invoke(runner, "targets", "--area", "cybersecurity")
    assert result.exit_code == 0
    assert "189/KH-UBND: 6 targets" in result.stdout
    for i in range(1, 7):
        assert f"CS-0{i}" in result.stdout


def test_several_leads_and_explicit_units(rows: dict[str, Any], runner: CliRunner) -> None:
    r = rows["EG-11"]
    assert (r["lead"], r["leads"]) == ("SYT", ["SYT", "SGDDT"])
    assert r["scope"] == {"levels": [], "types": None, "units": ["SYT", "SGDDT"]}
    assert rows["EG-05"]["scope"]["units"] == ["536"]
    assert rows["DE-02"]["tasks"] == ["NV-2.7", "NV-9.2"]
    result = invoke(runner, "targets", "--format", "csv")
    table = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff")))}
    assert table["EG-11"]["lead"] == "SYT; SGDDT"
    assert table["EG-11"]["scope"] == "SYT + SGDDT"
    assert table["EG-05"]["scope"] == "commune (xã) + 536"
    assert table["EG-05"]["indicator"] == "fiber-households-rural-share"
