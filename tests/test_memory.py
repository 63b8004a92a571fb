"""Resource promise: `qn-dx validate` on 1 M rows stays under 600 MiB (a national-size synthetic
plan of 60,601 units, written by the benchmark script). Memory, not time: timing belongs in
benchmarks/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIMIT_MIB = 600


def test_validate_one_million_rows_under_600_mib(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "bench_validate.py"),
            "--sizes",
            "1m",
            "--write-only",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    data = tmp_path / "synth-1m-bad.csv"
    plan = tmp_path / "plan-synthetic"
    # A wrapper process runs qn-dx and reports the peak of its own child only, so the generator
    # above (or pytest itself) cannot be mistaken for qn-dx.
    wrapper = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[1:]).returncode\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    qn_dx = str(Path(sys.executable).parent / "qn-dx")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            wrapper,
            qn_dx,
            "--data-dir",
            str(plan),
            "validate",
            str(data),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    peak_mib = int(result.stderr.strip().splitlines()[-1]) / 1024  # ru_maxrss is KiB on Linux
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["rows"] == 1_000_000
    assert report["rows_invalid"] == 1_000  # every bad row reported
    assert peak_mib < LIMIT_MIB, f"validate peaked at {peak_mib:.0f} MiB"
