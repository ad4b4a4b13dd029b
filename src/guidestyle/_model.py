"""The questionnaire format as frozen, strict pydantic models.

Cross-references (a question naming a scale, a weight naming a style, …) are checked by
:mod:`._references` once every field is valid; see :meth:`Questionnaire._check_references`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    StringConstraints,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    WrapSerializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._frozen import FrozenMap

Identifier = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)
]
"""An id: letters, digits, ``_``, ``-`` and ``.``, starting with a letter or digit."""

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A BCP 47 language tag such as ``en`` or ``pt-BR``."""


def _validate_text(value: object) -> str | Mapping[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "text must not be empty")
        return value
    if isinstance(value, Mapping) and value:
        for language, translation in value.items():
            if not isinstance(language, str) or not isinstance(translation, str):
                raise PydanticCustomError(
                    "text_type", "a translated text maps language codes to texts"
                )
            if not translation.strip():
                raise PydanticCustomError(
                    "text_empty", "the '{language}' text must not be empty", {"language": language}
                )
        return FrozenMap(value)
    raise PydanticCustomError(
        "text_type", "expected a text, or a mapping from language code to text"
    )


def _as_dict(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    return handler(dict(value) if isinstance(value, Mapping) else value)


# Models are frozen, and so are the mappings inside them: a questionnaire, built-ins
# included, is shared and cached, so nobody may change it under someone else.
_FREEZE = AfterValidator(FrozenMap)
_AS_DICT = WrapSerializer(_as_dict)

Text: TypeAlias = Annotated[
    str | Mapping[str, str],
    PlainValidator(_validate_text),
    WrapSerializer(_as_dict),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ],
            "description": "A text, or a mapping from language code to text.",
        }
    ),
]
"""A human-readable text: one string, or a mapping from language code to string."""

Weight = Annotated[int, Field(ge=0, le=10)]
Margin = Annotated[float, Field(ge=0, le=100)]


class _Model(BaseModel):
    model_config = ConfigDict(
        strict=True,
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        ignored_types=(cached_property,),
    )


class Source(_Model):
    """A document the questionnaire's items rest on."""

    id: Identifier
    title: str
    file: str | None = None
    url: str | None = None


class Style(_Model):
    """A way of guiding that the questionnaire decides between."""

    label: Text
    description: Text


class Distinction(_Model):
    """A dimension on which the styles differ, such as duration or focus."""

    label: Text
    description: Text | None = None
    positions: Annotated[Mapping[Identifier, Text], _FREEZE, _AS_DICT]
    """Where each style stands on this distinction, keyed by style id."""
    sources: tuple[Identifier, ...] = ()
    """Ids of the sources that draw this distinction."""
    disagreement: Text | None = None
    """Where the sources disagree about this distinction, if they do."""


class Scale(_Model):
    """A response scale: whole points from ``min`` to ``max``, one label per point."""

    min: int
    max: int
    labels: tuple[Text, ...]

    @model_validator(mode="after")
    def _check_points(self) -> Scale:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max}) must be greater than min ({self.min})")
        if self.max - self.min > 10:
            raise ValueError("a scale may have at most 11 points")
        points = self.max - self.min + 1
        if len(self.labels) != points:
            raise ValueError(
                f"a scale from {self.min} to {self.max} needs {points} labels, "
                f"one per point; found {len(self.labels)}"
            )
        return self


# Conditions ------------------------------------------------------------------------------

ConditionValue = Identifier | int
"""What a condition compares an answer with: an option or statement id, or a scale point."""


class Equals(_Model):
    """Holds when the answer to ``question`` is ``equals`` (a scale point or option id).

    For a multiple-choice question it holds when ``equals`` is among the chosen options.
    """

    question: Identifier
    equals: ConditionValue


class OneOf(_Model):
    """Holds when the answer to ``question`` is one of ``one_of``."""

    question: Identifier
    one_of: Annotated[tuple[ConditionValue, ...], Field(min_length=1)]


class AtLeast(_Model):
    """Holds when the scale point answered to a Likert ``question`` is at least ``at_least``."""

    question: Identifier
    at_least: int


class AllOf(_Model):
    """Holds when every condition in ``all`` holds."""

    all: Annotated[tuple[Condition, ...], Field(min_length=1)]


class AnyOf(_Model):
    """Holds when at least one condition in ``any`` holds."""

    any: Annotated[tuple[Condition, ...], Field(min_length=1)]


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


# Questions -------------------------------------------------------------------------------


class _Question(_Model):
    id: Identifier
    text: Text
    help: Text | None = None
    """An optional explanation shown under the question."""
    required: bool = True
    show_if: Condition | None = None
    """Ask this question only when the condition on earlier answers holds."""


class _ScoredQuestion(_Question):
    distinction: Identifier
    """The distinction this question expresses."""
    sources: tuple[Identifier, ...] = ()
    """Ids of the sources this question rests on."""


class Option(_Model):
    """A choice in a single- or multiple-choice question."""

    id: Identifier
    text: Text
    weights: Annotated[Mapping[Identifier, Weight], _FREEZE, _AS_DICT] = Field(
        default_factory=FrozenMap
    )
    """Points this option gives each style (0 to 10; styles left out get 0)."""


class Statement(_Model):
    """A statement in a forced-choice block, keyed to one style."""

    id: Identifier
    text: Text
    style: Identifier


class LikertQuestion(_ScoredQuestion):
    """A statement rated on a scale; agreement counts toward ``style``.

    With ``reverse: true`` disagreement counts instead.
    """

    kind: Literal["likert"]
    scale: Identifier
    style: Identifier
    reverse: bool = False


class SingleChoiceQuestion(_ScoredQuestion):
    """Pick one option; the option's weights count."""

    kind: Literal["single_choice"]
    options: Annotated[tuple[Option, ...], Field(min_length=2, max_length=12)]

    @property
    def choice_ids(self) -> tuple[str, ...]:
        """The ids of the options, in order: the valid answers."""
        return tuple(choice.id for choice in self.options)


class MultipleChoiceQuestion(_ScoredQuestion):
    """Pick any number of options (up to ``max_choices``); their weights add up."""

    kind: Literal["multiple_choice"]
    options: Annotated[tuple[Option, ...], Field(min_length=2, max_length=12)]
    max_choices: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _check_max_choices(self) -> MultipleChoiceQuestion:
        if self.max_choices is not None and self.max_choices > len(self.options):
            raise ValueError(
                f"max_choices ({self.max_choices}) is more than the number of options "
                f"({len(self.options)})"
            )
        return self

    @property
    def choice_ids(self) -> tuple[str, ...]:
        """The ids of the options, in order: the valid answers."""
        return tuple(choice.id for choice in self.options)


class ForcedChoiceQuestion(_ScoredQuestion):
    """Pick the statement most like you; one point to that statement's style."""

    kind: Literal["forced_choice"]
    statements: Annotated[tuple[Statement, ...], Field(min_length=2, max_length=6)]

    @property
    def choice_ids(self) -> tuple[str, ...]:
        """The ids of the statements, in order: the valid answers."""
        return tuple(choice.id for choice in self.statements)


class TextQuestion(_Question):
    """A free-text note; never scored."""

    kind: Literal["text"]
    required: bool = False
    max_length: Annotated[int, Field(ge=1, le=10_000)] = 2_000


QUESTION_KINDS = ("likert", "single_choice", "multiple_choice", "forced_choice", "text")


def _question_tag(value: Any) -> str | None:
    kind = value.get("kind") if isinstance(value, Mapping) else getattr(value, "kind", None)
    return f"{kind} question" if isinstance(kind, str) and kind in QUESTION_KINDS else None


Question: TypeAlias = Annotated[
    Annotated[LikertQuestion, Tag("likert question")]
    | Annotated[SingleChoiceQuestion, Tag("single_choice question")]
    | Annotated[MultipleChoiceQuestion, Tag("multiple_choice question")]
    | Annotated[ForcedChoiceQuestion, Tag("forced_choice question")]
    | Annotated[TextQuestion, Tag("text question")],
    Discriminator(
        _question_tag,
        custom_error_type="question_kind",
        custom_error_message="unknown or missing question kind",
    ),
]
ScoredQuestion: TypeAlias = (
    LikertQuestion | SingleChoiceQuestion | MultipleChoiceQuestion | ForcedChoiceQuestion
)


# Scoring policy and results --------------------------------------------------------------


class ScoringPolicy(_Model):
    """How margins between style scores (0-100) turn into a recommendation's strength.

    The top style is a *clear* call when it leads the runner-up by at least
    ``clear_margin`` points and *leaning* when it leads by at least ``leaning_margin``.
    Below that the call is a *blend* of the top two, or *balanced* when all styles lie
    within ``balanced_spread`` points. ``min_coverage`` is the share of each style's shown
    scored questions that must be answered.
    """

    clear_margin: Margin = 15.0
    leaning_margin: Margin = 5.0
    balanced_spread: Margin = 5.0
    min_coverage: Annotated[float, Field(gt=0, le=1)] = 0.5

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


class ResultText(_Model):
    """What a report says when a style is recommended."""

    headline: Text
    looks_like: Text
    """What guiding in this style looks like in practice."""
    first_steps: Annotated[tuple[Text, ...], Field(min_length=1)]


class Questionnaire(_Model):
    """A questionnaire: its identity, the styles, distinctions, scales and questions."""

    format: Literal[1]
    """The version of the questionnaire format; this library reads format 1."""
    id: Identifier
    version: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    title: Text
    description: Text
    audience: Text
    """Who answers this questionnaire."""
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1)] = ("en",)
    """The languages texts are written in; the first is the default."""
    sources: tuple[Source, ...] = ()
    styles: Annotated[Mapping[Identifier, Style], Field(min_length=2), _FREEZE, _AS_DICT]
    distinctions: Annotated[
        Mapping[Identifier, Distinction], Field(min_length=1), _FREEZE, _AS_DICT
    ]
    scales: Annotated[Mapping[Identifier, Scale], _FREEZE, _AS_DICT] = Field(
        default_factory=FrozenMap
    )
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
    scoring: ScoringPolicy = Field(default_factory=ScoringPolicy)
    results: Annotated[Mapping[Identifier, ResultText], _FREEZE, _AS_DICT] = Field(
        default_factory=FrozenMap
    )
    """Report texts per style, keyed by style id."""

    _origin: object = PrivateAttr(default=None)  # set by the loader, read by the linter

    @model_validator(mode="after")
    def _check_references(self, info: ValidationInfo) -> Questionnaire:
        from ._references import reference_problems  # noqa: PLC0415 - it imports this module

        problems = reference_problems(self)
        collected = info.context.get("reference_problems") if info.context else None
        if isinstance(collected, list):
            collected.extend(problems)
        elif problems:
            raise ValueError("\n".join(str(problem) for problem in problems))
        return self

    @cached_property
    def digest(self) -> str:
        """A SHA-256 digest of the questionnaire's content, stable across formatting."""
        canonical = json.dumps(
            self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def __eq__(self, other: object) -> bool:
        """Equal content is equal, wherever each questionnaire was loaded from."""
        if not isinstance(other, Questionnaire):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in type(self).model_fields)

    def __hash__(self) -> int:
        return hash(self.digest)

    def question(self, question_id: str) -> Question:
        """The question with this id; ``KeyError`` when there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


class Catalogue(_Model):
    """The catalogue of distinctions the built-in questionnaires draw on, with sources."""

    format: Literal[1]
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]
    styles: Annotated[Mapping[Identifier, Style], Field(min_length=2), _FREEZE, _AS_DICT]
    distinctions: Annotated[
        Mapping[Identifier, Distinction], Field(min_length=1), _FREEZE, _AS_DICT
    ]


def is_scored(question: Question) -> bool:
    """Whether the question counts toward style scores (every kind but ``text``)."""
    return not isinstance(question, TextQuestion)
