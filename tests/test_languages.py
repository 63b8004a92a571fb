"""Vietnamese first: with --lang vi no command's human output carries an English status or
milestone word, and every format of one table has the same columns."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import invoke

ENGLISH = re.compile(
    r"\b(met|not met|on track|off track|pending|no data|done|not done|in progress|delayed|"
    r"not started|overdue|not reported|provisional|baseline|units?)\b",
    re.IGNORECASE,
)
COMMANDS = [
    ["report"],
    ["report", "--by-unit", "--area", "e-government"],
    ["report", "--as-of", "2023-Q3", "--compare", "2023-Q2", "--trend"],
    ["report", "--format", "markdown"],
    ["report", "--format", "html"],
    ["report", "--format", "csv"],
    ["summary"],
    ["summary", "--format", "html"],
    ["missing", "--as-of", "2023-Q2"],
    ["explain", "EG-16"],
    ["explain", "DE-06"],
    ["tasks", "--as-of", "2023-Q2"],
    ["targets"],
    ["validate"],
    ["check"],
]


def _visible_text(out: str) -> str:
    """What a person reads: HTML tags, CSS and attribute values (class="…") left out."""
    out = re.sub(r"<style>.*?</style>", " ", out, flags=re.S)
    out = re.sub(r"<[^>]+>", " ", out)
    return html.unescape(out)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_english_status_words_in_vietnamese(runner: CliRunner, command: list[str]) -> None:
    result = invoke(runner, *command, "--lang", "vi")
    assert result.exit_code in (0, 1), result.output
    text = _visible_text(result.stdout + result.stderr)
    # finding codes are English on purpose (they are API): leave them out, and the plan's own
    # abbreviations in parentheses
    text = re.sub(r"\b[a-z]+(?:-[a-z]+)+\b", " ", text)
    found = sorted({m.group(0).lower() for m in ENGLISH.finditer(text)})
    assert found == [], f"{found} in: {text[:400]}"


def test_codes_speak_vietnamese(runner: CliRunner) -> None:
    import json

    rows = json.loads(invoke(runner, "codes", "--lang", "vi", "-f", "json").stdout)
    assert all(re.search(r"[ạ-ỹđăâêôơư]", r["meaning"] + r["hint"]) for r in rows)
    # English words appear only as accepted input words, file names or option names
    assert "met" not in {w.lower() for r in rows for w in re.findall(r"[A-Za-z]+", r["meaning"])}


def _md_headers(md: str) -> list[list[str]]:
    lines = md.splitlines()
    return [
        [c.strip() for c in line.strip("|").split(" | ")]
        for line, below in itertools.pairwise(lines)
        if line.startswith("| ") and below.startswith("|---")
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_format_of_the_report_has_the_same_columns(
    runner: CliRunner, tmp_path: Path, lang: str
) -> None:
    args = ["report", "--lang", lang, "--as-of", "2023-Q3", "--compare", "2023-Q2", "--trend"]
    md = _md_headers(invoke(runner, *args, "-f", "markdown").stdout)
    page = invoke(runner, *args, "-f", "html").stdout
    html_heads = [
        [html.unescape(h) for h in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", table)]
        for table in re.findall(r"<table>.*?</table>", page, flags=re.S)
    ]
    out = tmp_path / "r.xlsx"
    assert invoke(runner, *args, "--output", str(out)).exit_code == 0
    book = load_workbook(out)
    xlsx = [[c.value for c in book[name][1]] for name in book.sheetnames[1:-1]]
    terminal = invoke(runner, *args, "--area", "e-government").stdout
    assert len(md) == len(html_heads) == len(xlsx) == 5
    assert md == html_heads == xlsx
    for heading in md[0][:6]:  # the terminal, at 140 columns, shows the first columns too
        assert heading.split()[0] in terminal


def test_every_format_of_the_summary_has_the_same_tables(tmp_path: Path) -> None:
    from docx import Document

    from qn_dx import api
    from qn_dx.render import summary as out

    s = api.summary(api.load_plan(), as_of="2023-Q2").summary
    md = _md_headers(out.to_markdown(s, "vi"))
    page = out.to_html(s, "vi")
    html_heads = [
        [html.unescape(h) for h in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", table)]
        for table in re.findall(r"<table>.*?</table>", page, flags=re.S)
    ]
    path = tmp_path / "s.docx"
    path.write_bytes(out.to_docx_bytes(s, "vi"))
    # the tables between the header and the foot (Nơi nhận, signature)
    word = [[c.text for c in t.rows[0].cells] for t in Document(str(path)).tables[1:-1]]
    assert md == html_heads == word
    assert len(md) >= 4
