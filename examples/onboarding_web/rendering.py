"""HTML: the app's own pages (Jinja, autoescape on) and guidestyle's reports with a link bar."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

import guidestyle

from .flow import ROLE_LABELS, comparison_of, questionnaire_of, result_of
from .store import Onboarding, Role

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)


def page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = _TEMPLATES.get_template(template).render(role_labels=ROLE_LABELS, **context)
    return HTMLResponse(html, status_code=status_code)


def combined_report(onboarding: Onboarding, base: str) -> HTMLResponse | None:
    """The two views side by side, or ``None`` until both people have finished."""
    comparison = comparison_of(onboarding)
    if comparison is None:
        return None
    first, second = (questionnaire_of(person) for person in onboarding.participants)
    report = guidestyle.render_comparison(comparison, first, second, "html")
    return HTMLResponse(_with_links(report, onboarding, base, None, together=True))


def own_report(
    onboarding: Onboarding, role: Role, base: str, *, viewer: Role | None
) -> HTMLResponse | None:
    """One person's own report: for themselves once they have finished, for anyone else
    (the other person, the overview) once both have, so that neither view sways the other."""
    person = onboarding.participant(role)
    result = result_of(person)
    together = comparison_of(onboarding) is not None
    if result is None or not (together or viewer == role):
        return None
    report = guidestyle.render(result, questionnaire_of(person), "html")
    return HTMLResponse(_with_links(report, onboarding, base, role, together=together))


def _with_links(
    report: str, onboarding: Onboarding, base: str, current: Role | None, *, together: bool
) -> str:
    """The report with a bar of links to the combined view and each person's report.

    guidestyle's reports are whole documents, so the bar goes in just after ``<body>``.
    """
    bar = _TEMPLATES.get_template("links.html").render(
        base=base,
        people=onboarding.participants,
        current=current,
        together=together,
        role_labels=ROLE_LABELS,
    )
    opening = _BODY.search(report)
    at = opening.end() if opening else 0
    return f"{report[:at]}\n{bar}{report[at:]}"
