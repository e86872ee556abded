"""copying, solved by hand: conditional expressions, loops and a recursive snapshot."""

from __future__ import annotations

import copy
from typing import Any


def relation(a: object, b: object) -> str:
    return "alias" if a is b else "equal" if a == b else "different"


def make_grid(rows: int, cols: int, fill: Any = 0) -> list[list[Any]]:
    grid = []
    for _ in range(rows):
        grid.append([fill for _ in range(cols)])
    return grid


def shallow_copy(items: list[Any]) -> list[Any]:
    return copy.copy(items)


def snapshot(state: Any, _memo: dict[int, Any] | None = None) -> Any:
    memo = {} if _memo is None else _memo
    if id(state) in memo:
        return memo[id(state)]
    if isinstance(state, dict):
        new_dict: dict[Any, Any] = {}
        memo[id(state)] = new_dict
        for key, value in state.items():
            new_dict[key] = snapshot(value, memo)
        return new_dict
    if isinstance(state, list):
        new_list: list[Any] = []
        memo[id(state)] = new_list
        for item in state:
            new_list.append(snapshot(item, memo))
        return new_list
    if isinstance(state, tuple):
        return tuple(snapshot(item, memo) for item in state)
    if isinstance(state, set):
        return {snapshot(item, memo) for item in state}
    return state


def with_tag(record: dict[str, Any], tag: str) -> dict[str, Any]:
    new = copy.copy(record)
    new["tags"] = [*new["tags"], tag]
    return new


class Document:
    def __init__(self, title: str, pages: list[Any], theme: Any) -> None:
        self.title = title
        self.pages = pages
        self.theme = theme

    def __copy__(self) -> Document:
        return type(self)(self.title, self.pages[:], self.theme)

    def __deepcopy__(self, memo: dict[int, Any]) -> Document:
        new = type(self).__new__(type(self))
        memo[id(self)] = new
        new.title = self.title
        new.theme = self.theme
        new.pages = [copy.deepcopy(page, memo) for page in self.pages]
        return new


def deep_clone(obj: Any, memo: dict[int, Any] | None = None) -> Any:
    if memo is None:
        memo = {}
    key = id(obj)
    if key not in memo:
        if isinstance(obj, list):
            memo[key] = []
            memo[key][:] = [deep_clone(item, memo) for item in obj]
        elif isinstance(obj, dict):
            memo[key] = {}
            memo[key].update((k, deep_clone(v, memo)) for k, v in obj.items())
        else:
            return obj
    return memo[key]
