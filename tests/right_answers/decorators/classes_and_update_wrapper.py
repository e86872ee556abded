"""decorators, solved another way: timed and memoize as classes whose instances are the
wrappers (functools.update_wrapper copies the metadata onto them), a bare perf_counter import,
and the text of log told apart with isinstance."""

from __future__ import annotations

import functools
from collections.abc import Callable
from time import perf_counter
from typing import Any

CALLS: list[str] = []


def describe_call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    parts = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def logged(func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        CALLS.append(describe_call(func.__name__, args, kwargs))
        return func(*args, **kwargs)

    return functools.update_wrapper(wrapper, func)


def repeat(times: int) -> Callable[[Callable[..., Any]], Callable[..., list[Any]]]:
    def decorate(func: Callable[..., Any]) -> Callable[..., list[Any]]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> list[Any]:
            results = []
            for _ in range(times):
                results.append(func(*args, **kwargs))
            return results

        return wrapper

    return decorate


def log(text: str | Callable[..., Any] = "call") -> Any:
    if not isinstance(text, str):
        return log("call")(text)

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            CALLS.append(text + " " + func.__name__)
            return func(*args, **kwargs)

        return wrapper

    return decorate


class timed:
    """A timing wrapper: each instance keeps its own list of durations."""

    def __init__(self, func: Callable[..., Any]) -> None:
        functools.update_wrapper(self, func)
        self.func = func
        self.timings: list[float] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        start = perf_counter()
        try:
            return self.func(*args, **kwargs)
        finally:
            self.timings.append(perf_counter() - start)


class memoize:
    """A caching wrapper: each instance keeps its own dict of results."""

    def __init__(self, func: Callable[..., Any]) -> None:
        functools.update_wrapper(self, func)
        self.func = func
        self.cache: dict[tuple[Any, ...], Any] = {}

    def __call__(self, *args: Any) -> Any:
        try:
            return self.cache[args]
        except KeyError:
            result = self.cache[args] = self.func(*args)
            return result

    def cache_clear(self) -> None:
        self.cache.clear()


def retry(exception: type[BaseException], tries: int = 3) -> Callable[..., Any]:
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            attempt = 1
            while True:
                try:
                    return func(*args, **kwargs)
                except exception:
                    if attempt >= tries:
                        raise
                    attempt += 1

        return wrapper

    return decorate


@logged
@memoize
def cached_square(n: Any) -> Any:
    """Return n * n."""
    return n * n


def audited(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        vars(self).setdefault("history", []).append(describe_call(method.__name__, args, kwargs))
        return method(self, *args, **kwargs)

    return wrapper
