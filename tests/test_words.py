"""The catalogue of words (words.py, words_findings.py): every entry in both languages, every
finding code explained, every key the code uses present, and validate speaking Vietnamese."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HEADER, invoke, write
from qn_dx.findings import CATALOGUE, Both, Finding, joined, msg, said
from qn_dx.words import W, say

SRC = Path(__file__).resolve().parent.parent / "src" / "qn_dx"

# Entries whose two languages may fill in different parameters, and why.
DIFFERENT_PLACEHOLDERS = {
    "period.Q": "Vietnamese writes the quarter in Roman numerals (Quý III/2023)",
    "goal.baseline": "Vietnamese names the baseline's year, English says 'baseline'",
}
VI_LETTERS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")
ENGLISH_STATUS = re.compile(
    r"\b(met|not met|on track|off track|pending|no data|not started|in progress|delayed|"
    r"overdue|not reported|not done)\b",
    re.IGNORECASE,
)


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(W))
def test_every_entry_has_both_languages_with_the_same_placeholders(key: str) -> None:
    vi, en = W[key]
    assert isinstance(vi, str) and vi.strip(), f"{key}: no Vietnamese"
    assert isinstance(en, str) and en.strip(), f"{key}: no English"
    if key not in DIFFERENT_PLACEHOLDERS:
        assert _fields(vi) == _fields(en), f"{key}: {_fields(vi)} ≠ {_fields(en)}"


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_a_meaning_and_a_hint_in_both_languages(code: str) -> None:
    for key in (f"code.{code}", f"hint.{code}"):
        assert key in W, f"{key} is missing from the catalogue"
        vi, en = W[key]
        assert vi.strip() and en.strip()
        assert vi != en, f"{key}: the Vietnamese is the English"
    entry = CATALOGUE[code]
    assert entry.meaning == W[f"code.{code}"][1]
    assert entry.meaning_text("vi") == W[f"code.{code}"][0]
    assert entry.hint_text("vi") == W[f"hint.{code}"][0]


def _keys_used() -> list[tuple[str, str]]:
    """(file, key) for every msg("…") / msg(f"…") / words("…") / say("…") in the source."""
    found = []
    call = re.compile(
        r"""(?:(?<![\w.])(?:msg|words|say)|shell\.words)\(\s*(f?)"([^" ]+)"(?=\s*[,)])"""
    )
    for path in sorted(SRC.rglob("*.py")):
        for is_f, key in call.findall(path.read_text(encoding="utf-8")):
            found.append((f"{path.relative_to(SRC)}", ("f:" if is_f else "") + key))
    return found


def test_the_source_uses_words_at_all() -> None:
    assert len(_keys_used()) > 300


@pytest.mark.parametrize(("where", "key"), _keys_used())
def test_every_key_the_source_uses_is_in_the_catalogue(where: str, key: str) -> None:
    if key.startswith("f:"):  # an f-string key: some entry must fit its shape
        pattern = re.sub(r"\\\{[^}]*\\\}", "[^ ]+", re.escape(key[2:]))
        assert any(re.fullmatch(pattern, k) for k in W), f"{where}: no key fits {key[2:]!r}"
    else:
        assert key in W, f"{where}: {key!r} is not in the catalogue"


def test_words_inside_words_are_said_in_the_same_language() -> None:
    inner = msg("words.basis.cumulative")
    outer = msg(
        "finding.mixed-basis",
        id="EG-16",
        unit="51",
        year=2023,
        basis=inner,
        other="a.csv:3",
        other_basis=msg("words.basis.period"),
    )
    assert "this row is cumulative (lũy kế) but a.csv:3 is per period (trong kỳ)" in outer
    assert "dòng này là lũy kế (cumulative) nhưng a.csv:3 là trong kỳ (per period)" in outer.text(
        "vi"
    )
    pair = joined([msg("words.tabs"), "';'"], " or ", " hoặc ")
    assert pair == "tabs or ';'" and pair.text("vi") == "ký tự tab hoặc ';'"
    assert said(Both("cột A", "column A"), "vi") == "cột A"
    assert say("cli.error", "vi", message="x") == "Lỗi: x"


def test_a_finding_is_the_same_after_a_trip_through_pickle() -> None:
    import pickle

    f = Finding(
        "bad-period",
        msg("finding.bad-period", text="'2023-Q5'"),
        hint=msg("finding.bad-period.hint", y=2023),
    )
    g = pickle.loads(pickle.dumps(f))
    assert g.to_dict("vi") == f.to_dict("vi") and g.to_dict() == f.to_dict()


MESSY = [
    "EG-99,2023-Q1,21010,5,10,,",  # unknown indicator (did you mean …)
    "EG-16,2023-Q5,21010,5,10,,",  # bad period
    "EG-16,2023-Q1,99999,5,10,,",  # unknown unit
    "EG-16,2023-Q1,522,5,10,,",  # out of scope
    "EG-16,2023-Q2,21010,12,10,,",  # numerator > denominator
    "EG-16,2023-Q3,21010,x,10,,",  # not a number
    "EG-16,2023-Q4,21010,5,0,,",  # zero denominator
    "EG-16,2023-Q1,21034,5,10,91,",  # value mismatch
    "EG-16,2023-Q1,21040,,10,,",  # missing numerator
    "EG-16,2022-Q1,21010,-5,10,,",  # negative
    "EG-16,2021-Q1,21010,5,10,,",  # period out of range
    "EG-07,2023-Q1,51,,,maybe,",  # bad milestone
    "EG-07,2023-Q2,51,,,,",  # milestone without value
    "DG-13,2023,STTTT,,,3,",  # out of scope rank
    "DG-13,2023,51,,,0,",  # rank below 1
    "EG-16,2023-Q2,21034,5,10,,",
    "EG-16,2023-Q2,21034,6,10,,",  # conflicting duplicate
    "EG-16,2023-Q3,21034,5,10,,",
    "EG-16,2023-Q3,21034,5,10,,",  # duplicate row
    "EG-16,2023-03,21034,5,10,,",  # overlaps 2023-Q1? (a month inside a reported quarter)
    "Tổng cộng,,,,,,",  # total row
    "I. CHÍNH QUYỀN ĐIỆN TỬ,,,,,,",  # text row
    "EG-16,2023-Q4,21034,,,,",  # unfilled
]


def _validate(runner: CliRunner, path: Path, lang: str) -> dict:  # type: ignore[type-arg]
    result = invoke(runner, "validate", str(path), "--format", "json", "--lang", lang)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_validate_speaks_vietnamese_with_the_same_codes(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "messy.csv", MESSY, header=HEADER + ",extra column")
    vi = _validate(runner, path, "vi")
    en = _validate(runner, path, "en")
    found_vi = vi["errors"] + vi["warnings"]
    found_en = en["errors"] + en["warnings"]
    assert len(found_vi) == len(found_en) >= 20
    codes = {f["code"] for f in found_en}
    assert {"unknown-indicator", "bad-period", "unknown-unit", "conflicting-duplicate"} <= codes
    for v, e in zip(found_vi, found_en, strict=True):
        assert (v["code"], v["file"], v["line"], v["column"]) == (
            e["code"],
            e["file"],
            e["line"],
            e["column"],
        )
        assert v["message"] != e["message"], f"{e['code']}: not translated: {e['message']}"
        assert VI_LETTERS.search(v["message"].lower()), f"{v['code']}: {v['message']}"
        assert not ENGLISH_STATUS.search(v["message"]), f"{v['code']}: {v['message']}"
        if e["hint"] is not None:
            assert v["hint"] != e["hint"], f"{e['code']}: hint not translated: {e['hint']}"
            assert VI_LETTERS.search(v["hint"].lower()), f"{v['code']}: {v['hint']}"
    assert vi.keys() == en.keys()  # JSON keys stay English


def test_validate_text_output_in_vietnamese(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", ["EG-16,2023-Q1,21010,12,10,,"])
    result = invoke(runner, "validate", str(path), "--lang", "vi")
    assert result.exit_code == 1
    assert "numerator-exceeds-denominator: tử số 12 lớn hơn mẫu số 10" in result.stdout
    assert "KHÔNG ĐẠT" in result.stdout


def test_codes_in_both_languages(runner: CliRunner) -> None:
    en = json.loads(invoke(runner, "codes", "--format", "json", "--lang", "en").stdout)
    vi = json.loads(invoke(runner, "codes", "--format", "json", "--lang", "vi").stdout)
    assert [r["code"] for r in en] == [r["code"] for r in vi] == list(CATALOGUE)
    assert set(en[0]) == {"code", "severity", "meaning", "hint"}
    by_code = {r["code"]: r for r in vi}
    assert by_code["bad-period"]["meaning"] == "kỳ báo cáo không phải tháng, quý hay năm đọc được"
    assert by_code["negative-number"]["severity"] == "error"
    assert all(VI_LETTERS.search(r["meaning"] + r["hint"]) for r in vi)
    assert en[0]["meaning"] == CATALOGUE[en[0]["code"]].meaning


def test_explain_says_why_in_vietnamese(runner: CliRunner, tmp_path: Path) -> None:
    """A refused row's reason is the English "code: message" in the English JSON, and Vietnamese
    (same code) with --lang vi, as is the reason a valid row does not count."""
    folder = tmp_path / "actuals"
    folder.mkdir()
    rows = ["EG-16,2023-Q1,21034,3,10,,", "EG-16,2023-Q3,21034,4,10,,", "EG-16,2023-Q1,522,1,2,,"]
    write(folder, "act.csv", rows)

    def excluded(lang: str) -> list[str]:
        args = ["explain", "EG-16", "--actuals", str(folder), "--as-of", "2023-Q2"]
        result = invoke(runner, *args, "--format", "json", "--lang", lang)
        assert result.exit_code == 0, result.output
        return [x["reason"] for x in json.loads(result.stdout)["excluded"]]

    en, vi = excluded("en"), excluded("vi")
    assert en[0] == "after 2023-Q2: dated at the end of 2023-Q3"
    assert vi[0] == "sau Quý II/2023: tính vào cuối kỳ Quý III/2023"
    assert en[1].startswith("unit-out-of-scope: 522 (") and "does not report EG-16" in en[1]
    assert vi[1].startswith("unit-out-of-scope: 522 (") and "không báo cáo chỉ tiêu EG-16" in vi[1]
    args = ["explain", "EG-16", "--actuals", str(folder), "--as-of", "2023-Q2", "--lang", "vi"]
    text = invoke(runner, *args).stdout
    assert "— unit-out-of-scope: 522 (" in text and "không báo cáo chỉ tiêu EG-16" in text
