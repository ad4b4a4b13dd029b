"""The ``guidestyle`` command: one small module per subcommand, each returning an exit code.

Exit codes: 0 ok, 1 invalid input (a message, never a traceback), 2 usage, 130 interrupted.

Start-up is kept short: importing this package loads nothing but the version, and the
parser is built from the command modules' ``add_parser`` alone; each command imports the
library (pydantic, PyYAML, Jinja2) inside its ``run``, for what it does. Every import is made
inside :func:`main`'s ``try``, so that Ctrl-C at any moment exits 130 without a traceback.
"""

# ruff: noqa: PLC0415 - imports are made when a command runs, not when the command starts

from __future__ import annotations

import contextlib
import io
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers read True
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from types import ModuleType


def commands() -> tuple[ModuleType, ...]:
    """The command modules, in the order of the help; each has ``add_parser`` and ``run``."""
    from . import analyze, batch, check, listing, schema, score, show, simulate, take

    return (take, score, batch, analyze, simulate, listing, show, check, schema)


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
    if isinstance(sys.stderr, io.TextIOWrapper):  # a message is shown in any encoding
        sys.stderr.reconfigure(errors="backslashreplace")
    parser = build_parser()
    arguments = _parse(parser, argv)
    if isinstance(arguments, int):
        return arguments
    from .._errors import GuidestyleError, printable  # every command needs them anyway
    from .arguments import UsageError

    try:
        exit_code: int = arguments.run(arguments)
        sys.stdout.flush()
    except UsageError as error:  # as argparse says it: the command's usage, then why; exit 2
        _command_parser(parser, arguments.command).error(printable(str(error)))
    except GuidestyleError as error:
        print(error, file=sys.stderr)  # its text is safe to print (printable)
        return 1
    except BrokenPipeError:  # the reader went away (e.g. '| head'): not an error of ours
        _drop_output()
        return 0
    except OSError as error:  # '> /dev/full'; a file error of its own names its file
        reason = error.strerror or type(error).__name__
        if error.filename is None:
            print(f"cannot write the output: {reason}", file=sys.stderr)
        else:
            print(f"{printable(str(error.filename))}: {reason}", file=sys.stderr)
        _drop_output()
        return 1
    except UnicodeEncodeError as error:  # PYTHONIOENCODING=ascii, say, and a text it lacks
        from .common import encoding_problem

        print(encoding_problem(error, sys.stdout), file=sys.stderr)
        _drop_output()
        return 1
    except UnicodeDecodeError:  # answers typed or piped in another encoding than stdin's
        print(
            f"cannot read the input: it is not in its encoding ({sys.stdin.encoding}); "
            "set PYTHONIOENCODING=utf-8",
            file=sys.stderr,
        )
        return 1
    return exit_code


def _command_parser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace | int:
    """The arguments, or the exit code once their help or the version is written. argparse
    drops an error writing them, so they are written here: ``> /dev/full`` exits 1 with the
    message every command gives, and a closed pipe 0."""
    shown = io.StringIO()
    try:
        with contextlib.redirect_stdout(shown):
            return parser.parse_args(argv)  # --help and --version exit here
    except SystemExit:
        try:
            sys.stdout.write(shown.getvalue())
            sys.stdout.flush()
        except BrokenPipeError:
            _drop_output()
            return 0
        except OSError as error:
            _drop_output()
            print(
                f"cannot write the output: {error.strerror or type(error).__name__}",
                file=sys.stderr,
            )
            return 1
        raise


def _drop_output() -> None:
    """Point standard output at the null device, so that what it still holds cannot fail
    again (with a traceback) when Python flushes it on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file behind it (a test's capture): nothing to drop
        pass
