"""copying, solved with other idioms: id(), slicing, pickle, __dict__ and a worklist clone."""

from __future__ import annotations

import copy
import itertools
import pickle
from typing import Any


def relation(a: object, b: object) -> str:
    if id(a) == id(b):
        return "alias"
    return "equal" if a == b else "different"


def make_grid(rows: int, cols: int, fill: Any = 0) -> list[list[Any]]:
    return [list(itertools.repeat(fill, cols)) for _ in range(rows)]


def shallow_copy(items: list[Any]) -> list[Any]:
    return items[:]


def snapshot(state: Any) -> Any:
    return pickle.loads(pickle.dumps(state))


def with_tag(record: dict[str, Any], tag: str) -> dict[str, Any]:
    new = dict(record)
    new["tags"] = record["tags"] + [tag]
    return new


class Document:
    def __init__(self, title: str, pages: list[Any], theme: Any) -> None:
        self.title = title
        self.pages = pages
        self.theme = theme

    def __copy__(self) -> Document:
        new = object.__new__(Document)
        new.__dict__.update(self.__dict__)
        new.pages = self.pages.copy()
        return new

    def __deepcopy__(self, memo: dict[int, Any]) -> Document:
        new = copy.copy(self)
        memo[id(self)] = new
        new.pages = copy.deepcopy(self.pages, memo)
        return new


def deep_clone(obj: Any, memo: dict[int, Any] | None = None) -> Any:
    """Clone without recursion: a worklist of (original, clone) pairs still to fill in."""
    memo = {} if memo is None else memo
    pending: list[tuple[Any, Any]] = []

    def clone_of(value: Any) -> Any:
        if id(value) in memo:
            return memo[id(value)]
        if not isinstance(value, (list, dict)):
            return value
        empty = [] if isinstance(value, list) else {}
        memo[id(value)] = empty
        pending.append((value, empty))
        return empty

    top = clone_of(obj)
    while pending:
        original, clone = pending.pop()
        if isinstance(original, list):
            clone.extend(clone_of(item) for item in original)
        else:
            for key, value in original.items():
                clone[key] = clone_of(value)
    return top
