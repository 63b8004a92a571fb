"""Column headers: English names of the contract or their Vietnamese equivalents, matched
ignoring case, surrounding spaces and diacritics ("Mã chỉ tiêu" = "ma chi tieu" = indicator_id)."""

from __future__ import annotations

from ..text import fold

ACTUALS_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator_id": ("indicator_id", "chỉ tiêu", "mã chỉ tiêu"),
    "period": ("period", "kỳ", "kỳ báo cáo"),
    "unit_code": ("unit_code", "đơn vị", "mã đơn vị"),
    "numerator": ("numerator", "tử số"),
    "denominator": ("denominator", "mẫu số"),
    "value": ("value", "giá trị"),
    "note": ("note", "ghi chú"),
}
ACTUALS_REQUIRED = ("indicator_id", "period", "unit_code")
ACTUALS_FIGURES = ("numerator", "denominator", "value")

TASK_COLUMNS: dict[str, tuple[str, ...]] = {
    "task_id": ("task_id", "mã nhiệm vụ", "nhiệm vụ"),
    "period": ("period", "kỳ", "kỳ báo cáo"),
    "status": ("status", "trạng thái", "tình trạng"),
    "progress": ("progress", "tiến độ", "tiến độ (%)"),
    "note": ("note", "ghi chú"),
}
TASK_REQUIRED = ("task_id", "period", "status")


def _index(columns: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, names in columns.items():
        for name in names:
            out[fold(name)] = canonical
            out[fold(name).replace("_", " ")] = canonical
    return out


_ACTUALS = _index(ACTUALS_COLUMNS)
_TASKS = _index(TASK_COLUMNS)


def canonical(header: str, kind: str) -> str | None:
    key = fold(header)
    table = _TASKS if kind == "tasks" else _ACTUALS
    return table.get(key) or table.get(key.replace("_", " "))


def file_kind(headers: list[str]) -> str:
    """``tasks`` when a header names the task id column, else ``actuals``."""
    return "tasks" if any(canonical(h, "tasks") == "task_id" for h in headers) else "actuals"
