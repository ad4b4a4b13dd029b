"""The onboarding web example: the HTML pages and the JSON API, driven through TestClient."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

# The example is a package inside examples/ (a folder of scripts, not itself a package).
sys.path.append(str(Path(__file__).parent.parent / "examples"))

from fastapi.testclient import TestClient
from onboarding_web.app import create_app
from onboarding_web.flow import Flow, FlowError
from onboarding_web.links import Links
from onboarding_web.store import Participant, Saved, Store

import guidestyle

NOTE = "<script>alert(1)</script>"
KEY = b"a key of at least sixteen bytes"


def value_for(question: dict[str, Any]) -> Any:
    """A valid answer to a question in outline form."""
    kind = question["kind"]
    if kind == "likert":
        return question["scale"]["max"]
    if kind == "multiple_choice":
        return [question["options"][0]["id"]]
    if kind == "text":
        return NOTE
    if kind == "forced_choice":
        return question["statements"][0]["id"]
    return question["options"][0]["id"]


def form_for(question: dict[str, Any]) -> dict[str, Any]:
    """The question page's form, filled in with :func:`value_for`."""
    value = value_for(question)
    values = value if isinstance(value, list) else [str(value)]
    return {"question": question["id"], "action": "answer", "value": values}


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "onboarding.sqlite3"


@pytest.fixture
def client(database: Path) -> TestClient:
    return TestClient(create_app(database))


def start(client: TestClient, new_hire: str = "Ana", manager: str = "Ben") -> dict[str, Any]:
    response = client.post("/api/onboardings", json={"new_hire": new_hire, "manager": manager})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def links(onboarding: dict[str, Any]) -> tuple[str, str]:
    new_hire, manager = onboarding["participants"]
    assert (new_hire["role"], manager["role"]) == ("new_hire", "manager")
    return new_hire["id"], manager["id"]


def state(client: TestClient, link: str) -> dict[str, Any]:
    response = client.get(f"/api/participants/{link}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def answer_api(
    client: TestClient, link: str, count: int | None = None, *, until: str = ""
) -> dict[str, Any]:
    """Answer ``count`` questions (default: all, or up to question ``until``) in JSON."""
    current = state(client, link)
    while not current["done"] and count != 0 and current["question"]["id"] != until:
        response = client.post(
            f"/api/participants/{link}/answer", json={"value": value_for(current["question"])}
        )
        assert response.status_code == 200, response.text
        current = response.json()
        count = None if count is None else count - 1
    return current


def question_on(page: str) -> str:
    found = re.search(r'name="question" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def answer_html(client: TestClient, link: str, questionnaire: str) -> str:
    """Answer every question through the HTML form; return the page shown at the end."""
    questions = {
        q["id"]: q for q in guidestyle.outline(guidestyle.builtin(questionnaire))["questions"]
    }
    page: str = client.get(f"/p/{link}").text
    while 'name="question"' in page:
        response = client.post(f"/p/{link}", data=form_for(questions[question_on(page)]))
        assert response.status_code == 200, response.text
        page = response.text
    return page


def stored(database: Path, link: str) -> tuple[str, str | None, str]:
    """A participant's row as saved: session, result and when it was last changed."""
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT session, result, updated FROM participants WHERE id = ?", (link,)
        ).fetchone()
    assert row is not None
    return row[0], row[1], row[2]


# The JSON API ---------------------------------------------------------------------------


def test_api_runs_the_whole_flow_for_both_people(client: TestClient) -> None:
    onboarding = start(client)
    new_hire, manager = links(onboarding)
    first = state(client, new_hire)
    assert (first["number"], first["done"], first["question"]["id"]) == (1, False, "support_length")
    assert first["questionnaire"] == "learner"

    done = answer_api(client, new_hire)
    assert (done["done"], done["question"], done["number"]) == (True, None, None)
    assert done["answers"]["notes"] == NOTE
    waiting = client.get(f"/api/onboardings/{onboarding['id']}/comparison")
    assert waiting.status_code == 409
    assert waiting.json() == {
        "problems": [
            {"message": "There is no comparison yet: both people must finish first.", "path": []}
        ]
    }

    answer_api(client, manager)
    result = client.get(f"/api/participants/{new_hire}/result")
    assert result.status_code == 200
    assert guidestyle.Result.from_json(result.text).questionnaire.id == "learner"
    comparison = client.get(f"/api/onboardings/{onboarding['id']}/comparison").json()
    assert comparison["labels"] == ["Ana (new hire)", "Ben (manager)"]
    assert {"same_style", "styles", "distinctions"} <= comparison.keys()
    assert client.get(f"/api/participants/{manager}/comparison").json() == comparison
    overview = client.get(f"/api/onboardings/{onboarding['id']}").json()
    assert overview["done"] is True


def test_api_rejects_a_bad_answer_and_changes_nothing(client: TestClient, database: Path) -> None:
    new_hire, _ = links(start(client))
    answer_api(client, new_hire, 12)  # the first Likert question is current now
    before = stored(database, new_hire)
    response = client.post(f"/api/participants/{new_hire}/answer", json={"value": 9})
    assert response.status_code == 422
    assert response.json() == {
        "problems": [
            {
                "message": "expected a whole number from 1 to 5, found the number 9",
                "path": ["confide_outside"],
                "hint": None,
            }
        ]
    }
    assert stored(database, new_hire) == before
    missing = client.post(f"/api/participants/{new_hire}/answer", json={})
    assert missing.status_code == 422
    assert missing.json() == {"problems": [{"message": "Field required", "path": ["value"]}]}
    assert stored(database, new_hire) == before


def test_api_back_and_skip(client: TestClient) -> None:
    new_hire, _ = links(start(client))
    at_first = client.post(f"/api/participants/{new_hire}/back")
    assert at_first.status_code == 409
    assert at_first.json()["problems"][0]["message"] == "already at the first question"
    required = client.post(f"/api/participants/{new_hire}/skip")
    assert required.status_code == 409
    assert required.json()["problems"][0]["message"] == (
        "question 'support_length' is required and cannot be skipped"
    )

    answer_api(client, new_hire, 2)
    back = client.post(f"/api/participants/{new_hire}/back").json()
    assert (back["number"], back["question"]["id"], back["answer"]) == (
        2,
        "main_want",
        ["one_skill"],
    )

    current = answer_api(client, new_hire, until="notes")
    assert current["question"]["required"] is False
    stale = client.post(f"/api/participants/{new_hire}/skip", json={"question": "main_want"})
    assert stale.status_code == 409
    skipped = client.post(f"/api/participants/{new_hire}/skip", json={"question": "notes"})
    assert skipped.json()["done"] is True
    assert "notes" not in skipped.json()["answers"]
    finished = client.post(f"/api/participants/{new_hire}/back")
    assert finished.status_code == 409
    assert finished.json()["problems"][0]["message"] == (
        "These answers are finished and can no longer be changed."
    )


def test_api_resumes_in_a_new_app_on_the_same_database(database: Path) -> None:
    first_app = TestClient(create_app(database))
    new_hire, _ = links(start(first_app))
    answer_api(first_app, new_hire, 3)

    later = TestClient(create_app(database))
    resumed = state(later, new_hire)
    assert (resumed["number"], resumed["question"]["id"]) == (4, "my_experience")
    assert list(resumed["answers"]) == ["support_length", "main_want", "meeting_style"]
    assert "Question 4 of 21" in later.get(f"/p/{new_hire}").text
    assert answer_api(later, new_hire)["done"] is True


# The HTML pages -------------------------------------------------------------------------


def test_html_runs_the_whole_flow_for_both_people(client: TestClient) -> None:
    assert "Start an onboarding" in client.get("/").text
    created = client.post("/onboardings", data={"new_hire": "Ana", "manager": "Ben"})
    assert created.status_code == 200
    overview = str(created.url.path)
    new_hire, manager = re.findall(r'href="[^"]*/p/([^"]+)"', created.text)
    assert "Not started" in created.text

    first = client.get(f"/p/{new_hire}").text
    assert "Question 1 of 21" in first
    assert "How long do you picture this support lasting?" in first
    waiting = answer_html(client, new_hire, "learner")
    assert "Thank you, Ana" in waiting
    assert "When Ben has answered too" in waiting
    assert "Finished" in client.get(overview).text
    own = client.get(f"/p/{new_hire}/reports/new_hire")
    assert own.status_code == 200
    assert client.get(f"/p/{new_hire}/reports/manager").status_code == 409

    combined = answer_html(client, manager, "situation")
    assert "Two views" in combined
    for page in (combined, client.get(f"/p/{new_hire}").text, client.get(overview).text):
        assert "Ana (new hire)" in page
        assert "Ben (manager)" in page
        assert "Both views</strong>" in page  # the link bar, spliced in
    for role, title in (
        ("new_hire", "What kind of support do you want?"),
        ("manager", "What kind of guidance"),
    ):
        report = client.get(f"{overview}/reports/{role}")
        assert report.status_code == 200
        assert title in report.text
        assert client.get(f"/p/{manager}/reports/{role}").status_code == 200
    assert client.get(f"{overview}/reports/nobody").status_code == 404


def test_html_shows_a_rejected_answer_inline_and_changes_nothing(
    client: TestClient, database: Path
) -> None:
    new_hire, _ = links(start(client))
    before = stored(database, new_hire)

    nothing = client.post(f"/p/{new_hire}", data={"question": "support_length"})
    assert nothing.status_code == 422
    assert '<p class="error" role="alert" id="error">Choose an answer to go on.</p>' in nothing.text
    assert "Question 1 of 21" in nothing.text
    unknown = client.post(f"/p/{new_hire}", data={"question": "support_length", "value": "ages"})
    assert unknown.status_code == 422
    assert '<p class="error" role="alert" id="error">Choose one of the answers shown.</p>' in (
        unknown.text
    )
    assert stored(database, new_hire) == before

    stale = client.post(
        f"/p/{new_hire}",
        data={"question": "main_want", "value": "one_skill"},
        follow_redirects=False,
    )
    assert (stale.status_code, stale.headers["location"]) == (303, f"/p/{new_hire}?outdated=true")
    assert (
        "That page was out of date, so nothing was saved."
        in client.get(stale.headers["location"]).text
    )
    assert stored(database, new_hire) == before


def test_html_rejects_too_many_choices_and_keeps_them_ticked(client: TestClient) -> None:
    _, manager = links(start(client))
    answer_api(client, manager, 3)  # 'topics' (choose up to two) is current
    form = {"question": "topics", "value": ["career_paths", "one_competency", "team_standards"]}
    response = client.post(f"/p/{manager}", data=form)
    assert response.status_code == 422
    assert "Choose at most 2 answers." in response.text
    assert response.text.count(" checked>") == 3


def test_html_back_and_skip(client: TestClient) -> None:
    new_hire, _ = links(start(client))
    first = client.get(f"/p/{new_hire}").text
    assert ">Back</button>" not in first
    assert ">Skip</button>" not in first  # required
    client.post(f"/p/{new_hire}", data={"question": "support_length", "value": "years"})
    back = client.post(f"/p/{new_hire}", data={"question": "main_want", "action": "back"})
    assert "Question 1 of 21" in back.text
    assert 'value="years" checked' in back.text

    answer_api(client, new_hire, until="notes")
    page = client.get(f"/p/{new_hire}").text
    assert ">Skip</button>" in page
    assert ">Finish</button>" in page
    empty = client.post(f"/p/{new_hire}", data={"question": "notes", "value": "  "})
    assert "Thank you, Ana" in empty.text
    assert "notes" not in state(client, new_hire)["answers"]


def test_html_create_form_asks_for_both_names(client: TestClient) -> None:
    response = client.post("/onboardings", data={"new_hire": "  ", "manager": "Ben"})
    assert response.status_code == 422
    assert "Enter the name of the new hire (up to 80 characters)." in response.text
    assert 'value="Ben"' in response.text


# Links, escaping, changed questionnaires ------------------------------------------------


def test_unknown_and_tampered_links_are_not_found(database: Path) -> None:
    client = TestClient(create_app(database, key=KEY))
    onboarding = start(client)
    new_hire, _ = links(onboarding)
    assert "." in new_hire  # signed
    assert state(client, new_hire)["name"] == "Ana"
    tampered = new_hire[:-1] + ("A" if new_hire[-1] != "A" else "B")
    unsigned = new_hire.partition(".")[0]
    for link in (tampered, unsigned, "nobody", "é.x"):
        response = client.get(f"/api/participants/{link}")
        assert response.status_code == 404
        assert response.json()["problems"][0]["message"] == (
            "There is no questionnaire at this link. Check that it was copied whole."
        )
        page = client.get(f"/p/{link}")
        assert page.status_code == 404
        assert "Link not found" in page.text
        assert client.post(f"/api/participants/{link}/answer", json={"value": 1}).status_code == 404
    assert client.get(f"/o/{onboarding['id'][:-1]}x").status_code == 404
    assert TestClient(create_app(database)).get(f"/api/participants/{new_hire}").status_code == 404


def test_free_text_and_names_are_escaped_in_every_page(client: TestClient) -> None:
    onboarding = start(client, new_hire="<b>Ana</b>", manager="Ben & co")
    new_hire, manager = links(onboarding)
    answer_api(client, new_hire)
    answer_api(client, manager)
    pages = [
        client.get(f"/p/{new_hire}").text,
        client.get(f"/o/{onboarding['id']}").text,
        client.get(f"/o/{onboarding['id']}/reports/new_hire").text,
        client.get(f"/p/{manager}/reports/manager").text,
    ]
    for page in pages:
        assert NOTE not in page
        assert "<b>Ana</b>" not in page
        assert "&lt;b&gt;Ana&lt;/b&gt;" in page
    for report in pages[2:]:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report


def test_a_changed_questionnaire_gives_a_clear_error(client: TestClient, database: Path) -> None:
    new_hire, _ = links(start(client))
    answer_api(client, new_hire, 2)
    session, _, _ = stored(database, new_hire)
    changed = json.loads(session)
    changed["questionnaire"]["digest"] = "sha256:" + "0" * 64
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE participants SET session = ? WHERE id = ?", (json.dumps(changed), new_hire)
        )
    page = client.get(f"/p/{new_hire}")
    assert page.status_code == 409
    assert "This questionnaire has changed" in page.text
    assert "Ana&#39;s answers were saved for another version of the questionnaire" in page.text
    response = client.post(f"/api/participants/{new_hire}/answer", json={"value": "informal"})
    assert response.status_code == 409
    assert response.json()["problems"][0]["message"].startswith(
        "Ana's answers were saved for another version of the questionnaire, so they cannot "
        "be continued here. (the session was saved for questionnaire 'learner'"
    )


# A small real service: body limit, links, headers, errors, the write lock ------------------

TOO_LARGE = "The request is larger than this service accepts (64 KiB)."


def test_a_body_over_the_limit_is_refused_before_it_is_read(
    client: TestClient, database: Path
) -> None:
    new_hire, _ = links(start(client))
    before = stored(database, new_hire)
    choices = json.dumps({"value": ["years"] * 20_000}).encode()  # 180 KB
    declared = client.post(
        f"/api/participants/{new_hire}/answer",
        content=choices,
        headers={"content-type": "application/json"},
    )
    assert (declared.status_code, declared.headers["connection"]) == (413, "close")
    assert declared.json() == {"problems": [{"message": TOO_LARGE, "path": []}]}
    chunked = client.post(
        f"/api/participants/{new_hire}/answer",
        content=iter([choices[:40_000], choices[40_000:]]),  # no Content-Length
        headers={"content-type": "application/json"},
    )
    assert chunked.status_code == 413
    assert chunked.json()["problems"][0]["message"] == TOO_LARGE
    form = client.post(f"/p/{new_hire}", data={"question": "support_length", "value": "x" * 70_000})
    assert form.status_code == 413
    assert form.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Too much at once</h1>" in form.text
    assert TOO_LARGE in form.text
    assert stored(database, new_hire) == before


def test_a_body_at_the_limit_is_read(database: Path) -> None:
    client = TestClient(create_app(database, max_body_bytes=2048))
    new_hire, _ = links(start(client))
    value = json.dumps({"value": "x"})
    at_limit = value[:-1] + " " * (2048 - len(value)) + "}"
    response = client.post(
        f"/api/participants/{new_hire}/answer",
        content=at_limit.encode(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["problems"][0]["path"] == ["support_length"]
    over = client.post(
        f"/api/participants/{new_hire}/answer",
        content=at_limit.encode() + b" ",
        headers={"content-type": "application/json"},
    )
    assert over.status_code == 413
    assert over.json()["problems"][0]["message"] == (
        "The request is larger than this service accepts (2 KiB)."
    )


def test_links_use_the_public_url_never_the_host_header(database: Path) -> None:
    client = TestClient(create_app(database))
    onboarding = start(client)
    new_hire, manager = links(onboarding)
    page = client.get(f"/o/{onboarding['id']}", headers={"host": "evil.example"}).text
    assert "evil.example" not in page
    assert f'href="http://127.0.0.1:8000/p/{new_hire}"' in page
    assert f'href="http://127.0.0.1:8000/p/{manager}"' in page

    public = TestClient(create_app(database, public_url="https://onboarding.example.org/"))
    page = public.get(f"/o/{onboarding['id']}", headers={"host": "evil.example"}).text
    assert "evil.example" not in page
    assert f">https://onboarding.example.org/p/{new_hire}</a>" in page


@pytest.mark.parametrize(
    "url", ["onboarding.example.org", "ftp://example.org", "https://u@example.org", "http://x/?a=1"]
)
def test_a_public_url_that_is_not_an_address_is_refused(database: Path, url: str) -> None:
    with pytest.raises(ValueError) as raised:  # noqa: PT011 (the whole message is pinned)
        create_app(database, public_url=url)
    assert str(raised.value) == (
        "the public URL must be an http:// or https:// address such as "
        f"'http://127.0.0.1:8000', with no user, query or fragment; found {url!r}"
    )


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    new_hire, _ = links(start(client))
    responses = [
        client.get("/"),
        client.get(f"/p/{new_hire}"),
        client.get(f"/api/participants/{new_hire}"),
        client.get("/nowhere"),
        client.post(f"/p/{new_hire}", content=b"x" * 70_000),
        client.get("/api/openapi.json"),
    ]
    for response in responses:
        assert response.headers["content-security-policy"] == (
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        )
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert (
        "script-src 'unsafe-inline' https://cdn.jsdelivr.net;"
        in docs.headers["content-security-policy"]
    )
    assert "frame-ancestors 'none'" in docs.headers["content-security-policy"]


def test_html_requests_get_html_refusals_and_api_requests_json(client: TestClient) -> None:
    new_hire, _ = links(start(client))
    form = client.post(f"/p/{new_hire}", data={"question": "support_length", "action": "fly"})
    assert form.status_code == 422
    assert form.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>That form could not be read</h1>" in form.text
    assert "action: Input should be &#39;answer&#39;, &#39;back&#39; or &#39;skip&#39;" in form.text
    query = client.get(f"/p/{new_hire}?outdated=maybe")
    assert query.status_code == 422
    assert "outdated: Input should be a valid boolean, unable to interpret input" in query.text

    missing = client.get("/nowhere")
    assert (missing.status_code, missing.headers["content-type"]) == (
        404,
        "text/html; charset=utf-8",
    )
    assert "<h1>Page not found</h1>" in missing.text
    wrong_method = client.put(f"/p/{new_hire}")
    assert wrong_method.status_code == 405
    assert "<h1>Not possible here</h1>" in wrong_method.text
    assert wrong_method.headers["allow"] == "GET"  # the first route at that path

    assert client.get("/api/nowhere").json() == {"problems": [{"message": "Not Found", "path": []}]}
    assert client.put(f"/api/participants/{new_hire}").json() == {
        "problems": [{"message": "Method Not Allowed", "path": []}]
    }
    broken = client.post(
        f"/api/participants/{new_hire}/answer",
        content=b'{"value": [',
        headers={"content-type": "application/json"},
    )
    assert broken.status_code == 422
    assert broken.json() == {"problems": [{"message": "JSON decode error", "path": [11]}]}


def test_the_write_lock_is_free_while_an_answer_is_worked_out(database: Path) -> None:
    client = TestClient(create_app(database))
    new_hire, manager = links(start(client))
    store = Store(database)
    other_wrote: list[int] = []

    def slow_step(participant: Participant) -> Saved:
        # Another request writing now must not wait: the lock is only held to write.
        with sqlite3.connect(database, timeout=0) as other:
            other_wrote.append(
                other.execute(
                    "UPDATE participants SET updated = 'now' WHERE id = ?", (manager,)
                ).rowcount
            )
        return Saved(participant.session, participant.result)

    assert store.update(new_hire, slow_step) is not None
    assert other_wrote == [1]


def test_a_step_raced_by_another_post_runs_again_on_the_new_row(database: Path) -> None:
    client = TestClient(create_app(database))
    new_hire, _ = links(start(client))
    seen: list[int] = []

    def step(participant: Participant) -> Saved:
        seen.append(len(json.loads(participant.session)["answers"]))
        if len(seen) == 1:
            answer_api(client, new_hire, 1)  # lands while this step is being worked out
        return Saved(participant.session, participant.result)

    updated = Store(database).update(new_hire, step)
    assert updated is not None
    assert seen == [0, 1]  # the second run started from the answer that came in between
    assert list(json.loads(updated.session)["answers"]) == ["support_length"]


def test_an_answer_raced_on_every_attempt_is_refused_and_nothing_is_saved(
    database: Path,
) -> None:
    client = TestClient(create_app(database))
    new_hire, _ = links(start(client))
    runs: list[str] = []

    class Raced(Store):
        """Another post for the same person lands while each attempt is worked out."""

        def update(
            self, participant_id: str, step: Callable[[Participant], Saved]
        ) -> Participant | None:
            def raced(participant: Participant) -> Saved:
                runs.append(participant.session)
                other = ["years"] if len(runs) % 2 else ["few_months"]
                client.post(f"/api/participants/{new_hire}/answer", json={"value": other})
                client.post(f"/api/participants/{new_hire}/back")
                return step(participant)

            return super().update(participant_id, raced)

    flow = Flow(Raced(database), Links())
    with pytest.raises(FlowError) as raised:
        flow.answer(new_hire, ["while_in_team"])
    assert raised.value.status == 409
    assert raised.value.message == (
        "These answers were being changed from somewhere else at the same moment, so nothing "
        "was saved. Reload the page to see where they stand."
    )
    assert len(runs) == 3
    assert state(client, new_hire)["answer"] == ["years"]  # the last of the others' answers
