"""Missing values with comprehensions, itertools.accumulate and an exact Fraction threshold."""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from fractions import Fraction
from typing import Any


def fill_mean(values):
    """Mean of the known values into every gap."""
    known = [v for v in values if v is not None]
    mean = sum(known) / len(known) if known else None
    return [mean if v is None else v for v in values]


def fill_median(values):
    """Median of the known values into every gap."""
    known = [v for v in values if v is not None]
    if not known:
        return [None] * len(values)
    low, high = statistics.median_low(known), statistics.median_high(known)
    median = low if len(known) % 2 else (low + high) / 2
    return [median if v is None else v for v in values]


def fill_mode(values):
    """Most frequent known value into every gap, the smallest on a tie."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return list(values)
    best = max(sorted(counts), key=counts.__getitem__)  # max keeps the first of equal keys
    return [best if v is None else v for v in values]


def forward_fill(values):
    """Last known value into every gap after it."""
    return list(itertools.accumulate(values, lambda last, v: last if v is None else v))


def drop_rows(rows, max_missing_ratio):
    """Rows whose share of None is at most the ratio."""
    limit = Fraction(max_missing_ratio)
    return [row for row in rows
            if not row or Fraction(sum(c is None for c in row), len(row)) <= limit]
