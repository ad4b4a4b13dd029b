"""Scoring: a questionnaire compiled once into lookup tables, then answers scored against it.

All arithmetic is on integers. A style's score is its share of the points that the shown,
answered questions allow, as an exact fraction rounded half-up to hundredths. Decisions
(ranking, margin, strength) are made on those rounded scores, the numbers a reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ._conditions import holds, referenced_questions
from ._errors import AnswersError, Problem, describe, did_you_mean
from ._explain import build_explanation
from ._model import (
    Condition,
    ForcedChoiceQuestion,
    LikertQuestion,
    MultipleChoiceQuestion,
    Question,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
)
from ._points import answer_points, maximum_points
from ._result import (
    AnswerValue,
    Coverage,
    QuestionnaireRef,
    Recommendation,
    Result,
    Strength,
    StyleCoverage,
    share,
    to_points,
)
from ._version import __version__

_SURROGATE = re.compile("[\ud800-\udfff]")
_WRITTEN_NUMBER = re.compile(r"-?[0-9]{1,6}")  # ASCII digits, as a scale point is written
_NOT_SHOWN = "answered, but not shown for these answers (its show_if condition does not hold)"


def _column_sums(rows: list[tuple[int, ...]] | list[tuple[bool, ...]], width: int) -> list[int]:
    return [sum(column) for column in zip(*rows, strict=True)] or [0] * width


@dataclass(frozen=True, slots=True)
class _Item:
    """One question, compiled."""

    question: Question
    id: str
    kind: str
    """``likert``, ``choice`` (single or forced), ``multiple`` or ``text``."""
    required: bool
    condition: Condition | None
    depends_on: frozenset[str]
    table: Mapping[object, tuple[int, ...]]
    """Answer (scale point, option or statement id) to points per style; options for
    multiple choice."""
    maximum: tuple[int, ...]
    reaches: tuple[bool, ...]
    max_choices: int
    selections: dict[frozenset[object], tuple[AnswerValue, tuple[int, ...]]]
    """Multiple choice only: each valid selection already seen, with its normalised answer
    and points. Only :meth:`Scorer._validated` adds to it, so a hit is a valid answer."""
    static: tuple[int, ...]
    """``maximum`` then ``reaches`` (as 0 or 1), summed in one pass over answered questions."""
    scored: bool
    distinction: str
    """The distinction a scored question expresses; empty for a text question."""


@dataclass(slots=True)
class Tally:
    """Validated answers and their points; what the explanation is built from."""

    answers: dict[str, AnswerValue]
    items: list[tuple[_Item, AnswerValue, tuple[int, ...]]]
    totals: list[int]
    maxima: list[int]
    shown: list[int]
    answered: list[int]
    shown_scored: int


class Scorer:
    """A questionnaire compiled for scoring; build once, score many responses.

    ``guidestyle.score`` keeps the scorers of recently used questionnaires, so most code
    never needs this class; use it to hold a scorer explicitly.
    """

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.styles: tuple[str, ...] = tuple(questionnaire.styles)
        self._items = tuple(self._compile(question) for question in questionnaire.questions)
        self._by_id = {item.id: item for item in self._items}
        self._position = {item.id: index for index, item in enumerate(self._items)}
        policy = questionnaire.scoring
        self._clear = round(policy.clear_margin * 100)
        self._leaning = round(policy.leaning_margin * 100)
        self._balanced = round(policy.balanced_spread * 100)
        # exact: 0.28 of 25 is 7, not 7.000000000000001
        coverage = Fraction(str(policy.min_coverage))
        self._coverage_ratio = (coverage.numerator, coverage.denominator)
        self._coverage_text = f"{policy.min_coverage:.0%}"
        self._ref = QuestionnaireRef(questionnaire.id, questionnaire.version, questionnaire.digest)

    def _compile(self, question: Question) -> _Item:
        q = self.questionnaire
        vector = self._vector
        table: dict[object, tuple[int, ...]] = {}
        maximum = tuple(0 for _ in self.styles)
        max_choices = 0
        if isinstance(question, LikertQuestion):
            scale = q.scales[question.scale]
            table = {
                p: vector(answer_points(question, q, p)) for p in range(scale.min, scale.max + 1)
            }
        elif isinstance(question, (SingleChoiceQuestion, ForcedChoiceQuestion)):
            table = {a: vector(answer_points(question, q, a)) for a in question.choice_ids}
        elif isinstance(question, MultipleChoiceQuestion):
            table = {o.id: vector(dict(o.weights)) for o in question.options}
            max_choices = question.max_choices or len(question.options)
        if not isinstance(question, TextQuestion):
            maximum = vector(maximum_points(question, q))
        condition = question.show_if
        return _Item(
            question=question,
            id=question.id,
            kind=_KINDS[question.kind],
            required=question.required,
            condition=condition,
            depends_on=frozenset(referenced_questions(condition)) if condition else frozenset(),
            table=table,
            maximum=maximum,
            reaches=tuple(points > 0 for points in maximum),
            max_choices=max_choices,
            selections={},
            static=maximum + tuple(int(points > 0) for points in maximum),
            scored=not isinstance(question, TextQuestion),
            distinction="" if isinstance(question, TextQuestion) else question.distinction,
        )

    def _vector(self, points: Mapping[str, int]) -> tuple[int, ...]:
        return tuple(points.get(style, 0) for style in self.styles)

    # One question at a time (for sessions) -------------------------------------------

    def check_answer(self, question_id: str, value: object) -> AnswerValue:
        """``value`` normalised as an answer to one question; :class:`AnswersError` if invalid."""
        item = self._by_id.get(question_id)
        if item is None:
            hint = did_you_mean(question_id, self._by_id)
            message = f"unknown question {question_id!r}"
            raise AnswersError([Problem(message, path=(question_id,), hint=hint)])
        problems: list[Problem] = []
        checked = self._validated(item, value, problems, None)
        if checked is None:
            raise AnswersError(problems)
        return checked[0]

    def shown(self, answers: Mapping[str, AnswerValue]) -> tuple[str, ...]:
        """Ids of the questions shown for these (valid) answers, in order.

        Conditions see only the answers to questions that are themselves shown.
        """
        visible: dict[str, AnswerValue] = {}
        shown = []
        for item in self._items:
            if item.condition is not None and not holds(item.condition, visible):
                continue
            shown.append(item.id)
            if item.id in answers:
                visible[item.id] = answers[item.id]
        return tuple(shown)

    def index_of(self, question_id: str) -> int:
        """The question's place in the questionnaire (``KeyError`` for an unknown id)."""
        return self._position[question_id]

    def is_required(self, question_id: str) -> bool:
        """Whether a shown question must be answered (``KeyError`` for an unknown id)."""
        return self._by_id[question_id].required

    # Validation ------------------------------------------------------------------------

    def _tally(self, answers: Mapping[str, object], *, source: str | None = None) -> Tally:
        """Validate ``answers`` and add up their points; raise :class:`AnswersError` if invalid."""
        if not isinstance(answers, Mapping):
            message = (
                f"answers must be a mapping of question id to answer, found {describe(answers)}"
            )
            raise AnswersError([Problem(message, source=source)])
        problems = self._unknown_questions(answers, source)
        valid: dict[str, AnswerValue] = {}
        rows: list[tuple[_Item, AnswerValue, tuple[int, ...]]] = []
        shown: list[tuple[bool, ...]] = []
        unsure: set[str] = set()  # questions whose answer was invalid: visibility unknown
        get, add_row, add_shown = answers.get, rows.append, shown.append  # hot loop
        for item in self._items:
            value = get(item.id)
            if item.condition is not None:
                if unsure and item.depends_on & unsure:
                    unsure.add(item.id)
                    if value is not None:
                        self._validated(item, value, problems, source)
                    continue
                if not holds(item.condition, valid):
                    if value is not None:
                        problems.append(_problem(item, _NOT_SHOWN, source))
                    continue
            if item.scored:
                add_shown(item.reaches)
            if value is None:
                if item.required:
                    problems.append(_problem(item, "a required question is not answered", source))
                continue
            # the common cases inline; everything else, and every problem, in _validated
            kind = item.kind
            known: tuple[AnswerValue, tuple[int, ...]] | None = None
            if (kind is _LIKERT and type(value) is int) or (kind is _CHOICE and type(value) is str):
                points = item.table.get(value)
                if points is not None:
                    known = value, points
            elif kind is _MULTIPLE and isinstance(value, (list, tuple)):
                known = _seen_selection(item, value)
            checked = known or self._validated(item, value, problems, source)
            if checked is None:
                unsure.add(item.id)
                continue
            answer, points = checked
            valid[item.id] = answer
            if item.scored:
                add_row((item, answer, points))
        return self._finish(valid, rows, shown, problems, source)

    def _unknown_questions(
        self, answers: Mapping[str, object], source: str | None
    ) -> list[Problem]:
        problems = []
        for key in sorted(map(str, answers.keys() - self._by_id.keys())):
            hint = did_you_mean(key, self._by_id)
            problems.append(
                Problem(f"unknown question {key!r}", path=(key,), source=source, hint=hint)
            )
        return problems

    def _finish(
        self,
        valid: dict[str, AnswerValue],
        rows: list[tuple[_Item, AnswerValue, tuple[int, ...]]],
        shown: list[tuple[bool, ...]],
        problems: list[Problem],
        source: str | None,
    ) -> Tally:
        width = len(self.styles)
        answered_static = _column_sums([item.static for item, _, _ in rows], 2 * width)
        tally = Tally(
            answers=valid,
            items=rows,
            totals=_column_sums([points for _, _, points in rows], width),
            maxima=answered_static[:width],
            shown=_column_sums(shown, width),
            answered=answered_static[width:],
            shown_scored=len(shown),
        )
        if not problems:
            problems = self._coverage_problems(tally, source)
        if problems:
            problems.sort(key=self._problem_order)
            raise AnswersError(problems)
        return tally

    def _problem_order(self, problem: Problem) -> tuple[int, str]:
        position = self._position.get(str(problem.path[0])) if problem.path else None
        return (len(self._items) if position is None else position, str(problem.path))

    def _validated(
        self, item: _Item, value: object, problems: list[Problem], source: str | None
    ) -> tuple[AnswerValue, tuple[int, ...]] | None:
        """The normalised answer and its points, or ``None`` after recording why it is invalid."""
        question = item.question
        zero = item.maximum
        if isinstance(question, TextQuestion):
            if type(value) is not str:
                message = f"expected text, found {describe(value)}"
            elif _SURROGATE.search(value):
                message = "the text holds an invalid character (a lone surrogate)"
            elif len(value) > question.max_length:
                message = (
                    f"the text is {len(value):,} characters long; "
                    f"at most {question.max_length:,} are allowed"
                )
            else:
                return value, zero
        elif isinstance(question, LikertQuestion):
            points = item.table.get(value) if type(value) is int else None
            if points is not None:
                return value, points  # type: ignore[return-value]
            scale = self.questionnaire.scales[question.scale]
            message = (
                f"expected a whole number from {scale.min} to {scale.max}, found {describe(value)}"
            )
            if isinstance(value, str) and _WRITTEN_NUMBER.fullmatch(value.strip()):
                problems.append(_problem(item, message, source, hint="write it without quotes"))
                return None
        elif isinstance(question, MultipleChoiceQuestion):
            return self._validated_choices(item, value, problems, source)
        else:
            points = item.table.get(value) if type(value) is str else None
            if points is not None:
                return value, points  # type: ignore[return-value]
            what = "statement" if isinstance(question, ForcedChoiceQuestion) else "option"
            known = [str(key) for key in item.table]
            if type(value) is str:
                problems.append(
                    _problem(
                        item,
                        f"unknown {what} {_quoted(value)}; expected one of: {', '.join(known)}",
                        source,
                        hint=did_you_mean(value, known),
                    )
                )
                return None
            article = "an" if what == "option" else "a"
            choices = ", ".join(known)
            message = f"expected {article} {what} id (one of: {choices}), found {describe(value)}"
        problems.append(_problem(item, message, source))
        return None

    def _validated_choices(
        self, item: _Item, value: object, problems: list[Problem], source: str | None
    ) -> tuple[AnswerValue, tuple[int, ...]] | None:
        if not isinstance(value, (list, tuple)):
            problems.append(
                _problem(item, f"expected a list of option ids, found {describe(value)}", source)
            )
            return None
        known = list(item.table)
        before = len(problems)
        for index, choice in enumerate(value):
            if type(choice) is not str:
                problems.append(
                    _problem(
                        item, f"expected an option id, found {describe(choice)}", source, index
                    )
                )
            elif choice not in item.table:
                hint = did_you_mean(choice, [str(k) for k in known])
                listed = ", ".join(map(str, known))
                problems.append(
                    _problem(
                        item,
                        f"unknown option {_quoted(choice)}; expected one of: {listed}",
                        source,
                        index,
                        hint,
                    )
                )
            elif choice in value[:index]:
                problems.append(
                    _problem(
                        item, f"option {_quoted(choice)} is chosen more than once", source, index
                    )
                )
        if len(value) > item.max_choices:
            problems.append(
                _problem(
                    item,
                    f"at most {item.max_choices} options may be chosen; found {len(value)}",
                    source,
                )
            )
        if len(problems) > before:
            return None
        chosen = tuple(str(option) for option in known if option in value)
        points = tuple(_column_sums([item.table[option] for option in chosen], len(self.styles)))
        item.selections[frozenset(chosen)] = (chosen, points)
        return chosen, points

    def _coverage_problems(self, tally: Tally, source: str | None) -> list[Problem]:
        problems = []
        for i, style in enumerate(self.styles):
            shown, answered = tally.shown[i], tally.answered[i]
            numerator, denominator = self._coverage_ratio
            if shown == 0 or answered * denominator < numerator * shown:  # exact, in integers
                needed = self._coverage_text
                problems.append(
                    Problem(
                        f"too few answers to score style {style!r}: {answered} of {shown} shown "
                        f"questions on it answered; at least {needed} are needed",
                        source=source,
                    )
                )
        return problems

    # Scoring ---------------------------------------------------------------------------

    def score(
        self, answers: Mapping[str, object], *, explain: bool = True, source: str | None = None
    ) -> Result:
        """Score ``answers`` (question id to answer); see :func:`guidestyle.score`."""
        tally = self._tally(answers, source=source)
        hundredths = [
            share(total, most) for total, most in zip(tally.totals, tally.maxima, strict=True)
        ]
        order = sorted(range(len(self.styles)), key=lambda i: (-hundredths[i], i))
        ranking = tuple(self.styles[i] for i in order)
        margin = hundredths[order[0]] - hundredths[order[1]]
        spread = hundredths[order[0]] - hundredths[order[-1]]
        strength = self._strength(margin, spread)
        blend: tuple[str, ...] = ()
        if strength == "blend":
            blend = ranking[:2]
        elif strength == "balanced":
            blend = ranking
        scores = {style: to_points(h) for style, h in zip(self.styles, hundredths, strict=True)}
        coverage = Coverage(
            shown=tally.shown_scored,
            answered=len(tally.items),
            styles={
                style: StyleCoverage(tally.shown[i], tally.answered[i])
                for i, style in enumerate(self.styles)
            },
        )
        explanation = build_explanation(self, tally, hundredths, order) if explain else ({}, (), ())
        return Result(
            self._ref,
            __version__,
            Recommendation(ranking[0], strength, ranking[1], blend),
            scores,
            to_points(margin),
            ranking,
            coverage,
            tally.answers,
            *explanation,
        )

    def _strength(self, margin: int, spread: int) -> Strength:
        if margin > 0 and margin >= self._clear:
            return "clear"
        if margin > 0 and margin >= self._leaning:
            return "leaning"
        if len(self.styles) > 2 and spread <= self._balanced:
            return "balanced"
        return "blend"


def _quoted(text: str, limit: int = 40) -> str:
    """``text`` in quotes, cut short when long: messages should not echo a whole paste."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _seen_selection(
    item: _Item, value: list[object] | tuple[object, ...]
) -> tuple[AnswerValue, tuple[int, ...]] | None:
    try:
        selection = frozenset(value)
    except TypeError:  # an unhashable element: certainly invalid
        return None
    if len(selection) != len(value):  # a repeated option
        return None
    return item.selections.get(selection)


_LIKERT, _CHOICE, _MULTIPLE, _TEXT = "likert", "choice", "multiple", "text"
_KINDS = {
    "likert": _LIKERT,
    "single_choice": _CHOICE,
    "forced_choice": _CHOICE,
    "multiple_choice": _MULTIPLE,
    "text": _TEXT,
}


def _problem(
    item: _Item, message: str, source: str | None, index: int | None = None, hint: str | None = None
) -> Problem:
    path: tuple[str | int, ...] = (item.id,) if index is None else (item.id, index)
    return Problem(message, path=path, source=source, hint=hint)


@lru_cache(maxsize=64)
def scorer_for(questionnaire: Questionnaire) -> Scorer:
    """The compiled scorer of ``questionnaire``, built on first use and then reused."""
    return Scorer(questionnaire)


def score(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    *,
    explain: bool = True,
    source: str | None = None,
) -> Result:
    """Score ``answers`` against ``questionnaire`` and recommend a style.

    ``answers`` maps question ids to answers as JSON or YAML gives them: a scale point
    (int), an option or statement id (str), a list of option ids, or text. ``None`` or a
    missing key means unanswered. Every problem is reported at once in one
    :class:`AnswersError`; nothing is half-scored. With ``explain=False`` the result leaves
    out contributions, drivers and the distinction profile. ``source`` names the answers in
    error messages.
    """
    return scorer_for(questionnaire).score(answers, explain=explain, source=source)
