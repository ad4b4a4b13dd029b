"""The batch path against a plain loop over the same JSONL lines, in one run.

The loop is the least a script that scores a file must do: for each line, ``json.loads``,
``Scorer.score(answers, explain=False)`` and the result's JSON written out (with
``Result.to_json()``, the cheapest way to the same JSON; ``json.dumps(result.to_dict())`` is
slower, and its ratio is printed too). The batch path is ``guidestyle batch`` run in this
process, reading the file and writing the JSONL output and the errors file as a user gets
them. Prints

    batch_vs_loop: X   (the batch's rows per second over the loop's; target X >= 0.8)

and the rows per second of each; best of a few runs, on a cohort of valid responses.

    python benchmarks/bench_batch.py [ROWS]
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import guidestyle
from guidestyle._cli import main as guidestyle_main

ROWS = 20_000
QUESTIONNAIRE = "situation"


def cohort(questionnaire: guidestyle.Questionnaire, count: int) -> list[str]:
    """``count`` JSONL lines of valid, varied responses (every shown question answered)."""
    rng = random.Random(0)
    questions = guidestyle.outline(questionnaire)["questions"]
    lines = []
    for number in range(count):
        answers: dict[str, object] = {"respondent": f"r{number}"}
        for question in questions:
            condition = questionnaire.question(question["id"]).show_if
            seen = {k: tuple(v) if isinstance(v, list) else v for k, v in answers.items()}
            if condition is not None and not condition.holds(seen):  # type: ignore[arg-type]
                continue
            if question["kind"] == "likert":
                scale = question["scale"]
                answers[question["id"]] = rng.randint(scale["min"], scale["max"])
            elif question["kind"] == "multiple_choice":
                ids = [option["id"] for option in question["options"]]
                answers[question["id"]] = rng.sample(ids, rng.randint(1, question["max_choices"]))
            elif question["kind"] != "text":
                choices = question.get("options") or question["statements"]
                answers[question["id"]] = rng.choice(choices)["id"]
        lines.append(json.dumps(answers) + "\n")
    return lines


def best(function: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    questionnaire = guidestyle.builtin(QUESTIONNAIRE)
    scorer = guidestyle.Scorer(questionnaire)
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    source = folder / "cohort.jsonl"
    source.write_text("".join(cohort(questionnaire, rows)), encoding="utf-8")
    output = folder / "scored.jsonl"

    def loop() -> None:
        with source.open(encoding="utf-8") as lines, output.open("w", encoding="utf-8") as out:
            for line in lines:
                answers = json.loads(line)
                del answers["respondent"]
                out.write(scorer.score(answers, explain=False).to_json() + "\n")

    def dumps_loop() -> None:
        with source.open(encoding="utf-8") as lines, output.open("w", encoding="utf-8") as out:
            for line in lines:
                answers = json.loads(line)
                del answers["respondent"]
                result = scorer.score(answers, explain=False)
                out.write(json.dumps(result.to_dict()) + "\n")

    def batch() -> None:
        arguments = ["batch", QUESTIONNAIRE, str(source), "-o", str(output), "--id", "respondent"]
        assert guidestyle_main(arguments) == 0

    loop_time = best(loop)
    dumps_time = best(dumps_loop)
    batch_time = best(batch)
    print(f"rows: {rows:,} ({QUESTIONNAIRE}, {len(questionnaire.questions)} questions)")
    print(f"  loop: {rows / loop_time:,.0f} rows/s")
    print(f"  loop with json.dumps(to_dict()): {rows / dumps_time:,.0f} rows/s")
    print(f"  batch: {rows / batch_time:,.0f} rows/s")
    print(f"  batch_vs_loop: {loop_time / batch_time:.2f}")
    print(f"  batch_vs_dumps_loop: {dumps_time / batch_time:.2f}")
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
