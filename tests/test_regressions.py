"""Inputs found in review that once crashed or misled; each now gets a clean, located error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import guidestyle
from guidestyle import AnswersError, QuestionnaireError

from .conftest import DATA


def problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        guidestyle.loads(text, source="q.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_a_scalar_show_if(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    text: What sets the pace?\n", "    text: What sets the pace?\n    show_if: horizon\n"
    )
    assert problems(text) == [
        "q.yaml:32:14: questions[1].show_if: a condition needs one of: equals, one_of, at_least, all, any"
    ]


def test_a_question_written_as_a_plain_string(minimal_text: str) -> None:
    text = minimal_text.replace(
        "  - id: note\n    kind: text\n    text: Anything else?\n", "  - Anything else?\n"
    )
    assert problems(text) == [
        "q.yaml:45:5: questions[3]: expected a question (a mapping with id, kind and text), found text 'Anything else?'"
    ]


def test_a_kind_written_as_a_list(minimal_text: str) -> None:
    text = minimal_text.replace("    kind: text\n", "    kind: [text]\n")
    assert problems(text) == [
        "q.yaml:46:11: questions[3].kind: unknown question kind a list; expected one of: "
        "likert, single_choice, multiple_choice, forced_choice, text"
    ]


def test_a_lone_surrogate_in_yaml_text() -> None:
    assert problems("title: \ud800\n") == [
        "q.yaml:1:1: the text holds an invalid character (a lone surrogate)"
    ]


def test_a_lone_surrogate_in_a_text_answer() -> None:
    q = guidestyle.load(DATA / "engine.yaml")
    answers = {
        "l1": 5,
        "l2": 2,
        "l3": 1,
        "mc": ["a"],
        "fc": "s2",
        "team": "solo",
        "note": "x\udc80",
    }
    with pytest.raises(AnswersError) as caught:
        guidestyle.score(q, answers)
    assert str(caught.value) == "note: the text holds an invalid character (a lone surrogate)"


def test_a_huge_number_as_an_answer() -> None:
    q = guidestyle.load(DATA / "engine.yaml")
    with pytest.raises(AnswersError) as caught:
        guidestyle.score(q, {"l1": 10**5000})
    assert str(caught.value).splitlines()[0] == (
        "l1: expected a whole number from 1 to 5, found a whole number of more than 15 digits"
    )


def test_an_endless_answers_file_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(20_000_000)
    with pytest.raises(AnswersError) as caught:
        guidestyle.load_answers(path)
    assert (
        str(caught.value)
        == f"{path}:1:1: the file is too large (1,000,001 bytes; the limit is 1,000,000)"
    )


@pytest.mark.parametrize("typed", ["²", "9" * 5000, "--2", "٣"])
def test_take_reasks_on_digits_it_cannot_use(tmp_path: Path, typed: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "guidestyle", "take", str(DATA / "engine.yaml")],
        input=f"{typed}\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 130  # input ended; nothing crashed
    assert "Traceback" not in completed.stderr
    assert "type a number from 1 to 5" in completed.stderr
