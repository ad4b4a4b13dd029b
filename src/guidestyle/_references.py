"""Checks that every id a questionnaire refers to exists and fits where it is used."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ._errors import KeyPath, Problem, did_you_mean
from ._model import (
    AllOf,
    AnyOf,
    AtLeast,
    Condition,
    Equals,
    ForcedChoiceQuestion,
    LikertQuestion,
    MultipleChoiceQuestion,
    OneOf,
    Question,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
)
from ._texts import iter_texts


def _unknown(
    what: str, value: str, known: Iterable[str], path: KeyPath, *, about_key: bool = False
) -> Problem:
    hint = did_you_mean(value, list(known))
    return Problem(f"unknown {what} '{value}'", path=path, hint=hint, about_key=about_key)


def _duplicates(
    ids: Iterable[str], what: str, path_of: KeyPath, key: str | None = "id"
) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield Problem(
                f"duplicate {what} '{item_id}' (also at {path_of[-1]}[{seen[item_id]}])",
                path=(*path_of, index) if key is None else (*path_of, index, key),
            )
        else:
            seen[item_id] = index


def reference_problems(questionnaire: Questionnaire) -> list[Problem]:
    """Every dangling or ill-fitting reference in ``questionnaire``, in file order."""
    q = questionnaire
    problems: list[Problem] = []
    styles = list(q.styles)

    problems += _duplicates(q.languages, "language", ("languages",), key=None)
    for path, text in iter_texts(q):
        if not isinstance(text, str):
            for language in text:
                if language not in q.languages:
                    problems.append(
                        Problem(
                            f"unknown language '{language}'; the questionnaire declares "
                            + ", ".join(q.languages),
                            path=(*path, language),
                            about_key=True,
                        )
                    )

    problems += _duplicates((source.id for source in q.sources), "source id", ("sources",))
    source_ids = [source.id for source in q.sources]
    for distinction_id, distinction in q.distinctions.items():
        for source_index, source_id in enumerate(distinction.sources):
            if source_id not in source_ids:
                path = ("distinctions", distinction_id, "sources", source_index)
                problems.append(_unknown("source", source_id, source_ids, path))
        for style_id in distinction.positions:
            if style_id not in q.styles:
                path = ("distinctions", distinction_id, "positions", style_id)
                problems.append(_unknown("style", style_id, styles, path, about_key=True))

    problems += _duplicates(
        (question.id for question in q.questions), "question id", ("questions",)
    )
    for index, question in enumerate(q.questions):
        problems += _question_problems(q, index, question, source_ids)

    for style_id in q.results:
        if style_id not in q.styles:
            path = ("results", style_id)
            problems.append(_unknown("style", style_id, styles, path, about_key=True))
    return problems


def _question_problems(
    q: Questionnaire, index: int, question: Question, source_ids: list[str]
) -> Iterator[Problem]:
    base: KeyPath = ("questions", index)
    styles = list(q.styles)
    if not isinstance(question, TextQuestion):
        if question.distinction not in q.distinctions:
            yield _unknown(
                "distinction", question.distinction, q.distinctions, (*base, "distinction")
            )
        for source_index, source_id in enumerate(question.sources):
            if source_id not in source_ids:
                yield _unknown("source", source_id, source_ids, (*base, "sources", source_index))
    if isinstance(question, LikertQuestion):
        if question.scale not in q.scales:
            yield _unknown("scale", question.scale, q.scales, (*base, "scale"))
        if question.style not in q.styles:
            yield _unknown("style", question.style, styles, (*base, "style"))
    elif isinstance(question, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        yield from _duplicates(question.choice_ids, "option id", (*base, "options"))
        for option_index, option in enumerate(question.options):
            for style_id in option.weights:
                if style_id not in q.styles:
                    path = (*base, "options", option_index, "weights", style_id)
                    yield _unknown("style", style_id, styles, path, about_key=True)
    elif isinstance(question, ForcedChoiceQuestion):
        statements = question.statements
        yield from _duplicates(question.choice_ids, "statement id", (*base, "statements"))
        for statement_index, statement in enumerate(statements):
            if statement.style not in q.styles:
                path = (*base, "statements", statement_index, "style")
                yield _unknown("style", statement.style, styles, path)
    if question.show_if is not None:
        yield from _condition_problems(q, question.show_if, (*base, "show_if"))


def _condition_problems(q: Questionnaire, condition: Condition, path: KeyPath) -> Iterator[Problem]:
    if isinstance(condition, (AllOf, AnyOf)):
        key = "all" if isinstance(condition, AllOf) else "any"
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        for index, part in enumerate(parts):
            yield from _condition_problems(q, part, (*path, key, index))
        return
    ids = [question.id for question in q.questions]
    if condition.question not in ids:
        yield _unknown("question", condition.question, ids, (*path, "question"))
        return
    target = q.question(condition.question)
    if isinstance(target, TextQuestion):
        yield Problem(
            f"conditions cannot depend on the free-text question '{target.id}'",
            path=(*path, "question"),
        )
        return
    if isinstance(condition, AtLeast):
        if not isinstance(target, LikertQuestion):
            yield Problem(
                f"at_least needs a Likert question; '{target.id}' is {target.kind}",
                path=(*path, "at_least"),
            )
        else:
            yield from _value_problems(q, target, condition.at_least, (*path, "at_least"))
    elif isinstance(condition, Equals):
        yield from _value_problems(q, target, condition.equals, (*path, "equals"))
    elif isinstance(condition, OneOf):
        for index, value in enumerate(condition.one_of):
            yield from _value_problems(q, target, value, (*path, "one_of", index))


def _value_problems(
    q: Questionnaire, target: Question, value: str | int, path: KeyPath
) -> Iterator[Problem]:
    if isinstance(target, LikertQuestion):
        scale = q.scales.get(target.scale)
        if scale is None:
            return
        if not isinstance(value, int) or not scale.min <= value <= scale.max:
            yield Problem(
                f"'{target.id}' is answered on a scale from {scale.min} to {scale.max}; "
                f"{value!r} is not a point on it",
                path=path,
            )
        return
    if isinstance(target, ForcedChoiceQuestion):
        answer_ids = list(target.choice_ids)
        what = "statement"
    elif isinstance(target, (SingleChoiceQuestion, MultipleChoiceQuestion)):
        answer_ids = list(target.choice_ids)
        what = "option"
    else:
        return
    if isinstance(value, int) and str(value) in answer_ids:
        yield Problem(
            f"'{target.id}' has no {what} {value}, only the text '{value}'",
            path=path,
            hint=f"write it in quotes: '{value}'",
        )
    elif value not in answer_ids:
        yield Problem(
            f"'{target.id}' has no {what} '{value}'",
            path=path,
            hint=did_you_mean(str(value), answer_ids),
        )
