"""Growth: the worst cases of issue 14 at sizes four times apart take at most about four
times as long. Each time is the best of a few measures of enough runs to last a tenth of a
second (a shared machine only ever adds time), and the bound is twice the linear
expectation; no wall time is asserted. Run with ``-s`` to see the ratios."""

from __future__ import annotations

import contextlib
import itertools
import json
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import guidestyle

from .conftest import DATA
from .strategies import skeleton

pytestmark = pytest.mark.slow

GROWTH = 4
BOUND = 2 * GROWTH  # twice linear


def best_time(work: Callable[[], object], repeat: int = 3) -> float:
    """Seconds per run: each measure runs the work often enough to last a tenth of a
    second (a single run of a few milliseconds is mostly noise on a shared machine)."""

    def run() -> None:
        # most worst cases are refused: the time to the refusal is what counts
        with contextlib.suppress(guidestyle.GuidestyleError):
            work()

    timer = timeit.Timer(run)
    number, _ = timer.autorange()  # at least 0.2 s in all
    number = max(1, number // 2)
    return min(timer.repeat(number=number, repeat=repeat)) / number


def assert_at_most_linear(
    name: str, make: Callable[[int], Callable[[], object]], sizes: list[int]
) -> None:
    times = [best_time(make(size)) for size in sizes]
    ratios = [later / earlier for earlier, later in itertools.pairwise(times)]
    print(
        f"{name}: sizes {sizes}, seconds {[round(t, 4) for t in times]}, ratios "
        f"{[round(r, 2) for r in ratios]}"
    )
    assert all(ratio <= BOUND for ratio in ratios), (name, ratios)


def choice_question(
    number: int, styles: list[str], options: int = 3, **extra: Any
) -> dict[str, Any]:
    return {
        "id": f"q{number}",
        "kind": "single_choice",
        "text": "t",
        "distinction": "d",
        "options": [
            {
                "id": f"o{j}",
                "text": "t",
                "weights": {s: (number + j + k) % 11 for k, s in enumerate(styles)},
            }
            for j in range(options)
        ],
        **extra,
    }


# Finding 2: answers --------------------------------------------------------------------


def test_a_repeated_option_costs_no_more_per_item_as_the_list_grows() -> None:
    situation = guidestyle.builtin("situation")

    def make(size: int) -> Callable[[], object]:
        answers = {"topics": ["career_paths"] * size}
        return lambda: guidestyle.score(situation, answers)

    assert_at_most_linear("repeated options", make, [10_000, 40_000, 160_000])


def test_a_long_choice_is_not_compared_character_by_character() -> None:
    situation = guidestyle.builtin("situation")

    def make(size: int) -> Callable[[], object]:
        answers = {"topics": ["x" * size, "y" * size]}  # within the count: checked one by one
        return lambda: guidestyle.score(situation, answers)

    assert_at_most_linear("long choices", make, [250_000, 1_000_000, 4_000_000])


# Finding 3: loading ---------------------------------------------------------------------


def test_unknown_references_in_conditions_cost_no_more_as_questions_grow() -> None:
    def make(size: int) -> Callable[[], object]:
        questions = [choice_question(n, ["a", "b"]) for n in range(size)]
        for number, question in enumerate(questions[1:], start=1):
            question["show_if"] = {
                "any": [{"question": f"missing{number % 50}", "equals": "o1"}] * 10
            }
        text = json.dumps(skeleton(["a", "b"], questions))
        return lambda: guidestyle.loads(text)

    assert_at_most_linear("unknown references", make, [60, 240, 960])


def test_a_chain_of_conditional_questions_loads_in_linear_time() -> None:
    def make(size: int) -> Callable[[], object]:
        questions = [choice_question(n, ["a", "b"]) for n in range(size)]
        for number, question in enumerate(questions[1:], start=1):
            question["show_if"] = {"question": f"q{number - 1}", "one_of": ["o0", "o1"]}
        text = json.dumps(skeleton(["a", "b"], questions))
        return lambda: guidestyle.loads(text)

    assert_at_most_linear("chain of conditions", make, [60, 240, 960])


# Finding 4: the linter ------------------------------------------------------------------


def test_the_linter_is_bounded_by_its_budget_on_the_largest_searches() -> None:
    styles = [f"s{n}" for n in range(10)]  # the most styles allowed

    def make(size: int) -> Callable[[], object]:
        questions = [
            {**choice_question(n, styles, options=12), "kind": "multiple_choice"}
            for n in range(size)  # 4,096 answers each
        ]
        questionnaire = guidestyle.loads(json.dumps(skeleton(styles, questions)))
        return lambda: guidestyle.lint(questionnaire)

    assert_at_most_linear("linter, 10 styles", make, [4, 16, 64])


def test_the_linter_is_bounded_by_its_budget_on_many_conditions() -> None:
    def make(size: int) -> Callable[[], object]:
        questions = [
            {
                **choice_question(n, ["a", "b"], options=12),
                "kind": "multiple_choice",
                "max_choices": 3,
            }
            for n in range(2)  # 299 answers each: 90,000 cases for a condition on both
        ]
        for number in range(2, size + 2):
            parts = [{"question": "q0", "equals": "o1"}, {"question": "q1", "equals": "o2"}]
            questions.append(choice_question(number, ["a", "b"], show_if={"all": parts}))
        questionnaire = guidestyle.loads(json.dumps(skeleton(["a", "b"], questions)))
        return lambda: guidestyle.lint(questionnaire)

    assert_at_most_linear("linter, conditions", make, [10, 40, 160])


# Finding 9: many unknown answer keys ----------------------------------------------------


def test_many_unknown_answer_keys_cost_no_more_per_key_as_they_grow() -> None:
    questionnaire = guidestyle.load(DATA / "minimal.yaml")

    def make(size: int) -> Callable[[], object]:
        answers = {f"unknown_{n}": 1 for n in range(size)}
        return lambda: guidestyle.score(questionnaire, answers)

    assert_at_most_linear("unknown answer keys", make, [5_000, 20_000, 80_000])


# The template sandbox: what it measures costs in proportion to what is built --------------


def test_the_sandbox_measures_in_proportion_to_what_a_template_builds(tmp_path: Path) -> None:
    questionnaire = guidestyle.load(DATA / "engine.yaml")
    result = guidestyle.score(
        questionnaire, {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}
    )

    def make(size: int) -> Callable[[], object]:
        folder = tmp_path / str(size)
        folder.mkdir()
        (folder / "report.txt").write_text(
            f"{{% set items = range({size})|map('string')|list %}}"
            "{{ items|join(',')|length }} {{ items|tojson(indent=1)|length }} "
            "{% for i in items %}{{ [i, i]|length }}{% endfor %}",
            encoding="utf-8",
        )
        return lambda: guidestyle.render(result, questionnaire, template_dir=folder)

    assert_at_most_linear("sandbox", make, [1_000, 4_000, 16_000])
