"""What a file given as answers is when it is not answers to the questionnaire: one line
saying what it is and what to run instead, in place of a line per answer that does not fit.

Asked only once the answers have been refused, so valid answers never pay for it.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping

from .._builtins import builtin, builtin_ids
from .._errors import is_id_like
from .._model import Questionnaire
from .._session import SESSION_FORMAT
from .._yaml import read

SAVED_SESSION = (
    "{path} is progress saved by 'guidestyle take' for '{saved}', not a set of answers; "
    "continue it with: guidestyle take {command} --resume {path}"
)
RESULT = (
    "{path} is a result (of '{saved}'), not a set of answers; "
    "score the answers it was made from instead"
)
QUESTIONNAIRE = (
    "{path} is a questionnaire, not a set of answers; answer it with: guidestyle take {path}"
)
ANSWERS_TO_ANOTHER = (
    "{path} looks like answers to '{other}', not to '{given}'; run: guidestyle score {other} {path}"
)
UNNAMED = "another questionnaire"
# given to take --resume, which expects progress that take saved
RESUMED_ANSWERS = (
    "{path} holds answers, not progress saved by 'guidestyle take'; "
    "score them with: guidestyle score {questionnaire} {path}"
)
RESUMED_RESULT = (
    "{path} is a result, not progress saved by 'guidestyle take'; "
    "take the questionnaire anew with: guidestyle take {questionnaire}"
)
RESUMED_QUESTIONNAIRE = (
    "{path} is a questionnaire, not progress saved by 'guidestyle take'; "
    "answer it with: guidestyle take {path}"
)

_SESSION_KEYS = frozenset({"format", "questionnaire", "answers", "position"})
_RESULT_KEYS = frozenset({"questionnaire", "recommendation", "scores"})
_QUESTIONNAIRE_KEYS = frozenset({"questions", "styles"})

# what a file that ``check`` was given is, when it is not a questionnaire
IS_A_SESSION = "progress saved by 'guidestyle take'"
IS_A_RESULT = "a result"
IS_ANSWERS = "answers (question ids and what was answered)"
IS_A_LIST = "a list, and a questionnaire is a mapping"
IS_SOMETHING_ELSE = "it has none of the keys a questionnaire starts with (format, id, questions)"


def kind_of_document(data: object) -> str:
    """``questionnaire``, ``catalogue``, ``session``, ``result``, ``answers``, ``list`` or
    ``other``: what a YAML or JSON file holds, judged by its top-level keys alone (so a
    questionnaire with mistakes is still one)."""
    if isinstance(data, (list, tuple)):
        return "list"
    if not isinstance(data, Mapping):
        return "other"
    keys = {key for key in data if isinstance(key, str)}
    if data.get("format") == SESSION_FORMAT or keys == _SESSION_KEYS:
        return "session"
    if keys >= _RESULT_KEYS:
        return "result"
    if "questions" in keys or {"id", "title"} <= keys:
        return "questionnaire"
    if "distinctions" in keys:
        return "catalogue"
    if keys and "format" not in keys and all(is_id_like(key) for key in keys):
        return "answers"
    return "other"


def what_it_is(kind: str) -> str:
    """What a file of ``kind`` (see :func:`kind_of_document`, not a questionnaire) is."""
    return {
        "session": IS_A_SESSION,
        "result": IS_A_RESULT,
        "answers": IS_ANSWERS,
        "list": IS_A_LIST,
    }.get(kind, IS_SOMETHING_ELSE)


def wrong_file(data: object, path: str, questionnaire: Questionnaire) -> str | None:
    """The line that says what ``data`` (read from ``path``) is, if it is recognisably not
    answers to ``questionnaire``; else ``None`` (the answers' own problems are the news)."""
    if not isinstance(data, Mapping):
        return None
    keys = {key for key in data if isinstance(key, str)}
    shown = shlex.quote(path)
    kind = kind_of_document(data)
    if kind == "session":
        saved = _saved_id(data)
        command = saved if saved in builtin_ids() else "PATH-OF-ITS-QUESTIONNAIRE"
        return SAVED_SESSION.format(path=shown, saved=saved or UNNAMED, command=command)
    if kind == "result":
        return RESULT.format(path=shown, saved=_saved_id(data) or UNNAMED)
    if kind == "questionnaire" and keys >= _QUESTIONNAIRE_KEYS:
        return QUESTIONNAIRE.format(path=shown)
    ids = {question.id for question in questionnaire.questions}
    unknown = keys - ids
    if not keys or len(unknown) * 2 <= len(keys):  # mostly its own questions: its problems
        return None
    for other in builtin_ids():
        if other == questionnaire.id:
            continue
        theirs = {question.id for question in builtin(other).questions}
        if len(keys - theirs) * 2 < len(keys) and len(keys & theirs) > len(keys & ids):
            return ANSWERS_TO_ANOTHER.format(path=shown, other=other, given=questionnaire.id)
    return None


def _saved_id(data: Mapping[object, object]) -> str | None:
    """The questionnaire id a session or result names, if it names one that looks like one."""
    named = data.get("questionnaire")
    saved = named.get("id") if isinstance(named, Mapping) else None
    return saved if isinstance(saved, str) and is_id_like(saved) else None


def not_progress(text: str, path: str, questionnaire: str) -> str | None:
    """The line that says what a file given to ``take --resume`` is, when it is answers, a
    result or a questionnaire rather than saved progress; else ``None``."""
    document = read(text, path)
    if document.problems:
        return None
    template = {
        "answers": RESUMED_ANSWERS,
        "result": RESUMED_RESULT,
        "questionnaire": RESUMED_QUESTIONNAIRE,
    }.get(kind_of_document(document.data))
    if template is None:
        return None
    return template.format(path=shlex.quote(path), questionnaire=shlex.quote(questionnaire))
