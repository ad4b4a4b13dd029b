"""Session steps and saved state: exact refusals, tamper-proof tokens, changed questionnaires."""

from __future__ import annotations

import json

import pytest

import guidestyle
from guidestyle import AnswersError, Session, SessionError

from .conftest import DATA

KEY = b"0123456789abcdef0123"


@pytest.fixture(scope="module")
def questionnaire() -> guidestyle.Questionnaire:
    return guidestyle.load(DATA / "engine.yaml")


def test_progress_counts_only_shown_questions(questionnaire: guidestyle.Questionnaire) -> None:
    session = Session.start(questionnaire)
    assert session.current is not None
    assert (session.current.question["id"], session.current.number, session.current.total) == (
        "l1",
        1,
        7,
    )
    for value in (5, 2, 1, ["a"], "s2", "team"):
        session = session.answer(value)
    # answering 'team' shows the follow-up: now 8 questions
    assert session.current is not None
    assert (session.current.question["id"], session.current.number, session.current.total) == (
        "follow",
        7,
        8,
    )


def test_a_rejected_answer_names_the_problem_and_changes_nothing(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    session = Session.start(questionnaire)
    with pytest.raises(AnswersError) as caught:
        session.answer(9)
    assert str(caught.value) == "l1: expected a whole number from 1 to 5, found the number 9"
    assert session == Session.start(questionnaire)


def test_required_questions_cannot_be_skipped(questionnaire: guidestyle.Questionnaire) -> None:
    with pytest.raises(SessionError) as caught:
        Session.start(questionnaire).skip()
    assert str(caught.value) == "question 'l1' is required and cannot be skipped"


def test_back_keeps_answers_and_changing_an_answer_hides_a_branch(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    session = Session.start(questionnaire)
    for value in (5, 2, 1, ["a"], "s2", "team", "x"):
        session = session.answer(value)
    session = session.back().back()
    assert session.current is not None
    assert (session.current.question["id"], session.current.answer) == ("team", "team")
    session = session.answer("solo")  # the follow-up is hidden now: its answer stays but is ignored
    assert session.current is not None
    assert session.current.question["id"] == "note"
    assert "follow" not in session.answers
    assert "follow" not in session.shown()
    finished = session.skip()
    result = finished.finish()
    assert "follow" not in result.answers
    assert guidestyle.score(questionnaire, finished.answers) == result  # an app re-scoring agrees
    assert '"follow":"x"' in finished.to_json()  # kept, not lost
    session = session.back().answer("team")  # showing it again brings its answer back
    assert session.current is not None
    assert (session.current.question["id"], session.current.answer) == ("follow", "x")
    assert session.answers["follow"] == "x"


def test_finish_reports_missing_answers(questionnaire: guidestyle.Questionnaire) -> None:
    session = Session.start(questionnaire).answer(5)
    assert session.missing() == ("l2", "mc", "fc", "team")
    with pytest.raises(AnswersError) as caught:
        session.finish()
    assert str(caught.value).splitlines()[0] == "l2: a required question is not answered"


def test_first_question_has_no_back(questionnaire: guidestyle.Questionnaire) -> None:
    with pytest.raises(SessionError, match=r"^already at the first question$"):
        Session.start(questionnaire).back()


def test_state_is_compact_json_naming_the_questionnaire(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    state = json.loads(
        Session.start(questionnaire).answer(4).answer(2).answer(3).answer(["b", "a"]).to_json()
    )
    assert state == {
        "format": "guidestyle-session/1",
        "questionnaire": {"id": "engine", "version": "1", "digest": questionnaire.digest},
        "answers": {"l1": 4, "l2": 2, "l3": 3, "mc": ["a", "b"]},
        "position": "fc",
    }


def test_restoring_against_a_changed_questionnaire_fails(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    saved = Session.start(questionnaire).answer(4).to_json()
    changed = guidestyle.loads(
        (DATA / "engine.yaml").read_text().replace("text: L1", "text: L1 changed")
    )
    with pytest.raises(SessionError) as caught:
        Session.from_json(changed, saved)
    assert str(caught.value) == (
        "the session was saved for questionnaire 'engine' version '1', and the questionnaire "
        "given ('engine' version '1') has different content; the session cannot be resumed against it"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "not a saved session: expected a JSON object"),
        ('{"format": "x"}', "not a saved session: 'questionnaire' is missing"),
        ("{", "not a saved session: the text is not valid JSON"),
        (
            '{"format": "x", "questionnaire": {}, "answers": [], "position": null}',
            "not a saved session: 'answers' is not as expected (input should be an object)",
        ),
    ],
)
def test_not_a_session(questionnaire: guidestyle.Questionnaire, text: str, message: str) -> None:
    with pytest.raises(SessionError) as caught:
        Session.from_json(questionnaire, text)
    assert str(caught.value) == message


def test_a_saved_answer_that_no_longer_fits(questionnaire: guidestyle.Questionnaire) -> None:
    state = json.loads(Session.start(questionnaire).to_json())
    state["answers"] = {"l1": 7}
    with pytest.raises(SessionError) as caught:
        Session.from_json(questionnaire, json.dumps(state))
    assert str(caught.value) == (
        "the saved answer to 'l1' is invalid: l1: expected a whole number from 1 to 5, found the number 7"
    )


def test_sealed_tokens_round_trip_and_refuse_tampering(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    session = Session.start(questionnaire).answer(3)
    token = session.seal(KEY)
    assert Session.unseal(questionnaire, token, KEY) == session
    payload, signature = token.split(".")
    forged = Session.start(questionnaire).answer(5).seal(b"another key of sixteen bytes")
    for bad in (f"{payload}A.{signature}", forged, token + "x"):
        with pytest.raises(SessionError) as caught:
            Session.unseal(questionnaire, bad, KEY)
        assert str(caught.value) in {
            "the session token was altered or sealed with another key",
            "not a session token",
        }
    with pytest.raises(SessionError, match=r"^not a session token$"):
        Session.unseal(questionnaire, "no-dot-here", KEY)


def test_keys_must_be_long_enough(questionnaire: guidestyle.Questionnaire) -> None:
    with pytest.raises(SessionError, match=r"^the key must be at least 16 bytes long$"):
        Session.start(questionnaire).seal(b"short")


def test_at_moves_to_a_shown_question(questionnaire: guidestyle.Questionnaire) -> None:
    session = Session.start(questionnaire).answer(5)
    at_team = session.at("team")
    assert at_team.current is not None
    assert at_team.current.question["id"] == "team"
    assert at_team.answers == session.answers
    with pytest.raises(
        SessionError, match=r"^question 'follow' is not shown for the answers so far$"
    ):
        session.at("follow")


def test_each_session_seals_to_exactly_one_token(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    token = Session.start(questionnaire).answer(3).seal(KEY)
    payload, signature = token.split(".")
    # Each decodes to the same bytes as the real token under a lenient base64 reader:
    variants = [
        f"{payload}!.{signature}",  # a character outside the alphabet, dropped by others
        f"{payload[:10]} {payload[10:]}.{signature}",
        f"{payload}=.{signature}",  # padding
        f"{payload}.{signature[:-1]}{chr(ord(signature[-1]) + 1)}",  # unused low bits
        f"{payload.replace('-', '+').replace('_', '/')}.{signature}",  # the other alphabet
        f"{payload}.{signature}.",
        f".{payload}.{signature}",
    ]
    for variant in variants:
        if variant == token:
            continue
        with pytest.raises(SessionError) as caught:
            Session.unseal(questionnaire, variant, KEY)
        assert str(caught.value) in {
            "not a session token",
            "the session token was altered or sealed with another key",
        }
    assert Session.unseal(questionnaire, token, KEY) == Session.start(questionnaire).answer(3)


def test_a_token_with_an_issue_time_expires_after_its_maximum_age(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    session = Session.start(questionnaire).answer(3)
    token = session.seal(KEY, issued_at=1_700_000_000.7)
    assert token.split(".")[1] == "1700000000"
    restored = Session.unseal(questionnaire, token, KEY, max_age=3600, now=1_700_003_600)
    assert restored == session
    assert Session.unseal(questionnaire, token, KEY) == session  # no maximum: no check
    with pytest.raises(SessionError) as caught:
        Session.unseal(questionnaire, token, KEY, max_age=3600, now=1_700_003_601)
    assert str(caught.value) == (
        "the session token has expired: it was sealed 3,601 seconds ago, and the limit is 3,600"
    )
    with pytest.raises(SessionError) as caught:
        Session.unseal(questionnaire, token, KEY, max_age=3600, now=1_699_999_000)
    assert str(caught.value) == "the session token was sealed at a time still to come"


def test_the_issue_time_is_signed_and_required_when_a_maximum_age_is(
    questionnaire: guidestyle.Questionnaire,
) -> None:
    session = Session.start(questionnaire).answer(3)
    payload, _, signature = session.seal(KEY, issued_at=1_700_000_000).split(".")
    for forged in (f"{payload}.1800000000.{signature}", f"{payload}.01700000000.{signature}"):
        with pytest.raises(SessionError) as caught:
            Session.unseal(questionnaire, forged, KEY, max_age=60, now=1_800_000_000)
        assert str(caught.value) in {
            "the session token was altered or sealed with another key",
            "not a session token",
        }
    with pytest.raises(SessionError) as caught:  # the time cannot be cut off either
        Session.unseal(questionnaire, f"{payload}.{signature}", KEY)
    assert str(caught.value) == "the session token was altered or sealed with another key"
    unstamped = session.seal(KEY)
    with pytest.raises(SessionError) as caught:
        Session.unseal(questionnaire, unstamped, KEY, max_age=60)
    assert str(caught.value) == (
        "the session token carries no time it was sealed at, so its age cannot be checked"
    )
