"""The unreachable-style rule against brute force: an error is never contradicted by answers."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import guidestyle

from .strategies import skeleton

STYLES = ("a", "b", "c")


@st.composite
def small_questionnaires(draw: st.DrawFn) -> dict[str, Any]:
    styles = STYLES[: draw(st.integers(2, 3))]
    weights = st.dictionaries(st.sampled_from(styles), st.integers(1, 3), max_size=3)
    questions = [
        {
            "id": f"q{i}",
            "kind": "single_choice",
            "text": "t",
            "distinction": "d",
            "required": draw(st.booleans()),
            "options": [
                {"id": f"o{j}", "text": "t", "weights": draw(weights)}
                for j in range(draw(st.integers(2, 3)))
            ],
        }
        for i in range(draw(st.integers(2, 4)))
    ]
    return skeleton(styles, questions, scoring={"min_coverage": 0.01})


def winners(q: guidestyle.Questionnaire, data: dict[str, Any]) -> set[str]:
    """Every style that some answer set (skips included) makes strictly highest."""
    choices = [
        [o["id"] for o in qq["options"]] + ([] if qq["required"] else [None])
        for qq in data["questions"]
    ]
    found = set()
    for combo in itertools.product(*choices):
        answers = {
            qq["id"]: c for qq, c in zip(data["questions"], combo, strict=True) if c is not None
        }
        try:
            result = guidestyle.score(q, answers, explain=False)
        except guidestyle.AnswersError:
            continue
        if result.scores[result.ranking[0]] > result.scores[result.ranking[1]]:
            found.add(result.ranking[0])
    return found


@given(small_questionnaires())
def test_unreachable_style_errors_are_never_contradicted(data: dict[str, Any]) -> None:
    import json

    q = guidestyle.Questionnaire.model_validate_json(json.dumps(data))
    flagged = {p.path[-1]: p for p in guidestyle.lint(q) if p.code == "unreachable-style"}
    can_win = winners(q, data)
    for style, problem in flagged.items():
        if problem.severity == "error":
            assert style not in can_win, problem
    all_required = all(qq["required"] for qq in data["questions"])
    scorable = not any("any points" in problem.message for problem in flagged.values())
    if all_required and scorable:  # then the rule is exact: unflagged styles really can win
        for style in data["styles"]:
            assert (style in flagged) == (style not in can_win)
