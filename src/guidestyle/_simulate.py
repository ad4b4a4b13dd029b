"""Simulated respondents: what a questionnaire can say, before anyone has answered it.

Two kinds of respondent are simulated, each in groups:

- the **answer space**: every shown scored question answered, each of its valid answers
  equally likely. Every combination is tried when there are at most ``samples`` of them;
  otherwise ``samples`` respondents are drawn.
- **two-sided** respondents, for an ordered pair of styles *A* and *B* and a share *s*:
  of the *n* scored questions, a random ``s * n`` are answered *for A* and the rest
  *for B* (a question hidden by its condition is not asked). When ``s * n`` is not whole,
  it is rounded down or up at random, up as often as the fraction, so that the expected
  share is *s*. What answering a question for
  a style means is the question kind's :meth:`answer_for`: the answer that gives the style
  the most points and, among those, the fewest to the other styles. Every choice of
  questions is tried when there are at most ``samples`` of them.

Each group says how often each style is recommended, and how clearly, and how the margin
over the runner-up spreads. Draws are seeded, so the same call gives the same figures.
The work is bounded whatever the questionnaire: at most :data:`MAX_SAMPLES` respondents a
group, and at most :data:`WORK_BUDGET` answers over all groups (fewer respondents a group
when a questionnaire is large; ``limited`` then says so).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from math import comb
from random import Random
from typing import Annotated, Literal

from ._compiled import AnswerValue, Holds
from ._engine import Scorer
from ._errors import AnswersError, expect
from ._frozen import AS_DICT, FREEZE, FrozenMap
from ._model import Questionnaire
from ._questions import Sampler
from ._result import JsonRecord, Points, QuestionnaireRef, Strength, to_points
from ._version import __version__

MAX_SAMPLES = 100_000
"""The most respondents one group may have."""
MAX_SHARES = 10
"""The most shares of two-sided respondents one simulation may ask for."""
WORK_BUDGET = 3_000_000
"""The most answers a simulation gives, over all its groups (about a few seconds)."""
DEFAULT_SAMPLES = 2_000
DEFAULT_SHARES = (0.5, 0.8)
MARGIN_BIN = 5
"""The width of the margin histogram's bins, in score points."""
MARGIN_BINS = 100 // MARGIN_BIN
STRENGTHS: tuple[Strength, ...] = ("clear", "leaning", "blend", "balanced")
PERCENTILES = (("min", 0), ("p5", 5), ("p25", 25), ("median", 50), ("p75", 75), ("p95", 95))

GroupKind = Literal["answer_space", "two_sided"]


@dataclass(frozen=True, slots=True)
class SimulatedGroup:
    """What one group of simulated respondents was recommended."""

    kind: GroupKind
    pair: tuple[str, ...]
    """For two-sided respondents, the style answered for in ``share`` of the questions,
    then the style answered for in the rest; empty for the answer space."""
    share: float | None
    respondents: int
    """Respondents scored."""
    exhaustive: bool
    """Whether every respondent of the kind was tried, rather than a sample drawn."""
    recommendations: Annotated[
        Mapping[str, Annotated[Mapping[Strength, int], AS_DICT]], FREEZE, AS_DICT
    ]
    """Per style, then per strength, how many respondents it was recommended to."""
    margins: tuple[int, ...]
    """Respondents per margin bin: 0 to 5 points, 5 to 10, and so on (100 in the last)."""
    margin_percentiles: Annotated[Mapping[str, Points], FREEZE, AS_DICT]
    """The margin's minimum, 5th, 25th, 50th, 75th and 95th percentiles and maximum."""
    on_top: Annotated[Mapping[str, int], FREEZE, AS_DICT] = field(default_factory=FrozenMap)
    """Per style, how many respondents gave it the top score, alone or tied."""
    pair_on_top: int | None = None
    """For two-sided respondents: how many had the pair as their top two styles."""
    unscored: int = 0
    """Respondents whose answers could not be scored (a style no shown question reaches)."""

    def __post_init__(self) -> None:
        if not isinstance(self.recommendations, FrozenMap):
            frozen = FrozenMap((s, FrozenMap(n)) for s, n in self.recommendations.items())
            object.__setattr__(self, "recommendations", frozen)
        if not isinstance(self.on_top, FrozenMap):
            object.__setattr__(self, "on_top", FrozenMap(self.on_top))
        if not isinstance(self.margin_percentiles, FrozenMap):
            object.__setattr__(self, "margin_percentiles", FrozenMap(self.margin_percentiles))

    def strength_count(self, strength: Strength) -> int:
        """How many respondents got a call of ``strength``, whatever the style."""
        return sum(per_style[strength] for per_style in self.recommendations.values())

    def style_count(self, style: str) -> int:
        """How many respondents ``style`` was recommended to, however clearly."""
        return sum(self.recommendations[style].values())


@dataclass(frozen=True, slots=True)
class Simulation(JsonRecord):
    """Simulated respondents' recommendations; see :func:`guidestyle.simulate`.

    Serialise with :meth:`to_json`; render with :func:`guidestyle.render_simulation`.
    """

    questionnaire: QuestionnaireRef
    library_version: str
    seed: int
    samples: int
    """The most respondents a group was allowed."""
    clear_margin: Points
    leaning_margin: Points
    answer_space: SimulatedGroup
    two_sided: tuple[SimulatedGroup, ...]
    limited: bool = field(default=False)
    """Whether the work budget left the groups fewer respondents than ``samples``."""

    def group(self, first: str, second: str, share: float) -> SimulatedGroup:
        """The two-sided group answering ``share`` of the questions for ``first`` and the
        rest for ``second`` (``KeyError`` if it was not simulated)."""
        for group in self.two_sided:
            same_pair = group.pair == (first, second) or (
                share == 0.5 and group.pair == (second, first)
            )
            if group.share == share and same_pair:
                return group
        raise KeyError((first, second, share))


@dataclass(frozen=True, slots=True)
class _Item:
    """A scored question, ready to be answered many times."""

    id: str
    shows: Holds | None
    count: int
    sampler: Sampler
    answers: Callable[[], Iterator[AnswerValue]]
    answer_for: Mapping[str, AnswerValue | None]


def simulate(
    questionnaire: Questionnaire,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    shares: Sequence[float] = DEFAULT_SHARES,
) -> Simulation:
    """Simulate respondents to ``questionnaire`` and count what they are recommended.

    The answer space is explored exhaustively when it has at most ``samples`` combinations
    of answers, by ``samples`` seeded draws otherwise. For each share in ``shares`` (from
    0.5 to 1), two-sided respondents answer that share of the questions for one style and
    the rest for another, for every ordered pair of styles (one order for 0.5). See the
    module's documentation for the rules, and ``docs/format.md`` for what the figures say.
    """
    expect(questionnaire, Questionnaire, "a Questionnaire", "simulate(): questionnaire")
    expect(seed, int, "int", "simulate(): seed")
    if type(samples) is not int:
        raise TypeError(f"simulate(): samples must be int, not {type(samples).__name__}")
    if not 1 <= samples <= MAX_SAMPLES:
        raise ValueError(f"simulate(): samples must be from 1 to {MAX_SAMPLES:,}; got {samples:,}")
    shares = _checked_shares(shares)
    scorer = Scorer(questionnaire)
    items = _items(questionnaire)
    styles = tuple(questionnaire.styles)
    pairs = [
        ((first, second), share)
        for share in shares
        for first, second in itertools.permutations(styles, 2)
        if share != 0.5 or styles.index(first) < styles.index(second)
    ]
    per_respondent = len(items) + 1
    affordable = max(1, WORK_BUDGET // ((1 + len(pairs)) * per_respondent))
    allowed = min(samples, affordable)
    space = _answer_space(scorer, items, allowed, Random(f"{seed}:answer space"))
    two_sided = tuple(
        _two_sided(
            scorer, items, pair, share, allowed=allowed, rng=Random(f"{seed}:{share}:{pair}")
        )
        for pair, share in pairs
    )
    policy = questionnaire.scoring
    return Simulation(
        questionnaire=QuestionnaireRef(
            questionnaire.id, questionnaire.version, questionnaire.digest
        ),
        library_version=__version__,
        seed=seed,
        samples=samples,
        clear_margin=to_points(round(policy.clear_margin * 100)),
        leaning_margin=to_points(round(policy.leaning_margin * 100)),
        answer_space=space,
        two_sided=two_sided,
        limited=allowed < samples,
    )


def _checked_shares(shares: object) -> tuple[float, ...]:
    if isinstance(shares, (str, bytes)) or not isinstance(shares, Sequence):
        raise TypeError(
            f"simulate(): shares must be a sequence of numbers, not {type(shares).__name__}"
        )
    if not 1 <= len(shares) <= MAX_SHARES:
        raise ValueError(f"simulate(): give 1 to {MAX_SHARES} shares; got {len(shares):,}")
    checked: list[float] = []
    for share in shares:
        if isinstance(share, bool) or not isinstance(share, (int, float)):
            raise TypeError(f"simulate(): each share must be a number, not {type(share).__name__}")
        if not 0.5 <= share <= 1:
            raise ValueError(f"simulate(): each share must be from 0.5 to 1; got {share!r}")
        if float(share) not in checked:
            checked.append(float(share))
    return tuple(checked)


def _items(questionnaire: Questionnaire) -> list[_Item]:
    items = []
    for question in questionnaire.questions:
        if not question.scored:
            continue
        condition = question.show_if
        items.append(
            _Item(
                id=question.id,
                shows=condition.compile().holds if condition is not None else None,
                count=question.answer_count(questionnaire),
                sampler=question.answer_sampler(questionnaire),
                answers=partial(question.possible_answers, questionnaire),
                answer_for={
                    style: question.answer_for(style, questionnaire)
                    for style in questionnaire.styles
                },
            )
        )
    return items


class _Counts:
    """What a group's respondents were recommended, added up one respondent at a time."""

    def __init__(self, styles: Sequence[str], pair: tuple[str, ...]) -> None:
        self.recommendations = {style: dict.fromkeys(STRENGTHS, 0) for style in styles}
        self.on_top = dict.fromkeys(styles, 0)
        self.margins: list[int] = []
        self.pair = frozenset(pair)
        self.pair_on_top = 0
        self.unscored = 0

    def add(self, scorer: Scorer, answers: dict[str, AnswerValue]) -> None:
        try:
            result = scorer.score(answers, explain=False)
        except AnswersError:
            self.unscored += 1
            return
        recommendation = result.recommendation
        self.recommendations[recommendation.style][recommendation.strength] += 1
        self.margins.append(int(result.margin * 100))
        scores = result.scores
        best = scores[result.ranking[0]]
        for style in result.ranking:
            if scores[style] != best:
                break
            self.on_top[style] += 1
        if self.pair and frozenset(result.ranking[:2]) == self.pair:
            self.pair_on_top += 1

    def group(
        self, kind: GroupKind, pair: tuple[str, ...], share: float | None, exhaustive: bool
    ) -> SimulatedGroup:
        margins = sorted(self.margins)
        bins = [0] * MARGIN_BINS
        for margin in margins:
            bins[min(margin // (MARGIN_BIN * 100), MARGIN_BINS - 1)] += 1
        percentiles: dict[str, Decimal] = {}
        if margins:
            for name, percent in PERCENTILES:  # nearest rank
                rank = max(1, -(-percent * len(margins) // 100))
                percentiles[name] = to_points(margins[rank - 1])
            percentiles["max"] = to_points(margins[-1])
        return SimulatedGroup(
            kind=kind,
            pair=pair,
            share=share,
            respondents=len(margins),
            exhaustive=exhaustive,
            recommendations=self.recommendations,
            margins=tuple(bins),
            margin_percentiles=percentiles,
            on_top=self.on_top,
            pair_on_top=self.pair_on_top if pair else None,
            unscored=self.unscored,
        )


def _answer_space(scorer: Scorer, items: list[_Item], allowed: int, rng: Random) -> SimulatedGroup:
    counts = _Counts(scorer.styles, ())
    combinations = 1
    for item in items:
        combinations *= item.count
        if combinations > allowed:
            break
    exhaustive = combinations <= allowed
    if exhaustive:
        for response in _every_response(items, 0, {}):
            counts.add(scorer, response)
    else:
        for _ in range(allowed):
            answers: dict[str, AnswerValue] = {}
            for item in items:
                if item.shows is None or item.shows(answers):
                    answers[item.id] = item.sampler(rng)
            counts.add(scorer, answers)
    return counts.group("answer_space", (), None, exhaustive)


def _every_response(
    items: list[_Item], index: int, answers: dict[str, AnswerValue]
) -> Iterator[dict[str, AnswerValue]]:
    """Every response in which each shown question is answered (only run when there are
    few: at most as many as a group may have)."""
    if index == len(items):
        yield dict(answers)
        return
    item = items[index]
    if item.shows is not None and not item.shows(answers):
        yield from _every_response(items, index + 1, answers)
        return
    for answer in item.answers():
        answers[item.id] = answer
        yield from _every_response(items, index + 1, answers)
    del answers[item.id]


def _two_sided(
    scorer: Scorer,
    items: list[_Item],
    pair: tuple[str, str],
    share: float,
    *,
    allowed: int,
    rng: Random,
) -> SimulatedGroup:
    first, second = pair
    counts = _Counts(scorer.styles, pair)
    n = len(items)
    exact = Decimal(str(share)) * n
    fewer = int(exact)  # then one more as often as makes the expected share ``share``
    extra = float(exact - fewer)
    exhaustive = not extra and comb(n, fewer) <= allowed
    choices: Iterator[Sequence[int]] = (
        itertools.combinations(range(n), fewer)
        if exhaustive
        else (rng.sample(range(n), fewer + (rng.random() < extra)) for _ in range(allowed))
    )
    for chosen in choices:
        picked = set(chosen)
        answers: dict[str, AnswerValue] = {}
        for index, item in enumerate(items):
            if item.shows is None or item.shows(answers):
                answer = item.answer_for[first if index in picked else second]
                if answer is not None:
                    answers[item.id] = answer
        counts.add(scorer, answers)
    return counts.group("two_sided", pair, share, exhaustive)
