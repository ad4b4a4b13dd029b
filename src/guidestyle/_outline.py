"""A questionnaire as a respondent-facing outline: what a front end needs to ask it.

The outline leaves out how answers are scored (styles, weights, keys), so that showing it
to the person answering gives nothing away.
"""

from __future__ import annotations

from typing import Any

from ._base import Text, localize
from ._errors import Problem, QuestionnaireError, expect
from ._i18n import choose_language
from ._model import Condition, Questionnaire


def outline(questionnaire: Questionnaire, language: str | None = None) -> dict[str, Any]:
    """The questions of ``questionnaire`` in one language, as JSON-ready data.

    ``language`` is a language code, by default the questionnaire's first. When the
    questionnaire is not written in it (``fr-CA`` finds ``fr``), the texts are in its first
    language: ``language`` in the outline says which the texts are in, and ``notice`` says
    once, in guidestyle's words in the language asked for, that they fell back (``None``
    when nothing did).

    Each question has ``id``, ``kind``, ``text``, ``help`` (or ``None``), ``required``
    and ``show_if`` (the condition as written in the questionnaire, or ``None``), plus per
    kind: ``scale`` (``min``, ``max``, ``labels``) for Likert; ``options`` (``id``,
    ``text``) and, for multiple choice, ``max_choices``; ``statements`` (``id``, ``text``)
    for forced choice; ``max_length`` for text.
    """
    expect(questionnaire, Questionnaire, "a Questionnaire", "outline(): questionnaire")
    expect(language, (str, type(None)), "str or None", "outline(): language")
    q = questionnaire
    try:
        chosen = choose_language(q.languages, language)
    except ValueError as error:
        raise QuestionnaireError([Problem(f"outline(): language {error}")]) from None

    def text(value: Text) -> str:
        return localize(value, chosen.texts, q.languages[0])

    return {
        "id": q.id,
        "version": q.version,
        "digest": q.digest,
        "language": chosen.texts,
        "languages": list(q.languages),
        "notice": chosen.notice if chosen.texts_fell_back else None,
        "title": text(q.title),
        "description": text(q.description),
        "audience": text(q.audience),
        "questions": [question.outline(q, text) for question in q.questions],
    }


def describe_condition(condition: Condition) -> str:
    """A condition in words, e.g. ``horizon is years and pace is at least 3``."""
    return condition.describe()
