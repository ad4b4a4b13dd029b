"""``guidestyle list``: the built-in questionnaires."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "list",
        help="list the built-in questionnaires",
        description="List the built-in questionnaires: id, version, number of questions, title.",
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._base import localize
    from .._builtins import builtin, builtin_ids
    from .._errors import printable

    rows = []
    for questionnaire_id in builtin_ids():
        q = builtin(questionnaire_id)
        title = localize(q.title, q.languages[0], q.languages[0])
        rows.append((q.id, q.version, f"{len(q.questions)} questions", title))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        print(printable(f"{line}  {row[3]}"))
    return 0
