"""The building blocks every part of the questionnaire format shares.

Field types (ids, language codes, translatable texts, weights), the strict frozen base
model, the two small models everything else refers to (:class:`Style`, :class:`Scale`),
and :class:`Context`: what a question or a condition may ask of the questionnaire it
belongs to, so that neither needs to import the questionnaire model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from typing import Annotated, Any, NamedTuple, Protocol, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._errors import (
    GuidestyleError,
    KeyPath,
    Problem,
    describe,
    did_you_mean,
    is_id_like,
    quoted_key,
    shorten,
)
from ._frozen import AS_DICT, FrozenMap

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
                    "text_empty",
                    "the {language} text must not be empty",
                    {"language": quoted_key(language)},
                )
        return FrozenMap(value)
    raise PydanticCustomError(
        "text_type", "expected a text, or a mapping from language code to text"
    )


# Models are frozen, and so are the mappings inside them (see _frozen): a
# questionnaire, built-ins included, is shared and cached, so nobody may change it under
# someone else.

Text: TypeAlias = Annotated[
    str | Mapping[str, str],
    PlainValidator(_validate_text),
    AS_DICT,
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

TextOf = Callable[[Text], str]
"""Picks one language of a text (see :func:`localize`)."""


def localize(text: Text, language: str, default_language: str) -> str:
    """The text in ``language``, falling back to the default language, then to any."""
    if isinstance(text, str):
        return text
    for candidate in (language, default_language):
        if candidate in text:
            return text[candidate]
    return next(iter(text.values()))


class Model(BaseModel):
    """The base of every questionnaire model: strict, frozen, no unknown keys."""

    model_config = ConfigDict(
        strict=True,
        frozen=True,
        extra="forbid",
        ignored_types=(cached_property,),
    )


class Style(Model):
    """A way of guiding that the questionnaire decides between."""

    label: Text
    description: Text


def _number(value: int) -> str:
    """A whole number from the input, cut short if it is long."""
    return shorten(str(value))


class Scale(Model):
    """A response scale: whole points from ``min`` to ``max``, one label per point."""

    min: int
    """Whole number: the lowest point."""
    max: int
    """Whole number, greater than min; at most 11 points (max - min at most 10)."""
    labels: tuple[Text, ...]
    """One text per point, lowest first; exactly max - min + 1 of them."""

    @model_validator(mode="after")
    def _check_points(self) -> Scale:
        if self.max <= self.min:
            raise ValueError(
                f"max ({_number(self.max)}) must be greater than min ({_number(self.min)})"
            )
        if self.max - self.min > 10:
            raise ValueError("a scale may have at most 11 points")
        points = self.max - self.min + 1
        if len(self.labels) != points:
            raise ValueError(
                f"a scale from {_number(self.min)} to {_number(self.max)} needs {points} labels, "
                f"one per point; found {len(self.labels)}"
            )
        return self


class Context(Protocol):
    """What a question or condition may look up in the questionnaire it belongs to."""

    @property
    def styles(self) -> Mapping[str, Style]: ...

    @property
    def scales(self) -> Mapping[str, Scale]: ...

    @property
    def distinctions(self) -> Mapping[str, Any]: ...

    def question_ids(self) -> Iterable[str]: ...

    def question(self, question_id: str) -> Any: ...

    def question_hint(self, question_id: str) -> str | None: ...


class AnswerIssue(NamedTuple):
    """One reason an answer is invalid."""

    message: str
    at: int | None = None
    """The index of the choice it is about, in a list of choices."""
    hint: str | None = None


class InvalidAnswer(GuidestyleError):
    """Raised by a question kind's ``check_answer``; the engine turns it into problems."""

    def __init__(self, *issues: AnswerIssue) -> None:
        self.issues = issues
        super().__init__("; ".join(issue.message for issue in issues))


def unknown_reference(
    what: str, value: str, known: Iterable[str], path: KeyPath, *, about_key: bool = False
) -> Problem:
    """A reference to an id that does not exist, with a "did you mean" hint when one fits."""
    hint = did_you_mean(value, list(known))
    return Problem(
        f"unknown {what} '{value}'",
        path=path,
        hint=hint,
        about_key=about_key,
        repeats=(what, value),
    )


def duplicate_ids(
    ids: Iterable[str], what: str, path_of: KeyPath, key: str | None = "id"
) -> Iterator[Problem]:
    """A problem for each id already used earlier in the list at ``path_of``."""
    seen: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield Problem(
                f"duplicate {what} '{item_id}' (also at {path_of[-1]}[{seen[item_id]}])",
                path=(*path_of, index) if key is None else (*path_of, index, key),
            )
        else:
            seen[item_id] = index


def quoted(text: str) -> str:
    """``text`` in quotes if it looks like an id (as a mistyped choice does), else ``(a text
    of N characters)``: a message never repeats what a person wrote, which may be private."""
    return f"'{text}'" if is_id_like(text) else f"({describe(text)})"


StylePoints = Mapping[str, int]
"""Points per style; styles left out get 0."""


def add_points(parts: Iterable[StylePoints]) -> dict[str, int]:
    """The sum of several points mappings."""
    total: dict[str, int] = {}
    for part in parts:
        for style, points in part.items():
            total[style] = total.get(style, 0) + points
    return total
