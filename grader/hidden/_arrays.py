"""Verdict helpers for the ML track's hidden tests: compare what a probe reported of an array.

A probe reports an array as plain data, ``{"shape": [...], "dtype": "float64", "value":
nested lists}`` (``numpy.ndarray.tolist()``); these helpers judge it in the grader's process
with a stated tolerance and a message that names what is wrong, not the expected numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

TOLERANCE = 1e-9  # relative and absolute, for float64 computations of the same formula


def values(got: dict[str, Any]) -> np.ndarray:
    """The reported array as float64 (NaN and inf kept)."""
    return np.asarray(got["value"], dtype=float).reshape(got["shape"])


def assert_shape(got: dict[str, Any], shape: tuple[int, ...], what: str) -> None:
    assert tuple(got["shape"]) == tuple(shape), (
        f"{what} has shape {tuple(got['shape'])}, expected {tuple(shape)}")


def assert_array(got: dict[str, Any], want: Any, what: str, *, tol: float = TOLERANCE) -> None:
    """The reported array has want's shape, no NaN, and want's values within ``tol``."""
    want = np.asarray(want, dtype=float)
    assert_shape(got, want.shape, what)
    value = values(got)
    assert not np.isnan(value).any(), f"{what} contains NaN"
    assert np.isfinite(value).all() or not np.isfinite(want).all(), f"{what} contains inf"
    assert np.allclose(value, want, rtol=tol, atol=tol), (
        f"{what} is off by up to {float(np.max(np.abs(value - want))):.3g} (tolerance {tol:g})")
