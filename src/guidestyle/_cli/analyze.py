"""``guidestyle analyze QUESTIONNAIRE INPUT``: what a cohort's answers say, and how reliably
the questionnaire measures each style."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse
import sys

from .arguments import add_questionnaire_argument, add_rows_arguments

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (see guidestyle._cli)
if TYPE_CHECKING:
    from .._analysis_report import AnalysisFormat

ANALYSIS_FORMATS = ("text", "html", "json")  # guidestyle._analysis_report.AnalysisFormat


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "analyze",
        help="analyse a cohort's answers: recommendations, scores, reliability",
        description=(
            "Read every row of INPUT (JSONL or CSV, as for 'guidestyle batch'; - for standard "
            "input) and report how the recommendations and scores spread, how respondents "
            "leaned on each distinction, and each style's Cronbach's alpha with its 95% "
            "interval and item figures. Rows that cannot be scored are left out, counted and "
            "quoted; the exit code is then 1. See docs/analysts.md."
        ),
    )
    add_questionnaire_argument(parser)
    parser.add_argument("input", metavar="INPUT", help="JSONL or CSV file, or - for stdin")
    parser.add_argument(
        "--format",
        choices=ANALYSIS_FORMATS,
        help="report format (default: from the extension of -o FILE: .txt, .html, .json; "
        "else text)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    add_rows_arguments(
        parser,
        id_help="the respondent id column (not analysed)",
        keep_help="other columns that are not questions (not analysed)",
    )
    parser.add_argument(
        "--missing",
        choices=("pairwise", "listwise"),
        default="pairwise",
        help="missing answers in the reliability figures: each covariance from whoever "
        "answered both items (pairwise, the default) or only respondents who answered "
        "every item of a scale (listwise)",
    )
    parser.add_argument(
        "--language", help="language of the report (default: the questionnaire's first)"
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._analysis import CohortTally
    from .._analysis_report import render_analysis
    from .._batch import score_rows
    from .arguments import UsageError, report_format
    from .common import questionnaire_from, write_output

    chosen = report_format(arguments)
    if chosen not in ANALYSIS_FORMATS:
        raise UsageError(f"an analysis is written as {', '.join(ANALYSIS_FORMATS)}, not {chosen}")
    questionnaire = questionnaire_from(arguments)
    rows = score_rows(
        questionnaire,
        arguments.input,
        format=arguments.input_format,
        id_column=arguments.id,
        keep=arguments.keep,
    )
    tally = CohortTally(questionnaire).add(rows)
    analysis = tally.analysis(missing=arguments.missing)
    from typing import cast

    report = render_analysis(
        analysis, questionnaire, cast("AnalysisFormat", chosen), language=arguments.language
    )
    write_output(report, arguments.output)
    if analysis.rejected:
        print(
            f"{analysis.rejected:,} of {analysis.rejected + analysis.respondents:,} rows could "
            "not be scored and are left out of the analysis; 'guidestyle batch' writes "
            "each with its problems",
            file=sys.stderr,
        )
        return 1
    return 0
