"""arguments, solved with explicit loops, dict updates and a while loop that keeps the error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def add_item(item: Any, items: list[Any] | None = None) -> list[Any]:
    if items is not None:
        target = items
    else:
        target = list()
    target.insert(len(target), item)
    return target


def sum_squares(*numbers: float) -> float:
    total = 0
    for number in numbers:
        total += number * number
    return total


def make_record(name: str, age: int, **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {}
    record["name"] = name
    record["age"] = age
    record.update(extra)
    return record


def connect(host: str, port: int = 80, *, timeout: float = 10.0, secure: bool = False) -> str:
    scheme = "http"
    if secure:
        scheme += "s"
    return scheme + "://" + host + ":" + str(port) + " timeout=" + str(timeout)


def join_words(*words: str, sep: str = " ") -> str:
    out = ""
    for index, word in enumerate(words):
        if index:
            out += sep
        out += word
    return out


def format_tag(name: str, /, **attrs: Any) -> str:
    tag = "<%s" % name
    for key in attrs:
        tag += ' %s="%s"' % (key, attrs[key])
    return tag + ">"


def combined(a: Any, b: Any = 2, /, c: Any = 3, *args: Any, d: Any, e: Any = 5,
             **kw: Any) -> dict[str, Any]:
    names = ("a", "b", "c", "args", "d", "e", "kw")
    return dict(zip(names, (a, b, c, args, d, e, kw)))


def retry(func: Callable[..., T], attempts: int, /, *args: Any, **kwargs: Any) -> T:
    if attempts < 1:
        raise ValueError("retry needs at least one attempt")
    last_error: Exception | None = None
    tries = 0
    while tries < attempts:
        tries += 1
        try:
            return func(*args, **kwargs)
        except Exception as error:
            last_error = error
    assert last_error is not None
    raise last_error
