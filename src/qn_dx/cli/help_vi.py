"""The commands' help in Vietnamese, shown by `qn-dx --help` and `qn-dx COMMAND --help` when the
language is Vietnamese (QN_DX_LANG, else the locale: see ``shell.default_lang``).

English help is each command's own docstring, so it cannot drift from the code it describes;
these are its Vietnamese counterparts, one per command (``tests/test_docs.py`` fails when a
command has none). Options keep their English help: their names are English too.
"""

from __future__ import annotations

from typing import Any

HELP_VI: dict[str, str] = {
    "qn-dx": (
        "Công cụ tính các chỉ tiêu của kế hoạch chuyển đổi số hằng năm của tỉnh Quảng Ngãi: "
        "mục tiêu và nhiệm vụ của kế hoạch là dữ liệu (mỗi kế hoạch một thư mục), số liệu các "
        "đơn vị gửi được kiểm tra và báo cáo."
    ),
    "targets": (
        "Liệt kê các chỉ tiêu của kế hoạch: mã, khóa chỉ số, lĩnh vực, cách đo, mục tiêu, phạm "
        "vi, cơ quan chủ trì.\n\nVí dụ: qn-dx targets --area digital-economy --format json"
    ),
    "tasks": (
        "Liệt kê các nhiệm vụ của kế hoạch (Phụ lục 2) với cơ quan chủ trì và phối hợp; với "
        "--agency, các nhiệm vụ của một cơ quan; với --as-of, tiến độ đã báo cáo.\n\n"
        'Ví dụ: qn-dx tasks --agency "Sở Y tế" --as-of 2023-Q3'
    ),
    "check": (
        "Kiểm tra thư mục kế hoạch: mã trùng, cơ quan hoặc đơn vị không có trong danh mục, "
        "phạm vi rỗng, nhiệm vụ mâu thuẫn với chỉ tiêu. Mã thoát 0: không có lỗi; 1: có lỗi."
    ),
    "codes": (
        "Liệt kê mọi mã phát hiện qn-dx có thể báo, với mức độ (lỗi, cảnh báo), ý nghĩa và "
        "cách xử lý."
    ),
    "validate": (
        "Kiểm tra các tệp số liệu thực hiện và tiến độ nhiệm vụ (CSV, Excel, ODS…) theo biểu "
        "mẫu và kế hoạch; mỗi lỗi nêu tệp, dòng, cột và cách sửa.\n\n"
        "Mã thoát 0: không có lỗi (có thể có cảnh báo); 1: có lỗi (hoặc cảnh báo, với "
        "--strict); 2: sai cách dùng, ví dụ đường dẫn không tồn tại.\n\n"
        "Ví dụ: qn-dx validate so-lieu/ --lang vi | qn-dx validate so-lieu/ --export "
        "so-lieu.parquet"
    ),
    "template": (
        "Tạo biểu mẫu trống hướng dẫn người điền: mỗi chỉ tiêu đơn vị phải báo cáo một dòng "
        "(hoặc mỗi nhiệm vụ cơ quan chủ trì), kèm nội dung tử số, mẫu số, mục tiêu và cách "
        "tính yêu cầu. Tệp .xlsx có trang Hướng dẫn và danh sách chọn.\n\n"
        "Ví dụ: qn-dx template --unit 21010 --period 2023-Q2 --output phuong-le-hong-phong.xlsx"
    ),
    "schema": (
        "In cấu trúc dòng số liệu (phiên bản 1) dưới dạng JSON Schema hoặc Table Schema, cho "
        "các hệ thống khác kiểm tra trước khi gửi."
    ),
    "report": (
        "Mỗi chỉ tiêu đang ở đâu: thực hiện, so với mục tiêu và trạng thái, theo từng lĩnh "
        "vực; tính đến kỳ mới nhất có số liệu, hoặc --as-of. Xuất ra màn hình, json, csv, "
        "md, html hoặc xlsx.\n\n"
        'Ví dụ: qn-dx report --lang vi | qn-dx report --area "Kinh tế số" --output '
        "bao-cao.xlsx | qn-dx report --trend --compare 2023-Q2"
    ),
    "missing": (
        "Ai còn chưa gửi số liệu: các đơn vị chưa có số liệu tính đến kỳ báo cáo, theo từng "
        "chỉ tiêu và theo từng cơ quan chịu trách nhiệm."
    ),
    "summary": (
        "Báo cáo quý gửi UBND tỉnh: trạng thái các chỉ tiêu, chỉ tiêu còn xa mục tiêu nhất, "
        "thay đổi so với quý trước, nhiệm vụ, số liệu còn thiếu. Xuất Markdown, HTML, JSON "
        "hoặc Word (--format docx, theo thể thức văn bản hành chính).\n\n"
        "Ví dụ: qn-dx summary --format docx --output bao-cao-quy.docx --lang vi"
    ),
    "explain": (
        "Số liệu của một chỉ tiêu đến từ đâu: quy tắc tính, từng số liệu được dùng hay không "
        "(kèm lý do), tệp và dòng của nó.\n\nVí dụ: qn-dx explain EG-16 --lang vi"
    ),
    "compare": (
        "Hai kế hoạch đặt cạnh nhau (ví dụ năm 2023 và 2024): mục tiêu, thực hiện và trạng "
        "thái của từng chỉ số ở mỗi năm, ghép theo khóa chỉ số.\n\n"
        "Ví dụ: qn-dx compare --with ke-hoach-2024/"
    ),
}


def localise(app: Any) -> None:
    """Put the Vietnamese help on ``app`` and its commands (before Typer builds them)."""
    app.info.help = HELP_VI["qn-dx"]
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        if name in HELP_VI:
            info.help = HELP_VI[name]
