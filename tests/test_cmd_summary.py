"""`qn-dx summary`: small actuals written here, the summary read back as JSON, Markdown and HTML.

Hand computation of the data below (see also test_compute_summary.py):
- EG-01 (≥ 100 %, latest): Q1 60/100 = 60 % off_track; Q2 80/100 = 80 %, projection 120 → on_track.
- EG-16 (≥ 70 %, year_to_date, communes): Q1 21034 3/10 + 21037 5/10 = 8/20 = 40 %; Q2 adds
  21034 4/10 → 12/30 = 40 %: off_track both times, gap 30, relative 30/70 = 42.8571 %.
- EG-04 (≥ 60 %, latest, phường + thị trấn): Q1 21010 6/10 = 60 % met; Q2 21010 carried + 21040
  9/10 → 15/20 = 75 % met.
- Completeness at Q2: EG-01 (51), EG-16 (21034, 21037), EG-04 (21010, 21040) = 5 of 664 pairs.
- Tasks at Q2: NV-1.1 delayed 30 (Q2), NV-2.1 delayed 10 (Q1), NV-2.2 done (Q2); 73 not reported.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import HEADER, invoke
from qn_dx.cli import app
from qn_dx.text import vi_sort_key

TASK_HEADER = "task_id,period,status,progress,note"
KEYS = [
    "plan",
    "as_of",
    "previous",
    "headline",
    "furthest",
    "changes",
    "targets",
    "tasks",
    "missing",
    "rows_left_out",
    "warnings",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "actuals"
    d.mkdir()
    rows = [
        "EG-01,2023-Q1,51,60,100,,",
        "EG-01,2023-Q2,51,80,100,,",
        "EG-16,2023-Q1,21034,3,10,,",
        "EG-16,2023-Q1,21037,5,10,,",
        "EG-16,2023-Q2,21034,4,10,,",
        "EG-04,2023-Q1,21010,6,10,,",
        "EG-04,2023-Q2,21040,9,10,,",
    ]
    (d / "actuals.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    tasks = [
        "NV-1.1,2023-Q1,in_progress,20,<script>alert(1)</script>",
        "NV-2.1,2023-Q1,delayed,10,",
    ]
    (d / "progress-a.csv").write_text("\n".join([TASK_HEADER, *tasks]) + "\n", encoding="utf-8")
    tasks = ["NV-1.1,2023-Q2,delayed,30,", "NV-2.2,2023-Q2,done,100,"]
    (d / "progress-b.csv").write_text("\n".join([TASK_HEADER, *tasks]) + "\n", encoding="utf-8")
    return d


def _run(runner: CliRunner, folder: Path, *args: str) -> str:
    result = invoke(runner, "summary", "--actuals", str(folder), "--lang", "en", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _json(runner: CliRunner, folder: Path, as_of: str = "2023-Q2", *args: str) -> dict[str, Any]:
    return json.loads(_run(runner, folder, "--as-of", as_of, "--format", "json", *args))


def test_json_keys(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder)
    assert list(d) == KEYS
    assert d["plan"] == {
        "number": "189/KH-UBND",
        "title": "Digital transformation plan of Quảng Ngãi province for 2023",
        "plan_year": 2023,
    }
    assert d["as_of"] == "2023-Q2"


def test_changes_between_quarters(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder)
    assert d["previous"] == "2023-Q1"
    assert d["changes"] == [
        {
            "id": "EG-01",
            "status_then": "off_track",
            "status_now": "on_track",
            "actual_then": 60.0,
            "actual_now": 80.0,
        }
    ]
    by_id = {t["id"]: t for t in d["targets"]}
    assert len(by_id) == 54
    assert by_id["EG-16"] == {
        "id": "EG-16",
        "area": "e-government",
        "status": "off_track",
        "actual": 40.0,
        "provisional": True,  # two communes of 173
        "status_text": "off track, provisional: 2/173 units",
        "status_then": "off_track",
        "actual_then": 40.0,
        "provisional_then": True,
        "status_text_then": "off track, provisional: 2/173 units",
    }
    assert by_id["EG-04"]["actual_then"] == 60.0 and by_id["EG-04"]["actual"] == 75.0
    assert by_id["EG-02"]["status_then"] == by_id["EG-02"]["status"] == "no_data"
    assert by_id["EG-02"]["actual_then"] is None


def test_previous_is_null_at_q1(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "2023-Q1")
    assert d["previous"] is None
    assert d["changes"] == []
    assert all(t["status_then"] is None and t["actual_then"] is None for t in d["targets"])


def test_furthest_by_relative_gap(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder)
    assert [(f["id"], f["gap"], f["relative_gap"], f["status"]) for f in d["furthest"]] == [
        ("EG-16", 30.0, 42.8571, "off_track"),
        ("EG-01", 20.0, 20.0, "on_track"),
    ]
    eg16 = d["furthest"][0]
    assert (eg16["lead"], eg16["lead_name"], eg16["actual"], eg16["target"]) == (
        "STTTT",
        "Sở Thông tin và Truyền thông",
        40.0,
        70.0,
    )


def test_headline(runner: CliRunner, folder: Path) -> None:
    h = _json(runner, folder)["headline"]
    assert h["counts"] == {
        "met": 1,
        "on_track": 1,
        "off_track": 1,
        "pending": 0,
        "not_met": 0,
        "no_data": 51,
    }
    assert sum(h["counts"].values()) == 54
    assert h["completeness"] == {"reported": 5, "expected": 700, "rate": 0.7143}  # 500/700
    eg = h["areas"][0]
    assert (eg["area"], eg["name"]) == ("e-government", "E-government")
    assert eg["completeness"] == {"reported": 5, "expected": 633, "rate": 0.7899}  # 500/633


def test_tasks_by_group_sum_to_76(runner: CliRunner, folder: Path) -> None:
    tasks = _json(runner, folder)["tasks"]
    groups = tasks["by_group"]
    assert [g["group"] for g in groups] == list(range(1, 11))
    assert sum(sum(g["counts"].values()) for g in groups) == 76
    assert groups[0]["counts"] == {
        "done": 0,
        "in_progress": 0,
        "delayed": 1,  # NV-1.1
        "not_started": 0,
        "overdue": 0,
        "not_reported": 2,  # NV-1.2, NV-1.3
    }
    assert groups[1]["counts"]["delayed"] == 1  # NV-2.1, carried from Q1
    assert groups[1]["counts"]["done"] == 1  # NV-2.2
    assert [t["id"] for t in tasks["delayed"]] == ["NV-1.1", "NV-2.1"]
    assert tasks["delayed"][0]["progress"] == 30.0
    assert tasks["overdue"] == []


def test_tasks_overdue_at_year_end(runner: CliRunner, folder: Path) -> None:
    tasks = _json(runner, folder, "2023-Q4")["tasks"]
    assert len(tasks["overdue"]) == 75  # every task but NV-2.2 (done)
    assert tasks["delayed"] == []
    assert sum(sum(g["counts"].values()) for g in tasks["by_group"]) == 76


def test_missing_lists_sorted_in_vietnamese_order(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder)
    names = [m["name"] for m in d["missing"]]
    assert names == sorted(names, key=vi_sort_key)
    # Bình < Đức < Hành (by code point, Đ would come after H)
    assert names.index("Xã Bình An") < names.index("Xã Đức Chánh") < names.index("Xã Hành Dũng")
    leads = [g["name"] for g in d["tasks"]["by_lead"]]
    assert leads == sorted(leads, key=vi_sort_key)


def test_same_names_ordered_by_code(runner: CliRunner, folder: Path) -> None:
    """Two wards are both called Phường Nguyễn Nghiêm (21025, 21439): ties go by code, so the
    order does not depend on Python's hash seed."""
    codes = [m["agency"] for m in _json(runner, folder)["missing"]]
    assert codes.index("21025") == codes.index("21439") - 1


def test_missing_entries(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder)
    (stttt,) = [m for m in d["missing"] if m["agency"] == "STTTT"]
    # EG-01 (owed with Văn phòng UBND tỉnh) is in: 1 of the 31 figures Sở TT&TT owes.
    assert (stttt["reported"], stttt["expected"]) == (1, 31)
    assert {"target": "EG-03", "unit": "51"} in stttt["owed"]
    assert "NV-2.1" in stttt["tasks"]  # a Q1 report: no progress for Q2
    assert "NV-2.2" not in stttt["tasks"]
    assert "NV-1.1" not in stttt["tasks"]


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_same_inputs_same_bytes(runner: CliRunner, folder: Path, fmt: str) -> None:
    first = _run(runner, folder, "--as-of", "2023-Q2", "--format", fmt)
    second = _run(runner, folder, "--as-of", "2023-Q2", "--format", fmt)
    assert first == second
    assert "generated" not in first.lower()


CLI = [sys.executable, "-m", "qn_dx.cli"]
JSON_EN = ["--format", "json", "--lang", "en"]


def test_same_bytes_whatever_the_hash_seed(folder: Path) -> None:
    outputs = set()
    for seed in ("0", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("QN_DX_DATA", None)
        done = subprocess.run(
            [*CLI, "summary", "--actuals", str(folder), "--as-of", "2023-Q2", *JSON_EN],
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_stamp(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "2023-Q2", "--stamp")
    assert list(d)[:4] == ["plan", "as_of", "previous", "generated"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", d["generated"])
    md = _run(runner, folder, "--as-of", "2023-Q2", "--stamp")
    assert re.search(r"^Generated: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", md, re.M)
    html = _run(runner, folder, "--as-of", "2023-Q2", "--format", "html", "--stamp")
    assert "<p>Generated: " in html


def test_markdown_headings_en(runner: CliRunner, folder: Path) -> None:
    md = _run(runner, folder, "--as-of", "2023-Q2")
    assert md.startswith("# Quarterly summary: 189/KH-UBND — as of 2023-Q2\n")
    for heading in (
        "## Headline",
        "## Targets furthest from their goal",
        "## Changes since 2023-Q1",
        "## Tasks",
        "### By group",
        "### By lead agency",
        "### Overdue (0)",
        "### Delayed (2)",
        "## Missing submissions",
    ):
        assert f"\n{heading}\n" in md, heading
    assert "| **EG-01** | off track | **on track** | 60.0 % | 80.0 % |" in md


def test_markdown_headings_vi(runner: CliRunner, folder: Path) -> None:
    md = _run(runner, folder, "--as-of", "2023-Q2", "--lang", "vi")
    assert md.startswith("# Báo cáo quý: 189/KH-UBND — tính đến Quý II/2023\n")
    for heading in (
        "## Tổng quan",
        "## Chỉ tiêu còn xa mục tiêu nhất",
        "## Thay đổi so với Quý I/2023",
        "## Nhiệm vụ",
        "### Theo nhóm",
        "### Theo cơ quan chủ trì",
        "### Quá hạn (0)",
        "### Chậm tiến độ (2)",
        "## Số liệu còn thiếu",
    ):
        assert f"\n{heading}\n" in md, heading
    assert "| **EG-01** | chậm tiến độ | **đúng tiến độ** | 60,0 % | 80,0 % |" in md
    assert "Headline" not in md


def test_json_vi_titles(runner: CliRunner, folder: Path) -> None:
    d = _json(runner, folder, "2023-Q2", "--lang", "vi")
    assert d["plan"]["title"] == "Kế hoạch Chuyển đổi số tỉnh Quảng Ngãi năm 2023"
    assert d["headline"]["areas"][0]["name"] == "Chính quyền điện tử"
    assert d["tasks"]["by_group"][0]["name"] == "Nhận thức số"


def test_markdown_at_q1_has_no_previous(runner: CliRunner, folder: Path) -> None:
    md = _run(runner, folder, "--as-of", "2023-Q1")
    assert "## Changes since —\n\nNo previous quarter in the plan year." in md


def test_html_is_self_contained(runner: CliRunner, folder: Path) -> None:
    html = _run(runner, folder, "--as-of", "2023-Q2", "--format", "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html.lower()
    # Every target then and now, as in the Markdown; the changed one in bold.
    assert "<strong>EG-01</strong>" in html
    assert "<td>EG-02</td>" in html


def test_html_escapes_plan_titles(runner: CliRunner, folder: Path, plan_copy: Path) -> None:
    targets = plan_copy / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    old = 'title_en: "Share of documents created and processed online at commune-level agencies"'
    assert old in text
    targets.write_text(
        text.replace(old, 'title_en: "<script>alert(1)</script> & commune documents"'),
        encoding="utf-8",
    )
    args = ["--data-dir", str(plan_copy), "summary", "--actuals", str(folder)]
    args += ["--as-of", "2023-Q2", "--lang", "en"]
    html = runner.invoke(app, [*args, "--format", "html"])
    assert html.exit_code == 0, html.output
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; commune documents" in html.stdout
    assert "<script" not in html.stdout
    md = runner.invoke(app, [*args, "--format", "markdown"])
    assert md.exit_code == 0, md.output
    assert "<script" not in md.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; commune documents" in md.stdout
    d = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert d["furthest"][0]["title"] == "<script>alert(1)</script> & commune documents"


def test_output_file_format_from_extension(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.json"
    result = invoke(
        runner,
        "summary",
        "--actuals",
        str(folder),
        "--as-of",
        "2023-Q2",
        "--lang",
        "en",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == _run(
        runner, folder, "--as-of", "2023-Q2", "--format", "json"
    ).encode("utf-8")


def test_bad_lang_is_a_usage_error(runner: CliRunner, folder: Path) -> None:
    result = invoke(runner, "summary", "--actuals", str(folder), "--lang", "fr")
    assert result.exit_code == 2
