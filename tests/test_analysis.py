"""Analysing a cohort through the public API: every figure against a direct count, the
reliability figures against pingouin on the item matrix built from the questions' points."""

from __future__ import annotations

import json
import math
import pickle
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import guidestyle

from .conftest import run_guidestyle
from .leaning_cohort import respondents

SIZE = 600


@pytest.fixture(scope="module")
def situation() -> guidestyle.Questionnaire:
    return guidestyle.builtin("situation")


@pytest.fixture(scope="module")
def cohort(situation: guidestyle.Questionnaire) -> list[dict[str, Any]]:
    """Respondents whose second guide, if any, stands on the same side of the work as the
    first: so leader_part (asked when a guide leads the work) and guide_distance (asked when a
    guide does not) are never answered together."""
    shown = guidestyle.Scorer(situation).shown
    leads = {"line_manager", "work_lead"}
    same_side = [
        answers
        if (answers.get("second_guide") in leads) == (answers.get("guide") in leads)
        else {key: value for key, value in answers.items() if key != "second_guide"}
        for answers in respondents(situation, SIZE, seed=7)
    ]
    return [
        {key: answers[key] for key in shown(answers) if key in answers} for answers in same_side
    ]


@pytest.fixture(scope="module")
def analysis(situation: guidestyle.Questionnaire, cohort: list[dict[str, Any]]) -> Any:
    return guidestyle.analyze(situation, cohort)


def test_recommendations_scores_and_leanings_are_the_cohorts(
    situation: guidestyle.Questionnaire, cohort: list[dict[str, Any]], analysis: Any
) -> None:
    results = [guidestyle.score(situation, answers) for answers in cohort]
    assert (analysis.respondents, analysis.rejected, analysis.problems) == (SIZE, 0, ())
    counted = Counter((r.recommendation.style, r.recommendation.strength) for r in results)
    assert {
        (style, strength): count
        for style, strengths in analysis.recommendations.items()
        for strength, count in strengths.items()
        if count
    } == dict(counted)
    for distribution in analysis.scores:
        scores = [float(r.scores[distribution.style]) for r in results]
        assert distribution.mean == pytest.approx(statistics.mean(scores), abs=1e-9)
        assert distribution.sd == pytest.approx(statistics.stdev(scores), abs=1e-9)
        assert distribution.median == pytest.approx(statistics.median(scores), abs=1e-9)
        assert (distribution.minimum, distribution.maximum) == (min(scores), max(scores))
        bins = Counter(min(int(score // 10), 9) for score in scores)
        assert distribution.histogram == tuple(bins[i] for i in range(10))
    for leans in analysis.distinctions:
        profiles = [p for r in results for p in r.profile if p.distinction == leans.distinction]
        assert leans.respondents == len(profiles)
        assert dict(leans.leans) == {
            style: sum(p.leans_to == style for p in profiles) for style in situation.styles
        }
        assert leans.no_lean == sum(p.leans_to is None for p in profiles)


def item_frame(
    questionnaire: guidestyle.Questionnaire, cohort: list[dict[str, Any]], style: str
) -> Any:
    """The scale's items as pingouin takes them: a column per question that can give the
    style points, the points each answer gave it, NaN where it was not answered."""
    pd = pytest.importorskip("pandas")
    columns = [
        question
        for question in questionnaire.questions
        if question.scored and question.maximum_points(questionnaire).get(style, 0) > 0
    ]
    rows = []
    for answers in cohort:
        row = {}
        for question in columns:
            answer = answers.get(question.id)
            if answer is None:
                row[question.id] = math.nan
            else:
                normal = question.check_answer(answer, questionnaire)
                row[question.id] = question.answer_points(normal, questionnaire).get(style, 0)
        rows.append(row)
    return pd.DataFrame(rows, columns=[question.id for question in columns], dtype=float)


@pytest.mark.slow  # against pingouin or scipy, whose import alone takes ~1.5 s
def test_alpha_is_pingouins_on_the_items_the_questions_points_make(
    situation: guidestyle.Questionnaire, cohort: list[dict[str, Any]], analysis: Any
) -> None:
    pg = pytest.importorskip("pingouin")
    for scale in analysis.scales:
        frame = item_frame(situation, cohort, scale.style)
        assert [item.question for item in scale.items] == list(frame.columns)
        # leader_part and guide_distance are asked on exclusive conditions: never together
        assert scale.left_out == ("leader_part",)
        used = frame.drop(columns=list(scale.left_out))
        alpha, interval = pg.cronbach_alpha(data=used)
        assert scale.alpha == pytest.approx(alpha, abs=1e-9)
        assert [round(bound, 3) for bound in scale.interval] == pytest.approx(interval, abs=1e-9)
        assert scale.respondents == SIZE
        for item in scale.items:
            column = frame[item.question]
            assert item.answered == column.count()
            assert item.mean == pytest.approx(column.mean(), abs=1e-12)
            assert item.sd == pytest.approx(column.std(), abs=1e-12)
        assert (
            f"{scale.style}: leader_part: left out of alpha: no two respondents answered both "
            "it and guide_distance"
        ) in analysis.warnings


@pytest.mark.slow  # against pingouin or scipy, whose import alone takes ~1.5 s
def test_alpha_of_a_questionnaire_without_conditions_uses_every_item() -> None:
    pg = pytest.importorskip("pingouin")
    guide = guidestyle.builtin("guide")
    cohort = list(respondents(guide, 300, seed=3))
    analysis = guidestyle.analyze(guide, cohort, missing="listwise")
    for scale in analysis.scales:
        frame = item_frame(guide, cohort, scale.style)
        alpha, interval = pg.cronbach_alpha(data=frame)  # nothing is missing here
        assert scale.left_out == ()
        assert scale.alpha == pytest.approx(alpha, abs=1e-9)
        assert scale.interval is not None
        assert [round(bound, 3) for bound in scale.interval] == pytest.approx(interval, abs=1e-9)


def test_warnings_name_the_scale_the_question_and_the_trouble(minimal_text: str) -> None:
    """Answers to ``end`` that run against the other two questions on mentoring and
    coaching, and no answer that gives leadership a point."""
    questionnaire = guidestyle.loads(minimal_text)
    rows = [
        *[{"horizon": "years", "pace": "learner", "end": "goal"}] * 5,
        *[{"horizon": "weeks", "pace": "plan", "end": "never"}] * 5,
        {"horizon": "years", "pace": "plan", "end": "never"},
    ]
    analysis = guidestyle.analyze(questionnaire, rows)
    np = pytest.importorskip("numpy")
    mentoring = analysis.scales[0]
    end = mentoring.items[2]
    points = np.array([[2, 2, 0]] * 5 + [[0, 0, 2]] * 5 + [[2, 0, 2]])
    expected = np.corrcoef(points[:, 2], points[:, 0] + points[:, 1])[0, 1]
    assert end.item_rest == pytest.approx(expected, abs=1e-12)
    assert end.item_rest == pytest.approx(-0.9574271077563381, abs=1e-12)
    negative = "its item-rest correlation is negative"
    wrong_way = "are its points given the wrong way round?"
    assert analysis.warnings == (
        f"mentoring: pace: {negative} (-0.29): {wrong_way}",
        f"mentoring: end: {negative} (-0.96): {wrong_way}",
        f"coaching: pace: {negative} (-0.29): {wrong_way}",
        f"coaching: end: {negative} (-0.96): {wrong_way}",
        "leadership: alpha is undefined: the answers to its items do not vary",
        "leadership: horizon: it barely varies: every answer to it gives 0 points",
        "leadership: pace: it barely varies: every answer to it gives 0 points",
        "leadership: end: it barely varies: every answer to it gives 0 points",
    )
    assert analysis.scales[2].alpha is None


def test_bad_rows_are_counted_quoted_and_left_out(situation: guidestyle.Questionnaire) -> None:
    rows: list[object] = [*respondents(situation, 20, seed=1), {"who_is_guided": "never"}, [1, 2]]
    analysis = guidestyle.analyze(situation, rows)
    assert (analysis.respondents, analysis.rejected) == (20, 2)
    assert analysis.problems[0].startswith(
        "<rows>:21:1: who_is_guided: unknown option 'never'; expected one of:"
    )
    assert analysis.problems[0].endswith("(and 7 more problems)")
    assert analysis.problems[1] == (
        "<rows>:22:1: a row must be an object of question id to answer, found a list"
    )


def test_tallies_of_parts_merge_into_the_whole(
    situation: guidestyle.Questionnaire, cohort: list[dict[str, Any]], analysis: Any
) -> None:
    first = guidestyle.CohortTally(situation).add(guidestyle.score_rows(situation, cohort[:250]))
    second = guidestyle.CohortTally(situation).add(guidestyle.score_rows(situation, cohort[250:]))
    merged = pickle.loads(pickle.dumps(first)) + pickle.loads(pickle.dumps(second))
    assert merged.analysis() == analysis
    assert merged.analysis().to_json() == analysis.to_json()


def test_json_is_stable_and_complete(analysis: Any) -> None:
    data = json.loads(analysis.to_json())
    assert list(data) == [
        "questionnaire",
        "library_version",
        "missing",
        "respondents",
        "rejected",
        "problems",
        "recommendations",
        "scores",
        "distinctions",
        "scales",
        "warnings",
    ]
    assert list(data["scales"][0]) == [
        "style",
        "respondents",
        "alpha",
        "interval",
        "standardized",
        "items",
        "left_out",
        "warnings",
    ]
    assert list(data["scales"][0]["items"][0]) == [
        "question",
        "answered",
        "mean",
        "sd",
        "item_rest",
        "alpha_if_dropped",
        "modal_points",
        "modal_share",
        "warnings",
    ]
    assert data["recommendations"]["mentoring"].keys() == {"clear", "leaning", "blend", "balanced"}
    assert analysis.to_dict() == data


def test_an_unknown_missing_data_policy_is_refused(situation: guidestyle.Questionnaire) -> None:
    with pytest.raises(
        ValueError, match=r"^unknown missing-data policy 'mean'; choose pairwise or listwise$"
    ):
        guidestyle.analyze(situation, [], missing="mean")  # type: ignore[arg-type]


def test_the_text_report(situation: guidestyle.Questionnaire, analysis: Any) -> None:
    text = guidestyle.render_analysis(analysis, situation)
    assert text.startswith(
        "What kind of guidance does this situation call for?: analysis of 600 respondents\n"
    )
    mentoring = next(scale for scale in analysis.scales if scale.style == "mentoring")
    assert (
        f"  Mentoring: alpha {mentoring.alpha:.3f} (95% CI {mentoring.interval[0]:.3f} to "
        f"{mentoring.interval[1]:.3f})"
    ) in text
    assert "RELIABILITY (pairwise treatment of missing answers)" in text


def test_the_html_report_is_self_contained_and_escaped(situation: guidestyle.Questionnaire) -> None:
    rows: list[object] = [*respondents(situation, 30, seed=2), {"<script>alert(1)</script>": 1}]
    page = guidestyle.render_analysis(guidestyle.analyze(situation, rows), situation, "html")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<svg") >= 5  # strength mix, three histograms, leanings (and legends)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page


def test_a_report_of_another_questionnaire_is_refused(analysis: Any) -> None:
    with pytest.raises(guidestyle.ReportError) as caught:
        guidestyle.render_analysis(analysis, guidestyle.builtin("guide"))
    assert str(caught.value) == (
        "the analysis is of questionnaire situation version 2.0.0, not guide version 2.0.0"
    )
    edited = guidestyle.builtin("situation").model_copy(update={"title": "Another title"})
    with pytest.raises(guidestyle.ReportError) as caught:
        guidestyle.render_analysis(analysis, edited)
    assert str(caught.value) == (
        "the analysis is of questionnaire situation version 2.0.0 with a different content digest"
    )


def test_the_command_writes_each_format_and_exits_1_for_rows_left_out(
    tmp_path: Path, situation: guidestyle.Questionnaire
) -> None:
    lines = [json.dumps(answers) for answers in respondents(situation, 40, seed=5)]
    source = tmp_path / "cohort.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_guidestyle(tmp_path, "analyze", "situation", "cohort.jsonl", "--format", "json")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["respondents"] == 40
    source.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    done = run_guidestyle(
        tmp_path, "analyze", "situation", "cohort.jsonl", "--format", "html", "-o", "report.html"
    )
    assert done.returncode == 1
    assert done.stderr == (
        "1 of 41 rows could not be scored and are left out of the analysis; 'guidestyle batch' "
        "writes each with its problems\n"
    )
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "1 row could not be read or scored and is left out of every figure." in page
    done = run_guidestyle(tmp_path, "analyze", "situation", "cohort.jsonl", "-o", "report.json")
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["respondents"] == 40
    done = run_guidestyle(tmp_path, "analyze", "situation", "cohort.jsonl", "-o", "report.md")
    assert done.returncode == 2
    assert done.stderr.endswith("error: an analysis is written as text, html, json, not markdown\n")


def test_arguments_of_the_wrong_type_are_refused(analysis: Any) -> None:
    with pytest.raises(
        TypeError, match=r"^analyze\(\): questionnaire must be a Questionnaire, not str$"
    ):
        guidestyle.analyze("situation", [])  # type: ignore[arg-type]
    with pytest.raises(
        TypeError, match=r"^render_analysis\(\): analysis must be an Analysis, not dict$"
    ):
        guidestyle.render_analysis({}, guidestyle.builtin("situation"))  # type: ignore[arg-type]
    with pytest.raises(
        guidestyle.ReportError,
        match=r"^unknown report format 'pdf'; choose one of: text, html, json$",
    ):
        guidestyle.render_analysis(analysis, guidestyle.builtin("situation"), "pdf")  # type: ignore[arg-type]
