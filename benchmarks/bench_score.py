"""Scoring a 30-question questionnaire against a hand-written floor, in one run.

The floor is the least any scorer must do: look each answer up in the same compiled tables
and add the points per style, with no validation, conditions, rounding or result. Prints

    score_vs_floor: X   (validation, scores, recommendation; target X <= 3)
    full_vs_floor: Y    (the whole result with its explanation; target Y <= 10)

    python benchmarks/bench_score.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import guidestyle

sys.path.insert(0, str(Path(__file__).parent))
from fixtures import answers_for, questionnaire_yaml
from timing import microseconds, per_call


def main() -> None:
    questionnaire = guidestyle.loads(questionnaire_yaml(30))
    answers = answers_for(30)
    scorer = guidestyle.Scorer(questionnaire)
    tables = {item.id: item.table for item in scorer._items}
    width = len(scorer.styles)

    def floor() -> list[int]:
        totals = [0] * width
        for question_id, value in answers.items():
            table = tables[question_id]
            for choice in value if isinstance(value, list) else (value,):
                for i, points in enumerate(table[choice]):
                    totals[i] += points
        return totals

    floor_time = per_call(floor)
    score_time = per_call(lambda: scorer.score(answers, explain=False))
    full_time = per_call(lambda: scorer.score(answers))
    via_cache = per_call(lambda: guidestyle.score(questionnaire, answers))
    print(f"questions: 30, answers: {len(answers)}")
    print(f"floor: {microseconds(floor_time)}")
    print(f"score: {microseconds(score_time)}")
    print(f"full: {microseconds(full_time)}")
    print(f"full_via_guidestyle.score: {microseconds(via_cache)}")
    print(f"score_vs_floor: {score_time / floor_time:.2f}")
    print(f"full_vs_floor: {full_time / floor_time:.2f}")


if __name__ == "__main__":
    main()
