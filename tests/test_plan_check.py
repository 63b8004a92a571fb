"""plan/check.py: consistency of a plan folder beyond what each file's schema can see."""

from __future__ import annotations

from pathlib import Path

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
        plan_copy / "targets.yaml", "lead: VPUBND\n", "lead: VPUBNX\n", after="- id: EG-01\n"
    )
    (f,) = _check(plan_copy)
    assert f.code == "unknown-agency"
    assert f.line == line
    assert f.message == "target EG-01: lead: unknown agency 'VPUBNX'"
    assert f.hint == "did you mean VPUBND?"


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


def test_commune_with_a_commune_parent(plan_copy: Path) -> None:
    path = plan_copy / "units.yaml"
    text = path.read_text(encoding="utf-8")
    idx = text.index("level: commune\n    parent: ") + len("level: commune\n    parent: ")
    end = text.index("\n", idx)
    path.write_text(text[:idx] + '"51"' + text[end:], encoding="utf-8")
    (f,) = _check(plan_copy)
    assert f.code == "bad-parent"
    assert f.line == text[:idx].count("\n") + 1
    assert "is not a district" in f.message


def test_findings_are_sorted_by_file_and_line(plan_copy: Path) -> None:
    _edit(plan_copy / "tasks.yaml", "- id: NV-1.2\n", "- id: NV-1.1\n")
    _edit(plan_copy / "plan.yaml", "    total: 132897.5\n", "    total: 1\n")
    found = check_plan(load_plan(plan_copy))
    keys = [(f.file or "", f.line or 0) for f in found]
    assert keys == sorted(keys)
