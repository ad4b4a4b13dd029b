"""The questionnaire JSON Schema in the language server editors use for YAML (Red Hat's
yaml-language-server, from npm), driven over stdio as an editor drives it: a misspelt key
gets a diagnostic on its line, and a key's hover shows its description."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

import guidestyle

from .conftest import DATA, ROOT

SERVER_VERSION = "1.25.0"
# where .ci/run installs it (the folder is in .gitignore); the test installs it there if not
SERVER_FOLDER = ROOT / ".cache" / "yaml-language-server"
SERVER = SERVER_FOLDER / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
WAIT = 60.0  # seconds any one reply may take, at most


def language_server() -> Path:
    """The server's script, installed from npm if need be; a skip that says why if not."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip(
            "Node.js and npm are not installed (the CI script installs Debian's nodejs npm)"
        )
    if not SERVER.exists():
        try:
            subprocess.run(
                [
                    npm,
                    "install",
                    "--prefix",
                    str(SERVER_FOLDER),
                    "--no-audit",
                    "--no-fund",
                    f"yaml-language-server@{SERVER_VERSION}",
                ],
                capture_output=True,
                timeout=300,
                check=True,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            reason = f"could not install yaml-language-server from npm: {error}"
            if os.environ.get("CI") == "true":  # CI has Node, so it must run the test
                pytest.fail(reason)
            pytest.skip(reason)
    return SERVER


class Client:
    """A minimal LSP client: JSON-RPC messages with Content-Length headers over pipes, every
    read bounded by a deadline so that a silent server fails the test instead of hanging it."""

    def __init__(self, server: Path) -> None:
        self.process = subprocess.Popen(
            ["node", str(server), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.buffer = b""
        self.next_id = 0
        self.notifications: list[dict[str, Any]] = []

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        asked = self.next_id
        self.send({"id": asked, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == asked and "method" not in message:
                assert "error" not in message, message
                return message.get("result")

    def notification(self, method: str, accept: Any) -> dict[str, Any]:
        """The first notification ``method`` whose params ``accept`` takes, waiting for it."""
        while True:
            for message in self.notifications:
                if message["method"] == method and accept(message["params"]):
                    params: dict[str, Any] = message["params"]
                    return params
            self.notifications.clear()
            self.receive()

    def receive(self) -> dict[str, Any]:
        """The next message; a request from the server is answered (settings, or nothing)."""
        message = self._read()
        if "method" in message and "id" in message:  # the server asks the client something
            result: Any = None
            if message["method"] == "workspace/configuration":
                result = [SETTINGS["yaml"] for _ in message["params"]["items"]]
            self.send({"id": message["id"], "result": result})
        elif "method" in message:
            self.notifications.append(message)
        return message

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + WAIT
        assert self.process.stdout is not None
        stream = self.process.stdout.fileno()
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                headers = self.buffer[:header_end].decode().split("\r\n")
                length = next(
                    int(line.split(":")[1])
                    for line in headers
                    if line.lower().startswith("content-length")
                )
                end = header_end + 4 + length
                if len(self.buffer) >= end:
                    body, self.buffer = self.buffer[header_end + 4 : end], self.buffer[end:]
                    message: dict[str, Any] = json.loads(body)
                    return message
            remaining = deadline - time.monotonic()
            assert remaining > 0, "the language server said nothing in time"
            ready, _, _ = select.select([stream], [], [], remaining)
            if ready:
                chunk = os.read(stream, 65536)
                assert chunk, "the language server ended"
                self.buffer += chunk

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=10)


SETTINGS: dict[str, Any] = {
    "yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}
}


@pytest.mark.slow
def test_a_misspelt_key_is_flagged_on_its_line_and_a_key_shows_its_description(
    tmp_path: Path,
) -> None:
    server = language_server()
    schema = tmp_path / "questionnaire.schema.json"
    schema.write_text(json.dumps(guidestyle.questionnaire_schema()), encoding="utf-8")
    text = (
        (DATA / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    distinction: duration\n    options:\n      - {id: years",
            "    distiction: duration\n    options:\n      - {id: years",
            1,
        )
    )
    text = f"# yaml-language-server: $schema={schema.as_uri()}\n{text}"
    lines = text.splitlines()
    misspelt = next(number for number, line in enumerate(lines) if "distiction" in line)
    audience = next(number for number, line in enumerate(lines) if line.startswith("audience:"))
    document = tmp_path / "q.yaml"
    document.write_text(text, encoding="utf-8")
    uri = document.as_uri()

    client = Client(server)
    try:
        client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": tmp_path.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}},
                },
            },
        )
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        published = client.notification(
            "textDocument/publishDiagnostics",
            lambda params: params["uri"] == uri and params["diagnostics"],
        )
        on_the_line = [
            diagnostic["message"]
            for diagnostic in published["diagnostics"]
            if diagnostic["range"]["start"]["line"] == misspelt
        ]
        assert any("distiction" in message for message in on_the_line), published
        hover = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": audience, "character": 2}},
        )
        contents = hover["contents"]
        shown = contents["value"] if isinstance(contents, dict) else json.dumps(contents)
        assert "Who answers this questionnaire." in shown
    finally:
        client.close()
