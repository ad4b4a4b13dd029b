"""Short situations, each answered blind, score to what a careful reader of the sources expects.

Every vignette names the recommendation a careful reader of the sources would give. Its
answers were written by a respondent who saw only the description and the questions, never
the expected outcome or the weights (see the vignette files' header). Three categories, each
with its own match:

- ``clear-cut``: the expected style is recommended, clearly or leaning;
- ``two-sided``: two kinds of guidance are both at work: those two styles are on top, and the
  call is one of the vignette's ``acceptable`` strengths (a blend, a balanced call counting as
  one, or a leaning);
- ``misleading-label``: the name given to the arrangement points to one style and the facts to
  another: the style the facts point to is recommended.

Known disagreements are listed with their reason and run as strict expected failures, so
fixing one is noticed too. The agreement per category is printed (``pytest -s``) and held to
the bars of issue 10.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

import guidestyle

VIGNETTES = Path(__file__).parent / "vignettes"
CATEGORIES = ("clear-cut", "two-sided", "misleading-label")
KNOWN_DISAGREEMENTS = {
    "learner/analyst-professional-exam": (
        "answered blind, his manager holding him to the plan pulls to leadership as much as the "
        "exam pulls to coaching: a blend of coaching and leadership (59.38 against 50) rather "
        "than a coaching call"
    ),
    "situation/icu-newcomer-with-charge-nurse-and-cardiac-nurse": (
        "the right pair is on top, but the respondent answered the single-choice questions "
        "(who is guided, initiative, matching, willingness) for the cardiac nurse's side: "
        "mentoring clear, 87.5 "
        "against 50 for leadership"
    ),
    "situation/caseworker-merged-team-with-booked-sessions": (
        "the right pair is on top, but coaching leads leadership by 35.29, just past the "
        "clear margin of 35: the booked sessions outweigh the merged team's daily direction"
    ),
    "guide/retired-head-volunteer-with-one-structured-plan": (
        "the right pair is on top, but the one structured plan is a small part of her "
        "volunteering and the respondent answered for the rest: mentoring clear, 92.86 against "
        "35.71 for coaching"
    ),
}


def vignettes() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(VIGNETTES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append((f"{path.stem}/{case['name']}", case))
    return cases


def matches(result: guidestyle.Result, case: dict[str, Any]) -> bool:
    recommendation = result.recommendation
    if case["category"] == "two-sided":
        strength = "blend" if recommendation.strength == "balanced" else recommendation.strength
        pair_on_top = set(result.ranking[:2]) == set(case["blend_of"])
        return pair_on_top and strength in case["acceptable"]
    return recommendation.style == case["expected"] and recommendation.strength in (
        "clear",
        "leaning",
    )


def score(name: str, case: dict[str, Any]) -> guidestyle.Result:
    return guidestyle.score(guidestyle.builtin(name.split("/", maxsplit=1)[0]), case["answers"])


@pytest.mark.parametrize(
    ("name", "case"),
    [
        pytest.param(
            name,
            case,
            id=name,
            marks=[pytest.mark.xfail(reason=KNOWN_DISAGREEMENTS[name], strict=True)]
            if name in KNOWN_DISAGREEMENTS
            else [],
        )
        for name, case in vignettes()
    ],
)
def test_vignette_scores_to_the_expected_style(name: str, case: dict[str, Any]) -> None:
    result = score(name, case)
    assert matches(result, case), (result.recommendation, result.scores)


def test_every_vignette_says_what_it_is_and_was_answered() -> None:
    for name, case in vignettes():
        assert case["category"] in CATEGORIES, name
        assert case["answers"], name
        if case["category"] == "two-sided":
            assert case["expected"] == "blend", name
            assert len(set(case["blend_of"])) == 2, name
        else:
            assert case["expected"] in ("mentoring", "coaching", "leadership"), name
        if case["category"] == "misleading-label":
            assert case["label_points_to"] != case["expected"], name


def test_agreement_per_category_meets_the_bar() -> None:
    cases = vignettes()
    total: Counter[str] = Counter()
    agreed: Counter[str] = Counter()
    pair_on_top = 0
    for name, case in cases:
        result = score(name, case)
        category = case["category"]
        total[category] += 1
        agreed[category] += matches(result, case)
        if category == "two-sided":
            pair_on_top += set(result.ranking[:2]) == set(case["blend_of"])
    for category in CATEGORIES:
        share = agreed[category] / total[category]
        print(f"{category}: {agreed[category]} of {total[category]} ({share:.0%})")
    print(f"two-sided with the right pair on top: {pair_on_top} of {total['two-sided']}")
    assert total["two-sided"] >= 12
    assert total["misleading-label"] >= 6
    assert agreed["misleading-label"] == total["misleading-label"]
    assert agreed["two-sided"] * 12 >= total["two-sided"] * 10  # at least 10 in 12
    assert pair_on_top == total["two-sided"]
    known = Counter(dict(cases)[name]["category"] for name in KNOWN_DISAGREEMENTS)
    assert all(agreed[c] == total[c] - known[c] for c in CATEGORIES)  # nothing else disagrees
    expected = Counter(case["expected"] for _, case in cases if case["category"] != "two-sided")
    assert all(expected[style] >= 10 for style in ("mentoring", "coaching", "leadership"))
