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


def _points(hundredths: int) -> Decimal:
    return Decimal(hundredths).scaleb(-2)


def apportion(points: list[int], maximum: int, total: int) -> list[int]:
    """Split ``total`` hundredths across questions in proportion to ``points``.

    Each question first gets the floor of its exact share; the hundredths left over go to
    the questions with the largest remainders (earlier questions first on ties), so the
    parts add up to ``total`` exactly. All remainders share the denominator ``maximum``,
    so comparing them needs no fractions.
    """
    if maximum == 0:
        return [0] * len(points)
    shares = [divmod(_HUNDREDTHS * earned, maximum) for earned in points]
    parts = [floor for floor, _ in shares]
    left_over = total - sum(parts)
    by_remainder = sorted(range(len(points)), key=lambda k: (-shares[k][1], k))
    for k in by_remainder[:left_over]:
        parts[k] += 1
    return parts


def build_explanation(
    scorer: Scorer, tally: Tally, hundredths: list[int], order: list[int]
) -> tuple[tuple[Contribution, ...], tuple[Driver, ...], tuple[DistinctionProfile, ...]]:
    styles = scorer.styles
    items = tally.items
    columns = [
        apportion([points[i] for _, _, points in items], tally.maxima[i], hundredths[i])
        for i in range(len(styles))
    ]
    contributions = tuple(
        Contribution(
            question=item.id,
            distinction=item.question.distinction,  # type: ignore[union-attr]
            answer=answer,
            points=dict(zip(styles, points, strict=True)),
            maximum=dict(zip(styles, item.maximum, strict=True)),
            scores={style: _points(columns[i][k]) for i, style in enumerate(styles)},
        )
        for k, (item, answer, points) in enumerate(items)
    )
    top, runner_up = order[0], order[1]
    differences = [columns[top][k] - columns[runner_up][k] for k in range(len(items))]
    deciding = sorted((k for k in range(len(items)) if differences[k] > 0), key=lambda k: (-differences[k], k))
    drivers = tuple(
        Driver(
            question=contributions[k].question,
            distinction=contributions[k].distinction,
            answer=contributions[k].answer,
            difference=_points(differences[k]),
        )
        for k in deciding[:MAX_DRIVERS]
    )
    return contributions, drivers, _profile(scorer, tally)


def _profile(scorer: Scorer, tally: Tally) -> tuple[DistinctionProfile, ...]:
    styles = scorer.styles
    profiles = []
    for distinction in scorer.questionnaire.distinctions:
        on_it = [(item, points) for item, _, points in tally.items if item.question.distinction == distinction]  # type: ignore[union-attr]
        if not on_it:
            continue
        scores: dict[str, Decimal | None] = {}
        exact: dict[str, int] = {}
        for i, style in enumerate(styles):
            earned = sum(points[i] for _, points in on_it)
            most = sum(item.maximum[i] for item, _ in on_it)
            if most == 0:
                scores[style] = None
                continue
            exact[style] = (2 * _HUNDREDTHS * earned + most) // (2 * most)
            scores[style] = _points(exact[style])
        best = max(exact.values(), default=None)
        leaders = [style for style, value in exact.items() if value == best]
        profiles.append(
            DistinctionProfile(
                distinction=distinction,
                questions=len(on_it),
                scores=scores,
                leans_to=leaders[0] if len(leaders) == 1 else None,
            )
        )
    return tuple(profiles)
