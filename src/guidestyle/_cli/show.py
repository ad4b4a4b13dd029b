"""``guidestyle show QUESTIONNAIRE``: the questions, for a person or as JSON for programs."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse

from .arguments import add_questionnaire_argument

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers read True
if TYPE_CHECKING:
    from typing import Any


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "show",
        help="show a questionnaire's questions",
        description=(
            "Print a questionnaire's questions for a person to read, or with --format json "
            "in the machine-readable outline documented in docs/api.md (guidestyle.outline): "
            "each question's id, kind, text, scale bounds or option ids, and show_if."
        ),
    )
    add_questionnaire_argument(parser)
    parser.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--language", help="language of the texts (default: the questionnaire's first)"
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    import json

    from .._errors import printable
    from .._outline import outline
    from .common import questionnaire_from

    questionnaire = questionnaire_from(arguments)
    data = outline(questionnaire, arguments.language)
    if arguments.format == "json":
        print(printable(json.dumps(data, indent=2, ensure_ascii=False), lines=True))
        return 0
    print(printable(_as_text(data, questionnaire), lines=True))
    return 0


def _as_text(data: dict[str, Any], questionnaire: Any) -> str:
    import textwrap

    from .._outline import describe_condition

    wrap = textwrap.TextWrapper(width=88)
    lines = [f"{data['title']}  ({data['id']} {data['version']})", ""]
    lines += [*wrap.wrap(data["description"]), "", *wrap.wrap(f"For: {data['audience']}"), ""]
    for number, question in enumerate(data["questions"], 1):
        lines += textwrap.wrap(
            f"{number}. [{question['id']}] {question['text']}", width=88, subsequent_indent="   "
        )
        if question["help"]:
            lines += textwrap.wrap(
                question["help"], width=88, initial_indent="   ", subsequent_indent="   "
            )
        notes = []
        if question["show_if"]:
            notes.append(
                "asked only when "
                + describe_condition(questionnaire.question(question["id"]).show_if)
            )
        if not question["required"]:
            notes.append("optional")
        if "scale" in question:
            scale = question["scale"]
            for point, label in zip(
                range(scale["min"], scale["max"] + 1), scale["labels"], strict=True
            ):
                lines.append(f"   {point}) {label}")
        for key in ("options", "statements"):
            for index, choice in enumerate(question.get(key, []), 1):
                lines += textwrap.wrap(
                    f"{index}) [{choice['id']}] {choice['text']}",
                    width=88,
                    initial_indent="   ",
                    subsequent_indent="      ",
                )
        if "max_choices" in question:
            notes.append(f"choose up to {question['max_choices']}")
        if question["kind"] == "forced_choice":
            notes.append("pick the one most like you")
        if question["kind"] == "text":
            notes.append("free text")
        if notes:
            lines.append(f"   ({'; '.join(notes)})")
        lines.append("")
    return "\n".join(lines).rstrip()
