"""partials, solved another way: keywords bound in another order or from a dict, partialmethod
binding set_state's argument by name, explain built by concatenation, and Partial merging
with dict()."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def make_int2() -> functools.partial[int]:
    return functools.partial(int, **{"base": 2})


def ranker(key: Callable[[Any], Any]) -> functools.partial[list[Any]]:
    return functools.partial(sorted, reverse=True, key=key)


def power_of(base: int) -> functools.partial[int]:
    bound = (base,)
    return functools.partial(pow, *bound)


def explain(p: functools.partial[Any]) -> str:
    text = p.func.__name__ + "("
    for arg in p.args:
        text += repr(arg) + ", "
    text += "..."
    for name, value in p.keywords.items():
        text += ", " + name + "=" + repr(value)
    return text + ")"


class Partial:
    """A hand-made functools.partial."""

    def __init__(self, func: Callable[..., Any], /, *args: Any, **keywords: Any) -> None:
        self.func, self.args, self.keywords = func, tuple(args), dict(keywords)

    def __call__(self, /, *args: Any, **keywords: Any) -> Any:
        merged = dict(self.keywords)
        merged.update(keywords)
        return self.func(*(self.args + args), **merged)


class Light:
    """A light switched by partialmethods."""

    def __init__(self) -> None:
        self.is_on = False

    def set_state(self, on: bool) -> None:
        """Switch the light on (True) or off (False)."""
        self.is_on = on

    turn_on = functools.partialmethod(set_state, on=True)
    turn_off = functools.partialmethod(set_state, on=False)
