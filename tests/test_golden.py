"""The golden files (tests/golden/): every output of the shipped sample, byte for byte, in
Vietnamese and English. A change to any output shows here and in review; regenerate with
`python scripts/golden.py` after checking the difference is meant."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "golden.py"
_spec = importlib.util.spec_from_file_location("golden", SCRIPT)
assert _spec is not None and _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

OUTPUTS = golden.outputs()


def test_every_golden_file_is_made_by_the_script() -> None:
    on_disk = {p.name for p in golden.GOLDEN.iterdir()}
    assert on_disk == set(OUTPUTS)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_is_golden(name: str) -> None:
    expected = (golden.GOLDEN / name).read_bytes()
    got = OUTPUTS[name]()
    if got != expected:
        lines = zip(expected.decode("utf-8").splitlines(), got.decode("utf-8").splitlines())
        first = next(((i, a, b) for i, (a, b) in enumerate(lines, 1) if a != b), None)
        pytest.fail(
            f"tests/golden/{name} differs (run scripts/golden.py if the change is meant); "
            f"first difference at line {first[0]}:\n- {first[1]}\n+ {first[2]}"
            if first
            else f"tests/golden/{name} differs in length"
        )
