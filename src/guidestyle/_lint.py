"""The linter: design mistakes in a valid questionnaire that the schema cannot catch.

Each rule has a code. Errors make a questionnaire unfit to use (a style that can never be
recommended, a condition that can never hold); warnings point at weaknesses (unbalanced
styles, missing translations).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from math import comb

from ._compiled import AnswerValue
from ._errors import KeyPath, Problem, Severity, expect
from ._loader import origin_of
from ._model import Condition, Question, Questionnaire
from ._simulate import simulate
from ._texts import iter_texts, missing_languages

MIN_ITEMS_PER_STYLE = 3
# The rules that search combinations of answers draw on budgets of steps (one step: about
# one comparison of two numbers, or one answer tried), so that their time is bounded
# whatever the questionnaire; what a budget leaves undecided is reported as not-checked.
_WORK_BUDGET = 2_000_000
"""Steps the reachability rule may take, shared equally among the styles."""
_CONDITION_BUDGET = 1_000_000
"""Steps the condition rule may take for all conditions together, in file order."""
_SIMULATION_BUDGET = 400_000
"""Answers the two rules on simulated respondents may give, over all their respondents."""
_SIMULATED = 200
"""Respondents per group those rules simulate (fewer only when the budget asks)."""
_MIN_SIMULATED = 50
"""Fewer respondents than this per group tell too little: the rules then say not-checked."""
SIMULATED_MIN_QUESTIONS = 6
"""Fewer scored questions than this, and one answer moves the margin by more than a sixth
of the scale: too few for the rules on simulated respondents to say anything but that."""
SPLIT_CLEAR_SHARE = 0.5
"""Half-and-half respondents called clear more often than this: ``split-called-clear``."""
RARE_SHARE = 0.2
"""A style on top for less than this share of an even share: ``rare-style``."""
_NOT_CHECKED = "the linter's budget of steps ran out before it decided"

Rule = Callable[[Questionnaire], Iterator[Problem]]


def _problem(severity: Severity, code: str, message: str, path: KeyPath = ()) -> Problem:
    return Problem(message, path=path, severity=severity, code=code, about_key=True)


class _OutOfSteps(Exception):
    """A search has spent its budget; it gives no verdict."""


class _Budget:
    """Steps a search may still take."""

    def __init__(self, steps: int) -> None:
        self.left = steps

    def spend(self, steps: int) -> None:
        """Take ``steps`` more; :class:`_OutOfSteps` once the budget is overdrawn."""
        self.left -= steps
        if self.left < 0:
            raise _OutOfSteps

    def fits(self, steps: int) -> bool:
        return steps <= self.left


def _scored(q: Questionnaire) -> list[tuple[int, Question]]:
    return [(i, question) for i, question in enumerate(q.questions) if question.scored]


def _styles_reached(q: Questionnaire) -> dict[str, tuple[int, int]]:
    """Per style: how many scored questions reach it, and its maximum points."""
    reached = dict.fromkeys(q.styles, (0, 0))
    for _, question in _scored(q):
        for style, points in question.maximum_points(q).items():
            items, total = reached[style]
            reached[style] = (items + 1, total + points)
    return reached


def _balance(q: Questionnaire) -> Iterator[Problem]:
    reached = _styles_reached(q)
    counts = {style: items for style, (items, _) in reached.items()}
    maxima = {style: total for style, (_, total) in reached.items()}
    for style, items in counts.items():
        if items < MIN_ITEMS_PER_STYLE:
            yield _problem(
                "warning",
                "too-few-items",
                f"style '{style}' is reached by {items} scored question(s); "
                f"at least {MIN_ITEMS_PER_STYLE} are needed for a stable score",
                ("styles", style),
            )
    for code, what, per_style in (
        ("unbalanced-items", "are reached by unequal numbers of questions", counts),
        ("unbalanced-points", "have unequal maximum points", maxima),
    ):
        if len(set(per_style.values())) > 1:
            listed = ", ".join(f"{style} {n}" for style, n in per_style.items())
            yield _problem("warning", code, f"styles {what} ({listed})", ("styles",))


def _reachability(q: Questionnaire) -> Iterator[Problem]:
    maxima = {style: total for style, (_, total) in _styles_reached(q).items()}
    share = _WORK_BUDGET // len(q.styles)
    for style in q.styles:
        if maxima[style] == 0:
            yield _problem(
                "error",
                "unreachable-style",
                f"no question gives style '{style}' any points",
                ("styles", style),
            )
            continue
        try:
            can_lead = _can_lead(q, style, maxima, _Budget(share))
        except _OutOfSteps:
            yield _problem(
                "warning",
                "not-checked",
                f"{_NOT_CHECKED} whether style '{style}' can score highest",
                ("styles", style),
            )
            continue
        if not can_lead:
            # Exact when every scored question is always asked and answered; skips and
            # conditions change the maxima scores are shares of, so then it is a warning.
            always = all(
                question.required and question.show_if is None for _, question in _scored(q)
            )
            yield _problem(
                "error" if always else "warning",
                "unreachable-style",
                (
                    "no combination of answers"
                    if always
                    else "when every question is answered, no combination"
                )
                + f" makes style '{style}' score highest",
                ("styles", style),
            )


def _can_lead(q: Questionnaire, style: str, maxima: dict[str, int], budget: _Budget) -> bool:
    """Whether some answers give ``style`` a strictly higher share than every other style.

    Each question adds a vector of margins (style's share minus each rival's share, scaled
    to integers); the answers are independent, so keeping only the undominated running
    totals (a Pareto frontier) decides the question exactly, with every question counted
    as shown and answered. Raises :class:`_OutOfSteps` when deciding would take more than
    ``budget``: the linter does not accuse an author without proof.
    """
    rivals = [other for other in q.styles if other != style and maxima[other] > 0]
    if not rivals:
        return True
    width = len(rivals)
    frontier: set[tuple[int, ...]] = {tuple(0 for _ in rivals)}
    for _, question in _scored(q):
        steps = set()
        for answer in question.possible_answers(q):
            budget.spend(width)
            points = question.answer_points(answer, q)
            steps.add(
                tuple(
                    points.get(style, 0) * maxima[rival] - points.get(rival, 0) * maxima[style]
                    for rival in rivals
                )
            )
        useful_steps = _undominated(steps, budget)
        budget.spend(len(frontier) * len(useful_steps) * width)
        totals = {tuple(map(sum, zip(a, b, strict=True))) for a in frontier for b in useful_steps}
        frontier = _undominated(totals, budget)
    return any(all(margin > 0 for margin in vector) for vector in frontier)


def _undominated(vectors: set[tuple[int, ...]], budget: _Budget) -> set[tuple[int, ...]]:
    """The vectors no other vector beats or equals in every coordinate (the comparisons
    are drawn from ``budget``)."""
    ordered = sorted(vectors, reverse=True)
    kept: list[tuple[int, ...]] = []
    for vector in ordered:
        budget.spend(len(kept) * len(vector) + 1)
        if not any(all(k >= v for k, v in zip(other, vector, strict=True)) for other in kept):
            kept.append(vector)
    return set(kept)


def _simulated(q: Questionnaire) -> Iterator[Problem]:
    """What simulated respondents are told (see ``_simulate``): half-and-half answers for
    two styles called clear, and a style that random answers rarely put on top."""
    scored = len(_scored(q))
    if scored < SIMULATED_MIN_QUESTIONS:
        return
    per_respondent = scored + 1
    groups = 1 + comb(len(q.styles), 2)
    samples = min(_SIMULATED, _SIMULATION_BUDGET // (groups * per_respondent))
    if samples < _MIN_SIMULATED:
        yield _problem(
            "warning",
            "not-checked",
            f"{_NOT_CHECKED} how simulated respondents are called (see guidestyle simulate)",
            ("scoring",),
        )
        return
    simulation = simulate(q, samples=samples, shares=(0.5,))
    for group in simulation.two_sided:
        if not group.respondents:
            continue
        clear = group.strength_count("clear") / group.respondents
        if clear > SPLIT_CLEAR_SHARE:
            first, second = group.pair
            yield _problem(
                "warning",
                "split-called-clear",
                f"answers given half for '{first}' and half for '{second}' are called clear "
                f"for {clear:.0%} of simulated respondents; a clear_margin above "
                f"{group.margin_percentiles['p95']} (now {simulation.clear_margin}) would call "
                "most of them a blend or leaning (see guidestyle simulate)",
                ("scoring",),
            )
    space = simulation.answer_space
    even = 1 / len(q.styles)
    for style in q.styles:
        if not space.respondents:
            break
        won = space.on_top[style] / space.respondents
        if won < RARE_SHARE * even:
            yield _problem(
                "warning",
                "rare-style",
                f"style '{style}' scores highest (alone or tied) for only {won:.1%} of random "
                "answers "
                f"(an even share is {even:.1%}); give it more questions or weight",
                ("styles", style),
            )


def _distinctions(q: Questionnaire) -> Iterator[Problem]:
    reached: dict[str, set[str]] = {distinction: set() for distinction in q.distinctions}
    for _, question in _scored(q):
        reached[question.expresses].update(question.maximum_points(q))
    for distinction_id, distinction in q.distinctions.items():
        path = ("distinctions", distinction_id)
        missing = [style for style in q.styles if style not in distinction.positions]
        if missing:
            yield _problem(
                "warning",
                "missing-position",
                f"distinction '{distinction_id}' does not say where {_names(missing)} stand(s)",
                (*path, "positions"),
            )
        if not reached[distinction_id]:
            yield _problem(
                "warning",
                "unused-distinction",
                f"no question expresses distinction '{distinction_id}'",
                path,
            )
            continue
        unreached = [style for style in q.styles if style not in reached[distinction_id]]
        if unreached:
            yield _problem(
                "warning",
                "distinction-gap",
                f"questions on distinction '{distinction_id}' give no points to "
                + _names(unreached),
                path,
            )


def _names(ids: list[str]) -> str:
    return ", ".join(f"'{item}'" for item in ids)


def _question_design(q: Questionnaire) -> Iterator[Problem]:
    """What each question kind finds questionable in its own design."""
    for index, question in enumerate(q.questions):
        for code, message, path in question.design_warnings():
            yield _problem("warning", code, message, ("questions", index, *path))


def _conditions(q: Questionnaire) -> Iterator[Problem]:
    position = {question.id: index for index, question in enumerate(q.questions)}
    can_show: dict[str, bool] = {}
    budget = _Budget(_CONDITION_BUDGET)
    for index, question in enumerate(q.questions):
        path = ("questions", index, "show_if")
        condition = question.show_if
        if condition is None:
            can_show[question.id] = True
            continue
        later = [ref for ref in condition.questions() if ref in position and position[ref] >= index]
        if later:
            which = "itself" if later[0] == question.id else f"'{later[0]}', which comes later"
            yield _problem(
                "error",
                "condition-order",
                f"the condition depends on {which}; only earlier answers are known",
                path,
            )
            can_show[question.id] = True
            continue
        try:
            satisfiable = _satisfiable(q, condition, can_show, budget)
        except _OutOfSteps:
            satisfiable = None
        can_show[question.id] = satisfiable is not False
        if satisfiable is None:
            yield _problem(
                "warning",
                "not-checked",
                f"{_NOT_CHECKED} whether this condition can hold",
                path,
            )
        elif not satisfiable:
            yield _problem(
                "error",
                "condition-never-holds",
                "no answers to earlier questions make this condition hold",
                path,
            )


def _satisfiable(
    q: Questionnaire, condition: Condition, can_show: dict[str, bool], budget: _Budget
) -> bool | None:
    """Whether some answers make ``condition`` hold, trying every combination of answers
    to the questions it reads; ``None`` when there are more combinations than ``budget``
    has steps left (then none are tried), :class:`_OutOfSteps` when listing the answers
    overdraws it."""
    ids = list(dict.fromkeys(condition.questions()))
    domains: list[list[AnswerValue | None]] = []
    cases = 1
    for question_id in ids:
        values: list[AnswerValue | None] = [None]
        if can_show.get(question_id, False):
            for answer in q.question(question_id).possible_answers(q):
                budget.spend(1)
                values.append(answer)
        domains.append(values)
        cases *= len(values)
        if not budget.fits(cases * len(ids)):
            return None
    budget.spend(cases * len(ids))
    holds = condition.compile()
    for combination in itertools.product(*domains):
        answers = {
            qid: value for qid, value in zip(ids, combination, strict=True) if value is not None
        }
        if holds(answers):
            return True
    return False


def _translations(q: Questionnaire) -> Iterator[Problem]:
    if len(q.languages) < 2:
        return
    for path, text in iter_texts(q):
        missing = missing_languages(text, q.languages)
        if missing:
            yield _problem(
                "warning", "missing-translation", f"no translation for {', '.join(missing)}", path
            )


def _results(q: Questionnaire) -> Iterator[Problem]:
    for style in q.styles:
        if style not in q.results:
            yield _problem(
                "warning",
                "missing-result",
                f"style '{style}' has no result texts for reports",
                ("results",),
            )


RULES: tuple[Rule, ...] = (
    _reachability,
    _balance,
    _simulated,
    _distinctions,
    _question_design,
    _conditions,
    _translations,
    _results,
)


def lint(questionnaire: Questionnaire) -> tuple[Problem, ...]:
    """Design problems in ``questionnaire``: errors first, then warnings, each in file order.

    When the questionnaire was loaded from a file, each problem names its line and column.
    """
    expect(questionnaire, Questionnaire, "a Questionnaire", "lint(): questionnaire")
    origin = origin_of(questionnaire)
    problems = [problem for rule in RULES for problem in rule(questionnaire)]
    if origin is not None:
        problems = [origin.locate(problem) for problem in problems]
    return tuple(
        sorted(problems, key=lambda p: (p.severity != "error", p.line or 0, p.column or 0))
    )
