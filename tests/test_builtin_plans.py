"""The built-ins' compiled plans, shipped in the package so that scoring a built-in needs
neither its models nor pydantic: they match their YAML, and are not used once it changes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import guidestyle
from guidestyle import _builtins, _engine
from guidestyle._builtins import builtin_plan, plan_file_text
from guidestyle._compile import compile_plan

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
def test_a_builtin_scores_on_its_shipped_plan_as_on_its_model(questionnaire_id: str) -> None:
    plan = builtin_plan(questionnaire_id)
    questionnaire = guidestyle.builtin(questionnaire_id)
    assert plan.to_data() == compile_plan(questionnaire).to_data()
    assert plan.ref == guidestyle.QuestionnaireRef(
        questionnaire.id, questionnaire.version, questionnaire.digest
    )


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
@pytest.mark.parametrize("content", ["{not json", '{"source": 1}', "[]", ""])
def test_a_shipped_plan_that_cannot_be_read_is_compiled_from_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "situation.json").write_text(content)
    monkeypatch.setattr(_builtins, "_plans_folder", lambda: plans)
    plan = builtin_plan("situation")
    assert plan.to_data() == compile_plan(guidestyle.builtin("situation")).to_data()


@pytest.mark.usefixtures("fresh_builtins")
def test_a_shipped_plan_of_the_yaml_but_not_of_this_format_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    shipped = (PLANS / "situation.json").read_text(encoding="utf-8")
    assert '"format": 1' in shipped
    assert '"2.0.0"' in shipped
    other_format = shipped.replace('"format": 1', '"format": 99').replace('"2.0.0"', '"9.9.9"')
    (plans / "situation.json").write_text(other_format)
    monkeypatch.setattr(_builtins, "_plans_folder", lambda: plans)
    assert builtin_plan("situation").ref.version == "2.0.0"
