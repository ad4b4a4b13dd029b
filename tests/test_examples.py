"""Every example script runs, as a reader would run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

EXAMPLES = ROOT / "examples"


def run(script: str, *arguments: str, cwd: Path) -> str:
    completed = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    return completed.stdout


def test_quickstart(tmp_path: Path) -> None:
    out = run("quickstart.py", cwd=tmp_path).splitlines()
    assert out[0] == "learner 1.0.0 - 23 questions"
    assert out[1].startswith("Recommended: ")
    assert len(out) == 6  # three scores and the drivers follow


def test_html_report(tmp_path: Path) -> None:
    out = run("html_report.py", "report.html", cwd=tmp_path)
    assert out == "coaching (clear); report written to report.html\n"
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html
    assert "Delegation first" in html


def test_custom_questionnaire(tmp_path: Path) -> None:
    out = run("custom_questionnaire.py", cwd=tmp_path).splitlines()
    assert out[0] == "new-team-lead 1.0: 0 linter finding(s)"
    assert out[1] == "Quel accompagnement pour votre prise de poste de responsable d'équipe ?"
    assert out[-1].startswith("Recommended: ")


def test_example_questionnaire_passes_check_without_warnings() -> None:
    import guidestyle

    assert guidestyle.lint(guidestyle.load(EXAMPLES / "questionnaire.yaml")) == ()
