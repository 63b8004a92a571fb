"""`qn-dx check`: exit 0 on the shipped plan; exit 1 with file:line: code: message when broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qn_dx.cli import app


def _check(runner: CliRunner, folder: Path | None = None, **env: str | None) -> Any:
    args = ["--data-dir", str(folder), "check"] if folder else ["check"]
    return runner.invoke(app, args, env={"QN_DX_DATA": None, **env})


def _edit(path: Path, old: str, new: str, after: str | None = None) -> int:
    """Replace ``old`` in ``path`` (the one occurrence, or the first one after the unique
    ``after``); return the 1-based line number where ``old`` was."""
    text = path.read_text(encoding="utf-8")
    start = 0
    if after is not None:
        assert text.count(after) == 1, f"{after!r} occurs {text.count(after)} times"
        start = text.index(after)
    else:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text[:at].count("\n") + 1


# --- the shipped plan ---------------------------------------------------------------------------


def test_shipped_plan_passes_with_three_notes(runner: CliRunner) -> None:
    result = _check(runner)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stdout.splitlines() if line.startswith("note: ")]
    assert len(notes) == 3
    assert "no task 8.5" in notes[0]
    assert "number 6.1 twice" in notes[1]
    assert "number 8.4 twice" in notes[2]
    assert "error:" not in result.stdout


def test_shipped_plan_summary_line(runner: CliRunner) -> None:
    last = _check(runner).stdout.splitlines()[-1]
    assert last.endswith(
        "54 targets, 76 tasks, 187 units, 25 agencies, 10 groups — 0 error(s), 3 note(s)"
    )


def test_note_lines_are_located(runner: CliRunner) -> None:
    out = _check(runner).stdout
    assert "tasks.yaml:390: task-number-repeated:" in out
    assert "tasks.yaml:588: task-number-repeated:" in out


def test_unchanged_copy_passes(runner: CliRunner, plan_copy: Path) -> None:
    assert _check(runner, plan_copy).exit_code == 0


# --- consistency errors -------------------------------------------------------------------------


def test_duplicate_target_id(runner: CliRunner, plan_copy: Path) -> None:
    line = _edit(plan_copy / "targets.yaml", "- id: EG-02\n", "- id: EG-01\n")
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert (
        f"error: {plan_copy / 'targets.yaml'}:{line}: duplicate-id: target EG-01 appears twice"
        in (result.stdout)
    )
    assert "1 error(s), 3 note(s)" in result.stdout


def test_duplicate_task_id(runner: CliRunner, plan_copy: Path) -> None:
    line = _edit(plan_copy / "tasks.yaml", "- id: NV-1.2\n", "- id: NV-1.1\n")
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert f"tasks.yaml:{line}: duplicate-id: task NV-1.1 appears twice" in result.stdout


def test_unknown_agency_in_task_lead(runner: CliRunner, plan_copy: Path) -> None:
    line = _edit(plan_copy / "tasks.yaml", "lead: [STTTT]", "lead: [STTTX]", after="- id: NV-1.1\n")
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert (
        f"tasks.yaml:{line}: unknown-agency: task NV-1.1: lead: unknown agency or group 'STTTX' "
        "(did you mean STTTT?)"
    ) in result.stdout


def test_unknown_target_lead(runner: CliRunner, plan_copy: Path) -> None:
    line = _edit(plan_copy / "targets.yaml", "lead: VPUBND", "lead: NOBODY", after="- id: EG-02\n")
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert (
        f"targets.yaml:{line}: unknown-agency: target EG-02: lead: unknown agency or group 'NOBODY'"
        in result.stdout
    )


def test_a_warning_is_counted_and_passes(runner: CliRunner, plan_copy: Path) -> None:
    line = _edit(
        plan_copy / "targets.yaml",
        "      year: 2022\n",
        "      year: 2021\n",
        after="- id: DG-01\n",
    )
    result = _check(runner, plan_copy)
    assert result.exit_code == 0
    assert f"targets.yaml:{line}: baseline-year: target DG-01" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("0 error(s), 1 warning(s), 3 note(s)")


def test_budget_parts_not_summing(runner: CliRunner, plan_copy: Path) -> None:
    line = _edit(plan_copy / "plan.yaml", "amount: 26650\n", "amount: 26600\n")
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    total_line = line - 5  # "total:" above the two parts
    assert (plan_copy / "plan.yaml").read_text(encoding="utf-8").splitlines()[
        total_line - 1
    ].strip() == "total: 132897.5"
    assert f"plan.yaml:{total_line}: budget-mismatch:" in result.stdout
    assert "add up to 132,847.5, the total says 132,897.5 (million VND)" in result.stdout


def test_scope_selecting_no_unit(runner: CliRunner, plan_copy: Path) -> None:
    line = _edit(
        plan_copy / "targets.yaml",
        "      levels: [commune]\n      types: [phường, thị trấn]\n",
        "      levels: [district]\n      types: [phường]\n",
    )
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert (
        f"targets.yaml:{line - 1}: empty-scope: target EG-04: scope district (phường) "
        "selects no unit"
    ) in result.stdout


def test_several_errors_are_all_reported(runner: CliRunner, plan_copy: Path) -> None:
    _edit(plan_copy / "targets.yaml", "- id: EG-02\n", "- id: EG-01\n")
    _edit(plan_copy / "tasks.yaml", "- id: NV-1.2\n", "- id: NV-1.1\n")
    _edit(plan_copy / "plan.yaml", "    total: 132897.5\n", "    total: 1\n")
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert "3 error(s), 3 note(s)" in result.stdout


# --- loading errors (the plan cannot be loaded at all) ------------------------------------------


def _op_line(text: str) -> int:
    lines = text.splitlines()
    start = lines.index("  - id: EG-07")
    return next(i for i in range(start, len(lines)) if lines[i].strip().startswith("op:")) + 1


def test_bad_op_value_is_located(runner: CliRunner, plan_copy: Path) -> None:
    path = plan_copy / "targets.yaml"
    expected_line = _op_line(path.read_text(encoding="utf-8"))
    line = _edit(path, 'op: "done"', 'op: "gte"', after="- id: EG-07\n")
    assert line == expected_line
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert (
        f"targets.yaml:{line}: plan-schema: target EG-07: op: must be one of "
        "'>=', '>', '<=', 'increase' or 'done' (got 'gte')"
    ) in result.output
    assert result.stdout == ""  # findings go to stderr; no summary when nothing loaded


def test_missing_required_field_points_at_its_entry(runner: CliRunner, plan_copy: Path) -> None:
    path = plan_copy / "targets.yaml"
    entry_line = path.read_text(encoding="utf-8").splitlines().index("  - id: EG-01") + 1
    _edit(path, "    period_rule: latest\n", "", after="- id: EG-01\n")
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert f"targets.yaml:{entry_line}: plan-schema: target EG-01: period_rule: Field required" in (
        result.output
    )


def test_yaml_syntax_error_has_a_line(runner: CliRunner, plan_copy: Path) -> None:
    line = _edit(plan_copy / "plan.yaml", "  signer: Đặng Văn Minh\n", "  signer: a: b\n")
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert f"plan.yaml:{line}: yaml-syntax: mapping values are not allowed" in result.output


def test_unclosed_flow_sequence_is_a_syntax_error(runner: CliRunner, plan_copy: Path) -> None:
    _edit(
        plan_copy / "targets.yaml", "levels: [province]", "levels: [province", after="- id: EG-01\n"
    )
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert "yaml-syntax" in result.output
    assert "targets.yaml:" in result.output


def test_yaml_alias_is_refused(runner: CliRunner, plan_copy: Path) -> None:
    path = plan_copy / "plan.yaml"
    _edit(path, '  province_code: "51"\n', '  province_code: &a "51"\n')
    line = _edit(path, "  province_name: Tỉnh Quảng Ngãi\n", "  province_name: *a\n")
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert f"plan.yaml:{line}: yaml-unsafe: YAML aliases (*name) are not allowed" in result.output


def test_python_tag_is_refused_and_not_run(
    runner: CliRunner, plan_copy: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    line = _edit(
        plan_copy / "plan.yaml",
        "  signer: Đặng Văn Minh\n",
        f'  signer: !!python/object/apply:os.system ["touch {marker}"]\n',
    )
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert f"plan.yaml:{line}: yaml-unsafe: tag " in result.output
    assert "python/object/apply:os.system" in result.output
    assert not marker.exists()


def test_python_name_tag_is_refused(runner: CliRunner, plan_copy: Path) -> None:
    _edit(
        plan_copy / "plan.yaml",
        "  signer: Đặng Văn Minh\n",
        "  signer: !!python/name:os.system ''\n",
    )
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert "yaml-unsafe" in result.output


def test_missing_file(runner: CliRunner, plan_copy: Path) -> None:
    (plan_copy / "agencies.yaml").unlink()
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert "agencies.yaml: plan-file-missing: " in result.output
    assert "agencies.yaml does not exist" in result.output


def test_missing_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = _check(runner, tmp_path / "nope")
    assert result.exit_code == 2  # a mistyped --data-dir is a usage problem, like a bad path
    assert result.output.count("\n") == 1  # one line
    assert "plan folder" in result.output and "does not exist" in result.output
    assert "QN_DX_DATA" in result.output  # the hint says how to point at a plan
    a_file = tmp_path / "plan.yaml"
    a_file.write_text("plan: {}\n", encoding="utf-8")
    result = _check(runner, a_file)
    assert result.exit_code == 2
    assert "is not a folder" in result.output


def test_errors_in_several_files_are_all_reported(runner: CliRunner, plan_copy: Path) -> None:
    _edit(plan_copy / "targets.yaml", 'op: "done"', 'op: "gte"', after="- id: EG-07\n")
    (plan_copy / "units.yaml").unlink()
    result = _check(runner, plan_copy)
    assert result.exit_code == 1
    assert "plan-schema" in result.output
    assert "plan-file-missing" in result.output


def test_env_var_points_at_the_broken_copy(runner: CliRunner, plan_copy: Path) -> None:
    line = _edit(plan_copy / "targets.yaml", "- id: EG-02\n", "- id: EG-01\n")
    result = _check(runner, None, QN_DX_DATA=str(plan_copy))
    assert result.exit_code == 1
    assert f"{plan_copy / 'targets.yaml'}:{line}: duplicate-id" in result.stdout


def test_data_dir_option_beats_env_var(runner: CliRunner, plan_copy: Path, tmp_path: Path) -> None:
    result = _check(runner, plan_copy, QN_DX_DATA=str(tmp_path / "nope"))
    assert result.exit_code == 0


@pytest.mark.parametrize("cmd", [["targets"], ["tasks"]])
def test_listing_commands_also_refuse_a_broken_plan(
    runner: CliRunner, plan_copy: Path, cmd: list[str]
) -> None:
    _edit(plan_copy / "targets.yaml", 'op: "done"', 'op: "gte"', after="- id: EG-07\n")
    result = runner.invoke(app, ["--data-dir", str(plan_copy), *cmd])
    assert result.exit_code == 1
    assert "plan-schema: target EG-07: op:" in result.output
