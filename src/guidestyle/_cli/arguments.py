"""The arguments several commands share, for their parsers; this imports nothing heavy."""

from __future__ import annotations

import argparse
import os

# guidestyle._render.ReportFormat, without importing the report code (a test keeps them equal)
REPORT_FORMATS = ("text", "markdown", "html", "json")
# what -o FILE's extension says the report should be, when --format does not say
FORMAT_OF_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


class UsageError(Exception):
    """Arguments that do not go together: the command's usage and this message, exit 2."""


def add_questionnaire_argument(
    parser: argparse.ArgumentParser, *, optional: bool = False, default_help: str = ""
) -> None:
    parser.add_argument(
        "questionnaire",
        metavar="QUESTIONNAIRE",
        nargs="?" if optional else None,
        help="a built-in id (see 'guidestyle list') or the path of a questionnaire YAML file"
        + (f" (default: {default_help})" if default_help else ""),
    )


def add_rows_arguments(parser: argparse.ArgumentParser, *, id_help: str, keep_help: str) -> None:
    """How the rows of a cohort (a CSV or JSONL INPUT) are read: ``batch`` and ``analyze``."""
    parser.add_argument(
        "--input-format",
        choices=("jsonl", "csv"),
        help="input format (default: from INPUT's extension; needed for stdin)",
    )
    parser.add_argument("--id", metavar="COLUMN", help=id_help)
    parser.add_argument(
        "--keep", metavar="COLUMN", nargs="+", action="extend", default=[], help=keep_help
    )


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        help="report format (default: from the extension of -o FILE: .txt, .md, .html, .json; "
        "else text)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--details",
        action="store_true",
        help="the whole text report: the reasons, what each style looks like in practice, "
        "each distinction and the notes (by default a summary that fits one screen)",
    )
    parser.add_argument(
        "--template",
        metavar="DIR",
        help="render with your own report.txt, report.md or report.html from DIR (sandboxed)",
    )
    parser.add_argument(
        "--language", help="language of the report (default: the questionnaire's first)"
    )


def report_format(arguments: argparse.Namespace) -> str:
    """The format of the report: ``--format`` if given, else what ``-o FILE``'s extension
    says, else text. A ``--format`` that an extension of HTML, Markdown or JSON contradicts
    is a usage error (``.txt`` takes any)."""
    output = arguments.output
    extension = os.path.splitext(output)[1].lower() if output not in (None, "-") else ""
    inferred = FORMAT_OF_EXTENSION.get(extension)
    chosen: str | None = arguments.format
    if chosen is None:
        return inferred or "text"
    if inferred not in (None, "text") and inferred != chosen:  # any format is text of a kind
        raise UsageError(
            f"--format {chosen} contradicts -o {output}, whose extension means {inferred}; "
            "drop one of them, or make them agree"
        )
    return chosen
