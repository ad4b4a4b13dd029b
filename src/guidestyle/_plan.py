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

import sys
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from ._base import StylePoints
from ._conditions import Predicate
from ._model import Question, Questionnaire
from ._questions import Reader
from ._result import HUNDREDTHS, QuestionnaireRef


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
    answer_type: type | None
    """With ``table``: the type of every valid answer, for a kind read by a plain lookup."""
    table: Mapping[object, int] | None
    """Each valid answer's packed points, for a kind read by a plain lookup; else ``None``."""
    reach: int
    """Packed: per style, 1 if the question can give it points; then 1 for a scored question."""
    maximum: tuple[int, ...]


class Plan:
    """A questionnaire compiled for scoring. Built once per questionnaire and reused."""

    __slots__ = (
        "_covered",
        "_explained",
        "_typecode",
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
        needed = most.bit_length() + 1
        # whole machine words when they suffice, so that sums unpack in one call (see unpack)
        self._typecode = next((code for bits, code in _TYPECODES if bits >= needed), None)
        self.width = next((bits for bits, _ in _TYPECODES if bits >= needed), needed)
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
        # the coverages seen: responses repeat them, and each verdict is a few divisions
        self._covered: dict[tuple[int, int], bool] = {}
        # per question, its valid answers seen so far (at most REMEMBERED of them)
        self._explained: list[dict[object, tuple[int, tuple[int, ...]]]] = [
            {} for _ in self.entries
        ]

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
        lookup = question.lookup(self.questionnaire, self.pack, static)
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
            answer_type=lookup[0] if lookup is not None else None,
            table=lookup[1] if lookup is not None else None,
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
        width = self.width
        count = len(self.styles) if count is None else count
        packed = (packed >> (offset * width)) & ((1 << (count * width)) - 1)
        if self._typecode is not None:  # the fields are machine words: read them in one go
            return array(
                self._typecode, packed.to_bytes(count * width // 8, sys.byteorder)
            ).tolist()
        mask = self.mask
        numbers = []
        for _ in range(count):
            numbers.append(packed & mask)
            packed >>= width
        return numbers

    def covers(self, tally: Tally) -> bool:
        """Whether every style is answered enough to be scored (see ``uncovered_styles``)."""
        verdict = self._covered.get(tally.coverage_key)
        if verdict is None:
            verdict = remember(self._covered, tally.coverage_key, not uncovered_styles(self, tally))
        return verdict

    def explained(self, entry: Entry, answer: object) -> tuple[int, tuple[int, ...]]:
        """A valid (normalised) answer's packed points, and its points per style in
        hundredths of a point: what the explanation reads, made once per answer."""
        known = self._explained[entry.position]
        hit = known.get(answer)
        if hit is None:
            read = entry.read(answer)
            assert read is not None, "a validated answer reads back"
            packed = read[1]
            scaled = tuple(HUNDREDTHS * p for p in self.unpack(packed, 0))
            hit = remember(known, answer, (packed, scaled))
        return hit


K = TypeVar("K")
V = TypeVar("V")

REMEMBERED = 1024
"""The most values a cache of recurring values keeps; then it starts afresh."""


def remember(cache: dict[K, V], key: K, value: V) -> V:
    """``value``, kept in ``cache`` under ``key``; a full cache is emptied first."""
    if len(cache) >= REMEMBERED:
        cache.clear()
    cache[key] = value
    return value


_TYPECODES = tuple(sorted({array(code).itemsize * 8: code for code in "BHILQ"}.items()))
"""Field widths in bits that an :class:`array.array` reads natively, with their type codes."""


class Tally:
    """A response added up: the visible answers and the sums per style, unpacked once."""

    __slots__ = ("_plan", "answers", "coverage_key", "maxima", "totals")

    answers: dict[str, object]
    totals: list[int]
    """Points per style."""
    maxima: list[int]
    """The most the answered questions allow, per style."""
    coverage_key: tuple[int, int]
    """What ``answered`` and ``shown`` are unpacked from: equal keys, equal coverage."""

    def __init__(self, plan: Plan, answers: dict[str, object], answered: int, shown: int) -> None:
        count = len(plan.styles)
        fields = plan.unpack(answered, 0, 2 * count)
        self._plan = plan
        self.answers = answers
        self.totals = fields[:count]
        self.maxima = fields[count:]
        self.coverage_key = (answered >> (2 * count * plan.width), shown)

    @property
    def answered(self) -> list[int]:
        """Answered questions that reach each style, then all answered scored questions."""
        return self._plan.unpack(self.coverage_key[0], 0, len(self._plan.styles) + 1)

    @property
    def shown(self) -> list[int]:
        """Shown questions that reach each style, then all shown scored questions."""
        return self._plan.unpack(self.coverage_key[1], 0, len(self._plan.styles) + 1)


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
        table = entry.table
        if table is not None:  # most kinds: one type check and one lookup, inline
            if type(value) is not entry.answer_type or (points := table.get(value)) is None:
                return None
            visible[entry.id] = value
            answered += points
            continue
        hit = entry.read(value)
        if hit is None:
            return None
        visible[entry.id] = hit[0]
        answered += hit[1]
    tally = Tally(plan, visible, answered, shown)
    return tally if plan.covers(tally) else None


def uncovered_styles(plan: Plan, tally: Tally) -> list[tuple[str, int, int]]:
    """Styles whose shown questions are too little answered: (style, answered, shown)."""
    shown, answered = tally.shown, tally.answered
    numerator, denominator = plan.coverage_ratio
    return [
        (style, answered[i], shown[i])
        for i, style in enumerate(plan.styles)
        if shown[i] == 0 or answered[i] * denominator < numerator * shown[i]  # exact integers
    ]
