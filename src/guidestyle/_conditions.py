"""Show-if conditions: one class per kind, each compiling itself to a cheap predicate.

A condition reads earlier answers. Each kind knows which questions it reads, how it is
said in words, what it refers to (checked against the questionnaire) and how to test a set
of validated answers. :meth:`compile` does the work of reading the condition once, so the
engine's test per response is a few dictionary and set lookups.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any, ClassVar, TypeAlias

from pydantic import BaseModel, Discriminator, Field, Tag

from . import _compiled
from ._base import Context, Identifier, Model
from ._compiled import AnswerValue, Predicate
from ._errors import KeyPath, Problem

ConditionValue = Identifier | int
"""What a condition compares an answer with: an option or statement id, or a scale point."""


class _Condition(Model):
    def compile(self) -> Predicate:
        """The condition as a function of validated answers."""
        raise NotImplementedError

    def holds(self, answers: Mapping[str, AnswerValue]) -> bool:
        """Whether the condition holds for ``answers``; an unanswered question never matches."""
        return self.compile()(answers)

    def questions(self) -> Iterator[str]:
        """The ids of the questions the condition reads, in the order written."""
        raise NotImplementedError

    def describe(self) -> str:
        """The condition in words, e.g. ``horizon is years``."""
        raise NotImplementedError

    def reference_problems(self, context: Context, path: KeyPath) -> Iterator[Problem]:
        """What the condition refers to that does not exist or does not fit."""
        raise NotImplementedError


class _OnOneQuestion(_Condition):
    question: Identifier
    """Id of an earlier question, whose answer decides."""

    def questions(self) -> Iterator[str]:
        yield self.question

    def reference_problems(self, context: Context, path: KeyPath) -> Iterator[Problem]:
        try:
            target = context.question(self.question)
        except KeyError:
            message = f"unknown question '{self.question}'"
            yield Problem(
                message, path=(*path, "question"), hint=context.question_hint(self.question)
            )
            return
        if not target.conditionable:
            yield Problem(
                f"conditions cannot depend on the free-text question '{target.id}'",
                path=(*path, "question"),
            )
            return
        yield from self._value_problems(context, target, path)

    def _value_problems(self, context: Context, target: Any, path: KeyPath) -> Iterator[Problem]:
        raise NotImplementedError


class Equals(_OnOneQuestion):
    """Holds when the answer to ``question`` is ``equals`` (a scale point or option id).

    For a multiple-choice question it holds when ``equals`` is among the chosen options.
    """

    equals: ConditionValue
    """The answer to the question is this value: an option or statement id, or a scale point."""

    def compile(self) -> Predicate:
        return _compiled.Matches(self.question, (self.equals,))

    def describe(self) -> str:
        return f"{self.question} is {self.equals}"

    def _value_problems(self, context: Context, target: Any, path: KeyPath) -> Iterator[Problem]:
        yield from target.condition_value_problems(self.equals, (*path, "equals"), context)


class OneOf(_OnOneQuestion):
    """Holds when the answer to ``question`` is one of ``one_of``."""

    one_of: Annotated[tuple[ConditionValue, ...], Field(min_length=1)]
    """The answer to the question is any of these values."""

    def compile(self) -> Predicate:
        return _compiled.Matches(self.question, self.one_of)

    def describe(self) -> str:
        return f"{self.question} is one of {', '.join(map(str, self.one_of))}"

    def _value_problems(self, context: Context, target: Any, path: KeyPath) -> Iterator[Problem]:
        for index, value in enumerate(self.one_of):
            yield from target.condition_value_problems(value, (*path, "one_of", index), context)


class AtLeast(_OnOneQuestion):
    """Holds when the scale point answered to a Likert ``question`` is at least ``at_least``."""

    at_least: int
    """The scale point chosen is this or higher (Likert questions only)."""

    def compile(self) -> Predicate:
        return _compiled.AtLeast(self.question, self.at_least)

    def describe(self) -> str:
        return f"{self.question} is at least {self.at_least}"

    def _value_problems(self, context: Context, target: Any, path: KeyPath) -> Iterator[Problem]:
        if not target.ordered:
            yield Problem(
                f"at_least needs a Likert question; '{target.id}' is {target.kind}",
                path=(*path, "at_least"),
            )
            return
        yield from target.condition_value_problems(self.at_least, (*path, "at_least"), context)


class _Combination(_Condition):
    """Conditions on conditions: the one field (``all`` or ``any``) lists the parts."""

    _joiner: ClassVar[str]
    _compiled_as: ClassVar[type[_compiled.AllHold | _compiled.AnyHolds]]

    def _key(self) -> str:
        return next(iter(type(self).model_fields))

    def parts(self) -> tuple[Condition, ...]:
        parts: tuple[Condition, ...] = getattr(self, self._key())
        return parts

    def compile(self) -> Predicate:
        return self._compiled_as(part.compile() for part in self.parts())

    def questions(self) -> Iterator[str]:
        for part in self.parts():
            yield from part.questions()

    def describe(self) -> str:
        return "(" + self._joiner.join(part.describe() for part in self.parts()) + ")"

    def reference_problems(self, context: Context, path: KeyPath) -> Iterator[Problem]:
        key = self._key()
        for index, part in enumerate(self.parts()):
            yield from part.reference_problems(context, (*path, key, index))


class AllOf(_Combination):
    """Holds when every condition in ``all`` holds."""

    all: Annotated[tuple[Condition, ...], Field(min_length=1)]
    """Every listed condition holds."""

    _joiner: ClassVar[str] = " and "
    _compiled_as: ClassVar[type[_compiled.AllHold]] = _compiled.AllHold


class AnyOf(_Combination):
    """Holds when at least one condition in ``any`` holds."""

    any: Annotated[tuple[Condition, ...], Field(min_length=1)]
    """At least one listed condition holds."""

    _joiner: ClassVar[str] = " or "
    _compiled_as: ClassVar[type[_compiled.AnyHolds]] = _compiled.AnyHolds


_CONDITION_KEYS = ("all", "any", "equals", "one_of", "at_least")


# Union tags show up in pydantic's error locations; a space keeps them from ever being
# mistaken for a key of the data when the loader maps a location back onto the YAML.


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, Mapping):
        keys: Any = value
    elif isinstance(value, BaseModel):
        keys = type(value).model_fields
    else:  # a scalar or a list: no condition at all
        return None
    return next((f"{key} condition" for key in _CONDITION_KEYS if key in keys), None)


Condition: TypeAlias = Annotated[
    Annotated[Equals, Tag("equals condition")]
    | Annotated[OneOf, Tag("one_of condition")]
    | Annotated[AtLeast, Tag("at_least condition")]
    | Annotated[AllOf, Tag("all condition")]
    | Annotated[AnyOf, Tag("any condition")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition needs one of: equals, one_of, at_least, all, any",
    ),
]
"""A show-if condition on earlier answers."""

AllOf.model_rebuild()
AnyOf.model_rebuild()
