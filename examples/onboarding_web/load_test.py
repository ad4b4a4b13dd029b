"""A bounded load test of the onboarding web example, with locust, on 127.0.0.1 only.

Run it from the repository root (it needs the ``load`` extra, which ``dev`` includes)::

    .venv/bin/python -m examples.onboarding_web.load_test

It starts the app under uvicorn on a free local port with a new database, then runs 20
people who onboard through the JSON API and the pages (each takes 200 steps: answers, some
back and skip, a page now and then, a new onboarding when both have finished) next to one
hostile user who posts the worst bodies it can: too large (announced or not), just under the
limit with thousands of repeated or unknown choices, one enormous choice or note, deeply
nested JSON, and a ``Host`` header that tries to become the links' address. It then checks
that every answer the app acknowledged is still there and runs SQLite's integrity check, and
prints the figures. The exit code is 0 only if there was no 5xx, no unexpected answer, no
lost answer and the database is intact. ``--json`` prints the figures as one JSON object.

Every request loop is bounded: a fixed number of steps per user and a deadline.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from locust import FastHttpUser, constant, events, task
from locust.env import Environment
from locust.exception import StopUser

from .middleware import MAX_BODY_BYTES

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
USERS = 20
STEPS = 200
DEADLINE_SECONDS = 80
SETUP_STEPS = 50  # more than either questionnaire has questions
STARTUP_SECONDS = 60


@dataclass
class Ledger:
    """What the users saw, shared by all of them (gevent: one thread)."""

    acknowledged: dict[str, dict[str, Any]] = field(default_factory=dict)
    answers: int = 0
    unexpected: list[str] = field(default_factory=list)
    times: dict[str, list[float]] = field(default_factory=lambda: {"people": [], "hostile": []})
    server_errors: int = 0


LEDGER = Ledger()
Attack = tuple[str, str, str, str, dict[str, str], int]
"""A hostile request: its name, method, path, body, headers and the status it must get."""


def _count(name: str, response_time: float, response: Any, exception: Any, **_: Any) -> None:
    LEDGER.times["hostile" if name.startswith("hostile") else "people"].append(response_time)
    status = getattr(response, "status_code", 0) or 0
    if status >= 500:
        LEDGER.server_errors += 1


events.request.add_listener(_count)  # type: ignore[no-untyped-call]  # locust: untyped


def value_for(question: dict[str, Any], chance: random.Random) -> Any:
    """A valid answer to a question in outline form, chosen at random."""
    kind = question["kind"]
    if kind == "likert":
        return chance.randint(question["scale"]["min"], question["scale"]["max"])
    if kind == "multiple_choice":
        options = [option["id"] for option in question["options"]]
        return chance.sample(options, chance.randint(0, question["max_choices"]))
    if kind == "text":
        return chance.choice(["", "Happy to start.", "Ünïcode, <b>markup</b> & a long note " * 20])
    items = question.get("options") or question["statements"]
    return chance.choice(items)["id"]


class Person(FastHttpUser):
    """Onboards two people at a time through the API, with back, skip and a page now and
    then; starts a new onboarding when both have finished."""

    wait_time = constant(0)
    steps = STEPS
    seeds = itertools.count()

    def on_start(self) -> None:
        self.chance = random.Random(next(self.seeds))  # the same walks on every run
        self.taken = 0
        self.onboard()

    def onboard(self) -> None:
        with self.client.post(
            "/api/onboardings",
            json={"new_hire": "Ana", "manager": "Ben"},
            name="/api/onboardings",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                _unexpected(response, "create an onboarding")
                raise StopUser
            created = response.json()
        self.onboarding = created["id"]
        self.people = {person["id"]: person for person in created["participants"]}

    @task
    def step(self) -> None:
        if self.taken >= self.steps:
            raise StopUser
        self.taken += 1
        waiting = [link for link, person in self.people.items() if not person["done"]]
        if not waiting:
            self._get(f"/api/onboardings/{self.onboarding}/comparison", "comparison")
            self.onboard()
            return
        link = self.chance.choice(waiting)
        person = self.people[link]
        question = person["question"]
        roll = self.chance.random()
        if roll < 0.05:
            self._get(f"/p/{link}", "/p/{link}")
        elif roll < 0.08:
            self._get(f"/o/{self.onboarding}", "/o/{onboarding}")
        elif roll < 0.15 and person["number"] > 1:
            self._move(link, "back", {"question": question["id"]})
        elif roll < 0.2 and not question["required"]:
            self._move(link, "skip", {"question": question["id"]})
        else:
            value = value_for(question, self.chance)
            self._move(link, "answer", {"value": value, "question": question["id"]})

    def _move(self, link: str, move: str, body: dict[str, Any]) -> None:
        with self.client.post(
            f"/api/participants/{link}/{move}",
            json=body,
            name=f"/api/participants/{{link}}/{move}",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                _unexpected(response, f"{move} {body}")
                return
            self.people[link] = LEDGER.acknowledged[link] = response.json()
            LEDGER.answers += move == "answer"

    def _get(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                _unexpected(response, f"GET {name}")


class Hostile(FastHttpUser):
    """One user who posts the worst bodies there are, each expecting a clean refusal."""

    fixed_count = 1
    wait_time = constant(0)
    steps = STEPS

    def on_start(self) -> None:
        self.taken = 0
        response = self.client.post(
            "/api/onboardings", json={"new_hire": "Eve", "manager": "Mal"}, name="hostile setup"
        )
        created = response.json()
        self.onboarding = created["id"]
        self.new_hire, self.manager = (person["id"] for person in created["participants"])
        # The manager's fourth question is a multiple choice ('topics', up to two); the new
        # hire's last one is a note of up to 2,000 characters.
        self._answer_until(self.manager, "topics")
        self._answer_until(self.new_hire, "notes")
        limit = MAX_BODY_BYTES
        fits = limit - 100
        self.bodies: list[Attack] = [
            _json("repeated choices", self.manager, ["career_paths"] * (fits // 15), 422),
            _json("unknown choices", self.manager, ["x"] * (fits // 4), 422),
            _json("one huge choice", self.manager, ["x" * fits], 422),
            _json("huge note", self.new_hire, "x" * fits, 422),
            _raw("nested JSON", self.manager, '{"value": ' + "[" * (fits // 2) + "}", 400),
            _raw("over the limit", self.manager, "[" * (limit * 50), 413),
            _form("form, 999 repeated choices", self.manager, ["career_paths"] * 998, 422),
            _form("form, 5,000 fields", self.manager, ["x"] * 5000, 400),
            _form("form, one huge choice", self.manager, ["x" * (fits - 40)], 422),
            _form("form over the limit", self.manager, ["x" * limit * 4], 413),
        ]

    def _answer_until(self, link: str, question_id: str) -> None:
        chance = random.Random(0)
        current = self.client.get(f"/api/participants/{link}", name="hostile setup").json()
        for _ in range(SETUP_STEPS):
            if current["question"] is None or current["question"]["id"] == question_id:
                break
            value = value_for(current["question"], chance)
            current = self.client.post(
                f"/api/participants/{link}/answer", json={"value": value}, name="hostile setup"
            ).json()
        if current["question"] is None or current["question"]["id"] != question_id:
            LEDGER.unexpected.append(f"the hostile user never reached {question_id!r}")
            raise StopUser

    @task
    def attack(self) -> None:
        if self.taken >= self.steps:
            raise StopUser
        self.taken += 1
        if self.taken % 9 == 0:
            self._wrong_host()
            return
        name, method, path, body, headers, expected = self.bodies[self.taken % len(self.bodies)]
        with self.client.request(
            method, path, data=body, headers=headers, name=name, catch_response=True
        ) as response:
            if response.status_code != expected:
                _unexpected(response, f"{name}: expected {expected}")
            else:
                response.success()

    def _wrong_host(self) -> None:
        with self.client.get(
            f"/o/{self.onboarding}",
            headers={"Host": "evil.example"},
            name="hostile: Host header",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "evil.example" in (response.text or ""):
                _unexpected(response, "a page with links built from the Host header")


def _json(name: str, link: str, value: object, expected: int) -> Attack:
    body = json.dumps({"value": value}, separators=(",", ":"))
    return _raw(name, link, body, expected)


def _form(name: str, link: str, values: list[str], expected: int) -> Attack:
    body = urlencode([("question", "topics"), *(("value", value) for value in values)])
    headers = {"content-type": "application/x-www-form-urlencoded"}
    return (f"hostile: {name}", "POST", f"/p/{link}", body, headers, expected)


def _raw(name: str, link: str, body: str, expected: int) -> Attack:
    path = f"/api/participants/{link}/answer"
    return (f"hostile: {name}", "POST", path, body, {"content-type": "application/json"}, expected)


def _unexpected(response: Any, what: str) -> None:
    text = (response.text or "")[:200] if response.status_code else str(response.error)
    message = f"{what}: {response.status_code} {text}"
    LEDGER.unexpected.append(message)
    response.failure(message)


@dataclass
class Figures:
    requests: int
    users: int
    steps_per_user: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    people_p99_ms: float
    hostile_p99_ms: float
    hostile_requests: int
    server_errors: int
    unexpected: int
    answers_acknowledged: int
    participants_checked: int
    answers_lost: int
    states_differing: int
    integrity_check: str
    first_unexpected: list[str]

    @property
    def ok(self) -> bool:
        return (
            self.requests >= self.users * self.steps_per_user
            and self.server_errors == 0
            and self.unexpected == 0
            and self.answers_lost == 0
            and self.states_differing == 0
            and self.integrity_check == "ok"
        )


def run(users: int, steps: int) -> Figures:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "onboarding.sqlite3"
        with _server(database, Path(folder) / "server.log") as url:
            started = time.monotonic()
            requests = _load(url, users, steps)
            seconds = time.monotonic() - started
            lost, differing = _check_acknowledged(url)
        integrity = _integrity(database)
    people, hostile = LEDGER.times["people"], LEDGER.times["hostile"]
    every = people + hostile
    return Figures(
        requests=requests,
        users=users + 1,
        steps_per_user=steps,
        seconds=round(seconds, 1),
        requests_per_second=round(requests / seconds, 1),
        p50_ms=_percentile(every, 50),
        p99_ms=_percentile(every, 99),
        people_p99_ms=_percentile(people, 99),
        hostile_p99_ms=_percentile(hostile, 99),
        hostile_requests=len(hostile),
        server_errors=LEDGER.server_errors,
        unexpected=len(LEDGER.unexpected),
        answers_acknowledged=LEDGER.answers,
        participants_checked=len(LEDGER.acknowledged),
        answers_lost=lost,
        states_differing=differing,
        integrity_check=integrity,
        first_unexpected=LEDGER.unexpected[:5],
    )


def _load(url: str, users: int, steps: int) -> int:
    Person.steps = Hostile.steps = steps
    environment = Environment(user_classes=[Person, Hostile], host=url, events=events)
    runner = environment.create_local_runner()
    deadline = time.monotonic() + DEADLINE_SECONDS
    runner.start(users + 1, spawn_rate=users + 1)
    if runner.spawning_greenlet is not None:
        runner.spawning_greenlet.join(timeout=DEADLINE_SECONDS)
    while runner.user_count and time.monotonic() < deadline:
        time.sleep(0.1)  # gevent's, once locust is imported: the users run meanwhile
    if runner.user_count:
        LEDGER.unexpected.append(f"stopped at the {DEADLINE_SECONDS} s deadline")
    runner.quit()
    requests: int = environment.stats.total.num_requests
    return requests


def _check_acknowledged(url: str) -> tuple[int, int]:
    """Answers acknowledged but no longer saved, and participants not as last acknowledged."""
    lost = differing = 0
    with httpx.Client(base_url=url, timeout=60) as client:
        for link, acknowledged in LEDGER.acknowledged.items():
            saved = client.get(f"/api/participants/{link}").json()
            differing += saved != acknowledged
            lost += sum(
                saved["answers"].get(key) != value for key, value in acknowledged["answers"].items()
            )
    return lost, differing


def _integrity(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(row[0]) for row in rows)


def _percentile(times: list[float], percent: int) -> float:
    if len(times) < 2:
        return round(times[0], 1) if times else 0.0
    return round(statistics.quantiles(times, n=100, method="inclusive")[percent - 1], 1)


@contextmanager
def _server(database: Path, log: Path) -> Iterator[str]:
    """The app under uvicorn on a free port of 127.0.0.1, stopped at the end."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    url = f"http://{HOST}:{port}"
    environment = {**os.environ, "ONBOARDING_DB": str(database), "ONBOARDING_PUBLIC_URL": url}
    command = [sys.executable, "-m", "uvicorn", "examples.onboarding_web.app:app"]
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "--host", HOST, "--port", str(port)],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(server, port, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)


def _wait_for(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text(errors='replace')}")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not listen in {STARTUP_SECONDS} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=USERS, help="people onboarding at once")
    parser.add_argument("--steps", type=int, default=STEPS, help="requests per user")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args(argv)
    figures = run(arguments.users, arguments.steps)
    if arguments.json:
        print(json.dumps({**asdict(figures), "ok": figures.ok}))
    else:
        for key, value in asdict(figures).items():
            print(f"{key.replace('_', ' ')}: {value}")
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
