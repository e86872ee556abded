"""Iterators (迭代器).

An iterable is anything ``for`` can loop over: ``iter(x)`` gives it an iterator (lists, strings,
dicts, ranges, ...). An iterator is the cursor itself: ``next(it)`` returns the next item or
raises ``StopIteration``, and stays exhausted after that. Every iterator is also iterable, since
its ``__iter__`` returns itself (``iter(it) is it``), which is why a generator, a file or
``iter(a_list)`` can be walked only once while a list can be walked again and again: each
``iter(a_list)`` is a fresh cursor. ``collections.abc.Iterable`` and ``Iterator`` tell them apart.

A class becomes an iterator with ``__iter__`` (return self) and ``__next__``; a class that
should be looped over many times gives a fresh iterator from each ``__iter__`` call instead.
``iter(func, sentinel)`` calls ``func()`` for each item until it returns the sentinel, and
``itertools.islice(it, n)`` takes up to n items of an iterator without reading further.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from typing import IO, Any, Final, Generic, TypeVar

T = TypeVar("T")

_MISSING: Final = object()  # "no default given", distinct from every value, None included


def kind(obj: object) -> str:
    """Return "iterator" if ``obj`` is an iterator, "iterable" if it is iterable but not an
    iterator, and "neither" otherwise (ask ``collections.abc``).

    >>> kind([1, 2]), kind(iter([1, 2])), kind(x for x in "ab"), kind(42)
    ('iterable', 'iterator', 'iterator', 'neither')
    """
    if isinstance(obj, Iterator):
        return "iterator"
    if isinstance(obj, Iterable):
        return "iterable"
    return "neither"


class Countdown:
    """An iterator that counts down from ``start`` to 1 (nothing when ``start`` is below 1),
    once: iter() of it is itself, and once exhausted it stays exhausted.

    >>> list(Countdown(3))
    [3, 2, 1]
    >>> c = Countdown(1)
    >>> iter(c) is c, next(c), list(c)
    (True, 1, [])
    """

    def __init__(self, start: int) -> None:
        self.current = start

    def __iter__(self) -> Countdown:
        return self

    def __next__(self) -> int:
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Range:
    """An iterable of the integers from ``start`` up to, not including, ``stop``, that can be
    looped over any number of times, even in nested loops: each ``iter()`` is a fresh iterator.

    >>> r = Range(1, 3)
    >>> list(r), list(r)
    ([1, 2], [1, 2])
    >>> [(a, b) for a in r for b in r]
    [(1, 1), (1, 2), (2, 1), (2, 2)]
    """

    def __init__(self, start: int, stop: int) -> None:
        self.start = start
        self.stop = stop

    def __iter__(self) -> Iterator[int]:
        current = self.start
        while current < self.stop:
            yield current
            current += 1


def read_chunks(f: IO[str], size: int) -> Iterator[str]:
    """Return an iterator over chunks of ``size`` characters read from the text file ``f``,
    lazily, one ``f.read(size)`` call per chunk, stopping when ``read`` returns "".
    Use ``iter(callable, sentinel)``.

    >>> import io
    >>> list(read_chunks(io.StringIO("abcdefg"), 3))
    ['abc', 'def', 'g']
    """
    return iter(partial(f.read, size), "")


class Peekable(Generic[T]):
    """An iterator over ``iterable`` that can look at its next item without consuming it.

    ``peek()`` returns the item that ``next()`` will return; when the items have run out it
    returns ``default`` if one is given (None included), else it raises StopIteration. It reads
    ``iterable`` lazily: creating a Peekable reads nothing, and peek() reads at most one item.

    >>> p = Peekable("ab")
    >>> p.peek(), p.peek(), next(p), list(p), p.peek("end")
    ('a', 'a', 'a', ['b'], 'end')
    """

    def __init__(self, iterable: Iterable[T]) -> None:
        self._iterator = iter(iterable)
        self._buffer: list[T] = []  # holds the peeked item, if any

    def __iter__(self) -> Peekable[T]:
        return self

    def __next__(self) -> T:
        if self._buffer:
            return self._buffer.pop()
        return next(self._iterator)

    def peek(self, default: Any = _MISSING) -> Any:
        """Return the next item without consuming it, or ``default`` once there is none."""
        if not self._buffer:
            try:
                self._buffer.append(next(self._iterator))
            except StopIteration:
                if default is _MISSING:
                    raise
                return default
        return self._buffer[0]


def chunked(iterable: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    """Yield the items of ``iterable`` in tuples of ``size`` items, lazily; the last tuple may
    be shorter and is never padded. A ``size`` below 1 raises ValueError.

    >>> list(chunked(range(7), 3))
    [(0, 1, 2), (3, 4, 5), (6,)]
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    iterator = iter(iterable)
    while chunk := tuple(islice(iterator, size)):
        yield chunk
