"""Units that change, the hard cases: figures across a merge that falls mid-quarter, cumulative
(lũy kế) and per-period figures on either side of it, the other period of --compare and the
summary, explain's citations, missing --on-units, templates for units that no longer exist,
and the plan checks that keep shares honest. Every figure worked out by hand.

The plan is a copy of tests/plans/two-level-2026 in which xã 91001 (and in some tests 91002)
merge into a new xã 91901."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qn_dx import api
from qn_dx.cli import app

TWO_LEVEL = Path(__file__).resolve().parent / "plans" / "two-level-2026"
HEADER = "indicator_id,period,unit_code,numerator,denominator,value,basis"
NEW = "91901"


def make_plan(
    folder: Path,
    rows: Sequence[str],
    merged: Sequence[str] = ("91001",),
    last_day: str = "2026-03-31",
    first_day: str = "2026-04-01",
    successors: str | None = None,
    new_type: str = "xã",
) -> Path:
    """The two-level plan with ``merged`` ending on ``last_day`` and merging into 91901 (from
    ``first_day``); ``rows`` (after the header) its only actuals, a.csv (row i on line i+2)."""
    folder.mkdir()
    for f in TWO_LEVEL.glob("*.yaml"):
        shutil.copy(f, folder / f.name)
    text = (folder / "units.yaml").read_text(encoding="utf-8")
    for code in merged:
        start = text.index(f"- code: '{code}'\n")
        end = text.index("  parent: '51'\n", start) + len("  parent: '51'\n")
        succ = f"  successors: {successors}\n" if successors != "" else ""
        if successors is None:
            succ = f"  successors: [{{code: '{NEW}'}}]\n"
        text = text[:end] + f"  valid_to: {last_day}\n" + succ + text[end:]
    text += (
        f"- code: '{NEW}'\n  name: Xã Mới\n  type: {new_type}\n  level: commune\n"
        f"  parent: '51'\n  valid_from: {first_day}\n"
    )
    (folder / "units.yaml").write_text(text, encoding="utf-8")
    (folder / "actuals").mkdir()
    (folder / "actuals" / "a.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return folder


def run(folder: Path, *args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(
        app, ["--data-dir", str(folder), *args], env={"QN_DX_DATA": None, "COLUMNS": "200"}
    )
    assert result.exit_code == code, result.output
    return result


def report_json(folder: Path, *args: str) -> dict[str, Any]:
    return json.loads(run(folder, "report", "-f", "json", *args).stdout)


def target(doc: dict[str, Any], target_id: str) -> dict[str, Any]:
    return next(t for t in doc["targets"] if t["id"] == target_id)


# --- 1. cumulative and per-period figures across a merge ---------------------------------------


def test_a_former_units_cumulative_year_and_the_new_units_periods_add_up(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path / "p",
        ["DG-02,2026-Q1,91001,10,100,,cumulative", f"DG-02,2026-Q2,{NEW},30,100,,period"],
    )
    doc = report_json(folder, "--as-of", "2026-Q2")
    # 91001's year so far up to its end (10/100) + 91901's own Q2 (30/100) = 40/200 (was 10 %)
    assert target(doc, "DG-02")["actual"] == 20.0
    assert doc["warnings"] == []
    e = json.loads(run(folder, "explain", "DG-02", "--as-of", "2026-Q2", "-f", "json").stdout)
    assert [(c["line"], c["numerator"], c["basis"]) for c in e["contributions"]] == [
        (2, 10, "cumulative"),
        (3, 30, "period"),
    ]
    assert e["excluded"] == []


def test_a_third_units_row_is_not_dropped(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path / "p",
        [
            "DG-02,2026-Q1,91001,10,100,,cumulative",
            "DG-02,2026-Q1,91002,5,50,,period",
            f"DG-02,2026-Q2,{NEW},30,100,,period",
        ],
        merged=("91001", "91002"),
    )
    doc = report_json(folder, "--as-of", "2026-Q2")
    assert target(doc, "DG-02")["actual"] == pytest.approx(100 * 45 / 250)  # 18 %
    assert [p["value"] for p in target(doc, "DG-02")["series"]] == [10.0, 18.0]  # Q1: 15/150


def test_a_new_units_cumulative_figures_keep_the_former_ones_apart(tmp_path: Path) -> None:
    """91901's lũy kế for Q2 may or may not include 91001's Q1: not added into it, not
    dropped — counted under 91001, and said."""
    folder = make_plan(
        tmp_path / "p",
        ["DG-02,2026-Q1,91001,10,100,,period", f"DG-02,2026-Q2,{NEW},40,200,,cumulative"],
    )
    doc = report_json(folder, "--as-of", "2026-Q2")
    dg02 = target(doc, "DG-02")
    assert dg02["actual"] == pytest.approx(100 * 50 / 300, abs=1e-4)  # not 40/200 nor 10/100
    [w] = doc["warnings"]
    assert (w["code"], w["file"].endswith("a.csv"), w["line"]) == (
        "cumulative-across-change",
        True,
        3,
    )
    assert "91001" in w["message"] and NEW in w["message"]
    e = json.loads(run(folder, "explain", "DG-02", "--as-of", "2026-Q2", "-f", "json").stdout)
    assert {(c["unit"], c["line"]) for c in e["contributions"]} == {("91001", 2), (NEW, 3)}


# --- 3. a period that straddles the merge day ---------------------------------------------------


def test_the_successors_own_figure_for_a_straddling_period_stands(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path / "p",
        [
            "DG-03,2026-Q2,91001,10,100,,",
            "DG-03,2026-Q2,91002,20,100,,",
            f"DG-03,2026-Q2,{NEW},100,200,,",
        ],
        merged=("91001", "91002"),
        last_day="2026-05-15",
        first_day="2026-05-16",
    )
    doc = report_json(folder, "--as-of", "2026-Q2")
    assert target(doc, "DG-03")["actual"] == 50.0  # 100/200, not 130/400 = 32.5
    found = [(w["code"], w["line"]) for w in doc["warnings"]]
    assert found == [("superseded-by-successor", 2), ("superseded-by-successor", 3)]
    text = run(folder, "explain", "DG-03", "--as-of", "2026-Q2", "--lang", "vi").stdout
    assert "không cộng thêm" in text and "15/05/2026" in text
    e = json.loads(run(folder, "explain", "DG-03", "--as-of", "2026-Q2", "-f", "json").stdout)
    assert [(x["unit"], x["line"]) for x in e["excluded"]] == [("91001", 2), ("91002", 3)]


def test_latest_carries_each_former_unit_forward_until_the_new_one_reports(
    tmp_path: Path,
) -> None:
    folder = make_plan(
        tmp_path / "p",
        ["DG-03,2026-Q1,91001,10,100,,", "DG-03,2026-Q1,91002,20,100,,"],
        merged=("91001", "91002"),
    )
    assert target(report_json(folder, "--as-of", "2026-Q2"), "DG-03")["actual"] == 15.0
    (folder / "actuals" / "a.csv").write_text(
        f"{HEADER}\nDG-03,2026-Q1,91001,10,100,,\nDG-03,2026-Q1,91002,20,100,,\n"
        f"DG-03,2026-Q2,{NEW},90,200,,\n",
        encoding="utf-8",
    )
    doc = report_json(folder, "--as-of", "2026-Q2")
    assert target(doc, "DG-03")["actual"] == 45.0  # the merged unit's own, newer figure
    assert [p["value"] for p in target(doc, "DG-03")["series"]] == [15.0, 45.0]


# --- 4. --compare and the summary on the report's units -----------------------------------------


def test_the_other_period_is_placed_on_the_same_units(tmp_path: Path) -> None:
    # 91001 (a xã) merges into a phường: on the units of 30 June it is out of DG-03's scope.
    folder = make_plan(
        tmp_path / "p",
        [
            "DG-03,2026-Q1,91001,10,100,,",
            "DG-03,2026-Q1,91003,30,100,,",
            "DG-03,2026-Q2,91003,30,100,,",
        ],
        new_type="phường",
    )
    dg03 = target(report_json(folder, "--as-of", "2026-Q2", "--compare", "2026-Q1"), "DG-03")
    assert dg03["series"][0] == {"period": "2026-Q1", "value": 30.0}
    assert dg03["compare"]["actual"] == 30.0  # was 20.0 (40/200 on the units of 31 March)
    assert dg03["compare"]["change"] == 0.0
    plan = api.load_plan(folder)
    s = api.summary(plan, as_of="2026-Q2").summary
    assert s.previous_report is not None
    assert s.previous_report.on_units == s.report.on_units
    assert s.then("DG-03").actual == 30.0  # type: ignore[union-attr]


# --- 5. every source line cited -------------------------------------------------------------------


def test_explain_cites_every_line_of_a_combined_figure(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path / "p",
        ["DG-03,2026-Q1,91001,10,100,,", "DG-03,2026-Q1,91002,5,50,,"],
        merged=("91001", "91002"),
    )
    args = ("explain", "DG-03", "--as-of", "2026-Q2")
    e = json.loads(run(folder, *args, "-f", "json").stdout)
    [c] = e["contributions"]
    assert (c["numerator"], c["denominator"], c["line"]) == (15, 150, 2)
    assert [s["line"] for s in c["sources"]] == [2, 3]
    assert "a.csv:2, 3" in run(folder, *args).stdout
    # and the report's Sources sheet cites both lines too
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    run(folder, "report", "--as-of", "2026-Q2", "--output", str(out), "--lang", "en")
    sheet = load_workbook(out)["Nguồn - Sources"]
    heads = [c.value for c in sheet[1]]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "DG-03"]
    assert [r[heads.index("Line")] for r in rows] == ["2, 3"]


# --- 6. missing --on-units ------------------------------------------------------------------------


def test_missing_on_the_units_of_a_day(tmp_path: Path) -> None:
    folder = make_plan(tmp_path / "p", ["DG-02,2026-Q1,91001,10,100,,"])

    def owing(*args: str) -> tuple[int, set[str]]:
        doc = json.loads(run(folder, "missing", "-f", "json", "--as-of", "2026-Q2", *args).stdout)
        dg02 = target(doc, "DG-02")
        return dg02["expected"], {u["code"] for u in dg02["missing"]}

    expected, missing = owing()
    assert expected == 96 and "91001" not in missing and NEW not in missing  # 91901 reported
    expected, missing = owing("--on-units", "2026-01-01")
    assert expected == 96 and "91001" not in missing and NEW not in missing  # 91001 did
    plan = api.load_plan(folder)
    on_jan = api.missing(plan, as_of="2026-Q2", on_units="2026-01-01").to_dict()
    assert target(on_jan, "DG-02")["expected"] == 96
    with pytest.raises(api.BadInput):
        api.missing(plan, as_of="2026-Q2", on_units="first of July")


# --- 7. templates only for units that exist in the period ---------------------------------------


def test_a_template_for_a_unit_that_no_longer_exists_is_refused(tmp_path: Path) -> None:
    folder = make_plan(tmp_path / "p", [])
    result = run(folder, "template", "--unit", "91001", "--period", "2026-Q2", code=2)
    assert NEW in result.output and "2026-03-31" in result.output
    result = run(folder, "template", "--unit", NEW, "--period", "2026-Q1", code=2)
    assert "91001" in result.output
    run(folder, "template", "--unit", NEW, "--period", "2026-Q2")


def test_all_units_skips_those_that_did_not_exist_and_says_so(tmp_path: Path) -> None:
    folder = make_plan(tmp_path / "p", [])
    out = tmp_path / "out"
    result = run(folder, "template", "--all-units", "--period", "2026-Q2", "--output", str(out))
    names = [f.name for f in out.iterdir()]
    assert not any(n.startswith("91001") for n in names)
    assert any(n.startswith(NEW) for n in names)
    assert "91001 (→ 91901)" in result.stderr and "warning" in result.stderr
    result = run(folder, "template", "--all-units", "--period", "2026-Q1", "--output", str(out))
    assert "91901 (← 91001)" in result.stderr


# --- 8. a unit that ended with no successor -------------------------------------------------------


def test_a_unit_that_ended_with_no_successor(tmp_path: Path) -> None:
    folder = make_plan(tmp_path / "p", ["DG-02,2026-Q1,91001,10,100,,"], successors="")
    checked = run(folder, "check", "--lang", "en")
    assert "units.yaml:14: unit-ends-without-successor" in checked.stderr + checked.stdout
    doc = report_json(folder, "--as-of", "2026-Q2")
    [w] = [w for w in doc["warnings"] if w["code"] == "unit-not-placed"]
    assert "91001 ended on 2026-03-31 with no successor" in w["message"]
    assert "merging" not in w["message"]
    vi = report_json(folder, "--as-of", "2026-Q2", "--lang", "vi")
    [w] = [w for w in vi["warnings"] if w["code"] == "unit-not-placed"]
    assert "91001 kết thúc ngày 31/03/2026 mà không có đơn vị kế thừa" in w["message"]
    assert target(doc, "DG-02")["actual"] == 10.0  # kept under 91001, not dropped


# --- 2, 9, 11. shares, duplicates and their words -------------------------------------------------


@pytest.mark.parametrize(
    ("successors", "words_en", "words_vi"),
    [
        ("[{code: '91002', share: 0.5}]", "sum to 0.5", "hiện là 0,5"),
        (
            "[{code: '91002', share: 0.5}, {code: '91002', share: 0.5}]",
            "successor 91002 is listed twice",
            "đơn vị kế thừa 91002 được ghi hai lần",
        ),
        (
            "[{code: '91002', share: 0.6}, {code: '91003'}]",
            "gives each successor a share, summing to 1",
            "mỗi đơn vị kế thừa cần một share",
        ),
    ],
)
def test_shares_must_account_for_the_whole(
    tmp_path: Path, successors: str, words_en: str, words_vi: str
) -> None:
    folder = make_plan(tmp_path / "p", [], successors=successors)
    en = run(folder, "check", "--lang", "en", code=1)
    assert "units.yaml:9: plan-schema: unit 91001:" in en.output and words_en in en.output
    vi = run(folder, "check", "--lang", "vi", code=1)
    assert words_vi in vi.output and "successor" not in vi.output.replace("successors", "")


def test_successors_without_valid_to_are_said_in_vietnamese(tmp_path: Path) -> None:
    folder = make_plan(tmp_path / "p", [])
    path = folder / "units.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  valid_to: 2026-03-31\n", ""),
        encoding="utf-8",
    )
    vi = run(folder, "check", "--lang", "vi", code=1)
    assert "đơn vị có successors cần valid_to" in vi.output
    assert "the last day" not in vi.output


# --- 10. a cycle, unchecked ----------------------------------------------------------------------


def test_a_cycle_of_successors_never_recurses_forever(tmp_path: Path) -> None:
    folder = make_plan(
        tmp_path / "p", ["DG-02,2026-Q1,91001,10,100,,", f"DG-02,2026-Q2,{NEW},30,100,,"]
    )
    path = folder / "units.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  valid_to: 2026-06-30\n  successors: [{code: '91001'}]\n",
        encoding="utf-8",
    )
    run(folder, "check", code=1)  # refused: 91001 does not exist the day after 91901 ends
    plan = api.load_plan(folder, checked=False)
    result = api.report(plan, as_of="2026-Q2", on_units="2026-09-30")
    assert result.report.by_id()["DG-02"].actual == 20.0  # both kept, neither lost
    assert {w.code for w in result.report.warnings} >= {"unit-not-placed"}
    assert any("cycle" in w.text("en") for w in result.report.warnings)


# --- 12. unit-not-in-period in Vietnamese ------------------------------------------------------


def test_unit_not_in_period_names_periods_and_days_in_vietnamese(tmp_path: Path) -> None:
    folder = make_plan(tmp_path / "p", [])
    rows = tmp_path / "rows"
    rows.mkdir()
    (rows / "b.csv").write_text(
        f"{HEADER}\nDG-02,2026-Q2,91001,1,10,,\nDG-02,2026-Q1,{NEW},1,10,,\n", encoding="utf-8"
    )
    result = run(folder, "validate", str(rows), "--lang", "vi", "-f", "json", code=1)
    messages = [f["message"] for f in json.loads(result.stdout)["errors"]]
    assert "31/03/2026" in messages[0] and "Quý II/2026" in messages[0]
    assert "2026-Q2" not in messages[0] and "2026-03-31" not in messages[0]
    assert "01/04/2026" in messages[1] and "Quý I/2026" in messages[1]
    en = run(folder, "validate", str(rows), "--lang", "en", "-f", "json", code=1)
    assert "existed until 2026-03-31" in json.loads(en.stdout)["errors"][0]["message"]
