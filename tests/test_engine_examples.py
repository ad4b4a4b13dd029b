"""Hand-computed examples on tests/data/engine.yaml. Maxima when every question is shown and
answered: mentoring 10, coaching 10, leadership 13 (the follow-up adds 2 to each)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import guidestyle
from guidestyle import Result

from .conftest import DATA


@pytest.fixture(scope="module")
def questionnaire() -> guidestyle.Questionnaire:
    return guidestyle.load(DATA / "engine.yaml")


def scores(result: Result) -> dict[str, str]:
    return {style: str(value) for style, value in result.scores.items()}


def test_reverse_keys_and_a_skipped_branch(questionnaire: guidestyle.Questionnaire) -> None:
    # team=solo hides the follow-up, so it counts toward no maximum: m 8, c 8, l 11.
    # mentoring: l1=5 gives 4, option a 2, solo 1 -> 7/8; coaching: l2=2 reversed gives 3,
    # s2 1, solo 1 -> 5/8; leadership: l3=1 gives 0 -> 0/11.
    result = guidestyle.score(
        questionnaire, {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}
    )
    assert scores(result) == {"mentoring": "87.50", "coaching": "62.50", "leadership": "0.00"}
    assert result.margin == Decimal("25.00")
    assert result.recommendation == guidestyle.Recommendation("mentoring", "clear", "coaching", ())
    assert [(d.question, str(d.difference)) for d in result.drivers] == [
        ("l1", "50.00"),
        ("mc", "25.00"),
    ]
    assert result.coverage == guidestyle.Coverage(
        shown=6,
        answered=6,
        styles={
            "mentoring": guidestyle.StyleCoverage(4, 4),
            "coaching": guidestyle.StyleCoverage(4, 4),
            "leadership": guidestyle.StyleCoverage(4, 4),
        },
    )


def test_multiple_choice_and_largest_remainder_contributions(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    # leadership: l3=4 gives 3, options b+c give 1+3, s3 1, team 2, x 2 -> 12/13 = 92.3077
    # Exact shares in hundredths: 2307 r9, 3076 r12, 769 r3, 1538 r6, 1538 r6 = 9228; the
    # 3 hundredths left go to remainders 12, 9 and, of the two 6s, the smaller id "follow".
    result = guidestyle.score(
        questionnaire,
        {"l1": 3, "l2": 3, "l3": 4, "mc": ["c", "b"], "fc": "s3", "team": "team", "follow": "x"},
    )
    assert scores(result) == {"mentoring": "20.00", "coaching": "40.00", "leadership": "92.31"}
    assert result.answers["mc"] == ("b", "c")  # in the questionnaire's option order
    leadership = {
        question: str(shares["leadership"]) for question, shares in result.contributions.items()
    }
    assert leadership == {
        "l1": "0.00",
        "l2": "0.00",
        "l3": "23.08",
        "mc": "30.77",
        "fc": "7.69",
        "team": "15.38",
        "follow": "15.39",
    }
    assert result.recommendation == guidestyle.Recommendation("leadership", "clear", "coaching", ())
    assert result.margin == Decimal("52.31")
    assert [(d.question, str(d.difference)) for d in result.drivers] == [
        ("l3", "23.08"),
        ("follow", "15.39"),
        ("team", "15.38"),
    ]


def test_an_optional_skip_is_not_a_zero_and_runner_up_ties_follow_style_order(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    # l3 skipped: leadership's maximum is 4+1+2+2 = 9, so s3 + team = 3 gives 33.33.
    # mentoring and coaching both 2/10 = 20.00; mentoring comes first in the file.
    answers: dict[str, object] = {
        "l1": 1,
        "l2": 5,
        "mc": [],
        "fc": "s3",
        "team": "team",
        "follow": "y",
    }
    result = guidestyle.score(questionnaire, answers)
    assert scores(result) == {"mentoring": "20.00", "coaching": "20.00", "leadership": "33.33"}
    assert result.ranking == ("leadership", "mentoring", "coaching")
    assert result.recommendation == guidestyle.Recommendation(
        "leadership", "leaning", "mentoring", ()
    )
    assert result.coverage.styles["leadership"] == guidestyle.StyleCoverage(shown=5, answered=4)
    # answering l3 with its lowest point instead adds 4 to leadership's maximum: 3/13
    low = guidestyle.score(questionnaire, answers | {"l3": 1})
    assert str(low.scores["leadership"]) == "23.08"
    assert low.recommendation.strength == "balanced"  # 23.08 vs 20.00 and 20.00: within 5


def test_an_exact_tie_is_a_blend_broken_by_style_order(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    result = guidestyle.score(
        questionnaire, {"l1": 3, "l2": 3, "l3": 1, "mc": [], "fc": "s3", "team": "solo"}
    )
    assert scores(result) == {"mentoring": "37.50", "coaching": "37.50", "leadership": "9.09"}
    assert result.margin == Decimal("0.00")
    assert result.recommendation == guidestyle.Recommendation(
        "mentoring", "blend", "coaching", ("mentoring", "coaching")
    )


def test_all_three_close_is_balanced(questionnaire: guidestyle.Questionnaire) -> None:
    # m: l1=2 1, a 2, solo 1 -> 4/8; c: l2=3 reversed 2, s2 1, solo 1 -> 4/8; l: l3=4 3, c 3 -> 6/11
    result = guidestyle.score(
        questionnaire, {"l1": 2, "l2": 3, "l3": 4, "mc": ["a", "c"], "fc": "s2", "team": "solo"}
    )
    assert scores(result) == {"mentoring": "50.00", "coaching": "50.00", "leadership": "54.55"}
    assert result.recommendation == guidestyle.Recommendation(
        "leadership", "balanced", "mentoring", ("leadership", "mentoring", "coaching")
    )


def test_distinction_profile(questionnaire: guidestyle.Questionnaire) -> None:
    result = guidestyle.score(
        questionnaire, {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}
    )
    focus, scope = result.profile
    # focus: l1 4/4 + s1..s3: m 4/5, c (3+1)/5, l 0/5
    assert (focus.distinction, focus.questions, focus.leans_to) == ("focus", 4, None)
    assert {s: str(v) for s, v in focus.scores.items()} == {
        "mentoring": "80.00",
        "coaching": "80.00",
        "leadership": "0.00",
    }
    # scope: mc a + solo: m 3/3, c 1/3, l 0/6
    assert (scope.questions, scope.leans_to) == (2, "mentoring")
    assert {s: str(v) for s, v in scope.scores.items()} == {
        "mentoring": "100.00",
        "coaching": "33.33",
        "leadership": "0.00",
    }


def test_without_explanation(questionnaire: guidestyle.Questionnaire) -> None:
    answers = {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}
    quick = guidestyle.score(questionnaire, answers, explain=False)
    full = guidestyle.score(questionnaire, answers)
    assert (quick.contributions, quick.drivers, quick.profile) == ({}, (), ())
    assert (quick.scores, quick.recommendation, quick.margin) == (
        full.scores,
        full.recommendation,
        full.margin,
    )


def test_result_records_what_produced_it(questionnaire: guidestyle.Questionnaire) -> None:
    result = guidestyle.score(
        questionnaire,
        {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo", "note": "hi"},
    )
    assert result.questionnaire == guidestyle.QuestionnaireRef("engine", "1", questionnaire.digest)
    assert result.library_version == guidestyle.__version__
    assert result.answers["note"] == "hi"
    data = result.to_dict()
    assert data["recommendation"]["style"] == "mentoring"
    assert data["recommendation"]["strength"] == "clear"
    assert data["scores"] == {"mentoring": 87.5, "coaching": 62.5, "leadership": 0.0}
    assert data["margin"] == 25.0


def test_scores_round_half_up() -> None:
    # style a: 8 items worth 4 points each, 1 point earned: 100 / 32 = 3.125, shown as 3.13
    items = (
        "".join(
            f"  - {{id: a{i}, kind: likert, text: A, scale: s, style: a, distinction: d}}\n"
            for i in range(8)
        )
        + "  - {id: b0, kind: likert, text: B, scale: s, style: b, distinction: d}\n"
    )
    q = guidestyle.loads(
        "format: 1\nid: r\nversion: '1'\ntitle: t\ndescription: t\naudience: t\n"
        "styles: {a: {label: a, description: a}, b: {label: b, description: b}}\n"
        "distinctions: {d: {label: d, positions: {a: x, b: x}}}\n"
        "scales: {s: {min: 1, max: 5, labels: ['1', '2', '3', '4', '5']}}\nquestions:\n" + items
    )
    answers = {f"a{i}": 1 for i in range(8)} | {"a0": 2, "b0": 1}
    assert str(guidestyle.score(q, answers).scores["a"]) == "3.13"
