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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from ._compiled import Holds, Predicate, Read, Reader, predicate_from_data, reader_from_data
from ._result import QuestionnaireRef

if TYPE_CHECKING:
    from ._model import Question, Questionnaire

PLAN_FORMAT = 2
"""The version of :meth:`Plan.to_data`'s shape; a plan of another is not read."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One question, compiled."""

    id: str
    position: int
    required: bool
    scored: bool
    distinction: str
    """The distinction a scored question expresses; empty for a text question."""
    condition: Predicate | None
    """Whether the question is shown for the (visible) answers so far; ``None``: always."""
    reader: Reader
    reach: int
    """Packed: per style, 1 if the question can give it points; then 1 for a scored question."""
    depends_on: frozenset[str] = field(init=False, compare=False, repr=False)
    """The questions its condition reads."""
    shows: Holds | None = field(init=False, compare=False, repr=False)
    """The condition as a plain function, which the fast pass calls."""
    read: Read = field(init=False, compare=False, repr=False)
    """The reader as a plain function, which the fast pass calls."""
    answer_type: type | None = field(init=False, compare=False, repr=False)
    """With ``table``: the type of every valid answer, for a kind read by a plain lookup."""
    table: Mapping[object, int] | None = field(init=False, compare=False, repr=False)
    """Each valid answer's packed points, for a kind read by a plain lookup; else ``None``.
    Kept here, beside the reader's own, so that the fast pass reads them inline."""

    def __post_init__(self) -> None:
        condition, reader = self.condition, self.reader
        object.__setattr__(
            self, "depends_on", frozenset() if condition is None else condition.questions()
        )
        object.__setattr__(self, "shows", None if condition is None else condition.holds)
        object.__setattr__(self, "read", reader.read)
        object.__setattr__(self, "answer_type", reader.answer_type)
        object.__setattr__(self, "table", reader.table)

    def to_data(self) -> list[Any]:
        condition = None if self.condition is None else self.condition.to_data()
        return [
            self.id,
            self.required,
            self.scored,
            self.distinction,
            condition,
            self.reader.to_data(),
            self.reach,
        ]

    @classmethod
    def from_data(cls, position: int, data: list[Any]) -> Entry:
        question_id, required, scored, distinction, condition, reader, reach = data
        return cls(
            id=question_id,
            position=position,
            required=required,
            scored=scored,
            distinction=distinction,
            condition=None if condition is None else predicate_from_data(condition),
            reader=reader_from_data(reader),
            reach=reach,
        )


@dataclass(frozen=True, slots=True)
class Policy:
    """The questionnaire's scoring rules, in the units the engine compares."""

    clear: int
    """The margin of a clear call, in hundredths of a point."""
    leaning: int
    """The margin of a leaning call, in hundredths of a point."""
    balanced: int
    """The widest spread of a balanced call, in hundredths of a point."""
    coverage_ratio: tuple[int, int]
    """The least share of a style's shown questions that must be answered, exactly."""
    coverage_text: str
    """That share as a reader sees it (``60%``)."""


class Plan:
    """A questionnaire compiled for scoring. Built once per questionnaire and reused.

    Made by ``_compile.compile_plan`` from a questionnaire, or read back from
    :meth:`to_data`'s data with :meth:`from_data`; the questionnaire itself is needed only
    to write the messages for invalid answers, so a plan read back loads it on first use.
    """

    __slots__ = (
        "_covered",
        "_questionnaire",
        "_typecode",
        "by_id",
        "distinctions",
        "entries",
        "explainer",
        "ids",
        "mask",
        "policy",
        "ref",
        "styles",
        "width",
    )

    def __init__(
        self,
        *,
        ref: QuestionnaireRef,
        styles: Sequence[str],
        distinctions: Sequence[str],
        width: int,
        entries: Sequence[Entry],
        policy: Policy,
        questionnaire: Questionnaire | Callable[[], Questionnaire],
    ) -> None:
        self.ref = ref
        self.styles: tuple[str, ...] = tuple(styles)
        self.distinctions: tuple[str, ...] = tuple(distinctions)
        self.width = width
        self.mask = (1 << width) - 1
        # whole machine words when they suffice, so that sums unpack in one call (see unpack)
        self._typecode = next((code for bits, code in _TYPECODES if bits == width), None)
        self.entries = tuple(entries)
        self.by_id = {entry.id: entry for entry in reversed(self.entries)}  # the first wins
        self.ids = frozenset(self.by_id)
        self.policy = policy
        self._questionnaire = questionnaire
        # the coverages seen: responses repeat them, and each verdict is a few divisions
        self._covered: dict[tuple[int, int], bool] = {}
        self.explainer: object = None
        """What the explanation keeps of this plan (``_explain`` makes it on first use)."""

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire the plan was compiled from (loaded now if it was not yet)."""
        questionnaire = self._questionnaire
        if callable(questionnaire):
            questionnaire = self._questionnaire = questionnaire()
        return questionnaire

    def question(self, entry: Entry) -> Question:
        """The question an entry was compiled from."""
        return self.questionnaire.questions[entry.position]

    def to_data(self) -> dict[str, Any]:
        """The plan as JSON data, which :meth:`from_data` reads back to an equal plan."""
        policy = self.policy
        return {
            "format": PLAN_FORMAT,
            "questionnaire": [self.ref.id, self.ref.version, self.ref.digest],
            "styles": list(self.styles),
            "distinctions": list(self.distinctions),
            "width": self.width,
            "policy": [
                policy.clear,
                policy.leaning,
                policy.balanced,
                list(policy.coverage_ratio),
                policy.coverage_text,
            ],
            "entries": [entry.to_data() for entry in self.entries],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any], questionnaire: Callable[[], Questionnaire]) -> Plan:
        """The plan :meth:`to_data` wrote; ``questionnaire`` loads its questionnaire when
        needed. Its values are trusted, not checked: data read back comes from
        :meth:`to_data`, and a shipped plan is checked against its checksum first. A version
        or tag it does not know is a ``ValueError``."""
        if data.get("format") != PLAN_FORMAT:
            raise ValueError(f"not a plan of format {PLAN_FORMAT}")
        clear, leaning, balanced, (numerator, denominator), coverage_text = data["policy"]
        return cls(
            ref=QuestionnaireRef(*data["questionnaire"]),
            styles=data["styles"],
            distinctions=data["distinctions"],
            width=data["width"],
            entries=[Entry.from_data(k, entry) for k, entry in enumerate(data["entries"])],
            policy=Policy(clear, leaning, balanced, (numerator, denominator), coverage_text),
            questionnaire=questionnaire,
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


def field_width(most: int) -> int:
    """The bits per field for sums of at most ``most``: a machine word when one suffices."""
    needed = most.bit_length() + 1
    return next((bits for bits, _ in _TYPECODES if bits >= needed), needed)


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
    numerator, denominator = plan.policy.coverage_ratio
    return [
        (style, answered[i], shown[i])
        for i, style in enumerate(plan.styles)
        if shown[i] == 0 or answered[i] * denominator < numerator * shown[i]  # exact integers
    ]
