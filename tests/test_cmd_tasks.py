"""`qn-dx tasks`: the 76 tasks of Phụ lục 2, filtered by agency (code or name) or group."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import invoke
from qn_dx.cli import app


def _invoke(runner: CliRunner, *args: str) -> Any:
    return invoke(runner, "tasks", *args)


def _json(runner: CliRunner, *args: str) -> list[dict[str, Any]]:
    result = _invoke(runner, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _by_number(rows: list[dict[str, Any]], number: str) -> dict[str, Any]:
    (row,) = [r for r in rows if r["number"] == number]
    return row


def test_all_76_tasks_with_unique_ids(runner: CliRunner) -> None:
    rows = _json(runner)
    assert len(rows) == 76
    assert len({r["id"] for r in rows}) == 76


def test_repeated_numbers_keep_the_printed_number(runner: CliRunner) -> None:
    by_id = {r["id"]: r for r in _json(runner)}
    assert by_id["NV-6.1"]["number"] == by_id["NV-6.1b"]["number"] == "6.1"
    assert by_id["NV-8.4"]["number"] == by_id["NV-8.4b"]["number"] == "8.4"
    assert by_id["NV-6.1b"]["lead"] == ["STTTT", "UBND_HUYEN", "TDOAN"]


def test_unfiltered_rows_have_no_role(runner: CliRunner) -> None:
    rows = _json(runner)
    assert all("role" not in r and "via" not in r for r in rows)


def test_health_department_by_folded_name(runner: CliRunner) -> None:
    rows = _json(runner, "--agency", "so y te")
    assert len(rows) == 51
    t12 = _by_number(rows, "1.2")
    assert (t12["role"], t12["via"]) == ("lead", "SO_BAN_NGANH")
    t311 = _by_number(rows, "3.11")
    assert (t311["role"], t311["via"]) == ("coordinating", None)
    assert "SYT" in t311["coordinating"]


@pytest.mark.parametrize("query", ["SYT", "sở y tế", "Sở Y tế", "SO Y TE", "Department of Health"])
def test_health_department_any_spelling_gives_the_same_rows(runner: CliRunner, query: str) -> None:
    assert _json(runner, "--agency", query) == _json(runner, "--agency", "so y te")


def test_every_agency_row_has_role_and_via(runner: CliRunner) -> None:
    rows = _json(runner, "--agency", "SYT")
    assert {r["role"] for r in rows} == {"lead", "coordinating"}
    assert {r["via"] for r in rows} <= {None, "SO_BAN_NGANH"}


def test_group_filter(runner: CliRunner) -> None:
    rows = _json(runner, "--group", "10")
    assert len(rows) == 5
    assert {r["group"] for r in rows} == {10}
    assert [r["number"] for r in rows] == [f"10.{i}" for i in range(1, 6)]


def test_group_and_agency_together(runner: CliRunner) -> None:
    rows = _json(runner, "--agency", "SYT", "--group", "3")
    assert {r["group"] for r in rows} == {3}
    assert "3.11" in [r["number"] for r in rows]


def test_group_zero_is_rejected(runner: CliRunner) -> None:
    assert _invoke(runner, "--group", "0").exit_code == 2


def test_misspelt_agency_suggests(runner: CliRunner) -> None:
    result = _invoke(runner, "--agency", "so y tee", "--format", "json")
    assert result.exit_code == 2
    assert "did you mean" in result.output
    assert "SYT (Sở Y tế)" in result.output
    assert result.stdout == ""


def test_ambiguous_agency_is_a_usage_error(runner: CliRunner) -> None:
    result = _invoke(runner, "--agency", "Sở")
    assert result.exit_code == 2
    assert "matches several entries" in result.output


def test_district_code_finds_district_tasks(runner: CliRunner) -> None:
    rows = _json(runner, "--agency", "522")
    t38 = _by_number(rows, "3.8")
    assert (t38["role"], t38["via"]) == ("lead", "UBND_HUYEN")
    assert t38["lead"] == ["UBND_HUYEN"]
    assert all(r["via"] in ("UBND_HUYEN", "UBND_CAC_CAP", "MOT_CUA") for r in rows)
    # Its one-stop desk is one of "Bộ phận Một cửa các cấp", which leads row 4.5.
    assert (_by_number(rows, "4.5")["role"], _by_number(rows, "4.5")["via"]) == ("lead", "MOT_CUA")


def test_sector_bodies_are_among_the_departments_group(runner: CliRunner) -> None:
    """Công an tỉnh, NHNN, Cục Thuế and Cục Thống kê are members of "Các Sở, ban, ngành tỉnh":
    every task of the group reaches them, besides the rows that name them."""
    rows = _json(runner, "--agency", "CAT")
    assert len(rows) == 52  # the group's 50 tasks, and rows 3.11 and 10.1 that name it
    assert (_by_number(rows, "10.1")["role"], _by_number(rows, "10.1")["via"]) == ("lead", None)
    assert (_by_number(rows, "4.4")["role"], _by_number(rows, "4.4")["via"]) == (
        "lead",
        "SO_BAN_NGANH",
    )
    assert len(_json(runner, "--agency", "CTK")) == 50
    assert len(_json(runner, "--agency", "TDOAN")) == 1  # the Youth Union: row 6.1b only


def test_district_by_name(runner: CliRunner) -> None:
    assert _json(runner, "--agency", "thanh pho quang ngai") == _json(runner, "--agency", "522")


def test_table_title_names_the_agency(runner: CliRunner) -> None:
    result = _invoke(runner, "--agency", "so y te")
    assert result.exit_code == 0
    assert "SYT — Sở Y tế: 51 tasks" in result.stdout


def test_csv_with_agency_has_role_columns(runner: CliRunner) -> None:
    result = _invoke(runner, "--agency", "SYT", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.removeprefix("\ufeff").splitlines()
    assert lines[0] == "id,number,group,name_vi,name_en,lead,coordinating,role,via"
    assert len(lines) == 1 + 51


def test_tables_name_groups_and_agencies_as_readers_do(runner: CliRunner) -> None:
    out = runner.invoke(
        app, ["tasks", "--lang", "vi"], env={"QN_DX_DATA": None, "COLUMNS": "160"}
    ).stdout
    assert "Các Sở, ban, ngành tỉnh" in out and "Sở TT&TT" in out
    assert "SO_BAN_NGANH" not in out and "STTTT" not in out
    data = json.loads(invoke(runner, "tasks", "--format", "json").stdout)
    assert "SO_BAN_NGANH" in json.dumps(data)  # JSON keeps the codes


def test_codes_says_severity_in_the_language(runner: CliRunner) -> None:
    out = runner.invoke(app, ["codes", "--lang", "vi"], env={"COLUMNS": "160"}).stdout
    assert "│ lỗi " in out and "│ cảnh báo " in out and "│ error " not in out
