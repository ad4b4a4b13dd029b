"""The linter: one test per rule, pinning the whole output."""

from __future__ import annotations

import pytest

import guidestyle

from .strategies import skeleton


def lint(text: str) -> list[str]:
    return [str(problem) for problem in guidestyle.lint(guidestyle.loads(text, source="q.yaml"))]


def test_clean_questionnaire_has_no_problems(minimal_text: str) -> None:
    assert lint(minimal_text) == []


def test_too_few_items(minimal_text: str) -> None:
    start = minimal_text.index("  - id: end\n")
    text = minimal_text[:start] + minimal_text[minimal_text.index("  - id: note\n") :]
    assert lint(text) == [
        "q.yaml:8:3: styles.mentoring: warning: style 'mentoring' is reached by 2 scored question(s); "
        "at least 3 are needed for a stable score [too-few-items]",
        "q.yaml:9:3: styles.coaching: warning: style 'coaching' is reached by 2 scored question(s); "
        "at least 3 are needed for a stable score [too-few-items]",
        "q.yaml:10:3: styles.leadership: warning: style 'leadership' is reached by 2 scored question(s); "
        "at least 3 are needed for a stable score [too-few-items]",
    ]


def test_unbalanced_points(minimal_text: str) -> None:
    text = minimal_text.replace(
        "{id: plan, text: A plan, weights: {coaching: 2}}",
        "{id: plan, text: A plan, weights: {coaching: 3}}",
    )
    assert lint(text) == [
        "q.yaml:7:1: styles: warning: styles have unequal maximum points "
        "(mentoring 6, coaching 7, leadership 6) [unbalanced-points]"
    ]


def test_unreachable_style(minimal_text: str) -> None:
    text = minimal_text.replace(
        "weights: {leadership: 2}", "weights: {leadership: 2, mentoring: 2}"
    )
    assert lint(text) == [
        "q.yaml:10:3: styles.leadership: error: no combination of answers makes style "
        "'leadership' score highest [unreachable-style]"
    ]


def test_style_without_points_is_unreachable(minimal_text: str) -> None:
    text = minimal_text.replace("weights: {leadership: 2}", "weights: {coaching: 2}")
    assert lint(text) == [
        "q.yaml:10:3: styles.leadership: error: no question gives style 'leadership' any points "
        "[unreachable-style]",
        "q.yaml:7:1: styles: warning: styles are reached by unequal numbers of questions "
        "(mentoring 3, coaching 3, leadership 0) [unbalanced-items]",
        "q.yaml:7:1: styles: warning: styles have unequal maximum points "
        "(mentoring 6, coaching 6, leadership 0) [unbalanced-points]",
        "q.yaml:10:3: styles.leadership: warning: style 'leadership' is reached by 0 scored "
        "question(s); at least 3 are needed for a stable score [too-few-items]",
        "q.yaml:12:3: distinctions.duration: warning: questions on distinction 'duration' give "
        "no points to 'leadership' [distinction-gap]",
    ]


def test_distinction_without_questions_and_without_positions(minimal_text: str) -> None:
    text = minimal_text.replace(
        "scales:\n",
        "  focus:\n    label: Focus\n    positions: {mentoring: The whole person}\nscales:\n",
    )
    assert lint(text) == [
        "q.yaml:15:3: distinctions.focus: warning: no question expresses distinction 'focus' "
        "[unused-distinction]",
        "q.yaml:17:5: distinctions.focus.positions: warning: distinction 'focus' does not say "
        "where 'coaching', 'leadership' stand(s) [missing-position]",
    ]


def test_condition_on_a_later_question(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    text: What sets the pace?\n",
        "    text: What sets the pace?\n    show_if: {question: end, equals: goal}\n",
    )
    assert lint(text) == [
        "q.yaml:32:5: questions[pace].show_if: error: the condition depends on 'end', which comes "
        "later; only earlier answers are known [condition-order]"
    ]


def test_condition_that_can_never_hold(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    text: What sets the pace?\n",
        "    text: What sets the pace?\n    show_if:\n      all:\n"
        "        - {question: horizon, equals: years}\n        - {question: horizon, equals: weeks}\n",
    )
    assert lint(text) == [
        "q.yaml:32:5: questions[pace].show_if: error: no answers to earlier questions make this "
        "condition hold [condition-never-holds]"
    ]


def test_condition_on_a_question_that_is_never_shown(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    text: What sets the pace?\n",
        "    text: What sets the pace?\n    show_if:\n      all:\n"
        "        - {question: horizon, equals: years}\n        - {question: horizon, equals: weeks}\n",
    ).replace(
        "    text: When does it end?\n",
        "    text: When does it end?\n    show_if: {question: pace, equals: plan}\n",
    )
    assert [line.split(": error: ")[0] for line in lint(text)] == [
        "q.yaml:32:5: questions[pace].show_if",
        "q.yaml:44:5: questions[end].show_if",
    ]


def test_forced_choice_block_keyed_twice(minimal_text: str) -> None:
    block = (
        "  - id: block\n    kind: forced_choice\n    text: Most like you?\n    distinction: duration\n"
        "    statements:\n"
        "      - {id: a, text: A, style: mentoring}\n"
        "      - {id: b, text: B, style: coaching}\n"
        "      - {id: c, text: C, style: coaching}\n"
        "      - {id: d, text: D, style: leadership}\n"
    )
    text = minimal_text.replace("  - id: note\n", block + "  - id: note\n")
    assert lint(text) == [
        "q.yaml:52:26: questions[block].statements[c].style: warning: the block has more than one "
        "statement keyed to 'coaching' [forced-choice-repeat]"
    ]


def test_missing_translation(minimal_text: str) -> None:
    text = minimal_text.replace(
        "audience: Test authors\n", "audience: Test authors\nlanguages: [en, fr]\n"
    )
    problems = lint(text.replace("title: Minimal", "title: {en: Minimal, fr: Minimale}"))
    assert (
        problems[0]
        == "q.yaml:5:1: description: warning: no translation for fr [missing-translation]"
    )
    assert all(line.endswith("no translation for fr [missing-translation]") for line in problems)
    assert not any(line.startswith("q.yaml:4:") for line in problems)  # the title is translated


def test_missing_results(minimal_text: str) -> None:
    text = minimal_text.replace(
        "  coaching: {headline: Coaching, looks_like: A short programme., first_steps: [Agree a goal.]}\n",
        "",
    )
    assert lint(text) == [
        "q.yaml:48:1: results: warning: style 'coaching' has no result texts for reports [missing-result]"
    ]


def test_lint_without_a_file_gives_paths_only(minimal_text: str) -> None:
    data = (
        guidestyle.loads(minimal_text)
        .model_dump_json()
        .replace('"coaching":{"headline"', '"coaching2":{"headline"')
    )
    questionnaire = guidestyle.Questionnaire.model_validate_json(
        data.replace('"coaching2"', '"coaching"')
    )
    assert guidestyle.lint(questionnaire) == ()


def test_unreachable_with_optional_questions_is_only_a_warning(minimal_text: str) -> None:
    text = minimal_text.replace(
        "weights: {leadership: 2}", "weights: {leadership: 2, mentoring: 2}"
    ).replace("    text: When does it end?\n", "    text: When does it end?\n    required: false\n")
    assert lint(text) == [
        "q.yaml:10:3: styles.leadership: warning: when every question is answered, no combination "
        "makes style 'leadership' score highest [unreachable-style]"
    ]


def test_reachability_gives_up_without_a_verdict_beyond_its_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json
    import random

    from guidestyle import _lint

    randomness = random.Random(3)
    styles = ["a", "b", "c", "twin"]

    def weights() -> dict[str, int]:
        drawn = {s: randomness.randint(1, 10) for s in styles[:3]}
        return {**drawn, "twin": drawn["a"]}  # 'twin' and 'a' always tie: neither can lead

    questions = [
        {
            "id": f"q{i}",
            "kind": "multiple_choice",
            "text": "t",
            "distinction": "d",
            "options": [{"id": f"o{j}", "text": "t", "weights": weights()} for j in range(4)],
        }
        for i in range(3)
    ]
    q = guidestyle.Questionnaire.model_validate_json(json.dumps(skeleton(styles, questions)))

    def unreachable() -> list[str]:
        return [str(p.path[-1]) for p in guidestyle.lint(q) if p.code == "unreachable-style"]

    assert unreachable() == ["a", "twin"]  # within the budget: an exact verdict
    monkeypatch.setattr(_lint, "_WORK_BUDGET", 20)
    assert unreachable() == []  # beyond it: no accusation without proof


def test_what_the_reachability_budget_leaves_undecided_is_reported(
    minimal_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guidestyle import _lint

    # deciding takes 48 steps per style in the minimal file: a share of 47 decides none
    monkeypatch.setattr(_lint, "_WORK_BUDGET", 3 * 47)
    assert lint(minimal_text) == [
        f"q.yaml:{line}:3: styles.{style}: warning: the linter's budget of steps ran out "
        f"before it decided whether style '{style}' can score highest [not-checked]"
        for line, style in ((8, "mentoring"), (9, "coaching"), (10, "leadership"))
    ]
    monkeypatch.setattr(_lint, "_WORK_BUDGET", 3 * 48)
    assert lint(minimal_text) == []


CONDITIONAL = (
    "    text: What sets the pace?\n",
    "    text: What sets the pace?\n    show_if: {question: horizon, one_of: [years, weeks]}\n",
)


def test_what_the_condition_budget_leaves_undecided_is_reported(
    minimal_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guidestyle import _lint

    text = minimal_text.replace(*CONDITIONAL).replace(
        "    text: When does it end?\n",
        "    text: When does it end?\n    show_if: {question: horizon, equals: mission}\n",
    )
    # each condition lists horizon's 3 answers and tries 4 cases: 7 steps
    monkeypatch.setattr(_lint, "_CONDITION_BUDGET", 7 + 6)
    assert lint(text) == [
        "q.yaml:41:5: questions[end].show_if: warning: the linter's budget of steps ran out "
        "before it decided whether this condition can hold [not-checked]"
    ]
    monkeypatch.setattr(_lint, "_CONDITION_BUDGET", 7 + 7)
    assert lint(text) == []


def test_the_linter_finishes_within_its_budget_on_the_largest_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ten styles, forty questions of twelve options any number of which may be chosen:
    4,096 answers per question. Lowered budgets keep the test quick; the growth tests show
    the production budgets bound the time."""
    import json

    from guidestyle import _lint

    styles = [f"s{n}" for n in range(10)]
    questions = [
        {
            "id": f"q{i}",
            "kind": "multiple_choice",
            "text": "t",
            "distinction": "d",
            "options": [
                {
                    "id": f"o{j}",
                    "text": "t",
                    "weights": {s: (i + j + k) % 11 for k, s in enumerate(styles)},
                }
                for j in range(12)
            ],
        }
        for i in range(40)
    ]
    questionnaire = guidestyle.Questionnaire.model_validate_json(
        json.dumps(skeleton(styles, questions))
    )
    monkeypatch.setattr(_lint, "_WORK_BUDGET", 100_000)
    codes = [(problem.code, problem.path) for problem in guidestyle.lint(questionnaire)]
    assert [path for code, path in codes if code == "not-checked"] == [
        ("styles", style) for style in styles
    ]
