"""Invalid answers: every problem at once, one line each, and nothing scored."""

from __future__ import annotations

import math

import pytest

import guidestyle
from guidestyle import AnswersError

from .conftest import DATA

VALID: dict[str, object] = {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}


@pytest.fixture(scope="module")
def questionnaire() -> guidestyle.Questionnaire:
    return guidestyle.load(DATA / "engine.yaml")


def problems(questionnaire: guidestyle.Questionnaire, answers: object) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        guidestyle.score(questionnaire, answers, source="answers.json")  # type: ignore[arg-type]
    return str(caught.value).splitlines()


def test_every_problem_is_reported_at_once_in_questionnaire_order(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    answers = {
        "team": "duo",
        "l1": "4",
        "l2": True,
        "mc": ["a", "a", "z"],
        "fc": 2,
        "bogus": 1,
        "note": 5,
    }
    assert problems(questionnaire, answers) == [
        "answers.json: l1: expected a whole number from 1 to 5, found text '4' (write it without quotes)",
        "answers.json: l2: expected a whole number from 1 to 5, found true",
        "answers.json: mc[1]: option 'a' is chosen more than once",
        "answers.json: mc[2]: unknown option 'z'; expected one of: a, b, c",
        "answers.json: mc: at most 2 options may be chosen; found 3",
        "answers.json: fc: expected a statement id (one of: s1, s2, s3), found the number 2",
        "answers.json: team: unknown option 'duo'; expected one of: solo, team",
        "answers.json: note: expected text, found a whole number",
        "answers.json: bogus: unknown question 'bogus'",
    ]


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (math.nan, "the number nan"),
        (math.inf, "the number inf"),
        (4.0, "the number 4.0"),
        (6, "the number 6"),
        (0, "the number 0"),
        (False, "false"),
        ("5", "text '5' (write it without quotes)"),
        (None, None),
    ],
)
def test_scale_points_are_whole_numbers_on_the_scale(
    questionnaire: guidestyle.Questionnaire, value: object, described: str | None
) -> None:
    if described is None:  # None means unanswered, and l1 is required
        assert problems(questionnaire, VALID | {"l1": value}) == [
            "answers.json: l1: a required question is not answered"
        ]
    else:
        assert problems(questionnaire, VALID | {"l1": value}) == [
            f"answers.json: l1: expected a whole number from 1 to 5, found {described}"
        ]


def test_unknown_ids_get_a_suggestion(questionnaire: guidestyle.Questionnaire) -> None:
    assert problems(questionnaire, VALID | {"tema": "solo", "fc": "s22"}) == [
        "answers.json: fc: unknown statement 's22'; expected one of: s1, s2, s3 (did you mean 's2'?)",
        "answers.json: tema: unknown question 'tema' (did you mean 'team'?)",
    ]


def test_answering_a_hidden_question_is_an_error(questionnaire: guidestyle.Questionnaire) -> None:
    assert problems(questionnaire, VALID | {"follow": "x"}) == [
        "answers.json: follow: answered, but not shown for these answers (its show_if condition does not hold)"
    ]


def test_a_shown_required_question_must_be_answered(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    assert problems(questionnaire, VALID | {"team": "team"}) == [
        "answers.json: follow: a required question is not answered"
    ]


def test_visibility_is_not_judged_on_an_invalid_answer(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    # team is invalid, so whether follow is shown is unknown: only team's problem is reported
    assert problems(questionnaire, VALID | {"team": 3, "follow": "x"}) == [
        "answers.json: team: expected an option id (one of: solo, team), found the number 3"
    ]


def test_too_many_choices(questionnaire: guidestyle.Questionnaire) -> None:
    assert problems(questionnaire, VALID | {"mc": ["a", "b", "c"]}) == [
        "answers.json: mc: at most 2 options may be chosen; found 3"
    ]


def test_multiple_choice_needs_a_list(questionnaire: guidestyle.Questionnaire) -> None:
    assert problems(questionnaire, VALID | {"mc": "a"}) == [
        "answers.json: mc: expected a list of option ids, found text 'a'"
    ]


def test_text_length_is_capped(questionnaire: guidestyle.Questionnaire) -> None:
    assert problems(questionnaire, VALID | {"note": "x" * 2001}) == [
        "answers.json: note: the text is 2,001 characters long; at most 2,000 are allowed"
    ]


def test_minimum_coverage(questionnaire: guidestyle.Questionnaire) -> None:
    strict = questionnaire.model_copy(update={"scoring": guidestyle.ScoringPolicy(min_coverage=1)})
    answers = {key: value for key, value in VALID.items() if key != "l3"}
    assert problems(strict, answers) == [
        "answers.json: too few answers to score style 'leadership': 3 of 4 shown questions on it "
        "answered; at least 100% are needed"
    ]


def test_answers_must_be_a_mapping(questionnaire: guidestyle.Questionnaire) -> None:
    assert problems(questionnaire, [1, 2]) == [
        "answers.json: answers must be a mapping of question id to answer, found a list"
    ]


def test_errors_carry_structured_problems(questionnaire: guidestyle.Questionnaire) -> None:
    with pytest.raises(AnswersError) as caught:
        guidestyle.score(questionnaire, VALID | {"mc": ["a", "z"]})
    (problem,) = caught.value.problems
    assert (problem.path, problem.source, problem.hint) == (("mc", 1), None, None)
