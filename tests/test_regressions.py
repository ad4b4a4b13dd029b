"""Inputs found in review that once crashed or misled; each now gets a clean, located error."""

from __future__ import annotations

from pathlib import Path

import pytest

import guidestyle
from guidestyle import AnswersError, QuestionnaireError

from .answers import LEARNER_COACH
from .conftest import DATA, ROOT, run_guidestyle


def problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        guidestyle.loads(text, source="q.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_a_scalar_show_if(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    text: What sets the pace?\n", "    text: What sets the pace?\n    show_if: horizon\n"
    )
    assert problems(text) == [
        "q.yaml:32:14: questions[pace].show_if: a condition needs one of: equals, one_of, at_least, all, any"
    ]


def test_a_question_written_as_a_plain_string(minimal_text: str) -> None:
    text = minimal_text.replace(
        "  - id: note\n    kind: text\n    text: Anything else?\n", "  - Anything else?\n"
    )
    assert problems(text) == [
        "q.yaml:45:5: questions[3]: expected a question (a mapping with id, kind and text), found a text of 14 characters"
    ]


def test_a_kind_written_as_a_list(minimal_text: str) -> None:
    text = minimal_text.replace("    kind: text\n", "    kind: [text]\n")
    assert problems(text) == [
        "q.yaml:46:11: questions[note].kind: unknown question kind a list; expected one of: "
        "likert, single_choice, multiple_choice, forced_choice, text"
    ]


def test_a_lone_surrogate_in_yaml_text() -> None:
    assert problems("title: \ud800\n") == [
        "q.yaml:1:1: the text holds an invalid character (a lone surrogate)"
    ]


def test_a_lone_surrogate_in_a_text_answer() -> None:
    q = guidestyle.load(DATA / "engine.yaml")
    answers = {
        "l1": 5,
        "l2": 2,
        "l3": 1,
        "mc": ["a"],
        "fc": "s2",
        "team": "solo",
        "note": "x\udc80",
    }
    with pytest.raises(AnswersError) as caught:
        guidestyle.score(q, answers)
    assert str(caught.value) == "note: the text holds an invalid character (a lone surrogate)"


def test_a_huge_number_as_an_answer() -> None:
    q = guidestyle.load(DATA / "engine.yaml")
    with pytest.raises(AnswersError) as caught:
        guidestyle.score(q, {"l1": 10**5000})
    assert str(caught.value).splitlines()[0] == (
        "l1: expected a whole number from 1 to 5, found a whole number of more than 15 digits"
    )


def test_a_huge_answers_file_is_not_read_and_is_said_to_be_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(20_000_000)
    with pytest.raises(AnswersError) as caught:
        guidestyle.load_answers(path)
    assert (
        str(caught.value)
        == f"{path}:1:1: the file is too large (20,000,000 bytes; the limit is 1,000,000)"
    )


@pytest.mark.parametrize("typed", ["²", "9" * 5000, "--2", "٣"])
def test_take_reasks_on_digits_it_cannot_use(tmp_path: Path, typed: str) -> None:
    completed = run_guidestyle(tmp_path, "take", str(DATA / "engine.yaml"), lines=[typed])
    assert completed.returncode == 130  # input ended; nothing crashed
    assert "Traceback" not in completed.stderr
    assert "type a whole number from 1 to 5" in completed.stderr


def test_equal_sessions_hash_alike() -> None:
    import json

    q = guidestyle.load(DATA / "engine.yaml")
    first = guidestyle.Session.start(q).answer(4).answer(2)
    state = json.loads(first.to_json())
    state["answers"] = dict(reversed(list(state["answers"].items())))
    second = guidestyle.Session.from_json(q, json.dumps(state))
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


def test_minimum_coverage_is_exact() -> None:
    # 7 of 25 is exactly 28%; in floating point 0.28 * 25 is 7.000000000000001
    questions = "".join(
        f"  - {{id: q{i}, kind: likert, text: Q, scale: s, style: {'ab'[i % 2]}, distinction: d, required: false}}\n"
        for i in range(50)
    )
    text = (
        "format: 1\nid: c\nversion: '1'\ntitle: t\ndescription: t\naudience: t\n"
        "styles: {a: {label: a, description: a}, b: {label: b, description: b}}\n"
        "distinctions: {d: {label: d, positions: {a: x, b: x}}}\n"
        "scales: {s: {min: 1, max: 2, labels: [no, yes]}}\n"
        "scoring: {min_coverage: 0.28}\nquestions:\n" + questions
    )
    q = guidestyle.loads(text)
    answers = {f"q{i}": 2 for i in range(14)}  # 7 items of each style out of 25
    assert guidestyle.score(q, answers).coverage.styles["a"] == guidestyle.StyleCoverage(25, 7)


def test_margins_have_at_most_two_decimals(minimal_text: str) -> None:
    text = minimal_text.replace(
        "audience: Test authors\n", "audience: Test authors\nscoring: {clear_margin: 10.125}\n"
    )
    assert problems(text) == [
        "q.yaml:7:10: scoring: clear_margin (10.125) may have at most two decimals, as scores do"
    ]


def test_outline_in_a_language_the_questionnaire_lacks_falls_back_and_says_so() -> None:
    learner = guidestyle.builtin("learner")
    outline = guidestyle.outline(learner, "de")
    assert (outline["language"], outline["notice"]) == (
        "en",
        "This questionnaire is not written in German, and guidestyle has no translation "
        "into it, so everything is in English.",
    )
    assert outline["questions"] == guidestyle.outline(learner, "en")["questions"]
    assert guidestyle.outline(learner)["notice"] is None
    with pytest.raises(QuestionnaireError) as caught:
        guidestyle.outline(learner, "not a language")
    assert str(caught.value) == (
        "outline(): language 'not a language' is not a language code (such as 'fr' or 'pt-BR')"
    )


def test_comparison_markdown_escapes_labels_everywhere() -> None:
    situation, learner = guidestyle.builtin("situation"), guidestyle.builtin("learner")
    manager = guidestyle.score(
        situation, guidestyle.load_answers(ROOT / "examples" / "answers" / "situation.yaml")
    )
    new_hire = guidestyle.score(learner, LEARNER_COACH)
    comparison = guidestyle.compare(
        manager, new_hire, labels=("A", "[click](https://example.org) | x")
    )
    markdown = guidestyle.render_comparison(comparison, situation, learner, "markdown")
    assert "higher for \\[click\\]" in markdown  # the label inside the difference cell, escaped
    assert "[click](https://example.org)" not in markdown


def test_reading_something_that_is_not_a_result() -> None:
    with pytest.raises(guidestyle.ResultError) as caught:
        guidestyle.Result.from_json('{"questionnaire": {}}')
    assert str(caught.value) == "not a guidestyle result: questionnaire.id: field required"
    with pytest.raises(
        guidestyle.ResultError, match=r"^not a guidestyle comparison: the text is not valid JSON$"
    ):
        guidestyle.Comparison.from_json("{")


def test_an_edited_result_is_refused_where_it_is_read_or_by_render() -> None:
    q = guidestyle.load(DATA / "engine.yaml")
    result = guidestyle.score(
        q, {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}
    )
    edited = guidestyle.Result.from_json(result.to_json().replace('"l3":1', '"l3":0'))
    with pytest.raises(guidestyle.ReportError) as caught:
        guidestyle.render(edited, q)
    assert str(caught.value) == (
        "the result does not fit questionnaire engine version 1: "
        "l3: expected a whole number from 1 to 5, found the number 0"
    )
    renamed = guidestyle.Result.from_json(result.to_json().replace('"mentoring"', '"mentor"'))
    with pytest.raises(guidestyle.ReportError) as caught:
        guidestyle.render(renamed, q)
    assert str(caught.value) == (
        "the result does not fit questionnaire engine version 1: its styles "
        "(mentor, coaching, leadership) are not the questionnaire's "
        "(mentoring, coaching, leadership)"
    )
    assert result.recommendation.runner_up == "coaching"
    assert result.recommendation.strength == "clear"
    assert result.margin == 25
    edits = {
        '"runner_up":"coaching"': "its recommendation is not the top of its ranking",
        '"strength":"clear"': "its blend does not fit a blend call",
        '"margin":25.0': "its margin is not the lead of the recommended style",
        '"l1":{"mentoring":': "its contributions to 'mentoring' do not add up to its score",
    }
    for edit, reason in edits.items():
        changed = edit.replace("coaching", "zz").replace("clear", "blend").replace("25.0", "99.0")
        tampered = result.to_json().replace(edit, changed.replace('"mentoring":', '"mentoring":9'))
        assert tampered != result.to_json()
        with pytest.raises(guidestyle.ResultError) as read:
            guidestyle.Result.from_json(tampered)
        assert str(read.value) == f"not a guidestyle result: {reason}"


def test_a_stored_result_renders_without_being_scored_again() -> None:
    q = guidestyle.load(DATA / "engine.yaml")
    result = guidestyle.score(
        q, {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}
    )
    # as if an older engine had profiled the distinctions differently: its inputs are still
    # valid, so it renders with what it says rather than being refused or recomputed
    older = result.to_json().replace('"scores":{"mentoring":80.0', '"scores":{"mentoring":75.0')
    assert older != result.to_json()
    report = guidestyle.render(guidestyle.Result.from_json(older), q, "markdown")
    assert "75.00" in report
    assert "75.00" not in guidestyle.render(result, q, "markdown")


def test_questionnaires_are_immutable_through_and_through() -> None:
    q = guidestyle.builtin("situation")
    with pytest.raises((TypeError, AttributeError)):
        q.results.clear()  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        q.styles["extra"] = q.styles["mentoring"]  # type: ignore[index]
    option = q.questions[0].options[0]  # type: ignore[union-attr]
    with pytest.raises(TypeError):
        option.weights["mentoring"] = 10  # type: ignore[index]
    assert guidestyle.builtin("situation") is q


def test_questionnaires_and_sessions_pickle_and_copy() -> None:
    import copy
    import pickle

    q = guidestyle.builtin("situation")
    assert pickle.loads(pickle.dumps(q)) == q
    assert copy.deepcopy(q) == q
    session = guidestyle.Session.start(q)
    assert pickle.loads(pickle.dumps(session)) == session
    defaults = guidestyle.Option(id="x", text="t")  # weights left to their default
    with pytest.raises(TypeError):
        defaults.weights["a"] = 1  # type: ignore[index]


def test_a_saved_id_is_never_taken_as_a_path(tmp_path: Path) -> None:
    import json

    for saved_id in ("new-team-lead", "/etc/passwd"):
        state = json.loads(guidestyle.Session.start(guidestyle.builtin("learner")).to_json())
        state["questionnaire"]["id"] = saved_id
        (tmp_path / "p.json").write_text(json.dumps(state))
        completed = run_guidestyle(tmp_path, "take", "--resume", "p.json")
        assert completed.returncode == 1
        assert completed.stderr == (
            f"p.json was saved for questionnaire '{saved_id}', which is not built in; "
            "run: guidestyle take PATH-OF-ITS-QUESTIONNAIRE --resume p.json\n"
        )


def test_overwriting_keeps_permissions_and_follows_symlinks(tmp_path: Path) -> None:
    from guidestyle._cli import main

    answers = str(ROOT / "examples" / "answers" / "situation.yaml")
    private = tmp_path / "private.txt"
    private.write_text("old")
    private.chmod(0o600)
    assert main(["score", "situation", answers, "-o", str(private)]) == 0
    assert private.stat().st_mode & 0o777 == 0o600
    link = tmp_path / "link.txt"
    link.symlink_to(private)
    assert main(["score", "situation", answers, "--format", "json", "-o", str(link)]) == 0
    assert link.is_symlink()
    assert private.read_text().startswith("{")


def test_resuming_into_the_same_file_keeps_the_report(tmp_path: Path) -> None:
    engine = str(DATA / "engine.yaml")
    first = run_guidestyle(tmp_path, "take", engine, "--save", "p.json", lines=["5", "2", "1"])
    assert first.returncode == 130
    second = run_guidestyle(
        tmp_path,
        "take",
        engine,
        "--resume",
        "p.json",
        "--format",
        "json",
        "-o",
        "p.json",
        lines=["1", "2", "2", "1", ""],
    )
    assert second.returncode == 0, second.stderr
    assert guidestyle.Result.from_json((tmp_path / "p.json").read_text()).answers["l1"] == 5


def test_only_ascii_numbers_get_the_without_quotes_hint_and_long_values_are_not_echoed() -> None:
    q = guidestyle.load(DATA / "engine.yaml")
    valid = {"l1": 5, "l2": 2, "l3": 1, "mc": ["a"], "fc": "s2", "team": "solo"}
    with pytest.raises(AnswersError) as caught:
        guidestyle.score(q, valid | {"l1": "٣", "team": "x" * 5000})
    assert str(caught.value).splitlines() == [
        "l1: expected a whole number from 1 to 5, found a text of 1 character",
        "team: unknown option (a text of 5,000 characters); expected one of: solo, team",
    ]
