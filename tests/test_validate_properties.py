"""Property tests: whatever a file holds, validate never raises, its counts add up, and every
observation it accepts is a valid row of the published contract (ActualRow / TaskProgressRow)."""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HEADER, HEADER_VI, TASK_HEADER
from qn_dx.findings import CATALOGUE
from qn_dx.plan import Plan
from qn_dx.plan.registry import in_scope
from qn_dx.validate import Observation, TaskReport, Validation, validate_paths
from qn_dx.validate.contract import ActualRow, TaskProgressRow

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _validate(plan: Plan, raw: bytes, suffix: str = ".csv") -> Validation:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"submission{suffix}"
        path.write_bytes(raw)
        return validate_paths(plan, [path])


def _invariants(plan: Plan, v: Validation) -> None:
    assert v.rows == v.rows_valid + v.rows_invalid + v.rows_skipped, v.to_dict()
    assert min(v.rows, v.rows_valid, v.rows_invalid, v.rows_skipped) >= 0
    assert len(v.observations) + len(v.task_reports) == v.rows_valid
    ignored = any(f.code == "ignored-file" for f in v.findings)
    assert v.files == (0 if ignored else 1)
    for f in v.findings:
        assert f.code in CATALOGUE
        assert f.file is not None
        assert f.line is None or f.line >= 1
    assert v.ok == (not v.errors)
    error_lines = {(f.file, f.line) for f in v.errors}
    for kept in [*v.observations, *v.task_reports]:
        assert kept.line >= 2
        assert (kept.file, kept.line) not in error_lines  # a row with an error is never used


# --- random bytes -------------------------------------------------------------------------------

HEADERS = [HEADER.encode(), HEADER_VI.encode(), TASK_HEADER.encode()]
RANDOM_FILES = st.one_of(
    st.binary(max_size=2000),
    st.tuples(st.sampled_from(HEADERS), st.binary(max_size=2000)).map(
        lambda t: t[0] + b"\n" + t[1]
    ),
    st.binary(max_size=2000).map(lambda b: codecs.BOM_UTF8 + b),
    st.binary(max_size=2000).map(lambda b: codecs.BOM_UTF16_LE + b),
    st.binary(max_size=2000).map(lambda b: codecs.BOM_UTF16_BE + b),
    st.binary(max_size=2000).map(lambda b: b"PK\x03\x04" + b),
    st.text(max_size=500).map(lambda t: (HEADER + "\n" + t).encode("utf-8")),
    st.text(max_size=500).map(lambda t: (HEADER_VI + "\n" + t).encode("utf-16")),
)


@SETTINGS
@given(raw=RANDOM_FILES, suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_random_bytes_never_raise(plan: Plan, raw: bytes, suffix: str) -> None:
    v = _validate(plan, raw, suffix)
    _invariants(plan, v)


# --- random rows --------------------------------------------------------------------------------

IDS = ["EG-16", "EG-04", "EG-05", "EG-15", "EG-09", "DG-02", "DG-13", "EG-07", "eg-16"]
IDS += ["EG-99", "", "XX-01", "EG16", "NV-1.1"]
UNITS = ["51", "522", "21010", "21034", "21040", "STTTT", "stttt", "sttt", "99999", ""]
UNITS += ["Thành phố Quảng Ngãi", " 21010 ", "051"]
PERIODS = ["2023-Q1", "2023-Q2", "Quý II/2023", "Quý IV/2023", "T3/2023", "03/2023", "2023-03"]
PERIODS += ["2023", "2022", "2022-Q4", "2024", "2021-Q1", "Q5/2023", "", "abc", "2023Q1", "Q1-2023"]
NUMBERS = st.one_of(
    st.sampled_from(["", "", "", "0", "1", "5", "10", "100", "1,5", "1,234", "1.234.567", "-3"]),
    st.sampled_from(["abc", "50%", "1e3", "NaN", "inf", "101", "0,0", "63", "64", "%", " 7 "]),
    st.sampled_from(["1e999", "1e308", "-0", "+2", ".5", "5.", "1 000"]),
    st.integers(-10, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.floats(0, 200).map(lambda x: f"{x:.3f}".replace(".", ",")),
)
VALUES = st.one_of(
    NUMBERS,
    st.sampled_from(["done", "not_done", "đạt", "chưa đạt", "x", "hoàn thành", "maybe", "yes"]),
)
NOTES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=12,
)
ROW = st.tuples(
    st.sampled_from(IDS),
    st.sampled_from(PERIODS),
    st.sampled_from(UNITS),
    NUMBERS,
    NUMBERS,
    VALUES,
    NOTES,
)
SHAPES = st.sampled_from([(",", "utf-8", HEADER), (";", "utf-8-sig", HEADER_VI)])
SHAPES |= st.sampled_from([("\t", "utf-16", HEADER), (",", "utf-8-sig", HEADER_VI)])


def _encode(rows: list[Any], shape: tuple[str, str, str]) -> bytes:
    delimiter, encoding, header = shape
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header.replace(",", ";").split(";"))
    for row in rows:
        writer.writerow(row if row is not None else [])
    return buf.getvalue().encode(encoding)


def _as_contract_row(o: Observation) -> dict[str, Any]:
    def whole(x: float | None) -> int | None:
        if x is None:
            return None
        assert float(x).is_integer(), x
        return int(x)

    value: float | str | None
    if o.done is not None:
        assert o.value is None
        value = "done" if o.done else "not_done"
    else:
        value = None if o.value is None else float(o.value)
    return {
        "indicator_id": o.indicator_id,
        "period": o.period.label,
        "unit_code": o.unit_code,
        "numerator": whole(o.numerator),
        "denominator": whole(o.denominator),
        "value": value,
        "note": o.note,
    }


@SETTINGS
@given(rows=st.lists(st.one_of(ROW, st.none()), max_size=25), shape=SHAPES)
def test_random_rows_never_raise_and_accepted_rows_fit_the_contract(
    plan: Plan, rows: list[Any], shape: tuple[str, str, str]
) -> None:
    v = _validate(plan, _encode(rows, shape))
    _invariants(plan, v)
    # a note holding a line break makes a record of several physical lines, each reported
    if not any(r is not None and ("\n" in r[-1] or "\r" in r[-1]) for r in rows):
        assert v.rows == len(rows)
    else:
        assert v.rows >= len(rows)
    assert not any(f.code in ("missing-column", "bad-csv", "file-empty") for f in v.findings)
    for o in v.observations:
        row = ActualRow.model_validate(_as_contract_row(o))
        assert row.period == o.period.label
        assert o.period.year in (plan.baseline_year, plan.plan_year)
        target = plan.target_by_id[o.indicator_id]
        assert in_scope(plan.reporting_units[o.unit_code], target.scope)
        if target.measure == "ratio":
            assert o.numerator is not None and o.denominator is not None
            assert 0 <= o.numerator <= o.denominator
        elif target.measure == "milestone":
            assert o.done is not None
        else:
            assert o.value is not None and o.value >= 0
            if target.unit == "percent":
                assert o.value <= 100
            if target.unit == "rank":
                assert 1 <= o.value <= 63
    keys = [(o.indicator_id, o.unit_code, o.period.label) for o in v.observations]
    assert len(keys) == len(set(keys))
    for i, a in enumerate(v.observations):
        for b in v.observations[i + 1 :]:
            if (a.indicator_id, a.unit_code) == (b.indicator_id, b.unit_code):
                assert not a.period.overlaps(b.period)


# --- random task rows ---------------------------------------------------------------------------

TASK_IDS = ["NV-1.1", "NV-1.2", "nv-1.3", "1.1", "6.1", "NV-6.1b", "NV-99.9", "", "EG-16"]
STATUSES = ["done", "in_progress", "not_started", "delayed", "hoàn thành", "chậm tiến độ"]
STATUSES += ["đang triển khai", "chưa triển khai", "", "finished", "DONE"]
TASK_ROW = st.tuples(
    st.sampled_from(TASK_IDS),
    st.sampled_from(PERIODS),
    st.sampled_from(STATUSES),
    NUMBERS,
    NOTES,
)


def _as_task_row(r: TaskReport) -> dict[str, Any]:
    return {
        "task_id": r.task_id,
        "period": r.period.label,
        "status": r.status,
        "progress": r.progress,
        "note": r.note,
    }


@SETTINGS
@given(rows=st.lists(st.one_of(TASK_ROW, st.none()), max_size=20))
def test_random_task_rows_fit_the_contract(plan: Plan, rows: list[Any]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # quotes a note holding \r or \n
    writer.writerow(TASK_HEADER.split(","))
    for row in rows:
        writer.writerow(row if row is not None else [])
    v = _validate(plan, buf.getvalue().encode("utf-8"))
    _invariants(plan, v)
    if not any(r is not None and ("\n" in r[-1] or "\r" in r[-1]) for r in rows):
        assert v.rows == len(rows)
    for r in v.task_reports:
        TaskProgressRow.model_validate(_as_task_row(r))
        assert r.task_id in plan.task_by_id
