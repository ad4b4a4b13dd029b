"""Walking and choosing a questionnaire's human-readable texts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ._base import Text
from ._errors import KeyPath

if TYPE_CHECKING:
    from ._model import Questionnaire


def iter_texts(questionnaire: Questionnaire) -> Iterator[tuple[KeyPath, Text]]:
    """Every human-readable text in ``questionnaire`` with its key path."""
    q = questionnaire
    yield ("title",), q.title
    yield ("description",), q.description
    yield ("audience",), q.audience
    for style_id, style in q.styles.items():
        yield ("styles", style_id, "label"), style.label
        yield ("styles", style_id, "description"), style.description
    for distinction_id, distinction in q.distinctions.items():
        base: KeyPath = ("distinctions", distinction_id)
        yield (*base, "label"), distinction.label
        if distinction.description is not None:
            yield (*base, "description"), distinction.description
        for style_id, position in distinction.positions.items():
            yield (*base, "positions", style_id), position
        if distinction.disagreement is not None:
            yield (*base, "disagreement"), distinction.disagreement
    for scale_id, scale in q.scales.items():
        for index, label in enumerate(scale.labels):
            yield ("scales", scale_id, "labels", index), label
    for index, question in enumerate(q.questions):
        for path, text in question.texts():
            yield ("questions", index, *path), text
    for style_id, result in q.results.items():
        base = ("results", style_id)
        yield (*base, "headline"), result.headline
        yield (*base, "looks_like"), result.looks_like
        for index, step in enumerate(result.first_steps):
            yield (*base, "first_steps", index), step


def missing_languages(text: Text, languages: tuple[str, ...]) -> list[str]:
    """Declared languages that ``text`` has no translation for.

    A plain string counts as written in the default (first) language only.
    """
    present: Mapping[str, str] = {languages[0]: text} if isinstance(text, str) else text
    return [language for language in languages if language not in present]
