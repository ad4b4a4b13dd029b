"""The HTML report in a real browser: headless Chromium draws it at a phone's width."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import yaml

import guidestyle
from guidestyle._render import render

from .conftest import CHROMIUM_FLAGS, PNG_SIGNATURE, ROOT, chromium

PHONE = (412, 2000)


def report_html() -> str:
    questionnaire = guidestyle.load(ROOT / "questionnaires" / "situation.yaml")
    vignettes = yaml.safe_load(
        (ROOT / "tests" / "vignettes" / "situation.yaml").read_text(encoding="utf-8")
    )
    answers = {**vignettes[0]["answers"], "notes": "<script>alert(1)</script> and a long note"}
    return render(guidestyle.score(questionnaire, answers), questionnaire, "html")


def test_chromium_draws_the_html_report_at_phone_width(tmp_path: Path) -> None:
    browser = chromium()
    page = tmp_path / "report.html"
    page.write_text(report_html(), encoding="utf-8")
    screenshot = tmp_path / "report.png"
    width, height = PHONE
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
    assert struct.unpack(">II", png[16:24]) == PHONE  # the IHDR chunk: width, height
    assert len(png) > 20_000  # a blank page of this size compresses to a few KB
