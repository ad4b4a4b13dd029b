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


def paired(*functions: Callable[[], object], repeat: int = 9, budget: float = 0.1) -> list[float]:
    """Seconds per call of each function, timed in turns (one run of each, ``repeat``
    times) so that a busy spell of the machine slows them all alike; the best run of each."""
    timers = [timeit.Timer(function) for function in functions]
    numbers = [max(1, int(timer.autorange()[0] * budget / 0.2)) for timer in timers]
    best = [float("inf")] * len(timers)
    for _ in range(repeat):
        for i, (timer, number) in enumerate(zip(timers, numbers, strict=True)):
            best[i] = min(best[i], timer.timeit(number) / number)
    return best
