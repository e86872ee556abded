"""Hidden tests for the `iterators` kata: the iterator protocol, iterables, sentinels, peeking."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: kind


def probe_kind(m):
    import io
    import itertools

    class Both:
        def __iter__(self):
            return self

        def __next__(self):
            raise StopIteration

    class OnlyIter:
        def __iter__(self):
            return iter([])

    class OnlyNext:
        def __next__(self):
            raise StopIteration

    class Blocked:
        __iter__ = None

    objects = {
        "list": [1, 2], "str": "ab", "dict": {"a": 1}, "range": range(3), "set": {1},
        "dict_keys": {"a": 1}.keys(), "class with __iter__": OnlyIter(),
        "iter(list)": iter([1, 2]), "generator": (x for x in "ab"), "map": map(str, [1]),
        "zip": zip([1], [2]), "enumerate": enumerate("ab"), "iter(dict)": iter({}),
        "StringIO": io.StringIO("a"), "count": itertools.count(),
        "class with __iter__ and __next__": Both(),
        "int": 42, "None": None, "function": len, "object": object(),
        "class with only __next__": OnlyNext(), "class with __iter__ = None": Blocked(),
    }
    return {name: m.kind(obj) for name, obj in objects.items()}


ITERABLES = ("list", "str", "dict", "range", "set", "dict_keys", "class with __iter__")
ITERATORS = ("iter(list)", "generator", "map", "zip", "enumerate", "iter(dict)", "StringIO",
             "count", "class with __iter__ and __next__")
NEITHER = ("int", "None", "function", "object", "class with only __next__",
           "class with __iter__ = None")


def _wrong(got, names, want):
    return [f"{name} -> {got[name]!r}" for name in names if got[name] != want]


@task(1)
def test_kind_iterables(learner):
    """Lists, strings, dicts, ranges and sets are "iterable" but not iterators."""
    got = learner.run(probe_kind)
    wrong = _wrong(got, ITERABLES, "iterable")
    assert not wrong, f"these should be 'iterable': {', '.join(wrong)}"


@points(2)
@task(1)
def test_kind_iterators(learner):
    """iter(list), generators, map, zip, files and classes with __next__ are "iterator"."""
    got = learner.run(probe_kind)
    wrong = _wrong(got, ITERATORS, "iterator")
    assert not wrong, f"these should be 'iterator': {', '.join(wrong)}"


@task(1)
def test_kind_neither(learner):
    """Numbers, None, functions, a class with only __next__ or __iter__ = None are "neither"."""
    got = learner.run(probe_kind)
    wrong = _wrong(got, NEITHER, "neither")
    assert not wrong, f"these should be 'neither': {', '.join(wrong)}"


# ---------------------------------------------------------------- task 2: Countdown


def probe_countdown_values(m):
    total = 0
    for n in m.Countdown(4):
        total += n
    return [list(m.Countdown(3)), list(m.Countdown(0)), list(m.Countdown(-2)), total]


@task(2)
def test_countdown_values(learner):
    """list(Countdown(3)) is [3, 2, 1]; Countdown(0) is empty."""
    assert learner.run(probe_countdown_values) == [[3, 2, 1], [], [], 10]


def probe_countdown_protocol(m):
    import collections.abc

    c = m.Countdown(2)
    same = iter(c) is c
    items = [next(c), next(c)]
    stops = 0
    for _ in range(3):
        try:
            next(c)
        except StopIteration:
            stops += 1
    half = m.Countdown(3)
    first = next(half)
    return {"iter_is_self": same, "is_iterator": isinstance(c, collections.abc.Iterator),
            "items": items, "stops": stops, "after": list(c),
            "first": first, "rest": list(half)}


@points(2)
@task(2)
def test_countdown_protocol(learner):
    """A Countdown is its own iterator: iter(c) is c, it goes on where it was, and stays spent."""
    got = learner.run(probe_countdown_protocol)
    assert got["iter_is_self"] and got["is_iterator"], "an iterator's __iter__ returns itself"
    assert got["items"] == [2, 1]
    assert got["stops"] == 3 and got["after"] == [], (
        "once exhausted, next() must raise StopIteration every time")
    assert got["first"] == 3 and got["rest"] == [2, 1], (
        "a loop over a started Countdown should go on from where it was, not start over")


# ---------------------------------------------------------------- task 3: Range


def probe_range_values(m):
    return [list(m.Range(2, 5)), list(m.Range(5, 2)), list(m.Range(0, 0)),
            sum(m.Range(1, 101))]


@task(3)
def test_range_values(learner):
    """list(Range(2, 5)) is [2, 3, 4]; Range(5, 2) is empty."""
    assert learner.run(probe_range_values) == [[2, 3, 4], [], [], 5050]


def probe_range_again(m):
    import collections.abc

    r = m.Range(1, 4)
    first, second = list(r), list(r)
    pairs = [[a, b] for a in r for b in r]
    it1, it2 = iter(r), iter(r)
    steps = [next(it1, "exhausted"), next(it1, "exhausted"), next(it2, "exhausted")]
    return {"first": first, "second": second, "pairs": len(pairs), "steps": steps,
            "iter_is_self": iter(r) is r, "fresh": it1 is not it2,
            "iterable": isinstance(r, collections.abc.Iterable),
            "iterator": isinstance(r, collections.abc.Iterator)}


@points(2)
@task(3)
def test_range_reiterable(learner):
    """A Range can be looped over again and in nested loops: each iter() is a fresh iterator."""
    got = learner.run(probe_range_again)
    assert got["first"] == got["second"] == [1, 2, 3], "the second loop over the Range was empty"
    assert got["pairs"] == 9, "a nested loop over the same Range should see 3 x 3 pairs"
    assert got["fresh"] and not got["iter_is_self"] and got["steps"] == [1, 2, 1], (
        "each iter(r) should be a new iterator with its own position")
    assert got["iterable"] and not got["iterator"], "a Range is iterable, not itself an iterator"


# ---------------------------------------------------------------- task 4: read_chunks


def probe_read_chunks_values(m):
    import io

    with open("chunks.txt", "w", encoding="utf-8") as f:
        f.write("0123456789")
    with open("chunks.txt", encoding="utf-8") as f:
        from_file = list(m.read_chunks(f, 4))
    return [list(m.read_chunks(io.StringIO("abcdefgh"), 3)),
            list(m.read_chunks(io.StringIO(""), 2)),
            list(m.read_chunks(io.StringIO("hello"), 100)), from_file]


@task(4)
def test_read_chunks_values(learner):
    """read_chunks(StringIO("abcdefgh"), 3) gives "abc", "def", "gh"."""
    got = learner.run(probe_read_chunks_values)
    assert got == [["abc", "def", "gh"], [], ["hello"], ["0123", "4567", "89"]], (
        "each chunk should hold size characters, the last one fewer")


def probe_read_chunks_lazy(m):
    import itertools

    class Reader:
        def __init__(self, text):
            self.text = text
            self.calls = []

        def read(self, n=-1):
            self.calls.append(n)
            if n is None or n < 0:
                n = len(self.text)
            chunk, self.text = self.text[:n], self.text[n:]
            return chunk

    reader = Reader("abcde")
    chunks = m.read_chunks(reader, 2)
    before = list(reader.calls)
    first = next(chunks)
    after_one = list(reader.calls)
    rest = list(itertools.islice(chunks, 10))
    return {"before": before, "first": first, "after_one": after_one, "rest": rest,
            "calls": reader.calls}


@points(2)
@task(4)
def test_read_chunks_lazy(learner):
    """read_chunks calls read(size) once per chunk, only when asked, and stops at the first ""."""
    got = learner.run(probe_read_chunks_lazy)
    assert got["before"] == [], "read_chunks read the file before the first next()"
    assert got["first"] == "ab" and got["after_one"] == [2], (
        "the first chunk should cost exactly one read(size) call")
    assert got["rest"] == ["cd", "e"], "the chunks should stop at the first empty read"
    assert got["calls"] == [2, 2, 2, 2], "read(size) once per chunk, plus the one that gives ''"


# ---------------------------------------------------------------- task 5: Peekable


def probe_peek_next(m):
    p = m.Peekable([1, 2, 3])
    seen = []
    for step in ("peek", "peek", "next", "next", "peek", "next"):
        try:
            seen.append(p.peek() if step == "peek" else next(p))
        except StopIteration:
            seen.append("StopIteration")
    return seen


@points(2)
@task(5)
def test_peekable_peek_then_next(learner):
    """peek() shows the next item without using it up: next() then returns that same item."""
    got = learner.run(probe_peek_next)
    assert got == [1, 1, 1, 2, 3, 3], "peek() should not consume the item it shows"


def probe_peek_exhausted(m):
    def outcome(action):
        try:
            return ["value", action()]
        except StopIteration:
            return ["StopIteration", None]

    class EqualToAll:
        def __eq__(self, other):
            return True

        __hash__ = object.__hash__

    p = m.Peekable([7])
    anything = EqualToAll()
    return [outcome(lambda: next(p)), outcome(lambda: p.peek("none")),
            outcome(lambda: p.peek(None)), outcome(lambda: p.peek()), outcome(lambda: next(p)),
            outcome(lambda: m.Peekable([]).peek(0)), outcome(lambda: m.Peekable([5]).peek(0)),
            outcome(lambda: p.peek(anything) is anything)]


@task(5)
def test_peekable_exhausted(learner):
    """Once the items run out, peek(default) returns the default and peek() raises StopIteration."""
    got = learner.run(probe_peek_exhausted)
    assert got[:7] == [["value", 7], ["value", "none"], ["value", None], ["StopIteration", None],
                       ["StopIteration", None], ["value", 0], ["value", 5]]
    assert got[7] == ["value", True], (
        "a default that claims to equal everything was taken for 'no default': tell the "
        "private sentinel apart with `is`, not ==")


def probe_peek_none(m):
    p = m.Peekable([None, 0, None])
    seen = []
    for step in ("peek", "peek", "next", "peek", "next", "next", "peek"):
        try:
            seen.append(p.peek("d") if step == "peek" else next(p))
        except StopIteration:
            seen.append("StopIteration")
    return seen


@task(5)
def test_peekable_none_items(learner):
    """Peekable works when the items themselves are None."""
    got = learner.run(probe_peek_none)
    assert got == [None, None, None, 0, 0, None, "d"], (
        "a None item was mistaken for 'nothing peeked yet'")


def probe_peek_iterator(m):
    import collections.abc

    consumed = []

    def source():
        for n in range(10):
            consumed.append(n)
            yield n

    p = m.Peekable(source())
    before = list(consumed)
    peeked = [p.peek(), p.peek()]
    after_peeks = list(consumed)
    q = m.Peekable("abc")
    q.peek()
    return {"iter_is_self": iter(p) is p, "is_iterator": isinstance(p, collections.abc.Iterator),
            "before": before, "peeked": peeked, "after_peeks": after_peeks,
            "loop": [x for x in q]}


@task(5)
def test_peekable_is_iterator(learner):
    """A Peekable is a lazy iterator (iter(p) is p); a loop after peek() starts with that item."""
    got = learner.run(probe_peek_iterator)
    assert got["iter_is_self"] and got["is_iterator"], "a Peekable's __iter__ should return itself"
    assert got["before"] == [] and got["after_peeks"] == [0], (
        "Peekable(it) reads nothing, and peeking reads exactly one item")
    assert got["loop"] == ["a", "b", "c"], "a for loop after peek() lost the peeked item"


# ---------------------------------------------------------------- task 6: chunked


def probe_chunked_values(m):
    results = [list(m.chunked(range(6), 3)), list(m.chunked([], 2)), list(m.chunked("abc", 1))]
    return {"chunks": [[list(chunk) for chunk in result] for result in results],
            "types": sorted({type(chunk).__name__ for result in results for chunk in result})}


@task(6)
def test_chunked_values(learner):
    """list(chunked(range(6), 3)) is [(0, 1, 2), (3, 4, 5)]: tuples of size items."""
    got = learner.run(probe_chunked_values)
    assert got["chunks"] == [[[0, 1, 2], [3, 4, 5]], [], [["a"], ["b"], ["c"]]]
    assert got["types"] == ["tuple"], f"each chunk should be a tuple, not {got['types']}"


def probe_chunked_tail(m):
    return [[list(chunk) for chunk in m.chunked(range(7), 3)],
            [list(chunk) for chunk in m.chunked(range(5), 10)]]


@task(6)
def test_chunked_no_padding(learner):
    """The last chunk is shorter when items run out: chunked(range(7), 3) ends with (6,)."""
    got = learner.run(probe_chunked_tail)
    assert got == [[[0, 1, 2], [3, 4, 5], [6]], [[0, 1, 2, 3, 4]]], (
        "the last, shorter chunk should be kept as it is: not padded, not dropped")


def probe_chunked_lazy(m):
    import itertools

    consumed = []

    def source():
        for n in range(10):
            consumed.append(n)
            yield n

    chunks = m.chunked(source(), 3)
    before = list(consumed)
    first = list(next(chunks))
    lazy = before == [] and consumed == [0, 1, 2]
    endless = itertools.islice(m.chunked(itertools.count(), 2), 3) if lazy else None
    return {"before": before, "first": first, "consumed": list(consumed),
            "endless": [list(c) for c in endless] if lazy else None}


@points(2)
@task(6)
def test_chunked_lazy(learner):
    """chunked() is lazy: it reads only the items of the chunk asked for, even endless input."""
    got = learner.run(probe_chunked_lazy)
    assert got["before"] == [], "chunked() read items before the first next()"
    assert got["first"] == [0, 1, 2] and got["consumed"] == [0, 1, 2], (
        "the first chunk should read exactly size items")
    assert got["endless"] == [[0, 1], [2, 3], [4, 5]]


def probe_chunked_bad_size(m):
    outcomes = []
    for size in (0, -1):
        try:
            list(m.chunked([1, 2], size))
            outcomes.append("no error")
        except NotImplementedError:
            raise
        except Exception as error:
            outcomes.append(type(error).__name__)
    return outcomes


@task(6)
def test_chunked_bad_size(learner):
    """chunked(items, 0) raises ValueError: a chunk needs at least one item."""
    got = learner.run(probe_chunked_bad_size)
    assert got == ["ValueError", "ValueError"], f"sizes 0 and -1 gave {got}"
