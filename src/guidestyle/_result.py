"""The result of scoring: plain frozen values, written as JSON here and read through pydantic.

Results are built on the hot path of every scored response, so they are plain frozen
objects (cheap to construct) rather than validated models. They are written as JSON by
:meth:`Result.to_json` with the standard library, so that scoring and writing a result need
no pydantic; pydantic steps in (imported then) to read a result back and to describe the
format as JSON Schema, and the tests hold the two to the same bytes. Every mapping inside a
result is read-only, so a result is immutable through and through, and hashable.

A result's explanation (contributions, drivers, profile) is worked out the first time it
is read, so a caller that only wants the recommendation never pays for it.

Scores, margins and contributions are :class:`~decimal.Decimal` values with two decimals,
so the contributions of the questions add up *exactly* to each score. JSON carries them as
numbers.
"""

# ruff: noqa: PLC0415 - pydantic is imported when a result is read or described, not written

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import FrozenInstanceError, dataclass, field, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from ._compiled import AnswerValue
from ._errors import ResultError, expect
from ._frozen import AS_DICT, FREEZE, FrozenMap

if TYPE_CHECKING:
    from pydantic import ConfigDict, GetCoreSchemaHandler, GetJsonSchemaHandler, TypeAdapter
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

T = TypeVar("T")


class _AsNumber:
    """A :class:`~decimal.Decimal` field written to JSON as a number (pydantic's
    ``PlainSerializer(float)`` and ``WithJsonSchema``, built when a schema is)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import PlainSerializer

        serializer = PlainSerializer(float, return_type=float, when_used="json")
        return serializer.__get_pydantic_core_schema__(source, handler)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        from pydantic import WithJsonSchema

        return WithJsonSchema({"type": "number"}).__get_pydantic_json_schema__(schema, handler)


Points = Annotated[Decimal, _AsNumber()]
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
    styles: Annotated[Mapping[str, StyleCoverage], FREEZE, AS_DICT]

    def __post_init__(self) -> None:
        if not isinstance(self.styles, FrozenMap):
            object.__setattr__(self, "styles", FrozenMap(self.styles))


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
    scores: Annotated[Mapping[str, Points | None], FREEZE, AS_DICT]
    """Per style, 0-100; ``None`` when no answered question on it reaches the style."""
    leans_to: str | None
    """The style with the highest share, or ``None`` when there is a tie at the top."""

    def __post_init__(self) -> None:
        if not isinstance(self.scores, FrozenMap):
            object.__setattr__(self, "scores", FrozenMap(self.scores))


class ContributionTable(Mapping[str, Mapping[str, Points]]):
    """Per explained question, its share of each style's score: a read-only mapping kept as
    one column of hundredths per style, each question's mapping made when it is read."""

    __slots__ = ("_columns", "_ids", "_index", "_styles")

    def __init__(self, styles: tuple[str, ...], ids: list[str], columns: list[list[int]]) -> None:
        self._styles = styles
        self._ids = ids
        self._columns = columns
        self._index: dict[str, int] | None = None

    def __getitem__(self, question: str) -> Mapping[str, Points]:
        index = self._index
        if index is None:
            index = self._index = {question: k for k, question in enumerate(self._ids)}
        k = index[question]
        return FrozenMap.adopt(
            {
                style: to_points(column[k])
                for style, column in zip(self._styles, self._columns, strict=True)
            }
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return repr({question: dict(shares) for question, shares in self.items()})

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self.items()),))

    __hash__ = None  # type: ignore[assignment]  # equal to dicts, which are unhashable


Explanation = tuple[
    Mapping[str, Mapping[str, Points]], tuple[Driver, ...], tuple[DistinctionProfile, ...]
]
"""Contributions, drivers and profile: what explains a result."""


_NOT_EXPLAINED: Explanation = (FrozenMap(), (), ())


def _frozen_contributions(
    contributions: Mapping[str, Mapping[str, Points]],
) -> Mapping[str, Mapping[str, Points]]:
    if isinstance(contributions, (FrozenMap, ContributionTable)):  # read-only already
        return contributions
    return FrozenMap((key, FrozenMap(shares)) for key, shares in contributions.items())


class Result:
    """The outcome of scoring one set of answers. Serialise with :meth:`to_json`.

    ``contributions``, ``drivers`` and ``profile`` form the explanation; they are empty when
    scoring was asked not to explain. Immutable, hashable, and equal to another result
    with the same values.
    """

    __slots__ = (
        "_explain",
        "_explanation",
        "answers",
        "coverage",
        "library_version",
        "margin",
        "questionnaire",
        "ranking",
        "recommendation",
        "scores",
    )

    questionnaire: QuestionnaireRef
    library_version: str
    recommendation: Recommendation
    scores: Mapping[str, Points]
    """Each style's score, 0-100: its share of the points the shown, answered questions allow."""
    margin: Points
    """The recommended style's lead over the runner-up."""
    ranking: tuple[str, ...]
    coverage: Coverage
    answers: Mapping[str, AnswerValue]
    """The validated answers, in questionnaire order."""
    _explanation: Explanation | None
    _explain: Callable[[], Explanation] | None

    def __init__(  # noqa: PLR0917 - the fields in their JSON order, as results always took them
        self,
        questionnaire: QuestionnaireRef,
        library_version: str,
        recommendation: Recommendation,
        scores: Mapping[str, Points],
        margin: Points,
        ranking: tuple[str, ...],
        coverage: Coverage,
        answers: Mapping[str, AnswerValue],
        contributions: Mapping[str, Mapping[str, Points]] | None = None,
        drivers: tuple[Driver, ...] = (),
        profile: tuple[DistinctionProfile, ...] = (),
        *,
        explain: Callable[[], Explanation] | None = None,
    ) -> None:
        """``explain``, if given, works out the explanation when it is first read."""
        put = object.__setattr__
        put(self, "questionnaire", questionnaire)
        put(self, "library_version", library_version)
        put(self, "recommendation", recommendation)
        put(self, "scores", scores if isinstance(scores, FrozenMap) else FrozenMap(scores))
        put(self, "margin", margin)
        put(self, "ranking", tuple(ranking))
        put(self, "coverage", coverage)
        put(self, "answers", answers if isinstance(answers, FrozenMap) else FrozenMap(answers))
        if explain is not None:
            explanation = None
        elif contributions is None and not drivers and not profile:
            explanation = _NOT_EXPLAINED
        else:
            explanation = (
                _frozen_contributions(contributions or {}),
                tuple(drivers),
                tuple(profile),
            )
        put(self, "_explanation", explanation)
        put(self, "_explain", explain)

    def _explained(self) -> Explanation:
        explanation: Explanation | None = self._explanation
        if explanation is None:
            assert self._explain is not None
            contributions, drivers, profile = self._explain()
            explanation = (_frozen_contributions(contributions), drivers, profile)
            object.__setattr__(self, "_explanation", explanation)
            object.__setattr__(self, "_explain", None)  # let go of what it was built from
        return explanation

    @property
    def contributions(self) -> Mapping[str, Mapping[str, Points]]:
        """Per answered scored question (in questionnaire order), its share of each style's
        score; summed over the questions, exactly the scores."""
        return self._explained()[0]

    @property
    def drivers(self) -> tuple[Driver, ...]:
        """The answers that separated the recommended style from the runner-up, most first."""
        return self._explained()[1]

    @property
    def profile(self) -> tuple[DistinctionProfile, ...]:
        """Per distinction answered, each style's share of its points there."""
        return self._explained()[2]

    def _values(self) -> tuple[Any, ...]:
        return (
            self.questionnaire,
            self.library_version,
            self.recommendation,
            self.scores,
            self.margin,
            self.ranking,
            self.coverage,
            self.answers,
            *self._explained(),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Result):
            return NotImplemented
        return self is other or self._values() == other._values()

    def __hash__(self) -> int:
        # the fields that decide most comparisons; equal results have equal ones
        return hash((self.questionnaire, self.recommendation, self.margin, self.ranking))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_from_record, (self._record(),))

    def __repr__(self) -> str:
        rec = self.recommendation
        return (
            f"<Result {self.questionnaire.id} {self.questionnaire.version}: "
            f"{rec.style} ({rec.strength}), scores {dict(self.scores)}>"
        )

    def _record(self) -> ResultRecord:
        return ResultRecord(*self._values())  # the same fields in the same order

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        record = handler.generate_schema(ResultRecord)
        return core_schema.no_info_after_validator_function(
            _from_record,
            record,
            serialization=core_schema.plain_serializer_function_ser_schema(
                Result._record, return_schema=record
            ),
        )

    def to_json(self, *, indent: int | None = None) -> str:
        """The result as JSON; :meth:`from_json` reads it back to an equal result."""
        if indent is not None:
            expect(indent, int, "an int or None", "Result.to_json(): indent")
            if indent < 0:
                raise ValueError(f"Result.to_json(): indent must be 0 or more, not {indent}")
        if indent is None:  # as compact as pydantic writes it
            return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready Python data (numbers as floats, tuples as lists)."""
        ref, call, coverage = self.questionnaire, self.recommendation, self.coverage
        contributions, drivers, profile = self._explained()
        return {
            "questionnaire": {"id": ref.id, "version": ref.version, "digest": ref.digest},
            "library_version": self.library_version,
            "recommendation": {
                "style": call.style,
                "strength": call.strength,
                "runner_up": call.runner_up,
                "blend": list(call.blend),
            },
            "scores": _numbers(self.scores),
            "margin": float(self.margin),
            "ranking": list(self.ranking),
            "coverage": {
                "shown": coverage.shown,
                "answered": coverage.answered,
                "styles": {
                    style: {"shown": part.shown, "answered": part.answered}
                    for style, part in coverage.styles.items()
                },
            },
            "answers": {
                question: list(answer) if type(answer) is tuple else answer
                for question, answer in self.answers.items()
            },
            "contributions": {
                question: _numbers(shares) for question, shares in contributions.items()
            },
            "drivers": [
                {
                    "question": driver.question,
                    "distinction": driver.distinction,
                    "answer": list(driver.answer)
                    if type(driver.answer) is tuple
                    else driver.answer,
                    "difference": float(driver.difference),
                }
                for driver in drivers
            ],
            "profile": [
                {
                    "distinction": part.distinction,
                    "questions": part.questions,
                    "scores": {
                        style: None if points is None else float(points)
                        for style, points in part.scores.items()
                    },
                    "leans_to": part.leans_to,
                }
                for part in profile
            ],
        }

    @classmethod
    def from_json(cls, text: str | bytes) -> Result:
        """Read a result written by :meth:`to_json`; :class:`ResultError` if it is not one."""
        expect(text, (str, bytes, bytearray), "str or bytes", "Result.from_json(): text")
        return read_json(_adapter(), text, "result")


def _numbers(points: Mapping[str, Points]) -> dict[str, float]:
    return {key: float(value) for key, value in points.items()}


@dataclass(frozen=True, slots=True)
class ResultRecord:
    """A result's JSON shape, field by field, with its explanation written out."""

    __pydantic_config__: ClassVar[ConfigDict] = {"title": "Result"}

    questionnaire: QuestionnaireRef
    library_version: str
    recommendation: Recommendation
    scores: Annotated[Mapping[str, Points], FREEZE, AS_DICT]
    margin: Points
    ranking: tuple[str, ...]
    coverage: Coverage
    answers: Annotated[Mapping[str, AnswerValue], FREEZE, AS_DICT]
    contributions: Annotated[
        Mapping[str, Annotated[Mapping[str, Points], AS_DICT]], FREEZE, AS_DICT
    ] = field(default_factory=FrozenMap)
    drivers: tuple[Driver, ...] = ()
    profile: tuple[DistinctionProfile, ...] = ()


def _inconsistency(record: ResultRecord) -> str | None:
    """What in a result read back from JSON cannot have come from scoring, if anything.

    These hold for every result the engine makes, whatever its scoring rules, so checking
    them where a result is read keeps an edited one out without scoring it again.
    """
    scores, ranking, rec = record.scores, record.ranking, record.recommendation
    if len(scores) < 2 or sorted(ranking) != sorted(scores):
        return "its ranking does not list each scored style once"
    if any(not 0 <= score <= 100 for score in scores.values()):
        return "a score lies outside 0 to 100"
    if any(scores[a] < scores[b] for a, b in itertools.pairwise(ranking)):
        return "its ranking is not in the order of its scores"
    if (rec.style, rec.runner_up) != ranking[:2]:
        return "its recommendation is not the top of its ranking"
    if record.margin != scores[ranking[0]] - scores[ranking[1]]:
        return "its margin is not the lead of the recommended style"
    expected = {"blend": ranking[:2], "balanced": ranking}.get(rec.strength, ())
    if rec.blend != expected:
        return f"its blend does not fit a {rec.strength} call"
    if set(record.coverage.styles) != set(scores):
        return "its coverage is not of its scored styles"
    if record.contributions:
        if not set(record.contributions) <= set(record.answers):
            return "it explains questions it has no answers to"
        for style, score in scores.items():
            total = sum(shares.get(style, Decimal(0)) for shares in record.contributions.values())
            if total != score:
                return f"its contributions to {style!r} do not add up to its score"
    if any(driver.question not in record.contributions for driver in record.drivers):
        return "a driver is not among its explained answers"
    return None


def _from_record(record: ResultRecord) -> Result:
    problem = _inconsistency(record)
    if problem is not None:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("result_inconsistent", problem)
    return Result(*(getattr(record, item.name) for item in fields(record)))


def read_json(adapter: TypeAdapter[T], text: str | bytes, what: str) -> T:
    """``text`` validated by ``adapter``, or :class:`ResultError` saying what is wrong."""
    from pydantic import ValidationError

    try:
        return adapter.validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        if first["type"] == "json_invalid":
            raise ResultError(f"not a guidestyle {what}: the text is not valid JSON") from None
        message = first["msg"]  # a sentence; its first word in lower case, unless an acronym
        reason = message if message[1:2].isupper() else message[:1].lower() + message[1:]
        if first["type"] == "result_inconsistent":  # about the whole result, not one field
            raise ResultError(f"not a guidestyle {what}: {reason}") from None
        where = ".".join(map(str, first["loc"])) or "the top level"
        raise ResultError(f"not a guidestyle {what}: {where}: {reason}") from None


_ADAPTERS: dict[type, Any] = {}  # one per class that is written or read through pydantic


def adapter_of(kind: type[T]) -> TypeAdapter[T]:
    """The one pydantic adapter of ``kind`` (built when first needed, then kept)."""
    adapter: TypeAdapter[T] | None = _ADAPTERS.get(kind)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def _adapter() -> TypeAdapter[Result]:
    return adapter_of(Result)


class JsonRecord:
    """``to_json`` and ``to_dict`` written by pydantic, for the frozen dataclasses that
    report on many results (analyses, simulations, comparisons)."""

    __slots__ = ()

    def to_json(self, *, indent: int | None = None) -> str:
        """As JSON; undefined figures are ``null``."""
        return adapter_of(type(self)).dump_json(self, indent=indent).decode("utf-8")

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready Python data."""
        data: dict[str, Any] = adapter_of(type(self)).dump_python(self, mode="json")
        return data


def result_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a result as :meth:`Result.to_json` writes it."""
    schema = _adapter().json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
