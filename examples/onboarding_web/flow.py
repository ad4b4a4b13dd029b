"""The two-person onboarding flow on guidestyle sessions, the same for HTML pages and JSON.

The new hire answers the ``learner`` questionnaire and the manager ``situation``. Every step
restores the participant's saved session, applies one move (answer, skip or back) and saves
the new session, and the result once every shown question is answered. The move is worked
out before the write begins, and saved only if nothing changed the row meanwhile.

Each person's session is started in the language chosen for their link, so their questions
come in it. A refusal carries its message as a template and the values to fill in, so that a
page can show it in the person's language and the JSON API in English.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import guidestyle
from guidestyle import AnswersError, Comparison, Questionnaire, Result, Session, SessionError

from .i18n import DEFAULT_LANGUAGE, N_, translations
from .links import Links
from .store import ROLES, Contended, NewParticipant, Onboarding, Participant, Role, Saved, Store

QUESTIONNAIRES: dict[Role, str] = {"new_hire": "learner", "manager": "situation"}
ROLE_LABELS: dict[Role, str] = {"new_hire": N_("new hire"), "manager": N_("manager")}
NO_PARTICIPANT = N_("There is no questionnaire at this link. Check that it was copied whole.")
NO_ONBOARDING = N_("There is no onboarding at this link. Check that it was copied whole.")
BUSY = N_(
    "These answers were being changed from somewhere else at the same moment, so nothing "
    "was saved. Reload the page to see where they stand."
)
FINISHED = N_("These answers are finished and can no longer be changed.")
OUT_OF_DATE = N_(
    "That page was out of date: the current question is not %(question)s. Nothing was changed."
)
CHANGED = N_(
    "%(name)s's answers were saved for another version of the questionnaire, so they "
    "cannot be continued here."
)
NOT_POSSIBLE = N_("That step is not possible here.")
COMPARED = N_("%(name)s (%(role)s)")


class FlowError(Exception):
    """A request the flow refuses; ``status`` is the HTTP status it stands for.

    ``template`` is the message in English with named placeholders, ``values`` what fills
    them; :meth:`in_language` gives it in another language. ``detail`` (English, from
    guidestyle) follows the message in the JSON API only.
    """

    status = 409

    def __init__(self, template: str, detail: str | None = None, **values: str) -> None:
        self.template = template
        self.values = values
        self.detail = detail
        self.message = template % values if values else template
        if detail:
            self.message = f"{self.message} ({detail})"
        super().__init__(self.message)

    def in_language(self, language: str) -> str:
        """The message in ``language``; guidestyle's detail only in English, its language."""
        translated = translations(language).gettext(self.template)
        message = translated % self.values if self.values else translated
        return f"{message} ({self.detail})" if self.detail and language == "en" else message

    def problems(self) -> list[dict[str, Any]]:
        return [{"message": self.message, "path": []}]


class NotFound(FlowError):
    status = 404


class Outdated(FlowError):
    """The move was meant for another question than the current one (a stale page)."""


class CannotResume(FlowError):
    """The saved session no longer fits its questionnaire."""


class StepRefused(FlowError):
    """guidestyle refused the move (back at the first question, skip a required one): the
    API says guidestyle's reason, a page says that the step is not possible."""

    def in_language(self, language: str) -> str:
        return translations(language).gettext(NOT_POSSIBLE)


class Rejected(FlowError):
    """guidestyle refused the answer; ``error.problems`` say why."""

    status = 422

    def __init__(self, error: AnswersError) -> None:
        super().__init__("; ".join(problem.message for problem in error.problems))
        self.error = error
        self.template = self.message  # guidestyle's words for developers: see pages.py

    def in_language(self, language: str) -> str:
        return self.message

    def problems(self) -> list[dict[str, Any]]:
        return [
            {"message": problem.message, "path": list(problem.path), "hint": problem.hint}
            for problem in self.error.problems
        ]


def questionnaire_of(participant: Participant) -> Questionnaire:
    return guidestyle.builtin(participant.questionnaire)


def session_of(participant: Participant) -> Session:
    """The participant's saved session; :class:`CannotResume` if it no longer fits."""
    try:
        return Session.from_json(questionnaire_of(participant), participant.session)
    except (SessionError, guidestyle.QuestionnaireError) as error:
        raise CannotResume(CHANGED, str(error), name=participant.name) from None


def result_of(participant: Participant) -> Result | None:
    return None if participant.result is None else Result.from_json(participant.result)


def comparison_of(onboarding: Onboarding, language: str = DEFAULT_LANGUAGE) -> Comparison | None:
    """The new hire's view next to the manager's, once both have finished; each labelled
    with the name and role (in ``language``)."""
    first, second = (result_of(person) for person in onboarding.participants)
    if first is None or second is None:
        return None
    words = translations(language)
    labels = tuple(
        words.gettext(COMPARED) % {"name": p.name, "role": words.gettext(ROLE_LABELS[p.role])}
        for p in onboarding.participants
    )
    return guidestyle.compare(first, second, labels=(labels[0], labels[1]))


class Flow:
    """Onboardings addressed by their links."""

    def __init__(self, store: Store, links: Links) -> None:
        self.store = store
        self.links = links

    def link(self, item: Onboarding | Participant) -> str:
        return self.links.link(item.id)

    def create(
        self, new_hire: str, manager: str, languages: dict[Role, str] | None = None
    ) -> Onboarding:
        """A new onboarding; each person is asked in their language of ``languages``
        (by default English)."""
        names: dict[Role, str] = {"new_hire": new_hire, "manager": manager}
        chosen = languages or {}
        onboarding = self.links.new_id()
        return self.store.create(
            onboarding,
            tuple(
                NewParticipant(
                    id=self.links.new_id(),
                    role=role,
                    name=names[role],
                    questionnaire=QUESTIONNAIRES[role],
                    session=Session.start(
                        guidestyle.builtin(QUESTIONNAIRES[role]),
                        language=chosen.get(role, DEFAULT_LANGUAGE),
                    ).to_json(),
                )
                for role in ROLES
            ),
        )

    def onboarding(self, link: str) -> Onboarding:
        item_id = self.links.id_of(link)
        found = None if item_id is None else self.store.onboarding(item_id)
        if found is None:
            raise NotFound(NO_ONBOARDING)
        return found

    def participant(self, link: str) -> Participant:
        item_id = self.links.id_of(link)
        found = None if item_id is None else self.store.participant(item_id)
        if found is None:
            raise NotFound(NO_PARTICIPANT)
        return found

    def onboarding_of(self, participant: Participant) -> Onboarding:
        found = self.store.onboarding(participant.onboarding)
        assert found is not None  # a foreign key
        return found

    def answer(self, link: str, value: object, *, question: str | None = None) -> Participant:
        return self._step(link, lambda session: session.answer(value), question)

    def skip(self, link: str, *, question: str | None = None) -> Participant:
        return self._step(link, Session.skip, question)

    def back(self, link: str, *, question: str | None = None) -> Participant:
        return self._step(link, Session.back, question)

    def _step(
        self, link: str, move: Callable[[Session], Session], question: str | None
    ) -> Participant:
        def step(participant: Participant) -> Saved:
            if participant.result is not None:
                raise FlowError(FINISHED)
            session = session_of(participant)
            current = session.current
            if question is not None and (current is None or current.question["id"] != question):
                raise Outdated(OUT_OF_DATE, question=repr(question))
            try:
                session = _settle(move(session))
                result = session.finish() if session.done else None
            except AnswersError as error:
                raise Rejected(error) from None
            except SessionError as error:
                raise StepRefused(str(error)) from None
            return Saved(session.to_json(), None if result is None else result.to_json())

        item_id = self.links.id_of(link)
        try:
            updated = None if item_id is None else self.store.update(item_id, step)
        except Contended:
            raise FlowError(BUSY) from None
        if updated is None:
            raise NotFound(NO_PARTICIPANT)
        return updated


def _settle(session: Session) -> Session:
    """Every question passed but a required one unanswered (a later answer can show an
    earlier question): go back to it, as ``guidestyle take`` does."""
    if session.current is not None or not session.missing():
        return session
    return session.at(session.missing()[0])
