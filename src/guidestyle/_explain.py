"""Explaining a score: each question's share of it, the answers that decided it, and a
profile per distinction. Worked out from a tally only when a result's explanation is read.

Everything is read off the answers' packed points (see ``_plan``): a question's points per
style are its low fields, and a distinction's totals (points, most possible, questions) are
the sum of its questions' packed points: one addition per answer.

What repeats from response to response is made once per plan and shared (the plan keeps an
explainer): each answer as the explanation reads it, each distinction's profile per sum (it
depends on nothing else), each driver. They are immutable; each cache holds at most
``REMEMBERED`` and starts afresh when full.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from operator import sub

from ._frozen import FrozenMap
from ._plan import Plan, Tally, remember
from ._result import (
    HUNDREDTHS,
    ContributionTable,
    DistinctionProfile,
    Driver,
    Explanation,
    to_points,
)

MAX_DRIVERS = 3

Seen = tuple[int, int, tuple[int, ...]]
"""An answer as the explanation reads it: the index of its question's distinction, its
packed points, and its points per style in hundredths of a point."""


def explain_tally(plan: Plan, tally: Tally, hundredths: list[int], order: list[int]) -> Explanation:
    """Contributions per question, the deciding answers, and the profile per distinction."""
    explainer = plan.explainer
    if explainer is None:
        explainer = plan.explainer = _Explainer(plan)
    assert isinstance(explainer, _Explainer)
    return explainer.explain(tally, hundredths, order)


class _Explainer:
    """What explaining needs of one plan: worked out once, and kept as answers are seen.
    The plan keeps it, so it lives as long as the plan."""

    __slots__ = ("_distinction_of", "_drivers", "_in_id_order", "_plan", "_profiles", "_seen")

    def __init__(self, plan: Plan) -> None:
        self._plan = plan
        scored = [entry.id for entry in plan.entries if entry.scored]
        # a full response's scored questions, as indexes in the order of their ids
        self._in_id_order = sorted(range(len(scored)), key=scored.__getitem__)
        self._distinction_of = {name: k for k, name in enumerate(plan.distinctions)}
        # per question its answers seen; per distinction its profile per sum seen
        self._seen: dict[str, dict[object, Seen]] = {entry.id: {} for entry in plan.entries}
        self._profiles: list[dict[int, DistinctionProfile]] = [{} for _ in plan.distinctions]
        self._drivers: dict[tuple[str, object, int], Driver] = {}

    def explain(self, tally: Tally, hundredths: list[int], order: list[int]) -> Explanation:
        plan, seen, read = self._plan, self._seen, self._read
        answers = tally.answers
        rows: list[tuple[int, ...]] = []
        add_row = rows.append
        sums = [0] * len(plan.distinctions)  # per distinction, its answers' packed points
        for question, answer in answers.items():
            hit = seen[question].get(answer)
            if hit is None:
                hit = read(question, answer)
                if hit is None:  # not scored
                    continue
            sums[hit[0]] += hit[1]
            add_row(hit[2])
        if len(rows) == len(answers):
            ids = list(answers)
        else:
            ids = [question for question in answers if plan.by_id[question].scored]
        in_id_order = self._in_id_order
        if len(ids) != len(in_id_order):  # not every scored question answered
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
        drivers = self._deciding(tally, ids, columns[order[0]], columns[order[1]])
        return ContributionTable(plan.styles, ids, columns), drivers, self._profile(sums)

    def _read(self, question: str, answer: object) -> Seen | None:
        """A valid (normalised) answer as the explanation reads it, kept; ``None`` if the
        question is not scored."""
        plan = self._plan
        entry = plan.by_id[question]
        if not entry.scored:
            return None
        read = entry.read(answer)
        assert read is not None, "a validated answer reads back"
        packed = read[1]
        scaled = tuple(HUNDREDTHS * points for points in plan.unpack(packed, 0))
        distinction = self._distinction_of[entry.distinction]
        return remember(self._seen[question], answer, (distinction, packed, scaled))

    def _deciding(
        self, tally: Tally, ids: list[str], top: list[int], runner_up: list[int]
    ) -> tuple[Driver, ...]:
        """The answers that gave the recommended style most over the runner-up, ties in
        questionnaire order (a stable sort keeps it)."""
        differences = list(map(sub, top, runner_up))
        largest = sorted(range(len(differences)), key=differences.__getitem__, reverse=True)
        made, answers = self._drivers, tally.answers
        drivers = []
        for k in largest[:MAX_DRIVERS]:
            difference = differences[k]
            if difference <= 0:
                break
            question = ids[k]
            key = (question, answers[question], difference)
            driver = made.get(key)
            if driver is None:
                distinction = self._plan.by_id[question].distinction
                driver = Driver(question, distinction, key[1], to_points(difference))  # type: ignore[arg-type]
                remember(made, key, driver)
            drivers.append(driver)
        return tuple(drivers)

    def _profile(self, sums: list[int]) -> tuple[DistinctionProfile, ...]:
        """The profile of each distinction answered, from its answers' packed points."""
        plan = self._plan
        profiles = []
        for distinction, packed, made in zip(plan.distinctions, sums, self._profiles, strict=True):
            if packed:  # each question answered on it counts one
                profile = made.get(packed)
                if profile is None:
                    profile = remember(made, packed, profile_of(plan, distinction, packed))
                profiles.append(profile)
        return tuple(profiles)


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


def profile_of(plan: Plan, distinction: str, packed: int) -> DistinctionProfile:
    """Where the answers stood on ``distinction``, from its questions' packed points summed."""
    styles = plan.styles
    count = len(styles)
    fields = plan.unpack(packed, 0, 3 * count + 1)  # points, most, reach per style; count
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
    return DistinctionProfile(
        distinction, fields[-1], FrozenMap.adopt(scores), leader if leaders == 1 else None
    )
