"""Write the small hostile spreadsheets of the ingest cases (files/ of each case folder).

They are committed; this script is how they were made, and re-makes them byte for byte:
    python tests/hostile/make_ingest_files.py
Each is a few hundred bytes to a few KB: the damage is in what they declare, not their size.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLS = ["indicator_id", "period", "unit_code", "numerator", "denominator", "value", "note"]
HEAD = "".join(
    f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(COLS)
)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(
    sheet_data: str,
    prolog: str = "",
    dimension: str = "A1:G2",
    pad: int = 0,
    strings: list[str] | None = None,
    after: str = "",
) -> bytes:
    """A minimal workbook around one sheet's <sheetData>; ``pad`` spaces inflate the sheet;
    ``strings``: a shared-string part; ``after``: XML after <sheetData> (<mergeCells>)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        fixed = (1980, 1, 1, 0, 0, 0)

        def put(name: str, text: str) -> None:
            info = zipfile.ZipInfo(name, date_time=fixed)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)

        put(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"/>',
        )
        put(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        put(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        put(
            "xl/worksheets/sheet1.xml",
            f'{prolog}<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>'
            f"{sheet_data}</sheetData>{after}{' ' * pad}</worksheet>",
        )
        if strings is not None:
            items = "".join(f"<si><t>{t}</t></si>" for t in strings)
            put("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{items}</sst>')
    return buf.getvalue()


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def data_row(n: int, extra: str = "", figures: str = '<c r="D{n}"><v>5</v></c>') -> str:
    return (
        f'<row r="{n}">{text_cell(f"A{n}", "EG-16")}{text_cell(f"B{n}", "2023-Q1")}'
        f'<c r="C{n}"><v>21010</v></c>{figures.format(n=n)}<c r="E{n}"><v>10</v></c>'
        f"{extra}</row>"
    )


def write(case: str, name: str, data: bytes) -> None:
    folder = HERE / case / "files"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def main() -> None:
    head = f'<row r="1">{HEAD}</row>'
    # A far reference made calamine allocate the dense range and abort (549 GB).
    write(
        "xlsx-far-references",
        "far-xfd.xlsx",
        xlsx(
            head + data_row(2) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
            dimension="A1:XFD1048576",
        ),
    )
    write(
        "xlsx-far-references",
        "far-zzzzzz.xlsx",
        xlsx(head + data_row(2, extra='<c r="ZZZZZZ2"><v>1</v></c>')),
    )
    write(
        "xlsx-far-references",
        "far-row.xlsx",
        xlsx(head + '<row r="2"><c r="C9999999999"><v>1</v></c></row>'),
    )
    # Wide and long: every row declares a cell in the last column (5.5 GB and a minute before).
    rows = "".join(
        f'<row r="{n}">{text_cell(f"A{n}", "EG-16")}<c r="XFD{n}"><v>1</v></c></row>'
        for n in range(2, 400)
    )
    write("xlsx-far-references", "wide-long.xlsx", xlsx(head + rows, dimension="A1:XFD1048576"))
    # Unpacks to 2 MB from a few KB: refused by --max-bytes before it is read.
    write("xlsx-bombs", "inflated.xlsx", xlsx(head + data_row(2), pad=2_000_000))
    laughs = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    write("xlsx-bombs", "laughs.xlsx", xlsx(head + data_row(2), prolog=laughs))
    external = '<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
    write(
        "xlsx-bombs",
        "external-entity.xlsx",
        xlsx(
            head + data_row(2, extra='<c r="G2" t="inlineStr"><is><t>&ext;</t></is></c>'),
            prolog=external,
        ),
    )
    # Cells no Excel writes.
    write(
        "xlsx-crafted-cells",
        "same-cell-twice.xlsx",
        xlsx(head + data_row(2, extra='<c r="D2"><v>9</v></c>')),
    )
    write(
        "xlsx-crafted-cells",
        "nan.xlsx",
        xlsx(head + data_row(2, figures='<c r="D{n}"><v>NaN</v></c>')),
    )
    write(
        "xlsx-crafted-cells",
        "underscore.xlsx",
        xlsx(head + data_row(2, figures='<c r="D{n}"><v>1_000</v></c>')),
    )
    write(
        "xlsx-crafted-cells",
        "shared-string-missing.xlsx",
        xlsx(head + data_row(2, figures='<c r="D{n}" t="s"><v>99</v></c>')),
    )
    write("xlsx-crafted-cells", "row-twice.xlsx", xlsx(head + data_row(2) + data_row(2)))
    write(
        "xlsx-crafted-cells",
        "huge-number.xlsx",
        xlsx(head + data_row(2, figures='<c r="D{n}"><v>1e308</v></c>')),
    )
    write("xlsx-crafted-cells", "not-a-zip.xlsx", b"PK\x03\x04 this is no zip container")
    write("xlsx-crafted-cells", "xlsb-junk.xlsb", xlsb_junk())
    write(
        "xlsx-crafted-cells",
        "good.csv",
        (",".join(COLS) + "\nEG-16,2023-Q2,21010,5,10,,\n").encode(),
    )
    readers_cells()


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods(rows: list[str]) -> bytes:
    """A minimal .ods of one sheet; each of ``rows`` is the XML inside one table:table-row."""
    body = "".join(f"<table:table-row>{r}</table:table-row>" for r in rows)
    content = (
        f'<?xml version="1.0"?><office:document-content {ODS_NS}><office:body>'
        f'<office:spreadsheet><table:table table:name="S">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content),
        ):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return buf.getvalue()


def ods_text(inside: str, attrs: str = "") -> str:
    """A string cell whose paragraph holds ``inside`` (text and text:s, text:line-break …)."""
    return (
        f'<table:table-cell office:value-type="string"{attrs}><text:p>{inside}</text:p>'
        "</table:table-cell>"
    )


def ods_number(value: int) -> str:
    return (
        f'<table:table-cell office:value-type="float" office:value="{value}">'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def readers_cells() -> None:
    """Cells the readers misread (issue: readers): ODS text elements dropped ("30⏎00" read as
    3000, "5 22" as 522), an ODS number cell without its number failing the whole file, a
    negative shared-string index reading the list from its end, merged cells read as empty."""
    case = "readers-cells-and-merges"
    head = "".join(ods_text(h) for h in COLS)
    ids = ods_text("EG-16") + ods_text("2023-Q1")
    write(
        case,
        "ods-text-elements.ods",
        ods(
            [
                head,
                ids + ods_text("21010") + ods_text("30<text:line-break/>00") + ods_number(4000),
                ids + ods_text("5<text:s/>22") + ods_number(3) + ods_number(4),
                ods_text("EG-18")
                + ods_text("2023-Q1")
                + ods_text("<text:span>21010</text:span>")
                + ods_number(3)
                + ods_number(4),
            ]
        ),
    )
    write(
        case,
        "ods-number-without-value.ods",
        ods(
            [
                head,
                ids
                + ods_text("21013")
                + '<table:table-cell office:value-type="float"/>'
                + ods_number(10),
                ods_text("EG-18")
                + ods_text("2023-Q1")
                + ods_text("21013")
                + '<table:table-cell office:value-type="float"><text:p>7</text:p>'
                "</table:table-cell>" + ods_number(10),
            ]
        ),
    )
    write(
        case,
        "ods-covered-unit.ods",
        ods(
            [
                head,
                ids
                + ods_text("21016", ' table:number-rows-spanned="2"')
                + ods_number(5)
                + ods_number(10),
                ods_text("EG-18")
                + ods_text("2023-Q1")
                + "<table:covered-table-cell/>"
                + ods_number(6)
                + ods_number(10),
            ]
        ),
    )
    head_x = f'<row r="1">{HEAD}</row>'
    write(
        case,
        "xlsx-negative-shared-string.xlsx",
        xlsx(head_x + data_row(2, figures='<c r="D{n}" t="s"><v>-1</v></c>'), strings=["7"]),
    )
    merged = (
        head_x + data_row(2) + f'<row r="3">{text_cell("A3", "EG-18")}{text_cell("B3", "2023-Q1")}'
        '<c r="D3"><v>6</v></c><c r="E3"><v>10</v></c></row>'
    )
    write(
        case,
        "xlsx-merged-unit.xlsx",
        xlsx(
            merged,
            dimension="A1:G3",
            after='<mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells>',
        ),
    )


def xlsb_junk() -> bytes:
    """A zip that says it is .xlsb (xl/workbook.bin) and holds garbage: calamine reads it in a
    child process, and any failure there is a finding."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("xl/workbook.bin", date_time=(1980, 1, 1, 0, 0, 0))
        z.writestr(info, b"\xff" * 64)
        info = zipfile.ZipInfo("[Content_Types].xml", date_time=(1980, 1, 1, 0, 0, 0))
        z.writestr(info, b"<Types/>")
    return buf.getvalue()


if __name__ == "__main__":
    main()
