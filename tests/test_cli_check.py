"""``guidestyle check`` and ``guidestyle schema`` through ``main``, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import guidestyle
from guidestyle._cli import main

from .conftest import ROOT


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_valid_file(
    tmp_path: Path, minimal_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "ok.yaml", minimal_text)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok\n"


def test_check_shows_warnings_and_still_passes(
    tmp_path: Path, minimal_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = minimal_text.replace(
        "  leadership: {headline: Leadership, looks_like: Clear direction., first_steps: [Set the purpose.]}\n",
        "",
    )
    path = write(tmp_path, "warn.yaml", text)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"{path}:48:1: results: warning: style 'leadership' has no result texts for reports [missing-result]\n"
        f"{path}: 1 warning\n"
    )
    capsys.readouterr()
    assert main(["check", "--strict", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == f"{path}: 1 warning, failing under --strict"


def test_check_several_files_fails_when_any_is_invalid(
    tmp_path: Path, minimal_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "good.yaml", minimal_text)
    bad = write(
        tmp_path,
        "bad.yaml",
        minimal_text.replace("style", "style").replace("format: 1", "format: 1\nfromat: 1"),
    )
    assert main(["check", str(good), str(bad)]) == 1
    assert capsys.readouterr().out == (
        f"{good}: ok\n{bad}:2:1: unknown key 'fromat' (did you mean 'format'?)\n{bad}: invalid\n"
        "2 files: 1 passed, 1 failed\n"
    )


def test_check_reports_lint_errors_with_exit_1(
    tmp_path: Path, minimal_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = minimal_text.replace(
        "weights: {leadership: 2}", "weights: {leadership: 2, mentoring: 2}"
    )
    path = write(tmp_path, "unreachable.yaml", text)
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == f"{path}: 1 error"


def test_schema_is_json_schema_of_the_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {
        "format",
        "id",
        "version",
        "title",
        "description",
        "audience",
        "styles",
        "distinctions",
        "questions",
    }
    kinds = {
        definition["properties"]["kind"]["const"]
        for name, definition in schema["$defs"].items()
        if "kind" in definition.get("properties", {}) and name != "Question"
    }
    assert kinds == {"likert", "single_choice", "multiple_choice", "forced_choice", "text"}
    question = schema["$defs"]["Question"]
    assert set(question["properties"]["kind"]["enum"]) == kinds
    assert schema["properties"]["questions"]["items"] == {"$ref": "#/$defs/Question"}


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2
    assert "the following arguments are required: PATH" in capsys.readouterr().err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "check" in out
    assert "schema" in out


@pytest.mark.parametrize("kind", ["session", "result", "comparison"])
def test_schema_of_other_formats(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", kind]) == 0
    assert (
        json.loads(capsys.readouterr().out)["$schema"]
        == "https://json-schema.org/draft/2020-12/schema"
    )


def test_schema_of_answers_needs_a_questionnaire(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "answers", "learner"]) == 0
    learner = guidestyle.builtin("learner")
    assert json.loads(capsys.readouterr().out)["title"] == f"Answers to learner {learner.version}"
    with pytest.raises(SystemExit) as caught:
        main(["schema", "answers"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "guidestyle schema: error: 'schema answers' needs a QUESTIONNAIRE (a built-in id or a path)"
    )


def test_a_folder_is_walked_and_what_is_not_a_questionnaire_is_skipped(
    tmp_path: Path, minimal_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "b.yaml", minimal_text)
    (tmp_path / "answers").mkdir()
    write(tmp_path / "answers", "mine.yml", "horizon: years\npace: plan\n")
    write(tmp_path / "answers", "notes.txt", "not YAML, not looked at")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "broken.yaml", "format: [")
    write(tmp_path, "a.yaml", "- a list\n")
    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().out == (
        f"{tmp_path}/a.yaml: skipped, not a questionnaire: it is a list, and a questionnaire is a mapping\n"
        f"{tmp_path}/b.yaml: ok\n"
        f"{tmp_path}/answers/mine.yml: skipped, not a questionnaire: it is answers (question ids and what was answered)\n"
        "3 files: 1 passed, 0 failed, 2 skipped\n"
    )


def test_a_file_named_that_is_not_a_questionnaire_fails_saying_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "mine.yaml", "horizon: years\n")
    assert main(["check", str(answers)]) == 1
    assert capsys.readouterr().out == (
        f"{answers}: not a questionnaire: it is answers (question ids and what was answered)\n"
    )


def test_an_empty_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().out == f"{tmp_path}: no YAML files (*.yaml, *.yml) in the folder\n"


def test_built_in_ids_and_the_catalogue_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    ids = list(guidestyle.builtin_ids())
    assert main(["check", *ids, "distinctions"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-2:] == [
        "distinctions: ok (a catalogue of distinctions)",
        f"{len(ids) + 1} files: {len(ids) + 1} passed, 0 failed",
    ]
    assert all(f"\n{name}: ok\n" in f"\n{out}" for name in ids)


def test_the_catalogue_file_is_checked_as_a_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = ROOT / "questionnaires" / "distinctions.yaml"
    assert main(["check", str(catalogue)]) == 0
    assert capsys.readouterr().out == f"{catalogue}: ok (a catalogue of distinctions)\n"
    text = catalogue.read_text(encoding="utf-8")
    broken = write(
        tmp_path, "distinctions.yaml", text.replace("\nformat: 1\n", "\nformat: 1\nextra: 2\n", 1)
    )
    line = broken.read_text(encoding="utf-8").splitlines().index("extra: 2") + 1
    assert main(["check", str(broken)]) == 1
    assert capsys.readouterr().out == (
        f"{broken}:{line}:1: unknown key 'extra' (did you mean 'text'?)\n{broken}: invalid\n"
    )
