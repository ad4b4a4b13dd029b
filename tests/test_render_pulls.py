"""A blend or a leaning says which answers pulled toward each of the two styles, in the
questionnaire's words (never its ids), in every report format but JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import guidestyle
from guidestyle import Questionnaire, Result
from guidestyle._render import ReportFormat

from .answers import SITUATION_BLEND, SITUATION_LEANING, SITUATION_MENTOR
from .test_render import parse, visible

SITUATION = guidestyle.builtin("situation")


def situation_result(answers: dict[str, Any], *, explain: bool = True) -> Result:
    return guidestyle.score(SITUATION, answers, explain=explain)


def section(report: str, start: str, end: str) -> str:
    return report[report.index(start) : report.index(end)]


def test_a_leaning_lists_the_answers_that_pulled_toward_each_style_in_text() -> None:
    report = guidestyle.render(situation_result(SITUATION_LEANING), SITUATION)
    assert section(report, "WHY\n", "WHAT COACHING LOOKS LIKE") == (
        "WHY\n"
        "\n"
        "  Coaching leads, but Direct leadership fits these answers too. The answers\n"
        "  that pulled toward each:\n"
        "\n"
        "  Toward Coaching:\n"
        "  1. Who is to be guided, and in what setting?\n"
        "     You answered: One person, in individual sessions built around that\n"
        "     person's own goals\n"
        "     +6.25 points for Coaching over Direct leadership (One-to-one or a group)\n"
        "  2. How much experience of this kind of work do they already have?\n"
        "     You answered: Plenty; they have done this kind of work before and have\n"
        "     their own experience to examine\n"
        "     +6.25 points for Coaching over Direct leadership (Whose experience drives\n"
        "     it)\n"
        "  3. Will a second person also guide them? If so, who?\n"
        "     You answered: A trained coach, from inside or outside the organisation,\n"
        "     engaged for this purpose\n"
        "     +6.25 points for Coaching over Direct leadership (Relation to the line)\n"
        "  4. How far does the guide who does not lead their work stand from it?\n"
        "     You answered: Apart by agreement; involved only in the sessions,\n"
        "     reporting progress against agreed goals\n"
        "     +6.25 points for Coaching over Direct leadership (Relation to the line)\n"
        "  5. How is the guide chosen?\n"
        "     You answered: HR or a programme assigns someone qualified for the purpose\n"
        "     +6.25 points for Coaching over Direct leadership (Who chooses whom)\n"
        "\n"
        "  Toward Direct leadership:\n"
        "  1. How much method and record-keeping will there be?\n"
        "     You answered: The team's usual standards and performance process, nothing\n"
        "     extra\n"
        "     +6.25 points for Direct leadership over Coaching (Formality and\n"
        "     structure)\n"
        "  2. Who will guide them?\n"
        "     You answered: Their line manager, the person they report to\n"
        "     +6.25 points for Direct leadership over Coaching (Relation to the line)\n"
        "  3. What part will the one who leads their work play in guiding them?\n"
        "     You answered: Set direction and standards, and assess how they perform\n"
        "     +6.25 points for Direct leadership over Coaching (Relation to the line)\n"
        "\n"
    )


def test_answers_that_hold_both_sides_pull_neither_way() -> None:
    result = situation_result(SITUATION_LEANING)
    both = [
        question
        for question, shares in result.contributions.items()
        if shares["coaching"] == shares["leadership"]
    ]
    assert both == [
        "time_frame",
        "main_need",
        "topics",
        "meeting_rhythm",
        "when_stuck",
        "initiative",
        "success",
        "credibility",
    ]
    words = visible(guidestyle.render(result, SITUATION, "markdown"), "markdown")
    for question in both:
        assert str(SITUATION.question(question).text) not in words


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_a_blend_names_both_sides_and_no_ids(format: ReportFormat) -> None:
    report = guidestyle.render(situation_result(SITUATION_BLEND), SITUATION, format)
    words = visible(report, format)
    assert (
        "Coaching and Direct leadership both fit these answers. The answers that pulled "
        "toward each:" in words
    )
    assert "Toward Coaching" in words
    assert "Toward Direct leadership" in words
    assert "How is the guide chosen?" in words
    assert "There is nothing to choose; it is whoever leads their work" in words
    assert "+6.25 points for Direct leadership over Coaching" in words
    if format == "text":
        why = section(words, "WHY", "WHAT COACHING LOOKS LIKE")
    else:
        why = section(words, "Why this recommendation", "What Coaching looks like")
    for answer_id in ("no_choice", "matching", "line_manager", "trained_coach", "leader_part"):
        assert answer_id not in why


def test_the_html_lists_each_side_under_its_own_heading() -> None:
    html = guidestyle.render(situation_result(SITUATION_BLEND), SITUATION, "html")
    assert parse(html).problems == []
    why = section(html, '<h2 id="why-heading">', '<section aria-labelledby="practice-heading-1">')
    assert why.count('<ol class="drivers">') == 2
    assert "<h3>Toward Coaching</h3>" in why
    assert "<h3>Toward Direct leadership</h3>" in why
    assert why.count('<p class="question">') == 8
    assert (
        '<p class="gain">+6.25 points for Direct leadership over Coaching &middot; '
        "Who chooses whom</p>" in why
    )


def test_the_summary_gives_the_top_two_of_each_side_on_one_screen() -> None:
    summary = guidestyle.render(situation_result(SITUATION_BLEND), SITUATION, details=False)
    assert (
        "Pulling toward Coaching, above all:\n"
        "  1. Who is to be guided, and in what setting? (One person, in individual\n"
        "     sessions built around that person's own goals)\n"
        "  2. How much experience of this kind of work do they already have? (Plenty;\n"
        "     they have done this kind of work before and have their own experience to\n"
        "     examine)\n"
        "Pulling toward Direct leadership, above all:\n"
        "  1. How much method and record-keeping will there be? (The team's usual\n"
        "     standards and performance process, nothing extra)\n"
        "  2. Who will guide them? (Their line manager, the person they report to)\n"
    ) in summary
    assert "Why Coaching over" not in summary
    assert len(summary.splitlines()) <= 30


def test_a_clear_call_keeps_its_reasons_and_lists_no_pulls() -> None:
    result = situation_result(SITUATION_MENTOR)
    formats: tuple[ReportFormat, ...] = ("text", "markdown", "html")
    for format in formats:
        words = visible(guidestyle.render(result, SITUATION, format), format)
        assert "pulled toward" not in words
        assert "Toward Coaching" not in words
    assert "did most to favour Mentoring over Coaching" in guidestyle.render(result, SITUATION)
    assert "Why Mentoring over Coaching, above all:" in guidestyle.render(
        result, SITUATION, details=False
    )


def test_without_an_explanation_nothing_is_said_to_pull() -> None:
    result = situation_result(SITUATION_BLEND, explain=False)
    report = guidestyle.render(result, SITUATION)
    assert "pulled toward" not in report
    assert "deciding answers are not known" in " ".join(report.split())


def test_json_is_still_the_result_itself() -> None:
    result = situation_result(SITUATION_LEANING)
    assert guidestyle.render(result, SITUATION, "json") == result.to_json(indent=2)


def choices(count: int, text: str = "Question {n}?") -> Questionnaire:
    """``count`` questions, each with an option for mentoring, one for coaching and one that
    gives both a point."""
    questions = "".join(
        f"  - id: q{n}\n"
        "    kind: single_choice\n"
        f"    text: {text.format(n=n)}\n"
        "    distinction: duration\n"
        "    options:\n"
        "      - {id: m, text: Mentor answer, weights: {mentoring: 2}}\n"
        "      - {id: c, text: Coach answer, weights: {coaching: 2}}\n"
        "      - {id: mc, text: Both answer, weights: {mentoring: 1, coaching: 1}}\n"
        "      - {id: lead, text: Lead answer, weights: {leadership: 2}}\n"
        for n in range(1, count + 1)
    )
    return guidestyle.loads(
        "format: 1\nid: pulls\nversion: '1'\ntitle: Pulls\ndescription: d\naudience: a\n"
        "styles:\n"
        "  mentoring: {label: Mentoring, description: m}\n"
        "  coaching: {label: Coaching, description: c}\n"
        "  leadership: {label: Leadership, description: l}\n"
        "distinctions:\n"
        "  duration:\n"
        "    label: Duration\n"
        "    positions: {mentoring: Open, coaching: Fixed, leadership: Mission}\n"
        "questions:\n" + questions
    )


def test_past_five_answers_a_side_the_rest_are_counted() -> None:
    questionnaire = choices(13)
    answers = {f"q{n}": "m" if n <= 7 else "c" for n in range(1, 14)}
    result = guidestyle.score(questionnaire, answers)
    assert (result.recommendation.strength, result.margin) == ("leaning", Decimal("7.70"))
    report = guidestyle.render(result, questionnaire)
    assert report.count("You answered: Mentor answer") == 5
    assert report.count("You answered: Coach answer") == 5
    assert "  And 2 more answers that pulled the same way.\n" in report
    assert "  And 1 more answer that pulled the same way.\n" in report
    markdown = guidestyle.render(result, questionnaire, "markdown")
    assert "\nAnd 2 more answers that pulled the same way.\n" in markdown
    html = guidestyle.render(result, questionnaire, "html")
    assert '<p class="hint">And 1 more answer that pulled the same way.</p>' in html


def test_a_side_that_nothing_pulled_toward_says_so() -> None:
    questionnaire = choices(10)
    answers = {f"q{n}": "m" if n == 1 else "mc" for n in range(1, 11)}
    result = guidestyle.score(questionnaire, answers)
    assert (result.recommendation.strength, result.recommendation.runner_up) == (
        "leaning",
        "coaching",
    )
    report = guidestyle.render(result, questionnaire)
    assert (
        "  Toward Mentoring:\n"
        "  1. Question 1?\n"
        "     You answered: Mentor answer\n"
        "     +10.00 points for Mentoring over Coaching (Duration)\n"
        "\n"
        "  Toward Coaching:\n"
        "  No answer gave Coaching more points than Mentoring.\n"
    ) in report
    html = guidestyle.render(result, questionnaire, "html")
    assert "<p>No answer gave Coaching more points than Mentoring.</p>" in html


def test_the_texts_of_the_pulls_are_escaped() -> None:
    questionnaire = choices(3, text='"Is <b>{n}</b> & [x](javascript:y) right?"')
    result = guidestyle.score(questionnaire, {"q1": "m", "q2": "c", "q3": "mc"})
    assert result.recommendation.strength == "blend"
    html = guidestyle.render(result, questionnaire, "html")
    assert "<b>1</b>" not in html
    assert '<p class="question">Is &lt;b&gt;1&lt;/b&gt; &amp; [x](javascript:y) right?</p>' in html
    markdown = guidestyle.render(result, questionnaire, "markdown")
    assert "**Is \\<b\\>1\\</b\\> \\& \\[x\\](javascript\\:y) right?**" in markdown
