"""The onboarding web example under load: 20 people and one hostile user, with locust.

The load test is a script (``python -m examples.onboarding_web.load_test``) that starts the
server on 127.0.0.1, runs a bounded number of steps and prints its figures; this test runs
it as a reader would and holds it to them. locust patches the standard library with gevent
when it is imported, so it runs in a process of its own and is looked up here, not imported.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def test_twenty_people_and_a_hostile_user_lose_nothing() -> None:
    for needed in ("locust", "uvicorn", "httpx"):
        if importlib.util.find_spec(needed) is None:
            pytest.skip(f"{needed} is not installed (the load extra, which dev includes)")
    completed = subprocess.run(
        [sys.executable, "-m", "examples.onboarding_web.load_test", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=240,
        check=False,
    )
    assert completed.stdout, completed.stderr
    figures = json.loads(completed.stdout.splitlines()[-1])
    print(figures)  # shown with -s, and by pytest when the test fails
    assert figures["first_unexpected"] == []
    assert figures["users"] == 21
    assert figures["requests"] >= 21 * 200
    assert figures["hostile_requests"] >= 200
    assert figures["answers_acknowledged"] > 1000
    assert figures["participants_checked"] > 40
    assert (figures["server_errors"], figures["unexpected"]) == (0, 0)
    assert (figures["answers_lost"], figures["states_differing"]) == (0, 0)
    assert figures["integrity_check"] == "ok"
    assert (figures["ok"], completed.returncode) == (True, 0)
