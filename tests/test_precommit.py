"""The pre-commit hook: its definition, and a real run through pre-commit on a temporary repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
HOOKS = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

GOOD = (
    "indicator_id,period,unit_code,numerator,denominator,value,note\nEG-16,2023-Q1,21010,7,10,,\n"
)
BAD = (
    "indicator_id,period,unit_code,numerator,denominator,value,note\nEG-16,2023-Q1,21010,17,10,,\n"
)


def test_hook_definition() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["qn-dx-validate"]
    hook = hooks[0]
    assert hook["entry"] == "qn-dx validate"
    assert hook["language"] == "python"
    import re

    assert re.search(hook["files"], "so-y-te/2023-Q1.csv")
    assert re.search(hook["files"], "huyen.xlsx")
    assert not re.search(hook["files"], "README.md")


def test_readme_shows_the_config() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "id: qn-dx-validate" in readme and ".pre-commit-config.yaml" in readme
    block = readme.split("```yaml\nrepos:", 1)[1].split("```", 1)[0]
    assert len([ln for ln in block.splitlines() if ln.strip()]) == 3


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of this checkout as a git repository pre-commit can install the hook from."""
    if not PRE_COMMIT.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit or git not installed")
    src = tmp_path_factory.mktemp("hookrepo")
    for item in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "data"):
        path = REPO / item
        if path.is_dir():
            shutil.copytree(path, src / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(path, src / item)
    _git(src, "init", "-q")
    _git(src, "add", "-A")
    _git(src, "commit", "-q", "-m", "snapshot")
    return src


def _git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env)


def test_hook_runs_through_pre_commit(hook_repo: Path, tmp_path: Path) -> None:
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    data = tmp_path / "agency"
    data.mkdir()
    _git(data, "init", "-q")
    (data / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {sha}\n    hooks:\n      - id: qn-dx-validate\n",
        encoding="utf-8",
    )
    (data / "good.csv").write_text(GOOD, encoding="utf-8")
    (data / "bad.csv").write_text(BAD, encoding="utf-8")
    _git(data, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    env.pop("QN_DX_DATA", None)

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PRE_COMMIT), "run", "--files", *files],
            cwd=data,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    good = run("good.csv")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = run("bad.csv")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "numerator-exceeds-denominator" in bad.stdout
    assert "bad.csv:2" in bad.stdout
