"""The app's own words in English and French: a gettext catalogue of its own (``onboarding``),
managed with Babel as guidestyle's is (see docs/translating.md).

Each person answers in the language chosen for their link, kept in their guidestyle session;
guidestyle gives the questions and the reports in it. The pages that belong to no one
person (the start page, the overview) take ``?lang=``, else the browser's
``Accept-Language``. The JSON API stays in English: its messages are for programs.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

DOMAIN = "onboarding"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
"""The languages offered, each named in itself."""
DEFAULT_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The app's words in ``language`` (English for a language it does not offer)."""
    if language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])


def offered(language: str | None) -> str:
    """``language`` if the app offers it, else English."""
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def from_header(accept_language: str | None) -> str:
    """The first offered language an ``Accept-Language`` header names (``fr-CH, fr;q=0.9``),
    by its weights; English when it names none. Reads at most 20 entries."""
    best, best_weight = DEFAULT_LANGUAGE, 0.0
    for entry in (accept_language or "").split(",")[:20]:
        tag, _, parameters = entry.strip().partition(";")
        weight = 1.0
        if parameters.strip().startswith("q="):
            try:
                weight = float(parameters.strip()[2:])
            except ValueError:
                weight = 0.0
        language = tag.strip().lower().partition("-")[0]
        if language in LANGUAGES and weight > best_weight:
            best, best_weight = language, weight
    return best


def page_language(lang: str | None, accept_language: str | None) -> str:
    """The language of a page that belongs to no one person: ``?lang=`` if the app offers
    it, else the browser's preference."""
    return lang if lang is not None and lang in LANGUAGES else from_header(accept_language)
