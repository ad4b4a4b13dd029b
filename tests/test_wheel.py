"""The built-ins ship inside the wheel: build it, install it into a fresh virtual
environment, and load all three questionnaires from there, and score one on its compiled
plan."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

CHECK = """
import json, guidestyle
ENGLISH_ONLY = open(__import__("sys").argv[1], encoding="utf-8").read()
print(json.dumps({
    "file": guidestyle.__file__,
    "builtins": {name: len(guidestyle.builtin(name).questions) for name in guidestyle.builtin_ids()},
    "catalogue": len(guidestyle.catalogue().distinctions),
    "typed": __import__("importlib.resources").resources.files("guidestyle").joinpath("py.typed").is_file(),
    "french": guidestyle.outline(guidestyle.loads(ENGLISH_ONLY), "fr")["notice"],
}))
"""

# a built-in scored from the wheel, on the plan it ships: no pydantic
SCORE = """
import contextlib, io, json, sys, guidestyle._cli
with contextlib.redirect_stdout(io.StringIO()) as out:
    guidestyle._cli.main(sys.argv[1:])
result = json.loads(out.getvalue())
print(json.dumps([result["recommendation"]["style"], "pydantic" in sys.modules]))
"""


def run(*command: str | Path, cwd: Path) -> str:
    completed = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


@pytest.mark.slow
def test_wheel_carries_the_builtins(tmp_path: Path) -> None:
    import json

    run(sys.executable, "-m", "build", "--wheel", "--outdir", tmp_path / "dist", ROOT, cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("guidestyle-*.whl")
    run(sys.executable, "-m", "venv", tmp_path / "venv", cwd=tmp_path)
    python = tmp_path / "venv" / "bin" / "python"
    run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    report = json.loads(
        run(python, "-c", CHECK, ROOT / "tests" / "data" / "minimal.yaml", cwd=tmp_path)
    )
    assert report["file"].startswith(str(tmp_path / "venv"))  # the wheel, not the checkout
    assert report["builtins"] == {"guide": 34, "learner": 22, "situation": 18}
    assert report["catalogue"] == 9
    assert report["typed"] is True
    assert report["french"] == (  # the compiled catalogue ships in the wheel
        "Ce questionnaire n'est pas rédigé en français\u00a0: ses textes sont en anglais."
    )
    answers = ROOT / "examples" / "answers" / "situation.yaml"
    scored = run(
        python, "-c", SCORE, "score", "situation", answers, "--format", "json", cwd=tmp_path
    )
    assert json.loads(scored) == ["mentoring", False]
    listing = run(tmp_path / "venv" / "bin" / "guidestyle", "list", cwd=tmp_path)
    assert [line.split()[0] for line in listing.splitlines()] == ["guide", "learner", "situation"]
