"""Checks that every id a questionnaire refers to exists and fits where it is used.

The questionnaire-wide references are checked here; each question kind and each condition
kind checks its own (see ``reference_problems`` in :mod:`._questions` and
:mod:`._conditions`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._base import duplicate_ids, unknown_reference
from ._errors import Problem, quoted_key
from ._texts import iter_texts

if TYPE_CHECKING:  # the model calls this module while validating; it imports nothing back
    from ._model import Questionnaire


def reference_problems(questionnaire: Questionnaire) -> list[Problem]:
    """Every dangling or ill-fitting reference in ``questionnaire``, in file order."""
    q = questionnaire
    problems: list[Problem] = []
    styles = list(q.styles)

    problems += duplicate_ids(q.languages, "language", ("languages",), key=None)
    for path, text in iter_texts(q):
        if not isinstance(text, str):
            for language in text:
                if language not in q.languages:
                    problems.append(
                        Problem(
                            f"unknown language {quoted_key(language)}; the questionnaire declares "
                            + ", ".join(q.languages),
                            path=(*path, language),
                            about_key=True,
                            repeats=("language", language),
                        )
                    )

    problems += duplicate_ids((source.id for source in q.sources), "source id", ("sources",))
    source_ids = [source.id for source in q.sources]
    for distinction_id, distinction in q.distinctions.items():
        for source_index, source_id in enumerate(distinction.sources):
            if source_id not in source_ids:
                path = ("distinctions", distinction_id, "sources", source_index)
                problems.append(unknown_reference("source", source_id, source_ids, path))
        for style_id in distinction.positions:
            if style_id not in q.styles:
                path = ("distinctions", distinction_id, "positions", style_id)
                problems.append(unknown_reference("style", style_id, styles, path, about_key=True))

    problems += duplicate_ids(
        (question.id for question in q.questions), "question id", ("questions",)
    )
    for index, question in enumerate(q.questions):
        problems += question.reference_problems(q, ("questions", index), source_ids)

    for style_id in q.results:
        if style_id not in q.styles:
            path = ("results", style_id)
            problems.append(unknown_reference("style", style_id, styles, path, about_key=True))
    return problems
