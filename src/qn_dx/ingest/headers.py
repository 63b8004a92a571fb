"""Column headers: English names of the contract or their Vietnamese equivalents, matched
ignoring case, surrounding spaces and diacritics ("Mã chỉ tiêu" = "ma chi tieu" = indicator_id)."""

from __future__ import annotations

import re

from ..text import fold

ACTUALS_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator_id": ("indicator_id", "chỉ tiêu", "mã chỉ tiêu"),
    "period": ("period", "kỳ", "kỳ báo cáo"),
    "unit_code": ("unit_code", "đơn vị", "mã đơn vị"),
    "numerator": ("numerator", "tử số"),
    "denominator": ("denominator", "mẫu số"),
    "value": ("value", "giá trị"),
    "basis": ("basis", "cách tính", "lũy kế"),
    "submitted": ("submitted", "ngày gửi"),
    "note": ("note", "ghi chú"),
}
ACTUALS_REQUIRED = ("indicator_id", "period", "unit_code")
ACTUALS_FIGURES = ("numerator", "denominator", "value")

TASK_COLUMNS: dict[str, tuple[str, ...]] = {
    "task_id": ("task_id", "mã nhiệm vụ", "nhiệm vụ"),
    "unit_code": ("unit_code", "đơn vị", "mã đơn vị"),  # optional: who reports (a shared task)
    "period": ("period", "kỳ", "kỳ báo cáo"),
    "status": ("status", "trạng thái", "tình trạng"),
    "progress": ("progress", "tiến độ", "tiến độ (%)"),
    "submitted": ("submitted", "ngày gửi"),
    "note": ("note", "ghi chú"),
}
TASK_REQUIRED = ("task_id", "period", "status")
TASK_FIGURES = ("progress",)

# Columns that `qn-dx template` writes to guide the person filling it in. They are read back
# without a warning and without effect: the plan, not the file, defines what they say.
GUIDE_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "tên chỉ tiêu"),
    "unit_name": ("unit_name", "tên đơn vị"),
    "numerator_means": ("numerator_means", "tử số là"),
    "denominator_means": ("denominator_means", "mẫu số là"),
    "value_means": ("value_means", "giá trị là"),
    "goal": ("goal", "mục tiêu"),
    "expected_basis": ("expected_basis", "cách tính yêu cầu"),
    "task_name": ("task_name", "tên nhiệm vụ"),
    "role": ("role", "vai trò"),
}
GUIDE = "-guide"  # the canonical name of a guide column: ``title-guide``, never a contract name
# Bounds on the work a header search does on hostile rows: a cell longer than an Excel cell can
# be names no column (folding a 100 MB cell costs gigabytes), and only a row's first cells are
# looked at (a header wider than a thousand columns is refused as too-many-columns anyway).
MAX_HEADER_CELL = 32_767
SCORED_CELLS = 1_001


def _index(columns: dict[str, tuple[str, ...]], suffix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, names in columns.items():
        for name in names:
            out[fold(name)] = canonical + suffix
            out[fold(name).replace("_", " ")] = canonical + suffix
    return out


_GUIDES = _index(GUIDE_COLUMNS, GUIDE)
_ACTUALS = {**_GUIDES, **_index(ACTUALS_COLUMNS)}
_TASKS = {**_GUIDES, **_index(TASK_COLUMNS)}


def canonical(header: str, kind: str) -> str | None:
    """The contract name of a header cell. A cell with a unit or a line break after the name
    ("Tử số (văn bản)", "Mẫu số\n(tổng văn bản)") is matched by its name."""
    if len(header) > MAX_HEADER_CELL:
        return None
    table = _TASKS if kind == "tasks" else _ACTUALS
    key = fold(header)
    found = table.get(key) or table.get(key.replace("_", " "))
    if found is None:
        head, rest = _head(header)
        if head and head != key and not _QUALIFIER.search(fold(rest)):
            found = table.get(head) or table.get(head.replace("_", " "))
    return found


# Words after a column's name that make it another figure than the one the contract names:
# "Giá trị (kế hoạch)" is the planned value, "Tử số (kỳ trước)" last period's, "Mã đơn vị (cũ)"
# an old code. Such a column is not read as the contract's (its figures are refused where they
# would be the only ones); a unit ("(%)", "(văn bản)") or a description is fine.
_QUALIFIER = re.compile(
    r"\b(ke hoach|muc tieu|chi tieu|ky truoc|nam truoc|thang truoc|quy truoc|cung ky|cu|"
    r"du kien|du bao|uoc|uoc tinh|uoc thuc hien|so sanh|chenh lech|tang giam|luy ke|"
    r"target|targets|plan|planned|previous|prior|last|old|estimate|estimated|forecast|goal|"
    r"baseline|co so|cumulative|ytd|difference|change)\b|\b(19|20)\d\d\b"
)


def _head(header: str) -> tuple[str, str]:
    """A header cell's name (folded) and what follows it: "Tử số (văn bản)" → "tu so",
    "(văn bản)"."""
    parts = re.split(r"([(\n\r\[:])", header, maxsplit=1)
    return fold(parts[0]), "".join(parts[1:])


def qualified(header: str, kind: str) -> str | None:
    """The contract column a header would name but for a qualifier ("Giá trị (kế hoạch)" →
    value): to say why it is not read."""
    if len(header) > MAX_HEADER_CELL:
        return None
    table = _TASKS if kind == "tasks" else _ACTUALS
    head, rest = _head(header)
    if not rest or not _QUALIFIER.search(fold(rest)):
        return None
    return table.get(head) or table.get(head.replace("_", " "))


def is_guide(name: str | None) -> bool:
    return name is not None and name.endswith(GUIDE)


def file_kind(headers: list[str]) -> str:
    """``tasks`` when a header names the task id column, else ``actuals``."""
    return (
        "tasks"
        if any(canonical(h, "tasks") == "task_id" for h in headers[:SCORED_CELLS])
        else "actuals"
    )


def merge_subheader(header: list[str], below: list[str]) -> list[str] | None:
    """A two-level header: "Số liệu" over "Tử số | Mẫu số". Where the row under the header
    names a contract column and the header cell there is empty or unknown, that name is the
    column's. None when the row below names none (it is data, or a title)."""
    kind = file_kind(header)
    merged = list(header) + [""] * max(0, len(below) - len(header))
    changed = False
    for i, cell in enumerate(below[:SCORED_CELLS]):
        name = canonical(cell, kind) if cell and cell.strip() else None
        if name is None or is_guide(name):
            continue
        if not merged[i].strip() or canonical(merged[i], kind) is None:
            merged[i] = cell
            changed = True
    return merged if changed else None


def header_score(cells: list[str]) -> tuple[bool, int]:
    """Does this row hold the contract's required columns, and how many contract columns does
    it name? Used to find the header below title rows."""
    kind = file_kind(cells)
    names = {canonical(c, kind) for c in cells[:SCORED_CELLS] if c and c.strip()}
    names = {n for n in names if n and not is_guide(n)}
    required = TASK_REQUIRED if kind == "tasks" else ACTUALS_REQUIRED
    return all(r in names for r in required), len(names)
