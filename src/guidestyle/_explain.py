"""Explaining a score: each question's share of it, the answers that decided it, and a
profile per distinction."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ._result import Contribution, DistinctionProfile, Driver

if TYPE_CHECKING:
    from ._engine import Scorer, Tally

_HUNDREDTHS = 10_000
MAX_DRIVERS = 3


_DECIMALS: dict[int, Decimal] = {}


def to_points(hundredths: int) -> Decimal:
    """Hundredths of a point as a two-decimal :class:`Decimal`, built once per value."""
    points = _DECIMALS.get(hundredths)
    if points is None:
        points = _DECIMALS[hundredths] = Decimal(hundredths).scaleb(-2)
    return points


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
    shares = [divmod(_HUNDREDTHS * earned, maximum) for earned in points]
    parts = [floor for floor, _ in shares]
    left_over = total - sum(parts)
    by_remainder = sorted(range(len(points)), key=lambda k: (-shares[k][1], ids[k]))
    for k in by_remainder[:left_over]:
        parts[k] += 1
    return parts


def build_explanation(
    scorer: Scorer, tally: Tally, hundredths: list[int], order: list[int]
) -> tuple[tuple[Contribution, ...], tuple[Driver, ...], tuple[DistinctionProfile, ...]]:
    """Contributions per question, the deciding answers, and the profile per distinction."""
    styles = scorer.styles
    items = tally.items
    ids = [item.id for item, _, _ in items]
    by_style = [
        apportion([points[i] for _, _, points in items], tally.maxima[i], hundredths[i], ids)
        for i in range(len(styles))
    ]
    by_question = list(zip(*by_style, strict=True)) or [()] * len(items)
    contributions = tuple(
        Contribution(
            question=item.id,
            distinction=item.distinction,
            answer=answer,
            points=dict(zip(styles, points, strict=True)),
            maximum=dict(zip(styles, item.maximum, strict=True)),
            scores=dict(zip(styles, map(to_points, shares), strict=True)),
        )
        for (item, answer, points), shares in zip(items, by_question, strict=True)
    )
    top, runner_up = order[0], order[1]
    differences = [shares[top] - shares[runner_up] for shares in by_question]
    deciding = sorted(
        (k for k, difference in enumerate(differences) if difference > 0),
        key=lambda k: (-differences[k], k),
    )[:MAX_DRIVERS]
    drivers = tuple(
        Driver(
            question=contributions[k].question,
            distinction=contributions[k].distinction,
            answer=contributions[k].answer,
            difference=to_points(differences[k]),
        )
        for k in deciding
    )
    return contributions, drivers, _profile(scorer, tally)


def _profile(scorer: Scorer, tally: Tally) -> tuple[DistinctionProfile, ...]:
    styles = scorer.styles
    grouped: dict[str, list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for item, _, points in tally.items:
        grouped.setdefault(item.distinction, []).append((points, item.maximum))
    profiles = []
    for distinction in scorer.questionnaire.distinctions:
        rows = grouped.get(distinction)
        if not rows:
            continue
        earned = [sum(column) for column in zip(*(points for points, _ in rows), strict=True)]
        most = [sum(column) for column in zip(*(maximum for _, maximum in rows), strict=True)]
        exact = {
            style: (2 * _HUNDREDTHS * e + m) // (2 * m)
            for style, e, m in zip(styles, earned, most, strict=True)
            if m
        }
        best = max(exact.values(), default=None)
        leaders = [style for style, value in exact.items() if value == best]
        profiles.append(
            DistinctionProfile(
                distinction=distinction,
                questions=len(rows),
                scores={style: to_points(exact[style]) if style in exact else None for style in styles},
                leans_to=leaders[0] if len(leaders) == 1 else None,
            )
        )
    return tuple(profiles)
