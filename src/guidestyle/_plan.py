"""A questionnaire compiled into a plan: what scoring a response needs, as cheap lookups.

Each question becomes an :class:`Entry`: its show-if condition compiled to a predicate, and
a reader that turns a valid answer into its normalised form and its *packed* points. Packed
points hold every number a response adds up in one integer, one bit field per number:

- the answer's points per style, then the most the question could give per style, then
  whether it reaches each style (0 or 1), then 1 (it is answered): see :attr:`Plan.fields`;
- a shown question adds its own packed reach (per style, then 1) to a second total.

Fields are wide enough that no sum can carry into the next one, so adding up a response
is one integer addition per answered question, and the sums are read back with shifts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from ._base import StylePoints
from ._conditions import Predicate
from ._model import Question, Questionnaire
from ._questions import Reader
from ._result import QuestionnaireRef


@dataclass(frozen=True, slots=True)
class Entry:
    """One question, compiled."""

    id: str
    position: int
    question: Question
    required: bool
    scored: bool
    distinction: str
    """The distinction a scored question expresses; empty for a text question."""
    shows: Predicate | None
    """Whether the question is shown for the (visible) answers so far; ``None``: always."""
    depends_on: frozenset[str]
    read: Reader
    reach: int
    """Packed: per style, 1 if the question can give it points; then 1 for a scored question."""
    maximum: tuple[int, ...]


class Plan:
    """A questionnaire compiled for scoring. Built once per questionnaire and reused."""

    __slots__ = (
        "_vectors",
        "balanced",
        "by_id",
        "clear",
        "coverage_ratio",
        "coverage_text",
        "distinctions",
        "entries",
        "ids",
        "leaning",
        "mask",
        "questionnaire",
        "ref",
        "styles",
        "width",
    )

    def __init__(self, questionnaire: Questionnaire) -> None:
        q = questionnaire
        self.questionnaire = q
        self.styles: tuple[str, ...] = tuple(q.styles)
        self.distinctions: tuple[str, ...] = tuple(q.distinctions)
        maxima = [question.maximum_points(q) for question in q.questions]
        # the largest any one field can sum to: every question's most, plus one per question
        most = sum(max(points.values(), default=0) for points in maxima) + len(maxima) + 1
        self.width = most.bit_length() + 1
        self.mask = (1 << self.width) - 1
        self.entries = tuple(
            self._compile(position, question, points)
            for position, (question, points) in enumerate(zip(q.questions, maxima, strict=True))
        )
        self.by_id = {entry.id: entry for entry in reversed(self.entries)}  # the first wins
        self.ids = frozenset(self.by_id)
        policy = q.scoring
        self.clear = round(policy.clear_margin * 100)
        self.leaning = round(policy.leaning_margin * 100)
        self.balanced = round(policy.balanced_spread * 100)
        coverage = Fraction(str(policy.min_coverage))  # exact: 0.28 of 25 is 7
        self.coverage_ratio = (coverage.numerator, coverage.denominator)
        self.coverage_text = f"{policy.min_coverage:.0%}"
        self.ref = QuestionnaireRef(q.id, q.version, q.digest)
        # valid answers only, so at most every possible answer of every question
        self._vectors: dict[tuple[int, object], tuple[int, ...]] = {}

    def _compile(self, position: int, question: Question, most: StylePoints) -> Entry:
        count = len(self.styles)
        maximum = self.vector(most)
        reaches = {style: 1 for style, points in most.items() if points > 0}
        static = 0
        reach = 0
        if question.scored:
            static = (
                self.pack(most, count)
                + self.pack(reaches, 2 * count)
                + (1 << (3 * count * self.width))
            )
            reach = self.pack(reaches) + (1 << (count * self.width))
        condition = question.show_if
        return Entry(
            id=question.id,
            position=position,
            question=question,
            required=question.required,
            scored=question.scored,
            distinction=question.expresses,
            shows=condition.compile() if condition is not None else None,
            depends_on=frozenset(condition.questions()) if condition is not None else frozenset(),
            read=question.reader(self.questionnaire, self.pack, static),
            reach=reach,
            maximum=maximum,
        )

    def vector(self, points: StylePoints) -> tuple[int, ...]:
        """StylePoints per style as a tuple in style order."""
        return tuple(points.get(style, 0) for style in self.styles)

    def pack(self, points: StylePoints, offset: int = 0) -> int:
        """StylePoints per style packed into fields ``offset`` onwards."""
        width = self.width
        return sum(
            points.get(style, 0) << ((offset + i) * width) for i, style in enumerate(self.styles)
        )

    def unpack(self, packed: int, offset: int, count: int | None = None) -> list[int]:
        """``count`` fields (by default one per style) from field ``offset`` onwards."""
        width, mask = self.width, self.mask
        packed >>= offset * width
        numbers = []
        for _ in range(len(self.styles) if count is None else count):
            numbers.append(packed & mask)
            packed >>= width
        return numbers

    def points_of(self, entry: Entry, answer: object) -> tuple[int, ...]:
        """The points per style a valid answer to ``entry`` gives."""
        key = (entry.position, answer)
        vector = self._vectors.get(key)
        if vector is None:
            hit = entry.read(answer)
            assert hit is not None, "a validated answer reads back"
            vector = self._vectors[key] = tuple(self.unpack(hit[1], 0))
        return vector


class Tally:
    """A response added up: the visible answers and the sums, unpacked once."""

    __slots__ = ("answered", "answers", "maxima", "shown", "totals")

    answers: dict[str, object]
    totals: list[int]
    """Points per style."""
    maxima: list[int]
    """The most the answered questions allow, per style."""
    answered: list[int]
    """Answered questions that reach each style, then all answered scored questions."""
    shown: list[int]
    """Shown questions that reach each style, then all shown scored questions."""

    def __init__(self, plan: Plan, answers: dict[str, object], answered: int, shown: int) -> None:
        count = len(plan.styles)
        fields = plan.unpack(answered, 0, 3 * count + 1)
        self.answers = answers
        self.totals = fields[:count]
        self.maxima = fields[count : 2 * count]
        self.answered = fields[2 * count :]
        self.shown = plan.unpack(shown, 0, count + 1)


def fast_tally(plan: Plan, answers: Mapping[str, object]) -> Tally | None:
    """The tally of a valid response in one pass of lookups; ``None`` if anything is wrong
    (the validator then says what)."""
    if not isinstance(answers, Mapping) or not plan.ids.issuperset(answers.keys()):
        return None
    get = answers.get
    visible: dict[str, object] = {}
    answered = shown = 0
    for entry in plan.entries:
        value = get(entry.id)
        shows = entry.shows
        if shows is not None and not shows(visible):  # type: ignore[arg-type]
            if value is not None:
                return None
            continue
        shown += entry.reach
        if value is None:
            if entry.required:
                return None
            continue
        hit = entry.read(value)
        if hit is None:
            return None
        visible[entry.id] = hit[0]
        answered += hit[1]
    tally = Tally(plan, visible, answered, shown)
    return tally if not uncovered_styles(plan, tally) else None


def uncovered_styles(plan: Plan, tally: Tally) -> list[tuple[str, int, int]]:
    """Styles whose shown questions are too little answered: (style, answered, shown)."""
    shown, answered = tally.shown, tally.answered
    numerator, denominator = plan.coverage_ratio
    return [
        (style, answered[i], shown[i])
        for i, style in enumerate(plan.styles)
        if shown[i] == 0 or answered[i] * denominator < numerator * shown[i]  # exact integers
    ]
