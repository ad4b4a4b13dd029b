"""The HTML pages: plain forms that post back, one question per page, no JavaScript.

A person's pages are in the language of their session (chosen with their link); the start
page and the overview take ``?lang=``, else the browser's ``Accept-Language``. When
guidestyle refuses an answer, the page says why in the person's language, by the kind of
mistake it can see in the form (nothing chosen, too many, not one of the answers shown, too
long), not from guidestyle's message, which is for developers and in English.
"""

from __future__ import annotations

from typing import Annotated, Any

from babel.numbers import format_decimal
from fastapi import APIRouter, Form, Header
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from guidestyle import AnswerValue, Step

from .flow import Flow, NotFound, Outdated, Rejected, session_of
from .i18n import N_, offered, page_language, translations
from .models import AnswerForm, NewOnboarding, OnboardingState
from .rendering import combined_report, own_report, page
from .store import ROLES, Participant, Role

NOTHING_CHOSEN = N_("Choose an answer to go on.")
NOT_SHOWN = N_("Choose one of the answers shown.")
TOO_LONG = N_("The answer is %(length)s characters long; at most %(most)s are allowed.")
NOT_KEPT = N_("This answer cannot be kept as it is; change it and try again.")
NO_REPORT = N_("There is no such report.")
NOT_YET = N_("Not yet")
REPORTS_LATER = N_("The reports open once both people have answered.")
NAME_NEEDED = {
    "new_hire": N_("Enter the name of the new hire (up to 80 characters)."),
    "manager": N_("Enter the name of the manager (up to 80 characters)."),
}


def router(flow: Flow, public_url: str) -> APIRouter:
    """The pages; the links to send people start with ``public_url``, whatever ``Host`` the
    request named."""
    routes = APIRouter(include_in_schema=False)  # the OpenAPI describes the JSON API

    @routes.get("/")
    def home(
        lang: str | None = None, accept_language: Annotated[str | None, Header()] = None
    ) -> HTMLResponse:
        language = page_language(lang, accept_language)
        languages = {"new_hire": language, "manager": language}
        names = {"new_hire": "", "manager": ""}
        return page("home.html", language=language, names=names, chosen=languages, problems=[])

    @routes.post("/onboardings")
    def create(
        new_hire: Annotated[str, Form()] = "",
        manager: Annotated[str, Form()] = "",
        lang: Annotated[str, Form()] = "en",
        new_hire_language: Annotated[str, Form()] = "en",
        manager_language: Annotated[str, Form()] = "en",
    ) -> Response:
        chosen: dict[Role, str] = {
            "new_hire": offered(new_hire_language),
            "manager": offered(manager_language),
        }
        return _create(flow, {"new_hire": new_hire, "manager": manager}, chosen, offered(lang))

    @routes.get("/o/{link}")
    def overview(
        link: str, lang: str | None = None, accept_language: Annotated[str | None, Header()] = None
    ) -> HTMLResponse:
        language = page_language(lang, accept_language)
        onboarding = flow.onboarding(link)
        combined = combined_report(onboarding, f"/o/{link}", language)
        if combined is not None:
            return combined
        state = OnboardingState.of(flow, onboarding)
        return page(
            "overview.html", language=language, people=state.participants, base_url=public_url
        )

    @routes.get("/o/{link}/reports/{role}")
    def overview_report(
        link: str,
        role: str,
        lang: str | None = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> HTMLResponse:
        language = page_language(lang, accept_language)
        onboarding = flow.onboarding(link)
        report = own_report(onboarding, _role(role), f"/o/{link}", viewer=None, language=language)
        return report or _not_yet(language)

    @routes.get("/p/{link}")
    def participant(link: str, outdated: bool = False) -> HTMLResponse:
        person = flow.participant(link)
        language = _language_of(person)
        if person.result is None:
            return _question(person, link, outdated=outdated)
        onboarding = flow.onboarding_of(person)
        combined = combined_report(onboarding, f"/p/{link}", language)
        if combined is not None:
            return combined
        other = next(p for p in onboarding.participants if p.role != person.role)
        return page("finished.html", language=language, person=person, other=other, link=link)

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
        except Rejected:
            assert current is not None  # an answer was refused, so a question is current
            error = _why(current.question, value, _language_of(person))
            return _question(person, link, error=error, chosen=form.value)
        return RedirectResponse(f"/p/{link}", status_code=303)

    @routes.get("/p/{link}/reports/{role}")
    def participant_report(link: str, role: str) -> HTMLResponse:
        person = flow.participant(link)
        onboarding = flow.onboarding_of(person)
        language = _language_of(person)
        report = own_report(
            onboarding, _role(role), f"/p/{link}", viewer=person.role, language=language
        )
        return report or _not_yet(language)

    return routes


def _create(flow: Flow, given: dict[str, str], chosen: dict[Role, str], language: str) -> Response:
    """A new onboarding, and the overview of it in ``language``; the start page again,
    saying what is missing, when a name is."""
    try:
        names = NewOnboarding(new_hire=given["new_hire"], manager=given["manager"])
    except ValidationError as error:
        words = translations(language)
        problems = [words.gettext(NAME_NEEDED[str(p["loc"][0])]) for p in error.errors()]
        return page(
            "home.html", 422, language=language, names=given, chosen=chosen, problems=problems
        )
    onboarding = flow.create(names.new_hire, names.manager, chosen)
    return RedirectResponse(f"/o/{flow.link(onboarding)}?lang={language}", status_code=303)


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
        language=_language_of(person),
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
    raise NotFound(NO_REPORT)


def _not_yet(language: str) -> HTMLResponse:
    words = translations(language)
    title, message = words.gettext(NOT_YET), words.gettext(REPORTS_LATER)
    return page("problem.html", 409, language=language, title=title, message=message)


def _why(question: dict[str, Any], value: object, language: str) -> str:
    """Why guidestyle refused ``value``, in ``language``: told by what the form sent,
    against the question's outline, one message per kind of mistake."""
    words = translations(language)
    if value is None:
        return words.gettext(NOTHING_CHOSEN)
    if question["kind"] == "text":
        length, most = len(str(value)), question["max_length"]
        if length <= most:
            return words.gettext(NOT_KEPT)
        numbers = {"length": length, "most": most}
        return words.gettext(TOO_LONG) % {
            key: format_decimal(number, locale=language) for key, number in numbers.items()
        }
    most = question.get("max_choices")
    if isinstance(value, list) and most is not None and len(value) > most:
        return words.ngettext(
            "Choose at most %(num)s answer.", "Choose at most %(num)s answers.", most
        ) % {"num": most}
    return words.gettext(NOT_SHOWN)  # a point off the scale, an option not offered


def _language_of(person: Participant) -> str:
    """The language the person's session asks in (one the app offers)."""
    return offered(session_of(person).language)
