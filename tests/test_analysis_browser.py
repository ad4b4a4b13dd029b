"""The analysis page in a real browser: headless Chromium draws it at a phone's and a
desktop's width."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest

import guidestyle

from .conftest import CHROMIUM_FLAGS, PNG_SIGNATURE, chromium
from .leaning_cohort import respondents

pytestmark = pytest.mark.slow


def analysis_page() -> str:
    questionnaire = guidestyle.builtin("situation")
    rows: list[object] = [*respondents(questionnaire, 300, seed=4), {"horizon": "<b>never</b>"}]
    analysis = guidestyle.analyze(questionnaire, rows)
    return guidestyle.render_analysis(analysis, questionnaire, "html")


@pytest.mark.parametrize("size", [(412, 3000), (1280, 2400)], ids=["phone", "desktop"])
def test_chromium_draws_the_analysis_page(tmp_path: Path, size: tuple[int, int]) -> None:
    browser = chromium()
    page = tmp_path / "analysis.html"
    page.write_text(analysis_page(), encoding="utf-8")
    screenshot = tmp_path / "analysis.png"
    width, height = size
    command = [
        browser,
        "--headless",
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={width},{height}",
        f"--screenshot={screenshot}",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert screenshot.is_file(), done.stderr[-2000:]
    png = screenshot.read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    assert struct.unpack(">II", png[16:24]) == size  # the IHDR chunk: width, height
    assert len(png) > 60_000  # charts and tables; a blank page of this size is a few KB
