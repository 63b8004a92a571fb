"""Every word a user reads, in Vietnamese and English: one catalogue, and the one place where
numbers and periods are written the way each language writes them.

Why a module of templates and not gettext: the catalogue is small (hundreds of entries), every
entry needs both languages from the day it is written (a test fails on a missing one), and the
messages take named parameters that Python formats; a ``.po``/``.mo`` build step and a runtime
lookup would add tooling without adding a check. Codes and JSON keys stay English (they are API);
only what is shown beside them is translated.

Each entry is ``(vi, en)``: Vietnamese first, as the people who read qn-dx do.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .vocab import Lang
from .words_findings import FINDING_WORDS

W: dict[str, tuple[str, str]] = {
    # --- statuses --------------------------------------------------------------------------------
    "status.met": ("đạt", "met"),
    "status.on_track": ("đúng tiến độ", "on track"),
    "status.off_track": ("chậm tiến độ", "off track"),
    "status.pending": ("đang thực hiện", "pending"),
    "status.not_met": ("không đạt", "not met"),
    "status.no_data": ("chưa có số liệu", "no data"),
    "status.no_baseline": (
        "chưa có số liệu cơ sở năm {year} để tính mục tiêu",
        "no {year} baseline to set the goal from",
    ),
    "status.provisional": (
        "{status} (tạm tính: {units} đơn vị)",
        "{status}, provisional: {units} units",
    ),
    "task.done": ("hoàn thành", "done"),
    "task.in_progress": ("đang triển khai", "in progress"),
    "task.delayed": ("chậm tiến độ", "delayed"),
    "task.not_started": ("chưa triển khai", "not started"),
    "task.overdue": ("quá hạn", "overdue"),
    "task.not_reported": ("chưa báo cáo", "not reported"),
    "milestone.done": ("đã đạt", "done"),
    "milestone.not_done": ("chưa đạt", "not done"),
    "measure.ratio": ("tỷ lệ", "ratio"),
    "measure.value": ("giá trị", "value"),
    "measure.milestone": ("mốc hoàn thành", "milestone"),
    "unit.percent": ("phần trăm", "percent"),
    "unit.count": ("số lượng", "count"),
    "unit.rank": ("thứ hạng", "rank"),
    "rule.latest": ("số liệu mới nhất", "latest"),
    "rule.year_to_date": ("cộng dồn từ đầu năm", "year to date"),
    "basis.period": ("trong kỳ", "period"),
    "basis.cumulative": ("lũy kế", "cumulative"),
    "level.province": ("cấp tỉnh", "province"),
    "level.department": ("sở, ban, ngành", "department"),
    "level.district": ("cấp huyện", "district"),
    "level.commune": ("cấp xã", "commune"),
    "level.other": ("khác", "other"),
    # --- the plan's lists (targets, tasks) ---------------------------------------------------
    "list.measure": ("Loại", "Measure"),
    "list.scope": ("Phạm vi", "Scope"),
    "list.period_rule": ("Cách lấy số liệu", "Period rule"),
    "list.lead": ("Chủ trì", "Lead"),
    "list.coordinating": ("Phối hợp", "Coordinating"),
    "list.number": ("STT", "No."),
    "list.task": ("Nhiệm vụ", "Task"),
    "list.role": ("Vai trò", "Role"),
    "list.via": ("Qua nhóm", "Via group"),
    "list.progress": ("Tiến độ", "Progress"),
    "list.reported": ("Kỳ báo cáo", "Reported"),
    "list.reporters": ("Đơn vị chủ trì đã báo cáo", "Leads reported"),
    "list.targets_title": ("{number}: {n} chỉ tiêu", "{number}: {n} targets"),
    "list.tasks_title": ("{title}: {n} nhiệm vụ", "{title}: {n} tasks"),
    "role.lead": ("chủ trì", "lead"),
    "role.coordinating": ("phối hợp", "coordinating"),
    # --- missing ----------------------------------------------------------------------------------
    "missing.completeness": (
        "Tỷ lệ báo cáo tính đến {as_of}: {reported}/{expected} ({rate})",
        "Reporting completeness as of {as_of}: {reported}/{expected} ({rate})",
    ),
    "missing.by_target": ("Theo chỉ tiêu", "By target"),
    "missing.by_agency": ("Theo cơ quan, đơn vị chịu trách nhiệm", "By responsible agency or unit"),
    "missing.reported": ("Đã báo cáo", "Reported"),
    "missing.rate": ("Tỷ lệ", "Rate"),
    "missing.units": ("Đơn vị chưa gửi", "Missing units"),
    "missing.agency": ("Cơ quan, đơn vị", "Agency"),
    "missing.owes": ("Chưa gửi số liệu", "Still owes"),
    "missing.tasks": ("Nhiệm vụ chưa báo cáo tiến độ", "Tasks without progress"),
    "missing.owed_by": ("{unit} → {by}", "{unit} → {by}"),
    "missing.baseline_owed": ("còn thiếu số liệu cơ sở năm {year}", "the {year} baseline too"),
    # --- compare (two plans) ----------------------------------------------------------------------
    "compare.title": ("So sánh {first} và {second}", "{first} and {second} side by side"),
    "compare.indicator": ("Chỉ số", "Indicator"),
    "compare.id": ("{plan} ({period})", "{plan} ({period})"),
    "compare.matched": (
        "{n} trong {total} chỉ số có ở cả hai kế hoạch",
        "{n} of {total} indicators are in both plans",
    ),
    # --- validate -------------------------------------------------------------------------------
    "validate.summary": (
        "— đã kiểm tra {rows} dòng trong {files} tệp: {valid} dòng hợp lệ, {invalid} dòng có lỗi, "
        "{skipped} dòng bỏ qua; {errors} lỗi, {warnings} cảnh báo",
        "{rows} rows in {files} file(s): {valid} valid, {invalid} invalid, {skipped} skipped — "
        "{errors} error(s), {warnings} warning(s)",
    ),
    "validate.ok": ("ĐẠT", "OK"),
    "validate.failed": ("KHÔNG ĐẠT", "FAILED"),
    "severity.error": ("lỗi", "error"),
    "severity.warning": ("cảnh báo", "warning"),
    "severity.note": ("ghi chú", "note"),
    # --- periods and numbers ---------------------------------------------------------------------
    "period.Q": ("Quý {roman}/{year}", "{year}-Q{number}"),
    "period.M": ("Tháng {number}/{year}", "{year}-{number:02d}"),
    "period.Y": ("Năm {year}", "{year}"),
    "unit.points": ("điểm %", "pp"),
    "goal.baseline": ("năm {year}", "baseline"),
    "goal.baseline_unknown": ("năm cơ sở", "baseline"),
    "goal.done": ("hoàn thành", "done"),
    "op.>=": (">=", ">="),
    "op.>": (">", ">"),
    "op.<=": ("<=", "<="),
    "op.increase": ("tăng so với năm cơ sở", "increase"),
    "op.done": ("hoàn thành", "done"),
    "none": ("không có", "none"),
    "more": ("và {n} mục khác", "+{n} more"),
    "dash": ("—", "—"),
    # --- the report ------------------------------------------------------------------------------
    "report.id": ("Mã", "ID"),
    "report.area": ("Lĩnh vực", "Area"),
    "report.title": ("Chỉ tiêu", "Target"),
    "report.goal": ("Mục tiêu", "Goal"),
    "report.actual": ("Thực hiện", "Actual"),
    "report.gap": ("So với mục tiêu", "Gap"),
    "terminal.hidden": (
        "Cửa sổ rộng {width} cột nên đã ẩn các cột: {columns}. Mở rộng cửa sổ, hoặc xem đủ "
        "bằng --format html hay --output bao-cao.xlsx",
        "The terminal is {width} columns wide, so these columns are hidden: {columns}. Widen "
        "it, or see them all with --format html or --output report.xlsx",
    ),
    "gap.short": ("còn {amount}", "{amount} short"),
    "gap.over": ("vượt {amount}", "{amount} over"),
    "report.status": ("Trạng thái", "Status"),
    "report.units": ("Đơn vị", "Units"),
    "report.progress": ("Tiến độ", "Progress"),
    "report.baseline": ("Cơ sở", "Baseline"),
    "report.lead": ("Chủ trì", "Lead"),
    "report.observations": ("Số dòng", "Rows used"),
    "report.coverage": ("Độ phủ", "Coverage"),
    "report.projection": ("Dự báo cuối năm", "Year-end projection"),
    "report.as_of": ("tính đến", "as of"),
    "report.counts": ("Số chỉ tiêu theo trạng thái", "Targets by status"),
    "report.of_which_provisional": ("{n} tạm tính", "{n} provisional"),
    "report.left_out": (
        "{n} dòng lỗi không được tính (--skip-invalid)",
        "{n} invalid row(s) left out (--skip-invalid)",
    ),
    "missing.refused": ("đã gửi nhưng bị từ chối", "sent but refused"),
    "report.files_left_out": (
        "{n} tệp bị từ chối toàn bộ, không được tính (--skip-invalid): {files}",
        "{n} file(s) refused whole, left out (--skip-invalid): {files}",
    ),
    "report.actual_at": ("Thực hiện {period}", "Actual {period}"),
    "report.status_at": ("Trạng thái {period}", "Status {period}"),
    "report.change": ("Thay đổi", "Change"),
    "report.value_at": ("{period}", "{period}"),
    "report.trend": ("Xu hướng", "Trend"),
    "report.on_units": (
        "số liệu được quy về các đơn vị tồn tại ngày {day}",
        "figures placed on the units of {day}",
    ),
    "explain.mapping": (
        "Đơn vị đã sáp nhập/chia tách, số liệu được quy về các đơn vị ngày {day}:",
        "Units that merged or split, their figures placed on the units of {day}:",
    ),
    "report.left_out_from": ("từ {units}", "from {units}"),
    "report.notices": ("Lưu ý trước khi dùng số liệu", "Before using these figures"),
    "report.units_no_data": ("{n} đơn vị chưa có số liệu", "{n} unit(s) with no data"),
    "report.summary_sheet": ("Tổng hợp", "Summary"),
    "report.unit_code": ("Mã đơn vị", "Unit code"),
    "report.unit_name": ("Tên đơn vị", "Unit"),
    "report.period": ("Kỳ", "Period"),
    "report.numerator": ("Tử số", "Numerator"),
    # A contract column named inside a finding's message ("numerator '-' is not a number"):
    # English keeps the column's contract name, Vietnamese says what the template's header says.
    "field.indicator_id": ("mã chỉ tiêu", "indicator_id"),
    "field.period": ("kỳ báo cáo", "period"),
    "field.unit_code": ("mã đơn vị", "unit_code"),
    "field.numerator": ("tử số", "numerator"),
    "field.denominator": ("mẫu số", "denominator"),
    "field.value": ("giá trị", "value"),
    "field.note": ("ghi chú", "note"),
    "field.basis": ("cách tính", "basis"),
    "field.submitted": ("ngày gửi", "submitted"),
    "field.task_id": ("mã nhiệm vụ", "task_id"),
    "field.status": ("trạng thái", "status"),
    "field.progress": ("tiến độ", "progress"),
    "report.denominator": ("Mẫu số", "Denominator"),
    "report.value": ("Giá trị", "Value"),
    "report.done": ("Hoàn thành", "Done"),
    "report.file": ("Tệp", "File"),
    "report.line": ("Dòng", "Line"),
    "report.basis": ("Cách tính", "Basis"),
    "report.series": ("Diễn biến", "Trend"),
    "report.measure": ("Loại", "Measure"),
    "report.unit": ("Đơn vị đo", "Unit"),
    "report.op": ("Phép so sánh", "Operator"),
    "report.target": ("Mục tiêu (số)", "Target"),
    "report.baseline_source": ("Nguồn cơ sở", "Baseline source"),
    "report.units_reported": ("Đơn vị đã báo cáo", "Units reported"),
    "report.units_expected": ("Đơn vị phải báo cáo", "Units expected"),
    "report.provisional": ("Tạm tính", "Provisional"),
    "report.observations_used": ("Số dòng đã dùng", "Observations used"),
    "source.actuals": ("số liệu thực tế", "actuals"),
    "source.plan": ("kế hoạch", "plan"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    # --- the quarterly summary -------------------------------------------------------------------
    "summary.title": ("Báo cáo quý", "Quarterly summary"),
    "summary.document_title": (
        "BÁO CÁO\nKết quả thực hiện Kế hoạch chuyển đổi số {year}, {period}",
        "REPORT\nProgress of the {year} digital-transformation plan, {period}",
    ),
    "summary.headline": ("Tổng quan", "Headline"),
    "summary.provisional": ("Trong đó tạm tính", "Of which provisional"),
    "summary.total": ("Tổng", "Total"),
    "summary.completeness": ("Mức độ đầy đủ của báo cáo", "Reporting completeness"),
    "summary.furthest": ("Chỉ tiêu còn xa mục tiêu nhất", "Targets furthest from their goal"),
    "summary.relative": ("% so với mục tiêu", "% of target"),
    "summary.changes": ("Thay đổi so với {period}", "Changes since {period}"),
    "summary.no_previous": (
        "Không có quý trước trong năm kế hoạch.",
        "No previous quarter in the plan year.",
    ),
    "summary.no_changes": ("Không chỉ tiêu nào đổi trạng thái.", "No target changed status."),
    "summary.then": ("Trạng thái {period}", "Status {period}"),
    "summary.actual_then": ("Thực hiện {period}", "Actual {period}"),
    "summary.tasks": ("Nhiệm vụ", "Tasks"),
    "summary.by_group": ("Theo nhóm", "By group"),
    "summary.by_lead": ("Theo cơ quan chủ trì", "By lead agency"),
    "summary.overdue": ("Quá hạn ({n})", "Overdue ({n})"),
    "summary.delayed": ("Chậm tiến độ ({n})", "Delayed ({n})"),
    "summary.missing": ("Số liệu còn thiếu", "Missing submissions"),
    "summary.agency": ("Cơ quan", "Agency"),
    "summary.reported": ("Đã báo cáo", "Reported"),
    "summary.owed": ("Chưa gửi", "Still owed"),
    "summary.tasks_unreported": (
        "Nhiệm vụ chưa báo cáo tiến độ {period}",
        "Tasks without progress for {period}",
    ),
    "summary.group": ("Nhóm", "Group"),
    "summary.generated": ("Lập lúc: {stamp}", "Generated: {stamp}"),
    "summary.more": ("và {n} chỉ tiêu khác", "+{n} more"),
    "summary.progress": ("tiến độ {value} %", "{value} % done"),
    "summary.issuer": ("ỦY BAN NHÂN DÂN\n{province}", "PEOPLE'S COMMITTEE\nOF {province}"),
    "summary.motto": (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "SOCIALIST REPUBLIC OF VIET NAM\nIndependence - Freedom - Happiness",
    ),
    "summary.number_line": ("Số: …/BC-UBND", "No.: …/BC-UBND"),
    "summary.recipients": (
        "Nơi nhận:\n- Như trên;\n- Thường trực Tỉnh ủy (b/c);\n- Thường trực HĐND tỉnh (b/c);\n"
        "- CT, các PCT UBND tỉnh;\n- Các Sở, ban, ngành tỉnh;\n- Lưu: VT, KTTH.",
        "Recipients:\n- As above;\n- Standing Committee of the Provincial Party Committee;\n"
        "- Standing Committee of the Provincial People's Council;\n- Chair and Vice-chairs;\n"
        "- Provincial departments, boards and sectors;\n- Archived: VT, KTTH.",
    ),
    "summary.signature": (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\n(ký, ghi rõ họ tên)",
        "ON BEHALF OF THE PEOPLE'S COMMITTEE\nFOR THE CHAIR\nVICE-CHAIR\n\n\n\n"
        "(signature, full name)",
    ),
    "summary.date_line": ("{place}, ngày … tháng … năm {year}", "{place}, … {year}"),
    "summary.basis_line": (
        "Căn cứ Kế hoạch số {number} về chuyển đổi số năm {year}; số liệu tính đến {period}.",
        "Under plan {number} on digital transformation for {year}; figures as of {period}.",
    ),
    # --- explain --------------------------------------------------------------------------------
    "explain.plan": ("Kế hoạch", "Plan"),
    "explain.rule": (
        "Cách tính: {measure} = {how}; mục tiêu {goal}; quy tắc kỳ {rule}; phạm vi {scope} "
        "({n} đơn vị)",
        "Rule: {measure} = {how}; goal {goal}; period rule {rule}; scope {scope} ({n} units)",
    ),
    "explain.how.ratio": (
        "100 × Σtử số / Σmẫu số của các đơn vị",
        "100 × Σnumerator / Σdenominator over the units",
    ),
    "explain.how.value": (
        "số liệu của đơn vị (số lượng của nhiều đơn vị được cộng lại)",
        "the unit's figure (counts of several units are added)",
    ),
    "explain.how.milestone": (
        "hoàn thành khi mọi đơn vị báo cáo đều hoàn thành",
        "done when every reporting unit says done",
    ),
    "explain.as_of": (
        "Tính đến {period}: thực hiện {actual}, so với mục tiêu {gap}, trạng thái {status}; "
        "{reported}/{expected} đơn vị đã báo cáo (độ phủ {coverage}, {side} mức {minimum} "
        "cần cho kết quả chính thức)",
        "As of {period}: actual {actual}, gap {gap}, status {status}; {reported}/{expected} "
        "units reported (coverage {coverage}, {side} the {minimum} a final result needs)",
    ),
    "explain.below": ("dưới", "below"),
    "explain.above": ("đạt", "at or above"),
    "explain.counted": ("Được tính ({n} dòng số liệu):", "Counted ({n} observation(s)):"),
    "explain.cumulative": ("(lũy kế: cả năm đến kỳ này)", "(cumulative: the year so far)"),
    "explain.carried": ("(lấy từ kỳ trước)", "(carried forward)"),
    "explain.sums": (
        "Σtử số = {num}, Σmẫu số = {den} → {value}",
        "Σnumerator = {num}, Σdenominator = {den} → {value}",
    ),
    "explain.undefined": ("không xác định (Σmẫu số = 0)", "undefined (Σdenominator = 0)"),
    "explain.overflow": (
        "không phải số hữu hạn (tổng quá lớn)",
        "not a finite number (the sums overflow)",
    ),
    "explain.note": ("ghi chú: {note}", "note: {note}"),
    "explain.not_counted": ("Không được tính ({n}):", "Not counted ({n}):"),
    "explain.baseline_actuals": (
        "Số liệu cơ sở: {value}, từ số liệu thực tế năm {year} ({where})",
        "Baseline: {value} from the {year} actuals ({where})",
    ),
    "explain.baseline_plan": (
        "Số liệu cơ sở: {value}, từ kế hoạch ({where}; {section}: “{quote}”)",
        "Baseline: {value} from the plan ({where}; {section}: “{quote}”)",
    ),
    "explain.baseline_none": ("Số liệu cơ sở: không có", "Baseline: none"),
    "explain.baseline_needed": (" — chỉ tiêu này cần số liệu cơ sở", " — this target needs one"),
    "explain.projection": (
        "Dự báo: {points} → đường xu hướng (bình phương tối thiểu) tại cuối năm: {value}",
        "Projection: {points} → least-squares line at the year's end: {value}",
    ),
    "explain.no_projection": (
        "Dự báo: không cần (đã đạt, mốc hoàn thành, kỳ cuối năm, hoặc chưa có số liệu)",
        "Projection: not needed (met, a milestone, the year's last period, or no data)",
    ),
    # --- notes the computation writes ------------------------------------------------------------
    "note.sum_of_units": ("tổng của {n} đơn vị", "sum of {n} units"),
    "note.mean_of_units": ("trung bình của {n} đơn vị", "mean of {n} units' values"),
    "note.no_baseline": (
        "chưa có số liệu cơ sở: cả số liệu năm {year} lẫn kế hoạch đều không có",
        "no baseline: neither the {year} actuals nor the plan give one",
    ),
    "note.year_to_date_gaps": (
        "{n} đơn vị thiếu số liệu một số kỳ trong năm: tổng lũy kế của các đơn vị này chưa đủ",
        "{n} unit(s) left periods of the year out: their year-to-date sum is partial",
    ),
    "note.reading": (
        "mục tiêu được hiểu là {kept} = {goal}; nếu hiểu theo cách khác, {other}, thì là "
        "{other_goal}",
        "goal read as {kept} = {goal}; the other reading, {other}, gives {other_goal}",
    ),
    "note.reading_needs_baseline": (
        "mục tiêu được hiểu là {kept}; cách hiểu khác, {other}, cũng cần số liệu cơ sở",
        "goal read as {kept}; the other reading, {other}, also needs a baseline",
    ),
    "note.reading_met": ("(số thực hiện {actual} đạt)", "(met by the actual {actual})"),
    "note.reading_not_met": (
        "(số thực hiện {actual} không đạt)",
        "(not met by the actual {actual})",
    ),
    "note.overflow": (
        "tổng số liệu vượt quá giới hạn tính toán: không có kết quả",
        "the sums overflow: no figure",
    ),
    # --- the command line: refusals, usage errors and notes on stderr ---------------------------
    # --- usage errors (exit 2) -------------------------------------------------------------------
    "usage.unknown-area": (
        "không có lĩnh vực {area}; các lĩnh vực: {areas}",
        "unknown area {area}; areas: {areas}",
    ),
    "usage.bad-choice": (
        "{option} {value}: chọn một trong {choices}",
        "{option} {value}: use one of {choices}",
    ),
    "usage.format-from-name": (
        "không xác định được định dạng từ tên {name}: dùng --format",
        "cannot tell the format from {name}: pass --format",
    ),
    "usage.needs-output": (
        "--format {format} cần --output TỆP",
        "--format {format} needs --output FILE",
    ),
    "usage.with": ("--with: {problem}", "--with: {problem}"),
    "usage.export-suffix": (
        "--export {name}: tên tệp phải kết thúc bằng .parquet hoặc .csv",
        "--export {name}: the file name must end in .parquet or .csv",
    ),
    "cli.exported": (
        "{n} số liệu hợp lệ, định dạng {fmt}",
        "{n} valid observations, {fmt}",
    ),
    "usage.template-period": (
        "không dùng được kỳ {period}: ví dụ {year}-Q1",
        "cannot use period {period}: write e.g. {year}-Q1",
    ),
    "usage.tasks-need-agency": (
        "--kind tasks cần --agency (cơ quan có nhiệm vụ cần liệt kê)",
        "--kind tasks needs --agency (the agency whose tasks to list)",
    ),
    "usage.leads-no-task": (
        "{code} không chủ trì nhiệm vụ nào của kế hoạch",
        "{code} leads no task of the plan",
    ),
    "usage.all-units-output": (
        "--all-units cần --output THƯ_MỤC",
        "--all-units needs --output FOLDER",
    ),
    "usage.give-unit": (
        "hãy cho --unit MÃ (hoặc --all-units, hoặc --kind tasks --agency X)",
        "give --unit CODE (or --all-units, or --kind tasks --agency X)",
    ),
    "usage.reports-no-target": (
        "{code} không báo cáo chỉ tiêu nào của kế hoạch",
        "{code} reports no target of the plan",
    ),
    "usage.unknown-unit": ("không có đơn vị {unit}{tail}", "unknown unit {unit}{tail}"),
    "usage.group-not-unit": (
        "{unit} là một nhóm, không phải đơn vị báo cáo",
        "{unit} is a group, not a reporting unit",
    ),
    "usage.unknown-agency": ("không có cơ quan {agency}{tail}", "unknown agency {agency}{tail}"),
    "usage.unknown-target": ("không có chỉ tiêu {target}{tail}", "unknown target {target}{tail}"),
    "usage.did-you-mean": ("; có phải {names}?", "; did you mean {names}?"),
    "usage.lookup-ambiguous": (
        "{query} khớp với nhiều mục{tail}",
        "{query} matches several entries{tail}",
    ),
    "usage.lookup-unknown": (
        "{query} không phải cơ quan, nhóm hay đơn vị{tail}",
        "{query} is not an agency, group or unit{tail}",
    ),
    "usage.all-units-file": (
        "--all-units ghi mỗi đơn vị một tệp: {folder} là một tệp, hãy cho một thư mục",
        "--all-units writes one file per unit: {folder} is a file, give a folder",
    ),
    "usage.all-units-actuals": (
        "{folder} là thư mục số liệu gửi về: biểu mẫu sẽ bị đọc như số liệu",
        "{folder} is a submissions folder: the templates would be read as data",
    ),
    "usage.cannot-create": ("không tạo được {folder}: {why}", "cannot create {folder}: {why}"),
    "usage.template-not-in-period": ("{problem}; {hint}", "{problem}; {hint}"),
    "cli.template-skipped": (
        "bỏ qua {n} đơn vị không tồn tại trong kỳ {period}: {units}",
        "skipped {n} unit(s) that did not exist in {period}: {units}",
    ),
    "usage.on-units": (
        "--on-units {value}: hãy cho một ngày, YYYY-MM-DD",
        "--on-units {value}: give a day, YYYY-MM-DD",
    ),
    "cli.refused-with": (
        "từ chối: --with {folder}: {problem}",
        "refused: --with {folder}: {problem}",
    ),
    "cli.error": ("Lỗi: {message}", "Error: {message}"),
    "cli.warning": ("cảnh báo: {text}", "warning: {text}"),
    "cli.plan-folder": (
        "{problem} (dùng --data-dir THƯ_MỤC hoặc đặt biến QN_DX_DATA)",
        "{problem} (pass --data-dir DIR or set QN_DX_DATA)",
    ),
    "cli.refused": ("từ chối: {why}", "refused: {why}"),
    "cli.plan-errors": (
        "thư mục kế hoạch có {n} lỗi (xem qn-dx check)",
        "the plan folder has {n} error(s) (see qn-dx check)",
    ),
    "cli.refused-actuals": (
        "từ chối: số liệu thực tế có lỗi (hãy sửa, hoặc dùng --skip-invalid)",
        "refused: the actuals have errors (fix them, or pass --skip-invalid)",
    ),
    "cli.path-missing": ("đường dẫn {path} không tồn tại", "path {path} does not exist"),
    "cli.as-of": (
        "{option} {as_of}: hãy ghi một kỳ của năm {year}, ví dụ {year}-Q2",
        "{option} {as_of}: give a period of {year}, e.g. {year}-Q2",
    ),
    "cli.no-valid-figures": (
        "không có số liệu hợp lệ nào của năm {year}: {n} dòng bị từ chối (chạy qn-dx validate "
        "để xem lý do), nên không có kỳ nào để báo cáo; hãy sửa các dòng đó, hoặc dùng --as-of "
        "để lập báo cáo không có số liệu",
        "no valid {year} figures: {n} row(s) were refused (run qn-dx validate to see why), so "
        "there is no period to report on; fix the rows, or pass --as-of to report on nothing",
    ),
    "cli.no-figures": (
        "số liệu thực tế không có số liệu nào của năm {year}: hãy dùng --as-of",
        "no {year} figures in the actuals: pass --as-of",
    ),
    "cli.lang-env": (
        "QN_DX_LANG={value}: chỉ có vi và en; ngôn ngữ được chọn theo locale",
        "QN_DX_LANG={value}: only vi and en exist; the language follows the locale",
    ),
    "cli.stdout-closed": ("đầu ra chuẩn đã đóng", "it is closed"),
    "cli.stdout-failed": (
        "không ghi được ra đầu ra chuẩn: {why}",
        "cannot write to standard output: {why}",
    ),
    "cli.stdout-lossy": (
        "lưu ý: đầu ra chuẩn dùng bảng mã {encoding}, không hiển thị được toàn bộ văn bản này; "
        "ký tự không hiển thị được sẽ được ghi là '?'. Để dùng UTF-8, đặt PYTHONUTF8=1 (hoặc "
        "PYTHONIOENCODING=utf-8), hoặc ghi ra tệp bằng --output TỆP.",
        "note: standard output is {encoding}, which cannot show all of this text; what it "
        "lacks is written as '?'. For UTF-8 set PYTHONUTF8=1 (or PYTHONIOENCODING=utf-8), or "
        "write to a file with --output FILE.",
    ),
    "cli.binary": (
        "{what} là tệp nhị phân: dùng --output TỆP, hoặc chuyển hướng ra một tệp",
        "{what} is a binary file: pass --output FILE, or redirect to a file",
    ),
    "api.paths": (
        "actuals phải là một đường dẫn, một danh sách đường dẫn hoặc một Validation, không phải "
        "{kind}",
        "actuals must be a path, a list of paths or a Validation, not {kind}",
    ),
    "api.target-id": (
        "mã chỉ tiêu phải là chuỗi như 'EG-16', không phải {kind}",
        "the target id must be a string such as 'EG-16', not {kind}",
    ),
    "cli.wrote": ("Đã ghi tệp {path} ({what})", "wrote {path} ({what})"),
    "cli.written-as-of": ("{format}, tính đến {period}", "{format}, as of {period}"),
    "cli.template-rows": ("{n} dòng cho {code} ({name})", "{n} rows for {code} ({name})"),
    "cli.template-tasks": ("{n} nhiệm vụ của {code}", "{n} tasks for {code}"),
    "cli.files-left-out": (
        "{n} tệp bị từ chối toàn bộ, không được tính: {files}",
        "{n} file(s) refused whole, left out: {files}",
    ),
    "cli.fail-on": ("--fail-on: {n} chỉ tiêu: {ids}", "--fail-on: {n} target(s): {ids}"),
    "cli.encoding": ("--encoding: {problem}", "--encoding: {problem}"),
    "cli.check-summary": (
        "{folder}: {targets} chỉ tiêu, {tasks} nhiệm vụ, {units} đơn vị, {agencies} cơ quan, "
        "{groups} nhóm — {errors} lỗi{warned}, {notes} ghi chú",
        "{folder}: {targets} targets, {tasks} tasks, {units} units, {agencies} agencies, "
        "{groups} groups — {errors} error(s){warned}, {notes} note(s)",
    ),
    "cli.check-warnings": (", {n} cảnh báo", ", {n} warning(s)"),
    "codes.title": ("{n} mã phát hiện", "{n} finding codes"),
    "codes.code": ("Mã", "Code"),
    "codes.severity": ("Mức độ", "Severity"),
    "codes.meaning": ("Ý nghĩa", "Meaning"),
    "codes.hint": ("Cách xử lý", "What to do"),
}


W.update(FINDING_WORDS)


def say(key: str, lang: str, /, **params: Any) -> str:
    """The words for ``key`` in ``lang`` (vi or en), with ``params`` filled in."""
    vi, en = W[key]
    text = vi if lang == Lang.vi else en
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in W


# --- numbers, as each language writes them ------------------------------------------------------


def number(x: float | None, lang: str, decimals: int = 1) -> str:
    """``1,234.5`` in English, ``1.234,5`` in Vietnamese, with exactly ``decimals`` decimals."""
    if x is None or not math.isfinite(x):
        return "—"
    # Half away from zero on the number as written (27.25 → 27.3), as a reader rounds by hand;
    # formatting the float would round half to even (27.2).
    rounded = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    if text.startswith("-") and text.strip("-0.,") == "":
        text = text[1:]  # no "-0.0"
    if lang == Lang.vi:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(x: float | None, lang: str, decimals: int = 1) -> str:
    return "—" if x is None else f"{number(x, lang, decimals)} %"


def signed(x: float | None, lang: str, decimals: int = 1) -> str:
    """``+2.0`` / ``-1.5`` / ``0.0``: a gap, with its sign (Vietnamese marks)."""
    if x is None:
        return "—"
    text = number(abs(x), lang, decimals)
    if text.strip("0.,") == "":
        return number(0.0, lang, decimals)
    return ("+" if x > 0 else "-") + text


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_label(period: Any, lang: str) -> str:
    """``Quý III/2023``, ``Tháng 3/2023``, ``Năm 2023`` in Vietnamese; the canonical ``2023-Q3``,
    ``2023-03``, ``2023`` in English."""
    if period is None:
        return "—"
    kind = period.kind
    return say(
        f"period.{kind}",
        lang,
        year=period.year,
        number=period.number,
        roman=ROMAN.get(period.number, ""),
    )
