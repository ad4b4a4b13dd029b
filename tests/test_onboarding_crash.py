"""The onboarding web example keeps every acknowledged answer when its server is killed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("httpx")

import httpx

from .conftest import ROOT

pytestmark = pytest.mark.slow  # a real server, killed: run by CI, not the quick loop

APP = "examples.onboarding_web.app:app"  # as examples/onboarding_web/README.md starts it
STARTUP_SECONDS = 120  # a slow, shared machine


class Server:
    """The app under uvicorn in a subprocess, on a free localhost port."""

    def __init__(self, database: Path, log: Path) -> None:
        self.database = database
        self.log = log
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._output: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = _free_port()
        self._output = self.log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", APP, "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT,
            env={
                **os.environ,
                "ONBOARDING_DB": str(self.database),
                "ONBOARDING_PUBLIC_URL": self.url,
            },
            stdout=self._output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited:\n{self.log.read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"the server did not listen:\n{self.log.read_text(errors='replace')}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flushing; only what is on disk survives."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=60)
        self._close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=60)
        self._close()

    def _close(self) -> None:
        if self._output is not None:
            self._output.close()
            self._output = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "onboarding.sqlite3", tmp_path / "server.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


def value_for(question: dict[str, Any]) -> Any:
    kind = question["kind"]
    if kind == "likert":
        return question["scale"]["min"]
    if kind == "multiple_choice":
        return [option["id"] for option in question["options"][: question["max_choices"]]]
    if kind == "text":
        return "Written just before the crash."
    return (question.get("options") or question["statements"])[-1]["id"]


def answer(client: httpx.Client, link: str) -> dict[str, Any]:
    current = client.get(f"/api/participants/{link}").json()
    response = client.post(
        f"/api/participants/{link}/answer",
        json={"value": value_for(current["question"]), "question": current["question"]["id"]},
    )
    assert response.status_code == 200, response.text
    acknowledged: dict[str, Any] = response.json()
    return acknowledged


def test_acknowledged_answers_survive_sigkill(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        created = client.post("/api/onboardings", json={"new_hire": "Ana", "manager": "Ben"})
        assert created.status_code == 201, created.text
        new_hire, manager = (person["id"] for person in created.json()["participants"])
        acknowledged = {new_hire: answer(client, new_hire), manager: answer(client, manager)}
        for _ in range(4):
            acknowledged[new_hire] = answer(client, new_hire)
        acknowledged[manager] = answer(client, manager)

    server.kill()  # right after an acknowledged answer, before the next one
    server.start()  # the same database file, a new process

    with httpx.Client(base_url=server.url, timeout=60) as client:
        for link, last in acknowledged.items():
            assert client.get(f"/api/participants/{link}").json() == last
        assert len(acknowledged[new_hire]["answers"]) == 5
        assert acknowledged[new_hire]["number"] == 6
        assert len(acknowledged[manager]["answers"]) == 2
        while not answer(client, new_hire)["done"]:
            pass
        while not answer(client, manager)["done"]:
            pass
        comparison = client.get(f"/api/participants/{new_hire}/comparison")
        assert comparison.status_code == 200
        assert comparison.json()["labels"] == ["Ana (new hire)", "Ben (manager)"]


def test_the_access_log_never_shows_a_link(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        created = client.post("/api/onboardings", json={"new_hire": "Ana", "manager": "Ben"})
        onboarding = created.json()["id"]
        new_hire, manager = (person["id"] for person in created.json()["participants"])
        answer(client, new_hire)
        for path in (
            f"/o/{onboarding}",
            f"/p/{manager}?outdated=true",
            f"/p/{new_hire}/reports/new_hire",
            f"/api/participants/{new_hire}x",
        ):
            client.get(path)
    log = server.log.read_text(encoding="utf-8")
    for link in (onboarding, new_hire, manager):
        assert link not in log
    for line in (
        '"POST /api/onboardings HTTP/1.1" 201',
        '"POST /api/participants/*/answer HTTP/1.1" 200',
        '"GET /o/* HTTP/1.1" 200',
        '"GET /p/*?* HTTP/1.1" 200',
        '"GET /p/*/reports/new_hire HTTP/1.1" 409',
        '"GET /api/participants/* HTTP/1.1" 404',
    ):
        assert line in log
