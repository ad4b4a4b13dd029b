"""Schema and reference errors: all reported at once, located, with hints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

import guidestyle
from guidestyle import QuestionnaireError

LIKERT = """\
  - id: agree_mentor
    kind: likert
    text: I enjoy long conversations about careers.
    distinction: duration
    scale: agree
    style: mentoring
"""


def problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        guidestyle.loads(text, source="q.yaml")
    return [str(problem) for problem in caught.value.problems]


def with_question(minimal_text: str, question: str) -> str:
    return minimal_text.replace("  - id: note\n", question + "  - id: note\n")


def test_minimal_questionnaire_loads(minimal_text: str) -> None:
    questionnaire = guidestyle.loads(minimal_text)
    assert questionnaire.id == "minimal"
    assert [question.id for question in questionnaire.questions] == [
        "horizon",
        "pace",
        "end",
        "note",
    ]
    assert questionnaire.scoring == guidestyle.ScoringPolicy()


def test_every_schema_problem_is_reported_at_once(minimal_text: str) -> None:
    text = (
        minimal_text.replace("title: Minimal\n", "titel: Minimal\n")
        .replace(
            "    text: What sets the pace?\n", "    text: What sets the pace?\n    descripton: x\n"
        )
        .replace(
            "{id: weeks, text: Weeks, weights: {coaching: 2}}",
            "{id: weeks, text: Weeks, weights: {coaching: 20}}",
        )
    )
    assert problems(text) == [
        "q.yaml:1:1: missing required key 'title'",
        "q.yaml:4:1: unknown key 'titel' (did you mean 'title'?)",
        "q.yaml:27:54: questions[horizon].options[weeks].weights.coaching: must be at most 10, found 20",
        "q.yaml:32:5: questions[pace]: unknown key 'descripton' (did you mean 'description'?)",
    ]


def test_unknown_references_suggest_the_nearest_id(minimal_text: str) -> None:
    text = with_question(
        minimal_text,
        LIKERT.replace("scale: agree", "scale: agre").replace(
            "style: mentoring", "style: mentorin"
        ),
    ).replace(
        "{id: weeks, text: Weeks, weights: {coaching: 2}}",
        "{id: weeks, text: Weeks, weights: {coach: 2}}",
    )
    assert problems(text) == [
        "q.yaml:27:44: questions[horizon].options[weeks].weights.coach: unknown style 'coach' (did you mean 'coaching'?)",
        "q.yaml:49:12: questions[agree_mentor].scale: unknown scale 'agre' (did you mean 'agree'?)",
        "q.yaml:50:12: questions[agree_mentor].style: unknown style 'mentorin' (did you mean 'mentoring'?)",
    ]


def test_conditions_are_checked_against_the_questions_they_name(minimal_text: str) -> None:
    text = with_question(
        minimal_text,
        LIKERT
        + "    show_if:\n"
        + "      all:\n"
        + "        - {question: horizn, equals: years}\n"
        + "        - {question: pace, one_of: [learner, plans]}\n"
        + "        - {question: pace, at_least: 2}\n",
    )
    assert problems(text) == [
        "q.yaml:53:22: questions[agree_mentor].show_if.all[0].question: unknown question 'horizn' "
        "(did you mean 'horizon'?)",
        "q.yaml:54:46: questions[agree_mentor].show_if.all[1].one_of[1]: 'pace' has no option 'plans' "
        "(did you mean 'plan'?)",
        "q.yaml:55:38: questions[agree_mentor].show_if.all[2].at_least: at_least needs a Likert question; "
        "'pace' is single_choice",
    ]


def test_likert_condition_values_must_be_scale_points(minimal_text: str) -> None:
    second = LIKERT.replace("agree_mentor", "second").replace(
        "distinction: duration\n",
        "distinction: duration\n    show_if: {question: agree_mentor, equals: 4}\n",
    )
    assert problems(with_question(minimal_text, LIKERT + second)) == [
        "q.yaml:55:47: questions[second].show_if.equals: 'agree_mentor' is answered on a scale "
        "from 1 to 3; 4 is not a point on it"
    ]


def test_condition_without_an_operator(minimal_text: str) -> None:
    text = with_question(minimal_text, LIKERT + "    show_if: {question: horizon, is: years}\n")
    assert problems(text) == [
        "q.yaml:51:14: questions[agree_mentor].show_if: a condition needs one of: equals, one_of, at_least, all, any (it has the unknown key 'is')"
    ]


def test_unknown_and_missing_question_kinds(minimal_text: str) -> None:
    text = with_question(
        minimal_text, "  - id: a\n    kind: likret\n    text: A\n  - id: b\n    text: B\n"
    )
    assert problems(text) == [
        "q.yaml:46:11: questions[a].kind: unknown question kind 'likret'; expected one of: "
        "likert, single_choice, multiple_choice, forced_choice, text (did you mean 'likert'?)",
        "q.yaml:48:5: questions[b]: missing required key 'kind' (one of: likert, single_choice, "
        "multiple_choice, forced_choice, text)",
    ]


def test_duplicate_ids(minimal_text: str) -> None:
    text = minimal_text.replace("  - id: pace\n", "  - id: horizon\n").replace(
        "{id: plan, text: A plan,", "{id: learner, text: A plan,"
    )
    assert problems(text) == [
        "q.yaml:29:9: questions[1].id: duplicate question id 'horizon' (also at questions[0])",
        "q.yaml:35:14: questions[1].options[1].id: duplicate option id 'learner' (also at options[0])",
    ]


def test_scale_needs_one_label_per_point(minimal_text: str) -> None:
    text = minimal_text.replace("labels: [Disagree, Unsure, Agree]", "labels: [Disagree, Agree]")
    assert problems(text) == [
        "q.yaml:17:5: scales.agree: a scale from 1 to 3 needs 3 labels, one per point; found 2"
    ]


def test_translations_must_use_declared_languages(minimal_text: str) -> None:
    text = minimal_text.replace("title: Minimal", "title: {en: Minimal, fr: Minimal}")
    assert problems(text) == [
        "q.yaml:4:22: title.fr: unknown language 'fr'; the questionnaire declares en"
    ]


def test_empty_text_is_refused(minimal_text: str) -> None:
    assert problems(minimal_text.replace("title: Minimal", "title: ''")) == [
        "q.yaml:4:8: title: text must not be empty"
    ]


def test_load_names_the_file(tmp_path: Path, minimal_text: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(minimal_text.replace("format: 1", "format: 2"), encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        guidestyle.load(path)
    assert str(caught.value) == f"{path}:1:9: format: expected 1, found the number 2"


def test_load_reports_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(QuestionnaireError) as caught:
        guidestyle.load(path)
    assert str(caught.value) == f"{path}: cannot read the file: No such file or directory"


def test_load_refuses_a_large_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "large.yaml"
    with path.open("wb") as file:
        file.truncate(5_000_000)
    with pytest.raises(QuestionnaireError) as caught:
        guidestyle.load(path)
    assert str(caught.value) == (
        f"{path}:1:1: the file is too large (5,000,000 bytes; the limit is 1,000,000)"
    )


def test_models_are_frozen(minimal_text: str) -> None:
    questionnaire = guidestyle.loads(minimal_text)
    with pytest.raises(ValueError, match="frozen"):
        questionnaire.id = "changed"  # type: ignore[misc]


def test_python_construction_checks_references_too(minimal_text: str) -> None:
    data = json.loads(guidestyle.loads(minimal_text).model_dump_json())
    data["results"]["coach"] = data["results"].pop("coaching")
    with pytest.raises(
        ValidationError,
        match=r"results\.coach: unknown style 'coach' \(did you mean 'coaching'\?\)",
    ):
        guidestyle.Questionnaire.model_validate_json(json.dumps(data))


def test_digest_is_stable_across_formatting(minimal_text: str) -> None:
    reformatted = minimal_text.replace("title: Minimal", "title:   'Minimal'   # same title")
    assert guidestyle.loads(minimal_text).digest == guidestyle.loads(reformatted).digest
    changed = minimal_text.replace("title: Minimal", "title: Other")
    assert guidestyle.loads(minimal_text).digest != guidestyle.loads(changed).digest


def test_quote_hint_shows_the_number_as_written(minimal_text: str) -> None:
    assert problems(minimal_text.replace('version: "1.0"', "version: 1.10")) == [
        "q.yaml:3:10: version: expected a text, found the number 1.1 (write it in quotes: '1.10')"
    ]


def test_a_known_key_in_the_wrong_place(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    text: Anything else?\n", "    text: Anything else?\n    distinction: duration\n"
    )
    assert problems(text) == ["q.yaml:48:5: questions[note]: key 'distinction' is not allowed here"]


def test_too_few_items_in_plain_words(minimal_text: str) -> None:
    block = (
        "  - id: block\n    kind: forced_choice\n    text: Most like you?\n    distinction: duration\n"
        "    statements:\n      - {id: a, text: A, style: mentoring}\n"
    )
    assert problems(minimal_text.replace("  - id: note\n", block + "  - id: note\n")) == [
        "q.yaml:50:7: questions[block].statements: expected at least 2 item(s), found 1"
    ]


def test_a_number_compared_with_a_text_option_id_asks_for_quotes(minimal_text: str) -> None:
    text = minimal_text.replace("{id: weeks,", '{id: "3",').replace(
        "    text: What sets the pace?\n",
        "    text: What sets the pace?\n    show_if: {question: horizon, equals: 3}\n",
    )
    assert problems(text) == [
        "q.yaml:32:42: questions[pace].show_if.equals: 'horizon' has no option 3, only the text '3' "
        "(write it in quotes: '3')"
    ]


def test_bounds_in_plain_words(minimal_text: str) -> None:
    text = minimal_text.replace(
        "audience: Test authors\n",
        "audience: Test authors\nscoring: {min_coverage: 0, clear_margin: 150}\n",
    )
    assert problems(text) == [
        "q.yaml:7:25: scoring.min_coverage: must be more than 0, found 0",
        "q.yaml:7:42: scoring.clear_margin: must be at most 100, found 150",
    ]


def test_a_key_indented_under_its_sibling_is_found_where_it_is(minimal_text: str) -> None:
    """Still valid YAML: 'scale' sits under 'text', so the question lacks it."""
    misplaced = (
        "  - id: agree_mentor\n"
        "    kind: likert\n"
        "    text:\n"
        "      en: I enjoy long conversations about careers.\n"
        "      scale: agree\n"
        "    distinction: duration\n"
        "    style: mentoring\n"
    )
    assert problems(with_question(minimal_text, misplaced)) == [
        "q.yaml:49:7: questions[agree_mentor]: missing required key 'scale' "
        "(found 'scale' under 'text' at 49:7; check the indentation)"
    ]


def test_list_items_are_named_by_their_ids_and_by_position_when_ids_repeat(
    minimal_text: str,
) -> None:
    text = minimal_text.replace("id: pace", "id: horizon").replace(
        "- {id: plan, text: A plan, weights: {coaching: 2}}",
        "- {id: learner, text: A plan, weights: {coaching: 20}}",
    )
    assert problems(text) == [
        "q.yaml:35:57: questions[1].options[1].weights.coaching: must be at most 10, found 20",
    ]
    assert problems(text.replace("weights: {coaching: 20}", "weights: {coaching: 2}")) == [
        "q.yaml:29:9: questions[1].id: duplicate question id 'horizon' (also at questions[0])",
        "q.yaml:35:14: questions[1].options[1].id: duplicate option id 'learner' (also at options[0])",
    ]


def test_many_texts_in_an_undeclared_language_are_told_once_with_the_fix(
    minimal_text: str,
) -> None:
    text = minimal_text.replace("format: 1", "format: 1\nlanguages: [en]")
    for english, french in [
        ("Years", "Des années"),
        ("Weeks", "Des semaines"),
        ("The learner", "L'apprenant"),
        ("A plan", "Un plan"),
    ]:
        text = text.replace(f"text: {english},", f"text: {{en: {english}, fr: {french}}},")
    assert problems(text) == [
        "q.yaml:27:39: questions[horizon].options[years].text.fr: 4 texts in 'fr', which "
        "languages does not list: add 'fr' to languages or remove them "
        "(the first is here; the others on lines 28, 35, 36)"
    ]
    two = text.replace("{en: The learner, fr: L'apprenant}", "The learner").replace(
        "{en: A plan, fr: Un plan}", "A plan"
    )
    assert problems(two) == [  # two are told one by one
        "q.yaml:27:39: questions[horizon].options[years].text.fr: unknown language 'fr'; the questionnaire declares en",
        "q.yaml:28:39: questions[horizon].options[weeks].text.fr: unknown language 'fr'; the questionnaire declares en",
    ]


def test_a_style_key_written_twice_is_named_as_the_likely_cause(minimal_text: str) -> None:
    text = minimal_text.replace("  coaching: {label: Coaching,", "  mentoring: {label: Coaching,")
    assert problems(text) == [
        "q.yaml:9:3: styles.mentoring: duplicate key 'mentoring' (first written on line 8)",
        "q.yaml:14:40: distinctions.duration.positions.coaching: 5 references to style "
        "'coaching', which does not exist: define it or correct them (the second 'mentoring' "
        "on line 9 may be meant as 'coaching'; the first is here; the others on lines 27, 35, "
        "43, 50)",
    ]
