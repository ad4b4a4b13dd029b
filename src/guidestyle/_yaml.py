"""The one place where guidestyle reads YAML.

PyYAML's composer and constructors are never used. This module walks the parser's event
stream itself and builds plain data (``dict``, ``tuple``, ``str``, ``int``, ``float``,
``bool``, ``None``) while recording where every node came from. Walking events rather than
composing lets it refuse, before any tree exists:

- tags of every kind (so no ``!!python/...`` object is ever constructed),
- anchors and aliases (so no billion-laughs expansion),
- nesting deeper than a bound (libyaml's recursive composer crashes on deep input),
- duplicate keys, including keys that YAML resolves to equal values (``1`` and ``true``),
- more than one document per file.

Plain scalars are resolved by a deliberately small rule set, close to YAML 1.2's core
schema: ``true``/``false``, ``null``/``~``, decimal integers without a leading zero and
finite decimals with a point. Everything else, notably ``yes``, ``no``, ``on``, ``off``,
``012``, ``0x1f``, ``1e3``, ``.inf`` and dates, stays the text the author wrote.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

import yaml

from ._errors import KeyPath, Problem, expect, path_key, quoted_key, shorten

_Parser: Any
try:  # libyaml's event parser alone: no composer, constructor or resolver behind it
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.SafeLoader

# libyaml 0.2.6 has a nesting limit of its own, and its scanner looks ahead inside flow
# collections, so on ``[[[[…`` it can refuse before this module sees a single event. The
# pure-Python parser has no such limit: re-reading with it finds where the nesting passes
# this module's bound, so the message is the same whichever libyaml PyYAML ships.
_LIBYAML_DEPTH_ERROR: Final = "exceeded maximum nesting depth"

MAX_BYTES: Final = 1_000_000
MAX_DEPTH: Final = 32

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
# A decimal point is required (and an exponent needs its sign), as in YAML 1.1: so ``1e3``
# stays text and everything read as a number is something PyYAML's dumper quotes as text.
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?")
_NULLS: Final = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE: Final = frozenset({"true", "True", "TRUE"})
_FALSE: Final = frozenset({"false", "False", "FALSE"})
_WORDS: Final = _NULLS | _TRUE | _FALSE


class Mark(NamedTuple):
    """A 1-based position in the source text."""

    line: int
    column: int


@dataclass
class Document:
    """Data read from YAML, where each part of it came from, and what was wrong.

    ``value_marks`` maps a key path to the position of its value and ``key_marks`` to the
    position of the key that introduced it. ``data`` is ``None`` when a fatal problem
    stopped reading.
    """

    source: str
    data: object = None
    value_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    written: dict[KeyPath, str] = field(default_factory=dict)
    """The text as written, for plain scalars read as numbers or booleans (``1.10``)."""
    refused: set[KeyPath] = field(default_factory=set)
    """Paths of nodes already reported as refused (tagged, anchored, aliased)."""

    def is_refused(self, path: KeyPath) -> bool:
        """Whether ``path`` lies at or under a node reported as refused."""
        return any(path[:end] in self.refused for end in range(len(path) + 1))

    def problem(
        self, message: str, path: KeyPath, mark: Mark | None, hint: str | None = None
    ) -> None:
        self.problems.append(
            Problem(
                message,
                path=path,
                source=self.source,
                line=mark.line if mark else None,
                column=mark.column if mark else None,
                hint=hint,
            )
        )

    def mark_for(self, path: KeyPath, *, key: bool = False) -> Mark | None:
        """The position of ``path`` or, failing that, of its nearest recorded ancestor."""
        marks = self.key_marks if key else self.value_marks
        if path in marks:
            return marks[path]
        for end in range(len(path), -1, -1):
            mark = self.value_marks.get(path[:end])
            if mark is not None:
                return mark
        return None


_START: Final = Mark(1, 1)
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_argument(text: object, where: str) -> str | bytes:
    """YAML text as the public functions take it: ``str``, or UTF-8 ``bytes`` (a ``bytearray``
    or ``memoryview`` is read as its bytes); ``TypeError`` naming ``where`` for anything else."""
    if isinstance(text, (bytearray, memoryview)):
        return bytes(text)
    expect(text, (str, bytes), "str or bytes", where)
    assert isinstance(text, (str, bytes))
    return text


def resolve_plain(text: str) -> object:
    """Resolve an unquoted scalar the way this module's docstring describes."""
    if text[:1].isalpha() and text not in _WORDS:  # most scalars: plain words
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts; keep the text
            return text
    if _FLOAT.fullmatch(text):
        number = float(text)
        return number if math.isfinite(number) else text
    return text


def _mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1) if start is not None else _START


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _describe(value: object) -> str:
    return quoted_key(value) if isinstance(value, str) else f"'{shorten(str(value))}'"


class _Fatal(Exception):
    """Stops reading; the problem has already been recorded."""


@dataclass
class _Mapping:
    path: KeyPath
    value: dict[object, object] = field(default_factory=dict)
    first_seen: dict[object, tuple[str, Mark]] = field(default_factory=dict)
    key: object = None
    key_mark: Mark | None = None
    expecting_key: bool = True
    discard_value: bool = False


@dataclass
class _Sequence:
    path: KeyPath
    value: list[object] = field(default_factory=list)


def decode(raw: bytes, document: Document) -> str | None:
    """Decode UTF-8 (a leading byte-order mark is allowed), recording where it fails."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        document.problem(
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            (),
            Mark(line, column),
            hint="save it with UTF-8 encoding",
        )
        return None


def read(
    content: str | bytes,
    source: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Document:
    """Read one YAML document from ``content`` into a :class:`Document`."""
    document = Document(source)
    size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "replace"))
    if size > max_bytes:
        document.problem(
            f"the file is too large ({size:,} bytes; the limit is {max_bytes:,})", (), _START
        )
        return document
    text = decode(content, document) if isinstance(content, bytes) else content
    if text is None:
        return document
    if _SURROGATE.search(text):
        document.problem("the text holds an invalid character (a lone surrogate)", (), _START)
        return document
    try:
        document.data = _build(document, text, max_depth, _Parser)
    except yaml.MarkedYAMLError as error:
        if _LIBYAML_DEPTH_ERROR in str(error.problem) and _Parser is not yaml.SafeLoader:
            document = Document(source)
            try:
                document.data = _build(document, text, max_depth, yaml.SafeLoader)
            except yaml.YAMLError as python_error:  # pragma: no cover - libyaml found none
                _syntax_problem(document, python_error, text)
        else:
            _syntax_problem(document, error, text)
    except yaml.YAMLError as error:
        _syntax_problem(document, error, text)
    return document


def _build(document: Document, text: str, max_depth: int, parser: Any) -> object:
    try:
        return _Builder(document, max_depth).build(parser(text.encode("utf-8")))
    except _Fatal:
        return None


def _syntax_problem(document: Document, error: yaml.YAMLError, text: str) -> None:
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow
        # its position counts the characters (or, from libyaml, the bytes) read before it
        position = error.position
        before = text[:position] if error.name != "<byte string>" else _bytes_before(text, position)
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        document.problem(
            f"the text holds a character YAML does not allow (U+{error.character:04X})"
            if isinstance(error.character, int)
            else "the text holds a character YAML does not allow",
            (),
            Mark(line, column),
            hint="remove it, or write it as an escape inside double quotes",
        )
        return
    if not isinstance(error, yaml.MarkedYAMLError):  # pragma: no cover - every error is one
        document.problem(f"not valid YAML: {error}", (), None)
        return
    mark = error.problem_mark or error.context_mark
    message = str(error.problem or error.context or "not valid YAML")
    document.problem(
        f"not valid YAML: {message}",
        (),
        Mark(mark.line + 1, mark.column + 1) if mark else None,
        hint=_syntax_hint(message, text, mark),
    )


class _Builder:
    """Turns a stream of parser events into data, one node at a time, without recursion."""

    def __init__(self, document: Document, max_depth: int) -> None:
        self.document = document
        self.max_depth = max_depth
        self.stack: list[_Mapping | _Sequence] = []
        self.root: object = None
        self.documents = 0

    def build(self, parser: Any) -> object:
        next_event, handle = parser.get_event, self.handle
        while (event := next_event()) is not None:
            handle(event)
        if self.documents == 0:
            self.document.problem("the file is empty", (), _START)
            raise _Fatal
        return self.root

    def handle(self, event: yaml.Event) -> None:
        if type(event) is yaml.ScalarEvent:  # the commonest event first
            self.node(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.document.problem(
                    "the file holds more than one YAML document",
                    (),
                    _mark(event),
                    hint="remove the '---' line; one questionnaire per file",
                )
                raise _Fatal
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            finished = self.stack.pop()
            value = finished.value if isinstance(finished, _Mapping) else tuple(finished.value)
            self.attach(value)
        elif isinstance(event, yaml.NodeEvent):
            self.node(event)

    def node(self, event: yaml.NodeEvent) -> None:
        parent = self.stack[-1] if self.stack else None
        if isinstance(parent, _Mapping) and parent.expecting_key:
            self.key(parent, event)
            return
        path = self.child_path(parent)
        mark = _mark(event)
        self.document.value_marks[path] = mark
        if event.anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.document.refused.add(path)
            self.document.problem(
                f"anchors are not allowed (found '&{event.anchor}')",
                path,
                mark,
                hint="repeat the content instead",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            self.document.refused.add(path)
            self.document.problem(
                f"tags are not allowed (found '{shorten(_short_tag(tag))}')",
                path,
                mark,
                hint="remove the tag; write plain values",
            )
        if isinstance(event, yaml.AliasEvent):
            self.document.refused.add(path)
            self.document.problem(
                f"aliases are not allowed (found '*{event.anchor}')",
                path,
                mark,
                hint="repeat the content instead",
            )
            self.attach(None)
        elif isinstance(event, yaml.ScalarEvent):
            value = event.value if event.style or tag is not None else resolve_plain(event.value)
            if not isinstance(value, str) and value is not None:
                self.document.written[path] = event.value
            self.attach(value)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= self.max_depth:
                self.document.problem(f"nesting is deeper than {self.max_depth} levels", (), mark)
                raise _Fatal
            self.stack.append(
                _Mapping(path) if isinstance(event, yaml.MappingStartEvent) else _Sequence(path)
            )

    def key(self, mapping: _Mapping, event: yaml.NodeEvent) -> None:
        mark = _mark(event)
        if not isinstance(event, yaml.ScalarEvent):
            self.document.problem(
                "a key must be a single word or text, not a list, mapping or alias",
                mapping.path,
                mark,
            )
            raise _Fatal
        if event.anchor is not None or event.tag is not None:
            self.document.problem("anchors and tags are not allowed on keys", mapping.path, mark)
        key = event.value if event.style else resolve_plain(event.value)
        mapping.expecting_key = False
        mapping.key = key
        mapping.key_mark = mark
        mapping.discard_value = False
        first = mapping.first_seen.get(key)
        if first is not None:
            first_text, first_mark = first
            earlier = (
                f"first written on line {first_mark.line}"
                if first_text == event.value
                else f"read as the same key as '{shorten(first_text)}' on line {first_mark.line}"
            )
            self.document.problem(
                f"duplicate key {_describe(event.value)} ({earlier})",
                (*mapping.path, str(event.value)),
                mark,
            )
            mapping.discard_value = True
        else:
            mapping.first_seen[key] = (event.value, mark)
            key_path: KeyPath = (*mapping.path, path_key(key))
            self.document.key_marks[key_path] = mark

    def child_path(self, parent: _Mapping | _Sequence | None) -> KeyPath:
        if parent is None:
            return ()
        if isinstance(parent, _Mapping):
            return (*parent.path, path_key(parent.key))
        return (*parent.path, len(parent.value))

    def attach(self, value: object) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent, _Sequence):
            parent.value.append(value)
            return
        if not parent.discard_value:
            parent.value[parent.key] = value
        parent.expecting_key = True


def _bytes_before(text: str, position: int) -> str:
    return text.encode("utf-8")[:position].decode("utf-8", "replace")


def _syntax_hint(message: str, text: str, mark: yaml.Mark | None) -> str | None:
    if mark is not None and _is_tab(text, mark):
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "put a text that contains ': ' in quotes, or check this line's indentation"
    if "expected '-' indicator" in message or "expected <block end>" in message:
        return "check the indentation of this line and the one before"
    return None


def _is_tab(text: str, mark: yaml.Mark) -> bool:
    lines = text.splitlines()
    if mark.line >= len(lines):
        return False
    return "\t" in lines[mark.line][: mark.column + 1]
