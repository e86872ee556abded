"""Assignment, shallow copies and deep copies (赋值、浅复制、深复制).

Assignment never copies: ``b = a`` gives the same object a second name (an alias), so a change
made through ``b`` is seen through ``a``. ``is`` asks "same object?", ``==`` asks "equal value?".

A shallow copy (``list(a)``, ``a[:]``, ``a.copy()``, ``copy.copy(a)``) is a new container that
refers to the same items. A deep copy (``copy.deepcopy(a)``) copies the containers inside it
too, recursively, and copies an object reached twice only once, so cycles survive.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check copying``.
"""

from __future__ import annotations

import copy  # noqa: F401  (you will want it)
from typing import Any


def relation(a: object, b: object) -> str:
    """Return "alias" if a and b are the same object, "equal" if they are only equal values,
    and "different" otherwise.

    >>> x = [1]
    >>> relation(x, x), relation(x, [1]), relation(x, [2])
    ('alias', 'equal', 'different')
    """
    raise NotImplementedError


def make_grid(rows: int, cols: int, fill: Any = 0) -> list[list[Any]]:
    """Return a rows x cols grid of ``fill`` whose rows are independent lists.

    >>> g = make_grid(2, 3)
    >>> g[0][0] = 1
    >>> g
    [[1, 0, 0], [0, 0, 0]]
    """
    raise NotImplementedError


def shallow_copy(items: list[Any]) -> list[Any]:
    """Return a new list holding the very same items as ``items`` (a shallow copy).

    >>> inner = [1]
    >>> c = shallow_copy([inner])
    >>> c[0] is inner
    True
    """
    raise NotImplementedError


def snapshot(state: Any) -> Any:
    """Return a copy of nested data (dicts, lists, ...) that shares no container with ``state``.

    >>> state = {"scores": [1, 2]}
    >>> snap = snapshot(state)
    >>> state["scores"].append(3)
    >>> snap
    {'scores': [1, 2]}
    """
    raise NotImplementedError


def with_tag(record: dict[str, Any], tag: str) -> dict[str, Any]:
    """Return a new record whose "tags" list is a new list with ``tag`` appended, even a tag it
    already holds; ``record`` is not modified, and its other values are shared, not copied.

    >>> r = {"name": "ada", "tags": ["x"]}
    >>> with_tag(r, "y"), r
    ({'name': 'ada', 'tags': ['x', 'y']}, {'name': 'ada', 'tags': ['x']})
    """
    raise NotImplementedError


class Document:
    """A document with pages (copied by copies) and a theme (shared by every copy).

    ``copy.copy(doc)`` gives a new Document with a new pages list holding the same pages;
    ``copy.deepcopy(doc)`` also copies every page. Both keep the very same ``theme`` object.
    One deep copy makes one new document even when it reaches the document twice (through a
    page that refers back to it, say): put the new document in ``memo`` before the pages.
    Write ``__copy__`` and ``__deepcopy__`` to make it so.
    """

    def __init__(self, title: str, pages: list[Any], theme: Any) -> None:
        self.title = title
        self.pages = pages
        self.theme = theme

    def __copy__(self) -> Document:
        raise NotImplementedError

    def __deepcopy__(self, memo: dict[int, Any]) -> Document:
        raise NotImplementedError


def deep_clone(obj: Any, memo: dict[int, Any] | None = None) -> Any:
    """Deep-copy nested lists and dicts without the copy module, as ``copy.deepcopy`` does:
    an object reached twice is cloned once, and cycles are kept. Other values, tuples included,
    are shared. Each call clones ``obj`` as it is at that moment, independently of earlier calls.
    ``memo`` is optional, as in ``copy.deepcopy``: it maps the ``id()`` of each original already
    cloned to its clone, and a caller may pass a dict of its own (an empty one to start).

    >>> a = [1]
    >>> c = deep_clone([a, a])
    >>> c[0] is c[1], c[0] is a
    (True, False)
    """
    raise NotImplementedError
