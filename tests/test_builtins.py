"""The built-in questionnaires: valid, lint-clean, grounded in the catalogue and the sources."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

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


def _english(text: str | Mapping[str, str]) -> str:
    return text if isinstance(text, str) else text["en"]


@pytest.mark.parametrize("name", BUILTINS)
def test_first_steps_say_what_the_sources_advise(name: str) -> None:
    results = guidestyle.builtin(name).results
    steps = {
        style: " ".join(map(_english, result.first_steps)).lower()
        for style, result in results.items()
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


# Languages: every text in English and French, the French as docs/glossary-fr.md fixes it.

DOCUMENTS = (*BUILTINS, "distinctions")
# a non-breaking space before : ; ? ! and », after «; typographic ellipsis; no straight quote
FRENCH_TYPOGRAPHY = re.compile(r"""(?<!\u00a0)[:;?!»]|«(?!\u00a0)|"|\.\.\.|' """)
SAME_IN_BOTH = {"Coaching"}


def _dumped(name: str) -> object:
    if name == "distinctions":
        return guidestyle.catalogue().model_dump(mode="json")
    return guidestyle.builtin(name).model_dump(mode="json")


def _languages(text: str | Mapping[str, str] | None) -> tuple[str, ...]:
    return tuple(text) if isinstance(text, Mapping) else ()


def _translations(document: object) -> Iterator[tuple[str, str]]:
    """``(English, French)`` for every translated text in a dumped questionnaire or catalogue."""
    if isinstance(document, dict):
        if set(document) == {"en", "fr"}:
            yield document["en"], document["fr"]
        else:
            for value in document.values():
                yield from _translations(value)
    elif isinstance(document, list):
        for value in document:
            yield from _translations(value)


@pytest.mark.parametrize("name", BUILTINS)
def test_builtin_is_complete_in_english_and_french(name: str) -> None:
    q = guidestyle.builtin(name)
    assert q.languages == ("en", "fr")
    assert [p for p in guidestyle.lint(q) if p.code == "missing-translation"] == []


def test_the_linter_names_a_text_with_no_french() -> None:
    q = guidestyle.builtin("situation").model_copy(update={"title": "English only"})
    assert [(p.path, p.message) for p in guidestyle.lint(q) if p.code == "missing-translation"] == [
        (("title",), "no translation for fr")
    ]


def test_the_catalogue_is_in_english_and_french() -> None:
    catalogue = guidestyle.catalogue()
    texts: list[str | Mapping[str, str] | None] = []
    for style in catalogue.styles.values():
        texts += [style.label, style.description]
    for distinction in catalogue.distinctions.values():
        texts += [distinction.label, distinction.description, distinction.disagreement]
        texts += distinction.positions.values()
    assert len(texts) == 3 * 2 + len(catalogue.distinctions) * 6
    assert [text for text in texts if _languages(text) != ("en", "fr")] == []


def test_the_styles_have_the_glossarys_french_names() -> None:
    styles = guidestyle.catalogue().styles
    assert {style_id: style.label for style_id, style in styles.items()} == {
        "mentoring": {"en": "Mentoring", "fr": "Mentorat"},
        "coaching": {"en": "Coaching", "fr": "Coaching"},
        "leadership": {"en": "Direct leadership", "fr": "Leadership direct"},
    }


@pytest.mark.parametrize("name", DOCUMENTS)
def test_french_texts_follow_the_glossarys_typography(name: str) -> None:
    texts = [french for _, french in _translations(_dumped(name))]
    assert texts
    assert [text for text in texts if FRENCH_TYPOGRAPHY.search(text)] == []
    assert [text for text in texts if re.search(r"leadership directe", text, re.I)] == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_french_text_is_the_english_left_as_it_was(name: str) -> None:
    same = [english for english, french in _translations(_dumped(name)) if english == french]
    assert [text for text in same if text not in SAME_IN_BOTH] == []


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
