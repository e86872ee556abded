"""Average moves in a linear list (线性表插入和删除时元素平均移动次数).

Reference solution: the averages in closed form, and an array list that shifts its slots one
by one, as an array must.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def average_insert_moves(n: int) -> float:
    """n / 2: the mean of n - i over the n + 1 positions i = 0..n."""
    if n < 0:
        raise ValueError(f"a list cannot have {n} elements")
    return n / 2


def average_delete_moves(n: int) -> float:
    """(n - 1) / 2: the mean of n - 1 - i over the n positions i = 0..n-1."""
    if n < 1:
        raise ValueError(f"a list of {n} elements has nothing to delete")
    return (n - 1) / 2


class ArrayList:
    """A sequential list that shifts its elements like an array and reports each shift."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self._slots = list(items)

    def __len__(self) -> int:
        return len(self._slots)

    def to_list(self) -> list[Any]:
        """A new Python list of the elements, in order."""
        return list(self._slots)

    def insert(self, index: int, value: Any) -> int:
        """Insert ``value`` at ``index`` and return the number of elements moved."""
        n = len(self._slots)
        if not 0 <= index <= n:
            raise IndexError(f"insert index {index} is outside 0..{n}")
        self._slots.append(None)  # one more slot at the end
        for j in range(n, index, -1):  # from the back, so nothing is overwritten
            self._slots[j] = self._slots[j - 1]
        self._slots[index] = value
        return n - index

    def delete(self, index: int) -> int:
        """Delete the element at ``index`` and return the number of elements moved."""
        n = len(self._slots)
        if not 0 <= index < n:
            raise IndexError(f"delete index {index} is outside 0..{n - 1}")
        for j in range(index, n - 1):
            self._slots[j] = self._slots[j + 1]
        self._slots.pop()  # the last slot is now a duplicate
        return n - 1 - index
