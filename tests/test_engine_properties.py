"""Properties of scoring over generated questionnaires and answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import TypeAdapter

import guidestyle
from guidestyle import AnswersError, Questionnaire, Scorer
from guidestyle._compile import compile_plan
from guidestyle._plan import Plan

from .strategies import Data, questionnaires


def scorable(data: Data) -> Questionnaire:
    """Prepend one unconditional Likert item per style so that every style can be scored."""
    scale = next(iter(data["scales"]))
    anchors = [
        {
            "id": f"anchor--{style}",
            "kind": "likert",
            "text": "A",
            "scale": scale,
            "style": style,
            "distinction": next(iter(data["distinctions"])),
        }
        for style in data["styles"]
    ]
    # with a required anchor per style, a tiny minimum coverage can always be met
    data = data | {
        "questions": anchors + data["questions"],
        "scoring": data["scoring"] | {"min_coverage": 0.01},
    }
    return Questionnaire.model_validate_json(json.dumps(data))


def _possible(question: guidestyle.Question, q: Questionnaire) -> st.SearchStrategy[Any]:
    if isinstance(question, guidestyle.LikertQuestion):
        scale = q.scales[question.scale]
        return st.integers(scale.min, scale.max)
    if isinstance(question, guidestyle.SingleChoiceQuestion):
        return st.sampled_from([o.id for o in question.options])
    if isinstance(question, guidestyle.ForcedChoiceQuestion):
        return st.sampled_from([s.id for s in question.statements])
    if isinstance(question, guidestyle.MultipleChoiceQuestion):
        ids = [o.id for o in question.options]
        return st.lists(
            st.sampled_from(ids), unique=True, max_size=question.max_choices or len(ids)
        )
    return st.text(max_size=20)


@st.composite
def answered(draw: st.DrawFn) -> tuple[Questionnaire, dict[str, Any]]:
    """A questionnaire and valid answers: shown questions answered (optional ones maybe not)."""

    q = scorable(draw(questionnaires()))
    answers: dict[str, Any] = {}
    normalised: dict[str, Any] = {}
    for question in q.questions:
        if question.show_if is not None and not question.show_if.holds(normalised):
            continue
        if not question.required and draw(st.integers(0, 3)) == 0:
            continue
        value = draw(_possible(question, q))
        answers[question.id] = value
        if isinstance(question, guidestyle.MultipleChoiceQuestion):
            normalised[question.id] = tuple(o.id for o in question.options if o.id in value)
        else:
            normalised[question.id] = value
    return q, answers


def dependents(q: Questionnaire) -> set[str]:

    return {
        ref for question in q.questions if question.show_if for ref in question.show_if.questions()
    }


@given(answered())
def test_scores_lie_between_0_and_100_and_contributions_add_up_exactly(
    case: tuple[Questionnaire, dict[str, Any]],
) -> None:
    q, answers = case
    result = guidestyle.score(q, answers)
    for style, value in result.scores.items():
        assert 0 <= value <= 100
        assert sum(shares[style] for shares in result.contributions.values()) == value
    assert result.margin == result.scores[result.ranking[0]] - result.scores[result.ranking[1]]
    assert result.recommendation.style == result.ranking[0]


@given(answered(), st.randoms(use_true_random=False))
def test_order_of_answers_does_not_matter(
    case: tuple[Questionnaire, dict[str, Any]], random: Any
) -> None:
    q, answers = case
    items = list(answers.items())
    random.shuffle(items)
    assert guidestyle.score(q, dict(items)) == guidestyle.score(q, answers)


@given(answered(), st.randoms(use_true_random=False))
def test_order_of_independent_questions_does_not_matter(
    case: tuple[Questionnaire, dict[str, Any]], random: Any
) -> None:
    q, answers = case
    fixed = dependents(q)
    movable = [
        i
        for i, question in enumerate(q.questions)
        if question.show_if is None and question.id not in fixed
    ]
    targets = movable[:]
    random.shuffle(targets)
    questions = list(q.questions)
    for source, target in zip(movable, targets, strict=True):
        questions[target] = q.questions[source]
    shuffled = q.model_copy(update={"questions": tuple(questions)})
    before, after = guidestyle.score(q, answers), guidestyle.score(shuffled, answers)
    assert (after.scores, after.recommendation, after.margin, after.ranking) == (
        before.scores,
        before.recommendation,
        before.margin,
        before.ranking,
    )
    assert after.contributions == before.contributions  # same shares; dict order does not count


@given(answered(), st.data())
def test_more_agreement_never_lowers_the_keyed_style(
    case: tuple[Questionnaire, dict[str, Any]], data: st.DataObject
) -> None:
    q, answers = case
    fixed = dependents(q)
    candidates = [
        question
        for question in q.questions
        if isinstance(question, guidestyle.LikertQuestion)
        and question.id in answers
        and question.id not in fixed
    ]
    assume(candidates)
    question = data.draw(st.sampled_from(candidates))
    scale = q.scales[question.scale]
    current = answers[question.id]
    toward = scale.min if question.reverse else scale.max  # the end that agrees with the style
    more = data.draw(st.integers(min(current, toward), max(current, toward)))
    before = guidestyle.score(q, answers).scores[question.style]
    after = guidestyle.score(q, answers | {question.id: more}).scores[question.style]
    assert after >= before


@given(answered())
def test_same_input_same_output_and_json_round_trip(
    case: tuple[Questionnaire, dict[str, Any]],
) -> None:
    q, answers = case
    result = guidestyle.score(q, answers)
    assert guidestyle.Scorer(q).score(answers) == result
    assert guidestyle.Result.from_json(result.to_json()) == result
    assert json.loads(result.to_json()) == result.to_dict()


@given(answered(), st.sampled_from([None, 2]))
def test_a_result_writes_the_json_pydantic_writes_for_it(
    case: tuple[Questionnaire, dict[str, Any]], indent: int | None
) -> None:
    """to_json writes with the standard library; pydantic, which reads results back and
    describes them, is the oracle for the bytes (the format stays what it was)."""
    q, answers = case
    result = guidestyle.score(q, answers)
    by_pydantic = TypeAdapter(guidestyle.Result).dump_json(result, indent=indent).decode()
    assert result.to_json(indent=indent) == by_pydantic


@given(answered(), st.sampled_from(["valid", "unknown-question", "off-scale", "hidden"]))
def test_a_plan_read_back_from_its_data_scores_alike(
    case: tuple[Questionnaire, dict[str, Any]], change: str
) -> None:
    """The built-ins ship their plans as data: a plan read back scores as the compiled one,
    and refuses what it refuses with the same words."""
    q, answers = case
    compiled = compile_plan(q)
    data = json.loads(json.dumps(compiled.to_data()))
    read_back = Plan.from_data(data, lambda: q)
    assert read_back.to_data() == data
    answers = spoiled(q, answers, change)
    outcomes = []
    for scorer in (Scorer(q), Scorer._of_plan(read_back)):
        try:
            outcomes.append(scorer.score(answers).to_json())
        except AnswersError as error:
            outcomes.append(str(error))
    assert outcomes[0] == outcomes[1]


@given(answered(), st.sampled_from(["unknown-question", "off-scale", "bool", "hidden"]))
def test_an_invalid_answer_set_raises_and_returns_nothing(
    case: tuple[Questionnaire, dict[str, Any]], how: str
) -> None:
    q, answers = case
    with pytest.raises(AnswersError):
        guidestyle.score(q, spoiled(q, answers, how))


def spoiled(q: Questionnaire, answers: dict[str, Any], how: str) -> dict[str, Any]:
    """Valid ``answers`` made invalid ``how``: an unknown question, an answer off the scale
    or of the wrong type, or an answer to a hidden question; ``valid`` leaves them be."""
    bad = dict(answers)
    if how == "unknown-question":
        bad["no-such-question-id"] = 1
    elif how in ("off-scale", "bool"):
        likert = next(
            question for question in q.questions if isinstance(question, guidestyle.LikertQuestion)
        )
        bad[likert.id] = True if how == "bool" else q.scales[likert.scale].max + 1
    elif how == "hidden":
        hidden = [
            question
            for question in q.questions
            if question.id not in answers
            and question.show_if is not None
            and not isinstance(question, guidestyle.TextQuestion)
        ]
        assume(hidden)

        target = hidden[0]
        assume(
            target.show_if is not None
            and not target.show_if.holds(guidestyle.score(q, answers).answers)
        )
        bad[target.id] = data_value(target, q)
    return bad


def data_value(question: guidestyle.Question, q: Questionnaire) -> Any:
    if isinstance(question, guidestyle.LikertQuestion):
        return q.scales[question.scale].min
    if isinstance(question, guidestyle.MultipleChoiceQuestion):
        return []
    if isinstance(question, (guidestyle.SingleChoiceQuestion,)):
        return question.options[0].id
    if isinstance(question, guidestyle.ForcedChoiceQuestion):
        return question.statements[0].id
    return "text"


def oracle_points(
    question: guidestyle.Question, q: Questionnaire, answer: Any
) -> tuple[dict[str, int], dict[str, int]]:
    """Points earned and the most possible per style, straight from the model's definitions."""
    if isinstance(question, guidestyle.LikertQuestion):
        scale = q.scales[question.scale]
        earned = scale.max - answer if question.reverse else answer - scale.min
        return {question.style: earned}, {question.style: scale.max - scale.min}
    if isinstance(question, guidestyle.ForcedChoiceQuestion):
        chosen = next(s for s in question.statements if s.id == answer)
        return {chosen.style: 1}, {s.style: 1 for s in question.statements}
    assert isinstance(
        question, (guidestyle.SingleChoiceQuestion, guidestyle.MultipleChoiceQuestion)
    )
    picked = answer if isinstance(answer, list) else [answer]
    limit = (
        1
        if isinstance(question, guidestyle.SingleChoiceQuestion)
        else (question.max_choices or len(question.options))
    )
    earned, most = {}, {}
    for style in q.styles:
        earned[style] = sum(o.weights.get(style, 0) for o in question.options if o.id in picked)
        most[style] = sum(
            sorted((o.weights.get(style, 0) for o in question.options), reverse=True)[:limit]
        )
    return earned, most


@given(answered())
def test_scores_equal_an_exact_fraction_rounded_half_up(
    case: tuple[Questionnaire, dict[str, Any]],
) -> None:
    from decimal import ROUND_HALF_UP, Decimal
    from fractions import Fraction

    q, answers = case
    result = guidestyle.score(q, answers)
    earned = dict.fromkeys(q.styles, 0)
    most = dict.fromkeys(q.styles, 0)
    for question_id in result.answers:
        question = q.question(question_id)
        if isinstance(question, guidestyle.TextQuestion):
            continue
        points, maximum = oracle_points(question, q, answers[question_id])
        for style in q.styles:
            earned[style] += points.get(style, 0)
            most[style] += maximum.get(style, 0)
    for style in q.styles:
        exact = Fraction(100 * earned[style], most[style])
        expected = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        assert result.scores[style] == expected
