"""One language setting: sessions, outlines and the library's words, with their fallbacks;
French pages, prompts and reports with nothing left in English; a right-to-left language."""

# ruff: noqa: RUF001 - Arabic letters, on purpose

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

import guidestyle
import guidestyle._i18n
from guidestyle import Session, SessionError
from guidestyle._i18n import choose_language, words
from guidestyle._render import ReportFormat

from .catalogues import untranslated
from .conftest import DATA, ROOT
from .test_cli_take import Terminal

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


# The French pages: no message of the catalogues left in English -------------------------------

SITUATION_ANSWERS = ROOT / "examples" / "answers" / "situation.yaml"


def french_result() -> tuple[guidestyle.Result, guidestyle.Questionnaire]:
    situation = guidestyle.builtin("situation")
    return guidestyle.score(situation, guidestyle.load_answers(SITUATION_ANSWERS)), situation


@pytest.mark.parametrize(
    ("format", "details"),
    [("text", True), ("text", False), ("markdown", True), ("html", True)],
)
def test_a_french_report_shows_no_english_message(format: ReportFormat, details: bool) -> None:
    result, situation = french_result()
    report = guidestyle.render(result, situation, format, language="fr", details=details)
    assert untranslated(report) == []
    english = guidestyle.render(result, situation, format, details=details)
    assert untranslated(english) != []  # the check finds English where there is some


def test_the_french_report_is_french_throughout() -> None:
    result, situation = french_result()
    report = guidestyle.render(result, situation, language="fr")
    assert "Le style Mentorat s'impose nettement\u00a0: il devance le style Coaching de 85,72" in (
        re.sub("[ \n]+", " ", report)
    )
    assert "96,43  <- recommandé" in report
    english_texts = english_questionnaire_sentences(situation)
    note = "She asked in particular"  # what the person wrote stays as written
    shown = " ".join(report.split())
    assert [text for text in english_texts if text in shown and note not in text] == []


def english_questionnaire_sentences(questionnaire: guidestyle.Questionnaire) -> list[str]:
    """The questionnaire's English texts of three words or more that differ in French."""
    english, french = (
        guidestyle.outline(questionnaire, "en"),
        guidestyle.outline(questionnaire, "fr"),
    )

    def texts(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [t for key, item in value.items() if key != "id" for t in texts(item)]
        if isinstance(value, list):
            return [t for item in value for t in texts(item)]
        return []

    french_texts = set(texts(french))
    return [t for t in texts(english) if len(t.split()) >= 3 and t not in french_texts]


def test_a_french_comparison_shows_no_english_message() -> None:
    result, situation = french_result()
    learner = guidestyle.builtin("learner")
    answers: dict[str, object] = {}
    session = Session.start(learner)
    while session.current is not None:
        question = session.current.question
        first = (question.get("options") or question.get("statements") or [{"id": None}])[0]["id"]
        value = {"likert": 3, "text": "x", "multiple_choice": [first]}.get(question["kind"], first)
        answers[question["id"]] = value
        session = session.answer(value)
    comparison = guidestyle.compare(
        result, session.finish(), labels=("Ben (responsable)", "Ana (nouvelle recrue)")
    )
    for format in ("text", "markdown", "html"):
        page = guidestyle.render_comparison(comparison, situation, learner, format, language="fr")
        assert untranslated(page) == [], format


def test_the_json_result_is_the_same_in_every_language() -> None:
    result, situation = french_result()
    assert guidestyle.render(result, situation, "json", language="fr") == result.to_json(indent=2)


# A language added for the test only: right to left, another script ---------------------------

ARABIC = {
    "RECOMMENDATION": "التوصية",
    "SCORES (out of 100)": "الدرجات (من 100)",
    "recommended": "موصى به",
    "Scores": "الدرجات",
    "%(style)s is a clear fit: it scores %(margin)s points ahead of %(other)s.": (
        "%(style)s مناسب بوضوح & يتقدم بـ %(margin)s نقطة على %(other)s."
    ),
}


def test_a_right_to_left_language_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = Catalog(locale="ar", domain="guidestyle")
    for message, translation in ARABIC.items():
        catalog.add(message, translation)
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "guidestyle.mo").open("wb") as file:
        write_mo(file, catalog)
    monkeypatch.setattr(guidestyle._i18n, "LOCALE_DIR", tmp_path)
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "title: Minimal\n", 'title: {en: Minimal, ar: "مختصر <b>"}\nlanguages: [en, ar]\n'
    )
    text = text.replace("{label: Mentoring,", "{label: {en: Mentoring, ar: إرشاد},")
    questionnaire = guidestyle.loads(text)
    result = guidestyle.score(
        questionnaire, {"horizon": "years", "pace": "learner", "end": "never"}
    )

    report = guidestyle.render(result, questionnaire, language="ar")
    assert report.startswith("مختصر <b>\n=========\n\nالتوصية\n")
    assert "إرشاد مناسب بوضوح & يتقدم بـ 100.00 نقطة على Coaching." in report
    assert "<- موصى به" in report
    page = guidestyle.render(result, questionnaire, "html", language="ar")
    assert '<html lang="ar" dir="rtl">' in page
    assert "<h1>إرشاد</h1>" not in page  # the headline is the questionnaire's (English here)
    assert "<title>Mentoring | مختصر &lt;b&gt;</title>" in page
    assert "إرشاد مناسب بوضوح &amp; يتقدم" in page
    assert untranslated(page, "fr") != []  # what no catalogue translates stays English


# take, on a terminal, in French -------------------------------------------------------------


def first_answers(questionnaire: guidestyle.Questionnaire) -> list[str]:
    """What a person types to answer every question shown with its first choice (1 on a
    scale that starts there, a word for a text)."""
    typed = []
    session = Session.start(questionnaire)
    while session.current is not None:
        question = session.current.question
        if question["kind"] == "text":
            value: object = "rien de plus"
            typed.append("rien de plus")
        else:
            entries = question.get("options") or question.get("statements")
            value = question["scale"]["min"] if entries is None else entries[0]["id"]
            if question["kind"] == "multiple_choice":
                value = [value]
            typed.append(str(question["scale"]["min"]) if entries is None else "1")
        session = session.answer(value)
    return typed


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_take_asks_in_french_end_to_end_on_a_terminal(tmp_path: Path) -> None:
    learner = guidestyle.builtin("learner")
    typed = first_answers(learner)
    terminal = Terminal(tmp_path, "--language", "fr", "--format", "text", questionnaire="learner")
    terminal.expect("Répondez par le numéro\u00a0; «\u00a0?\u00a0» explique les touches.")
    terminal.expect("Question 1 sur ")
    terminal.answer(
        "x\n", "tapez des numéros de 1 à 3, séparés par des virgules, ou «\u00a0aucune\u00a0»"
    )
    terminal.answer("?\n", "Tapez le numéro de votre réponse")
    for keys in typed:
        terminal.expect("> ")
        terminal.type(keys + "\n")
    assert terminal.wait() == 0
    screen = terminal.seen.replace("\r\n", "\n")
    assert "b = retour" in screen
    assert untranslated(screen) == []
    assert "RECOMMANDATION" not in screen  # the summary, whose first lines are the call
    assert "Rapport complet, avec chaque distinction" in screen
    shown = re.sub("[ \n]+", " ", screen)
    english = [text for text in english_questionnaire_sentences(learner) if text in shown]
    assert english == []


# The web example, in French ------------------------------------------------------------------


@pytest.mark.slow  # the whole web example, in French
def test_the_web_example_runs_in_french(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    # isort: off
    from .test_onboarding_web import form_for  # which puts examples/ on the path
    from onboarding_web.app import create_app
    # isort: on

    client = TestClient(create_app(tmp_path / "onboarding.sqlite3"))
    pages = [
        client.get("/?lang=fr").text,
        client.get("/", headers={"Accept-Language": "fr-CH, fr;q=0.9"}).text,
    ]
    assert pages[0] == pages[1]
    assert "Commencer une intégration" in pages[0]
    assert untranslated(client.get("/").text) != []  # English by default, and the check sees it
    refused = client.post("/onboardings", data={"lang": "fr", "new_hire": "", "manager": "Ben"})
    assert refused.status_code == 422
    pages.append(refused.text)
    created = client.post(
        "/onboardings",
        data={
            "lang": "fr",
            "new_hire": "Ana",
            "manager": "Ben",
            "new_hire_language": "fr",
            "manager_language": "fr",
        },
        follow_redirects=False,
    )
    assert created.status_code == 303
    assert created.headers["location"].endswith("?lang=fr")
    overview = client.get(created.headers["location"]).text
    pages.append(overview)
    people = re.findall(r'href="http://127\.0\.0\.1:8000/p/([^"]+)"', overview)
    assert len(people) == 2
    for link in people:
        while True:
            state = client.get(f"/api/participants/{link}").json()
            if state["done"]:
                break
            assert state["language"] == "fr"
            page = client.get(f"/p/{link}").text
            pages.append(page)
            if state["question"]["kind"] == "multiple_choice":
                nothing = client.post(f"/p/{link}", data={"question": state["question"]["id"]})
                pages.append(nothing.text)
            client.post(f"/p/{link}", data=form_for(state["question"]))
    pages.append(client.get(f"/p/{people[0]}").text)  # both views side by side
    pages.append(client.get(f"/p/{people[0]}/reports/manager").text)
    pages.append(client.get("/p/no-such-link", headers={"Accept-Language": "fr"}).text)
    assert '<html lang="fr"' in pages[0]
    assert (
        "Les deux points de vue désignent" in pages[-3]
        or "Les points de vue divergent" in pages[-3]
    )
    assert "Choisissez une réponse pour continuer." in " ".join(pages)
    assert [untranslated(page) for page in pages] == [[] for _ in pages]
