"""partials, solved another way: explain joined from chained pieces, Partial with the merge
operator and __slots__, and a Light that binds positionally but stores a bool."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any


def make_int2() -> functools.partial[int]:
    int2 = functools.partial(int, base=2)
    return int2


def ranker(key: Callable[[Any], Any]) -> functools.partial[list[Any]]:
    options = {"key": key, "reverse": True}
    return functools.partial(sorted, **options)


def power_of(base: int) -> functools.partial[int]:
    return functools.partial(pow, base)


def explain(p: functools.partial[Any]) -> str:
    pieces = itertools.chain(map(repr, p.args), ["..."],
                             (f"{name}={value!r}" for name, value in p.keywords.items()))
    return "{}({})".format(p.func.__name__, ", ".join(pieces))


class Partial:
    """A hand-made functools.partial."""

    __slots__ = ("func", "args", "keywords")

    def __init__(self, func: Callable[..., Any], /, *args: Any, **keywords: Any) -> None:
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, /, *args: Any, **keywords: Any) -> Any:
        return self.func(*self.args, *args, **(self.keywords | keywords))


class Light:
    """A light switched by partialmethods."""

    def __init__(self) -> None:
        self.is_on = False

    def set_state(self, on: bool) -> None:
        """Switch the light on (True) or off (False)."""
        self.is_on = bool(on)

    turn_on = functools.partialmethod(set_state, True)
    turn_off = functools.partialmethod(set_state, False)
