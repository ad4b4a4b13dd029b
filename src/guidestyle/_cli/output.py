"""Files written row by row, and only ever seen whole: the batch command's outputs.

Where an output goes follows the rules of every ``-o`` (:func:`.common.output_target`): a
regular file is written under a temporary name beside it and renamed over it at the end, so
a reader (or an interrupted run) never sees half of it; a device, a FIFO or an open stream
(``/dev/null``, a named pipe, ``/dev/fd/3``) is written as it goes, never replaced; ``-`` and
``/dev/stdout`` are standard output.
"""

from __future__ import annotations

import contextlib
import csv
import os
import sys
import tempfile
from typing import IO, Any, Protocol

from .._batch import Layout, ScoredRow
from .common import OutputError, open_straight, output_target


class Writable(Protocol):
    def write(self, text: str, /) -> int: ...


class StagedFile:
    """An output file, put in place by :meth:`commit` when it is written under a temporary
    name; ``path`` is what to write to (``None``: the stream ``stream``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.path: str | None = None
        self.stream: IO[str] | None = None
        self.straight = False
        self._temporary: str | None = None
        self._target: str | None = None
        try:
            how, where = output_target(name)
            if how == "stream":
                self.stream = sys.stderr if where == "stderr" else sys.stdout
                return
            if how == "straight":
                self.path, self.straight = where, True
                return
            descriptor, temporary = tempfile.mkstemp(
                dir=os.path.dirname(where), prefix=f".{os.path.basename(where)}."
            )
            os.close(descriptor)
        except OSError as error:
            raise OutputError(f"cannot write {name}: {error.strerror or error}") from None
        self.path, self._temporary, self._target = temporary, temporary, where

    def commit(self) -> None:
        if self._temporary is None or self._target is None:
            return
        target = self._target
        try:
            # an existing file keeps its permissions; a new one gets what the umask allows
            exists = os.path.exists(target)
            mode = os.stat(target).st_mode & 0o7777 if exists else 0o666 & ~_umask()
            os.chmod(self._temporary, mode)
            os.replace(self._temporary, target)
        except OSError as error:
            self.abort()
            raise OutputError(f"cannot write {self.name}: {error.strerror or error}") from None
        self._temporary = None

    def abort(self) -> None:
        if self._temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temporary)
            self._temporary = None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def open_text(staged: StagedFile, stack: contextlib.ExitStack) -> IO[str]:
    """The staged file opened for writing text (closed with ``stack``), or its stream."""
    if staged.stream is not None:
        return staged.stream
    assert staged.path is not None
    try:
        if staged.straight:
            return stack.enter_context(open_straight(staged.path))
        return stack.enter_context(
            open(staged.path, "w", encoding="utf-8", newline="", buffering=1 << 20)
        )
    except OSError as error:
        raise OutputError(f"cannot write {staged.name}: {error.strerror or error}") from None


class JsonlWriter:
    def __init__(self, file: Writable, layout: Layout) -> None:
        self._write, self._line = file.write, layout.json_line

    def write(self, row: ScoredRow) -> None:
        self._write(self._line(row))

    def close(self) -> None:
        pass


class CsvWriter:
    def __init__(self, file: Writable, layout: Layout) -> None:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(layout.columns)
        self._write, self._record = writer.writerow, layout.record

    def write(self, row: ScoredRow) -> None:
        self._write(self._record(row))

    def close(self) -> None:
        pass


class ParquetWriter:
    """Records gathered into batches of :data:`BATCH` rows, each written as it fills."""

    BATCH = 10_000

    def __init__(self, path: str, layout: Layout) -> None:
        import pyarrow as pa  # noqa: PLC0415 - an extra, imported only for Parquet output
        import pyarrow.parquet  # noqa: PLC0415

        text, number, count = pa.string(), pa.float64(), pa.int64()
        types = {"line": count, "answered": count, "shown": count, "margin": number}
        types.update({f"score_{style}": number for style in layout.styles})
        self._schema = pa.schema([(name, types.get(name, text)) for name in layout.columns])
        self._text = range(1, 1 + len(layout.passthrough))  # after "line"
        self._pa = pa
        self._layout = layout
        self._rows: list[list[Any]] = []
        self._writer = pyarrow.parquet.ParquetWriter(path, self._schema)

    def write(self, row: ScoredRow) -> None:
        self._rows.append(self._layout.record(row))
        if len(self._rows) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        columns = [list(values) for values in zip(*self._rows, strict=True)]
        for index in self._text:  # ids and kept values as text, whatever JSON made them
            columns[index] = [None if v is None else str(v) for v in columns[index]]
        self._writer.write_batch(self._pa.record_batch(columns, schema=self._schema))
        self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
