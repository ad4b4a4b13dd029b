"""The onboarding web example in a real browser: Debian's Chromium, driven by Playwright.

The new hire answers part-way, closes the page and comes back through the same link; the
manager answers; both reach the combined report. Screenshots go to the test's tmp_path.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("playwright")
pytest.importorskip("uvicorn")

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from .conftest import CHROMIUM_FLAGS, PNG_SIGNATURE, chromium
from .test_onboarding_crash import Server

pytestmark = pytest.mark.slow  # a browser and a server: ~12 s, run by CI, not the quick loop

PHONE: ViewportSize = {"width": 412, "height": 915}
TIMEOUT_MS = 60_000  # a slow, shared machine
BEFORE_CLOSING = 6  # answers the new hire gives before closing the page


@pytest.fixture
def browser() -> Iterator[Browser]:
    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS, timeout=120_000
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "onboarding.sqlite3", tmp_path / "server.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


def new_page(browser: Browser, refused: list[str]) -> Page:
    """A page in a fresh context: no cookies or storage carried over from earlier pages.

    What the Content-Security-Policy makes the browser refuse (a style, say) goes to
    ``refused``.
    """
    page = browser.new_context(viewport=PHONE).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page


def current_question(page: Page) -> str:
    return page.locator("input[name=question]").input_value()


def submit(page: Page, action: str = "answer") -> None:
    with page.expect_navigation():
        page.click(f"button[value={action}]")


def answer(page: Page) -> None:
    """Answer the question on the page with its first choice, or a note."""
    if page.locator("textarea").count():
        page.fill("textarea", "Happy to start with a buddy. <b>Thanks!</b>")
    else:
        page.locator("input[name=value]").first.check()
    submit(page)


def answer_all(page: Page) -> None:
    while page.locator("input[name=question]").count():
        answer(page)


def screenshot(page: Page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)
    png = path.read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert width == PHONE["width"]
    assert height >= PHONE["height"] // 2
    assert len(png) > 10_000  # a blank page compresses to a few KB


def test_two_people_onboard_in_a_browser(browser: Browser, server: Server, tmp_path: Path) -> None:
    refused: list[str] = []
    page = new_page(browser, refused)
    page.goto(f"{server.url}/")
    page.fill("#new_hire", "Ana")
    page.fill("#manager", "Ben")
    with page.expect_navigation():
        page.click("text=Create the two links")
    new_hire_link, manager_link = page.locator("a.link").all_inner_texts()
    screenshot(page, tmp_path / "overview.png")
    page.close()

    page = new_page(browser, refused)
    page.goto(new_hire_link)
    submit(page)  # nothing chosen: refused, the same question again with the reason
    assert page.locator("#error").inner_text() == "Choose an answer to go on."
    assert page.locator(".progress").inner_text() == "Question 1 of 21"
    screenshot(page, tmp_path / "refused.png")
    for _ in range(BEFORE_CLOSING):
        answer(page)
    where = current_question(page)
    page.close()

    page = new_page(browser, refused)
    page.goto(new_hire_link)
    assert current_question(page) == where
    assert page.locator(".progress").inner_text().startswith(f"Question {BEFORE_CLOSING + 1} of ")
    submit(page, "back")
    assert page.locator(".progress").inner_text().startswith(f"Question {BEFORE_CLOSING} of ")
    assert page.locator("input[name=value]:checked").count() == 1  # the answer given before
    submit(page)
    answer_all(page)
    assert page.locator("h1").inner_text() == "Thank you, Ana"
    page.close()

    page = new_page(browser, refused)
    page.goto(manager_link)
    screenshot(page, tmp_path / "question.png")
    answer_all(page)
    assert "Two views" in page.locator("h1").inner_text()
    assert page.locator("nav strong").inner_text() == "Both views"
    screenshot(page, tmp_path / "combined.png")
    with page.expect_navigation():
        page.click("text=Ana's report (new hire)")
    assert page.locator("nav strong").inner_text() == "Ana's report"
    assert "<b>Thanks!</b>" in page.locator("body").inner_text()  # shown as text, not markup
    screenshot(page, tmp_path / "report.png")
    page.close()
    assert refused == []


def test_the_onboarding_runs_in_french_in_a_browser(
    browser: Browser, server: Server, tmp_path: Path
) -> None:
    from .catalogues import untranslated

    refused: list[str] = []
    page = new_page(browser, refused)
    page.goto(f"{server.url}/")
    with page.expect_navigation():
        page.click("text=Français")
    page.fill("#new_hire", "Ana")
    page.fill("#manager", "Ben")
    page.select_option("#new_hire_language", "fr")
    page.select_option("#manager_language", "fr")
    with page.expect_navigation():
        page.click("text=Créer les deux liens")
    assert page.locator("h1").inner_text() == "Intégration de Ana"
    new_hire_link, manager_link = page.locator("a.link").all_inner_texts()
    seen = [page.content()]
    page.close()

    page = new_page(browser, refused)
    page.goto(new_hire_link)
    assert page.locator("html").get_attribute("lang") == "fr"
    submit(page)  # nothing chosen
    assert page.locator("#error").inner_text() == "Choisissez une réponse pour continuer."
    assert page.locator(".progress").inner_text() == "Question 1 sur 21"
    screenshot(page, tmp_path / "question-fr.png")
    seen.append(page.content())
    answer_all(page)
    assert page.locator("h1").inner_text() == "Merci, Ana"
    page.close()

    page = new_page(browser, refused)
    page.goto(manager_link)
    answer_all(page)
    assert page.locator("h1").inner_text().startswith("Deux points de vue")
    screenshot(page, tmp_path / "combined-fr.png")
    seen.append(page.content())
    with page.expect_navigation():
        page.click("text=Rapport de Ana (nouvelle recrue)")
    assert page.locator(".badge").text_content() in {
        "Choix net",
        "Tendance",
        "Combinaison",
        "Équilibre",
    }
    screenshot(page, tmp_path / "report-fr.png")
    seen.append(page.content())
    page.close()
    assert refused == []
    assert [untranslated(html) for html in seen] == [[], [], [], []]
