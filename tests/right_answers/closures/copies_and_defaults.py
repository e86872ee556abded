"""closures, solved another way: a loop for the sum, partial objects as multipliers, a copied
list that place() reads, and compose folded in a loop whose lambdas bind their parts."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any


def lazy_sum(*nums: Any) -> Callable[[], Any]:
    def total() -> Any:
        result = 0
        for num in nums:
            result = result + num
        return result

    return total


def make_counter(start: int = 0) -> Callable[[], int]:
    count = start

    def counter() -> int:
        nonlocal count
        count = count + 1
        return count

    return counter


def make_multipliers(n: int) -> list[Callable[[Any], Any]]:
    return [functools.partial(operator.mul, i) for i in range(n)]


def rank(results: list[tuple[str, int]]) -> Callable[[str], int]:
    snapshot = dict(results)

    def place(name: str) -> int:
        """1 + the number of scores better than name's."""
        mine = snapshot[name]
        return 1 + len([score for score in snapshot.values() if score > mine])

    return place


def key_for(*fields: str) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    wanted = list(fields)
    return lambda row: tuple([row[field] for field in wanted])


def make_clamp(lo: float, hi: float) -> Callable[[float], float]:
    if not lo <= hi:
        raise ValueError(f"empty interval [{lo}, {hi}]")

    def clamp(x: float) -> float:
        """Return the number of [lo, hi] nearest to x."""
        return min(max(x, lo), hi)

    return clamp


def compose(*funcs: Callable[[Any], Any]) -> Callable[[Any], Any]:
    composed = lambda x: x  # noqa: E731
    for func in funcs:
        composed = lambda x, outer=composed, inner=func: outer(inner(x))  # noqa: E731
    return composed
