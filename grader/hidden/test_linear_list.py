"""Hidden tests for the `linear_list` kata: average moves of insertion and deletion, and an
array list whose reported moves reproduce those averages over every position.

A move count that is right on average can still be wrong position by position (``index``
instead of ``n - index`` has the same mean), so the counts per position and the averages of a
simulation have separate checks.
"""

from __future__ import annotations

import math
import random

from grader.markers import points, task

# ---------------------------------------------------------------- shared probes


def probe_average(m, func, sizes):
    out = []
    for n in sizes:
        try:
            value = getattr(m, func)(n)
        except Exception as exc:  # noqa: BLE001 - the kind of error is what we observe
            out.append({"raised": type(exc).__name__})
        else:
            out.append({"type": type(value).__name__,
                        "value": value if type(value) in (int, float) else repr(value)})
    return out


def probe_ops(m, items, ops):
    """Apply (name, *args) operations to ArrayList(items); record each result and the state."""
    a = m.ArrayList(items)
    log = []
    for name, *args in ops:
        try:
            moved = getattr(a, name)(*args)
        except Exception as exc:  # noqa: BLE001
            entry = {"raised": type(exc).__name__}
        else:
            entry = {"moved": moved if type(moved) is int else repr(moved)}
        entry["contents"] = list(a.to_list())
        entry["len"] = len(a)
        log.append(entry)
    return log


def probe_simulate(m, op, sizes):
    """For each n, the moves of `op` at every valid position of a fresh ArrayList(range(n))."""
    out = {}
    for n in sizes:
        positions = range(n + 1) if op == "insert" else range(n)
        moves = []
        for i in positions:
            a = m.ArrayList(range(n))
            moved = a.insert(i, -1) if op == "insert" else a.delete(i)
            moves.append(moved if type(moved) is int else repr(moved))
        out[str(n)] = moves
    return out


def probe_holds(m):
    source = [1, 2, 3]
    a = m.ArrayList(source)
    source.append(4)
    first = a.to_list()
    first.append(99)
    return {"after_source_changed": len(a), "after_result_changed": a.to_list(),
            "fresh": a.to_list() is not a.to_list(),
            "from_generator": m.ArrayList(x * x for x in range(4)).to_list(),
            "empty": [len(m.ArrayList()), m.ArrayList().to_list()],
            "three": [len(m.ArrayList([3, 1, 2])), m.ArrayList([3, 1, 2]).to_list()]}


def check_averages(learner, func, sizes, formula):
    got = learner.run(probe_average, func, list(sizes))
    for n, entry in zip(sizes, got):
        assert "raised" not in entry, f"{func}({n}) raised {entry['raised']}"
        assert entry["type"] in ("int", "float"), f"{func}({n}) returned a {entry['type']}"
        assert math.isclose(entry["value"], formula(n), rel_tol=1e-12, abs_tol=1e-12), (
            f"{func}({n}) gave {entry['value']!r}")
        assert entry["type"] == "float", f"{func}({n}) should be a float, not an int"


def check_raises(learner, func, sizes, error):
    got = learner.run(probe_average, func, list(sizes))
    for n, entry in zip(sizes, got):
        assert entry.get("raised") == error, f"{func}({n}) should raise {error}, got {entry}"


def run_ops(learner, items, ops):
    return learner.run(probe_ops, list(items), [list(op) for op in ops])


# ---------------------------------------------------------------- task 1: average_insert_moves


@points(2)
@task(1)
def test_insert_average_even_sizes(learner):
    """average_insert_moves(n) is n / 2 (the mean over n + 1 positions), e.g. 2.0 for n = 4."""
    check_averages(learner, "average_insert_moves", range(0, 41, 2), lambda n: n / 2)


@task(1)
def test_insert_average_odd_sizes(learner):
    """average_insert_moves(n) keeps the half for an odd n: 1.5 for n = 3, not 1."""
    check_averages(learner, "average_insert_moves", range(1, 40, 2), lambda n: n / 2)


@task(1)
def test_insert_average_negative_size(learner):
    """average_insert_moves raises ValueError for a negative n."""
    check_raises(learner, "average_insert_moves", [-1, -7], "ValueError")


# ---------------------------------------------------------------- task 2: average_delete_moves


@points(2)
@task(2)
def test_delete_average_odd_sizes(learner):
    """average_delete_moves(n) is (n - 1) / 2 (the mean over n positions), e.g. 2.0 for n = 5."""
    check_averages(learner, "average_delete_moves", range(1, 40, 2), lambda n: (n - 1) / 2)


@task(2)
def test_delete_average_even_sizes(learner):
    """average_delete_moves(n) keeps the half for an even n: 1.5 for n = 4, not 1."""
    check_averages(learner, "average_delete_moves", range(2, 41, 2), lambda n: (n - 1) / 2)


@task(2)
def test_delete_average_empty_list(learner):
    """average_delete_moves raises ValueError when n < 1: nothing can be deleted."""
    check_raises(learner, "average_delete_moves", [0, -3], "ValueError")


# ---------------------------------------------------------------- task 3: ArrayList


@task(3)
def test_arraylist_holds_items(learner):
    """ArrayList(items) holds the items in order: len() and to_list() show them."""
    got = learner.run(probe_holds)
    assert got["three"] == [3, [3, 1, 2]], (
        f"ArrayList([3, 1, 2]) has len() and to_list() {got['three']!r}")
    assert got["empty"] == [0, []], f"ArrayList() should be empty, got {got['empty']!r}"
    assert got["from_generator"] == [0, 1, 4, 9], (
        f"ArrayList of a generator gave {got['from_generator']!r}")


@points(2)
@task(3)
def test_arraylist_shares_nothing(learner):
    """ArrayList copies its items, and to_list() returns a new list each time."""
    got = learner.run(probe_holds)
    assert got["after_source_changed"] == 3, "appending to the caller's list changed the ArrayList"
    assert got["after_result_changed"] == [1, 2, 3], (
        "changing the list to_list() returned changed the ArrayList")
    assert got["fresh"], "to_list() returned the same list object twice"


# ---------------------------------------------------------------- task 4: insert


@task(4)
def test_insert_places_value(learner):
    """insert(index, value) puts the value at index: front, middle and end."""
    log = run_ops(learner, [10, 20, 30], [("insert", 0, 5), ("insert", 2, 15), ("insert", 5, 40)])
    assert [entry["contents"] for entry in log] == [
        [5, 10, 20, 30], [5, 10, 15, 20, 30], [5, 10, 15, 20, 30, 40]], (
        f"the contents after each insert were {[entry['contents'] for entry in log]!r}")
    assert [entry["len"] for entry in log] == [4, 5, 6], "len() does not follow the inserts"


@points(2)
@task(4)
def test_insert_counts_moves(learner):
    """insert(i, v) into n elements returns n - i: the elements from i on all shift right."""
    got = learner.run(probe_simulate, "insert", [5])["5"]
    assert got == [5 - i for i in range(6)], f"into 5 elements, insert at 0..5 returned {got!r}"


@task(4)
def test_insert_rejects_bad_index(learner):
    """insert raises IndexError outside 0..len (negative too) and leaves the list unchanged."""
    log = run_ops(learner, [1, 2], [("insert", 3, 9), ("insert", -1, 9), ("insert", 10, 9)])
    for index, entry in zip((3, -1, 10), log):
        assert entry.get("raised") == "IndexError", (
            f"insert({index}, 9) into 2 elements should raise IndexError, got {entry}")
        assert entry["contents"] == [1, 2], f"a refused insert({index}, 9) changed the list"


@points(2)
@task(4)
def test_insert_simulation_reproduces_average(learner):
    """Inserting at every position of n elements moves n / 2 elements on average."""
    got = learner.run(probe_simulate, "insert", list(range(13)))
    for n in range(13):
        moves = got[str(n)]
        assert all(type(x) is int for x in moves), f"insert returned {moves!r}, not counts"
        assert math.isclose(sum(moves) / (n + 1), n / 2), (
            f"over the {n + 1} positions of {n} elements the moves average "
            f"{sum(moves) / (n + 1)}, not {n / 2}")


# ---------------------------------------------------------------- task 5: delete


@task(5)
def test_delete_removes_element(learner):
    """delete(index) removes the element at index: front, middle and end."""
    log = run_ops(learner, [1, 2, 3, 4, 5], [("delete", 0), ("delete", 1), ("delete", 2)])
    assert [entry["contents"] for entry in log] == [[2, 3, 4, 5], [2, 4, 5], [2, 4]], (
        f"the contents after each delete were {[entry['contents'] for entry in log]!r}")
    assert [entry["len"] for entry in log] == [4, 3, 2], "len() does not follow the deletes"


@points(2)
@task(5)
def test_delete_counts_moves(learner):
    """delete(i) from n elements returns n - 1 - i: the elements after i all shift left."""
    got = learner.run(probe_simulate, "delete", [5])["5"]
    assert got == [4 - i for i in range(5)], f"from 5 elements, delete at 0..4 returned {got!r}"


@task(5)
def test_delete_rejects_bad_index(learner):
    """delete raises IndexError outside 0..len-1 (negative too) and leaves the list unchanged."""
    log = run_ops(learner, [1, 2], [("delete", 2), ("delete", 5), ("delete", -1)])
    for index, entry in zip((2, 5, -1), log):
        assert entry.get("raised") == "IndexError", (
            f"delete({index}) from 2 elements should raise IndexError, got {entry}")
        assert entry["contents"] == [1, 2], f"a refused delete({index}) changed the list"
    empty = run_ops(learner, [], [("delete", 0)])[0]
    assert empty.get("raised") == "IndexError", f"delete(0) from an empty list gave {empty}"


@points(2)
@task(5)
def test_delete_simulation_reproduces_average(learner):
    """Deleting at every position of n elements moves (n - 1) / 2 elements on average."""
    got = learner.run(probe_simulate, "delete", list(range(1, 13)))
    for n in range(1, 13):
        moves = got[str(n)]
        assert all(type(x) is int for x in moves), f"delete returned {moves!r}, not counts"
        assert math.isclose(sum(moves) / n, (n - 1) / 2), (
            f"over the {n} positions of {n} elements the moves average {sum(moves) / n}, "
            f"not {(n - 1) / 2}")


@task(5)
def test_mixed_operations_match_a_list(learner):
    """A random run of inserts and deletes gives the same contents and moves as an array."""
    rng, size, calls = random.Random(15), 6, []
    for _ in range(40):
        if size and rng.random() < 0.45:
            calls.append(("delete", rng.randrange(size)))
            size -= 1
        else:
            calls.append(("insert", rng.randrange(size + 1), rng.randrange(100)))
            size += 1
    log = run_ops(learner, range(6), calls)
    array = list(range(6))
    for call, entry in zip(calls, log):
        name, index, *value = call
        where = f"{name}{call[1:]} on {len(array)} elements"
        moved = len(array) - index if name == "insert" else len(array) - 1 - index
        if name == "insert":
            array.insert(index, *value)
        else:
            array.pop(index)
        assert entry.get("moved") == moved, f"{where} returned {entry}"
        assert entry["contents"] == array, f"after {where} the list was {entry['contents']!r}"
