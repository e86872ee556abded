"""Hidden tests for the `missing_values` kata: mean, median and mode imputation, forward fill,
dropping rows with too many gaps.

Every function must treat only ``None`` as a gap (``0``, ``""`` and ``False`` are values) and
build a new list; those properties have their own checks, apart from the values.
"""

from __future__ import annotations

import math

from grader.markers import points, task

# ---------------------------------------------------------------- shared probes


def probe_fill(m, func, values):
    def plain(value):
        if value is None or type(value) in (bool, int, float, str):
            return value
        item = getattr(value, "item", None)  # a numpy scalar
        return item() if callable(item) else repr(value)

    result = getattr(m, func)(values)
    return {"type": type(result).__name__, "result": [plain(v) for v in result],
            "same_object": result is values, "input_after": values}


def probe_drop(m, rows, ratio):
    result = m.drop_rows(rows, ratio)
    return {"type": type(result).__name__, "result": [list(row) for row in result],
            "same_object": result is rows, "rows_after": rows}


def same(got, want):
    """Equal element by element: None and strings exactly, numbers within 1e-9."""
    if len(got) != len(want):
        return False
    for g, w in zip(got, want):
        if isinstance(w, (int, float)) and not isinstance(w, bool):
            if not isinstance(g, (int, float)) or not math.isclose(g, w, rel_tol=1e-9):
                return False
        elif g != w or type(g) is not type(w):
            return False
    return True


def check_fills(learner, func, cases):
    for values, want in cases:
        got = learner.run(probe_fill, func, values)
        assert got["type"] == "list", f"{func} should return a list, not {got['type']}"
        assert same(got["result"], want), f"{func}({values!r}) gave {got['result']!r}"


def check_new_list(learner, func):
    for values in ([3, None, 3, 1, None], [1, 2]):
        got = learner.run(probe_fill, func, list(values))
        assert got["input_after"] == values, (
            f"{func} changed the caller's list {values!r} into {got['input_after']!r}")
        assert not got["same_object"], f"{func} returned the caller's own list, not a new one"


# ---------------------------------------------------------------- task 1: fill_mean


@points(2)
@task(1)
def test_fill_mean_fills_gaps(learner):
    """fill_mean puts the mean of the known values into every gap and keeps the rest."""
    check_fills(learner, "fill_mean", [
        ([1, None, 3, None, 8], [1, 4.0, 3, 4.0, 8]),
        ([2.5, None], [2.5, 2.5]),
        ([None, 10, None, 20], [15.0, 10, 15.0, 20]),
    ])


@task(1)
def test_fill_mean_zero_is_a_value(learner):
    """fill_mean counts 0 as a known value: only None is missing."""
    check_fills(learner, "fill_mean", [([0, None, 6, 0], [0, 2.0, 6, 0])])


@task(1)
def test_fill_mean_no_known_value(learner):
    """fill_mean leaves the gaps None when no value is known, and gives [] for []."""
    check_fills(learner, "fill_mean", [([None, None], [None, None]), ([], [])])


@task(1)
def test_fill_mean_new_list(learner):
    """fill_mean returns a new list and leaves the caller's list unchanged."""
    check_new_list(learner, "fill_mean")


# ---------------------------------------------------------------- task 2: fill_median


@task(2)
def test_fill_median_odd_count(learner):
    """fill_median takes the middle of the sorted known values for an odd count."""
    check_fills(learner, "fill_median", [
        ([9, None, 1, 5], [9, 5, 1, 5]),
        ([3, None, 100, 2, None], [3, 3, 100, 2, 3]),
    ])


@points(2)
@task(2)
def test_fill_median_even_count(learner):
    """fill_median takes the mean of the two middle values for an even count."""
    check_fills(learner, "fill_median", [
        ([4, None, 1, 10, 2], [4, 3.0, 1, 10, 2]),
        ([None, 7, 1], [4.0, 7, 1]),
    ])


@task(2)
def test_fill_median_no_known_value(learner):
    """fill_median leaves the gaps None when no value is known, and gives [] for []."""
    check_fills(learner, "fill_median", [([None], [None]), ([], [])])


@task(2)
def test_fill_median_new_list(learner):
    """fill_median returns a new list and leaves the caller's list unchanged."""
    check_new_list(learner, "fill_median")


# ---------------------------------------------------------------- task 3: fill_mode


@task(3)
def test_fill_mode_most_frequent(learner):
    """fill_mode fills the gaps with the most frequent value, numbers or categories."""
    check_fills(learner, "fill_mode", [
        ([2, None, 3, 3, 1], [2, 3, 3, 3, 1]),
        (["red", None, "blue", "red"], ["red", "red", "blue", "red"]),
    ])


@points(2)
@task(3)
def test_fill_mode_ties_smallest(learner):
    """fill_mode breaks a tie between equally frequent values by taking the smallest."""
    check_fills(learner, "fill_mode", [
        ([5, 1, None, 5, 1, 7], [5, 1, 1, 5, 1, 7]),
        (["b", "a", None, "b", "a"], ["b", "a", "a", "b", "a"]),
    ])


@task(3)
def test_fill_mode_long_column(learner):
    """fill_mode counts a long column right: 300 twos and 300 ones are a tie, won by 1."""
    values = [2] * 300 + [None] + [1] * 300 + [3] * 299 + [None]
    got = learner.run(probe_fill, "fill_mode", values)
    filled = [got["result"][i] for i, value in enumerate(values) if value is None]
    assert filled == [1, 1], (
        f"with 300 twos, 300 ones and 299 threes the gaps became {filled!r} "
        "(counts are compared by value)")


@task(3)
def test_fill_mode_no_known_value(learner):
    """fill_mode leaves the gaps None when no value is known, and gives [] for []."""
    check_fills(learner, "fill_mode", [([None, None], [None, None]), ([], [])])


@task(3)
def test_fill_mode_new_list(learner):
    """fill_mode returns a new list and leaves the caller's list unchanged."""
    check_new_list(learner, "fill_mode")


# ---------------------------------------------------------------- task 4: forward_fill


@points(2)
@task(4)
def test_forward_fill_carries_last_value(learner):
    """forward_fill fills each gap with the last known value before it."""
    check_fills(learner, "forward_fill", [
        ([1, None, None, 4, None], [1, 1, 1, 4, 4]),
        (["a", None, "b", None], ["a", "a", "b", "b"]),
    ])


@points(2)
@task(4)
def test_forward_fill_leading_gaps(learner):
    """forward_fill leaves gaps before the first known value as None."""
    check_fills(learner, "forward_fill", [
        ([None, None, 2, None], [None, None, 2, 2]),
        ([None], [None]),
        ([], []),
    ])


@task(4)
def test_forward_fill_falsy_values(learner):
    """forward_fill carries 0, "" and False forward like any other value."""
    check_fills(learner, "forward_fill", [
        ([0, None, "", None, False, None], [0, 0, "", "", False, False]),
    ])


@task(4)
def test_forward_fill_new_list(learner):
    """forward_fill returns a new list and leaves the caller's list unchanged."""
    check_new_list(learner, "forward_fill")


# ---------------------------------------------------------------- task 5: drop_rows

ROWS = [[1, None, 3, 4], [None, None, 3, 4], [None, None, None, 4], [1, 2, 3, 4]]


@points(2)
@task(5)
def test_drop_rows_keeps_rows_under_ratio(learner):
    """drop_rows keeps the rows whose share of None is under the ratio, in order."""
    for ratio, keep in ((0.4, [0, 3]), (0.8, [0, 1, 2, 3]), (0.1, [3])):
        got = learner.run(probe_drop, ROWS, ratio)
        assert got["type"] == "list", f"drop_rows should return a list, not {got['type']}"
        assert got["result"] == [ROWS[i] for i in keep], (
            f"with max_missing_ratio={ratio} it kept {got['result']!r}")


@points(2)
@task(5)
def test_drop_rows_share_equal_to_ratio_kept(learner):
    """drop_rows keeps a row whose share of None equals the ratio ("at most")."""
    for ratio, keep in ((0.25, [0, 3]), (0.5, [0, 1, 3]), (0.0, [3])):
        got = learner.run(probe_drop, ROWS, ratio)
        assert got["result"] == [ROWS[i] for i in keep], (
            f"with max_missing_ratio={ratio} it kept {got['result']!r}")


@task(5)
def test_drop_rows_empty_row(learner):
    """drop_rows treats an empty row as missing nothing and keeps it."""
    got = learner.run(probe_drop, [[], [None], [0, None, 0, 0]], 0.3)
    assert got["result"] == [[], [0, None, 0, 0]], f"it kept {got['result']!r}"


@task(5)
def test_drop_rows_new_list(learner):
    """drop_rows returns a new list and leaves the caller's rows unchanged."""
    got = learner.run(probe_drop, ROWS, 0.4)
    assert got["rows_after"] == ROWS, f"the caller's rows became {got['rows_after']!r}"
    assert not got["same_object"], "drop_rows returned the caller's own list"
