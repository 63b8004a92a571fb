"""Issue 11, unit by unit: escaping for each place qn-dx writes, and the checks at its edges
(--encoding, plan YAML, the stdout encoding). The whole CLI is exercised by test_hostile.py."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qn_dx.findings import Finding, FindingsError
from qn_dx.ingest.decode import decode, encoding_problem
from qn_dx.plan.yamlsafe import load_yaml
from qn_dx.render.listing import neutralise, print_table, sheet_titles, xlsx_append, xlsx_text
from qn_dx.render.safe import json_text, markup, md
from qn_dx.text import clean, visible


def test_visible_shows_controls_and_bad_bytes_as_escapes() -> None:
    assert visible("a\nb\r\tc") == "a\\nb\\r\\tc"
    assert visible("\x1b[2J\x07\x7f\x85") == "\\x1b[2J\\x07\\x7f\\x85"
    assert visible("\u202eabc\u2028") == "\\u202eabc\\u2028"  # bidi override, line separator
    assert visible("non-\udcff-utf8") == "non-\\xff-utf8"  # surrogateescape: the byte itself
    assert visible("Quảng Ngãi — ≥ 100 %") == "Quảng Ngãi — ≥ 100 %"  # text is text
    assert visible("a\nb\tc\x1b", keep="\t") == "a\\nb\tc\\x1b"
    assert clean("x\udcffy\n") == "x\\xffy\n"  # only what is not valid Unicode


def test_a_finding_is_one_line_whatever_it_quotes() -> None:
    f = Finding("bad-csv", "cell 'a\n::error::x'", file="a\x1b.csv", line=2, hint="h\r")
    assert f.to_text() == "a\\x1b.csv:2: bad-csv: cell 'a\\n::error::x' (h\\r)"


def test_strict_json_has_no_nan_and_valid_utf8() -> None:
    text = json_text({"a": float("nan"), "b": [float("inf"), -float("inf"), 1.5], "f": "x\udcff"})
    assert json.loads(text, parse_constant=lambda c: pytest.fail(c)) == {
        "a": None,
        "b": [None, None, 1.5],
        "f": "x\\xff",
    }
    text.encode("utf-8")  # no lone surrogate left


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("![i](javascript:x)", "!\\[i\\](javascript:x)"),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"),
        ("<script>a&b</script>", "&lt;script&gt;a&amp;b&lt;/script&gt;"),
        ("a | b\nc", "a \\| b c"),
        ("*b* `c` ~~d~~ \\", "\\*b\\* \\`c\\` \\~\\~d\\~\\~ \\\\"),
        ("_e_ DON_VI __x", "\\_e\\_ DON_VI \\_\\_x"),  # intraword _ stays: DON_VI_DUOC_GIAO
        ("esc \x1b[2J", "esc \\\\x1b\\[2J"),
        ("(DTI) 5% #1", "(DTI) 5% #1"),  # readable where nothing can form
    ],
)
def test_markdown_from_data_is_inert(text: str, shown: str) -> None:
    assert md(text) == shown


def test_rich_markup_in_data_is_shown_literally() -> None:
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=200, no_color=True)
    evil = "[/] [red]x[/red] [link=javascript:alert(1)]y[/link] \x1b[2J"
    print_table(console, evil, [{"a": evil}], [("a", evil)], caption=evil)  # [/] crashed before
    console.print(f"[bold]{markup(evil)}[/bold]")
    out = buf.getvalue()
    assert out.count("[/] [red]x[/red] [link=javascript:alert(1)]y[/link] \\x1b[2J") == 5
    assert "\x1b" not in out


def test_cells_for_spreadsheets() -> None:
    assert neutralise("\n=1") == "'\n=1"
    assert xlsx_text("=1+1") == "'=1+1"
    assert xlsx_text("a\x00b\x1bc") == "a\\x00b\\x1bc"  # XML cannot hold them
    assert xlsx_text("f\udcff.csv") == "f\\xff.csv"
    from openpyxl import Workbook

    sheet = Workbook().active
    xlsx_append(sheet, ["=SUM(A1)", "#N/A", "@x", -5, 1.5, None, "ok"])
    cells = list(sheet[1])
    assert [c.value for c in cells] == ["'=SUM(A1)", "#N/A", "'@x", -5, 1.5, None, "ok"]
    assert [c.data_type for c in cells] == ["s", "s", "s", "n", "n", "n", "s"]  # no "f", no "e"


def test_sheet_titles_are_valid_and_distinct() -> None:
    long = "Chính quyền điện tử và chuyển đổi số toàn diện"
    titles = sheet_titles(
        ["Summary", long, long + " (bis)", "SUMMARY", "a/b:c*d?e[f]g\\h", "", "'q'", "History"]
    )
    assert titles == [
        "Summary",
        "Chính quyền điện tử và chuyển đ",
        "Chính quyền điện tử và chuy (2)",
        "SUMMARY (2)",
        "a b c d e f g h",
        "Sheet",
        "q",
        "History (2)",
    ]
    assert all(len(t) <= 31 for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    assert sheet_titles(["😀" * 20]) == ["😀" * 15]  # Excel counts UTF-16 units


@pytest.mark.parametrize(
    "name", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "idna", "x"]
)
def test_only_text_encodings_read_files(name: str) -> None:
    problem = encoding_problem(name)
    assert problem and "utf-8, utf-8-sig, utf-16, cp1258" in problem
    decoded = decode(b"indicator_id\n", name)  # the library refuses them too, no traceback
    assert decoded.text is None and decoded.error == "file-undecodable"


@pytest.mark.parametrize("name", ["utf-8", "UTF8", "utf_8_sig", "utf-16", "cp1258", "latin-1"])
def test_text_encodings_are_accepted(name: str) -> None:
    assert encoding_problem(name) is None


def _findings(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FindingsError) as caught:
        load_yaml(path, "p.yaml")
    return [f.to_text() for f in caught.value.findings]


def test_yaml_duplicate_keys_are_found_at_every_depth(tmp_path: Path) -> None:
    text = "a: 1\nb:\n  c: 1\n  c: 2\n  d: [{e: 1, e: 2}]\na: 3\n"
    assert _findings(tmp_path, text) == [
        "p.yaml:4: yaml-duplicate-key: key 'c' is given twice in one mapping: lines 3 and 4 "
        "(keep one; YAML would silently use the last)",
        "p.yaml:5: yaml-duplicate-key: key 'e' is given twice in one mapping: lines 5 and 5 "
        "(keep one; YAML would silently use the last)",
        "p.yaml:6: yaml-duplicate-key: key 'a' is given twice in one mapping: lines 1 and 6 "
        "(keep one; YAML would silently use the last)",
    ]


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("x: 2022-02-30\n", "p.yaml:1: plan-schema: '2022-02-30' is not a valid date"),
        ("x:\n  - " + "7" * 5000 + "\n", "p.yaml:2: plan-schema: an integer of 5,000 digits"),
        ("x: 0x" + "f" * 80 + "\n", "p.yaml:1: plan-schema: an integer of 82 digits"),
        ("x: " + "[" * 2000 + "]" * 2000 + "\n", "p.yaml:1: yaml-syntax: "),
    ],
)
def test_yaml_values_that_cannot_be_built_are_located(
    tmp_path: Path, text: str, finding: str
) -> None:
    (found,) = _findings(tmp_path, text)
    assert found.startswith(finding), found


def test_a_plan_file_is_not_read_past_its_limit(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("qn_dx.plan.yamlsafe.MAX_YAML_BYTES", 10)
    assert _findings(tmp_path, "a: 12345678901\n") == [
        "p.yaml: plan-file-too-large: p.yaml is 15 bytes; the limit is 10"
    ]


def test_cp1258_stdout_writes_vietnamese_as_excel_does() -> None:
    from qn_dx.cli.shell import _replace_decomposed

    def write(text: str, encoding: str) -> str:
        exc = None
        try:
            text.encode(encoding)
        except UnicodeEncodeError as e:
            exc = e
        assert exc is not None
        replaced, _end = _replace_decomposed(encoding, exc)
        return replaced

    assert write("ệ", "cp1258") == "ê\u0323"  # ê + dot below: no letter lost
    assert write("ả", "cp1258") == "a\u0309"
    assert write("≥", "cp1258") == "?"  # no way to write it: visibly replaced
    assert write("ả", "ascii") == "?"


# --- a plan whose words carry control characters and forged CI annotations ---------------------

FORGED = "x\\u001b[31m\\n::error::FORGED\\u202e"  # YAML escapes: ESC, newline, bidi override


def _forge_title(plan_copy: Path, target_id: str) -> None:
    """Give a target an English title with ESC, a newline, ``::error::`` and a bidi override."""
    path = plan_copy / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {target_id}\n")
    line_start = text.index("    title_en: ", start)
    line_end = text.index("\n", line_start)
    path.write_text(
        text[:line_start] + f'    title_en: "{FORGED}"' + text[line_end:], encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("command", "fmt"),
    [
        ("summary", "html"),
        ("summary", "markdown"),
        ("report", "html"),
        ("report", "markdown"),
    ],
)
def test_plan_text_cannot_forge_lines_or_drive_a_terminal(
    plan_copy: Path, command: str, fmt: str
) -> None:
    from typer.testing import CliRunner

    from qn_dx.cli import app

    _forge_title(plan_copy, "DE-03")
    result = CliRunner().invoke(
        app,
        ["--data-dir", str(plan_copy), command, "--lang", "en", "--format", fmt,
         "--actuals", str(Path("data/actuals").resolve())],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "FORGED" in out  # shown …
    assert "\x1b" not in out and "\u202e" not in out  # … but never raw
    assert not any(line.startswith("::") for line in out.splitlines())


def test_docx_summary_with_control_characters(plan_copy: Path, tmp_path: Path) -> None:
    from docx import Document
    from typer.testing import CliRunner

    from qn_dx.cli import app

    _forge_title(plan_copy, "DE-03")
    out = tmp_path / "s.docx"
    result = CliRunner().invoke(
        app,
        ["--data-dir", str(plan_copy), "summary", "--lang", "en", "--output", str(out),
         "--actuals", str(Path("data/actuals").resolve())],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    word = Document(str(out))
    words = "\n".join(p.text for p in word.paragraphs)
    words += "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert "FORGED" in words and "\x1b" not in words


_leaf = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_json_like = st.recursive(
    _leaf,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text() | st.integers() | st.booleans() | st.none(), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(_json_like)
def test_json_text_writes_what_json_dumps_writes(doc: object) -> None:
    """The fast indented writer (json_text) and the standard library agree byte for byte."""
    from qn_dx.render.safe import jsonable

    expected = json.dumps(jsonable(doc), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    assert json_text(doc) == expected
