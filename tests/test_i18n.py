"""One language setting: sessions, outlines and the library's words, with their fallbacks."""

from __future__ import annotations

import pytest

import guidestyle
from guidestyle import Session, SessionError
from guidestyle._i18n import choose_language, words

NBSP = "\u00a0"


def test_a_session_asks_in_its_language_and_keeps_it_when_saved() -> None:
    learner = guidestyle.builtin("learner")
    session = Session.start(learner, language="fr")
    assert session.language == "fr"
    step = session.current
    assert step is not None
    french = guidestyle.outline(learner, "fr")["questions"][0]
    assert step.question == french
    assert step.question["text"] != guidestyle.outline(learner, "en")["questions"][0]["text"]
    first_option = french["options"][0]["id"]
    answered = session.answer(
        [first_option] if french["kind"] == "multiple_choice" else first_option
    )
    restored = Session.from_json(learner, answered.to_json())
    assert restored == answered
    assert restored.language == "fr"
    assert restored.current is not None
    assert restored.current.question == guidestyle.outline(learner, "fr")["questions"][1]


def test_a_session_without_a_language_saves_as_before() -> None:
    learner = guidestyle.builtin("learner")
    session = Session.start(learner)
    assert session.language == "en"
    assert '"language"' not in session.to_json()
    assert session != Session.start(learner, language="en")  # asked for, so kept


def test_a_session_in_a_language_the_questionnaire_lacks_asks_in_its_first() -> None:
    learner = guidestyle.builtin("learner")
    session = Session.start(learner, language="de")
    assert session.language == "de"
    assert session.outline()["language"] == "en"
    assert session.current is not None
    assert session.current.question == guidestyle.outline(learner, "en")["questions"][0]


def test_a_session_refuses_what_is_not_a_language_code() -> None:
    learner = guidestyle.builtin("learner")
    with pytest.raises(SessionError) as caught:
        Session.start(learner, language="French!")
    assert str(caught.value) == "'French!' is not a language code (such as 'fr')"
    saved = Session.start(learner, language="fr").to_json().replace('"fr"', '"??"')
    with pytest.raises(SessionError) as caught:
        Session.from_json(learner, saved)
    assert str(caught.value) == "the saved language '??' is not a language code"


def test_numbers_and_lists_are_written_the_local_way() -> None:
    french, english = words("fr"), words("en")
    assert (french.decimal(88.889), english.decimal(88.889)) == ("88,89", "88.89")
    assert (french.integer(12345), english.integer(12345)) == (f"12{NBSP}345", "12,345")
    assert (french.percent(0.5), english.percent(0.5)) == (f"50{NBSP}%", "50%")
    assert french.list(["Mentorat", "Coaching", "Leadership direct"]) == (
        "Mentorat, Coaching et Leadership direct"
    )
    assert english.list(["a", "b"]) == "a and b"


@pytest.mark.parametrize(
    ("languages", "requested", "texts", "notice"),
    [
        (["en", "fr"], "fr", "fr", None),
        (["en", "fr"], "fr-CA", "fr", None),
        (["en", "fr"], None, "en", None),
        (
            ["en", "fr"],
            "de",
            "en",
            "This questionnaire is not written in German, and guidestyle has no translation "
            "into it, so everything is in English.",
        ),
        (
            ["en"],
            "fr",
            "en",
            "Ce questionnaire n'est pas rédigé en français\u00a0: ses textes sont en anglais.",
        ),
        (
            ["en", "de"],
            "de",
            "de",
            "guidestyle has no translation into German, so its own words are in English.",
        ),
        (
            ["de", "en"],
            "it",
            "de",
            "This questionnaire is not written in Italian, and guidestyle has no translation "
            "into it: the questionnaire's texts are in German, and guidestyle's own words in "
            "English.",
        ),
    ],
)
def test_a_missing_language_falls_back_and_says_so_once(
    languages: list[str], requested: str | None, texts: str, notice: str | None
) -> None:
    chosen = choose_language(languages, requested)
    assert (chosen.texts, chosen.notice) == (texts, notice)
