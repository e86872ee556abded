"""Generators (生成器).

A function whose body contains ``yield`` is a generator function: calling it runs nothing and
returns a generator. Each ``next(g)`` runs the body up to the next ``yield`` and hands out that
value; the body pauses there, local variables and all, until the next ``next``. A generator
expression ``(x * x for x in xs)`` is the same thing in one line. Both are lazy: they compute
one item when asked, so they can be endless (slice one with ``itertools.islice``) and a chain
of them (a pipeline) handles a huge input in constant memory, where a list would hold it all.

``yield from sub`` yields everything ``sub`` yields and evaluates to the value ``sub`` returns.
``return value`` in a generator ends it: ``StopIteration.value`` carries the value (a ``for``
loop ignores it). ``g.send(x)`` resumes a generator and makes the paused ``yield`` evaluate to
``x``; the first resume must be ``next(g)`` (or ``g.send(None)``), to reach the first ``yield``.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def fib() -> Iterator[int]:
    """Yield the Fibonacci numbers 0, 1, 1, 2, 3, 5, ... without end.

    >>> from itertools import islice
    >>> list(islice(fib(), 8))
    [0, 1, 1, 2, 3, 5, 8, 13]
    """
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def triangles() -> Iterator[list[int]]:
    """Yield the rows of Pascal's triangle (杨辉三角) without end, each row a new list.

    >>> from itertools import islice
    >>> list(islice(triangles(), 4))
    [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1]]
    """
    row = [1]
    while True:
        yield row
        row = [1, *(left + right for left, right in zip(row, row[1:])), 1]


def squares(numbers: Iterable[int]) -> Iterator[int]:
    """Return an iterator over the squares of ``numbers``, computed one at a time when asked
    (a generator expression, not a list), so that ``numbers`` may even be endless.

    >>> list(squares([1, 2, 3]))
    [1, 4, 9]
    """
    return (n * n for n in numbers)


def flatten(items: Iterable[Any]) -> Iterator[Any]:
    """Yield the items of nested iterables depth-first, lazily; strings and bytes are items.

    >>> list(flatten([1, [2, (3, [4])], [], "ab"]))
    [1, 2, 3, 4, 'ab']
    """
    for item in items:
        if isinstance(item, Iterable) and not isinstance(item, (str, bytes)):
            yield from flatten(item)
        else:
            yield item


def counted(items: Iterable[T]) -> Generator[T, None, int]:
    """Yield every item of ``items``, then return how many there were. ``items`` may be a
    one-shot iterator, which has no ``len()``.

    >>> g = counted("ab")
    >>> next(g), next(g)
    ('a', 'b')
    >>> next(g)
    Traceback (most recent call last):
    StopIteration: 2
    """
    count = 0
    for item in items:
        yield item
        count += 1
    return count


def chain_counted(*iterables: Iterable[T]) -> Generator[T, None, list[int]]:
    """Yield the items of each iterable in turn, delegating to ``counted`` with ``yield from``,
    and return the list of the counts that ``counted`` returned.

    >>> g = chain_counted("ab", [], "c")
    >>> [next(g) for _ in range(3)]
    ['a', 'b', 'c']
    >>> next(g)
    Traceback (most recent call last):
    StopIteration: [2, 0, 1]
    """
    counts = []
    for iterable in iterables:
        counts.append((yield from counted(iterable)))
    return counts


def averager() -> Generator[float | None, float, None]:
    """A running-average coroutine: prime it with ``next()`` (which gives None), then each
    ``send(x)`` returns the average of every value sent so far.

    >>> avg = averager()
    >>> next(avg)
    >>> avg.send(10), avg.send(20), avg.send(60)
    (10.0, 15.0, 30.0)
    """
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


def grep(pattern: str, lines: Iterable[str]) -> Iterator[str]:
    """A pipeline stage: lazily yield the lines that contain ``pattern`` (plain text, anywhere
    in the line, not a regular expression), in order and unchanged.

    >>> list(grep("py", ["python", "rust", "pypy"]))
    ['python', 'pypy']
    """
    for line in lines:
        if pattern in line:
            yield line


def count_matches(pattern: str, lines: Iterable[str]) -> int:
    """Count the lines that contain ``pattern`` by pulling them through ``grep`` one by one,
    in constant memory: never hold the lines (or the matches) in a list.

    >>> count_matches("py", ["python", "rust", "pypy"])
    2
    """
    return sum(1 for _ in grep(pattern, lines))
