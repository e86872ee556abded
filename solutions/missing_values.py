"""Missing values (缺失值处理): fill the gaps or drop the rows that have too many.

Reference solution. ``None`` is the only gap; every function builds a new list.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any


def _known(values: list[Any]) -> list[Any]:
    return [value for value in values if value is not None]


def _fill(values: list[Any], filler: Any) -> list[Any]:
    return [filler if value is None else value for value in values]


def fill_mean(values: list[float | None]) -> list[float | None]:
    """Return a new list with each ``None`` replaced by the mean of the known values (the
    values that are not ``None``; ``0`` counts as a value). Known values are kept as they are.
    When no value is known there is nothing to fill from: the gaps stay ``None``.

    >>> fill_mean([1, None, 3, None, 8])
    [1, 4.0, 3, 4.0, 8]
    >>> fill_mean([None, None])
    [None, None]
    """
    known = _known(values)
    return _fill(values, statistics.fmean(known) if known else None)


def fill_median(values: list[float | None]) -> list[float | None]:
    """Return a new list with each ``None`` replaced by the median of the known values: the
    middle one of the sorted known values for an odd count, the mean of the two middle ones for
    an even count. When no value is known the gaps stay ``None``.

    >>> fill_median([9, None, 1, 5])
    [9, 5, 1, 5]
    >>> fill_median([4, None, 1, 10, 2])
    [4, 3.0, 1, 10, 2]
    """
    known = _known(values)
    return _fill(values, statistics.median(known) if known else None)


def fill_mode(values: list[Any]) -> list[Any]:
    """Return a new list with each ``None`` replaced by the most frequent known value (numbers
    or categories such as strings); when several values are equally frequent, the smallest of
    them. When no value is known the gaps stay ``None``.

    >>> fill_mode(["red", None, "blue", "red"])
    ['red', 'red', 'blue', 'red']
    >>> fill_mode([5, 1, None, 5, 1, 7])
    [5, 1, 1, 5, 1, 7]
    """
    counts = Counter(_known(values))
    if not counts:
        return list(values)
    top = max(counts.values())
    return _fill(values, min(value for value, count in counts.items() if count == top))


def forward_fill(values: list[Any]) -> list[Any]:
    """Return a new list with each ``None`` replaced by the last known value before it (as in a
    time series, where the latest reading is the best guess). Leading gaps have nothing before
    them and stay ``None``.

    >>> forward_fill([None, 1, None, None, 0, None])
    [None, 1, 1, 1, 0, 0]
    """
    filled, last = [], None
    for value in values:
        if value is not None:
            last = value
        filled.append(last)
    return filled


def drop_rows(rows: list[list[Any]], max_missing_ratio: float) -> list[list[Any]]:
    """Return a new list of the rows whose share of ``None`` cells (missing cells / cells) is at
    most ``max_missing_ratio`` (a share, from 0 to 1), in their order; a share equal to the
    ratio is kept. An empty row misses nothing (share 0). The caller's list of rows is left
    unchanged.

    >>> drop_rows([[1, None], [None, None], [1, 2]], 0.5)
    [[1, None], [1, 2]]
    """

    def share(row: list[Any]) -> float:
        return sum(cell is None for cell in row) / len(row) if row else 0.0

    return [row for row in rows if share(row) <= max_missing_ratio]
