"""Evaluating show-if conditions, and listing which questions a condition reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ._model import AllOf, AnyOf, AtLeast, Condition, Equals, OneOf
from ._result import AnswerValue


def holds(condition: Condition, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether ``condition`` holds for ``answers``; an unanswered question never matches."""
    if isinstance(condition, AllOf):
        return all(holds(part, answers) for part in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(part, answers) for part in condition.any)
    answer = answers.get(condition.question)
    if answer is None:
        return False
    if isinstance(condition, AtLeast):
        return isinstance(answer, int) and answer >= condition.at_least
    wanted = (condition.equals,) if isinstance(condition, Equals) else condition.one_of
    if isinstance(answer, tuple):
        return any(value in answer for value in wanted)
    return any(value == answer and type(value) is type(answer) for value in wanted)


def referenced_questions(condition: Condition) -> Iterator[str]:
    """The ids of the questions ``condition`` reads, in the order written."""
    if isinstance(condition, (AllOf, AnyOf)):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        for part in parts:
            yield from referenced_questions(part)
    elif isinstance(condition, (Equals, OneOf, AtLeast)):
        yield condition.question
