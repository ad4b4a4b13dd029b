"""``guidestyle take``: answer a questionnaire in the terminal, then read the report.

Questions and prompts go to standard error and the report to standard output, so that
``guidestyle take > report.txt`` keeps only the report. Answers come from standard input,
typed or piped, one per line.
"""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse

from .arguments import add_questionnaire_argument, add_report_arguments


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "take",
        help="answer a questionnaire in the terminal and get a report",
        description=(
            "Ask the questions one by one, then print the report. Answer by number; 'b' goes "
            "back, 's' skips an optional question, '?' explains. Ctrl-C or the end of input "
            "saves progress to a file (see --save); --resume continues from it. Answers may "
            "also be piped on standard input, one per line."
        ),
    )
    add_questionnaire_argument(
        parser, optional=True, default_help="situation, or the one a --resume file was saved for"
    )
    parser.add_argument("--resume", metavar="FILE", help="continue from progress saved earlier")
    parser.add_argument(
        "--save",
        metavar="FILE",
        help="where to save progress when interrupted "
        "(default: the --resume file, else guidestyle-ID-progress.json)",
    )
    add_report_arguments(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .interview import run

    return run(arguments)
