"""The same flow as a JSON API under ``/api``. Refusals answer ``{"problems": [...]}``.

The OpenAPI document describes every answer, refusals included, and the results and
comparisons by guidestyle's own schemas (:func:`schema_components`).
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from fastapi import APIRouter, Response

import guidestyle

from .flow import Flow, FlowError, comparison_of, result_of
from .models import Answer, Move, NewOnboarding, OnboardingState, ParticipantState, Problems
from .store import Onboarding, Role

_DEFS = "#/$defs/"
_REFUSALS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problems, "description": "A body that cannot be read as JSON text"},
    404: {"model": Problems, "description": "No onboarding or participant at this link"},
    409: {"model": Problems, "description": "Not possible now"},
    413: {"model": Problems, "description": "The request body is too large"},
    422: {"model": Problems, "description": "A rejected answer or request"},
}


def _json_answer(component: str) -> dict[int | str, dict[str, Any]]:
    reference = {"$ref": f"#/components/schemas/{component}"}
    return {200: {"content": {"application/json": {"schema": reference}}}}


def router(flow: Flow) -> APIRouter:
    routes = APIRouter(prefix="/api", responses=_REFUSALS)

    @routes.post("/onboardings", status_code=201)
    def create(names: NewOnboarding) -> OnboardingState:
        languages: dict[Role, str] = {
            "new_hire": names.new_hire_language,
            "manager": names.manager_language,
        }
        return OnboardingState.of(flow, flow.create(names.new_hire, names.manager, languages))

    @routes.get("/onboardings/{link}")
    def onboarding(link: str) -> OnboardingState:
        return OnboardingState.of(flow, flow.onboarding(link))

    @routes.get("/onboardings/{link}/comparison", responses=_json_answer("Comparison"))
    def onboarding_comparison(link: str) -> Response:
        return _comparison(flow.onboarding(link))

    @routes.get("/participants/{link}")
    def participant(link: str) -> ParticipantState:
        return ParticipantState.of(flow, flow.participant(link))

    @routes.post("/participants/{link}/answer")
    def answer(link: str, body: Answer) -> ParticipantState:
        return ParticipantState.of(flow, flow.answer(link, body.value, question=body.question))

    @routes.post("/participants/{link}/back")
    def back(link: str, body: Move | None = None) -> ParticipantState:
        question = None if body is None else body.question
        return ParticipantState.of(flow, flow.back(link, question=question))

    @routes.post("/participants/{link}/skip")
    def skip(link: str, body: Move | None = None) -> ParticipantState:
        question = None if body is None else body.question
        return ParticipantState.of(flow, flow.skip(link, question=question))

    @routes.get("/participants/{link}/result", responses=_json_answer("Result"))
    def result(link: str) -> Response:
        found = result_of(flow.participant(link))
        if found is None:
            raise FlowError("There is no result yet: the questionnaire is not finished.")
        return Response(found.to_json(), media_type="application/json")

    @routes.get("/participants/{link}/comparison", responses=_json_answer("Comparison"))
    def participant_comparison(link: str) -> Response:
        return _comparison(flow.onboarding_of(flow.participant(link)))

    return routes


def _comparison(onboarding: Onboarding) -> Response:
    comparison = comparison_of(onboarding)
    if comparison is None:
        raise FlowError("There is no comparison yet: both people must finish first.")
    return Response(comparison.to_json(), media_type="application/json")


def schema_components() -> dict[str, Any]:
    """guidestyle's result and comparison schemas as OpenAPI components (a new copy).

    Each schema's ``$defs`` become components of their own, named after it
    (``Result.Coverage``), with every ``#/$defs/`` reference pointing there.
    """
    return copy.deepcopy(_components())


@functools.cache
def _components() -> dict[str, Any]:
    components: dict[str, Any] = {}
    for name, schema in (
        ("Result", guidestyle.result_schema()),
        ("Comparison", guidestyle.comparison_schema()),
    ):
        definitions = schema.pop("$defs", {})
        schema.pop("$schema", None)
        components[name] = _pointed(schema, name)
        for key, definition in definitions.items():
            components[f"{name}.{key}"] = _pointed(definition, name)
    return components


def _pointed(value: Any, name: str) -> Any:
    """``value`` with its ``#/$defs/X`` references turned into ``#/components/schemas/name.X``."""
    if isinstance(value, list):
        return [_pointed(item, name) for item in value]
    if not isinstance(value, dict):
        return value
    pointed = {key: _pointed(item, name) for key, item in value.items()}
    reference = value.get("$ref")
    if isinstance(reference, str) and reference.startswith(_DEFS):
        pointed["$ref"] = f"#/components/schemas/{name}.{reference.removeprefix(_DEFS)}"
    return pointed
