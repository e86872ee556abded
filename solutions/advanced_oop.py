"""Advanced object-oriented programming (面向对象高级编程): slots, properties, mixins, special methods.

``__slots__ = ("x", "y")`` gives instances fixed fields and no ``__dict__``: assigning any
other attribute raises AttributeError. Slots are per class: a subclass that does not declare
its own ``__slots__`` (``()`` when it adds no field) gets a ``__dict__`` back.

A class may inherit from a base and from *mixins*, small classes that add one ability. Python
looks methods up along the MRO (``Class.__mro__``, computed by C3 linearisation); ``super()``
means "the next class in the MRO of this object", so mixins that call ``super()`` cooperate.

Special ("dunder") methods plug a class into the language: ``__repr__`` (for developers, ideally
code that rebuilds the object) and ``__str__`` (for users), ``__len__``, ``__iter__``,
``__getitem__`` (an int or a ``slice``), ``__getattr__`` (called only when normal lookup fails)
and ``__call__`` (the instance is callable). ``enum.Enum`` makes named constants whose members
are singletons. ``__init_subclass__`` runs on the base whenever a subclass is defined.

Classes are objects too, made at run time: a ``class`` statement calls ``type(name, bases,
namespace)``, which you may also call yourself. The class of a class is its *metaclass*
(``type`` unless ``metaclass=`` picks a subclass of it), whose ``__new__`` may change the
namespace before the class exists. ``types.MethodType(func, obj)`` binds a plain function to
one object, so ``obj`` is passed as its first argument, as for a method.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator, Sequence
from enum import Enum, unique
from types import MethodType
from typing import Any, ClassVar


class Point:
    """A 2-D point with ``__slots__`` for x and y, a repr that rebuilds it, and a short str
    ``(x, y)`` made of each coordinate's str (``str(Point("a", 0))`` is ``(a, 0)``).

    Two points are equal when they are of the same class and have the same coordinates: a
    Point never equals a tuple, nor a Vector (below) at the same place.

    >>> p = Point(1, 2)
    >>> p, str(p), eval(repr(p)) == p
    (Point(1, 2), '(1, 2)', True)
    >>> hasattr(p, "__dict__")
    False
    """

    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.x!r}, {self.y!r})"

    def __str__(self) -> str:
        return f"({self.x}, {self.y})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)  # type: ignore[attr-defined]


class Vector(Point):
    """A Point that adds with ``+`` (a new Vector; both operands stay as they were) and has a
    length ``abs(v)``. It adds no field of its own and, like Point, its instances have no
    __dict__.

    >>> Vector(1, 2) + Vector(2, 2), abs(Vector(3, 4))
    (Vector(3, 4), 5.0)
    """

    __slots__ = ()

    def __add__(self, other: Vector) -> Vector:
        return Vector(self.x + other.x, self.y + other.y)

    def __abs__(self) -> float:
        return math.hypot(self.x, self.y)


class Screen:
    """A screen with settable ``width`` and ``height`` (positive ints) and a read-only
    ``resolution`` = width * height, always up to date.

    The setters raise TypeError for a non-int (bool included) and ValueError for an int <= 0.

    >>> s = Screen(1024, 768)
    >>> s.resolution
    786432
    >>> s.width = 1920
    >>> s.resolution
    1474560
    """

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height

    @staticmethod
    def _checked(value: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"a size must be an int, not {type(value).__name__}")
        if value <= 0:
            raise ValueError(f"a size must be positive, not {value}")
        return value

    @property
    def width(self) -> int:
        return self._width

    @width.setter
    def width(self, value: int) -> None:
        self._width = self._checked(value)

    @property
    def height(self) -> int:
        return self._height

    @height.setter
    def height(self, value: int) -> None:
        self._height = self._checked(value)

    @property
    def resolution(self) -> int:
        return self._width * self._height


class Service:
    """Given (do not change): a service whose ``start`` records the step "Service"."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[str] = []

    def start(self) -> list[str]:
        self.steps.append("Service")
        return self.steps


class LoggingMixin:
    """A mixin (it inherits from object only) whose ``start`` records "Logging" and then hands
    over to the next class in the MRO."""

    def start(self) -> list[str]:
        self.steps.append("Logging")  # type: ignore[attr-defined]
        return super().start()  # type: ignore[misc]


class RetryMixin:
    """A mixin like LoggingMixin that records "Retry"."""

    def start(self) -> list[str]:
        self.steps.append("Retry")  # type: ignore[attr-defined]
        return super().start()  # type: ignore[misc]


class WebService(LoggingMixin, RetryMixin, Service):
    """A Service with both mixins: its MRO is WebService, LoggingMixin, RetryMixin, Service,
    object, so ``start`` goes through every class.

    >>> WebService("api").start()
    ['Logging', 'Retry', 'Service']
    """


class Fib:
    """The first ``n`` Fibonacci numbers 0, 1, 1, 2, 3, ... as a read-only sequence.

    ``len(f)`` is n (``Fib(0)`` is empty); iterating yields the numbers lazily and can be
    repeated; ``f[i]`` takes an int, negative counting from the end, as a list does (IndexError
    out of range, TypeError for a str, a float or another non-int); ``f[i:j:k]`` returns a
    list. ``repr(f)`` is ``Fib(n)``.

    >>> f = Fib(10)
    >>> f[5], f[-1], f[2:6], list(f)[:4]
    (5, 34, [1, 2, 3, 5], [0, 1, 1, 2])
    """

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[int]:
        a, b = 0, 1
        for _ in range(self.n):
            yield a
            a, b = b, a + b

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return list(self)[index]
        position = operator.index(index)  # an int (or a bool, as for a list), else TypeError
        if position < 0:
            position += self.n
        if not 0 <= position < self.n:
            raise IndexError("Fib index out of range")
        a, b = 0, 1
        for _ in range(position):
            a, b = b, a + b
        return a

    def __repr__(self) -> str:
        return f"Fib({self.n})"


class Chain:
    """Build a URL path from attribute access and calls: each step returns a new Chain.

    ``str(chain)`` is the path and ``repr(chain)`` is ``Chain('<path>')``. Names that start
    with an underscore are not path segments: looking up a missing one raises AttributeError.

    >>> str(Chain().users.list), str(Chain().users("michael").repos)
    ('/users/list', '/users/michael/repos')
    """

    def __init__(self, path: str = "") -> None:
        self._path = path

    def __getattr__(self, name: str) -> Chain:
        if name.startswith("_"):
            raise AttributeError(name)
        return Chain(f"{self._path}/{name}")

    def __call__(self, segment: Any) -> Chain:
        return Chain(f"{self._path}/{segment}")

    def __str__(self) -> str:
        return self._path

    def __repr__(self) -> str:
        return f"Chain({self._path!r})"


@unique
class Weekday(Enum):
    """The days of the week, MONDAY = 1 to SUNDAY = 7 (as ``date.isoweekday()``), in order.

    >>> Weekday(3), Weekday["SUNDAY"].is_weekend, Weekday.SUNDAY.next()
    (<Weekday.WEDNESDAY: 3>, True, <Weekday.MONDAY: 1>)
    """

    MONDAY = 1
    TUESDAY = 2
    WEDNESDAY = 3
    THURSDAY = 4
    FRIDAY = 5
    SATURDAY = 6
    SUNDAY = 7

    @property
    def is_weekend(self) -> bool:
        return self in (Weekday.SATURDAY, Weekday.SUNDAY)

    def next(self) -> Weekday:
        return Weekday(self.value % 7 + 1)


class Plugin:
    """A base class that registers every subclass in ``Plugin.registry`` as it is defined.

    The key is the class name in lower case, or the ``name`` given as a class keyword;
    Plugin itself is not registered. ``Plugin.create(key, *args)`` makes an instance of the
    registered class (KeyError for an unknown key).

    >>> class Csv(Plugin): pass
    >>> class Yaml(Plugin, name="yml"): pass
    >>> Plugin.registry["csv"] is Csv, type(Plugin.create("yml")).__name__
    (True, 'Yaml')
    """

    registry: ClassVar[dict[str, type[Plugin]]] = {}

    def __init_subclass__(cls, /, name: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Plugin.registry[name or cls.__name__.lower()] = cls

    @classmethod
    def create(cls, key: str, *args: Any, **kwargs: Any) -> Plugin:
        return Plugin.registry[key](*args, **kwargs)


def make_class(name: str, fields: Sequence[str]) -> type:
    """Build and return a new class called ``name`` by calling ``type(name, bases, namespace)``,
    as a ``class`` statement does behind the scenes: its ``__name__`` and ``__qualname__`` are
    ``name`` and its metaclass is ``type``.

    Its instances take one positional argument per field (TypeError for any other number),
    keep them in ``__slots__`` named after the fields (so no ``__dict__``), and have the repr
    ``Name(field=value, ...)`` with each value's repr. Each call builds a new class with its
    own copy of ``fields``: changing the list afterwards changes nothing.

    >>> Pair = make_class("Pair", ["left", "right"])
    >>> Pair(1, "b"), Pair.__name__, type(Pair) is type
    (Pair(left=1, right='b'), 'Pair', True)
    """
    names = tuple(fields)

    def __init__(self: Any, *values: Any) -> None:
        if len(values) != len(names):
            raise TypeError(f"{name}() takes {len(names)} arguments, not {len(values)}")
        for field, value in zip(names, values):
            setattr(self, field, value)

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{field}={getattr(self, field)!r}" for field in names)
        return f"{type(self).__name__}({shown})"

    return type(name, (), {"__slots__": names, "__init__": __init__, "__repr__": __repr__})


def _add(self: Any, value: Any) -> Any:
    self.append(value)
    return self


class AddMeta(type):
    """A metaclass: a class made with it (``class Bag(list, metaclass=AddMeta)``) gets an
    ``add(value)`` method that calls ``self.append(value)`` and returns ``self``, so calls
    chain. ``__new__`` puts ``add`` into the namespace before the class is created, unless the
    class defines its own ``add``, which it keeps. Subclasses inherit the metaclass.

    >>> class Bag(list, metaclass=AddMeta):
    ...     pass
    >>> Bag().add(1).add(2), type(Bag) is AddMeta
    ([1, 2], True)
    """

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any],
                **kwargs: Any) -> AddMeta:
        namespace.setdefault("add", _add)
        return super().__new__(mcls, name, bases, namespace, **kwargs)


class MyList(list, metaclass=AddMeta):  # type: ignore[type-arg]
    """A list whose class is made by AddMeta: ``MyList().add(1).add(2) == [1, 2]``."""


def attach(obj: object, name: str, func: Callable[..., Any]) -> None:
    """Give the one instance ``obj`` a method called ``name`` made from the plain function
    ``func``, whose first parameter receives the instance: bind it with
    ``types.MethodType``, so that ``obj.name`` is a bound method whose ``__self__`` is ``obj``
    and ``obj.name(*args)`` calls ``func(obj, *args)``. Neither the class nor its other
    instances get it. An object without a ``__dict__`` (``__slots__``) cannot take one: the
    AttributeError propagates.

    >>> class Robot:
    ...     pass
    >>> r = Robot()
    >>> attach(r, "greet", lambda self, who: f"{type(self).__name__} greets {who}")
    >>> r.greet("Ada"), hasattr(Robot(), "greet")
    ('Robot greets Ada', False)
    """
    setattr(obj, name, MethodType(func, obj))
