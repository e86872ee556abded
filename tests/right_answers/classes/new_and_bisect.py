"""Classes, written another way: the counter in __new__, bisect for grade, issubclass on the
exact type, and a names list built once before copying."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any, Protocol


class Student:
    """A student; Student.count counts them all."""

    count = 0

    def __new__(cls, *args: Any, **kwargs: Any) -> Student:
        Student.count += 1
        return super().__new__(cls)

    def __init__(self, name: str, score: int) -> None:
        self.name = name
        self.score = score
        self.tags: list[str] = []

    def grade(self) -> str:
        """A, B or C."""
        return "CBA"[bisect.bisect_right([60, 90], self.score)]

    def add_tag(self, tag: str) -> None:
        """One more tag."""
        self.tags.insert(len(self.tags), tag)


class Animal:
    """An animal."""

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self) -> str:
        return "Animal is running..."


class Dog(Animal):
    """A dog."""

    def __init__(self, name: str, breed: str = "mixed") -> None:
        super().__init__(name)
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
    first = animal.run()
    second = animal.run()
    return [first, second]


class Puppy(Dog):
    """A young dog."""

    def __init__(self, name: str, breed: str, months: int) -> None:
        super().__init__(name, breed)
        self.months = months

    def run(self) -> str:
        return " ".join([super().run(), "slowly"])


def describe(obj: object) -> tuple[str, list[str]]:
    """Exact type and the kinds it is."""
    exact = type(obj)
    return exact.__name__, [cls.__name__ for cls in (Animal, Dog, Cat) if issubclass(exact, cls)]


def get_attr_or_default(obj: object, name: str, default: Any = None) -> Any:
    """The attribute, or the default when it is missing."""
    return getattr(obj, name) if hasattr(obj, name) else default


def copy_attrs(src: object, dst: object, names: Iterable[str]) -> list[str]:
    """Copy what src has."""
    present = [name for name in names if hasattr(src, name)]
    for name in present:
        setattr(dst, name, getattr(src, name))
    return present
