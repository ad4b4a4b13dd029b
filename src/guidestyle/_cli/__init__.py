"""The ``guidestyle`` command: one small module per subcommand, each returning an exit code.

Exit codes: 0 ok, 1 invalid input (a message, never a traceback), 2 usage, 130 interrupted.

Start-up is kept short: importing this package loads nothing but the version, and the
parser is built from the command modules' ``add_parser`` alone; each command imports the
library (pydantic, PyYAML, Jinja2) inside its ``run``, for what it does. Every import is made
inside :func:`main`'s ``try``, so that Ctrl-C at any moment exits 130 without a traceback.
"""

# ruff: noqa: PLC0415 - imports are made when a command runs, not when the command starts

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers read True
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from types import ModuleType


def commands() -> tuple[ModuleType, ...]:
    """The command modules, in the order of the help; each has ``add_parser`` and ``run``."""
    from . import analyze, batch, check, listing, schema, score, show, take

    return (take, score, batch, analyze, listing, show, check, schema)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from .._version import __version__

    parser = argparse.ArgumentParser(
        prog="guidestyle",
        description="Questionnaires that recommend mentoring, coaching or direct leadership.",
    )
    parser.add_argument("--version", action="version", version=f"guidestyle {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in commands():
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        return _main(argv)
    except KeyboardInterrupt:  # anywhere: building the parser, importing, running
        print("interrupted", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    arguments = build_parser().parse_args(argv)  # --help and --version exit here
    from .._errors import GuidestyleError  # every command needs it anyway

    try:
        exit_code: int = arguments.run(arguments)
        sys.stdout.flush()
    except GuidestyleError as error:
        print(error, file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (e.g. '| head'): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return exit_code
