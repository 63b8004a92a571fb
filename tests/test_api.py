"""qn_dx.api: the library the CLI is a shell over — typed results, to_dict the CLI's JSON,
to_pandas DataFrames, problems raised (never printed), the plan kept per process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HEADER, invoke, write
from qn_dx import api


def test_report_result_matches_the_cli_json(runner: CliRunner) -> None:
    plan = api.load_plan()
    result = api.report(plan, as_of="2023-Q2")
    cli = json.loads(
        invoke(runner, "report", "--as-of", "2023-Q2", "-f", "json", "--lang", "vi").stdout
    )
    assert result.to_dict("vi") == cli
    assert result.as_of.label == "2023-Q2"
    assert sum(result.counts().values()) == len(plan.targets)


def test_to_pandas_gives_one_row_per_target() -> None:
    plan = api.load_plan()
    frame = api.report(plan, as_of="2023-Q4").to_pandas()
    assert len(frame) == len(plan.targets)
    assert list(frame["id"])[:2] == ["EG-01", "EG-02"]
    eg01 = frame.set_index("id").loc["EG-01"]
    assert (eg01["target"], eg01["status"]) == (100.0, "not_met")


def test_other_results_have_frames() -> None:
    plan = api.load_plan()
    explained = api.explain(plan, "EG-16", as_of="2023-Q2")
    assert len(explained.to_pandas()) == len(explained.to_dict()["contributions"])
    owed = api.missing(plan, as_of="2023-Q2", agency="UBND cấp xã")
    frame = owed.to_pandas()
    assert set(frame["target"]) <= {"EG-04", "EG-05", "EG-16", "EG-18", "DG-03", "DG-09"}
    tasks = api.tasks(plan, as_of="2023-Q2")
    assert len(tasks.to_pandas()) == len(plan.tasks)
    assert "status" in tasks.to_pandas().columns
    summary = api.summary(plan, as_of="2023-Q2")
    assert summary.to_dict()["as_of"] == "2023-Q2"


def test_problems_are_raised_with_their_findings(tmp_path: Path) -> None:
    plan = api.load_plan()
    write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,12,10,,"], HEADER)  # 12 of 10
    with pytest.raises(api.ActualsRefused) as refused:
        api.report(plan, [tmp_path])
    assert [f.code for f in refused.value.findings] == ["numerator-exceeds-denominator"]
    with pytest.raises(api.NoPeriod) as none:
        api.report(plan, [tmp_path], skip_invalid=True)
    assert none.value.refused == 1
    with pytest.raises(api.BadInput):
        api.report(plan, as_of="2022-Q1")
    with pytest.raises(api.BadInput):
        api.explain(plan, "EG-99")
    with pytest.raises(api.BadInput):
        api.read_actuals(plan, [tmp_path / "nowhere"])
    validation = api.read_actuals(plan, [tmp_path])
    assert validation.rows_invalid == 1  # reading never raises for bad data


def test_a_refused_plan_is_raised(plan_copy: Path) -> None:
    text = (plan_copy / "targets.yaml").read_text(encoding="utf-8")
    (plan_copy / "targets.yaml").write_text(
        text.replace("area: e-government", "area: nope", 1), encoding="utf-8"
    )
    with pytest.raises(api.PlanRefused) as caught:
        api.load_plan(plan_copy)
    assert [f.code for f in caught.value.findings] == ["plan-schema"]
    assert api.load_plan(plan_copy, checked=False).info.number == "189/KH-UBND"


def test_the_plan_is_loaded_once_and_again_when_a_file_changes(plan_copy: Path) -> None:
    first = api.load_plan(plan_copy)
    assert api.load_plan(plan_copy) is first
    path = plan_copy / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert api.load_plan(plan_copy) is not first


def test_the_api_imports_no_pandas_until_asked() -> None:
    code = (
        "import sys; from qn_dx import api; p = api.load_plan(); r = api.report(p); "
        "r.to_dict(); assert 'pandas' not in sys.modules; r.to_pandas(); "
        "assert 'pandas' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


# --- the language by default ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"QN_DX_LANG": "vi", "LANG": "en_US.UTF-8"}, "vi"),
        ({"QN_DX_LANG": "en", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LC_ALL": "Vietnamese_Vietnam.1258"}, "vi"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"QN_DX_LANG": "fr", "LANG": "vi_VN.UTF-8"}, "vi"),  # an unknown choice: the locale
    ],
)
def test_default_language(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], expected: str
) -> None:
    from qn_dx.cli import shell

    for var in ("QN_DX_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in environ.items():
        monkeypatch.setenv(var, value)
    assert shell.default_lang() == expected


def test_an_unknown_language_is_a_usage_error(runner: CliRunner) -> None:
    for command in (["report"], ["explain", "EG-16"], ["validate"], ["missing"], ["tasks"]):
        result = invoke(runner, *command, "--lang", "xx")
        assert result.exit_code == 2, command
        assert "Traceback" not in result.output


def test_the_api_takes_one_path_and_area_names(tmp_path: Path) -> None:
    plan = api.load_plan()
    one = api.read_actuals(plan, str(plan.folder / "actuals"))
    listed = api.read_actuals(plan, [plan.folder / "actuals"])
    assert one.rows == listed.rows > 1000
    assert api.read_actuals(plan, []).rows == 0  # no files: nothing, not the default folder
    for name in ("digital-economy", "Kinh tế số", "kinh te so", "Digital economy"):
        done = api.report(plan, as_of="2023-Q4", areas=name, skip_invalid=True)
        assert {r.target.area for r in done.report.targets} == {"digital-economy"}
    with pytest.raises(api.BadInput) as refused:
        api.report(plan, as_of="2023-Q4", areas=["kinh tế"], skip_invalid=True)
    assert "digital-economy (Kinh tế số)" in str(refused.value)
    with pytest.raises(api.BadInput):
        api.explain(plan, 16)  # type: ignore[arg-type]
    with pytest.raises(api.BadInput) as compare:
        api.report(plan, as_of="2023-Q4", compare="2024-Q1", skip_invalid=True)
    assert "--compare '2024-Q1'" in str(compare.value)
