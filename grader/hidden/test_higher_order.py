"""Hidden tests for the `higher_order` kata: functions as arguments, map/reduce, filter, sorted.

Whether a task uses the tool it asks for is checked by behaviour, never by reading source:
``probe_spy`` swaps ``functools.reduce`` and ``builtins.map``/``filter``/``sorted`` for
recording wrappers (and ``int``/``float`` for refusing ones) while the learner's function
runs, and those points sit on their own checks, apart from the checks of the values.
"""

from __future__ import annotations

import math

from grader.markers import points, task

# ---------------------------------------------------------------- shared probes


def probe_call(m, func, args, take=None):
    import inspect
    import itertools

    result = getattr(m, func)(*args)
    out = {"type": type(result).__name__, "generator": inspect.isgenerator(result)}
    if take is not None:
        result = list(itertools.islice(result, *take))
    plain = (type(None), bool, int, float, str, list, tuple, dict)
    out["value"] = result if type(result) in plain else f"<{type(result).__name__}>"
    out["args_after"] = list(args)
    return out


def probe_spy(m, func, args, take, spied, forbidden):
    import builtins
    import functools
    import itertools

    owners = {"reduce": functools, "map": builtins, "filter": builtins, "sorted": builtins,
              "int": builtins, "float": builtins}
    real = {name: getattr(owners[name], name) for name in [*spied, *forbidden]}
    log = {name: {"calls": 0, "pulled": 0, "key": 0, "no_function": 0} for name in spied}
    refused = []

    def counting(name, iterable):
        for item in iterable:
            log[name]["pulled"] += 1
            yield item

    def spy(name):
        original, entry = real[name], log[name]
        if name == "sorted":
            def recording_sorted(iterable, /, **kwargs):
                entry["calls"] += 1
                entry["key"] += kwargs.get("key") is not None
                return original(counting(name, iterable), **kwargs)
            return recording_sorted

        def recording(function, *rest):  # reduce(f, xs[, start]), map(f, *xss), filter(f, xs)
            entry["calls"] += 1
            entry["no_function"] += function is None
            if name == "reduce":
                return original(function, counting(name, rest[0]), *rest[1:])
            return original(function, *[counting(name, iterable) for iterable in rest])
        return recording

    def refuse(name):
        def refusing(*args, **kwargs):
            refused.append(name)
            raise RuntimeError(f"{name}() is not allowed in this task")
        return refusing

    replacements = {name: spy(name) for name in spied}
    replacements.update({name: refuse(name) for name in forbidden})
    undo = []
    error = None
    try:
        for name, replacement in replacements.items():
            undo.append((owners[name], name, real[name]))
            setattr(owners[name], name, replacement)
            for attr, value in list(vars(m).items()):
                if value is real[name]:
                    undo.append((m, attr, value))
                    setattr(m, attr, replacement)
        try:
            result = getattr(m, func)(*args)
            if take is not None:
                result = list(itertools.islice(result, take))
            elif hasattr(result, "__next__"):
                result = list(result)  # a lazy map or filter object does its work only now
        except Exception as exc:
            if not refused:
                raise
            result, error = None, f"{type(exc).__name__}: {exc}"
    finally:
        for owner, attr, value in reversed(undo):
            setattr(owner, attr, value)
    return {"log": log, "refused": sorted(set(refused)), "error": error,
            "type": type(result).__name__}


# ---------------------------------------------------------------- task 1: add


def probe_add(m):
    calls = []

    def tenfold(value):
        calls.append(value)
        return value * 10

    return {"abs": m.add(-5, 6, abs), "len": m.add("ab", "cde", len),
            "tenfold": m.add(2, -3, tenfold), "calls": calls}


@points(2)
@task(1)
def test_add_calls_f(learner):
    """add(x, y, f) is f(x) + f(y): it calls the f it is given, once for x and once for y."""
    got = learner.run(probe_add)
    assert got["calls"] == [2, -3], f"f was called with {got['calls']}: call f(x), then f(y)"
    assert got["abs"] == 11 and got["len"] == 5 and got["tenfold"] == -10


# ---------------------------------------------------------------- task 2: apply_twice


def probe_apply_twice(m):
    calls = []

    def plus3(value):
        calls.append(value)
        return value + 3

    return {"plus3": m.apply_twice(plus3, 7), "calls": calls,
            "bang": m.apply_twice(lambda s: s + "!", "hi")}


@points(2)
@task(2)
def test_apply_twice(learner):
    """apply_twice(f, x) is f(f(x)): the second call gets the result of the first."""
    got = learner.run(probe_apply_twice)
    assert got["calls"] == [7, 10], (
        f"f was called with {got['calls']}: feed the first result into the second call")
    assert got["plus3"] == 13 and got["bang"] == "hi!!"


# ---------------------------------------------------------------- task 3: normalize_names


@task(3)
def test_normalize_names_values(learner):
    """normalize_names(['adam', 'LISA', 'barT']) is ['Adam', 'Lisa', 'Bart']; '' stays ''."""
    got = learner.run(probe_call, "normalize_names", [["adam", "LISA", "barT", "o'neil"]])
    assert got["type"] == "list", f"return a list, not a {got['type']} object: map() is lazy"
    assert got["value"] == ["Adam", "Lisa", "Bart", "O'neil"], "lower-case the rest of each name"
    assert learner.run(probe_call, "normalize_names", [[]])["value"] == []
    got = learner.run(probe_call, "normalize_names", [["éMILE", "", "x"]])
    assert got["value"] == ["Émile", "", "X"], (
        f"got {got['value']}: an empty name has no first letter, and stays empty")


@points(2)
@task(3)
def test_normalize_names_uses_map(learner):
    """normalize_names runs every name through map()."""
    got = learner.run(probe_spy, "normalize_names", [["adam", "LISA", "barT"]], None, ["map"], [])
    assert got["log"]["map"]["calls"] >= 1, "map() was not called: pass it a function and the names"
    assert got["log"]["map"]["pulled"] >= 3, "map() did not receive the names"


# ---------------------------------------------------------------- task 4: str2int


@task(4)
def test_str2int_values(learner):
    """str2int("13579") is the int 13579; leading zeros and long strings work too."""
    samples = ["13579", "0", "007", "9" * 30]
    got = [learner.run(probe_call, "str2int", [s]) for s in samples]
    assert [g["type"] for g in got] == ["int"] * 4, "return an int"
    assert [g["value"] for g in got] == [13579, 0, 7, 10**30 - 1]


@points(2)
@task(4)
def test_str2int_uses_reduce(learner):
    """str2int folds the digits with functools.reduce and never calls int()."""
    got = learner.run(probe_spy, "str2int", ["2468"], None, ["reduce"], ["int"])
    assert not got["refused"], f"{got['error']}: turn each character into a digit yourself"
    assert got["log"]["reduce"]["calls"] >= 1, "functools.reduce was not called"
    assert got["log"]["reduce"]["pulled"] >= 4, "reduce() should receive every digit"


# ---------------------------------------------------------------- task 5: str2float


@task(5)
def test_str2float_values(learner):
    """str2float("123.456") is the float 123.456; "10", "3." and ".25" work too."""
    samples = ["123.456", "0.5", "10", "3.", ".25", "0.001"]
    got = [learner.run(probe_call, "str2float", [s]) for s in samples]
    assert [g["type"] for g in got] == ["float"] * 6, "return a float"
    values = [g["value"] for g in got]
    for value, want in zip(values, [123.456, 0.5, 10.0, 3.0, 0.25, 0.001]):
        assert math.isclose(value, want, rel_tol=1e-12), f"got {values}"


@points(2)
@task(5)
def test_str2float_uses_reduce(learner):
    """str2float folds the digits with functools.reduce and calls neither float() nor int()."""
    got = learner.run(probe_spy, "str2float", ["86.75"], None, ["reduce"], ["float", "int"])
    assert not got["refused"], f"{got['error']}: build the number from its digits yourself"
    assert got["log"]["reduce"]["calls"] >= 1, "functools.reduce was not called"
    assert got["log"]["reduce"]["pulled"] >= 4, "reduce() should receive every digit"


# ---------------------------------------------------------------- task 6: product


def probe_product_iterator(m):
    return m.product(x for x in [2, 3, 7])


@task(6)
def test_product_values(learner):
    """product([3, 5, 7, 9]) is 945; it works for floats and for a generator too."""
    assert learner.run(probe_call, "product", [[3, 5, 7, 9]])["value"] == 945
    assert learner.run(probe_call, "product", [[2.5, 4]])["value"] == 10.0
    assert learner.run(probe_product_iterator) == 42


def probe_product_empty_iterator(m):
    return m.product(x for x in [])


@task(6)
def test_product_empty(learner):
    """product([7]) is 7; product([]) and an empty generator give 1, the product of nothing."""
    assert learner.run(probe_call, "product", [[7]])["value"] == 7
    assert learner.run(probe_call, "product", [[]])["value"] == 1, (
        "reduce() of an empty list needs a start value")
    assert learner.run(probe_product_empty_iterator) == 1, (
        "an empty generator is not falsy: let reduce()'s start value answer for no numbers")


@points(2)
@task(6)
def test_product_uses_reduce(learner):
    """product multiplies the numbers with functools.reduce."""
    got = learner.run(probe_spy, "product", [[3, 5, 7]], None, ["reduce"], [])
    assert got["log"]["reduce"]["calls"] >= 1, "functools.reduce was not called"
    assert got["log"]["reduce"]["pulled"] >= 3, "reduce() should receive the numbers themselves"


# ---------------------------------------------------------------- task 7: palindromes


@task(7)
def test_palindromes_values(learner):
    """palindromes keeps 1 to 9, 11, ..., 99, 101, ..., 191 of range(1, 200), and 1221, not 1231."""
    got = learner.run(probe_call, "palindromes", [list(range(1, 200))])
    assert got["type"] == "list", f"return a list, not a {got['type']} object: filter() is lazy"
    assert got["value"] == [*range(1, 10), *range(11, 100, 11), *range(101, 200, 10)]
    got = learner.run(probe_call, "palindromes", [[1221, 1231, 12321, 12331, 10, 0]])
    assert got["value"] == [1221, 12321, 0], (
        f"got {got['value']}: compare the whole number with its reverse, not just its ends")


@points(2)
@task(7)
def test_palindromes_uses_filter(learner):
    """palindromes passes a predicate and the numbers to filter()."""
    got = learner.run(probe_spy, "palindromes", [[12, 121, 7, 10]], None, ["filter"], [])
    log = got["log"]["filter"]
    assert log["calls"] >= 1, "filter() was not called"
    assert log["no_function"] == 0, "give filter() a function that tells palindromes apart"
    assert log["pulled"] == 4, "filter() should receive the numbers themselves"


# ---------------------------------------------------------------- task 8: odd_numbers


@points(2)
@task(8)
def test_odd_numbers(learner):
    """odd_numbers() is a generator of 3, 5, 7, ... that never runs out."""
    got = learner.run(probe_call, "odd_numbers", [], [5])
    assert got["generator"], "odd_numbers should be a generator function (use yield)"
    assert got["value"] == [3, 5, 7, 9, 11]
    far = learner.run(probe_call, "odd_numbers", [], [100_000, 100_001])["value"]
    assert far == [200_003], "the odd numbers must go on forever: no upper limit"


# ---------------------------------------------------------------- task 9: primes


@task(9)
def test_primes_head(learner):
    """The first ten values of primes() are 2, 3, 5, 7, 11, 13, 17, 19, 23, 29."""
    got = learner.run(probe_call, "primes", [], [10])
    assert got["generator"], "primes should be a generator function (use yield)"
    hint = ("9 is no prime: a lambda made in a loop sees the latest p unless you bind it"
            if 9 in got["value"] else "start with 2, then the sieve of the odd numbers")
    assert got["value"] == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29], hint


@task(9)
def test_primes_endless(learner):
    """primes() never runs out: the 300th value is 1987."""
    got = learner.run(probe_call, "primes", [], [299, 300])
    assert got["value"] == [1987]


def probe_primes_lazy(m):
    import itertools

    real = m.odd_numbers
    pulled = []

    def counted_odds():
        for n in real():
            pulled.append(n)
            yield n

    m.odd_numbers = counted_odds
    try:
        gen = m.primes()
        first = next(gen)
        before = len(pulled)
        head = list(itertools.islice(gen, 9))
    finally:
        m.odd_numbers = real
    return {"first": first, "before": before, "head": head, "pulled": len(pulled),
            "last_pulled": pulled[-1] if pulled else None}


@points(2)
@task(9)
def test_primes_lazy(learner):
    """primes() draws from odd_numbers() only as far as the primes it has yielded."""
    got = learner.run(probe_primes_lazy)
    assert got["pulled"] > 0, "primes() should take its candidates from odd_numbers()"
    assert got["first"] == 2 and got["before"] == 0, "2 needs no candidate: yield it first"
    assert got["last_pulled"] == 29 and got["pulled"] == 14, (
        f"for the first ten primes (up to 29) odd_numbers() gave {got['pulled']} numbers, up to "
        f"{got['last_pulled']}: take one candidate at a time")


@points(2)
@task(9)
def test_primes_uses_filter(learner):
    """primes() sieves with filter(): one more filter for each prime it finds."""
    got = learner.run(probe_spy, "primes", [], 20, ["filter"], [])
    calls = got["log"]["filter"]["calls"]
    assert calls >= 15, f"filter() was called {calls} time(s) for 20 primes: add one per prime"


# ---------------------------------------------------------------- task 10: by_abs


@task(10)
def test_by_abs_values(learner):
    """by_abs([36, 5, -12, 9, -21]) is a new list [5, 9, -12, -21, 36]; repeats stay."""
    got = learner.run(probe_call, "by_abs", [[36, 5, -12, 9, -21]])
    assert got["type"] == "list" and got["value"] == [5, 9, -12, -21, 36]
    assert got["args_after"] == [[36, 5, -12, 9, -21]], "the caller's list was changed"
    got = learner.run(probe_call, "by_abs", [[2, -1, 2, -7]])
    assert got["value"] == [-1, 2, 2, -7], f"got {got['value']}: a repeated number stays twice"


@points(2)
@task(10)
def test_by_abs_stable(learner):
    """Numbers with equal absolute values keep their order: [3, -3, -2, 2] -> [-2, 2, 3, -3]."""
    got = [learner.run(probe_call, "by_abs", [case])["value"]
           for case in ([3, -3, -2, 2], [1, -1], [-1, 1])]
    assert got == [[-2, 2, 3, -3], [1, -1], [-1, 1]], (
        "sorted() is stable: sort by the absolute value alone")


@task(10)
def test_by_abs_uses_sorted_key(learner):
    """by_abs calls sorted() with a key function."""
    got = learner.run(probe_spy, "by_abs", [[4, -1, -3]], None, ["sorted"], [])
    assert got["log"]["sorted"]["calls"] >= 1, "sorted() was not called"
    assert got["log"]["sorted"]["key"] >= 1, "pass the function to sorted() as key="


# ---------------------------------------------------------------- task 11: case_insensitive


@task(11)
def test_case_insensitive_order(learner):
    """case_insensitive(['bob', 'about', 'Zoo', 'Credit']) is ['about', 'bob', 'Credit', 'Zoo']."""
    words = ["bob", "about", "Zoo", "Credit"]
    got = learner.run(probe_call, "case_insensitive", [words])
    assert got["value"] == ["about", "bob", "Credit", "Zoo"], "upper case must not come first"
    got = learner.run(probe_call, "case_insensitive", [words, True])
    assert got["value"] == ["Zoo", "Credit", "bob", "about"]


@points(2)
@task(11)
def test_case_insensitive_reverse_stable(learner):
    """With reverse=True, words equal but for case still keep their order."""
    got = learner.run(probe_call, "case_insensitive", [["b", "A", "a", "B"], True])
    assert got["value"] == ["b", "B", "A", "a"], (
        "reversing the sorted list also reverses the ties: let sorted() do the reversing")
    got = learner.run(probe_call, "case_insensitive", [["b", "A", "a", "B"]])
    assert got["value"] == ["A", "a", "b", "B"]


# ---------------------------------------------------------------- task 12: rank


def probe_rank(m, records):
    records = [tuple(record) for record in records]  # probe arguments arrive as lists
    original = list(records)
    result = m.rank(records)
    return {"type": type(result).__name__,
            "value": [r if type(r) is tuple else f"<{type(r).__name__}>" for r in result],
            "unchanged": records == original}


@task(12)
def test_rank_by_score(learner):
    """rank puts the highest score first, in a new list, and leaves the records alone."""
    records = [("Bob", 75), ("Adam", 92), ("Bart", 66), ("Lisa", 88)]
    got = learner.run(probe_rank, records)
    assert got["type"] == "list"
    assert got["value"] == [("Adam", 92), ("Lisa", 88), ("Bob", 75), ("Bart", 66)]
    assert got["unchanged"], "the caller's list was changed: sorted() returns a new one"


@points(2)
@task(12)
def test_rank_ties_by_name(learner):
    """Records with equal scores come in alphabetical order of name."""
    records = [("Bob", 75), ("Lisa", 88), ("Adam", 75), ("Zed", 88), ("Bart", 75)]
    got = learner.run(probe_rank, records)
    want = [("Lisa", 88), ("Zed", 88), ("Adam", 75), ("Bart", 75), ("Bob", 75)]
    assert got["value"] == want, (
        "scores descending but names ascending: reverse=True turns both around")
