"""Iteration and comprehensions (迭代、列表生成式).

A ``for`` loop works on any iterable: it calls ``iter(obj)`` once and then ``next()`` until
``StopIteration``. A dict iterates over its keys; ``d.values()`` and ``d.items()`` give the
values and the ``(key, value)`` pairs. ``enumerate(xs)`` pairs each item with its position and
``zip(a, b)`` walks several iterables side by side, stopping at the shortest, so neither needs
``len()`` or indexing. ``iter()`` also accepts old-style sequences that only define
``__getitem__``, which ``isinstance(x, collections.abc.Iterable)`` does not recognise. A
generator or file can be walked only once: code that loops twice or indexes fails on it.

A comprehension builds a list ``[expr for x in xs if cond]``, a dict ``{k: v for ...}`` or a
set ``{expr for ...}`` in one expression; several ``for`` clauses nest left to right, like the
loops they replace. Its two ``if`` forms do different jobs: an ``if`` after the ``for`` filters
(the item is kept or dropped, and there is no ``else``), while a conditional expression
``x if c else y`` before the ``for`` is the value itself (every item stays, as one of two
values): ``[x for x in xs if x > 0]`` drops the rest, ``[x if x > 0 else 0 for x in xs]`` clips.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check iteration``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


def split_dict(d: Mapping[K, V]) -> tuple[list[K], list[V], list[tuple[K, V]]]:
    """Return the keys, the values and the (key, value) pairs of ``d``, each as a list,
    in the dict's own order, taken from the dict and its views: no ``d[key]`` look-up.

    >>> split_dict({"b": 2, "a": 1})
    (['b', 'a'], [2, 1], [('b', 2), ('a', 1)])
    """
    raise NotImplementedError


def diff_positions(a: Iterable[Any], b: Iterable[Any]) -> list[int]:
    """Return the positions where ``a`` and ``b`` hold unequal items (``!=``), comparing them side
    by side and stopping at the end of the shorter one. Any iterables, even one-shot or endless.

    >>> diff_positions("kitten", "sitting")
    [0, 4]
    """
    raise NotImplementedError


def is_iterable(obj: object) -> bool:
    """Return True if a ``for`` loop can walk ``obj``, without consuming any of it.

    Ask ``iter()``: it accepts ``__iter__`` and also the older ``__getitem__`` protocol, which
    ``isinstance(obj, collections.abc.Iterable)`` does not know about.

    >>> is_iterable("abc"), is_iterable(42)
    (True, False)
    """
    raise NotImplementedError


def min_max(items: Iterable[T]) -> tuple[T, T] | tuple[None, None]:
    """Return ``(smallest, largest)`` of ``items`` in a single pass, without ``min()`` or
    ``max()``; ``(None, None)`` when there are no items. ``items`` may be a one-shot iterator.
    Of several equal smallest (or largest) items, the first is kept, as ``min()`` and ``max()``
    do.

    >>> min_max([3, -1, 7]), min_max(iter("hello")), min_max([])
    ((-1, 7), ('e', 'o'), (None, None))
    """
    raise NotImplementedError


def pythagorean_triples(n: int) -> list[tuple[int, int, int]]:
    """Return every ``(a, b, c)`` of ints with ``a < b < c <= n`` and ``a*a + b*b == c*c``,
    ordered by a, then b, using one list comprehension with nested ``for`` clauses and a
    condition.

    >>> pythagorean_triples(13)
    [(3, 4, 5), (5, 12, 13), (6, 8, 10)]
    """
    raise NotImplementedError


def invert(d: Mapping[K, Hashable]) -> dict[Hashable, K]:
    """Return a new dict mapping each value of ``d`` to its key, with a dict comprehension;
    when values repeat, the last key wins.

    >>> invert({"a": 1, "b": 2, "c": 1})
    {1: 'c', 2: 'b'}
    """
    raise NotImplementedError


def letters_used(words: Iterable[str]) -> set[str]:
    """Return the set of letters that appear in ``words``, lower-cased, ignoring anything that
    is not a letter (a letter is what ``str.isalpha`` accepts: é and 中 too), with a set
    comprehension over the words and their characters.

    >>> sorted(letters_used(["Ab-c", "ba1"]))
    ['a', 'b', 'c']
    """
    raise NotImplementedError


def lower_strings(items: Iterable[object]) -> list[str]:
    """Return the lower-cased strings of a mixed list, in order, leaving out everything that
    is not a ``str``.

    >>> lower_strings(["Hello", 18, "World", None])
    ['hello', 'world']
    """
    raise NotImplementedError


def flatten(rows: Iterable[Iterable[T]]) -> list[T]:
    """Flatten one level: return the items of the inner iterables in one list. Deeper nesting
    stays as it is.

    >>> flatten([[1, 2], [], [3, [4]]])
    [1, 2, 3, [4]]
    """
    raise NotImplementedError


def deep_flatten(nested: Iterable[Any]) -> list[Any]:
    """Flatten lists and tuples nested to any depth; every other value, a string included,
    is one item.

    >>> deep_flatten([1, [2, (3, [4, []])], "ab"])
    [1, 2, 3, 4, 'ab']
    """
    raise NotImplementedError


def pass_fail(scores: Iterable[float], pass_mark: float = 60) -> list[str]:
    """Return "pass" or "fail" for each valid score, in order: "pass" when the score is at
    least ``pass_mark``. A negative score is invalid and left out (0 is valid). Write one list
    comprehension with both kinds of ``if``: a conditional expression before the ``for`` picks
    the word, and an ``if`` after it leaves the invalid scores out. ``scores`` may be a one-shot
    iterator.

    >>> pass_fail([75, -1, 59, 60, 0])
    ['pass', 'fail', 'pass', 'fail']
    >>> pass_fail([4, 5, 6], pass_mark=5)
    ['fail', 'pass', 'pass']
    """
    raise NotImplementedError
