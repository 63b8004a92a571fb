"""Write the two-level plan folder beside this script: a SYNTHETIC plan shaped like Quảng Ngãi's
after 1 July 2025 — the province over 96 commune-level units (86 xã, 9 phường, 1 đặc khu), no
districts; Sở Khoa học và Công nghệ leads; the DTI ranks 34 provinces. It is a test fixture, not
the province's 2026 plan (121/KH-UBND): its number, targets, figures, unit codes and names are
made up; only the shape is the point.

Deterministic: the same script writes the same bytes. Run from anywhere:
``python tests/plans/two-level-2026/make_plan.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
NOTE = "Số liệu tổng hợp cho kiểm thử (synthetic test figures)"
XA, PHUONG = 86, 9


def dump(name: str, header: str, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    (HERE / name).write_text(header + text, encoding="utf-8")


def quote(text: str) -> dict[str, str]:
    return {"section": "Mục tiêu (tổng hợp)", "quote": text}


def plan() -> dict[str, Any]:
    return {
        "plan": {
            "number": "000/KH-THU",
            "title_vi": "Kế hoạch chuyển đổi số tổng hợp năm 2026 (dữ liệu kiểm thử)",
            "title_en": "Synthetic two-level digital transformation plan for 2026 (test data)",
            "province_code": "51",
            "province_name": "Tỉnh Quảng Ngãi",
            "signed": dt.date(2025, 12, 31),
            "dates": {
                "header": dt.date(2025, 12, 31),
                "appendices": [
                    {"name": "Phụ lục I", "date": dt.date(2025, 12, 31)},
                    {"name": "Phụ lục II", "date": dt.date(2025, 12, 31)},
                    {"name": "Phụ lục III", "date": dt.date(2026, 1, 5)},
                ],
            },
            "signer": "(tổng hợp)",
            "signer_title_vi": "Chủ tịch UBND tỉnh",
            "plan_year": 2026,
            "baseline_year": 2025,
            "rank_universe": 34,
            "min_coverage": 0.8,
            "note": "Synthetic: the shape of a two-level plan, not its content.",
        },
        "levels": [
            {"id": "province", "name_vi": "Cấp tỉnh", "name_en": "Province", "types": ["tỉnh"]},
            {
                "id": "commune",
                "name_vi": "Cấp xã",
                "name_en": "Commune level",
                "types": ["xã", "phường", "đặc khu"],
            },
        ],
        "areas": [
            {
                "id": "digital-government",
                "name_vi": "Chính quyền số",
                "name_en": "Digital government",
                "section": "Mục tiêu 1",
            },
            {
                "id": "digital-economy",
                "name_vi": "Kinh tế số",
                "name_en": "Digital economy",
                "section": "Mục tiêu 2",
            },
            {
                "id": "digital-society",
                "name_vi": "Xã hội số",
                "name_en": "Digital society",
                "section": "Mục tiêu 3",
            },
        ],
        "budget": {
            "unit": "million VND",
            "recurrent": {
                "total": 90000,
                "parts": [
                    {"level": "province", "amount": 70000},
                    {"level": "commune", "amount": 20000},
                ],
                "quote": "Ngân sách cấp tỉnh 70.000, cấp xã 20.000 triệu đồng (tổng hợp).",
            },
            "investment": {"note": "Synthetic.", "quote": "Theo kế hoạch đầu tư công (tổng hợp)."},
            "past_spending": {
                "year": 2025,
                "amount": 80000,
                "approximate": True,
                "quote": "Năm 2025 ước chi khoảng 80 tỷ đồng (tổng hợp).",
            },
        },
    }


def units() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {
            "code": "51",
            "name": "Tỉnh Quảng Ngãi",
            "type": "tỉnh",
            "level": "province",
            "parent": None,
        }
    ]
    for i in range(1, XA + 1):
        out.append(
            {"code": f"{91000 + i}", "name": f"Xã Số {i:02d}", "type": "xã", "level": "commune",
             "parent": "51"}
        )  # fmt: skip
    for i in range(1, PHUONG + 1):
        out.append(
            {"code": f"{91100 + i}", "name": f"Phường Số {i:02d}", "type": "phường",
             "level": "commune", "parent": "51"}
        )  # fmt: skip
    out.append(
        {"code": "91201", "name": "Đặc khu Lý Sơn", "type": "đặc khu", "level": "commune",
         "parent": "51"}
    )  # fmt: skip
    return out


AGENCIES = [
    ("SKHCN", "Sở Khoa học và Công nghệ", "Department of Science and Technology", "department"),
    ("VPUBND", "Văn phòng UBND tỉnh", "Office of the Provincial People's Committee", "office"),
    ("SNV", "Sở Nội vụ", "Department of Home Affairs", "department"),
    ("STC", "Sở Tài chính", "Department of Finance", "department"),
    ("SYT", "Sở Y tế", "Department of Health", "department"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "Department of Education and Training", "department"),
]


def agencies() -> dict[str, Any]:
    return {
        "agencies": [
            {"code": c, "name_vi": vi, "name_en": en, "kind": kind, "level": "department"}
            for c, vi, en, kind in AGENCIES
        ]
        + [
            {
                "code": "CAT",
                "name_vi": "Công an tỉnh",
                "name_en": "Provincial Police",
                "kind": "police",
                "level": "other",
            }
        ],
        "groups": [
            {
                "code": "SO_BAN_NGANH",
                "name_vi": "Các Sở, ban, ngành tỉnh",
                "name_en": "Provincial departments, boards and sectors",
                "members_level": "department",
                "members": ["CAT"],
            },
            {
                "code": "UBND_XA",
                "name_vi": "UBND cấp xã",
                "name_en": "Commune-level People's Committees",
                "members_level": "commune",
            },
        ],
    }


def ratio(vi: str, en: str) -> dict[str, dict[str, str]]:
    return {
        "numerator": {"vi": f"Số {vi}", "en": en},
        "denominator": {"vi": f"Tổng số {vi}", "en": f"All {en}"},
    }


def targets() -> list[dict[str, Any]]:
    return [
        {
            "id": "DG-01",
            "indicator": "tthc-full-online-share",
            "area": "digital-government",
            "title_vi": "100% TTHC đủ điều kiện cung cấp trực tuyến toàn trình",
            "title_en": "All eligible procedures offered fully online",
            "measure": "ratio",
            "unit": "percent",
            "op": ">=",
            "target": 100,
            **ratio("TTHC trực tuyến toàn trình", "procedures offered fully online"),
            "scope": {"levels": ["province"]},
            "period_rule": "latest",
            "baseline": None,
            "lead": ["VPUBND", "SKHCN"],
            "tasks": ["NV-1.1"],
            "source": quote("100% TTHC đủ điều kiện cung cấp trực tuyến toàn trình"),
        },
        {
            "id": "DG-02",
            "indicator": "documents-online-commune-share",
            "area": "digital-government",
            "title_vi": "90% văn bản cấp xã xử lý trên môi trường mạng",
            "title_en": "90% of commune-level documents processed online",
            "measure": "ratio",
            "unit": "percent",
            "op": ">=",
            "target": 90,
            **ratio("văn bản xử lý trên mạng", "documents processed online"),
            "scope": {"levels": ["commune"]},
            "period_rule": "year_to_date",
            "baseline": None,
            "lead": "SKHCN",
            "source": quote("90% văn bản cấp xã xử lý trên môi trường mạng"),
        },
        {
            "id": "DG-03",
            "indicator": "fiber-households-rural-share",
            "area": "digital-government",
            "title_vi": "30% hộ gia đình ở xã và đặc khu có cáp quang",
            "title_en": "30% of households in xã and the đặc khu have fiber",
            "measure": "ratio",
            "unit": "percent",
            "op": ">=",
            "target": 30,
            **ratio("hộ gia đình có cáp quang", "households with fiber"),
            "scope": {"levels": ["commune"], "types": ["xã", "đặc khu"]},
            "period_rule": "latest",
            "baseline": None,
            "lead": "SKHCN",
            "source": quote("30% hộ gia đình ở xã và đặc khu có cáp quang"),
        },
        {
            "id": "DG-04",
            "indicator": "dti-digital-government-rank",
            "area": "digital-government",
            "title_vi": "Chỉ số chính quyền số đạt thứ hạng trung bình cả nước (DTI)",
            "title_en": "Digital-government pillar of the DTI at the national middle rank",
            "measure": "value",
            "unit": "rank",
            "op": "<=",
            "target": 17,
            "scope": {"levels": ["province"]},
            "period_rule": "latest",
            "baseline": {
                "year": 2025,
                "value": 20,
                "reference": {
                    "document": "Synthetic DTI ranking, 34 provinces",
                    "published": "2026-01",
                },
                "note": "Made up for the test: rank 20 of 34.",
            },
            "note": "The middle of 34 provinces: rank 17 or better.",
            "lead": "SKHCN",
            "source": quote("Chỉ số chính quyền số đạt thứ hạng trung bình cả nước (DTI)"),
        },
        {
            "id": "DG-05",
            "indicator": "provincial-data-platform-connected",
            "area": "digital-government",
            "title_vi": "Nền tảng dữ liệu tỉnh kết nối nền tảng quốc gia",
            "title_en": "The provincial data platform connected to the national one",
            "measure": "milestone",
            "unit": None,
            "op": "done",
            "target": None,
            "scope": {"levels": ["province"]},
            "period_rule": "latest",
            "baseline": None,
            "lead": ["SKHCN", "VPUBND"],
            "tasks": ["NV-1.1"],
            "source": quote("Nền tảng dữ liệu tỉnh kết nối nền tảng quốc gia"),
        },
        {
            "id": "DE-01",
            "indicator": "digital-economy-grdp-share",
            "area": "digital-economy",
            "title_vi": "Tỷ trọng kinh tế số trong GRDP tăng 2% so với năm 2025",
            "title_en": "The digital economy's share of GRDP up 2 points on 2025",
            "measure": "value",
            "unit": "percent",
            "op": ">=",
            "target": None,
            "target_offset": 2,
            "reading": "Read as +2 percentage points; the other reading is ×1.02.",
            "other_reading": {"target_factor": 1.02},
            "scope": {"levels": ["province"]},
            "period_rule": "latest",
            "baseline": {"year": 2025, "value": None, "note": "From the 2025 actuals."},
            "lead": "SKHCN",
            "source": quote("Tỷ trọng kinh tế số trong GRDP tăng 2% so với năm 2025"),
        },
        {
            "id": "DE-02",
            "indicator": "new-digital-enterprises",
            "area": "digital-economy",
            "title_vi": "50 doanh nghiệp công nghệ số mới",
            "title_en": "50 new digital-technology enterprises",
            "measure": "value",
            "unit": "count",
            "op": ">=",
            "target": 50,
            "scope": {"levels": ["province"]},
            "period_rule": "year_to_date",
            "baseline": None,
            "lead": "SKHCN",
            "source": quote("50 doanh nghiệp công nghệ số mới"),
        },
        {
            "id": "DS-01",
            "indicator": "health-and-pupil-records-share",
            "area": "digital-society",
            "title_vi": "95% hồ sơ sức khỏe điện tử và hồ sơ học sinh được số hóa",
            "title_en": "95% of health records and pupil records digitised",
            "measure": "ratio",
            "unit": "percent",
            "op": ">=",
            "target": 95,
            **ratio("hồ sơ được số hóa", "records digitised"),
            "scope": {"units": ["SYT", "SGDDT"]},
            "period_rule": "latest",
            "baseline": None,
            "note": "Two sectors: each lead reports its own part under its own code.",
            "lead": ["SYT", "SGDDT"],
            "source": quote("95% hồ sơ sức khỏe điện tử và hồ sơ học sinh được số hóa"),
        },
        {
            "id": "DS-02",
            "indicator": "digital-signature-adult-share",
            "area": "digital-society",
            "title_vi": "Tăng tỷ lệ người trưởng thành có chữ ký số",
            "title_en": "Raise the share of adults with a digital signature",
            "measure": "value",
            "unit": "percent",
            "op": "increase",
            "target": None,
            "scope": {"levels": ["province"]},
            "period_rule": "latest",
            "baseline": {
                "year": 2025,
                "value": 25,
                "quote": "25% người trưởng thành có chữ ký số (tổng hợp)",
                "section": "Đánh giá năm 2025 (tổng hợp)",
            },
            "lead": "SKHCN",
            "source": quote("Tăng tỷ lệ người trưởng thành có chữ ký số"),
        },
    ]


def tasks() -> dict[str, Any]:
    return {
        "groups": [
            {"number": 1, "name_vi": "Chính quyền số", "name_en": "Digital government"},
            {"number": 2, "name_vi": "Xã hội số", "name_en": "Digital society"},
        ],
        "tasks": [
            {
                "id": "NV-1.1",
                "number": "1.1",
                "group": 1,
                "name_vi": "Kết nối nền tảng dữ liệu và cung cấp DVCTT toàn trình",
                "name_en": "Connect the data platform and offer fully online services",
                "lead": ["SKHCN", "VPUBND"],
                "coordinating": ["SO_BAN_NGANH"],
                "lead_vi": "Sở KH&CN, Văn phòng UBND tỉnh",
                "coordinating_vi": "Các Sở, ban, ngành tỉnh",
            },
            {
                "id": "NV-1.2",
                "number": "1.2",
                "group": 1,
                "name_vi": "Số hóa hồ sơ tại bộ phận một cửa cấp xã",
                "name_en": "Digitise dossiers at the commune one-stop desks",
                "lead": ["UBND_XA"],
                "coordinating": ["SKHCN"],
                "lead_vi": "UBND cấp xã",
                "coordinating_vi": "Sở KH&CN",
            },
            {
                "id": "NV-2.1",
                "number": "2.1",
                "group": 2,
                "name_vi": "Hoàn thiện hồ sơ sức khỏe và hồ sơ học sinh",
                "name_en": "Complete health and pupil records",
                "lead": ["SYT", "SGDDT"],
                "coordinating": [],
                "lead_vi": "Sở Y tế, Sở GD&ĐT",
                "coordinating_vi": "",
            },
        ],
    }


ACTUALS = """\
indicator_id,period,unit_code,numerator,denominator,value,note
DE-01,2025,51,,,11.5,{n}
DE-01,2026-Q1,51,,,12.1,{n}
DE-01,2026-Q2,51,,,12.9,{n}
DG-01,2026-Q1,51,700,1000,,{n}
DG-01,2026-Q2,51,820,1000,,{n}
DG-05,2026-Q2,51,,,done,{n}
DE-02,2026-Q1,51,,,9,{n}
DE-02,2026-Q2,51,,,14,{n}
DS-02,2026-Q2,51,,,27.5,{n}
DG-04,2026-Q2,51,,,19,{n}
"""
LOCAL = """\
Mã chỉ tiêu;Kỳ báo cáo;Mã đơn vị;Tử số;Mẫu số;Giá trị;Ghi chú
DG-02;Quý I/2026;91001;400;500;;{n}
DG-02;Quý II/2026;91001;450;500;;{n}
DG-02;Quý I/2026;91101;300;400;;{n}
DG-02;Quý II/2026;91201;180;200;;{n}
DG-03;Quý II/2026;91001;600;2000;;{n}
DG-03;Quý II/2026;91002;500;2500;;{n}
DG-03;Quý II/2026;91201;1100;2200;;{n}
DS-01;Quý II/2026;SYT;900000;1000000;;{n}
DS-01;Quý II/2026;SGDDT;270000;300000;;{n}
"""
PROGRESS = """\
task_id,period,status,progress,note
NV-1.1,2026-Q1,in_progress,40,{n}
NV-1.1,2026-Q2,in_progress,70,{n}
NV-2.1,2026-Q2,delayed,20,{n}
"""


def main() -> None:
    head = "# SYNTHETIC test plan (make_plan.py): a two-level year's shape, made-up content.\n"
    dump("plan.yaml", head, plan())
    dump("units.yaml", head, {"source": "synthetic (make_plan.py)", "units": units()})
    dump("agencies.yaml", head, agencies())
    dump("targets.yaml", head, {"targets": targets()})
    dump("tasks.yaml", head, tasks())
    actuals = HERE / "actuals"
    actuals.mkdir(exist_ok=True)
    (actuals / "2026-tinh.csv").write_text(ACTUALS.format(n=NOTE), encoding="utf-8")
    (actuals / "2026-xa-so-nganh.csv").write_bytes(
        b"\xef\xbb\xbf" + LOCAL.format(n=NOTE).encode("utf-8")
    )
    (actuals / "2026-tien-do.csv").write_text(PROGRESS.format(n=NOTE), encoding="utf-8")
    print(f"wrote {HERE}")


if __name__ == "__main__":
    main()
