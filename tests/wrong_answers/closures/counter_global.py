# loses: test_counters_independent, test_counter_state_in_cell
# Keeps the count in a module global, so every counter shares it.
"""Returning functions and anonymous functions (返回函数、匿名函数).

A function defined inside another function can use the outer function's variables, and it
keeps them after the outer call has returned: it is a closure. Python stores each captured
variable in a cell (see ``inner.__closure__``); ``nonlocal name`` lets the inner function
rebind it. Every call of the outer function makes a new inner function with new cells.

A closure reads its variables when it runs, not when it is made: functions made in a loop all
see the loop variable's last value unless each gets its own (a default ``i=i``, or a factory).

``lambda args: expression`` is a small anonymous function, handy as a ``key=`` or a callback.
A function you name, document or reuse deserves a ``def``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def lazy_sum(*nums: Any) -> Callable[[], Any]:
    """Return a function that adds up ``nums`` only when it is called, and again each time.

    >>> f = lazy_sum(1, 2, 3)
    >>> f()
    6
    >>> lazy_sum(1, 2, 3) is f
    False
    """

    def total() -> Any:
        return sum(nums)

    return total


_count = 0


def _counter() -> int:
    global _count
    _count += 1
    return _count


def make_counter(start: int = 0) -> Callable[[], int]:
    """Return a counter: each call returns the next number after ``start``.

    The count lives in the closure (use ``nonlocal``), not in a global or a function attribute.

    >>> c = make_counter()
    >>> c(), c(), c()
    (1, 2, 3)
    >>> make_counter(10)()
    11
    """
    global _count
    _count = start
    return _counter


def make_multipliers(n: int) -> list[Callable[[Any], Any]]:
    """Return a list of ``n`` functions; the i-th one multiplies its argument by ``i``.

    >>> [f(10) for f in make_multipliers(4)]
    [0, 10, 20, 30]
    """
    return [lambda x, i=i: i * x for i in range(n)]


def rank(results: list[tuple[str, int]]) -> list[str]:
    """Return the names from ``(name, score)`` pairs, best score first, ties in name order.

    ``results`` is left as it was.

    >>> rank([("cy", 3), ("ann", 5), ("bob", 3)])
    ['ann', 'bob', 'cy']
    """
    return [name for name, _ in sorted(results, key=lambda pair: (-pair[1], pair[0]))]


def key_for(*fields: str) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """Return a key function (a lambda) that picks ``fields`` from a dict row, as a tuple.

    >>> rows = [{"team": "b", "age": 30}, {"team": "a", "age": 41}, {"team": "b", "age": 25}]
    >>> sorted(rows, key=key_for("team", "age"))[0]
    {'team': 'a', 'age': 41}
    >>> key_for("team")({"team": "b"})
    ('b',)
    """
    return lambda row: tuple(row[field] for field in fields)


def make_clamp(lo: float, hi: float) -> Callable[[float], float]:
    """Return a function named ``clamp``, with a docstring, that limits a number to [lo, hi].

    A lambda has no place for a docstring and shows up as ``<lambda>`` in tracebacks: use a def.
    Raise ValueError at once (not later, when clamping) if ``lo > hi``.

    >>> clamp = make_clamp(0, 10)
    >>> clamp(-5), clamp(5), clamp(50)
    (0, 5, 10)
    """
    if lo > hi:
        raise ValueError(f"lo ({lo}) is greater than hi ({hi})")

    def clamp(x: float) -> float:
        """Return x limited to the closed interval [lo, hi] given to make_clamp."""
        return max(lo, min(hi, x))

    return clamp
