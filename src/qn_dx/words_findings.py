"""The findings' words, in Vietnamese and English: part of the one catalogue (``words.W`` takes
them in), kept in their own module because they are many.

For every finding code: ``code.<code>`` says what the code means (``qn-dx codes``, the README)
and ``hint.<code>`` what to do about it in general. The messages a finding carries, with the
specifics of one row, are ``finding.<code>[.<variant>]``; call sites write
``msg("finding.task-not-led", unit=…, task=…, leads=…)`` (``findings.msg``).

Each entry is ``(vi, en)``.
"""

from __future__ import annotations

FINDING_WORDS: dict[str, tuple[str, str]] = {
    # --- task progress ------------------------------------------------------------------------
    "finding.task-not-led": (
        "{unit} không chủ trì nhiệm vụ {task} (chủ trì: {leads})",
        "{unit} does not lead {task} (lead: {leads})",
    ),
    "finding.task-not-led.hint": (
        "tiến độ nhiệm vụ do cơ quan chủ trì báo cáo, hoặc từng thành viên của nhóm chủ trì; "
        "cơ quan phối hợp báo cáo qua cơ quan chủ trì",
        "task progress is reported by the lead agency, or by each member of a lead group; a "
        "coordinating agency reports through the lead",
    ),
    "finding.status-progress-mismatch": (
        "trạng thái {status} nhưng tiến độ {progress} %",
        "status {status} but progress {progress} %",
    ),
    "finding.status-progress-mismatch.hint": (
        "nhiệm vụ hoàn thành thì tiến độ là 100 %, chưa triển khai thì 0 %: sửa trạng thái "
        "hoặc tiến độ",
        "a done task is at 100 % and a task not started at 0 %: correct the status or the progress",
    ),
}
