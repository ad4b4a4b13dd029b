"""``guidestyle show QUESTIONNAIRE``: the questions, for a person or as JSON for programs."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse

from .arguments import add_questionnaire_argument

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers read True
if TYPE_CHECKING:
    from collections.abc import Callable
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


# What a person reads, each translated whole (guidestyle._i18n); "N_" marks them for extraction.
def N_(message: str) -> str:
    return message


HEADER = N_("{title}  ({id} {version})")
FOR = N_("For: {audience}")
ASKED_ONLY_WHEN = N_("asked only when {condition}")
OPTIONAL = N_("optional")
CHOOSE_UP_TO = N_("choose up to {most}")
PICK_ONE = N_("pick the one most like you")
FREE_TEXT = N_("free text")
NOTES = N_("({notes})")
NOTES_SEPARATOR = N_("; ")


def run(arguments: argparse.Namespace) -> int:
    import json

    from .._errors import printable
    from .._i18n import words
    from .._outline import outline
    from .common import questionnaire_from

    questionnaire = questionnaire_from(arguments)
    data = outline(questionnaire, arguments.language)
    if arguments.format == "json":
        print(printable(json.dumps(data, indent=2, ensure_ascii=False), lines=True))
        return 0
    language = arguments.language or questionnaire.languages[0]
    print(printable(_as_text(data, questionnaire, words(language).gettext), lines=True))
    return 0


def _as_text(data: dict[str, Any], questionnaire: Any, t: Callable[[str], str]) -> str:
    import textwrap

    from .._outline import describe_condition

    wrap = textwrap.TextWrapper(width=88)
    lines = [t(HEADER).format(title=data["title"], id=data["id"], version=data["version"])]
    if data["notice"]:
        lines += wrap.wrap(data["notice"])
    lines.append("")
    audience = t(FOR).format(audience=data["audience"])
    lines += [*wrap.wrap(data["description"]), "", *wrap.wrap(audience), ""]
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
            condition = describe_condition(questionnaire.question(question["id"]).show_if)
            notes.append(t(ASKED_ONLY_WHEN).format(condition=condition))
        if not question["required"]:
            notes.append(t(OPTIONAL))
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
            notes.append(t(CHOOSE_UP_TO).format(most=question["max_choices"]))
        if question["kind"] == "forced_choice":
            notes.append(t(PICK_ONE))
        if question["kind"] == "text":
            notes.append(t(FREE_TEXT))
        if notes:
            lines.append("   " + t(NOTES).format(notes=t(NOTES_SEPARATOR).join(notes)))
        lines.append("")
    return "\n".join(lines).rstrip()
