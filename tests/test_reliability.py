"""Cronbach's alpha and its item figures, against pingouin, numpy and pandas.

pingouin (and numpy, pandas and scipy, which it brings) are test-only: the figures are
computed in pure Python, and the tests that compare with them skip where pingouin is not
installed (the others run).
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidestyle._reliability import ItemSums, Reliability, f_isf

from .conftest import Lazily

pg: Any = Lazily("pingouin")
np: Any = Lazily("numpy")
pd: Any = Lazily("pandas")
scipy_stats: Any = Lazily("scipy.stats")


def sums_of(rows: Sequence[Sequence[int | None]], most: int) -> ItemSums:
    sums = ItemSums(len(rows[0]), most)
    for row in rows:
        sums.add(row)
    return sums


def rows_of(frame: Any) -> list[list[int | None]]:
    return [
        [None if math.isnan(value) else int(value) for value in row]
        for row in frame.to_numpy(dtype=float)
    ]


def pingouin_datasets() -> dict[str, Any]:
    long = pg.read_dataset("cronbach_alpha")
    return {
        "cronbach_alpha": long.pivot(index="Subj", columns="Items", values="Scores"),
        "cronbach_wide_missing": pg.read_dataset("cronbach_wide_missing"),
    }


def feldt(alpha: float, n: int, k: int) -> tuple[float, float]:
    """pingouin's own formula for its interval, before it rounds it to three decimals."""
    f = scipy_stats.f
    return (
        1 - (1 - alpha) * f.isf(0.025, n - 1, (n - 1) * (k - 1)),
        1 - (1 - alpha) * f.isf(0.975, n - 1, (n - 1) * (k - 1)),
    )


@pytest.mark.slow  # against pingouin or scipy, whose import alone takes ~1.5 s
@pytest.mark.parametrize("name", ["cronbach_alpha", "cronbach_wide_missing"])
def test_alpha_and_interval_equal_pingouins_pairwise(name: str) -> None:
    frame = pingouin_datasets()[name]
    figures = sums_of(rows_of(frame), 10).reliability()
    alpha, interval = pg.cronbach_alpha(data=frame)  # pairwise is pingouin's default
    assert figures.alpha == pytest.approx(alpha, abs=1e-9)
    assert figures.interval is not None
    # pingouin rounds its interval to three decimals; its unrounded figures are its formula
    assert [round(bound, 3) for bound in figures.interval] == pytest.approx(interval, abs=1e-9)
    n, k = frame.shape
    assert figures.interval == pytest.approx(feldt(alpha, n, k), abs=1e-9)
    assert figures.respondents == n


@pytest.mark.slow  # against pingouin or scipy, whose import alone takes ~1.5 s
def test_pingouins_documented_figures() -> None:
    """The values pingouin's documentation shows for its datasets."""
    frames = pingouin_datasets()
    likert = sums_of(rows_of(frames["cronbach_alpha"]), 10).reliability()
    binary = sums_of(rows_of(frames["cronbach_wide_missing"]), 1)
    assert likert.alpha == pytest.approx(0.5917188485995826, abs=1e-12)
    assert binary.reliability().alpha == pytest.approx(0.732660835214447, abs=1e-12)
    assert binary.reliability("listwise").alpha == pytest.approx(0.8016949152542373, abs=1e-12)


@pytest.mark.slow  # against pingouin or scipy, whose import alone takes ~1.5 s
def test_listwise_is_pingouin_on_the_complete_rows() -> None:
    """Listwise, alpha equals pingouin's; the interval counts the complete rows as the
    respondents (pingouin and psych keep counting every row), so it equals pingouin's on
    the complete rows alone."""
    frame = pingouin_datasets()["cronbach_wide_missing"]
    figures = sums_of(rows_of(frame), 1).reliability("listwise")
    alpha, _ = pg.cronbach_alpha(data=frame, nan_policy="listwise")
    complete = frame.dropna()
    complete_alpha, complete_interval = pg.cronbach_alpha(data=complete)
    assert figures.alpha == pytest.approx(alpha, abs=1e-9)
    assert figures.alpha == pytest.approx(complete_alpha, abs=1e-9)
    assert figures.respondents == len(complete) == 9
    assert figures.interval is not None
    assert [round(bound, 3) for bound in figures.interval] == pytest.approx(
        complete_interval, abs=1e-9
    )
    assert figures.interval == pytest.approx(feldt(alpha, 9, frame.shape[1]), abs=1e-9)


def correlated_items(rows: int, items: int, most: int, seed: int) -> Any:
    """Integer items 0..most that share a common factor (so alpha is well above 0), with
    one item keyed the other way."""
    rng = np.random.default_rng(seed)
    factor = rng.normal(size=(rows, 1))
    noise = rng.normal(size=(rows, items))
    raw = factor + noise
    raw[:, -1] = -raw[:, -1]
    scaled = (raw - raw.min()) / (raw.max() - raw.min()) * most
    return np.rint(scaled).astype(int)


def assert_matches_numpy(figures: Reliability, data: Any) -> None:
    k = data.shape[1]
    covariance = np.cov(data, rowvar=False)
    total = data.sum(axis=1)
    expected_alpha = k / (k - 1) * (1 - np.trace(covariance) / covariance.sum())
    assert figures.alpha == pytest.approx(expected_alpha, abs=1e-12)
    correlation = np.corrcoef(data, rowvar=False)
    mean_r = correlation[~np.eye(k, dtype=bool)].mean()
    assert figures.standardized == pytest.approx(k * mean_r / (1 + (k - 1) * mean_r), abs=1e-12)
    for i, item in enumerate(figures.item_figures):
        column = data[:, i]
        rest = total - column
        others = np.delete(np.delete(covariance, i, axis=0), i, axis=1)
        dropped = (k - 1) / (k - 2) * (1 - np.trace(others) / others.sum())
        assert item.answered == len(column)
        assert item.mean == pytest.approx(column.mean(), abs=1e-12)
        assert item.sd == pytest.approx(column.std(ddof=1), abs=1e-12)
        assert item.item_rest == pytest.approx(np.corrcoef(column, rest)[0, 1], abs=1e-12)
        assert item.alpha_if_dropped == pytest.approx(dropped, abs=1e-12)
        values, counts = np.unique(column, return_counts=True)
        assert item.modal_value == values[np.argmax(counts)]
        assert item.modal_share == pytest.approx(counts.max() / len(column), abs=1e-15)


def test_item_figures_equal_a_direct_numpy_computation() -> None:
    data = correlated_items(rows=300, items=6, most=4, seed=11)
    figures = sums_of(data.tolist(), 4).reliability()
    assert_matches_numpy(figures, data)
    assert figures.item_figures[-1].item_rest is not None
    assert figures.item_figures[-1].item_rest < 0  # the reversed item


def test_figures_hold_past_a_flush_of_the_packed_sums() -> None:
    data = correlated_items(rows=9000, items=4, most=10, seed=3)  # two flushes and a part
    sums = sums_of(data.tolist(), 10)
    figures = sums.reliability()
    assert_matches_numpy(figures, data)
    # with nothing missing, listwise and pairwise are the same figures
    assert sums.reliability("listwise") == replace(figures, missing="listwise")


def with_gaps(data: Any, seed: int) -> list[list[int | None]]:
    rng = np.random.default_rng(seed)
    gaps = rng.random(data.shape) < 0.15
    return [
        [None if gap else int(value) for value, gap in zip(row, gap_row, strict=True)]
        for row, gap_row in zip(data, gaps, strict=True)
    ]


@pytest.mark.slow  # against pingouin or scipy, whose import alone takes ~1.5 s
def test_pairwise_figures_equal_pandas_pairwise_covariances() -> None:
    rows = with_gaps(correlated_items(rows=5000, items=5, most=3, seed=5), seed=6)
    figures = sums_of(rows, 3).reliability()
    frame = pd.DataFrame(rows, dtype=float)
    covariance = frame.cov().to_numpy()
    k = frame.shape[1]
    assert figures.alpha == pytest.approx(
        k / (k - 1) * (1 - np.trace(covariance) / covariance.sum()), abs=1e-12
    )
    alpha, interval = pg.cronbach_alpha(data=frame)
    assert figures.alpha == pytest.approx(alpha, abs=1e-9)
    assert figures.interval is not None
    assert [round(bound, 3) for bound in figures.interval] == pytest.approx(interval, abs=1e-9)
    correlation = frame.corr().to_numpy()
    mean_r = correlation[~np.eye(k, dtype=bool)].mean()
    assert figures.standardized == pytest.approx(k * mean_r / (1 + (k - 1) * mean_r), abs=1e-12)
    for i, item in enumerate(figures.item_figures):
        rest_covariance = covariance[i].sum() - covariance[i, i]
        others = np.delete(np.delete(covariance, i, axis=0), i, axis=1)
        expected = rest_covariance / math.sqrt(covariance[i, i] * others.sum())
        assert item.answered == frame[i].count()
        assert item.mean == pytest.approx(frame[i].mean(), abs=1e-12)
        assert item.sd == pytest.approx(frame[i].std(), abs=1e-12)
        assert item.item_rest == pytest.approx(expected, abs=1e-12)
        dropped = (k - 1) / (k - 2) * (1 - np.trace(others) / others.sum())
        assert item.alpha_if_dropped == pytest.approx(dropped, abs=1e-12)
    listwise = sums_of(rows, 3).reliability("listwise")
    complete = frame.dropna().to_numpy(dtype=int)
    assert listwise.respondents == len(complete)
    assert_matches_numpy(replace(listwise, item_figures=()), complete)
    assert listwise.alpha == pytest.approx(pg.cronbach_alpha(data=frame.dropna())[0], abs=1e-9)


@pytest.mark.slow  # against pingouin or scipy, whose import alone takes ~1.5 s
@pytest.mark.parametrize("q", [0.025, 0.975, 0.5, 1e-6])
@pytest.mark.parametrize(
    ("d1", "d2"), [(1, 1), (2, 3), (9, 90), (149, 596), (999, 19_980), (99_999, 1_999_980)]
)
def test_f_quantiles_equal_scipys(q: float, d1: int, d2: int) -> None:
    assert f_isf(q, d1, d2) == pytest.approx(scipy_stats.f.isf(q, d1, d2), rel=1e-10)


rows_strategy = st.lists(
    st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=3, max_size=3),
    min_size=0,
    max_size=40,
)


@given(rows_strategy, st.integers(0, 40))
def test_sums_of_two_parts_merge_into_the_sums_of_the_whole(
    rows: list[list[int | None]], cut: int
) -> None:
    whole, first, second = ItemSums(3, 4), ItemSums(3, 4), ItemSums(3, 4)
    for position, row in enumerate(rows):
        whole.add(row)
        (first if position < cut else second).add(row)
    merged = first + second
    assert merged == whole
    assert pickle.loads(pickle.dumps(merged)) == whole
    assert merged.reliability() == whole.reliability()


def test_undefined_figures_are_none() -> None:
    one = sums_of([[1, 2, 3]], 3).reliability()
    assert (one.alpha, one.interval, one.standardized) == (None, None, None)
    assert one.item_figures[0].sd is None
    constant = sums_of([[1, 2, 0], [1, 0, 2], [1, 1, 1]], 2).reliability()
    assert constant.item_figures[0].sd == 0
    assert constant.item_figures[0].item_rest is None  # no variance to correlate
    assert constant.item_figures[0].modal_share == 1
    assert constant.standardized is None


def test_values_outside_the_scale_are_refused() -> None:
    sums = ItemSums(2, 4)
    with pytest.raises(ValueError, match=r"^item 1: 5 points is outside 0 to 4$"):
        sums.add([1, 5])
    with pytest.raises(ValueError, match=r"^expected 2 values, got 3$"):
        sums.add([1, 2, 3])
    with pytest.raises(ValueError, match=r"^only the sums of the same scale merge$"):
        sums + ItemSums(2, 3)


@pytest.mark.slow  # against pingouin or scipy, whose import alone takes ~1.5 s
def test_items_never_answered_together_are_left_out_until_alpha_is_defined() -> None:
    """Item 3 is answered only where item 2 is not (questions under exclusive conditions):
    item 3, answered less, is left out, and alpha is that of the other three."""
    data = correlated_items(rows=400, items=4, most=4, seed=8)
    rows: list[list[int | None]] = [
        [*row[:2], row[2], None] if position % 3 else [*row[:2], None, row[3]]
        for position, row in enumerate(data.tolist())
    ]
    sums = sums_of(rows, 4)
    figures = sums.reliability()
    assert figures.left_out == (3,)
    assert figures.items == 3
    assert sums.together(2, 3) == 0
    frame = pd.DataFrame(rows, dtype=float)
    alpha, interval = pg.cronbach_alpha(data=frame.drop(columns=[3]))
    assert figures.alpha == pytest.approx(alpha, abs=1e-9)
    assert figures.interval is not None
    assert [round(bound, 3) for bound in figures.interval] == pytest.approx(interval, abs=1e-9)
    assert figures.item_figures[3].item_rest is None
    assert figures.item_figures[3].mean == pytest.approx(frame[3].mean(), abs=1e-12)
    assert sums.reliability("listwise").alpha is None  # nobody answered all four
