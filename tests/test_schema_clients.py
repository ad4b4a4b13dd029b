"""The questionnaire and answers JSON Schemas, read by clients no one here wrote:
``check-jsonschema`` (the python-jsonschema CLI) over the built-ins, the examples and a set
of broken files, agreeing with ``guidestyle check`` on each; the language server editors use
is in ``test_schema_editor.py``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import guidestyle
from guidestyle._cli import main

from .conftest import DATA, ROOT

MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")

# each broken file: the edit to minimal.yaml, and what both clients must name
BROKEN = {
    "misspelt-question-key": (
        (
            "    distinction: duration\n    options:\n      - {id: years",
            "    distiction: duration\n    options:\n      - {id: years",
        ),
        "'distiction'",
    ),
    "misspelt-top-level-key": (("format: 1\n", "fromat: 1\n"), "'fromat'"),
    "misspelt-condition-key": (
        (
            "  - id: pace\n    kind: single_choice\n",
            "  - id: pace\n    kind: single_choice\n    show_if: {question: horizon, equal: years}\n",
        ),
        "'equal'",
    ),
    "unknown-kind": (("kind: single_choice", "kind: singel_choice"), "'singel_choice'"),
    "misspelt-option-key": (
        ("{id: years, text: Years, weights:", "{id: years, text: Years, wieghts:"),
        "'wieghts'",
    ),
    "missing-label": (
        ("  mentoring: {label: Mentoring, description:", "  mentoring: {description:"),
        "'label'",
    ),
    "yes-for-true": (
        ("    text: Anything else?\n", "    text: Anything else?\n    required: yes\n"),
        "'yes'",
    ),
}


def schema_checked(
    files: list[Path], schema: dict[str, Any], tmp_path: Path
) -> dict[str, list[str]]:
    """check-jsonschema's messages for each file (none for a valid one)."""
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the schemacheck extra")
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(schema_file),
            "-o",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(completed.stdout)
    assert report["parse_errors"] == []
    messages: dict[str, list[str]] = {str(file): [] for file in files}
    for error in report["errors"]:
        messages[error["filename"]].append(error["message"])
    return messages


@pytest.mark.slow  # check-jsonschema's command, once per file
def test_the_built_ins_the_examples_and_broken_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    valid = [
        *(ROOT / "questionnaires" / f"{name}.yaml" for name in guidestyle.builtin_ids()),
        ROOT / "examples" / "questionnaire.yaml",
        *sorted(DATA.glob("*.yaml")),
    ]
    broken = {}
    for name, ((old, new), _) in BROKEN.items():
        assert old in MINIMAL, name
        broken[name] = tmp_path / f"{name}.yaml"
        broken[name].write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    messages = schema_checked(
        [*valid, *broken.values()], guidestyle.questionnaire_schema(), tmp_path
    )
    for path in valid:
        assert messages[str(path)] == [], path
        assert main(["check", str(path)]) == 0, capsys.readouterr().out
    for name, (_, key) in BROKEN.items():
        found = messages[str(broken[name])]
        assert any(key in message for message in found), (name, found)
        capsys.readouterr()
        assert main(["check", str(broken[name])]) == 1, name
        assert key in capsys.readouterr().out, name


def test_answers_against_the_schema_of_their_questionnaire(tmp_path: Path) -> None:
    situation = guidestyle.builtin("situation")
    answers = ROOT / "examples" / "answers" / "situation.yaml"
    wrong = tmp_path / "wrong.yaml"
    question = next(q for q in situation.questions if q.kind == "single_choice")
    wrong.write_text(
        answers.read_text(encoding="utf-8") + f"{question.id}x: whatever\n", encoding="utf-8"
    )
    messages = schema_checked([answers, wrong], guidestyle.answers_schema(situation), tmp_path)
    assert messages[str(answers)] == []
    assert messages[str(wrong)] == [
        f"Additional properties are not allowed ('{question.id}x' was unexpected)"
    ]


def test_every_property_has_a_description() -> None:
    schema = guidestyle.questionnaire_schema()
    undescribed = [
        f"{name}.{key}"
        for name, definition in [("questionnaire", schema), *schema["$defs"].items()]
        for key, value in definition.get("properties", {}).items()
        if value is not True and not value.get("description")
    ]
    assert undescribed == []


def test_an_answer_is_described_by_its_question_and_what_it_may_be() -> None:
    engine = guidestyle.load(DATA / "engine.yaml")
    properties = guidestyle.answers_schema(engine)["properties"]
    assert {key: value["description"] for key, value in properties.items()} == {
        "l1": "L1\n\nA whole number from 1 (Strongly disagree) to 5 (Strongly agree).",
        "l2": "L2\n\nA whole number from 1 (Strongly disagree) to 5 (Strongly agree).",
        "l3": "L3\n\nA whole number from 1 (Strongly disagree) to 5 (Strongly agree).",
        "mc": "MC\n\nA list of up to 2 of: a (A), b (B), c (C).",
        "fc": "FC\n\nOne of: s1 (S1), s2 (S2), s3 (S3).",
        "team": "Team?\n\nOne of: solo (Solo), team (Team).",
        "follow": "Follow-up\n\nOne of: x (X), y (Y).",
        "note": "Anything else?\n\nText of at most 2,000 characters.",
    }
