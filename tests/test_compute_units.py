"""Units that change (qn_dx.compute.units): a synthetic merge of three phường into one and a
split of a xã into two, on a copy of the shipped plan; every figure worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HEADER, write
from qn_dx import api
from qn_dx.cli import app
from qn_dx.compute.units import _combine, destinations, remap
from qn_dx.ingest.periods import quarter
from qn_dx.validate.model import Observation

MERGED = ["21010", "21013", "21016"]  # three phường of Thành phố Quảng Ngãi …
NEW = "21999"  # … become one on 1 July 2023
SPLIT, PARTS = "21538", ("21997", "21998")  # Xã Ba Xa splits 60 / 40 on the same day


def _edit_units(folder: Path) -> None:
    path = folder / "units.yaml"
    text = path.read_text(encoding="utf-8")
    for code in MERGED:
        anchor = f'  - code: "{code}"\n'
        start = text.index(anchor)
        end = text.index("    parent:", start)
        end = text.index("\n", end) + 1
        text = (
            text[:end]
            + f'    valid_to: 2023-06-30\n    successors: [{{code: "{NEW}"}}]\n'
            + text[end:]
        )
    anchor = f'  - code: "{SPLIT}"\n'
    start = text.index(anchor)
    end = text.index("\n", text.index("    parent:", start)) + 1
    text = (
        text[:end]
        + "    valid_to: 2023-06-30\n"
        + f'    successors: [{{code: "{PARTS[0]}", share: 0.6}}, '
        + f'{{code: "{PARTS[1]}", share: 0.4}}]\n'
        + text[end:]
    )
    text += (
        f'  - code: "{NEW}"\n    name: Phường Hợp Nhất\n    type: phường\n    level: commune\n'
        '    parent: "522"\n    valid_from: 2023-07-01\n'
    )
    for code, name in zip(PARTS, ("Xã Ba Xa Đông", "Xã Ba Xa Tây")):
        text += (
            f'  - code: "{code}"\n    name: {name}\n    type: xã\n    level: commune\n'
            '    parent: "535"\n    valid_from: 2023-07-01\n'
        )
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def changed(plan_copy: Path) -> Path:
    _edit_units(plan_copy)
    (plan_copy / "actuals").mkdir(exist_ok=True)
    for f in (plan_copy / "actuals").iterdir():
        f.unlink()
    write(
        plan_copy / "actuals",
        "a.csv",
        [
            "EG-16,2023-Q1,21010,1,10,,",
            "EG-16,2023-Q1,21013,2,10,,",
            "EG-16,2023-Q1,21016,3,10,,",
            "EG-16,2023-Q1,21538,10,20,,",
            f"EG-16,2023-Q3,{NEW},9,10,,",
            f"EG-16,2023-Q3,{PARTS[0]},5,10,,",
            f"EG-16,2023-Q3,{PARTS[1]},5,10,,",
        ],
        HEADER,
    )
    return plan_copy


def test_check_accepts_the_changes(changed: Path) -> None:
    result = CliRunner().invoke(app, ["--data-dir", str(changed), "check"])
    assert result.exit_code == 0, result.output


def test_destinations(changed: Path) -> None:
    import datetime as dt

    plan = api.load_plan(changed)
    after, before = dt.date(2023, 9, 30), dt.date(2023, 3, 31)
    assert destinations(plan, "21010", after) == [(NEW, 1.0)]
    assert destinations(plan, SPLIT, after) == [(PARTS[0], 0.6), (PARTS[1], 0.4)]
    assert destinations(plan, PARTS[0], before) == [(SPLIT, 1.0)]  # a part goes back whole
    assert destinations(plan, NEW, before) is None  # a merge cannot be split back
    assert destinations(plan, "51", after) == [("51", 1.0)]


def test_merge_and_split_re_aggregate_onto_the_units_of_the_day(changed: Path) -> None:
    plan = api.load_plan(changed)
    result = api.report(plan, as_of="2023-Q3")  # default: the units of 30 September
    eg16 = result.report.by_id()["EG-16"]
    assert eg16.units_expected == 173 - 3 - 1 + 1 + 2  # three merged into one, one split in two
    # Year to date at Q3: Σnumerators / Σdenominators over all of it, whatever the units were.
    assert eg16.actual == pytest.approx(100 * (1 + 2 + 3 + 10 + 9 + 5 + 5) / (30 + 20 + 30))
    assert eg16.units_reported == 3  # 21999 and the two parts of Ba Xa
    assert result.report.mapping["21010"] == [(NEW, 1.0)]
    assert result.report.mapping[SPLIT] == [(PARTS[0], 0.6), (PARTS[1], 0.4)]
    doc = result.to_dict()
    assert doc["on_units"] == "2023-09-30"
    # On the units of 1 January: the parts go back to Ba Xa, the merged phường cannot be split.
    jan = api.report(plan, as_of="2023-Q3", on_units="2023-01-01")
    codes = {w.code for w in jan.report.warnings}
    assert "unit-not-placed" in codes
    assert jan.report.by_id()["EG-16"].units_expected == 173 + 1  # and the one kept, unplaced
    assert jan.report.by_id()["EG-16"].actual == eg16.actual  # the same figures, other units


def test_explain_shows_each_step(changed: Path) -> None:
    runner = CliRunner()
    args = ["--data-dir", str(changed), "explain", "EG-16", "--as-of", "2023-Q3"]
    doc = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert doc["on_units"] == "2023-09-30"
    steps = {m["unit"]: m["to"] for m in doc["mapping"]}
    assert steps[SPLIT] == [{"unit": PARTS[0], "share": 0.6}, {"unit": PARTS[1], "share": 0.4}]
    text = runner.invoke(app, [*args, "--lang", "vi"]).stdout
    assert f"21010 → {NEW}" in text and f"{SPLIT} → {PARTS[0]} ×0,60" in text


def test_a_row_for_a_unit_that_did_not_exist_then(changed: Path, tmp_path: Path) -> None:
    write(tmp_path, "b.csv", ["EG-16,2023-Q3,21010,1,10,,", f"EG-16,2023-Q1,{NEW},1,10,,"], HEADER)
    plan = api.load_plan(changed)
    v = api.read_actuals(plan, [tmp_path])
    found = [(f.code, f.line) for f in v.errors]
    assert found == [("unit-not-in-period", 2), ("unit-not-in-period", 3)]
    assert NEW in v.errors[0].message and "21010, 21013, 21016" in v.errors[1].message


def test_combining_follows_the_measure() -> None:
    q = quarter(2023, 1)

    def o(code: str, **f: float | bool) -> Observation:
        return Observation(
            "X", code, q, f.get("num"), f.get("den"), f.get("value"), f.get("done"), "", "a", 2
        )  # type: ignore[arg-type]

    ratio = _combine([(o("a", num=1, den=4), 1.0), (o("b", num=3, den=4), 1.0)], "c", "percent")
    assert (ratio.numerator, ratio.denominator, ratio.unit_code) == (4, 8, "c")
    counts = _combine([(o("a", value=10), 1.0), (o("b", value=5), 1.0)], "c", "count")
    assert counts.value == 15
    shares = _combine([(o("a", value=80), 0.5), (o("b", value=60), 0.5)], "c", "percent")
    assert shares.value == 70  # a mean, never a sum of percentages
    done = _combine([(o("a", done=True), 1.0), (o("b", done=False), 1.0)], "c", None)
    assert done.done is False  # done only if every former unit is


def test_a_plan_without_changes_is_untouched(plan) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    obs = [Observation("EG-16", "21010", quarter(2023, 1), 1, 2, None, None, "", "a", 2)]
    placed = remap(plan, obs, dt.date(2023, 3, 31))
    assert placed.observations == obs and placed.steps == {}


def test_missing_expects_the_units_of_the_period(changed: Path) -> None:
    plan = api.load_plan(changed)
    owed = api.missing(plan, as_of="2023-Q3").to_dict()
    eg16 = next(t for t in owed["targets"] if t["id"] == "EG-16")
    assert eg16["expected"] == 173 - 3 - 1 + 1 + 2
    codes = {u["code"] for u in eg16["missing"]}
    assert not codes & set(MERGED) and SPLIT not in codes  # ceased units owe nothing
    assert NEW not in codes and not codes & set(PARTS)  # they reported
