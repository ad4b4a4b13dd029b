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

_SESSION_KEYS = frozenset({"format", "questionnaire", "answers", "position"})
_RESULT_KEYS = frozenset({"questionnaire", "recommendation", "scores"})
_QUESTIONNAIRE_KEYS = frozenset({"questions", "styles"})


def wrong_file(data: object, path: str, questionnaire: Questionnaire) -> str | None:
    """The line that says what ``data`` (read from ``path``) is, if it is recognisably not
    answers to ``questionnaire``; else ``None`` (the answers' own problems are the news)."""
    if not isinstance(data, Mapping):
        return None
    keys = {key for key in data if isinstance(key, str)}
    shown = shlex.quote(path)
    if data.get("format") == SESSION_FORMAT or keys == _SESSION_KEYS:
        saved = _saved_id(data)
        command = saved if saved in builtin_ids() else "PATH-OF-ITS-QUESTIONNAIRE"
        return SAVED_SESSION.format(path=shown, saved=saved or UNNAMED, command=command)
    if keys >= _RESULT_KEYS:
        return RESULT.format(path=shown, saved=_saved_id(data) or UNNAMED)
    if keys >= _QUESTIONNAIRE_KEYS:
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
