"""Partial functions (偏函数): ``functools.partial`` fixes some arguments of a function.

``functools.partial(func, *args, **keywords)`` returns a new callable object. Calling it with
more arguments calls ``func(*args, *more_args, **{**keywords, **more_keywords})``: the bound
positional arguments come first, the caller's are appended after them, and a keyword the
caller passes overrides the bound one. The object remembers what it fixed in ``.func``,
``.args`` and ``.keywords``, which a lambda cannot show. ``functools.partialmethod`` does the
same for a method inside a class body: ``self`` is filled in first, then the bound arguments.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check partials``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def make_int2() -> functools.partial[int]:
    """Return ``int2``: a partial object of ``int`` with the keyword ``base=2`` bound, so that
    ``int2(text)`` parses binary digits and a caller may still override ``base``.

    >>> int2 = make_int2()
    >>> int2("1010"), int2("12", base=10)
    (10, 12)
    """
    raise NotImplementedError


def ranker(key: Callable[[Any], Any]) -> functools.partial[list[Any]]:
    """Return a partial of ``sorted`` with ``key`` and ``reverse=True`` bound as keywords, so a
    caller gets the largest first and may still override either keyword.

    >>> by_length = ranker(len)
    >>> by_length(["bb", "a", "ccc"]), by_length(["bb", "a", "ccc"], reverse=False)
    (['ccc', 'bb', 'a'], ['a', 'bb', 'ccc'])
    """
    raise NotImplementedError


def power_of(base: int) -> functools.partial[int]:
    """Return a partial of ``pow`` with ``base`` bound as the first positional argument: the
    caller's arguments follow it.

    >>> power_of(2)(10), power_of(2)(10, 1000)
    (1024, 24)
    """
    raise NotImplementedError


def explain(p: functools.partial[Any]) -> str:
    """Describe a partial from its ``.func``, ``.args`` and ``.keywords``: the function's name
    (its ``__name__``), then the bound positional values (as ``repr``), then ``...`` where the
    caller's positional arguments go, then the bound keywords as ``name=repr``, in the order
    they were bound.

    >>> explain(functools.partial(int, base=2))
    'int(..., base=2)'
    >>> explain(functools.partial(print, "a", sep="-"))
    "print('a', ..., sep='-')"
    """
    raise NotImplementedError


class Partial:
    """Your own ``functools.partial``: store ``func``, the bound positional ``args`` (a tuple)
    and ``keywords`` (a dict); a call appends the caller's positional arguments after the bound
    ones and lets the caller's keywords override the bound ones, without changing the stored
    keywords. ``func`` and ``self`` are positional-only, so any keyword name can be bound.

    >>> p = Partial(pow, 2)
    >>> p(10), p.func is pow, p.args, p.keywords
    (1024, True, (2,), {})
    >>> Partial(int, base=2)("11", base=10)
    11
    """

    def __init__(self, func: Callable[..., Any], /, *args: Any, **keywords: Any) -> None:
        raise NotImplementedError

    def __call__(self, /, *args: Any, **keywords: Any) -> Any:
        raise NotImplementedError


class Light:
    """A light whose ``turn_on`` and ``turn_off`` are ``functools.partialmethod`` objects made
    from ``set_state`` with ``True`` and ``False`` bound. ``set_state`` sets the state it is
    given, so ``turn_on()`` leaves a light on however often it is called.

    >>> light = Light()
    >>> light.turn_on(); light.is_on
    True
    >>> light.turn_off(); light.is_on
    False
    """

    def __init__(self) -> None:
        self.is_on = False

    def set_state(self, on: bool) -> None:
        """Switch the light on (True) or off (False)."""
        raise NotImplementedError

    def turn_on(self) -> None:  # placeholder: replace with a partialmethod
        raise NotImplementedError

    def turn_off(self) -> None:  # placeholder: replace with a partialmethod
        raise NotImplementedError
