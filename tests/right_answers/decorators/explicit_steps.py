"""decorators, solved another way: except/else instead of finally, a dict lookup with a
sentinel, attempts counted down, decoration written as plain calls, and history on getattr."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

CALLS: list[str] = []
_MISSING = object()


def describe_call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    parts = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def logged(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        entry = describe_call(wrapper.__name__, args, kwargs)
        CALLS.append(entry)
        return func(*args, **kwargs)

    return wrapper


def repeat(times: int) -> Callable[[Callable[..., Any]], Callable[..., list[Any]]]:
    return lambda func: functools.wraps(func)(
        lambda *args, **kwargs: list(map(lambda _: func(*args, **kwargs), range(times))))


def log(text: str | Callable[..., Any] = "call") -> Any:
    if callable(text):
        func, text = text, "call"
        return log(text)(func)

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            CALLS.append(f"{text} {func.__name__}")
            return func(*args, **kwargs)

        return functools.update_wrapper(wrapper, func)

    return decorate


def timed(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except BaseException:
            wrapper.timings.append(time.perf_counter() - started)  # type: ignore[attr-defined]
            raise
        wrapper.timings.append(time.perf_counter() - started)  # type: ignore[attr-defined]
        return result

    wrapper.timings = []  # type: ignore[attr-defined]
    return wrapper


def memoize(func: Callable[..., Any]) -> Callable[..., Any]:
    cache: dict[tuple[Any, ...], Any] = {}

    @functools.wraps(func)
    def wrapper(*args: Any) -> Any:
        result = cache.get(args, _MISSING)
        if result is _MISSING:
            result = cache[args] = func(*args)
        return result

    wrapper.cache = cache  # type: ignore[attr-defined]
    wrapper.cache_clear = lambda: cache.clear()  # type: ignore[attr-defined]
    return wrapper


def retry(exception: type[BaseException], tries: int = 3) -> Callable[..., Any]:
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            left = tries
            while left > 1:
                left -= 1
                try:
                    return func(*args, **kwargs)
                except exception:
                    continue
            return func(*args, **kwargs)

        return wrapper

    return decorate


def cached_square(n: Any) -> Any:
    """Return n * n."""
    return n * n


cached_square = logged(memoize(cached_square))


def audited(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        history = getattr(self, "history", None)
        if history is None:
            history = self.history = []
        history.append(describe_call(method.__name__, args, kwargs))
        return method(self, *args, **kwargs)

    return wrapper
