"""Analysing a cohort: how its recommendations, scores and leanings spread, and how
reliably each style's questions measure it.

Every figure comes from a :class:`CohortTally`: counts and sums, added up one scored row at
a time and merged with ``+``, so one process or a Dask reduction over partitions gives the
same :class:`Analysis`. A tally holds no rows, only sums: its size depends on the
questionnaire, never on the number of respondents.

A style's *scale* is its items: each scored question that can give the style points (a
question that cannot is no item of it), scored per respondent as the points the answer gave
the style; a question not answered, or not shown, is a missing item. See ``_reliability``
for the statistics and their treatment of missing answers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from ._batch import ScoredRow, score_rows
from ._errors import expect
from ._frozen import AS_DICT, FREEZE, FrozenMap
from ._model import Question, Questionnaire
from ._reliability import MISSING_POLICIES, ItemFigures, ItemSums, MissingPolicy, Reliability
from ._result import JsonRecord, QuestionnaireRef, Result, Strength, share
from ._rows import BadRow, Format, Source, check_arguments
from ._version import __version__

STRENGTHS: tuple[Strength, ...] = ("clear", "leaning", "blend", "balanced")
HISTOGRAM_BINS = 10
"""Score histograms have bins of 10 points: 0 to under 10, ..., 90 to 100 (100 included)."""
LITTLE_VARIATION = 0.95
"""An item whose most common answer is this share of its answers or more barely varies."""
MAX_PROBLEMS_KEPT = 20
"""How many rejected rows an analysis quotes (it counts them all)."""


# What an analysis says --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemAnalysis:
    """One item of a style's scale: a question, scored as the points it gave the style."""

    question: str
    answered: int
    """Respondents whose answer the figures use (listwise: the complete respondents)."""
    mean: float | None
    sd: float | None
    item_rest: float | None
    """Its correlation with the sum of the scale's other items."""
    alpha_if_dropped: float | None
    """The scale's alpha without it."""
    modal_points: int
    """The points its answers gave most often."""
    modal_share: float | None
    """The share of its answers that gave ``modal_points``."""
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScaleAnalysis:
    """How reliably a style's items measure it: Cronbach's alpha and its 95 % interval."""

    style: str
    respondents: int
    """The ``n`` of the interval."""
    alpha: float | None
    interval: tuple[float, float] | None
    """Feldt's 95 % confidence interval for alpha."""
    standardized: float | None
    items: tuple[ItemAnalysis, ...]
    left_out: tuple[str, ...]
    """Items left out of alpha: some of their pairs were never answered together."""
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScoreDistribution:
    """How one style's scores (0-100) spread over the cohort."""

    style: str
    mean: float | None
    sd: float | None
    minimum: float | None
    median: float | None
    maximum: float | None
    histogram: tuple[int, ...]
    """Respondents per bin of 10 points (see :data:`HISTOGRAM_BINS`)."""


@dataclass(frozen=True, slots=True)
class DistinctionLeans:
    """On one distinction, how many respondents leaned to each style."""

    distinction: str
    respondents: int
    """Respondents who answered a question on it."""
    leans: Annotated[Mapping[str, int], FREEZE, AS_DICT]
    """Per style (all of them, in order), respondents whose profile leaned to it."""
    no_lean: int
    """Respondents with a tie at the top."""

    def __post_init__(self) -> None:
        if not isinstance(self.leans, FrozenMap):
            object.__setattr__(self, "leans", FrozenMap(self.leans))


@dataclass(frozen=True, slots=True)
class Analysis(JsonRecord):
    """What a cohort's answers say about the cohort and the questionnaire.

    Serialise with :meth:`to_json`; render with :func:`guidestyle.render_analysis`.
    """

    questionnaire: QuestionnaireRef
    library_version: str
    missing: MissingPolicy
    """How missing answers were handled in the reliability figures."""
    respondents: int
    """Rows scored."""
    rejected: int
    """Rows that could not be read or scored, left out of every figure."""
    problems: tuple[str, ...]
    """The first problem of each of the first rejected rows (at most
    :data:`MAX_PROBLEMS_KEPT`), saying how many more the row had."""
    recommendations: Annotated[
        Mapping[str, Annotated[Mapping[Strength, int], AS_DICT]], FREEZE, AS_DICT
    ]
    """Per style, then per strength, how many respondents it was recommended to."""
    scores: tuple[ScoreDistribution, ...]
    distinctions: tuple[DistinctionLeans, ...]
    scales: tuple[ScaleAnalysis, ...]
    warnings: tuple[str, ...] = field(default=())
    """Every scale's and item's warnings, each naming its style and question."""

    def __post_init__(self) -> None:
        if not isinstance(self.recommendations, FrozenMap):
            frozen = FrozenMap((s, FrozenMap(n)) for s, n in self.recommendations.items())
            object.__setattr__(self, "recommendations", frozen)


# Adding up a cohort -----------------------------------------------------------------------


class _Item:
    """A scored question as a tally reads it: the points each of its answers gives."""

    __slots__ = ("_points", "distinction", "id", "maximum", "question", "questionnaire", "width")

    def __init__(self, question: Question, questionnaire: Questionnaire, width: int) -> None:
        self.id = question.id
        self.question = question
        self.questionnaire = questionnaire
        self.distinction = question.expresses
        most = question.maximum_points(questionnaire)
        self.maximum = tuple(most.get(style, 0) for style in questionnaire.styles)
        self.width = width
        self._points: dict[object, tuple[tuple[int, ...], int]] = {}  # its possible answers

    def points(self, answer: object) -> tuple[tuple[int, ...], int]:
        """The points per style a valid (normalised) answer gives; and the same with the
        question's most per style, packed in bit fields ``width`` wide (as the engine
        packs points), to add up a distinction in one addition per question."""
        points = self._points.get(answer)
        if points is None:
            given = self.question.answer_points(answer, self.questionnaire)  # type: ignore[arg-type]
            earned = tuple(given.get(style, 0) for style in self.questionnaire.styles)
            fields = earned + self.maximum
            packed = sum(value << (i * self.width) for i, value in enumerate(fields))
            points = self._points[answer] = (earned, packed)
        return points


@dataclass(frozen=True, slots=True)
class _Layout:
    """What a tally needs to know of its questionnaire: worked out once per questionnaire."""

    ref: QuestionnaireRef
    styles: tuple[str, ...]
    scored: tuple[_Item, ...]
    scales: tuple[tuple[_Item, ...], ...]
    """Per style, in order, its items."""
    most: tuple[int, ...]
    """Per style, the most points one of its items can give."""
    distinctions: tuple[str, ...]
    width: int
    """The width of the bit fields of a distinction's packed sums (see :meth:`_Item.points`)."""


@cache
def _layout_of(questionnaire: Questionnaire) -> _Layout:
    q = questionnaire
    styles = tuple(q.styles)
    questions = [question for question in q.questions if question.scored]
    # the most any field of a distinction's packed sums can reach: every question's most
    most_of_all = sum(max(question.maximum_points(q).values(), default=0) for question in questions)
    width = most_of_all.bit_length() + 1
    scored = tuple(_Item(question, q, width) for question in questions)
    scales = tuple(tuple(item for item in scored if item.maximum[s]) for s in range(len(styles)))
    most = tuple(
        max((item.maximum[s] for item in scale), default=0) for s, scale in enumerate(scales)
    )
    ref = QuestionnaireRef(q.id, q.version, q.digest)
    return _Layout(ref, styles, scored, scales, most, tuple(q.distinctions), width)


class CohortTally:
    """The sums a cohort's :class:`Analysis` is worked out from.

    :meth:`add` scored rows (from ``score_rows``, results, or bad rows, which are counted
    and quoted); ``a + b`` merges the tallies of two parts of a cohort; :meth:`analysis`
    works out the figures. It pickles small (for Dask): sums, never rows.
    """

    def __init__(self, questionnaire: Questionnaire) -> None:
        expect(questionnaire, Questionnaire, "a Questionnaire", "CohortTally(): questionnaire")
        self.questionnaire = questionnaire
        layout = self._layout
        styles = layout.styles
        self.respondents = 0
        self.rejected = 0
        self.problems: list[str] = []
        self.recommendations = {style: dict.fromkeys(STRENGTHS, 0) for style in styles}
        self.scores: list[dict[int, int]] = [{} for _ in styles]
        """Per style, respondents per score in hundredths of a point."""
        self.leans = {d: [0] * (len(styles) + 2) for d in layout.distinctions}
        """Per distinction: respondents leaning to each style, with no lean, and in all."""
        self.items = [
            ItemSums(len(scale), most) if scale else None
            for scale, most in zip(layout.scales, layout.most, strict=True)
        ]

    def add(self, rows: Iterable[ScoredRow | BadRow | Result]) -> CohortTally:
        """Add every row; returns the tally itself."""
        for row in rows:
            if isinstance(row, BadRow):
                self.rejected += 1
                if len(self.problems) < MAX_PROBLEMS_KEPT:
                    first, *others = row.problems
                    more = f" (and {len(others):,} more problems)" if others else ""
                    self.problems.append(f"{first}{more}")
            else:
                self.add_result(row.result if isinstance(row, ScoredRow) else row)
        return self

    def add_result(self, result: Result) -> None:
        """Add one respondent's result (scored against this tally's questionnaire)."""
        layout = self._layout
        if result.questionnaire != layout.ref:
            raise ValueError("the result was scored against another questionnaire")
        self.respondents += 1
        recommendation = result.recommendation
        self.recommendations[recommendation.style][recommendation.strength] += 1
        scores = result.scores
        for style, counts in zip(layout.styles, self.scores, strict=True):
            hundredths = int(scores[style].scaleb(2))
            counts[hundredths] = counts.get(hundredths, 0) + 1
        answers = result.answers
        points: dict[str, tuple[int, ...]] = {}
        by_distinction: dict[str, int] = {}
        for item in layout.scored:
            answer = answers.get(item.id)
            if answer is not None:
                earned, packed = item.points(answer)
                points[item.id] = earned
                by_distinction[item.distinction] = by_distinction.get(item.distinction, 0) + packed
        for s, (scale, sums) in enumerate(zip(layout.scales, self.items, strict=True)):
            if sums is not None:
                sums.add(
                    [p[s] if (p := points.get(item.id)) is not None else None for item in scale]
                )
        count, width = len(layout.styles), layout.width
        mask = (1 << width) - 1
        for distinction, packed in by_distinction.items():
            fields = [(packed >> (i * width)) & mask for i in range(2 * count)]
            tally = self.leans[distinction]
            tally[-1] += 1
            tally[_leader(fields, count)] += 1

    @property
    def _layout(self) -> _Layout:
        layout: _Layout | None = self.__dict__.get("_compiled")
        if layout is None:
            layout = self.__dict__["_compiled"] = _layout_of(self.questionnaire)
        return layout

    def __getstate__(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if key != "_compiled"}

    def __add__(self, other: object) -> CohortTally:
        if not isinstance(other, CohortTally):
            return NotImplemented
        if other.questionnaire.digest != self.questionnaire.digest:
            raise ValueError("only the tallies of the same questionnaire merge")
        merged = CohortTally(self.questionnaire)
        merged.respondents = self.respondents + other.respondents
        merged.rejected = self.rejected + other.rejected
        merged.problems = (self.problems + other.problems)[:MAX_PROBLEMS_KEPT]
        for style, strengths in merged.recommendations.items():
            for strength in strengths:
                strengths[strength] = (
                    self.recommendations[style][strength] + other.recommendations[style][strength]
                )
        merged.scores = [_merged(a, b) for a, b in zip(self.scores, other.scores, strict=True)]
        merged.leans = {
            d: [a + b for a, b in zip(counts, other.leans[d], strict=True)]
            for d, counts in self.leans.items()
        }
        merged.items = [
            a + b if a is not None and b is not None else None
            for a, b in zip(self.items, other.items, strict=True)
        ]
        return merged

    def analysis(self, *, missing: MissingPolicy = "pairwise") -> Analysis:
        """The figures, with missing answers handled ``pairwise`` or ``listwise``."""
        if missing not in MISSING_POLICIES:
            raise ValueError(
                f"unknown missing-data policy {missing!r}; choose pairwise or listwise"
            )
        layout = self._layout
        styles = layout.styles
        scales = tuple(
            _scale(style, scale, sums, missing)
            for style, scale, sums in zip(styles, layout.scales, self.items, strict=True)
        )
        return Analysis(
            questionnaire=layout.ref,
            library_version=__version__,
            missing=missing,
            respondents=self.respondents,
            rejected=self.rejected,
            problems=tuple(self.problems),
            recommendations=self.recommendations,
            scores=tuple(_distribution(s, c) for s, c in zip(styles, self.scores, strict=True)),
            distinctions=tuple(
                DistinctionLeans(
                    distinction=d,
                    respondents=counts[-1],
                    leans=dict(zip(styles, counts, strict=False)),
                    no_lean=counts[len(styles)],
                )
                for d, counts in self.leans.items()
            ),
            scales=scales,
            warnings=tuple(
                f"{scale.style}: {warning}"
                for scale in scales
                for warning in (
                    *scale.warnings,
                    *(f"{item.question}: {w}" for item in scale.items for w in item.warnings),
                )
            ),
        )


def _leader(sums: list[int], count: int) -> int:
    """The style with the highest share of its points on a distinction (as a result's
    profile has it), or ``count`` when there is a tie at the top."""
    best, leader = -1, count
    for i in range(count):
        most = sums[count + i]
        if not most:
            continue
        style_share = share(sums[i], most)
        if style_share > best:
            best, leader = style_share, i
        elif style_share == best:
            leader = count
    return leader


def _merged(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    merged = dict(a)
    for key, count in b.items():
        merged[key] = merged.get(key, 0) + count
    return merged


# The figures ------------------------------------------------------------------------------


def _distribution(style: str, counts: Mapping[int, int]) -> ScoreDistribution:
    """A style's score distribution from respondents per score (in hundredths)."""
    n = sum(counts.values())
    histogram = [0] * HISTOGRAM_BINS
    for hundredths, count in counts.items():
        histogram[min(hundredths * HISTOGRAM_BINS // 10_000, HISTOGRAM_BINS - 1)] += count
    if not n:
        return ScoreDistribution(style, None, None, None, None, None, tuple(histogram))
    values = sorted(counts)
    total = sum(value * count for value, count in counts.items())
    squares = sum((n * value - total) ** 2 * count for value, count in counts.items())
    sd = math.sqrt(squares / (n * n * (n - 1))) / 100 if n > 1 else None  # exact until here
    return ScoreDistribution(
        style=style,
        mean=total / n / 100,
        sd=sd,
        minimum=values[0] / 100,
        median=_median(values, counts, n) / 100,
        maximum=values[-1] / 100,
        histogram=tuple(histogram),
    )


def _median(values: Sequence[int], counts: Mapping[int, int], n: int) -> float:
    """The median of ``n`` numbers given as the sorted distinct ``values`` and their counts."""
    middle = [(n - 1) // 2, n // 2]  # the two middle positions (the same one for odd n)
    found: list[int] = []
    seen = 0
    for value in values:
        seen += counts[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
        if not middle:
            break
    return (found[0] + found[1]) / 2


def _scale(
    style: str, scale: Sequence[_Item], sums: ItemSums | None, missing: MissingPolicy
) -> ScaleAnalysis:
    if sums is None:
        return ScaleAnalysis(style, 0, None, None, None, (), (), ("no question gives it points",))
    figures = sums.reliability(missing)
    warnings = list(_scale_warnings(figures, sums))
    ids = [entry.id for entry in scale]
    items = tuple(
        ItemAnalysis(
            question=entry.id,
            answered=item.answered,
            mean=item.mean,
            sd=item.sd,
            item_rest=item.item_rest,
            alpha_if_dropped=item.alpha_if_dropped,
            modal_points=item.modal_value,
            modal_share=item.modal_share,
            warnings=tuple(_item_warnings(item, _apart(i, figures, sums, ids))),
        )
        for i, (entry, item) in enumerate(zip(scale, figures.item_figures, strict=True))
    )
    return ScaleAnalysis(
        style=style,
        respondents=figures.respondents,
        alpha=figures.alpha,
        interval=figures.interval,
        standardized=figures.standardized,
        items=items,
        left_out=tuple(ids[i] for i in figures.left_out),
        warnings=tuple(warnings),
    )


def _apart(i: int, figures: Reliability, sums: ItemSums, ids: Sequence[str]) -> list[str]:
    """For an item left out of alpha, the items alpha uses that it is never answered with."""
    if i not in figures.left_out:
        return []
    used = [j for j in range(len(ids)) if j not in figures.left_out]
    return [ids[j] for j in used if sums.together(i, j) < 2]


def _scale_warnings(figures: Reliability, sums: ItemSums) -> Iterable[str]:
    if figures.alpha is not None:
        if figures.standardized is None:
            yield (
                "standardised alpha is undefined: for some pair of items, one of them does not "
                "vary among the respondents who answered both"
            )
        return
    if figures.items < 2:
        yield "alpha needs at least two items"
    elif figures.missing == "listwise" and figures.respondents < 2:
        yield (
            f"alpha needs at least two respondents who answered every item; "
            f"{figures.respondents} did (pairwise uses every answer)"
        )
    elif sums.respondents < 2:
        yield f"alpha needs at least two respondents; there were {sums.respondents}"
    else:
        yield "alpha is undefined: the answers to its items do not vary"


def _item_warnings(item: ItemFigures, apart: Sequence[str]) -> Iterable[str]:
    if item.item_rest is not None and item.item_rest < 0:
        yield (
            f"its item-rest correlation is negative ({item.item_rest:.2f}): "
            "are its points given the wrong way round?"
        )
    if item.modal_share is not None and item.modal_share >= LITTLE_VARIATION:
        if item.modal_share == 1:
            yield f"it barely varies: every answer to it gives {item.modal_value} points"
        else:
            yield (
                f"it barely varies: {item.modal_share:.0%} of the answers to it give "
                f"{item.modal_value} points"
            )
    if apart:
        names = ", ".join(apart[:3]) + (f" and {len(apart) - 3} more" if len(apart) > 3 else "")
        yield f"left out of alpha: no two respondents answered both it and {names}"


def analyze(
    questionnaire: Questionnaire,
    source: Source,
    *,
    format: Format | None = None,
    id_column: str | None = None,
    keep: Sequence[str] = (),
    missing: MissingPolicy = "pairwise",
) -> Analysis:
    """Analyse a cohort's answers to ``questionnaire``: the recommendations and their
    strength, the score distributions, the leanings per distinction, and each style's
    reliability (Cronbach's alpha with its 95 % interval, and the item figures).

    ``source``, ``format``, ``id_column`` and ``keep`` are as for :func:`read_rows` (the id
    and kept columns are read, not analysed). A row that cannot
    be read or scored is left out of the figures, counted in ``rejected`` and (the first
    few) quoted in ``problems``. ``missing`` is ``pairwise`` (each covariance from the
    respondents who answered both items, as pingouin and R psych do by default) or
    ``listwise`` (only the respondents who answered every item of a scale).
    """
    check_arguments("analyze()", questionnaire, source, id_column, keep)
    rows = score_rows(questionnaire, source, format=format, id_column=id_column, keep=keep)
    return CohortTally(questionnaire).add(rows).analysis(missing=missing)
