"""``guidestyle schema``: print the JSON Schema of the questionnaire format."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse

SCHEMAS = ("questionnaire", "answers", "session", "result", "comparison")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "schema",
        help="print a JSON Schema: questionnaire format, answers, session state, result",
        description=(
            "Print a JSON Schema (draft 2020-12): of the questionnaire format (the default; "
            "for YAML language servers and editors), of the answers to one questionnaire, of "
            "a saved session, of a result, or of a comparison of two results."
        ),
    )
    parser.add_argument(
        "kind",
        nargs="?",
        choices=SCHEMAS,
        default="questionnaire",
        help="which schema (default: questionnaire)",
    )
    parser.add_argument(
        "questionnaire",
        nargs="?",
        metavar="QUESTIONNAIRE",
        help="for 'answers': a built-in id or a path",
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    import json

    from .._builtins import resolve
    from .._comparison import comparison_schema
    from .._errors import printable
    from .._result import result_schema
    from .._schema import answers_schema, questionnaire_schema, session_schema
    from .arguments import UsageError

    if arguments.kind == "answers":
        if arguments.questionnaire is None:
            raise UsageError("'schema answers' needs a QUESTIONNAIRE (a built-in id or a path)")
        schema = answers_schema(resolve(arguments.questionnaire))
    else:
        schema = {
            "questionnaire": questionnaire_schema,
            "session": session_schema,
            "result": result_schema,
            "comparison": comparison_schema,
        }[arguments.kind]()
    print(printable(json.dumps(schema, indent=2, ensure_ascii=False), lines=True))
    return 0
