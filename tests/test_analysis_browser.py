"""The analysis page in a real browser: headless Chromium draws it at a phone's and a
desktop's width."""

from __future__ import annotations

from pathlib import Path

import pytest

import guidestyle

from .conftest import screenshot
from .leaning_cohort import respondents

pytestmark = pytest.mark.slow


def analysis_page() -> str:
    questionnaire = guidestyle.builtin("situation")
    rows: list[object] = [*respondents(questionnaire, 300, seed=4), {"horizon": "<b>never</b>"}]
    analysis = guidestyle.analyze(questionnaire, rows)
    return guidestyle.render_analysis(analysis, questionnaire, "html")


@pytest.mark.parametrize("size", [(412, 3000), (1280, 2400)], ids=["phone", "desktop"])
def test_chromium_draws_the_analysis_page(tmp_path: Path, size: tuple[int, int]) -> None:
    png = screenshot(analysis_page(), size, tmp_path)
    assert len(png) > 60_000  # charts and tables; a blank page of this size is a few KB
