"""Missing values (缺失值处理): fill the gaps or drop the rows that have too many.

Real data has holes; here ``None`` marks a missing value. Two families of remedies: **impute**
(fill each gap with a statistic of the known values: the mean for numbers without outliers,
the median when outliers would drag the mean, the mode for categories; or carry the last known
value forward in time series) and **delete** (drop the records that miss too much). Only
``None`` is a gap: ``0``, ``0.0``, ``""`` and ``False`` are values, so test with ``is None``,
never with truthiness. Each function returns a new list and leaves its input unchanged, so
the raw data can still be compared with the cleaned data.

Replace each ``raise NotImplementedError`` with your code, then run
``kata check missing_values``.
"""

from __future__ import annotations

from typing import Any


def fill_mean(values: list[float | None]) -> list[float | None]:
    """Return a new list with each ``None`` replaced by the mean of the known values (the
    values that are not ``None``; ``0`` counts as a value). Known values are kept as they are.
    When no value is known there is nothing to fill from: the gaps stay ``None``.

    >>> fill_mean([1, None, 3, None, 8])
    [1, 4.0, 3, 4.0, 8]
    >>> fill_mean([None, None])
    [None, None]
    """
    raise NotImplementedError


def fill_median(values: list[float | None]) -> list[float | None]:
    """Return a new list with each ``None`` replaced by the median of the known values: the
    middle one of the sorted known values for an odd count, the mean of the two middle ones for
    an even count. When no value is known the gaps stay ``None``.

    >>> fill_median([9, None, 1, 5])
    [9, 5, 1, 5]
    >>> fill_median([4, None, 1, 10, 2])
    [4, 3.0, 1, 10, 2]
    """
    raise NotImplementedError


def fill_mode(values: list[Any]) -> list[Any]:
    """Return a new list with each ``None`` replaced by the most frequent known value (numbers
    or categories such as strings); when several values are equally frequent, the smallest of
    them. When no value is known the gaps stay ``None``.

    >>> fill_mode(["red", None, "blue", "red"])
    ['red', 'red', 'blue', 'red']
    >>> fill_mode([5, 1, None, 5, 1, 7])
    [5, 1, 1, 5, 1, 7]
    """
    raise NotImplementedError


def forward_fill(values: list[Any]) -> list[Any]:
    """Return a new list with each ``None`` replaced by the last known value before it (as in a
    time series, where the latest reading is the best guess). Leading gaps have nothing before
    them and stay ``None``.

    >>> forward_fill([None, 1, None, None, 0, None])
    [None, 1, 1, 1, 0, 0]
    """
    raise NotImplementedError


def drop_rows(rows: list[list[Any]], max_missing_ratio: float) -> list[list[Any]]:
    """Return a new list of the rows whose share of ``None`` cells (missing cells / cells) is at
    most ``max_missing_ratio`` (a share, from 0 to 1), in their order; a share equal to the
    ratio is kept. An empty row misses nothing (share 0). The caller's list of rows is left
    unchanged.

    >>> drop_rows([[1, None], [None, None], [1, 2]], 0.5)
    [[1, None], [1, 2]]
    """
    raise NotImplementedError
