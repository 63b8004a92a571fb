"""The quarterly summary as one document model (qn_dx.render.document): Markdown, HTML and Word
say the same thing; the Word file is an administrative report (Nghị định 30/2020/NĐ-CP layout)
with deterministic bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document as Word
from docx.shared import Pt

from qn_dx import api
from qn_dx.render import summary as out


@pytest.fixture(scope="module")
def summary() -> api.SummaryResult:
    return api.summary(api.load_plan(), as_of="2023-Q2")


def _docx(summary: api.SummaryResult, tmp_path: Path, lang: str) -> Word:
    path = tmp_path / f"s-{lang}.docx"
    path.write_bytes(out.to_docx_bytes(summary.summary, lang))
    return Word(str(path))


def test_same_summary_same_bytes(summary: api.SummaryResult) -> None:
    assert out.to_docx_bytes(summary.summary, "vi") == out.to_docx_bytes(summary.summary, "vi")
    stamped = out.to_docx_bytes(summary.summary, "vi", "2023-07-05T06:00:00Z")
    assert stamped != out.to_docx_bytes(summary.summary, "vi")


def test_administrative_layout(summary: api.SummaryResult, tmp_path: Path) -> None:
    word = _docx(summary, tmp_path, "vi")
    section = word.sections[0]
    mm = [round(x.mm) for x in (section.page_width, section.page_height)]
    assert mm == [210, 297]  # A4
    assert (round(section.left_margin.mm), round(section.top_margin.mm)) == (30, 20)
    normal = word.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(13)
    header = word.tables[0]
    issuer, motto = header.cell(0, 0).text, header.cell(0, 1).text
    assert "ỦY BAN NHÂN DÂN" in issuer.upper() or "UBND" in issuer.upper()
    assert motto.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "Độc lập - Tự do - Hạnh phúc" in motto
    assert re.search(r"Số:", header.cell(1, 0).text)
    assert "ngày" in header.cell(1, 1).text and "năm" in header.cell(1, 1).text
    title = word.paragraphs[0].text
    assert title.isupper() or title.split("\n")[0].isupper()


def _table_cells_md(md: str) -> list[list[str]]:
    rows = []
    for line in md.splitlines():
        if line.startswith("|") and not set(line) <= set("|-: "):
            rows.append(
                [c.strip().strip("*").replace("\\|", "|") for c in line.strip("|").split(" | ")]
            )
    return rows


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_word_and_markdown_carry_the_same_tables(
    summary: api.SummaryResult, tmp_path: Path, lang: str
) -> None:
    word = _docx(summary, tmp_path, lang)
    md_rows = _table_cells_md(out.to_markdown(summary.summary, lang))
    # the tables between the header and the foot (Nơi nhận, signature)
    body = word.tables[1:-1]
    word_rows = [[c.text for c in row.cells] for table in body for row in table.rows]
    assert len(word_rows) == len(md_rows)
    for w, m in zip(word_rows, md_rows):
        assert [c.replace("&amp;", "&") for c in m] == w


def test_the_word_report_ends_with_recipients_and_signature(tmp_path: Path) -> None:
    """Nơi nhận on the left, the signing block on the right; a Q4 report is dated the next
    year (it is issued after the quarter)."""
    plan = api.load_plan()
    for as_of, year in (("2023-Q4", "2024"), ("2023-Q3", "2023")):
        s = api.summary(plan, as_of=as_of, skip_invalid=True).summary
        path = tmp_path / f"{as_of}.docx"
        path.write_bytes(out.to_docx_bytes(s, "vi"))
        word = Word(str(path))
        assert word.tables[0].cell(1, 1).text.endswith(f"năm {year}")
        foot = word.tables[-1]
        assert foot.cell(0, 0).text.startswith("Nơi nhận:\n- Như trên;")
        assert foot.cell(0, 0).text.endswith("- Lưu: VT, KTTH.")
        assert foot.cell(0, 1).text.startswith("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")
