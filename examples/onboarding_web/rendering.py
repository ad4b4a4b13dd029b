"""HTML: the app's own pages (Jinja, autoescape on) and guidestyle's reports with a link bar."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

import guidestyle

from .flow import ROLE_LABELS, comparison_of, questionnaire_of, result_of
from .i18n import LANGUAGES, translations
from .store import Onboarding, Role

_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)


@cache
def _templates(language: str) -> Environment:
    """The pages' templates with the app's words in ``language`` (one environment per
    language, made once: nothing changes between requests, so threads may share them)."""
    environment = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations(language), newstyle=True
    )
    return environment


def page(template: str, status_code: int = 200, *, language: str, **context: Any) -> HTMLResponse:
    """The app's page ``template`` in ``language``."""
    words = translations(language)
    html = (
        _templates(language)
        .get_template(template)
        .render(
            role_labels={role: words.gettext(label) for role, label in ROLE_LABELS.items()},
            language=language,
            languages=LANGUAGES,
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code)


def combined_report(onboarding: Onboarding, base: str, language: str) -> HTMLResponse | None:
    """The two views side by side, in ``language``, or ``None`` until both have finished."""
    comparison = comparison_of(onboarding, language)
    if comparison is None:
        return None
    first, second = (questionnaire_of(person) for person in onboarding.participants)
    report = guidestyle.render_comparison(comparison, first, second, "html", language=language)
    return HTMLResponse(_with_links(report, onboarding, base, None, language, together=True))


def own_report(
    onboarding: Onboarding, role: Role, base: str, *, viewer: Role | None, language: str
) -> HTMLResponse | None:
    """One person's own report, in ``language`` (the viewer's): for themselves once they
    have finished, for anyone else (the other person, the overview) once both have, so
    that neither view sways the other."""
    person = onboarding.participant(role)
    result = result_of(person)
    together = comparison_of(onboarding, language) is not None
    if result is None or not (together or viewer == role):
        return None
    report = guidestyle.render(result, questionnaire_of(person), "html", language=language)
    return HTMLResponse(_with_links(report, onboarding, base, role, language, together=together))


def _with_links(
    report: str,
    onboarding: Onboarding,
    base: str,
    current: Role | None,
    language: str,
    *,
    together: bool,
) -> str:
    """The report with a bar of links to the combined view and each person's report.

    guidestyle's reports are whole documents, so the bar goes in just after ``<body>``.
    """
    words = translations(language)
    bar = (
        _templates(language)
        .get_template("links.html")
        .render(
            base=base,
            people=onboarding.participants,
            current=current,
            together=together,
            role_labels={role: words.gettext(label) for role, label in ROLE_LABELS.items()},
        )
    )
    opening = _BODY.search(report)
    at = opening.end() if opening else 0
    return f"{report[:at]}\n{bar}{report[at:]}"
