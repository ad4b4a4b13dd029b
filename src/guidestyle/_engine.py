"""Scoring: a response tallied on the questionnaire's plan, then ranked and called.

All arithmetic is on integers. A style's score is its share of the points that the shown,
answered questions allow, as an exact fraction rounded half-up to hundredths. Decisions
(ranking, margin, strength) are made on those rounded scores, the numbers a reader sees.
The explanation is worked out only when a result's explanation is first read.
"""

# ruff: noqa: PLC0415 - the compiler, the validator and the models are imported when first
# needed: a plan read back from data scores without them (see _builtins)

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING

from ._builtins import builtin_plan
from ._compiled import AnswerValue
from ._errors import expect
from ._explain import explain_tally
from ._frozen import FrozenMap
from ._plan import Plan, Tally, fast_tally, remember
from ._result import (
    HUNDREDTHS,
    Coverage,
    Recommendation,
    Result,
    Strength,
    StyleCoverage,
    to_points,
)
from ._version import __version__

if TYPE_CHECKING:
    from ._model import Questionnaire


class Scorer:
    """A questionnaire compiled for scoring; build once, score many responses.

    ``guidestyle.score`` keeps the scorers of recently used questionnaires, so most code
    never needs this class; use it to hold a scorer explicitly.
    """

    def __init__(self, questionnaire: Questionnaire) -> None:
        from ._compile import compile_plan

        _check_questionnaire(questionnaire, "Scorer(): questionnaire")
        self._start(compile_plan(questionnaire))

    @classmethod
    def _of_plan(cls, plan: Plan) -> Scorer:
        """A scorer of a plan already compiled (a built-in's, read from the package)."""
        scorer = cls.__new__(cls)
        scorer._start(plan)
        return scorer

    def _start(self, plan: Plan) -> None:
        self._plan = plan
        self.styles: tuple[str, ...] = plan.styles
        self._calls: dict[tuple[int | str, ...], tuple[Recommendation, tuple[str, ...]]] = {}
        self._coverages: dict[tuple[int, int], Coverage] = {}

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire this scorer scores."""
        return self._plan.questionnaire

    def __reduce__(self) -> tuple[object, ...]:
        return (scorer_for, (self.questionnaire,))  # compiled again where it is unpickled

    # One question at a time (for sessions) -------------------------------------------

    def check_answer(self, question_id: str, value: object) -> AnswerValue:
        """``value`` normalised as an answer to one question; :class:`AnswersError` if invalid."""
        from ._validate import check_answer

        return check_answer(self._plan, question_id, value)

    def shown(self, answers: Mapping[str, AnswerValue]) -> tuple[str, ...]:
        """Ids of the questions shown for these (valid) answers, in order.

        Conditions see only the answers to questions that are themselves shown.
        """
        visible: dict[str, AnswerValue] = {}
        shown = []
        for entry in self._plan.entries:
            if entry.shows is not None and not entry.shows(visible):
                continue
            shown.append(entry.id)
            if entry.id in answers:
                visible[entry.id] = answers[entry.id]
        return tuple(shown)

    def index_of(self, question_id: str) -> int:
        """The question's place in the questionnaire (``KeyError`` for an unknown id)."""
        return self._plan.by_id[question_id].position

    def is_required(self, question_id: str) -> bool:
        """Whether a shown question must be answered (``KeyError`` for an unknown id)."""
        return self._plan.by_id[question_id].required

    # Scoring ---------------------------------------------------------------------------

    def score(
        self, answers: Mapping[str, object], *, explain: bool = True, source: str | None = None
    ) -> Result:
        """Score ``answers`` (question id to answer); see :func:`guidestyle.score`."""
        plan = self._plan
        tally = fast_tally(plan, answers) or _checked_tally(plan, answers, source)
        styles = plan.styles
        count = len(styles)
        # share(total, most) per style, inline: every style is answered, so most > 0
        hundredths = [
            (2 * HUNDREDTHS * total + most) // (2 * most)
            for total, most in zip(tally.totals, tally.maxima, strict=True)
        ]
        # best first, ties in style order: one integer key per style, sorted
        order = [
            key % count
            for key in sorted((HUNDREDTHS - h) * count + i for i, h in enumerate(hundredths))
        ]
        margin = hundredths[order[0]] - hundredths[order[1]]
        strength = self._strength(margin, hundredths[order[0]] - hundredths[order[-1]])
        # Recommendations and coverages repeat from response to response: each distinct one
        # is made once (they are immutable) and shared.
        call = (*order, strength)
        made = self._calls.get(call)
        if made is None:
            ranking = tuple(styles[i] for i in order)
            blend = {"blend": ranking[:2], "balanced": ranking}.get(strength, ())
            made = (Recommendation(ranking[0], strength, ranking[1], blend), ranking)
            remember(self._calls, call, made)
        recommendation, ranking = made
        coverage = self._coverages.get(tally.coverage_key)
        if coverage is None:
            coverage = remember(self._coverages, tally.coverage_key, _coverage(plan, tally))
        return Result(
            plan.ref,
            __version__,
            recommendation,
            FrozenMap.adopt(dict(zip(styles, map(to_points, hundredths), strict=True))),
            to_points(margin),
            ranking,
            coverage,
            FrozenMap.adopt(tally.answers),  # type: ignore[arg-type]
            explain=partial(explain_tally, plan, tally, hundredths, order) if explain else None,
        )

    def _strength(self, margin: int, spread: int) -> Strength:
        policy = self._plan.policy
        if margin > 0 and margin >= policy.clear:
            return "clear"
        if margin > 0 and margin >= policy.leaning:
            return "leaning"
        if len(self.styles) > 2 and spread <= policy.balanced:
            return "balanced"
        return "blend"


def _checked_tally(plan: Plan, answers: Mapping[str, object], source: str | None) -> Tally:
    """The tally of answers the fast pass refused, or the :class:`AnswersError` saying why."""
    from ._validate import checked_tally

    return checked_tally(plan, answers, source)


_QUESTIONNAIRE: type | None = None
"""The Questionnaire class, once a check has needed it (the engine does not import models)."""


def _check_questionnaire(value: object, where: str) -> None:
    global _QUESTIONNAIRE  # noqa: PLW0603 - set once, read by every score()
    from ._model import Questionnaire

    _QUESTIONNAIRE = Questionnaire
    expect(value, Questionnaire, "a Questionnaire", where)


def _coverage(plan: Plan, tally: Tally) -> Coverage:
    count = len(plan.styles)
    shown, answered = tally.shown, tally.answered
    styles = {style: StyleCoverage(shown[i], answered[i]) for i, style in enumerate(plan.styles)}
    return Coverage(shown=shown[count], answered=answered[count], styles=FrozenMap.adopt(styles))


@cache
def builtin_scorer(questionnaire_id: str) -> Scorer:
    """The scorer of a built-in questionnaire, on its plan as shipped: scoring a valid
    response needs neither the questionnaire's models nor pydantic (see ``_builtins``)."""
    return Scorer._of_plan(builtin_plan(questionnaire_id))


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
    out contributions, drivers and the distinction profile; otherwise they are worked out
    when first read. ``source`` names the answers in error messages.
    """
    if type(questionnaire) is not _QUESTIONNAIRE:  # the check a cached scorer skips
        _check_questionnaire(questionnaire, "score(): questionnaire")
    return scorer_for(questionnaire).score(answers, explain=explain, source=source)


def validate_answers(
    questionnaire: Questionnaire, answers: Mapping[str, object], *, source: str | None = None
) -> None:
    """Check ``answers`` as :func:`score` does, without scoring; :class:`AnswersError` if not."""
    plan = scorer_for(questionnaire)._plan
    if fast_tally(plan, answers) is None:
        _checked_tally(plan, answers, source)
