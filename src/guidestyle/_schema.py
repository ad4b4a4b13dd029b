"""JSON Schemas of guidestyle's formats, for editors, front ends and API contracts."""

from __future__ import annotations

from typing import Any

from ._model import Questionnaire
from ._session import SESSION_FORMAT, State

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def questionnaire_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the questionnaire format.

    Point a YAML language server at it (``# yaml-language-server: $schema=...``) to get
    completion and checking while editing. Cross-references (a weight naming a style that
    exists, say) are beyond JSON Schema; ``guidestyle check`` covers those.
    """
    return {"$schema": DRAFT, **Questionnaire.model_json_schema(mode="validation")}


def answers_schema(questionnaire: Questionnaire) -> dict[str, Any]:
    """The JSON Schema of a set of answers to ``questionnaire``: per question, what it accepts.

    Which questions are required depends on show-if conditions, so the schema requires
    none; :func:`guidestyle.score` reports missing answers.
    """
    return {
        "$schema": DRAFT,
        "title": f"Answers to {questionnaire.id} {questionnaire.version}",
        "type": "object",
        "properties": {
            question.id: question.answer_schema(questionnaire)
            for question in questionnaire.questions
        },
        "additionalProperties": False,
    }


def session_schema() -> dict[str, Any]:
    """The JSON Schema of a saved session as :meth:`guidestyle.Session.to_json` writes it."""
    schema = State.model_json_schema()
    schema["properties"]["format"] = {"const": SESSION_FORMAT}
    return {"$schema": DRAFT, **schema}
