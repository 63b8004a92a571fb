"""The HTML report in a real browser (headless Chromium): no console errors, charts drawn, and
screenshots at desktop and phone widths.

`.ci/run` installs Debian's chromium and chromium-driver. Screenshots go to
$QN_DX_SCREENSHOTS (default: a temporary folder); `scripts/readme_pictures.sh` points it at
docs/img/ to refresh the pictures the README shows.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qn_dx.cli import app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def _browser_available() -> bool:
    return Path(CHROMIUM).exists() and Path(DRIVER).exists()


pytestmark = pytest.mark.skipif(
    not _browser_available() and os.environ.get("CI") != "true",
    reason="chromium/chromidriver not installed (CI installs them and runs this test)",
)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    result = CliRunner().invoke(app, ["report", "--lang", "vi", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def driver():  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield drv
    drv.quit()


@pytest.mark.parametrize("layout", sorted(WIDTHS))
def test_report_renders_without_errors(driver, report_html: Path, layout: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    width, height = WIDTHS[layout]
    driver.set_window_size(width, height)
    driver.get(report_html.as_uri())
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    bars = driver.find_elements(By.CSS_SELECTOR, "svg.bar")
    assert len(bars) == 54
    assert all(b.size["width"] > 0 and b.size["height"] > 0 for b in bars)
    tables = driver.find_elements(By.CSS_SELECTOR, "table")
    assert len(tables) == 5
    page_width = driver.execute_script("return document.documentElement.scrollWidth")
    assert page_width <= width + 1, f"{layout}: page scrolls sideways ({page_width}px)"
    folder = Path(os.environ.get("QN_DX_SCREENSHOTS", report_html.parent))
    folder.mkdir(parents=True, exist_ok=True)
    full_height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(width, min(full_height + 100, 2400 if layout == "desktop" else 1800))
    shot = folder / f"report-html-{layout}.png"
    assert driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def test_trend_charts_draw(driver, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    out = tmp_path_factory.mktemp("trend") / "trend.html"
    args = ["report", "--lang", "vi", "--as-of", "2023-Q4", "--compare", "2023-Q3", "--trend"]
    result = CliRunner().invoke(app, [*args, "--area", "e-government", "--output", str(out)])
    assert result.exit_code == 0, result.output
    driver.set_window_size(1400, 900)
    driver.get(out.as_uri())
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    charts = driver.find_elements(By.CSS_SELECTOR, "svg.trend")
    assert len(charts) >= 10
    assert all(c.size["width"] > 0 and c.size["height"] > 0 for c in charts)
    folder = Path(os.environ.get("QN_DX_SCREENSHOTS", out.parent))
    folder.mkdir(parents=True, exist_ok=True)
    full_height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1400, min(full_height + 100, 1100))
    shot = folder / "report-html-trend.png"
    assert driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
