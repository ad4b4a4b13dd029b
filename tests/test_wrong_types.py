"""Public functions given an argument of the wrong type (issue 14, finding 11): a
``TypeError`` that names the function and the argument, as Python's own functions do; never
an ``AttributeError`` from deep inside. (Wrong *data*, answers included, is the library's
own error; see docs/api.md.)"""

from __future__ import annotations

import base64
import math
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import guidestyle

from .conftest import DATA, ROOT

ANSWERS = ROOT / "examples" / "answers" / "situation.yaml"
KEY = b"k" * 32
g: Any = guidestyle  # the public API, called here with what its types do not allow


@cache
def situation() -> guidestyle.Questionnaire:
    return guidestyle.builtin("situation")


@cache
def result() -> guidestyle.Result:
    return guidestyle.score(situation(), guidestyle.load_answers(ANSWERS))


CALLS: list[tuple[str, Callable[[], object], str]] = [
    (
        "loads(None)",
        lambda: g.loads(None),
        "loads(): text must be str or bytes, not NoneType",
    ),
    ("loads(int)", lambda: g.loads(1), "loads(): text must be str or bytes, not int"),
    (
        "loads_answers(int)",
        lambda: g.loads_answers(1),
        "loads_answers(): text must be str or bytes, not int",
    ),
    ("load(int)", lambda: g.load(1), "load(): path must be str or os.PathLike, not int"),
    (
        "Result.to_json(indent=str)",
        lambda: result().to_json(indent="  "),  # type: ignore[arg-type]
        "Result.to_json(): indent must be an int or None, not str",
    ),
    (
        "Result.from_json(int)",
        lambda: g.Result.from_json(12),
        "Result.from_json(): text must be str or bytes, not int",
    ),
    (
        "load_answers(None)",
        lambda: g.load_answers(None),
        "load_answers(): path must be str or os.PathLike, not NoneType",
    ),
    (
        "builtin(int)",
        lambda: g.builtin(1),
        "builtin(): questionnaire_id must be str, not int",
    ),
    (
        "builtin(list)",
        lambda: g.builtin([]),
        "builtin(): questionnaire_id must be str, not list",
    ),
    (
        "score(dict)",
        lambda: g.score({}, {}),
        "score(): questionnaire must be a Questionnaire, not dict",
    ),
    (
        "Scorer(str)",
        lambda: g.Scorer("situation"),
        "Scorer(): questionnaire must be a Questionnaire, not str",
    ),
    (
        "lint(int)",
        lambda: g.lint(1),
        "lint(): questionnaire must be a Questionnaire, not int",
    ),
    (
        "outline(int)",
        lambda: g.outline(1),
        "outline(): questionnaire must be a Questionnaire, not int",
    ),
    (
        "outline(language=int)",
        lambda: g.outline(situation(), 5),
        "outline(): language must be str or None, not int",
    ),
    (
        "answers_schema(str)",
        lambda: g.answers_schema("situation"),
        "answers_schema(): questionnaire must be a Questionnaire, not str",
    ),
    (
        "render(int)",
        lambda: g.render(1, situation()),
        "render(): result must be a Result, not int",
    ),
    (
        "render(questionnaire=str)",
        lambda: g.render(result(), "situation"),
        "render(): questionnaire must be a Questionnaire, not str",
    ),
    (
        "render(language=int)",
        lambda: g.render(result(), situation(), language=1),
        "render(): language must be str or None, not int",
    ),
    (
        "render(template_dir=int)",
        lambda: g.render(result(), situation(), template_dir=1),
        "render(): template_dir must be a path or None, not int",
    ),
    (
        "render_comparison(dict)",
        lambda: g.render_comparison({}, situation(), situation()),
        "render_comparison(): comparison must be a Comparison, not dict",
    ),
    (
        "compare(dict)",
        lambda: g.compare({}, result()),
        "compare(): first must be a Result, not dict",
    ),
    (
        "compare(labels=str)",
        lambda: g.compare(result(), result(), labels="ab"),
        "compare(): labels must be a pair of str, such as ('manager', 'new hire')",
    ),
    (
        "Session.start(None)",
        lambda: g.Session.start(None),
        "Session.start(): questionnaire must be a Questionnaire, not NoneType",
    ),
    (
        "Session.from_json(int)",
        lambda: g.Session.from_json(situation(), 1),
        "Session.from_json(): text must be str or bytes, not int",
    ),
    (
        "seal(str key)",
        lambda: g.Session.start(situation()).seal("k" * 32),
        "Session.seal(): key must be bytes, not str",
    ),
    (
        "unseal(bytes token)",
        lambda: g.Session.unseal(situation(), b"x.y", KEY),
        "Session.unseal(): token must be str, not bytes",
    ),
    (
        "unseal(str key)",
        lambda: g.Session.unseal(situation(), "x.y", "k" * 32),
        "Session.unseal(): key must be bytes, not str",
    ),
    (
        "seal(issued_at=str)",
        lambda: g.Session.start(situation()).seal(KEY, issued_at="now"),
        "Session.seal(): issued_at must be int or float, not str",
    ),
    (
        "unseal(max_age=str)",
        lambda: g.Session.unseal(situation(), "x.y", KEY, max_age="1h"),
        "Session.unseal(): max_age must be int or float, not str",
    ),
    (
        "read_rows(None)",
        lambda: g.read_rows(None, [{}]),
        "read_rows(): questionnaire must be a Questionnaire, not NoneType",
    ),
    (
        "read_rows(bytes)",
        lambda: g.read_rows(situation(), b"{}"),
        "read_rows(): source must be a path, lines, a DataFrame or mappings, not bytes "
        "(give a text's lines, text.splitlines(), with format=)",
    ),
    (
        "read_rows(keep=str)",
        lambda: g.read_rows(situation(), [{}], keep="team"),
        "read_rows(): keep must be a sequence of str, not str",
    ),
    (
        "score_rows(bytearray)",
        lambda: g.score_rows(situation(), bytearray(b"{}")),
        "score_rows(): source must be a path, lines, a DataFrame or mappings, not bytearray "
        "(give a text's lines, text.splitlines(), with format=)",
    ),
    (
        "analyze(id_column=int)",
        lambda: g.analyze(situation(), [{}], id_column=1),
        "analyze(): id_column must be str or None, not int",
    ),
]


@pytest.mark.parametrize(
    ("call", "expected"), [(c, e) for _, c, e in CALLS], ids=[n for n, _, _ in CALLS]
)
def test_a_wrong_argument_type_is_a_type_error_naming_it(
    call: Callable[[], object], expected: str
) -> None:
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value) == expected


def test_bytes_like_yaml_text_is_read_as_its_bytes() -> None:
    text = (DATA / "minimal.yaml").read_bytes()
    expected = g.loads(text)
    assert g.loads(bytearray(text)) == expected
    assert g.loads(memoryview(text)) == expected
    assert g.loads_answers(bytearray(b"horizon: years\n")) == {"horizon": "years"}


def test_a_path_like_is_a_path(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("horizon: years\n")
    assert guidestyle.load_answers(path) == {"horizon": "years"}


def test_wrong_answers_are_answers_errors_not_type_errors() -> None:
    for answers in (None, 1, ["horizon"]):
        with pytest.raises(guidestyle.AnswersError) as caught:
            g.score(situation(), answers)
        assert str(caught.value).startswith("answers must be a mapping of question id to answer")


def test_score_frame_refuses_a_wrong_questionnaire_or_frame() -> None:
    pandas = pytest.importorskip("pandas")
    with pytest.raises(TypeError) as no_questionnaire:
        g.score_frame(pandas.DataFrame({"a": [1]}), None)
    assert str(no_questionnaire.value) == (
        "score_frame(): questionnaire must be a Questionnaire, not NoneType"
    )
    with pytest.raises(TypeError) as no_frame:
        g.score_frame([{"a": 1}], situation())
    assert str(no_frame.value) == "score_frame(): frame must be a pandas DataFrame, not list"


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: g.Session.start(situation()).seal(KEY, issued_at=math.nan),
            "Session.seal(): issued_at must be a number of seconds from 0 to "
            "999,999,999,999, not nan",
        ),
        (
            lambda: g.Session.start(situation()).seal(KEY, issued_at=-1),
            "Session.seal(): issued_at must be a number of seconds from 0 to "
            "999,999,999,999, not -1",
        ),
        (
            lambda: g.Session.start(situation()).seal(KEY, issued_at=1e300),
            "Session.seal(): issued_at must be a number of seconds from 0 to "
            "999,999,999,999, not 1e+300",
        ),
        (
            lambda: g.Session.unseal(situation(), sealed_long_ago(), KEY, max_age=math.nan),
            "Session.unseal(): max_age must be a number of seconds from 0, not nan",
        ),
        (
            lambda: g.Session.unseal(situation(), sealed_long_ago(), KEY, max_age=-1),
            "Session.unseal(): max_age must be a number of seconds from 0, not -1",
        ),
        (
            lambda: g.Session.unseal(situation(), sealed_long_ago(), KEY, now=math.inf),
            "Session.unseal(): now must be a number of seconds from 0 to 999,999,999,999, not inf",
        ),
    ],
)
def test_a_time_that_is_no_time_is_refused_when_given(
    call: Callable[[], object], expected: str
) -> None:
    with pytest.raises(ValueError) as caught:  # noqa: PT011 - the message is compared whole
        call()
    assert str(caught.value) == expected


def sealed_long_ago() -> str:
    return guidestyle.Session.start(situation()).seal(KEY, issued_at=time.time() - 1e9)


def test_a_token_longer_than_any_session_seals_to_is_refused_unread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    decoded: list[str] = []
    monkeypatch.setattr(base64, "urlsafe_b64decode", decoded.append)
    with pytest.raises(guidestyle.SessionError) as caught:
        g.Session.unseal(situation(), "A" * 50_000_000 + ".x", KEY)
    assert decoded == []
    assert str(caught.value).startswith(
        "not a session token: it has 50,000,002 characters, more than any session of this "
        "questionnaire seals to ("
    )


def test_a_negative_indent_is_refused() -> None:
    with pytest.raises(ValueError) as caught:  # noqa: PT011 - the message is compared whole
        result().to_json(indent=-1)
    assert str(caught.value) == "Result.to_json(): indent must be 0 or more, not -1"
