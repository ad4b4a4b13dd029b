"""Error messages of a bounded size that say the right thing (issue 14: findings 9 and 12):
at most 100 problems then how many more, long keys cut short with their length, hints looked
up for a bounded number of words, and the message defects the adversarial pass found."""

from __future__ import annotations

import copy
import difflib
import io
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import guidestyle
from guidestyle._cli import main

from .conftest import DATA


@cache
def minimal() -> guidestyle.Questionnaire:
    return guidestyle.load(DATA / "minimal.yaml")


VALID = {"horizon": "years", "pace": "plan", "end": "goal"}


def problems_of(text: str) -> list[str]:
    with pytest.raises(guidestyle.QuestionnaireError) as caught:
        guidestyle.loads(text, source="q.yaml", max_bytes=10_000_000)
    return str(caught.value).splitlines()


def answer_problems(answers: dict[Any, object]) -> list[str]:
    with pytest.raises(guidestyle.AnswersError) as caught:
        guidestyle.score(minimal(), answers)
    return str(caught.value).splitlines()


# Finding 9: bounded output ------------------------------------------------------------------


def test_a_long_unknown_answer_key_is_cut_short_with_its_length() -> None:
    key = "x" * 1_000_000
    shown = f"{'x' * 63}… (1,000,000 characters)"
    assert answer_problems({**VALID, key: 1}) == [f"{shown}: unknown question '{shown}'"]


def test_many_unknown_answer_keys_list_a_hundred_then_how_many_more() -> None:
    lines = answer_problems({**VALID, **{f"k{i:05}": 1 for i in range(20_000)}})
    assert len(lines) == 101
    assert lines[:2] == ["k00000: unknown question 'k00000'", "k00001: unknown question 'k00001'"]
    assert lines[-1] == "… and 19,900 more problems"
    with pytest.raises(guidestyle.AnswersError) as caught:
        guidestyle.score(minimal(), {f"k{i}": 1 for i in range(1_000)})
    assert (len(caught.value.problems), caught.value.omitted) == (100, 3 + 1_000 - 100)


def test_many_unknown_questionnaire_keys_list_a_hundred_then_how_many_more() -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    lines = problems_of(text + "".join(f"k{i}: 1\n" for i in range(5_000)))
    assert len(lines) == 101
    assert lines[0] == "q.yaml:52:1: unknown key 'k0'"
    assert lines[-1] == "… and 4,900 more problems"


def test_a_long_unknown_questionnaire_key_is_cut_short_with_its_length() -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    assert problems_of(text + "x" * 1_000 + ": 1\n") == [  # YAML's longest plain key
        f"q.yaml:52:1: unknown key '{'x' * 63}… (1,000 characters)'"
    ]


def lookups(monkeypatch: pytest.MonkeyPatch, work: Callable[[], object]) -> int:
    """How many times ``work`` looks for close matches (each costs the words' lengths)."""
    calls = []
    close_matches = difflib.get_close_matches

    def counted(*arguments: Any, **options: Any) -> Any:
        calls.append(1)
        return close_matches(*arguments, **options)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    with pytest.raises(guidestyle.GuidestyleError):
        work()
    return len(calls)


def test_hints_are_looked_up_for_a_bounded_number_of_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unknown_answers(count: int) -> Callable[[], object]:
        return lambda: guidestyle.score(minimal(), {f"k{i}": 1 for i in range(count)})

    def unknown_keys(count: int) -> Callable[[], object]:
        text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
        extra = "".join(f"k{i}: 1\n" for i in range(count))
        return lambda: guidestyle.loads(text + extra, max_bytes=10_000_000)

    for work in (unknown_answers, unknown_keys):
        few, many = lookups(monkeypatch, work(100)), lookups(monkeypatch, work(5_000))
        assert 0 < few == many


# Finding 12: what the messages say ------------------------------------------------------------


def test_a_list_whose_items_are_all_invalid_gets_no_false_found_zero() -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    hint = "ids use letters, digits, '_', '-' and '.'; language codes look like 'en' or 'pt-BR'"
    assert problems_of(text.replace("title: Minimal", "languages: [EN, FR]\ntitle: Minimal")) == [
        f"q.yaml:4:13: languages[0]: 'EN' is not a valid id or code here ({hint})",
        f"q.yaml:4:17: languages[1]: 'FR' is not a valid id or code here ({hint})",
    ]


def test_a_list_too_short_is_said_to_have_the_items_it_has() -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("first_steps: [Find a mentor.]", "first_steps: []")
    assert problems_of(text) == [
        "q.yaml:49:83: results.mentoring.first_steps: expected at least 1 item(s), found 0"
    ]


def test_a_true_key_is_reported_as_true() -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("styles:\n", "styles:\n  true: {label: T, description: T.}\n", 1)
    assert problems_of(text) == [
        "q.yaml:8:3: styles.true: a key must be a text, found true (write it in quotes: 'true')"
    ]


def test_a_nul_byte_is_located_in_the_projects_own_words() -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8").replace("Minimal\n", "Min\0imal\n")
    message = "the text holds a character YAML does not allow (U+0000)"
    hint = "remove it, or write it as an escape inside double quotes"
    assert problems_of(text) == [f"q.yaml:4:11: {message} ({hint})"]
    assert problems_of(text.encode("utf-8")) == [f"q.yaml:4:11: {message} ({hint})"]  # type: ignore[arg-type]


def test_standard_input_past_the_limit_is_said_to_be_more_than_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"#" * 2_000_000))
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["score", "situation", "-"]) == 1
    assert capsys.readouterr().err == (
        "<stdin>:1:1: the input is too large (more than 1,000,000 bytes; the limit is 1,000,000)\n"
    )


def test_a_number_key_and_a_text_key_get_different_lines() -> None:
    answers = guidestyle.loads_answers('horizon: years\npace: plan\nend: goal\n1: a\n"1": b\n')
    assert answer_problems(answers) == [
        "1: a question id must be a text, found the number 1 (write it in quotes: '1')",
        "1: unknown question '1'",
    ]


# Gap C of the review: no key or value of the input echoed whole -------------------------------

PLANTED = 2_000
"""The length of a string planted in the input; each message line must stay far shorter."""
LONGEST_LINE = 400


def planted_values() -> list[object]:
    long = "x" * PLANTED
    return [
        long,  # looks like an id
        "x y " * (PLANTED // 4),  # a text that does not
        int("9" * PLANTED),  # a number written out
        {"en": "x", long: "y"},  # a translation in an unknown language
        {long: " "},  # an empty translation
        [long],
    ]


def positions(
    node: object, path: tuple[object, ...] = ()
) -> Iterator[tuple[str, tuple[object, ...]]]:
    """Every place in ``node`` a key or a value can be planted; of siblings alike (styles,
    options, labels) only the first, of questions each (their kinds differ)."""
    yield "value", path
    alike = not path or path[-1] != "questions"
    if isinstance(node, dict):
        yield "new key", path
        items = list(node.items())
        for key, value in items[:1] if path and path[-1] in ALIKE else items:
            yield "key", (*path, key)
            yield from positions(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:1] if alike else node):
            yield from positions(value, (*path, index))


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ALIKE = frozenset({"styles", "distinctions", "positions", "weights", "scales"})


def planted(data: object, where: str, path: tuple[object, ...], value: object) -> object:
    data = copy.deepcopy(data)
    if where == "value" and not path:
        return value
    parent: Any = data
    for part in path[:-1] if where != "new key" else path:
        parent = parent[part]
    if where == "new key":
        parent[str(value)] = "y"
    elif where == "key":
        parent[str(value)] = parent.pop(path[-1])
    else:
        parent[path[-1]] = value
    return data


def error_lines(text: str) -> list[str]:
    """The lines of the error loading ``text`` raises (none if it loads)."""
    try:
        guidestyle.loads(text, max_bytes=10_000_000)
    except guidestyle.QuestionnaireError as error:
        return str(error).splitlines()
    return []


def too_long(lines: list[str]) -> list[str]:
    return [line[:100] for line in lines if len(line) > LONGEST_LINE]


def test_no_message_about_a_questionnaire_repeats_a_long_key_or_value_whole() -> None:
    base = guidestyle.load(DATA / "engine.yaml").model_dump(mode="json", exclude_defaults=True)
    base["languages"] = ["en"]
    cases = 0
    found = []
    for where, path in positions(base):
        for value in planted_values():
            if where != "value" and not isinstance(value, str):
                continue
            data = planted(base, where, path, value)
            text = yaml.dump(data, Dumper=DUMPER, width=10**9, allow_unicode=True, sort_keys=False)
            found += [(where, path, line) for line in too_long(error_lines(text))]
            cases += 1
    assert cases > 300
    assert found == []


def test_no_message_about_written_yaml_repeats_a_long_key_or_tag_whole() -> None:
    long = "x" * PLANTED
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    texts = [
        text + f"? {long}\n: 1\n? {long}\n: 2\n",  # a duplicate key
        text + f"? {long}\n: 1\n? '{long}'\n: 2\n",  # read as the same key
        text + f"extra: !{long} 1\n",  # a tag
        text.replace("title: Minimal", f"title: {{en: x, ? {long} : y}}"),
        text.replace("version:", f"version: {'9' * PLANTED}\nx:"),
    ]
    errors = [error_lines(source) for source in texts]
    assert all(errors)
    assert [too_long(lines) for lines in errors] == [[]] * len(texts)


def test_no_message_about_answers_or_rows_repeats_a_long_key_whole() -> None:
    long = "x" * PLANTED
    q = minimal()
    jsonl = json.dumps({**VALID, long: 1, "y" * PLANTED: 2}) + "\n"
    csv = f"horizon,pace,end,{long},{long}\nyears,plan,goal,1,2\n"
    number_key: dict[Any, object] = {**VALID, int("9" * PLANTED): 1}
    sources: list[Callable[[], object]] = [
        lambda: guidestyle.score(q, number_key),
        lambda: guidestyle.score(q, guidestyle.loads_answers(f"{long}: 1\n{long}: 2\n")),
        lambda: list(guidestyle.read_rows(q, io.StringIO(jsonl), format="jsonl")),
        lambda: list(guidestyle.read_rows(q, io.StringIO(csv), format="csv")),
        lambda: list(guidestyle.read_rows(q, io.StringIO(csv), format="csv", id_column=long)),
        lambda: list(guidestyle.read_rows(q, io.StringIO(csv), format="csv", keep=[long, long])),
    ]
    found = []
    for source in sources:
        try:
            rows = source()
        except guidestyle.GuidestyleError as error:
            messages = str(error).splitlines()
        else:
            assert isinstance(rows, list)
            messages = [str(p) for row in rows for p in getattr(row, "problems", ())]
        assert messages
        found += too_long(messages)
    assert found == []


# Gap F of the review: keys that are not texts keep their place -------------------------------


def test_a_number_key_and_a_text_key_written_alike_keep_a_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text('horizon: years\npace: plan\nend: goal\n1: a\n"1": b\n', encoding="utf-8")
    assert main(["score", str(DATA / "minimal.yaml"), str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:4:4: 1: a question id must be a text, found the number 1 "
        "(write it in quotes: '1')",
        f"{path}:5:6: 1: unknown question '1'",
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("~: 1\n", "q.yaml:52:1: null: a key must be a text, found nothing"),
        (
            "1.5: 1\n",
            "q.yaml:52:1: 1.5: a key must be a text, found the number 1.5 "
            "(write it in quotes: '1.5')",
        ),
    ],
)
def test_a_top_level_key_that_is_not_a_text_is_located(extra: str, expected: str) -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    assert problems_of(text + extra) == [expected]


def test_a_nested_key_that_is_not_a_text_is_named_and_located() -> None:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    styles = "styles:\n  ~: {label: N, description: N.}\n  1: {label: O, description: O.}\n"
    styles += "  '1': {label: T, description: T.}\n"
    assert problems_of(text.replace("styles:\n", styles, 1)) == [
        "q.yaml:8:3: styles.null: a key must be a text, found nothing",
        "q.yaml:9:3: styles.1: a key must be a text, found the number 1 (write it in quotes: '1')",
    ]
