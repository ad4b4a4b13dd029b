"""The ceilings on the counts that drive work (docs/format.md, Limits): each refused early
with its own message, located in the file; each boundary itself allowed."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pydantic import ValidationError

import guidestyle
from guidestyle import _errors, _jinja, _limits, _yaml

from .conftest import ROOT
from .strategies import skeleton

Data = dict[str, Any]


def question(number: int, **extra: Any) -> Data:
    return {
        "id": f"q{number}",
        "kind": "single_choice",
        "text": "t",
        "distinction": "d",
        "options": [
            {"id": "a", "text": "t", "weights": {"s0": 1}},
            {"id": "b", "text": "t", "weights": {"s1": 1}},
        ],
        **extra,
    }


def questionnaire(
    styles: int = 2, questions: int = 2, show_if: Data | None = None, **extra: Any
) -> Data:
    listed = [question(n) for n in range(questions)]
    if show_if is not None:
        listed[-1]["show_if"] = show_if
    return skeleton([f"s{n}" for n in range(styles)], listed, **extra)


def nested(depth: int) -> Data:
    """A condition with ``all`` and ``any`` nested ``depth`` levels deep."""
    condition: Data = {"question": "q0", "equals": "a"}
    for level in range(depth):
        condition = {("all", "any")[level % 2]: [condition]}
    return condition


def refusal(data: Data) -> list[str]:
    text = json.dumps(data, indent=1)
    with pytest.raises(guidestyle.QuestionnaireError) as caught:
        guidestyle.loads(text, source="q.json")
    return [str(problem) for problem in caught.value.problems]


def named(count: int, make: Any) -> Data:
    return {f"x{n}": make(n) for n in range(count)}


OVER_THE_LIMIT = {
    "styles": (
        questionnaire(styles=11),
        ["q.json:8:12: styles: a questionnaire may have at most 10 styles; found 11"],
    ),
    "questions": (
        questionnaire(questions=1_001),
        ["q.json:27:15: questions: a questionnaire may have at most 1,000 questions; found 1,001"],
    ),
    "distinctions": (
        {**questionnaire(), "distinctions": named(101, lambda n: {"label": "d"})},
        [
            "q.json:18:18: distinctions: a questionnaire may have at most 100 distinctions; "
            "found 101"
        ],
    ),
    "scales": (
        questionnaire(scales=named(51, lambda n: {"min": 1, "max": 2, "labels": ["a", "b"]})),
        ["q.json:73:12: scales: a questionnaire may have at most 50 scales; found 51"],
    ),
    "languages": (
        questionnaire(languages=[f"l{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(21)]),
        ["q.json:73:15: languages: a questionnaire may have at most 20 languages; found 21"],
    ),
    "sources": (
        questionnaire(sources=[{"id": f"s{n}", "title": "t"} for n in range(201)]),
        ["q.json:73:13: sources: a questionnaire may have at most 200 sources; found 201"],
    ),
    "condition parts": (
        questionnaire(show_if={"any": [{"question": "q0", "equals": "a"}] * 50}),
        [
            "q.json:71:15: questions[q1].show_if: a condition may have at most 50 parts "
            "(conditions and the values they list); found 51"
        ],
    ),
    "values listed by one_of": (
        questionnaire(show_if={"question": "q0", "one_of": ["a"] * 50}),
        [
            "q.json:71:15: questions[q1].show_if: a condition may have at most 50 parts "
            "(conditions and the values they list); found 51"
        ],
    ),
    "condition nesting": (
        questionnaire(show_if=nested(5)),
        [
            "q.json:71:15: questions[q1].show_if: 'all' and 'any' may nest at most 4 levels "
            "deep in a condition; found 5"
        ],
    ),
}


@pytest.mark.parametrize("limit", OVER_THE_LIMIT)
def test_a_count_past_its_ceiling_is_refused_with_its_own_message(limit: str) -> None:
    data, expected = OVER_THE_LIMIT[limit]
    assert refusal(data) == expected


def test_every_count_past_its_ceiling_is_reported_at_once() -> None:
    data = questionnaire(styles=11, show_if=nested(5), languages=["en"] * 21)
    assert refusal(data) == [
        "q.json:8:12: styles: a questionnaire may have at most 10 styles; found 11",
        "q.json:116:15: questions[q1].show_if: 'all' and 'any' may nest at most 4 levels "
        "deep in a condition; found 5",
        "q.json:142:15: languages: a questionnaire may have at most 20 languages; found 21",
    ]


def test_nothing_else_is_checked_past_a_ceiling() -> None:
    data = questionnaire(questions=1_001)
    data["questions"][0]["kind"] = "no such kind"  # not reported: validation never starts
    assert refusal(data) == [
        "q.json:27:15: questions: a questionnaire may have at most 1,000 questions; found 1,001"
    ]


def test_each_ceiling_itself_is_allowed() -> None:
    at_most = questionnaire(
        styles=10,
        questions=1_000,
        show_if={"all": [nested(3), {"question": "q0", "one_of": ["a"] * 44}]},  # 50 parts
        languages=["en", *(f"l{chr(97 + n)}" for n in range(19))],
        sources=[{"id": f"s{n}", "title": "t"} for n in range(200)],
        scales=named(50, lambda n: {"min": 1, "max": 2, "labels": ["a", "b"]}),
    )
    loaded = guidestyle.loads(json.dumps(at_most))
    assert (len(loaded.styles), len(loaded.questions), len(loaded.languages)) == (10, 1_000, 20)


def test_the_limits_hold_for_a_questionnaire_built_from_json_too() -> None:
    with pytest.raises(ValidationError) as caught:
        guidestyle.Questionnaire.model_validate_json(json.dumps(questionnaire(styles=11)))
    assert [error["msg"] for error in caught.value.errors()] == [
        "Value error, styles: a questionnaire may have at most 10 styles; found 11"
    ]


def test_a_long_multiple_choice_list_is_reported_by_its_length_alone() -> None:
    situation = guidestyle.builtin("situation")
    answers: dict[str, object] = {"topics": ["career_paths"] * 120_000}
    with pytest.raises(guidestyle.AnswersError) as caught:
        guidestyle.score(situation, answers)
    topics = [str(problem) for problem in caught.value.problems if problem.path[0] == "topics"]
    assert topics == ["topics: at most 2 options may be chosen; found 120,000"]


def test_a_list_as_long_as_the_options_is_still_checked_item_by_item() -> None:
    situation = guidestyle.builtin("situation")
    topics = ["career_paths", "career_paths", "bogus", 3, "team_standards", "team_priorities"]
    with pytest.raises(guidestyle.AnswersError) as caught:
        guidestyle.score(situation, {"topics": topics})
    assert [str(p) for p in caught.value.problems if p.path[0] == "topics"] == [
        "topics[1]: option 'career_paths' is chosen more than once",
        "topics[2]: unknown option 'bogus'; expected one of: career_paths, "
        "workplace_navigation, one_competency, improvement_plan, team_priorities, "
        "team_standards",
        "topics[3]: expected an option id, found the number 3",
        "topics: at most 2 options may be chosen; found 6",
    ]


def test_hints_are_looked_for_only_for_the_first_twenty_misspelt_names() -> None:
    data = questionnaire(questions=30)
    for number in range(25):
        data["questions"][number + 5]["show_if"] = {"question": f"q{number}x", "equals": "a"}
    assert refusal(data) == [
        f"q.json:{160 + 26 * number}:17: questions[q{number + 5}].show_if.question: "
        f"unknown question 'q{number}x'" + (f" (did you mean 'q{number}'?)" if number < 20 else "")
        for number in range(25)
    ]


# The documented numbers are the code's ---------------------------------------------------------


def documented_limits() -> dict[str, int]:
    """Each row of the Limits tables in docs/format.md: what, and the first number given."""
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    limits = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        number = re.search(r"\d[\d,]*", cells[1]) if line.startswith("|") else None
        if number is not None:
            limits[cells[0]] = int(number[0].replace(",", ""))
    return limits


def test_the_documented_limits_are_the_ones_in_the_code() -> None:
    text_question = guidestyle.TextQuestion.model_fields
    version = guidestyle.Questionnaire.model_fields["version"].metadata
    in_code = {
        "file size (questionnaires and answers files)": _yaml.MAX_BYTES,
        "nesting of YAML mappings and lists": _yaml.MAX_DEPTH,
        "styles": _limits.MAX_STYLES,
        "questions": _limits.MAX_QUESTIONS,
        "distinctions": _limits.MAX_DISTINCTIONS,
        "scales": _limits.MAX_SCALES,
        "languages": _limits.MAX_LANGUAGES,
        "sources": _limits.MAX_SOURCES,
        "parts of one `show_if`: conditions, and the values `one_of` lists": (
            _limits.MAX_CONDITION_PARTS
        ),
        "nesting of `all` and `any` in one `show_if`": _limits.MAX_CONDITION_DEPTH,
        "`version`": next(m.max_length for m in version if hasattr(m, "max_length")),
        "`max_length` of a text question": next(
            m.le for m in text_question["max_length"].metadata if hasattr(m, "le")
        ),
        "a text answer, when the question sets no `max_length`": (
            text_question["max_length"].default
        ),
        "problems listed by one error (`QuestionnaireError`, `AnswersError`)": (
            _errors.MAX_PROBLEMS
        ),
        "a key or value from the input shown in a message": _errors.MAX_SHOWN,
        "a template file": _jinja.MAX_TEMPLATE_BYTES,
        "a text one operation, filter or call makes": _jinja.MAX_ITEMS,
        "a list or mapping, as the characters it shows as": _jinja.MAX_SHOWN,
        "all a rendering builds: values, and what macros and blocks write": _jinja.MAX_BUILT,
        "the numbers one `range()` gives": _jinja.MAX_RANGE,
        "loop steps and calls, together": _jinja.MAX_LOOP_STEPS,
        "digits of a whole number made by `*`, `**` or a call": _jinja.MAX_DIGITS,
        "the report": _jinja.MAX_CHARS,
    }
    documented = documented_limits()
    assert {what: documented.get(what) for what in in_code} == in_code
