"""The compiled forms of questions and conditions: what a plan is made of.

A question kind compiles to a :class:`Reader` (a valid answer to its normalised form and
packed points) and a show-if condition to a :class:`Predicate` (whether it holds for the
visible answers). Both are small callables over plain values, so a plan needs neither the
models nor pydantic to score, and each writes itself as plain JSON data (``[tag, *fields]``)
that :func:`reader_from_data` and :func:`predicate_from_data` read back: the built-ins ship
their plans compiled (see ``_builtins``).

A kind whose answers fit none of these readers adds its own subclass here; the tag
registers it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

AnswerValue = int | str | tuple[str, ...]
"""A validated answer: a scale point, an option or statement id, chosen option ids, or text."""

Answers = Mapping[str, AnswerValue]

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Finds a lone surrogate: a text that holds one cannot be written as UTF-8."""


class _Tagged:
    """A compiled part written as ``[tag, *fields]``, and read back by ``from_fields``."""

    __slots__ = ()
    tag: ClassVar[str]
    _kinds: ClassVar[dict[str, type[_Tagged]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        kinds = cls.__dict__.get("_kinds")
        if kinds is None and "tag" in cls.__dict__:
            cls._kinds[cls.tag] = cls

    def fields(self) -> list[Any]:
        """The fields as JSON data, in the order the constructor takes them."""
        raise NotImplementedError

    @classmethod
    def from_fields(cls, *fields: Any) -> _Tagged:
        """The part whose ``fields()`` these are."""
        raise NotImplementedError

    def to_data(self) -> list[Any]:
        return [self.tag, *self.fields()]

    def __repr__(self) -> str:
        return f"{type(self).__name__}{tuple(self.fields())!r}"


def _decode(kinds: Mapping[str, type[_Tagged]], data: object, what: str) -> Any:
    if not isinstance(data, list) or not data or data[0] not in kinds:
        raise ValueError(f"not a compiled {what}: {data!r:.80}")
    return kinds[data[0]].from_fields(*data[1:])


# Readers -----------------------------------------------------------------------------------


Read = Callable[[object], "tuple[AnswerValue, int] | None"]


class Reader(_Tagged):
    """A compiled question: ``reader(value)`` is the valid answer's normalised form and its
    packed points, or ``None`` when ``value`` is not a valid answer. ``reader.read`` is the
    same as a plain function, which the fast pass calls."""

    __slots__ = ("read",)
    _kinds: ClassVar[dict[str, type[_Tagged]]] = {}
    read: Read

    table: Mapping[object, int] | None = None
    """For a kind read by one lookup: each valid answer's packed points (else ``None``)."""
    answer_type: type | None = None
    """With ``table``: the type of every valid answer."""

    def __call__(self, value: object) -> tuple[AnswerValue, int] | None:
        return self.read(value)


class TableReader(Reader):
    """Every valid answer listed with its packed points: one type check and one lookup."""

    __slots__ = ("answer_type", "table")
    tag = "table"

    def __init__(self, answer_type: type, table: Mapping[object, int]) -> None:
        self.answer_type = answer_type
        self.table = known = dict(table)
        get = known.get

        def read(value: object) -> tuple[AnswerValue, int] | None:
            if type(value) is answer_type:
                points = get(value)
                if points is not None:
                    return value, points  # type: ignore[return-value]
            return None

        self.read = read

    def fields(self) -> list[Any]:
        assert self.table is not None
        assert self.answer_type is not None
        return [self.answer_type.__name__, [[answer, p] for answer, p in self.table.items()]]

    @classmethod
    def from_fields(cls, type_name: str, pairs: list[list[Any]]) -> TableReader:
        answer_type = {"int": int, "str": str}[type_name]
        table = dict(pairs)
        if not all(type(answer) is answer_type and type(p) is int for answer, p in pairs):
            raise ValueError("a compiled table mixes types")
        return cls(answer_type, table)


class SelectionReader(Reader):
    """Chosen option ids, each at most once, at most ``limit`` of them; normalised to the
    options' order, with the chosen options' packed points summed and ``static`` added."""

    __slots__ = ("ids", "limit", "per_option", "static")
    tag = "selection"

    def __init__(self, ids: Iterable[str], per_option: Mapping[str, int], limit: int, static: int):
        self.ids = options = tuple(ids)
        self.per_option = points_of = dict(per_option)
        self.limit = limit
        self.static = static
        known = frozenset(options)
        # every valid selection seen so far: at most 2**12 of them, so the cache is bounded
        seen: dict[frozenset[object], tuple[AnswerValue, int]] = {}

        def read(value: object) -> tuple[AnswerValue, int] | None:
            if not isinstance(value, (list, tuple)) or len(value) > limit:
                return None
            try:
                selection = frozenset(value)
            except TypeError:  # an unhashable element: certainly invalid
                return None
            hit = seen.get(selection)
            if hit is None:
                if len(selection) != len(value) or not selection <= known:
                    return None
                answer = tuple(option for option in options if option in selection)
                hit = seen[selection] = (answer, static + sum(points_of[o] for o in answer))
            elif len(selection) != len(value):  # a repeated option
                return None
            return hit

        self.read = read

    def fields(self) -> list[Any]:
        return [list(self.ids), self.per_option, self.limit, self.static]

    @classmethod
    def from_fields(
        cls, ids: list[str], per_option: dict[str, int], limit: int, static: int
    ) -> SelectionReader:
        if set(ids) != set(per_option):
            raise ValueError("a compiled selection's options do not match")
        return cls(ids, per_option, limit, static)


class TextReader(Reader):
    """Any text of at most ``longest`` characters without a lone surrogate; ``static``
    points (it is not scored)."""

    __slots__ = ("longest", "static")
    tag = "text"

    def __init__(self, longest: int, static: int) -> None:
        self.longest = longest
        self.static = static
        search = LONE_SURROGATE.search

        def read(value: object) -> tuple[AnswerValue, int] | None:
            if type(value) is str and len(value) <= longest and not search(value):
                return value, static
            return None

        self.read = read

    def fields(self) -> list[Any]:
        return [self.longest, self.static]

    @classmethod
    def from_fields(cls, longest: int, static: int) -> TextReader:
        return cls(longest, static)


def reader_from_data(data: object) -> Reader:
    """A reader from what its ``to_data`` wrote; ``ValueError`` if it is not one."""
    reader: Reader = _decode(Reader._kinds, data, "reader")
    return reader


# Predicates (compiled show-if conditions)---------------------------------------------------


Holds = Callable[[Answers], bool]


class Predicate(_Tagged):
    """A compiled condition: ``predicate(answers)`` is whether it holds for the visible
    answers. ``predicate.holds`` is the same as a plain function, which the fast pass calls."""

    __slots__ = ("holds",)
    _kinds: ClassVar[dict[str, type[_Tagged]]] = {}
    holds: Holds

    def __call__(self, answers: Answers) -> bool:
        return self.holds(answers)

    def questions(self) -> frozenset[str]:
        """The questions whose answers it reads."""
        raise NotImplementedError


class Matches(Predicate):
    """The answer to ``question`` is one of ``texts`` or ``points``; for chosen options, any
    of ``texts`` is among them. An unanswered question never matches."""

    __slots__ = ("points", "question", "texts")
    tag = "matches"

    def __init__(self, question: str, values: Iterable[str | int]) -> None:
        values = tuple(values)
        self.question = question
        self.texts = texts = frozenset(value for value in values if isinstance(value, str))
        self.points = points = frozenset(value for value in values if not isinstance(value, str))

        def holds(answers: Answers) -> bool:
            answer = answers.get(question)
            kind = type(answer)
            if kind is str:
                return answer in texts
            if kind is tuple:  # chosen options: holds when any wanted option is among them
                return not texts.isdisjoint(answer)  # type: ignore[arg-type]
            return kind is int and answer in points

        self.holds = holds

    def questions(self) -> frozenset[str]:
        return frozenset((self.question,))

    def fields(self) -> list[Any]:
        return [self.question, [*sorted(self.texts), *sorted(self.points)]]

    @classmethod
    def from_fields(cls, question: str, values: list[str | int]) -> Matches:
        return cls(question, values)


class AtLeast(Predicate):
    """The scale point answered to ``question`` is at least ``least``."""

    __slots__ = ("least", "question")
    tag = "at_least"

    def __init__(self, question: str, least: int) -> None:
        self.question = question
        self.least = least

        def holds(answers: Answers) -> bool:
            answer = answers.get(question)
            return type(answer) is int and answer >= least

        self.holds = holds

    def questions(self) -> frozenset[str]:
        return frozenset((self.question,))

    def fields(self) -> list[Any]:
        return [self.question, self.least]

    @classmethod
    def from_fields(cls, question: str, least: int) -> AtLeast:
        return cls(question, least)


class _Combined(Predicate):
    __slots__ = ("parts",)

    def __init__(self, parts: Iterable[Predicate]) -> None:
        self.parts = tuple(parts)
        self.holds = self._combine(tuple(part.holds for part in self.parts))

    @staticmethod
    def _combine(parts: tuple[Holds, ...]) -> Holds:
        raise NotImplementedError

    def questions(self) -> frozenset[str]:
        return frozenset().union(*(part.questions() for part in self.parts))

    def fields(self) -> list[Any]:
        return [[part.to_data() for part in self.parts]]

    @classmethod
    def from_fields(cls, parts: list[object]) -> _Combined:
        return cls(predicate_from_data(part) for part in parts)


class AllHold(_Combined):
    """Every part holds."""

    __slots__ = ()
    tag = "all"

    @staticmethod
    def _combine(parts: tuple[Holds, ...]) -> Holds:
        return lambda answers: all(part(answers) for part in parts)


class AnyHolds(_Combined):
    """At least one part holds."""

    __slots__ = ()
    tag = "any"

    @staticmethod
    def _combine(parts: tuple[Holds, ...]) -> Holds:
        return lambda answers: any(part(answers) for part in parts)


def predicate_from_data(data: object) -> Predicate:
    """A predicate from what its ``to_data`` wrote; ``ValueError`` if it is not one."""
    predicate: Predicate = _decode(Predicate._kinds, data, "condition")
    return predicate
