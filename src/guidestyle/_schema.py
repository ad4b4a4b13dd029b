"""JSON Schemas of guidestyle's formats, for editors, front ends and API contracts."""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from functools import cache
from typing import Any

from pydantic import BaseModel

from ._errors import expect
from ._model import Questionnaire
from ._session import SESSION_FORMAT, State

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def questionnaire_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the questionnaire format.

    Point a YAML language server at it (``# yaml-language-server: $schema=...``) to get
    completion and checking while editing. Cross-references (a weight naming a style that
    exists, say) are beyond JSON Schema; ``guidestyle check`` covers those.
    """
    schema = Questionnaire.model_json_schema(mode="validation")
    return {"$schema": DRAFT, **_documented(schema, Questionnaire)}


def answers_schema(questionnaire: Questionnaire) -> dict[str, Any]:
    """The JSON Schema of a set of answers to ``questionnaire``: per question, what it accepts.

    Which questions are required depends on show-if conditions, so the schema requires
    none; :func:`guidestyle.score` reports missing answers.
    """
    expect(questionnaire, Questionnaire, "a Questionnaire", "answers_schema(): questionnaire")
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
    schema = _documented(State.model_json_schema(), State)
    schema["properties"]["format"] = {"const": SESSION_FORMAT}
    return {"$schema": DRAFT, **schema}


def _documented(schema: dict[str, Any], root: type[BaseModel]) -> dict[str, Any]:
    """``schema`` with each field's docstring (the string under it in its class) as the
    field's description, which editors show on hover.

    The docstrings are read from the source here, when a schema is asked for, rather than
    when the models are defined (pydantic's ``use_attribute_docstrings``), which every
    import of the library would pay for.
    """
    models = {model.__name__: model for model in _models(root)}
    for name, definition in [(root.__name__, schema), *schema.get("$defs", {}).items()]:
        model = models.get(name)
        if model is None:
            continue
        docstrings = _field_docstrings(model)
        properties = definition.get("properties", {})
        for field_name, field in model.model_fields.items():
            described = properties.get(field.alias or field_name)
            # as pydantic would: over the type's description, not over the field's own
            if described is not None and field.description is None and field_name in docstrings:
                described["description"] = docstrings[field_name]
    return schema


def _models(root: type[BaseModel]) -> set[type[BaseModel]]:
    """``root`` and the models its fields can hold, however deep."""
    found: set[type[BaseModel]] = set()
    waiting = [root]
    while waiting:
        model = waiting.pop()
        if model in found:
            continue
        found.add(model)
        for field in model.model_fields.values():
            waiting.extend(_models_in(field.annotation))
    return found


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [
        model for argument in getattr(annotation, "__args__", ()) for model in _models_in(argument)
    ]


@cache
def _field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring, from the model's source and its bases' (the nearest wins)."""
    docstrings: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if cls is BaseModel or not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            continue
        try:
            source = textwrap.dedent(inspect.getsource(cls))
        except (OSError, TypeError):  # no source: a model made at run time
            continue
        body = ast.parse(source).body[0].body  # type: ignore[attr-defined]
        for statement, after in itertools.pairwise(body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docstrings[statement.target.id] = inspect.cleandoc(after.value.value)
    return docstrings
