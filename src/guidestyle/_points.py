"""How many points each answer to a scored question gives each style."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import combinations

from ._model import (
    ForcedChoiceQuestion,
    LikertQuestion,
    MultipleChoiceQuestion,
    Questionnaire,
    ScoredQuestion,
    SingleChoiceQuestion,
)
from ._result import AnswerValue

Points = Mapping[str, int]


def answer_points(
    question: ScoredQuestion, questionnaire: Questionnaire, answer: AnswerValue
) -> dict[str, int]:
    """Points that a valid ``answer`` to ``question`` gives each style (styles left out get 0)."""
    if isinstance(question, LikertQuestion):
        scale = questionnaire.scales[question.scale]
        assert isinstance(answer, int)
        return {question.style: scale.max - answer if question.reverse else answer - scale.min}
    if isinstance(question, ForcedChoiceQuestion):
        statement = next(s for s in question.statements if s.id == answer)
        return {statement.style: 1}
    chosen = answer if isinstance(answer, tuple) else (answer,)
    points: dict[str, int] = {}
    for option in question.options:
        if option.id in chosen:
            for style, weight in option.weights.items():
                points[style] = points.get(style, 0) + weight
    return points


def possible_answers(
    question: ScoredQuestion, questionnaire: Questionnaire
) -> Iterator[AnswerValue]:
    """Every valid answer to ``question`` (for multiple choice, every allowed selection)."""
    if isinstance(question, LikertQuestion):
        scale = questionnaire.scales[question.scale]
        yield from range(scale.min, scale.max + 1)
    elif isinstance(question, (ForcedChoiceQuestion, SingleChoiceQuestion)):
        yield from question.choice_ids
    elif isinstance(question, MultipleChoiceQuestion):
        ids = list(question.choice_ids)
        for size in range((question.max_choices or len(ids)) + 1):
            yield from combinations(ids, size)


def maximum_points(question: ScoredQuestion, questionnaire: Questionnaire) -> dict[str, int]:
    """The most points any answer to ``question`` can give each style it reaches."""
    if isinstance(question, LikertQuestion):
        scale = questionnaire.scales[question.scale]
        return {question.style: scale.max - scale.min}
    if isinstance(question, ForcedChoiceQuestion):
        return {statement.style: 1 for statement in question.statements}
    best: dict[str, int] = {}
    limit = (
        question.max_choices or len(question.options)
        if isinstance(question, MultipleChoiceQuestion)
        else 1
    )
    for style in questionnaire.styles:
        weights = sorted(
            (option.weights.get(style, 0) for option in question.options), reverse=True
        )
        total = sum(weights[:limit])
        if total:
            best[style] = total
    return best
