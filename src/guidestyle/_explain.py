"""Explaining a score: each question's share of it, the answers that decided it, and a
profile per distinction. Worked out from a tally only when a result's explanation is read.

Everything is read off the answers' packed points (see ``_plan``): a question's points per
style are its low fields, and a distinction's totals (points, most possible, questions) are
the sum of its questions' packed points, unpacked once.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ._frozen import FrozenMap
from ._plan import Plan, Tally
from ._result import (
    HUNDREDTHS,
    ContributionTable,
    DistinctionProfile,
    Driver,
    Explanation,
    to_points,
)

MAX_DRIVERS = 3


def apportion(scaled: Sequence[int], maximum: int, total: int, by_id: list[int]) -> list[int]:
    """Split ``total`` hundredths across questions in proportion to their points.

    ``scaled`` holds each question's points in hundredths. Each question first gets the
    floor of its exact share; the hundredths left over go to the questions with the largest
    remainders, ties going to the smaller question id (not the earlier position, so that
    reordering questions changes nothing): ``by_id`` lists the questions' indexes in the
    order of their ids, and a stable sort keeps that order among equal remainders. The parts
    add up to ``total`` exactly. All remainders share the denominator ``maximum``, so
    comparing them needs no fractions.
    """
    if maximum == 0:
        return [0] * len(scaled)
    parts = [value // maximum for value in scaled]
    left_over = total - sum(parts)
    if left_over:  # never more than the questions with a remainder, so only those get one
        remainders = [value % maximum for value in scaled]
        for k in sorted(by_id, key=remainders.__getitem__, reverse=True)[:left_over]:
            parts[k] += 1
    return parts


def explain_tally(plan: Plan, tally: Tally, hundredths: list[int], order: list[int]) -> Explanation:
    """Contributions per question, the deciding answers, and the profile per distinction."""
    by_id, explained = plan.by_id, plan.explained
    ids: list[str] = []
    answers: list[object] = []
    rows: list[tuple[int, ...]] = []
    distinctions: dict[str, int] = {}  # per distinction, its questions' packed points summed
    for question, answer in tally.answers.items():
        entry = by_id[question]
        if entry.scored:
            packed, scaled = explained(entry, answer)
            ids.append(question)
            answers.append(answer)
            rows.append(scaled)
            distinction = entry.distinction
            distinctions[distinction] = distinctions.get(distinction, 0) + packed
    in_id_order = sorted(range(len(ids)), key=ids.__getitem__)
    columns = [
        apportion(scaled, most, total, in_id_order)
        for scaled, most, total in zip(
            zip(*rows, strict=True) if rows else [()] * len(plan.styles),
            tally.maxima,
            hundredths,
            strict=True,
        )
    ]
    top, runner_up = columns[order[0]], columns[order[1]]
    differences = [first - second for first, second in zip(top, runner_up, strict=True)]
    # the largest differences first, ties in questionnaire order: one integer key each
    count = len(differences)
    deciding = [
        key % count
        for key in sorted(
            (HUNDREDTHS - difference) * count + k
            for k, difference in enumerate(differences)
            if difference > 0
        )[:MAX_DRIVERS]
    ]
    drivers = tuple(
        Driver(ids[k], by_id[ids[k]].distinction, answers[k], to_points(differences[k]))  # type: ignore[arg-type]
        for k in deciding
    )
    contributions = ContributionTable(plan.styles, ids, columns)
    return contributions, drivers, _profile(plan, distinctions)


def _profile(plan: Plan, distinctions: dict[str, int]) -> tuple[DistinctionProfile, ...]:
    styles = plan.styles
    count = len(styles)
    span = 3 * count + 1  # the points earned per style, the most per style, reach, count
    answered = [distinction for distinction in plan.distinctions if distinction in distinctions]
    side_by_side = sum(
        distinctions[distinction] << (k * span * plan.width)
        for k, distinction in enumerate(answered)
    )
    every_field = plan.unpack(side_by_side, 0, span * len(answered))  # in one go
    profiles = []
    for k, distinction in enumerate(answered):
        fields = every_field[k * span : (k + 1) * span]
        scores: dict[str, Decimal | None] = {}
        best, leaders, leader = -1, 0, ""
        for i, style in enumerate(styles):
            earned, most = fields[i], fields[count + i]
            if not most:
                scores[style] = None
                continue
            style_share = (2 * HUNDREDTHS * earned + most) // (2 * most)  # share(), inline
            scores[style] = to_points(style_share)
            if style_share > best:
                best, leaders, leader = style_share, 1, style
            elif style_share == best:
                leaders += 1
        profiles.append(
            DistinctionProfile(
                distinction, fields[-1], FrozenMap.adopt(scores), leader if leaders == 1 else None
            )
        )
    return tuple(profiles)
