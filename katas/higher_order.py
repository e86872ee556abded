"""Higher-order functions (高阶函数): map/reduce, filter and sorted.

A function is a value like any other: it can be stored, passed to another function and called
there. A function that takes (or returns) a function is a higher-order function.

``map(f, xs)`` applies ``f`` to every item, lazily. ``functools.reduce(f, xs, start)`` folds
the items into one value: ``f(f(f(start, x1), x2), x3)``; without ``start`` an empty input is
an error. ``filter(pred, xs)`` keeps the items for which ``pred`` is true, lazily too, so it can
work on an endless generator. ``sorted(xs, key=f, reverse=True)`` returns a new list ordered by
``f(item)``; the sort is stable: items with equal keys keep their order, also with
``reverse=True``. A lambda made in a loop sees the loop variable's latest value unless you bind
it now, e.g. with a default argument ``lambda x, p=p: x % p``.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check higher_order``.
"""

from __future__ import annotations

import operator  # noqa: F401  (you may want operator.mul)
from collections.abc import Callable, Iterable, Iterator
from functools import reduce  # noqa: F401  (you will want it)
from typing import Final, TypeVar

T = TypeVar("T")

DIGITS: Final[dict[str, int]] = {str(d): d for d in range(10)}  # "7" -> 7, without int()


def add(x: T, y: T, f: Callable[[T], int]) -> int:
    """Return ``f(x) + f(y)``: ``f`` is a function passed in as an argument.

    >>> add(-5, 6, abs)
    11
    """
    raise NotImplementedError


def apply_twice(f: Callable[[T], T], x: T) -> T:
    """Return ``f(f(x))``: apply ``f``, then apply it again to the result.

    >>> apply_twice(lambda v: v + 3, 7)
    13
    """
    raise NotImplementedError


def normalize_names(names: Iterable[str]) -> list[str]:
    """Return the names with the first letter upper-case and the rest lower-case, using ``map``.
    An empty name stays empty.

    >>> normalize_names(["adam", "LISA", "barT", ""])
    ['Adam', 'Lisa', 'Bart', '']
    """
    raise NotImplementedError


def str2int(s: str) -> int:
    """Turn a string of digits into an int with ``functools.reduce``, without ``int()``.

    >>> str2int("13579")
    13579
    """
    raise NotImplementedError


def str2float(s: str) -> float:
    """Turn a decimal string (digits with at most one ".") into a float with
    ``functools.reduce``, without ``float()`` or ``int()``. Always a float: "10" gives 10.0,
    and "3." and ".25" are fine too.

    >>> str2float("123.456")
    123.456
    """
    raise NotImplementedError


def product(numbers: Iterable[float]) -> float:
    """Return the product of ``numbers`` (any iterable, a generator too) with
    ``functools.reduce``; 1 for no numbers.

    >>> product([3, 5, 7, 9]), product([])
    (945, 1)
    """
    raise NotImplementedError


def palindromes(numbers: Iterable[int]) -> list[int]:
    """Return the numbers that read the same backwards, digit for digit (121 and 1221 do, 1231
    does not), in order, using ``filter``.

    >>> palindromes([10, 11, 12, 121, 123])
    [11, 121]
    """
    raise NotImplementedError


def odd_numbers() -> Iterator[int]:
    """Yield the odd numbers from 3 upwards, forever: 3, 5, 7, ... Write it as a generator
    function (with ``yield``).

    >>> import itertools
    >>> list(itertools.islice(odd_numbers(), 4))
    [3, 5, 7, 9]
    """
    raise NotImplementedError


def primes() -> Iterator[int]:
    """Yield the primes forever, with the sieve of Eratosthenes made of generators: yield 2,
    then repeatedly take the next number ``p`` from ``odd_numbers()`` (a prime), yield it, and
    ``filter`` the multiples of ``p`` out of the numbers still to come. A generator function too,
    that takes from ``odd_numbers()`` only as many candidates as it needs.

    >>> import itertools
    >>> list(itertools.islice(primes(), 6))
    [2, 3, 5, 7, 11, 13]
    """
    raise NotImplementedError


def by_abs(numbers: Iterable[int]) -> list[int]:
    """Return a new list of the numbers ordered by absolute value, using ``sorted`` with a key;
    equal keys keep their order.

    >>> by_abs([36, 5, -12, 9, -21, -5])
    [5, -5, 9, -12, -21, 36]
    """
    raise NotImplementedError


def case_insensitive(words: Iterable[str], reverse: bool = False) -> list[str]:
    """Return the words in alphabetical order ignoring case (or in reverse order); words equal
    but for case keep their order.

    >>> case_insensitive(["bob", "about", "Zoo", "Credit"])
    ['about', 'bob', 'Credit', 'Zoo']
    >>> case_insensitive(["bob", "about", "Zoo", "Credit"], reverse=True)
    ['Zoo', 'Credit', 'bob', 'about']
    """
    raise NotImplementedError


def rank(records: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Return the (name, score) records in a new list, highest score first and, for equal
    scores, names in alphabetical order.

    >>> rank([("Bob", 75), ("Adam", 92), ("Bart", 66), ("Lisa", 75)])
    [('Adam', 92), ('Bob', 75), ('Lisa', 75), ('Bart', 66)]
    """
    raise NotImplementedError
