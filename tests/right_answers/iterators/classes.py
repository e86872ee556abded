"""iterators, solved with helper iterator classes, a lambda sentinel call and eager validation."""

from __future__ import annotations

import collections.abc as abc
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any, Generic, TypeVar

T = TypeVar("T")

_NO_DEFAULT = object()


def kind(obj: object) -> str:
    for name, test in (("iterator", abc.Iterator), ("iterable", abc.Iterable)):
        if isinstance(obj, test):
            return name
    return "neither"


class Countdown:
    def __init__(self, start: int) -> None:
        self.remaining = max(start, 0)

    def __iter__(self) -> Countdown:
        return self

    def __next__(self) -> int:
        if not self.remaining > 0:
            raise StopIteration
        value = self.remaining
        self.remaining = value - 1
        return value


class _RangeIterator:
    def __init__(self, start: int, stop: int) -> None:
        self.next_value, self.stop = start, stop

    def __iter__(self) -> _RangeIterator:
        return self

    def __next__(self) -> int:
        if self.next_value >= self.stop:
            raise StopIteration
        self.next_value += 1
        return self.next_value - 1


class Range:
    def __init__(self, start: int, stop: int) -> None:
        self.start, self.stop = start, stop

    def __iter__(self) -> Iterator[int]:
        return _RangeIterator(self.start, self.stop)


def read_chunks(f: IO[str], size: int) -> Iterator[str]:
    return iter(lambda: f.read(size), "")


class Peekable(Generic[T]):
    def __init__(self, iterable: Iterable[T]) -> None:
        self._source = iter(iterable)
        self._ahead: deque[T] = deque()

    def __iter__(self) -> Peekable[T]:
        return self

    def __next__(self) -> T:
        return self._ahead.popleft() if self._ahead else next(self._source)

    def peek(self, default: Any = _NO_DEFAULT) -> Any:
        if not self._ahead:
            for item in self._source:
                self._ahead.append(item)
                break
            else:
                if default is _NO_DEFAULT:
                    raise StopIteration
                return default
        return self._ahead[0]


def chunked(iterable: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    if size < 1:
        raise ValueError("size must be positive")
    source = iter(iterable)
    return iter(lambda: tuple(islice(source, size)), ())
