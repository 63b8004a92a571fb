"""text.py: NFC, diacritic folding and "did you mean" suggestions for Vietnamese input."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from qn_dx.text import closest, fold, nfc


def test_fold_strips_diacritics_and_case() -> None:
    assert fold("Sở Y tế") == "so y te"


def test_fold_maps_d_stroke_to_d() -> None:
    assert fold("Đắk") == "dak"
    assert fold("đường") == "duong"


def test_fold_collapses_and_trims_whitespace() -> None:
    assert fold("  Sở \t Y\u00a0tế \n") == "so y te"


def test_fold_of_nfd_input_equals_fold_of_nfc_input() -> None:
    name = "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi"
    decomposed = unicodedata.normalize("NFD", name)
    assert decomposed != name
    assert fold(decomposed) == fold(name) == "so giao duc va dao tao tinh quang ngai"


def test_nfc_recomposes_decomposed_text() -> None:
    assert nfc(unicodedata.normalize("NFD", "Quảng Ngãi")) == "Quảng Ngãi"


def test_closest_ignores_diacritics() -> None:
    assert closest("so y tee", ["Sở Y tế", "Sở Tư pháp", "Sở Xây dựng"]) == ["Sở Y tế"]


def test_closest_returns_original_spelling_best_first() -> None:
    hits = closest("STTTX", ["SYT", "STTTT", "STNMT"], n=2)
    assert hits[0] == "STTTT"
    assert len(hits) <= 2


def test_closest_returns_nothing_below_cutoff() -> None:
    assert closest("xyzzy", ["Sở Y tế", "Sở Tư pháp"]) == []


@given(st.text())
def test_fold_is_idempotent_and_total(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_fold_output_has_no_combining_marks_or_edge_spaces(text: str) -> None:
    out = fold(text)
    assert not any(unicodedata.combining(ch) for ch in out)
    assert out == out.strip()
    assert "  " not in out
