"""The plan loader on arbitrary input: data or located findings, never another exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qn_dx.findings import FindingsError
from qn_dx.plan import load_plan, yamlsafe
from qn_dx.plan.yamlsafe import load_yaml

YAMLISH = st.text(
    alphabet=st.sampled_from(list("abc:- \n\t'\"&*!|>[]{},#%@`?0123.ĐđệẾ\x00\ufeff")), max_size=300
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.one_of(st.binary(max_size=400), YAMLISH.map(lambda t: t.encode("utf-8", "replace"))))
def test_load_yaml_never_raises_anything_else(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    try:
        load_yaml(path, "x.yaml")
    except FindingsError as exc:
        assert exc.findings and all(f.file == "x.yaml" for f in exc.findings)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=YAMLISH)
def test_a_broken_targets_file_is_a_finding(plan_copy: Path, raw: str) -> None:
    (plan_copy / "targets.yaml").write_text(raw, encoding="utf-8")
    with pytest.raises(FindingsError) as exc:
        load_plan(plan_copy)
    assert all(f.severity == "error" for f in exc.value.findings)


def test_an_oversized_plan_file_is_refused(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_YAML_BYTES", 1000)
    with pytest.raises(FindingsError) as exc:
        load_plan(plan_copy)
    codes = {f.code for f in exc.value.findings}
    assert codes == {"plan-file-too-large"}
