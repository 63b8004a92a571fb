"""plan/check.py: consistency of a plan folder beyond what each file's schema can see."""

from __future__ import annotations

from pathlib import Path

import pytest

from qn_dx.findings import Finding, errors
from qn_dx.plan import Plan, load_plan
from qn_dx.plan.check import check_plan


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


def _check(folder: Path) -> list[Finding]:
    return errors(check_plan(load_plan(folder)))


def test_shipped_plan_has_no_errors(plan: Plan) -> None:
    assert errors(check_plan(plan)) == []


def test_shipped_plan_notes_the_appendix_numbering(plan: Plan) -> None:
    notes = check_plan(plan)
    assert [f.code for f in notes] == [
        "task-number-gap",
        "task-number-repeated",
        "task-number-repeated",
    ]
    assert "no task 8.5" in notes[0].message
    assert "6.1 twice" in notes[1].message and "NV-6.1b" in notes[1].message
    assert "8.4 twice" in notes[2].message and "NV-8.4b" in notes[2].message


def test_repeated_number_note_points_at_both_rows(plan: Plan) -> None:
    text = (plan.folder / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    note = next(f for f in check_plan(plan) if "NV-6.1b" in f.message)
    assert text[note.line - 1].strip() == "- id: NV-6.1b"
    first = text.index("  - id: NV-6.1") + 1
    assert note.hint == f"the first 6.1 is line {first}"


def test_duplicate_target_id(plan_copy: Path) -> None:
    line = _edit(plan_copy / "targets.yaml", "- id: EG-02\n", "- id: EG-01\n")
    (f,) = _check(plan_copy)
    assert (f.code, f.line, Path(f.file).name) == ("duplicate-id", line, "targets.yaml")
    assert f.message == "target EG-01 appears twice"


def test_duplicate_task_id(plan_copy: Path) -> None:
    line = _edit(plan_copy / "tasks.yaml", "- id: NV-1.2\n", "- id: NV-1.1\n")
    (f,) = _check(plan_copy)
    assert (f.code, f.line, Path(f.file).name) == ("duplicate-id", line, "tasks.yaml")
    assert f.message == "task NV-1.1 appears twice"


def test_duplicate_agency_code(plan_copy: Path) -> None:
    line = _edit(plan_copy / "agencies.yaml", "- code: SNGV\n", "- code: SNV\n")
    found = _check(plan_copy)
    dup = [f for f in found if f.code == "duplicate-id"]
    assert [(f.line, f.message) for f in dup] == [(line, "agency SNV appears twice")]


def test_unknown_agency_in_task_lead(plan_copy: Path) -> None:
    line = _edit(plan_copy / "tasks.yaml", "lead: [STTTT]", "lead: [STTTX]", after="- id: NV-1.1\n")
    found = _check(plan_copy)
    first = found[0]
    assert first.code == "unknown-agency"
    assert first.line == line
    assert first.message == "task NV-1.1: lead: unknown agency or group 'STTTX'"
    assert first.hint == "did you mean STTTT?"


def test_unknown_target_lead(plan_copy: Path) -> None:
    line = _edit(
        plan_copy / "targets.yaml", "lead: VPUBND\n", "lead: VPUBNX\n", after="- id: EG-02\n"
    )
    (f,) = _check(plan_copy)
    assert f.code == "unknown-agency"
    assert f.line == line
    assert f.message == "target EG-02: lead: unknown agency or group 'VPUBNX'"
    assert f.hint == "did you mean VPUBND?"


def test_unknown_second_lead_is_located_on_its_list(plan_copy: Path) -> None:
    line = _edit(
        plan_copy / "targets.yaml",
        "lead: [VPUBND, STTTT]\n",
        "lead: [VPUBND, STTTX]\n",
        after="- id: EG-01\n",
    )
    (f,) = _check(plan_copy)
    assert (f.code, f.line) == ("unknown-agency", line)
    assert f.message == "target EG-01: lead: unknown agency or group 'STTTX'"


def test_unknown_area(plan_copy: Path) -> None:
    path = plan_copy / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("area: cybersecurity", "area: cyber-security", 1))
    (f,) = _check(plan_copy)
    assert f.code == "plan-schema"
    assert "'cyber-security' is not an area of plan.yaml" in f.message


def test_budget_parts_not_summing_to_total(plan_copy: Path) -> None:
    line = _edit(plan_copy / "plan.yaml", "    total: 132897.5\n", "    total: 132997.5\n")
    (f,) = _check(plan_copy)
    assert (f.code, f.line, Path(f.file).name) == ("budget-mismatch", line, "plan.yaml")
    assert "132,897.5" in f.message and "132,997.5" in f.message
    assert f.hint == "difference -100.0"


def test_budget_rounding_within_tolerance_is_fine(plan_copy: Path) -> None:
    _edit(plan_copy / "plan.yaml", "    total: 132897.5\n", "    total: 132897.505\n")
    assert _check(plan_copy) == []


def test_scope_selecting_no_unit(plan_copy: Path) -> None:
    old = "      levels: [commune]\n      types: [phường, thị trấn]\n"
    line = _edit(
        plan_copy / "targets.yaml", old, "      levels: [district]\n      types: [phường]\n"
    )
    (f,) = _check(plan_copy)
    assert f.code == "empty-scope"
    assert f.line == line - 1  # the "scope:" key above levels
    assert f.message == "target EG-04: scope district (phường) selects no unit"


def test_scope_type_no_unit_has(plan_copy: Path) -> None:
    units = plan_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("type: thị trấn", "type: xã"))
    found = _check(plan_copy)
    assert [f.code for f in found] == ["unknown-unit-type"]
    assert "EG-04" in found[0].message and "'thị trấn'" in found[0].message


def _set_first_commune_parent(plan_copy: Path, parent: str) -> tuple[str, int]:
    path = plan_copy / "units.yaml"
    text = path.read_text(encoding="utf-8")
    idx = text.index("level: commune\n    parent: ") + len("level: commune\n    parent: ")
    end = text.index("\n", idx)
    path.write_text(text[:idx] + parent + text[end:], encoding="utf-8")
    code = text[: text.rindex("  - code: ", 0, idx)].count("\n")
    return text.splitlines()[code].split('"')[1], text[:idx].count("\n") + 1


def test_commune_with_a_commune_parent(plan_copy: Path) -> None:
    code, line = _set_first_commune_parent(plan_copy, '"21013"')
    (f,) = _check(plan_copy)
    assert (f.code, f.line) == ("bad-parent", line)
    assert f.message.startswith(f"unit {code} (")
    assert f.message.endswith("parent 21013 is a commune, not a level above commune")


def test_commune_under_the_province_is_fine(plan_copy: Path) -> None:
    # Two-level government (since July 2025): a commune's parent may be the province.
    _set_first_commune_parent(plan_copy, '"51"')
    assert _check(plan_copy) == []


def test_unit_of_the_top_level_with_a_parent(plan_copy: Path) -> None:
    line = _edit(
        plan_copy / "units.yaml",
        "    level: province\n    parent: null\n",
        '    level: province\n    parent: "522"\n',
    )
    (f,) = _check(plan_copy)
    assert (f.code, f.line) == ("bad-parent", line + 1)
    assert "a unit of the top level (province) has no parent" in f.message


def test_findings_are_sorted_by_file_and_line(plan_copy: Path) -> None:
    _edit(plan_copy / "tasks.yaml", "- id: NV-1.2\n", "- id: NV-1.1\n")
    _edit(plan_copy / "plan.yaml", "    total: 132897.5\n", "    total: 1\n")
    found = check_plan(load_plan(plan_copy))
    keys = [(f.file or "", f.line or 0) for f in found]
    assert keys == sorted(keys)


# --- issue 14: leads held to the task table, indicator keys, ranks, baseline years ---------------


def test_shipped_plan_has_no_lead_the_task_table_contradicts(plan: Plan) -> None:
    assert [f for f in check_plan(plan) if f.code == "lead-contradicts-tasks"] == []
    linked = [t.id for t in plan.targets if t.tasks]
    assert {"EG-01", "EG-09", "EG-13", "EG-14", "DE-02", "DE-04", "DG-08", "CS-06"} <= set(linked)


@pytest.mark.parametrize(
    ("target", "now", "before", "messages"),
    [
        (
            "EG-14",
            "lead: [SO_BAN_NGANH, UBND_HUYEN]\n    tasks: [NV-8.3]",
            "lead: STTTT\n    tasks: [NV-8.3]",
            [
                "target EG-14: NV-8.3 (row 8.3) is led by SO_BAN_NGANH; EG-14's leads (STTTT) "
                "are not among them",
                "target EG-14: lead STTTT only coordinates NV-8.3 (row 8.3), which SO_BAN_NGANH "
                "lead(s)",
            ],
        ),
        (
            "DE-02",
            "lead: [STTTT, SO_BAN_NGANH, UBND_CAC_CAP]",
            "lead: SCT",
            [
                "target DE-02: NV-2.7 (row 2.7) is led by STTTT; DE-02's leads (SCT) are not "
                "among them",
                "target DE-02: NV-9.2 (row 9.2) is led by SO_BAN_NGANH, UBND_CAC_CAP, "
                "DN_CHU_KY_SO; DE-02's leads (SCT) are not among them",
                "target DE-02: lead SCT only coordinates NV-2.7 (row 2.7 as one of SO_BAN_NGANH), "
                "which STTTT lead(s)",
            ],
        ),
        (
            "EG-09",
            "lead: [SO_BAN_NGANH, UBND_HUYEN]\n    tasks: [NV-4.3]",
            "lead: CAT\n    tasks: [NV-4.3]",
            [
                "target EG-09: NV-4.3 (row 4.3) is led by SO_BAN_NGANH, UBND_HUYEN; EG-09's leads "
                "(CAT) are not among them"
            ],
        ),
        (
            "DE-04",
            "lead: STTTT\n    tasks: [NV-9.1]",
            "lead: SKHDT\n    tasks: [NV-9.1]",
            [
                "target DE-04: NV-9.1 (row 9.1) is led by STTTT; DE-04's leads (SKHDT) are not "
                "among them",
                "target DE-04: lead SKHDT only coordinates NV-9.1 (row 9.1 as one of "
                "SO_BAN_NGANH), which STTTT lead(s)",
            ],
        ),
    ],
)
def test_the_leads_the_task_table_contradicted(
    plan_copy: Path, target: str, now: str, before: str, messages: list[str]
) -> None:
    """The four leads of issue 14, as they were before: each is reported, on its lead line."""
    line = _edit(plan_copy / "targets.yaml", now, before, after=f"- id: {target}\n")
    found = _check(plan_copy)
    assert [f.code for f in found] == ["lead-contradicts-tasks"] * len(messages)
    assert [f.message for f in found] == messages
    assert {f.line for f in found} == {line}
    assert found[0].hint is not None and found[0].hint.startswith("lead: [")


def test_a_member_of_the_leading_group_is_not_enough(plan_copy: Path) -> None:
    """Row 4.4 is led by the departments as a group: one department named alone is not what the
    row says (EG-13 named Sở Nội vụ before)."""
    _edit(
        plan_copy / "targets.yaml",
        "lead: [SO_BAN_NGANH, UBND_HUYEN]\n    tasks: [NV-4.4]",
        "lead: SNV\n    tasks: [NV-4.4]",
    )
    (f,) = _check(plan_copy)
    assert f.code == "lead-contradicts-tasks" and "EG-13's leads (SNV)" in f.message


def test_a_lead_absent_from_the_row_is_fine_when_another_lead_leads_it(plan_copy: Path) -> None:
    # EG-14's UBND_HUYEN is not named in row 8.3; SO_BAN_NGANH leads it: no contradiction.
    assert "UBND_HUYEN" not in load_plan(plan_copy).task_by_id["NV-8.3"].lead
    assert _check(plan_copy) == []


def test_unknown_task_link(plan_copy: Path) -> None:
    line = _edit(plan_copy / "targets.yaml", "tasks: [NV-9.1]", "tasks: [NV-9.10]")
    (f,) = _check(plan_copy)
    assert (f.code, f.line) == ("plan-schema", line)
    assert f.message == "target DE-04: tasks: 'NV-9.10' is not a task of tasks.yaml"
    assert f.hint == "did you mean NV-9.1?"


def test_scope_units_must_name_a_unit_or_agency(plan_copy: Path) -> None:
    line = _edit(plan_copy / "targets.yaml", "units: [SYT, SGDDT]", "units: [SYT, SGDTT]")
    (f,) = _check(plan_copy)
    assert (f.code, f.line) == ("unknown-agency", line)
    assert f.message == "target EG-11: scope: units: 'SGDTT' is no unit or agency"


def test_indicator_keys_are_unique(plan_copy: Path) -> None:
    line = _edit(
        plan_copy / "targets.yaml",
        "indicator: online-services-with-applications-share",
        "indicator: tthc-full-online-share",
    )
    (f,) = _check(plan_copy)
    assert (f.code, f.message) == (
        "duplicate-id",
        "indicator key tthc-full-online-share appears twice",
    )
    assert f.line == line - 1  # the target's entry


def test_rank_goal_outside_the_universe(plan_copy: Path) -> None:
    _edit(plan_copy / "plan.yaml", "  rank_universe: 63\n", "  rank_universe: 34\n")
    found = _check(plan_copy)
    # DTI ranks 17, 17, 15 are baselines within 34; the goals of 32 are too: nothing to report.
    assert found == []
    _edit(plan_copy / "plan.yaml", "  rank_universe: 34\n", "  rank_universe: 16\n")
    found = _check(plan_copy)
    assert {f.code for f in found} == {"rank-out-of-universe"}
    assert [f.message for f in found if "DS-08" in f.message] == [
        "target DS-08: goal rank 32 is outside 1–16"
    ]
    assert sum("baseline rank 17" in f.message for f in found) == 2  # DG-13 and DE-07


def test_rank_without_a_universe(plan_copy: Path) -> None:
    _edit(plan_copy / "plan.yaml", "  rank_universe: 63\n", "")
    found = _check(plan_copy)
    assert [f.code for f in found] == ["rank-out-of-universe"] * 3
    assert "neither the target nor plan.yaml sets rank_universe" in found[0].message


def test_a_target_may_set_its_own_rank_universe(plan_copy: Path) -> None:
    _edit(plan_copy / "plan.yaml", "  rank_universe: 63\n", "")
    path = plan_copy / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    unit: rank\n", "    unit: rank\n    rank_universe: 63\n"))
    assert _check(plan_copy) == []


def test_baseline_of_another_year_is_a_warning(plan_copy: Path) -> None:
    line = _edit(
        plan_copy / "targets.yaml",
        "      year: 2022\n",
        "      year: 2021\n",
        after="- id: DG-01\n",
    )
    found = check_plan(load_plan(plan_copy))
    (f,) = [f for f in found if f.code == "baseline-year"]
    assert (f.severity, f.line) == ("warning", line)
    assert f.message == "target DG-01: baseline of 2021, but the plan's baseline year is 2022"
    assert errors(found) == []


def test_groups_that_contain_each_other_do_not_loop(plan_copy: Path) -> None:
    """A hostile agencies.yaml: two groups each a member of the other. check, which asks which
    groups a lead belongs to, ends with its findings."""
    path = plan_copy / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    members: [UBND_HUYEN, UBND_XA]\n", "    members: [UBND_HUYEN, UBND_XA, MOT_CUA]\n"
    )
    text = text.replace(
        "    members: [VPUBND, UBND_HUYEN, UBND_XA]\n", "    members: [VPUBND, UBND_CAC_CAP]\n"
    )
    path.write_text(text, encoding="utf-8")
    assert _check(plan_copy) == []
    from qn_dx.plan.registry import groups_of

    assert groups_of(load_plan(plan_copy), "522") == ["UBND_HUYEN", "UBND_CAC_CAP", "MOT_CUA"]


def test_a_yes_no_goal_is_a_schema_error(plan_copy: Path) -> None:
    from qn_dx.findings import FindingsError

    line = _edit(plan_copy / "targets.yaml", "    target: 100\n", "    target: yes\n",
                 after="  - id: EG-01\n")  # fmt: skip
    with pytest.raises(FindingsError) as caught:
        load_plan(plan_copy)
    (f,) = caught.value.findings
    assert (f.code, f.line) == ("plan-schema", line)
    assert "yes/no" in f.message


def test_percent_goals_outside_0_to_100_are_errors(plan_copy: Path) -> None:
    line = _edit(plan_copy / "targets.yaml", "    target: 100\n", "    target: 150\n",
                 after="  - id: EG-01\n")  # fmt: skip
    (f,) = _check(plan_copy)
    assert (f.code, f.line) == ("plan-schema", line)
    assert "150 is outside 0–100 %" in f.message


def test_every_command_refuses_what_check_refuses(plan_copy: Path) -> None:
    from typer.testing import CliRunner

    from qn_dx.cli import app

    _edit(plan_copy / "targets.yaml", "area: e-government", "area: nope", after="  - id: EG-01\n")
    runner = CliRunner()
    for command in (["report"], ["summary"], ["targets"], ["missing"], ["explain", "EG-02"]):
        result = runner.invoke(app, ["--data-dir", str(plan_copy), *command])
        assert result.exit_code == 1, command
        assert "plan-schema" in result.stderr and "see qn-dx check" in result.stderr
    checked = runner.invoke(app, ["--data-dir", str(plan_copy), "check"])
    assert checked.exit_code == 1 and "plan-schema" in checked.stdout
