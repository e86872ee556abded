"""Advanced OOP, written another way: a property factory for Screen, list-based indexing for
Fib, a tuple of parts in Chain, auto() members, types.new_class, a metaclass __init__ and
obj.__dict__ for attach."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator, Sequence
from enum import Enum, auto, unique
from types import MethodType
from typing import Any, ClassVar


class Point:
    """A slotted 2-D point."""

    __slots__ = "x", "y"

    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}({self.x!r}, {self.y!r})"

    def __str__(self) -> str:
        return f"({self.x}, {self.y})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.x == other.x and self.y == other.y  # type: ignore[attr-defined]


class Vector(Point):
    """A Point that adds."""

    __slots__ = []  # type: ignore[var-annotated]

    def __add__(self, other: Vector) -> Vector:
        return type(self)(self.x + other.x, self.y + other.y)

    def __abs__(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5


def _size(attr: str) -> property:
    def get(self: Any) -> int:
        return getattr(self, attr)

    def put(self: Any, value: int) -> None:
        if type(value) is not int:
            raise TypeError("a size is an int")
        if value < 1:
            raise ValueError("a size is positive")
        setattr(self, attr, value)

    return property(get, put)


class Screen:
    """A screen with checked sizes."""

    width = _size("_w")
    height = _size("_h")

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height

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
        self.steps.append("Logging")  # type: ignore[attr-defined]
        return super().start()  # type: ignore[misc]


class RetryMixin:
    """Records Retry."""

    def start(self) -> list[str]:
        self.steps.append("Retry")  # type: ignore[attr-defined]
        return super().start()  # type: ignore[misc]


class WebService(LoggingMixin, RetryMixin, Service):
    """Both mixins, then Service."""


class Fib:
    """The first n Fibonacci numbers."""

    def __init__(self, n: int) -> None:
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[int]:
        a, b, left = 0, 1, self._n
        while left > 0:
            yield a
            a, b, left = b, a + b, left - 1

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return list(self)[index]  # a list says IndexError and TypeError for us

    def __repr__(self) -> str:
        return "Fib(%d)" % self._n


class Chain:
    """A URL path from attributes and calls."""

    def __init__(self, path: str = "") -> None:
        self._parts = tuple(part for part in path.split("/") if part)

    def _with(self, segment: Any) -> Chain:
        return Chain("/".join(("",) + self._parts + (str(segment),)))

    def __getattr__(self, name: str) -> Chain:
        if name[:1] == "_":
            raise AttributeError(name)
        return self._with(name)

    def __call__(self, segment: Any) -> Chain:
        return self._with(segment)

    def __str__(self) -> str:
        return "".join("/" + part for part in self._parts)

    def __repr__(self) -> str:
        return "Chain(%r)" % str(self)


@unique
class Weekday(Enum):
    """Monday to Sunday."""

    MONDAY = auto()
    TUESDAY = auto()
    WEDNESDAY = auto()
    THURSDAY = auto()
    FRIDAY = auto()
    SATURDAY = auto()
    SUNDAY = auto()

    @property
    def is_weekend(self) -> bool:
        return self.value >= 6

    def next(self) -> Weekday:
        return list(Weekday)[self.value % 7]


class Plugin:
    """Registers its subclasses."""

    registry: ClassVar[dict[str, type[Plugin]]] = {}

    def __init_subclass__(cls, /, name: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.registry[cls.__name__.lower() if name is None else name] = cls

    @classmethod
    def create(cls, key: str, *args: Any, **kwargs: Any) -> Plugin:
        return cls.registry[key](*args, **kwargs)


def make_class(name: str, fields: Sequence[str]) -> type:
    """A class made by types.new_class, which calls type for us."""
    names = tuple(fields)

    def fill(namespace: dict[str, Any]) -> None:
        def __init__(self: Any, *values: Any) -> None:
            if len(values) != len(names):
                raise TypeError(f"expected {len(names)} values")
            for field, value in zip(names, values):
                setattr(self, field, value)

        def __repr__(self: Any) -> str:
            return "%s(%s)" % (name, ", ".join("%s=%r" % (f, getattr(self, f)) for f in names))

        namespace.update(__slots__=names, __init__=__init__, __repr__=__repr__)

    return types.new_class(name, (), {}, fill)


def _add(self: Any, value: Any) -> Any:
    self.append(value)
    return self


class AddMeta(type):
    """Adds add() after the class is made, when the class has none of its own."""

    def __init__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any],
                 **kwargs: Any) -> None:
        super().__init__(name, bases, namespace, **kwargs)
        if "add" not in namespace:
            cls.add = _add


class MyList(list, metaclass=AddMeta):  # type: ignore[type-arg]
    """A list made by AddMeta."""


def attach(obj: object, name: str, func: Callable[..., Any]) -> None:
    """Bind func to obj through its __dict__."""
    obj.__dict__[name] = MethodType(func, obj)
