"""Answering one question at a time: an immutable session that apps and the terminal drive.

Every step returns a new :class:`Session`; a rejected answer raises and leaves the session
it was given untouched. The state is small JSON (the questionnaire's identity, the answers
given, the current question and the language it is asked in) that an app can store between
requests, or seal with a key into an opaque token to keep on the client.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ._compiled import AnswerValue
from ._engine import Scorer, scorer_for
from ._errors import AnswersError, GuidestyleError, expect, quoted_key
from ._i18n import is_language_code
from ._model import Questionnaire, TextQuestion
from ._outline import outline
from ._result import Result

SESSION_FORMAT = "guidestyle-session/1"
MIN_KEY_BYTES = 16


class SessionError(GuidestyleError):
    """A session step is not possible, or a saved session cannot be restored."""


@dataclass(frozen=True)
class Step:
    """The question to answer now, where it stands, and any answer already given to it."""

    question: dict[str, Any]
    """The question as :func:`guidestyle.outline` describes it."""
    number: int
    """Its place among the questions shown for the answers so far (1-based)."""
    total: int
    """How many questions are shown for the answers so far; later answers may change it."""
    answer: AnswerValue | None

    def __repr__(self) -> str:
        # the answer to a text question is what a person wrote: its length only
        answer = self.answer
        if isinstance(answer, str) and self.question.get("kind") == "text":
            shown = f"<a text of {len(answer):,} character{'s' * (len(answer) != 1)}>"
        else:
            shown = repr(answer)
        return (
            f"Step(question={self.question.get('id')!r}, number={self.number}, "
            f"total={self.total}, answer={shown})"
        )


class State(BaseModel):
    """The JSON shape of a saved session."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # docstrings: see _schema
    format: str
    """Always ``guidestyle-session/1``."""
    questionnaire: dict[str, str]
    """The ``id``, ``version`` and content ``digest`` of the questionnaire being answered."""
    answers: dict[str, Any]
    """Question id to answer, as :func:`guidestyle.score` takes them."""
    position: str | None
    """The id of the current question; ``null`` once every question has been passed."""
    language: str | None = None
    """The language the questions are asked in (a language code); absent: the
    questionnaire's first."""


class Session:
    """A questionnaire being answered step by step. Start one with :meth:`start`."""

    __slots__ = ("_answers", "_language", "_outline", "_position", "_scorer")

    def __init__(
        self,
        scorer: Scorer,
        answers: Mapping[str, AnswerValue],
        position: str | None,
        language: str | None = None,
    ) -> None:
        self._scorer = scorer
        self._answers = dict(answers)
        self._position = position
        self._language = language
        self._outline: dict[str, dict[str, Any]] | None = None  # the questions by id

    @classmethod
    def start(cls, questionnaire: Questionnaire, *, language: str | None = None) -> Session:
        """A new session positioned on the first question, asking in ``language`` (a
        language code; by default the questionnaire's first).

        The steps carry the questions' texts in that language, or, when the questionnaire
        is not written in it, in its first language (:meth:`outline` then has a ``notice``
        saying so); the language is kept when the session is saved.
        """
        expect(questionnaire, Questionnaire, "a Questionnaire", "Session.start(): questionnaire")
        expect(language, (str, type(None)), "str or None", "Session.start(): language")
        if language is not None and not is_language_code(language):
            raise SessionError(f"{quoted_key(language)} is not a language code (such as 'fr')")
        scorer = scorer_for(questionnaire)
        shown = scorer.shown({})
        return cls(scorer, {}, shown[0] if shown else None, language)

    @property
    def questionnaire(self) -> Questionnaire:
        return self._scorer.questionnaire

    @property
    def language(self) -> str:
        """The language the session asks in: the one it was started with, by default the
        questionnaire's first. Give it to :func:`guidestyle.render` for the report."""
        return self._language or self.questionnaire.languages[0]

    def in_language(self, language: str) -> Session:
        """This session, asking from now on in ``language`` (answers and position kept)."""
        expect(language, str, "str", "Session.in_language(): language")
        if not is_language_code(language):
            raise SessionError(f"{quoted_key(language)} is not a language code (such as 'fr')")
        return Session(self._scorer, self._answers, self._position, language)

    def outline(self) -> dict[str, Any]:
        """The questionnaire's outline (see :func:`guidestyle.outline`) in the session's
        language: its title and description, and each question as the steps give it."""
        return outline(self.questionnaire, self._language)

    @property
    def answers(self) -> dict[str, AnswerValue]:
        """The answers that count now (a copy): those to the questions shown for them.

        Exactly what :meth:`finish` scores, so ``guidestyle.score(questionnaire,
        session.answers)`` gives the same result. An answer to a question that a later
        change hid is left out here but kept in the session (and in :meth:`to_json`), so
        changing the earlier answer back brings it back.
        """
        shown = set(self.shown())
        return {key: value for key, value in self._answers.items() if key in shown}

    @property
    def done(self) -> bool:
        """Whether every shown question has been passed (answered or skipped)."""
        return self._current_id() is None

    def shown(self) -> tuple[str, ...]:
        """Ids of the questions shown for the answers so far."""
        return self._scorer.shown(self._answers)

    def missing(self) -> tuple[str, ...]:
        """Shown, required questions that have no answer yet."""
        return tuple(
            question_id
            for question_id in self.shown()
            if question_id not in self._answers and self._scorer.is_required(question_id)
        )

    @property
    def current(self) -> Step | None:
        """The question to answer now, or ``None`` once past the last shown question."""
        shown = self.shown()
        question_id = self._current_id(shown)
        if question_id is None:
            return None
        return Step(
            question=self._questions()[question_id],
            number=shown.index(question_id) + 1,
            total=len(shown),
            answer=self._answers.get(question_id),
        )

    def answer(self, value: object) -> Session:
        """A session with ``value`` as the answer to the current question, moved on by one.

        Raises :class:`AnswersError` (one problem, naming the question) when the value is not
        a valid answer; this session is unchanged either way.
        """
        question_id = self._require_current()
        normalised = self._scorer.check_answer(question_id, value)
        answers = {**self._answers, question_id: normalised}
        return self._moved(answers, self._next_after(question_id, answers))

    def skip(self) -> Session:
        """A session past the current question, leaving it unanswered (optional ones only)."""
        question_id = self._require_current()
        if self._scorer.is_required(question_id):
            raise SessionError(f"question {question_id!r} is required and cannot be skipped")
        answers = {key: value for key, value in self._answers.items() if key != question_id}
        return self._moved(answers, self._next_after(question_id, answers))

    def back(self) -> Session:
        """A session on the shown question before the current one; answers are kept."""
        shown = self.shown()
        current = self._current_id(shown)
        index = shown.index(current) if current is not None else len(shown)
        if index == 0:
            raise SessionError("already at the first question")
        return self._moved(self._answers, shown[index - 1])

    def at(self, question_id: str) -> Session:
        """A session on ``question_id``, which must be shown for the answers so far.

        Useful when every question has been passed but :meth:`missing` is not empty (an
        answer changed after going back can show a required question that was skipped over).
        """
        if question_id not in self.shown():
            raise SessionError(f"question {question_id!r} is not shown for the answers so far")
        return self._moved(self._answers, question_id)

    def finish(self, *, explain: bool = True) -> Result:
        """Score :attr:`answers`; :class:`AnswersError` if a required one is missing."""
        return self._scorer.score(self.answers, explain=explain)

    # Saving and restoring ----------------------------------------------------------

    def to_json(self) -> str:
        """The state as compact JSON; :meth:`from_json` restores it."""
        questionnaire = self.questionnaire
        state: dict[str, Any] = {
            "format": SESSION_FORMAT,
            "questionnaire": {
                "id": questionnaire.id,
                "version": questionnaire.version,
                "digest": questionnaire.digest,
            },
            "answers": self._answers,
            "position": self._position,
        }
        if self._language is not None:  # a session saved without one reads as before
            state["language"] = self._language
        return json.dumps(state, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, questionnaire: Questionnaire, text: str | bytes) -> Session:
        """Restore a session saved by :meth:`to_json` against the same questionnaire.

        Raises :class:`SessionError` when the text is not a session, when the questionnaire
        has changed since (its digest differs), or when a saved answer no longer fits.
        """
        expect(
            questionnaire, Questionnaire, "a Questionnaire", "Session.from_json(): questionnaire"
        )
        expect(text, (str, bytes, bytearray), "str or bytes", "Session.from_json(): text")
        try:
            state = State.model_validate_json(text)
        except ValidationError as error:
            raise SessionError(f"not a saved session: {_what_is_wrong(error)}") from None
        if state.format != SESSION_FORMAT:
            raise SessionError(f"not a saved session: unknown format {quoted_key(state.format)}")
        saved = state.questionnaire
        if saved.get("digest") != questionnaire.digest:
            raise SessionError(
                f"the session was saved for questionnaire {quoted_key(saved.get('id', ''))} "
                f"version {quoted_key(saved.get('version', ''))}, and the questionnaire given "
                f"({questionnaire.id!r} version {questionnaire.version!r}) has different content; "
                "the session cannot be resumed against it"
            )
        scorer = scorer_for(questionnaire)
        answers: dict[str, AnswerValue] = {}
        for question_id, value in state.answers.items():
            try:
                answers[question_id] = scorer.check_answer(question_id, value)
            except AnswersError as error:
                raise SessionError(
                    f"the saved answer to {quoted_key(question_id)} is invalid: {error}"
                ) from None
        if state.position is not None and state.position not in {
            q.id for q in questionnaire.questions
        }:
            raise SessionError(f"the saved position {quoted_key(state.position)} is not a question")
        if state.language is not None and not is_language_code(state.language):
            raise SessionError(
                f"the saved language {quoted_key(state.language)} is not a language code"
            )
        return cls(scorer, answers, state.position, state.language)

    def seal(self, key: bytes, *, issued_at: float | None = None) -> str:
        """The state as an opaque token signed with ``key`` (HMAC-SHA256).

        With ``issued_at`` (seconds since the epoch, e.g. ``time.time()``) the token also
        carries that time, signed with the rest, so :meth:`unseal` can refuse it once it is
        older than a ``max_age``.

        A token is a bearer credential, and sealing records nothing: whoever holds a token
        can unseal it any number of times, and an older token of the same session still
        restores the state it was sealed with. ``max_age`` bounds how long that stays
        possible; an app that needs each token used once, or only its newest one, must keep
        a record of that itself (say, a version number stored with the session id).
        Changing the key makes every token sealed with the old one unusable.
        """
        expect(key, bytes, "bytes", "Session.seal(): key")
        if issued_at is not None:
            _check_seconds(issued_at, "Session.seal(): issued_at", most=_LATEST)
        payload = self.to_json().encode("utf-8")
        if issued_at is None:
            return f"{_b64(payload)}.{_b64(_signature(key, payload))}"
        stamp = str(int(issued_at))
        signed = f"{stamp}.".encode() + payload
        return f"{_b64(payload)}.{stamp}.{_b64(_signature(key, signed))}"

    @classmethod
    def unseal(
        cls,
        questionnaire: Questionnaire,
        token: str,
        key: bytes,
        *,
        max_age: float | None = None,
        now: float | None = None,
    ) -> Session:
        """Restore a session from a token made by :meth:`seal` with the same ``key``.

        The token is read strictly: each session seals to exactly one token, and any other
        text, even one that base64 would decode to the same bytes, is refused. With
        ``max_age`` (seconds) the token must have been sealed with ``issued_at`` no more
        than that long before ``now`` (by default the current time); see :meth:`seal` for
        what a token does and does not protect against.
        """
        expect(questionnaire, Questionnaire, "a Questionnaire", "Session.unseal(): questionnaire")
        expect(token, str, "str", "Session.unseal(): token")
        expect(key, bytes, "bytes", "Session.unseal(): key")
        if max_age is not None:
            _check_seconds(max_age, "Session.unseal(): max_age", most=math.inf)
        if now is not None:
            _check_seconds(now, "Session.unseal(): now", most=_LATEST)
        longest = _longest_token(questionnaire)
        if len(token) > longest:  # refused before any work in proportion to its length
            raise SessionError(
                f"not a session token: it has {len(token):,} characters, more than any "
                f"session of this questionnaire seals to ({longest:,})"
            )
        parts = token.split(".")
        if len(parts) not in (2, 3) or (len(parts) == 3 and not _STAMP.fullmatch(parts[1])):
            raise SessionError("not a session token")
        payload, signature = _unb64(parts[0]), _unb64(parts[-1])
        if payload is None or signature is None or len(signature) != hashlib.sha256().digest_size:
            raise SessionError("not a session token")
        stamp = parts[1] if len(parts) == 3 else None
        signed = payload if stamp is None else f"{stamp}.".encode() + payload
        if not hmac.compare_digest(signature, _signature(key, signed)):
            raise SessionError("the session token was altered or sealed with another key")
        if max_age is not None:
            _check_age(stamp, max_age, time.time() if now is None else now)
        return cls.from_json(questionnaire, payload)

    # Equality and internals -----------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Session):
            return NotImplemented
        return (self.questionnaire.digest, self._answers, self._position, self._language) == (
            other.questionnaire.digest,
            other._answers,
            other._position,
            other._language,
        )

    def __hash__(self) -> int:
        # like __eq__, blind to the order the answers were given in
        answers = json.dumps(self._answers, sort_keys=True)
        return hash((self.questionnaire.digest, answers, self._position, self._language))

    def __repr__(self) -> str:
        return (
            f"<Session {self.questionnaire.id} at {self._position!r}, {len(self._answers)} answers>"
        )

    def _moved(self, answers: Mapping[str, AnswerValue], position: str | None) -> Session:
        moved = Session(self._scorer, answers, position, self._language)
        moved._outline = self._outline  # the same questions, in the same language
        return moved

    def _questions(self) -> dict[str, dict[str, Any]]:
        if self._outline is None:
            self._outline = {q["id"]: q for q in self.outline()["questions"]}
        return self._outline

    def _current_id(self, shown: tuple[str, ...] | None = None) -> str | None:
        """The position, or the next shown question if the position is hidden by now."""
        if self._position is None:
            return None
        visible = self.shown() if shown is None else shown
        return self._first_shown_from(self._scorer.index_of(self._position), visible)

    def _require_current(self) -> str:
        question_id = self._current_id()
        if question_id is None:
            raise SessionError("every question has been passed; finish the session or go back")
        return question_id

    def _next_after(self, question_id: str, answers: Mapping[str, AnswerValue]) -> str | None:
        start = self._scorer.index_of(question_id) + 1
        return self._first_shown_from(start, self._scorer.shown(answers))

    def _first_shown_from(self, index: int, shown: tuple[str, ...]) -> str | None:
        """The first of ``shown`` (which is in questionnaire order) at ``index`` or later."""
        index_of = self._scorer.index_of
        return next((question_id for question_id in shown if index_of(question_id) >= index), None)


def _what_is_wrong(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(map(str, first["loc"]))
    if first["type"] == "json_invalid":
        return "the text is not valid JSON"
    if first["type"] == "missing":
        return f"'{where}' is missing"
    if not where:
        return "expected a JSON object"
    return f"'{where}' is not as expected ({first['msg'].lower()})"


def _signature(key: bytes, payload: bytes) -> bytes:
    if len(key) < MIN_KEY_BYTES:
        raise SessionError(f"the key must be at least {MIN_KEY_BYTES} bytes long")
    return hmac.new(key, payload, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
_STAMP = re.compile(r"0|[1-9][0-9]{0,11}")  # whole seconds, written one way only
CLOCK_SKEW = 60
"""Seconds a token's issue time may lie ahead of ``now`` (clocks differ a little)."""


def _unb64(text: str) -> bytes | None:
    """The bytes ``text`` encodes in unpadded base64url, if it is the one way to write them."""
    if not _BASE64URL.fullmatch(text) or len(text) % 4 == 1:
        return None
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    return data if _b64(data) == text else None  # unused low bits must be zero


_LATEST = 10**12 - 1
"""The latest issue time a token can carry (its stamp has at most 12 digits)."""


def _check_seconds(value: object, where: str, *, most: float) -> None:
    """``TypeError`` unless ``value`` is a number of seconds; ``ValueError`` unless it is one
    from 0 to ``most`` (NaN is none)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{where} must be int or float, not {type(value).__name__}")
    if not 0 <= value <= most:
        limit = "" if most == math.inf else f" to {most:,}"
        raise ValueError(f"{where} must be a number of seconds from 0{limit}, not {value!r}")


def _longest_token(questionnaire: Questionnaire) -> int:
    """More characters than the token of any session of ``questionnaire``: its JSON with
    every answer as long as it may be, each character escaped (12 for a surrogate pair
    written as two escapes), in base64, with a stamp and a signature."""
    answers = sum(
        12 * question.max_length + 2 if isinstance(question, TextQuestion) else 12 * 67 + 2
        for question in questionnaire.questions
    )
    json_chars = 1_000 + 3 * 70 * len(questionnaire.questions) + answers
    return 4 * json_chars // 3 + 100


def _check_age(stamp: str | None, max_age: float, now: float) -> None:
    if stamp is None:
        raise SessionError(
            "the session token carries no time it was sealed at, so its age cannot be checked"
        )
    age = now - int(stamp)
    if age > max_age:
        raise SessionError(
            f"the session token has expired: it was sealed {age:,.0f} seconds ago, "
            f"and the limit is {max_age:,.0f}"
        )
    if age < -CLOCK_SKEW:
        raise SessionError("the session token was sealed at a time still to come")
