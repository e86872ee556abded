"""Returning functions and anonymous functions (返回函数、匿名函数).

A function defined inside another function can use the outer function's variables, and it
keeps them after the outer call has returned: it is a closure. Python stores each captured
variable in a cell (see ``inner.__closure__``); ``nonlocal name`` lets the inner function
rebind it. Every call of the outer function makes a new inner function with new cells.

A closure reads its variables when it runs, not when it is made: functions made in a loop all
see the loop variable's last value unless each gets its own (a default ``i=i``, or a factory).
It keeps the variable, not a copy of its value: if that variable holds a list the caller goes
on changing, the closure sees the changes. To keep what the list holds now, work out what you
need from it in the outer function, before you return the inner one.

``lambda args: expression`` is a small anonymous function, handy as a ``key=`` or a callback.
A lambda is an expression, so it can be returned, stored in a list or a dict, or written inside
another lambda: ``make_adder = lambda n: lambda x: x + n``. A function you name, document or
reuse deserves a ``def``.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check closures``.
"""

from __future__ import annotations

import functools  # noqa: F401  (functools.reduce may help)
from collections.abc import Callable
from typing import Any


def lazy_sum(*nums: Any) -> Callable[[], Any]:
    """Return a function that adds up ``nums`` only when it is called, and again each time
    (0 for no numbers). Make it an inner function that sees ``nums``: a closure.

    >>> f = lazy_sum(1, 2, 3)
    >>> f()
    6
    >>> lazy_sum(1, 2, 3) is f
    False
    """
    raise NotImplementedError


def make_counter(start: int = 0) -> Callable[[], int]:
    """Return a counter: each call returns the next number after ``start``.

    The count lives in the closure (use ``nonlocal``), not in a global, a function attribute or
    another object; each counter has its own.

    >>> c = make_counter()
    >>> c(), c(), c()
    (1, 2, 3)
    >>> make_counter(10)()
    11
    """
    raise NotImplementedError


def make_multipliers(n: int) -> list[Callable[[Any], Any]]:
    """Return a list of ``n`` functions; the i-th one multiplies its argument by ``i``.

    >>> [f(10) for f in make_multipliers(4)]
    [0, 10, 20, 30]
    """
    raise NotImplementedError


def rank(results: list[tuple[str, int]]) -> Callable[[str], int]:
    """Return a function ``place(name)`` that tells a name's place among ``results``, a list of
    ``(name, score)`` pairs with distinct names: 1 + the number of better scores, so equal
    scores share a place and the next place skips them (scores 9, 7, 7, 5 get 1, 2, 2, 4).

    The places come from ``results`` as it is when ``rank`` is called: changing the list
    afterwards changes no answer, and ``rank`` leaves the list as it was. ``place`` raises
    KeyError for a name that is not in ``results``.

    >>> place = rank([("cy", 3), ("ann", 5), ("bob", 3), ("dee", 1)])
    >>> place("ann"), place("bob"), place("cy"), place("dee")
    (1, 2, 2, 4)
    """
    raise NotImplementedError


def key_for(*fields: str) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """Return a key function (a lambda) that picks ``fields`` from a dict row, as a tuple.

    >>> rows = [{"team": "b", "age": 30}, {"team": "a", "age": 41}, {"team": "b", "age": 25}]
    >>> sorted(rows, key=key_for("team", "age"))[0]
    {'team': 'a', 'age': 41}
    >>> key_for("team")({"team": "b"})
    ('b',)
    """
    raise NotImplementedError


def make_clamp(lo: float, hi: float) -> Callable[[float], float]:
    """Return a function named ``clamp``, with a docstring, that limits a number to [lo, hi].

    A lambda has no place for a docstring and shows up as ``<lambda>`` in tracebacks: use a def.
    Raise ValueError at once (not later, when clamping) if ``lo > hi``; ``lo == hi`` is fine.

    >>> clamp = make_clamp(0, 10)
    >>> clamp(-5), clamp(5), clamp(50)
    (0, 5, 10)
    """
    raise NotImplementedError


def compose(*funcs: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Return a lambda that applies ``funcs`` from right to left, as in mathematics:
    ``compose(f, g, h)(x) == f(g(h(x)))``, and ``compose()`` returns its argument itself.

    Use lambdas only, no def: a lambda may return a lambda. compose calls none of the
    functions; the composed function calls each once, every time it is called.

    >>> inc, double = (lambda x: x + 1), (lambda x: x * 2)
    >>> compose(inc, double)(5), compose(double, inc)(5), compose()("same")
    (11, 12, 'same')
    """
    raise NotImplementedError
