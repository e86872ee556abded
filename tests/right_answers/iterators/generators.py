"""iterators, solved with try/iter(), range() inside a generator, a while loop and a flag."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any, Generic, TypeVar

T = TypeVar("T")


def kind(obj: object) -> str:
    from collections.abc import Iterable as AnyIterable
    from collections.abc import Iterator as AnyIterator

    if not isinstance(obj, AnyIterable):
        return "neither"
    return "iterator" if isinstance(obj, AnyIterator) else "iterable"


class Countdown:
    def __init__(self, start: int) -> None:
        self._values = iter(range(start, 0, -1))

    def __iter__(self) -> Countdown:
        return self

    def __next__(self) -> int:
        return next(self._values)


class Range:
    def __init__(self, start: int, stop: int) -> None:
        self.bounds = (start, stop)

    def __iter__(self) -> Iterator[int]:
        yield from range(*self.bounds)


def read_chunks(f: IO[str], size: int) -> Iterator[str]:
    def chunks() -> Iterator[str]:
        while True:
            chunk = f.read(size)
            if chunk == "":
                return
            yield chunk

    return chunks()


class Peekable(Generic[T]):
    def __init__(self, iterable: Iterable[T]) -> None:
        self._it = iter(iterable)
        self._has_peeked = False
        self._peeked: Any = None

    def __iter__(self) -> Peekable[T]:
        return self

    def __next__(self) -> T:
        if self._has_peeked:
            self._has_peeked = False
            item, self._peeked = self._peeked, None
            return item  # type: ignore[no-any-return]
        return next(self._it)

    def peek(self, *default: Any) -> Any:
        if not self._has_peeked:
            try:
                self._peeked = next(self._it)
            except StopIteration:
                if default:
                    return default[0]
                raise
            self._has_peeked = True
        return self._peeked


def chunked(iterable: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    if size < 1:
        raise ValueError(size)

    def chunks() -> Iterator[tuple[T, ...]]:
        chunk: list[T] = []
        for item in iterable:
            chunk.append(item)
            if len(chunk) == size:
                yield tuple(chunk)
                chunk = []
        if chunk:
            yield tuple(chunk)

    return chunks()
