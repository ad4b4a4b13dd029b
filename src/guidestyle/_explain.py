"""Explaining a score: each question's share of it, the answers that decided it, and a
profile per distinction."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ._result import HUNDREDTHS, DistinctionProfile, Driver, Points, share, to_points

if TYPE_CHECKING:
    from ._engine import Scorer, Tally

MAX_DRIVERS = 3


def apportion(points: list[int], maximum: int, total: int, ids: list[str]) -> list[int]:
    """Split ``total`` hundredths across questions in proportion to ``points``.

    Each question first gets the floor of its exact share; the hundredths left over go to
    the questions with the largest remainders, ties going to the smaller question id (not
    the earlier position, so that reordering questions changes nothing). The parts add up
    to ``total`` exactly. All remainders share the denominator ``maximum``, so comparing
    them needs no fractions.
    """
    if maximum == 0:
        return [0] * len(points)
    scaled = [HUNDREDTHS * earned for earned in points]
    parts = [value // maximum for value in scaled]
    left_over = total - sum(parts)
    if left_over:  # never more than the questions with a remainder, so only those compete
        competing = sorted(
            (-(value % maximum), ids[k], k) for k, value in enumerate(scaled) if value % maximum
        )
        for _, _, k in competing[:left_over]:
            parts[k] += 1
    return parts


def build_explanation(
    scorer: Scorer, tally: Tally, hundredths: list[int], order: list[int]
) -> tuple[dict[str, dict[str, Points]], tuple[Driver, ...], tuple[DistinctionProfile, ...]]:
    """Contributions per question, the deciding answers, and the profile per distinction."""
    styles = scorer.styles
    items = tally.items
    ids = [item.id for item, _, _ in items]
    by_style = [
        apportion([points[i] for _, _, points in items], tally.maxima[i], hundredths[i], ids)
        for i in range(len(styles))
    ]
    by_question = list(zip(*by_style, strict=True)) or [()] * len(items)
    contributions = {
        item.id: dict(zip(styles, map(to_points, shares), strict=False))  # equal lengths
        for (item, _, _), shares in zip(items, by_question, strict=True)
    }
    top, runner_up = order[0], order[1]
    differences = [shares[top] - shares[runner_up] for shares in by_question]
    deciding = sorted(
        (k for k, difference in enumerate(differences) if difference > 0),
        key=lambda k: (-differences[k], k),
    )[:MAX_DRIVERS]
    drivers = tuple(
        Driver(items[k][0].id, items[k][0].distinction, items[k][1], to_points(differences[k]))
        for k in deciding
    )
    return contributions, drivers, _profile(scorer, tally)


def _profile(scorer: Scorer, tally: Tally) -> tuple[DistinctionProfile, ...]:
    styles = scorer.styles
    grouped: dict[str, list[tuple[int, ...]]] = {}
    for item, _, points in tally.items:
        # one row per question: the points earned, then the most it could give, per style
        grouped.setdefault(item.distinction, []).append(points + item.maximum)
    width = len(styles)
    profiles = []
    for distinction in scorer.questionnaire.distinctions:
        rows = grouped.get(distinction)
        if not rows:
            continue
        sums = [sum(column) for column in zip(*rows, strict=True)]
        scores: dict[str, Decimal | None] = {}
        best, leaders = -1, 0
        for i, style in enumerate(styles):
            earned, most = sums[i], sums[width + i]
            if not most:
                scores[style] = None
                continue
            style_share = share(earned, most)
            scores[style] = to_points(style_share)
            if style_share > best:
                best, leaders, leader = style_share, 1, style
            elif style_share == best:
                leaders += 1
        profiles.append(
            DistinctionProfile(distinction, len(rows), scores, leader if leaders == 1 else None)
        )
    return tuple(profiles)
