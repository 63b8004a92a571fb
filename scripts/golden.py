"""The golden files: what qn-dx prints and writes for the shipped sample, in Vietnamese and
English, kept under tests/golden/ so that a change to any output shows in review.

    python scripts/golden.py          # rewrite tests/golden/ from the current code
    python scripts/golden.py --check  # exit 1 and name the files that differ (what the test does)

Workbooks and Word files are compared as text dumps (every cell; every paragraph and table
cell), which is what a person sees and what review can read.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from qn_dx.cli import app

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
WIDTHS = (80, 100, 120)
LANGS = ("vi", "en")


def _run(*args: str, columns: int = 140) -> bytes:
    result = CliRunner().invoke(
        app, list(args), env={"QN_DX_DATA": None, "COLUMNS": str(columns), "NO_COLOR": "1"}
    )
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"qn-dx {' '.join(args)}: exit {result.exit_code}\n{result.output}")
    return result.stdout_bytes


def _file(*args: str, suffix: str) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"out{suffix}"
        _run(*args, "--output", str(out))
        return out.read_bytes()


def xlsx_dump(data: bytes) -> bytes:
    """Every sheet, every row of a workbook, as JSON lines."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        lines.append(f"# {sheet.title} ({sheet.sheet_state})")
        for row in sheet.iter_rows(values_only=True):
            lines.append(json.dumps(list(row), ensure_ascii=False, default=str))
    return ("\n".join(lines) + "\n").encode("utf-8")


def docx_dump(data: bytes) -> bytes:
    """A Word file's paragraphs and tables, in document order, as text."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    lines = []
    body = doc.element.body
    tables = iter(doc.tables)
    paragraphs = iter(doc.paragraphs)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = next(paragraphs)
            lines.append(f"{p.style.name}: {p.text}" if p.text else "")
        elif tag == "tbl":
            for row in next(tables).rows:
                lines.append(" | ".join(c.text.replace("\n", " / ") for c in row.cells))
    assert zipfile.is_zipfile(io.BytesIO(data))
    return ("\n".join(lines) + "\n").encode("utf-8")


def outputs() -> dict[str, Callable[[], bytes]]:
    """File name → how to make it."""
    made: dict[str, Callable[[], bytes]] = {}
    for lang in LANGS:
        for width in WIDTHS:
            made[f"report-{lang}-{width}.txt"] = lambda lang=lang, w=width: _run(
                "report", "--lang", lang, columns=w
            )
        made[f"report-{lang}.json"] = lambda lang=lang: _run("report", "--lang", lang, "-f", "json")
        made[f"report-{lang}.csv"] = lambda lang=lang: _run("report", "--lang", lang, "-f", "csv")
        made[f"report-{lang}.md"] = lambda lang=lang: _run(
            "report", "--lang", lang, "-f", "markdown"
        )
        made[f"report-{lang}.html"] = lambda lang=lang: _run("report", "--lang", lang, "-f", "html")
        made[f"report-{lang}.xlsx.txt"] = lambda lang=lang: xlsx_dump(
            _file("report", "--lang", lang, suffix=".xlsx")
        )
        made[f"summary-{lang}.md"] = lambda lang=lang: _run("summary", "--lang", lang)
        made[f"summary-{lang}.html"] = lambda lang=lang: _run(
            "summary", "--lang", lang, "-f", "html"
        )
        made[f"summary-{lang}.json"] = lambda lang=lang: _run(
            "summary", "--lang", lang, "-f", "json"
        )
        made[f"summary-{lang}.docx.txt"] = lambda lang=lang: docx_dump(
            _file("summary", "--lang", lang, suffix=".docx")
        )
        made[f"missing-{lang}.txt"] = lambda lang=lang: _run("missing", "--lang", lang)
        made[f"explain-EG-16-{lang}.txt"] = lambda lang=lang: _run(
            "explain", "EG-16", "--lang", lang
        )
    made["missing.json"] = lambda: _run("missing", "-f", "json")
    made["explain-EG-16.json"] = lambda: _run("explain", "EG-16", "-f", "json")
    return made


def main() -> int:
    check = "--check" in sys.argv[1:]
    GOLDEN.mkdir(parents=True, exist_ok=True)
    differ = []
    for name, make in sorted(outputs().items()):
        data = make()
        path = GOLDEN / name
        if check:
            if not path.exists() or path.read_bytes() != data:
                differ.append(name)
        else:
            path.write_bytes(data)
    if check:
        for name in differ:
            print(f"differs: tests/golden/{name}")
        return 1 if differ else 0
    print(f"wrote {len(outputs())} golden files to {GOLDEN}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
