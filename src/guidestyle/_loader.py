"""Loading questionnaires: safe YAML, then validation, with every problem located."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from . import _yaml
from ._errors import (
    KeyPath,
    OtherKey,
    Problem,
    QuestionnaireError,
    Suggestions,
    describe,
    did_you_mean,
    expect,
    is_id_like,
    path_key,
    quoted_key,
    render_path,
    shorten,
)
from ._files import open_regular
from ._limits import exceeded
from ._model import QUESTION_KINDS, Questionnaire

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True, eq=False)
class Origin:
    """Where a loaded questionnaire came from, so later checks can point at lines."""

    document: _yaml.Document
    names: Mapping[KeyPath, str] = field(default_factory=dict)
    """The list items that have a unique id, by path: a message names them by it."""

    def locate(self, problem: Problem) -> Problem:
        mark = self.document.mark_for(problem.path, key=problem.about_key)
        return replace(
            problem,
            source=self.document.source,
            line=mark.line if mark else None,
            column=mark.column if mark else None,
            shown_path=render_path(problem.path, self.names),
        )


def origin_of(questionnaire: Questionnaire) -> Origin | None:
    """The origin recorded when ``questionnaire`` was loaded from text, if it was."""
    origin = questionnaire._origin
    return origin if isinstance(origin, Origin) else None


def load(path: str | os.PathLike[str], *, max_bytes: int = _yaml.MAX_BYTES) -> Questionnaire:
    """Load and validate the questionnaire in the YAML file at ``path``.

    Raises :class:`QuestionnaireError` listing every problem found, each as
    ``FILE:LINE:COL: key.path: message``.
    """
    expect(path, (str, os.PathLike), "str or os.PathLike", "load(): path")
    source = os.fspath(path)
    try:
        file, size = open_regular(path)
        with file:
            content = file.read(max_bytes + 1) if size <= max_bytes else b""
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise QuestionnaireError(
            [Problem(f"cannot read the file: {reason}", source=source)]
        ) from None
    if size > max_bytes:
        message = f"the file is too large ({size:,} bytes; the limit is {max_bytes:,})"
        raise QuestionnaireError([Problem(message, source=source, line=1, column=1)])
    return loads(content, source=source, max_bytes=max_bytes)


def loads(
    text: str | bytes, *, source: str = "<string>", max_bytes: int = _yaml.MAX_BYTES
) -> Questionnaire:
    """Load and validate a questionnaire from YAML ``text``; ``source`` names it in errors."""
    text = _yaml.text_argument(text, "loads(): text")
    document = read_document(text, source, max_bytes=max_bytes)
    past_limits = exceeded(document.data)
    if past_limits:  # refused before validation, which would cost in proportion to them
        origin = Origin(document, item_names(document.data))
        located = [origin.locate(problem) for problem in past_limits]
        raise QuestionnaireError(_in_file_order([*document.problems, *located]))
    references: list[Problem] = []
    questionnaire = validate(
        Questionnaire, document, context={"reference_problems": references}, what="a questionnaire"
    )
    # marks and names only: the tree can go
    origin = Origin(replace(document, data=None, problems=[]), item_names(document.data))
    problems = [*document.problems, *(origin.locate(problem) for problem in references)]
    if problems:
        raise QuestionnaireError(_told_once(_in_file_order(problems), document))
    questionnaire._origin = origin
    return questionnaire


def item_names(data: object) -> dict[KeyPath, str]:
    """The path of every list item that is a mapping with an id unique in its list, and
    that id: ``questions[pace]`` reads better than ``questions[3]``. One visit per node."""
    names: dict[KeyPath, str] = {}
    pending: list[tuple[KeyPath, object]] = [((), data)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, Mapping):
            pending.extend(((*path, path_key(key)), value) for key, value in node.items())
        elif isinstance(node, tuple):
            ids = [item.get("id") if isinstance(item, Mapping) else None for item in node]
            counts = Counter(item_id for item_id in ids if isinstance(item_id, str))
            for index, (item_id, item) in enumerate(zip(ids, node, strict=True)):
                item_path = (*path, index)
                if isinstance(item_id, str) and counts[item_id] == 1 and is_id_like(item_id):
                    names[item_path] = item_id
                pending.append((item_path, item))
    return names


# Many problems of one kind, told once with one fix ---------------------------------------

TOLD_ONCE_FROM = 3
"""Problems of one kind and value are told as one from this many on."""
MOST_LINES_LISTED = 5

TEXTS_IN_LANGUAGE = (
    "{count} texts in '{value}', which languages does not list: "
    "add '{value}' to languages or remove them"
)
REFERENCES_TO = (
    "{count} references to {kind} '{value}', which does not exist: define it or correct them"
)
DUPLICATE_MEANT = "the second '{key}' on line {line} may be meant as '{value}'"
THE_OTHERS = "the first is here; the others on lines {lines}"
AND_MORE = "{lines} and {count:,} more"
# where each kind of id is defined, for a duplicate key there that hides one
_DEFINED_IN = {"style": "styles", "distinction": "distinctions", "scale": "scales"}


def _told_once(problems: list[Problem], document: _yaml.Document) -> list[Problem]:
    """``problems`` with each run of :data:`TOLD_ONCE_FROM` or more of one kind and value
    (a text in an undeclared language, a reference to a missing style) told as one, at the
    first, with the fix and the lines of the others."""
    counts = Counter(problem.repeats for problem in problems if problem.repeats)
    groups: dict[tuple[str, str], list[Problem]] = {}
    kept: list[Problem | tuple[str, str]] = []
    for problem in problems:
        key = problem.repeats
        if key is None or counts[key] < TOLD_ONCE_FROM:
            kept.append(problem)
            continue
        if key not in groups:
            kept.append(key)
        groups.setdefault(key, []).append(problem)
    return [item if isinstance(item, Problem) else _as_one(groups[item], document) for item in kept]


def _as_one(problems: list[Problem], document: _yaml.Document) -> Problem:
    first = problems[0]
    assert first.repeats is not None
    kind, value = first.repeats
    if kind == "language":
        message = TEXTS_IN_LANGUAGE.format(count=len(problems), value=shorten(value))
    else:
        message = REFERENCES_TO.format(count=len(problems), kind=kind, value=shorten(value))
    lines = [str(problem.line) for problem in problems[1:] if problem.line is not None]
    listed = ", ".join(lines[:MOST_LINES_LISTED])
    if len(lines) > MOST_LINES_LISTED:
        listed = AND_MORE.format(lines=listed, count=len(lines) - MOST_LINES_LISTED)
    hints = [hint for hint in (_duplicate_meant(kind, value, document), first.hint) if hint]
    if lines:
        hints.append(THE_OTHERS.format(lines=listed))
    return replace(first, message=message, hint="; ".join(hints) or None)


def _duplicate_meant(kind: str, value: str, document: _yaml.Document) -> str | None:
    """For a missing style (say) where ``styles`` has a duplicate key: whether that is it."""
    mapping = _DEFINED_IN.get(kind)
    for problem in document.problems:
        path = problem.path
        if (
            mapping
            and len(path) == 2
            and path[0] == mapping
            and problem.line is not None
            and problem.message.startswith("duplicate key")
        ):
            key = shorten(str(path[1]))
            return DUPLICATE_MEANT.format(key=key, line=problem.line, value=shorten(value))
    return None


def read_document(
    text: str | bytes, source: str, *, max_bytes: int = _yaml.MAX_BYTES
) -> _yaml.Document:
    """Read YAML into a located document, raising when nothing usable could be read."""
    document = _yaml.read(text, source, max_bytes=max_bytes)
    if document.data is None and document.problems:
        raise QuestionnaireError(document.problems)
    return document


def validate(
    model: type[ModelT],
    document: _yaml.Document,
    *,
    context: dict[str, object] | None = None,
    what: str = "a questionnaire",
) -> ModelT:
    """Validate a read document as ``model``, mapping every problem back onto the YAML."""
    if not isinstance(document.data, Mapping):
        message = f"{what} must be a mapping of keys such as id, title and questions"
        mark = document.mark_for(())
        line = mark.line if mark else 1
        problem = Problem(message, source=document.source, line=line, column=1)
        raise QuestionnaireError([*document.problems, problem])
    try:
        return model.model_validate(document.data, context=context)
    except ValidationError as error:
        hints = Suggestions(_field_names())  # one look-up per distinct unknown key, a few in all
        names = item_names(document.data)
        others: dict[int, dict[str, object]] = {}
        located = [
            problem
            for problem in (
                _from_pydantic(details, document, hints, names, others)
                for details in error.errors()
                if not _counts_only_valid_items(details)
            )
            if not document.is_refused(problem.path)
        ]
        read = [replace(p, shown_path=render_path(p.path, names)) for p in document.problems]
        raise QuestionnaireError(_in_file_order([*read, *located])) from None


def _counts_only_valid_items(details: ErrorDetails) -> bool:
    """Whether a "too short" error counted only the valid items of a list that is long
    enough: its invalid items have problems of their own, and it would say "found 0"."""
    given = details.get("input")
    minimum = (details.get("ctx") or {}).get("min_length")
    return (
        details["type"] == "too_short"
        and isinstance(given, (tuple, list))
        and isinstance(minimum, int)
        and len(given) >= minimum
    )


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


# Mapping pydantic's errors onto the YAML -------------------------------------------------


def _data_path(
    loc: tuple[str | int, ...], data: object, others: dict[int, dict[str, object]]
) -> tuple[KeyPath, str | None]:
    """Follow pydantic's ``loc`` through ``data``; skip the parts that name union members.

    Returns the path into the data and the last ``loc`` part that did not match (the
    name of a missing or unexpected key, say). ``others`` remembers, per mapping, its keys
    that are not texts by the name pydantic gives them (``'None'`` for ``~``).
    """
    path: list[str | int] = []
    node = data
    unmatched: str | None = None
    for given in loc:
        part: object = given
        if isinstance(node, Mapping) and given not in node and isinstance(given, str):
            if id(node) not in others:
                others[id(node)] = {str(k): k for k in node if not isinstance(k, str)}
            part = others[id(node)].get(given, given)
        if isinstance(node, Mapping) and part in node:
            path.append(_key_as_read(node, part))
            node = node[part]
            unmatched = None
        elif isinstance(node, tuple) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
            unmatched = None
        else:
            unmatched = str(part)
    return tuple(path), unmatched


def _key_as_read(mapping: Mapping[object, object], part: object) -> str:
    """The key of ``mapping`` that ``part`` names, as a key path holds it: pydantic names a
    ``true:`` key ``1``, and only a look at the keys (there is one such) tells them apart."""
    if type(part) is int and part in (0, 1):
        part = next(key for key in mapping if key == part)
    return path_key(part)


def _not_a_text_key(details: ErrorDetails, path: KeyPath) -> bool:
    """Whether the error is about a mapping key that is not a text (``1.5:``, ``~:``)."""
    about_key = details["type"] == "invalid_key" or details["loc"][-1:] == ("[key]",)
    return about_key and bool(path) and isinstance(path[-1], OtherKey)


_EXPECTED = {
    "string_type": "a text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "tuple_type": "a list",
}


CONDITION_KEYS = ("question", "equals", "one_of", "at_least", "all", "any")
UNKNOWN_CONDITION_KEY = "it has the unknown key {key}"
UNKNOWN_CONDITION_KEY_MEANT = "it has the unknown key {key}: {meant}"

_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}


def _message(
    details: ErrorDetails, key: str | None, written: str | None, hints: Suggestions
) -> tuple[str, str | None]:
    kind = details["type"]
    value = details.get("input")
    context = details.get("ctx") or {}
    if kind == "missing":
        return f"missing required key '{key}'", None
    if kind == "extra_forbidden":
        if key in _field_names():
            return f"key '{key}' is not allowed here", None
        return f"unknown key {quoted_key(key or '')}", hints(key or "")
    if kind in ("too_short", "too_long"):
        bound = context.get("min_length" if kind == "too_short" else "max_length")
        least_or_most = "at least" if kind == "too_short" else "at most"
        found = len(value) if isinstance(value, (tuple, list)) else context.get("actual_length")
        return f"expected {least_or_most} {bound} item(s), found {found}", None
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        bound = context.get(name)
        shown = f"{bound:g}" if isinstance(bound, float) else bound
        return f"must be {words} {shown}, found {shorten(str(written or value))}", None
    if kind in _EXPECTED:
        hint = None
        if kind == "string_type" and isinstance(value, (int, float)):  # a bool too
            hint = f"write it in quotes: '{shorten(written or path_key(value))}'"
        elif kind == "bool_type" and isinstance(value, str):
            hint = "write true or false"
        return f"expected {_EXPECTED[kind]}, found {describe(value)}", hint
    if kind == "question_kind":
        kinds = ", ".join(QUESTION_KINDS)
        if not isinstance(value, Mapping):
            found = describe(value)
            return f"expected a question (a mapping with id, kind and text), found {found}", None
        written = value.get("kind")
        shown = quoted_key(written) if isinstance(written, str) else describe(written)
        if written is None:
            return f"missing required key 'kind' (one of: {kinds})", None
        return (
            f"unknown question kind {shown}; expected one of: {kinds}",
            did_you_mean(written, QUESTION_KINDS) if isinstance(written, str) else None,
        )
    if kind == "condition" and isinstance(value, Mapping):
        unknown = [key for key in value if path_key(key) not in CONDITION_KEYS]
        if unknown:
            written = path_key(unknown[0])
            meant = did_you_mean(written, CONDITION_KEYS)
            hint = (UNKNOWN_CONDITION_KEY_MEANT if meant else UNKNOWN_CONDITION_KEY).format(
                key=quoted_key(written), meant=meant
            )
            return details["msg"], hint
    if kind == "literal_error":
        return f"expected {context.get('expected')}, found {describe(value)}", None
    if kind == "string_pattern_mismatch":
        return (
            f"{quoted_key(str(value))} is not a valid id or code here",
            "ids use letters, digits, '_', '-' and '.'; language codes look like 'en' or 'pt-BR'",
        )
    message = details["msg"]
    message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:], None


_KEYS_FOUND = {"null": "nothing", "true": "true", "false": "false"}


def _from_pydantic(
    details: ErrorDetails,
    document: _yaml.Document,
    hints: Suggestions,
    names: Mapping[KeyPath, str],
    others: dict[int, dict[str, object]],
) -> Problem:
    path, unmatched = _data_path(tuple(details["loc"]), document.data, others)
    kind = details["type"]
    if _not_a_text_key(details, path):
        mark = document.mark_for(path, key=True)
        written = str(path[-1])
        hint = None if written == "null" else f"write it in quotes: '{shorten(written)}'"
        return Problem(
            f"a key must be a text, found {_KEYS_FOUND.get(written, f'the number {written}')}",
            path=path,
            source=document.source,
            line=mark.line if mark else None,
            column=mark.column if mark else None,
            hint=hint,
            shown_path=render_path(path, names),
            about_key=True,
        )
    if kind == "extra_forbidden":
        mark = document.mark_for(path, key=True)
        path_shown = path[:-1]
        key: str | None = str(path[-1]) if path else unmatched
    elif (
        kind == "question_kind"
        and isinstance(details.get("input"), Mapping)
        and ("kind" in details["input"])
    ):
        path_shown = (*path, "kind")
        mark = document.mark_for(path_shown)
        key = None
    else:
        # pydantic names a bad mapping key with a trailing "[key]": point at the key itself
        mark = document.mark_for(path, key=details["loc"][-1:] == ("[key]",))
        path_shown = path
        key = unmatched
    message, hint = _message(details, key, document.written.get(path), hints)
    if details["type"] == "missing" and key is not None:
        misplaced = _misplaced(document, path, key)
        if misplaced is not None:
            mark, hint = misplaced
    return Problem(
        message,
        path=path_shown,
        source=document.source,
        line=mark.line if mark else None,
        column=mark.column if mark else None,
        hint=hint,
        shown_path=render_path(path_shown, names),
    )


MISPLACED = "found '{key}' under '{parent}' at {line}:{column}; check the indentation"


def _misplaced(document: _yaml.Document, path: KeyPath, key: str) -> tuple[_yaml.Mark, str] | None:
    """Where a missing ``key`` was written one level too deep (under a sibling key, still
    valid YAML), and the hint that says so; looked for among the mapping's own values."""
    node: object = document.data
    for part in path:
        if isinstance(node, Mapping):
            node = node.get(part)
        elif isinstance(node, tuple) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    if not isinstance(node, Mapping):
        return None
    for parent, value in node.items():
        if isinstance(value, Mapping) and key in value:
            where = (*path, path_key(parent), key)
            mark = document.key_marks.get(where)
            if mark is not None:
                hint = MISPLACED.format(
                    key=key, parent=path_key(parent), line=mark.line, column=mark.column
                )
                return mark, hint
    return None


@cache
def _field_names() -> list[str]:
    names: set[str] = set()
    pending: list[type[BaseModel]] = [Questionnaire]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        names.update(model.model_fields)
        pending.extend(_nested_models(model))
    return sorted(names)


def _nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    stack: list[object] = [field.annotation for field in model.model_fields.values()]
    while stack:
        annotation = stack.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.append(annotation)
        stack.extend(getattr(annotation, "__args__", ()))
        if hasattr(annotation, "__metadata__"):  # Annotated[X, ...]: look inside X
            stack.append(getattr(annotation, "__origin__", None))
    return found
