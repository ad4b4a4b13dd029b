"""Explaining a score: each question's share of it, the answers that decided it, and a
profile per distinction. Worked out from a tally only when a result's explanation is read."""

from __future__ import annotations

from decimal import Decimal

from ._frozen import FrozenMap
from ._plan import Entry, Plan, Tally
from ._result import HUNDREDTHS, DistinctionProfile, Driver, Explanation, share, to_points

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


def explain_tally(plan: Plan, tally: Tally, hundredths: list[int], order: list[int]) -> Explanation:
    """Contributions per question, the deciding answers, and the profile per distinction."""
    styles = plan.styles
    count = len(styles)
    maxima = tally.maxima
    rows = [
        (entry, answer, plan.points_of(entry, answer))
        for entry in plan.entries
        if entry.scored and (answer := tally.answers.get(entry.id)) is not None
    ]
    ids = [entry.id for entry, _, _ in rows]
    by_style = [
        apportion([points[i] for _, _, points in rows], maxima[i], hundredths[i], ids)
        for i in range(count)
    ]
    by_question = list(zip(*by_style, strict=True)) or [()] * len(rows)
    adopt = FrozenMap.adopt
    contributions = adopt(
        {
            entry.id: adopt(dict(zip(styles, map(to_points, shares), strict=False)))
            for (entry, _, _), shares in zip(rows, by_question, strict=True)
        }
    )
    top, runner_up = order[0], order[1]
    differences = [shares[top] - shares[runner_up] for shares in by_question]
    deciding = sorted(
        (k for k, difference in enumerate(differences) if difference > 0),
        key=lambda k: (-differences[k], k),
    )[:MAX_DRIVERS]
    drivers = tuple(
        Driver(rows[k][0].id, rows[k][0].distinction, rows[k][1], to_points(differences[k]))  # type: ignore[arg-type]
        for k in deciding
    )
    return contributions, drivers, _profile(plan, rows)


def _profile(
    plan: Plan, rows: list[tuple[Entry, object, tuple[int, ...]]]
) -> tuple[DistinctionProfile, ...]:
    styles = plan.styles
    grouped: dict[str, list[tuple[int, ...]]] = {}
    for entry, _, points in rows:
        # one row per question: the points earned, then the most it could give, per style
        grouped.setdefault(entry.distinction, []).append(points + entry.maximum)
    width = len(styles)
    profiles = []
    for distinction in plan.distinctions:
        group = grouped.get(distinction)
        if not group:
            continue
        sums = [sum(column) for column in zip(*group, strict=True)]
        scores: dict[str, Decimal | None] = {}
        best, leaders, leader = -1, 0, ""
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
            DistinctionProfile(
                distinction, len(group), FrozenMap.adopt(scores), leader if leaders == 1 else None
            )
        )
    return tuple(profiles)
