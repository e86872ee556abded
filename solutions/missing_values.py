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
    """Each ``None`` replaced by the mean of the known values."""
    known = _known(values)
    return _fill(values, statistics.fmean(known) if known else None)


def fill_median(values: list[float | None]) -> list[float | None]:
    """Each ``None`` replaced by the median (mean of the two middle values for an even count)."""
    known = _known(values)
    return _fill(values, statistics.median(known) if known else None)


def fill_mode(values: list[Any]) -> list[Any]:
    """Each ``None`` replaced by the most frequent known value, the smallest on a tie."""
    counts = Counter(_known(values))
    if not counts:
        return list(values)
    top = max(counts.values())
    return _fill(values, min(value for value, count in counts.items() if count == top))


def forward_fill(values: list[Any]) -> list[Any]:
    """Each ``None`` replaced by the last known value before it; leading gaps stay ``None``."""
    filled, last = [], None
    for value in values:
        if value is not None:
            last = value
        filled.append(last)
    return filled


def drop_rows(rows: list[list[Any]], max_missing_ratio: float) -> list[list[Any]]:
    """The rows whose share of ``None`` cells is at most ``max_missing_ratio``."""

    def share(row: list[Any]) -> float:
        return sum(cell is None for cell in row) / len(row) if row else 0.0

    return [row for row in rows if share(row) <= max_missing_ratio]
