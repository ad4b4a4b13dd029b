"""What several commands share when they run: the questionnaire, the answers, the output.

Imported by a command's ``run``, not at start-up (the parsers' shared arguments are in
``arguments``); the report code and Jinja2 are imported only for a report that needs them.
"""

# ruff: noqa: PLC0415 - the report code is imported only for a report that needs it

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from .._answers import read_answers_document, read_bounded
from .._errors import AnswersError, GuidestyleError, printable
from .._files import kind_of
from .._result import Result
from .._yaml import Document

if TYPE_CHECKING:
    from .._engine import Scorer
    from .._model import Questionnaire


def questionnaire_from(arguments: argparse.Namespace) -> Questionnaire:
    from .._builtins import resolve

    return resolve(arguments.questionnaire)


def scorer_from(arguments: argparse.Namespace) -> Scorer:
    """The scorer of the questionnaire named: a built-in's on its shipped plan, so that a
    valid response is scored without reading the questionnaire's models."""
    from .._builtins import builtin_ids
    from .._engine import builtin_scorer, scorer_for

    if arguments.questionnaire in builtin_ids():
        return builtin_scorer(arguments.questionnaire)
    return scorer_for(questionnaire_from(arguments))


def read_answers(name: str) -> Document:
    """Read an answers file (YAML or JSON; ``-`` for standard input) safely, with marks."""
    if name == "-":
        return read_answers_document(read_bounded("-", sys.stdin.buffer), "<stdin>")
    return read_answers_document(read_bounded(name), name)


def locate(error: AnswersError, document: Document) -> AnswersError:
    """The same problems, each with the line and column of its answer in ``document``."""
    located = []
    for problem in error.problems:
        mark = document.value_marks.get(problem.path)  # a missing answer has no place
        located.append(
            problem if mark is None else replace(problem, line=mark.line, column=mark.column)
        )
    return AnswersError(located)


class OutputError(GuidestyleError):
    """A file could not be written."""


# the names of streams already open: written to as they are, never looked up as files
_STREAM = re.compile(r"/dev/(?:stdout|stderr|fd/[0-9]+)|/proc/self/fd/[0-9]+")


def write_output(text: str, output: str | None) -> None:
    """Print ``text`` (made safe to print), or write it to the file ``output`` as
    :func:`output_target` says."""
    text = printable(text, lines=True)
    if output is None:
        output = "-"
    try:
        how, where = output_target(output)
        if how == "stream":
            stream = sys.stderr if where == "stderr" else sys.stdout
            _write_stream(text if text.endswith("\n") else text + "\n", stream)
        elif how == "straight":
            with open_straight(where) as file:
                file.write(text)
        else:
            _replace(text, Path(where))
    except OSError as error:
        raise OutputError(f"cannot write {output}: {error.strerror or error}") from None


Target = tuple[Literal["stream", "straight", "replace"], str]


def output_target(output: str) -> Target:
    """How to write the output named ``output``, and where; ``OSError`` if it must not be.

    - ``("stream", "stdout" | "stderr")``: ``-``, ``/dev/stdout`` and ``/dev/stderr``.
    - ``("straight", path)``: a character device or a FIFO (``/dev/null``, a named pipe) and
      an open stream (``/dev/fd/3``), written to as they are, never replaced.
    - ``("replace", path)``: a regular file (or a new one), written under a temporary name
      and renamed into place, so a reader never sees half of it; through a symbolic link if
      one leads to it.

    Anything else, a symbolic link to anything but a regular file among them, is refused.
    """
    if output in {"-", "/dev/stdout"}:
        return "stream", "stdout"
    if output == "/dev/stderr":
        return "stream", "stderr"
    if "\0" in output:  # Python refuses a NUL in a path before asking the system
        raise OSError(errno.EINVAL, "the path holds a NUL character")
    if _STREAM.fullmatch(output):
        return "straight", output
    link = _lstat(output)
    if link is not None and stat.S_ISLNK(link.st_mode):
        target = _stat(output)  # None: a dangling link, whose target is made
        if target is not None and not stat.S_ISREG(target.st_mode):
            kind = kind_of(target.st_mode)
            raise OSError(errno.EINVAL, f"it is a symbolic link to {kind}, not to a regular file")
        return "replace", os.path.realpath(output)
    if link is None or stat.S_ISREG(link.st_mode):
        return "replace", os.path.abspath(output)
    if stat.S_ISCHR(link.st_mode) or stat.S_ISFIFO(link.st_mode):
        return "straight", output
    if stat.S_ISDIR(link.st_mode):
        raise OSError(errno.EISDIR, "it is a folder")
    raise OSError(errno.EINVAL, f"it is {kind_of(link.st_mode)}, not a regular file")


def open_straight(path: str) -> TextIO:
    """A device, a FIFO or an open stream, opened to write text as it is: no temporary
    file, no rename, and after what is there already (a stream is not truncated)."""
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0)
    return open(os.open(path, flags), "w", encoding="utf-8", newline="")


def _write_stream(text: str, stream: TextIO) -> None:
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise  # the reader went away: not an error (see guidestyle._cli.main)
    except OSError as error:  # '> /dev/full'
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None
    except UnicodeEncodeError as error:
        raise OutputError(encoding_problem(error, stream)) from None


def encoding_problem(error: UnicodeEncodeError, stream: TextIO) -> str:
    """Why ``error`` stopped writing to ``stream``, and what to do."""
    character = ord(error.object[error.start])
    return (
        f"cannot write the output: its encoding ({stream.encoding}) has no U+{character:04X}; "
        "set PYTHONIOENCODING=utf-8, or write to a file with -o"
    )


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _replace(text: str, target: Path) -> None:
    """Write ``target`` under a temporary name beside it, then rename it into place."""
    temporary: str | None = None
    try:
        # an existing file keeps its permissions (a private report stays private)
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as file:
            temporary = file.name
            file.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_report(
    result: Result, questionnaire_of: Callable[[], Questionnaire], arguments: argparse.Namespace
) -> None:
    """Write the report on ``result``; ``questionnaire_of`` is called only for a report that
    needs more than the result (so a JSON result of a built-in reads no models)."""
    if arguments.format == "json":
        # what render() gives for json, for a result just scored against this questionnaire:
        # no template and no language, so no report code and no Jinja2 to import
        report = result.to_json(indent=2)
    else:
        from .._render import render

        report = render(
            result,
            questionnaire_of(),
            arguments.format,
            language=arguments.language,
            template_dir=arguments.template,
            details=arguments.details,
        )
    write_output(report, arguments.output)
