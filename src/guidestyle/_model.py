"""The questionnaire format as frozen, strict pydantic models.

The building blocks live in :mod:`._base`, conditions in :mod:`._conditions` and the
question kinds in :mod:`._questions`; this module puts them together. Cross-references (a
question naming a scale, a weight naming a style, …) are checked by :mod:`._references`
once every field is valid; see :meth:`Questionnaire._check_references`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, StringConstraints, ValidationInfo, model_validator

from ._base import Identifier, LanguageCode, Model, Scale, Style, Text
from ._conditions import AllOf, AnyOf, AtLeast, Condition, ConditionValue, Equals, OneOf
from ._errors import Suggestions
from ._frozen import AS_DICT, FREEZE, FrozenMap
from ._limits import exceeded
from ._questions import (
    QUESTION_KINDS,
    ForcedChoiceQuestion,
    LikertQuestion,
    MultipleChoiceQuestion,
    Option,
    Question,
    ScoredQuestion,
    SingleChoiceQuestion,
    Statement,
    TextQuestion,
)
from ._references import reference_problems

__all__ = [
    "QUESTION_KINDS",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Catalogue",
    "Condition",
    "ConditionValue",
    "Distinction",
    "Equals",
    "ForcedChoiceQuestion",
    "LikertQuestion",
    "MultipleChoiceQuestion",
    "OneOf",
    "Option",
    "Question",
    "Questionnaire",
    "ResultText",
    "Scale",
    "ScoredQuestion",
    "ScoringPolicy",
    "SingleChoiceQuestion",
    "Source",
    "Statement",
    "Style",
    "Text",
    "TextQuestion",
]

Margin = Annotated[float, Field(ge=0, le=100)]


class Source(Model):
    """A document the questionnaire's items rest on."""

    id: Identifier
    """Id of the source, unique among sources."""
    title: str
    """The source's title, in plain text."""
    file: str | None = None
    """Where the source is kept, in plain text: a file name, say."""
    url: str | None = None
    """The source's web address, in plain text."""


class Distinction(Model):
    """A dimension on which the styles differ, such as duration or focus."""

    label: Text
    description: Text | None = None
    """Text: what the distinction is about."""
    positions: Annotated[Mapping[Identifier, Text], FREEZE, AS_DICT]
    """Where each style stands on this distinction, keyed by style id."""
    sources: tuple[Identifier, ...] = ()
    """Ids of the sources that draw this distinction."""
    disagreement: Text | None = None
    """Where the sources disagree about this distinction, if they do."""


# Scoring policy and results --------------------------------------------------------------


class ScoringPolicy(Model):
    """How margins between style scores (0-100) turn into a recommendation's strength.

    The top style is a *clear* call when it leads the runner-up by at least
    ``clear_margin`` points and *leaning* when it leads by at least ``leaning_margin``.
    Below that the call is a *blend* of the top two, or *balanced* when all styles lie
    within ``balanced_spread`` points. ``min_coverage`` is the share of each style's shown
    scored questions that must be answered.
    """

    clear_margin: Margin = 15.0
    """The lead over the runner-up, in score points, needed for a clear call: 0 to 100, at most
    two decimals. Default 15."""
    leaning_margin: Margin = 5.0
    """The lead needed for a leaning call: 0 to 100, at most two decimals, not more than
    clear_margin. Default 5."""
    balanced_spread: Margin = 5.0
    """The spread within which all styles count as balanced: 0 to 100, at most two decimals.
    Default 5."""
    min_coverage: Annotated[float, Field(gt=0, le=1)] = 0.5
    """The share of each style's shown scored questions that must be answered: more than 0, up
    to 1. Default 0.5."""

    @model_validator(mode="after")
    def _check_order(self) -> ScoringPolicy:
        for name in ("clear_margin", "leaning_margin", "balanced_spread"):
            value = getattr(self, name)
            if Decimal(str(value)).as_tuple().exponent < -2:  # type: ignore[operator]
                raise ValueError(f"{name} ({value:g}) may have at most two decimals, as scores do")
        if self.leaning_margin > self.clear_margin:
            raise ValueError(
                f"leaning_margin ({self.leaning_margin:g}) must not exceed "
                f"clear_margin ({self.clear_margin:g})"
            )
        return self


class ResultText(Model):
    """What a report says when a style is recommended."""

    headline: Text
    looks_like: Text
    """What guiding in this style looks like in practice."""
    first_steps: Annotated[tuple[Text, ...], Field(min_length=1)]
    """The first steps to take, as a list of at least one text."""


class Questionnaire(Model):
    """A questionnaire: its identity, the styles, distinctions, scales and questions."""

    format: Literal[1]
    """The version of the questionnaire format; this library reads format 1."""
    id: Identifier
    """The questionnaire's id: letters, digits, '_', '-' and '.'."""
    version: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    """Your own version label: text of 1 to 32 characters. Quote it ("1.0"), or YAML reads a
    number."""
    title: Text
    description: Text
    audience: Text
    """Who answers this questionnaire."""
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1)] = ("en",)
    """The languages texts are written in; the first is the default."""
    sources: tuple[Source, ...] = ()
    """The documents the content rests on."""
    styles: Annotated[Mapping[Identifier, Style], Field(min_length=2), FREEZE, AS_DICT]
    """At least 2 styles, keyed by style id."""
    distinctions: Annotated[Mapping[Identifier, Distinction], Field(min_length=1), FREEZE, AS_DICT]
    """At least 1 distinction, keyed by id: the dimensions on which the styles differ."""
    scales: Annotated[Mapping[Identifier, Scale], FREEZE, AS_DICT] = Field(
        default_factory=FrozenMap
    )
    """Answer scales, keyed by id; needed by Likert questions."""
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
    """At least 1 question, in the order they are asked. Each has a kind: likert, single_choice,
    multiple_choice, forced_choice or text."""
    scoring: ScoringPolicy = Field(default_factory=ScoringPolicy)
    """The scoring policy; defaults apply when left out."""
    results: Annotated[Mapping[Identifier, ResultText], FREEZE, AS_DICT] = Field(
        default_factory=FrozenMap
    )
    """Report texts per style, keyed by style id."""

    _origin: object = PrivateAttr(default=None)  # set by the loader, read by the linter

    @model_validator(mode="after")
    def _check_limits(self) -> Questionnaire:
        # The loader checks the raw data before validating it; this holds for data given in
        # Python or JSON (a model "before" validator would undo strict JSON validation).
        problems = exceeded(self)
        if problems:
            raise ValueError("; ".join(map(str, problems)))
        return self

    @model_validator(mode="after")
    def _check_references(self, info: ValidationInfo) -> Questionnaire:
        problems = reference_problems(self)
        collected = info.context.get("reference_problems") if info.context else None
        if isinstance(collected, list):
            collected.extend(problems)
        elif problems:
            raise ValueError("\n".join(str(problem) for problem in problems))
        return self

    _digest: str | None = PrivateAttr(default=None)

    @property
    def digest(self) -> str:
        """A SHA-256 digest of the questionnaire's content, stable across formatting."""
        if self._digest is None:
            canonical = json.dumps(
                self.model_dump(mode="json"),
                sort_keys=True,
                separators=(",", ":"),
                ensure_ascii=False,
            )
            self._digest = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        return self._digest

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Any:
        """A copy; with ``update`` its content differs, so its digest is worked out anew."""
        copy = super().model_copy(update=update, deep=deep)
        if update:
            copy._digest = copy._index = copy._origin = copy._hints = None
        return copy

    def __eq__(self, other: object) -> bool:
        """Equal content is equal, wherever each questionnaire was loaded from."""
        if not isinstance(other, Questionnaire):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in type(self).model_fields)

    def __hash__(self) -> int:
        return hash(self.digest)

    _index: dict[str, Question] | None = PrivateAttr(default=None)

    def question(self, question_id: str) -> Question:
        """The question with this id; ``KeyError`` when there is none."""
        if self._index is None:
            index: dict[str, Question] = {}
            for question in self.questions:
                index.setdefault(question.id, question)  # the first, as the file reads
            self._index = index
        return self._index[question_id]

    def question_ids(self) -> Iterator[str]:
        """The ids of the questions, in order."""
        return (question.id for question in self.questions)

    _hints: Suggestions | None = PrivateAttr(default=None)

    def question_hint(self, question_id: str) -> str | None:
        """A "did you mean" hint for an unknown question id, in bounded time however many
        unknown ids are looked up (see :class:`Suggestions`)."""
        if self._hints is None:
            self._hints = Suggestions(self.question_ids())
        return self._hints(question_id)


class Catalogue(Model):
    """The catalogue of distinctions the built-in questionnaires draw on, with sources."""

    format: Literal[1]
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]
    styles: Annotated[Mapping[Identifier, Style], Field(min_length=2), FREEZE, AS_DICT]
    distinctions: Annotated[Mapping[Identifier, Distinction], Field(min_length=1), FREEZE, AS_DICT]
