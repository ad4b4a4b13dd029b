"""``guidestyle score`` given a file that is not answers to the questionnaire: one line that
says what the file is and what to run instead."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import guidestyle
from guidestyle._cli import main

from .conftest import DATA

ENGINE = str(DATA / "engine.yaml")


def answers_to(questionnaire: guidestyle.Questionnaire) -> dict[str, object]:
    """Valid answers to every scored question shown: each question's first possible answer."""
    given = {
        question.id: next(a for a in question.possible_answers(questionnaire) if a != ())
        for question in questionnaire.questions
        if question.scored
    }
    shown = set(guidestyle.Scorer(questionnaire).shown(given))
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in given.items()
        if key in shown
    }


def score_error(capsys: pytest.CaptureFixture[str], questionnaire: str, path: Path) -> str:
    assert main(["score", questionnaire, str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_a_saved_session(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    learner = guidestyle.builtin("learner")
    session = guidestyle.Session.start(learner)
    first = next(iter(answers_to(learner).values()))
    (tmp_path / "prog.json").write_text(session.answer(first).to_json(), encoding="utf-8")
    assert score_error(capsys, "situation", tmp_path / "prog.json") == (
        f"{tmp_path}/prog.json is progress saved by 'guidestyle take' for 'learner', not a set of "
        f"answers; continue it with: guidestyle take learner --resume {tmp_path}/prog.json\n"
    )


def test_a_saved_session_of_a_questionnaire_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "prog.json"
    saved.write_text(guidestyle.Session.start(guidestyle.load(ENGINE)).to_json(), encoding="utf-8")
    assert score_error(capsys, ENGINE, saved) == (
        f"{saved} is progress saved by 'guidestyle take' for 'engine', not a set of answers; "
        f"continue it with: guidestyle take PATH-OF-ITS-QUESTIONNAIRE --resume {saved}\n"
    )


def test_answers_to_another_built_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(answers_to(guidestyle.builtin("learner"))), encoding="utf-8")
    assert score_error(capsys, "situation", path) == (
        f"{path} looks like answers to 'learner', not to 'situation'; "
        f"run: guidestyle score learner {path}\n"
    )
    assert main(["score", "learner", str(path), "--format", "json"]) == 0


def test_a_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    engine = guidestyle.load(ENGINE)
    path = tmp_path / "result.json"
    path.write_text(guidestyle.score(engine, answers_to(engine)).to_json(), encoding="utf-8")
    assert score_error(capsys, ENGINE, path) == (
        f"{path} is a result (of 'engine'), not a set of answers; "
        "score the answers it was made from instead\n"
    )


def test_a_questionnaire(capsys: pytest.CaptureFixture[str]) -> None:
    assert score_error(capsys, "situation", Path(ENGINE)) == (
        f"{ENGINE} is a questionnaire, not a set of answers; answer it with: guidestyle take {ENGINE}\n"
    )


def test_answers_with_a_few_mistakes_keep_their_own_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = guidestyle.load(ENGINE)
    answers = {**answers_to(engine), "l1": 9}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    error = score_error(capsys, ENGINE, path)
    assert error.startswith(f"{path}:1:")
    assert "l1: expected a whole number from 1 to 5, found the number 9" in error


def test_take_resume_given_answers_a_result_or_a_questionnaire(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = guidestyle.load(ENGINE)
    answers = tmp_path / "answers.yaml"
    answers.write_text("l1: 5\nl2: 2\n", encoding="utf-8")
    result = tmp_path / "result.json"
    result.write_text(guidestyle.score(engine, answers_to(engine)).to_json(), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    expected = {
        answers: f"{answers} holds answers, not progress saved by 'guidestyle take'; "
        f"score them with: guidestyle score engine {answers}\n",
        result: f"{result} is a result, not progress saved by 'guidestyle take'; "
        "take the questionnaire anew with: guidestyle take engine\n",
        Path(ENGINE): f"{ENGINE} is a questionnaire, not progress saved by 'guidestyle take'; "
        f"answer it with: guidestyle take {ENGINE}\n",
    }
    for path, message in expected.items():
        assert main(["take", ENGINE, "--resume", str(path)]) == 1
        assert capsys.readouterr().err == message
