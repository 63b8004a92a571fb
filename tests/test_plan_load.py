"""plan/load.py, models.py, yamlsafe.py, registry.py: the shipped plan folder as typed data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from qn_dx.findings import FindingsError
from qn_dx.plan import Plan, default_data_dir, load_plan
from qn_dx.plan.registry import (
    LookupError_,
    group_members,
    groups_of,
    resolve,
    units_in_scope,
)
from qn_dx.text import fold


def _codes(exc: pytest.ExceptionInfo[FindingsError]) -> list[str]:
    return [f.code for f in exc.value.findings]


# --- units --------------------------------------------------------------------------------------


def test_units_count_by_level(plan: Plan) -> None:
    assert len(plan.units) == 187
    assert Counter(u.level for u in plan.units) == {"province": 1, "district": 13, "commune": 173}


def test_commune_types(plan: Plan) -> None:
    communes = Counter(u.type for u in plan.units if u.level == "commune")
    assert communes == {"xã": 148, "phường": 17, "thị trấn": 8}


def test_unit_codes_are_strings(plan: Plan) -> None:
    assert all(isinstance(u.code, str) for u in plan.units)
    assert all(u.parent is None or isinstance(u.parent, str) for u in plan.units)
    assert plan.unit_by_code["51"].level == "province"
    assert plan.unit_by_code["522"].name == "Thành phố Quảng Ngãi"


# --- scopes -------------------------------------------------------------------------------------


def _in_scope(plan: Plan, target_id: str) -> int:
    return len(units_in_scope(plan, plan.target_by_id[target_id].scope))


def test_scope_wards_and_townships(plan: Plan) -> None:
    assert _in_scope(plan, "EG-04") == 17 + 8


def test_scope_rural_communes_and_ly_son(plan: Plan) -> None:
    # The 148 xã, and the island district Lý Sơn (536), which has no communes: named in units.
    units = units_in_scope(plan, plan.target_by_id["EG-05"].scope)
    assert len(units) == 148 + 1
    assert [u.code for u in units if u.level != "commune"] == ["536"]


def test_scope_of_two_leads_parts(plan: Plan) -> None:
    eg11 = [u.code for u in units_in_scope(plan, plan.target_by_id["EG-11"].scope)]
    assert sorted(eg11) == ["SGDDT", "SYT"]
    cs05 = [u.code for u in units_in_scope(plan, plan.target_by_id["CS-05"].scope)]
    assert sorted(cs05) == ["SGDDT", "SLDTBXH"]


def test_scope_all_communes(plan: Plan) -> None:
    assert _in_scope(plan, "EG-16") == 173


def test_scope_departments_and_districts(plan: Plan) -> None:
    departments = sum(a.level == "department" for a in plan.agencies)
    assert departments == 20
    assert _in_scope(plan, "EG-15") == 13 + departments


def test_scope_province_only(plan: Plan) -> None:
    units = units_in_scope(plan, plan.target_by_id["EG-01"].scope)
    assert [u.code for u in units] == ["51"]


# --- metadata and budget ------------------------------------------------------------------------


def test_plan_dates_are_recorded_as_printed(plan: Plan) -> None:
    assert plan.info.number == "189/KH-UBND"
    assert plan.info.dates.header == dt.date(2022, 12, 9)
    assert [(a.name, a.date) for a in plan.info.dates.appendices] == [
        ("Phụ lục 1", dt.date(2022, 12, 8)),
        ("Phụ lục 2", dt.date(2022, 12, 9)),
    ]
    assert (plan.plan_year, plan.baseline_year) == (2023, 2022)


def test_budget_total_and_parts(plan: Plan) -> None:
    rec = plan.budget.recurrent
    assert rec.total == 132897.5
    assert [(p.level, p.amount) for p in rec.parts] == [
        ("province", 106247.5),
        ("district", 26650),
    ]
    assert sum(p.amount for p in rec.parts) == rec.total


def test_areas_in_plan_order(plan: Plan) -> None:
    assert list(plan.area_by_id) == [
        "e-government",
        "digital-government",
        "digital-economy",
        "digital-society",
        "cybersecurity",
    ]


# --- targets and tasks --------------------------------------------------------------------------


def test_counts(plan: Plan) -> None:
    # Part II §II's 53 targets and §III's drill (CS-06); Phụ lục 2's 76 rows in 10 groups.
    assert (len(plan.targets), len(plan.tasks), len(plan.task_groups)) == (54, 76, 10)
    assert (len(plan.agencies), len(plan.groups)) == (25, 10)


def test_target_text_forms(plan: Plan) -> None:
    t = plan.target_by_id
    assert t["EG-04"].target_text() == "≥ 60 %"
    assert t["DG-13"].target_text() == "≤ 32"
    assert t["EG-07"].target_text() == "done"
    assert t["DG-01"].target_text() == "> baseline"
    assert t["DE-06"].target_text() == "≥ baseline + 5 pp"


def test_repeated_task_numbers_get_letter_ids(plan: Plan) -> None:
    assert plan.task_by_id["NV-6.1b"].number == "6.1"
    assert plan.task_by_id["NV-8.4b"].number == "8.4"
    assert not any(t.number == "8.5" for t in plan.tasks)


def test_line_numbers_point_into_the_file(plan: Plan) -> None:
    text = (plan.folder / "targets.yaml").read_text(encoding="utf-8").splitlines()
    line = plan.line("targets", "targets", 6, "op")
    assert line is not None
    assert text[line - 1].strip().startswith("op:")
    assert plan.target_by_id["EG-07"] is plan.targets[6]


# --- registry -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["SYT", "syt", "Sở Y tế", "so y te", "SO Y TE", "Department of Health"]
)
def test_resolve_agency_by_code_or_name(plan: Plan, query: str) -> None:
    assert resolve(plan, query) == "SYT"


def test_resolve_by_alias(plan: Plan) -> None:
    assert resolve(plan, "Sở TT&TT") == "STTTT"


def test_resolve_unit_code(plan: Plan) -> None:
    assert resolve(plan, "522") == "522"


def test_resolve_unknown_suggests_once_per_code(plan: Plan) -> None:
    with pytest.raises(LookupError_) as exc:
        resolve(plan, "so y tee")
    assert not exc.value.ambiguous
    assert exc.value.suggestions[0] == "SYT (Sở Y tế)"
    codes = [s.split(" ")[0] for s in exc.value.suggestions]
    assert len(codes) == len(set(codes))


def test_resolve_ambiguous_partial(plan: Plan) -> None:
    with pytest.raises(LookupError_) as exc:
        resolve(plan, "Sở")
    assert exc.value.ambiguous


def test_group_members_expand_levels_and_nesting(plan: Plan) -> None:
    # 20 agencies of level department, and the sector bodies the plan names (CAT, NHNN, CT, CTK).
    assert len(group_members(plan, "SO_BAN_NGANH")) == 20 + 4
    assert {"CAT", "NHNN", "CT", "CTK"} <= group_members(plan, "SO_BAN_NGANH")
    assert "TDOAN" not in group_members(plan, "SO_BAN_NGANH")
    one_stop = group_members(plan, "MOT_CUA")
    assert "VPUBND" in one_stop and "522" in one_stop and "21010" in one_stop
    assert len(one_stop) == 1 + 13 + 173
    assert len(group_members(plan, "UBND_HUYEN")) == 13
    assert group_members(plan, "UBND_CAC_CAP") == group_members(plan, "UBND_HUYEN") | group_members(
        plan, "UBND_XA"
    )


def test_groups_of_district_and_department(plan: Plan) -> None:
    assert groups_of(plan, "522") == ["UBND_HUYEN", "UBND_CAC_CAP", "MOT_CUA"]
    assert groups_of(plan, "SYT") == ["SO_BAN_NGANH"]
    assert groups_of(plan, "CAT") == ["SO_BAN_NGANH"]
    assert groups_of(plan, "VPUBND") == ["SO_BAN_NGANH", "MOT_CUA"]


# --- where the plan comes from, and loading errors ----------------------------------------------


def test_default_data_dir_honours_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QN_DX_DATA", str(tmp_path))
    assert default_data_dir() == tmp_path


def test_default_data_dir_without_env_has_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QN_DX_DATA", raising=False)
    assert (default_data_dir() / "targets.yaml").is_file()


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FindingsError) as exc:
        load_plan(tmp_path / "nope")
    assert _codes(exc) == ["plan-file-missing"]


def test_missing_file_reports_every_missing_file(plan_copy: Path) -> None:
    (plan_copy / "units.yaml").unlink()
    (plan_copy / "agencies.yaml").unlink()
    with pytest.raises(FindingsError) as exc:
        load_plan(plan_copy)
    assert _codes(exc) == ["plan-file-missing", "plan-file-missing"]
    assert {Path(f.file).name for f in exc.value.findings} == {"units.yaml", "agencies.yaml"}


def test_unknown_field_is_a_schema_error(plan_copy: Path) -> None:
    path = plan_copy / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  plan_year: 2023", "  plan_year: 2023\n  plan_yaer: 2023"))
    with pytest.raises(FindingsError) as exc:
        load_plan(plan_copy)
    (f,) = exc.value.findings
    assert f.code == "plan-schema"
    assert "plan_yaer: unknown field" in f.message
    expected = text.splitlines().index("  plan_year: 2023") + 2
    assert f.line == expected


def test_python_tag_is_refused_without_running_it(plan_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = plan_copy / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    evil = f'  note: !!python/object/apply:os.system ["touch {marker}"]\n  signer_note: >-'
    path.write_text(text.replace("  note: >-", evil, 1), encoding="utf-8")
    with pytest.raises(FindingsError) as exc:
        load_plan(plan_copy)
    assert _codes(exc) == ["yaml-unsafe"]
    assert not marker.exists()


def test_set_tag_is_refused(plan_copy: Path) -> None:
    path = plan_copy / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  plan_year: 2023", "  plan_year: !!set {2023: null}"))
    with pytest.raises(FindingsError) as exc:
        load_plan(plan_copy)
    assert _codes(exc) == ["yaml-unsafe"]


def test_bom_is_accepted(plan_copy: Path) -> None:
    path = plan_copy / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_plan(plan_copy).info.number == "189/KH-UBND"


def test_non_utf8_file_is_a_syntax_error(plan_copy: Path) -> None:
    path = plan_copy / "plan.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(FindingsError) as exc:
        load_plan(plan_copy)
    assert _codes(exc) == ["yaml-syntax"]
    assert exc.value.findings[0].hint == "save as UTF-8"


# --- issue 14: the plan's shape is data ---------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _load_findings(folder: Path) -> list[tuple[str, int | None, str]]:
    with pytest.raises(FindingsError) as exc:
        load_plan(folder)
    return [(Path(f.file or "").name, f.line, f.message) for f in exc.value.findings]


def test_levels_and_unit_types_are_declared_in_the_plan(plan: Plan) -> None:
    assert [(lv.id, lv.types) for lv in plan.levels] == [
        ("province", ["tỉnh"]),
        ("district", ["thành phố", "thị xã", "huyện"]),
        ("commune", ["phường", "thị trấn", "xã"]),
    ]
    assert plan.level_rank == {"province": 0, "district": 1, "commune": 2}


def test_a_new_unit_type_is_data(plan_copy: Path) -> None:
    # đặc khu: declared in plan.yaml, a unit may have it; nothing else changes.
    _replace(
        plan_copy / "plan.yaml",
        "types: [phường, thị trấn, xã]",
        "types: [phường, thị trấn, xã, đặc khu]",
    )
    _replace(plan_copy / "units.yaml", "    type: xã\n", "    type: đặc khu\n")
    assert Counter(u.type for u in load_plan(plan_copy).units)["đặc khu"] == 1


def test_a_unit_type_not_of_its_level(plan_copy: Path) -> None:
    line = _replace(plan_copy / "units.yaml", "    type: xã\n", "    type: đặc khu\n")
    ((name, at, message),) = _load_findings(plan_copy)
    assert (name, at) == ("units.yaml", line)
    assert message.endswith("type 'đặc khu' is not a type of level commune")


def test_a_unit_level_the_plan_does_not_declare(plan_copy: Path) -> None:
    line = _replace(plan_copy / "units.yaml", "    level: commune\n", "    level: hamlet\n")
    ((name, at, message),) = _load_findings(plan_copy)
    assert (name, at) == ("units.yaml", line)
    assert message.endswith("level 'hamlet' is not a level of plan.yaml")


def test_scope_level_and_type_are_checked_against_the_plan(plan_copy: Path) -> None:
    path = plan_copy / "targets.yaml"
    line = _replace(
        path,
        "      levels: [commune]\n      types: [phường, thị trấn]\n",
        "      levels: [ward]\n      types: [phường, thi tran]\n",
    )
    found = _load_findings(plan_copy)
    assert found == [
        ("targets.yaml", line, "target EG-04: scope: 'ward' is not a level"),
        (
            "targets.yaml",
            line + 1,
            "target EG-04: scope: 'thi tran' is not a unit type of plan.yaml",
        ),
    ]


def test_budget_levels_are_the_plans_levels(plan_copy: Path) -> None:
    # A commune budget is data: any declared level may hold a part.
    path = plan_copy / "plan.yaml"
    _replace(
        path,
        "      - level: district\n        amount: 26650\n",
        "      - level: district\n        amount: 26000\n"
        "      - level: commune\n        amount: 650\n",
    )
    plan = load_plan(plan_copy)
    assert [p.level for p in plan.budget.recurrent.parts] == ["province", "district", "commune"]
    line = _replace(path, "      - level: commune\n", "      - level: hamlet\n")
    ((name, at, message),) = _load_findings(plan_copy)
    assert (name, at) == ("plan.yaml", line)
    assert message == "budget part: level 'hamlet' is not a level of plan.yaml"


def test_any_number_of_appendix_dates(plan_copy: Path) -> None:
    path = plan_copy / "plan.yaml"
    _replace(
        path,
        "      - name: Phụ lục 2\n        date: 2022-12-09\n",
        "      - name: Phụ lục 2\n        date: 2022-12-09\n"
        "      - name: Phụ lục 3\n        date: 2022-12-10\n",
    )
    assert [a.name for a in load_plan(plan_copy).info.dates.appendices][-1] == "Phụ lục 3"


def test_past_spending_is_year_neutral(plan: Plan) -> None:
    past = plan.budget.past_spending
    assert past is not None and (past.year, past.amount, past.approximate) == (2022, 100000, True)


def test_lead_is_a_code_or_a_list(plan: Plan) -> None:
    t = plan.target_by_id
    assert (t["EG-02"].leads, t["EG-02"].lead) == (["VPUBND"], "VPUBND")
    assert (t["EG-01"].leads, t["EG-01"].lead) == (["VPUBND", "STTTT"], "VPUBND")
    assert t["EG-11"].leads == ["SYT", "SGDDT"] and t["CS-05"].leads == ["SGDDT", "SLDTBXH"]


def test_an_empty_lead_list_is_located_on_lead(plan_copy: Path) -> None:
    line = _replace(
        plan_copy / "targets.yaml", "    lead: VPUBND\n    source:", "    lead: []\n    source:"
    )
    ((name, at, message),) = _load_findings(plan_copy)
    assert (name, at) == ("targets.yaml", line)
    assert message.startswith("target EG-02: lead: List should have at least 1 item")


def test_other_reading_needs_a_kept_reading(plan_copy: Path) -> None:
    _replace(plan_copy / "targets.yaml", "    target_offset: 5\n", "    target: 15\n")
    _replace(plan_copy / "targets.yaml", "    target: null\n    target: 15\n", "    target: 15\n")
    ((_name, _at, message),) = _load_findings(plan_copy)
    assert "other_reading needs the kept reading" in message


def test_a_scope_needs_levels_or_units(plan_copy: Path) -> None:
    _replace(plan_copy / "targets.yaml", "      units: [SYT, SGDDT]\n", "      units: []\n")
    ((_name, _at, message),) = _load_findings(plan_copy)
    assert message.endswith("a scope needs levels, units, or both")


def test_every_target_has_a_unique_indicator_key(plan: Plan) -> None:
    keys = [t.indicator for t in plan.targets]
    assert len(set(keys)) == len(keys) == len(plan.targets)
    assert plan.target_by_id["DE-06"].indicator == "digital-economy-grdp-share"


def test_titles_are_short_whole_and_unique(plan: Plan) -> None:
    """A title names what is measured, as a report table would: never empty, at most 140
    characters, no goal figure (no '%'), not the source's typo 'Phần đầu' (Phấn đấu, which stays
    in source.quote), and no two targets share one in either language, even after folding case
    and diacritics (the way validate matches the title written beside an id)."""
    for lang in ("vi", "en"):
        titles = [t.title_vi if lang == "vi" else t.title_en for t in plan.targets]
        for t, title in zip(plan.targets, titles, strict=True):
            assert title.strip() == title and title, (t.id, lang)
            assert len(title) <= 140, (t.id, lang, len(title))
            assert title[0].isupper(), (t.id, lang, title)
            assert "%" not in title, (t.id, lang, title)
            assert "phần đầu" not in title.lower(), (t.id, lang, title)
        assert len(set(titles)) == len(titles), lang
        assert len({fold(title) for title in titles}) == len(titles), lang


@pytest.mark.parametrize(
    ("target_id", "words"),
    [
        ("EG-04", ["Tỷ lệ hộ gia đình", "phường, thị trấn", "cáp quang"]),
        ("EG-05", ["Tỷ lệ hộ gia đình", "xã", "Lý Sơn", "cáp quang"]),
        ("EG-16", ["Tỷ lệ văn bản", "môi trường mạng", "cấp xã"]),
        ("EG-18", ["Tỷ lệ văn bản", "ký số", "cấp xã"]),
        ("DG-13", ["Thứ hạng", "(DTI)", "chính quyền số"]),
        ("DE-06", ["Tỷ trọng kinh tế số", "GRDP"]),
        ("DS-08", ["Thứ hạng", "(DTI)", "xã hội số"]),
    ],
)
def test_titles_say_what_is_counted_and_for_whom(
    plan: Plan, target_id: str, words: list[str]
) -> None:
    title = plan.target_by_id[target_id].title_vi
    for word in words:
        assert word in title, (target_id, word, title)


def test_quotes_are_the_plans_own_words(plan: Plan) -> None:
    """Every quote in targets.yaml (a target's source, a baseline from Part I) is a verbatim piece
    of the plan's text, after removing its '*' italics and collapsing whitespace."""
    import re

    seed = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_09303d0239868285.txt"
    if not seed.exists():
        pytest.skip("the plan's text is not beside the repository")
    text = re.sub(r"\s+", " ", seed.read_text(encoding="utf-8").replace("*", ""))
    for t in plan.targets:
        assert t.source.quote in text, t.id
        if t.baseline is not None and t.baseline.quote is not None:
            assert t.baseline.quote in text, t.id


def test_levels_are_unique_and_not_the_agencies_level(plan_copy: Path) -> None:
    path = plan_copy / "plan.yaml"
    line = _replace(path, "  - id: district\n", "  - id: department\n")
    found = _load_findings(plan_copy)
    assert (
        "plan.yaml",
        line,
        "level 'department' is the name scopes give the province's agencies",
    ) in found
    _replace(path, "  - id: department\n", "  - id: province\n")
    found = _load_findings(plan_copy)
    assert ("plan.yaml", line, "level 'province' is declared twice") in found


def test_units_yaml_and_units_csv_together_are_refused(plan_copy: Path) -> None:
    from qn_dx.findings import FindingsError

    (plan_copy / "units.csv").write_text("code,name,type,level,parent\n", encoding="utf-8")
    with pytest.raises(FindingsError) as caught:
        load_plan(plan_copy)
    assert [f.code for f in caught.value.findings] == ["plan-schema"]
    assert "both units.yaml and units.csv" in caught.value.findings[0].message
