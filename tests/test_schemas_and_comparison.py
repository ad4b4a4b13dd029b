"""JSON Schemas describe what guidestyle really writes; two views compare and render."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import guidestyle
from guidestyle import GuidestyleError, ReportError

from .answers import LEARNER_MENTOR, SITUATION_COACH
from .conftest import ROOT


@pytest.fixture(scope="module")
def views() -> guidestyle.Comparison:
    manager = guidestyle.score(guidestyle.builtin("situation"), SITUATION_COACH)
    new_hire = guidestyle.score(guidestyle.builtin("learner"), LEARNER_MENTOR)
    return guidestyle.compare(manager, new_hire, labels=("Manager <b>", "New hire"))


def validate(instance: object, schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(instance)


def test_the_example_questionnaire_matches_the_format_schema() -> None:
    data = yaml.safe_load((ROOT / "examples" / "questionnaire.yaml").read_text(encoding="utf-8"))
    validate(data, guidestyle.questionnaire_schema())


def test_field_docstrings_are_the_descriptions_an_editor_shows() -> None:
    schema = guidestyle.questionnaire_schema()
    result_text = schema["$defs"]["ResultText"]["properties"]
    # a field's own docstring wins over its type's description
    assert result_text["looks_like"]["description"] == (
        "What guiding in this style looks like in practice."
    )
    assert schema["properties"]["audience"]["description"] == "Who answers this questionnaire."
    session = guidestyle.session_schema()["properties"]
    assert session["answers"]["description"].startswith("Question id to answer")


def test_answers_schema_accepts_valid_answers_and_refuses_invalid_ones() -> None:
    schema = guidestyle.answers_schema(guidestyle.builtin("situation"))
    answers = yaml.safe_load(
        (ROOT / "examples" / "answers" / "situation.yaml").read_text(encoding="utf-8")
    )
    validate(answers, schema)
    for bad in (
        {"who_is_guided": "forever"},
        {"topics": ["career_paths", "career_paths"]},
        {"unknown": 1},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate(bad, schema)


def test_session_result_and_comparison_match_their_schemas(views: guidestyle.Comparison) -> None:
    session = guidestyle.Session.start(guidestyle.builtin("learner"))
    step = session.current
    assert step is not None
    assert step.question["kind"] == "multiple_choice"
    session = session.answer([step.question["options"][0]["id"]])
    validate(json.loads(session.to_json()), guidestyle.session_schema())
    validate(json.loads(views.first.to_json()), guidestyle.result_schema())
    validate(json.loads(views.to_json()), guidestyle.comparison_schema())


def test_compare_says_where_the_views_agree_and_differ(views: guidestyle.Comparison) -> None:
    assert views.labels == ("Manager <b>", "New hire")
    assert (views.first.recommendation.style, views.second.recommendation.style) == (
        "coaching",
        "mentoring",
    )
    assert views.same_style is False
    assert [gap.style for gap in views.styles] == list(views.first.ranking)
    for gap in views.styles:
        assert gap.difference == gap.second - gap.first
    assert {row.distinction for row in views.distinctions} == set(
        guidestyle.catalogue().distinctions
    )
    for row in views.distinctions:
        assert row.agree == (row.first is not None and row.first == row.second)
    assert guidestyle.Comparison.from_json(views.to_json()) == views


def test_comparison_renders_in_every_format(views: guidestyle.Comparison) -> None:
    situation, learner = guidestyle.builtin("situation"), guidestyle.builtin("learner")
    text = guidestyle.render_comparison(views, situation, learner, "text")
    assert "The views differ: Manager <b> points to Coaching, New hire to Mentoring." in text
    markdown = guidestyle.render_comparison(views, situation, learner, "markdown")
    assert "| Mentoring |" in markdown
    html = guidestyle.render_comparison(views, situation, learner, "html")
    assert "Manager &lt;b&gt;" in html
    assert "Manager <b>" not in html
    assert (
        json.loads(guidestyle.render_comparison(views, situation, learner, "json"))
        == views.to_dict()
    )


def test_comparison_checks_the_questionnaires(views: guidestyle.Comparison) -> None:
    situation, learner = guidestyle.builtin("situation"), guidestyle.builtin("learner")
    with pytest.raises(ReportError) as caught:
        guidestyle.render_comparison(views, learner, situation)
    assert str(caught.value) == (
        "the result was scored against questionnaire situation version 2.0.0, not learner version 2.0.0"
    )


def test_results_with_different_styles_cannot_be_compared(views: guidestyle.Comparison) -> None:
    engine = guidestyle.load(Path(__file__).parent / "data" / "minimal.yaml")
    other = guidestyle.score(engine, {"horizon": "years", "pace": "plan", "end": "done"})
    renamed = guidestyle.Result.from_json(other.to_json().replace('"coaching"', '"coach"'))
    with pytest.raises(GuidestyleError) as caught:
        guidestyle.compare(views.first, renamed)
    assert str(caught.value) == (
        "the results decide between different styles: mentoring, coaching, leadership "
        "and mentoring, coach, leadership"
    )
