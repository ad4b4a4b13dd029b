"""Scoring answers in bulk: each row read by ``_rows``, scored by the questionnaire's scorer.

One row is held at a time; a row that cannot be read or scored comes out as a
:class:`BadRow` with every problem, in its place, and never stops the rest. The records
here (a flat row per respondent; a JSON line per result and per bad row) are what the
``batch`` command writes and what :func:`score_frame` returns.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ._engine import scorer_for
from ._errors import AnswersError, Problem, expect
from ._model import Questionnaire
from ._result import Result
from ._rows import BadRow, Format, Source, check_arguments, name_of, read_rows, row_repr


@dataclass(frozen=True, slots=True, repr=False)
class ScoredRow:
    """One respondent's result, with where their row was and its passthrough columns (its
    ``repr``, as a :class:`Row`'s, shows no answer and no kept value)."""

    line: Hashable
    """As :attr:`Row.line`: the file line, the DataFrame's index label, or the position."""
    respondent: object
    kept: Mapping[str, object]
    result: Result

    def __repr__(self) -> str:
        return row_repr(
            "ScoredRow", self.line, self.respondent, self.kept, f"result={self.result!r}"
        )


def score_rows(
    questionnaire: Questionnaire,
    source: Source,
    *,
    format: Format | None = None,
    id_column: str | None = None,
    keep: Sequence[str] = (),
    explain: bool = False,
) -> Iterator[ScoredRow | BadRow]:
    """Score every row of ``source`` against ``questionnaire``, one at a time, in order.

    ``source``, ``format``, ``id_column`` and ``keep`` are as for :func:`read_rows`. Each row
    comes out as a :class:`ScoredRow`, or a :class:`BadRow` listing every problem that
    reading or scoring found in it. ``explain=True`` gives each result its explanation
    (several times the work of the recommendation alone).
    """
    check_arguments("score_rows()", questionnaire, source, id_column, keep)
    return _score_rows(questionnaire, source, format, id_column, keep, explain=explain)


def _score_rows(
    questionnaire: Questionnaire,
    source: Source,
    format: Format | None,
    id_column: str | None,
    keep: Sequence[str],
    *,
    explain: bool,
) -> Iterator[ScoredRow | BadRow]:
    score = scorer_for(questionnaire).score
    name = name_of(source, format)
    for row in read_rows(questionnaire, source, format=format, id_column=id_column, keep=keep):
        if isinstance(row, BadRow):
            yield row
            continue
        try:
            result = score(row.answers, explain=explain)
        except AnswersError as error:
            line = row.line if isinstance(row.line, int) else None
            problems = tuple(replace(p, source=name, line=line) for p in error.problems)
            yield BadRow(row.line, row.respondent, row.kept, problems)
            continue
        yield ScoredRow(row.line, row.respondent, row.kept, result)


class Layout:
    """The columns of the flat records and JSON lines written for scored and bad rows.

    A record: ``line``, the id column, the kept columns, then ``style``, ``strength``,
    ``runner_up``, ``margin``, ``score_STYLE`` per style, ``answered`` and ``shown``.
    """

    def __init__(
        self, questionnaire: Questionnaire, id_column: str | None, keep: Sequence[str]
    ) -> None:
        self.id_column = id_column
        self.keep = tuple(keep)
        self.styles = tuple(questionnaire.styles)
        self.passthrough = (*([id_column] if id_column is not None else []), *self.keep)
        self.results = (
            "style",
            "strength",
            "runner_up",
            "margin",
            *(f"score_{style}" for style in self.styles),
            "answered",
            "shown",
        )
        self.columns = ("line", *self.passthrough, *self.results)
        self._encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
        self._keys = [self._encode(name) for name in self.passthrough]
        taken = {"line", "result", "problems", *self.results}
        clashes = [name for name in self.passthrough if name in taken]
        if clashes:
            names = ", ".join(f"'{name}'" for name in clashes)
            message = f"the output has its own column {names}; rename it in the input"
            raise AnswersError([Problem(message)])

    def _passthrough(self, row: ScoredRow | BadRow) -> list[object]:
        values = [] if self.id_column is None else [row.respondent]
        return values + [row.kept.get(name) for name in self.keep]

    def record(self, row: ScoredRow) -> list[Any]:
        """The row's values, in :attr:`columns` order (scores and margin as floats)."""
        result = row.result
        recommendation, coverage = result.recommendation, result.coverage
        scores = result.scores
        return [
            row.line,
            *self._passthrough(row),
            recommendation.style,
            recommendation.strength,
            recommendation.runner_up,
            float(result.margin),
            *(float(scores[style]) for style in self.styles),
            coverage.answered,
            coverage.shown,
        ]

    def _head(self, row: ScoredRow | BadRow) -> str:
        """The line's opening: ``{"line": 2, "id": ..., "kept": ...`` without its close."""
        encode = self._encode
        head = '{"line": ' + encode(row.line)
        for key, value in zip(self._keys, self._passthrough(row), strict=True):
            head += f", {key}: {encode(value)}"
        return head

    def json_line(self, row: ScoredRow) -> str:
        """The row as one JSON line: ``line``, the id and kept columns, and ``result``."""
        return f'{self._head(row)}, "result": {row.result.to_json()}}}\n'

    def problems_line(self, row: BadRow) -> str:
        """A bad row as one JSON line: ``line``, the id and kept columns, and ``problems``."""
        problems = [str(replace(p, source=None, line=None, column=None)) for p in row.problems]
        return f'{self._head(row)}, "problems": {json.dumps(problems, ensure_ascii=False)}}}\n'


def score_frame(
    frame: Any,
    questionnaire: Questionnaire,
    *,
    id_column: str | None = None,
    keep: Sequence[str] = (),
) -> Any:
    """Score a pandas DataFrame of answers: a DataFrame of results, row for row.

    The columns are ``batch``'s CSV output (``line``: the input's index label) and
    ``problems``: for a row that could not be scored, its problems one per line (the result
    columns then empty), else empty. A row is never dropped, so the result has the input's
    length and order. The frame comes first, as ``DataFrame.pipe`` and Dask's
    ``map_partitions`` pass it: ``frame.map_partitions(score_frame, questionnaire)``.
    """
    import pandas  # noqa: PLC0415 - an extra, imported only here

    expect(frame, pandas.DataFrame, "a pandas DataFrame", "score_frame(): frame")
    check_arguments("score_frame()", questionnaire, frame, id_column, keep)
    layout = Layout(questionnaire, id_column, keep)
    records: list[list[Any]] = []
    problems: list[str | None] = []
    blank = [None] * len(layout.results)
    for row in score_rows(questionnaire, frame, id_column=id_column, keep=keep):
        if isinstance(row, ScoredRow):
            records.append(layout.record(row))
            problems.append(None)
        else:
            records.append([row.line, *layout._passthrough(row), *blank])
            problems.append("\n".join(str(replace(p, source=None)) for p in row.problems))
    columns = list(zip(*records, strict=True)) if records else [()] * len(layout.columns)
    index = frame.index
    integers = pandas.api.types.is_integer_dtype(index)
    numbers = {"margin", *(f"score_{style}" for style in layout.styles)}
    data: dict[str, Any] = {}
    for name, values in zip(layout.columns, columns, strict=True):
        dtype: str | type
        if name in numbers:
            dtype = "Float64"
        elif name in {"answered", "shown"} or (name == "line" and integers):
            dtype = "Int64"
        else:
            dtype = object  # as given (ids, kept values), None where missing
        data[name] = pandas.Series(values, dtype=dtype, index=index)
    data["problems"] = pandas.Series(problems, dtype=object, index=index)
    return pandas.DataFrame(data, index=index)
