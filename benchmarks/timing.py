"""Best-of-N timing for the benchmarks: a noisy shared machine only ever adds time."""

from __future__ import annotations

import timeit
from collections.abc import Callable


def per_call(function: Callable[[], object], *, repeat: int = 7, budget: float = 0.2) -> float:
    """Seconds per call: the best of ``repeat`` runs, each sized to take about ``budget``."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    number = max(1, int(number * budget / 0.2))
    return min(timer.repeat(repeat=repeat, number=number)) / number


def microseconds(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} µs"
