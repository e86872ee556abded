"""Average moves in a linear list (线性表插入和删除时元素平均移动次数).

Reference solution: the averages in closed form, and an array list that shifts its slots one
by one, as an array must.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def average_insert_moves(n: int) -> float:
    """Return the average number of elements moved by an insertion into a list of ``n``
    elements, over the ``n + 1`` equally likely positions: ``n / 2`` as a float. A negative
    ``n`` is not a length: raise ``ValueError``.

    >>> average_insert_moves(4), average_insert_moves(3)
    (2.0, 1.5)
    """
    if n < 0:
        raise ValueError(f"a list cannot have {n} elements")
    return n / 2


def average_delete_moves(n: int) -> float:
    """Return the average number of elements moved by a deletion from a list of ``n``
    elements, over the ``n`` equally likely positions: ``(n - 1) / 2`` as a float. An empty
    list has no element to delete: raise ``ValueError`` when ``n < 1``.

    >>> average_delete_moves(5), average_delete_moves(4)
    (2.0, 1.5)
    """
    if n < 1:
        raise ValueError(f"a list of {n} elements has nothing to delete")
    return (n - 1) / 2


class ArrayList:
    """A sequential list that shifts its elements like an array and reports each shift.

    ``ArrayList(items)`` holds a copy of ``items`` (any iterable), so later changes to the
    caller's list do not reach it; ``len(a)`` is the number of elements and ``a.to_list()`` a
    new Python list of them, in order.

    ``a.insert(index, value)`` accepts ``0 <= index <= len(a)``, moves the elements from
    ``index`` on one place to the right, puts ``value`` at ``index`` and returns how many
    elements it moved (``len(a) - index`` before the insertion). ``a.delete(index)`` accepts
    ``0 <= index < len(a)``, moves the elements after ``index`` one place to the left and
    returns how many it moved (``len(a) - 1 - index`` before the deletion). Any other index,
    negative ones included, raises ``IndexError`` and leaves the list unchanged (unlike
    ``list.insert``, which silently clamps).

    >>> a = ArrayList([10, 20, 30])
    >>> a.insert(1, 15), a.to_list()
    (2, [10, 15, 20, 30])
    >>> a.delete(0), a.to_list(), len(a)
    (3, [15, 20, 30], 3)
    """

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
