"""``guidestyle score QUESTIONNAIRE ANSWERS``: score a set of answers."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse

from .arguments import add_questionnaire_argument, add_report_arguments


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "score",
        help="score a set of answers and recommend a style",
        description=(
            "Score ANSWERS against QUESTIONNAIRE and print the report. ANSWERS is a YAML or "
            "JSON file mapping question ids to answers (a scale point, an option id, a list "
            "of option ids, or text), or - for standard input. Invalid answers exit 1 with "
            "one line per problem."
        ),
    )
    add_questionnaire_argument(parser)
    parser.add_argument(
        "answers", metavar="ANSWERS", help="answers file (YAML or JSON), or - for stdin"
    )
    add_report_arguments(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._errors import AnswersError
    from .arguments import report_format
    from .common import locate, read_answers, scorer_from, write_report

    arguments.format = report_format(arguments)  # before any work: a usage error first
    scorer = scorer_from(arguments)
    document = read_answers(arguments.answers)
    try:
        result = scorer.score(document.data, source=document.source)  # type: ignore[arg-type]
    except AnswersError as error:
        from .._errors import GuidestyleError
        from .diagnose import wrong_file

        diagnosis = wrong_file(document.data, arguments.answers, scorer.questionnaire)
        if diagnosis is not None:
            raise GuidestyleError(diagnosis) from None
        raise locate(error, document) from None
    write_report(result, lambda: scorer.questionnaire, arguments)
    return 0
