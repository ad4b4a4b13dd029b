"""``guidestyle batch QUESTIONNAIRE INPUT -o OUTPUT``: score a whole cohort, one row at a time."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse
import os
import sys

from .arguments import add_questionnaire_argument, add_rows_arguments

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (see guidestyle._cli)
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from .._batch import Layout, ScoredRow
    from .._model import Questionnaire
    from .._rows import BadRow
    from .output import CsvWriter, JsonlWriter, ParquetWriter, StagedFile, Writable

OUTPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
PROGRESS_EVERY = 1_000  # rows between two updates of the progress bar


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "batch",
        help="score a file of many responses (JSONL or CSV)",
        description=(
            "Score every row of INPUT (JSONL: one answers object per line; CSV: a column per "
            "question id; - for standard input) and write one result per row to OUTPUT "
            "(JSONL, CSV or Parquet, from its extension or --format), all at once when the "
            "run ends. A row that cannot be scored goes to the errors file with its line, its "
            "id and every problem; the exit code is then 1. See docs/analysts.md."
        ),
    )
    add_questionnaire_argument(parser)
    parser.add_argument("input", metavar="INPUT", help="JSONL or CSV file, or - for stdin")
    parser.add_argument(
        "-o", "--output", metavar="OUTPUT", required=True, help="results file, or - for stdout"
    )
    parser.add_argument(
        "--format",
        choices=("jsonl", "csv", "parquet"),
        help="output format (default: from OUTPUT's extension; jsonl for stdout)",
    )
    add_rows_arguments(
        parser,
        id_help="the respondent id column, copied over",
        keep_help="columns copied over unchanged",
    )
    parser.add_argument(
        "--errors",
        metavar="FILE",
        help="where the rows that failed go, as JSONL (default: OUTPUT's name with "
        ".errors.jsonl; standard error when OUTPUT is -)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="write each result's explanation (JSONL only)"
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._batch import Layout
    from .common import questionnaire_from

    output_format = arguments.format or _format_of(arguments.output)
    if output_format is None:
        known = ", ".join(OUTPUT_FORMATS)
        return _usage(f"cannot tell the output format from '{arguments.output}' ({known})")
    if arguments.explain and output_format != "jsonl":
        return _usage("--explain is written only in JSONL output")
    if output_format == "parquet" and arguments.output in ("-", "/dev/stdout", "/dev/stderr"):
        return _usage("Parquet output goes to a file, not standard output")
    errors = arguments.errors or _errors_beside(arguments.output)
    if clash := _clash(arguments.input, arguments.output, errors):
        return _usage(clash)
    questionnaire = questionnaire_from(arguments)
    layout = Layout(questionnaire, arguments.id, arguments.keep)
    return _Batch(arguments, questionnaire, layout, output_format, errors).run()


def _usage(message: str) -> int:
    from .._errors import printable

    print(printable(f"guidestyle batch: error: {message}"), file=sys.stderr)
    return 2


def _format_of(output: str) -> str | None:
    if output == "-":
        return "jsonl"
    return OUTPUT_FORMATS.get(os.path.splitext(output)[1].lower())


def _errors_beside(output: str) -> str | None:
    """The errors file beside a regular output file; none (standard error) beside a stream,
    a device or a FIFO."""
    from .common import output_target

    try:
        if output_target(output)[0] != "replace":
            return None
    except OSError:  # an output that cannot be written: said when it is opened
        return None
    stem, extension = os.path.splitext(output)
    return f"{stem if extension else output}.errors.jsonl"


def _clash(source: str, output: str, errors: str | None) -> str | None:
    """Why the files named would overwrite each other, or ``None``."""
    named = [("the input", source), ("the output", output), ("the errors file", errors)]
    real = [(what, os.path.realpath(name)) for what, name in named if name not in (None, "-")]
    for index, (what, path) in enumerate(real):
        for other, other_path in real[index + 1 :]:
            if path == other_path:
                return f"{what} and {other} are the same file: {path}"
    return None


class _Batch:
    def __init__(
        self,
        arguments: argparse.Namespace,
        questionnaire: Questionnaire,
        layout: Layout,
        output_format: str,
        errors: str | None,
    ) -> None:
        self.arguments = arguments
        self.questionnaire = questionnaire
        self.layout = layout
        self.output_format = output_format
        self.errors = errors
        self.rows = self.failed = 0
        self.line: object = None

    def run(self) -> int:
        import contextlib

        from .._batch import ScoredRow, score_rows
        from .._errors import printable
        from .._rows import name_of
        from .output import CsvWriter, JsonlWriter, StagedFile, open_text

        arguments, layout = self.arguments, self.layout
        source = arguments.input
        staged = [StagedFile(arguments.output)]
        if self.errors is not None:
            staged.append(StagedFile(self.errors))
        try:
            with contextlib.ExitStack() as stack:
                writer: JsonlWriter | CsvWriter | ParquetWriter
                if self.output_format == "parquet":
                    writer = _parquet(staged[0], layout)
                else:
                    kind = JsonlWriter if self.output_format == "jsonl" else CsvWriter
                    stream: Writable = open_text(staged[0], stack)
                    if staged[0].stream is not None:  # a terminal, maybe: nothing may steer it
                        stream = _Printable(staged[0].stream)
                    writer = kind(stream, layout)
                report = open_text(staged[1], stack) if self.errors is not None else sys.stderr
                rows = score_rows(
                    self.questionnaire,
                    source,
                    format=arguments.input_format,
                    id_column=arguments.id,
                    keep=arguments.keep,
                    explain=arguments.explain,
                )
                write, problems_line = writer.write, layout.problems_line
                for row in self._counted(rows):
                    if isinstance(row, ScoredRow):
                        write(row)
                    else:
                        self.failed += 1
                        report.write(problems_line(row) if self.errors else f"{row}\n")
                writer.close()
            for file in staged:
                file.commit()
        except KeyboardInterrupt:
            for file in staged:
                file.abort()
            message = f"interrupted after {self.rows:,} rows"
            if isinstance(self.line, int):
                message += f" (up to line {self.line:,} of {name_of(source)})"
            if arguments.output != "-":
                message += f"; nothing was written to {arguments.output}"
            message += "; run again to score them all"
            print(printable(message), file=sys.stderr)
            return 130
        except BaseException:
            for file in staged:
                file.abort()
            raise
        self._summary()
        return 1 if self.failed else 0

    def _counted(self, rows: Iterator[ScoredRow | BadRow]) -> Iterator[ScoredRow | BadRow]:
        """The rows, counted (and shown on a progress bar when stderr is a terminal)."""
        bar = _progress_bar()
        count = 0
        try:
            for count, row in enumerate(rows, start=1):
                self.line = row.line
                if bar is not None and count % PROGRESS_EVERY == 0:
                    bar.update(PROGRESS_EVERY)
                    bar.set_postfix(failed=self.failed, refresh=False)
                yield row
                self.rows = count
        finally:
            self.rows = count
            if bar is not None:
                bar.update(count - bar.n)
                bar.set_postfix(failed=self.failed, refresh=False)
                bar.close()

    def _summary(self) -> None:
        from .._errors import printable

        scored = self.rows - self.failed
        output = self.arguments.output
        into = "standard output" if output in ("-", "/dev/stdout") else output
        message = f"{scored:,} of {self.rows:,} rows scored into {into}"
        if self.failed:
            where = self.errors or "standard error"
            message += f"; {self.failed:,} failed (see {where})"
        print(printable(message), file=sys.stderr)


class _Printable:
    """Standard output with every line made safe to print (see ``printable``)."""

    def __init__(self, stream: Writable) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from .._errors import printable

        return self._stream.write(printable(text, lines=True))


def _parquet(staged: StagedFile, layout: Layout) -> ParquetWriter:
    from .._errors import GuidestyleError
    from .output import ParquetWriter

    try:
        import pyarrow  # noqa: F401 - only to say what is missing
    except ImportError:
        message = "Parquet output needs pyarrow: pip install 'guidestyle[parquet]'"
        raise GuidestyleError(message) from None
    assert staged.path is not None, "Parquet output is never standard output"
    return ParquetWriter(staged.path, layout)


def _progress_bar() -> Any:
    if not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # the progress extra is not installed: no bar
        return None
    return tqdm(unit=" rows", file=sys.stderr, mininterval=0.5, dynamic_ncols=True)
