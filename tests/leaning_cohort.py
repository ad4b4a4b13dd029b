"""Synthetic cohorts: valid answers from respondents who each lean to a style of their own."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from typing import Any

import guidestyle


def respondents(
    questionnaire: guidestyle.Questionnaire, count: int, *, seed: int = 0, lean: float = 1.5
) -> Iterator[dict[str, Any]]:
    """``count`` sets of valid answers, seeded. Each respondent draws a leaning per style and
    picks each answer with a weight that grows with the points it gives the styles they lean
    to (``lean`` sets how strongly); questions that their answers hide are left out, and an
    optional question is skipped now and then."""
    rng = random.Random(seed)
    scorer = guidestyle.Scorer(questionnaire)
    styles = list(questionnaire.styles)
    choices = []
    for question in questionnaire.questions:
        if not question.scored:
            continue
        # at least one option of a multiple choice (as a CSV cell can tell from no answer)
        answers = [answer for answer in question.possible_answers(questionnaire) if answer != ()]
        points = [question.answer_points(answer, questionnaire) for answer in answers]
        most = max((max(p.values(), default=0) for p in points), default=0) or 1
        choices.append((question, answers, points, most))
    for _ in range(count):
        leaning = {style: rng.gauss(0, lean) for style in styles}
        answers_given: dict[str, Any] = {}
        for question, answers, points, most in choices:
            if not question.required and rng.random() < 0.1:
                continue
            weights = [math.exp(sum(leaning[s] * n for s, n in p.items()) / most) for p in points]
            answer = rng.choices(answers, weights)[0]
            answers_given[question.id] = list(answer) if isinstance(answer, tuple) else answer
        shown = set(scorer.shown(answers_given))
        yield {key: value for key, value in answers_given.items() if key in shown}
