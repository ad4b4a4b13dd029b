"""The HTML pages: plain forms that post back, one question per page, no JavaScript."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from guidestyle import AnswerValue, Step

from .flow import Flow, NotFound, Outdated, Rejected, session_of
from .models import AnswerForm, NewOnboarding, OnboardingState
from .rendering import combined_report, own_report, page
from .store import ROLES, Participant, Role

NOTHING_CHOSEN = "Choose an answer to go on."


def router(flow: Flow, public_url: str) -> APIRouter:
    """The pages; the links to send people start with ``public_url``, whatever ``Host`` the
    request named."""
    routes = APIRouter(include_in_schema=False)  # the OpenAPI describes the JSON API

    @routes.get("/")
    def home() -> HTMLResponse:
        return page("home.html", names={"new_hire": "", "manager": ""}, problems=[])

    @routes.post("/onboardings")
    def create(
        new_hire: Annotated[str, Form()] = "", manager: Annotated[str, Form()] = ""
    ) -> Response:
        try:
            names = NewOnboarding(new_hire=new_hire, manager=manager)
        except ValidationError as error:
            problems = [_name_problem(str(problem["loc"][0])) for problem in error.errors()]
            given = {"new_hire": new_hire, "manager": manager}
            return page("home.html", 422, names=given, problems=problems)
        onboarding = flow.create(names.new_hire, names.manager)
        return RedirectResponse(f"/o/{flow.link(onboarding)}", status_code=303)

    @routes.get("/o/{link}")
    def overview(link: str) -> HTMLResponse:
        onboarding = flow.onboarding(link)
        combined = combined_report(onboarding, f"/o/{link}")
        if combined is not None:
            return combined
        state = OnboardingState.of(flow, onboarding)
        return page("overview.html", people=state.participants, base_url=public_url)

    @routes.get("/o/{link}/reports/{role}")
    def overview_report(link: str, role: str) -> HTMLResponse:
        onboarding = flow.onboarding(link)
        report = own_report(onboarding, _role(role), f"/o/{link}", viewer=None)
        return report or _not_yet()

    @routes.get("/p/{link}")
    def participant(link: str, outdated: bool = False) -> HTMLResponse:
        person = flow.participant(link)
        if person.result is None:
            return _question(person, link, outdated=outdated)
        onboarding = flow.onboarding_of(person)
        combined = combined_report(onboarding, f"/p/{link}")
        if combined is not None:
            return combined
        other = next(p for p in onboarding.participants if p.role != person.role)
        return page("finished.html", person=person, other=other, link=link)

    @routes.post("/p/{link}")
    def step(link: str, form: Annotated[AnswerForm, Form()]) -> Response:
        person = flow.participant(link)
        current = session_of(person).current
        value: object = None
        try:
            if form.action == "back":
                flow.back(link, question=form.question)
            elif form.action == "skip" or _empty_note(current, form.value):
                flow.skip(link, question=form.question)
            else:
                kind = "" if current is None else current.question["kind"]
                value = _value(kind, form.value)
                flow.answer(link, value, question=form.question)
        except Outdated:
            return RedirectResponse(f"/p/{link}?outdated=true", status_code=303)
        except Rejected as rejected:
            error = NOTHING_CHOSEN if value is None else rejected.message
            return _question(person, link, error=error, chosen=form.value)
        return RedirectResponse(f"/p/{link}", status_code=303)

    @routes.get("/p/{link}/reports/{role}")
    def participant_report(link: str, role: str) -> HTMLResponse:
        person = flow.participant(link)
        onboarding = flow.onboarding_of(person)
        report = own_report(onboarding, _role(role), f"/p/{link}", viewer=person.role)
        return report or _not_yet()

    return routes


def _question(
    person: Participant,
    link: str,
    *,
    error: str | None = None,
    chosen: list[str] | None = None,
    outdated: bool = False,
) -> HTMLResponse:
    step = session_of(person).current
    assert step is not None  # not finished, so a question is current
    return page(
        "question.html",
        422 if error else 200,
        person=person,
        link=link,
        step=step,
        chosen=_as_form(step.answer) if chosen is None else chosen,
        error=error,
        outdated=outdated,
    )


def _value(kind: str, values: list[str]) -> object:
    """The form's value(s) as guidestyle takes them; guidestyle judges whether they fit.
    Nothing ticked is no answer, for a multiple choice too: a required question asks for
    one, an optional one has its Skip button."""
    if not values:
        return None
    if kind == "multiple_choice" or len(values) > 1:
        return values
    value = values[0]
    if kind == "likert":
        try:
            return int(value)
        except ValueError:
            return value
    # Browsers send line breaks in a textarea as CRLF but count them as one character.
    return value.replace("\r\n", "\n") if kind == "text" else value


def _as_form(answer: AnswerValue | None) -> list[str]:
    """An answer given earlier, as the values the form shows as chosen."""
    if answer is None:
        return []
    if isinstance(answer, tuple):
        return list(answer)
    return [str(answer)]


def _empty_note(step: Step | None, values: list[str]) -> bool:
    """An optional note left empty counts as skipped rather than as an empty answer."""
    if step is None or step.question["kind"] != "text" or step.question["required"]:
        return False
    return "".join(values).strip() == ""


def _role(role: str) -> Role:
    for known in ROLES:
        if role == known:
            return known
    raise NotFound("There is no such report.")


def _not_yet() -> HTMLResponse:
    message = "The reports open once both people have answered."
    return page("problem.html", 409, title="Not yet", message=message)


def _name_problem(field: str) -> str:
    who = "the new hire" if field == "new_hire" else "the manager"
    return f"Enter the name of {who} (up to 80 characters)."
