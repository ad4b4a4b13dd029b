"""Scoring in bulk from Python: ``guidestyle.score_rows`` and ``guidestyle.score_frame``."""

from __future__ import annotations

import io
from typing import Any

import pytest

import guidestyle
from guidestyle import BadRow, ScoredRow

from .cohort import csv_cell, responses

LEARNER = guidestyle.builtin("learner")


def test_score_rows_gives_what_score_gives_row_by_row() -> None:
    cohort = responses(LEARNER, 30, seed=3)
    rows = [{"rid": n, "team": "a", **answers} for n, answers in enumerate(cohort)]
    rows[4]["own_answers"] = 6
    scored = list(guidestyle.score_rows(LEARNER, rows, id_column="rid", keep=["team"]))
    assert len(scored) == 30
    bad = scored.pop(4)
    assert isinstance(bad, BadRow)
    assert (bad.line, bad.respondent, bad.kept) == (5, 4, {"team": "a"})
    assert (
        str(bad)
        == "<rows>:5:1: own_answers: expected a whole number from 1 to 5, found the number 6"
    )
    del cohort[4]
    for row, answers in zip(scored, cohort, strict=True):
        assert isinstance(row, ScoredRow)
        assert row.kept == {"team": "a"}
        assert row.result == guidestyle.score(LEARNER, answers, explain=False)
        assert row.result.drivers == ()


def test_score_rows_explains_when_asked() -> None:
    (answers,) = responses(LEARNER, 1)
    (row,) = guidestyle.score_rows(LEARNER, [answers], explain=True)
    assert isinstance(row, ScoredRow)
    assert row.result == guidestyle.score(LEARNER, answers)
    assert row.result.drivers


def test_score_rows_reads_lines_as_a_file_would() -> None:
    lines = ['{"support_length": "years"}\n', "\n", "{}\n"]
    first, second = guidestyle.score_rows(LEARNER, lines, format="jsonl")
    assert isinstance(first, BadRow)
    assert isinstance(second, BadRow)
    assert [problem.line for problem in second.problems] == [3] * len(second.problems)
    assert str(second.problems[0]) == (
        "<lines>:3:1: support_length: a required question is not answered"
    )


def frame_of(cohort: list[dict[str, Any]]) -> Any:
    pandas = pytest.importorskip("pandas")
    ids = [question.id for question in LEARNER.questions]
    text = ",".join(["rid", *ids]) + "\n"
    for n, answers in enumerate(cohort):
        cells = [csv_cell(answers.get(i)).replace("\n", " ") for i in ids]
        text += ",".join([f"r{n}", *(f'"{c}"' if "," in c or '"' in c else c for c in cells)])
        text += "\n"
    return pandas.read_csv(io.StringIO(text.replace('"maybe"', "maybe")), dtype=str)


def test_score_frame_keeps_every_row_in_its_place() -> None:
    cohort = responses(LEARNER, 12, seed=4)
    frame = frame_of(cohort)
    frame.loc[3, "main_want"] = "fame"
    frame.loc[5, "own_answers"] = "5.5"
    scored = guidestyle.score_frame(frame, LEARNER, id_column="rid")
    assert list(scored.columns) == [
        "line",
        "rid",
        "style",
        "strength",
        "runner_up",
        "margin",
        *(f"score_{style}" for style in LEARNER.styles),
        "answered",
        "shown",
        "problems",
    ]
    assert list(scored.index) == list(frame.index)
    assert list(scored["rid"]) == [f"r{n}" for n in range(12)]
    assert scored.loc[3, "problems"] == (
        "main_want[0]: unknown option 'fame'; expected one of: one_skill, my_direction, "
        "team_expectations"
    )
    assert scored.loc[5, "problems"] == (
        "own_answers: expected a whole number from 1 to 5, found text '5.5'"
    )
    assert scored["style"].isna().tolist() == [n in {3, 5} for n in range(12)]
    for n in (0, 11):
        result = guidestyle.score(LEARNER, cohort[n], explain=False)
        assert scored.loc[n, "style"] == result.recommendation.style
        assert scored.loc[n, "margin"] == float(result.margin)
        assert scored.loc[n, "answered"] == result.coverage.answered
        assert scored.loc[n, "problems"] is None


def test_score_frame_of_an_empty_frame_has_the_columns_and_types() -> None:
    frame = frame_of(responses(LEARNER, 3))
    empty = guidestyle.score_frame(frame.iloc[:0], LEARNER, id_column="rid")
    full = guidestyle.score_frame(frame, LEARNER, id_column="rid")
    assert len(empty) == 0
    assert dict(empty.dtypes) == dict(full.dtypes)  # what Dask's meta needs
