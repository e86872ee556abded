"""arguments, solved with reduce, map, dict(), str.format and a counted retry loop."""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from typing import Any, TypeVar

T = TypeVar("T")


def add_item(item: Any, items: list[Any] | None = None) -> list[Any]:
    items = [] if items is None else items
    items += [item]
    return items


def sum_squares(*numbers: float) -> float:
    return reduce(lambda total, n: total + n ** 2, numbers, 0)


def make_record(name: str, age: int, **extra: Any) -> dict[str, Any]:
    return dict(name=name, age=age, **extra)


def connect(host: str, port: int = 80, *, timeout: float = 10.0, secure: bool = False) -> str:
    return "{}://{}:{} timeout={}".format("https" if secure else "http", host, port, timeout)


def join_words(*words: str, sep: str = " ") -> str:
    return reduce(lambda left, right: left + sep + right, words) if words else ""


def format_tag(name: str, /, **attrs: Any) -> str:
    parts = [name, *map('{0[0]}="{0[1]}"'.format, attrs.items())]
    return "<" + " ".join(parts) + ">"


def combined(a: Any, b: Any = 2, /, c: Any = 3, *args: Any, d: Any, e: Any = 5,
             **kw: Any) -> dict[str, Any]:
    return dict(locals())


def retry(func: Callable[..., T], attempts: int, /, *args: Any, **kwargs: Any) -> T:
    if not attempts >= 1:
        raise ValueError(f"attempts must be 1 or more, not {attempts}")
    for attempt in range(1, attempts + 1):
        try:
            return func(*args, **kwargs)
        except Exception:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")
