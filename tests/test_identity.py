"""Identity and trust: results are values, digests follow content, and sessions agree with
score about which answers count."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from pathlib import Path

import pytest

import guidestyle

DATA = Path(__file__).parent / "data"
ANSWERS = {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}


@pytest.fixture
def questionnaire() -> guidestyle.Questionnaire:
    return guidestyle.load(DATA / "engine.yaml")


def test_results_are_immutable_through_and_through(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    result = guidestyle.score(questionnaire, ANSWERS)
    with pytest.raises(TypeError):
        result.scores["mentoring"] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        result.answers["l1"] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        result.coverage.styles["mentoring"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        result.contributions["l1"]["mentoring"] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        result.profile[0].scores["mentoring"] = 0  # type: ignore[index]
    with pytest.raises(AttributeError, match="cannot assign to field 'margin'"):
        result.margin = Decimal(0)
    with pytest.raises(AttributeError, match="cannot delete field 'scores'"):
        del result.scores


def test_equal_results_hash_equal(questionnaire: guidestyle.Questionnaire) -> None:
    first = guidestyle.score(questionnaire, ANSWERS)
    second = guidestyle.score(questionnaire, dict(reversed(list(ANSWERS.items()))))
    read_back = guidestyle.Result.from_json(first.to_json())
    assert first == second == read_back
    assert hash(first) == hash(second) == hash(read_back)
    assert len({first, second, read_back}) == 1
    other = guidestyle.score(questionnaire, {**ANSWERS, "l1": 1})
    assert other != first
    assert pickle.loads(pickle.dumps(first)) == first
    assert copy.deepcopy(first) == first


def test_the_explanation_is_the_same_whenever_it_is_read(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    read_first = guidestyle.score(questionnaire, ANSWERS)
    drivers, profile = read_first.drivers, read_first.profile  # worked out here
    never_read = guidestyle.score(questionnaire, ANSWERS)  # worked out by to_json
    assert read_first.to_json() == never_read.to_json()
    eager = guidestyle.Result(
        never_read.questionnaire,
        never_read.library_version,
        never_read.recommendation,
        never_read.scores,
        never_read.margin,
        never_read.ranking,
        never_read.coverage,
        never_read.answers,
        never_read.contributions,
        drivers,
        profile,
    )
    assert eager == read_first
    assert eager.to_json() == read_first.to_json()
    assert [driver.question for driver in drivers] == ["l1", "mc"]
    contributions = read_first.contributions
    assert list(contributions) == ["l1", "l2", "l3", "mc", "fc", "team"]  # in order
    as_dicts = {question: dict(shares) for question, shares in contributions.items()}
    assert contributions == as_dicts
    assert repr(contributions) == repr(as_dicts)
    assert "follow" not in contributions  # not shown
    with pytest.raises(KeyError):
        contributions["follow"]
    quick = guidestyle.score(questionnaire, ANSWERS, explain=False)
    assert (dict(quick.contributions), quick.drivers, quick.profile) == ({}, (), ())
    assert quick.scores == read_first.scores
    assert quick != read_first  # one explains, the other does not


def test_a_changed_copy_has_its_own_digest(questionnaire: guidestyle.Questionnaire) -> None:
    digest = questionnaire.digest
    changed = questionnaire.model_copy(update={"version": "2"})
    assert changed.digest != digest
    text = (DATA / "engine.yaml").read_text().replace('version: "1"', 'version: "2"')
    assert changed.digest == guidestyle.loads(text).digest
    assert questionnaire.model_copy().digest == digest
    assert questionnaire.digest == digest


def test_session_answers_are_what_score_accepts() -> None:
    q = guidestyle.load(DATA / "engine.yaml")
    session = guidestyle.Session.start(q)
    for value in (5, 2, 1, ["a"], "s2", "team", "x"):
        session = session.answer(value)
    session = session.back().back().answer("solo").skip()  # hides the follow-up
    assert session.done
    assert guidestyle.score(q, session.answers) == session.finish()
    restored = guidestyle.Session.from_json(q, session.to_json())
    assert restored == session
    assert restored.answers == session.answers
