"""iteration, solved with itertools, operator, map/filter, unpacking and a stack of iterators."""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any

_NOTHING = object()


def split_dict(d: Mapping[Any, Any]) -> tuple[list[Any], list[Any], list[tuple[Any, Any]]]:
    return [*d], [*d.values()], [*d.items()]


def diff_positions(a: Iterable[Any], b: Iterable[Any]) -> list[int]:
    return list(itertools.compress(itertools.count(), map(operator.ne, a, b)))


def is_iterable(obj: object) -> bool:
    method = getattr(type(obj), "__iter__", _NOTHING)
    if method is not _NOTHING:
        return method is not None
    return hasattr(type(obj), "__getitem__")


def min_max(items: Iterable[Any]) -> tuple[Any, Any]:
    iterator = iter(items)
    first = next(iterator, _NOTHING)
    if first is _NOTHING:
        return None, None
    low = high = first
    for item in iterator:
        low = item if item < low else low
        high = item if item > high else high
    return low, high


def pythagorean_triples(n: int) -> list[tuple[int, int, int]]:
    return [(a, b, math.isqrt(a * a + b * b))
            for a in range(1, n) for b in range(a + 1, n)
            if math.isqrt(a * a + b * b) ** 2 == a * a + b * b and math.isqrt(a * a + b * b) <= n]


def invert(d: Mapping[Any, Hashable]) -> dict[Hashable, Any]:
    return {value: key for key, value in zip(d.keys(), d.values())}


def letters_used(words: Iterable[str]) -> set[str]:
    return {ch for word in words for ch in word.lower() if ch.isalpha()}


def lower_strings(items: Iterable[object]) -> list[str]:
    return list(map(str.lower, filter(lambda item: isinstance(item, str), items)))  # type: ignore[arg-type]


def flatten(rows: Iterable[Iterable[Any]]) -> list[Any]:
    return list(itertools.chain.from_iterable(rows))


def deep_flatten(nested: Iterable[Any]) -> list[Any]:
    flat: list[Any] = []
    stack: list[Iterator[Any]] = [iter(nested)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, (list, tuple)):
                stack.append(iter(item))
                break
            flat.append(item)
        else:
            stack.pop()
    return flat


def pass_fail(scores: Iterable[float], pass_mark: float = 60) -> list[str]:
    return [("fail", "pass")[score >= pass_mark] for score in scores if not score < 0]
