"""Saying what is wrong with a set of answers: every problem, each naming its question.

Runs only when the plan's fast pass has refused a response (or for one answer at a time,
in sessions), so it can afford to check everything and write the messages. It gives the
same tally as the fast pass when it finds nothing wrong.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping

from ._base import InvalidAnswer
from ._compiled import AnswerValue
from ._errors import (
    MAX_PROBLEMS,
    AnswersError,
    KeyPath,
    Problem,
    Suggestions,
    describe,
    did_you_mean,
    path_key,
    quoted_key,
    shorten,
)
from ._plan import Entry, Plan, Tally, uncovered_styles

NOT_SHOWN = "answered, but not shown for these answers (its show_if condition does not hold)"


def problems_of(entry: Entry, error: InvalidAnswer, source: str | None) -> list[Problem]:
    """The problems an invalid answer to ``entry`` has, located at the question."""
    problems = []
    for issue in error.issues:
        path: KeyPath = (entry.id,) if issue.at is None else (entry.id, issue.at)
        problems.append(Problem(issue.message, path=path, source=source, hint=issue.hint))
    return problems


def check_answer(plan: Plan, question_id: str, value: object) -> AnswerValue:
    """``value`` normalised as an answer to one question; :class:`AnswersError` if invalid."""
    entry = plan.by_id.get(question_id)
    if entry is None:
        hint = did_you_mean(question_id, plan.by_id)
        raise AnswersError(
            [Problem(f"unknown question {quoted_key(question_id)}", path=(question_id,), hint=hint)]
        )
    try:
        return plan.question(entry).check_answer(value, plan.questionnaire)
    except InvalidAnswer as error:
        raise AnswersError(problems_of(entry, error, None)) from None


def checked_tally(plan: Plan, answers: object, source: str | None) -> Tally:
    """The tally of ``answers``, or :class:`AnswersError` listing every problem in them."""
    if not isinstance(answers, Mapping):
        message = f"answers must be a mapping of question id to answer, found {describe(answers)}"
        raise AnswersError([Problem(message, source=source)])
    problems, omitted = _unknown_questions(plan, answers, source)
    questionnaire = plan.questionnaire
    valid: dict[str, object] = {}
    answered = shown = 0
    unsure: set[str] = set()  # questions whose answer was invalid: visibility unknown
    for entry in plan.entries:
        value = answers.get(entry.id)
        if entry.shows is not None:
            if unsure and entry.depends_on & unsure:
                unsure.add(entry.id)
                if value is not None:
                    try:
                        plan.question(entry).check_answer(value, questionnaire)
                    except InvalidAnswer as error:
                        problems += problems_of(entry, error, source)
                continue
            if not entry.shows(valid):  # type: ignore[arg-type]
                if value is not None:
                    problems.append(Problem(NOT_SHOWN, path=(entry.id,), source=source))
                continue
        shown += entry.reach
        if value is None:
            if entry.required:
                message = "a required question is not answered"
                problems.append(Problem(message, path=(entry.id,), source=source))
            continue
        try:
            answer = plan.question(entry).check_answer(value, questionnaire)
        except InvalidAnswer as error:
            problems += problems_of(entry, error, source)
            unsure.add(entry.id)
            continue
        hit = entry.read(answer)
        assert hit is not None, "a checked answer reads"
        valid[entry.id] = answer
        answered += hit[1]
    tally = Tally(plan, valid, answered, shown)
    if not problems:
        problems = [
            Problem(
                f"too few answers to score style {style!r}: {done} of {asked} shown "
                f"questions on it answered; at least {plan.policy.coverage_text} are needed",
                source=source,
            )
            for style, done, asked in uncovered_styles(plan, tally)
        ]
    if problems:
        position = {entry.id: entry.position for entry in plan.entries}
        last = len(plan.entries)

        def order(problem: Problem) -> tuple[int, str]:
            first = position.get(str(problem.path[0])) if problem.path else None
            return (last if first is None else first, str(problem.path))

        raise AnswersError(sorted(problems, key=order), omitted=omitted)
    return tally


def _unknown_questions(
    plan: Plan, answers: Mapping[object, object], source: str | None
) -> tuple[list[Problem], int]:
    """A problem for each key that is not a question, for as many as an error lists (they
    come after every other problem, in this order), and how many more there are."""
    problems = []
    hint_for = Suggestions(plan.by_id)
    unknown = answers.keys() - plan.ids
    first = heapq.nsmallest(MAX_PROBLEMS, unknown, key=_unknown_order)
    for key in first:
        if isinstance(key, str):
            message, hint = f"unknown question {quoted_key(key)}", hint_for(key)
        else:  # YAML's 1: and true: are not the questions '1' and 'true'
            message = f"a question id must be a text, found {describe(key)}"
            hint = None if key is None else f"write it in quotes: '{shorten(path_key(key))}'"
        problems.append(Problem(message, path=(path_key(key),), source=source, hint=hint))
    return problems, len(unknown) - len(first)


def _unknown_order(key: object) -> tuple[str, str]:
    """As the problems are listed: by their path as a text (a number key beside its text)."""
    return str((path_key(key),)), type(key).__name__
