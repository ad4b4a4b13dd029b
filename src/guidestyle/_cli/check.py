"""``guidestyle check PATH...``: load and lint questionnaires."""

# ruff: noqa: PLC0415 - the library is imported when the command runs (see guidestyle._cli)

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers read True
if TYPE_CHECKING:
    from collections.abc import Iterator

    from .._model import Questionnaire

MAX_FILES = 10_000
"""Most YAML files one folder given to ``check`` may hold."""
# folders a walk never enters: tools' caches, environments, dependencies
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})

# what ``check`` says, a line each
OK = "{path}: ok"
OK_CATALOGUE = "{path}: ok (a catalogue of distinctions)"
INVALID = "{path}: invalid"
FINDINGS = "{path}: {findings}"
STRICT = "{path}: {findings}, failing under --strict"
NOT_A_QUESTIONNAIRE = "{path}: not a questionnaire: it is {what}"
SKIPPED = "{path}: skipped, not a questionnaire: it is {what}"
TOO_MANY_FILES = "{path}: more than {most:,} YAML files in the folder; name fewer"
NO_FILES = "{path}: no YAML files (*.yaml, *.yml) in the folder"
ONE_ERROR = "1 error"
ERRORS = "{count:,} errors"
ONE_WARNING = "1 warning"
WARNINGS = "{count:,} warnings"
ERRORS_AND_WARNINGS = "{errors}, {warnings}"
TOTAL = "{files:,} files: {passed:,} passed, {failed:,} failed"
TOTAL_SKIPPED = "{files:,} files: {passed:,} passed, {failed:,} failed, {skipped:,} skipped"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "check",
        help="validate and lint questionnaire files",
        description=(
            "Load each questionnaire, report every problem as FILE:LINE:COL: key.path: "
            "message, then run the linter. PATH is a file, a folder (its *.yaml and *.yml "
            "files, walked; files that are not questionnaires are skipped) or a built-in id. "
            "A catalogue of distinctions is checked as one. Exits 0 when every file is valid "
            "(warnings are shown), 1 when any has an error (or, with --strict, a warning)."
        ),
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="questionnaire files, folders or built-in ids"
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._errors import printable

    outcomes: list[str] = []  # "passed", "failed" or "skipped", one per file
    for given in arguments.paths:
        for path, walked in _targets(given, outcomes):
            outcome, lines = _check(path, walked=walked, strict=arguments.strict)
            outcomes.append(outcome)
            print(printable("\n".join(lines), lines=True))
    if len(outcomes) > 1:
        counts = {outcome: outcomes.count(outcome) for outcome in ("passed", "failed", "skipped")}
        total = TOTAL_SKIPPED if counts["skipped"] else TOTAL
        print(total.format(files=len(outcomes), **counts))
    return 1 if "failed" in outcomes else 0


def _targets(given: str, outcomes: list[str]) -> Iterator[tuple[str, bool]]:
    """The files to check for one PATH, each with whether it was found by walking a folder
    (a file walked to that is no questionnaire is skipped, one named is a mistake)."""
    import os

    from .._errors import printable

    if not os.path.isdir(given):
        yield given, False
        return
    found: list[str] = []
    for folder, folders, files in os.walk(given):
        folders[:] = sorted(name for name in folders if _walked_into(name))
        found += (
            os.path.normpath(os.path.join(folder, name))
            for name in sorted(files)
            if name.endswith((".yaml", ".yml"))
        )
        if len(found) > MAX_FILES:
            print(printable(TOO_MANY_FILES.format(path=given, most=MAX_FILES)))
            outcomes.append("failed")
            return
    if not found:
        print(printable(NO_FILES.format(path=given)))
        outcomes.append("failed")
    for path in found:
        yield path, True


def _walked_into(folder: str) -> bool:
    return not folder.startswith(".") and folder not in SKIPPED_FOLDERS


def _check(path: str, *, walked: bool, strict: bool) -> tuple[str, list[str]]:
    """Whether ``path`` passed, failed or was skipped, and the lines that say why."""
    import os

    from .._builtins import CATALOGUE, builtin, builtin_ids, catalogue
    from .._errors import QuestionnaireError
    from .._loader import load

    try:
        if not os.path.lexists(path) and path in builtin_ids():
            return _linted(builtin(path), path, strict)
        if not os.path.lexists(path) and path == CATALOGUE:
            catalogue()
            return "passed", [OK_CATALOGUE.format(path=path)]
        return _linted(load(path), path, strict)
    except QuestionnaireError as error:
        return _not_loaded(path, error, walked=walked)


def _linted(questionnaire: Questionnaire, path: str, strict: bool) -> tuple[str, list[str]]:
    from .._lint import lint

    problems = lint(questionnaire)
    lines = [str(problem) for problem in problems]
    errors = sum(problem.severity == "error" for problem in problems)
    warnings = len(problems) - errors
    if not problems:
        return "passed", [OK.format(path=path)]
    findings = _findings(errors, warnings)
    if errors:
        return "failed", [*lines, FINDINGS.format(path=path, findings=findings)]
    if strict:
        return "failed", [*lines, STRICT.format(path=path, findings=findings)]
    return "passed", [*lines, FINDINGS.format(path=path, findings=findings)]


def _not_loaded(path: str, error: Exception, *, walked: bool) -> tuple[str, list[str]]:
    """A file that did not load as a questionnaire: its problems, or, when it is something
    else (a catalogue, answers, a saved session), that instead."""
    from .._errors import QuestionnaireError
    from .._loader import read_document, validate
    from .._model import Catalogue
    from .diagnose import what_it_is

    kind = _kind_of_file(path)
    if kind == "catalogue":
        try:
            validate(Catalogue, read_document(_content(path), path), what="a catalogue")
        except QuestionnaireError as problems:
            return "failed", [str(problems), INVALID.format(path=path)]
        return "passed", [OK_CATALOGUE.format(path=path)]
    if kind not in ("questionnaire", None):
        template = SKIPPED if walked else NOT_A_QUESTIONNAIRE
        return "skipped" if walked else "failed", [
            template.format(path=path, what=what_it_is(kind))
        ]
    return "failed", [str(error), INVALID.format(path=path)]


def _kind_of_file(path: str) -> str | None:
    """What the file holds (see ``diagnose.kind_of_document``); ``None`` if it cannot be
    read as YAML at all (its own problems say why)."""
    from .._yaml import read
    from .diagnose import kind_of_document

    try:
        document = read(_content(path), path)
    except OSError:
        return None
    if document.data is None or document.problems:  # unsafe or broken YAML: say so
        return None
    return kind_of_document(document.data)


def _content(path: str) -> bytes:
    from .._files import open_regular
    from .._yaml import MAX_BYTES

    file, size = open_regular(path)
    with file:
        return file.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""


def _findings(errors: int, warnings: int) -> str:
    said_errors = ONE_ERROR if errors == 1 else ERRORS.format(count=errors)
    said_warnings = ONE_WARNING if warnings == 1 else WARNINGS.format(count=warnings)
    if errors and warnings:
        return ERRORS_AND_WARNINGS.format(errors=said_errors, warnings=said_warnings)
    return said_errors if errors else said_warnings
