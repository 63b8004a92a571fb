"""The findings' words, in Vietnamese and English: part of the one catalogue (``words.W`` takes
them in), kept in their own module because they are many.

For every finding code: ``code.<code>`` says what the code means (``qn-dx codes``, the README)
and ``hint.<code>`` what to do about it in general. The messages a finding carries, with the
specifics of one row, are ``finding.<code>[.<variant>]`` and their hints
``finding.<code>[.<variant>].hint``; call sites write
``msg("finding.task-not-led", unit=…, task=…, leads=…)`` (``findings.msg``). A message that
differs by a phrase is two keys (variants), never English glued on with ``+``. Parameters are
passed already formatted (numbers as the English text always wrote them; quoted values with
their ``repr``); a parameter that is itself words (``Msg``, ``Both``) is said in the same
language. ``reason.*`` are why a row did not count (``explain``), ``words.*`` pieces of the
messages (``line 4``, ``lines 4–7``).

Each entry is ``(vi, en)``, with the same ``{placeholders}`` in both (tests/test_words.py).
"""

from __future__ import annotations

FINDING_WORDS: dict[str, tuple[str, str]] = {
    # --- pieces of messages -----------------------------------------------------------------------
    "reason.finding": ("{code}: {message}", "{code}: {message}"),
    "words.line": ("dòng {lines}", "line {lines}"),
    "words.lines": ("các dòng {lines}", "lines {lines}"),
    "words.code-for-level": ("{code} cho {level}", "{code} for {level}"),
    "words.digits-for-level": ("{digits} chữ số cho {level}", "{digits} digits for {level}"),
    "words.style.vi": (
        "kiểu Việt Nam ('.' phân cách hàng nghìn, ',' là dấu thập phân: 1.234,5)",
        "Vietnamese style ('.' groups thousands, ',' is the decimal mark: 1.234,5)",
    ),
    "words.style.en": (
        "kiểu Anh (',' phân cách hàng nghìn, '.' là dấu thập phân: 1,234.5)",
        "English style (',' groups thousands, '.' is the decimal mark: 1,234.5)",
    ),
    "words.evidence": ("dòng {line} viết {text}", "line {line} writes {text}"),
    # --- periods, units, ids ----------------------------------------------------------------------
    "finding.bad-period": ("không đọc được kỳ báo cáo {text}", "cannot read period {text}"),
    "finding.bad-period.empty": ("kỳ báo cáo để trống", "period is empty"),
    "finding.bad-period.hint": (
        "ghi {y}-Q1, {y}-03 hoặc {y} (hoặc Quý I/{y}, T3/{y}, 03/{y})",
        "write {y}-Q1, {y}-03 or {y} (also Quý I/{y}, T3/{y}, 03/{y})",
    ),
    "finding.bad-period.half1.hint": (
        "kế hoạch không có kỳ nửa năm: báo cáo 6 tháng đầu năm là {year}-Q2 với cách tính 'lũy "
        "kế' (cumulative)",
        "the plan has no half-year periods: report the first half as {year}-Q2 with basis 'lũy "
        "kế' (cumulative)",
    ),
    "finding.bad-period.half2.hint": (
        "kế hoạch không có kỳ nửa năm: báo cáo 6 tháng cuối năm là {year}-Q3 và {year}-Q4, hoặc "
        "là {year}-Q4 với cách tính 'lũy kế' cho cả năm",
        "the plan has no half-year periods: report the second half as {year}-Q3 and {year}-Q4, or "
        "as {year}-Q4 with basis 'lũy kế' for the year",
    ),
    "finding.bad-period.month-or-quarter.hint": (
        "ghi {y}-0{n} nếu là tháng, hoặc {y}-Q{n} nếu là quý",
        "write {y}-0{n} for the month or {y}-Q{n} for the quarter",
    ),
    "finding.bad-period.month.hint": ("ghi {y}-0{n} nếu là tháng", "write {y}-0{n} for the month"),
    "finding.period-out-of-range": (
        "kỳ báo cáo {period} nằm ngoài các năm của kế hoạch ({first} và {second})",
        "period {period} is outside the plan's years ({first} and {second})",
    ),
    "finding.period-out-of-range.one-year": (
        "kỳ báo cáo {period} nằm ngoài năm của kế hoạch ({year})",
        "period {period} is outside the plan's years ({year})",
    ),
    "finding.unknown-unit": (
        "mã đơn vị {code} không có trong danh mục",
        "unknown unit code {code}",
    ),
    "finding.unknown-unit.name.hint": (
        "ghi mã {code}, không ghi tên đơn vị",
        "use the code {code}, not the name",
    ),
    "finding.unknown-unit.near.hint": (
        "có phải là {code} ({name})?",
        "did you mean {code} ({name})?",
    ),
    "finding.unknown-unit.shapes.hint": (
        "mã đơn vị là mã hành chính (GSO): {shapes}",
        "unit codes are GSO codes: {shapes}",
    ),
    "finding.unknown-unit.units.hint": ("xem danh mục đơn vị (qn-dx units)", "see qn-dx units"),
    "finding.unknown-indicator": (
        "không có chỉ tiêu mã {id} trong kế hoạch",
        "unknown indicator {id}",
    ),
    "finding.unknown-unit.empty": (
        "mã đơn vị (unit_code) để trống",
        "unit_code is empty",
    ),
    "finding.unknown-unit.empty.hint": (
        "ghi mã đơn vị theo danh mục (ví dụ 21010), hoặc tên đơn vị",
        "write the unit's code from the registry (e.g. 21010), or its name",
    ),
    "finding.unknown-indicator.empty": (
        "mã chỉ tiêu (indicator_id) để trống",
        "indicator_id is empty",
    ),
    "finding.unknown-indicator.near.hint": ("có phải là {id}?", "did you mean {id}?"),
    "finding.unknown-indicator.hint": (
        "xem các mã chỉ tiêu bằng lệnh qn-dx targets",
        "see qn-dx targets for the ids",
    ),
    "finding.unit-out-of-scope": (
        "{unit} ({name}, {kind}) không báo cáo chỉ tiêu {target}, phạm vi của chỉ tiêu này là "
        "{scope}",
        "{unit} ({name}, {kind}) does not report {target}, whose scope is {scope}",
    ),
    "finding.unit-out-of-scope.hint": (
        "kiểm tra mã đơn vị và mã chỉ tiêu; lệnh qn-dx template --unit {unit} liệt kê các chỉ "
        "tiêu đơn vị này phải báo cáo",
        "check the unit code and the indicator; qn-dx template --unit {unit} lists what this unit "
        "reports",
    ),
    "finding.guide-mismatch.unit": (
        "mã đơn vị {code} là {name}, nhưng tên đơn vị ghi bên cạnh là {written} ({other})",
        "unit code {code} is {name}, but the unit name beside it is {written} ({other})",
    ),
    "finding.guide-mismatch.unit.hint": (
        "số liệu được tính cho đơn vị của mã: nếu là số liệu của {written}, ghi mã {other}; nếu "
        "là của {name}, sửa tên ghi bên cạnh",
        "the figures count for the unit of the code: if they are {written}'s, write code {other}; "
        "if they are {name}'s, correct the name beside it",
    ),
    "finding.guide-mismatch.title": (
        "chỉ tiêu {id}, nhưng tên chỉ tiêu ghi bên cạnh là của {other}",
        "indicator {id}, but the title beside it is {other}'s",
    ),
    "finding.guide-mismatch.title.hint": (
        "số liệu được tính cho chỉ tiêu của mã: nếu là số liệu của {other}, ghi {other}; nếu là "
        "của {id}, chép tên chỉ tiêu đó bên cạnh (qn-dx template ghi cả hai)",
        "the figures count for the target of the id: if they are {other}'s, write {other}; if "
        "they are {id}'s, copy that target's title beside them (qn-dx template writes both)",
    ),
    # --- basis and dates --------------------------------------------------------------------------
    "finding.bad-basis": ("không đọc được cách tính {text}", "cannot read basis {text}"),
    "finding.bad-basis.hint": (
        "cột này cho biết cách tính số liệu: trong kỳ (period, phát sinh) hoặc lũy kế "
        "(cumulative, cộng dồn)",
        "this column says how the figures are counted: period (trong kỳ, phát sinh) or cumulative "
        "(lũy kế, cộng dồn)",
    ),
    "finding.bad-basis.numeric.hint": (
        "cột này cho biết cách tính số liệu: trong kỳ (period, phát sinh) hoặc lũy kế "
        "(cumulative, cộng dồn); nếu cột chứa số liệu, hãy đổi tên cột (cột có tiêu đề 'Lũy kế' "
        "là cột cách tính)",
        "this column says how the figures are counted: period (trong kỳ, phát sinh) or cumulative "
        "(lũy kế, cộng dồn); if it holds figures, rename it (a column headed 'Lũy kế' is the "
        "basis)",
    ),
    "finding.bad-date": ("không đọc được ngày {text}", "cannot read the date {text}"),
    "finding.bad-date.hint": (
        "ghi ngày dạng 05/04/2023 (ngày/tháng/năm) hoặc 2023-04-05 (năm-tháng-ngày)",
        "write the date as 2023-04-05 (year-month-day) or 05/04/2023 (day/month/year)",
    ),
    "finding.bad-date.future": (
        "ngày gửi {date} là một ngày trong tương lai",
        "the submission date {date} is in the future",
    ),
    "finding.bad-date.future.hint": (
        "ghi ngày số liệu được gửi",
        "write the day the figures were sent",
    ),
    "finding.bad-date.early": (
        "ngày gửi {date} trước khi kỳ {period} bắt đầu",
        "the submission date {date} is before {period} begins",
    ),
    "finding.bad-date.early.hint": (
        "số liệu của một kỳ được gửi sau khi kỳ đó bắt đầu: kiểm tra lại năm",
        "figures for a period are sent after it begins: check the year",
    ),
    # --- figures ----------------------------------------------------------------------------------
    "finding.missing-value.milestone": (
        "{id} là chỉ tiêu mốc hoàn thành: giá trị để trống",
        "{id} is a milestone: value is empty",
    ),
    "finding.missing-value.milestone.hint": (
        "ghi done hoặc not_done (đạt hoặc chưa đạt)",
        "done or not_done",
    ),
    "finding.missing-value": ("{id} cần có giá trị", "{id} needs a value"),
    "finding.bad-milestone": (
        "không đọc được giá trị mốc hoàn thành {text}",
        "cannot read milestone value {text}",
    ),
    "finding.bad-milestone.hint": (
        "đạt / chưa đạt (hoặc hoàn thành, done / not_done, yes / no, 1 / 0, x)",
        "done / not_done (also đạt / chưa đạt, hoàn thành, yes / no, 1 / 0, x)",
    ),
    "finding.missing-ratio-parts.numerator": (
        "{id} là chỉ tiêu tỷ lệ: tử số để trống",
        "{id} is a ratio: numerator is empty",
    ),
    "finding.missing-ratio-parts.denominator": (
        "{id} là chỉ tiêu tỷ lệ: mẫu số để trống",
        "{id} is a ratio: denominator is empty",
    ),
    "finding.missing-ratio-parts.numerator-denominator": (
        "{id} là chỉ tiêu tỷ lệ: tử số và mẫu số để trống",
        "{id} is a ratio: numerator and denominator are empty",
    ),
    "finding.missing-ratio-parts.hint": (
        "điền tử số và mẫu số (chỉ có giá trị là chưa đủ: qn-dx tính 100 × Σtử số / Σmẫu số của "
        "các đơn vị)",
        "fill the numerator and the denominator (the value alone is not enough: qn-dx computes "
        "100 × Σnumerator / Σdenominator over units)",
    ),
    "finding.zero-denominator": (
        "mẫu số bằng 0 nhưng tử số là {num}",
        "denominator is 0 but numerator is {num}",
    ),
    "finding.numerator-exceeds-denominator": (
        "tử số {num} lớn hơn mẫu số {den}",
        "numerator {num} is larger than denominator {den}",
    ),
    "finding.numerator-exceeds-denominator.hint": (
        "tử số đếm một phần của mẫu số",
        "the numerator counts a part of the denominator",
    ),
    "finding.value-mismatch.zero": (
        "giá trị {value} đi kèm 0/0: không có tỷ lệ nào để đối chiếu",
        "value {value} beside 0/0: there is no ratio to agree with",
    ),
    "finding.value-mismatch.zero.hint": (
        "để trống giá trị, hoặc ghi tử số và mẫu số tạo nên giá trị đó",
        "leave value empty, or give the numerator and denominator it comes from",
    ),
    "finding.zero-over-zero": (
        "0/0: dòng này không đóng góp vào kết quả",
        "0/0: this row contributes nothing",
    ),
    "finding.percent-as-fraction.ratio": (
        "giá trị {text} có vẻ ghi dạng số thập phân (0,8 = 80 %): 100 × {num} / {den} là "
        "{percent} %",
        "value {text} looks like a fraction: 100 × {num} / {den} is {percent} %",
    ),
    "finding.percent-as-fraction.ratio.hint": (
        "ghi {percent} (phần trăm, 0–100), hoặc để trống giá trị",
        "write {percent} (percent, 0–100), or leave value empty",
    ),
    "finding.value-mismatch": (
        "giá trị {value} không khớp với 100 × {num} / {den} = {ratio}",
        "value {value} disagrees with 100 × {num} / {den} = {ratio}",
    ),
    "finding.value-mismatch.hint": (
        "để trống giá trị hoặc ghi {ratio}",
        "leave value empty or write {ratio}",
    ),
    "finding.bad-number.too-large": ("{column} {text} quá lớn", "{column} {text} is too large"),
    "finding.bad-number.not-a-number": (
        "{column} {text} không phải là số",
        "{column} {text} is not a number",
    ),
    "finding.bad-number.date": (
        "{column} là ô ngày tháng ({date}), không phải số",
        "{column} is a date cell ({date}), not a number",
    ),
    "finding.bad-number.unit-word.hint": (
        "chỉ ghi số, không ghi đơn vị tính: {number}",
        "write the number alone, without its unit: {number}",
    ),
    "finding.bad-number.no-figure.hint": (
        "để trống ô khi chưa có số liệu",
        "leave the cell empty when there is no figure yet",
    ),
    "finding.bad-number.digits.hint": (
        "chỉ ghi chữ số, ví dụ 91,5 hoặc 91.5",
        "write digits only, e.g. 91,5 or 91.5",
    ),
    "finding.bad-number.too-large.hint": (
        "Excel chỉ giữ 15 chữ số: số liệu từ 1e15 trở lên là do gõ nhầm",
        "Excel keeps 15 digits: a figure of 1e15 or more is a typo",
    ),
    "finding.bad-number.groups.hint": (
        "hàng nghìn được phân cách theo nhóm ba chữ số: ghi 1.234.567 hoặc 1234567",
        "thousands are grouped by three digits: write 1.234.567 or 1234567",
    ),
    "finding.bad-number.space-groups.hint": (
        "hàng nghìn được phân cách theo nhóm ba chữ số: ghi 1 234 567 hoặc 1234567",
        "thousands are grouped by three digits: write 1 234 567 or 1234567",
    ),
    "finding.bad-number.marks.hint": (
        "hàng nghìn được phân cách theo nhóm ba chữ số, sau đó là một dấu thập phân: {example}",
        "thousands are grouped by three digits, then one decimal mark: {example}",
    ),
    "finding.bad-number.percent-sign": (
        "{column} {text}: chỉ giá trị phần trăm mới có dấu %",
        "{column} {text}: a % sign only goes on percent values",
    ),
    "finding.bad-number.percent-sign.hint": (
        "ghi số lượng không có dấu %",
        "write the count without %",
    ),
    "finding.not-whole-number": (
        "{column} {text} không phải số nguyên",
        "{column} {text} is not a whole number",
    ),
    "finding.not-whole-number.hint": ("số đếm phải là số nguyên", "a count must be a whole number"),
    "finding.not-whole-number.decimal.hint": (
        "hàng nghìn được phân cách theo nhóm ba chữ số (12.340); ghi số nguyên không có dấu phân "
        "cách (12340)",
        "thousands are grouped by three digits (12.340); write whole numbers without a separator "
        "(12340)",
    ),
    "finding.not-whole-number.excel.hint": (
        "nếu đã gõ {typed} với dấu chấm phân cách hàng nghìn, Excel đã lưu thành {stored}: gõ "
        "{typed} không có dấu chấm",
        "if you typed {typed} with a thousands dot, Excel stored {stored}: type {typed} without "
        "the dot",
    ),
    "finding.mixed-number-style": (
        "{column} {text} được viết theo {style}, khác với phần còn lại của tệp ({vi} dòng kiểu "
        "Việt Nam, {en} dòng kiểu Anh)",
        "{column} {text} is written in {style}, unlike the rest of this file ({vi} line(s) "
        "Vietnamese-style, {en} English-style)",
    ),
    "finding.mixed-number-style.hint": (
        "viết mọi số trong một tệp theo cùng một cách: 1.234,5 (kiểu Việt Nam) hoặc 1,234.5 (kiểu "
        "Anh)",
        "write every number of a file the same way: 1.234,5 (Vietnamese) or 1,234.5 (English)",
    ),
    "finding.ambiguous-number": (
        "{column} {text} có thể là {grouped} hoặc {decimal}: không có gì trong tệp này cho biết "
        "{mark} là dấu phân cách hàng nghìn hay dấu thập phân",
        "{column} {text} could be {grouped} or {decimal}: nothing in this file says whether "
        "{mark} groups thousands or marks decimals",
    ),
    "finding.ambiguous-number.hint": (
        "ghi {grouped} hoặc {decimal}, không có dấu phân cách",
        "write {grouped} or {decimal} without a separator",
    ),
    "finding.ambiguous-number.grouped.hint": (
        "ghi {grouped}, không có dấu phân cách",
        "write {grouped} without a separator",
    ),
    "finding.number-style": (
        "các số trong tệp này được đọc theo {style}, vì {evidence}: {text} được đọc là {value}",
        "numbers in this file are read in {style}, as {evidence}: {text} is read as {value}",
    ),
    "finding.number-style.hint": (
        "viết số không có dấu phân cách hàng nghìn để không gây nhầm lẫn",
        "write numbers without thousands separators to leave no doubt",
    ),
    "finding.negative-number": ("{column} {text} là số âm", "{column} {text} is negative"),
    "finding.value-out-of-range.percent": (
        "{column} {value} % lớn hơn 100",
        "{column} {value} % is above 100",
    ),
    "finding.percent-as-fraction": (
        "{column} {text} có vẻ ghi dạng số thập phân (0,8 = 80 %): có phải là {percent} %?",
        "{column} {text} looks like a fraction: did you mean {percent} %?",
    ),
    "finding.percent-as-fraction.hint": (
        "ghi {percent} (phần trăm, 0–100); tỷ lệ phần trăm nhỏ được ghi kèm dấu % ({text} %)",
        "write {percent} (percent, 0–100); a small percentage is written with its % sign ({text} "
        "%)",
    ),
    "finding.value-out-of-range.rank": (
        "thứ hạng {value} nằm ngoài khoảng 1–{top}",
        "rank {value} is outside 1–{top}",
    ),
    "finding.value-out-of-range.rank-below-one": (
        "thứ hạng {value} nhỏ hơn 1",
        "rank {value} is below 1",
    ),
    "finding.value-out-of-range.rank.hint": ("thứ hạng trong số {top}", "a rank among {top}"),
    # --- task progress ----------------------------------------------------------------------------
    "finding.bad-status": ("không đọc được trạng thái {text}", "cannot read status {text}"),
    "finding.bad-status.hint": (
        "chưa triển khai, đang triển khai / đang thực hiện, hoàn thành hoặc chậm tiến độ (hoặc "
        "not_started, in_progress, done, delayed)",
        "not_started, in_progress, done or delayed (or chưa triển khai, đang triển khai / đang "
        "thực hiện, hoàn thành, chậm tiến độ)",
    ),
    "finding.unknown-task": ("không có nhiệm vụ mã {id} trong kế hoạch", "unknown task {id}"),
    "finding.unknown-task.empty": ("mã nhiệm vụ (task_id) để trống", "task_id is empty"),
    "finding.unknown-task.twice.hint": (
        "số {number} được in hai lần trong Phụ lục 2: dùng {ids}",
        "number {number} is printed twice in Phụ lục 2: use {ids}",
    ),
    "finding.unknown-task.hint": (
        "xem các mã nhiệm vụ bằng lệnh qn-dx tasks (NV- và số thứ tự in trong Phụ lục 2)",
        "see qn-dx tasks for the ids (NV- and the number printed in Phụ lục 2)",
    ),
    "finding.task-not-led": (
        "{unit} không chủ trì nhiệm vụ {task} (chủ trì: {leads})",
        "{unit} does not lead {task} (lead: {leads})",
    ),
    "finding.task-not-led.hint": (
        "tiến độ nhiệm vụ do cơ quan chủ trì báo cáo, hoặc từng thành viên của nhóm chủ trì; cơ "
        "quan phối hợp báo cáo qua cơ quan chủ trì",
        "task progress is reported by the lead agency, or by each member of a lead group; a "
        "coordinating agency reports through the lead",
    ),
    "finding.status-progress-mismatch": (
        "trạng thái {status} nhưng tiến độ {progress} %",
        "status {status} but progress {progress} %",
    ),
    "finding.status-progress-mismatch.hint": (
        "nhiệm vụ hoàn thành thì tiến độ là 100 %, chưa triển khai thì 0 %: sửa trạng thái hoặc "
        "tiến độ",
        "a done task is at 100 % and a task not started at 0 %: correct the status or the progress",
    ),
    # --- pieces of messages about rows ------------------------------------------------------------
    "words.row": ("{id} của {unit} kỳ {period}", "{id} for {unit} in {period}"),
    "words.task-row": ("nhiệm vụ {task} kỳ {period}", "task {task} in {period}"),
    "words.task-row.by": (
        "nhiệm vụ {task} do {unit} báo cáo kỳ {period}",
        "task {task} by {unit} in {period}",
    ),
    "words.basis.cumulative": ("lũy kế (cumulative)", "cumulative (lũy kế)"),
    "words.basis.period": ("trong kỳ (per period)", "per period (trong kỳ)"),
    "words.figure.numerator": ("tử số", "numerator"),
    "words.figure.denominator": ("mẫu số", "denominator"),
    "words.figure.value": ("giá trị", "value"),
    "reason.conflicting-duplicate": (
        "conflicting-duplicate: trùng với {at}",
        "conflicting-duplicate: also at {at}",
    ),
    "reason.superseded": (
        "superseded: được thay bằng {by} (gửi sau)",
        "superseded: by {by} (submitted later)",
    ),
    "reason.superseded.refused": (
        "superseded: được thay bằng {by} (bị từ chối)",
        "superseded: by {by} (refused)",
    ),
    "reason.cumulative-decreases": (
        "cumulative-decreases: thấp hơn {at}",
        "cumulative-decreases: below {at}",
    ),
    # --- folders and files ------------------------------------------------------------------------
    "finding.file-unreadable.folder": (
        "không đọc được thư mục này: {why}",
        "cannot read this folder: {why}",
    ),
    "finding.file-unreadable.folder.hint": (
        "kiểm tra quyền truy cập thư mục",
        "check the folder's permissions",
    ),
    "finding.file-unreadable.link-loop": (
        "liên kết tượng trưng bị lặp vòng (liên kết trỏ lại chính nó)",
        "a symbolic link loop (the link leads back to itself)",
    ),
    "finding.file-unreadable.broken-link": (
        "liên kết tượng trưng bị hỏng (đích của liên kết không tồn tại)",
        "a broken symbolic link (its target does not exist)",
    ),
    "finding.ignored-file.hidden-folder": ("thư mục ẩn: không đọc", "a hidden folder: not read"),
    "finding.ignored-file.hidden-folder.hint": (
        "chuyển các tệp trong đó vào thư mục báo cáo nếu cần được tính",
        "move its files into the submissions folder if they are meant to count",
    ),
    "finding.ignored-file.hidden-file": ("tệp ẩn: không đọc", "a hidden file: not read"),
    "finding.ignored-file.hidden-file.hint": (
        "đổi tên tệp, bỏ dấu chấm ở đầu, nếu đó là tệp báo cáo",
        "rename it without the leading dot if it is a submission",
    ),
    "finding.ignored-file": (
        "không phải tệp báo cáo: bỏ qua (qn-dx đọc {suffixes})",
        "not a submission file: ignored (qn-dx reads {suffixes})",
    ),
    "finding.ignored-file.trailing": (
        "không phải tệp báo cáo: bỏ qua (qn-dx đọc {suffixes}); tên tệp kết thúc bằng {tail} sau "
        "{before}",
        "not a submission file: ignored (qn-dx reads {suffixes}); its name ends in {tail} after "
        "{before}",
    ),
    "finding.ignored-file.hint": (
        "chuyển tệp ra khỏi thư mục báo cáo, hoặc lưu lại theo một trong các định dạng này",
        "move it out of the submissions folder, or save it in one of these formats",
    ),
    "finding.no-input-files": ("không có tệp báo cáo nào ở đây", "no submission file here"),
    "finding.symlink-outside": (
        "liên kết tượng trưng trỏ đến một nơi ngoài thư mục này: không đi theo",
        "a symbolic link to a place outside this folder: not followed",
    ),
    "finding.symlink-outside.hint": (
        "sao chép tệp vào thư mục báo cáo thay vì tạo liên kết đến tệp",
        "copy the file into the submissions folder instead of linking to it",
    ),
    # --- rows -------------------------------------------------------------------------------------
    "finding.unsplit-row": (
        "dòng này có {cells} ô; dòng tiêu đề có {width} cột",
        "this row has {cells} cell(s); the header has {width} columns",
    ),
    "finding.unsplit-row.hint": (
        "dòng này không được phân cách như dòng tiêu đề (',' hoặc ';'): lưu lại tệp để mọi dòng "
        "dùng cùng một ký tự phân cách",
        "the row is not separated like the header (',' or ';'): save the file again so that every "
        "line uses one separator",
    ),
    "finding.invalid-bytes": (
        "dòng này chứa byte không phải văn bản UTF-8 (hiển thị là �)",
        "this line holds bytes that are not UTF-8 text (shown as �)",
    ),
    "finding.invalid-bytes.hint": (
        "gõ lại các ký tự bị hỏng, hoặc lưu lại tệp dưới dạng 'CSV UTF-8'",
        "retype the damaged characters, or save the file again as 'CSV UTF-8'",
    ),
    "finding.extra-cells.far": (
        "có một ô ở rất xa bên phải (quá cột {limit}) nhưng dòng tiêu đề có {width} cột",
        "a cell far to the right (past column {limit}) but the header has {width} columns",
    ),
    "finding.extra-cells": (
        "{cells} ô nhưng dòng tiêu đề có {width} cột",
        "{cells} cells but the header has {width} columns",
    ),
    "finding.extra-cells.hint": (
        "có ký tự phân cách trong một giá trị? đặt giá trị đó trong dấu nháy hoặc xóa các ô thừa",
        "a delimiter inside a value? quote the value or remove the extra cells",
    ),
    "finding.total-row": (
        "dòng tổng ({text}…): bỏ qua, qn-dx tự cộng số liệu của các đơn vị",
        "a total row ({text}…): skipped, qn-dx adds up the units itself",
    ),
    "finding.number-in-note": (
        "ghi chú chỉ có một số ({note}): phải chăng dấu phẩy thập phân đã tách một số liệu thành "
        "hai ô?",
        "the note holds only a number ({note}): did a decimal comma split a figure into two cells?",
    ),
    "finding.number-in-note.hint": (
        'đặt số có dấu phẩy trong dấu nháy ("1,5"), dùng ";" làm ký tự phân cách, hoặc viết '
        "ghi chú bằng chữ",
        'quote a figure that has a comma ("1,5"), separate the file with ";", or write the '
        "note in words",
    ),
    "finding.repeated-header": (
        "dòng tiêu đề lặp lại ({lines}): bỏ qua",
        "the header row again ({lines}): skipped",
    ),
    "finding.repeated-header.hint": (
        "hai bảng được dán chồng lên nhau? các dòng bên dưới được đọc theo dòng tiêu đề đầu tiên",
        "two tables pasted one under the other? the rows below it are read with the first header",
    ),
    "finding.text-rows.target": (
        "{n} dòng không nêu chỉ tiêu và không có số liệu (tiêu đề mục, ghi chú hay chữ ký?): bỏ "
        "qua — {lines}",
        "{n} row(s) name no target and hold no figure (headings, notes or signatures?): skipped — "
        "{lines}",
    ),
    "finding.text-rows.task": (
        "{n} dòng không nêu nhiệm vụ và không có số liệu (tiêu đề mục, ghi chú hay chữ ký?): bỏ "
        "qua — {lines}",
        "{n} row(s) name no task and hold no figure (headings, notes or signatures?): skipped — "
        "{lines}",
    ),
    "finding.text-rows.hint": (
        "nếu một trong các dòng đó là dữ liệu, ghi {column} và số liệu của dòng",
        "if one of them was meant as data, write its {column} and figures",
    ),
    "finding.data-above-header": (
        "một dòng phía trên dòng tiêu đề nêu {id}: dòng này không được đọc là dữ liệu",
        "a row above the header names {id}: it is not read as data",
    ),
    "finding.data-above-header.hint": (
        "chuyển dòng này xuống dưới dòng tiêu đề (dòng {line})",
        "move it below the header (line {line})",
    ),
    "finding.field-too-large": (
        "một ô dài {size} ký tự: vượt quá {limit} ký tự mà một ô Excel có thể chứa",
        "a cell of {size} characters: over the {limit} an Excel cell can hold",
    ),
    "finding.field-too-large.hint": (
        "có đúng tệp không? các ô của tệp báo cáo đều ngắn",
        "is this the right file? a submission's cells are short",
    ),
    "finding.multiline-field.open-quote": (
        "dấu nháy mở ở dòng {line} không bao giờ được đóng: các dòng {line}–{last} được đọc thành "
        "một ô",
        "a quote opened on line {line} is never closed: lines {line}–{last} were read as one cell",
    ),
    "finding.multiline-field.open-quote.hint": (
        'đóng dấu nháy, hoặc xóa ký tự " thừa',
        'close the quote, or remove the stray " character',
    ),
    "finding.multiline-field": (
        "các dòng {line}–{last} được đọc thành một dòng: dấu nháy mở ở dòng {line} được đóng ở "
        "dòng {last}",
        "lines {line}–{last} were read as one row: a quote opened on line {line} closes on line "
        "{last}",
    ),
    "finding.multiline-field.hint": (
        'xóa ký tự " thừa hoặc dấu xuống dòng trong ô (Alt+Enter trong Excel)',
        'remove the stray " or the line break inside the cell (Alt+Enter in Excel)',
    ),
    "finding.cell-error": (
        "{column} là giá trị lỗi {value}, không phải số liệu",
        "{column} is the error value {value}, not a figure",
    ),
    "finding.cell-error.hint": (
        "sửa công thức trong Excel (hoặc nhập trực tiếp số liệu), rồi lưu lại",
        "fix the formula in Excel (or type the figure), then save again",
    ),
    "finding.formula-without-value": (
        "{column} là công thức ({formula}) được lưu mà không có giá trị",
        "{column} is a formula ({formula}) saved without its value",
    ),
    "finding.formula-without-value.hint": (
        "mở tệp bằng Excel và lưu lại để giá trị được lưu",
        "open the file in Excel and save it again, so that the value is stored",
    ),
    "finding.period-from-date": (
        "kỳ báo cáo là ô ngày tháng ({date}): được đọc là tháng {month}",
        "the period is a date cell ({date}): read as its month {month}",
    ),
    "finding.period-from-date.hint": (
        "nhập kỳ báo cáo dạng văn bản (2023-Q1, 2023-03) nếu không phải là tháng này",
        "type the period as text (2023-Q1, 2023-03) if the month is not meant",
    ),
    "finding.figures-outside-contract": (
        "không có tử số, mẫu số hay giá trị, nhưng có số liệu ở cột {columns}",
        "no numerator, denominator or value, but figures under {columns}",
    ),
    "finding.figures-outside-contract.hint": (
        "đặt tên các cột số liệu như biểu mẫu (Tử số / numerator, Mẫu số / denominator, Giá trị / "
        "value), hoặc chuyển số liệu vào các cột đó",
        "name the figure columns as the contract does (numerator / Tử số, denominator / Mẫu số, "
        "value / Giá trị), or move the figures there",
    ),
    "finding.unfilled-row": (
        "không có tử số, mẫu số hay giá trị: bỏ qua",
        "no numerator, denominator or value: skipped",
    ),
    "finding.unfilled-row.hint": (
        "điền số liệu hoặc xóa dòng",
        "fill the figures or delete the row",
    ),
    "finding.unfilled-row.task": (
        "không có trạng thái hay tiến độ: bỏ qua",
        "no status or progress: skipped",
    ),
    # --- across rows and files --------------------------------------------------------------------
    "finding.mixed-basis": (
        "{id} của {unit} năm {year}: dòng này là {basis} nhưng {other} là {other_basis}",
        "{id} for {unit} in {year}: this row is {basis} but {other} is {other_basis}",
    ),
    "finding.mixed-basis.hint": (
        "báo cáo một chỉ tiêu theo cùng một cách trong cả năm: số liệu riêng của từng kỳ, hoặc "
        "tổng lũy kế từ đầu năm",
        "report one indicator the same way all year: each period's own figures, or year-to-date "
        "totals (lũy kế)",
    ),
    "finding.overlapping-periods": (
        "{id} của {unit}: kỳ {period} chồng lấn kỳ {other} tại {at} (tính trùng)",
        "{id} for {unit}: {period} overlaps {other} at {at} (double counting)",
    ),
    "finding.overlapping-periods.hint": (
        "báo cáo một chỉ tiêu theo tháng hoặc theo quý (hoặc theo năm), không dùng cả hai",
        "report either months or quarters (or the year) for one indicator, not both",
    ),
    "finding.duplicate-row": (
        "{row} lặp lại {at} với cùng số liệu; chỉ tính một lần",
        "{row} repeats {at} with the same figures; counted once",
    ),
    "finding.duplicate-row.task": (
        "{row} lặp lại {at}; chỉ tính một lần",
        "{row} repeats {at}; counted once",
    ),
    "finding.conflicting-duplicate": (
        "{row} cũng có ở {at} với số liệu khác ({here} ở đây, {there} ở đó)",
        "{row} is also at {at} with different figures ({here} here, {there} there)",
    ),
    "finding.conflicting-duplicate.one-dated.hint": (
        "một dòng có ngày gửi còn dòng kia không có, nên không dòng nào thay thế được dòng nào: "
        "ghi ngày gửi cho cả hai (cột submitted / Ngày gửi; ngày gửi sau được dùng), hoặc xóa "
        "dòng hay tệp đã được thay thế",
        "one row has a submission date and the other none, so neither can replace the other: date "
        "both (column submitted / Ngày gửi; the later date wins), or remove the row or file that "
        "was replaced",
    ),
    "finding.conflicting-duplicate.same-date.hint": (
        "hai dòng có cùng ngày gửi: giữ một dòng, hoặc sửa một ngày",
        "both rows carry the same submission date: keep one, or correct a date",
    ),
    "finding.conflicting-duplicate.hint": (
        "giữ một dòng, hoặc ghi ngày gửi cho từng dòng (cột submitted / Ngày gửi)",
        "keep one row, or give each its submission date (column submitted / Ngày gửi)",
    ),
    "finding.conflicting-duplicate.task": (
        "{row} cũng có ở {at} với trạng thái hoặc tiến độ khác",
        "{row} is also at {at} with a different status or progress",
    ),
    "finding.conflicting-duplicate.task.hint": ("giữ một dòng", "keep one row"),
    "finding.conflicting-duplicate.task.unit.hint": (
        "giữ một dòng; nếu nhiều cơ quan cùng báo cáo nhiệm vụ này, thêm cột unit_code (Đơn vị) "
        "ghi mã của từng cơ quan",
        "keep one row; if several agencies report this task, add the column unit_code (Đơn vị) "
        "with each one's code",
    ),
    "finding.superseded": (
        "{row}: được thay bằng {by}, gửi ngày {sent} (dòng này: {own})",
        "{row}: superseded by {by}, submitted {sent} (this row: {own})",
    ),
    "finding.superseded.refused": (
        "{row}: được thay bằng {by}, gửi ngày {sent} (dòng này: {own}, bị từ chối: {reason})",
        "{row}: superseded by {by}, submitted {sent} (this row: {own}, refused: {reason})",
    ),
    "finding.superseded.stale": (
        "{row}: được thay bằng {by}, gửi ngày {sent} (dòng này: {own}), nhưng dòng đó bị từ chối "
        "({reason}): không dòng nào được tính cho đến khi dòng đó được sửa",
        "{row}: replaced by {by}, submitted {sent} (this row: {own}), but that row was refused "
        "({reason}): neither counts until it is corrected",
    ),
    "finding.superseded.stale.hint": (
        "sửa {by}; số liệu cũ hơn không bao giờ được dùng thay thế",
        "correct {by}; an older figure is never used in its place",
    ),
    "finding.cumulative-decreases": (
        "{id} của {unit}: {figure} lũy kế từ đầu năm giảm từ {before} ({period}, {at}) xuống "
        "{after} ở kỳ {later}",
        "{id} for {unit}: the year-to-date {figure} falls from {before} ({period}, {at}) to "
        "{after} in {later}",
    ),
    "finding.cumulative-decreases.hint": (
        "tổng lũy kế chỉ có thể tăng: kiểm tra cả hai dòng, hoặc cột cách tính",
        "a lũy kế total only grows: check both rows, or the basis column",
    ),
    # --- reading a file ---------------------------------------------------------------------------
    "words.tabs": ("ký tự tab", "tabs"),
    "words.sheet.hidden": ("{sheet} (ẩn)", "{sheet} (hidden)"),
    "words.sheet.empty": ("{sheet} (trống)", "{sheet} (empty)"),
    "words.sheet.incomplete": ("{sheet} (thiếu cột)", "{sheet} (columns missing)"),
    "finding.file-too-large": (
        "tệp có {size} byte; giới hạn là {limit}",
        "the file is {size} bytes; the limit is {limit}",
    ),
    "finding.file-too-large.hint": (
        "tách tệp, hoặc nâng giới hạn bằng --max-bytes",
        "split the file, or raise the limit with --max-bytes",
    ),
    "finding.file-unreadable": ("không đọc được tệp: {why}", "cannot read the file: {why}"),
    "finding.file-unreadable.not-regular": (
        "không phải tệp thông thường (là thiết bị, FIFO hoặc socket)",
        "not a regular file (a device, FIFO or socket)",
    ),
    "finding.file-empty": ("tệp rỗng", "the file is empty"),
    "finding.file-empty.hint": ("cần có dòng tiêu đề", "expected a header row"),
    "finding.file-empty.blank": (
        "không có dòng tiêu đề: tệp chỉ có các dòng trống",
        "no header row: the file holds only blank lines",
    ),
    "finding.encoding-fallback": (
        "không phải UTF-8: được đọc theo bảng mã Windows-1258 (cp1258)",
        "not UTF-8: read as Windows-1258 (cp1258)",
    ),
    "finding.encoding-fallback.hint": (
        "nếu chữ hiển thị sai, lưu lại dưới dạng 'CSV UTF-8' hoặc dùng --encoding",
        "if letters look wrong, save as 'CSV UTF-8' or pass --encoding",
    ),
    "finding.ignored-file.text": (
        "tệp văn bản không có dòng tiêu đề của biểu mẫu: không phải tệp báo cáo, bỏ qua",
        "a text file without the contract's header: not a submission, ignored",
    ),
    "finding.file-unreadable.text": (
        "không phải sổ làm việc: tệp {suffix} này không chứa bảng tính cũng không chứa bảng theo "
        "biểu mẫu",
        "not a workbook: this {suffix} holds neither a spreadsheet nor a table of the contract",
    ),
    "finding.file-unreadable.text.no-suffix": (
        "không phải sổ làm việc: tệp này không chứa bảng tính cũng không chứa bảng theo biểu mẫu",
        "not a workbook: this file holds neither a spreadsheet nor a table of the contract",
    ),
    "finding.file-unreadable.text.hint": (
        "lưu tệp dưới dạng .xlsx (Excel Workbook) hoặc CSV UTF-8",
        "save the file as .xlsx (Excel Workbook) or as CSV UTF-8",
    ),
    "finding.not-a-workbook": (
        "tên tệp có đuôi {suffix} nhưng chứa văn bản: được đọc như bảng văn bản có ký tự phân cách",
        "named {suffix} but holds text: read as a delimited text table",
    ),
    "finding.not-a-workbook.hint": (
        "nếu số liệu hiển thị sai, mở tệp bằng Excel và lưu lại dưới dạng .xlsx",
        "if the figures look wrong, open it in Excel and save as .xlsx",
    ),
    "finding.delimiter-mismatch": (
        "dòng tiêu đề được phân cách bằng {header} nhưng các dòng dữ liệu bằng {rows}: các dòng "
        "được đọc theo {rows}",
        "the header is separated by {header} but the rows by {rows}: rows are read with {rows}",
    ),
    "finding.delimiter-mismatch.hint": (
        "lưu lại tệp từ Excel để mọi dòng dùng cùng một ký tự phân cách",
        "save the file again from Excel so that every line uses one separator",
    ),
    "finding.rows-above-header": (
        "{n} dòng phía trên dòng tiêu đề ({lines}) là tên bảng, không phải dữ liệu: không đọc",
        "{n} row(s) above the header ({lines}) are titles, not data: not read",
    ),
    "finding.rows-above-header.hint": (
        "dòng tiêu đề ở dòng {line}",
        "the header is on line {line}",
    ),
    "finding.file-unreadable.memory": (
        "sổ làm việc cần nhiều bộ nhớ hơn mức hiện có",
        "the workbook needs more memory than there is",
    ),
    "finding.file-unreadable.workbook": (
        "không phải sổ làm việc đọc được ({error})",
        "not a readable workbook ({error})",
    ),
    "finding.file-unreadable.workbook.hint": (
        "mở tệp bằng Excel và lưu lại dưới dạng .xlsx",
        "open it in Excel and save it again as .xlsx",
    ),
    "finding.hidden-sheet": (
        "trang tính ẩn {sheet} có các cột của biểu mẫu; qn-dx không đọc trang tính ẩn",
        "hidden sheet {sheet} has the contract's columns; hidden sheets are never read",
    ),
    "finding.hidden-sheet.hint": (
        "bỏ ẩn trang tính nếu các dòng của nó cần được tính, hoặc xóa trang tính",
        "unhide the sheet if its rows are meant to count, or delete it",
    ),
    "finding.hidden-rows": (
        "{n} dòng bị ẩn trong Excel có dữ liệu và vẫn được đọc: {rows}",
        "{n} row(s) hidden in Excel hold cells and are read: {rows}",
    ),
    "finding.hidden-rows.hint": (
        "bỏ ẩn để kiểm tra; xóa các dòng không cần tính",
        "unhide them to check them; delete rows that are not meant to count",
    ),
    "finding.no-contract-sheet": (
        "không trang tính hiển thị nào có dòng tiêu đề của biểu mẫu ({columns} …); các trang "
        "tính: {sheets}",
        "no visible sheet has the contract's header ({columns} …); sheets: {sheets}",
    ),
    "finding.no-contract-sheet.hint": (
        "đặt dữ liệu trên một trang tính hiển thị có dòng tiêu đề nằm trong {rows} dòng đầu; "
        "qn-dx không đọc trang tính ẩn",
        "put the data on a visible sheet whose header row is within its first {rows} rows; hidden "
        "sheets are never read",
    ),
    "finding.too-many-columns": (
        "dòng tiêu đề có {n} cột; biểu mẫu chỉ có khoảng một chục cột (giới hạn {limit})",
        "the header has {n} columns; the contract has a dozen (limit {limit})",
    ),
    "finding.too-many-columns.hint": (
        "có đúng tệp và đúng ký tự phân cách không?",
        "is this the right file, and the right delimiter?",
    ),
    "finding.unknown-column": (
        "cột {column} không thuộc biểu mẫu; cột này bị bỏ qua",
        "column {column} is not part of the contract; it is ignored",
    ),
    "finding.unknown-column.near": (
        "cột {column} không thuộc biểu mẫu; cột này bị bỏ qua (không đọc là {near}: các từ sau "
        "tên cột làm nó thành một số liệu khác)",
        "column {column} is not part of the contract; it is ignored (not read as {near}: the "
        "words after the name make it another figure)",
    ),
    "finding.unknown-column.near.hint": (
        "nếu cột chứa {near} thực tế, đặt tên cột như biểu mẫu",
        "if it holds the actual {near}, name it as the contract does",
    ),
    "finding.duplicate-column": (
        "cột {column} trùng với cột {first} ({name})",
        "column {column} is the same column as {first} ({name})",
    ),
    "finding.duplicate-column.hint": ("giữ lại một trong hai cột", "keep one of them"),
    "finding.missing-column": (
        "thiếu cột bắt buộc: {columns}",
        "required column(s) missing: {columns}",
    ),
    "finding.missing-column.hint": ("dòng tiêu đề tìm thấy: {found}", "header found: {found}"),
    # --- text encodings ---------------------------------------------------------------------------
    "finding.file-undecodable.unknown-encoding": (
        "bảng mã {name} không xác định; dùng một bảng mã văn bản như {accepted}",
        "unknown encoding {name}; use a text encoding such as {accepted}",
    ),
    "finding.file-undecodable.not-text-encoding": (
        "{name} không phải bảng mã văn bản cho tệp; dùng một bảng mã như {accepted}",
        "{name} is not a text encoding for files; use one such as {accepted}",
    ),
    "finding.file-undecodable.forced": (
        "không phải {encoding} hợp lệ (byte {byte}: {reason})",
        "not valid {encoding} (byte {byte}: {reason})",
    ),
    "finding.file-undecodable.codec": (
        "không giải mã được theo {encoding}: {error}",
        "cannot decode as {encoding}: {error}",
    ),
    "finding.file-undecodable.utf16": (
        "văn bản UTF-16 bị hỏng: {reason}",
        "broken UTF-16 text: {reason}",
    ),
    "finding.file-undecodable": (
        "không phải UTF-8 cũng không phải Windows-1258: {error}",
        "neither UTF-8 nor Windows-1258: {error}",
    ),
    "finding.file-undecodable.bom": (
        "bắt đầu bằng BOM UTF-8 nhưng byte {byte} không phải UTF-8",
        "starts with a UTF-8 BOM but byte {byte} is not UTF-8",
    ),
    "finding.file-binary.utf16": (
        "tệp chứa byte NUL: văn bản UTF-16 thiếu dấu thứ tự byte (BOM)?",
        "the file contains NUL bytes: UTF-16 text without its byte-order mark?",
    ),
    "finding.file-binary": (
        "tệp chứa byte NUL: không phải tệp văn bản",
        "the file contains NUL bytes: not a text file",
    ),
    "finding.file-binary.text": ("văn bản chứa ký tự NUL", "the text contains NUL characters"),
    # --- workbooks --------------------------------------------------------------------------------
    "finding.file-unreadable.xml": (
        "{part} không phải XML hợp lệ ({error})",
        "{part} is not valid XML ({error})",
    ),
    "finding.file-unreadable.no-workbook-part": (
        "sổ làm việc không có phần xl/workbook.xml",
        "the workbook has no xl/workbook.xml part",
    ),
    "finding.file-unreadable.sheets": (
        "sổ làm việc có {n} trang tính (giới hạn {limit})",
        "the workbook has {n} sheets (limit {limit})",
    ),
    "finding.file-unreadable.over-sheets": (
        "sổ làm việc có hơn {limit} trang tính",
        "the workbook has over {limit} sheets",
    ),
    "finding.file-unreadable.shared-strings": (
        "sổ làm việc có quá nhiều chuỗi dùng chung",
        "the workbook has too many shared strings",
    ),
    "finding.file-unreadable.part": (
        "không đọc được phần {part} ({error})",
        "part {part} cannot be read ({error})",
    ),
    "finding.file-unreadable.row-outside": (
        "dòng {row} nằm ngoài {rows} dòng của Excel",
        "row {row} is outside Excel's {rows} rows",
    ),
    "finding.file-unreadable.row-order": (
        "dòng {row} xuất hiện hai lần hoặc sai thứ tự",
        "row {row} appears twice or out of order",
    ),
    "finding.file-unreadable.cell-ref": (
        "tham chiếu ô {ref} không phải một ô của dòng {row}",
        "cell reference {ref} is not a cell of row {row}",
    ),
    "finding.file-unreadable.cell-order": (
        "ô {cell} xuất hiện hai lần hoặc sai thứ tự",
        "cell {cell} appears twice or out of order",
    ),
    "finding.file-unreadable.cell-beyond": (
        "ô {cell} nằm ngoài cột cuối cùng XFD của Excel",
        "cell {cell} is beyond Excel's last column XFD",
    ),
    "finding.file-unreadable.row-number": (
        "số dòng {text} không phải một dòng của trang tính",
        "row number {text} is not a row of a sheet",
    ),
    "finding.file-unreadable.shared-string": (
        "ô {cell} trỏ đến một chuỗi dùng chung không tồn tại",
        "cell {cell} names a shared string that is not there",
    ),
    "finding.file-unreadable.cell-number": (
        "ô {cell} chứa {text}, không phải số",
        "cell {cell} holds {text}, not a number",
    ),
    "finding.file-unreadable.repeat": (
        "số lần lặp {text} không phải là số",
        "a repeat count {text} is not a number",
    ),
    "finding.file-unreadable.sheet-rows": (
        "trang tính {sheet} có hơn {rows} dòng",
        "sheet {sheet} has over {rows} rows",
    ),
    "finding.file-unreadable.no-content": (
        "tệp OpenDocument không có content.xml",
        "the OpenDocument file has no content.xml",
    ),
    "finding.file-unreadable.content": (
        "không đọc được content.xml ({error})",
        "content.xml cannot be read ({error})",
    ),
    "finding.file-unreadable.ods-number": (
        "một ô chứa {text}, không phải số",
        "a cell holds {text}, not a number",
    ),
    "finding.file-unreadable.xls": (
        "không phải sổ làm việc .xls đọc được ({error})",
        "not a readable .xls workbook ({error})",
    ),
    "finding.file-unreadable.xlsb-time": (
        "đọc tệp .xlsb mất hơn {seconds} giây; đã dừng",
        "reading the .xlsb took over {seconds} s; stopped",
    ),
    "finding.file-unreadable.xlsb-memory": (
        "trình đọc .xlsb đã dừng (tệp đòi nhiều bộ nhớ hơn mức cho phép)",
        "the .xlsb reader stopped (the file asks for more memory than allowed)",
    ),
    "finding.file-unreadable.xlsb": (
        "không phải sổ làm việc .xlsb đọc được ({error})",
        "not a readable .xlsb workbook ({error})",
    ),
    "finding.file-unreadable.cells": (
        "sổ làm việc có hơn {limit} ô có dữ liệu",
        "the workbook has more than {limit} filled cells",
    ),
    "finding.file-too-large.cells": (
        "sổ làm việc có hơn {limit} ô có dữ liệu",
        "the workbook has more than {limit} filled cells",
    ),
    "finding.file-too-large.cells.hint": (
        "tách số liệu thành nhiều tệp, hoặc gửi dưới dạng CSV",
        "split the submission into several files, or send it as CSV",
    ),
    "finding.file-unreadable.zip": (
        "không phải sổ làm việc đọc được: tệp nén zip bị hỏng ({error})",
        "not a readable workbook: broken zip container ({error})",
    ),
    "finding.file-unreadable.parts": (
        "sổ làm việc có {n} phần (giới hạn {limit})",
        "the workbook holds {n} parts (limit {limit})",
    ),
    "finding.file-too-large.unpacked": (
        "sổ làm việc khi giải nén có {size} byte; giới hạn là {limit}",
        "the workbook unpacks to {size} bytes; the limit is {limit}",
    ),
    "finding.file-too-large.ratio": (
        "phần {part} khi giải nén lớn gấp {times} lần kích thước nén (một zip bomb?)",
        "part {part} unpacks {times} times its packed size (a zip bomb?)",
    ),
    "finding.file-unreadable.no-part": (
        "sổ làm việc không có phần {part}",
        "the workbook has no part {part}",
    ),
    "finding.file-unreadable.unpack": (
        "không giải nén được phần {part} ({error})",
        "part {part} cannot be unpacked ({error})",
    ),
    "finding.file-unreadable.zip-not-workbook": (
        "là tệp zip nhưng không phải sổ làm việc Excel hay OpenDocument",
        "a zip file, but not an Excel or OpenDocument workbook",
    ),
    "finding.file-unreadable.web-page": (
        "tệp {suffix} này là trang web hoặc XML được lưu với tên bảng tính, không phải sổ làm việc",
        "this {suffix} is a web page or XML saved with a spreadsheet name, not a workbook",
    ),
    "finding.file-unreadable.web-page.no-suffix": (
        "tệp này là trang web hoặc XML được lưu với tên bảng tính, không phải sổ làm việc",
        "this file is a web page or XML saved with a spreadsheet name, not a workbook",
    ),
    "finding.file-unreadable.web-page.hint": (
        "mở tệp bằng Excel và lưu lại dưới dạng .xlsx (Excel Workbook)",
        "open it in Excel and save it as .xlsx (Excel Workbook)",
    ),
    "finding.file-unreadable.not-spreadsheet": (
        "không phải bảng tính: các byte không phải sổ làm việc Excel hay OpenDocument ({suffix})",
        "not a spreadsheet: the bytes are neither an Excel nor an OpenDocument workbook ({suffix})",
    ),
    "finding.file-unreadable.not-spreadsheet.no-suffix": (
        "không phải bảng tính: các byte không phải sổ làm việc Excel hay OpenDocument",
        "not a spreadsheet: the bytes are neither an Excel nor an OpenDocument workbook",
    ),
    # --- the plan folder --------------------------------------------------------------------------
    "words.noun.target": ("chỉ tiêu", "target"),
    "words.noun.task": ("nhiệm vụ", "task"),
    "words.noun.task-group": ("nhóm nhiệm vụ", "task group"),
    "words.noun.group": ("nhóm", "group"),
    "words.noun.unit": ("đơn vị", "unit"),
    "words.noun.agency": ("cơ quan", "agency"),
    "words.noun.area": ("lĩnh vực", "area"),
    "words.noun.level": ("cấp", "level"),
    "words.noun.indicator-key": ("khóa chỉ số", "indicator key"),
    "words.entry": ("{noun} {id}", "{noun} {id}"),
    "words.entry.number": ("{noun} thứ {n}", "{noun} #{n}"),
    "words.role.lead": ("cơ quan chủ trì", "lead"),
    "words.role.coordinating": ("cơ quan phối hợp", "coordinating"),
    "words.kind.folder": ("một thư mục", "a folder"),
    "words.kind.fifo": ("một đường ống có tên (FIFO)", "a named pipe (FIFO)"),
    "words.kind.character-device": ("một thiết bị ký tự", "a character device"),
    "words.kind.block-device": ("một thiết bị khối", "a block device"),
    "words.kind.socket": ("một socket", "a socket"),
    "finding.plan-file-missing": ("{file} không tồn tại", "{file} does not exist"),
    "finding.plan-file-missing.folder": (
        "thư mục kế hoạch {folder} không tồn tại",
        "plan folder {folder} does not exist",
    ),
    "finding.plan-file-missing.not-folder": (
        "thư mục kế hoạch {folder} không phải là thư mục",
        "plan folder {folder} is not a folder",
    ),
    "finding.plan-file-missing.hint": (
        "dùng --data-dir THƯ_MỤC hoặc đặt biến QN_DX_DATA",
        "pass --data-dir DIR or set QN_DX_DATA",
    ),
    "finding.plan-file-unreadable.open": ("không mở được tệp: {why}", "cannot open it: {why}"),
    "finding.plan-file-unreadable.kind": (
        "{file} là {kind}, không phải tệp thông thường",
        "{file} is {kind}, not a regular file",
    ),
    "finding.plan-file-unreadable.not-regular": (
        "{file} không phải tệp thông thường",
        "{file} is not a regular file, not a regular file",
    ),
    "finding.plan-file-unreadable.hint": (
        "tệp kế hoạch phải là tệp thông thường",
        "a plan file must be a plain file",
    ),
    "finding.plan-file-too-large": (
        "{file} có {size} byte; giới hạn là {limit}",
        "{file} is {size} bytes; the limit is {limit}",
    ),
    "finding.plan-file-too-large.more": (
        "{file} có hơn {size} byte; giới hạn là {limit}",
        "{file} is more than {size} bytes; the limit is {limit}",
    ),
    "finding.yaml-syntax": ("lỗi cú pháp YAML: {detail}", "{detail}"),
    "finding.yaml-syntax.utf8": (
        "không phải văn bản UTF-8 ({reason})",
        "not UTF-8 text ({reason})",
    ),
    "finding.yaml-syntax.utf8.hint": ("lưu tệp dưới dạng UTF-8", "save as UTF-8"),
    "finding.yaml-duplicate-key": (
        "khóa {key} được khai báo hai lần trong một ánh xạ: dòng {first} và dòng {again}",
        "key {key} is given twice in one mapping: lines {first} and {again}",
    ),
    "finding.yaml-duplicate-key.hint": (
        "giữ lại một khóa; YAML sẽ âm thầm dùng khóa cuối cùng",
        "keep one; YAML would silently use the last",
    ),
    "finding.yaml-unsafe.tag": ("không cho phép thẻ {tag}", "tag {tag} is not allowed"),
    "finding.yaml-unsafe.alias": (
        "không cho phép dùng bí danh YAML (*tên) trong tệp kế hoạch",
        "YAML aliases (*name) are not allowed in plan files",
    ),
    "finding.yaml-unsafe.alias.hint": ("ghi đầy đủ giá trị", "write the value out in full"),
    "finding.plan-schema.long-integer": (
        "số nguyên có {digits} chữ số không phải số liệu kế hoạch",
        "an integer of {digits} digits is not a plan figure",
    ),
    "finding.plan-schema.integer": (
        "không phải số nguyên hợp lệ: {error}",
        "not a valid integer: {error}",
    ),
    "finding.plan-schema.date": (
        "{value} không phải ngày hợp lệ: {error}",
        "{value} is not a valid date: {error}",
    ),
    "finding.plan-schema.value": (
        "không đọc được một giá trị: {error}",
        "cannot read a value: {error}",
    ),
    "finding.plan-schema.units-csv-utf8": (
        "units.csv không phải văn bản UTF-8 ({reason})",
        "units.csv is not UTF-8 text ({reason})",
    ),
    "finding.plan-schema.units-csv-utf8.hint": (
        "lưu tệp dưới dạng 'CSV UTF-8' trong Excel",
        "save it as 'CSV UTF-8' in Excel",
    ),
    "finding.plan-schema.units-csv-columns": (
        "thiếu cột: {columns}",
        "missing column(s): {columns}",
    ),
    "finding.plan-schema.units-csv": ("không phải CSV hợp lệ: {error}", "not valid CSV: {error}"),
    "finding.plan-schema.two-unit-lists": (
        "có cả units.yaml và units.csv: tệp nào là danh mục đơn vị?",
        "both units.yaml and units.csv are here: which one lists the units?",
    ),
    "finding.plan-schema.two-unit-lists.hint": (
        "chỉ giữ một tệp (units.csv cho danh mục quy mô toàn quốc)",
        "keep one of them (units.csv for a national-size registry)",
    ),
    "finding.plan-schema.level-twice": (
        "cấp {level} được khai báo hai lần",
        "level {level} is declared twice",
    ),
    "finding.plan-schema.agency-level": (
        "cấp {level} là tên mà phạm vi dùng cho các cơ quan cấp tỉnh",
        "level {level} is the name scopes give the province's agencies",
    ),
    "finding.plan-schema.agency-level.hint": (
        "đặt mã khác cho cấp hành chính này",
        "give the administrative level another id",
    ),
    "finding.plan-schema.type-twice": (
        "loại đơn vị {type} được khai báo cho cả cấp {first} và cấp {second}",
        "unit type {type} is declared for levels {first} and {second}",
    ),
    "finding.plan-schema.type-twice.hint": (
        "mỗi loại đơn vị chỉ thuộc một cấp",
        "a unit type belongs to one level",
    ),
    "finding.plan-schema.one-of.hint": ("một trong: {choices}", "one of {choices}"),
    "finding.plan-schema.unit-level": (
        "đơn vị {unit}: cấp {level} không phải một cấp của plan.yaml",
        "unit {unit}: level {level} is not a level of plan.yaml",
    ),
    "finding.plan-schema.unit-type": (
        "đơn vị {unit}: loại {type} không phải một loại của cấp {level}",
        "unit {unit}: type {type} is not a type of level {level}",
    ),
    "finding.plan-schema.unit-type.hint": (
        "một trong: {choices} (các cấp trong plan.yaml)",
        "one of {choices} (plan.yaml levels)",
    ),
    "finding.plan-schema.scope-level": (
        "chỉ tiêu {target}: scope: {level} không phải một cấp",
        "target {target}: scope: {level} is not a level",
    ),
    "finding.plan-schema.scope-type": (
        "chỉ tiêu {target}: scope: {type} không phải một loại đơn vị của plan.yaml",
        "target {target}: scope: {type} is not a unit type of plan.yaml",
    ),
    "finding.plan-schema.members-level": (
        "nhóm {group}: members_level {level} không phải một cấp",
        "group {group}: members_level {level} is not a level",
    ),
    "finding.plan-schema.budget-level": (
        "khoản kinh phí: cấp {level} không phải một cấp của plan.yaml",
        "budget part: level {level} is not a level of plan.yaml",
    ),
    "finding.plan-schema.entry-field": (
        "{entry}: {field}: {problem}",
        "{entry}: {field}: {problem}",
    ),
    "finding.plan-schema.entry-problem": ("{entry}: {problem}", "{entry}: {problem}"),
    "finding.plan-schema.field": ("{field}: {problem}", "{field}: {problem}"),
    "finding.plan-schema.problem": ("{problem}", "{problem}"),
    "finding.plan-schema.one-of": ("phải là một trong {expected}", "must be one of {expected}"),
    "finding.plan-schema.unknown-field": (
        "trường không xác định (không thuộc lược đồ)",
        "unknown field (not part of the schema)",
    ),
    "finding.plan-schema.got.hint": ("giá trị đã ghi: {value}", "got {value}"),
    "finding.plan-schema.missing": ("thiếu trường bắt buộc", "Field required"),
    "finding.plan-schema.must-be": ("phải là {what}", "must be {what}"),
    "finding.plan-schema.not-bool": (
        "cần một số ở đây, không phải có/không (true/false)",
        "a number is needed here, not yes/no (true/false)",
    ),
    "finding.plan-schema.scope-empty": (
        "phạm vi cần có levels, units, hoặc cả hai",
        "a scope needs levels, units, or both",
    ),
    "finding.plan-schema.scope-types": (
        "types thu hẹp levels: cần khai báo cả levels",
        "types narrow the levels: give levels too",
    ),
    "finding.plan-schema.other-reading": (
        "khai báo đúng một trong hai: target_offset hoặc target_factor",
        "give exactly one of target_offset and target_factor",
    ),
    "finding.plan-schema.valid-to-before": (
        "valid_to {valid_to} trước valid_from {valid_from}",
        "valid_to {valid_to} is before valid_from {valid_from}",
    ),
    "finding.plan-schema.successors-valid-to": (
        "đơn vị có successors cần valid_to: ngày cuối cùng đơn vị còn tồn tại",
        "successors need valid_to: the last day the unit existed",
    ),
    "finding.plan-schema.successor-twice": (
        "đơn vị kế thừa {code} được ghi hai lần trong successors",
        "successor {code} is listed twice in successors",
    ),
    "finding.plan-schema.successor-itself": (
        "đơn vị {code} không thể là đơn vị kế thừa của chính nó",
        "unit {code} cannot be its own successor",
    ),
    "finding.plan-schema.successor-shares": (
        "khi chia tách (hoặc khi ghi share), mỗi đơn vị kế thừa cần một share và tổng các share "
        "phải bằng 1 (hiện là {total}); sáp nhập vào một đơn vị thì không ghi share",
        "a split (or any successor given a share) gives each successor a share, summing to 1 "
        "(they sum to {total}); a merge into one unit gives no share",
    ),
    "finding.plan-schema.lead-leads": (
        "khai báo lead hoặc leads, không khai báo cả hai",
        "give lead or leads, not both",
    ),
    "finding.plan-schema.milestone": (
        "chỉ tiêu mốc hoàn thành có op 'done', target null và unit null",
        "a milestone has op 'done', target null and unit null",
    ),
    "finding.plan-schema.done-op": (
        "op 'done' chỉ dùng cho chỉ tiêu mốc hoàn thành",
        "op 'done' is only for milestones",
    ),
    "finding.plan-schema.ratio-parts": (
        "chỉ tiêu tỷ lệ cần định nghĩa tử số và mẫu số",
        "a ratio needs numerator and denominator definitions",
    ),
    "finding.plan-schema.ratio-percent": (
        "chỉ tiêu tỷ lệ có đơn vị là phần trăm",
        "a ratio is a percent",
    ),
    "finding.plan-schema.not-ratio-parts": (
        "chỉ chỉ tiêu tỷ lệ mới có định nghĩa tử số/mẫu số",
        "only a ratio has numerator/denominator definitions",
    ),
    "finding.plan-schema.unit-needed": (
        "chỉ tiêu tỷ lệ hoặc giá trị cần có đơn vị đo (percent, count hoặc rank)",
        "a ratio or value needs a unit (percent, count or rank)",
    ),
    "finding.plan-schema.offset-factor": (
        "khai báo target_offset hoặc target_factor, không khai báo cả hai",
        "give target_offset or target_factor, not both",
    ),
    "finding.plan-schema.other-reading-kept": (
        "other_reading cần cách hiểu được chọn: target_offset hoặc target_factor",
        "other_reading needs the kept reading: target_offset or target_factor",
    ),
    "finding.plan-schema.numeric-target": (
        "op {op} cần mục tiêu bằng số (hoặc target_offset / target_factor)",
        "op {op} needs a numeric target (or target_offset / target_factor)",
    ),
    "finding.plan-schema.increase": (
        "op 'increase' lấy mục tiêu từ số liệu cơ sở: target phải là null",
        "op 'increase' takes its target from the baseline: target must be null",
    ),
    "finding.plan-schema.year-to-date": (
        "chỉ số lượng mới được cộng dồn trong năm: dùng period_rule latest",
        "only counts can be summed over the year: use period_rule latest",
    ),
    "finding.plan-schema.baseline-required": (
        "chỉ tiêu này được đo so với số liệu cơ sở: bắt buộc có baseline",
        "this target is measured against the baseline: baseline is required",
    ),
    # --- qn-dx check ------------------------------------------------------------------------------
    "finding.duplicate-id": ("{noun} {id} xuất hiện hai lần", "{noun} {id} appears twice"),
    "finding.duplicate-id.hint": ("lần đầu ở dòng {line}", "first at line {line}"),
    "finding.duplicate-id.group": (
        "nhóm {group} trùng mã với một cơ quan hoặc đơn vị",
        "group {group} has the code of an agency or unit",
    ),
    "finding.duplicate-id.agency": (
        "cơ quan {agency} trùng mã với một đơn vị",
        "agency {agency} has the code of a unit",
    ),
    "finding.unknown-agency.near.hint": ("có phải là {code}?", "did you mean {code}?"),
    "finding.unknown-agency.hint": (
        "xem các mã trong data/agencies.yaml",
        "see data/agencies.yaml for the codes",
    ),
    "finding.unknown-agency.task": (
        "nhiệm vụ {task}: {role}: không có cơ quan hay nhóm mã {code}",
        "task {task}: {role}: unknown agency or group {code}",
    ),
    "finding.unknown-agency.target": (
        "chỉ tiêu {target}: lead: không có cơ quan hay nhóm mã {code}",
        "target {target}: lead: unknown agency or group {code}",
    ),
    "finding.unknown-agency.scope": (
        "chỉ tiêu {target}: scope: units: {code} không phải đơn vị hay cơ quan nào",
        "target {target}: scope: units: {code} is no unit or agency",
    ),
    "finding.unknown-agency.member": (
        "nhóm {group}: members: không có mã {code}",
        "group {group}: members: unknown code {code}",
    ),
    "finding.plan-schema.task-group": (
        "nhiệm vụ {task}: group: {group} không phải một nhóm nhiệm vụ",
        "task {task}: group: {group} is not one of the task groups",
    ),
    "finding.plan-schema.target-task": (
        "chỉ tiêu {target}: tasks: {task} không phải nhiệm vụ của tasks.yaml",
        "target {target}: tasks: {task} is not a task of tasks.yaml",
    ),
    "finding.plan-schema.near.hint": ("có phải là {id}?", "did you mean {id}?"),
    "finding.plan-schema.area": (
        "chỉ tiêu {target}: area: {area} không phải lĩnh vực của plan.yaml",
        "target {target}: area: {area} is not an area of plan.yaml",
    ),
    "finding.unknown-unit-type": (
        "chỉ tiêu {target}: scope: không đơn vị nào có loại {type}",
        "target {target}: scope: no unit has type {type}",
    ),
    "finding.empty-scope": (
        "chỉ tiêu {target}: phạm vi {scope} không chọn được đơn vị nào",
        "target {target}: scope {scope} selects no unit",
    ),
    "finding.empty-scope.hint": (
        "đối chiếu cấp và loại đơn vị với units.yaml và agencies.yaml",
        "check the levels and types against units.yaml and agencies.yaml",
    ),
    "finding.budget-mismatch": (
        "các khoản kinh phí chi thường xuyên cộng lại là {parts}, số tổng ghi {total} ({unit})",
        "recurrent budget parts add up to {parts}, the total says {total} ({unit})",
    ),
    "finding.budget-mismatch.hint": ("chênh lệch {difference}", "difference {difference}"),
    "finding.bad-parent": ("đơn vị {unit} ({name}): {problem}", "unit {unit} ({name}): {problem}"),
    "finding.bad-parent.top": (
        "đơn vị thuộc cấp cao nhất ({level}) không có đơn vị cấp trên",
        "a unit of the top level ({level}) has no parent",
    ),
    "finding.bad-parent.unknown": (
        "đơn vị cấp trên {parent} không phải một đơn vị",
        "parent {parent} is not a unit",
    ),
    "finding.bad-parent.none": ("không có đơn vị cấp trên", "no parent"),
    "finding.bad-parent.level": (
        "đơn vị cấp trên {parent} thuộc cấp {parent_level}, không phải cấp cao hơn {level}",
        "parent {parent} is a {parent_level}, not a level above {level}",
    ),
    "finding.bad-parent.province": (
        "province_code {code} không phải đơn vị thuộc cấp cao nhất ({level}) trong {file}",
        "province_code {code} is not a unit of the top level ({level}) in {file}",
    ),
    "finding.task-number-repeated": (
        "Phụ lục 2 in số {number} hai lần; dòng này là {task}",
        "Phụ lục 2 prints number {number} twice; this row is {task}",
    ),
    "finding.task-number-repeated.hint": (
        "số {number} đầu tiên ở dòng {line}",
        "the first {number} is line {line}",
    ),
    "finding.task-number-gap": (
        "Phụ lục 2 không có nhiệm vụ {number}",
        "Phụ lục 2 has no task {number}",
    ),
    "finding.task-number-gap.hint": (
        "số thứ tự được giữ như bản in",
        "the numbering is kept as printed",
    ),
    "finding.lead-contradicts-tasks": (
        "chỉ tiêu {target}: {task} (dòng {number}) do {row_leads} chủ trì; cơ quan chủ trì của "
        "{target} ({leads}) không có trong số đó",
        "target {target}: {task} (row {number}) is led by {row_leads}; {target}'s leads ({leads}) "
        "are not among them",
    ),
    "finding.lead-contradicts-tasks.coordinates": (
        "chỉ tiêu {target}: {lead} chỉ phối hợp thực hiện {task} (dòng {number}), do {row_leads} "
        "chủ trì",
        "target {target}: lead {lead} only coordinates {task} (row {number}), which {row_leads} "
        "lead(s)",
    ),
    "finding.lead-contradicts-tasks.coordinates-via": (
        "chỉ tiêu {target}: {lead} chỉ phối hợp thực hiện {task} (dòng {number}, với tư cách "
        "thành viên của {via}), do {row_leads} chủ trì",
        "target {target}: lead {lead} only coordinates {task} (row {number} as one of {via}), "
        "which {row_leads} lead(s)",
    ),
    "finding.lead-contradicts-tasks.hint": (
        "lead: [{leads}] như dòng nhiệm vụ ghi; hoặc bỏ liên kết với dòng đó và nêu lý do trong "
        "ghi chú",
        "lead: [{leads}] as the row says; or unlink the row and say why in the note",
    ),
    "finding.plan-schema.goal-percent": (
        "chỉ tiêu {target}: mục tiêu {value} nằm ngoài 0–100 %",
        "target {target}: goal {value} is outside 0–100 %",
    ),
    "finding.plan-schema.baseline-percent": (
        "chỉ tiêu {target}: số liệu cơ sở {value} nằm ngoài 0–100 %",
        "target {target}: baseline {value} is outside 0–100 %",
    ),
    "finding.plan-schema.goal-count": (
        "chỉ tiêu {target}: mục tiêu {value} nằm ngoài phạm vi số đếm (từ 0 trở lên)",
        "target {target}: goal {value} is outside the counts (0 or more)",
    ),
    "finding.plan-schema.baseline-count": (
        "chỉ tiêu {target}: số liệu cơ sở {value} nằm ngoài phạm vi số đếm (từ 0 trở lên)",
        "target {target}: baseline {value} is outside the counts (0 or more)",
    ),
    "finding.plan-schema.percent.hint": (
        "mục tiêu phần trăm ghi là 90 cho 90 %",
        "a percentage goal is written as 90 for 90 %",
    ),
    "finding.rank-out-of-universe.none": (
        "chỉ tiêu {target}: là thứ hạng, nhưng cả chỉ tiêu lẫn plan.yaml đều không khai báo "
        "rank_universe",
        "target {target}: a rank, but neither the target nor plan.yaml sets rank_universe",
    ),
    "finding.rank-out-of-universe.none.hint": (
        "khai báo rank_universe: số đơn vị được xếp hạng",
        "set rank_universe: how many are ranked",
    ),
    "finding.rank-out-of-universe.goal": (
        "chỉ tiêu {target}: thứ hạng mục tiêu {value} nằm ngoài 1–{universe}",
        "target {target}: goal rank {value} is outside 1–{universe}",
    ),
    "finding.rank-out-of-universe.baseline": (
        "chỉ tiêu {target}: thứ hạng cơ sở {value} nằm ngoài 1–{universe}",
        "target {target}: baseline rank {value} is outside 1–{universe}",
    ),
    "finding.rank-out-of-universe.hint": (
        "rank_universe lấy theo chỉ tiêu, nếu không có thì theo plan.yaml",
        "rank_universe is the target's, else plan.yaml's",
    ),
    "finding.baseline-year": (
        "chỉ tiêu {target}: số liệu cơ sở năm {year}, nhưng năm cơ sở của kế hoạch là {plan_year}",
        "target {target}: baseline of {year}, but the plan's baseline year is {plan_year}",
    ),
    "finding.baseline-year.hint": (
        "khi có số liệu thực tế năm {year}, số liệu đó được dùng thay thế",
        "the {year} actuals, when there are some, are used instead",
    ),
    # --- computing --------------------------------------------------------------------------------
    "words.unit-gap": ("{unit} ({what})", "{unit} ({what})"),
    "words.latest-period": ("kỳ mới nhất là {period}", "{period} is its latest"),
    "finding.partial-baseline": (
        "{id}: số liệu năm {year} trong số liệu thực tế chưa đủ đến cuối năm ({units}), nên không "
        "được dùng làm số liệu cơ sở: {used}",
        "{id}: the {year} figures in the actuals stop short of the year's end ({units}), so they "
        "are not its baseline: {used}",
    ),
    "finding.partial-baseline.plan": (
        "dùng số liệu cơ sở của kế hoạch ({baseline})",
        "the plan's baseline ({baseline}) is used",
    ),
    "finding.partial-baseline.none": ("không có số liệu cơ sở", "there is no baseline"),
    "finding.partial-baseline.hint": (
        "gửi số liệu cho cả năm {year} (quý cuối năm, hoặc cả năm)",
        "send the figure for the whole of {year} (its last quarter, or the year)",
    ),
    "finding.year-to-date-gaps": (
        "{id} cộng các kỳ trong năm của từng đơn vị, nhưng {n} đơn vị thiếu một số kỳ: {units}; "
        "tổng của các đơn vị này mới là một phần của năm tính đến nay",
        "{id} adds up each unit's periods of the year, but {n} unit(s) left periods out: {units}; "
        "their sum is only part of their year so far",
    ),
    "finding.year-to-date-gaps.hint": (
        "gửi các kỳ còn thiếu, hoặc gửi tổng lũy kế từ đầu năm (cách tính: lũy kế)",
        "send the missing periods, or send year-to-date totals (basis: lũy kế)",
    ),
    "finding.sparse-latest-period": (
        "tính đến {period}, kỳ mới nhất có số liệu, nhưng {period} chỉ có {n} dòng ({places}) so "
        "với {previous_rows} dòng ở {previous}",
        "computed as of {period}, the latest period with data, but {period} holds {n} row(s) "
        "({places}) against {previous_rows} in {previous}",
    ),
    "finding.sparse-latest-period.hint": (
        "nếu các dòng của {period} là gõ nhầm, hãy sửa, hoặc dùng --as-of {previous}",
        "if the {period} rows are typos, fix them or pass --as-of {previous}",
    ),
    # --- why a row does not count (explain) -------------------------------------------------------
    "reason.outside-scope": (
        "ngoài phạm vi: {target} do {scope} báo cáo",
        "outside scope: {target} is reported by {scope}",
    ),
    "reason.baseline-used": (
        "năm cơ sở: được dùng làm số liệu cơ sở",
        "baseline year: used as the baseline",
    ),
    "reason.baseline-plan": (
        "năm cơ sở: không dùng (số liệu cơ sở lấy từ kế hoạch)",
        "baseline year: not used (the baseline comes from the plan)",
    ),
    "reason.baseline-none": (
        "năm cơ sở: chỉ tiêu này không cần số liệu cơ sở",
        "baseline year: this target needs no baseline",
    ),
    "reason.outside-year": ("ngoài năm kế hoạch {year}", "outside the plan year {year}"),
    "reason.after": (
        "sau {as_of}: tính vào cuối kỳ {period}",
        "after {as_of}: dated at the end of {period}",
    ),
    "reason.later-cumulative": (
        "được thay bằng số lũy kế mới hơn của cùng đơn vị (lũy kế: số mới nhất thể hiện cả năm "
        "tính đến nay)",
        "superseded by a later cumulative figure of the same unit (lũy kế: the latest stands for "
        "the year so far)",
    ),
    "reason.superseded-by-successor": (
        "không cộng thêm: số liệu cùng kỳ của chính đơn vị {successor} (kỳ kết thúc sau khi "
        "{unit} kết thúc) được tính cho toàn bộ đơn vị",
        "not added: {successor}'s own figure for the same period (which ends after {unit} "
        "ended) stands for the whole unit",
    ),
    "reason.successor-later": (
        "được thay bằng số liệu kỳ {period} của {successor}, đơn vị kế thừa {unit} (quy tắc: số "
        "liệu mới nhất)",
        "superseded by the figure for {period} of {successor}, which took over from {unit} "
        "(rule: latest)",
    ),
    "reason.kept-apart": (
        "tính riêng dưới mã {unit}: {successor} gửi số liệu lũy kế, có thể đã gồm số liệu này",
        "kept apart under {unit}: {successor} sends year-to-date figures, which may include it",
    ),
    "reason.cumulative-stands": (
        "không cộng: đơn vị đã gửi số lũy kế, số lũy kế mới nhất thể hiện cả năm tính đến nay",
        "not added: the unit sent a cumulative (lũy kế) total, whose latest stands for the year "
        "so far",
    ),
    "reason.later-period": (
        "được thay bằng kỳ sau của cùng đơn vị (quy tắc: số liệu mới nhất)",
        "superseded by a later period of the same unit (rule: latest)",
    ),
    # --- merged cells and other workbook limits ---------------------------------------------------
    "finding.file-unreadable.merge-area": (
        "các ô gộp {ref} không phải một vùng của trang tính",
        "merged cells {ref} are not an area of a sheet",
    ),
    "finding.file-unreadable.merges": (
        "trang tính có hơn {limit} vùng ô gộp",
        "the sheet has over {limit} merged areas",
    ),
    "finding.file-unreadable.sheet-merges": (
        "trang tính {sheet} có hơn {limit} vùng ô gộp",
        "sheet {sheet} has over {limit} merged areas",
    ),
    "finding.file-unreadable.spaces": (
        "số khoảng trắng {text} không phải là số",
        "a count of spaces {text} is not a number",
    ),
    "finding.file-unreadable.many-spaces": (
        "một ô chứa hơn {limit} khoảng trắng",
        "a cell holds over {limit} spaces",
    ),
    "finding.multiline-field.likewise": (
        "các dòng {first}–{last} cũng vậy (cùng một ô)",
        "lines {first}–{last} likewise (the same cell)",
    ),
    "finding.merged-cell": ("{column}: {detail}", "{column}: {detail}"),
    "finding.merged-cell.describe": (
        "ô {cell} thuộc vùng ô gộp {area}, bảng tính chỉ lưu giá trị của vùng này ở ô {first}: ô "
        "của dòng này để trống",
        "cell {cell} is part of the merged cells {area}, whose value the spreadsheet keeps only "
        "in {first}: this row's cell is empty",
    ),
    "finding.merged-cell.hint": (
        "bỏ gộp ô và ghi giá trị vào từng dòng; qn-dx không bao giờ tự chép giá trị ô gộp xuống",
        "unmerge the cells and write the value on every row; qn-dx never copies a merged value "
        "down",
    ),
    "finding.file-too-large.memory": (
        "đọc tệp cần nhiều bộ nhớ hơn mức hiện có",
        "reading the file needs more memory than there is",
    ),
    "finding.file-too-large.memory.hint": (
        "tách thành các tệp nhỏ hơn",
        "split the file into smaller ones",
    ),
    "finding.line-too-long": (
        "dòng {line} có {size} ký tự, nhiều hơn rất nhiều so với mọi dòng tiêu đề hay dòng dữ "
        "liệu (giới hạn {limit}; một ô Excel chứa tối đa {cell}): tệp không được đọc",
        "line {line} holds {size} characters, far more than any header or row (limit {limit}; an "
        "Excel cell holds at most {cell}): the file is not read",
    ),
    "finding.line-too-long.hint": (
        "có đúng tệp không? tệp báo cáo gồm một dòng tiêu đề và các dòng ngắn; lưu lại từ Excel "
        "dưới dạng CSV UTF-8",
        "is this the right file? a submission is a header row over short rows; save it again from "
        "Excel as CSV UTF-8",
    ),
    "finding.file-too-large.merged": (
        "trang tính {sheet}: các ô gộp phủ hơn {limit} ô",
        "sheet {sheet}: merged cells cover more than {limit} cells",
    ),
    "finding.file-too-large.merged.hint": (
        "bỏ gộp các ô của bảng (tệp báo cáo không cần ô gộp)",
        "unmerge the cells of the table (a submission needs no merged cells)",
    ),
    "finding.bad-successor": (
        "đơn vị {unit}: {problem}",
        "unit {unit}: {problem}",
    ),
    "finding.bad-successor.unknown": (
        "đơn vị kế thừa {successor} không có trong danh sách đơn vị",
        "successor {successor} is not a unit of the registry",
    ),
    "finding.bad-successor.level": (
        "đơn vị kế thừa {successor} thuộc cấp {level}, không cùng cấp {own}",
        "successor {successor} is of level {level}, not {own}",
    ),
    "finding.bad-successor.gap": (
        "đơn vị kế thừa {successor} chưa tồn tại vào ngày {day}, ngày sau khi đơn vị này kết thúc",
        "successor {successor} does not exist on {day}, the day after this unit ended",
    ),
    "finding.unit-not-in-period.ended": (
        "đơn vị {unit} chỉ tồn tại đến ngày {day} (đã sáp nhập/chia tách vào {successors}): "
        "không có số liệu kỳ {period}",
        "unit {unit} existed until {day} (merged or split into {successors}): it has no figures "
        "for {period}",
    ),
    "finding.unit-not-in-period.ended.hint": (
        "báo cáo số liệu này dưới mã của đơn vị mới: {successors}",
        "report this figure under the new unit's code: {successors}",
    ),
    "finding.unit-not-in-period.later": (
        "đơn vị {unit} được thành lập từ ngày {day} (từ {predecessors}): không có số liệu kỳ "
        "{period}",
        "unit {unit} exists from {day} (made from {predecessors}): it has no figures for {period}",
    ),
    "finding.unit-not-in-period.later.hint": (
        "số liệu trước ngày đó thuộc về các đơn vị cũ: {predecessors}",
        "figures before that day belong to the former units: {predecessors}",
    ),
    "finding.unit-not-placed": (
        "không thể chuyển số liệu của đơn vị {unit} ({rows} dòng) về các đơn vị tồn tại ngày "
        "{day}: đơn vị này được hợp nhất từ {parts} và không thể chia ngược lại; số liệu vẫn "
        "được tính cho {unit}",
        "the figures of unit {unit} ({rows} row(s)) cannot be placed on the units of {day}: it "
        "was made by merging {parts}, which cannot be split back; they stay under {unit}",
    ),
    "finding.unit-not-placed.ended": (
        "không thể chuyển số liệu của đơn vị {unit} ({rows} dòng) về các đơn vị tồn tại ngày "
        "{day}: đơn vị {last} kết thúc ngày {ended} mà không có đơn vị kế thừa; số liệu vẫn "
        "được tính cho {unit}",
        "the figures of unit {unit} ({rows} row(s)) cannot be placed on the units of {day}: "
        "{last} ended on {ended} with no successor; they stay under {unit}",
    ),
    "finding.unit-not-placed.ended.hint": (
        "nếu đơn vị đã sáp nhập hoặc chia tách, ghi successors của {unit} trong units.yaml",
        "if it merged or split, give {unit} its successors in units.yaml",
    ),
    "finding.unit-not-placed.new": (
        "không thể chuyển số liệu của đơn vị {unit} ({rows} dòng) về các đơn vị tồn tại ngày "
        "{day}: ngày đó đơn vị này chưa được thành lập và không được lập từ đơn vị nào trong "
        "danh sách; số liệu vẫn được tính cho {unit}",
        "the figures of unit {unit} ({rows} row(s)) cannot be placed on the units of {day}: it "
        "did not exist yet on that day and was made from no unit of the registry; they stay "
        "under {unit}",
    ),
    "finding.unit-not-placed.cycle": (
        "không thể chuyển số liệu của đơn vị {unit} ({rows} dòng) về các đơn vị tồn tại ngày "
        "{day}: chuỗi đơn vị kế thừa của đơn vị này quay vòng lại (units.yaml); số liệu vẫn "
        "được tính cho {unit}",
        "the figures of unit {unit} ({rows} row(s)) cannot be placed on the units of {day}: its "
        "successors lead back to it (a cycle in units.yaml); they stay under {unit}",
    ),
    "finding.unit-not-placed.cycle.hint": (
        "chạy qn-dx check và sửa successors, valid_from, valid_to trong units.yaml",
        "run qn-dx check, and correct successors, valid_from and valid_to in units.yaml",
    ),
    "finding.unit-ends-without-successor": (
        "đơn vị {unit} kết thúc ngày {day} nhưng không có đơn vị kế thừa: số liệu của đơn vị "
        "này không thể chuyển sang các đơn vị tồn tại sau ngày đó",
        "unit {unit} ends on {day} with no successor: its figures cannot be placed on the units "
        "that exist after that day",
    ),
    "finding.unit-ends-without-successor.hint": (
        "nếu đơn vị đã sáp nhập hoặc chia tách, ghi successors (đơn vị nhận sáp nhập, hoặc các "
        "phần chia tách với share)",
        "if it merged or split, give its successors (the unit it merged into, or each part of "
        "the split with its share)",
    ),
    "finding.superseded-by-successor": (
        "{target}: số liệu kỳ {period} của đơn vị {unit} không được cộng thêm: số liệu kỳ "
        "{period} của chính đơn vị {successor} (kỳ kết thúc sau ngày {unit} kết thúc, {day}) "
        "được tính cho toàn bộ đơn vị",
        "{target}: {unit}'s figure for {period} is not added: {successor}'s own figure for "
        "{period}, a period that ends after {unit} ended ({day}), stands for the whole unit",
    ),
    "finding.superseded-by-successor.hint": (
        "nếu số liệu của {successor} chỉ tính từ ngày đơn vị được thành lập, hãy gửi số liệu "
        "của cả kỳ dưới mã {successor}",
        "if {successor}'s figure counts only from the day it was made, send the whole "
        "period's figure under {successor}",
    ),
    "finding.cumulative-across-change": (
        "{target}: đơn vị {successor} gửi số liệu lũy kế, có thể đã gồm hoặc chưa gồm số liệu "
        "đơn vị {unit} gửi trước khi kết thúc ({day}): số liệu của {unit} được tính riêng, dưới "
        "mã {unit}, không cộng vào {successor}",
        "{target}: {successor} sends year-to-date (lũy kế) figures, which may or may not "
        "include those {unit} sent before it ended ({day}): {unit}'s figures are kept apart, "
        "under {unit}, not added to {successor}'s",
    ),
    "finding.cumulative-across-change.hint": (
        "gửi số liệu của {successor} theo từng kỳ (phát sinh trong kỳ); nếu số lũy kế của "
        "{successor} đã gồm số liệu của {unit}, bỏ các dòng của {unit}",
        "send {successor}'s figures per period; if {successor}'s year-to-date totals already "
        "include {unit}'s, remove {unit}'s rows",
    ),
    "finding.unit-not-placed.hint": (
        "chọn một ngày (--on-units) sau khi đơn vị này được thành lập",
        "choose a day (--on-units) after this unit was made",
    ),
}

# What each code means and what to do about it, in general (`qn-dx codes`).
CODE_WORDS: dict[str, tuple[str, str]] = {
    "code.plan-file-missing": (
        "một tệp của thư mục kế hoạch không tồn tại",
        "a file of the plan folder does not exist",
    ),
    "hint.plan-file-missing": (
        "kiểm tra thư mục kế hoạch (--data-dir hoặc QN_DX_DATA) và bổ sung tệp còn thiếu",
        "check the plan folder (--data-dir or QN_DX_DATA) and restore the missing file",
    ),
    "code.plan-file-too-large": (
        "một tệp kế hoạch lớn hơn giới hạn cho phép",
        "a plan file is larger than the limit",
    ),
    "hint.plan-file-too-large": (
        "kiểm tra đúng là tệp kế hoạch cần dùng và bỏ những nội dung không thuộc về tệp",
        "check that it is the plan file it should be, and remove what does not belong in it",
    ),
    "code.yaml-syntax": (
        "một tệp kế hoạch không phải YAML hợp lệ",
        "a plan file is not valid YAML",
    ),
    "hint.yaml-syntax": (
        "sửa cú pháp tại dòng được chỉ ra (thụt lề, dấu hai chấm, dấu nháy)",
        "fix the syntax at the line shown (indentation, colons, quotes)",
    ),
    "code.yaml-unsafe": (
        "một tệp kế hoạch dùng tính năng YAML bị từ chối (thẻ, bí danh)",
        "a plan file uses YAML features that are refused (tags, aliases)",
    ),
    "hint.yaml-unsafe": (
        "ghi giá trị ở dạng YAML thông thường, không dùng thẻ (!!) hay bí danh (*tên)",
        "write the values as plain YAML, without tags (!!) or aliases (*name)",
    ),
    "code.plan-schema": (
        "một tệp kế hoạch không khớp với lược đồ (sai trường hoặc giá trị)",
        "a plan file does not match its schema (wrong field or value)",
    ),
    "hint.plan-schema": (
        "sửa trường hoặc giá trị được nêu trong thông báo",
        "correct the field or value the message names",
    ),
    "code.plan-file-unreadable": (
        "không đọc được một tệp kế hoạch: là FIFO, thiết bị hoặc thư mục, hoặc không có quyền đọc",
        "a plan file cannot be read: a FIFO, device or folder, or no permission",
    ),
    "hint.plan-file-unreadable": (
        "dùng một tệp thông thường mà qn-dx có quyền đọc",
        "make it a plain file that qn-dx may read",
    ),
    "code.yaml-duplicate-key": (
        "một ánh xạ YAML khai báo cùng một khóa hai lần",
        "a YAML mapping gives the same key twice",
    ),
    "hint.yaml-duplicate-key": ("giữ lại một trong hai khóa", "keep one of the two keys"),
    "code.duplicate-id": (
        "hai mục của kế hoạch dùng chung một mã định danh, mã hoặc khóa chỉ số",
        "two entries of the plan share one id, code or indicator key",
    ),
    "hint.duplicate-id": ("đặt cho mỗi mục một mã riêng", "give each entry its own id or code"),
    "code.unknown-agency": (
        "mã cơ quan chủ trì, phối hợp, thành viên hoặc phạm vi không chỉ đến đơn vị nào đã biết",
        "a lead, coordinating, member or scope code names nothing known",
    ),
    "hint.unknown-agency": (
        "dùng mã có trong agencies.yaml hoặc units.yaml",
        "use a code from agencies.yaml or units.yaml",
    ),
    "code.unknown-unit-type": (
        "phạm vi nêu một loại đơn vị mà không đơn vị nào có",
        "a scope names a unit type that no unit has",
    ),
    "hint.unknown-unit-type": (
        "dùng loại đơn vị đã khai báo trong plan.yaml và có trong units.yaml",
        "use a unit type that plan.yaml declares and units.yaml uses",
    ),
    "code.empty-scope": (
        "phạm vi của một chỉ tiêu không chọn được đơn vị báo cáo nào",
        "a target's scope selects no reporting unit",
    ),
    "hint.empty-scope": (
        "đối chiếu cấp, loại và mã đơn vị của phạm vi với units.yaml và agencies.yaml",
        "check the scope's levels, types and units against units.yaml and agencies.yaml",
    ),
    "code.budget-mismatch": (
        "các khoản kinh phí cộng lại không bằng số tổng đã ghi",
        "budget parts do not add up to the stated total",
    ),
    "hint.budget-mismatch": (
        "sửa một khoản hoặc số tổng cho khớp",
        "correct a part or the total so that they agree",
    ),
    "code.bad-parent": (
        "đơn vị cấp trên của một đơn vị bị thiếu hoặc không đúng cấp",
        "a unit's parent is missing or of the wrong level",
    ),
    "hint.bad-parent": (
        "ghi cho mỗi đơn vị mã của một đơn vị thuộc cấp cao hơn",
        "give each unit the code of a unit of a level above its own",
    ),
    "code.task-number-repeated": (
        "Phụ lục 2 in cùng một số thứ tự nhiệm vụ hai lần",
        "Phụ lục 2 prints the same task number twice",
    ),
    "hint.task-number-repeated": (
        "không cần sửa: số thứ tự được giữ như bản in; các dòng được phân biệt bằng mã nhiệm vụ",
        "nothing to do: the numbering is kept as printed; the rows are told apart by their ids",
    ),
    "code.task-number-gap": (
        "Phụ lục 2 bỏ qua một số thứ tự nhiệm vụ",
        "Phụ lục 2 skips a task number",
    ),
    "hint.task-number-gap": (
        "không cần sửa nếu bản in của kế hoạch cũng bỏ qua số này",
        "nothing to do if the printed plan skips it too",
    ),
    "code.lead-contradicts-tasks": (
        "cơ quan chủ trì của một chỉ tiêu không khớp với các dòng của bảng nhiệm vụ mà chỉ tiêu "
        "liên kết",
        "a target's leads are not what the task-table rows it links to say",
    ),
    "hint.lead-contradicts-tasks": (
        "sửa cơ quan chủ trì của chỉ tiêu cho khớp với các dòng nhiệm vụ được liên kết, hoặc bỏ "
        "liên kết",
        "make the target's leads agree with the task rows it links to, or unlink them",
    ),
    "code.rank-out-of-universe": (
        "mục tiêu hoặc số liệu cơ sở của một chỉ tiêu xếp hạng nằm ngoài số đơn vị được xếp hạng, "
        "hoặc chưa khai báo số này",
        "a rank target's goal or baseline lies outside its rank universe, or none is set",
    ),
    "hint.rank-out-of-universe": (
        "khai báo rank_universe và giữ mục tiêu, số liệu cơ sở trong khoảng từ 1 đến số đó",
        "set rank_universe and keep goals and baselines between 1 and it",
    ),
    "code.baseline-year": (
        "số liệu cơ sở của một chỉ tiêu thuộc năm khác với năm cơ sở của kế hoạch",
        "a target's baseline is of another year than the plan's baseline year",
    ),
    "hint.baseline-year": (
        "kiểm tra năm của số liệu cơ sở; khi có số liệu thực tế của năm cơ sở thì số liệu đó được "
        "dùng",
        "check the baseline's year; the baseline year's actuals are used when there are some",
    ),
    "code.path-not-found": (
        "một đường dẫn nêu trên dòng lệnh không tồn tại",
        "a path given on the command line does not exist",
    ),
    "hint.path-not-found": ("kiểm tra lại đường dẫn", "check the path's spelling"),
    "code.no-input-files": (
        "thư mục không có tệp báo cáo nào",
        "a folder holds no submission file",
    ),
    "hint.no-input-files": (
        "đặt các tệp báo cáo (.csv, .xlsx …) vào thư mục, hoặc nêu đường dẫn của từng tệp",
        "put the submitted files (.csv, .xlsx …) in the folder, or give their paths",
    ),
    "code.ignored-file": (
        "một tệp trong thư mục báo cáo không thuộc loại qn-dx đọc được",
        "a file in a submissions folder is not of a kind qn-dx reads",
    ),
    "hint.ignored-file": (
        "chuyển tệp ra khỏi thư mục, hoặc lưu lại dưới dạng .xlsx hoặc CSV UTF-8",
        "move it out of the folder, or save it as .xlsx or CSV UTF-8",
    ),
    "code.symlink-outside": (
        "một liên kết tượng trưng trỏ ra ngoài thư mục đã chỉ định: không đi theo",
        "a symbolic link leaves the folder given: not followed",
    ),
    "hint.symlink-outside": (
        "sao chép tệp vào thư mục thay vì tạo liên kết",
        "copy the file into the folder instead of linking to it",
    ),
    "code.file-unreadable": (
        "không mở được tệp, hoặc tệp không phải sổ làm việc đọc được",
        "the file cannot be opened or is not a readable workbook",
    ),
    "hint.file-unreadable": (
        "mở tệp bằng Excel và lưu lại dưới dạng .xlsx, hoặc kiểm tra quyền truy cập tệp",
        "open it in Excel and save it again as .xlsx, or check its permissions",
    ),
    "code.file-empty": (
        "tệp rỗng hoặc không có dòng tiêu đề",
        "the file is empty or has no header row",
    ),
    "hint.file-empty": (
        "gửi biểu mẫu đã điền, có dòng tiêu đề",
        "send the filled-in template, with its header row",
    ),
    "code.file-binary": (
        "tệp là tệp nhị phân (có byte NUL), không phải văn bản",
        "the file is binary (NUL bytes), not text",
    ),
    "hint.file-binary": (
        "lưu tệp dưới dạng CSV UTF-8 hoặc .xlsx",
        "save the file as CSV UTF-8 or .xlsx",
    ),
    "code.file-undecodable": (
        "các byte không phải văn bản theo một bảng mã được hỗ trợ",
        "the bytes are not text in a supported encoding",
    ),
    "hint.file-undecodable": (
        "lưu tệp dưới dạng CSV UTF-8, hoặc chỉ định bảng mã bằng --encoding",
        "save the file as CSV UTF-8, or name its encoding with --encoding",
    ),
    "code.file-too-large": (
        "tệp lớn hơn giới hạn kích thước",
        "the file is larger than the size limit",
    ),
    "hint.file-too-large": (
        "tách tệp, hoặc nâng giới hạn bằng --max-bytes",
        "split the file, or raise the limit with --max-bytes",
    ),
    "code.too-many-columns": (
        "dòng tiêu đề có nhiều cột hơn bất kỳ tệp báo cáo nào có thể có",
        "the header has more columns than any submission would",
    ),
    "hint.too-many-columns": (
        "kiểm tra có đúng tệp và đúng ký tự phân cách không",
        "check that this is the right file, with the right separator",
    ),
    "code.line-too-long": (
        "một dòng dài hơn rất nhiều so với mọi dòng tiêu đề hay dòng dữ liệu (trên 1.000.000 ký "
        "tự): tệp không được đọc",
        "a line is far longer than any header or row (over 1,000,000 characters): file not read",
    ),
    "hint.line-too-long": (
        "kiểm tra có đúng tệp không, và lưu lại tệp từ Excel dưới dạng CSV UTF-8",
        "check that this is the right file, and save it again from Excel as CSV UTF-8",
    ),
    "code.encoding-fallback": (
        "không phải UTF-8: tệp được đọc theo bảng mã Windows-1258",
        "not UTF-8: the file was read as Windows-1258",
    ),
    "hint.encoding-fallback": (
        "nếu chữ hiển thị sai, lưu lại dưới dạng CSV UTF-8 hoặc dùng --encoding",
        "if letters look wrong, save as CSV UTF-8 or pass --encoding",
    ),
    "code.not-a-workbook": (
        "một tệp mang tên bảng tính nhưng chứa văn bản: được đọc như văn bản",
        "a file with a spreadsheet name holds text: read as text",
    ),
    "hint.not-a-workbook": (
        "mở tệp bằng Excel và lưu lại dưới dạng .xlsx",
        "open it in Excel and save it as .xlsx",
    ),
    "code.bad-csv": (
        "cấu trúc CSV bị hỏng (ví dụ một dấu nháy mở mà không đóng)",
        "the CSV structure is broken (e.g. a quote left open)",
    ),
    "hint.bad-csv": (
        "lưu lại tệp từ Excel dưới dạng CSV UTF-8",
        "save the file again from Excel as CSV UTF-8",
    ),
    "code.delimiter-mismatch": (
        "dòng tiêu đề và các dòng dữ liệu dùng ký tự phân cách khác nhau",
        "header and rows use different separators",
    ),
    "hint.delimiter-mismatch": (
        "lưu lại tệp để mọi dòng dùng cùng một ký tự phân cách",
        "save the file again so that every line uses one separator",
    ),
    "code.rows-above-header": (
        "các dòng tên bảng phía trên dòng tiêu đề không được đọc là dữ liệu",
        "title rows above the header are not read as data",
    ),
    "hint.rows-above-header": (
        "không cần sửa nếu đó là tên bảng; dữ liệu phải nằm dưới dòng tiêu đề",
        "nothing to do if they are titles; data belongs below the header",
    ),
    "code.data-above-header": (
        "một dòng phía trên dòng tiêu đề nêu mã chỉ tiêu: dữ liệu đặt sai chỗ",
        "a row above the header names a target: data out of place",
    ),
    "hint.data-above-header": (
        "chuyển dòng đó xuống dưới dòng tiêu đề",
        "move the row below the header",
    ),
    "code.hidden-sheet": (
        "một trang tính ẩn có các cột của biểu mẫu; qn-dx không đọc trang tính ẩn",
        "a hidden sheet has the contract's columns; never read",
    ),
    "hint.hidden-sheet": (
        "bỏ ẩn trang tính nếu các dòng của nó cần được tính, hoặc xóa trang tính",
        "unhide the sheet if its rows are meant to count, or delete it",
    ),
    "code.hidden-rows": (
        "các dòng bị ẩn trong Excel có dữ liệu; các dòng này vẫn được đọc",
        "rows hidden in Excel hold cells; they are read",
    ),
    "hint.hidden-rows": (
        "bỏ ẩn để kiểm tra; xóa các dòng không cần tính",
        "unhide them to check them; delete rows that are not meant to count",
    ),
    "code.no-contract-sheet": (
        "không trang tính hiển thị nào của sổ làm việc có dòng tiêu đề của biểu mẫu",
        "no visible sheet of a workbook has the contract's header",
    ),
    "hint.no-contract-sheet": (
        "đặt dữ liệu trên một trang tính hiển thị có dòng tiêu đề của biểu mẫu",
        "put the data on a visible sheet with the template's header",
    ),
    "code.number-style": (
        "cách viết số của tệp quyết định '3.000' được đọc thế nào",
        "the file's number style decided how '3.000' was read",
    ),
    "hint.number-style": (
        "viết số không có dấu phân cách hàng nghìn",
        "write numbers without thousands separators",
    ),
    "code.missing-column": (
        "dòng tiêu đề thiếu một cột bắt buộc",
        "a required column is missing from the header",
    ),
    "hint.missing-column": (
        "thêm cột với tiêu đề như biểu mẫu (qn-dx template tạo biểu mẫu)",
        "add the column with the template's header (qn-dx template writes one)",
    ),
    "code.duplicate-column": (
        "hai ô tiêu đề cùng chỉ một cột",
        "two header cells name the same column",
    ),
    "hint.duplicate-column": ("giữ lại một trong hai cột", "keep one of the two columns"),
    "code.unknown-column": (
        "một ô tiêu đề không thuộc biểu mẫu; cột này bị bỏ qua",
        "a header cell is not part of the contract; it is ignored",
    ),
    "hint.unknown-column": (
        "nếu cột chứa số liệu, đặt lại tên cột như biểu mẫu; nếu không, để nguyên",
        "if it holds figures, name it as the template does; otherwise leave it",
    ),
    "code.extra-cells": (
        "một dòng có nhiều ô hơn dòng tiêu đề",
        "a row has more cells than the header",
    ),
    "hint.extra-cells": (
        "đặt giá trị có chứa ký tự phân cách trong dấu nháy, hoặc xóa các ô thừa",
        "quote a value that holds the separator, or remove the extra cells",
    ),
    "code.unsplit-row": (
        "một dòng quá ngắn so với dòng tiêu đề: không được phân cách như dòng tiêu đề",
        "a row is too short for the header: not separated like it",
    ),
    "hint.unsplit-row": (
        "lưu lại tệp để mọi dòng dùng cùng một ký tự phân cách",
        "save the file again so that every line uses one separator",
    ),
    "code.invalid-bytes": (
        "một dòng của tệp UTF-8 chứa byte không phải UTF-8",
        "a line of a UTF-8 file holds bytes that are not UTF-8",
    ),
    "hint.invalid-bytes": (
        "gõ lại các ký tự bị hỏng, hoặc lưu lại tệp dưới dạng CSV UTF-8",
        "retype the damaged characters, or save the file again as CSV UTF-8",
    ),
    "code.multiline-field": (
        "một bản ghi trải trên nhiều dòng (dấu nháy thừa hoặc xuống dòng trong ô)",
        "a record spans several lines (a stray quote or line break)",
    ),
    "hint.multiline-field": (
        "xóa dấu nháy thừa hoặc dấu xuống dòng trong ô",
        "remove the stray quote or the line break inside the cell",
    ),
    "code.field-too-large": (
        "một ô dài hơn mức một ô Excel có thể chứa",
        "a cell is longer than an Excel cell can be",
    ),
    "hint.field-too-large": (
        "kiểm tra có đúng tệp không: các ô của tệp báo cáo đều ngắn",
        "check that this is the right file: a submission's cells are short",
    ),
    "code.number-in-note": (
        "ghi chú của một dòng phân cách bằng dấu phẩy chỉ là một số: dấu phẩy thập phân đã tách "
        "đôi một số liệu?",
        "a comma-separated row's note is a bare number: a decimal comma split a figure?",
    ),
    "hint.number-in-note": (
        "đặt số có dấu phẩy thập phân trong dấu nháy, hoặc dùng ';' làm ký tự phân cách",
        "quote a figure that has a decimal comma, or separate the file with ';'",
    ),
    "code.repeated-header": (
        "dòng tiêu đề xuất hiện lại bên dưới; đã bỏ qua",
        "the header row appears again below it; skipped",
    ),
    "hint.repeated-header": (
        "mỗi trang tính hoặc mỗi tệp chỉ giữ một bảng",
        "keep one table per sheet or file",
    ),
    "code.total-row": (
        "dòng tổng (Tổng cộng) dưới dữ liệu; đã bỏ qua",
        "a total row (Tổng cộng) under the data; skipped",
    ),
    "hint.total-row": (
        "không cần sửa: qn-dx tự cộng số liệu của các đơn vị",
        "nothing to do: qn-dx adds up the units itself",
    ),
    "code.text-rows": (
        "các dòng không nêu chỉ tiêu hay nhiệm vụ và không có số liệu (tiêu đề mục, chữ ký); đã "
        "bỏ qua",
        "rows that name no target or task and hold no figure (headings, signatures); skipped",
    ),
    "hint.text-rows": (
        "nếu dòng nào là dữ liệu, ghi mã và số liệu của dòng đó",
        "if one of them is data, write its id and figures",
    ),
    "code.cell-error": (
        "một ô bảng tính chứa giá trị lỗi (#DIV/0!, #N/A …)",
        "a spreadsheet cell holds an error value (#DIV/0!, #N/A …)",
    ),
    "hint.cell-error": (
        "sửa công thức hoặc nhập trực tiếp số liệu, rồi lưu lại",
        "fix the formula or type the figure, then save again",
    ),
    "code.formula-without-value": (
        "một công thức được lưu mà không có giá trị đã tính",
        "a formula was saved without its computed value",
    ),
    "hint.formula-without-value": (
        "mở tệp bằng Excel và lưu lại để giá trị được lưu",
        "open the file in Excel and save it again, so that the value is stored",
    ),
    "code.merged-cell": (
        "một ô của dòng nằm trong vùng ô đã gộp: giá trị chỉ nằm ở ô đầu tiên của vùng",
        "a cell of the row is covered by merged cells: the value is only in the area's first cell",
    ),
    "hint.merged-cell": (
        "bỏ gộp ô và ghi giá trị vào từng ô của dòng",
        "unmerge the cells and write the value in each row's own cell",
    ),
    "code.period-from-date": (
        "một ô ngày tháng ở cột kỳ báo cáo được đọc là tháng của ngày đó",
        "a date cell in the period column is read as its month",
    ),
    "hint.period-from-date": (
        "nhập kỳ báo cáo dạng văn bản (2023-Q1, 2023-03)",
        "type the period as text (2023-Q1, 2023-03)",
    ),
    "code.unfilled-row": (
        "một dòng không có số liệu (dòng biểu mẫu chưa điền); đã bỏ qua",
        "a row has no figures (an unfilled template row); skipped",
    ),
    "hint.unfilled-row": ("điền số liệu hoặc xóa dòng", "fill the figures or delete the row"),
    "code.figures-outside-contract": (
        "số liệu của một dòng chỉ nằm ở các cột không thuộc biểu mẫu",
        "a row's only figures are in columns the contract does not know",
    ),
    "hint.figures-outside-contract": (
        "đặt tên các cột số liệu như biểu mẫu, hoặc chuyển số liệu vào các cột đó",
        "name the figure columns as the template does, or move the figures there",
    ),
    "code.unknown-indicator": (
        "indicator_id không phải mã chỉ tiêu của kế hoạch",
        "indicator_id is not a target id of the plan",
    ),
    "hint.unknown-indicator": (
        "xem các mã chỉ tiêu bằng lệnh qn-dx targets",
        "see qn-dx targets for the ids",
    ),
    "code.unknown-unit": (
        "unit_code không phải mã của đơn vị hay cơ quan nào",
        "unit_code names no unit or agency",
    ),
    "hint.unknown-unit": (
        "ghi mã của đơn vị (mã hành chính), không ghi tên",
        "write the unit's code (its GSO code), not its name",
    ),
    "code.unit-out-of-scope": (
        "đơn vị này không báo cáo chỉ tiêu này (theo cấp hoặc loại đơn vị)",
        "this unit does not report this indicator (level or type)",
    ),
    "hint.unit-out-of-scope": (
        "kiểm tra mã đơn vị và mã chỉ tiêu; qn-dx template --unit MÃ liệt kê các chỉ tiêu đơn vị "
        "phải báo cáo",
        "check the unit code and the indicator; qn-dx template --unit CODE lists what a unit "
        "reports",
    ),
    "code.bad-period": (
        "kỳ báo cáo không phải tháng, quý hay năm đọc được",
        "the period is not a month, quarter or year we can read",
    ),
    "hint.bad-period": (
        "ghi 2023-Q1, 2023-03 hoặc 2023 (hoặc Quý I/2023, T3/2023)",
        "write 2023-Q1, 2023-03 or 2023 (also Quý I/2023, T3/2023)",
    ),
    "code.period-out-of-range": (
        "kỳ báo cáo nằm ngoài năm cơ sở và năm kế hoạch",
        "the period lies outside the baseline and plan years",
    ),
    "hint.period-out-of-range": ("kiểm tra năm của kỳ báo cáo", "check the period's year"),
    "code.bad-number": ("một số liệu không phải là số", "a figure is not a number"),
    "hint.bad-number": (
        "chỉ ghi chữ số, ví dụ 91,5 hoặc 91.5",
        "write digits only, e.g. 91,5 or 91.5",
    ),
    "code.ambiguous-number": (
        "'3.000' có thể là 3 hoặc 3000 và tệp không cho biết là số nào",
        "'3.000' could be 3 or 3000 and the file does not say",
    ),
    "hint.ambiguous-number": (
        "viết số không có dấu phân cách hàng nghìn",
        "write the number without a thousands separator",
    ),
    "code.mixed-number-style": (
        "một số được viết khác với cách viết số của phần lớn tệp",
        "a number is written in the file's minority style",
    ),
    "hint.mixed-number-style": (
        "viết mọi số trong tệp theo cùng một cách: 1.234,5 (kiểu Việt Nam) hoặc 1,234.5 (kiểu Anh)",
        "write every number of a file the same way: 1.234,5 (Vietnamese) or 1,234.5 (English)",
    ),
    "code.percent-as-fraction": (
        "tỷ lệ phần trăm được viết dưới dạng phân số thập phân (0,91 thay cho 91 %)",
        "a percentage written as a fraction (0,91 for 91 %)",
    ),
    "hint.percent-as-fraction": ("ghi số phần trăm, từ 0 đến 100", "write the percentage, 0–100"),
    "code.negative-number": ("một số liệu mang giá trị âm", "a figure is negative"),
    "hint.negative-number": (
        "số liệu không thể âm: kiểm tra lại dấu",
        "figures are never negative: check the sign",
    ),
    "code.not-whole-number": (
        "một số đếm (tử số, mẫu số, số lượng, thứ hạng) không phải số nguyên",
        "a count (numerator, denominator, count, rank) is not whole",
    ),
    "hint.not-whole-number": (
        "ghi số nguyên, không có dấu phân cách hàng nghìn",
        "write a whole number, without a thousands separator",
    ),
    "code.numerator-exceeds-denominator": (
        "tử số lớn hơn mẫu số",
        "numerator is larger than denominator",
    ),
    "hint.numerator-exceeds-denominator": (
        "tử số đếm một phần của mẫu số: kiểm tra cả hai",
        "the numerator counts a part of the denominator: check both",
    ),
    "code.zero-denominator": (
        "mẫu số bằng 0 trong khi tử số khác 0",
        "denominator is 0 while numerator is not",
    ),
    "hint.zero-denominator": ("kiểm tra mẫu số", "check the denominator"),
    "code.zero-over-zero": (
        "tử số và mẫu số đều bằng 0: không đóng góp vào kết quả",
        "numerator and denominator are both 0: contributes nothing",
    ),
    "hint.zero-over-zero": (
        "không cần sửa nếu thực sự không có gì để đếm",
        "nothing to do if there was nothing to count",
    ),
    "code.value-mismatch": (
        "giá trị không khớp với 100 × tử số / mẫu số",
        "value disagrees with 100 × numerator / denominator",
    ),
    "hint.value-mismatch": (
        "để trống giá trị, hoặc sửa cho khớp với tử số và mẫu số",
        "leave the value empty, or make it agree with the numerator and denominator",
    ),
    "code.missing-ratio-parts": (
        "chỉ tiêu tỷ lệ cần có tử số và mẫu số",
        "a ratio indicator needs numerator and denominator",
    ),
    "hint.missing-ratio-parts": ("điền tử số và mẫu số", "fill the numerator and the denominator"),
    "code.missing-value": (
        "chỉ tiêu giá trị hoặc mốc hoàn thành cần có giá trị",
        "a value or milestone indicator needs a value",
    ),
    "hint.missing-value": ("điền cột giá trị", "fill the value column"),
    "code.value-out-of-range": (
        "một giá trị nằm ngoài khoảng cho phép (phần trăm 0–100, thứ hạng từ 1 đến số đơn vị được "
        "xếp hạng của kế hoạch)",
        "a value lies outside its range (percent 0–100, rank 1 to the plan's rank universe)",
    ),
    "hint.value-out-of-range": ("kiểm tra lại số liệu", "check the figure"),
    "code.bad-milestone": (
        "giá trị mốc hoàn thành không phải done / not_done (hoặc từ đồng nghĩa)",
        "a milestone value is not done / not_done (or a synonym)",
    ),
    "hint.bad-milestone": (
        "ghi done hoặc not_done (hoặc đạt / chưa đạt)",
        "write done or not_done (also đạt / chưa đạt)",
    ),
    "code.unknown-task": (
        "task_id không phải mã nhiệm vụ của kế hoạch",
        "task_id is not a task id of the plan",
    ),
    "hint.unknown-task": (
        "xem các mã nhiệm vụ bằng lệnh qn-dx tasks",
        "see qn-dx tasks for the ids",
    ),
    "code.bad-status": (
        "trạng thái nhiệm vụ không thuộc các từ được phép",
        "a task status is not one of the allowed words",
    ),
    "hint.bad-status": (
        "ghi chưa triển khai, đang triển khai, hoàn thành hoặc chậm tiến độ (hoặc not_started, "
        "in_progress, done, delayed)",
        "write not_started, in_progress, done or delayed (or chưa triển khai, đang triển khai, "
        "hoàn thành, chậm tiến độ)",
    ),
    "code.task-not-led": (
        "báo cáo tiến độ nhiệm vụ đến từ một đơn vị không chủ trì nhiệm vụ đó",
        "a task report comes from a unit that does not lead the task",
    ),
    "hint.task-not-led": (
        "tiến độ nhiệm vụ do cơ quan chủ trì báo cáo",
        "task progress is reported by the task's lead agency",
    ),
    "code.status-progress-mismatch": (
        "trạng thái và tiến độ của nhiệm vụ mâu thuẫn nhau (hoàn thành mà dưới 100 %, chưa triển "
        "khai mà trên 0 %)",
        "a task's status and progress disagree (done below 100 %, not started above 0 %)",
    ),
    "hint.status-progress-mismatch": (
        "sửa trạng thái hoặc tiến độ",
        "correct the status or the progress",
    ),
    "code.bad-basis": (
        "cách tính (basis) không phải period (trong kỳ) hay cumulative (lũy kế)",
        "basis is not period (trong kỳ) or cumulative (lũy kế)",
    ),
    "hint.bad-basis": (
        "ghi trong kỳ hoặc lũy kế",
        "write trong kỳ (period) or lũy kế (cumulative)",
    ),
    "code.bad-date": (
        "ngày gửi không đọc được, hoặc không thể đúng",
        "a submission date cannot be read, or cannot be true",
    ),
    "hint.bad-date": (
        "ghi ngày gửi số liệu, dạng 05/04/2023 (ngày/tháng/năm) hoặc 2023-04-05",
        "write the day the figures were sent, as 05/04/2023 (day/month/year) or 2023-04-05",
    ),
    "code.guide-mismatch": (
        "tên đơn vị hoặc tên chỉ tiêu ghi trên biểu mẫu là của đơn vị hoặc chỉ tiêu khác",
        "a template's unit name or title names another unit/target",
    ),
    "hint.guide-mismatch": (
        "sửa cho mã và tên bên cạnh khớp nhau",
        "make the code and the name beside it agree",
    ),
    "code.conflicting-duplicate": (
        "cùng chỉ tiêu, đơn vị và kỳ báo cáo xuất hiện hai lần, số liệu khác nhau",
        "the same indicator, unit and period twice, figures differ",
    ),
    "hint.conflicting-duplicate": (
        "giữ một dòng, hoặc ghi ngày gửi cho cả hai dòng (ngày gửi sau được dùng)",
        "keep one row, or date both (the later submission date wins)",
    ),
    "code.duplicate-row": (
        "cùng chỉ tiêu, đơn vị và kỳ báo cáo xuất hiện hai lần, số liệu giống nhau",
        "the same indicator, unit and period twice, same figures",
    ),
    "hint.duplicate-row": ("xóa dòng lặp", "delete the repeated row"),
    "code.overlapping-periods": (
        "các kỳ báo cáo chồng lấn nhau cho cùng một chỉ tiêu và đơn vị",
        "overlapping periods for one indicator and unit",
    ),
    "hint.overlapping-periods": (
        "báo cáo theo tháng hoặc theo quý (hoặc theo năm) cho một chỉ tiêu, không dùng cả hai",
        "report either months or quarters (or the year) for one indicator, not both",
    ),
    "code.mixed-basis": (
        "một đơn vị dùng lẫn số liệu trong kỳ và lũy kế trong cùng một năm",
        "one unit mixes per-period and cumulative figures in a year",
    ),
    "hint.mixed-basis": (
        "báo cáo một chỉ tiêu theo cùng một cách trong cả năm",
        "report one indicator the same way all year",
    ),
    "code.cumulative-decreases": (
        "một tổng lũy kế từ đầu năm giảm so với kỳ trước",
        "a year-to-date (lũy kế) total falls from one period",
    ),
    "hint.cumulative-decreases": (
        "tổng lũy kế chỉ tăng: kiểm tra cả hai dòng, hoặc cột cách tính",
        "a lũy kế total only grows: check both rows, or the basis column",
    ),
    "code.superseded": (
        "một lần gửi sau (theo ngày gửi) thay thế dòng này",
        "a later submission (by its submitted date) replaces this row",
    ),
    "hint.superseded": (
        "không cần sửa nếu lần gửi sau là bản sửa",
        "nothing to do if the later submission is the correction",
    ),
    "code.sparse-latest-period": (
        "kỳ báo cáo mới nhất có rất ít dòng: có phải gõ nhầm?",
        "the latest period holds few rows: is it a typo?",
    ),
    "hint.sparse-latest-period": (
        "sửa các dòng nếu gõ nhầm, hoặc chỉ định kỳ bằng --as-of",
        "fix the rows if they are typos, or pass --as-of",
    ),
    "code.partial-baseline": (
        "số liệu năm cơ sở chưa đủ đến cuối năm: không được dùng làm số liệu cơ sở",
        "baseline-year figures stop short of the year's end: not used as the baseline",
    ),
    "hint.partial-baseline": (
        "gửi số liệu cho cả năm cơ sở (quý cuối, hoặc cả năm)",
        "send the figure for the whole baseline year (its last quarter, or the year)",
    ),
    "code.year-to-date-gaps": (
        "một tổng lũy kế từ đầu năm thiếu các kỳ trước đó của một số đơn vị",
        "a year-to-date sum misses earlier periods of the year for some units",
    ),
    "hint.year-to-date-gaps": (
        "gửi các kỳ còn thiếu, hoặc gửi tổng lũy kế",
        "send the missing periods, or send year-to-date totals (lũy kế)",
    ),
    "code.bad-successor": (
        "đơn vị kế thừa của một đơn vị đã sáp nhập/chia tách không có, khác cấp hoặc chưa tồn tại",
        "a merged or split unit's successor is unknown, of another level, or not yet there",
    ),
    "hint.bad-successor": (
        "sửa successors và valid_from/valid_to trong units.yaml",
        "correct successors and valid_from/valid_to in units.yaml",
    ),
    "code.unit-not-in-period": (
        "đơn vị chưa được thành lập hoặc đã giải thể/sáp nhập trong kỳ báo cáo này",
        "the unit did not exist in this period (made later, or merged or split away)",
    ),
    "hint.unit-not-in-period": (
        "báo cáo dưới mã của đơn vị tồn tại trong kỳ đó",
        "report under the code of the unit that existed in that period",
    ),
    "code.unit-ends-without-successor": (
        "một đơn vị kết thúc (valid_to) mà không có đơn vị kế thừa",
        "a unit ends (valid_to) with no successor",
    ),
    "hint.unit-ends-without-successor": (
        "ghi successors nếu đơn vị đã sáp nhập hoặc chia tách",
        "give its successors if it merged or split",
    ),
    "code.superseded-by-successor": (
        "một kỳ báo cáo vắt qua ngày sáp nhập/chia tách: số liệu cùng kỳ của đơn vị mới được "
        "dùng, số liệu của đơn vị cũ không cộng thêm",
        "a period straddles a merge or split: the new unit's own figure for it is used, the "
        "former unit's is not added",
    ),
    "hint.superseded-by-successor": (
        "gửi số liệu của cả kỳ dưới mã đơn vị mới",
        "send the whole period's figure under the new unit's code",
    ),
    "code.cumulative-across-change": (
        "đơn vị mới gửi số lũy kế, có thể đã gồm số liệu của đơn vị cũ: số liệu của đơn vị cũ "
        "được tính riêng",
        "a new unit sends year-to-date totals that may include the former unit's figures: the "
        "former unit's are kept apart",
    ),
    "hint.cumulative-across-change": (
        "gửi số liệu của đơn vị mới theo từng kỳ",
        "send the new unit's figures per period",
    ),
    "code.unit-not-placed": (
        "số liệu của một đơn vị hợp nhất không thể chia ngược về các đơn vị cũ",
        "a merged unit's figures cannot be split back onto the units before the merge",
    ),
    "hint.unit-not-placed": (
        "chọn ngày --on-units sau khi đơn vị mới được thành lập",
        "choose an --on-units day after the new unit was made",
    ),
}

FINDING_WORDS.update(CODE_WORDS)
