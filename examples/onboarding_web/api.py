"""The same flow as a JSON API under ``/api``. Refusals answer ``{"problems": [...]}``."""

from __future__ import annotations

from fastapi import APIRouter, Response

from .flow import Flow, FlowError, comparison_of, result_of
from .models import Answer, Move, NewOnboarding, OnboardingState, ParticipantState
from .store import Onboarding


def router(flow: Flow) -> APIRouter:
    routes = APIRouter(prefix="/api")

    @routes.post("/onboardings", status_code=201)
    def create(names: NewOnboarding) -> OnboardingState:
        return OnboardingState.of(flow, flow.create(names.new_hire, names.manager))

    @routes.get("/onboardings/{link}")
    def onboarding(link: str) -> OnboardingState:
        return OnboardingState.of(flow, flow.onboarding(link))

    @routes.get("/onboardings/{link}/comparison")
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

    @routes.get("/participants/{link}/result")
    def result(link: str) -> Response:
        found = result_of(flow.participant(link))
        if found is None:
            raise FlowError("There is no result yet: the questionnaire is not finished.")
        return Response(found.to_json(), media_type="application/json")

    @routes.get("/participants/{link}/comparison")
    def participant_comparison(link: str) -> Response:
        return _comparison(flow.onboarding_of(flow.participant(link)))

    return routes


def _comparison(onboarding: Onboarding) -> Response:
    comparison = comparison_of(onboarding)
    if comparison is None:
        raise FlowError("There is no comparison yet: both people must finish first.")
    return Response(comparison.to_json(), media_type="application/json")
