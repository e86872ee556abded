"""Decorators (装饰器).

A decorator is a function that takes a function and returns a replacement, usually a wrapper
that does something around the original call. ``@deco`` above ``def f`` means
``f = deco(f)``. Stacked decorators are applied from the bottom up, so at call time the top
one's wrapper runs first.

A wrapper takes ``*args, **kwargs`` and passes them on, returns the original's result and
lets its exceptions through. ``@functools.wraps(func)`` copies ``__name__``, ``__qualname__``,
``__doc__`` and friends onto the wrapper and sets ``wrapper.__wrapped__ = func``. Every
decorator in this kata keeps the decorated function's metadata this way: the checks look at
``__name__``, ``__qualname__``, ``__doc__`` and ``__wrapped__`` of each one. A decorator with
arguments (``@retry(OSError, tries=3)``) is a function that returns a decorator: one more level.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check decorators``.
"""

from __future__ import annotations

import functools  # noqa: F401  (you will want it)
import time  # noqa: F401
from collections.abc import Callable
from typing import Any

CALLS: list[str] = []  # the log that logged() and log() append to


def describe_call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """How a call looks in source code: ``describe_call("add", (1,), {"b": 2}) == "add(1, b=2)"``.

    Given, ready to use: logged() and audited() write calls this way.
    """
    parts = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def logged(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: append each call, written like ``add(1, b=2)``, to ``CALLS``, then run it (so
    a call that raises is logged too, and its exception reaches the caller).

    The wrapper returns func's result and keeps func's metadata (functools.wraps).

    >>> @logged
    ... def add(a, b=0):
    ...     return a + b
    >>> add(1, b=2), CALLS[-1], add.__name__
    (3, 'add(1, b=2)', 'add')
    """
    raise NotImplementedError


def repeat(times: int) -> Callable[[Callable[..., Any]], Callable[..., list[Any]]]:
    """Decorator with an argument: calling the function runs it ``times`` times and returns
    a new list of that call's results. The wrapper keeps func's metadata (functools.wraps).

    >>> @repeat(3)
    ... def hello(name):
    ...     return "hi " + name
    >>> hello("ada")
    ['hi ada', 'hi ada', 'hi ada']
    """
    raise NotImplementedError


def log(text: str | Callable[..., Any] = "call") -> Any:
    """Decorator usable both bare and with a text: before each call, append
    ``"<text> <function name>"`` to ``CALLS``. Bare ``@log`` (and ``@log()``) use "call".
    Every form keeps the function's metadata (functools.wraps).

    >>> @log
    ... def ping(): return "pong"
    >>> @log("enter")
    ... def pong(): return "ping"
    >>> ping(), pong(), CALLS[-2:]
    ('pong', 'ping', ['call ping', 'enter pong'])
    """
    raise NotImplementedError


def timed(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: measure each call in seconds, the ``time.perf_counter()`` reading after it
    minus the one before it, and append that to the wrapper's own ``timings`` list, also when
    the call raises. Results and exceptions pass through unchanged, and the wrapper keeps
    func's metadata (functools.wraps).

    >>> @timed
    ... def nap(): return "done"
    >>> nap(), len(nap.timings)
    ('done', 1)
    """
    raise NotImplementedError


def memoize(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: remember results by positional arguments, so ``func`` runs once per distinct
    arguments. ``wrapper.cache`` is the dict ``{args tuple: result}``; ``wrapper.cache_clear()``
    empties it. Every decorated function has its own cache; the wrapper keeps func's metadata
    (functools.wraps).

    >>> @memoize
    ... def square(n): return n * n
    >>> square(3), square(3), square.cache
    (9, 9, {(3,): 9})
    """
    raise NotImplementedError


def retry(exception: type[BaseException], tries: int = 3) -> Callable[..., Any]:
    """Decorator with arguments: call the function up to ``tries`` times in all (3 by default)
    while it raises ``exception`` (or a subclass); after the last try, let that exception
    propagate. Any other exception propagates at once, without a retry. Each call of the
    decorated function gets all its tries, whatever earlier calls did. The wrapper keeps func's
    metadata (functools.wraps).

    >>> attempts = []
    >>> @retry(ConnectionError, tries=3)
    ... def fetch():
    ...     attempts.append(1)
    ...     if len(attempts) < 3:
    ...         raise ConnectionError("flaky")
    ...     return "data"
    >>> fetch(), len(attempts)
    ('data', 3)
    """
    raise NotImplementedError


def cached_square(n: Any) -> Any:
    """Return n * n. Decorate it with ``logged`` and ``memoize``, in the order that logs every
    call but computes each square only once.

    >>> cached_square(4), cached_square(4), CALLS[-2:]
    (16, 16, ['cached_square(4)', 'cached_square(4)'])
    """
    raise NotImplementedError


def audited(method: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator for methods: append each call, written like ``deposit(50)`` (without self), to
    the instance's own ``history`` list, created on the instance at its first audited call,
    then run the method (so a call that raises is in the history too). The wrapper keeps the
    method's metadata (functools.wraps).

    >>> class Account:
    ...     def __init__(self): self.balance = 0
    ...     @audited
    ...     def deposit(self, amount):
    ...         self.balance += amount
    ...         return self.balance
    >>> a = Account()
    >>> a.deposit(50), a.history
    (50, ['deposit(50)'])
    """
    raise NotImplementedError
