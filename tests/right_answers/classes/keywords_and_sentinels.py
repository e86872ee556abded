"""Classes, written another way: keyword arguments up the super() chain, a table for grade,
try/except AttributeError and a sentinel for missing attributes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

_MISSING = object()


class Student:
    """A student; Student.count counts them all."""

    count = 0

    def __init__(self, name: str, score: int) -> None:
        self.name, self.score = name, score
        self.tags: list[str] = list()
        Student._counted()

    @classmethod
    def _counted(cls) -> None:
        Student.count = Student.count + 1

    def grade(self) -> str:
        """A, B or C."""
        floors = ((90, "A"), (60, "B"))
        return next((letter for floor, letter in floors if self.score >= floor), "C")

    def add_tag(self, tag: str) -> None:
        """One more tag."""
        self.tags += [tag]


class Animal:
    """An animal."""

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self) -> str:
        return "Animal is running..."


class Dog(Animal):
    """A dog."""

    def __init__(self, name: str, breed: str = "mixed") -> None:
        super(Dog, self).__init__(name=name)
        self.breed = breed

    def run(self) -> str:
        return "Dog is running..."


class Cat(Animal):
    """A cat."""

    def run(self) -> str:
        return "Cat is running..."


class Runner(Protocol):
    """Has run()."""

    def run(self) -> str:
        """Run."""


def run_twice(animal: Runner) -> list[str]:
    """Two runs."""
    return [animal.run() for _ in range(2)]


class Puppy(Dog):
    """A young dog."""

    def __init__(self, name: str, breed: str, months: int) -> None:
        super().__init__(name=name, breed=breed)
        self.months = months

    def run(self) -> str:
        return f"{super().run()} slowly"


def describe(obj: object) -> tuple[str, list[str]]:
    """Exact type and the kinds it is."""
    kinds = filter(lambda cls: isinstance(obj, cls), (Animal, Dog, Cat))
    return type(obj).__name__, [cls.__name__ for cls in kinds]


def get_attr_or_default(obj: object, name: str, default: Any = None) -> Any:
    """The attribute, or the default when it is missing."""
    try:
        return getattr(obj, name)
    except AttributeError:
        return default


def copy_attrs(src: object, dst: object, names: Iterable[str]) -> list[str]:
    """Copy what src has."""
    copied: list[str] = []
    for name in names:
        value = getattr(src, name, _MISSING)
        if value is not _MISSING:
            setattr(dst, name, value)
            copied += [name]
    return copied
