"""The arguments several commands share, for their parsers; this imports nothing heavy."""

from __future__ import annotations

import argparse

# guidestyle._render.ReportFormat, without importing the report code (a test keeps them equal)
REPORT_FORMATS = ("text", "markdown", "html", "json")


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


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=REPORT_FORMATS, default="text", help="report format (default: text)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--template",
        metavar="DIR",
        help="render with your own report.txt, report.md or report.html from DIR (sandboxed)",
    )
    parser.add_argument(
        "--language", help="language of the report (default: the questionnaire's first)"
    )
