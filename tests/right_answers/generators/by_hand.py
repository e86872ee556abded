"""generators, solved with index loops, a row updated on a copy and a running mean."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from typing import Any


def fib() -> Iterator[int]:
    yield 0
    previous, current = 0, 1
    while True:
        yield current
        previous, current = current, previous + current


def triangles() -> Iterator[list[int]]:
    row = [1]
    while True:
        yield row
        row = row[:] + [1]
        for i in range(len(row) - 2, 0, -1):
            row[i] += row[i - 1]


def squares(numbers: Iterable[int]) -> Iterator[int]:
    def each() -> Iterator[int]:
        for n in numbers:
            yield n * n

    return each()


def flatten(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, (str, bytes)):
            yield item
            continue
        try:
            inner = iter(item)
        except TypeError:
            yield item
        else:
            for leaf in flatten(inner):
                yield leaf


def counted(items: Iterable[Any]) -> Generator[Any, None, int]:
    n = 0
    for n, item in enumerate(items, start=1):  # noqa: B007
        yield item
    return n


def chain_counted(*iterables: Iterable[Any]) -> Generator[Any, None, list[int]]:
    counts = []
    for iterable in iterables:
        n = yield from counted(iterable)
        counts.append(n)
    return counts


def averager() -> Generator[float | None, float, None]:
    mean: float | None = None
    n = 0
    while True:
        value = yield mean
        n += 1
        mean = value if mean is None else mean + (value - mean) / n
        mean = float(mean)


def grep(pattern: str, lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        if line.count(pattern):
            yield line


def count_matches(pattern: str, lines: Iterable[str]) -> int:
    return sum(map(lambda _: 1, grep(pattern, lines)))
