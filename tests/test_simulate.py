"""Simulated respondents: what answering for a style means per kind, the answer space and
two-sided respondents worked by hand, bounds, determinism, the command and the reports."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from random import Random

import pytest

import guidestyle
from guidestyle import _simulate

from .conftest import DATA


def pure_questionnaire(questions: int, scoring: str = "") -> guidestyle.Questionnaire:
    """``questions`` single-choice questions, each with one option per style (2 points)."""
    lines = [
        "format: 1",
        "id: pure",
        'version: "1"',
        "title: Pure",
        "description: One option per style.",
        "audience: Tests",
        "styles:",
        "  mentoring: {label: Mentoring, description: M}",
        "  coaching: {label: Coaching, description: C}",
        "  leadership: {label: Leadership, description: L}",
        "distinctions:",
        "  focus: {label: Focus, positions: {mentoring: M, coaching: C, leadership: L}}",
        "questions:",
    ]
    for i in range(questions):
        lines += [
            f"  - id: q{i}",
            "    kind: single_choice",
            f"    text: Question {i}",
            "    distinction: focus",
            "    options:",
            "      - {id: m, text: M, weights: {mentoring: 2}}",
            "      - {id: c, text: C, weights: {coaching: 2}}",
            "      - {id: l, text: L, weights: {leadership: 2}}",
        ]
    return guidestyle.loads("\n".join(lines) + "\n" + scoring)


@pytest.fixture(scope="module")
def engine() -> guidestyle.Questionnaire:
    return guidestyle.load(DATA / "engine.yaml")


@pytest.mark.parametrize(
    ("question", "style", "answer"),
    [
        ("l1", "mentoring", 5),  # agreeing gives its style the most
        ("l1", "coaching", 1),  # another style: the point that gives mentoring nothing
        ("l2", "coaching", 1),  # reversed: disagreeing gives coaching the most
        ("l2", "mentoring", 5),
        ("mc", "mentoring", ("a",)),
        ("mc", "coaching", ("b",)),  # b also gives leadership 1; c would give coaching none
        ("mc", "leadership", ("b", "c")),  # c (3) then b (1): the most it can get, 4
        ("fc", "leadership", "s3"),
        ("team", "coaching", "solo"),
        ("follow", "mentoring", "y"),
        ("note", "mentoring", None),  # a text question takes no scored answer
    ],
)
def test_answering_a_question_for_a_style(
    engine: guidestyle.Questionnaire, question: str, style: str, answer: object
) -> None:
    assert engine.question(question).answer_for(style, engine) == answer


def test_answering_for_a_style_no_option_reaches_prefers_the_option_giving_others_least() -> None:
    q = guidestyle.loads(
        (DATA / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "      - {id: years, text: Years, weights: {mentoring: 2}}",
            "      - {id: years, text: Years, weights: {mentoring: 2, leadership: 1}}\n"
            "      - {id: unsure, text: Not sure}",
        )
    )
    horizon = q.question("horizon")
    assert horizon.answer_for("leadership", q) == "mission"
    assert horizon.answer_for("mentoring", q) == "years"  # 2 for mentoring, even with 1 more
    # no option gives coaching anything but 'weeks'; take away its points and 'unsure' wins
    assert horizon.answer_for("coaching", q) == "weeks"


def test_every_selection_of_a_multiple_choice_is_drawn_equally_often(
    engine: guidestyle.Questionnaire,
) -> None:
    question = engine.question("mc")
    assert question.answer_count(engine) == 7  # none, three singles, three pairs
    draw = question.answer_sampler(engine)
    rng = Random(1)
    counts = Counter(draw(rng) for _ in range(7_000))
    assert set(counts) == set(question.possible_answers(engine))
    assert all(850 <= count <= 1_150 for count in counts.values()), counts


def test_the_answer_space_of_two_questions_tried_exhaustively_by_hand() -> None:
    # 9 combinations: the same option twice (3) is a clear call, margin 100; two different
    # options (6) tie two styles at 50, a blend led by the first in style order
    space = guidestyle.simulate(pure_questionnaire(2), shares=(0.5,)).answer_space
    assert (space.respondents, space.exhaustive) == (9, True)
    assert {s: dict(n) for s, n in space.recommendations.items()} == {
        "mentoring": {"clear": 1, "leaning": 0, "blend": 4, "balanced": 0},
        "coaching": {"clear": 1, "leaning": 0, "blend": 2, "balanced": 0},
        "leadership": {"clear": 1, "leaning": 0, "blend": 0, "balanced": 0},
    }
    assert dict(space.on_top) == {"mentoring": 5, "coaching": 5, "leadership": 5}
    assert space.margins == (6,) + (0,) * 18 + (3,)
    assert {name: str(value) for name, value in space.margin_percentiles.items()} == {
        "min": "0.00",
        "p5": "0.00",
        "p25": "0.00",
        "median": "0.00",
        "p75": "100.00",
        "p95": "100.00",
        "max": "100.00",
    }
    assert space.strength_count("clear") == 3
    assert space.style_count("mentoring") == 5


def test_two_sided_respondents_tried_exhaustively_by_hand() -> None:
    simulation = guidestyle.simulate(pure_questionnaire(4), shares=(0.5, 0.75))
    # 0.5 of 4: each of the C(4, 2) = 6 ways gives both styles 50 points, a blend
    half = simulation.group("mentoring", "coaching", 0.5)
    assert (half.respondents, half.exhaustive, half.pair_on_top) == (6, True, 6)
    assert half.recommendations["mentoring"]["blend"] == 6
    assert half.margin_percentiles["max"] == Decimal("0.00")
    # 0.75 of 4: each of the C(4, 3) = 4 ways gives 75 against 25, clear by 50
    most = simulation.group("coaching", "leadership", 0.75)
    assert most.pair == ("coaching", "leadership")
    assert (most.respondents, most.strength_count("clear")) == (4, 4)
    assert most.margin_percentiles["min"] == Decimal("50.00")
    # a pair at 0.5 is simulated in one order, every other share in both
    assert len(simulation.two_sided) == 3 + 6
    assert simulation.group("coaching", "mentoring", 0.5) is half
    with pytest.raises(KeyError):
        simulation.group("coaching", "mentoring", 0.6)


def test_a_share_that_is_not_whole_is_rounded_down_or_up_at_random() -> None:
    # 0.5 of 5 questions: 2 or 3 for mentoring, as often as each; margins 20 either way
    group = guidestyle.simulate(pure_questionnaire(5), samples=400, shares=(0.5,)).two_sided[0]
    assert not group.exhaustive
    won = group.style_count("mentoring") / group.respondents
    assert 0.4 < won < 0.6
    assert group.margin_percentiles["min"] == group.margin_percentiles["max"] == Decimal("20.00")


def test_the_same_seed_gives_the_same_figures_and_another_seed_others() -> None:
    q = guidestyle.builtin("situation")
    first = guidestyle.simulate(q, samples=200, seed=3)
    assert guidestyle.simulate(q, samples=200, seed=3) == first
    assert guidestyle.simulate(q, samples=200, seed=4).answer_space != first.answer_space
    assert not first.answer_space.exhaustive


def test_the_work_budget_leaves_fewer_respondents_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_simulate, "WORK_BUDGET", 10 * 40)  # 4 questions + 1, 10 groups
    simulation = guidestyle.simulate(pure_questionnaire(4, ""), samples=2_000, shares=(0.5, 0.8))
    assert simulation.limited
    assert simulation.answer_space.respondents == 8
    assert all(group.respondents <= 8 for group in simulation.two_sided)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"samples": 0}, ValueError, "simulate(): samples must be from 1 to 100,000; got 0"),
        (
            {"samples": 100_001},
            ValueError,
            "simulate(): samples must be from 1 to 100,000; got 100,001",
        ),
        ({"samples": 2.5}, TypeError, "simulate(): samples must be int, not float"),
        ({"shares": (0.4,)}, ValueError, "simulate(): each share must be from 0.5 to 1; got 0.4"),
        ({"shares": ()}, ValueError, "simulate(): give 1 to 10 shares; got 0"),
        ({"shares": "0.5"}, TypeError, "simulate(): shares must be a sequence of numbers, not str"),
        ({"shares": (True,)}, TypeError, "simulate(): each share must be a number, not bool"),
        ({"seed": "1"}, TypeError, "simulate(): seed must be int, not str"),
    ],
)
def test_bad_arguments_are_refused(
    arguments: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        guidestyle.simulate(pure_questionnaire(2), **arguments)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_json_round_trips_the_figures() -> None:
    simulation = guidestyle.simulate(pure_questionnaire(2), shares=(0.5,))
    data = json.loads(simulation.to_json())
    assert data == simulation.to_dict()
    assert data["answer_space"]["margins"][0] == 6
    assert data["two_sided"][0]["pair"] == ["mentoring", "coaching"]
    assert data["clear_margin"] == 15.0


def test_reports_in_text_and_html() -> None:
    q = pure_questionnaire(2)
    simulation = guidestyle.simulate(q, shares=(0.5,))
    text = guidestyle.render_simulation(simulation, q)
    assert "EVERY ANSWER EQUALLY LIKELY: 9 respondents (every one)" in text
    assert "  calls:       Clear 33%, Leaning 0%, Blend 67%, Balanced 0%" in text
    assert "HALF FOR MENTORING, HALF FOR COACHING: 2 respondents (every one)" in text
    page = guidestyle.render_simulation(simulation, q, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") >= 8
    assert "<script" not in page
    with pytest.raises(guidestyle.ReportError) as caught:
        guidestyle.render_simulation(simulation, guidestyle.builtin("guide"))
    assert str(caught.value) == (
        "the simulation is of questionnaire pure version 1, not guide version 2.0.0"
    )
    edited = q.model_copy(update={"title": "Another title"})  # the same id and version
    with pytest.raises(guidestyle.ReportError) as caught:
        guidestyle.render_simulation(simulation, edited)
    assert str(caught.value) == (
        "the simulation is of questionnaire pure version 1 with a different content digest"
    )


def test_the_analysts_reports_fall_back_as_render_does_for_a_language_the_texts_lack() -> None:
    situation = guidestyle.builtin("situation")  # written in en and fr
    simulation = guidestyle.simulate(situation, samples=50, shares=(0.5,))
    german = guidestyle.render_simulation(simulation, situation, language="de")
    assert german == guidestyle.render_simulation(simulation, situation, language="en")
    french = guidestyle.render_simulation(simulation, situation, language="fr")
    assert "Mentorat" in french
    assert "Mentorat" not in german
    with pytest.raises(guidestyle.ReportError, match="is not a language code"):
        guidestyle.render_simulation(simulation, situation, language="not one!")
    analysis = guidestyle.analyze(situation, [])
    assert guidestyle.render_analysis(analysis, situation, language="de") == (
        guidestyle.render_analysis(analysis, situation, language="en")
    )


def test_the_command_prints_json_and_refuses_a_bad_share(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from guidestyle._cli import main

    path = str(DATA / "engine.yaml")
    assert main(["simulate", path, "--format", "json", "--samples", "50", "--share", "0.7"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["samples"] == 50
    assert {group["share"] for group in data["two_sided"]} == {0.7}
    with pytest.raises(SystemExit) as caught:
        main(["simulate", path, "--share", "0.3"])
    assert caught.value.code == 2
    assert "expected a number from 0.5 to 1, found '0.3'" in capsys.readouterr().err


def test_lint_warns_when_even_half_and_half_answers_are_called_clear() -> None:
    # 7 questions: half-and-half is 3 against 4, a margin of 14.28, clear at a margin of 10
    loose = pure_questionnaire(7, "scoring: {clear_margin: 10, leaning_margin: 5}\n")
    warnings = [str(p) for p in guidestyle.lint(loose) if p.code == "split-called-clear"]
    assert warnings[0] == (
        "<string>:70:1: scoring: warning: answers given half for 'mentoring' and half for 'coaching' are "
        "called clear for 100% of simulated respondents; a clear_margin above 14.28 (now "
        "10.00) would call most of them a blend or leaning (see guidestyle simulate) "
        "[split-called-clear]"
    )
    assert len(warnings) == 3  # one per pair
    calibrated = pure_questionnaire(7, "scoring: {clear_margin: 20, leaning_margin: 10}\n")
    assert [p for p in guidestyle.lint(calibrated) if p.code == "split-called-clear"] == []


def test_lint_warns_about_a_style_random_answers_rarely_put_on_top() -> None:
    # leadership's option gives mentoring as much: it ties mentoring at best
    text = pure_questionnaire(8, "scoring: {clear_margin: 30}\n").model_dump_json()
    q = guidestyle.loads(text.replace('{"leadership":2}', '{"mentoring":2,"leadership":2}'))
    rare = [(p.path, p.message) for p in guidestyle.lint(q) if p.code == "rare-style"]
    assert rare == [
        (
            ("styles", "leadership"),
            "style 'leadership' scores highest (alone or tied) for "
            "only 4.0% of random answers (an even share is 33.3%); give it more questions or weight",
        )
    ]
