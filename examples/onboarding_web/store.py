"""SQLite storage: onboardings, and per participant the saved session and the finished result.

Each change is one transaction on its own connection, so an answer the app has acknowledged
is on disk (WAL, ``synchronous=FULL``) and survives the server being killed. A transaction
holds SQLite's write lock only to write: the work on an answer is done before it begins. The
table keeps what guidestyle saves (``Session.to_json()`` and ``Result.to_json()``), never the
raw form.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

Role = Literal["new_hire", "manager"]
ROLES: tuple[Role, ...] = ("new_hire", "manager")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS onboardings (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
    id TEXT PRIMARY KEY,
    onboarding TEXT NOT NULL REFERENCES onboardings (id),
    role TEXT NOT NULL CHECK (role IN ('new_hire', 'manager')),
    name TEXT NOT NULL,
    questionnaire TEXT NOT NULL,
    session TEXT NOT NULL,
    result TEXT,
    updated TEXT NOT NULL,
    UNIQUE (onboarding, role)
);
"""
_COLUMNS = "id, onboarding, role, name, questionnaire, session, result, updated"


@dataclass(frozen=True)
class Participant:
    """One person in an onboarding, with their saved session and, once finished, result."""

    id: str
    onboarding: str
    role: Role
    name: str
    questionnaire: str
    session: str
    result: str | None
    updated: str


@dataclass(frozen=True)
class NewParticipant:
    id: str
    role: Role
    name: str
    questionnaire: str
    session: str


@dataclass(frozen=True)
class Onboarding:
    id: str
    created: str
    participants: tuple[Participant, ...]

    def participant(self, role: Role) -> Participant:
        return next(person for person in self.participants if person.role == role)


@dataclass(frozen=True)
class Saved:
    """What one step leaves behind for a participant."""

    session: str
    result: str | None


ATTEMPTS = 3


class Contended(Exception):
    """A participant's row changed under every attempt to update it."""


class Store:
    """Onboardings in one SQLite file, created on first use."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._ready = False
        self._lock = threading.Lock()
        self._writing = threading.Lock()

    def create(self, onboarding: str, participants: Iterable[NewParticipant]) -> Onboarding:
        created = _now()
        with self._transaction() as connection:
            connection.execute("INSERT INTO onboardings VALUES (?, ?)", (onboarding, created))
            connection.executemany(
                f"INSERT INTO participants ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (p.id, onboarding, p.role, p.name, p.questionnaire, p.session, None, created)
                    for p in participants
                ],
            )
        found = self.onboarding(onboarding)
        assert found is not None
        return found

    def onboarding(self, onboarding_id: str) -> Onboarding | None:
        with self._connect() as connection:
            row = connection.execute(
                "SELECT id, created FROM onboardings WHERE id = ?", (onboarding_id,)
            ).fetchone()
            if row is None:
                return None
            people = connection.execute(
                f"SELECT {_COLUMNS} FROM participants WHERE onboarding = ?", (onboarding_id,)
            ).fetchall()
        participants = sorted((Participant(*person) for person in people), key=_role_order)
        return Onboarding(row[0], row[1], tuple(participants))

    def participant(self, participant_id: str) -> Participant | None:
        with self._connect() as connection:
            return _participant(connection, participant_id)

    def update(
        self, participant_id: str, step: Callable[[Participant], Saved]
    ) -> Participant | None:
        """Apply ``step`` to a participant and save what it returns; ``None`` if unknown.

        ``step`` runs outside any transaction, however long it takes, so that one slow
        request never holds up another person's write. The write is then made only if the
        row is still as ``step`` read it (compare and swap); if another post changed it in
        between, ``step`` runs again on the new row, up to :data:`ATTEMPTS` times, and then
        :class:`Contended` is raised. If ``step`` raises, nothing changes.
        """
        for _ in range(ATTEMPTS):
            participant = self.participant(participant_id)
            if participant is None:
                return None
            saved = step(participant)
            with self._transaction() as connection:
                written = connection.execute(
                    "UPDATE participants SET session = ?, result = ?, updated = ? "
                    "WHERE id = ? AND session = ? AND result IS ?",
                    (
                        saved.session,
                        saved.result,
                        _now(),
                        participant_id,
                        participant.session,
                        participant.result,
                    ),
                ).rowcount
                if written:
                    return _participant(connection, participant_id)
        raise Contended(participant_id)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed at the end or rolled back on an exception.

        The writers of one process take turns on a lock of their own: in SQLite's busy
        handler, a writer that finds the database locked sleeps up to 100 ms between tries.
        """
        with self._connect() as connection, self._writing, connection:
            connection.execute("BEGIN IMMEDIATE")
            yield connection

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE) and
        # `with connection:` commits them, or rolls back on an exception.
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            self._prepare(connection)
            yield connection
        finally:
            connection.close()

    def _prepare(self, connection: sqlite3.Connection) -> None:
        with self._lock:
            if self._ready:
                return
            connection.execute("PRAGMA journal_mode = WAL")  # kept in the file from now on
            connection.executescript(_SCHEMA)
            self._ready = True


def _participant(connection: sqlite3.Connection, participant_id: str) -> Participant | None:
    row = connection.execute(
        f"SELECT {_COLUMNS} FROM participants WHERE id = ?", (participant_id,)
    ).fetchone()
    return None if row is None else Participant(*row)


def _role_order(participant: Participant) -> int:
    return ROLES.index(participant.role)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
