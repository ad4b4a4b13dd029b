"""The text report: a summary that fits one screen by default on the command line, the whole
report with ``--details``; where the answers stand on a distinction said in words that fit."""

from __future__ import annotations

from pathlib import Path

import pytest

import guidestyle
from guidestyle._cli import main

from .conftest import DATA, ROOT

ENGINE = guidestyle.load(DATA / "engine.yaml")
ANSWERS = {"l1": 5, "l2": 5, "l3": 1, "fc": "s1", "mc": [], "team": "solo", "note": "mine"}


def test_the_summary_of_a_clear_call() -> None:
    result = guidestyle.score(ENGINE, ANSWERS)
    assert guidestyle.render(result, ENGINE, "text", details=False) == (
        "Engine fixture\n"
        "==============\n"
        "\n"
        "Recommended: Mentoring\n"
        "Mentoring is a clear fit: it scores 62.50 points ahead of Coaching.\n"
        "\n"
        "  Mentoring   ███████████████░░░░░   75.00  <- recommended\n"
        "  Coaching    ██░░░░░░░░░░░░░░░░░░   12.50\n"
        "  Leadership  ░░░░░░░░░░░░░░░░░░░░    0.00\n"
        "\n"
        "Why Mentoring over Coaching, above all:\n"
        "  1. L1 (Strongly agree)\n"
        "  2. FC (S1)\n"
        "\n"
        "The whole report, with each distinction and your notes: add --details\n"
        "Questionnaire: engine, version 1\n"
    )


def test_the_summary_shows_at_most_three_reasons_and_two_first_steps() -> None:
    situation = guidestyle.builtin("situation")
    answers = guidestyle.load_answers(ROOT / "examples" / "answers" / "situation.yaml")
    result = guidestyle.score(situation, answers)
    summary = guidestyle.render(result, situation, "text", details=False)
    reasons, steps = summary.split("First steps")
    assert len(situation.results["mentoring"].first_steps) > 2
    assert [f"\n  {n}. " in reasons for n in (1, 2, 3, 4)] == [True, True, True, False]
    assert [f"\n  {n}. " in steps for n in (1, 2, 3)] == [True, True, False]
    assert len(summary.splitlines()) <= 30
    assert "WHERE THE ANSWERS STAND" in guidestyle.render(result, situation, "text")


@pytest.mark.parametrize(
    ("answers", "clear_margin", "focus", "scope"),
    [
        (ANSWERS, 15, "clearly Mentoring", "even between Mentoring and Coaching"),  # 100/0/0
        (
            {**ANSWERS, "l1": 4, "l2": 2},
            30,
            "leans to Mentoring",
            "even between Mentoring and Coaching",
        ),
        (
            {"l1": 3, "l2": 2, "l3": 4, "fc": "s1", "mc": ["c"], "team": "solo"},
            15,
            "even between Mentoring, Coaching and Leadership",
            "clearly Leadership",
        ),
    ],
)
def test_where_the_answers_stand_on_each_distinction(
    tmp_path: Path, answers: dict[str, object], clear_margin: int, focus: str, scope: str
) -> None:
    text = (DATA / "engine.yaml").read_text(encoding="utf-8")
    path = tmp_path / "q.yaml"
    path.write_text(f"{text}scoring: {{clear_margin: {clear_margin}}}\n", encoding="utf-8")
    questionnaire = guidestyle.load(path)
    report = guidestyle.render(guidestyle.score(questionnaire, answers), questionnaire, "text")
    stances = [
        line.split("): ")[1] for line in report.splitlines() if "question" in line and "): " in line
    ]
    assert stances == [focus, scope]


def test_the_command_line_prints_the_summary_unless_asked_for_details(
    capsys: pytest.CaptureFixture[str],
) -> None:
    answers = ROOT / "examples" / "answers" / "situation.yaml"
    situation = guidestyle.builtin("situation")
    result = guidestyle.score(situation, guidestyle.load_answers(answers))
    assert main(["score", "situation", str(answers)]) == 0
    assert capsys.readouterr().out == guidestyle.render(result, situation, "text", details=False)
    assert main(["score", "situation", str(answers), "--details"]) == 0
    assert capsys.readouterr().out == guidestyle.render(result, situation, "text")


def test_readme_shows_what_its_first_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0]
    assert main(["score", "situation", str(ROOT / "examples" / "answers" / "situation.yaml")]) == 0
    assert capsys.readouterr().out == shown
