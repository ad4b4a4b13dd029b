"""Scoring on Dask: partitions scored on two worker processes give, row for row, what one
process gives."""

from __future__ import annotations

import csv
import json
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import guidestyle

from .cohort import csv_cell, responses

pytestmark = pytest.mark.slow

SITUATION = guidestyle.builtin("situation")
ROWS = 3_000


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CSV cohort of ``ROWS`` respondents, a few of whose rows cannot be scored."""
    folder = tmp_path_factory.mktemp("dask")
    ids = [question.id for question in SITUATION.questions]
    rows = [
        [f"r{n:05}", *(csv_cell(answers.get(i)) for i in ids)]
        for n, answers in enumerate(responses(SITUATION, ROWS, seed=5))
    ]
    for n in range(7, ROWS, 500):
        rows[n][1] = "next_year"  # an unknown option of 'who_is_guided'
    path = folder / "cohort.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([["respondent", *ids], *rows])
    return path


def records_by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["respondent"]: row for row in rows}


def test_a_dask_dataframe_scored_on_two_workers_equals_the_local_batch(
    client: Any, cohort: Path
) -> None:
    import dask.dataframe as dd
    import pandas

    frame = dd.read_csv(cohort, dtype=str, keep_default_na=False, blocksize=100_000)
    assert frame.npartitions > 2
    meta = guidestyle.score_frame(frame._meta, SITUATION, id_column="respondent")
    scored = frame.map_partitions(
        guidestyle.score_frame, SITUATION, id_column="respondent", meta=meta
    ).compute()
    assert len(client.scheduler_info()["workers"]) == 2

    local = pandas.read_csv(cohort, dtype=str, keep_default_na=False).pipe(
        guidestyle.score_frame, SITUATION, id_column="respondent"
    )
    columns = [column for column in local.columns if column != "line"]  # lines: per partition
    distributed_rows = records_by_id(scored[columns].to_dict("records"))
    local_rows = records_by_id(local[columns].to_dict("records"))
    assert len(distributed_rows) == ROWS
    assert distributed_rows == local_rows
    failed = [row for row in local_rows.values() if isinstance(row["problems"], str)]
    assert len(failed) == 6
    # and the single-process batch over the file says the same, row for row
    for row in guidestyle.score_rows(SITUATION, cohort, id_column="respondent"):
        record = distributed_rows[str(row.respondent)]
        if isinstance(row, guidestyle.ScoredRow):
            assert record["style"] == row.result.recommendation.style
            assert record["margin"] == float(row.result.margin)
            assert record["problems"] is None
        else:
            assert record["problems"] == "\n".join(
                str(problem).split(":", 3)[-1].strip() for problem in row.problems
            )


def test_a_bag_of_json_lines_scored_on_two_workers_equals_the_local_batch(
    client: Any, tmp_path: Path
) -> None:
    import dask.bag as db

    lines = [
        json.dumps({"respondent": n, **answers})
        for n, answers in enumerate(responses(SITUATION, 1_000, seed=6))
    ]
    lines[10] = "{broken"
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bag = db.read_text(str(path), blocksize=50_000)
    assert bag.npartitions > 2
    scored = bag.map_partitions(
        partial(guidestyle.score_rows, SITUATION), format="jsonl", id_column="respondent"
    )
    results = scored.filter(lambda row: isinstance(row, guidestyle.ScoredRow)).map(
        lambda row: (row.respondent, row.result.to_json())
    )
    local = {
        row.respondent: row.result.to_json()
        for row in guidestyle.score_rows(SITUATION, path, id_column="respondent")
        if isinstance(row, guidestyle.ScoredRow)
    }
    assert dict(results.compute()) == local
    assert len(local) == 999
