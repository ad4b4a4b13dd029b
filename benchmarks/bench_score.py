"""Scoring against a hand-written floor, in one run, for a 30- and a 200-question questionnaire.

The floor is the least any scorer must do: look each answer up in tables of points per
style and add the points up, with no validation, conditions, rounding or result. Prints,
per size,

    score_vs_floor: X   (validation, scores, recommendation; target X <= 1.5)
    full_vs_floor: Y    (the same with its explanation read; target Y <= 4)
    full_varied_vs_floor: Z   (the same over a pool of different responses, cycled through,
                               against the floor over that pool: what caches that only a
                               repeated response hits cannot flatter)

    python benchmarks/bench_score.py
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from itertools import cycle
from pathlib import Path
from random import Random

import guidestyle

sys.path.insert(0, str(Path(__file__).parent))
from fixtures import answers_for, questionnaire_yaml
from timing import microseconds, paired

POOL = 2048
"""How many different responses the varied figure cycles through: twice the most that the
engine's caches of responses' values keep (1,024 each), so that no cache holds them all and
only what real cohorts would repeat (an answer, a distinction's sum) is found again. (A
multiple-choice question's reader keeps every selection it has seen, at most 4,096; they are
a question's answers, not responses.)"""


def varied_answers(questionnaire: guidestyle.Questionnaire, count: int) -> list[dict[str, object]]:
    """Up to ``count`` different valid responses, drawn the same way on every run: each
    scored question answered at random among its valid answers, then only the questions
    shown kept. Fewer when the questionnaire has fewer (at most ``20 * count`` draws)."""
    rng = Random(0)
    scorer = guidestyle.Scorer(questionnaire)
    choices = {
        question.id: options
        for question in questionnaire.questions
        if (options := [a for a in question.possible_answers(questionnaire) if a != ()])
    }
    pool: dict[str, dict[str, object]] = {}  # by its JSON: a response once
    for _ in range(20 * count):
        if len(pool) == count:
            break
        drawn = {question: rng.choice(options) for question, options in choices.items()}
        shown = set(scorer.shown(drawn))  # a condition reads only shown questions' answers
        answers: dict[str, object] = {
            question: list(answer) if isinstance(answer, tuple) else answer  # as JSON gives it
            for question, answer in drawn.items()
            if question in shown
        }
        scorer.score(answers)  # valid, or this raises
        pool.setdefault(json.dumps(answers), answers)
    return list(pool.values())


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

    def floor_of(answers: dict[str, object]) -> list[int]:
        totals = [0] * width
        for question_id, value in answers.items():
            table = tables[question_id]
            for choice in value if isinstance(value, list) else (value,):
                for i, points in enumerate(table[choice]):
                    totals[i] += points
        return totals

    def full_of(answers: dict[str, object]) -> object:
        result = scorer.score(answers)
        return result.contributions, result.drivers, result.profile  # the explanation, read

    pool = varied_answers(questionnaire, POOL)

    def cycled(function: Callable[[dict[str, object]], object]) -> Callable[[], object]:
        following = cycle(pool).__next__
        return lambda: function(following())

    floor_time, score_time, full_time, via_cache, floor_varied, full_varied = paired(
        lambda: floor_of(answers),
        lambda: scorer.score(answers),
        lambda: full_of(answers),
        lambda: guidestyle.score(questionnaire, answers),
        cycled(floor_of),
        cycled(full_of),
    )
    print(f"questions: {size}, answers: {len(answers)}")
    print(f"  floor: {microseconds(floor_time)}")
    print(f"  score: {microseconds(score_time)}")
    print(f"  full: {microseconds(full_time)}")
    print(f"  score_via_guidestyle.score: {microseconds(via_cache)}")
    print(f"  score_vs_floor: {score_time / floor_time:.2f}")
    print(f"  full_vs_floor: {full_time / floor_time:.2f}")
    print(f"  full_varied_vs_floor: {full_varied / floor_varied:.2f}")


def main() -> None:
    for size in (30, 200):
        measure(size)


if __name__ == "__main__":
    main()
