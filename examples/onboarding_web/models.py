"""The shapes of requests and responses: pydantic models, shared by the pages and the API."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints

from .flow import ROLE_LABELS, Flow, result_of, session_of
from .store import Onboarding, Participant, Role

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Language = Literal["en", "fr"]  # onboarding_web.i18n.LANGUAGES


class NewOnboarding(BaseModel):
    """Who is being onboarded, and by whom; the language each is asked in."""

    model_config = ConfigDict(extra="forbid")
    new_hire: Name
    manager: Name
    new_hire_language: Language = "en"
    manager_language: Language = "en"


class Answer(BaseModel):
    """An answer to the current question; ``question`` guards against answering a stale one."""

    model_config = ConfigDict(extra="forbid")
    value: JsonValue
    question: str | None = None


class Move(BaseModel):
    """Back or skip; ``question``, when given, must be the current question."""

    model_config = ConfigDict(extra="forbid")
    question: str | None = None


class AnswerForm(BaseModel):
    """The question page's form: which button was pressed and the value(s) chosen."""

    question: str = ""
    action: Literal["answer", "back", "skip"] = "answer"
    value: list[str] = Field(default_factory=list)


class Problem(BaseModel):
    """One thing wrong with a request: what, where (a path into the body or the answers),
    and a hint when there is one."""

    message: str
    path: list[str | int]
    hint: str | None = None


class Problems(BaseModel):
    """Why a request was refused: every refusal of the JSON API answers this."""

    problems: list[Problem]


class ParticipantState(BaseModel):
    """Where one person stands: the current question in outline form, or done."""

    id: str
    role: Role
    role_label: str
    name: str
    questionnaire: str
    language: str
    done: bool
    question: dict[str, Any] | None
    number: int | None
    total: int
    answer: JsonValue
    answers: dict[str, JsonValue]
    recommendation: str | None

    @classmethod
    def of(cls, flow: Flow, participant: Participant) -> ParticipantState:
        session = session_of(participant)
        step = session.current
        result = result_of(participant)
        return cls(
            id=flow.link(participant),
            role=participant.role,
            role_label=ROLE_LABELS[participant.role],
            name=participant.name,
            questionnaire=participant.questionnaire,
            language=session.language,
            done=result is not None,
            question=None if step is None else step.question,
            number=None if step is None else step.number,
            total=len(session.shown()),
            answer=None if step is None else _json(step.answer),
            answers={key: _json(value) for key, value in session.answers.items()},
            recommendation=None if result is None else result.recommendation.style,
        )


class OnboardingState(BaseModel):
    id: str
    participants: list[ParticipantState]
    done: bool

    @classmethod
    def of(cls, flow: Flow, onboarding: Onboarding) -> OnboardingState:
        people = [ParticipantState.of(flow, person) for person in onboarding.participants]
        return cls(
            id=flow.link(onboarding),
            participants=people,
            done=all(person.done for person in people),
        )


def _json(value: object) -> JsonValue:
    if isinstance(value, tuple):
        return list(value)
    assert value is None or isinstance(value, (str, int))
    return value
