"""`validate --export FILE`: the valid observations of a run, for engines bigger than one machine.

One row per observation that validation kept (the rows `report` would use, before any choice of
period), with where it came from and every figure normalised: the period as its label and as
year + first and last month, figures as numbers (never as the sender spelled them), the basis
(`period` or `cumulative`). CSV is written with Python's csv module; Parquet by pyarrow reading
that same CSV with the column types below (one definition of the columns; and building arrays
from Python objects would make pyarrow import pandas).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from .model import Observation

# (column, Arrow type name) in file order: the contract of the export, documented in the README.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("file", "string"),
    ("line", "int64"),
    ("indicator_id", "string"),
    ("unit_code", "string"),
    ("period", "string"),
    ("year", "int32"),
    ("first_month", "int32"),
    ("last_month", "int32"),
    ("numerator", "float64"),
    ("denominator", "float64"),
    ("value", "float64"),
    ("done", "bool_"),
    ("basis", "string"),
    ("submitted", "date32"),
    ("note", "string"),
)
SUFFIXES = (".parquet", ".csv")


def _figure(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def _row(o: Observation) -> list[Any]:
    p = o.period
    return [
        o.file,
        o.line,
        o.indicator_id,
        o.unit_code,
        p.label,
        p.year,
        p.first_month,
        p.end_month,
        _figure(o.numerator),
        _figure(o.denominator),
        _figure(o.value),
        "" if o.done is None else ("true" if o.done else "false"),
        o.basis,
        o.submitted.isoformat() if o.submitted else "",
        o.note,
    ]


def to_csv(observations: Iterable[Observation]) -> bytes:
    """UTF-8, comma-separated, a header of the column names; empty cells are nulls. Cells are
    written as they are (no spreadsheet prefix): this file is for programs, not for Excel."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    # csv quotes a field holding the line terminator, not a lone carriage return (an Excel cell's
    # _x000D_): such a row is written with every field quoted, so it reads back as one record
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([name for name, _ in COLUMNS])
    for o in observations:
        row = _row(o)
        (quoted if "\r" in o.note or "\r" in o.file else writer).writerow(row)
    return buf.getvalue().encode("utf-8")


def to_parquet(observations: Iterable[Observation]) -> bytes:
    """The same table as ``to_csv``, typed, as Parquet (zstd)."""
    from .columns import _import_pyarrow

    pa, _, pcsv = _import_pyarrow()
    import pyarrow.parquet as pq

    text = to_csv(observations)
    types = {name: getattr(pa, kind)() for name, kind in COLUMNS}
    table = pcsv.read_csv(
        io.BytesIO(text),
        parse_options=pcsv.ParseOptions(newlines_in_values=True),
        convert_options=pcsv.ConvertOptions(
            column_types=types,
            strings_can_be_null=False,
            null_values=[""],
            true_values=["true"],
            false_values=["false"],
        ),
    )
    # A text cell that is empty is "" (not null) in the CSV reading above; figures and dates
    # that are empty are nulls.
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def export(observations: Iterable[Observation], suffix: str) -> bytes:
    return to_parquet(observations) if suffix == ".parquet" else to_csv(observations)
