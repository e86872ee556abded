"""higher_order, solved another way: character arithmetic, a state-carrying fold, two stable
sorts, and a sieve whose filters are partial objects."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def add(x: T, y: T, f: Callable[[T], int]) -> int:
    return sum(map(f, (x, y)))


def apply_twice(f: Callable[[T], T], x: T) -> T:
    return functools.reduce(lambda value, g: g(value), [f, f], x)


def normalize_names(names: Iterable[str]) -> list[str]:
    return list(map(lambda name: name[:1].upper() + name[1:].lower(), names))


def str2int(s: str) -> int:
    return functools.reduce(lambda number, char: number * 10 + (ord(char) - ord("0")), s, 0)


def _step(state: tuple[int, int | None], char: str) -> tuple[int, int | None]:
    number, after_point = state
    if char == ".":
        return number, 0
    digits_after = None if after_point is None else after_point + 1
    return number * 10 + (ord(char) - ord("0")), digits_after


def str2float(s: str) -> float:
    number, after_point = functools.reduce(_step, s, (0, None))
    return number / 10 ** (after_point or 0)


def product(numbers: Iterable[float]) -> float:
    return functools.reduce(lambda acc, n: acc * n, numbers, 1)


def _reversed_digits(n: int) -> int:
    backwards = 0
    while n:
        n, digit = divmod(n, 10)
        backwards = backwards * 10 + digit
    return backwards


def palindromes(numbers: Iterable[int]) -> list[int]:
    return list(filter(lambda n: _reversed_digits(n) == n, numbers))


def odd_numbers() -> Iterator[int]:
    yield from itertools.count(3, 2)


def _not_divisible(p: int, n: int) -> bool:
    return n % p != 0


def primes() -> Iterator[int]:
    yield 2
    candidates: Iterator[int] = odd_numbers()
    while True:
        p = next(candidates)
        yield p
        candidates = filter(functools.partial(_not_divisible, p), candidates)


def by_abs(numbers: Iterable[int]) -> list[int]:
    return sorted(numbers, key=lambda n: n * n)


def case_insensitive(words: Iterable[str], reverse: bool = False) -> list[str]:
    return sorted(words, key=str.casefold, reverse=reverse)


def rank(records: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    by_name = sorted(records, key=lambda record: record[0])
    return sorted(by_name, key=lambda record: record[1], reverse=True)
