"""Errors raised by guidestyle, and the located problems they carry.

The hierarchy::

    GuidestyleError                 every error guidestyle raises on purpose
    ├── QuestionnaireError          a questionnaire file or text is unusable
    ├── AnswersError                a set of answers does not fit its questionnaire
    ├── SessionError                a session step is impossible, or a saved one unusable
    ├── ResultError                 a saved result cannot be read, or results not compared
    └── ReportError                 a report cannot be rendered (see ``_jinja``)

``QuestionnaireError`` and ``AnswersError`` carry ``problems``: every problem found, not
only the first, each a :class:`Problem` that knows its source, line, column and key path
and renders itself as ``FILE:LINE:COL: key.path: message``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


def render_path(path: KeyPath) -> str:
    """Render ``("questions", 3, "options")`` as ``questions[3].options``."""
    rendered = ""
    for part in path:
        if isinstance(part, int):
            rendered += f"[{part}]"
        else:
            rendered += f".{part}" if rendered else part
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


def describe(value: object) -> str:
    """Name a value as a person reading YAML or JSON would: ``text 'x'``, ``the number 3``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"text '{value}'" if len(value) <= 40 else "a text"
    if isinstance(value, int) and abs(value) >= 10**15:
        return "a whole number of more than 15 digits"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (tuple, list)):
        return "a list"
    return type(value).__name__


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

    def __str__(self) -> str:
        parts: list[str] = []
        if self.source is not None:
            where = self.source
            if self.line is not None:
                where += f":{self.line}:{self.column or 1}"
            parts.append(where)
        if self.path:
            parts.append(render_path(self.path))
        if self.code is not None:
            parts.append(self.severity)
        text = self.message
        if self.hint:
            text += f" ({self.hint})"
        if self.code is not None:
            text += f" [{self.code}]"
        parts.append(text)
        return ": ".join(parts)


class GuidestyleError(Exception):
    """Root of every error guidestyle raises on purpose."""


class _ProblemsError(GuidestyleError):
    """An error made of one or more located problems, rendered one per line."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError(f"{type(self).__name__} needs at least one problem")
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class QuestionnaireError(_ProblemsError):
    """A questionnaire could not be read or is invalid; ``problems`` lists why."""


class AnswersError(_ProblemsError):
    """A set of answers does not fit its questionnaire; ``problems`` lists why."""


class ResultError(GuidestyleError):
    """A saved result or comparison cannot be read, or two results cannot be compared."""
