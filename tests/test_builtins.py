"""The built-in questionnaires: valid, lint-clean, grounded in the catalogue and the sources."""

from __future__ import annotations

import re

import pytest

import guidestyle
from guidestyle import ScoringPolicy

from .conftest import ROOT

BUILTINS = ("guide", "learner", "situation")
SOURCE_FILES = sorted(path.name for path in (ROOT.parent / "shared" / "sources").glob("*.txt"))


def test_the_three_builtins_are_listed() -> None:
    assert guidestyle.builtin_ids() == BUILTINS


@pytest.mark.parametrize("name", BUILTINS)
def test_builtin_is_lint_clean(name: str) -> None:
    assert guidestyle.lint(guidestyle.builtin(name)) == ()


def styles_given_points(question: guidestyle.Question) -> set[str]:
    if isinstance(question, guidestyle.LikertQuestion):
        return {question.style}
    if isinstance(question, guidestyle.ForcedChoiceQuestion):
        return {statement.style for statement in question.statements}
    if isinstance(question, (guidestyle.SingleChoiceQuestion, guidestyle.MultipleChoiceQuestion)):
        return {
            style
            for option in question.options
            for style, weight in option.weights.items()
            if weight
        }
    return set()


@pytest.mark.parametrize("name", ["guide", "situation"])
def test_every_distinction_reaches_every_style(name: str) -> None:
    q = guidestyle.builtin(name)
    for distinction in q.distinctions:
        on_it = [
            question
            for question in q.questions
            if not isinstance(question, guidestyle.TextQuestion)
            and question.distinction == distinction
        ]
        reached = set().union(*map(styles_given_points, on_it))
        assert reached == set(q.styles), distinction


@pytest.mark.parametrize("name", BUILTINS)
def test_distinctions_and_sources_are_the_catalogues(name: str) -> None:
    q, catalogue = guidestyle.builtin(name), guidestyle.catalogue()
    assert dict(q.distinctions) == dict(catalogue.distinctions)
    assert q.sources == catalogue.sources
    assert dict(q.styles) == dict(catalogue.styles)


def test_the_catalogue_covers_the_distinctions_the_sources_draw() -> None:
    catalogue = guidestyle.catalogue()
    assert set(catalogue.distinctions) >= {
        "duration",
        "focus",
        "formality",
        "experience",
        "line",
        "choice",
        "outcome",
        "scope",
        "standing",
    }
    for distinction in catalogue.distinctions.values():
        assert set(distinction.positions) == {"mentoring", "coaching", "leadership"}
        assert distinction.sources


def test_the_catalogue_cites_every_source_document() -> None:
    files = sorted(source.file for source in guidestyle.catalogue().sources if source.file)
    if SOURCE_FILES:  # the source documents sit beside the repository in the workplace
        assert files == SOURCE_FILES
    assert len(files) == 5


@pytest.mark.parametrize("name", BUILTINS)
def test_every_scored_item_cites_a_distinction_and_sources(name: str) -> None:
    q = guidestyle.builtin(name)
    for question in q.questions:
        if not isinstance(question, guidestyle.TextQuestion):
            assert question.sources, question.id


def test_guide_has_six_likert_items_per_style_some_reversed_and_forced_choice() -> None:
    q = guidestyle.builtin("guide")
    likert = [
        question for question in q.questions if isinstance(question, guidestyle.LikertQuestion)
    ]
    for style in q.styles:
        keyed = [question for question in likert if question.style == style]
        assert len(keyed) >= 6
        assert any(question.reverse for question in keyed)
    assert any(isinstance(question, guidestyle.ForcedChoiceQuestion) for question in q.questions)


def test_situation_has_15_to_25_choice_questions_with_branches() -> None:
    q = guidestyle.builtin("situation")
    choices = [
        question
        for question in q.questions
        if isinstance(
            question, (guidestyle.SingleChoiceQuestion, guidestyle.MultipleChoiceQuestion)
        )
    ]
    assert 15 <= len(choices) <= 25
    assert any(question.show_if is not None for question in q.questions)


@pytest.mark.parametrize("name", BUILTINS)
def test_first_steps_say_what_the_sources_advise(name: str) -> None:
    results = guidestyle.builtin(name).results
    steps = {
        style: " ".join(map(str, result.first_steps)).lower() for style, result in results.items()
    }
    assert re.search(
        r"outside (your|their|the person's) (own )?(reporting )?line", steps["mentoring"]
    )
    assert all(word in steps["coaching"] for word in ("goal", "cadence", "measure"))
    assert all(
        word in steps["leadership"] for word in ("purpose", "direction", "standard", "example")
    )


@pytest.mark.parametrize("name", BUILTINS)
def test_builtins_use_the_calibrated_scoring_policy(name: str) -> None:
    # the margins were set with guidestyle simulate: see "Calibrating the strengths" in
    # docs/format.md for the figures behind them
    assert guidestyle.builtin(name).scoring == ScoringPolicy(clear_margin=35, leaning_margin=10)


def test_unknown_builtin_names_the_builtins() -> None:
    with pytest.raises(guidestyle.QuestionnaireError) as caught:
        guidestyle.builtin("situaton")
    assert str(caught.value) == (
        "no built-in questionnaire 'situaton'; built-ins: guide, learner, situation "
        "(did you mean 'situation'?)"
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def test_no_run_of_eight_words_is_copied_from_the_sources() -> None:
    sources = ROOT.parent / "shared" / "sources"
    if not SOURCE_FILES:
        pytest.skip("the source documents are not beside this checkout")
    shingles: set[tuple[str, ...]] = set()
    for path in sources.glob("*.txt"):
        words = _words(path.read_text(encoding="utf-8"))
        shingles.update(tuple(words[i : i + 8]) for i in range(len(words) - 7))
    titles = {tuple(_words(source.title)) for source in guidestyle.catalogue().sources}
    copied = []
    for path in sorted((ROOT / "questionnaires").glob("*.yaml")):
        words = _words(path.read_text(encoding="utf-8"))
        for i in range(len(words) - 7):
            run = tuple(words[i : i + 8])
            if run in shingles and not any(_contains(title, run) for title in titles):
                copied.append(f"{path.name}: {' '.join(run)}")
    assert copied == []


def _contains(title: tuple[str, ...], run: tuple[str, ...]) -> bool:
    return any(title[i : i + len(run)] == run for i in range(len(title) - len(run) + 1))
