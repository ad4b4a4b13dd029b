"""``guidestyle check PATH...``: load and lint questionnaires."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "check",
        help="validate and lint questionnaire files",
        description=(
            "Load each questionnaire file, report every problem as FILE:LINE:COL: key.path: "
            "message, then run the linter. Exits 0 when every file is valid (warnings are "
            "shown), 1 when any file has an error."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="questionnaire YAML files")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._errors import QuestionnaireError, printable
    from .._lint import lint
    from .._loader import load

    failed = False
    for path in arguments.paths:
        try:
            questionnaire = load(path)
        except QuestionnaireError as error:
            print(error)
            print(f"{printable(path)}: invalid")
            failed = True
            continue
        problems = lint(questionnaire)
        for problem in problems:
            print(problem)
        errors = sum(problem.severity == "error" for problem in problems)
        warnings = len(problems) - errors
        if errors or (arguments.strict and warnings):
            failed = True
        print(f"{printable(path)}: {_summary(errors, warnings)}")
    return 1 if failed else 0


def _summary(errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return "ok"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' * (errors != 1)}")
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return ", ".join(parts)
