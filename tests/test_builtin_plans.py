"""The built-ins' compiled plans, shipped in the package so that scoring a built-in needs
neither its models nor pydantic: they match their YAML, and are not used once it changes."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import guidestyle
from guidestyle import _builtins, _engine
from guidestyle._builtins import builtin_plan, plan_file_text
from guidestyle._compile import compile_plan
from guidestyle._engine import builtin_scorer

from .conftest import ROOT

PLANS = ROOT / "src" / "guidestyle" / "plans"


def forget_builtins() -> None:
    for cached in (
        _builtins.builtin_ids,
        _builtins._builtin,
        _builtins._builtin_plan,
        _engine.builtin_scorer,
    ):
        cached.cache_clear()


@pytest.fixture
def fresh_builtins() -> Iterator[None]:
    forget_builtins()
    yield
    forget_builtins()


@pytest.mark.parametrize("questionnaire_id", guidestyle.builtin_ids())
def test_each_shipped_plan_is_its_questionnaire_compiled_now(questionnaire_id: str) -> None:
    shipped = (PLANS / f"{questionnaire_id}.json").read_text(encoding="utf-8")
    assert shipped == plan_file_text(questionnaire_id), (
        f"plans/{questionnaire_id}.json is out of date: run python tools/compile_plans.py"
    )


@pytest.mark.parametrize("questionnaire_id", guidestyle.builtin_ids())
def test_a_builtin_scores_and_refuses_on_its_shipped_plan_as_on_its_model(
    questionnaire_id: str,
) -> None:
    questionnaire = guidestyle.builtin(questionnaire_id)
    shipped, compiled = builtin_scorer(questionnaire_id), guidestyle.Scorer(questionnaire)
    assert shipped._plan.ref == guidestyle.QuestionnaireRef(
        questionnaire.id, questionnaire.version, questionnaire.digest
    )
    rng = random.Random(questionnaire_id)
    drawn = {
        question.id: list(question.possible_answers(questionnaire))
        for question in questionnaire.questions
    }
    scored = refused = 0
    for n in range(60):
        chosen = {q: rng.choice(options) for q, options in drawn.items() if options}
        shown = set(compiled.shown(chosen))
        answers: dict[str, Any] = {
            q: list(answer) if isinstance(answer, tuple) else answer
            for q, answer in chosen.items()
            if q in shown or n % 3 == 0  # one in three answers hidden questions too
        }
        if n % 6 == 0:
            answers["no_such_question"] = 1
        ok, said = outcome(shipped, answers)
        assert (ok, said) == outcome(compiled, answers)
        scored, refused = scored + ok, refused + (not ok)
    assert scored >= 20
    assert refused >= 10


def outcome(scorer: guidestyle.Scorer, answers: dict[str, Any]) -> tuple[bool, str]:
    """Whether ``answers`` scored, and the result's JSON or the error's text."""
    try:
        return True, scorer.score(answers).to_json()
    except guidestyle.AnswersError as error:
        return False, str(error)


def shipped_plan(questionnaire_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PLANS / f"{questionnaire_id}.json").read_text("utf-8"))
    return data


def ship(plans: Path, questionnaire_id: str, data: dict[str, Any]) -> None:
    plans.mkdir(exist_ok=True)
    (plans / f"{questionnaire_id}.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.usefixtures("fresh_builtins")
def test_an_intact_shipped_plan_is_used_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = shipped_plan("situation")
    data["plan"]["questionnaire"][1] = "9.9.9"  # a plan no YAML compiles to, signed again
    data["checksum"] = _builtins._plan_checksum(data["plan"])
    ship(tmp_path / "plans", "situation", data)
    monkeypatch.setattr(_builtins, "_plans_folder", lambda: tmp_path / "plans")
    assert builtin_plan("situation").ref.version == "9.9.9"


@pytest.mark.usefixtures("fresh_builtins")
@pytest.mark.parametrize(
    "damage",
    [
        "the plan changed after it was signed",
        "another library version",
        "another plan format",
        "not a plan inside",
        "an unknown reader",
    ],
)
def test_a_shipped_plan_that_is_not_intact_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    data = shipped_plan("situation")
    plan = data["plan"]
    plan["questionnaire"][1] = "9.9.9"  # were the shipped plan used, its version would show
    if damage == "another library version":
        data["library"] = "0.0.1"
    elif damage == "another plan format":
        plan["format"] = 99
    elif damage == "not a plan inside":
        data["plan"] = plan = ["not", "a", "plan"]
    elif damage == "an unknown reader":
        plan["entries"][0][5][0] = "no-such-reader"  # its reader
    if damage != "the plan changed after it was signed":
        data["checksum"] = _builtins._plan_checksum(plan)
    ship(tmp_path / "plans", "situation", data)
    monkeypatch.setattr(_builtins, "_plans_folder", lambda: tmp_path / "plans")
    assert builtin_plan("situation").ref.version == "2.0.0"


def copy_of_the_builtins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "questionnaires"
    shutil.copytree(_builtins._folder(), folder)  # type: ignore[arg-type]
    monkeypatch.setattr(_builtins, "_folder", lambda: folder)
    return folder


@pytest.mark.usefixtures("fresh_builtins")
def test_a_builtin_whose_yaml_changed_is_compiled_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yaml_file = copy_of_the_builtins(tmp_path, monkeypatch) / "situation.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    assert 'version: "2.0.0"' in text
    yaml_file.write_text(text.replace('version: "2.0.0"', 'version: "2.0.1"'), encoding="utf-8")
    plan = builtin_plan("situation")
    assert plan.ref.version == "2.0.1"
    assert plan.to_data() == compile_plan(guidestyle.builtin("situation")).to_data()


@pytest.mark.usefixtures("fresh_builtins")
@pytest.mark.parametrize("content", ["{not json", '{"source": 1}', "[]", "", "\xff"])
def test_a_shipped_plan_that_cannot_be_read_is_compiled_from_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "situation.json").write_text(content)
    monkeypatch.setattr(_builtins, "_plans_folder", lambda: plans)
    plan = builtin_plan("situation")
    assert plan.to_data() == compile_plan(guidestyle.builtin("situation")).to_data()
