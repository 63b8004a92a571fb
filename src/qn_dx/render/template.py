"""Blank submission files that teach the person filling them in (`qn-dx template`).

Every row carries, beside the cells to fill, what the target counts (numerator and denominator in
the template's language), its goal and the basis expected, in guide columns that the reader
recognises and ignores. A department's template also holds the province-wide targets it leads:
exactly what `qn-dx missing` expects from it. The .xlsx adds an instructions sheet, drop-down
lists and text formats that keep codes as codes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..compute.missing import owed_by
from ..ingest.periods import Period, month, quarter, whole_year
from ..plan import Plan
from ..plan.queries import task_rows
from ..text import fold
from .listing import BOM, csv_cell, pin_zip_times, xlsx_append, xlsx_text

if TYPE_CHECKING:
    from ..plan.models import Target

# (key, English header = the contract name, Vietnamese header, width, guide?)
ACTUALS_COLUMNS: list[tuple[str, str, int, bool]] = [
    ("indicator_id", "Mã chỉ tiêu", 12, False),
    ("title", "Tên chỉ tiêu", 48, True),
    ("period", "Kỳ báo cáo", 12, False),
    ("unit_code", "Mã đơn vị", 11, False),
    ("unit_name", "Tên đơn vị", 28, True),
    ("numerator", "Tử số", 11, False),
    ("numerator_means", "Tử số là", 40, True),
    ("denominator", "Mẫu số", 11, False),
    ("denominator_means", "Mẫu số là", 40, True),
    ("value", "Giá trị", 11, False),
    ("value_means", "Giá trị là", 34, True),
    ("goal", "Mục tiêu", 16, True),
    ("basis", "Cách tính", 12, False),
    ("expected_basis", "Cách tính yêu cầu", 34, True),
    ("submitted", "Ngày gửi", 12, False),
    ("note", "Ghi chú", 30, False),
]
TASK_COLUMNS: list[tuple[str, str, int, bool]] = [
    ("task_id", "Mã nhiệm vụ", 12, False),
    ("task_name", "Tên nhiệm vụ", 60, True),
    ("unit_code", "Mã đơn vị", 11, False),
    ("role", "Vai trò", 16, True),
    ("period", "Kỳ báo cáo", 12, False),
    ("status", "Trạng thái", 18, False),
    ("progress", "Tiến độ", 10, False),
    ("submitted", "Ngày gửi", 12, False),
    ("note", "Ghi chú", 30, False),
]
TEXT_KEYS = {"indicator_id", "period", "unit_code", "task_id"}  # codes stay text in Excel

BASIS_WORD = {
    ("vi", True): "lũy kế",
    ("vi", False): "trong kỳ",
    ("en", True): "cumulative",
    ("en", False): "period",
}
EXPECTED_BASIS = {
    ("vi", False): "số phát sinh trong kỳ, không cộng dồn",
    ("vi", True): "lũy kế từ đầu năm (số liệu tại thời điểm cuối kỳ)",
    ("en", False): "this period's own figures, not cumulative",
    ("en", True): "year-to-date total (the position at the end of the period)",
    ("vi", None): "tình trạng tại thời điểm cuối kỳ",
    ("en", None): "the state at the end of the period",
}
VALUE_MEANS = {
    ("vi", "milestone"): "đạt / chưa đạt",
    ("en", "milestone"): "done / not_done",
    ("vi", "percent"): "phần trăm, từ 0 đến 100 (91,5 — không viết 0,915)",
    ("en", "percent"): "a percent from 0 to 100 (91.5 — not 0.915)",
    ("vi", "count"): "số lượng, số nguyên (236)",
    ("en", "count"): "a count, a whole number (236)",
    ("vi", "rank"): "thứ hạng, số nguyên",
    ("en", "rank"): "a rank, a whole number",
    ("vi", "ratio"): "không bắt buộc: qn-dx tự tính 100 × tử số / mẫu số",
    ("en", "ratio"): "optional: qn-dx computes 100 × numerator / denominator",
}
STATUS_WORDS = {
    "vi": ["hoàn thành", "đang thực hiện", "chưa triển khai", "chậm tiến độ"],
    "en": ["done", "in_progress", "not_started", "delayed"],
}
MILESTONE_WORDS = {"vi": ["đạt", "chưa đạt"], "en": ["done", "not_done"]}
SPARE_ROWS = 100  # drop-down lists reach this many rows below the template's own
DROPDOWN_WARNING = {
    "vi": ("Giá trị ngoài danh sách", "Giá trị này không có trong danh sách. Vẫn giữ?"),
    "en": ("Not in the list", "This value is not in the list. Keep it anyway?"),
}
SHEET_NAMES = {
    "vi": ("Số liệu", "Hướng dẫn", "Danh mục"),
    "en": ("Data", "Instructions", "Lists"),
}


@dataclass
class Template:
    kind: str  # "actuals" or "tasks"
    lang: str
    period: Period
    rows: list[dict[str, Any]]

    @property
    def columns(self) -> list[tuple[str, str, int, bool]]:
        return ACTUALS_COLUMNS if self.kind == "actuals" else TASK_COLUMNS

    def headers(self) -> list[str]:
        return [en if self.lang == "en" else vi for en, vi, _w, _g in self.columns]


def targets_for(plan: Plan, code: str) -> list[tuple[Target, str]]:
    """(target, unit code of its rows) that ``code`` reports: the targets whose scope holds it,
    and the province-wide targets it leads (reported for the province, by it)."""
    from ..plan.registry import in_scope

    unit = plan.reporting_units[code]
    owed = {t.id: u for t, u in owed_by(plan, code)}
    out = []
    for t in plan.targets:
        if in_scope(unit, t.scope):
            out.append((t, code))
        elif t.id in owed:
            out.append((t, owed[t.id]))
    return out


def actuals_template(plan: Plan, code: str, period: Period, lang: str) -> Template:
    names = {c: u.name for c, u in plan.reporting_units.items()}
    rows = []
    for t, unit in targets_for(plan, code):
        # A milestone is a state: no basis. A stock (latest) is the position at the period's
        # end, a flow (year_to_date) this period's own figures.
        cumulative = None if t.measure == "milestone" else t.period_rule == "latest"
        kind = t.measure if t.measure in ("milestone", "ratio") else (t.unit or "count")
        means = {
            "numerator_means": _words(t.numerator, lang) if t.numerator else "—",
            "denominator_means": _words(t.denominator, lang) if t.denominator else "—",
            "value_means": VALUE_MEANS[(lang, kind)],
        }
        rows.append(
            {
                "indicator_id": t.id,
                "title": t.title(lang),
                "period": period.label,
                "unit_code": unit,
                "unit_name": names.get(unit, ""),
                "numerator": "",
                "denominator": "",
                "value": "",
                "goal": _goal(t, lang),
                "basis": "" if cumulative is None else BASIS_WORD[(lang, cumulative)],
                "expected_basis": EXPECTED_BASIS[(lang, cumulative)],
                "submitted": "",
                "note": "",
                **means,
            }
        )
    return Template("actuals", lang, period, rows)


def _words(b: Any, lang: str) -> str:
    return str(b.vi if lang == "vi" else b.en)


def _goal(t: Target, lang: str) -> str:
    if t.op == "done":
        return "đạt" if lang == "vi" else "done"
    text = t.target_text()
    if lang == "vi":
        text = text.replace("baseline", f"năm {t.baseline.year if t.baseline else ''}".strip())
        text = text.replace("pp", "điểm %")
        if t.target is not None and not float(t.target).is_integer():
            text = text.replace(".", ",")
    return text


def tasks_template(plan: Plan, agency: str, period: Period, lang: str) -> Template:
    rows = []
    for t in task_rows(plan, agency):
        if t.get("role") != "lead":
            continue
        via = t.get("via")
        role = "chủ trì" if lang == "vi" else "lead"
        if via:
            group = plan.group_by_code[via]
            name = group.name_vi if lang == "vi" else group.name_en
            role += f" ({'cùng' if lang == 'vi' else 'with'} {name})"
        rows.append(
            {
                "task_id": t["id"],
                "task_name": t["name_vi"] if lang == "vi" else t["name_en"],
                "unit_code": agency,
                "role": role,
                "period": period.label,
                "status": "",
                "progress": "",
                "submitted": "",
                "note": "",
            }
        )
    return Template("tasks", lang, period, rows)


def file_stem(plan: Plan, code: str) -> str:
    """``21010-phuong-le-hong-phong``: the code, then the name without diacritics."""
    name = fold(plan.reporting_units[code].name)
    slug = "".join(ch if ch.isalnum() else "-" for ch in name)
    slug = "-".join(part for part in slug.split("-") if part)
    return f"{code}-{slug}"[:80]


def to_csv_bytes(template: Template) -> bytes:
    """UTF-8 with BOM; ``;``-separated in Vietnamese (what Vietnamese-locale Excel opens)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if template.lang == "vi" else ",", lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in template.headers()])
    for row in template.rows:
        writer.writerow([csv_cell(row[key]) for key, _vi, _w, _g in template.columns])
    return (BOM + buf.getvalue()).encode("utf-8")


def to_xlsx_bytes(plan: Plan, template: Template) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = template.lang
    data_name, help_name, lists_name = SHEET_NAMES[lang]
    book = Workbook()
    sheet = book.active
    sheet.title = data_name
    columns = template.columns
    xlsx_append(sheet, template.headers())
    guide_fill = PatternFill("solid", fgColor="EDEDED")
    for i, (_key, _vi, width, guide) in enumerate(columns, start=1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = width
        head = sheet.cell(1, i)
        head.font = Font(bold=True)
        head.alignment = Alignment(wrap_text=True, vertical="top")
        if guide:
            head.fill = guide_fill
    for r, row in enumerate(template.rows, start=2):
        for i, (key, _vi, _w, guide) in enumerate(columns, start=1):
            value = row[key]
            cell = sheet.cell(r, i, _text(value) if value != "" else None)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "#N/A" or "=…" from a plan stays text
            if key in TEXT_KEYS:
                cell.number_format = "@"  # 51 stays the code "51", 2023-03 stays a period
            elif key == "submitted":
                cell.number_format = "dd/mm/yyyy"
            if guide:
                cell.fill = guide_fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    last = max(len(template.rows) + 1, 2)
    lists = book.create_sheet(lists_name)
    lists.sheet_state = "hidden"
    position = {key: get_column_letter(i) for i, (key, *_r) in enumerate(columns, start=1)}

    def dropdown(key: str, values: list[str], col: int, rows: list[int] | None = None) -> None:
        letter = get_column_letter(col)
        for n, v in enumerate(values, start=1):
            lists.cell(n, col, _text(v)).number_format = "@"
        title, message = DROPDOWN_WARNING[lang]
        dv = DataValidation(
            type="list",
            formula1=f"'{lists_name}'!${letter}$1:${letter}${max(len(values), 1)}",
            allow_blank=True,
            # A warning, not a lock: Excel asks before keeping another spelling (Quý II/2023
            # reads as well as 2023-Q2), and qn-dx validate has the last word.
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=title,
            error=message,
        )
        sheet.add_data_validation(dv)
        target = position[key]
        if rows is None:
            dv.add(f"{target}2:{target}{last + SPARE_ROWS}")  # rows added later get lists too
        else:
            for r in rows:
                dv.add(f"{target}{r}")

    dropdown("period", _periods(template.period), 1)
    if template.kind == "actuals":
        dropdown("indicator_id", list(dict.fromkeys(r["indicator_id"] for r in template.rows)), 2)
        basis_words = [BASIS_WORD[(lang, False)], BASIS_WORD[(lang, True)]]
        dropdown("basis", basis_words, 3)
        milestone_rows = [
            r
            for r, row in enumerate(template.rows, start=2)
            if plan.target_by_id[row["indicator_id"]].measure == "milestone"
        ]
        if milestone_rows:
            dropdown("value", MILESTONE_WORDS[lang], 4, milestone_rows)
    else:
        dropdown("status", STATUS_WORDS[lang], 2)
    helper = book.create_sheet(help_name, 1)
    helper.column_dimensions["A"].width = 110
    for line in instructions(template):
        cell = helper.cell(helper.max_row + 1 if helper["A1"].value else 1, 1, _text(line))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    helper["A1"].font = Font(bold=True, size=13)
    buf = io.BytesIO()
    book.save(buf)
    return pin_zip_times(buf.getvalue())


def _text(value: Any) -> Any:
    """A text cell that stays text (never a formula, never an error value); numbers unchanged."""
    return xlsx_text(value) if isinstance(value, str) else value


def _periods(p: Period) -> list[str]:
    y = p.year
    quarters = [quarter(y, q).label for q in range(1, 5)]
    months = [month(y, m).label for m in range(1, 13)]
    return [*quarters, *months, whole_year(y).label]


def instructions(template: Template) -> list[str]:
    """The rules, as sentences: one per row of column A (never a row that looks like a header)."""
    y = template.period.year
    vi = template.lang == "vi"
    if template.kind == "tasks":
        return _task_instructions(y) if vi else _task_instructions_en(y)
    if vi:
        return [
            "Hướng dẫn điền biểu mẫu báo cáo số liệu chuyển đổi số",
            "Điền vào các cột trắng; các cột nền xám chỉ để tham khảo, không cần sửa. Không sửa "
            "mã chỉ tiêu, mã đơn vị và dòng tiêu đề.",
            f"Kỳ báo cáo: ghi {y}-Q1 … {y}-Q4 (quý), {y}-01 … {y}-12 (tháng) hoặc {y} (năm); "
            f"cũng đọc được Quý I/{y}, Tháng 3/{y}. Không có kỳ 6 tháng: báo cáo 6 tháng đầu "
            f"năm là {y}-Q2 với cách tính lũy kế. Không nhập ngày tháng vào ô kỳ báo cáo.",
            "Số liệu: ghi số nguyên không có dấu phân cách hàng nghìn (3000, không ghi 3.000 "
            "hay 3,000); số thập phân dùng dấu phẩy (91,5). Tỷ lệ phần trăm ghi từ 0 đến 100 "
            "(91 nghĩa là 91%), không ghi 0,91. Chưa có số liệu thì để trống ô, không ghi "
            "dấu gạch hay số 0.",
            "Chỉ tiêu tỷ lệ: ghi tử số và mẫu số; qn-dx tự tính tỷ lệ = 100 × tổng tử số / "
            "tổng mẫu số. Cột giá trị có thể để trống.",
            "Chỉ tiêu đánh giá đạt / chưa đạt: ghi vào cột giá trị chữ 'đạt' hoặc 'chưa đạt'.",
            "Cách tính: 'trong kỳ' là số phát sinh riêng trong kỳ, không cộng dồn; 'lũy kế' là "
            "số cộng dồn từ đầu năm đến hết kỳ. Một chỉ tiêu dùng một cách tính cho cả năm.",
            f"Ngày gửi: ngày gửi báo cáo (05/04/{y}). Khi gửi lại số liệu đã sửa, ghi ngày gửi "
            "mới cho cả lần gửi trước và lần gửi sau: dòng có ngày gửi sau sẽ thay dòng cũ.",
            "Không thêm dòng tổng cộng (qn-dx tự cộng), không ẩn trang tính có số liệu, không "
            "để công thức lỗi (#DIV/0!).",
            "Ví dụ: EG-16, Quý I: tử số 120 văn bản xử lý trên môi trường mạng, mẫu số 150 "
            "văn bản, cách tính trong kỳ.",
            "Cơ quan tổng hợp kiểm tra tệp bằng công cụ qn-dx; lỗi sẽ được báo theo tên trang "
            "tính, số dòng và tên cột để đơn vị sửa.",
        ]
    return [
        "How to fill in this digital-transformation data template",
        "Fill in the white columns; the grey columns are guidance and need no change. Do not "
        "change the target codes, the unit codes or the header row.",
        f"Period: write {y}-Q1 … {y}-Q4 (quarters), {y}-01 … {y}-12 (months) or {y} (the "
        f"year); Quý I/{y} and Tháng 3/{y} also read. There are no half-year periods: "
        f"report the first half as {y}-Q2 with basis cumulative. Do not type a date.",
        "Figures: whole numbers without thousands separators (3000, not 3.000 or 3,000). "
        "Percentages from 0 to 100 (91 means 91%), never 0.91. With no figure yet, leave the "
        "cell empty: no dash, no 0.",
        "Ratio targets: give numerator and denominator; qn-dx computes 100 × the sum of "
        "numerators / the sum of denominators. The value cell may stay empty.",
        "Done / not done targets: write 'done' or 'not_done' in the value cell.",
        "Basis: 'period' is this period's own figures, not cumulative; 'cumulative' is the "
        "year-to-date total. One indicator keeps one basis for the whole year.",
        f"Submitted: the date the figures are sent ({y}-04-05 or 05/04/{y}). When you "
        "resend corrected figures, date both sendings: the later row replaces the earlier.",
        "Do not add a total row (qn-dx adds up), do not hide a sheet with data, leave no "
        "formula errors (#DIV/0!).",
        "Example: EG-16, Q1: numerator 120 documents processed online, denominator 150 "
        "documents, basis period.",
        "The collecting office checks the file with qn-dx: each problem is named by sheet, "
        "line and column.",
    ]


def _task_instructions(y: int) -> list[str]:
    return [
        "Hướng dẫn báo cáo tiến độ nhiệm vụ chuyển đổi số",
        "Điền vào các cột trắng; các cột nền xám chỉ để tham khảo. Không sửa mã nhiệm vụ, mã "
        "đơn vị và dòng tiêu đề.",
        f"Kỳ báo cáo: {y}-Q1 … {y}-Q4 (quý) hoặc {y}-01 … {y}-12 (tháng).",
        "Trạng thái: hoàn thành, đang thực hiện, chưa triển khai hoặc chậm tiến độ.",
        "Tiến độ: phần trăm khối lượng đã làm, từ 0 đến 100 (50 nghĩa là 50%), không ghi 0,5.",
        "Nhiệm vụ do nhiều cơ quan cùng chủ trì: mỗi cơ quan báo cáo phần việc của mình, với mã "
        "đơn vị của mình.",
        f"Ngày gửi: ngày gửi báo cáo (05/04/{y}); lần gửi sau thay lần gửi trước.",
    ]


def _task_instructions_en(y: int) -> list[str]:
    return [
        "How to report the progress of digital-transformation tasks",
        "Fill in the white columns; the grey columns are guidance. Do not change the task "
        "codes, the unit code or the header row.",
        f"Period: {y}-Q1 … {y}-Q4 (quarters) or {y}-01 … {y}-12 (months).",
        "Status: done, in_progress, not_started or delayed.",
        "Progress: percent of the work done, from 0 to 100 (50 means 50%), never 0.5.",
        "A task several agencies lead together: each reports its own part, with its own code.",
        f"Submitted: the date the report is sent (05/04/{y}); a later sending replaces an "
        "earlier one.",
    ]
