"""higher_order, solved another way: unpacking map, a fraction folded from the right, lambda
factories for the sieve, and a comparison function turned into a key."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Final, TypeVar

T = TypeVar("T")

DIGITS: Final[dict[str, int]] = {str(d): d for d in range(10)}


def add(x: T, y: T, f: Callable[[T], int]) -> int:
    first, second = map(f, (x, y))
    return first + second


def apply_twice(f: Callable[[T], T], x: T) -> T:
    once = f(x)
    return f(once)


def normalize_names(names: Iterable[str]) -> list[str]:
    return list(map(lambda name: name[0].upper() + name[1:].lower() if name else name, names))


def str2int(s: str) -> int:
    return functools.reduce(lambda acc, digit: 10 * acc + digit, map(DIGITS.get, s), 0)


def str2float(s: str) -> float:
    whole, _, fraction = s.partition(".")
    number = functools.reduce(lambda acc, digit: 10 * acc + digit, map(DIGITS.get, whole), 0)
    tail = functools.reduce(lambda acc, digit: (acc + digit) / 10,
                            map(DIGITS.get, reversed(fraction)), 0.0)
    return number + tail


def product(numbers: Iterable[float]) -> float:
    return functools.reduce(lambda acc, n: acc * n, numbers, 1)


def palindromes(numbers: Iterable[int]) -> list[int]:
    return list(filter(lambda n: list(str(n)) == list(reversed(str(n))), numbers))


def odd_numbers() -> Iterator[int]:
    n = 3
    while True:
        yield n
        n += 2


def _not_multiple_of(p: int) -> Callable[[int], int]:
    return lambda n: n % p


def primes() -> Iterator[int]:
    yield 2
    sieve: Iterator[int] = odd_numbers()
    while True:
        prime = next(sieve)
        yield prime
        sieve = filter(_not_multiple_of(prime), sieve)


def by_abs(numbers: Iterable[int]) -> list[int]:
    return sorted(numbers, key=lambda n: -n if n < 0 else n)


def case_insensitive(words: Iterable[str], reverse: bool = False) -> list[str]:
    return sorted(words, key=lambda word: word.upper(), reverse=reverse)


def _better(a: tuple[str, int], b: tuple[str, int]) -> int:
    if a[1] != b[1]:
        return b[1] - a[1]
    return (a[0] > b[0]) - (a[0] < b[0])


def rank(records: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(records, key=functools.cmp_to_key(_better))
