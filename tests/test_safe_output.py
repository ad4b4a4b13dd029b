"""What guidestyle prints cannot be turned against the person reading it (issue 14: findings
5 and 6): no terminal escape or bidirectional override reaches a terminal, a tampered result
cannot put markup into a report, and Markdown shows what the data says as written."""

from __future__ import annotations

import io
import json
from pathlib import Path

import markdown_it
import pytest

import guidestyle
from guidestyle._cli import main
from guidestyle._errors import printable

from .conftest import DATA, ROOT

ANSWERS = ROOT / "examples" / "answers" / "situation.yaml"
# retitles the terminal, rings it and clears the screen; then a right-to-left override
HOSTILE = "\x1b]0;HACKED\x07\x1b[2J\u202e"
SHOWN = "\\u001b]0;HACKED\\u0007\\u001b[2J\\u202e"
MARKDOWN_SHOWN = "\\\\u001b\\]0;HACKED\\\\u0007\\\\u001b\\[2J\\\\u202e"  # and Markdown-escaped
RAW = ("\x1b", "\x07", "\u202e")


def hostile_questionnaire(tmp_path: Path) -> Path:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', f"version: {json.dumps('1.0' + HOSTILE)}")
    text = text.replace("title: Minimal", f"title: {json.dumps('Minimal' + HOSTILE)}")
    text = text.replace("text: Years,", f"text: {json.dumps('Years' + HOSTILE)},")
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def raw_controls(text: str) -> list[str]:
    return [control for control in RAW if control in text]


def test_printable_escapes_controls_and_overrides_as_json_does() -> None:
    assert printable("a\x1b[31mb\tc\nd\r\u2066e\x7f\x85") == (
        "a\\u001b[31mb\tc\\u000ad\\u000d\\u2066e\\u007f\\u0085"
    )
    assert printable("line one\nline two\r\n", lines=True) == "line one\nline two\\u000d\n"
    text = json.dumps({"note": "é\u202e\x85"}, ensure_ascii=False)
    assert json.loads(printable(text)) == {"note": "é\u202e\x85"}  # still JSON, same value


def test_show_prints_the_version_title_and_options_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_questionnaire(tmp_path)
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert out.startswith(f"Minimal{SHOWN}  (minimal 1.0{SHOWN})\n")
    assert f"   1) [years] Years{SHOWN}\n" in out
    assert main(["show", str(path), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert json.loads(out)["version"] == "1.0" + HOSTILE


def test_take_asks_and_reports_with_every_text_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = hostile_questionnaire(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"1\n1\n1\nmy note{HOSTILE}\n"))
    assert main(["take", str(path), "--details"]) == 0  # the whole report shows the note
    captured = capsys.readouterr()
    assert raw_controls(captured.err) == []
    assert raw_controls(captured.out) == []
    assert f"Minimal{SHOWN}  (minimal 1.0{SHOWN})\n" in captured.err
    assert f"  1) Years{SHOWN}\n" in captured.err
    assert f"> my note{SHOWN}\n" in captured.err  # the echo of what was piped in
    assert f"Questionnaire: minimal, version 1.0{SHOWN}\n" in captured.out
    assert f"    my note{SHOWN}\n" in captured.out


def test_score_prints_the_version_escaped_in_every_report_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_questionnaire(tmp_path)
    answers = tmp_path / "answers.json"
    answers.write_text('{"horizon": "years", "pace": "learner", "end": "never"}')
    for format, shown in (("text", SHOWN), ("markdown", MARKDOWN_SHOWN), ("json", SHOWN)):
        assert main(["score", str(path), str(answers), "--format", format]) == 0
        out = capsys.readouterr().out
        assert raw_controls(out) == [], format
        assert f"1.0{shown}" in out, format


def test_error_messages_escape_what_they_quote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({f"x{HOSTILE}": 1}))
    assert main(["score", "situation", str(answers)]) == 1
    err = capsys.readouterr().err
    assert raw_controls(err) == []
    assert (
        f"{answers}:1:43: x{SHOWN}: unknown question 'x\\x1b]0;HACKED\\x07\\x1b[2J\\u202e'\n" in err
    )
    q = guidestyle.builtin("situation")
    with pytest.raises(guidestyle.AnswersError) as caught:
        guidestyle.score(q, {"who_is_guided": HOSTILE})
    assert raw_controls(str(caught.value)) == []
    assert str(caught.value).splitlines()[0] == (
        "who_is_guided: unknown option (a text of 16 characters); expected one of: "
        "one_personal, one_sessions, whole_team, small_circle"
    )


def test_a_file_name_with_escapes_is_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = str(tmp_path / f"q{HOSTILE}.yaml")
    assert main(["check", name]) == 1
    out = capsys.readouterr().out
    assert raw_controls(out) == []
    assert out.endswith(f"q{SHOWN}.yaml: invalid\n")


def test_comparison_labels_are_escaped_in_text_and_markdown() -> None:
    situation = guidestyle.builtin("situation")
    result = guidestyle.score(situation, guidestyle.load_answers(ANSWERS))
    comparison = guidestyle.compare(result, result, labels=(f"boss{HOSTILE}", "*me*"))
    text = guidestyle.render_comparison(comparison, situation, situation, "text")
    assert raw_controls(text) == []
    assert text.startswith(f"TWO VIEWS: BOSS{SHOWN.upper()} AND *ME*\n")
    markdown = guidestyle.render_comparison(comparison, situation, situation, "markdown")
    assert raw_controls(markdown) == []
    assert markdown.startswith(f"# Two views: boss{MARKDOWN_SHOWN} and \\*me\\*\n")


# A tampered result (finding 6) ------------------------------------------------------------


def tampered_result(library_version: str) -> guidestyle.Result:
    situation = guidestyle.builtin("situation")
    record = guidestyle.score(situation, guidestyle.load_answers(ANSWERS)).to_dict()
    record["library_version"] = library_version
    return guidestyle.Result.from_json(json.dumps(record))


def test_a_tampered_library_version_cannot_put_markup_or_escapes_in_a_report() -> None:
    situation = guidestyle.builtin("situation")
    result = tampered_result(f"<script>alert(1)</script>[x](https://evil.example){HOSTILE}")
    markdown = guidestyle.render(result, situation, "markdown")
    assert "<script>" not in markdown
    assert raw_controls(markdown) == []
    assert markdown.endswith(
        "Report by guidestyle \\<script\\>alert(1)\\</script\\>\\[x\\](https\\://evil.example)"
        f"{MARKDOWN_SHOWN}.\n"
    )
    text = guidestyle.render(result, situation, "text")
    assert raw_controls(text) == []
    assert text.endswith(
        f"Report by guidestyle <script>alert(1)</script>[x](https://evil.example){SHOWN}.\n"
    )
    html = guidestyle.render(result, situation, "html")
    assert "<script>alert" not in html
    assert raw_controls(html) == []


# Markdown: the data's inline syntax is shown, not followed --------------------------------


def test_markdown_escapes_links_autolinks_maths_and_emoji_in_what_the_person_wrote() -> None:
    situation = guidestyle.builtin("situation")
    note = "see https://evil.example, www.evil.example or me@evil.example; $x$ :smile: ~~no~~"
    answers = {**guidestyle.load_answers(ANSWERS), "notes": note}
    markdown = guidestyle.render(guidestyle.score(situation, answers), situation, "markdown")
    assert (
        "> see https\\://evil.example, www\\.evil.example or me\\@evil.example; \\$x\\$ "
        "\\:smile: \\~\\~no\\~\\~\n"
    ) in markdown


def test_markdown_from_data_renders_as_plain_text_in_a_commonmark_parser() -> None:
    situation = guidestyle.builtin("situation")
    note = (
        "<b>bold</b> <https://evil.example> [link](https://evil.example) ![img](x.png) "
        "*em* `code` ~~strike~~ &amp; \\ | a | b |\n# heading\n- item\n1. one"
    )
    answers = {**guidestyle.load_answers(ANSWERS), "notes": note}
    markdown = guidestyle.render(guidestyle.score(situation, answers), situation, "markdown")
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    html = parser.render(markdown)
    flat = " ".join(note.split())
    escaped = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    quote = html.split("<blockquote>\n")[-1].split("\n</blockquote>")[0]
    assert quote == f"<p>{escaped}</p>"  # no link, image, HTML, emphasis, code or heading
