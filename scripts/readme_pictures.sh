#!/usr/bin/env bash
# Refresh the pictures the README shows: the terminal report (rich → SVG) and the HTML report
# in headless Chromium at desktop and phone widths (via the browser test).
set -euo pipefail
cd "$(dirname "$0")/.."
python - <<'PY'
from rich.console import Console
from typer.testing import CliRunner

from qn_dx.cli import app
import qn_dx.cli.shell as shell

console = Console(record=True, width=150, force_terminal=True, color_system="truecolor",
                  emoji=False, highlight=False)
shell.console = lambda: console  # the report prints through this console
CliRunner().invoke(app, ["report", "--lang", "en", "--area", "e-government"])
console.save_svg("docs/img/report-terminal.svg", title="qn-dx report --area e-government")
print("wrote docs/img/report-terminal.svg")
PY
QN_DX_SCREENSHOTS=docs/img python -m pytest -q tests/test_browser.py
