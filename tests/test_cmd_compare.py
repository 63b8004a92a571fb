"""`qn-dx compare`: two plans side by side, targets matched by their indicator key."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import DATA, invoke
from qn_dx import api

TWO_LEVEL = Path(__file__).parent / "plans" / "two-level-2026"


def test_indicators_matched_across_years(runner: CliRunner) -> None:
    result = invoke(runner, "compare", "--with", str(TWO_LEVEL), "-f", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["first"]["plan_year"], doc["second"]["plan_year"]) == (2023, 2026)
    by_key = {i["indicator"]: i for i in doc["indicators"]}
    first, second = api.load_plan(), api.load_plan(TWO_LEVEL)
    shared = {t.indicator for t in first.targets} & {t.indicator for t in second.targets}
    assert {k for k, i in by_key.items() if i["first"] and i["second"]} == shared
    tthc = by_key["tthc-full-online-share"]
    assert (tthc["first"]["id"], tthc["second"]["id"]) == ("EG-01", "DG-01")  # ids differ
    # every target of each plan appears once
    assert sum(1 for i in doc["indicators"] if i["first"]) == len(first.targets)
    assert sum(1 for i in doc["indicators"] if i["second"]) == len(second.targets)
    # the first plan's order, then the second's own
    assert [i["first"]["id"] for i in doc["indicators"] if i["first"]] == [
        t.id for t in first.targets
    ]


def test_csv_and_table(runner: CliRunner) -> None:
    text = invoke(runner, "compare", "--with", str(TWO_LEVEL), "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0]["indicator"] == "tthc-full-online-share"
    assert rows[0]["first_id"] == "EG-01" and rows[0]["second_id"] == "DG-01"
    table = invoke(runner, "compare", "--with", str(TWO_LEVEL), "--lang", "vi").stdout
    assert "chỉ số có ở cả hai kế hoạch" in table


def test_a_missing_other_plan_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "compare", "--with", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "--with" in result.stderr


def test_the_vietnamese_csv_is_what_vietnamese_excel_opens(runner: CliRunner) -> None:
    out = invoke(runner, "compare", "--with", str(DATA), "-f", "csv", "--lang", "vi").stdout
    lines = out.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Chỉ số;") and "Trạng thái" in lines[0]
    assert ";96,0 %;không đạt;" in lines[1]
