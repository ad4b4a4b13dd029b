"""Scoring against a hand-written floor, in one run, for a 30- and a 200-question questionnaire.

The floor is the least any scorer must do: look each answer up in tables of points per
style and add the points up, with no validation, conditions, rounding or result. Prints,
per size,

    score_vs_floor: X   (validation, scores, recommendation; target X <= 1.5)
    full_vs_floor: Y    (the same with its explanation read; target Y <= 4)

    python benchmarks/bench_score.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import guidestyle

sys.path.insert(0, str(Path(__file__).parent))
from fixtures import answers_for, questionnaire_yaml
from timing import microseconds, paired


def measure(size: int) -> None:
    questionnaire = guidestyle.loads(questionnaire_yaml(size))
    answers = answers_for(size)
    scorer = guidestyle.Scorer(questionnaire)
    styles = tuple(questionnaire.styles)
    tables = {
        question.id: {
            answer: tuple(points.get(style, 0) for style in styles)
            for answer, points in question.points_table(questionnaire).items()
        }
        for question in questionnaire.questions
    }
    width = len(styles)

    def floor() -> list[int]:
        totals = [0] * width
        for question_id, value in answers.items():
            table = tables[question_id]
            for choice in value if isinstance(value, list) else (value,):
                for i, points in enumerate(table[choice]):
                    totals[i] += points
        return totals

    def full() -> object:
        result = scorer.score(answers)
        return result.contributions, result.drivers, result.profile  # the explanation, read

    floor_time, score_time, full_time, via_cache = paired(
        floor,
        lambda: scorer.score(answers),
        full,
        lambda: guidestyle.score(questionnaire, answers),
    )
    print(f"questions: {size}, answers: {len(answers)}")
    print(f"  floor: {microseconds(floor_time)}")
    print(f"  score: {microseconds(score_time)}")
    print(f"  full: {microseconds(full_time)}")
    print(f"  score_via_guidestyle.score: {microseconds(via_cache)}")
    print(f"  score_vs_floor: {score_time / floor_time:.2f}")
    print(f"  full_vs_floor: {full_time / floor_time:.2f}")


def main() -> None:
    for size in (30, 200):
        measure(size)


if __name__ == "__main__":
    main()
