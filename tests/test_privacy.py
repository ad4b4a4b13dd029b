"""No answer text in a repr or an error message (issue 14, finding 13): a secret planted in
every place an answer can go is looked for in the repr of every public object a caller
holds and in the text and repr of every error the library raises about it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache

import pytest

import guidestyle

from .conftest import DATA

SECRET = "my manager shouts at me, secret 4711"
VALID = {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}
# an answer to each kind of question, with the secret where a value should be
WRONG = {
    "l1": SECRET,  # a Likert scale point
    "mc": ["a", SECRET, SECRET],  # options chosen
    "fc": SECRET,  # a statement
    "team": SECRET,  # an option
    "note": SECRET * 100,  # a note past its length limit
}


@cache
def engine() -> guidestyle.Questionnaire:
    return guidestyle.load(DATA / "engine.yaml")


def texts_of(error: BaseException) -> Iterator[str]:
    yield str(error)
    yield repr(error)
    for problem in getattr(error, "problems", ()):
        yield str(problem)
        yield repr(problem)


def errors_about_the_secret() -> Iterator[BaseException]:
    q = engine()
    for question, value in WRONG.items():
        with pytest.raises(guidestyle.AnswersError) as scored:
            guidestyle.score(q, {**VALID, question: value})
        yield scored.value
        session = guidestyle.Session.start(q).at(question)
        with pytest.raises(guidestyle.AnswersError) as answered:
            session.answer(value)
        yield answered.value
        saved = json.loads(guidestyle.Session.start(q).to_json())
        saved["answers"] = {question: value}
        with pytest.raises(guidestyle.SessionError) as restored:
            guidestyle.Session.from_json(q, json.dumps(saved))
        yield restored.value
    with pytest.raises(guidestyle.AnswersError) as everything:
        guidestyle.score(q, {**VALID, **WRONG})
    yield everything.value
    record = guidestyle.score(q, {**VALID, "note": SECRET}).to_dict()
    record["recommendation"]["strength"] = SECRET
    with pytest.raises(guidestyle.ResultError) as tampered:
        guidestyle.Result.from_json(json.dumps(record))
    yield tampered.value


def test_no_error_message_repeats_an_answer() -> None:
    errors = list(errors_about_the_secret())
    assert len(errors) == 3 * len(WRONG) + 2
    assert [text for error in errors for text in texts_of(error) if "secret" in text] == []


def test_an_error_still_says_which_question_and_how_long_the_value_was() -> None:
    with pytest.raises(guidestyle.AnswersError) as caught:
        guidestyle.score(engine(), {**VALID, "team": SECRET})
    assert str(caught.value) == (
        "team: unknown option (a text of 36 characters); expected one of: solo, team"
    )


def public_objects() -> Iterator[tuple[str, object]]:
    q = engine()
    answers = {**VALID, "note": SECRET}
    result = guidestyle.score(q, answers)
    yield "Recommendation", result.recommendation
    yield "Coverage", result.coverage
    yield from (("Driver", driver) for driver in result.drivers)
    yield from (("DistinctionProfile", entry) for entry in result.profile)
    yield "Comparison", guidestyle.compare(result, result)
    session = guidestyle.Session.start(q)
    for question, value in answers.items():
        session = session.at(question).answer(value)
    yield "Session", session
    step = session.at("note").current
    assert step is not None
    assert step.answer == SECRET
    yield "Step", step


def test_no_public_objects_repr_shows_an_answer_text() -> None:
    shown = list(public_objects())
    assert {name for name, _ in shown} >= {"Comparison", "Driver", "Session", "Step"}
    assert [name for name, value in shown if "secret" in repr(value)] == []


def test_a_results_repr_shows_no_answer_text() -> None:
    result = guidestyle.score(engine(), {**VALID, "note": SECRET})
    assert "secret" not in repr(result)


def test_a_steps_repr_gives_the_length_of_a_note() -> None:
    session = guidestyle.Session.start(engine()).at("note")
    step = session.answer(SECRET).at("note").current
    assert repr(step) == (
        "Step(question='note', number=7, total=7, answer=<a text of 36 characters>)"
    )


# The review's gap D: the bulk and analysis objects too ---------------------------------------


def bulk_objects() -> Iterator[tuple[str, object]]:
    """Every public object that holds a respondent's row, from each way of reading rows."""
    q = engine()
    row = {"who": "r1", "team_name": SECRET, **VALID, "note": SECRET}
    bad = {**row, "team": SECRET}  # read, then refused when scored
    unknown = {**row, "nothing": SECRET}  # refused when read
    for name, value in (("Row", row), ("BadRow", unknown)):
        (read,) = guidestyle.read_rows(q, [value], id_column="who", keep=["team_name"])
        assert type(read).__name__ == name
        yield name, read
    for scored in guidestyle.score_rows(q, [row, bad], id_column="who", keep=["team_name"]):
        yield type(scored).__name__, scored
    yield "Analysis", guidestyle.analyze(q, [row, row, bad], id_column="who", keep=["team_name"])
    tally = guidestyle.CohortTally(q)
    tally.add([guidestyle.score(q, {**VALID, "note": SECRET})])
    yield "CohortTally", tally


def test_no_row_or_analysis_repr_shows_an_answer_or_a_kept_value() -> None:
    shown = list(bulk_objects())
    assert {name for name, _ in shown} == {"Row", "BadRow", "ScoredRow", "Analysis", "CohortTally"}
    assert [name for name, value in shown if "secret" in repr(value)] == []
    assert [name for name, value in shown if "secret" in str(value)] == []


def test_a_rows_repr_gives_where_it_was_whose_it_is_and_how_many_answers() -> None:
    (row,) = guidestyle.read_rows(
        engine(),
        [{"who": "r1", "team_name": SECRET, "note": SECRET}],
        id_column="who",
        keep=["team_name"],
    )
    assert repr(row) == "Row(line=1, respondent='r1', kept=<1 column>, answers=<1 answer>)"


def test_a_number_typed_as_a_text_answer_is_not_shown_but_a_scale_point_is() -> None:
    q = engine()
    with pytest.raises(guidestyle.AnswersError) as typed:
        guidestyle.score(q, {**VALID, "note": 95000, "l1": 95001})
    assert str(typed.value).splitlines() == [
        "l1: expected a whole number from 1 to 5, found the number 95001",
        "note: expected text, found a whole number",
    ]
    with pytest.raises(guidestyle.AnswersError) as answered:
        guidestyle.Session.start(q).at("note").answer(95000.5)
    assert str(answered.value) == "note: expected text, found a number"
