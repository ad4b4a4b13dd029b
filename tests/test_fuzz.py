"""Fuzzing that stays on (issue 14): arbitrary input to the functions an app passes a
stranger's data to ends in the library's own error or a result, never anything else.

Runs with the Hypothesis profile of the run (a bounded number of examples; CI's is larger).
The ``@example`` cases are the corpus: inputs that once broke something, kept for good.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import guidestyle

from .conftest import DATA

QUESTIONNAIRE = guidestyle.load(DATA / "engine.yaml")
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")
IDS = [question.id for question in QUESTIONNAIRE.questions]
SLOW_ENOUGH = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def mutated(text: str, data: st.DataObject) -> str:
    """``text`` with a few characters replaced, inserted or deleted."""
    characters = list(text)
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.integers(0, len(characters)))
        action = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        new = data.draw(
            st.sampled_from([":", "-", " ", "\n", "[", "{", "&", "*", "!", "'", "x", "1"])
        )
        if action == "insert" or where == len(characters):
            characters.insert(where, new)
        elif action == "replace":
            characters[where] = new
        else:
            del characters[where]
    return "".join(characters)


@SLOW_ENOUGH
@given(st.text(max_size=300) | st.binary(max_size=300))
@example("&a [*a, *a]")  # an alias of itself
@example("a: !!python/object/apply:os.system ['true']")
@example(b"\x00format: 1")
@example("{" * 40)
def test_loads_of_any_text_is_a_questionnaire_or_a_questionnaire_error(text: str | bytes) -> None:
    with contextlib.suppress(guidestyle.QuestionnaireError):
        guidestyle.loads(text)


@SLOW_ENOUGH
@given(st.data())
def test_loads_of_a_mutated_questionnaire_is_one_or_a_questionnaire_error(
    data: st.DataObject,
) -> None:
    with contextlib.suppress(guidestyle.QuestionnaireError):
        guidestyle.loads(mutated(MINIMAL, data))


@SLOW_ENOUGH
@given(st.dictionaries(st.sampled_from(IDS) | st.text(max_size=10), json_values, max_size=10))
@example({"mc": ["a"] * 100_000})
@example({"l1": True, "l2": 2.0, "fc": ["s1"]})
def test_score_of_any_answers_is_a_result_or_an_answers_error(answers: dict[str, Any]) -> None:
    try:
        result = guidestyle.score(QUESTIONNAIRE, answers)
    except guidestyle.AnswersError:
        return
    assert guidestyle.Result.from_json(result.to_json()) == result


@SLOW_ENOUGH
@given(text=st.text(max_size=200))
@example(text="{{ [1]|tojson(indent=1000000000) }}")
@example(text="{% set a = [1] %}{% for _ in range(40) %}{% set a = [a, a] %}{% endfor %}{{ a }}")
@example(text="{{ ''.__class__.__mro__ }}")
@example(text="{{ 'x'.encode().ljust(1000000000) }}")
def test_a_template_of_any_text_renders_or_is_a_report_error(
    text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder: Path = tmp_path_factory.mktemp("template")
    (folder / "report.txt").write_text(text, encoding="utf-8")
    result = guidestyle.score(
        QUESTIONNAIRE, {"l1": 5, "l2": 2, "mc": ["a"], "fc": "s2", "team": "solo"}
    )
    with contextlib.suppress(guidestyle.ReportError):
        guidestyle.render(result, QUESTIONNAIRE, "text", template_dir=folder)


@SLOW_ENOUGH
@given(json_values)
@example({"format": "guidestyle-session/1", "answers": {"l1": [1] * 1000}})
def test_a_session_from_any_json_is_a_session_or_a_session_error(state: Any) -> None:
    with contextlib.suppress(guidestyle.SessionError):
        guidestyle.Session.from_json(QUESTIONNAIRE, json.dumps(state))
