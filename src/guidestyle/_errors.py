"""Errors raised by guidestyle, and the located problems they carry.

The hierarchy::

    GuidestyleError                 every error guidestyle raises on purpose
    ├── QuestionnaireError          a questionnaire file or text is unusable
    ├── AnswersError                a set of answers does not fit its questionnaire
    ├── SessionError                a session step is impossible, or a saved one unusable
    ├── ResultError                 a saved result cannot be read, or results not compared
    └── ReportError                 a report cannot be rendered (see ``_jinja``)

``QuestionnaireError`` and ``AnswersError`` carry ``problems``: the problems found, not
only the first (up to :data:`MAX_PROBLEMS`, then ``omitted`` counts the rest), each a
:class:`Problem` that knows its source, line, column and key path and renders itself as
``FILE:LINE:COL: key.path: message``.

Messages are safe to print and to log. Whatever text came from the input is passed through
:func:`printable`, so it cannot move a terminal's cursor, retitle it or reorder a line; a
key is shown cut short past :data:`MAX_SHOWN` characters, with its length; and an answer's
text is never echoed: only a value that looks like an id is quoted, any other text is
described by its length (see :func:`describe`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]

MAX_PROBLEMS: Final = 100
"""Most problems one error lists; past them, its message ends ``… and N more problems``."""
MAX_SHOWN: Final = 64
"""Most characters of a key a message shows (ids are at most this long)."""

# C0 and C1 control characters (every terminal escape sequence starts with one), and the
# marks, embeddings, overrides and isolates that make a line display in another order.
_CONTROLS = "\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNPRINTABLE: Final = re.compile(f"[\x00-\x08\x0a{_CONTROLS}]")
_UNPRINTABLE_IN_LINES: Final = re.compile(f"[\x00-\x08{_CONTROLS}]")
_ID_LIKE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` safe to print: each control character and bidirectional control in it is
    shown as its escape, ``\\u001b`` for ESC or ``\\u202e`` for a right-to-left override.

    The escapes are JSON's, so JSON text stays valid and means the same. Tabs stay, and so
    do line breaks with ``lines`` (a report); without it, no text can start a new line.
    """
    pattern = _UNPRINTABLE_IN_LINES if lines else _UNPRINTABLE
    if pattern.search(text) is None:  # the common case costs one scan
        return text
    return pattern.sub(_escape, text)


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` cut short past ``limit`` characters, saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text):,} characters)"


def is_id_like(text: str) -> bool:
    """Whether ``text`` could be an id (letters, digits, ``_-.``, at most 64 characters)."""
    return _ID_LIKE.fullmatch(text) is not None


class OtherKey(str):
    """A key path's part for a mapping key that is not a text (``1``, ``true``, ``~``): it
    shows as the text, but is never the same part as a text key written alike, so ``1:``
    and ``"1":`` in one mapping keep a place each."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is OtherKey and str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((OtherKey, str(self)))


def path_key(key: object) -> str:
    """A mapping key as a key path holds it: a text as it is, ``true`` for ``True``, ``1`` for 1
    (those as an :class:`OtherKey`)."""
    if isinstance(key, str):
        return key
    if isinstance(key, bool) or key is None:
        return OtherKey({True: "true", False: "false", None: "null"}[key])
    return OtherKey(key)


def render_path(path: KeyPath, names: Mapping[KeyPath, str] | None = None) -> str:
    """Render ``("questions", 3, "options")`` as ``questions[3].options``; long keys cut short.

    ``names`` gives list items their names: with ``{("questions", 3): "pace"}`` the path is
    ``questions[pace].options``, which an author finds without counting from 0.
    """
    rendered = ""
    for end, part in enumerate(path, 1):
        if isinstance(part, int):
            name = names.get(path[:end]) if names else None
            rendered += f"[{part if name is None else name}]"
        else:
            rendered += f".{shorten(part)}" if rendered else shorten(part)
    return rendered


_CLOSE = 0.6
MAX_SUGGESTIONS = 20
"""Most distinct words one :class:`Suggestions` looks for a close match for."""


def _close_in_length(word: str, candidate: str) -> bool:
    """Whether the lengths allow the two to be close: the bound difflib itself checks first
    (``real_quick_ratio``), checked before a matcher is built on a word of any length."""
    total = len(word) + len(candidate)
    return not total or 2.0 * min(len(word), len(candidate)) / total >= _CLOSE


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A ``did you mean 'x'?`` hint when ``word`` looks like a misspelling of a candidate.

    A word far longer than every candidate (a paste, not a typo) costs only a length check
    per candidate.
    """
    near = [candidate for candidate in candidates if _close_in_length(word, candidate)]
    matches = difflib.get_close_matches(word, near, n=1, cutoff=_CLOSE) if near else []
    return f"did you mean '{matches[0]}'?" if matches else None


class Suggestions:
    """``did you mean`` hints against one collection of names, for many words, in bounded
    time: each distinct word is looked up once, and only the first :data:`MAX_SUGGESTIONS`
    distinct words are looked up at all (a list of thousands of mistakes is not a list of
    typos, and no one reads that far)."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self._candidates = list(candidates)
        self._hints: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        if word in self._hints:
            return self._hints[word]
        if len(self._hints) >= MAX_SUGGESTIONS:
            return None
        hint = self._hints[word] = did_you_mean(word, self._candidates)
        return hint


def describe(value: object, *, numbers: bool = True) -> str:
    """Name a value as a person reading YAML or JSON would: ``text 'x'``, ``the number 3``.

    Only a text that looks like an id is quoted; any other is ``a text of N characters``,
    so that a message never repeats what a person wrote (it may be private). With
    ``numbers=False`` a number is not shown either (``a whole number``, ``a number``): one
    typed where a text was asked for may be as private as the text.
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if is_id_like(value):
            return f"text '{value}'"
        return f"a text of {len(value):,} character{'s' * (len(value) != 1)}"
    if isinstance(value, (int, float)) and not numbers:
        return "a whole number" if isinstance(value, int) else "a number"
    if isinstance(value, int) and abs(value) >= 10**15:
        return "a whole number of more than 15 digits"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (tuple, list)):
        return "a list"
    return type(value).__name__


def quoted_key(key: str) -> str:
    """A key or id from the input, quoted as Python would and cut short if long."""
    return repr(shorten(key))


def expect(value: object, kind: type | tuple[type, ...], what: str, where: str) -> None:
    """``TypeError`` unless ``value`` is a ``kind``: ``where`` names the argument, ``what``
    the types it takes, as in ``loads(): text must be str or bytes, not int``."""
    if not isinstance(value, kind):
        raise TypeError(f"{where} must be {what}, not {type(value).__name__}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or, for the linter, questionable) in an input.

    ``line`` and ``column`` are 1-based and ``None`` when the input had no text
    position (for instance a questionnaire built in Python). ``code`` names the linter
    rule that found it; loader problems have none.
    """

    message: str
    path: KeyPath = ()
    source: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: Severity = "error"
    code: str | None = None
    about_key: bool = field(default=False, repr=False, compare=False)
    """Whether the problem concerns the key at ``path`` (so it is located there) rather
    than the value under it."""
    shown_path: str | None = field(default=None, repr=False, compare=False)
    """``path`` as the message shows it, with list items named by their ids (set where the
    data is known: see ``guidestyle._loader``); ``None``: rendered from ``path``."""
    repeats: tuple[str, str] | None = field(default=None, repr=False, compare=False)
    """What the problem is one of, as ``(kind, value)``, e.g. ``("language", "fr")`` for a
    text in an undeclared language: many such are told as one, with one fix."""

    def __str__(self) -> str:
        parts: list[str] = []
        if self.source is not None:
            where = self.source
            if self.line is not None:
                where += f":{self.line}:{self.column or 1}"
            parts.append(where)
        if self.path:
            parts.append(self.shown_path or render_path(self.path))
        if self.code is not None:
            parts.append(self.severity)
        text = self.message
        if self.hint:
            text += f" ({self.hint})"
        if self.code is not None:
            text += f" [{self.code}]"
        parts.append(text)
        return printable(": ".join(parts))


class GuidestyleError(Exception):
    """Root of every error guidestyle raises on purpose.

    Its text (``str(error)``) is safe to print: see :func:`printable`.
    """

    def __str__(self) -> str:
        return printable(super().__str__(), lines=True)


class _ProblemsError(GuidestyleError):
    """An error made of one or more located problems, rendered one per line.

    It keeps the first :data:`MAX_PROBLEMS` problems; ``omitted`` counts the others (with
    any the code that found them left out already), and the message ends by saying so.
    """

    problems: tuple[Problem, ...]
    omitted: int

    def __init__(self, problems: Sequence[Problem], *, omitted: int = 0) -> None:
        if not problems:
            raise ValueError(f"{type(self).__name__} needs at least one problem")
        self.problems = tuple(problems[:MAX_PROBLEMS])
        self.omitted = omitted + len(problems) - len(self.problems)
        lines = [str(problem) for problem in self.problems]
        if self.omitted:
            lines.append(f"… and {self.omitted:,} more problem{'s' * (self.omitted != 1)}")
        super().__init__("\n".join(lines))


class QuestionnaireError(_ProblemsError):
    """A questionnaire could not be read or is invalid; ``problems`` lists why."""


class AnswersError(_ProblemsError):
    """A set of answers does not fit its questionnaire; ``problems`` lists why."""


class ResultError(GuidestyleError):
    """A saved result or comparison cannot be read, or two results cannot be compared."""
