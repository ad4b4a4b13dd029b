"""Scoring a Dask DataFrame on two worker processes against one, in one run.

A CSV cohort (200,000 rows of ``situation`` by default) is read by Dask in partitions, each
scored by ``guidestyle.score_frame`` on the workers of a ``distributed.LocalCluster``; what
comes back is the number of rows scored, so the time is the scoring's, not the transfer of
the results. Prints the time of each and

    speedup_2_over_1: X   (at most 2 on two cores; less when the machine is shared)

    python benchmarks/bench_dask.py [ROWS]
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import dask.dataframe as dd
import distributed

import guidestyle

sys.path.insert(0, str(Path(__file__).parent))
from bench_batch import cohort

ROWS = 200_000


def write_cohort(path: Path, questionnaire: guidestyle.Questionnaire, rows: int) -> None:
    ids = [question.id for question in questionnaire.questions]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["respondent", *ids])
        for line in cohort(questionnaire, rows):
            answers = json.loads(line)
            writer.writerow([answers["respondent"], *(cell(answers.get(i)) for i in ids)])


def cell(value: object) -> str:
    if isinstance(value, list):
        return ";".join(value)
    return "" if value is None else str(value)


def timed(path: Path, questionnaire: guidestyle.Questionnaire, rows: int, workers: int) -> float:
    with (
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(warm, questionnaire)  # each worker imports guidestyle, compiles the scorer
        frame = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize=4_000_000)
        meta = guidestyle.score_frame(frame._meta, questionnaire, id_column="respondent")
        scored = frame.map_partitions(
            guidestyle.score_frame, questionnaire, id_column="respondent", meta=meta
        )
        start = time.perf_counter()
        count = scored["style"].count().compute()  # a reduction: little to send back
        elapsed = time.perf_counter() - start
    assert int(count) == rows, count
    return elapsed


def warm(questionnaire: guidestyle.Questionnaire) -> None:
    list(guidestyle.score_rows(questionnaire, [{}]))


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    questionnaire = guidestyle.builtin("situation")
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as folder:
        path = Path(folder) / "cohort.csv"
        write_cohort(path, questionnaire, rows)
        one = timed(path, questionnaire, rows, 1)
        two = timed(path, questionnaire, rows, 2)
    print(f"rows: {rows:,} (situation), partitions of 4 MB; {os.cpu_count()} cores")
    print(f"  load average over the last minute, at the end: {os.getloadavg()[0]:.1f}")
    print(f"  1 worker: {one:.2f} s ({rows / one:,.0f} rows/s)")
    print(f"  2 workers: {two:.2f} s ({rows / two:,.0f} rows/s)")
    print(f"  speedup_2_over_1: {one / two:.2f}")


if __name__ == "__main__":
    main()
