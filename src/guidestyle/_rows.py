"""Reading answers in bulk: JSONL, CSV, a pandas DataFrame or mappings, one row at a time.

Every input becomes a stream of :class:`Row` (one respondent's answers, with their id and
passthrough columns) and :class:`BadRow` (a row that cannot be read, with every problem).
Only one row is held at a time, and each costs at most :data:`MAX_ROW_CHARACTERS` to read,
however the input is made. A problem with the input as a whole (a file that cannot be
opened, a CSV header naming an unknown column) raises :class:`AnswersError` when reading
begins, before any row.

- JSONL: one answers object per line, values as JSON gives them; blank lines are skipped.
- CSV: a header naming the columns, then a row per respondent; each cell is read by its
  question's kind (``read_cell``: ``4`` is a scale point, ``a;b`` two options); an empty
  cell is a skipped question.
- A DataFrame (pandas): columns as in a CSV; text values are read as CSV cells are, so a
  frame from ``pandas.read_csv`` reads as the file would; numbers, lists and NumPy values
  as JSON would give them, and a whole-number float (pandas' way of holding an integer
  column with gaps) as that integer.
- Mappings (dicts from JSON, say): as JSONL lines.

Everywhere ``None`` and NaN (pandas' missing value) mean a skipped question.
"""

from __future__ import annotations

import csv
import json
import math
import os
import sys
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from ._errors import (
    AnswersError,
    Problem,
    describe,
    did_you_mean,
    expect,
    is_id_like,
    quoted_key,
)
from ._files import open_regular
from ._model import Question, Questionnaire

Format: TypeAlias = Literal["jsonl", "csv"]
FORMATS: dict[str, Format] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
"""The input formats, by file extension."""
MAX_ROW_CHARACTERS = 1_000_000
"""The longest row read (a line of JSONL, a record of CSV), as for one answers file."""
MAX_UNKNOWN_NAMED = 10
"""At most this many unknown keys are named in one row's problems."""

Source: TypeAlias = "str | os.PathLike[str] | Iterable[Any]"
"""What :func:`read_rows` reads: a path (``-`` for standard input), an iterable of lines
(a file object, a list of strings or bytes) with a format, a DataFrame, or mappings."""


def row_repr(
    kind: str, line: Hashable, respondent: object, kept: Mapping[str, object], *rest: str
) -> str:
    """How a row shows in a ``repr``: where it was, its respondent if the id looks like one,
    and how many kept values and answers it holds, but none of them (they may be private)."""
    parts = [f"line={_shown(line)}", f"respondent={_shown(respondent)}"]
    parts.append(f"kept={counted(len(kept), 'column')}")
    return f"{kind}({', '.join([*parts, *rest])})"


def _shown(value: object) -> str:
    """A line or respondent id as Python writes it, when it looks like one; else described."""
    number = isinstance(value, int) and not isinstance(value, bool)
    if value is None or number or (isinstance(value, str) and is_id_like(value)):
        return repr(value)
    return f"<{describe(value)}>"


def counted(count: int, noun: str) -> str:
    """``<3 answers>``: how many, and of what."""
    return f"<{count:,} {noun}{'s' * (count != 1)}>"


@dataclass(frozen=True, slots=True, repr=False)
class Row:
    """One respondent's answers, as read from one row of the input.

    Its ``repr`` shows where it was and its respondent id, but no answer and no kept value.
    """

    line: Hashable
    """Where the row was: its (first) line in a file, its label in a DataFrame's index, its
    position (from 1) among mappings."""
    respondent: object
    """The value in the id column (unchanged), ``None`` when no id column was named."""
    kept: Mapping[str, object]
    """The passthrough columns' values, unchanged, in the order they were named."""
    answers: Mapping[str, object]
    """Question id to answer, for the questions answered (skipped ones are left out)."""

    def __repr__(self) -> str:
        answers = counted(len(self.answers), "answer")
        return row_repr("Row", self.line, self.respondent, self.kept, f"answers={answers}")


@dataclass(frozen=True, slots=True, repr=False)
class BadRow:
    """A row that could not be read or scored, with every problem found in it (its
    ``repr``, as a :class:`Row`'s, shows no answer and no kept value)."""

    line: Hashable
    respondent: object
    """The id column's value when it could be read, else ``None``."""
    kept: Mapping[str, object]
    problems: tuple[Problem, ...]
    """Each located at the row: ``FILE:LINE:1: question: message``."""

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)

    def __repr__(self) -> str:
        problems = counted(len(self.problems), "problem")
        return row_repr("BadRow", self.line, self.respondent, self.kept, f"problems={problems}")


def read_rows(
    questionnaire: Questionnaire,
    source: Source,
    *,
    format: Format | None = None,
    id_column: str | None = None,
    keep: Sequence[str] = (),
) -> Iterator[Row | BadRow]:
    """The rows of ``source`` read as answers to ``questionnaire``, one at a time.

    ``source`` is a path (``-`` for standard input; the format from its extension unless
    ``format`` is given), an iterable of lines (a file object in text or binary mode, a
    list of strings) with ``format``, a pandas DataFrame, or an iterable of mappings.
    ``id_column`` names the respondent's id (a row without one is a bad row); ``keep``
    names passthrough columns. :class:`AnswersError` for a problem with the whole input;
    ``TypeError`` at once for an argument of the wrong type (bytes or a text as ``source``
    included: read a text's lines, ``text.splitlines()``, with ``format``).
    """
    check_arguments("read_rows()", questionnaire, source, id_column, keep)
    return _read_rows(questionnaire, source, format, id_column, keep)


def check_arguments(
    where: str, questionnaire: object, source: object, id_column: object, keep: object
) -> None:
    """``TypeError`` for an argument of the wrong type to a function that reads rows."""
    expect(questionnaire, Questionnaire, "a Questionnaire", f"{where}: questionnaire")
    if isinstance(source, (bytes, bytearray, memoryview)):
        raise TypeError(
            f"{where}: source must be a path, lines, a DataFrame or mappings, not "
            f"{type(source).__name__} (give a text's lines, text.splitlines(), with format=)"
        )
    expect(id_column, (str, type(None)), "str or None", f"{where}: id_column")
    if isinstance(keep, str) or not isinstance(keep, Sequence):
        raise TypeError(f"{where}: keep must be a sequence of str, not {type(keep).__name__}")
    for name in keep:
        expect(name, str, "str", f"{where}: each of keep")


def _read_rows(
    questionnaire: Questionnaire,
    source: Source,
    format: Format | None,
    id_column: str | None,
    keep: Sequence[str],
) -> Iterator[Row | BadRow]:
    columns = _Columns(questionnaire, id_column, tuple(keep))
    name = name_of(source, format)
    if isinstance(source, (str, os.PathLike)):
        chosen = format or _format_of(name)
        if name == "<stdin>":
            yield from _read_lines(columns, sys.stdin.buffer, chosen, name)
            return
        try:
            file, _ = open_regular(name)  # a FIFO or a device would block or never end
        except OSError as error:
            message = f"cannot read the file: {error.strerror or type(error).__name__}"
            raise AnswersError([Problem(message, source=name)]) from None
        with file:
            yield from _read_lines(columns, file, chosen, name)
    elif _is_data_frame(source):
        yield from _read_frame(columns, source, name)
    elif format is not None:
        yield from _read_lines(columns, source, format, name)
    elif hasattr(source, "read"):
        message = "a file object is read with format='jsonl' or format='csv'"
        raise AnswersError([Problem(message, source=name)])
    else:
        yield from _read_mappings(columns, source, name)


def name_of(source: Source, format: Format | None = None) -> str:
    """What the problems of rows read from ``source`` name as their source."""
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        return "<stdin>" if name == "-" else name
    if _is_data_frame(source):
        return "<DataFrame>"
    if format is not None or hasattr(source, "read"):
        return str(getattr(source, "name", "<lines>"))
    return "<rows>"


_NAME_IT = "name it, jsonl or csv (--input-format, or format= in Python)"


def _format_of(name: str) -> Format:
    if name == "<stdin>":
        message = f"the format of standard input cannot be told from a name; {_NAME_IT}"
        raise AnswersError([Problem(message, source="<stdin>")])
    chosen = FORMATS.get(os.path.splitext(name)[1].lower())
    if chosen is None:
        known = ", ".join(FORMATS)
        message = f"cannot tell the format from the file's extension ({known}); {_NAME_IT}"
        raise AnswersError([Problem(message, source=name)])
    return chosen


def _is_data_frame(source: object) -> bool:
    pandas = sys.modules.get("pandas")  # a DataFrame means pandas is imported already
    return pandas is not None and isinstance(source, pandas.DataFrame)


class _Columns:
    """What each column or key of a row is: the id, a kept column, or a question."""

    def __init__(
        self, questionnaire: Questionnaire, id_column: str | None, keep: tuple[str, ...]
    ) -> None:
        self.questionnaire = questionnaire
        self.questions: dict[str, Question] = {}
        for question in questionnaire.questions:
            self.questions.setdefault(question.id, question)
        self.id_column = id_column
        self.keep = keep
        self.special = frozenset((*keep, *([id_column] if id_column is not None else [])))
        self.question_ids = frozenset(self.questions)
        problems = []
        named = [("id column", id_column)] if id_column is not None else []
        named += [("kept column", name) for name in keep]
        seen: set[str] = set()
        for what, name in named:
            if name in self.questions:
                message = f"the {what} {quoted_key(name)} is a question of '{questionnaire.id}'"
                problems.append(Problem(message))
            elif name in seen:
                problems.append(Problem(f"the column {quoted_key(name)} is named more than once"))
            seen.add(name)
        if problems:
            raise AnswersError(problems)

    def unknown_problems(self, names: Iterable[object], **where: Any) -> list[Problem]:
        """A problem for each name (or the first few of many) that is not a question."""
        names = list(names)
        problems = []
        for name in sorted(map(str, names))[:MAX_UNKNOWN_NAMED]:
            hint = did_you_mean(name, self.questions)
            problems.append(
                Problem(f"unknown question {quoted_key(name)}", path=(name,), hint=hint, **where)
            )
        if len(names) > MAX_UNKNOWN_NAMED:
            more = len(names) - MAX_UNKNOWN_NAMED
            problems.append(Problem(f"and {more:,} more unknown questions", **where))
        return problems

    def from_mapping(
        self, line: Hashable, data: object, source: str, *, decoded: bool = False
    ) -> Row | BadRow:
        """A row from one answers mapping (a JSONL line's object, a dict). ``decoded``: the
        mapping is a dict fresh from :data:`_DECODER`, to be taken over, not copied, and
        holding no NaN."""
        if not isinstance(data, Mapping):
            message = f"a row must be an object of question id to answer, found {describe(data)}"
            return BadRow(line, None, {}, (Problem(message, **self._where(line, source)),))
        answers = data if decoded and type(data) is dict else dict(data)
        respondent = None
        problems = []
        if self.id_column is not None:
            respondent = answers.pop(self.id_column, None)
            if respondent is None or respondent == "":
                problems.append(Problem(_no_id(self.id_column), **self._where(line, source)))
        kept = {name: answers.pop(name, None) for name in self.keep} if self.keep else {}
        if not answers.keys() <= self.question_ids:
            unknown = answers.keys() - self.question_ids
            problems += self.unknown_problems(unknown, **self._where(line, source))
        if problems:
            return BadRow(line, respondent, kept, tuple(problems))
        values = answers.values()
        if None in values or (not decoded and float in set(map(type, values))):
            answers = {key: value for key, value in answers.items() if not _missing(value)}
        return Row(line, respondent, kept, answers)

    @staticmethod
    def _where(line: Hashable, source: str) -> dict[str, Any]:
        return {"source": source, "line": line if isinstance(line, int) else None}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _no_id(column: str) -> str:
    return f"no respondent id (the column {quoted_key(column)} is missing or empty)"


# Lines ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _BadLine:
    message: str


def _lines(source: Iterable[Any]) -> Iterator[tuple[int, str | _BadLine]]:
    """Each line of ``source`` numbered from 1, without its line end, decoded as UTF-8;
    a line that is too long or not UTF-8 is a :class:`_BadLine` (read no further than the
    limit: the rest of a long line is skipped in pieces)."""
    limit = MAX_ROW_CHARACTERS
    readline = getattr(source, "readline", None)
    chunks: Iterator[Any] = (
        iter(lambda: readline(limit + 1), source.read(0))  # type: ignore[attr-defined]
        if readline is not None
        else iter(source)
    )
    number = 0
    for chunk in chunks:
        number += 1
        text = chunk
        if len(chunk) > limit:
            newline = b"\n" if isinstance(chunk, bytes) else "\n"
            end = chunk
            while not end.endswith(newline) and readline is not None:
                end = readline(limit + 1)
                if not end:
                    break
            yield number, _BadLine(f"the row is longer than {limit:,} characters")
            continue
        if isinstance(chunk, bytes):
            try:
                text = chunk.decode("utf-8")
            except UnicodeDecodeError as error:
                message = f"not valid UTF-8 (byte {error.start + 1} of the line)"
                yield number, _BadLine(message)
                continue
        if number == 1 and text.startswith("\ufeff"):  # the byte order mark spreadsheets write
            text = text[1:]
        yield number, text.rstrip("\r\n")


def _read_lines(
    columns: _Columns, source: Iterable[Any], format: Format, name: str
) -> Iterator[Row | BadRow]:
    if format == "jsonl":
        return _read_jsonl(columns, source, name)
    if format == "csv":
        return _read_csv(columns, source, name)
    raise AnswersError([Problem(f"unknown format {format!r}; expected jsonl or csv")])


_DECODER = json.JSONDecoder(parse_constant=lambda name: None if name == "NaN" else float(name))
"""JSON as the json module reads it, with NaN read as ``None`` (a skipped question)."""


def _bad(line: int, message: str, source: str, column: int | None = None) -> BadRow:
    return BadRow(line, None, {}, (Problem(message, source=source, line=line, column=column),))


def _read_jsonl(columns: _Columns, source: Iterable[Any], name: str) -> Iterator[Row | BadRow]:
    loads, from_mapping = _DECODER.decode, columns.from_mapping
    for number, text in _lines(source):
        if isinstance(text, _BadLine):
            yield _bad(number, text.message, name)
            continue
        if not text or text.isspace():
            continue
        try:
            data = loads(text)
        except json.JSONDecodeError as error:
            yield _bad(number, f"not valid JSON: {error.msg}", name, error.colno)
            continue
        except RecursionError:
            yield _bad(number, "not valid JSON: nested too deeply", name)
            continue
        except ValueError:  # Python's limit on the digits of an integer
            yield _bad(number, "not valid JSON: a number has too many digits", name)
            continue
        yield from_mapping(number, data, name, decoded=True)


def _records(source: Iterable[Any], name: str) -> Iterator[tuple[int, str | _BadLine]]:
    """CSV records with the line each starts on; a quoted cell may hold line breaks."""
    limit = MAX_ROW_CHARACTERS
    start, pending, size, quotes = 0, list[str](), 0, 0
    for number, text in _lines(source):
        if isinstance(text, _BadLine):
            if pending:  # the record it belonged to is lost with it
                yield start, _BadLine(f"{text.message} (on line {number}, within this row)")
                pending, size, quotes = [], 0, 0
            else:
                yield number, text
            continue
        count = text.count('"')
        if not pending:
            if count % 2 == 0:  # the whole record on one line: the usual case
                yield number, text
                continue
            start = number
        pending.append(text)
        size += len(text) + 1
        quotes += count
        if size > limit:
            message = f"the row is longer than {limit:,} characters (a quote left open?)"
            yield start, _BadLine(message)
            pending, size, quotes = [], 0, 0
        elif quotes % 2 == 0:
            yield start, "\n".join(pending)
            pending, size, quotes = [], 0, 0
    if pending:
        yield start, _BadLine("a quote is left open at the end of the file")


def _split(record: str) -> list[str]:
    if '"' not in record:
        return record.split(",")
    return next(csv.reader([record], strict=True))


def _read_csv(columns: _Columns, source: Iterable[Any], name: str) -> Iterator[Row | BadRow]:
    records = _records(source, name)
    header = next(records, None)
    if header is None:
        message = "the file is empty; a CSV starts with a header naming its columns"
        raise AnswersError([Problem(message, source=name, line=1)])
    line, text = header
    if isinstance(text, _BadLine):
        raise AnswersError([Problem(f"the header: {text.message}", source=name, line=line)])
    try:
        names = [cell.strip() for cell in _split(text)]
    except csv.Error as error:
        message = f"the header is not valid CSV: {error}"
        raise AnswersError([Problem(message, source=name, line=line)]) from None
    readers = _header_readers(columns, names, name, line)
    width = len(names)
    id_at = names.index(columns.id_column) if columns.id_column is not None else None
    for number, record in records:
        if isinstance(record, _BadLine):
            yield _bad(number, record.message, name)
            continue
        if not record:
            continue
        try:
            cells = _split(record)
        except csv.Error as error:
            yield _bad(number, f"not valid CSV: {error}", name)
            continue
        if len(cells) != width:
            message = f"the row has {len(cells)} cells; the header names {width} columns"
            yield _bad(number, message, name)
            continue
        kept = {column: cells[index] for column, index in readers.kept}
        answers = {}
        for question_id, index, read_cell in readers.questions:
            cell = cells[index]
            if cell and not cell.isspace():
                answers[question_id] = read_cell(cell)
        respondent = None if id_at is None else cells[id_at]
        if respondent is not None and not respondent.strip():
            where = Problem(_no_id(columns.id_column or ""), source=name, line=number)
            yield BadRow(number, None, kept, (where,))
            continue
        yield Row(number, respondent, kept, answers)


@dataclass(frozen=True, slots=True)
class _Readers:
    questions: list[tuple[str, int, Any]]
    kept: list[tuple[str, int]]


def _header_readers(columns: _Columns, names: list[str], source: str, line: int | None) -> _Readers:
    """What reads each column of a CSV header (or a DataFrame); every problem at once."""
    where: dict[str, Any] = {"source": source, "line": line}
    problems = []
    seen: set[str] = set()
    unknown = []
    for index, column in enumerate(names):
        if not column:
            problems.append(Problem(f"column {index + 1} of the header has no name", **where))
        elif column in seen:
            problems.append(
                Problem(f"the column {quoted_key(column)} is named more than once", **where)
            )
        elif column not in columns.questions and column not in columns.special:
            unknown.append(column)
        seen.add(column)
    for problem in columns.unknown_problems(unknown, **where):
        hint = problem.hint or (
            "to pass it through, name it in keep or --keep" if problem.path else None
        )
        problems.append(Problem(problem.message, problem.path, hint=hint, **where))
    named = [("kept column", name) for name in columns.keep]
    if columns.id_column is not None:
        named.insert(0, ("id column", columns.id_column))
    for what, column in named:
        if column not in seen:
            problems.append(
                Problem(f"the {what} {quoted_key(column)} is not in the header", **where)
            )
    if problems:
        raise AnswersError(problems)
    return _Readers(
        questions=[
            (column, index, columns.questions[column].read_cell)
            for index, column in enumerate(names)
            if column in columns.questions
        ],
        kept=[(column, names.index(column)) for column in columns.keep],
    )


# DataFrames and mappings -----------------------------------------------------------------


def _read_frame(columns: _Columns, frame: Any, name: str) -> Iterator[Row | BadRow]:
    names = list(frame.columns)
    if not all(isinstance(column, str) for column in names):
        raise AnswersError([Problem("the DataFrame's column names must be strings", source=name)])
    readers = _header_readers(columns, names, name, None)
    where: dict[str, Any] = {"source": name}
    id_at = names.index(columns.id_column) + 1 if columns.id_column is not None else None
    for values in frame.itertuples(index=True, name=None):
        line = values[0]
        where["line"] = line if isinstance(line, int) else None
        kept = {column: _plain(values[index + 1]) for column, index in readers.kept}
        answers = {}
        for question_id, index, read_cell in readers.questions:
            value = _plain(values[index + 1])
            if isinstance(value, str):
                if value and not value.isspace():
                    answers[question_id] = read_cell(value)
            elif value is not None:
                answers[question_id] = value
        respondent = None if id_at is None else _plain(values[id_at])
        if id_at is not None and (respondent is None or respondent == ""):
            problem = Problem(_no_id(columns.id_column or ""), **where)
            yield BadRow(line, None, kept, (problem,))
            continue
        yield Row(line, respondent, kept, answers)


def _plain(value: object) -> object:
    """A DataFrame's value as JSON would give it; ``None`` for a missing one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    tolist = getattr(value, "tolist", None)  # a NumPy scalar or array
    if tolist is not None:
        value = tolist()
        if isinstance(value, float) and math.isnan(value):
            return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if type(value).__name__ in {"NAType", "NaTType"}:  # pandas' missing markers
        return None
    return value


def _read_mappings(columns: _Columns, rows: Iterable[object], name: str) -> Iterator[Row | BadRow]:
    for position, data in enumerate(rows, start=1):
        yield columns.from_mapping(position, data, name)
