"""closures, solved another way: lambdas where they fit, the parameter itself as the count, a
factory per multiplier, places from one sorted pass, and compose as one lambda over reduce."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def lazy_sum(*nums: Any) -> Callable[[], Any]:
    return lambda: sum(nums)


def make_counter(start: int = 0) -> Callable[[], int]:
    def counter() -> int:
        nonlocal start
        start += 1
        return start

    return counter


def _times(i: int) -> Callable[[Any], Any]:
    return lambda x: i * x


def make_multipliers(n: int) -> list[Callable[[Any], Any]]:
    return [_times(i) for i in range(n)]


def rank(results: list[tuple[str, int]]) -> Callable[[str], int]:
    ordered = sorted(results, key=lambda pair: pair[1], reverse=True)
    places: dict[str, int] = {}
    previous = None
    for position, (name, score) in enumerate(ordered, start=1):
        if score != previous:
            current, previous = position, score
        places[name] = current
    return lambda name: places[name]


def key_for(*fields: str) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    return lambda row: tuple(map(row.__getitem__, fields))


def make_clamp(lo: float, hi: float) -> Callable[[float], float]:
    if hi < lo:
        raise ValueError("the lower bound is above the upper one")

    def clamp(x: float) -> float:
        """Limit x to [lo, hi]."""
        if x < lo:
            return lo
        if x > hi:
            return hi
        return x

    return clamp


def compose(*funcs: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda x: functools.reduce(lambda value, func: func(value), reversed(funcs), x)
