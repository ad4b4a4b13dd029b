"""JSON Schemas of guidestyle's formats, for editors, front ends and API contracts."""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import textwrap
from functools import cache
from typing import Any

from pydantic import BaseModel

from ._base import localize
from ._errors import expect
from ._model import Question, Questionnaire
from ._session import SESSION_FORMAT, State

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def questionnaire_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the questionnaire format.

    Point a YAML language server at it (``# yaml-language-server: $schema=...``) to get
    completion and checking while editing. Cross-references (a weight naming a style that
    exists, say) are beyond JSON Schema; ``guidestyle check`` covers those.
    """
    schema = _dispatched(
        _documented(Questionnaire.model_json_schema(mode="validation"), Questionnaire)
    )
    return {"$schema": DRAFT, **schema}


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
            question.id: {
                **question.answer_schema(questionnaire),
                "description": _answer_description(question, questionnaire),
            }
            for question in questionnaire.questions
        },
        "additionalProperties": False,
    }


ANSWER_ON_A_SCALE = "A whole number from {low} ({low_label}) to {high} ({high_label})."
ANSWER_ONE = "One of: {choices}."
ANSWER_UP_TO = "A list of up to {most} of: {choices}."
ANSWER_ANY = "A list of any of: {choices}."
ANSWER_TEXT = "Text of at most {most:,} characters."
CHOICE = "{id} ({text})"
QUESTION_AND_ANSWER = "{question}\n\n{answer}"


def _answer_description(question: Question, questionnaire: Questionnaire) -> str:
    """The question's text (in the default language) and what an answer to it may be."""
    language = questionnaire.languages[0]
    view = question.outline(questionnaire, lambda text: localize(text, language, language))
    entries = view.get("options") or view.get("statements") or []
    choices = ", ".join(CHOICE.format(id=entry["id"], text=entry["text"]) for entry in entries)
    if "scale" in view:
        scale = view["scale"]
        answer = ANSWER_ON_A_SCALE.format(
            low=scale["min"],
            low_label=scale["labels"][0],
            high=scale["max"],
            high_label=scale["labels"][-1],
        )
    elif view["kind"] == "multiple_choice":
        most = view.get("max_choices")
        answer = (ANSWER_UP_TO if most else ANSWER_ANY).format(most=most, choices=choices)
    elif entries:
        answer = ANSWER_ONE.format(choices=choices)
    else:
        answer = ANSWER_TEXT.format(most=view["max_length"])
    return QUESTION_AND_ANSWER.format(question=view["text"], answer=answer)


def session_schema() -> dict[str, Any]:
    """The JSON Schema of a saved session as :meth:`guidestyle.Session.to_json` writes it."""
    schema = _documented(State.model_json_schema(), State)
    schema["properties"]["format"] = {"const": SESSION_FORMAT}
    return {"$schema": DRAFT, **schema}


QUESTION = (
    "A question: its kind (likert, single_choice, multiple_choice, forced_choice or text) "
    "says which other keys it takes."
)
KIND = (
    "The kind of question: likert (agreement on a scale), single_choice (one option), "
    "multiple_choice (several options), forced_choice (the statement most like you) or "
    "text (free text, not scored)."
)
CONDITION = (
    "A condition on earlier answers: one of equals, one_of or at_least (with question), all or any."
)


def _dispatched(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with each choice among question kinds, and among conditions, told apart
    by what marks each (a question's ``kind``, a condition's one key) with ``if``/``then``.

    Given a bare ``oneOf``, a validator that meets a misspelt key can only say that the
    whole question matches none of the kinds; told which kind applies, it names the key.
    """
    definitions: dict[str, Any] = schema.get("$defs", {})
    kinds: dict[str, str] = {}  # a question kind's definition: its kind
    marks: dict[str, str] = {}  # a condition's definition: the key only it has
    for name, definition in definitions.items():
        properties = definition.get("properties", {})
        kind = properties.get("kind", {}).get("const")
        if isinstance(kind, str):
            kinds[name] = kind
        own = set(definition.get("required", ())) - {"question"}
        if name in _CONDITIONS and len(own) == 1:
            marks[name] = own.pop()
    definitions["Question"] = {
        "description": QUESTION,
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(kinds.values()), "description": KIND}},
        "allOf": [_when({"kind": {"const": kind}}, ["kind"], name) for name, kind in kinds.items()],
    }
    keys = {key for name in marks for key in definitions[name].get("properties", {})}
    definitions["Condition"] = {
        "description": CONDITION,
        "type": "object",
        # what no condition kind has is named as such, even when none of them applies
        "properties": dict.fromkeys(sorted(keys), True),
        "additionalProperties": False,
        "anyOf": [{"required": [mark]} for mark in marks.values()],
        "allOf": [_when({}, [mark], name) for name, mark in marks.items()],
    }
    replacements = {frozenset(kinds): "Question", frozenset(marks): "Condition"}
    for node in _objects(schema):
        named = _one_of_refs(node)
        if named in replacements:
            del node["oneOf"]
            node["$ref"] = f"#/$defs/{replacements[named]}"
    for node in _objects(schema):  # once every choice of conditions is one reference
        _null_or_condition(node)
    return schema


def _objects(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every object in ``schema``, itself included."""
    found: list[dict[str, Any]] = []
    waiting: list[object] = [schema]
    while waiting:
        node = waiting.pop()
        if isinstance(node, list):
            waiting.extend(node)
        elif isinstance(node, dict):
            found.append(node)
            waiting.extend(node.values())
    return found


def _null_or_condition(node: dict[str, Any]) -> None:
    """``show_if``: ``null``, or else a condition (rather than ``anyOf`` the two, which
    can only say that neither fits)."""
    choices = node.get("anyOf")
    if (
        isinstance(choices, list)
        and len(choices) == 2
        and {"type": "null"} in choices
        and any(choice.get("$ref") == "#/$defs/Condition" for choice in choices)
    ):
        del node["anyOf"]
        node["if"] = {"type": "null"}
        node["else"] = {"$ref": "#/$defs/Condition"}


# the definitions of the condition kinds (see guidestyle._conditions)
_CONDITIONS = frozenset({"Equals", "OneOf", "AtLeast", "AllOf", "AnyOf"})


def _when(properties: dict[str, Any], required: list[str], name: str) -> dict[str, Any]:
    condition: dict[str, Any] = {"required": required}
    if properties:
        condition["properties"] = properties
    return {"if": condition, "then": {"$ref": f"#/$defs/{name}"}}


def _one_of_refs(node: dict[str, Any]) -> frozenset[str] | None:
    """The definitions a ``oneOf`` of nothing but references names, if ``node`` is one."""
    choices = node.get("oneOf")
    if not isinstance(choices, list) or not all(
        isinstance(choice, dict) and set(choice) == {"$ref"} for choice in choices
    ):
        return None
    return frozenset(choice["$ref"].rsplit("/", 1)[-1] for choice in choices)


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
                # a line break inside a paragraph is the source's, not the text's
                text = inspect.cleandoc(after.value.value)
                docstrings[statement.target.id] = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    return docstrings
