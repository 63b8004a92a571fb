"""The summary's renderings (Markdown, JSON, HTML) from one computed Summary; Vietnamese order."""

from __future__ import annotations

import json

import pytest

from qn_dx.compute.summary import Summary, compute_summary
from qn_dx.ingest.periods import parse_period
from qn_dx.plan import Plan
from qn_dx.render.summary import _owed, summary_dict, to_html, to_json, to_markdown
from qn_dx.text import vi_sort_key
from qn_dx.validate.model import Observation, TaskReport


def _p(label: str):  # type: ignore[no-untyped-def]
    period = parse_period(label)
    assert period is not None
    return period


def ratio(indicator: str, unit: str, period: str, num: float, den: float) -> Observation:
    return Observation(indicator, unit, _p(period), num, den, None, None, "", "a.csv", 2)


OBS = [
    ratio("EG-01", "51", "2023-Q1", 60, 100),  # 60 %: off_track
    ratio("EG-01", "51", "2023-Q2", 80, 100),  # 80 %, projection 120: on_track
]
REPORTS = [
    TaskReport("NV-1.1", _p("2023-Q2"), "delayed", 30, "", "t.csv", 2),
    TaskReport("NV-2.2", _p("2023-Q3"), "done", 100, "", "t.csv", 3),
]


def _summary(plan: Plan, as_of: str = "2023-Q2", obs: list[Observation] = OBS) -> Summary:
    return compute_summary(plan, obs, REPORTS, _p(as_of))


@pytest.mark.parametrize(
    ("before", "after"),
    [("Bình", "Đức"), ("Đức", "Hà"), ("Bình", "Hà"), ("An", "Ăn"), ("Ăn", "Ân"), ("An", "Ân")],
)
def test_vi_sort_key_pairs(before: str, after: str) -> None:
    assert vi_sort_key(before) < vi_sort_key(after)


def test_vi_sort_key_sorts_lists() -> None:
    assert sorted(["Hà", "Đức", "Bình"], key=vi_sort_key) == ["Bình", "Đức", "Hà"]
    assert sorted(["Ân", "Ăn", "An"], key=vi_sort_key) == ["An", "Ăn", "Ân"]
    # Code-point order gets both wrong:
    assert sorted(["Hà", "Đức", "Bình"]) == ["Bình", "Hà", "Đức"]
    assert sorted(["Ân", "Ăn", "An"]) == ["An", "Ân", "Ăn"]


def test_dict_keys_and_json_agree(plan: Plan) -> None:
    s = _summary(plan)
    d = summary_dict(s, "en")
    assert list(d) == [
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
    assert json.loads(to_json(s, "en")) == d
    assert "generated" in summary_dict(s, "en", "2023-07-05T06:00:00Z")


def test_stamp_appears_only_when_given(plan: Plan) -> None:
    s = _summary(plan)
    stamp = "2023-07-05T06:00:00Z"
    assert "Generated: 2023-07-05T06:00:00Z" in to_markdown(s, "en", stamp)
    assert "Generated" not in to_markdown(s, "en")
    assert "<p>Lập lúc: 2023-07-05T06:00:00Z</p>" in to_html(s, "vi", stamp)
    assert json.loads(to_json(s, "en", stamp))["generated"] == stamp


def test_markdown_changes_table(plan: Plan) -> None:
    md = to_markdown(_summary(plan), "en")
    assert "| ID | Status 2023-Q1 | Status 2023-Q2 | Actual 2023-Q1 | Actual 2023-Q2 |" in md
    assert "| **EG-01** | off track | **on track** | 60.0 % | 80.0 % |" in md
    assert "| EG-02 | no data | no data | — | — |" in md
    assert "No target changed status." not in md


def test_markdown_says_when_nothing_changed(plan: Plan) -> None:
    same = [ratio("EG-01", "51", "2023-Q1", 50, 100), ratio("EG-01", "51", "2023-Q2", 55, 100)]
    md = to_markdown(_summary(plan, obs=same), "en")
    assert "No target changed status." in md
    assert "| EG-01 | off track | off track | 50.0 % | 55.0 % |" in md
    vi = to_markdown(_summary(plan, obs=same), "vi")
    assert "| EG-01 | chậm tiến độ | chậm tiến độ | 50,0 % | 55,0 % |" in vi


def test_markdown_furthest_row(plan: Plan) -> None:
    md = to_markdown(_summary(plan), "en")
    # EG-01: goal 100, actual 80, gap 20, 20 % of target; led by Văn phòng UBND tỉnh.
    assert (
        "| EG-01 | Share of eligible administrative procedures (TTHC) offered as full-process "
        "online public services (DVCTT) | 80.0 % | 20.0 pp short | 20.0 | on track | "
        "VPUBND (Văn phòng UBND tỉnh) |"
    ) in md


def test_markdown_tasks(plan: Plan) -> None:
    md = to_markdown(_summary(plan), "en")
    # Group 1 at Q2: NV-1.1 delayed, NV-1.2 and NV-1.3 not reported.
    assert "| 1. Digital awareness | 0 | 0 | 1 | 0 | 0 | 2 |" in md
    assert "### Delayed (1)" in md
    assert "- 1.1 (NV-1.1) Tổ chức triển khai Tuần lễ Chuyển đổi số năm 2023 — STTTT, 30 %" in md
    assert "### Overdue (0)\n\nnone" in md


def test_markdown_tasks_at_year_end(plan: Plan) -> None:
    md = to_markdown(_summary(plan, "2023-Q4"), "en")
    # NV-2.2 done in Q3; the other 75 tasks are overdue.
    assert "### Overdue (75)" in md
    assert "### Delayed (0)\n\nnone" in md


def test_previous_none_at_q1(plan: Plan) -> None:
    s = _summary(plan, "2023-Q1")
    assert summary_dict(s, "en")["previous"] is None
    assert "No previous quarter in the plan year." in to_markdown(s, "en")
    assert "<p>No previous quarter in the plan year.</p>" in to_html(s, "en")
    assert "Không có quý trước trong năm kế hoạch." in to_markdown(s, "vi")


def test_vietnamese_labels(plan: Plan) -> None:
    s = _summary(plan)
    md = to_markdown(s, "vi")
    assert "## Tổng quan" in md
    assert "| Lĩnh vực | đạt | đúng tiến độ | chậm tiến độ |" in md
    assert "| Nhóm | hoàn thành | đang triển khai | chậm tiến độ | chưa triển khai |" in md
    html = to_html(s, "vi")
    assert '<html lang="vi">' in html
    assert "<h2>Tổng quan</h2>" in html


def test_names_in_vietnamese_order(plan: Plan) -> None:
    d = summary_dict(_summary(plan), "en")
    names = [m["name"] for m in d["missing"]]
    assert names == sorted(names, key=vi_sort_key)
    assert names.index("Xã Bình An") < names.index("Xã Đức Chánh") < names.index("Xã Hành Dũng")
    leads = [g["name"] for g in d["tasks"]["by_lead"]]
    assert leads == sorted(leads, key=vi_sort_key)
    # Vietnamese order: "Các cơ sở" < "Các đơn vị" < "Các Sở" (c < đ < s, case ignored), and
    # "Bộ phận" < "Các" (b < c). By code point "Các Sở" (S < c) would come first.
    assert leads == [
        "Bộ phận Một cửa các cấp",
        "Các cơ sở đào tạo đại học, cao đẳng, giáo dục nghề nghiệp trên địa bàn tỉnh",
        "Các đơn vị được giao nhiệm vụ",
        "Các Sở, ban, ngành tỉnh",
        "Công an tỉnh",
        "Doanh nghiệp cung cấp dịch vụ chữ ký số",
        "Ngân hàng Nhà nước Việt Nam, Chi nhánh Quảng Ngãi",
        "Sở Giáo dục và Đào tạo",
        "Sở Kế hoạch và Đầu tư",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Sở Thông tin và Truyền thông",
        "Sở Xây dựng",
        "Tỉnh đoàn",
        "UBND các cấp",
        "UBND cấp huyện",
        "UBND cấp xã",
        "Văn phòng UBND tỉnh",
    ]


def test_renderings_are_deterministic(plan: Plan) -> None:
    a, b = _summary(plan), _summary(plan)
    for render in (to_markdown, to_json, to_html):
        assert render(a, "en") == render(b, "en")
        assert render(a, "vi") == render(b, "vi")


def test_html_self_contained_and_lists_every_target(plan: Plan) -> None:
    html = to_html(_summary(plan), "en")
    assert "http://" not in html and "https://" not in html
    assert "<strong>EG-01</strong>" in html
    # The then-and-now table has one row per target, as in the Markdown.
    changes = html.split("<h2>Changes since 2023-Q1</h2>")[1].split("<h2>")[0]
    assert changes.count("<tr>") == 1 + 54


def test_html_escapes_titles(plan: Plan) -> None:
    s = _summary(plan)
    evil = s.report.targets[0].target.model_copy(update={"title_en": "<script>x</script>"})
    s.report.targets[0].target = evil
    html = to_html(s, "en")
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<script" not in html
    assert "<script" not in to_markdown(s, "en")


def test_owed_text_shortens() -> None:
    owed = [{"target": "EG-16", "unit": u} for u in ("a", "b", "c", "d", "e")]
    assert _owed(owed, "en") == "EG-16: a, b, c, +2"
    many = [{"target": f"T{i}", "unit": "51"} for i in range(14)]
    assert _owed(many, "en").endswith("; T11: 51; +2 more")
    assert _owed(many, "vi").endswith("; T11: 51; và 2 chỉ tiêu khác")
    assert _owed([], "en") == "—"
