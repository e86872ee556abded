"""iteration, solved with plain loops, next() on two iterators, flags and sorted()."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any


def split_dict(d: Mapping[Any, Any]) -> tuple[list[Any], list[Any], list[tuple[Any, Any]]]:
    keys, values, pairs = [], [], []
    for key, value in d.items():
        keys.append(key)
        values.append(value)
        pairs.append((key, value))
    return keys, values, pairs


def diff_positions(a: Iterable[Any], b: Iterable[Any]) -> list[int]:
    left, right = iter(a), iter(b)
    positions, index = [], 0
    while True:
        try:
            x, y = next(left), next(right)
        except StopIteration:
            return positions
        if not x == y:
            positions.append(index)
        index += 1


def is_iterable(obj: object) -> bool:
    try:
        iter(obj)  # type: ignore[call-overload]
        return True
    except TypeError:
        return False


def min_max(items: Iterable[Any]) -> tuple[Any, Any]:
    seen = False
    low = high = None
    for item in items:
        if not seen:
            low = high = item
            seen = True
        elif item < low:
            low = item
        elif item > high:
            high = item
    return low, high


def pythagorean_triples(n: int) -> list[tuple[int, int, int]]:
    return sorted([(a, b, c) for c in range(1, n + 1) for b in range(1, c) for a in range(1, b)
                   if a ** 2 + b ** 2 == c ** 2])


def invert(d: Mapping[Any, Hashable]) -> dict[Hashable, Any]:
    return {d[key]: key for key in d}


def letters_used(words: Iterable[str]) -> set[str]:
    found = set()
    for word in words:
        for ch in word:
            if ch.isalpha():
                found.add(ch.lower())
    return found


def lower_strings(items: Iterable[object]) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item.lower())
    return out


def flatten(rows: Iterable[Iterable[Any]]) -> list[Any]:
    flat: list[Any] = []
    for row in rows:
        flat.extend(row)
    return flat


def deep_flatten(nested: Iterable[Any]) -> list[Any]:
    def walk(items: Iterable[Any]) -> Iterable[Any]:
        for item in items:
            if isinstance(item, (list, tuple)):
                yield from walk(item)
            else:
                yield item

    return list(walk(nested))


def pass_fail(scores: Iterable[float], pass_mark: float = 60) -> list[str]:
    grades = []
    for score in scores:
        if score < 0:
            continue
        grades.append("pass" if score >= pass_mark else "fail")
    return grades
