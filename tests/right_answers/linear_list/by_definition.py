"""Averages summed over the positions; an ArrayList that shifts with slice assignment."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def average_insert_moves(n: int) -> float:
    """Mean of n - i over i = 0..n."""
    if n < 0:
        raise ValueError("negative length")
    return sum(n - i for i in range(n + 1)) / (n + 1)


def average_delete_moves(n: int) -> float:
    """Mean of n - 1 - i over i = 0..n-1."""
    if n <= 0:
        raise ValueError("nothing to delete")
    return sum(n - 1 - i for i in range(n)) / n


class ArrayList:
    """Shifts the tail with one slice assignment and counts what the slice held."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self.data = [*items]

    def __len__(self) -> int:
        return len(self.data)

    def to_list(self) -> list[Any]:
        """A copy of the elements."""
        return self.data[:]

    def insert(self, index: int, value: Any) -> int:
        """Insert and count the shifted tail."""
        if index < 0 or index > len(self.data):
            raise IndexError(index)
        tail = self.data[index:]
        self.data[index:] = [value, *tail]
        return len(tail)

    def delete(self, index: int) -> int:
        """Delete and count the shifted tail."""
        if index < 0 or index >= len(self.data):
            raise IndexError(index)
        tail = self.data[index + 1:]
        self.data[index:] = tail
        return len(tail)
