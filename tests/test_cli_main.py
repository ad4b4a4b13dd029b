"""The command line as a whole: help for every command, and the exit codes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import cast

import pytest

from guidestyle._cli import build_parser, commands, main

from .conftest import ROOT

COMMAND_NAMES = ["take", "score", "batch", "analyze", "simulate", "list", "show", "check", "schema"]


def test_every_command_is_listed_in_the_main_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for name in COMMAND_NAMES:
        assert f"    {name} " in out
    assert len(commands()) == len(COMMAND_NAMES)


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_every_command_has_full_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([name, "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: guidestyle {name}")
    subparsers = build_parser()._subparsers
    assert subparsers is not None
    choices = cast(dict[str, argparse.ArgumentParser], subparsers._group_actions[0].choices)
    parser = choices[name]
    assert parser.description
    for action in parser._actions:
        assert action.help, f"{name}: {action.dest} has no help"


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["score", "situation", "a.yaml", "--format", "pdf"])
    assert caught.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("guidestyle._builtins.builtin_ids", interrupted)
    assert main(["list"]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_a_broken_custom_template_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "report.txt").write_text("{{ ''.__class__ }}\n")
    answers = ROOT / "examples" / "answers" / "situation.yaml"
    assert main(["score", "situation", str(answers), "--template", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "report.txt:1: access to attribute '__class__' of 'str' object is unsafe\n"
    )


def test_a_custom_template_renders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "report.md").write_text(
        "{{ recommendation.label }} ({{ recommendation.strength }})\n"
    )
    answers = ROOT / "examples" / "answers" / "situation.yaml"
    assert (
        main(
            [
                "score",
                "situation",
                str(answers),
                "--template",
                str(tmp_path),
                "--format",
                "markdown",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == "Mentoring (clear)\n"
