"""The ``guidestyle`` command: one small module per subcommand, each returning an exit code.

Exit codes: 0 ok, 1 invalid input (a message, never a traceback), 2 usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .._errors import GuidestyleError
from .._version import __version__
from . import check, listing, schema, score, show, take

COMMANDS = (take, score, listing, show, check, schema)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guidestyle",
        description="Questionnaires that recommend mentoring, coaching or direct leadership.",
    )
    parser.add_argument("--version", action="version", version=f"guidestyle {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        exit_code: int = arguments.run(arguments)
        sys.stdout.flush()
    except GuidestyleError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (e.g. '| head'): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return exit_code
