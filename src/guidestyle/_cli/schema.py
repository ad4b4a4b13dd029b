"""``guidestyle schema``: print the JSON Schema of the questionnaire format."""

from __future__ import annotations

import argparse
import json

from .._schema import questionnaire_schema


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of the questionnaire format",
        description=(
            "Print the JSON Schema (draft 2020-12) of the questionnaire format, for YAML "
            "language servers, editors and front ends."
        ),
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    print(json.dumps(questionnaire_schema(), indent=2, ensure_ascii=False))
    return 0
