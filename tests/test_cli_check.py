"""``guidestyle check`` and ``guidestyle schema`` through ``main``, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidestyle._cli import main


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
    assert main(["check", "--strict", str(path)]) == 1


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
        for definition in schema["$defs"].values()
        if "kind" in definition.get("properties", {})
    }
    assert kinds == {"likert", "single_choice", "multiple_choice", "forced_choice", "text"}


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
    assert json.loads(capsys.readouterr().out)["title"] == "Answers to learner 1.0.0"
    with pytest.raises(SystemExit) as caught:
        main(["schema", "answers"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "guidestyle schema: error: 'schema answers' needs a QUESTIONNAIRE (a built-in id or a path)"
    )
