"""What several commands share when they run: the questionnaire, the answers, the output.

Imported by a command's ``run``, not at start-up (the parsers' shared arguments are in
``arguments``); the report code and Jinja2 are imported only for a report that needs them.
"""

# ruff: noqa: PLC0415 - the report code is imported only for a report that needs it

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from .._answers import read_answers_document, read_bounded
from .._builtins import resolve
from .._errors import AnswersError, GuidestyleError
from .._model import Questionnaire
from .._result import Result
from .._yaml import Document


def questionnaire_from(arguments: argparse.Namespace) -> Questionnaire:
    return resolve(arguments.questionnaire)


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


def write_output(text: str, output: str | None) -> None:
    """Print ``text``, or write it to ``output`` atomically (a reader never sees half a file).

    The file gets the permissions a newly created file would (the umask applies).
    """
    if output is None or output == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    target = Path(os.path.realpath(output))  # through a symlink, not over it
    temporary: str | None = None
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        # an existing file keeps its permissions (a private report stays private)
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as file:
            temporary = file.name
            file.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise OutputError(f"cannot write {output}: {error.strerror or error}") from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_report(
    result: Result, questionnaire: Questionnaire, arguments: argparse.Namespace
) -> None:
    if arguments.format == "json":
        # what render() gives for json, for a result just scored against this questionnaire:
        # no template and no language, so no report code and no Jinja2 to import
        report = result.to_json(indent=2)
    else:
        from .._render import render

        report = render(
            result,
            questionnaire,
            arguments.format,
            language=arguments.language,
            template_dir=arguments.template,
        )
    write_output(report, arguments.output)
