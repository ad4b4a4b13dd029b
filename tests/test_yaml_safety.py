"""The safe YAML layer, seen through the public loader: each refusal, its message and place."""

from __future__ import annotations

import pytest

import guidestyle
from guidestyle import QuestionnaireError


def problems(text: str | bytes, **kwargs: int) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        guidestyle.loads(text, source="q.yaml", **kwargs)
    return [str(problem) for problem in caught.value.problems]


def test_python_tags_are_refused_and_never_constructed(minimal_text: str) -> None:
    text = minimal_text.replace(
        "title: Minimal", "title: !!python/object/apply:os.system ['echo hacked']"
    )
    assert problems(text) == [
        "q.yaml:4:8: title: tags are not allowed (found '!!python/object/apply:os.system') "
        "(remove the tag; write plain values)"
    ]


def test_every_tag_is_refused(minimal_text: str) -> None:
    text = minimal_text.replace("title: Minimal", "title: !!str 12").replace(
        "audience: Test authors", "audience: !custom Test authors"
    )
    assert problems(text) == [
        "q.yaml:4:8: title: tags are not allowed (found '!!str') (remove the tag; write plain values)",
        "q.yaml:6:11: audience: tags are not allowed (found '!custom') "
        "(remove the tag; write plain values)",
    ]


def test_anchors_and_aliases_are_refused(minimal_text: str) -> None:
    text = minimal_text.replace("title: Minimal", "title: &name Minimal").replace(
        "audience: Test authors", "audience: *name"
    )
    assert problems(text) == [
        "q.yaml:4:8: title: anchors are not allowed (found '&name') (repeat the content instead)",
        "q.yaml:6:11: audience: aliases are not allowed (found '*name') (repeat the content instead)",
    ]


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for index in range(1, 9):
        previous = chr(ord("a") + index - 1)
        current = chr(ord("a") + index)
        lines.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 9) + "]")
    refusals = [line for line in problems("\n".join(lines) + "\n") if "not allowed" in line]
    assert refusals[0] == (
        "q.yaml:1:4: a: anchors are not allowed (found '&a') (repeat the content instead)"
    )
    assert len(refusals) == 1 + 8 * 10  # each anchor and alias once; nothing expanded


def test_duplicate_keys_are_refused(minimal_text: str) -> None:
    text = minimal_text.replace("title: Minimal\n", "title: Minimal\ntitle: Again\n")
    assert problems(text) == ["q.yaml:5:1: title: duplicate key 'title' (first written on line 4)"]


def test_keys_that_yaml_reads_as_equal_are_duplicates(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    positions: {mentoring: Open-ended,",
        "    positions: {1: x, true: y, mentoring: Open-ended,",
    )
    assert problems(text) == [
        "q.yaml:14:17: distinctions.duration.positions.1: a key must be a text, found the number 1 "
        "(write it in quotes: '1')",
        "q.yaml:14:23: distinctions.duration.positions.true: duplicate key 'true' "
        "(read as the same key as '1' on line 14)",
    ]


def test_deep_nesting_is_refused_before_composing() -> None:
    # the root mapping is level 1, so the 32nd bracket (column 35) is level 33
    assert problems("a: " + "[" * 50_000) == ["q.yaml:1:35: nesting is deeper than 32 levels"]


def test_nesting_up_to_the_bound_is_read() -> None:
    found = problems("a: " + "[" * 31 + "]" * 31 + "\n")
    assert "nesting" not in " ".join(found)


def test_oversized_text_is_refused_before_parsing() -> None:
    assert problems("a: b\n" * 10, max_bytes=20) == [
        "q.yaml:1:1: the file is too large (50 bytes; the limit is 20)"
    ]


def test_several_documents_are_refused() -> None:
    assert problems("format: 1\n---\nformat: 1\n") == [
        "q.yaml:2:1: the file holds more than one YAML document "
        "(remove the '---' line; one questionnaire per file)"
    ]


def test_invalid_utf8_is_refused_with_its_position() -> None:
    assert problems(b"format: 1\ntitle: caf\xe9\n") == [
        "q.yaml:2:11: the file is not valid UTF-8 (byte 0xe9) (save it with UTF-8 encoding)"
    ]


def test_a_utf8_byte_order_mark_is_accepted(minimal_text: str) -> None:
    questionnaire = guidestyle.loads(b"\xef\xbb\xbf" + minimal_text.encode())
    assert questionnaire.id == "minimal"


def test_empty_file() -> None:
    assert problems("") == ["q.yaml:1:1: the file is empty"]


def test_syntax_errors_name_the_spot() -> None:
    assert problems("a: [1, 2\nb: 3\n") == [
        "q.yaml:2:2: not valid YAML: did not find expected ',' or ']'"
    ]


def test_tabs_get_a_hint() -> None:
    assert problems("a:\n\tb: 1\n") == [
        "q.yaml:2:1: not valid YAML: found character that cannot start any token "
        "(indent with spaces, not tabs)"
    ]


def test_top_level_must_be_a_mapping() -> None:
    assert problems("- a\n- b\n") == [
        "q.yaml:1:1: a questionnaire must be a mapping of keys such as id, title and questions"
    ]


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO"])
def test_yaml_11_booleans_stay_text(minimal_text: str, word: str) -> None:
    text = minimal_text.replace("{id: years,", f"{{id: {word},")
    questionnaire = guidestyle.loads(text)
    first = questionnaire.questions[0]
    assert isinstance(first, guidestyle.SingleChoiceQuestion)
    assert first.options[0].id == word


@pytest.mark.parametrize("written", ["012", "0x1f", "0o17", "1_000", "2024-01-01", "1e3", "1e400"])
def test_number_like_ids_keep_the_authors_text(minimal_text: str, written: str) -> None:
    text = minimal_text.replace("{id: years,", f"{{id: {written},")
    question = guidestyle.loads(text).questions[0]
    assert isinstance(question, guidestyle.SingleChoiceQuestion)
    assert question.options[0].id == written


def test_an_unquoted_number_where_text_belongs_asks_for_quotes(minimal_text: str) -> None:
    assert problems(minimal_text.replace('version: "1.0"', "version: 1.0")) == [
        "q.yaml:3:10: version: expected a text, found the number 1.0 (write it in quotes: '1.0')"
    ]


def test_yes_where_a_boolean_belongs_asks_for_true_or_false(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    text: Anything else?\n", "    text: Anything else?\n    required: yes\n"
    )
    assert problems(text) == [
        "q.yaml:48:15: questions[note].required: expected true or false, found text 'yes' "
        "(write true or false)"
    ]


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan", "1e400"])
def test_infinities_and_nan_stay_text(minimal_text: str, written: str) -> None:
    questionnaire = guidestyle.loads(minimal_text.replace("title: Minimal", f"title: {written}"))
    assert questionnaire.title == written


def test_columns_count_characters_not_bytes(minimal_text: str) -> None:
    # "Été" is 3 characters but 5 bytes: a byte count would put 'fr' at column 20
    text = minimal_text.replace("title: Minimal", "title: {en: Été, fr: Minimale}")
    assert problems(text) == [
        "q.yaml:4:18: title.fr: unknown language 'fr'; the questionnaire declares en"
    ]


def test_a_colon_in_unquoted_text_gets_a_hint() -> None:
    assert problems("title: Support: for new leads\n") == [
        "q.yaml:1:15: not valid YAML: mapping values are not allowed in this context "
        "(put a text that contains ': ' in quotes, or check this line's indentation)"
    ]
