"""A small document model (headings, paragraphs, tables, lists) and its three renderings:
Markdown, HTML and Word. The quarterly summary is built once as a ``Document``; each format only
walks it, so the three cannot say different things."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..text import visible
from .templating import Raw, render


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Cell:
    text: str
    status: str | None = None  # a status cell: coloured in HTML and Word
    bold: bool = False


@dataclass(frozen=True)
class Table:
    headings: list[str]
    aligns: list[str]  # "left" | "right", one per column
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Items:
    items: list[str]


Block = Heading | Paragraph | Table | Items


@dataclass
class Document:
    title: str
    lang: str
    blocks: list[Block] = field(default_factory=list)
    # The administrative header of a Word report (Nghị định 30/2020/NĐ-CP): issuing body,
    # national motto, number and date lines, and the document's own title.
    issuer: str = ""
    motto: str = ""
    number_line: str = ""
    date_line: str = ""
    doc_title: str = ""
    # and its foot: who receives it (Nơi nhận) and who signs it (TM. … / KT. … / name)
    recipients: str = ""
    signature: str = ""

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def _md_blocks(doc: Document) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for b in doc.blocks:
        if isinstance(b, Table):
            out.append(
                {
                    "kind": "table",
                    "headings": b.headings,
                    "aligns": [Raw("---:" if a == "right" else "---") for a in b.aligns],
                    "rows": [
                        [Raw(f"**{_md_text(c.text)}**") if c.bold else c.text for c in row]
                        for row in b.rows
                    ],
                }
            )
        elif isinstance(b, Heading):
            out.append({"kind": "heading", "marks": Raw("#" * b.level), "text": b.text})
        elif isinstance(b, Paragraph):
            text = Raw(f"**{_md_text(b.text)}**") if b.bold else b.text
            out.append({"kind": "paragraph", "text": text})
        else:
            out.append({"kind": "items", "items": b.items})
    return out


def _md_text(text: str) -> str:
    from .safe import md

    return md(text)


def to_markdown(doc: Document) -> str:
    return render("document.md.j2", title=doc.title, blocks=_md_blocks(doc))


def to_html(doc: Document, fills: dict[str, str]) -> str:
    return render(
        "document.html.j2", lang=doc.lang, title=doc.title, blocks=doc.blocks, fills=fills
    )


# --- Word -----------------------------------------------------------------------------------------


def to_docx_bytes(doc: Document, fills: dict[str, str], stamp: str | None = None) -> bytes:
    """A Vietnamese administrative report (Nghị định 30/2020/NĐ-CP conventions): A4 with 20–30 mm
    margins, Times New Roman 13 pt, the issuing body and the national motto side by side, the
    number and date line, the title in bold capitals, tables with bold headings. Deterministic:
    the package's timestamps are pinned unless ``stamp``."""
    import io

    from docx import Document as Word
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    word = Word()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = word.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        style = word.styles[name]
        style.font.name = "Times New Roman"
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.size = Pt({"Title": 14, "Heading 1": 14, "Heading 2": 13, "Heading 3": 13}[name])
        style.font.bold = True
    props = word.core_properties
    props.title = _one_line(doc.title)[:255]  # Word's limit for a document property
    props.author = "qn-dx"

    def centred(cell: Any, text: str, bold: bool, underline_last: bool = False) -> None:
        lines = _lines(text)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold = bold or i > 0
            run.font.size = Pt(13)
            if underline_last and i == len(lines) - 1:
                run.underline = True
            if i < len(lines) - 1:
                run.add_break()

    header = word.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    centred(header.cell(0, 0), doc.issuer, bold=True, underline_last=True)
    centred(header.cell(0, 1), doc.motto, bold=True, underline_last=True)
    centred(header.cell(1, 0), doc.number_line, bold=False)
    date = header.cell(1, 1).paragraphs[0]
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date.add_run(_one_line(doc.date_line)).italic = True
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_lines = _lines(doc.doc_title)
    for i, line in enumerate(title_lines):
        run = title.add_run(line.upper() if i == 0 else line)
        run.bold = True
        run.font.size = Pt(14)
        if i < len(title_lines) - 1:
            run.add_break()
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                continue  # the document title above stands for it
            word.add_heading(_one_line(block.text), level=min(block.level - 1, 3))
        elif isinstance(block, Paragraph):
            p = word.add_paragraph()
            p.add_run(_one_line(block.text)).bold = block.bold
        elif isinstance(block, Items):
            for item in block.items:
                word.add_paragraph(_one_line(item), style="List Bullet")
        else:
            table = word.add_table(rows=1, cols=len(block.headings))
            table.style = "Table Grid"
            for i, text in enumerate(block.headings):
                cell = table.rows[0].cells[i]
                run = cell.paragraphs[0].add_run(_one_line(text))
                run.bold = True
                run.font.size = Pt(11)
            for row in block.rows:
                cells = table.add_row().cells
                for i, c in enumerate(row):
                    paragraph = cells[i].paragraphs[0]
                    run = paragraph.add_run(_one_line(c.text))
                    run.bold = c.bold
                    run.font.size = Pt(11)
                    if block.aligns[i] == "right":
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    if c.status:
                        _shade(cells[i], fills[c.status])
    if doc.recipients or doc.signature:
        word.add_paragraph()
        foot = word.add_table(rows=1, cols=2)
        lines = _lines(doc.recipients)
        paragraph = foot.cell(0, 0).paragraphs[0]
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold, run.italic = i == 0, i == 0
            run.font.size = Pt(12 if i == 0 else 11)
            if i < len(lines) - 1:
                run.add_break()
        centred(foot.cell(0, 1), doc.signature, bold=True)
    if stamp:
        word.add_paragraph(_one_line(stamp)).runs[0].italic = True
    buf = io.BytesIO()
    word.save(buf)
    return _pin_docx(buf.getvalue(), pinned=stamp is None)


def _one_line(text: str) -> str:
    """Text for a Word run: control characters (which XML cannot hold) and bidi overrides shown
    as escapes, line breaks as spaces."""
    return visible(" ".join(str(text).splitlines()))


def _lines(text: str) -> list[str]:
    """The lines of a header block (the issuer, the motto, the title), each made safe."""
    return [_one_line(line) for line in str(text).split("\n")]


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _pin_docx(data: bytes, pinned: bool) -> bytes:
    """python-docx stamps the creation time into docProps/core.xml and the zip entries: pinned,
    the same summary gives the same bytes."""
    if not pinned:
        return data
    from .listing import pin_zip_times

    return pin_zip_times(data)
