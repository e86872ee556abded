"""Missing values with explicit loops and hand-written statistics, no statistics module."""

from __future__ import annotations

from typing import Any


def _replace(values: list[Any], filler: Any) -> list[Any]:
    out = []
    for value in values:
        out.append(filler if value is None else value)
    return out


def fill_mean(values: list[float | None]) -> list[float | None]:
    """Mean of the known values into every gap."""
    total, count = 0.0, 0
    for value in values:
        if value is not None:
            total += value
            count += 1
    return _replace(values, total / count if count else None)


def fill_median(values: list[float | None]) -> list[float | None]:
    """Median of the known values into every gap."""
    known = sorted(value for value in values if value is not None)
    n = len(known)
    if n == 0:
        return values[:]
    half = n // 2
    median = known[half] if n % 2 == 1 else (known[half - 1] + known[half]) / 2
    return _replace(values, median)


def fill_mode(values: list[Any]) -> list[Any]:
    """Most frequent known value into every gap, the smallest on a tie."""
    counts: dict[Any, int] = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    if not counts:
        return values[:]
    mode = sorted(counts, key=lambda value: (-counts[value], value))[0]
    return _replace(values, mode)


def forward_fill(values: list[Any]) -> list[Any]:
    """Last known value into every gap after it."""
    out = list(values)
    for i in range(1, len(out)):
        if out[i] is None:
            out[i] = out[i - 1]
    return out


def drop_rows(rows: list[list[Any]], max_missing_ratio: float) -> list[list[Any]]:
    """Rows whose share of None is at most the ratio."""
    kept = []
    for row in rows:
        missing = len([cell for cell in row if cell is None])
        if not row or missing / len(row) <= max_missing_ratio:
            kept.append(row)
    return kept
