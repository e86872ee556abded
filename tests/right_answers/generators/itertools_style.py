"""generators, solved with itertools, map, an explicit stack and a list of values in averager."""

from __future__ import annotations

import itertools
from collections.abc import Generator, Iterable, Iterator
from typing import Any


def fib() -> Iterator[int]:
    pair = (0, 1)
    while True:
        yield pair[0]
        pair = (pair[1], sum(pair))


def triangles() -> Iterator[list[int]]:
    row = [1]
    while True:
        yield row
        row = list(map(sum, zip([0, *row], [*row, 0])))


def squares(numbers: Iterable[int]) -> Iterator[int]:
    return map(lambda n: n ** 2, numbers)


def flatten(items: Iterable[Any]) -> Iterator[Any]:
    stack = [iter(items)]
    while stack:
        item = next(stack[-1], stack)  # the stack itself marks "this level is done"
        if item is stack:
            stack.pop()
        elif isinstance(item, (str, bytes)) or not hasattr(type(item), "__iter__"):
            yield item
        else:
            stack.append(iter(item))


def counted(items: Iterable[Any]) -> Generator[Any, None, int]:
    counter = itertools.count(1)
    seen = 0
    for item in items:
        seen = next(counter)
        yield item
    return seen


def chain_counted(*iterables: Iterable[Any]) -> Generator[Any, None, list[int]]:
    counts: list[int] = []
    for iterable in iterables:
        count = yield from counted(iterable)
        counts += [count]
    return counts


def averager() -> Generator[float | None, float, None]:
    values: list[float] = []
    value = yield None
    while True:
        values.append(value)
        value = yield sum(values) / len(values)


def grep(pattern: str, lines: Iterable[str]) -> Iterator[str]:
    yield from (line for line in lines if line.find(pattern) >= 0)


def count_matches(pattern: str, lines: Iterable[str]) -> int:
    count = 0
    for _ in grep(pattern, lines):
        count += 1
    return count
