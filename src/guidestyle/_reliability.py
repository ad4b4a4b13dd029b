"""The reliability of a scale, from sums that merge: Cronbach's alpha and its item figures.

A scale is ``k`` items, each a whole number of points per respondent, or missing. Every
figure here is worked out from :class:`ItemSums`: counts, sums, sums of squares and sums of
products. Sums of integers are exact, so the covariances are exact fractions, rounded to a
float once at the end, with none of the cancellation a one-pass float sum of squares
suffers. Sums from different parts of a cohort merge by addition (``+``), so the same
figures come from one process or from a Dask reduction over partitions.

Missing answers are handled as pingouin's ``cronbach_alpha`` and R psych's ``alpha`` do:

* ``pairwise`` (the default): each covariance from the respondents who answered both of
  its items, as ``pandas.DataFrame.cov`` does;
* ``listwise``: only the respondents who answered every item.

The interval is Feldt's (Feldt 1965; Feldt, Woodruff & Salih 1987), as pingouin computes it,
with the F quantiles worked out here (:func:`f_isf`), in pure Python.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal, NamedTuple, TypeVar

MissingPolicy = Literal["pairwise", "listwise"]
"""How missing answers are handled; see the module's docstring."""

MISSING_POLICIES: tuple[MissingPolicy, ...] = ("pairwise", "listwise")

_FLUSH = 4096
"""Respondents added up in packed integers before they are moved into plain sums."""


class ItemSums:
    """The sufficient statistics of ``items`` items scored 0 to ``most`` points.

    :meth:`add` one respondent at a time; ``a + b`` merges two parts; :meth:`reliability`
    works out the figures. Pickles (for Dask) as plain lists of integers.

    Respondents who answered every item (*complete*) are summed apart from the others,
    which is all the listwise figures need; the pairwise figures add the two.
    """

    __slots__ = (
        "_complete_packed",
        "_incomplete_packed",
        "_pending",
        "_shifts",
        "_sum_packed",
        "_width",
        "complete",
        "complete_products",
        "complete_sums",
        "counts",
        "items",
        "most",
        "pair_counts",
        "pair_products",
        "pair_squares",
        "pair_sums",
        "respondents",
        "values",
    )

    def __init__(self, items: int, most: int) -> None:
        if items < 1 or most < 0:
            raise ValueError("a scale has at least one item, each scored 0 or more points")
        self.items = items
        self.most = most
        self.respondents = 0
        """Everyone added, whatever they answered."""
        self.complete = 0
        """Respondents who answered every item."""
        k = items
        self.complete_sums = [0] * k
        self.complete_products = [0] * (k * k)
        """Row-major ``k`` by ``k``: sum of item i times item j over complete respondents."""
        # the incomplete respondents, per pair (i, j): how many answered both, and over
        # those, the sum and sum of squares of item i, and the sum of products
        self.pair_counts = [0] * (k * k)
        self.pair_sums = [0] * (k * k)
        self.pair_squares = [0] * (k * k)
        self.pair_products = [0] * (k * k)
        self.values: list[dict[int, int]] = [{} for _ in range(k)]
        """Per item, how many respondents gave each number of points."""
        self.counts = [0] * k
        """Per item, how many respondents answered it."""
        self._start_packing()

    # Adding up ------------------------------------------------------------------------
    #
    # Between flushes, each item's sums live in one integer, a bit field per item they pair
    # with (as the engine packs points; no field is wide enough to carry into the next).
    # A respondent then costs one integer addition per item they answered, not one per pair.

    def _start_packing(self) -> None:
        k = self.items
        self._width = (_FLUSH * max(self.most, 1) ** 2).bit_length() + 1
        self._shifts = [j * self._width for j in range(k)]
        self._pending = 0
        self._sum_packed = 0
        self._complete_packed = [0] * k
        # per item: counts, then sums, squares and products, k fields each
        self._incomplete_packed = [0] * k

    def add(self, values: Sequence[int | None]) -> None:
        """One respondent's points on each item, ``None`` where they did not answer it."""
        if len(values) != self.items:
            raise ValueError(f"expected {self.items} values, got {len(values)}")
        shifts, most = self._shifts, self.most
        present = 0
        packed = 0
        mask = 0
        by_value: dict[int, list[int]] = {}
        for i, value in enumerate(values):
            if value is None:
                continue
            if not 0 <= value <= most:
                raise ValueError(f"item {i}: {value} points is outside 0 to {most}")
            present += 1
            packed += value << shifts[i]
            mask += 1 << shifts[i]
            by_value.setdefault(value, []).append(i)
            self.counts[i] += 1
            tally = self.values[i]
            tally[value] = tally.get(value, 0) + 1
        self.respondents += 1
        if present == self.items:
            self.complete += 1
            self._sum_packed += packed
            complete = self._complete_packed
            for value, indices in by_value.items():
                if value:
                    product = value * packed
                    for i in indices:
                        complete[i] += product
        elif present:
            field = self.items * self._width
            linear = (mask << field) + (packed << 3 * field)
            square = mask << 2 * field
            incomplete = self._incomplete_packed
            for value, indices in by_value.items():
                update = mask + value * linear + value * value * square
                for i in indices:
                    incomplete[i] += update
        self._pending += 1
        if self._pending == _FLUSH:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        k = self.items
        mask = (1 << self._width) - 1

        def fields(packed: int, count: int) -> list[int]:
            numbers = []
            for _ in range(count):
                numbers.append(packed & mask)
                packed >>= self._width
            return numbers

        for j, total in enumerate(fields(self._sum_packed, k)):
            self.complete_sums[j] += total
        for i in range(k):
            row = i * k
            for j, total in enumerate(fields(self._complete_packed[i], k)):
                self.complete_products[row + j] += total
            sums = fields(self._incomplete_packed[i], 4 * k)
            for j in range(k):
                self.pair_counts[row + j] += sums[j]
                self.pair_sums[row + j] += sums[k + j]
                self.pair_squares[row + j] += sums[2 * k + j]
                self.pair_products[row + j] += sums[3 * k + j]
        self._start_packing()

    def together(self, i: int, j: int) -> int:
        """How many respondents answered both item ``i`` and item ``j``."""
        self._flush()
        return self.complete + self.pair_counts[i * self.items + j]

    # Merging and pickling -------------------------------------------------------------

    def __add__(self, other: object) -> ItemSums:
        if not isinstance(other, ItemSums):
            return NotImplemented
        if (other.items, other.most) != (self.items, self.most):
            raise ValueError("only the sums of the same scale merge")
        self._flush()
        other._flush()
        merged = ItemSums(self.items, self.most)
        merged.respondents = self.respondents + other.respondents
        merged.complete = self.complete + other.complete
        for name in _LISTS:
            setattr(
                merged,
                name,
                [a + b for a, b in zip(getattr(self, name), getattr(other, name), strict=True)],
            )
        merged.values = [
            _merged_counts(a, b) for a, b in zip(self.values, other.values, strict=True)
        ]
        return merged

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ItemSums):
            return NotImplemented
        return self.__getstate__() == other.__getstate__()

    __hash__ = None  # type: ignore[assignment]  # it changes as respondents are added

    def __getstate__(self) -> dict[str, Any]:
        self._flush()
        return {name: getattr(self, name) for name in _STATE}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in _STATE:
            setattr(self, name, state[name])
        self._start_packing()

    # The figures ----------------------------------------------------------------------

    def reliability(self, missing: MissingPolicy = "pairwise", level: float = 0.95) -> Reliability:
        """Alpha, its interval at ``level``, standardised alpha and the item figures."""
        if missing not in MISSING_POLICIES:
            raise ValueError(f"unknown missing-data policy {missing!r}")
        self._flush()
        pairs = self._pairs(missing)
        covariance = [_covariance(pair) for pair in pairs]
        used = self._usable(covariance, missing)
        cells = _square(covariance, used)
        # pingouin and psych give the interval the number of rows; listwise, only the
        # complete rows are analysed, so they are the respondents counted
        respondents = self.respondents if missing == "pairwise" else self.complete
        alpha = _alpha(cells)
        interval = (
            feldt_interval(float(alpha), respondents, len(used), level)
            if alpha is not None and respondents >= 2
            else None
        )
        correlation = _square([_correlation(pair) for pair in pairs], used)
        return Reliability(
            missing=missing,
            respondents=respondents,
            items=len(used),
            left_out=tuple(i for i in range(self.items) if i not in used),
            alpha=_float(alpha),
            interval=interval,
            level=level,
            standardized=_standardized(correlation),
            item_figures=tuple(self._item(i, covariance, used, missing) for i in range(self.items)),
        )

    def _usable(self, covariance: list[Fraction | None], missing: MissingPolicy) -> list[int]:
        """The items alpha can use: all of them unless some pairs were never answered
        together (questions shown under exclusive conditions, say), when the item with the
        most such pairs (then the least answered, then the last) is left out, until none is."""
        k = self.items
        used = list(range(k))
        if missing == "listwise" or None not in covariance:
            return used  # listwise, every pair has the same respondents: all or none
        while len(used) > 1:
            undefined = {i: sum(covariance[i * k + j] is None for j in used) for i in used}
            worst = max(used, key=lambda i: (undefined[i], -self.counts[i], i))
            if not undefined[worst]:
                break
            used.remove(worst)
        return used

    def _pairs(self, missing: MissingPolicy) -> list[_Pair]:
        """Per pair of items (i, j), row-major, the sums over the respondents it uses."""
        k, n = self.items, self.complete
        sums, products = self.complete_sums, self.complete_products
        pairs = []
        for i in range(k):
            for j in range(k):
                ij, ji = i * k + j, j * k + i
                pair = _Pair(
                    n, sums[i], sums[j], products[i * k + i], products[j * k + j], products[ij]
                )
                if missing == "pairwise":
                    pair = _Pair(
                        pair.respondents + self.pair_counts[ij],
                        pair.sum_i + self.pair_sums[ij],
                        pair.sum_j + self.pair_sums[ji],
                        pair.squares_i + self.pair_squares[ij],
                        pair.squares_j + self.pair_squares[ji],
                        pair.products + self.pair_products[ij],
                    )
                pairs.append(pair)
        return pairs

    def _item(
        self, i: int, covariance: list[Fraction | None], used: list[int], missing: MissingPolicy
    ) -> ItemFigures:
        k = self.items
        if missing == "pairwise":
            answered = self.counts[i]
            total = self.complete_sums[i] + self.pair_sums[i * k + i]
        else:
            answered, total = self.complete, self.complete_sums[i]
        modal_value, modal_count = max(
            self.values[i].items(), key=lambda item: (item[1], -item[0]), default=(0, 0)
        )
        variance = covariance[i * k + i]
        rest = dropped = None
        cells = _square(covariance, used)
        if variance is not None and cells is not None and i in used:
            others = [j for j in used if j != i]
            with_rest = sum((covariance[i * k + j] or 0 for j in others), Fraction(0))
            rest_cells = _square(covariance, others) or [[Fraction(0)]]
            rest_variance = sum((sum(row) for row in rest_cells), Fraction(0))
            if variance > 0 and rest_variance > 0:
                rest = float(with_rest) / math.sqrt(float(variance) * float(rest_variance))
            if len(used) > 2:
                dropped = _float(_alpha(rest_cells))
        return ItemFigures(
            answered=answered,
            mean=total / answered if answered else None,
            sd=math.sqrt(variance) if variance is not None else None,
            item_rest=rest,
            alpha_if_dropped=dropped,
            modal_value=modal_value,
            modal_share=modal_count / self.counts[i] if self.counts[i] else None,
        )


_LISTS = (
    "complete_sums",
    "complete_products",
    "pair_counts",
    "pair_sums",
    "pair_squares",
    "pair_products",
    "counts",
)
_STATE = ("items", "most", "respondents", "complete", *_LISTS, "values")


def _merged_counts(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    merged = dict(a)
    for value, count in b.items():
        merged[value] = merged.get(value, 0) + count
    return dict(sorted(merged.items()))


class _Pair(NamedTuple):
    """Sums over the respondents whose answers to items i and j a figure uses."""

    respondents: int
    sum_i: int
    sum_j: int
    squares_i: int
    squares_j: int
    products: int


def _covariance(pair: _Pair) -> Fraction | None:
    """The sample covariance (n - 1 in the denominator), exactly; ``None`` below two."""
    n = pair.respondents
    if n < 2:
        return None
    return Fraction(n * pair.products - pair.sum_i * pair.sum_j, n * (n - 1))


def _correlation(pair: _Pair) -> float | None:
    """Pearson's r over the respondents of the pair (as ``pandas.DataFrame.corr``)."""
    n, sum_i, sum_j = pair.respondents, pair.sum_i, pair.sum_j
    spread = (n * pair.squares_i - sum_i * sum_i) * (n * pair.squares_j - sum_j * sum_j)
    if n < 2 or spread <= 0:
        return None
    return (n * pair.products - sum_i * sum_j) / math.sqrt(spread)


T = TypeVar("T", Fraction, float)


def _square(cells: list[T | None], indices: Sequence[int]) -> list[list[T]] | None:
    """The rows and columns ``indices`` of the square matrix ``cells`` (row-major), or
    ``None`` if any of them is undefined."""
    k = math.isqrt(len(cells))
    square = [[cells[a * k + b] for b in indices] for a in indices]
    if any(cell is None for row in square for cell in row):
        return None
    return square  # type: ignore[return-value]  # no None left in it


def _alpha(covariance: list[list[Fraction]] | None) -> Fraction | None:
    """Cronbach's alpha of a covariance matrix: k/(k-1) (1 - trace / sum), exactly."""
    if covariance is None:
        return None
    k = len(covariance)
    total = sum((sum(row, Fraction(0)) for row in covariance), Fraction(0))
    if k < 2 or total == 0:
        return None
    trace = sum((covariance[i][i] for i in range(k)), Fraction(0))
    return Fraction(k, k - 1) * (1 - trace / total)


def _standardized(correlation: list[list[float]] | None) -> float | None:
    """Alpha from the mean correlation between items, r: k r / (1 + (k - 1) r)."""
    if correlation is None or len(correlation) < 2:
        return None
    k = len(correlation)
    mean = math.fsum(correlation[i][j] for i in range(k) for j in range(k) if i != j) / (
        k * (k - 1)
    )
    denominator = 1 + (k - 1) * mean
    return k * mean / denominator if denominator else None


def _float(value: Fraction | None) -> float | None:
    return float(value) if value is not None else None


@dataclass(frozen=True, slots=True)
class ItemFigures:
    """One item of a scale."""

    answered: int
    """Respondents whose answer to it the figures use."""
    mean: float | None
    sd: float | None
    """Its standard deviation (n - 1 in the denominator)."""
    item_rest: float | None
    """Its correlation with the sum of the other items (from the covariances)."""
    alpha_if_dropped: float | None
    """Alpha of the scale without it; ``None`` for a scale of two items."""
    modal_value: int
    """The points given most often (the lower on a tie)."""
    modal_share: float | None
    """The share of the answers to it that gave ``modal_value``."""


@dataclass(frozen=True, slots=True)
class Reliability:
    """Cronbach's alpha of a scale and its items; ``None`` where a figure is undefined."""

    missing: MissingPolicy
    respondents: int
    """The ``n`` of the interval: every respondent pairwise, the complete ones listwise."""
    items: int
    """The items alpha uses: all of them but ``left_out``."""
    left_out: tuple[int, ...]
    """Items left out of alpha because some of their pairs were never answered together
    (pairwise only: there is no covariance for such a pair)."""
    alpha: float | None
    interval: tuple[float, float] | None
    """Feldt's interval for alpha at ``level``."""
    level: float
    standardized: float | None
    """Alpha from the correlations between items, as if each were scaled to variance 1."""
    item_figures: tuple[ItemFigures, ...]


# Feldt's interval ------------------------------------------------------------------------


def feldt_interval(
    alpha: float, respondents: int, items: int, level: float = 0.95
) -> tuple[float, float]:
    """Feldt's interval for alpha: 1 - (1 - alpha) F, with F the upper and lower quantiles
    of the F distribution on n - 1 and (n - 1)(k - 1) degrees of freedom."""
    tail = (1 - level) / 2
    first = respondents - 1
    second = first * (items - 1)
    lower = 1 - (1 - alpha) * f_isf(tail, first, second)
    upper = 1 - (1 - alpha) * f_isf(1 - tail, first, second)
    return lower, upper


def f_isf(q: float, d1: float, d2: float) -> float:
    """The value an F(d1, d2) variable exceeds with probability ``q`` (``scipy.stats.f.isf``).

    F exceeds f with probability I_y(d2/2, d1/2), y = d2 / (d2 + d1 f): the inverse of the
    regularised incomplete beta function, found by Newton's method inside a bisection
    bracket, gives y and so f.
    """
    if not 0 < q < 1:
        raise ValueError("the probability must lie strictly between 0 and 1")
    y = _beta_inverse(q, d2 / 2, d1 / 2)
    return d2 * (1 - y) / (d1 * y)


def _beta_inverse(p: float, a: float, b: float) -> float:
    """The y in (0, 1) with I_y(a, b) = p."""
    low, high = 0.0, 1.0
    y = 0.5
    log_beta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    for _ in range(200):  # each step at least halves the bracket or is a converging Newton step
        error = regularized_beta(y, a, b) - p
        if error == 0:
            return y
        if error > 0:
            high = y
        else:
            low = y
        density = math.exp((a - 1) * math.log(y) + (b - 1) * math.log1p(-y) - log_beta)
        step = y - error / density if density > 0 else math.nan
        if not low < step < high:
            step = (low + high) / 2
        if abs(step - y) <= 1e-16 * max(y, 1e-300) or high - low <= 1e-17:
            return step
        y = step
    return y


def regularized_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b), by its continued fraction (evaluated with Lentz's method)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        a * math.log(x)
        + b * math.log1p(-x)
        - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    )
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(x, a, b) / a
    return 1 - front * _beta_fraction(1 - x, b, a) / b


def _beta_fraction(x: float, a: float, b: float) -> float:
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    fraction = d
    # it converges in about sqrt(max(a, b)) steps; the bound covers a billion respondents
    for m in range(1, 1_000_000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            fraction *= c * d
        if abs(c * d - 1) < 1e-16:
            break
    return fraction
