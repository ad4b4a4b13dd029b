from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# dev: the quick loop while working; ci: CI's thorough, reproducible run; ci-quick: as ci but
# with fewer examples, for CI's second run against the lowest dependency versions
settings.register_profile("dev", max_examples=10, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci-quick", settings.get_profile("ci"), max_examples=60)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev")
)


def quick(config: pytest.Config) -> bool:
    """Whether this is the quick loop: ``-m "not slow"``."""
    return (config.getoption("markexpr") or "").strip() == "not slow"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (in pyproject's addopts): the quick loop (``-m "not slow"``) on two workers;
    a run with the slow tests in one process, since those time themselves against each other
    and start servers, browsers and clusters that must not share the machine."""
    return min(2, os.cpu_count() or 1) if quick(config) else 0


SLOW_MODULE = "\npytestmark = pytest.mark.slow"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The quick loop does not import a module whose tests are all slow (``pytestmark =
    pytest.mark.slow`` at its top level): it would deselect every test in it, and every
    worker would still pay for importing what it needs (Dask, pandas, schemathesis…)."""
    if quick(config) and collection_path.suffix == ".py" and collection_path.is_file():
        return SLOW_MODULE in collection_path.read_text(encoding="utf-8") or None
    return None


class Lazily:
    """A module imported when a test first uses it, skipping that test if it is not installed
    (``pytest.importorskip``): collecting the tests imports none of the heavy test-only
    libraries (pingouin brings scipy and matplotlib), and tests that do not use one run
    without it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("_"):  # what pytest asks of every name while it collects
            raise AttributeError(attribute)
        return getattr(pytest.importorskip(self._name), attribute)


DATA = Path(__file__).parent / "data"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Chromium as the closed network here needs it: no sandbox (root), no background traffic
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """Debian's Chromium, or a skip that says why there is none."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (the CI script installs Debian's chromium)")
    return browser


def screenshot(html: str, size: tuple[int, int], folder: Path) -> bytes:
    """``html`` as headless Chromium draws it in a window of ``size``: a PNG of that size."""
    page, picture = folder / "page.html", folder / "page.png"
    page.write_text(html, encoding="utf-8")
    width, height = size
    command = [
        chromium(),
        "--headless",
        *CHROMIUM_FLAGS,
        f"--user-data-dir={folder / 'profile'}",
        f"--window-size={width},{height}",
        f"--screenshot={picture}",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert picture.is_file(), done.stderr[-2000:]
    png = picture.read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    assert struct.unpack(">II", png[16:24]) == size  # the IHDR chunk: width, height
    return png


ROOT = Path(__file__).parent.parent


@pytest.fixture
def minimal_text() -> str:
    """A small questionnaire that loads and lints clean; tests edit copies of it."""
    return (DATA / "minimal.yaml").read_text(encoding="utf-8")


def run_guidestyle(
    cwd: Path, *arguments: str, lines: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``guidestyle ARGUMENTS`` in a real process, fed ``lines`` on standard input."""
    return subprocess.run(
        [sys.executable, "-m", "guidestyle", *arguments],
        input="".join(line + "\n" for line in lines or []),
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    """A client of a local Dask cluster of two worker processes, one thread each, shared by
    the tests that scale out (it takes seconds to start)."""
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client
