"""Every example script runs, as a reader would run it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert out[0] == "learner 2.0.0 - 22 questions"
    assert out[1].startswith("Recommended: ")
    assert len(out) == 6  # three scores and the drivers follow


def test_html_report_into_a_named_folder(tmp_path: Path) -> None:
    out = run("html_report.py", "out", cwd=tmp_path)
    assert out == f"coaching (clear); report written to {Path('out', 'report.html')}\n"
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html
    assert "Delegation first" in html


def test_html_report_without_a_folder_writes_into_a_new_temporary_one(tmp_path: Path) -> None:
    out = run("html_report.py", cwd=tmp_path)
    prefix = "coaching (clear); report written to "
    assert out.startswith(prefix)
    target = Path(out.removeprefix(prefix).rstrip("\n"))
    try:
        assert list(tmp_path.iterdir()) == []
        assert target.parent.name.startswith("report-")
        assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    finally:
        shutil.rmtree(target.parent)


def test_custom_questionnaire(tmp_path: Path) -> None:
    out = run("custom_questionnaire.py", cwd=tmp_path).splitlines()
    assert out[0] == "new-team-lead 1.0: 0 linter finding(s)"
    assert out[1] == "Quel accompagnement pour votre prise de poste de responsable d'équipe ?"
    assert out[-1].startswith("Recommended: ")


def test_example_questionnaire_passes_check_without_warnings() -> None:
    import guidestyle

    assert guidestyle.lint(guidestyle.load(EXAMPLES / "questionnaire.yaml")) == ()


@pytest.mark.slow
def test_cohort(tmp_path: Path) -> None:
    """Without a folder it writes into a new temporary one, never where it is run."""
    out = run("cohort.py", cwd=tmp_path).splitlines()
    assert out[0] == "scored 10,000 respondents (0 rejected)"
    assert [line.split(":")[0] for line in out[1:4]] == ["mentoring", "coaching", "leadership"]
    prefix = "wrote cohort.csv, scored.csv and analysis.html to "
    assert out[4].startswith(prefix)
    folder = Path(out[4].removeprefix(prefix))
    try:
        assert list(tmp_path.iterdir()) == []
        assert folder.name.startswith("cohort-")
        scored = (folder / "scored.csv").read_text(encoding="utf-8").splitlines()
        assert len(scored) == 10_001
        assert scored[0] == "respondent,style,strength,mentoring,coaching,leadership"
        page = (folder / "analysis.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert "Analysis of 10,000 respondents" in page
    finally:
        shutil.rmtree(folder)
