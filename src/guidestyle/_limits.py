"""Ceilings on the counts that drive work, checked on the raw data before anything else.

What a questionnaire costs to load, lint and score grows with its number of styles,
questions and sources, and with the size of its conditions; each such count has a ceiling
(listed in ``docs/format.md``). :func:`exceeded` counts them on the data as read, before a
single field is validated, so a file past a ceiling costs one cheap pass and its message;
it counts them on a validated questionnaire too, for one built in Python or from JSON.
The other limits of the format (options per question, scale points, id and text lengths)
are the fields' own constraints.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ._errors import KeyPath, Problem

MAX_STYLES = 10
MAX_QUESTIONS = 1_000
MAX_DISTINCTIONS = 100
MAX_SCALES = 50
MAX_LANGUAGES = 20
MAX_SOURCES = 200
MAX_CONDITION_PARTS = 50
"""Most parts one show-if condition may have: conditions, and the values ``one_of`` lists."""
MAX_CONDITION_DEPTH = 4
"""Most levels ``all`` and ``any`` may nest in one show-if condition."""

_COUNTED: tuple[tuple[str, str, int], ...] = (
    ("styles", "styles", MAX_STYLES),
    ("questions", "questions", MAX_QUESTIONS),
    ("distinctions", "distinctions", MAX_DISTINCTIONS),
    ("scales", "scales", MAX_SCALES),
    ("languages", "languages", MAX_LANGUAGES),
    ("sources", "sources", MAX_SOURCES),
)


def _items(value: object) -> Sequence[object]:
    """The items of a list (none for anything else)."""
    return value if isinstance(value, Sequence) and not isinstance(value, (str, bytes)) else ()


def _get(node: object, key: str) -> object:
    """``key`` of raw data (a mapping) or of a validated model (an attribute)."""
    return node.get(key) if isinstance(node, Mapping) else getattr(node, key, None)


def exceeded(data: object) -> list[Problem]:
    """A problem for each count in ``data`` past its ceiling: a questionnaire as read (a
    mapping) or validated. Anything not of the expected shape is left for validation."""
    problems = []
    for key, noun, limit in _COUNTED:
        value = _get(data, key)
        count = len(value) if isinstance(value, Mapping) else len(_items(value))
        if count > limit:
            message = f"a questionnaire may have at most {limit:,} {noun}; found {count:,}"
            problems.append(Problem(message, path=(key,)))
    questions = _items(_get(data, "questions"))
    if len(questions) <= MAX_QUESTIONS:
        for index, question in enumerate(questions):
            condition = _get(question, "show_if")
            if condition is not None:
                problems.extend(_condition_problems(condition, ("questions", index, "show_if")))
    return problems


def _condition_problems(condition: object, path: KeyPath) -> Iterator[Problem]:
    parts, depth = _measure(condition)
    if parts > MAX_CONDITION_PARTS:
        yield Problem(
            f"a condition may have at most {MAX_CONDITION_PARTS} parts (conditions and the "
            f"values they list); found {parts:,}",
            path=path,
        )
    if depth > MAX_CONDITION_DEPTH:
        yield Problem(
            f"'all' and 'any' may nest at most {MAX_CONDITION_DEPTH} levels deep in a "
            f"condition; found {depth:,}",
            path=path,
        )


def _measure(condition: object) -> tuple[int, int]:
    """The parts of a condition and how deep ``all`` and ``any`` nest in it, in one pass
    without recursion (a tree built in Python may be deeper than the YAML reader allows)."""
    parts = 0
    deepest = 0
    pending: list[tuple[object, int]] = [(condition, 0)]
    while pending:
        node, depth = pending.pop()
        parts += 1 + len(_items(_get(node, "one_of")))
        deepest = max(deepest, depth)
        for key in ("all", "any"):
            children = _items(_get(node, key))
            if children:
                deepest = max(deepest, depth + 1)
                pending.extend((child, depth + 1) for child in children)
    return parts, deepest
