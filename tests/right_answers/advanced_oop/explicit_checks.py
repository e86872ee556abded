"""Advanced OOP, written another way: %-formatting, explicit validators, range slicing for Fib,
a metaclass __new__ that builds a new namespace, and func.__get__ to bind a method."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from typing import Any, ClassVar


class Point:
    """A slotted 2-D point."""

    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def __repr__(self) -> str:
        return "%s(%r, %r)" % (type(self).__name__, self.x, self.y)

    def __str__(self) -> str:
        return "(%s, %s)" % (self.x, self.y)

    def __eq__(self, other: object) -> bool:
        return type(self) == type(other) and (self.x, self.y) == (other.x, other.y)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]


class Vector(Point):
    """A Point that adds."""

    __slots__ = ()

    def __add__(self, other: Vector) -> Vector:
        return self.__class__(self.x + other.x, self.y + other.y)

    def __abs__(self) -> float:
        return math.dist((0, 0), (self.x, self.y))


def _positive_int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected an int, got {value!r}")
    if value <= 0:
        raise ValueError(f"expected a positive size, got {value}")
    return value


class Screen:
    """A screen with checked sizes."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height

    @property
    def width(self) -> int:
        return self.__width

    @width.setter
    def width(self, value: int) -> None:
        self.__width = _positive_int(value)

    @property
    def height(self) -> int:
        return self.__height

    @height.setter
    def height(self, value: int) -> None:
        self.__height = _positive_int(value)

    @property
    def resolution(self) -> int:
        return self.width * self.height


class Service:
    """Given."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[str] = []

    def start(self) -> list[str]:
        self.steps.append("Service")
        return self.steps


class LoggingMixin:
    """Records Logging."""

    def start(self) -> list[str]:
        self.steps += ["Logging"]  # type: ignore[attr-defined]
        return super().start()  # type: ignore[misc]


class RetryMixin:
    """Records Retry."""

    def start(self) -> list[str]:
        self.steps += ["Retry"]  # type: ignore[attr-defined]
        return super().start()  # type: ignore[misc]


class WebService(LoggingMixin, RetryMixin, Service):
    """Both mixins, then Service."""


class Fib:
    """The first n Fibonacci numbers."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[int]:
        pair = (0, 1)
        for _ in range(self.n):
            yield pair[0]
            pair = (pair[1], pair[0] + pair[1])

    def __getitem__(self, index: int | slice) -> int | list[int]:
        positions = range(self.n)[index]  # range does the slicing, negatives and errors
        if isinstance(positions, range):
            wanted = set(positions)
            found = {i: value for i, value in enumerate(self) if i in wanted}
            return [found[i] for i in positions]
        for i, value in enumerate(self):
            if i == positions:
                return value
        raise AssertionError("unreachable")

    def __repr__(self) -> str:
        return "Fib(" + str(self.n) + ")"


class Chain:
    """A URL path from attributes and calls."""

    def __init__(self, path: str = "") -> None:
        self._path = path

    def __getattr__(self, name: str) -> Chain:
        if name.startswith("_"):
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")
        return type(self)(self._path + "/" + name)

    def __call__(self, segment: Any) -> Chain:
        return type(self)("%s/%s" % (self._path, segment))

    def __str__(self) -> str:
        return self._path

    def __repr__(self) -> str:
        return "Chain(" + repr(self._path) + ")"


class Weekday(Enum):
    """Monday to Sunday."""

    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(1, 8)

    @property
    def is_weekend(self) -> bool:
        return self.name in {"SATURDAY", "SUNDAY"}

    def next(self) -> Weekday:
        return Weekday(1 if self is Weekday.SUNDAY else self.value + 1)


class Plugin:
    """Registers its subclasses."""

    registry: ClassVar[dict[str, type[Plugin]]] = {}

    def __init_subclass__(cls, /, name: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        key = name if name is not None else cls.__name__.lower()
        Plugin.registry.update({key: cls})

    @classmethod
    def create(cls, key: str, *args: Any, **kwargs: Any) -> Plugin:
        factory = Plugin.registry[key]
        return factory(*args, **kwargs)


def make_class(name: str, fields: Sequence[str]) -> type:
    """A class made by calling type."""
    names = list(fields)
    count = len(names)

    def __init__(self: Any, *values: Any) -> None:
        if len(values) != count:
            raise TypeError(f"{name} needs {count} values, got {len(values)}")
        for index, value in enumerate(values):
            setattr(self, names[index], value)

    def __repr__(self: Any) -> str:
        parts = [f"{field}={getattr(self, field)!r}" for field in names]
        return name + "(" + ", ".join(parts) + ")"

    return type(name, (object,), {"__slots__": tuple(names), "__init__": __init__,
                                  "__repr__": __repr__})


def _add(self: Any, value: Any) -> Any:
    self.append(value)
    return self


class AddMeta(type):
    """Builds each class from a namespace that has add."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any],
                **kwargs: Any) -> AddMeta:
        if "add" not in namespace:
            namespace = {**namespace, "add": _add}
        return type.__new__(mcls, name, bases, namespace, **kwargs)


class MyList(list, metaclass=AddMeta):  # type: ignore[type-arg]
    """A list made by AddMeta."""


def attach(obj: object, name: str, func: Callable[..., Any]) -> None:
    """Bind func to obj with the descriptor protocol."""
    setattr(obj, name, func.__get__(obj, type(obj)))
