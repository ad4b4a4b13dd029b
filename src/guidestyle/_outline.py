"""A questionnaire as a respondent-facing outline: what a front end needs to ask it.

The outline leaves out how answers are scored (styles, weights, keys), so that showing it
to the person answering gives nothing away.
"""

from __future__ import annotations

from typing import Any

from ._errors import Problem, QuestionnaireError
from ._model import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    Equals,
    ForcedChoiceQuestion,
    LikertQuestion,
    MultipleChoiceQuestion,
    OneOf,
    Question,
    Questionnaire,
    SingleChoiceQuestion,
    Text,
    TextQuestion,
)
from ._texts import localize


def outline(questionnaire: Questionnaire, language: str | None = None) -> dict[str, Any]:
    """The questions of ``questionnaire`` in one language, as JSON-ready data.

    Each question has ``id``, ``kind``, ``text``, ``help`` (or ``None``), ``required``
    and ``show_if`` (the condition as written in the questionnaire, or ``None``), plus per
    kind: ``scale`` (``min``, ``max``, ``labels``) for Likert; ``options`` (``id``,
    ``text``) and, for multiple choice, ``max_choices``; ``statements`` (``id``, ``text``)
    for forced choice; ``max_length`` for text.
    """
    q = questionnaire
    chosen = language or q.languages[0]
    if chosen not in q.languages:
        message = f"language '{chosen}' is not one of the questionnaire's languages: " + ", ".join(
            q.languages
        )
        raise QuestionnaireError([Problem(message)])

    def text(value: Text) -> str:
        return localize(value, chosen, q.languages[0])

    return {
        "id": q.id,
        "version": q.version,
        "digest": q.digest,
        "language": chosen,
        "languages": list(q.languages),
        "title": text(q.title),
        "description": text(q.description),
        "audience": text(q.audience),
        "questions": [_question(question, q, text) for question in q.questions],
    }


def _question(question: Question, q: Questionnaire, text: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": question.id,
        "kind": question.kind,
        "text": text(question.text),
        "help": text(question.help) if question.help is not None else None,
        "required": question.required,
        "show_if": condition_data(question.show_if) if question.show_if else None,
    }
    if isinstance(question, LikertQuestion):
        scale = q.scales[question.scale]
        labels = [text(label) for label in scale.labels]
        entry["scale"] = {"min": scale.min, "max": scale.max, "labels": labels}
    elif isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        entry["options"] = [{"id": o.id, "text": text(o.text)} for o in question.options]
        if isinstance(question, MultipleChoiceQuestion):
            entry["max_choices"] = question.max_choices or len(question.options)
    elif isinstance(question, ForcedChoiceQuestion):
        entry["statements"] = [{"id": s.id, "text": text(s.text)} for s in question.statements]
    elif isinstance(question, TextQuestion):
        entry["max_length"] = question.max_length
    return entry


def condition_data(condition: Condition) -> dict[str, Any]:
    """A condition as the plain data it was written as."""
    if isinstance(condition, AllOf):
        return {"all": [condition_data(part) for part in condition.all]}
    if isinstance(condition, AnyOf):
        return {"any": [condition_data(part) for part in condition.any]}
    if isinstance(condition, Equals):
        return {"question": condition.question, "equals": condition.equals}
    if isinstance(condition, OneOf):
        return {"question": condition.question, "one_of": list(condition.one_of)}
    assert isinstance(condition, AtLeast)
    return {"question": condition.question, "at_least": condition.at_least}


def describe_condition(condition: Condition) -> str:
    """A condition in words, e.g. ``horizon is years and pace is at least 3``."""
    if isinstance(condition, (AllOf, AnyOf)):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        joiner = " and " if isinstance(condition, AllOf) else " or "
        return "(" + joiner.join(describe_condition(part) for part in parts) + ")"
    if isinstance(condition, Equals):
        return f"{condition.question} is {condition.equals}"
    if isinstance(condition, OneOf):
        return f"{condition.question} is one of {', '.join(map(str, condition.one_of))}"
    return f"{condition.question} is at least {condition.at_least}"
