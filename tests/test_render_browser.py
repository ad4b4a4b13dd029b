"""The HTML report in a real browser: headless Chromium draws it at a phone's width."""

from __future__ import annotations

from pathlib import Path

import pytest

import guidestyle
from guidestyle._render import render

from .answers import SITUATION_MENTOR
from .conftest import ROOT, screenshot

pytestmark = pytest.mark.slow  # Chromium: run by CI, not the quick loop

PHONE = (412, 2000)


def report_html() -> str:
    questionnaire = guidestyle.load(ROOT / "questionnaires" / "situation.yaml")
    answers = {**SITUATION_MENTOR, "notes": "<script>alert(1)</script> and a long note"}
    return render(guidestyle.score(questionnaire, answers), questionnaire, "html")


def test_chromium_draws_the_html_report_at_phone_width(tmp_path: Path) -> None:
    png = screenshot(report_html(), PHONE, tmp_path)
    assert len(png) > 20_000  # a blank page of this size compresses to a few KB
