"""Hidden tests for the `generators` kata: yield, laziness, yield from, return, send, pipelines."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: fib


def probe_fib_head(m):
    import inspect
    import itertools

    g = m.fib()
    return {"generator": inspect.isgenerator(g), "head": list(itertools.islice(g, 8))}


@points(2)
@task(1)
def test_fib_head(learner):
    """fib() is a generator that yields 0, 1, 1, 2, 3, 5, 8, 13."""
    got = learner.run(probe_fib_head)
    assert got["generator"], "fib() should return a generator: use yield in its body"
    assert got["head"] == [0, 1, 1, 2, 3, 5, 8, 13]


def probe_fib_fresh(m):
    import itertools

    first, second = m.fib(), m.fib()
    list(itertools.islice(first, 5))  # move the first generator on; the second must not follow
    return {"second_head": list(itertools.islice(second, 3)),
            "first_next": next(first),
            "f90": next(itertools.islice(m.fib(), 90, None))}


@task(1)
def test_fib_fresh_and_endless(learner):
    """Each fib() starts again from 0 and keeps going: its 90th number is right too."""
    got = learner.run(probe_fib_fresh)
    assert got["second_head"] == [0, 1, 1], "a second fib() must start from 0 on its own"
    assert got["first_next"] == 5, "advancing one fib() must not disturb another"
    assert got["f90"] == 2880067194370816120


# ---------------------------------------------------------------- task 2: triangles


def probe_triangles(m, count):
    import inspect
    import itertools

    g = m.triangles()
    kept = []
    snapshots = []
    for row in itertools.islice(g, count):
        kept.append(row)
        snapshots.append(list(row))
    return {
        "generator": inspect.isgenerator(g),
        "rows": snapshots,
        "kept": [list(row) for row in kept],
        "distinct": len({id(row) for row in kept}) == len(kept),
        "types": sorted({type(row).__name__ for row in kept}),
    }


@task(2)
def test_triangles_rows(learner):
    """triangles() is a generator of the rows [1], [1, 1], [1, 2, 1], [1, 3, 3, 1], ..."""
    got = learner.run(probe_triangles, 11)
    assert got["generator"], "triangles() should return a generator: use yield"
    assert got["types"] == ["list"], "each row should be a list"
    assert got["rows"][:6] == [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1], [1, 4, 6, 4, 1],
                               [1, 5, 10, 10, 5, 1]]
    assert got["rows"][10] == [1, 10, 45, 120, 210, 252, 210, 120, 45, 10, 1]


@points(2)
@task(2)
def test_triangles_new_lists(learner):
    """Each row is a new list: rows kept from earlier do not change as the generator goes on."""
    got = learner.run(probe_triangles, 6)
    assert got["distinct"], "the generator yields the same list object again and again"
    assert got["kept"] == got["rows"], "rows handed out earlier changed afterwards"


# ---------------------------------------------------------------- task 3: squares


def probe_squares_values(m):
    return [list(m.squares([1, 2, 3])), list(m.squares(range(5))), list(m.squares([]))]


@task(3)
def test_squares_values(learner):
    """squares([1, 2, 3]) gives 1, 4, 9."""
    got = learner.run(probe_squares_values)
    assert got == [[1, 4, 9], [0, 1, 4, 9, 16], []]


def probe_squares_lazy(m):
    import collections.abc
    import itertools

    consumed = []

    def source():
        for n in range(1, 11):
            consumed.append(n)
            yield n

    result = m.squares(source())
    before = list(consumed)
    iterator = isinstance(result, collections.abc.Iterator)
    first = next(result, None) if iterator else None
    after_one = list(consumed)
    lazy = iterator and before == [] and after_one == [1]
    return {
        "type": type(result).__name__,
        "iterator": iterator,
        "before": before,
        "first": first,
        "after_one": after_one,
        "endless": list(itertools.islice(m.squares(itertools.count()), 5)) if lazy else None,
    }


@points(2)
@task(3)
def test_squares_lazy(learner):
    """squares() returns a lazy iterator: nothing is squared before next(), endless input works."""
    got = learner.run(probe_squares_lazy)
    assert got["iterator"], f"squares() returned a {got['type']}: return a generator expression"
    assert got["before"] == [], "squares() read its input before anyone asked for a square"
    assert got["first"] == 1 and got["after_one"] == [1], "one next() should read one number"
    assert got["endless"] == [0, 1, 4, 9, 16]


# ---------------------------------------------------------------- task 4: flatten


def probe_flatten(m, case):
    if case == "nested":
        data = [1, [2, [3, (4, 5)]], [], [[[]]], range(6, 8), (x for x in [8, 9])]
    else:
        data = ["ab", ["cd", [b"ef"]], "", "g"]
    return [x.decode() if isinstance(x, bytes) else x for x in m.flatten(data)]


@task(4)
def test_flatten_nested(learner):
    """flatten() yields the items of lists, tuples and other iterables nested at any depth."""
    got = learner.run(probe_flatten, "nested")
    assert got == [1, 2, 3, 4, 5, 6, 7, 8, 9]


@task(4)
def test_flatten_strings(learner):
    """flatten() keeps strings and bytes whole: "ab" is one item, not "a" and "b"."""
    got = learner.run(probe_flatten, "strings")
    assert got == ["ab", "cd", "ef", "", "g"], "a string is iterable, but it is an item here"


def probe_flatten_lazy(m):
    import inspect
    import itertools

    consumed = []

    def source():
        for n in range(10):
            consumed.append(n)
            yield n

    g = m.flatten([source()])
    before = list(consumed)
    head = list(itertools.islice(g, 3))
    lazy = before == [] and consumed == [0, 1, 2]
    return {
        "generator": inspect.isgenerator(g),
        "before": before,
        "head": head,
        "consumed": list(consumed),
        "endless": (list(itertools.islice(m.flatten([0, [itertools.count(1)]]), 4))
                    if lazy else None),
    }


@points(2)
@task(4)
def test_flatten_lazy(learner):
    """flatten() is a generator that reads its input only as items are asked for."""
    got = learner.run(probe_flatten_lazy)
    assert got["generator"], "flatten() should be a generator: yield (and yield from) the items"
    assert got["before"] == [], "flatten() read its input before the first next()"
    assert got["head"] == [0, 1, 2] and got["consumed"] == [0, 1, 2], (
        "three items asked for, so three items should be read")
    assert got["endless"] == [0, 1, 2, 3]


# ---------------------------------------------------------------- task 5: counted


def probe_counted(m, items, one_shot=False):
    import inspect

    g = m.counted((item for item in items) if one_shot else items)
    yielded = []
    try:
        while len(yielded) < 100:
            yielded.append(next(g))
        returned = "did not stop"
    except StopIteration as stop:
        returned = stop.value
    return {"generator": inspect.isgenerator(g), "yielded": yielded, "returned": returned}


@points(2)
@task(5)
def test_counted_return(learner):
    """counted(items) yields each item, then returns the count: StopIteration.value is 3."""
    got = learner.run(probe_counted, ["a", "b", "c"])
    assert got["generator"], "counted() should be a generator"
    assert got["yielded"] == ["a", "b", "c"], "yield the items, and only the items"
    assert got["returned"] == 3, "the count should come back as the generator's return value"


@task(5)
def test_counted_one_shot(learner):
    """counted() of a generator counts as it goes: a generator has no len()."""
    got = learner.run(probe_counted, [10, 20], True)
    assert got == {"generator": True, "yielded": [10, 20], "returned": 2}, (
        "count the items while yielding them; len(items) fails on a generator")


@task(5)
def test_counted_empty(learner):
    """counted([]) yields nothing and returns 0."""
    got = learner.run(probe_counted, [])
    assert got == {"generator": True, "yielded": [], "returned": 0}


# ---------------------------------------------------------------- task 6: chain_counted


def probe_chain_counted(m, fake):
    def counted(items):
        n = 0
        for item in items:
            yield item
            n += 1
        return n * 10

    real = m.counted
    if fake:
        m.counted = counted
    try:
        g = m.chain_counted("ab", [], (1, 2, 3))
        yielded = []
        try:
            while len(yielded) < 100:
                yielded.append(next(g))
            returned = "did not stop"
        except StopIteration as stop:
            returned = stop.value
    finally:
        m.counted = real
    return {"yielded": yielded, "returned": returned}


@points(2)
@task(6)
def test_chain_counted_values(learner):
    """chain_counted("ab", [], (1, 2, 3)) yields a, b, 1, 2, 3 and returns [2, 0, 3]."""
    got = learner.run(probe_chain_counted, False)
    assert got["yielded"] == ["a", "b", 1, 2, 3]
    assert got["returned"] == [2, 0, 3], "return the list of counts when the items run out"


@task(6)
def test_chain_counted_delegates(learner):
    """chain_counted gets each count from counted() itself, as the value of yield from."""
    got = learner.run(probe_chain_counted, True)
    assert got["yielded"] == ["a", "b", 1, 2, 3]
    assert got["returned"] == [20, 0, 30], "the counts were not the values counted() returned"


# ---------------------------------------------------------------- task 7: averager


def probe_averager(m, values):
    import inspect

    avg = m.averager()
    primed = next(avg)
    return {"generator": inspect.isgenerator(avg), "primed": primed,
            "averages": [avg.send(v) for v in values]}


@points(2)
@task(7)
def test_averager_send(learner):
    """After next(avg), send(10), send(20), send(60), send(0), send(5) give 10, 15, 30, 22.5, 19."""
    got = learner.run(probe_averager, [10, 20, 60, 0, 5])
    assert got["generator"], "averager() should be a generator"
    assert got["primed"] is None, "priming with next() should give None: nothing sent yet"
    assert got["averages"][:3] == [10.0, 15.0, 30.0], "each send() should return the new average"
    assert got["averages"][3:] == [22.5, 19.0], (
        "0 is a value too, and an average need not be a whole number")


def probe_averager_pair(m):
    a, b = m.averager(), m.averager()
    next(a)
    next(b)
    return [a.send(1), b.send(100), a.send(2), b.send(200), a.send(6)]


@task(7)
def test_averager_independent(learner):
    """Two averagers keep separate totals."""
    got = learner.run(probe_averager_pair)
    assert got == [1.0, 100.0, 1.5, 150.0, 3.0], "the averagers share state or skip values"


# ---------------------------------------------------------------- task 8: grep


def probe_grep_values(m):
    lines = ["error: disk", "ok", "warning", "ERROR", "error: net", ""]
    return [list(m.grep("error", lines)), list(m.grep("", ["a", ""])), list(m.grep("x", [])),
            list(m.grep("a.c", ["abc", "  1 a.c\n", "A.C", "a.c"]))]


@task(8)
def test_grep_values(learner):
    """grep("error", lines) keeps the lines that contain "error" as plain text, as they are."""
    got = learner.run(probe_grep_values)
    assert got[:3] == [["error: disk", "error: net"], ["a", ""], []]
    assert got[3] == ["  1 a.c\n", "a.c"], (
        "the pattern is plain text, found anywhere in the line, and each line comes out as it was")


def probe_grep_lazy(m):
    import inspect
    import itertools

    consumed = []

    def source():
        for n in range(20):
            consumed.append(n)
            yield f"line {n}" + (" match" if n % 2 else "")

    g = m.grep("match", source())
    generator = inspect.isgenerator(g)
    before = list(consumed)
    first = next(g, None) if generator else None
    lazy = generator and consumed == [0, 1]
    endless = (str(n) for n in itertools.count())
    return {"generator": generator, "before": before, "first": first,
            "consumed": list(consumed),
            "endless": list(itertools.islice(m.grep("7", endless), 3)) if lazy else None}


@points(2)
@task(8)
def test_grep_lazy(learner):
    """grep() is a generator stage: it reads lines only as matches are asked for."""
    got = learner.run(probe_grep_lazy)
    assert got["generator"], "grep() should be a generator, not build a list"
    assert got["before"] == [], "grep() read lines before the first next()"
    assert got["first"] == "line 1 match" and got["consumed"] == [0, 1], (
        "the first match should need only the lines up to it")
    assert got["endless"] == ["7", "17", "27"]


# ---------------------------------------------------------------- task 9: count_matches


def probe_count_small(m):
    return [m.count_matches("py", ["python", "rust", "pypy"]), m.count_matches("py", []),
            m.count_matches("a", iter(["a", "b", "a"]))]


@task(9)
def test_count_matches_values(learner):
    """count_matches("py", ["python", "rust", "pypy"]) is 2."""
    assert learner.run(probe_count_small) == [2, 0, 2]


def probe_count_through_grep(m):
    calls, handed_out = [], []

    def grep(pattern, lines):  # behaves like grep, and records that it was used
        calls.append(pattern)
        for line in lines:
            if pattern in line:
                handed_out.append(line)
                yield line

    real = m.grep
    m.grep = grep
    try:
        count = m.count_matches("x", iter(["ax", "b", "x", "y"]))
    finally:
        m.grep = real
    return {"count": count, "calls": calls, "handed_out": handed_out}


@task(9)
def test_count_matches_uses_grep(learner):
    """count_matches pulls the lines through grep(pattern, lines) and counts what it yields."""
    got = learner.run(probe_count_through_grep)
    assert got["count"] == 2
    assert got["calls"] == ["x"] and got["handed_out"] == ["ax", "x"], (
        "count the lines that grep(pattern, lines) yields instead of testing them yourself")


def probe_count_memory(m, n):
    stats = {"live": 0, "peak": 0}

    class Line(str):
        __slots__ = ()

        def __del__(self):
            stats["live"] -= 1

    def source():
        for i in range(n):
            stats["live"] += 1
            if stats["live"] > stats["peak"]:
                stats["peak"] = stats["live"]
            yield Line(f"{i} error" if i % 3 == 0 else f"{i} ok")

    count = m.count_matches("error", source())
    return {"count": count, "peak": stats["peak"]}


@points(2)
@task(9)
def test_count_matches_constant_memory(learner):
    """count_matches streams 12 000 lines while holding only a few of them at any time."""
    got = learner.run(probe_count_memory, 12_000)
    assert got["count"] == 4_000
    assert got["peak"] <= 100, (
        f"{got['peak']} lines were alive at once: some stage builds a list instead of streaming")
