"""Hidden tests for the `iteration` kata: dict iteration, enumerate/zip, iterables, one-pass
loops, comprehensions, filtering and flattening."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: split_dict


def probe_split_dict(m):
    class CountingDict(dict):
        lookups = 0

        def __getitem__(self, key):
            CountingDict.lookups += 1
            return dict.__getitem__(self, key)

    d = CountingDict([("b", 2), (10, "ten"), ("a", None)])
    result = m.split_dict(d)
    return {
        "type": type(result).__name__,
        "part_types": [type(part).__name__ for part in result],
        "parts": [list(part) for part in result],
        "pair_types": sorted({type(pair).__name__ for pair in result[2]}),
        "lookups": CountingDict.lookups,
        "unchanged": dict(d) == {"b": 2, 10: "ten", "a": None},
    }


@task(1)
def test_split_dict_parts(learner):
    """split_dict gives keys, values and (key, value) pairs as lists, in the dict's own order."""
    got = learner.run(probe_split_dict)
    assert got["type"] == "tuple" and got["part_types"] == ["list", "list", "list"], (
        "return a tuple of three lists")
    keys, values, pairs = got["parts"]
    assert keys == ["b", 10, "a"], "keys must come in insertion order (no sorting)"
    assert values == [2, "ten", None]
    assert pairs == [("b", 2), (10, "ten"), ("a", None)] and got["pair_types"] == ["tuple"]
    assert got["unchanged"], "split_dict must not change the dict"


@task(1)
def test_split_dict_uses_items(learner):
    """The pairs come from d.items(): no second look-up d[key] for each key."""
    got = learner.run(probe_split_dict)
    assert got["lookups"] == 0, (
        f"d[key] was called {got['lookups']} time(s): values() and items() already hold the values")


# ---------------------------------------------------------------- task 2: diff_positions


def probe_diff(m, case):
    import itertools

    def counted(values):
        yield from values

    cases = {
        "sequences": [("kitten", "sitting"), ([1, 2, 3], [1, 5, 3, 4]), ([], "abc"),
                      ((0, 0), (0, 0)), ([[1], [2, 3]], [[1], [2, 4]])],
        "iterators": [(iter("abc"), itertools.repeat("a")),
                      (counted([1, 2, 3]), counted([1, 0, 3])),
                      (itertools.count(), counted([0, 9, 2, 9]))],
    }
    out = []
    for a, b in cases[case]:
        try:
            result = m.diff_positions(a, b)
            out.append({"type": type(result).__name__, "value": list(result)})
        except (TypeError, IndexError) as exc:
            out.append({"error": f"{type(exc).__name__}: {exc}"})
    return out


@task(2)
def test_diff_positions_values(learner):
    """diff_positions("kitten", "sitting") is [0, 4]: compare with != up to the shorter end."""
    got = learner.run(probe_diff, "sequences")
    assert all(item.get("type") == "list" for item in got), f"return a list: {got}"
    values = [item["value"] for item in got]
    assert values[:4] == [[0, 4], [1], [], []]
    assert values[4] == [1], "[1] and [1] are equal items, though not the same object: use !="


@points(2)
@task(2)
def test_diff_positions_iterators(learner):
    """diff_positions works on one-shot and endless iterators: no len(), no indexing."""
    got = learner.run(probe_diff, "iterators")
    errors = [item["error"] for item in got if "error" in item]
    assert not errors, f"{errors[0]}: enumerate() and zip() need neither len() nor indexing"
    assert [item["value"] for item in got] == [[1, 2], [1], [1, 3]], (
        "zip() stops at the shorter input, even when the other one never ends")


# ---------------------------------------------------------------- task 3: is_iterable


def probe_is_iterable(m, case):
    class OldSequence:
        def __getitem__(self, index):
            if index < 3:
                return index
            raise IndexError(index)

    class NotIterable:
        __iter__ = None

    samples = {
        "common": ["abc", [1], (), {"a": 1}, {2}, range(3), (x for x in "ab"), iter([]),
                   42, 3.5, None, object(), len],
        "protocols": [OldSequence(), NotIterable()],
    }[case]
    out = []
    for sample in samples:
        result = m.is_iterable(sample)
        out.append(result if type(result) is bool else f"not a bool: {type(result).__name__}")
    return out


@task(3)
def test_is_iterable_common(learner):
    """is_iterable is True for strings, containers, ranges and generators, False for numbers."""
    got = learner.run(probe_is_iterable, "common")
    assert got == [True] * 8 + [False] * 5, "answer True or False (a bool) for each object"


@points(2)
@task(3)
def test_is_iterable_getitem_protocol(learner):
    """A class with only __getitem__ is iterable; one whose __iter__ is None is not."""
    old_sequence, blocked = learner.run(probe_is_iterable, "protocols")
    assert old_sequence is True, (
        "a for loop walks a class with only __getitem__, but isinstance(x, Iterable) says no: "
        "ask iter() itself")
    assert blocked is False, "__iter__ = None marks a class as not iterable; hasattr is not enough"


def probe_is_iterable_consumes(m):
    pulled = []

    def numbers():
        for n in range(3):
            pulled.append(n)
            yield n

    gen = numbers()
    answer = m.is_iterable(gen)
    return {"answer": answer if type(answer) is bool else None, "pulled": len(pulled),
            "rest": list(gen)}


@task(3)
def test_is_iterable_consumes_nothing(learner):
    """Asking is_iterable about a generator does not take any item out of it."""
    got = learner.run(probe_is_iterable_consumes)
    assert got["answer"] is True
    assert got["pulled"] == 0 and got["rest"] == [0, 1, 2], (
        "is_iterable took items from the generator: looping over it consumes them")


# ---------------------------------------------------------------- task 4: min_max


def probe_min_max(m, case):
    cases = {
        "values": [[3, -1, 7, 0, 5], [5], [4, 9, 2], [-4, -9, -2], "hello", [2.5, 2.5],
                   [0, 5, 3], [-3, 0, -5]],
        "empty": [[], ""],
    }
    out = []
    for items in cases[case]:
        result = m.min_max(items)
        out.append(result if type(result) is tuple else f"not a tuple: {type(result).__name__}")
    if case == "empty":
        out.append(m.min_max(iter([])))
    return out


@task(4)
def test_min_max_values(learner):
    """min_max returns (smallest, largest), also for one item, negative values and 0."""
    got = learner.run(probe_min_max, "values")
    assert got[0] == (-1, 7)
    assert got[1] == (5, 5), "with one item, it is both the smallest and the largest"
    assert got[2:4] == [(2, 9), (-9, -2)], "start from the first item, not from 0"
    assert got[4:6] == [("e", "o"), (2.5, 2.5)], "min_max should work for any comparable items"
    assert got[6:] == [(0, 5), (-5, 0)], (
        "0 is an item like any other: test whether you have an item yet with `is None` or a "
        "first item, not with truthiness")


@task(4)
def test_min_max_empty(learner):
    """min_max of no items is (None, None)."""
    assert learner.run(probe_min_max, "empty") == [(None, None)] * 3


def probe_min_max_ties(m):
    result = m.min_max([2, 1, 1.0, True, 3, 3.0])
    return [type(x).__name__ for x in result] if type(result) is tuple else None


@task(4)
def test_min_max_ties(learner):
    """Of equal smallest (or largest) items, min_max keeps the first, as min() and max() do."""
    got = learner.run(probe_min_max_ties)
    assert got == ["int", "int"], (
        f"min_max([2, 1, 1.0, True, 3, 3.0]) gave items of types {got}: replace low or high only "
        "when an item is strictly smaller or larger")


def probe_min_max_one_pass(m):
    pulled = []

    def readings():
        for value in [8, 3, 11, -2, 6, 11, 0]:
            pulled.append(value)
            yield value

    try:
        result = m.min_max(readings())
    except (TypeError, ValueError, IndexError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"result": result if type(result) is tuple else None, "pulled": len(pulled)}


@points(2)
@task(4)
def test_min_max_one_pass(learner):
    """min_max reads a one-shot generator once and still finds both ends."""
    got = learner.run(probe_min_max_one_pass)
    assert "error" not in got, f"{got.get('error')}: a generator cannot be indexed or measured"
    assert got["result"] == (-2, 11), (
        "a generator is empty after the first loop: find both ends in the same loop")
    assert got["pulled"] == 7


def probe_min_max_no_builtins(m):
    import builtins

    real = {"min": builtins.min, "max": builtins.max}
    used = []

    def forbid(name):
        def replacement(*args, **kwargs):
            used.append(name)
            raise RuntimeError(f"min_max must not call {name}()")
        return replacement

    patched = []
    for name, original in real.items():
        setattr(builtins, name, forbid(name))
        for attr, value in list(vars(m).items()):
            if value is original:
                setattr(m, attr, forbid(name))
                patched.append((attr, value))
    try:
        result = m.min_max([4, -1, 9, 7])
    finally:
        for name, original in real.items():
            setattr(builtins, name, original)
        for attr, value in patched:
            setattr(m, attr, value)
    return {"result": result if type(result) is tuple else None, "used": used}


@points(2)
@task(4)
def test_min_max_without_builtins(learner):
    """min_max compares the items itself: min() and max() are not called."""
    got = learner.run(probe_min_max_no_builtins)
    used = sorted(set(got["used"]))
    assert not used, f"min_max called {used}: keep a running low and high instead"
    assert got["result"] == (-1, 9)


# ---------------------------------------------------------------- task 5: pythagorean_triples


def probe_triples(m, n):
    result = m.pythagorean_triples(n)
    return {"type": type(result).__name__,
            "value": [t if type(t) is tuple else list(t) for t in result],
            "number_types": sorted({type(x).__name__ for t in result for x in t})}


@task(5)
def test_triples_values(learner):
    """pythagorean_triples(19) lists the five triples, ordered by a then b, as tuples of ints."""
    got = learner.run(probe_triples, 19)
    assert got["type"] == "list"
    assert got["number_types"] == ["int"], (
        f"the triples hold {got['number_types']}: a square root gives a float, 5.0 and not 5")
    assert got["value"] == [(3, 4, 5), (5, 12, 13), (6, 8, 10), (8, 15, 17), (9, 12, 15)]


@task(5)
def test_triples_bound_inclusive(learner):
    """c may equal n: pythagorean_triples(5) is [(3, 4, 5)], and (4) is empty."""
    assert learner.run(probe_triples, 5)["value"] == [(3, 4, 5)], "range(n) stops before n"
    assert learner.run(probe_triples, 13)["value"] == [(3, 4, 5), (5, 12, 13), (6, 8, 10)]
    assert learner.run(probe_triples, 4)["value"] == []


# ---------------------------------------------------------------- task 6: invert


def probe_invert(m):
    d = {"a": 1, "b": 2, "c": 1, "d": None}
    result = m.invert(d)
    return {"type": type(result).__name__, "value": dict(result), "new": result is not d,
            "unchanged": d == {"a": 1, "b": 2, "c": 1, "d": None}}


@task(6)
def test_invert(learner):
    """invert swaps keys and values into a new dict; with a repeated value the last key wins."""
    got = learner.run(probe_invert)
    assert got["type"] == "dict" and got["new"] and got["unchanged"], (
        "return a new dict and leave the argument alone")
    assert got["value"] == {1: "c", 2: "b", None: "d"}


# ---------------------------------------------------------------- task 7: letters_used


def probe_letters(m):
    result = m.letters_used(word for word in ["Ab-c", "ba1", "", "Zz!", "Éé ß"])
    return {"type": type(result).__name__, "items": sorted(result)}


@task(7)
def test_letters_used(learner):
    """letters_used gives a set of lower-case letters, é and ß too: no digits, signs or capitals."""
    got = learner.run(probe_letters)
    assert got["type"] == "set", "build a set with a set comprehension"
    assert got["items"] == ["a", "b", "c", "z", "ß", "é"], (
        "letters are what str.isalpha() accepts, not only a to z")


# ---------------------------------------------------------------- task 8: lower_strings


def probe_lower(m, case):
    class Name(str):
        pass

    items = {
        "mixed": ["Hello", 18, "World", None, "APPLE", "ÀÉ Straße"],
        "tricky": [b"BYTES", "", 3.5, ["LIST"], Name("Ada"), "MiXeD"],
    }[case]
    result = m.lower_strings(items)
    return {"type": type(result).__name__,
            "value": [x if type(x) is str else f"<{type(x).__name__}>" for x in result]}


@task(8)
def test_lower_strings_mixed(learner):
    """lower_strings(['Hello', 18, 'World', None, 'ÀÉ']) is ['hello', 'world', 'àé']."""
    got = learner.run(probe_lower, "mixed")
    assert got["type"] == "list"
    assert got["value"][:3] == ["hello", "world", "apple"], "keep the strings only, in order"
    assert got["value"][3:] == ["àé straße"], "str.lower() lower-cases every letter, not only A to Z"


@points(2)
@task(8)
def test_lower_strings_only_str(learner):
    """Only str items count: bytes are left out, the empty string and str subclasses are kept."""
    got = learner.run(probe_lower, "tricky")
    assert "<bytes>" not in got["value"], "bytes has .lower() too: test the type with isinstance"
    assert got["value"] == ["", "ada", "mixed"], "'' is a string: filter by type, not truthiness"


# ---------------------------------------------------------------- task 9: flatten


def probe_flatten(m, case):
    inner = [2, 3]
    rows = {
        "plain": [[1, 2], [], [3]],
        "iterables": (range(n) for n in range(4)),
        "nested": [[1, inner], [[4]], ("t", [])],
    }[case]
    result = m.flatten(rows)
    return {"type": type(result).__name__, "value": list(result),
            "same_inner": case == "nested" and len(result) > 1 and result[1] is inner}


@task(9)
def test_flatten_values(learner):
    """flatten([[1, 2], [], [3]]) is [1, 2, 3]; any inner iterables work (tuples, ranges)."""
    got = learner.run(probe_flatten, "plain")
    assert got["type"] == "list" and got["value"] == [1, 2, 3]
    got = learner.run(probe_flatten, "iterables")
    assert got["value"] == [0, 0, 1, 0, 1, 2], "the rows may be any iterables, read once"


@points(2)
@task(9)
def test_flatten_one_level_only(learner):
    """flatten removes one level only: deeper lists stay as they are, the same objects."""
    got = learner.run(probe_flatten, "nested")
    assert got["value"] == [1, [2, 3], [4], "t", []], "only the outer level is removed"
    assert got["same_inner"], "the inner list should be the very object, not a copy"


# ---------------------------------------------------------------- task 10: deep_flatten


def probe_deep_flatten(m, case):
    deep = [7]
    for _ in range(60):
        deep = [deep, ()]
    nested = {
        "lists": [1, [2, [3, [4, [5]]]], [], 6],
        "tuples": [(1, [2, (3,)]), ((), 4)],
        "deep": deep,
        "strings": ["ab", ["cd", ["e", ["fgh"]]], "", b"ij"],
    }[case]
    try:
        result = m.deep_flatten(nested)
    except RecursionError:
        return {"error": "RecursionError"}
    return {"type": type(result).__name__,
            "value": [x if type(x) is not bytes else x.decode() for x in result]}


@task(10)
def test_deep_flatten_nesting(learner):
    """deep_flatten flattens lists and tuples however deep: [1, [2, [3, (4,)]]] -> [1, 2, 3, 4]."""
    got = learner.run(probe_deep_flatten, "lists")
    assert got.get("type") == "list" and got["value"] == [1, 2, 3, 4, 5, 6]
    assert learner.run(probe_deep_flatten, "tuples")["value"] == [1, 2, 3, 4], "tuples nest too"
    assert learner.run(probe_deep_flatten, "deep")["value"] == [7]


def probe_deep_flatten_others(m):
    result = m.deep_flatten([{"k": 1}, [{2}, [range(2)]], iter([3])])
    return [type(x).__name__ for x in result]


@task(10)
def test_deep_flatten_other_values(learner):
    """Only lists and tuples are flattened: a dict, a set, a range or an iterator is one item."""
    got = learner.run(probe_deep_flatten_others)
    assert got == ["dict", "set", "range", "list_iterator"], (
        f"got items of types {got}: recurse into lists and tuples only")


@points(2)
@task(10)
def test_deep_flatten_strings(learner):
    """Strings are single items: deep_flatten does not split them into characters."""
    got = learner.run(probe_deep_flatten, "strings")
    assert "error" not in got, (
        "endless recursion: a one-character string is iterable and contains itself")
    assert got["value"] == ["ab", "cd", "e", "fgh", "", "ij"], "keep every string whole"


# ---------------------------------------------------------------- task 11: pass_fail


def probe_pass_fail(m, scores, *pass_mark):
    result = m.pass_fail(iter(scores), *pass_mark)
    return {"type": type(result).__name__, "value": list(result)}


@points(2)
@task(11)
def test_pass_fail_values(learner):
    """pass_fail([75, 59, 60, 100, 59.5]) is pass, fail, pass, pass, fail: 60 and up pass."""
    got = learner.run(probe_pass_fail, [75, 59, 60, 100, 59.5])
    assert got["type"] == "list", f"return a list (a list comprehension), not a {got['type']}"
    assert got["value"] == ["pass", "fail", "pass", "pass", "fail"], (
        "each valid score becomes one word: 'pass' if score >= pass_mark else 'fail'")


@points(2)
@task(11)
def test_pass_fail_leaves_out_invalid(learner):
    """Negative scores are left out, not failed; 0 is a valid score and fails."""
    got = learner.run(probe_pass_fail, [75, -1, 59, -0.5, 0])
    assert got["value"] == ["pass", "fail", "fail"], (
        "an if after the for drops the negative scores; 0 is kept, so do not test truthiness")
    assert learner.run(probe_pass_fail, [])["value"] == []
    assert learner.run(probe_pass_fail, [-3, -2])["value"] == []


@task(11)
def test_pass_fail_pass_mark(learner):
    """pass_fail(scores, pass_mark) passes from pass_mark up, whatever it is, 0 included."""
    assert learner.run(probe_pass_fail, [4, 5, 6], 5)["value"] == ["fail", "pass", "pass"]
    assert learner.run(probe_pass_fail, [0, 3, -2], 0)["value"] == ["pass", "pass"], (
        "pass_mark=0 is a mark like any other: every valid score passes")
