"""Write the illustrative sample submissions under data/actuals/ (NOT official figures).

Deterministic: the same script writes the same bytes. Run from the repository root:
``python scripts/make_sample_actuals.py``. The four files show the shapes agencies really send:
a UTF-8 CSV, a UTF-8-BOM ";" CSV with Vietnamese headers, periods and decimal commas, an .xlsx
workbook, and a task-progress file.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import yaml
from openpyxl import Workbook

from qn_dx.render.listing import pin_zip_times

OUT = Path("data/actuals")
NOTE = "Số liệu minh họa, không phải số liệu chính thức (illustrative, not official)"
QUARTERS = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
VI_QUARTERS = ["Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023"]

# Province-wide ratios (unit 51, reported by the lead agency): denominator, % per quarter.
RATIOS = {
    "EG-01": (1500, [62, 75, 88, 96]),
    "EG-02": (1380, [55, 68, 80, 92]),
    "EG-03": (1100000, [66, 68, 70.5, 72]),
    "EG-06": (2100, [90, 95, 98, 100]),
    "EG-19": (24, [50, 62.5, 75, 87.5]),
    "EG-20": (173, [80, 90, 96, 100]),
    "DG-07": (40, [45, 50, 55, 62.5]),
    "DG-09": (148, [2, 3, 4, 6]),
    "DG-10": (12000, [30, 38, 46, 52]),
    "DG-11": (320, [12, 15, 18, 22]),
    "DE-01": (5400, [96, 97, 98.5, 99.5]),
    "DE-02": (5400, [2, 3.5, 5, 6]),
    "DE-03": (9000, [10, 12, 15, 18]),
    "DE-04": (9000, [70, 82, 94, 100]),
    "DE-05": (9000, [3, 5, 6.5, 8]),
    "DS-01": (850000, [70, 82, 93, 100]),
    "DS-02": (1000000, [50, 55, 59, 63]),
    "DS-03": (370000, [60, 72, 85, 95]),
    "DS-04": (1240000, [40, 46, 52, 58]),
    "DS-05": (1240000, [50, 58, 66, 72]),
    "DS-06": (900000, [6, 8, 9.5, 11]),
    "DS-07": (560, [30, 38, 45, 52]),
    "CS-01": (40, [90, 95, 97.5, 100]),
    "CS-03": (25000, [10, 14, 18, 21]),
    "CS-04": (30000, [60, 75, 85, 95]),
}
# Province-wide values per quarter.
VALUES = {
    "EG-09": [150, 190, 220, 236],
    "EG-10": [2, 3, 3, 4],
    "DG-02": [88.5, 89, 90.5, 91.2],
    "DG-03": [0, 1, 1, 2],
    "DG-04": [73, 74, 75.5, 76.8],
    "DG-05": [61, 63, 64, 66],
    "DG-06": [57.5, 58, 57.8, 57.9],
    "DE-06": [10.5, 11.2, 12.4, 13.6],
}
BASELINES_2022 = {"DG-04": 72.5, "DG-06": 58.0, "DE-06": 9.8}  # no figure in Part I
ANNUAL_RANKS = {"DG-13": 29, "DE-07": 38, "DS-08": 31}  # DTI ranks, published once a year
MILESTONES = {
    "EG-07": [0, 0, 1, 1],
    "EG-08": [0, 1, 1, 1],
    "EG-12": [1, 1, 1, 1],
    "EG-13": [0, 0, 1, 1],
    "DG-08": [0, 0, 0, 1],
    "CS-02": [0, 1, 1, 1],
}
HEADER = ["indicator_id", "period", "unit_code", "numerator", "denominator", "value", "note"]
VI_HEADER = ["Mã chỉ tiêu", "Kỳ báo cáo", "Mã đơn vị", "Tử số", "Mẫu số", "Giá trị", "Ghi chú"]


def province_rows() -> list[list[object]]:
    rows: list[list[object]] = []
    # DG-01 (year to date): applications received and processed online, per quarter; 2022 total.
    rows.append(["DG-01", "2022", "51", 120000, 387000, "", NOTE])
    for q, (den, pct) in zip(QUARTERS, [(150000, 40), (160000, 45), (170000, 48), (180000, 52)]):
        rows.append(["DG-01", q, "51", den * pct // 100, den, "", NOTE])
    for ident, value in BASELINES_2022.items():
        rows.append([ident, "2022", "51", "", "", value, NOTE])
    for ident, (den, pcts) in RATIOS.items():
        for q, pct in zip(QUARTERS, pcts):
            num = round(den * pct / 100)
            rows.append([ident, q, "51", num, den, f"{100 * num / den:.2f}", NOTE])
    for ident, values in VALUES.items():
        for q, value in zip(QUARTERS, values):
            rows.append([ident, q, "51", "", "", value, NOTE])
    for ident, flags in MILESTONES.items():
        for q, flag in zip(QUARTERS, flags):
            rows.append([ident, q, "51", "", "", "done" if flag else "not_done", NOTE])
    for ident, rank in ANNUAL_RANKS.items():
        rows.append([ident, "2023", "51", "", "", rank, NOTE])
    # Added with issue 14 (after the rows above, so that their lines do not move): DG-05's 2022
    # figure (the plan gives none) and the live-fire drill of §III (CS-06).
    rows.append(["DG-05", "2022", "51", "", "", 62.0, NOTE])
    for q, flag in zip(QUARTERS, [0, 0, 1, 1]):
        rows.append(["CS-06", q, "51", "", "", "done" if flag else "not_done", NOTE])
    return rows


def units_by(level: str, types: set[str] | None = None) -> list[dict[str, str]]:
    units = yaml.safe_load(Path("data/units.yaml").read_text(encoding="utf-8"))["units"]
    return [u for u in units if u["level"] == level and (types is None or u["type"] in types)]


def local_rows(rng: random.Random) -> list[list[object]]:
    """Districts and communes: documents (EG-15..18), fibre (EG-04/05), reporting (DG-12)."""
    rows: list[list[object]] = []
    for d in units_by("district"):
        online, signed = rng.uniform(0.9, 1.0), rng.uniform(0.8, 0.97)
        for vq in VI_QUARTERS:
            docs = rng.randint(900, 2400)
            rows.append(["EG-15", vq, d["code"], int(docs * online), docs, "", NOTE])
            rows.append(["EG-17", vq, d["code"], int(docs * signed), docs, "", NOTE])
        rows.append(
            ["DG-12", "Quý IV/2023", d["code"], 1 if rng.random() < 0.7 else 0, 1, "", NOTE]
        )
    communes = units_by("commune")
    for c in rng.sample(communes, 40):
        online, signed = rng.uniform(0.55, 0.9), rng.uniform(0.45, 0.8)
        last = rng.choice([3, 4, 4, 4])  # some communes have not sent Q4 yet
        for vq in VI_QUARTERS[:last]:
            docs = rng.randint(120, 400)
            rows.append(["EG-16", vq, c["code"], int(docs * online), docs, "", NOTE])
            rows.append(["EG-18", vq, c["code"], int(docs * signed), docs, "", NOTE])
    for c in units_by("commune", {"phường", "thị trấn"}):
        households = rng.randint(2500, 9000)
        for vq, share in zip(VI_QUARTERS[1::2], (rng.uniform(0.4, 0.6), rng.uniform(0.55, 0.75))):
            fibre = int(households * share)
            rows.append(
                ["EG-04", vq, c["code"], fibre, households, _comma(fibre, households), NOTE]
            )
    for c in rng.sample(units_by("commune", {"xã"}), 60):
        households = rng.randint(900, 3500)
        fibre = int(households * rng.uniform(0.04, 0.2))
        rows.append(["EG-05", "Quý IV/2023", c["code"], fibre, households, "", NOTE])
    # Added with issue 14, without the random stream (the rows above stay as they were): Lý Sơn
    # (536), an island district with no communes, reports EG-05 for its own households; every
    # district reports its video-conferencing system (EG-14).
    rows.append(["EG-05", "Quý IV/2023", "536", 412, 6180, "", NOTE])
    for i, d in enumerate(units_by("district")):
        done = "hoàn thành" if i % 4 else "chưa hoàn thành"
        rows.append(["EG-14", "Quý IV/2023", d["code"], "", "", done, NOTE])
    return rows


def _comma(num: int, den: int) -> str:
    return f"{100 * num / den:.1f}".replace(".", ",")  # decimal comma, as Vietnamese Excel writes


def department_rows(rng: random.Random) -> list[list[object]]:
    agencies = yaml.safe_load(Path("data/agencies.yaml").read_text(encoding="utf-8"))["agencies"]
    rows: list[list[object]] = []
    for a in agencies:
        if a["level"] != "department":
            continue
        online, signed = rng.uniform(0.93, 1.0), rng.uniform(0.85, 0.99)
        for q in QUARTERS:
            docs = rng.randint(300, 1500)
            rows.append(["EG-15", q, a["code"], int(docs * online), docs, None, NOTE])
            rows.append(["EG-17", q, a["code"], int(docs * signed), docs, None, NOTE])
        rows.append(["DG-12", "2023-Q4", a["code"], 1 if rng.random() < 0.8 else 0, 1, None, NOTE])
    # Added with issue 14, without the random stream: each lead's own part of EG-11 and CS-05,
    # and each department's video-conferencing system (EG-14).
    for code, flags in (("SYT", [0, 1, 1, 1]), ("SGDDT", [0, 0, 0, 0])):
        for q, flag in zip(QUARTERS, flags):
            rows.append(["EG-11", q, code, None, None, "done" if flag else "not_done", NOTE])
    for code, den, pcts in (
        ("SGDDT", 560, [82, 91, 97, 100]),
        ("SLDTBXH", 24, [50, 75, 87.5, 100]),
    ):
        for q, pct in zip(QUARTERS, pcts):
            rows.append(["CS-05", q, code, round(den * pct / 100), den, None, NOTE])
    departments = [a for a in agencies if a["level"] == "department"]
    for i, a in enumerate(departments):
        rows.append(
            ["EG-14", "2023-Q4", a["code"], None, None, "done" if i % 5 else "not_done", NOTE]
        )
    return rows


def task_rows(rng: random.Random) -> list[list[object]]:
    tasks = yaml.safe_load(Path("data/tasks.yaml").read_text(encoding="utf-8"))["tasks"]
    rows: list[list[object]] = []
    for t in tasks:
        progress = 0.0
        for q in QUARTERS:
            if rng.random() < 0.15:  # not every lead reports every quarter
                continue
            progress = min(100.0, progress + rng.choice([0, 20, 25, 30, 40, 50]))
            status = "done" if progress >= 100 else "in_progress" if progress > 0 else "not_started"
            if status == "in_progress" and rng.random() < 0.15:
                status = "delayed"
            rows.append([t["id"], q, status, progress, NOTE])
    return rows


def write_csv(
    path: Path, header: list[str], rows: list[list[object]], delimiter: str = ",", bom: bool = False
) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode() + buf.getvalue().encode("utf-8"))


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "actuals"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    notes = book.create_sheet("Ghi chú")
    notes.append([NOTE])
    buf = io.BytesIO()
    book.save(buf)
    path.write_bytes(pin_zip_times(buf.getvalue()))


def main() -> None:
    rng = random.Random(189)
    OUT.mkdir(parents=True, exist_ok=True)
    write_csv(OUT / "2023-so-tttt-toan-tinh.csv", HEADER, province_rows())
    write_csv(OUT / "2023-huyen-xa.csv", VI_HEADER, local_rows(rng), delimiter=";", bom=True)
    write_xlsx(OUT / "2023-so-ban-nganh.xlsx", department_rows(rng))
    write_csv(
        OUT / "2023-tien-do-nhiem-vu.csv",
        ["task_id", "period", "status", "progress", "note"],
        task_rows(rng),
    )
    print(f"wrote {len(list(OUT.glob('*.*')))} files to {OUT}")


if __name__ == "__main__":
    main()
