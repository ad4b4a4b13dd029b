"""Synthetic cohorts for the bulk tests: valid, varied responses to any questionnaire."""

from __future__ import annotations

import random
from typing import Any

import guidestyle


def response(questionnaire: guidestyle.Questionnaire, rng: random.Random) -> dict[str, Any]:
    """A valid response: every shown question answered at random (notes now and then)."""
    answers: dict[str, Any] = {}
    for question in guidestyle.outline(questionnaire)["questions"]:
        condition = questionnaire.question(question["id"]).show_if
        seen = {k: tuple(v) if isinstance(v, list) else v for k, v in answers.items()}
        if condition is not None and not condition.holds(seen):
            continue
        kind = question["kind"]
        if kind == "likert":
            answers[question["id"]] = rng.randint(
                question["scale"]["min"], question["scale"]["max"]
            )
        elif kind in {"single_choice", "forced_choice"}:
            choices = question.get("options") or question["statements"]
            answers[question["id"]] = rng.choice(choices)["id"]
        elif kind == "multiple_choice":
            ids = [option["id"] for option in question["options"]]
            answers[question["id"]] = rng.sample(ids, rng.randint(1, question["max_choices"]))
        elif rng.random() < 0.3:
            answers[question["id"]] = rng.choice(["Fine, thanks", 'Said "maybe", then yes'])
    return answers


def responses(
    questionnaire: guidestyle.Questionnaire, count: int, seed: int = 0
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [response(questionnaire, rng) for _ in range(count)]


def csv_cell(value: object) -> str:
    """An answer as a CSV cell holds it (before the csv module quotes it)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)
