"""A session driven by random valid and invalid steps, checked against a simple model."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import guidestyle
from guidestyle import AnswersError, Session, SessionError

from .conftest import DATA

QUESTIONNAIRE = guidestyle.load(DATA / "engine.yaml")
ORDER = [question.id for question in QUESTIONNAIRE.questions]
KEY = b"a key of at least sixteen bytes"


def shown(answers: dict[str, Any]) -> list[str]:
    visible: dict[str, Any] = {}
    result = []
    for question in QUESTIONNAIRE.questions:
        if question.show_if is None or question.show_if.holds(visible):
            result.append(question.id)
            if question.id in answers:
                visible[question.id] = answers[question.id]
    return result


def valid_values(question_id: str) -> st.SearchStrategy[Any]:
    question = QUESTIONNAIRE.question(question_id)
    if isinstance(question, guidestyle.LikertQuestion):
        return st.integers(1, 5)
    if isinstance(question, guidestyle.MultipleChoiceQuestion):
        return st.lists(st.sampled_from(["a", "b", "c"]), unique=True, max_size=2)
    if isinstance(question, guidestyle.ForcedChoiceQuestion):
        return st.sampled_from(["s1", "s2", "s3"])
    if isinstance(question, guidestyle.SingleChoiceQuestion):
        return st.sampled_from([option.id for option in question.options])
    return st.text(max_size=30)


INVALID = st.one_of(
    st.just(None),
    st.booleans(),
    st.floats(allow_nan=True),
    st.integers(6, 99),
    st.just("no-such-option"),
    st.lists(st.just("zz"), min_size=1, max_size=3),
    st.dictionaries(st.text(), st.integers()),
)


def normalised(question_id: str, value: Any) -> Any:
    question = QUESTIONNAIRE.question(question_id)
    if isinstance(question, guidestyle.MultipleChoiceQuestion):
        return tuple(option.id for option in question.options if option.id in value)
    return value


class SessionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.session = Session.start(QUESTIONNAIRE)
        self.answers: dict[str, Any] = {}
        self.position: str | None = ORDER[0]

    def current(self) -> str | None:
        if self.position is None:
            return None
        visible = shown(self.answers)
        return next((q for q in ORDER[ORDER.index(self.position) :] if q in visible), None)

    def next_after(self, question_id: str) -> str | None:
        visible = shown(self.answers)
        return next((q for q in ORDER[ORDER.index(question_id) + 1 :] if q in visible), None)

    @precondition(lambda self: self.current() is not None)
    @rule(data=st.data())
    def answer_valid(self, data: st.DataObject) -> None:
        question_id = self.current()
        assert question_id is not None
        value = data.draw(valid_values(question_id))
        self.session = self.session.answer(value)
        self.answers[question_id] = normalised(question_id, value)
        self.position = self.next_after(question_id)

    @precondition(lambda self: self.current() is not None)
    @rule(value=INVALID)
    def answer_invalid(self, value: Any) -> None:
        question_id = self.current()
        assert question_id is not None
        if isinstance(QUESTIONNAIRE.question(question_id), guidestyle.TextQuestion) and isinstance(
            value, str
        ):
            return  # any text is a valid note
        before = self.session.to_json()
        with pytest.raises(AnswersError):
            self.session.answer(value)
        assert self.session.to_json() == before

    @precondition(lambda self: self.current() is not None)
    @rule()
    def skip(self) -> None:
        question_id = self.current()
        assert question_id is not None
        if QUESTIONNAIRE.question(question_id).required:
            before = self.session.to_json()
            with pytest.raises(SessionError, match=f"question '{question_id}' is required"):
                self.session.skip()
            assert self.session.to_json() == before
            return
        self.session = self.session.skip()
        self.answers.pop(question_id, None)
        self.position = self.next_after(question_id)

    @rule()
    def back(self) -> None:
        visible = shown(self.answers)
        current = self.current()
        index = visible.index(current) if current is not None else len(visible)
        if index == 0:
            with pytest.raises(SessionError, match="already at the first question"):
                self.session.back()
            return
        self.session = self.session.back()
        self.position = visible[index - 1]

    @rule()
    def save_and_restore(self) -> None:
        restored = Session.from_json(QUESTIONNAIRE, self.session.to_json())
        assert restored == self.session
        self.session = restored

    @rule()
    def seal_and_unseal(self) -> None:
        self.session = Session.unseal(QUESTIONNAIRE, self.session.seal(KEY), KEY)

    @invariant()
    def matches_the_model(self) -> None:
        counted = set(shown(self.answers))
        # the session keeps answers to hidden questions, but only shown ones count
        assert self.session.answers == {k: v for k, v in self.answers.items() if k in counted}
        current = self.current()
        step = self.session.current
        if current is None:
            assert step is None
            assert self.session.done
        else:
            assert step is not None
            assert step.question["id"] == current
            visible = shown(self.answers)
            assert (step.number, step.total) == (visible.index(current) + 1, len(visible))
            assert step.answer == self.answers.get(current)
        required_missing = [
            q
            for q in shown(self.answers)
            if q not in self.answers and QUESTIONNAIRE.question(q).required
        ]
        assert list(self.session.missing()) == required_missing

    @precondition(lambda self: self.current() is None)
    @rule()
    def finish(self) -> None:
        if self.session.missing():
            with pytest.raises(AnswersError):
                self.session.finish()
        else:
            visible = set(shown(self.answers))
            expected = guidestyle.score(
                QUESTIONNAIRE, {k: v for k, v in self.answers.items() if k in visible}
            )
            assert self.session.finish() == expected


TestSession = SessionMachine.TestCase
