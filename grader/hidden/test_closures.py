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


def probe_rank(m, results, names):
    pairs = [tuple(pair) for pair in results]  # probe arguments arrive as lists
    place = m.rank(pairs)
    return {"callable": callable(place), "places": [place(name) for name in names]}


def probe_rank_snapshot(m):
    results = [("cy", 3), ("ann", 5), ("bob", 4)]
    kept = list(results)
    place = m.rank(results)
    untouched = results == kept
    results.append(("zed", 9))
    results[0] = ("cy", 8)
    results.sort()
    return {"untouched": untouched, "places": [place("ann"), place("bob"), place("cy")]}


def probe_rank_unknown(m):
    place = m.rank([("ann", 5), ("bob", 4)])
    try:
        got = place("eve")
    except KeyError:
        return "KeyError"
    except Exception as exc:
        return type(exc).__name__
    return f"returned {got!r}"


@task(4)
def test_rank_places(learner):
    """rank(results) returns place(name): 1 for the best score, then 2, 3, ..."""
    got = learner.run(probe_rank, [["cy", 3], ["ann", 5], ["dee", 1], ["bob", 4]],
                      ["ann", "bob", "cy", "dee"])
    assert got["callable"], "rank should return a function, not the places themselves"
    assert got["places"] == [1, 2, 3, 4], f"places {got['places']} for scores 5, 4, 3, 1"


@points(2)
@task(4)
def test_rank_ties_share_a_place(learner):
    """Equal scores share a place and the next place skips them: 9, 7, 7, 5 get 1, 2, 2, 4."""
    got = learner.run(probe_rank, [["kim", 7], ["al", 5], ["bo", 9], ["amy", 7]],
                      ["bo", "amy", "kim", "al"])
    assert got["places"] == [1, 2, 2, 4], (
        f"places {got['places']}: a place is 1 + the number of better scores")


@points(2)
@task(4)
def test_rank_takes_a_snapshot(learner):
    """The places come from results as it was when rank was called, and rank leaves it alone."""
    got = learner.run(probe_rank_snapshot)
    assert got["untouched"], "rank changed the caller's list"
    assert got["places"] == [1, 2, 3], (
        f"after the caller changed the list the places are {got['places']}: the closure holds "
        "the list itself, so work the places out before returning place")


@task(4)
def test_rank_unknown_name(learner):
    """place(name) raises KeyError for a name that is not in the results."""
    got = learner.run(probe_rank_unknown)
    assert got == "KeyError", f"place('eve') {got}, for a name rank was never given"


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
    return {"values": [clamp(-5), clamp(5), clamp(50), clamp(0), clamp(10)],
            "floats": m.make_clamp(1.5, 2.5)(3), "point": m.make_clamp(4, 4)(9)}


def probe_clamp_names(m):
    clamp = m.make_clamp(0, 10)
    doc = getattr(clamp, "__doc__", None)
    return {"name": getattr(clamp, "__name__", None),
            "doc": doc.strip() if isinstance(doc, str) else None}


def probe_clamp_bad_bounds(m):
    try:
        clamp = m.make_clamp(5, 1)
    except Exception as exc:
        return "factory" if isinstance(exc, ValueError) else type(exc).__name__
    try:
        clamp(3)
    except ValueError:
        return "call"
    return "never"


@task(6)
def test_clamp_values(learner):
    """make_clamp(0, 10) limits numbers to [0, 10]; make_clamp(4, 4) is allowed too."""
    got = learner.run(probe_clamp)
    assert got["values"] == [0, 5, 10, 0, 10]
    assert got["floats"] == 2.5 and got["point"] == 4


@points(2)
@task(6)
def test_clamp_is_named(learner):
    """make_clamp returns a function named clamp, with a docstring: a def, not a lambda."""
    got = learner.run(probe_clamp_names)
    assert got["name"] != "<lambda>", "a lambda shows up as <lambda> in tracebacks: use def"
    assert got["name"] == "clamp", f"the returned function is named {got['name']!r}, not 'clamp'"
    assert got["doc"], "the returned function has no docstring"


@task(6)
def test_clamp_validates_eagerly(learner):
    """make_clamp(5, 1) raises ValueError at once, before any clamping."""
    got = learner.run(probe_clamp_bad_bounds)
    assert got == "factory", {
        "call": "the ValueError comes only when the clamp is called: check in make_clamp",
        "never": "lo > hi should raise ValueError",
    }.get(got, f"make_clamp(5, 1) raised {got}: raise ValueError (an assert is no check)")


# ---------------------------------------------------------------- task 7: compose


def probe_compose(m, count):
    log = []

    def tagger(tag):
        def add_tag(text):
            log.append(tag)
            return text + tag
        return add_tag

    tags = ["f", "g", "h"][:count]
    composed = m.compose(*[tagger(tag) for tag in tags])
    made = list(log)
    try:
        first = composed("x")
        calls_first = list(log)
        second = composed("y")
    except Exception as exc:
        return {"error": type(exc).__name__, "made": made}
    return {"error": None, "made": made, "values": [first, second], "calls_first": calls_first,
            "calls": log}


def probe_compose_empty(m):
    marker = object()
    identity = m.compose()
    return {"same_object": identity(marker) is marker, "value": identity(41)}


def probe_compose_name(m):
    def inc(x):
        return x + 1

    def double(x):
        return x * 2

    return getattr(m.compose(inc, double), "__name__", None)


@points(2)
@task(7)
def test_compose_right_to_left(learner):
    """compose(f, g, h)(x) is f(g(h(x))): the rightmost function runs first, each once a call."""
    got = learner.run(probe_compose, 3)
    assert got["error"] != "RecursionError", (
        "the composed function calls itself forever: a lambda made in a loop reads its "
        "variables when it runs, by then the last lambda itself; bind them as it is made")
    assert got["error"] is None, f"calling the composed function raised {got['error']}"
    assert got["values"] == ["xhgf", "yhgf"], (
        f"got {got['values']}: the last function is applied first, the first one last")
    assert got["calls_first"] == ["h", "g", "f"] and got["calls"] == ["h", "g", "f"] * 2


@task(7)
def test_compose_none_or_one(learner):
    """compose() hands back its argument itself, and compose(f) acts as f."""
    empty = learner.run(probe_compose_empty)
    assert empty == {"same_object": True, "value": 41}, (
        "compose() should return its argument unchanged: start from a lambda that does that")
    one = learner.run(probe_compose, 1)
    assert one["error"] is None, f"compose(f)(x) raised {one['error']}"
    assert one["values"] == ["xf", "yf"]


@task(7)
def test_compose_waits_for_the_call(learner):
    """compose calls none of the functions: the composed function does, at each call."""
    got = learner.run(probe_compose, 2)
    assert got["made"] == [], "compose called the functions before anyone called the result"
    assert got["error"] is None, f"calling the composed function raised {got['error']}"
    assert sorted(got["calls"]) == ["f", "f", "g", "g"], (
        f"two calls of compose(f, g) made the calls {got['calls']}: each function once a call")


@task(7)
def test_compose_is_a_lambda(learner):
    """compose builds its result from lambdas, with no def: it is a <lambda>."""
    got = learner.run(probe_compose_name)
    assert got == "<lambda>", f"the composed function is named {got!r}: return a lambda, not a def"
