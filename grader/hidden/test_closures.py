"""Hidden tests for the `closures` kata: returned functions, closure cells, lambdas."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: lazy_sum


def probe_lazy_sum_values(m):
    f = m.lazy_sum(1, 2, 3)
    return {"callable": callable(f), "first": f(), "again": f(), "empty": m.lazy_sum()(),
            "floats": m.lazy_sum(1.5, 2)()}


def probe_lazy_sum_laziness(m):
    events = []

    class Num:
        def __init__(self, value):
            self.value = value

        def __add__(self, other):
            events.append("add")
            return Num(self.value + getattr(other, "value", other))

        __radd__ = __add__

    f = m.lazy_sum(Num(1), Num(2), Num(3))
    made = len(events)
    first = f()
    after_first = len(events)
    second = f()
    return {"adds_when_made": made, "adds_on_call": after_first - made,
            "adds_on_second_call": len(events) - after_first,
            "values": [getattr(first, "value", None), getattr(second, "value", None)]}


def probe_lazy_sum_fresh(m):
    f1 = m.lazy_sum(1, 2, 3)
    f2 = m.lazy_sum(1, 2, 3)
    f3 = m.lazy_sum(10)
    return {"distinct": f1 is not f2 and f1 is not f3, "f1": f1(), "f2": f2(), "f3": f3(),
            "has_cells": bool(getattr(f1, "__closure__", None))}


@task(1)
def test_lazy_sum_value(learner):
    """lazy_sum(1, 2, 3)() is 6, every time it is called; lazy_sum()() is 0."""
    got = learner.run(probe_lazy_sum_values)
    assert got["callable"], "lazy_sum must return a function, not the sum"
    assert (got["first"], got["again"], got["empty"], got["floats"]) == (6, 6, 0, 3.5)


@points(2)
@task(1)
def test_lazy_sum_is_lazy(learner):
    """lazy_sum adds nothing when it is called; the returned function adds, at each call."""
    got = learner.run(probe_lazy_sum_laziness)
    assert got["adds_when_made"] == 0, "lazy_sum added the numbers up front: wait for the call"
    assert got["adds_on_call"] > 0 and got["adds_on_second_call"] > 0, (
        "the returned function should do the adding each time it is called")
    assert got["values"] == [6, 6]


@points(2)
@task(1)
def test_lazy_sum_new_function_each_time(learner):
    """Each call of lazy_sum returns a new function that keeps its own numbers."""
    got = learner.run(probe_lazy_sum_fresh)
    assert got["distinct"], "two calls of lazy_sum returned the same function object"
    assert (got["f1"], got["f2"], got["f3"]) == (6, 6, 10), (
        "a later lazy_sum call changed what an earlier function adds up")
    assert got["has_cells"], "the numbers should be captured by the inner function's closure"


# ---------------------------------------------------------------- task 2: make_counter


def probe_counter_counts(m):
    c = m.make_counter()
    first = [c(), c(), c()]
    d = m.make_counter(10)
    return {"from_zero": first, "from_ten": [d(), d()]}


def probe_counters_independent(m):
    a = m.make_counter()
    b = m.make_counter(100)
    return [a(), a(), b(), a(), b()]


def probe_counter_state(m):
    def int_globals():
        return {k: v for k, v in vars(m).items() if type(v) is int}

    before = int_globals()
    c = m.make_counter()
    calls = [c(), c(), c()]
    cells = []
    for cell in getattr(c, "__closure__", None) or ():
        try:
            cells.append(cell.cell_contents)
        except ValueError:
            pass
    return {"calls": calls, "cell_ints": sorted(v for v in cells if type(v) is int),
            "attributes": sorted(vars(c)) if hasattr(c, "__dict__") else [],
            "globals_changed": int_globals() != before}


@task(2)
def test_counter_counts(learner):
    """make_counter() counts 1, 2, 3 and make_counter(10) counts 11, 12."""
    got = learner.run(probe_counter_counts)
    assert got == {"from_zero": [1, 2, 3], "from_ten": [11, 12]}


@points(2)
@task(2)
def test_counters_independent(learner):
    """Two counters made by make_counter count independently."""
    got = learner.run(probe_counters_independent)
    assert got == [1, 2, 101, 3, 102], "the counters share one count: each needs its own"


@points(2)
@task(2)
def test_counter_state_in_cell(learner):
    """The count lives in a closure cell, rebound with nonlocal."""
    got = learner.run(probe_counter_state)
    assert got["calls"] == [1, 2, 3]
    assert not got["globals_changed"], "the count is kept in a module global"
    assert not got["attributes"], f"the count is kept in function attribute(s) {got['attributes']}"
    assert 3 in got["cell_ints"], (
        "no closure cell holds the count: rebind a variable of make_counter with nonlocal")


# ---------------------------------------------------------------- task 3: make_multipliers


def probe_multipliers(m, n):
    made = m.make_multipliers(n)
    kind = type(made).__name__
    fs = list(made)
    return {"type": kind, "count": len(fs), "callable": all(callable(f) for f in fs),
            "distinct": len({id(f) for f in fs}) == len(fs), "times_ten": [f(10) for f in fs],
            "times_x": [f("x") for f in fs]}


@task(3)
def test_multipliers_list(learner):
    """make_multipliers(n) returns a list of n distinct functions; n = 0 gives []."""
    got = learner.run(probe_multipliers, 5)
    assert got["type"] == "list", f"expected a list, got a {got['type']}"
    assert got["count"] == 5 and got["callable"] and got["distinct"]
    assert learner.run(probe_multipliers, 0)["count"] == 0


@points(2)
@task(3)
def test_multipliers_bind_each_i(learner):
    """The i-th multiplier multiplies by i, not by the loop's last value."""
    got = learner.run(probe_multipliers, 4)
    assert got["times_ten"] == [0, 10, 20, 30], (
        "every function sees the loop variable's final value: give each one its own i")
    assert got["times_x"] == ["", "x", "xx", "xxx"]


# ---------------------------------------------------------------- task 4: rank


def probe_rank(m, results):
    pairs = [tuple(pair) for pair in results]
    kept = list(pairs)
    names = m.rank(pairs)
    return {"names": list(names), "type": type(names).__name__, "input_kept": pairs == kept}


@task(4)
def test_rank_order(learner):
    """rank lists the names from the best score to the worst."""
    got = learner.run(probe_rank, [["cy", 3], ["ann", 5], ["dee", 1], ["bob", 4]])
    assert got["type"] == "list"
    assert got["names"] == ["ann", "bob", "cy", "dee"]


@points(2)
@task(4)
def test_rank_ties_alphabetical(learner):
    """Equal scores are listed in name order, while scores still go from best to worst."""
    got = learner.run(probe_rank, [["zed", 2], ["amy", 2], ["bo", 9], ["kim", 2], ["al", 0]])
    assert got["names"] == ["bo", "amy", "kim", "zed", "al"], (
        "reverse=True also reverses the name order of ties: build a key that needs no reverse")


@task(4)
def test_rank_leaves_input_alone(learner):
    """rank does not reorder the caller's list."""
    got = learner.run(probe_rank, [["cy", 3], ["ann", 5], ["bob", 4]])
    assert got["input_kept"], "the caller's list was sorted in place: sorted() returns a new list"


# ---------------------------------------------------------------- task 5: key_for


def probe_key_for(m):
    rows = [{"name": "cy", "team": "b", "age": 30}, {"name": "ann", "team": "a", "age": 41},
            {"name": "bob", "team": "b", "age": 25}, {"name": "al", "team": "a", "age": 19}]
    by_age = m.key_for("age")
    by_team_age = m.key_for("team", "age")
    return {
        "by_age": [r["name"] for r in sorted(rows, key=by_age)],
        "oldest": max(rows, key=by_age)["name"],
        "by_team_age": [r["name"] for r in sorted(rows, key=by_team_age)],
        "one": by_age(rows[0]),
        "two": m.key_for("team", "name")(rows[0]),
    }


@task(5)
def test_key_for_one_field(learner):
    """key_for("age") works as key= for sorted and max, and returns a 1-tuple."""
    got = learner.run(probe_key_for)
    assert got["by_age"] == ["al", "bob", "cy", "ann"] and got["oldest"] == "ann"
    assert got["one"] == (30,), f"key_for('age')(row) should be (30,), got {got['one']!r}"


@points(2)
@task(5)
def test_key_for_many_fields(learner):
    """key_for("team", "age") sorts by team, then by age, with a tuple key."""
    got = learner.run(probe_key_for)
    assert got["two"] == ("b", "cy"), f"expected the tuple ('b', 'cy'), got {got['two']!r}"
    assert got["by_team_age"] == ["al", "ann", "bob", "cy"]


# ---------------------------------------------------------------- task 6: make_clamp


def probe_clamp(m):
    clamp = m.make_clamp(0, 10)
    doc = getattr(clamp, "__doc__", None)
    return {
        "values": [clamp(-5), clamp(5), clamp(50), clamp(0), clamp(10)],
        "floats": m.make_clamp(1.5, 2.5)(3),
        "point": m.make_clamp(4, 4)(9),
        "name": getattr(clamp, "__name__", None),
        "doc": doc.strip() if isinstance(doc, str) else None,
    }


def probe_clamp_bad_bounds(m):
    try:
        clamp = m.make_clamp(5, 1)
    except ValueError:
        return "factory"
    try:
        clamp(3)
    except ValueError:
        return "call"
    return "never"


@task(6)
def test_clamp_values(learner):
    """make_clamp(0, 10) limits numbers to [0, 10]."""
    got = learner.run(probe_clamp)
    assert got["values"] == [0, 5, 10, 0, 10]
    assert got["floats"] == 2.5 and got["point"] == 4


@points(2)
@task(6)
def test_clamp_is_named(learner):
    """make_clamp returns a named function with a docstring, not a lambda."""
    got = learner.run(probe_clamp)
    assert got["name"] != "<lambda>", "a lambda shows up as <lambda> in tracebacks: use def"
    assert got["doc"], "the returned function has no docstring"


@task(6)
def test_clamp_validates_eagerly(learner):
    """make_clamp(5, 1) raises ValueError at once, before any clamping."""
    got = learner.run(probe_clamp_bad_bounds)
    assert got == "factory", {
        "call": "the ValueError comes only when the clamp is called: check in make_clamp",
        "never": "lo > hi should raise ValueError",
    }[got]
