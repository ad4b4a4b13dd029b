"""``guidestyle list``, ``show`` and ``score`` as a user runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import guidestyle
from guidestyle._cli import main

from .conftest import ROOT

ANSWERS = ROOT / "examples" / "answers" / "situation.yaml"


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "guide      2.0.0  34 questions  Which way of guiding do you practise?",
        "learner    2.0.0  22 questions  What kind of support do you want?",
        "situation  2.0.0  18 questions  What kind of guidance does this situation call for?",
    ]


def test_show_text_numbers_questions_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "situation"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "What kind of guidance does this situation call for?  (situation 2.0.0)\n"
    )
    assert (
        "\n1. [who_is_guided] Who is to be guided, and in what setting?\n   1) [one_personal] One"
        in out
    )
    assert "(asked only when " in out


def test_show_json_is_the_outline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "guide", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == guidestyle.outline(guidestyle.builtin("guide"))
    first = data["questions"][0]
    assert set(first) == {"id", "kind", "text", "help", "required", "show_if", "scale"}
    assert (first["scale"]["min"], first["scale"]["max"]) == (1, 5)
    assert "style" not in json.dumps(data["questions"])  # how answers score is not given away


def test_outline_answers_are_valid_answers() -> None:
    """Answers built only from the outline (first choice everywhere) score without error."""

    questionnaire = guidestyle.builtin("situation")
    answers: dict[str, Any] = {}
    for question in guidestyle.outline(questionnaire)["questions"]:
        condition = questionnaire.question(question["id"]).show_if
        if condition is not None and not condition.holds(
            {k: tuple(v) if isinstance(v, list) else v for k, v in answers.items()}
        ):
            continue
        if "options" in question:
            first = question["options"][0]["id"]
            answers[question["id"]] = [first] if question["kind"] == "multiple_choice" else first
    assert guidestyle.score(questionnaire, answers).recommendation.style in questionnaire.styles


def test_score_prints_the_result_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "situation", str(ANSWERS), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recommendation"]["style"] == "mentoring"
    assert data["recommendation"]["strength"] == "clear"
    assert set(data["scores"]) == {"mentoring", "coaching", "leadership"}
    assert data["margin"] == round(data["scores"]["mentoring"] - data["scores"]["coaching"], 2)
    assert data["questionnaire"]["digest"] == guidestyle.builtin("situation").digest


def test_score_reads_stdin_and_writes_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ANSWERS.read_bytes())))
    output = tmp_path / "result.json"
    assert main(["score", "situation", "-", "--format", "json", "-o", str(output)]) == 0
    assert capsys.readouterr().out == ""
    result = guidestyle.Result.from_json(output.read_text(encoding="utf-8"))
    assert result.recommendation.style == "mentoring"
    assert [path.name for path in tmp_path.iterdir()] == ["result.json"]  # no temporary left


def test_invalid_answers_exit_1_with_located_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        ANSWERS.read_text(encoding="utf-8").replace(
            "who_is_guided: one_personal", "who_is_guided: forever"
        )
        + "time_frme: 3\n"
    )
    assert main(["score", "situation", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{path}:6:16: who_is_guided: unknown option 'forever'; expected one of: one_personal, one_sessions, whole_team, small_circle",
        f"{path}:21:12: time_frme: unknown question 'time_frme' (did you mean 'time_frame'?)",
    ]


def test_answers_file_with_unsafe_yaml_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("time_frame: !!python/object/apply:os.system ['true']\n")
    assert main(["score", "situation", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"{path}:1:13: time_frame: tags are not allowed (found '!!python/object/apply:os.system') "
        "(remove the tag; write plain values)\n"
    )


def test_unknown_questionnaire(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "situatoin", str(ANSWERS)]) == 1
    assert capsys.readouterr().err == (
        "no built-in questionnaire 'situatoin'; built-ins: guide, learner, situation "
        "(did you mean 'situation'?)\n"
    )


def test_missing_answers_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "situation", "nowhere.yaml"]) == 1
    assert (
        capsys.readouterr().err == "nowhere.yaml: cannot read the file: No such file or directory\n"
    )


def test_score_prints_a_text_report_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "situation", str(ANSWERS)]) == 0
    out = capsys.readouterr().out
    assert "This situation calls for a mentor." in out
    assert "Questionnaire: situation, version 2.0.0" in out


def test_writing_to_a_missing_folder_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nowhere" / "report.html"
    assert main(["score", "situation", str(ANSWERS), "--format", "html", "-o", str(target)]) == 1
    assert capsys.readouterr().err == f"cannot write {target}: No such file or directory\n"
    assert main(["score", "situation", str(ANSWERS), "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"cannot write {tmp_path}: it is a folder\n"
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    import os

    previous = os.umask(0o022)
    try:
        assert main(["score", "situation", str(ANSWERS), "-o", str(tmp_path / "r.txt")]) == 0
    finally:
        os.umask(previous)
    assert (tmp_path / "r.txt").stat().st_mode & 0o777 == 0o644


def test_answers_files_read_yes_and_no_as_text(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("agenda: yes\nid: 012\n")
    assert guidestyle.load_answers(path) == {"agenda": "yes", "id": "012"}
    with pytest.raises(guidestyle.AnswersError) as caught:
        guidestyle.loads_answers("- a\n", source="a.yaml")
    assert (
        str(caught.value)
        == "a.yaml:1:1: answers must be a mapping of question id to answer, found a list"
    )


def test_piping_into_a_reader_that_stops_early_is_not_an_error() -> None:
    import subprocess
    import sys

    completed = subprocess.run(
        f'"{sys.executable}" -m guidestyle schema | head -1',
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.stdout == "{\n"
    assert completed.stderr == ""


@pytest.mark.parametrize(
    ("name", "start"),
    [("s.html", "<!DOCTYPE html>"), ("s.md", "# "), ("s.json", "{"), ("s.txt", ""), ("s", "")],
)
def test_the_format_of_a_report_file_follows_its_extension(
    tmp_path: Path, name: str, start: str
) -> None:
    output = tmp_path / name
    assert main(["score", "situation", str(ANSWERS), "-o", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    assert text.startswith(start)
    if name in ("s.txt", "s"):
        questionnaire = guidestyle.builtin("situation")
        result = guidestyle.score(questionnaire, guidestyle.load_answers(ANSWERS))
        summary = guidestyle.render(result, questionnaire, "text", details=False)
        assert text.rstrip("\n") == summary.rstrip("\n")


def test_a_format_the_extension_contradicts_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["score", "situation", str(ANSWERS), "--format", "json", "-o", "s.HTML"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "guidestyle score: error: --format json contradicts -o s.HTML, whose extension means "
        "html; drop one of them, or make them agree"
    )
    assert (
        main(
            ["score", "situation", str(ANSWERS), "--format", "html", "-o", str(tmp_path / "s.htm")]
        )
        == 0
    )
