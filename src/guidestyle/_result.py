"""The result of scoring: plain frozen dataclasses, serialised through one pydantic adapter.

Results are built on the hot path of every scored response, so they are stdlib dataclasses
(cheap to construct) rather than validated models; pydantic only steps in to write and read
JSON and to describe the format as JSON Schema.

Scores, margins and contributions are :class:`~decimal.Decimal` values with two decimals,
so the contributions of the questions add up *exactly* to each score. JSON carries them as
numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal, TypeVar

from pydantic import PlainSerializer, TypeAdapter, ValidationError, WithJsonSchema

from ._errors import ResultError

Points = Annotated[
    Decimal,
    PlainSerializer(float, return_type=float, when_used="json"),
    WithJsonSchema({"type": "number"}),
]
"""A number of points on the 0-100 scale, with two decimals."""

HUNDREDTHS = 10_000
"""A whole share, 100 points, in hundredths of a point: all scoring arithmetic is in these."""


def share(earned: int, most: int) -> int:
    """``earned`` of ``most`` as hundredths of a point (0 to 10,000), rounded half up."""
    return (2 * HUNDREDTHS * earned + most) // (2 * most)


class _Decimals(dict[int, Decimal]):
    """Hundredths of a point to two-decimal :class:`Decimal`, each built on first use."""

    def __missing__(self, hundredths: int) -> Decimal:
        points = self[hundredths] = Decimal(hundredths).scaleb(-2)
        return points


to_points = _Decimals().__getitem__
"""Hundredths of a point as a two-decimal :class:`Decimal` (built once per value)."""

AnswerValue = int | str | tuple[str, ...]
"""A validated answer: a scale point, an option or statement id, chosen option ids, or text."""

Strength = Literal["clear", "leaning", "blend", "balanced"]


@dataclass(frozen=True, slots=True)
class QuestionnaireRef:
    """Which questionnaire, exactly, produced a result."""

    id: str
    version: str
    digest: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The style recommended and how clear the call is.

    ``blend`` names the styles the call is shared between: the top two for a blend, every
    style (best first) when balanced, and nothing for a clear or leaning call.
    """

    style: str
    strength: Strength
    runner_up: str
    blend: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StyleCoverage:
    """How many shown scored questions reach a style, and how many of those were answered."""

    shown: int
    answered: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """How completely the shown questions were answered."""

    shown: int
    answered: int
    styles: dict[str, StyleCoverage]


@dataclass(frozen=True, slots=True)
class Driver:
    """An answer that separated the recommended style from the runner-up."""

    question: str
    distinction: str
    answer: AnswerValue
    difference: Points
    """How many more score points it gave the recommended style than the runner-up."""


@dataclass(frozen=True, slots=True)
class DistinctionProfile:
    """Where the answers stood on one distinction: each style's share of its points there."""

    distinction: str
    questions: int
    scores: dict[str, Points | None]
    """Per style, 0-100; ``None`` when no answered question on it reaches the style."""
    leans_to: str | None
    """The style with the highest share, or ``None`` when there is a tie at the top."""


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of scoring one set of answers. Serialise with :meth:`to_json`.

    ``contributions``, ``drivers`` and ``profile`` form the explanation; they are empty when
    scoring was asked not to explain.
    """

    questionnaire: QuestionnaireRef
    library_version: str
    recommendation: Recommendation
    scores: dict[str, Points]
    """Each style's score, 0-100: its share of the points the shown, answered questions allow."""
    margin: Points
    """The recommended style's lead over the runner-up."""
    ranking: tuple[str, ...]
    coverage: Coverage
    answers: dict[str, AnswerValue]
    """The validated answers, in questionnaire order."""
    contributions: dict[str, dict[str, Points]] = field(default_factory=dict)
    """Per answered scored question (in questionnaire order), its share of each style's
    score; summed over the questions, exactly the scores."""
    drivers: tuple[Driver, ...] = field(default=())
    profile: tuple[DistinctionProfile, ...] = field(default=())

    def to_json(self, *, indent: int | None = None) -> str:
        """The result as JSON; :meth:`from_json` reads it back to an equal result."""
        return _adapter().dump_json(self, indent=indent).decode("utf-8")

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready Python data (numbers as floats, tuples as lists)."""
        data: dict[str, Any] = json.loads(self.to_json())
        return data

    @classmethod
    def from_json(cls, text: str | bytes) -> Result:
        """Read a result written by :meth:`to_json`; :class:`ResultError` if it is not one."""
        return read_json(_adapter(), text, "result")


T = TypeVar("T")


def read_json(adapter: TypeAdapter[T], text: str | bytes, what: str) -> T:
    """``text`` validated by ``adapter``, or :class:`ResultError` saying what is wrong."""
    try:
        return adapter.validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        if first["type"] == "json_invalid":
            raise ResultError(f"not a guidestyle {what}: the text is not valid JSON") from None
        where = ".".join(map(str, first["loc"])) or "the top level"
        reason = first["msg"][:1].lower() + first["msg"][1:]
        raise ResultError(f"not a guidestyle {what}: {where}: {reason}") from None


@cache
def _adapter() -> TypeAdapter[Result]:
    return TypeAdapter(Result)


def result_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a result as :meth:`Result.to_json` writes it."""
    schema = _adapter().json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
