"""The explanation against a plain oracle: exact fractions from the model's definitions.

The engine reads the explanation off packed points and keeps what repeats (answers,
distinction sums, drivers) per plan; the oracle recomputes everything from scratch, so
a cache that returned something stale or a sum that strayed into another field shows.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from random import Random
from typing import Any

import pytest
from hypothesis import given

import guidestyle
from guidestyle import DistinctionProfile, Driver, Questionnaire, Result

from .test_engine_properties import answered, oracle_points

HUNDREDTHS = 10_000


def half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def points(hundredths: int) -> Decimal:
    return Decimal(hundredths).scaleb(-2)


def oracle(
    q: Questionnaire, answers: dict[str, Any], result: Result
) -> tuple[dict[str, dict[str, Decimal]], list[Driver], list[DistinctionProfile]]:
    """Contributions, drivers and profile as the rules state them, from the answers given."""
    scored = [
        question
        for question in q.questions
        if question.id in result.answers and not isinstance(question, guidestyle.TextQuestion)
    ]
    earned = {question.id: oracle_points(question, q, answers[question.id]) for question in scored}
    shares: dict[str, dict[str, int]] = {question.id: {} for question in scored}
    for style in q.styles:
        most = sum(earned[question.id][1].get(style, 0) for question in scored)
        total = half_up(
            Fraction(HUNDREDTHS * sum(e[0].get(style, 0) for e in earned.values()), most)
        )
        exact = {
            question.id: Fraction(HUNDREDTHS * earned[question.id][0].get(style, 0), most)
            for question in scored
        }
        floors = {question: math.floor(share) for question, share in exact.items()}
        # the largest remainders get the hundredths left over, ties to the smaller id
        by_remainder = sorted(
            exact, key=lambda question: (floors[question] - exact[question], question)
        )
        lucky = set(by_remainder[: total - sum(floors.values())])
        for question in exact:
            shares[question][style] = floors[question] + (question in lucky)
    contributions = {
        question: {style: points(share) for style, share in per_style.items()}
        for question, per_style in shares.items()
    }
    top, runner_up = result.ranking[0], result.ranking[1]
    differences = [
        (shares[question.id][top] - shares[question.id][runner_up], position, question)
        for position, question in enumerate(scored)
    ]
    drivers = [
        Driver(question.id, question.expresses, result.answers[question.id], points(difference))
        for difference, _, question in sorted(differences, key=lambda d: (-d[0], d[1]))[:3]
        if difference > 0
    ]
    profile = []
    for distinction in q.distinctions:
        on_it = [question for question in scored if question.expresses == distinction]
        if not on_it:
            continue
        scores: dict[str, Decimal | None] = {}
        for style in q.styles:
            most = sum(earned[question.id][1].get(style, 0) for question in on_it)
            got = sum(earned[question.id][0].get(style, 0) for question in on_it)
            scores[style] = points(half_up(Fraction(HUNDREDTHS * got, most))) if most else None
        best = max((score for score in scores.values() if score is not None), default=None)
        leaders = [style for style, score in scores.items() if score is not None and score == best]
        leans_to = leaders[0] if len(leaders) == 1 else None
        profile.append(DistinctionProfile(distinction, len(on_it), scores, leans_to))
    return contributions, drivers, profile


def assert_explained_as_the_oracle(q: Questionnaire, answers: dict[str, Any]) -> None:
    result = guidestyle.score(q, answers)
    contributions, drivers, profile = oracle(q, answers, result)
    assert list(result.contributions) == list(contributions)  # questionnaire order
    assert {key: dict(value) for key, value in result.contributions.items()} == contributions
    assert list(result.drivers) == drivers
    assert list(result.profile) == profile


@given(answered())
def test_the_explanation_is_the_oracles_the_first_time_and_from_what_is_kept(
    case: tuple[Questionnaire, dict[str, Any]],
) -> None:
    q, answers = case
    assert_explained_as_the_oracle(q, answers)
    assert_explained_as_the_oracle(q, answers)  # answers, sums and drivers now all kept


@given(answered())
def test_a_cache_started_afresh_changes_nothing(
    case: tuple[Questionnaire, dict[str, Any]],
) -> None:
    q, answers = case
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("guidestyle._plan.REMEMBERED", 1)  # every cache full after one value
        assert_explained_as_the_oracle(q, answers)
        assert_explained_as_the_oracle(q, answers)


@pytest.mark.parametrize("questionnaire_id", guidestyle.builtin_ids())
def test_a_cohort_of_different_responses_each_explained_as_the_oracle(
    questionnaire_id: str,
) -> None:
    q = guidestyle.builtin(questionnaire_id)
    scorer = guidestyle.Scorer(q)
    rng = Random(0)
    for _ in range(40):
        drawn = {
            question.id: rng.choice(list(question.possible_answers(q)) or ["a few words"])
            for question in q.questions
        }
        shown = set(scorer.shown(drawn))
        answers = {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in drawn.items()
            if key in shown
        }
        assert_explained_as_the_oracle(q, answers)
