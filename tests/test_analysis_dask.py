"""The analysis as a Dask reduction on a local cluster of two worker processes: each
partition tallied where it lies, the tallies merged, the figures those of one process."""

from __future__ import annotations

import json
import operator
from collections.abc import Sequence
from functools import reduce
from typing import Any

import pytest

import guidestyle

from .leaning_cohort import respondents

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")
dask = pytest.importorskip("dask")
dask_dataframe = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")

ROWS = 2_000


def tally_lines(lines: Sequence[str], questionnaire: guidestyle.Questionnaire) -> list[Any]:
    """One partition of JSON lines, tallied: what runs on a worker."""
    rows = guidestyle.score_rows(questionnaire, lines, format="jsonl")
    return [guidestyle.CohortTally(questionnaire).add(rows)]


def tally_frame(frame: Any, questionnaire: guidestyle.Questionnaire) -> Any:
    """One partition of a DataFrame, tallied."""
    return guidestyle.CohortTally(questionnaire).add(guidestyle.score_rows(questionnaire, frame))


@pytest.fixture(scope="module")
def cohort() -> tuple[guidestyle.Questionnaire, list[dict[str, Any]]]:
    questionnaire = guidestyle.builtin("situation")
    return questionnaire, list(respondents(questionnaire, ROWS, seed=11))


def test_a_bag_of_json_lines_reduces_to_the_in_memory_analysis(client: Any, cohort: Any) -> None:
    questionnaire, answers = cohort
    lines = [json.dumps(row) for row in answers]
    bag = dask_bag.from_sequence(lines, npartitions=6)
    tally = bag.map_partitions(tally_lines, questionnaire).fold(operator.add).compute()
    assert len(client.scheduler_info()["workers"]) == 2
    assert tally.analysis() == guidestyle.analyze(questionnaire, lines, format="jsonl")
    assert tally.analysis(missing="listwise") == guidestyle.analyze(
        questionnaire, lines, format="jsonl", missing="listwise"
    )


def test_a_dask_dataframes_partitions_reduce_to_the_in_memory_analysis(
    client: Any, cohort: Any
) -> None:
    questionnaire, answers = cohort
    flat = [
        {key: ";".join(value) if isinstance(value, list) else value for key, value in row.items()}
        for row in answers
    ]
    frame = pd.DataFrame(flat, columns=[q.id for q in questionnaire.questions if q.scored])
    parts = dask_dataframe.from_pandas(frame, npartitions=4).to_delayed()
    tallies = dask.compute(*(dask.delayed(tally_frame)(part, questionnaire) for part in parts))
    analysis = reduce(operator.add, tallies).analysis()
    assert analysis == guidestyle.analyze(questionnaire, answers)
    assert analysis.respondents == ROWS
