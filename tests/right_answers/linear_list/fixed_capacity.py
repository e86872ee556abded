"""A fixed-capacity array that doubles when full, counting every single move; the averages
come from simulating it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class ArrayList:
    """Slots beyond the size are free capacity; each copy of one slot to the next is a move."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        values = list(items)
        self._size = len(values)
        self._slots: list[Any] = values + [None] * max(4, self._size)

    def __len__(self) -> int:
        return self._size

    def to_list(self) -> list[Any]:
        """The first size slots, as a new list."""
        return self._slots[:self._size]

    def insert(self, index: int, value: Any) -> int:
        """Shift slots size-1..index one to the right, one move each."""
        if not 0 <= index <= self._size:
            raise IndexError("insert index out of range")
        if self._size == len(self._slots):
            self._slots.extend([None] * len(self._slots))
        moves = 0
        j = self._size
        while j > index:
            self._slots[j] = self._slots[j - 1]
            moves += 1
            j -= 1
        self._slots[index] = value
        self._size += 1
        return moves

    def delete(self, index: int) -> int:
        """Shift slots index+1..size-1 one to the left, one move each."""
        if not 0 <= index < self._size:
            raise IndexError("delete index out of range")
        moves = 0
        for j in range(index + 1, self._size):
            self._slots[j - 1] = self._slots[j]
            moves += 1
        self._size -= 1
        self._slots[self._size] = None
        return moves


def average_insert_moves(n: int) -> float:
    """Simulate an insertion at every position of n elements."""
    if n < 0:
        raise ValueError(f"n must be at least 0, not {n}")
    return sum(ArrayList(range(n)).insert(i, None) for i in range(n + 1)) / (n + 1)


def average_delete_moves(n: int) -> float:
    """Simulate a deletion at every position of n elements."""
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    return sum(ArrayList(range(n)).delete(i) for i in range(n)) / n
