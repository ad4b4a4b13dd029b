"""Checks that every id a questionnaire refers to exists and fits where it is used.

The questionnaire-wide references are checked here; each question kind and each condition
kind checks its own (see ``reference_problems`` in :mod:`._questions` and
:mod:`._conditions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ._errors import KeyPath, Problem, did_you_mean
from ._texts import iter_texts

if TYPE_CHECKING:  # the model calls this module while validating; it imports nothing back
    from ._model import Questionnaire


def _unknown(
    what: str, value: str, known: Iterable[str], path: KeyPath, *, about_key: bool = False
) -> Problem:
    hint = did_you_mean(value, list(known))
    return Problem(f"unknown {what} '{value}'", path=path, hint=hint, about_key=about_key)


def _duplicates(
    ids: Iterable[str], what: str, path_of: KeyPath, key: str | None = "id"
) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield Problem(
                f"duplicate {what} '{item_id}' (also at {path_of[-1]}[{seen[item_id]}])",
                path=(*path_of, index) if key is None else (*path_of, index, key),
            )
        else:
            seen[item_id] = index


def reference_problems(questionnaire: Questionnaire) -> list[Problem]:
    """Every dangling or ill-fitting reference in ``questionnaire``, in file order."""
    q = questionnaire
    problems: list[Problem] = []
    styles = list(q.styles)

    problems += _duplicates(q.languages, "language", ("languages",), key=None)
    for path, text in iter_texts(q):
        if not isinstance(text, str):
            for language in text:
                if language not in q.languages:
                    problems.append(
                        Problem(
                            f"unknown language '{language}'; the questionnaire declares "
                            + ", ".join(q.languages),
                            path=(*path, language),
                            about_key=True,
                        )
                    )

    problems += _duplicates((source.id for source in q.sources), "source id", ("sources",))
    source_ids = [source.id for source in q.sources]
    for distinction_id, distinction in q.distinctions.items():
        for source_index, source_id in enumerate(distinction.sources):
            if source_id not in source_ids:
                path = ("distinctions", distinction_id, "sources", source_index)
                problems.append(_unknown("source", source_id, source_ids, path))
        for style_id in distinction.positions:
            if style_id not in q.styles:
                path = ("distinctions", distinction_id, "positions", style_id)
                problems.append(_unknown("style", style_id, styles, path, about_key=True))

    problems += _duplicates(
        (question.id for question in q.questions), "question id", ("questions",)
    )
    for index, question in enumerate(q.questions):
        problems += question.reference_problems(q, ("questions", index), source_ids)

    for style_id in q.results:
        if style_id not in q.styles:
            path = ("results", style_id)
            problems.append(_unknown("style", style_id, styles, path, about_key=True))
    return problems
