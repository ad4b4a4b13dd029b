"""Reports through ``render``: what each format shows, escaping, and the template sandbox."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import guidestyle
from guidestyle import Questionnaire, Result, _jinja
from guidestyle._render import ReportError, ReportFormat, build_view, render

from .answers import SITUATION_BLEND, SITUATION_MENTOR
from .conftest import DATA, ROOT

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover=alert(1) x="'


@cache
def situation() -> Questionnaire:
    return guidestyle.load(ROOT / "questionnaires" / "situation.yaml")


def mentor_result(**changes: Any) -> Result:
    """The graduate who wants a career mentor: a clear call, with a note."""
    return guidestyle.score(situation(), {**SITUATION_MENTOR, **changes})


# What every format shows ------------------------------------------------------------------


class Tree(HTMLParser):
    """Parses HTML into nested elements, and records every element that is not closed
    where it should be."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
        | {"track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []
        self.problems: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0]
        if tag in self.VOID:
            self.problems.append(f"line {line}: </{tag}> closes a void element")
        elif not self.open or self.open[-1][0] != tag:
            top = f"<{self.open[-1][0]}> from line {self.open[-1][1]}" if self.open else "nothing"
            self.problems.append(f"line {line}: </{tag}> where {top} is open")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def finish(self) -> Tree:
        self.close()
        self.problems += [f"line {line}: <{tag}> is never closed" for tag, line in self.open]
        return self


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    return tree.finish()


def visible(report: str, format: str) -> str:
    """The report's words with whitespace evened out (and, for HTML, no markup)."""
    text = " ".join(parse(report).text) if format == "html" else report
    return " ".join(text.split())


ESSENTIALS = [
    "This situation calls for a mentor.",
    "Mentoring is a clear fit: it scores 85.72 points ahead of Coaching.",
    "96.43",
    "10.71",
    "Who will guide them?",
    "A more experienced colleague from another team or part of the organisation",
    "+7.15 points for Mentoring",
    "How far does the guide who does not lead their work stand from it?",
    "An experienced colleague from outside the person's reporting line meets them informally",
    "Make sure the mentor has no say in the person's appraisal, pay or promotion",
    "Duration and horizon",
    "Long and open-ended. The relationship can run for years",
    "She asked in particular for someone who has worked on projects abroad.",
    "situation",
    "version 2.0.0",
]


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_each_format_shows_the_recommendation_scores_reasons_and_next_steps(
    format: ReportFormat,
) -> None:
    words = visible(render(mentor_result(), situation(), format), format)
    missing = [phrase for phrase in ESSENTIALS if phrase not in words]
    assert missing == []


def test_text_draws_the_scores_as_bars() -> None:
    report = render(mentor_result(), situation())
    assert (
        "SCORES (out of 100)\n"
        "\n"
        "  Mentoring          ███████████████████░   96.43  <- recommended\n"
        "  Coaching           ██░░░░░░░░░░░░░░░░░░   10.71\n"
        "  Direct leadership  █░░░░░░░░░░░░░░░░░░░    7.14\n"
    ) in report
    assert report.startswith(
        "What kind of guidance does this situation call for?\n"
        "===================================================\n"
        "\n"
        "RECOMMENDATION\n"
    )
    assert report.endswith(
        "--\n"
        "Questionnaire: situation, version 2.0.0\n"
        "Answered: 14 of the 16 scored questions shown.\n"
        f"Report by guidestyle {guidestyle.__version__}.\n"
    )


def test_markdown_puts_the_scores_in_a_table() -> None:
    report = render(mentor_result(), situation(), "markdown")
    assert (
        "| Style | Score | |\n"
        "|:--|--:|:--|\n"
        "| **Mentoring** (recommended) | 96.43 | `███████████████████░` |\n"
        "| Coaching | 10.71 | `██░░░░░░░░░░░░░░░░░░` |\n"
        "| Direct leadership | 7.14 | `█░░░░░░░░░░░░░░░░░░░` |\n"
    ) in report
    assert report.startswith("# What kind of guidance does this situation call for?\n\n")


def test_json_is_the_result_itself() -> None:
    result = mentor_result()
    report = render(result, situation(), "json")
    assert report == result.to_json(indent=2)
    assert Result.from_json(report) == result


# HTML --------------------------------------------------------------------------------------


def test_html_is_well_formed_and_self_contained() -> None:
    html = render(mentor_result(), situation(), "html")
    tree = parse(html)
    assert tree.problems == []
    assert html.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">\n')
    tags = [tag for tag, _ in tree.elements]
    assert tags.count("html") == tags.count("head") == tags.count("body") == 1
    assert {"script", "link", "img", "iframe", "object"}.isdisjoint(tags)
    assert not any("src" in attrs or "href" in attrs for _, attrs in tree.elements)
    assert "url(" not in html
    assert "@import" not in html
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in (
        tree.elements
    )
    ids = [attrs["id"] for _, attrs in tree.elements if "id" in attrs]
    assert len(ids) == len(set(ids))


def test_html_charts_are_svg_images_with_text_alternatives_and_tables() -> None:
    html = render(mentor_result(), situation(), "html")
    tree = parse(html)
    charts = [attrs for tag, attrs in tree.elements if tag == "svg" and attrs.get("role") == "img"]
    assert len(charts) == 2
    ids = {attrs["id"] for _, attrs in tree.elements if "id" in attrs}
    for chart in charts:
        labels = str(chart["aria-labelledby"]).split()
        assert labels
        assert set(labels) <= ids
    assert (
        '<desc id="scores-chart-desc">Mentoring: 96.43; Coaching: 10.71; Direct leadership: 7.14.'
        "</desc>" in html
    )
    assert '<title id="profile-chart-title">Bar chart of each style\'s share' in html
    assert [tag for tag, _ in tree.elements].count("table") == 2
    assert '<td class="num">96.43</td>' in html


def test_the_html_checker_fails_on_broken_markup() -> None:
    assert parse("<div><p>one</div>").problems == [
        "line 1: </div> where <p> from line 1 is open",
        "line 1: <div> is never closed",
        "line 1: <p> is never closed",
    ]
    assert parse("<ul><li>one\n<li>two</ul>").problems == [
        "line 2: </ul> where <li> from line 2 is open",
        "line 1: <ul> is never closed",
        "line 1: <li> is never closed",
        "line 2: <li> is never closed",
    ]
    assert parse("<p>ok<br></br></p>").problems == ["line 1: </br> closes a void element"]


@pytest.mark.parametrize(
    ("note", "escaped"),
    [
        (SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (ATTRIBUTE, "&#34; onmouseover=alert(1) x=&#34;"),
    ],
)
def test_html_escapes_what_the_person_wrote(note: str, escaped: str) -> None:
    html = render(mentor_result(notes=note), situation(), "html")
    assert note not in html
    assert escaped in html
    tree = parse(html)
    assert tree.problems == []
    assert "script" not in [tag for tag, _ in tree.elements]
    assert not any("onmouseover" in attrs for _, attrs in tree.elements)
    assert note in tree.text


def test_html_escapes_the_questionnaires_texts() -> None:
    text = (ROOT / "questionnaires" / "situation.yaml").read_text(encoding="utf-8")
    title = "  en: What kind of guidance does this situation call for?\n"
    assert title in text
    questionnaire = guidestyle.loads(text.replace(title, '  en: "<b>x</b> & co"\n'))
    result = guidestyle.score(questionnaire, SITUATION_MENTOR)
    html = render(result, questionnaire, "html")
    assert "<b>x</b>" not in html
    assert (
        "<title>This situation calls for a mentor. | &lt;b&gt;x&lt;/b&gt; &amp; co</title>" in html
    )
    assert '<p class="eyebrow">&lt;b&gt;x&lt;/b&gt; &amp; co</p>' in html
    assert parse(html).problems == []


def test_markdown_escapes_what_the_person_wrote() -> None:
    note = f"{SCRIPT}\n# [click](javascript:alert(1)) *now*"
    report = render(mentor_result(notes=note), situation(), "markdown")
    assert SCRIPT not in report
    assert (
        "> \\<script\\>alert(1)\\</script\\> \\# \\[click\\](javascript\\:alert(1)) \\*now\\*\n"
    ) in report


def test_text_shows_control_characters_in_what_the_person_wrote_as_escapes() -> None:
    note = "red\x1b[31m alert\x07 and \u202eevil\r\nnext line\rover"
    report = render(mentor_result(notes=note), situation())
    for control in ("\x1b", "\x07", "\u202e", "\r"):
        assert control not in report
    assert "    red\\u001b[31m alert\\u0007 and \\u202eevil\n    next line\\u000dover\n" in report


# What the view holds --------------------------------------------------------------------------


def test_the_view_is_plain_json_data() -> None:
    view = build_view(mentor_result(), situation())
    assert json.loads(json.dumps(view)) == view
    assert view["recommendation"] == {
        "style": "mentoring",
        "label": "Mentoring",
        "index": 0,
        "strength": "clear",
        "strength_label": "Clear fit",
        "phrase": "a clear call for Mentoring",
        "summary": "Mentoring is a clear fit: it scores 85.72 points ahead of Coaching.",
        "title": "This situation calls for a mentor.",
        "headline": "This situation calls for a mentor.",
        "runner_up": {"style": "coaching", "label": "Coaching", "index": 1},
        "blend": [],
        "margin": "85.72",
    }
    assert view["scores"][0] == {
        "style": "mentoring",
        "label": "Mentoring",
        "index": 0,
        "score": "96.43",
        "value": 96.43,
        "recommended": True,
    }
    assert view["notes"] == [
        {
            "question": "notes",
            "text": "Is there anything else about the situation that the recommendation "
            "should take into account?",
            "note": "She asked in particular for someone who has worked on projects abroad.",
        }
    ]


def test_a_blend_shows_both_styles_in_practice() -> None:
    result = guidestyle.score(situation(), SITUATION_BLEND)
    view = build_view(result, situation())
    assert view["recommendation"]["phrase"] == "a blend of Coaching and Direct leadership"
    assert view["recommendation"]["title"] == "A blend of Coaching and Direct leadership"
    assert view["recommendation"]["summary"] == (
        "The answers point to a blend of Coaching and Direct leadership: the two score the "
        "same, so a mix of both is likely to work best."
    )
    assert [p["style"] for p in view["practice"]] == ["coaching", "leadership"]
    words = visible(render(result, situation(), "html"), "html")
    assert "What Coaching looks like in practice" in words
    assert "What Direct leadership looks like in practice" in words


def minimal_variant(extra_questions: str = "", **replacements: str) -> Questionnaire:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: note\n", extra_questions + "  - id: note\n")
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return guidestyle.loads(text)


def test_a_balanced_call_without_result_texts_says_so() -> None:
    questionnaire = minimal_variant(
        **{
            "  coaching: {headline: Coaching, looks_like: A short programme., first_steps: "
            "[Agree a goal.]}\n": ""
        }
    )
    answers = {"horizon": "years", "pace": "plan", "end": "done"}
    result = guidestyle.score(questionnaire, answers)
    view = build_view(result, questionnaire)
    assert view["recommendation"]["strength"] == "balanced"
    assert view["recommendation"]["title"] == "Balanced between Mentoring, Coaching and Leadership"
    assert [(p["style"], p["available"]) for p in view["practice"]] == [
        ("mentoring", True),
        ("coaching", False),
        ("leadership", True),
    ]
    report = render(result, questionnaire)
    assert (
        "  This questionnaire does not describe what Coaching looks like in practice,\n"
        "  or suggest first steps for it.\n"
    ) in report


CHOICES = """\
  - id: rate
    kind: likert
    text: I like plans.
    distinction: duration
    scale: agree
    style: coaching
  - id: pick
    kind: forced_choice
    text: Which is most like you?
    distinction: duration
    statements:
      - {id: stories, text: I share stories, style: mentoring}
      - {id: questions, text: I ask questions, style: coaching}
      - {id: direction, text: I give direction, style: leadership}
  - id: topics
    kind: multiple_choice
    text: Which topics?
    distinction: duration
    options:
      - {id: career, text: Career paths, weights: {mentoring: 5}}
      - {id: network, text: Finding a network, weights: {mentoring: 5}}
      - {id: targets, text: Targets, weights: {coaching: 5}}
"""


def test_drivers_quote_the_answers_in_the_questionnaires_words() -> None:
    questionnaire = minimal_variant(CHOICES)
    answers = {
        "horizon": "years",
        "pace": "plan",
        "end": "done",
        "rate": 2,
        "pick": "stories",
        "topics": ["career", "network"],
    }
    view = build_view(guidestyle.score(questionnaire, answers), questionnaire)
    assert [(d["question"], d["answers"]) for d in view["drivers"]] == [
        ("topics", ["Career paths", "Finding a network"]),
        ("horizon", ["Years"]),
        ("pick", ["I share stories"]),
    ]
    answers = {**answers, "rate": 3, "pick": "questions", "topics": ["targets"]}
    view = build_view(guidestyle.score(questionnaire, answers), questionnaire)
    assert ("rate", ["Agree"]) in [(d["question"], d["answers"]) for d in view["drivers"]]


def test_a_result_without_explanation_still_renders() -> None:
    result = guidestyle.score(situation(), SITUATION_MENTOR, explain=False)
    report = render(result, situation())
    assert "deciding answers are not known" in " ".join(report.split())
    assert "WHERE THE ANSWERS STAND" not in report
    assert parse(render(result, situation(), "html")).problems == []


def test_texts_come_in_the_language_asked_for() -> None:
    questionnaire = minimal_variant(
        **{
            "title: Minimal\n": "title: {en: Minimal, de: Minimal auf Deutsch}\nlanguages: [en, de]\n"
        }
    )
    result = guidestyle.score(
        questionnaire, {"horizon": "years", "pace": "learner", "end": "never"}
    )
    assert render(result, questionnaire).startswith("Minimal\n=======\n")
    assert render(result, questionnaire, language="de").startswith(
        "Minimal auf Deutsch\n===================\n"
    )
    german = render(result, questionnaire, language="de")
    assert german.count("guidestyle has no translation into German") == 1
    french = render(result, questionnaire, language="fr")  # no French texts: English, said once
    assert french.startswith(
        "Minimal\n=======\n\nCe questionnaire n'est pas rédigé en français\u00a0: ses textes "
        "sont en anglais.\n\nRECOMMANDATION\n"
    )
    assert french.count("pas rédigé en français") == 1
    with pytest.raises(ReportError) as info:
        render(result, questionnaire, language="French")
    assert str(info.value) == "language 'French' is not a language code (such as 'fr' or 'pt-BR')"


# Refusals --------------------------------------------------------------------------------------


def test_a_result_from_a_changed_questionnaire_is_refused() -> None:
    text = (ROOT / "questionnaires" / "situation.yaml").read_text(encoding="utf-8")
    changed = guidestyle.loads(text.replace("en: Mentoring\n", "en: Mentorship\n", 1))
    with pytest.raises(ReportError) as info:
        render(mentor_result(), changed)
    assert str(info.value) == (
        "the result was scored against questionnaire situation version 2.0.0 "
        "with a different content digest"
    )


def test_a_result_from_another_questionnaire_is_refused() -> None:
    learner = guidestyle.load(ROOT / "questionnaires" / "learner.yaml")
    with pytest.raises(ReportError) as info:
        render(mentor_result(), learner, "json")
    assert str(info.value) == (
        f"the result was scored against questionnaire situation version 2.0.0, "
        f"not learner version {learner.version}"
    )


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ReportError) as info:
        render(mentor_result(), situation(), "pdf")  # type: ignore[arg-type]
    assert str(info.value) == (
        "unknown report format 'pdf'; choose one of: text, markdown, html, json"
    )


def test_rendering_stops_at_the_length_cap() -> None:
    with pytest.raises(ReportError) as info:
        render(mentor_result(), situation(), "html", max_chars=1000)
    assert str(info.value) == (
        "report.html.j2: the report is longer than 1,000 characters; rendering stopped"
    )


def test_report_error_is_a_guidestyle_error_with_its_place() -> None:
    error = ReportError("'x' is undefined", template="report.txt", line=3)
    assert isinstance(error, guidestyle.GuidestyleError)
    assert (error.template, error.line, error.reason) == ("report.txt", 3, "'x' is undefined")
    assert str(error) == "report.txt:3: 'x' is undefined"


# Your own templates, in the sandbox -----------------------------------------------------------


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (tmp_path / "outside.txt").write_text("a secret\n", encoding="utf-8")
    return folder


def render_own(folder: Path, source: str, files: Mapping[str, str] | None = None) -> str:
    (folder / "report.txt").write_text(source, encoding="utf-8")
    for file, text in (files or {}).items():
        (folder / file).write_text(text, encoding="utf-8")
    return render(mentor_result(), situation(), template_dir=folder)


def test_own_templates_get_the_same_view(templates: Path) -> None:
    source = (
        "{{ recommendation.label }} ({{ recommendation.strength }}): "
        "{% for s in scores %}{{ s.label }} {{ s.score }} {{ s.value|bar(10) }}; {% endfor %}\n"
        "{% include 'partial.txt' %}"
    )
    partial = "{{ questionnaire.id }} {{ questionnaire.version }}\n"
    assert render_own(templates, source, {"partial.txt": partial}) == (
        "Mentoring (clear): Mentoring 96.43 ██████████; Coaching 10.71 █░░░░░░░░░; "
        "Direct leadership 7.14 █░░░░░░░░░; \n"
        "situation 2.0.0\n"
    )


def test_own_html_templates_are_autoescaped(templates: Path) -> None:
    (templates / "report.html").write_text("<p>{{ notes[0].note }}</p>\n", encoding="utf-8")
    html = render(mentor_result(notes=SCRIPT), situation(), "html", template_dir=templates)
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


SANDBOX_REFUSALS = [
    (
        "{{ ''.__class__ }}",
        "report.txt:1: access to attribute '__class__' of 'str' object is unsafe",
    ),
    (
        "{{ 'a'|attr('__class__') }}",
        "report.txt:1: access to attribute '__class__' of 'str' object is unsafe",
    ),
    (
        "{{ recommendation.label.format.__globals__ }}",
        "report.txt:1: access to attribute '__globals__' of 'function' object is unsafe",
    ),
    (
        "ok\n{% include '../outside.txt' %}",
        "report.txt:2: template '../outside.txt' not found "
        "(a template can include only files inside its folder)",
    ),
    (
        "{{ 'x' * 10**10 }}",
        "report.txt:1: '*' would make a text of 10,000,000,000 characters (the limit is 1,000,000)",
    ),
    (
        "{{ [0] * 10**9 }}",
        "report.txt:1: '*' would make a list of 1,000,000,000 items (the limit is 1,000,000)",
    ),
    # Jinja's ** groups to the left: this is (10 ** 10) ** 10, a number of 101 digits
    ("{{ 10 ** 10 ** 10 }}", "report.txt:1: '**' would make a number with more than 100 digits"),
    ("{{ 10 ** (10 ** 10) }}", "report.txt:1: '**' would make a number with more than 100 digits"),
    (
        "{% set ns = namespace(n=7) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
        "{% endfor %}",
        "report.txt:1: '*' would make a number with more than 100 digits",
    ),
    (
        "{% set ns = namespace(s='x' * 1000) %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "report.txt:1: '~' would make a text of 1,024,000 characters (the limit is 1,000,000)",
    ),
    (
        "{% set ns = namespace(s=[0] * 1000) %}{% for i in range(40) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "report.txt:1: '+' would make a list of 1,024,000 items (the limit is 1,000,000)",
    ),
    (
        "{% for i in range(10**9) %}x{% endfor %}",
        "report.txt:1: range() would make 1,000,000,000 numbers (the limit is 100,000)",
    ),
    (
        "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
        "report.txt: the report is longer than 5,000,000 characters; rendering stopped",
    ),
    # the production step budget; every other kind of step is tested against a small one below
    (
        "{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "report.txt:2: loops and calls ran more than 1,000,000 steps in all",
    ),
    (
        "{% set l = [] %}{{ l.append(1) }}",
        "report.txt:1: access to attribute 'append' of 'list' object is unsafe",
    ),
    ("{{ lipsum(10) }}", "report.txt:1: 'lipsum' is undefined"),
    ("{{ [1]|pprint }}", "report.txt:1: No filter named 'pprint'"),
    *(
        (
            f"{{{{ 'x'.encode().{call}|length }}}}",
            f"report.txt:1: access to attribute '{call.partition('(')[0]}' of 'bytes' object "
            "is unsafe",
        )
        for call in (
            "ljust(1000000000)",
            "center(1000000000)",
            "rjust(1000000000)",
            "zfill(1000000000)",
            "replace('x'.encode(), ('y' * 1000000).encode())",
            "expandtabs(1000000000)",
            "join(['x'.encode()] * 1000)",
        )
    ),
    (
        "{{ (1).to_bytes(1000000000, 'big')|length }}",
        "report.txt:1: access to attribute 'to_bytes' of 'int' object is unsafe",
    ),
    ("one\ntwo {{ result }}", "report.txt:2: 'result' is undefined"),
    ("{{ recommendation.nothing }}", "report.txt:1: 'dict object' has no attribute 'nothing'"),
    ("one\n{% for x in %}", "report.txt:2: Expected an expression, got 'end of statement block'"),
    ("{% if %}", "report.txt:1: Expected an expression, got 'end of statement block'"),
    ("{{ 1 / 0 }}", "report.txt:1: division by zero"),
    (
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "report.txt:1: maximum recursion depth exceeded",
    ),
]


# Each value a template builds is measured, and what can build far more than it is given is
# measured before it runs: refused at once, never after building a gigabyte.
SIZE_REFUSALS = [
    # values that share their parts: tiny in memory, enormous once shown
    (
        "{% set a = 'x' %}" + "{% set a = [a, a] %}" * 40 + "{{ a }}",
        "report.txt:1: a list would show as 7,340,026 characters (the limit is 5,000,000)",
    ),
    (
        "{% set a = 'x' %}" + "{% set a = {'l': a, 'r': a} %}" * 40,
        "report.txt:1: a mapping would show as 6,815,732 characters (the limit is 5,000,000)",
    ),
    (
        "{% set a = 'x' %}" + "{% set a = dict(l=a, r=a) %}" * 40,
        "report.txt:1: a call would make a mapping that shows as 6,815,732 characters "
        "(the limit is 5,000,000)",
    ),
    (
        "{% set a = ['x' * 1000] %}{{ [a] * 10000 }}",
        "report.txt:1: '*' would make a list that shows as 10,080,000 characters "
        "(the limit is 5,000,000)",
    ),
    # formatting
    (
        "{% set x = 'x' %}" + "{% set x = '%s%s' % (x, x) %}" * 25,
        "report.txt:1: '%' would make a text of 1,048,580 characters (the limit is 1,000,000)",
    ),
    (
        "{% set x = 'x' %}" + "{% set x = '{}{}'.format(x, x) %}" * 25,
        "report.txt:1: format() would make a text of 1,048,580 characters (the limit is 1,000,000)",
    ),
    (
        "{{ '{:>1000000000}'.format('x') }}",
        "report.txt:1: format() would make a text of 1,000,000,015 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ '%*d'|format(10**9, 1) }}",
        "report.txt:1: the format filter would make a text of 1,000,000,015 characters "
        "(the limit is 1,000,000)",
    ),
    # filters and methods that take a width or a separator
    (
        "{{ range(1000)|join('x' * 1000000) }}",
        "report.txt:1: the join filter would make a text of 999,004,708 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ 'x'|center(10**9) }}",
        "report.txt:1: the center filter would make a text of 1,000,000,000 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ 'x'|indent(10**9) }}",
        "report.txt:1: the indent filter would make a text of 1,000,000,001 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ ('x' * 1000)|replace('x', 'y' * 10000) }}",
        "report.txt:1: the replace filter would make a text of 10,000,000 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ ('x' * 100000)|wordwrap(1, wrapstring='y' * 100) }}",
        "report.txt:1: the wordwrap filter would make a text of 10,100,100 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ [1]|batch(10**9, 'x')|list }}",
        "report.txt:1: the batch filter would make a list that shows as 5,000,000,012 "
        "characters (the limit is 5,000,000)",
    ),
    (
        "{{ [1]|slice(10**8)|list }}",
        "report.txt:1: the slice filter would make a list that shows as 900,000,012 "
        "characters (the limit is 5,000,000)",
    ),
    (
        "{{ 'x'.center(10**9) }}",
        "report.txt:1: center() would make a text of 1,000,000,000 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ ('\t' * 1000).expandtabs(10**6) }}",
        "report.txt:1: expandtabs() would make a text of 1,000,001,000 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ ('x' * 100000).translate({120: 'y' * 100}) }}",
        "report.txt:1: translate() would make a text of 10,000,000 characters "
        "(the limit is 1,000,000)",
    ),
    # JSON with an indent: each line indented by its depth, measured before it is written
    (
        "{{ [1]|tojson(indent=1000000000) }}",
        "report.txt:1: the tojson filter would make a text of 1,000,000,038 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ [1, 2, 3]|tojson(indent=200000000) }}",
        "report.txt:1: the tojson filter would make a text of 600,000,088 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ [[[1]]]|tojson(indent='x' * 200000) }}",
        "report.txt:1: the tojson filter would make a text of 1,800,090 characters "
        "(the limit is 1,000,000)",
    ),
    (  # a list that holds one part 2**14 times over, its layout measured once per part
        "{% set ns = namespace(a=1) %}{% for i in range(14) %}{% set ns.a = [ns.a, ns.a] %}"
        "{% endfor %}{{ ns.a|tojson(indent=4) }}",
        "report.txt:1: the tojson filter would make a text of 3,325,929 characters "
        "(the limit is 1,000,000)",
    ),
    (
        "{{ ('https://www.example.com ' * 10000)|urlize(target='y' * 10000) }}",
        "report.txt:1: the urlize filter would make a text of 501,170,064 characters "
        "(the limit is 1,000,000)",
    ),
    # bytes have no methods in a template, and their '%' is measured as a text's
    (
        "{{ (('%*s'.encode()) % (200000000, 'x'.encode()))|length }}",
        "report.txt:1: '%' would make a text of 200,000,014 characters (the limit is 1,000,000)",
    ),
    (
        "{{ ('x' * 600000).encode() ~ ('x' * 600000).encode() }}",
        "report.txt:1: '~' would make a text of 1,200,000 characters (the limit is 1,000,000)",
    ),
    # a number built by any call is held to the digits '*' and '**' are
    (
        "{{ (0).from_bytes(('x' * 300000).encode(), 'big') }}",
        "report.txt:1: a call would make a number with more than 100 digits",
    ),
    (
        "{{ ('9' * 101)|int }}",
        "report.txt:1: the int filter would make a number with more than 100 digits",
    ),
    (
        "{{ 'a' ~ ('x' * 600000) ~ ('x' * 600000) }}",
        "report.txt:1: '~' would make a text of 1,200,001 characters (the limit is 1,000,000)",
    ),
    # what macros and blocks write, and what is built over many steps, in all
    (
        "{% macro m(x) %}{% for i in range(100000) %}{{ x }}{% endfor %}{% endmacro %}"
        "{% set y = m('x' * 1000) %}",
        "report.txt:1: the template built more than 10,000,000 characters in all "
        "(values, macros and blocks)",
    ),
    (
        "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = ns.l + [i] %}"
        "{% endfor %}",
        "report.txt:1: the template built more than 10,000,000 characters in all "
        "(values, macros and blocks)",
    ),
]


@pytest.mark.parametrize(("source", "message"), SIZE_REFUSALS)
def test_the_sandbox_measures_what_a_template_builds(
    templates: Path, source: str, message: str
) -> None:
    with pytest.raises(ReportError) as info:
        render_own(templates, source)
    assert str(info.value) == message


def test_values_within_the_limits_render_as_before(templates: Path) -> None:
    source = (
        "{{ [1, 2] }} {{ (1, 2) }} {{ {'a': 1} }} {{ [1, 2]|sum }} {{ [[1], [2]]|sum(start=[]) }} "
        "{{ 'a-b'|replace('-', '+') }} {{ range(3)|join(',') }} {{ '%s=%d'|format('n', 2) }} "
        "{{ '{}!'.format('hi') }} {{ 'x'|center(5) }}|{% set ns = namespace() %}"
        "{% set ns.me = ns %}{{ [ns, ns]|length }} {{ {'a': [1, {'b': 2}]}|tojson(indent=1) }} "
        "{{ 'see https://a.example/?q=1&r=2'|urlize }} {{ 'x'.encode()|length }} "
        "{{ '%s'.encode() % 'y'.encode() }} {{ (10 ** 99)|string|length }}"
    )
    assert render_own(templates, source) == (
        "[1, 2] (1, 2) {'a': 1} 3 [1, 2] a+b 0,1,2 n=2 hi!   x  |2 "
        '{\n "a": [\n  1,\n  {\n   "b": 2\n  }\n ]\n} '
        'see <a href="https://a.example/?q=1&amp;r=2" rel="noopener">'
        "https://a.example/?q=1&amp;r=2</a> 1 b'y' 100"
    )


def test_a_template_file_past_the_size_limit_is_not_read(templates: Path) -> None:
    with (templates / "report.txt").open("wb") as file:
        file.truncate(300_000_000)  # sparse: nothing is written
    with pytest.raises(ReportError) as info:
        render(mentor_result(), situation(), template_dir=templates)
    assert str(info.value) == (
        "report.txt: the template file has 300,000,000 bytes (the limit is 1,000,000)"
    )


def test_a_template_that_is_not_a_regular_file_is_not_opened(templates: Path) -> None:
    os.mkfifo(templates / "report.txt")  # opening it for reading would wait for a writer
    with pytest.raises(ReportError) as info:
        render(mentor_result(), situation(), template_dir=templates)
    assert str(info.value) == "report.txt: the template is not a regular file"


@pytest.mark.parametrize(("source", "message"), SANDBOX_REFUSALS)
def test_the_sandbox_refuses_quickly_with_a_clear_message(
    templates: Path, source: str, message: str
) -> None:
    with pytest.raises(ReportError) as info:
        render_own(templates, source)
    assert str(info.value) == message


SMALL_STEP_BUDGET = 1_000

STEP_BUDGET_REFUSALS = [
    (
        "{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "report.txt:2: loops and calls ran more than 1,000 steps in all",
    ),
    (
        "{% set r = range(100000)|list %}{% for i in r %}{% for j in r %}x{% endfor %}{% endfor %}",
        "report.txt:1: loops and calls ran more than 1,000 steps in all",
    ),
    (
        "{% for x in range(100000) recursive %}{% if loop.depth < 3 %}{{ loop(range(100000)) }}"
        "{% endif %}{% endfor %}",
        "report.txt:1: loops and calls ran more than 1,000 steps in all",
    ),
    (
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
        "report.txt:1: loops and calls ran more than 1,000 steps in all",
    ),
]


@pytest.fixture
def small_step_budget(monkeypatch: pytest.MonkeyPatch) -> int:
    """The sandbox's step budget lowered for one test, so that running it out is quick."""
    monkeypatch.setattr(_jinja, "MAX_LOOP_STEPS", SMALL_STEP_BUDGET)
    return SMALL_STEP_BUDGET


@pytest.mark.parametrize(("source", "message"), STEP_BUDGET_REFUSALS)
@pytest.mark.usefixtures("small_step_budget")
def test_loops_recursive_loops_and_macros_all_draw_on_one_step_budget(
    templates: Path, source: str, message: str
) -> None:
    with pytest.raises(ReportError) as info:
        render_own(templates, source)
    assert str(info.value) == message


def test_a_template_may_use_its_whole_step_budget_but_no_more(
    templates: Path, small_step_budget: int
) -> None:
    # a loop over range(N) takes N + 2 steps: one to call range(), one to start the loop
    loop = "{% for i in range(N) %}.{% endfor %}"
    whole = render_own(templates, loop.replace("N", str(small_step_budget - 2)))
    assert whole == "." * (small_step_budget - 2)
    with pytest.raises(ReportError) as info:
        render_own(templates, loop.replace("N", str(small_step_budget - 1)))
    assert str(info.value) == "report.txt:1: loops and calls ran more than 1,000 steps in all"
    # a macro call before that loop leaves it one step too few
    both = "{% macro m() %}{% endmacro %}{{ m() }}\n" + loop.replace(
        "N", str(small_step_budget - 2)
    )
    with pytest.raises(ReportError) as info:
        render_own(templates, both)
    assert str(info.value) == "report.txt:2: loops and calls ran more than 1,000 steps in all"


def test_an_error_in_an_included_template_names_that_template(templates: Path) -> None:
    with pytest.raises(ReportError) as info:
        render_own(templates, "{% include 'part.txt' %}", {"part.txt": "a\nb\n{{ nope }}\n"})
    assert str(info.value) == "part.txt:3: 'nope' is undefined"


def test_a_link_out_of_the_template_folder_is_refused(templates: Path) -> None:
    (templates / "link.txt").symlink_to(templates.parent / "outside.txt")
    with pytest.raises(ReportError) as info:
        render_own(templates, "{% include 'link.txt' %}")
    assert str(info.value) == "report.txt:1: template 'link.txt' not found"


def test_a_missing_template_is_refused(templates: Path) -> None:
    with pytest.raises(ReportError) as info:
        render(mentor_result(), situation(), "markdown", template_dir=templates)
    assert str(info.value) == "template 'report.md' not found"


def test_a_missing_template_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    with pytest.raises(ReportError) as info:
        render(mentor_result(), situation(), template_dir=folder)
    assert str(info.value) == f"template folder '{folder}' does not exist"
