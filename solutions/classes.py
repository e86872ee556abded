"""Object-oriented programming: classes and instances (面向对象编程).

A class is a template; calling it makes an instance and runs ``__init__(self, ...)`` to set the
instance's attributes. Methods take the instance as ``self``. An attribute set on the class is
shared by every instance; ``self.x = ...`` creates an instance attribute that shadows the
class's one for that instance only, so a counter of instances must be updated on the class.

A subclass inherits its parent's methods and may override them; ``super()`` reaches the next
class in the method resolution order, so ``super().__init__(...)`` lets the parent set up its
part. Code that only calls ``obj.run()`` works with any object that has a ``run`` method
(polymorphism, duck typing). ``isinstance(obj, C)`` is true for subclasses of C too, while
``type(obj)`` is the exact class; ``getattr``/``setattr``/``hasattr`` use names as strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol


class Student:
    """A student with a name and a score.

    ``Student.count`` counts every Student ever created (subclasses included); each student
    has their own ``tags`` list, empty at first, filled by ``add_tag``.

    >>> s = Student("Ada", 92)
    >>> s.name, s.score, s.grade(), s.tags
    ('Ada', 92, 'A', [])
    """

    count = 0

    def __init__(self, name: str, score: int) -> None:
        self.name = name
        self.score = score
        self.tags: list[str] = []
        Student.count += 1

    def grade(self) -> str:
        """"A" for a score of 90 or more, "B" for 60 to 89, "C" below 60."""
        if self.score >= 90:
            return "A"
        if self.score >= 60:
            return "B"
        return "C"

    def add_tag(self, tag: str) -> None:
        """Append ``tag`` to this student's tags (and no one else's)."""
        self.tags.append(tag)


class Animal:
    """An animal with a name; ``Animal("x").run()`` is ``"Animal is running..."``.

    ``Dog(name, breed="mixed")`` extends ``Animal.__init__`` through ``super()`` (so that a
    class mixed in between, in a subclass's MRO, runs too) and also sets ``breed``;
    ``Cat(name)`` has no ``__init__`` of its own. Each overrides ``run``:

    >>> Dog("Rex", "beagle").run(), Cat("Tom").run(), Dog("Rex").name
    ('Dog is running...', 'Cat is running...', 'Rex')
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self) -> str:
        return "Animal is running..."


class Dog(Animal):
    """A dog: an Animal with a breed."""

    def __init__(self, name: str, breed: str = "mixed") -> None:
        super().__init__(name)
        self.breed = breed

    def run(self) -> str:
        return "Dog is running..."


class Cat(Animal):
    """A cat: an Animal that keeps Animal's ``__init__``."""

    def run(self) -> str:
        return "Cat is running..."


class Runner(Protocol):
    """Anything with a ``run()`` method returning str: what ``run_twice`` needs."""

    def run(self) -> str:
        """Describe the running."""


def run_twice(animal: Runner) -> list[str]:
    """Call ``animal.run()`` twice and return the two results in a list.

    Work for any object that has a ``run()`` method, an Animal or not (duck typing).

    >>> run_twice(Cat("Tom"))
    ['Cat is running...', 'Cat is running...']
    """
    return [animal.run(), animal.run()]


class Puppy(Dog):
    """A young dog: ``Puppy(name, breed, months)``.

    Its ``__init__`` passes name and breed up with ``super()`` (so Dog's and, through it,
    Animal's ``__init__`` both run) and sets ``months``. ``run`` extends Dog's run, which
    it also reaches through ``super()``.

    >>> p = Puppy("Bo", "pug", 3)
    >>> p.name, p.breed, p.months, p.run()
    ('Bo', 'pug', 3, 'Dog is running... slowly')
    """

    def __init__(self, name: str, breed: str, months: int) -> None:
        super().__init__(name, breed)
        self.months = months

    def run(self) -> str:
        return super().run() + " slowly"


def describe(obj: object) -> tuple[str, list[str]]:
    """Return the name of the exact type of ``obj`` and the names of the classes among
    Animal, Dog and Cat (in that order) that ``obj`` is an instance of.

    >>> describe(Puppy("Bo", "pug", 3)), describe(42)
    (('Puppy', ['Animal', 'Dog']), ('int', []))
    """
    kinds = [cls.__name__ for cls in (Animal, Dog, Cat) if isinstance(obj, cls)]
    return type(obj).__name__, kinds


def get_attr_or_default(obj: object, name: str, default: Any = None) -> Any:
    """Return the attribute called ``name`` of ``obj`` (instance or class attribute, method,
    property, or one its class's ``__getattr__`` provides), or ``default`` if it has none; an
    attribute whose value is falsy (0, "", None) is still returned. Other errors are not
    hidden.

    >>> get_attr_or_default(Dog("Rex"), "breed"), get_attr_or_default(Dog("Rex"), "wings", 0)
    ('mixed', 0)
    """
    return getattr(obj, name, default)


def copy_attrs(src: object, dst: object, names: Iterable[str]) -> list[str]:
    """Copy each attribute of ``names`` (any iterable of str, a generator too) that ``src`` has
    onto ``dst``; skip those it lacks. Return the names copied, in order. Go through
    ``getattr`` and ``setattr`` so that class attributes, properties and ``__slots__`` keep
    working.

    >>> a, b = Dog("Rex", "beagle"), Cat("Tom")
    >>> copy_attrs(a, b, ["breed", "wings"]), b.breed
    (['breed'], 'beagle')
    """
    copied = []
    for name in names:
        if hasattr(src, name):
            setattr(dst, name, getattr(src, name))
            copied.append(name)
    return copied
