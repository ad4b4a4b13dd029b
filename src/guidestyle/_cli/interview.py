"""The interview behind ``guidestyle take``: ask each question, save progress, report.

Imported when the command runs (see :mod:`guidestyle._cli.take` for its parser).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._builtins import builtin_ids, resolve
from .._errors import AnswersError, GuidestyleError, printable
from .._files import open_regular
from .._model import Questionnaire
from .._outline import outline
from .._session import Session, SessionError, Step
from .._yaml import MAX_BYTES
from .common import write_output, write_report

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,6}")  # ASCII digits only; int() takes more than this

HELP = (
    "Type the number of your answer and press Enter. For several answers, separate the "
    "numbers with commas; 'none' chooses none. 'b' goes back, 's' skips an optional "
    "question, Enter keeps the answer you gave before. Ctrl-C saves your progress."
)


@dataclass(frozen=True)
class _Command:
    name: str  # "back", "skip", "keep" or "help"


@dataclass(frozen=True)
class _Retry:
    reason: str


class _Interrupted(Exception):
    """Ctrl-C or the end of input, carrying every answer given up to then."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


def run(arguments: argparse.Namespace) -> int:
    saved = _read_progress(arguments.resume) if arguments.resume else None
    name = arguments.questionnaire or _builtin_saved_for(saved, arguments.resume) or "situation"
    questionnaire = resolve(name)
    if saved is not None:
        session = _restore(questionnaire, saved, arguments.resume)
    else:
        session = Session.start(questionnaire)
    save_to = arguments.save or arguments.resume or f"guidestyle-{questionnaire.id}-progress.json"
    try:
        session = _interview(session, outline(questionnaire, arguments.language))
    except _Interrupted as interrupted:
        _save(interrupted.session, save_to, name)
        return 130
    try:
        write_report(session.finish(), questionnaire, arguments)
    except GuidestyleError:
        _save(session, save_to, name)  # every answer is kept; only the report failed
        raise
    resumed = Path(arguments.resume) if arguments.resume else None
    written = Path(arguments.output).resolve() if arguments.output not in (None, "-") else None
    if resumed is not None and resumed.exists() and resumed.resolve() != written:
        resumed.unlink()  # finished: the progress is in the report now
    return 0


def _read_progress(path: str) -> str:
    try:
        file, size = open_regular(path)
        with file:
            if size > MAX_BYTES:
                raise SessionError(f"{path}: the file is too large to be saved progress")
            return file.read(MAX_BYTES + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not a text file"
        raise SessionError(f"{path}: cannot read the file: {reason}") from None


def _saved_for(saved: str | None) -> str | None:
    """The id of the questionnaire a progress file was saved for, if it says."""
    try:
        state = json.loads(saved) if saved else None
        saved_id = state["questionnaire"]["id"] if isinstance(state, dict) else None
    except (ValueError, KeyError, TypeError):
        return None
    return saved_id if isinstance(saved_id, str) else None


def _builtin_saved_for(saved: str | None, path: str) -> str | None:
    """The built-in a progress file was saved for; the id is never taken as a path."""
    saved_id = _saved_for(saved)
    if saved_id is None or saved_id in builtin_ids():
        return saved_id
    raise SessionError(_run_with(path, saved_id, "which is not built in"))


def _run_with(path: str, saved_id: str, reason: str) -> str:
    command = saved_id if saved_id in builtin_ids() else "PATH-OF-ITS-QUESTIONNAIRE"
    return (
        f"{path} was saved for questionnaire '{saved_id}', {reason}; "
        f"run: guidestyle take {command} --resume {path}"
    )


def _restore(questionnaire: Questionnaire, saved: str, path: str) -> Session:
    saved_for = _saved_for(saved)
    if saved_for is not None and saved_for != questionnaire.id:
        raise SessionError(_run_with(path, saved_for, f"not '{questionnaire.id}'"))
    try:
        return Session.from_json(questionnaire, saved)
    except SessionError as error:
        raise SessionError(f"{path}: {error}") from None


def _save(session: Session, path: str, name: str) -> None:
    try:
        write_output(session.to_json(), path)
    except GuidestyleError as error:
        _say(f"\n{error}. Your answers so far, to save by hand:\n{session.to_json()}")
        return
    _say(f"\nProgress saved to {path}. Continue with:")
    _say(f"  guidestyle take {name} --resume {path}")


def _say(text: str = "") -> None:
    sys.stderr.write(printable(text, lines=True) + "\n")  # questionnaire texts: safe to show
    sys.stderr.flush()


def _ask() -> str:
    sys.stderr.write("> ")
    sys.stderr.flush()
    try:
        line = sys.stdin.readline()
    except UnicodeDecodeError:  # the rest of the input cannot be trusted: stop, and save
        _say(
            f"\nthe input is not in its encoding ({sys.stdin.encoding}); set PYTHONIOENCODING=utf-8"
        )
        raise EOFError from None
    if not line:
        raise EOFError
    if not sys.stdin.isatty():  # piped: show what was answered, as a terminal would
        sys.stderr.write(printable(line if line.endswith("\n") else line + "\n", lines=True))
    return line.strip()


def _interview(session: Session, view: dict[str, Any]) -> Session:
    """Ask until every shown question is passed; raise :class:`_Interrupted` on Ctrl-C or EOF.

    ``view`` is the questionnaire's outline in the language to ask it in.
    """
    holder = [session]
    try:
        return _ask_all(holder, view)
    except (KeyboardInterrupt, EOFError):
        raise _Interrupted(holder[0]) from None


def _ask_all(holder: list[Session], view: dict[str, Any]) -> Session:
    questions = {question["id"]: question for question in view["questions"]}
    session = holder[0]
    q = session.questionnaire
    _say(f"{view['title']}  ({q.id} {q.version})")
    _say("Answer by number; '?' explains the keys.")
    while True:
        step = session.current
        if step is None:
            if not session.missing():
                return session
            session = holder[0] = session.at(session.missing()[0])
            continue
        _show(step, questions[step.question["id"]])
        while True:
            reply = _parse(_ask(), step)
            if isinstance(reply, _Retry):
                _say(f"  {reply.reason}")
                continue
            try:
                session = holder[0] = _apply(session, step, reply)
            except (AnswersError, SessionError) as error:
                _say(f"  {_reason(error)}")
                continue
            break


def _apply(session: Session, step: Step, reply: object) -> Session:
    if isinstance(reply, _Command):
        if reply.name == "back":
            return session.back()
        if reply.name == "skip":
            return session.skip()
        if reply.name == "keep":
            return session.answer(step.answer)
        _say(textwrap.fill(HELP, 88))
        return session
    return session.answer(reply)


def _reason(error: GuidestyleError) -> str:
    if isinstance(error, AnswersError):
        return "; ".join(problem.message for problem in error.problems)
    return str(error)


def _show(step: Step, question: dict[str, Any]) -> None:
    _say()
    _say(f"Question {step.number} of {step.total}")
    _say(textwrap.fill(question["text"], 88))
    if question["help"]:
        _say(textwrap.fill(question["help"], 88, initial_indent="  ", subsequent_indent="  "))
    for number, label in _choices(question):
        _say(
            textwrap.fill(f"{number}) {label}", 88, initial_indent="  ", subsequent_indent="     ")
        )
    keys = []
    if question["kind"] == "multiple_choice":
        keys.append(
            f"numbers separated by commas, up to {question['max_choices']}; 'none' for none"
        )
    if not question["required"]:
        keys.append("s = skip")
    if step.number > 1:
        keys.append("b = back")
    if step.answer is not None:
        keys.append(f"Enter keeps: {_shown_answer(step)}")
    if keys:
        _say(f"({'; '.join(keys)})")


def _choices(question: dict[str, Any]) -> list[tuple[int | str, str]]:
    if "scale" in question:
        scale = question["scale"]
        return list(zip(range(scale["min"], scale["max"] + 1), scale["labels"], strict=True))
    entries = question.get("options") or question.get("statements") or []
    return [(number, entry["text"]) for number, entry in enumerate(entries, 1)]


def _shown_answer(step: Step) -> str:
    question, answer = step.question, step.answer
    entries = question.get("options") or question.get("statements")
    if entries:
        ids = [entry["id"] for entry in entries]
        chosen = answer if isinstance(answer, tuple) else (answer,)
        return ", ".join(str(ids.index(choice) + 1) for choice in chosen) or "none"
    return str(answer)


def _parse(raw: str, step: Step) -> object:
    """The answer or command that ``raw`` stands for, or why it makes no sense."""
    question = step.question
    lowered = raw.lower()
    if lowered in ("b", "back"):
        return _Command("back")
    if lowered in ("?", "help"):
        return _Command("help")
    if lowered in ("s", "skip"):
        return _Command("skip")
    if raw == "":
        if step.answer is not None:
            return _Command("keep")
        return _Command("skip") if not question["required"] else _Retry("an answer is needed here")
    kind = question["kind"]
    if kind == "text":
        return raw
    if kind == "likert":
        scale = question["scale"]
        if _WHOLE_NUMBER.fullmatch(raw):
            return int(raw)
        return _Retry(f"type a number from {scale['min']} to {scale['max']}")
    entries = question.get("options") or question.get("statements") or []
    ids = [entry["id"] for entry in entries]
    if kind == "multiple_choice":
        if lowered in ("none", "0"):
            return []
        parts = [part for part in raw.replace(",", " ").split() if part]
        chosen = [_pick(part, ids) for part in parts]
        return next((choice for choice in chosen if isinstance(choice, _Retry)), chosen)
    return _pick(raw, ids)


def _pick(raw: str, ids: list[str]) -> str | _Retry:
    if _WHOLE_NUMBER.fullmatch(raw) and 1 <= int(raw) <= len(ids):
        return ids[int(raw) - 1]
    if raw in ids:
        return raw
    return _Retry(f"type a number from 1 to {len(ids)}")
