"""README's two set-up commands stay true: CI runs the very test command README gives."""

from __future__ import annotations

import contextlib
import io

import pytest

from .conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = text.split("```")[1::2]
    return [
        line
        for block in blocks
        for line in block.splitlines()
        if line.startswith("python3 -m venv")
    ]


def test_readme_has_exactly_two_setup_commands() -> None:
    assert len(readme_commands()) == 2


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    marker = next(i for i, line in enumerate(ci_lines) if line.startswith("# README test command"))
    assert ci_lines[marker + 1] in readme_commands()
    assert ci_lines[marker + 1].endswith("python -m pytest")


def test_readme_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = text.split("```python\n")[1].split("```")[0]
    monkeypatch.chdir(ROOT)
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, "README.md", "exec"), {})
    assert output.getvalue().startswith("mentoring clear {'mentoring': Decimal('96.43')")
