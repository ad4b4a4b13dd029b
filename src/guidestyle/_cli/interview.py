"""The interview behind ``guidestyle take``: ask each question, save progress, report.

Imported when the command runs (see :mod:`guidestyle._cli.take` for its parser). Progress is
never lost: a progress file found at the start is offered (resume, start over, cancel), one
is never replaced unless this session was resumed from it or the person chose to start over,
and nothing is saved before a first answer. Every change of state is said in one line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._builtins import builtin_ids, resolve
from .._errors import AnswersError, GuidestyleError, printable
from .._files import open_regular
from .._i18n import N_, Words, choose_language, words
from .._model import Questionnaire
from .._session import Session, SessionError, Step
from .._yaml import MAX_BYTES
from .arguments import report_format
from .common import write_output, write_report

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,6}")  # ASCII digits only; int() takes more than this

# What a respondent reads, each a whole sentence with named blanks, translated whole by _t()
# in the language of the session (the catalogues: guidestyle._i18n).
HEADER = N_("{title}  ({id} {version})")
HOW_TO_ANSWER = N_("Answer by number; '?' explains the keys.")
HELP = N_(
    "Type the number of your answer and press Enter. For several answers, separate the "
    "numbers with commas; 'none' chooses none. 'b' goes back, 's' skips an optional "
    "question, Enter keeps the answer you gave before. Ctrl-C saves your progress."
)
QUESTION_NUMBER = N_("Question {number} of {total}")
KEY_SEVERAL = N_("numbers separated by commas, up to {most}; 'none' for none")
KEY_SEVERAL_ANY = N_("numbers separated by commas; 'none' for none")
KEY_SKIP = N_("s = skip")
KEY_BACK = N_("b = back")
KEY_KEEP = N_("Enter keeps: {answer}")
# TRANSLATORS: between the keys listed under a question, as in "(s = skip; b = back)"
KEY_SEPARATOR = N_("; ")
NONE_CHOSEN = N_("none")
NEEDS_AN_ANSWER = N_("this question needs an answer")
ON_THE_SCALE = N_("type a whole number from {low} to {high}")
CHOOSE_ONE = N_("choose one: type a number from 1 to {count}")
CHOOSE_SEVERAL = N_("type numbers from 1 to {count}, separated by commas, or 'none'")
CHOOSE_AT_MOST = N_("choose at most {most}")
AT_THE_FIRST = N_("this is the first question")
TEXT_TOO_LONG = N_("the text is {length} characters long; at most {most} are allowed")
TEXT_UNUSABLE = N_("the text holds a character that cannot be kept; type it again")
FOUND_PROGRESS = N_("Progress saved earlier is in {path}: {answered} of {total} answered.")
OFFER = N_("Resume it (r), start over (n) or cancel (c)? [r]")
OFFER_KEYS = N_("type r to resume, n to start over, or c to cancel")
UNUSABLE_PROGRESS = N_("{path} holds progress that cannot be resumed ({reason}); it is kept.")
RESUMING = N_("Resuming from {path}: {answered} of {total} answered.")
STARTING_OVER = N_("Starting over; {path} is replaced when progress is next saved.")
CANCELLED = N_("Cancelled; {path} is kept as it was.")
SAVED = N_("Progress saved to {path} ({answered} of {total} answered). Continue with:")
CONTINUE_WITH = N_("  guidestyle take {name} --resume {path}")
NOT_SAVED = N_("{error}. Your answers so far, to save by hand:")
NOTHING_TO_SAVE = N_("Nothing answered yet, so nothing was saved.")
REPORT_WRITTEN = N_("Report written to {path}.")
PROGRESS_REMOVED = N_("Removed {path}: the answers are in the report now.")
UNDECODABLE = N_("the input is not in its encoding ({encoding}); set PYTHONIOENCODING=utf-8")
SAVED_FOR = N_(
    "{path} was saved for questionnaire '{saved}', {reason}; "
    "run: guidestyle take {command} --resume {path}"
)
NOT_BUILT_IN = N_("which is not built in")
NOT_THIS_ONE = N_("not '{given}'")
TOO_LARGE = N_("{path}: the file is too large to be saved progress")
UNREADABLE = N_("{path}: cannot read the file: {reason}")
NOT_TEXT = N_("it is not a text file")

MOST_FREE_NAMES = 1_000  # guidestyle-ID-progress-2.json … -1000.json, then a plain failure

_words: Words = words()  # the language of this run's prompts: set by run()


def _t(message: str, **values: object) -> str:
    """``message`` in the language of the prompts, its blanks filled in (whole numbers
    written the local way)."""
    shown = {k: _words.integer(v) if type(v) is int else v for k, v in values.items()}
    return _words.gettext(message).format(**shown)


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


@dataclass
class _Progress:
    """Where this session's progress goes, and which existing file it may replace."""

    path: str
    replaceable: str | None  # the file resumed from, or the one the person chose to start over


def run(arguments: argparse.Namespace) -> int:
    global _words  # noqa: PLW0603 - one run, one language
    arguments.format = report_format(arguments)  # a usage error before any question
    _words = words(arguments.language)
    saved = _read_progress(arguments.resume) if arguments.resume else None
    name = arguments.questionnaire or _builtin_saved_for(saved, arguments.resume) or "situation"
    questionnaire = resolve(name)
    _words = words(arguments.language or questionnaire.languages[0])
    asker = _Asker()
    if saved is not None:
        session = _restore(questionnaire, saved, arguments.resume, arguments.language)
        progress = _Progress(arguments.save or arguments.resume, arguments.resume)
        _words = words(session.language)
        _say(_t(RESUMING, path=arguments.resume, **_count(session)))
    else:
        default = arguments.save or f"guidestyle-{questionnaire.id}-progress.json"
        offered = _offer_progress(questionnaire, default, asker, arguments.language)
        if offered is None:
            return 130
        session, progress = offered
    arguments.language = session.language  # the report's too
    _words = words(session.language)
    try:
        session = _interview(session, session.outline(), asker)
    except _Interrupted as interrupted:
        _save(interrupted.session, progress, name)
        return 130
    try:
        write_report(session.finish(), lambda: questionnaire, arguments)
    except GuidestyleError:
        _save(session, progress, name)  # every answer is kept; only the report failed
        raise
    if arguments.output not in (None, "-"):
        _say(_t(REPORT_WRITTEN, path=arguments.output))
    _remove_finished(progress.replaceable, arguments.output)
    return 0


def _offer_progress(
    questionnaire: Questionnaire, path: str, asker: _Asker, language: str | None
) -> tuple[Session, _Progress] | None:
    """A new session in ``language``, or the one saved at ``path`` if the person resumes it;
    ``None`` when they cancel. A file that cannot be resumed is kept, and progress goes
    elsewhere."""
    if not os.path.lexists(path):
        return Session.start(questionnaire, language=language), _Progress(path, None)
    try:
        found = _restore(questionnaire, _read_progress(path), path, language)
    except SessionError as error:
        _say(_t(UNUSABLE_PROGRESS, path=path, reason=_without_path(error, path)))
        return Session.start(questionnaire, language=language), _Progress(_free_name(path), None)
    _say(_t(FOUND_PROGRESS, path=path, **_count(found)))
    while True:
        _say(_t(OFFER))
        try:
            choice = asker.ask().lower()
        except (KeyboardInterrupt, EOFError):
            choice = "c"
        if choice in ("", "r", "resume"):
            _say(_t(RESUMING, path=path, **_count(found)))
            return found, _Progress(path, path)
        if choice in ("n", "new", "start over"):
            _say(_t(STARTING_OVER, path=path))
            return Session.start(questionnaire, language=language), _Progress(path, path)
        if choice in ("c", "cancel", "q", "quit"):
            _say(_t(CANCELLED, path=path))
            return None
        _say(f"  {_t(OFFER_KEYS)}")


def _without_path(error: SessionError, path: str) -> str:
    return str(error).removeprefix(f"{path}: ")


def _free_name(path: str) -> str:
    """``path`` with ``-2``, ``-3``… before its extension: the first name not taken."""
    stem, extension = os.path.splitext(path)
    for number in range(2, MOST_FREE_NAMES + 1):
        candidate = f"{stem}-{number}{extension}"
        if not os.path.lexists(candidate):
            return candidate
    return path  # every name taken: saving says so, and prints the answers instead


def _count(session: Session) -> dict[str, int]:
    return {"answered": len(session.answers), "total": len(session.shown())}


def _remove_finished(progress_file: str | None, output: str | None) -> None:
    if progress_file is None or not os.path.isfile(progress_file):
        return
    written = Path(output).resolve() if output not in (None, "-") else None
    if Path(progress_file).resolve() != written:
        Path(progress_file).unlink()
        _say(_t(PROGRESS_REMOVED, path=progress_file))


def _read_progress(path: str) -> str:
    try:
        file, size = open_regular(path)
        with file:
            if size > MAX_BYTES:
                raise SessionError(_t(TOO_LARGE, path=path))
            return file.read(MAX_BYTES + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or _t(NOT_TEXT)
        raise SessionError(_t(UNREADABLE, path=path, reason=reason)) from None


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
    raise SessionError(_run_with(path, saved_id, _t(NOT_BUILT_IN)))


def _run_with(path: str, saved_id: str, reason: str) -> str:
    command = saved_id if saved_id in builtin_ids() else "PATH-OF-ITS-QUESTIONNAIRE"
    return _t(SAVED_FOR, path=path, saved=saved_id, reason=reason, command=command)


def _restore(
    questionnaire: Questionnaire, saved: str, path: str, language: str | None = None
) -> Session:
    """The session saved in ``saved``; asked in ``language`` when one is given, else in
    the language it was saved in."""
    saved_for = _saved_for(saved)
    if saved_for is not None and saved_for != questionnaire.id:
        raise SessionError(_run_with(path, saved_for, _t(NOT_THIS_ONE, given=questionnaire.id)))
    try:
        session = Session.from_json(questionnaire, saved)
        return session if language is None else session.in_language(language)
    except SessionError as error:
        from .diagnose import not_progress  # noqa: PLC0415 - only for a file that is not

        named = not_progress(saved, path, questionnaire.id)
        raise SessionError(named or f"{path}: {error}") from None


def _save(session: Session, progress: _Progress, name: str) -> None:
    if not session.answers:  # an earlier file, if any, is kept as it was
        _say(f"\n{_t(NOTHING_TO_SAVE)}")
        return
    path = progress.path
    if os.path.lexists(path) and path != progress.replaceable:  # appeared meanwhile: kept
        path = _free_name(path)
    try:
        write_output(session.to_json(), path)
    except GuidestyleError as error:
        _say(f"\n{_t(NOT_SAVED, error=error)}\n{session.to_json()}")
        return
    _say(f"\n{_t(SAVED, path=path, **_count(session))}")
    _say(_t(CONTINUE_WITH, name=name, path=path))


def _say(text: str = "") -> None:
    sys.stderr.write(printable(text, lines=True) + "\n")  # questionnaire texts: safe to show
    sys.stderr.flush()


def _wrap(text: str, indent: str = "", hanging: str = "") -> str:
    return textwrap.fill(
        text,
        _width(),
        initial_indent=indent,
        subsequent_indent=hanging or indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _width() -> int:
    """The width to wrap at: the terminal's (where the questions are shown), at most 88."""
    columns = 0
    if os.environ.get("COLUMNS", "").isdigit():
        columns = int(os.environ["COLUMNS"])
    else:
        try:
            columns = os.get_terminal_size(sys.stderr.fileno()).columns
        except (OSError, ValueError):  # not a terminal
            columns = 0
    return max(20, min(columns - 1, 88)) if columns else 88


class _Asker:
    """Reads one answer a line. On a terminal (standard input and output both) the line
    is read with :mod:`readline` where it imports: the arrows edit it and recall earlier
    answers, kept in memory for this session only (no history file, since answers may be
    private). Otherwise the prompt goes to standard error, so the report alone is on
    standard output, and a piped answer is echoed as a terminal would show it."""

    def __init__(self) -> None:
        self.editing = False
        if sys.stdin.isatty() and sys.stdout.isatty():
            try:
                import readline  # noqa: F401, PLC0415 - input() edits lines once it is imported
            except ImportError:  # pragma: no cover - Python built without it (Windows)
                pass
            else:
                self.editing = True

    def ask(self) -> str:
        try:
            line = self._read()
        except UnicodeDecodeError:  # the rest of the input cannot be trusted: stop, and save
            _say(f"\n{_t(UNDECODABLE, encoding=sys.stdin.encoding)}")
            raise EOFError from None
        return line.strip()

    def _read(self) -> str:
        if self.editing:
            return input("> ")  # EOFError at the end of input
        sys.stderr.write("> ")
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        if not sys.stdin.isatty():  # piped: show what was answered, as a terminal would
            sys.stderr.write(printable(line if line.endswith("\n") else line + "\n", lines=True))
        return line


def _interview(session: Session, view: dict[str, Any], asker: _Asker) -> Session:
    """Ask until every shown question is passed; raise :class:`_Interrupted` on Ctrl-C or EOF.

    ``view`` is the questionnaire's outline in the language to ask it in.
    """
    holder = [session]
    try:
        return _ask_all(holder, view, asker)
    except (KeyboardInterrupt, EOFError):
        raise _Interrupted(holder[0]) from None


def _ask_all(holder: list[Session], view: dict[str, Any], asker: _Asker) -> Session:
    questions = {question["id"]: question for question in view["questions"]}
    session = holder[0]
    q = session.questionnaire
    _say(_t(HEADER, title=view["title"], id=q.id, version=q.version))
    notice = choose_language(q.languages, session.language).notice
    if notice:  # a language the questionnaire or the catalogues lack, said once
        _say(_wrap(notice))
    _say(_t(HOW_TO_ANSWER))
    while True:
        step = session.current
        if step is None:
            if not session.missing():
                return session
            session = holder[0] = session.at(session.missing()[0])
            continue
        question = questions[step.question["id"]]
        _show(step, question)
        while True:
            reply = _parse(asker.ask(), step, question)
            if isinstance(reply, _Retry):
                _say(f"  {reply.reason}")
                continue
            if isinstance(reply, _Command) and reply.name == "help":
                _say(_wrap(_t(HELP)))
                continue
            try:
                session = holder[0] = _apply(session, step, reply)
            except (AnswersError, SessionError):  # checked before: a text that cannot be kept
                _say(f"  {_t(TEXT_UNUSABLE)}")
                continue
            break


def _apply(session: Session, step: Step, reply: object) -> Session:
    if isinstance(reply, _Command):
        if reply.name == "back":
            return session.back()
        if reply.name == "skip":
            return session.skip()
        return session.answer(step.answer)  # keep
    return session.answer(reply)


def _show(step: Step, question: dict[str, Any]) -> None:
    _say()
    _say(_t(QUESTION_NUMBER, number=step.number, total=step.total))
    _say(_wrap(question["text"]))
    if question["help"]:
        _say(_wrap(question["help"], "  "))
    for number, label in _choices(question):
        _say(_wrap(f"{number}) {label}", "  ", "     "))
    keys = []
    if question["kind"] == "multiple_choice":
        most = question.get("max_choices")
        keys.append(_t(KEY_SEVERAL, most=most) if most else _t(KEY_SEVERAL_ANY))
    if not question["required"]:
        keys.append(_t(KEY_SKIP))
    if step.number > 1:
        keys.append(_t(KEY_BACK))
    if step.answer is not None:
        keys.append(_t(KEY_KEEP, answer=_shown_answer(step)))
    if keys:
        _say(_wrap(f"({_t(KEY_SEPARATOR).join(keys)})"))


def _choices(question: dict[str, Any]) -> list[tuple[int | str, str]]:
    if "scale" in question:
        scale = question["scale"]
        return list(zip(range(scale["min"], scale["max"] + 1), scale["labels"], strict=True))
    return [(number, entry["text"]) for number, entry in enumerate(_entries(question), 1)]


def _entries(question: dict[str, Any]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = question.get("options") or question.get("statements") or []
    return entries


def _shown_answer(step: Step) -> str:
    question, answer = step.question, step.answer
    entries = _entries(question)
    if entries:
        ids = [entry["id"] for entry in entries]
        chosen = answer if isinstance(answer, tuple) else (answer,)
        return ", ".join(str(ids.index(choice) + 1) for choice in chosen) or _t(NONE_CHOSEN)
    if question["kind"] == "text":
        return _shorten(str(answer))
    return str(answer)


def _shorten(text: str, most: int = 30) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _parse(raw: str, step: Step, question: dict[str, Any]) -> object:
    """The answer or command that ``raw`` stands for, or the one reason (per kind of
    mistake, in the respondent's words, never an id) why it is not an answer."""
    lowered = raw.lower()
    if lowered in ("b", "back"):
        return _Command("back") if step.number > 1 else _Retry(_t(AT_THE_FIRST))
    if lowered in ("?", "help"):
        return _Command("help")
    if lowered in ("s", "skip") or raw == "":
        if raw == "" and step.answer is not None:
            return _Command("keep")
        return _Retry(_t(NEEDS_AN_ANSWER)) if question["required"] else _Command("skip")
    kind = question["kind"]
    if kind == "text":
        most = question["max_length"]
        if len(raw) > most:
            return _Retry(_t(TEXT_TOO_LONG, length=len(raw), most=most))
        return raw
    if kind == "likert":
        scale = question["scale"]
        low, high = scale["min"], scale["max"]
        if _WHOLE_NUMBER.fullmatch(raw) and low <= int(raw) <= high:
            return int(raw)
        return _Retry(_t(ON_THE_SCALE, low=low, high=high))
    ids = [entry["id"] for entry in _entries(question)]
    if kind != "multiple_choice":
        chosen = _picks(raw, ids)
        if chosen is None or len(chosen) != 1:
            return _Retry(_t(CHOOSE_ONE, count=len(ids)))
        return chosen[0]
    if lowered in ("none", "0", _t(NONE_CHOSEN).lower()):
        return []
    chosen = _picks(raw, ids)
    if chosen is None:
        return _Retry(_t(CHOOSE_SEVERAL, count=len(ids)))
    most = question.get("max_choices") or len(ids)
    if len(chosen) > most:
        return _Retry(_t(CHOOSE_AT_MOST, most=most))
    return chosen


def _picks(raw: str, ids: list[str]) -> list[str] | None:
    """The options that ``raw``'s numbers (or ids) name, each once in the order typed;
    ``None`` if any part names none."""
    chosen: list[str] = []
    for part in raw.replace(",", " ").split():
        if _WHOLE_NUMBER.fullmatch(part) and 1 <= int(part) <= len(ids):
            choice = ids[int(part) - 1]
        elif part in ids:
            choice = part
        else:
            return None
        if choice not in chosen:  # "2, 2" means 2
            chosen.append(choice)
    return chosen
