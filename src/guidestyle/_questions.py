"""Question kinds: one class per kind, each answering everything the library asks of it.

A kind knows its points (per answer, and the most any answer gives), the answers it can
take, how an answer is checked and what is said when it is wrong, how a compiled reader
looks an answer up quickly, its outline for front ends, its answers JSON Schema, how a
CSV cell becomes its answer, how an answer is put in words for a report, its translatable
texts, and what it refers to. Nothing else in the library asks which kind a question is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import combinations
from math import comb
from random import Random
from typing import Annotated, Any, ClassVar, Literal, TypeAlias, get_args

from pydantic import Discriminator, Field, Tag, model_validator

from ._base import (
    AnswerIssue,
    Context,
    Identifier,
    InvalidAnswer,
    Model,
    StylePoints,
    Text,
    TextOf,
    Weight,
    add_points,
    duplicate_ids,
    quoted,
    unknown_reference,
)
from ._compiled import LONE_SURROGATE, AnswerValue, Reader, SelectionReader, TableReader, TextReader
from ._conditions import Condition
from ._errors import KeyPath, Problem, describe, did_you_mean, shorten
from ._frozen import AS_DICT, FREEZE, FrozenMap

Pack = Callable[[StylePoints], int]
"""Packs points per style into one integer (see the engine's plan)."""
Lookup = tuple[type, "dict[object, int]"]
"""A valid answer's type and the packed points of each valid answer (see ``lookup``)."""
Sampler = Callable[[Random], AnswerValue]
"""Draws one valid answer, every valid answer equally likely (see ``answer_sampler``)."""

_WRITTEN_NUMBER = re.compile(r"-?[0-9]{1,6}")  # ASCII digits, as a scale point is written
CELL_SEPARATOR = ";"
"""Separates the chosen options of a multiple-choice answer in a CSV cell: ``a;b``."""


class _Question(Model):
    id: Identifier
    """Id of the question, unique among questions; answers are keyed by it."""
    text: Text
    help: Text | None = None
    """An optional explanation shown under the question."""
    required: bool = True
    """Whether it must be answered: true or false. Default true, except for text questions
    (false)."""
    show_if: Condition | None = None
    """Ask this question only when the condition on earlier answers holds."""

    scored: ClassVar[bool] = True
    """Whether answers count toward style scores."""
    conditionable: ClassVar[bool] = True
    """Whether a show-if condition may read this question's answer."""
    ordered: ClassVar[bool] = False
    """Whether answers are ordered points, so that ``at_least`` applies."""

    # StylePoints ----------------------------------------------------------------------------

    def points_table(self, context: Context) -> dict[Any, StylePoints]:
        """StylePoints per style for each answer (for multiple choice: for each option)."""
        return {}

    def answer_points(self, answer: AnswerValue, context: Context) -> StylePoints:
        """StylePoints that a valid ``answer`` gives each style (styles left out get 0)."""
        return self.points_table(context).get(answer, {})

    def maximum_points(self, context: Context) -> dict[str, int]:
        """The most points any answer gives each style it reaches."""
        return {}

    def possible_answers(self, context: Context) -> Iterator[AnswerValue]:
        """Every valid answer (for multiple choice, every allowed selection)."""
        yield from self.points_table(context)

    def answer_count(self, context: Context) -> int:
        """How many valid answers there are (what ``possible_answers`` would list)."""
        return len(self.points_table(context))

    def answer_sampler(self, context: Context) -> Sampler:
        """Draws a valid answer at random, each one equally likely (for the simulator)."""
        answers = tuple(self.possible_answers(context))
        return lambda rng: answers[int(rng.random() * len(answers))]

    def answer_for(self, style: str, context: Context) -> AnswerValue | None:
        """The answer given *for* ``style``: the one that gives it the most points and, among
        those, the fewest to the other styles; the first such in the question's order.
        ``None`` for a question that takes no scored answer."""
        best: AnswerValue | None = None
        best_key = (-1, 0)
        for answer in self.possible_answers(context):
            points = self.answer_points(answer, context)
            own = points.get(style, 0)
            key = (own, own - sum(points.values()))
            if key > best_key:
                best, best_key = answer, key
        return best

    # Answers ---------------------------------------------------------------------------

    def check_answer(self, value: object, context: Context) -> AnswerValue:
        """``value`` normalised as an answer; :class:`InvalidAnswer` saying why it is not."""
        raise NotImplementedError

    def lookup(self, context: Context, pack: Pack, static: int) -> Lookup | None:
        """The type of a valid answer and a table of every valid answer's packed points (plus
        ``static``), for a kind whose answers are read by a plain lookup; else ``None``."""
        packed = {
            answer: pack(points) + static for answer, points in self.points_table(context).items()
        }
        return self._answer_type, packed

    def reader(self, context: Context, pack: Pack, static: int) -> Reader:
        """The compiled reader of valid answers; ``static`` is added to every answer's points."""
        lookup = self.lookup(context, pack, static)
        assert lookup is not None, "a kind without a lookup has its own reader"
        return TableReader(*lookup)

    _answer_type: ClassVar[type] = str

    def read_cell(self, cell: str) -> object:
        """A CSV cell (not empty) as the value to check: what a spreadsheet would mean."""
        return cell.strip()

    def answer_texts(self, answer: AnswerValue, context: Context, text: TextOf) -> list[str]:
        """The answer in the questionnaire's words, for a report."""
        return [str(answer)]

    # Describing ------------------------------------------------------------------------

    def outline(self, context: Context, text: TextOf) -> dict[str, Any]:
        """The question for a front end, in one language, without how it is scored."""
        return {
            "id": self.id,
            "kind": self.kind,  # type: ignore[attr-defined]
            "text": text(self.text),
            "help": text(self.help) if self.help is not None else None,
            "required": self.required,
            "show_if": self.show_if.model_dump(mode="json") if self.show_if else None,
            **self._outline_details(context, text),
        }

    def _outline_details(self, context: Context, text: TextOf) -> dict[str, Any]:
        return {}

    def answer_schema(self, context: Context) -> dict[str, Any]:
        """The JSON Schema of an answer (``null`` allowed: unanswered)."""
        return {
            "anyOf": [self._answer_schema(context), {"type": "null"}],
            "description": f"{self.kind} question",  # type: ignore[attr-defined]
        }

    def _answer_schema(self, context: Context) -> dict[str, Any]:
        raise NotImplementedError

    def texts(self) -> Iterator[tuple[KeyPath, Text]]:
        """The question's translatable texts, with their key paths under the question."""
        yield ("text",), self.text
        if self.help is not None:
            yield ("help",), self.help

    def reference_problems(
        self, context: Context, path: KeyPath, source_ids: list[str]
    ) -> Iterator[Problem]:
        """Ids the question refers to that do not exist, and duplicates among its own."""
        if self.show_if is not None:
            yield from self.show_if.reference_problems(context, (*path, "show_if"))

    def condition_value_problems(
        self, value: str | int, path: KeyPath, context: Context
    ) -> Iterator[Problem]:
        """What is wrong with ``value`` as what a condition on this question compares with."""
        return iter(())

    def design_warnings(self) -> Iterator[tuple[str, str, KeyPath]]:
        """Questionable design for the linter: (rule code, message, path under the question)."""
        return iter(())

    @property
    def expresses(self) -> str:
        """The id of the distinction a scored question expresses; empty when unscored."""
        return ""


class _ScoredQuestion(_Question):
    distinction: Identifier
    """The distinction this question expresses."""
    sources: tuple[Identifier, ...] = ()
    """Ids of the sources this question rests on."""

    @property
    def expresses(self) -> str:
        return self.distinction

    def reference_problems(
        self, context: Context, path: KeyPath, source_ids: list[str]
    ) -> Iterator[Problem]:
        if self.distinction not in context.distinctions:
            known = list(context.distinctions)
            yield unknown_reference("distinction", self.distinction, known, (*path, "distinction"))
        for index, source_id in enumerate(self.sources):
            if source_id not in source_ids:
                yield unknown_reference("source", source_id, source_ids, (*path, "sources", index))
        yield from self._own_references(context, path)
        yield from super().reference_problems(context, path, source_ids)

    def _own_references(self, context: Context, path: KeyPath) -> Iterator[Problem]:
        return iter(())


class Option(Model):
    """A choice in a single- or multiple-choice question."""

    id: Identifier
    """Id of the option, unique in its question; an answer names it."""
    text: Text
    weights: Annotated[Mapping[Identifier, Weight], FREEZE, AS_DICT] = Field(
        default_factory=FrozenMap
    )
    """StylePoints this option gives each style (0 to 10; styles left out get 0)."""


class Statement(Model):
    """A statement in a forced-choice block, keyed to one style."""

    id: Identifier
    """Id of the statement, unique in its block; an answer names it."""
    text: Text
    style: Identifier
    """The style that choosing this statement counts toward."""


class LikertQuestion(_ScoredQuestion):
    """A statement rated on a scale; agreement counts toward ``style``.

    With ``reverse: true`` disagreement counts instead.
    """

    kind: Literal["likert"]
    """likert: agreement on a scale, counted toward one style."""
    scale: Identifier
    """Id of a scale."""
    style: Identifier
    """The style that agreement counts toward."""
    reverse: bool = False
    """true to make disagreement count instead. Default false."""

    ordered: ClassVar[bool] = True
    _answer_type: ClassVar[type] = int

    def points_table(self, context: Context) -> dict[Any, StylePoints]:
        scale = context.scales[self.scale]
        low, high = scale.min, scale.max
        return {
            point: {self.style: high - point if self.reverse else point - low}
            for point in range(low, high + 1)
        }

    def maximum_points(self, context: Context) -> dict[str, int]:
        scale = context.scales[self.scale]
        return {self.style: scale.max - scale.min}

    def check_answer(self, value: object, context: Context) -> AnswerValue:
        scale = context.scales[self.scale]
        if type(value) is int and scale.min <= value <= scale.max:
            return value
        message = (
            f"expected a whole number from {scale.min} to {scale.max}, found {describe(value)}"
        )
        written = isinstance(value, str) and _WRITTEN_NUMBER.fullmatch(value.strip())
        raise InvalidAnswer(
            AnswerIssue(message, hint="write it without quotes" if written else None)
        )

    def read_cell(self, cell: str) -> object:
        stripped = cell.strip()
        return int(stripped) if _WRITTEN_NUMBER.fullmatch(stripped) else cell

    def answer_texts(self, answer: AnswerValue, context: Context, text: TextOf) -> list[str]:
        scale = context.scales[self.scale]
        return [text(scale.labels[answer - scale.min])]  # type: ignore[operator]

    def _outline_details(self, context: Context, text: TextOf) -> dict[str, Any]:
        scale = context.scales[self.scale]
        labels = [text(label) for label in scale.labels]
        return {"scale": {"min": scale.min, "max": scale.max, "labels": labels}}

    def _answer_schema(self, context: Context) -> dict[str, Any]:
        scale = context.scales[self.scale]
        return {"type": "integer", "minimum": scale.min, "maximum": scale.max}

    def _own_references(self, context: Context, path: KeyPath) -> Iterator[Problem]:
        if self.scale not in context.scales:
            yield unknown_reference("scale", self.scale, list(context.scales), (*path, "scale"))
        if self.style not in context.styles:
            yield unknown_reference("style", self.style, list(context.styles), (*path, "style"))

    def condition_value_problems(
        self, value: str | int, path: KeyPath, context: Context
    ) -> Iterator[Problem]:
        scale = context.scales.get(self.scale)
        if scale is None:
            return
        if not isinstance(value, int) or not scale.min <= value <= scale.max:
            yield Problem(
                f"'{self.id}' is answered on a scale from {scale.min} to {scale.max}; "
                f"{shorten(repr(value))} is not a point on it",
                path=path,
            )


class _ChoiceQuestion(_ScoredQuestion):
    """What the kinds answered by ids (options or statements) share."""

    _what: ClassVar[str] = "option"
    _key: ClassVar[str] = "options"

    def choices(self) -> Sequence[Option | Statement]:
        raise NotImplementedError

    @property
    def choice_ids(self) -> tuple[str, ...]:
        """The ids of the options or statements, in order: the valid answers."""
        return tuple(choice.id for choice in self.choices())

    def check_answer(self, value: object, context: Context) -> AnswerValue:
        known = self.choice_ids
        if type(value) is str and value in known:
            return value
        what = self._what
        if type(value) is str:
            message = f"unknown {what} {quoted(value)}; expected one of: {', '.join(known)}"
            raise InvalidAnswer(AnswerIssue(message, hint=did_you_mean(value, known)))
        article = "an" if what == "option" else "a"
        message = (
            f"expected {article} {what} id (one of: {', '.join(known)}), found {describe(value)}"
        )
        raise InvalidAnswer(AnswerIssue(message))

    def answer_texts(self, answer: AnswerValue, context: Context, text: TextOf) -> list[str]:
        texts = {choice.id: choice.text for choice in self.choices()}
        chosen = answer if isinstance(answer, tuple) else (answer,)
        return [text(texts[c]) if c in texts else str(c) for c in chosen]

    def _outline_details(self, context: Context, text: TextOf) -> dict[str, Any]:
        return {self._key: [{"id": c.id, "text": text(c.text)} for c in self.choices()]}

    def _answer_schema(self, context: Context) -> dict[str, Any]:
        return {"enum": list(self.choice_ids)}

    def texts(self) -> Iterator[tuple[KeyPath, Text]]:
        yield from super().texts()
        for index, choice in enumerate(self.choices()):
            yield (self._key, index, "text"), choice.text

    def _own_references(self, context: Context, path: KeyPath) -> Iterator[Problem]:
        yield from duplicate_ids(self.choice_ids, f"{self._what} id", (*path, self._key))

    def condition_value_problems(
        self, value: str | int, path: KeyPath, context: Context
    ) -> Iterator[Problem]:
        known = list(self.choice_ids)
        if isinstance(value, int) and str(value) in known:
            yield Problem(
                f"'{self.id}' has no {self._what} {value}, only the text '{value}'",
                path=path,
                hint=f"write it in quotes: '{value}'",
            )
        elif value not in known:
            yield Problem(
                f"'{self.id}' has no {self._what} '{shorten(str(value))}'",
                path=path,
                hint=did_you_mean(str(value), known),
            )


class _OptionsQuestion(_ChoiceQuestion):
    options: Annotated[tuple[Option, ...], Field(min_length=2, max_length=12)]
    """2 to 12 options, each with an id, a text and weights."""

    def choices(self) -> tuple[Option, ...]:
        return self.options

    def points_table(self, context: Context) -> dict[Any, StylePoints]:
        return {option.id: option.weights for option in self.options}

    def _most_at_once(self) -> int:
        return 1

    def maximum_points(self, context: Context) -> dict[str, int]:
        best: dict[str, int] = {}
        limit = self._most_at_once()
        for style in context.styles:
            weights = sorted(
                (option.weights.get(style, 0) for option in self.options), reverse=True
            )
            total = sum(weights[:limit])
            if total:
                best[style] = total
        return best

    def _own_references(self, context: Context, path: KeyPath) -> Iterator[Problem]:
        yield from super()._own_references(context, path)
        styles = list(context.styles)
        for index, option in enumerate(self.options):
            for style_id in option.weights:
                if style_id not in context.styles:
                    where = (*path, "options", index, "weights", style_id)
                    yield unknown_reference("style", style_id, styles, where, about_key=True)


class SingleChoiceQuestion(_OptionsQuestion):
    """Pick one option; the option's weights count."""

    kind: Literal["single_choice"]
    """single_choice: pick one option; its weights count."""


class MultipleChoiceQuestion(_OptionsQuestion):
    """Pick any number of options (up to ``max_choices``); their weights add up."""

    kind: Literal["multiple_choice"]
    """multiple_choice: pick any number of options, up to max_choices; their weights add up."""
    max_choices: Annotated[int, Field(ge=1)] | None = None
    """The most options one may pick: at least 1, at most the number of options. Leave out for
    no limit."""

    @model_validator(mode="after")
    def _check_max_choices(self) -> MultipleChoiceQuestion:
        if self.max_choices is not None and self.max_choices > len(self.options):
            raise ValueError(
                f"max_choices ({shorten(str(self.max_choices))}) is more than the number of "
                f"options ({len(self.options)})"
            )
        return self

    def _most_at_once(self) -> int:
        return self.max_choices or len(self.options)

    def answer_points(self, answer: AnswerValue, context: Context) -> StylePoints:
        chosen = answer if isinstance(answer, tuple) else (answer,)
        return add_points(option.weights for option in self.options if option.id in chosen)

    def possible_answers(self, context: Context) -> Iterator[AnswerValue]:
        ids = self.choice_ids
        for size in range(self._most_at_once() + 1):
            yield from combinations(ids, size)

    def answer_count(self, context: Context) -> int:
        return sum(comb(len(self.options), size) for size in range(self._most_at_once() + 1))

    def answer_sampler(self, context: Context) -> Sampler:
        # a size drawn as often as it has selections, then a selection of that size: every
        # selection equally likely, without listing them (up to 4,096 for 12 options)
        ids = self.choice_ids
        sizes = range(self._most_at_once() + 1)
        counts = [comb(len(ids), size) for size in sizes]

        def draw(rng: Random) -> AnswerValue:
            (size,) = rng.choices(sizes, weights=counts)
            chosen = set(rng.sample(ids, size))
            return tuple(option for option in ids if option in chosen)

        return draw

    def answer_for(self, style: str, context: Context) -> AnswerValue | None:
        # the options that give the style points, most first and, among equals, those that
        # give the others least, up to max_choices: the selection the rule asks for
        def others(option: Option) -> int:
            return sum(option.weights.values()) - option.weights.get(style, 0)

        giving = [option for option in self.options if option.weights.get(style, 0) > 0]
        giving.sort(key=lambda option: (-option.weights[style], others(option)))
        chosen = {option.id for option in giving[: self._most_at_once()]}
        return tuple(option for option in self.choice_ids if option in chosen)

    def check_answer(self, value: object, context: Context) -> AnswerValue:
        if not isinstance(value, (list, tuple)):
            raise InvalidAnswer(
                AnswerIssue(f"expected a list of option ids, found {describe(value)}")
            )
        limit = self._most_at_once()
        if len(value) > len(self.options):  # it certainly repeats or strays: say only that
            raise InvalidAnswer(
                AnswerIssue(f"at most {limit} options may be chosen; found {len(value):,}")
            )
        known = self.choice_ids
        issues: list[AnswerIssue] = []
        chosen: set[str] = set()
        for index, choice in enumerate(value):
            if type(choice) is not str:
                issues.append(
                    AnswerIssue(f"expected an option id, found {describe(choice)}", index)
                )
            elif choice not in known:
                message = f"unknown option {quoted(choice)}; expected one of: {', '.join(known)}"
                issues.append(AnswerIssue(message, index, did_you_mean(choice, known)))
            elif choice in chosen:
                message = f"option {quoted(choice)} is chosen more than once"
                issues.append(AnswerIssue(message, index))
            else:
                chosen.add(choice)
        if len(value) > limit:
            issues.append(AnswerIssue(f"at most {limit} options may be chosen; found {len(value)}"))
        if issues:
            raise InvalidAnswer(*issues)
        return tuple(option for option in known if option in chosen)

    def lookup(self, context: Context, pack: Pack, static: int) -> Lookup | None:
        return None  # a selection is read option by option

    def reader(self, context: Context, pack: Pack, static: int) -> Reader:
        per_option = {option.id: pack(option.weights) for option in self.options}
        return SelectionReader(self.choice_ids, per_option, self._most_at_once(), static)

    def read_cell(self, cell: str) -> object:
        return [part.strip() for part in cell.split(CELL_SEPARATOR) if part.strip()]

    def _outline_details(self, context: Context, text: TextOf) -> dict[str, Any]:
        return {**super()._outline_details(context, text), "max_choices": self._most_at_once()}

    def _answer_schema(self, context: Context) -> dict[str, Any]:
        return {
            "type": "array",
            "items": {"enum": list(self.choice_ids)},
            "uniqueItems": True,
            "maxItems": self._most_at_once(),
        }


class ForcedChoiceQuestion(_ChoiceQuestion):
    """Pick the statement most like you; one point to that statement's style."""

    kind: Literal["forced_choice"]
    """forced_choice: pick the statement most like you; its style gets 1 point."""
    statements: Annotated[tuple[Statement, ...], Field(min_length=2, max_length=6)]
    """2 to 6 statements, each with an id, a text and a style."""

    _what: ClassVar[str] = "statement"
    _key: ClassVar[str] = "statements"

    def choices(self) -> tuple[Statement, ...]:
        return self.statements

    def points_table(self, context: Context) -> dict[Any, StylePoints]:
        return {statement.id: {statement.style: 1} for statement in self.statements}

    def maximum_points(self, context: Context) -> dict[str, int]:
        return {statement.style: 1 for statement in self.statements}

    def design_warnings(self) -> Iterator[tuple[str, str, KeyPath]]:
        keyed: set[str] = set()
        for index, statement in enumerate(self.statements):
            if statement.style in keyed:
                message = f"the block has more than one statement keyed to '{statement.style}'"
                yield "forced-choice-repeat", message, ("statements", index, "style")
            keyed.add(statement.style)

    def _own_references(self, context: Context, path: KeyPath) -> Iterator[Problem]:
        yield from super()._own_references(context, path)
        for index, statement in enumerate(self.statements):
            if statement.style not in context.styles:
                path_to = (*path, "statements", index, "style")
                yield unknown_reference("style", statement.style, list(context.styles), path_to)


class TextQuestion(_Question):
    """A free-text note; never scored."""

    kind: Literal["text"]
    """text: a free-text answer, not scored; the report shows it."""
    required: bool = False
    max_length: Annotated[int, Field(ge=1, le=10_000)] = 2_000
    """The longest answer accepted, in characters: 1 to 10,000. Default 2,000."""

    scored: ClassVar[bool] = False
    conditionable: ClassVar[bool] = False

    def possible_answers(self, context: Context) -> Iterator[AnswerValue]:
        return iter(())

    def answer_for(self, style: str, context: Context) -> AnswerValue | None:
        return None

    def check_answer(self, value: object, context: Context) -> AnswerValue:
        if type(value) is not str:
            message = f"expected text, found {describe(value, numbers=False)}"
        elif LONE_SURROGATE.search(value):
            message = "the text holds an invalid character (a lone surrogate)"
        elif len(value) > self.max_length:
            message = (
                f"the text is {len(value):,} characters long; "
                f"at most {self.max_length:,} are allowed"
            )
        else:
            return value
        raise InvalidAnswer(AnswerIssue(message))

    def lookup(self, context: Context, pack: Pack, static: int) -> Lookup | None:
        return None  # any text up to the length limit

    def reader(self, context: Context, pack: Pack, static: int) -> Reader:
        return TextReader(self.max_length, static)

    def read_cell(self, cell: str) -> object:
        return cell

    def _outline_details(self, context: Context, text: TextOf) -> dict[str, Any]:
        return {"max_length": self.max_length}

    def _answer_schema(self, context: Context) -> dict[str, Any]:
        return {"type": "string", "maxLength": self.max_length}


_KINDS = (
    LikertQuestion,
    SingleChoiceQuestion,
    MultipleChoiceQuestion,
    ForcedChoiceQuestion,
    TextQuestion,
)
QUESTION_KINDS: tuple[str, ...] = tuple(
    get_args(kind.model_fields["kind"].annotation)[0] for kind in _KINDS
)
"""The values of ``kind``, in the order the format documents them."""


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
