"""Function parameters (函数的参数): default, variable, keyword and keyword-only parameters.

A default (``def f(x, n=2)``) is evaluated once, when ``def`` runs, and then shared by every
call: a mutable default such as ``[]`` keeps what earlier calls put in it. Use ``None`` and
make the new object inside the function.

``*args`` collects any number of extra positional arguments into a tuple and ``**kwargs`` any
number of extra keyword arguments into a dict; ``f(*seq, **mapping)`` unpacks them again when
you call. Parameters after ``*`` or ``*args`` are keyword-only (命名关键字参数): a caller
must write their name. Parameters before ``/`` are positional-only: a caller cannot name them, so
their names stay free for ``**kwargs``. In one signature the kinds come in this order:
positional-only, ``/``, ordinary, ``*args`` (or a bare ``*``), keyword-only, ``**kwargs``.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check arguments``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def add_item(item: Any, items: list[Any] | None = None) -> list[Any]:
    """Append ``item`` to ``items`` and return that list; without ``items``, start a new list.
    ``items`` defaults to None, so no list is shared between calls.

    >>> add_item("a"), add_item("b")
    (['a'], ['b'])
    >>> add_item("y", ["x"])
    ['x', 'y']
    """
    raise NotImplementedError


def sum_squares(*numbers: float) -> float:
    """Return the sum of the squares of any number of numbers, given as separate arguments.

    >>> sum_squares(1, 2, 3), sum_squares()
    (14, 0)
    """
    raise NotImplementedError


def make_record(name: str, age: int, **extra: Any) -> dict[str, Any]:
    """Return a dict with the required ``name`` and ``age`` and any extra keyword fields.

    >>> make_record("ada", 36, city="London")
    {'name': 'ada', 'age': 36, 'city': 'London'}
    """
    raise NotImplementedError


def connect(host: str, port: int = 80, *, timeout: float = 10.0, secure: bool = False) -> str:
    """Describe a connection: ``timeout`` and ``secure`` are keyword-only (after a bare ``*``).

    >>> connect("example.com")
    'http://example.com:80 timeout=10.0'
    >>> connect("example.com", 443, secure=True, timeout=2)
    'https://example.com:443 timeout=2'
    """
    raise NotImplementedError


def join_words(*words: str, sep: str = " ") -> str:
    """Join any number of words with ``sep``, a keyword-only parameter that follows ``*words``.

    >>> join_words("a", "b", "c"), join_words("a", "b", sep="-")
    ('a b c', 'a-b')
    """
    raise NotImplementedError


def format_tag(name: str, /, **attrs: Any) -> str:
    """Format an HTML start tag with each attribute as ``key="value"`` (any value, formatted
    with ``str``), in the order the caller gave them. ``name`` is positional-only, so ``name`` can also be an attribute in ``attrs``.

    >>> format_tag("a", href="/home")
    '<a href="/home">'
    >>> format_tag("input", name="q")
    '<input name="q">'
    """
    raise NotImplementedError


def combined(a: Any, b: Any = 2, /, c: Any = 3, *args: Any, d: Any, e: Any = 5,
             **kw: Any) -> dict[str, Any]:
    """Every kind of parameter in one signature, in the order Python requires; return how the
    arguments were bound: {"a": a, "b": b, "c": c, "args": args, "d": d, "e": e, "kw": kw}.

    >>> combined(1, d=4)
    {'a': 1, 'b': 2, 'c': 3, 'args': (), 'd': 4, 'e': 5, 'kw': {}}
    >>> combined(1, 2, 3, 4, d=6, x=7)["args"], combined(1, 2, 3, 4, d=6, x=7)["kw"]
    ((4,), {'x': 7})
    """
    raise NotImplementedError


def retry(func: Callable[..., T], attempts: int, /, *args: Any, **kwargs: Any) -> T:
    """Call ``func(*args, **kwargs)`` until it returns without raising, at most ``attempts``
    times; return its result, or let the last exception propagate. Raise ValueError if
    ``attempts`` is below 1. ``func`` and ``attempts`` are positional-only, so that every
    keyword, even ``func=``, goes on to ``func``.

    >>> retry(pow, 3, 2, 10)
    1024
    >>> retry(int, 1, "ff", base=16)
    255
    """
    raise NotImplementedError
