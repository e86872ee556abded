"""Hidden tests for the `decorators` kata: wrappers, wraps, arguments, state, stacking, methods."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- shared: functools.wraps


def probe_metadata(m, form):
    """What a decorated sample function shows of itself, for each way the kata decorates."""

    def sample(a, b=2):
        """Return a, unchanged."""
        return a

    class Box:
        def sample(self, a, b=2):
            """Return a, unchanged."""
            return a

    decorate = {
        "logged": lambda: m.logged(sample), "repeat": lambda: m.repeat(2)(sample),
        "log bare": lambda: m.log(sample), "log text": lambda: m.log("enter")(sample),
        "log empty": lambda: m.log()(sample), "timed": lambda: m.timed(sample),
        "memoize": lambda: m.memoize(sample), "retry": lambda: m.retry(ValueError)(sample),
        "audited": lambda: m.audited(Box.sample),
    }
    original = Box.sample if form == "audited" else sample
    try:
        wrapped = decorate[form]()
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"error": None, "name": getattr(wrapped, "__name__", None),
            "qualname": getattr(wrapped, "__qualname__", None),
            "doc": getattr(wrapped, "__doc__", None),
            "wrapped_is_original": getattr(wrapped, "__wrapped__", None) is original,
            "expected_qualname": original.__qualname__}


def assert_keeps_metadata(learner, *forms):
    for form in forms:
        got = learner.run(probe_metadata, form)
        assert got["error"] is None, f"decorating with {form} raised {got['error']}"
        assert got["name"] == "sample", (
            f"with {form} the decorated function is called {got['name']!r}: "
            "put @functools.wraps(func) on the wrapper")
        assert got["qualname"] == got["expected_qualname"], (
            f"with {form} __qualname__ is {got['qualname']!r}: functools.wraps copies it too")
        assert got["doc"] == "Return a, unchanged.", f"with {form} the docstring is lost"
        assert got["wrapped_is_original"], f"with {form} __wrapped__ is not the original function"


# ---------------------------------------------------------------- task 1: logged


def probe_logged(m):
    m.CALLS.clear()

    def add(a, b=0):
        """Add two numbers."""
        return a + b

    wrapped = m.logged(add)
    at_decoration = list(m.CALLS)
    results = [wrapped(1, 2), wrapped(3, b=4), wrapped("x", b="y")]
    return {
        "at_decoration": at_decoration,
        "calls": list(m.CALLS),
        "results": [r if type(r) in (int, str) else repr(r) for r in results],
    }


@points(2)
@task(1)
def test_logged_records_calls(learner):
    """@logged appends "add(1, 2)" to CALLS each time the function is called."""
    got = learner.run(probe_logged)
    assert got["at_decoration"] == [], (
        "CALLS changed when the function was decorated: log inside the wrapper, at call time")
    assert got["calls"] == ["add(1, 2)", "add(3, b=4)", "add('x', b='y')"]


@task(1)
def test_logged_returns_result(learner):
    """The logged wrapper passes args and kwargs on and returns the function's result."""
    got = learner.run(probe_logged)
    assert got["results"] == [3, 7, "xy"], "the wrapper must return what the function returns"


@points(2)
@task(1)
def test_logged_keeps_metadata(learner):
    """@logged keeps __name__, __qualname__, __doc__ and sets __wrapped__ (functools.wraps)."""
    assert_keeps_metadata(learner, "logged")


def probe_logged_failing(m):
    m.CALLS.clear()
    seen = []

    def risky(n):
        seen.append(list(m.CALLS))
        if n < 0:
            raise ValueError("negative")
        return n

    wrapped = m.logged(risky)
    wrapped(1)
    try:
        wrapped(-1)
    except ValueError as exc:
        raised = str(exc)
    else:
        raised = None
    return {"seen": seen, "calls": list(m.CALLS), "raised": raised}


@task(1)
def test_logged_logs_before_running(learner):
    """@logged logs a call before running it, so a call that raises is logged too and raises."""
    got = learner.run(probe_logged_failing)
    assert got["raised"] == "negative", "the function's exception should reach the caller"
    assert got["seen"] == [["risky(1)"], ["risky(1)", "risky(-1)"]], (
        f"while the function ran CALLS was {got['seen']}: append first, then call")
    assert got["calls"] == ["risky(1)", "risky(-1)"]


# ---------------------------------------------------------------- task 2: repeat


def probe_repeat(m):
    calls = []

    def hello(name, punct="!"):
        """Greet someone."""
        calls.append(name)
        return f"hi {name}{punct}"

    wrapped = m.repeat(3)(hello)
    at_decoration = len(calls)
    result = wrapped("ada", punct="?")
    again = wrapped("cy")
    once = m.repeat(1)(hello)("bo")
    return {
        "at_decoration": at_decoration,
        "result": result if type(result) is list else repr(result),
        "again": again if type(again) is list else repr(again),
        "once": once if type(once) is list else repr(once),
        "calls": calls,
    }


@points(2)
@task(2)
def test_repeat_calls_n_times(learner):
    """@repeat(3) runs the function 3 times per call and returns a new list of the 3 results."""
    got = learner.run(probe_repeat)
    assert got["at_decoration"] == 0, "the function ran when it was decorated, not when called"
    assert got["result"] == ["hi ada?"] * 3 and got["once"] == ["hi bo!"], (
        f"@repeat(3) should return the list of 3 results, got {got['result']}")
    assert got["again"] == ["hi cy!"] * 3, (
        f"the second call returned {got['again']}: each call needs a list of its own")
    assert got["calls"] == ["ada"] * 3 + ["cy"] * 3 + ["bo"]


@task(2)
def test_repeat_keeps_metadata(learner):
    """@repeat(3) keeps __name__, __qualname__, __doc__ and sets __wrapped__ (functools.wraps)."""
    assert_keeps_metadata(learner, "repeat")


# ---------------------------------------------------------------- task 3: log


def probe_log(m, form):
    m.CALLS.clear()

    def greet(name):
        """Say hi."""
        return "hi " + name

    try:
        if form == "bare":
            wrapped = m.log(greet)
        elif form == "empty":
            wrapped = m.log()(greet)
        else:
            wrapped = m.log(form)(greet)
        result = wrapped("ada")
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"calls": list(m.CALLS), "result": result if type(result) is str else repr(result)}


@points(2)
@task(3)
def test_log_bare(learner):
    """Bare @log logs "call greet" and returns the function's result."""
    got = learner.run(probe_log, "bare")
    assert "error" not in got, f"bare @log failed with {got.get('error')}"
    assert got["result"] == "hi ada", (
        "used bare, @log receives the function itself rather than a text: check for that")
    assert got["calls"] == ["call greet"]


@points(2)
@task(3)
def test_log_with_text(learner):
    """@log("enter") logs "enter greet", and @log() logs "call greet"."""
    got = learner.run(probe_log, "enter")
    assert "error" not in got, (
        f"@log(\"enter\") failed with {got.get('error')}: given a text, log returns a decorator")
    assert got["result"] == "hi ada" and got["calls"] == ["enter greet"]
    got = learner.run(probe_log, "empty")
    assert "error" not in got, f"@log() failed with {got.get('error')}"
    assert got["result"] == "hi ada" and got["calls"] == ["call greet"], "@log() should work too"


@task(3)
def test_log_keeps_metadata(learner):
    """@log, @log("text") and @log() keep __name__, __qualname__, __doc__, __wrapped__ (wraps)."""
    assert_keeps_metadata(learner, "log bare", "log text", "log empty")


def probe_log_order(m):
    m.CALLS.clear()

    @m.log("enter")
    def peek():
        return list(m.CALLS)

    return peek()


@task(3)
def test_log_before_call(learner):
    """@log appends its line before the call runs."""
    got = learner.run(probe_log_order)
    assert got == ["enter peek"], f"while the function ran CALLS was {got}: append first"


# ---------------------------------------------------------------- task 4: timed


def probe_timed_result(m):
    box = []

    def build(first, *rest, key=None):
        """Build a list."""
        box.append([first, list(rest), key])
        return box

    wrapped = m.timed(build)
    result = wrapped(1, 2, 3, key="k")
    return {"same_object": result is box, "seen": box}


def probe_timed_exception(m):
    original = KeyError("missing")

    def fail():
        raise original

    wrapped = m.timed(fail)
    try:
        result = wrapped()
    except BaseException as exc:
        return {"raised": type(exc).__name__, "same": exc is original}
    return {"raised": None, "returned": repr(result)}


def probe_timed_timings(m):
    import time

    def nap(seconds):
        time.sleep(seconds)
        return seconds

    def fail():
        raise ValueError("boom")

    slow, broken = m.timed(nap), m.timed(fail)
    fresh = list(getattr(m.timed(nap), "timings", ["missing"]))
    slow(0.02)
    slow(0)
    try:
        broken()
    except ValueError:
        pass
    slow_timings = list(getattr(slow, "timings", []))
    return {
        "fresh": fresh,
        "slow_types": [type(t).__name__ for t in slow_timings],
        "slow": [float(t) for t in slow_timings if type(t) in (int, float)],
        "broken_count": len(getattr(broken, "timings", [])),
    }


@task(4)
def test_timed_keeps_result(learner):
    """@timed passes args and kwargs on and returns the very object the function returned."""
    got = learner.run(probe_timed_result)
    assert got["seen"] == [[1, [2, 3], "k"]], "the arguments did not reach the function as given"
    assert got["same_object"], "the wrapper must return the function's result itself"


@task(4)
def test_timed_keeps_metadata(learner):
    """@timed keeps __name__, __qualname__, __doc__ and sets __wrapped__ (functools.wraps)."""
    assert_keeps_metadata(learner, "timed")


@points(2)
@task(4)
def test_timed_lets_exceptions_through(learner):
    """An exception raised by a @timed function reaches the caller unchanged."""
    got = learner.run(probe_timed_exception)
    assert got["raised"] is not None, "the exception was swallowed: time it, then let it go"
    assert got == {"raised": "KeyError", "same": True}, "re-raise the same exception object"


@points(2)
@task(4)
def test_timed_records_each_call(learner):
    """Each @timed function keeps its own .timings: one duration in seconds per call."""
    got = learner.run(probe_timed_timings)
    assert got["fresh"] == [], "a newly decorated function should start with empty timings"
    assert got["slow_types"] == ["float", "float"], (
        f"expected two float timings for two calls, got {got['slow_types']}")
    first, second = got["slow"]
    assert 0.015 <= first < 0.9 and 0 <= second < first, (
        f"timings {got['slow']} are not the seconds each call took: subtract the two readings")
    assert got["broken_count"] == 1, "a call that raises must be timed too (try/finally)"


def probe_timed_clock(m):
    import itertools
    import time

    real = time.perf_counter
    readings = itertools.chain([0.5, 2.0, 10.0, 10.25], itertools.count(20.0))

    def work():
        return "done"

    wrapped = m.timed(work)
    patched = [(time, "perf_counter")] + [(m, name) for name, value in vars(m).items()
                                           if value is real]
    try:
        for owner, name in patched:  # time.perf_counter, and a `from time import perf_counter`
            setattr(owner, name, lambda: next(readings))
        wrapped()
        wrapped()
    finally:
        for owner, name in patched:
            setattr(owner, name, real)
    timings = list(getattr(wrapped, "timings", []))[-2:]
    return [float(t) if type(t) in (int, float) else repr(t) for t in timings]


@task(4)
def test_timed_subtracts_readings(learner):
    """A timing is the later perf_counter() reading minus the earlier: 0.5 then 2.0 is 1.5 s."""
    got = learner.run(probe_timed_clock)
    assert got == [1.5, 0.25], (
        f"with perf_counter() reading 0.5, 2.0, then 10.0, 10.25 the timings are {got}: "
        "time.perf_counter() after the call minus time.perf_counter() before it")


# ---------------------------------------------------------------- task 5: memoize


def probe_memoize_once(m):
    calls = []

    def power(base, exp):
        calls.append([base, exp])
        return base**exp

    fast = m.memoize(power)
    results = [fast(2, 3), fast(2, 3), fast(2, 5), fast(3, 3), fast(2, 5), fast(2, 3)]
    fib_calls = []

    @m.memoize
    def fib(n):
        fib_calls.append(n)
        return n if n < 2 else fib(n - 1) + fib(n - 2)

    return {"results": results, "calls": calls, "fib": fib(30), "fib_calls": len(fib_calls)}


def probe_memoize_cache(m):
    calls = []

    def double(word):
        calls.append(word)
        return word * 2

    fast = m.memoize(double)
    fast.cache_clear()
    fast("k1"), fast("k2"), fast("k1")

    def snapshot():
        cache = fast.cache
        return {"type": type(cache).__name__,
                "keys_are_tuples": all(type(key) is tuple for key in cache),
                "items": sorted([list(key) if type(key) is tuple else [repr(key)], value]
                                for key, value in cache.items())}

    filled = snapshot()
    fast.cache_clear()
    cleared = snapshot()
    again = fast("k1")
    return {"filled": filled, "cleared": cleared, "refilled": snapshot(), "again": again,
            "calls": calls}


def probe_memoize_separate(m):
    square = m.memoize(lambda n: n * n)
    cube = m.memoize(lambda n: n * n * n)
    return [square(3), cube(3), square(3), cube(3)]


def probe_memoize_falsy(m):
    calls = []

    def lookup(key):
        calls.append(key)
        return {"zero": 0, "empty": "", "none": None}[key]

    fast = m.memoize(lookup)
    results = [fast(key) for key in ["zero", "empty", "none", "zero", "empty", "none"]]
    return {"results": results, "calls": calls}


@points(2)
@task(5)
def test_memoize_once_per_argument(learner):
    """@memoize runs the function once per distinct arguments, even for recursive fib(30)."""
    got = learner.run(probe_memoize_once)
    assert got["results"] == [8, 8, 32, 27, 32, 8], "a cached result came back for other arguments"
    assert got["calls"] == [[2, 3], [2, 5], [3, 3]], (
        f"the function ran for {got['calls']}: each distinct argument tuple should run once")
    assert got["fib"] == 832040 and got["fib_calls"] == 31, (
        f"fib(30) ran its body {got['fib_calls']} times instead of 31")


@task(5)
def test_memoize_cache_inspect_and_clear(learner):
    """.cache is a dict {args tuple: result} and .cache_clear() empties it."""
    got = learner.run(probe_memoize_cache)
    assert got["filled"]["items"], (
        ".cache is empty after three calls: expose the very dict the wrapper fills, "
        "also after cache_clear()")
    assert got["filled"] == {"type": "dict", "keys_are_tuples": True,
                             "items": [[["k1"], "k1k1"], [["k2"], "k2k2"]]}, (
        f"the cache should be {{('k1',): 'k1k1', ('k2',): 'k2k2'}}, got {got['filled']}")
    assert got["cleared"]["items"] == [], "cache_clear() left entries in .cache"
    assert got["calls"] == ["k1", "k2", "k1"] and got["again"] == "k1k1", (
        "after cache_clear() the function must run again: clear the dict the wrapper uses")
    assert got["refilled"]["items"] == [[["k1"], "k1k1"]]


@points(2)
@task(5)
def test_memoize_separate_caches(learner):
    """Two memoized functions each have their own cache."""
    got = learner.run(probe_memoize_separate)
    assert got == [9, 27, 9, 27], "two decorated functions share one cache: make one per function"


@task(5)
def test_memoize_keeps_metadata(learner):
    """@memoize keeps __name__, __qualname__, __doc__ and sets __wrapped__ (functools.wraps)."""
    assert_keeps_metadata(learner, "memoize")


@task(5)
def test_memoize_caches_falsy_results(learner):
    """Results like 0, "" and None are cached too."""
    got = learner.run(probe_memoize_falsy)
    assert got["results"] == [0, "", None] * 2
    assert got["calls"] == ["zero", "empty", "none"], (
        "a falsy result was computed again: ask whether the key is in the cache, not its value")


# ---------------------------------------------------------------- task 6: retry


def probe_retry_success(m):
    attempts = []

    @m.retry(ConnectionError, tries=3)
    def fetch(url, *, timeout=1):
        attempts.append([url, timeout])
        if len(attempts) < 3:
            raise ConnectionError(f"flaky {len(attempts)}")
        return "data from " + url

    result = fetch("x", timeout=5)
    subclass_attempts = []

    @m.retry(OSError, tries=2)
    def reset():
        subclass_attempts.append(1)
        if len(subclass_attempts) < 2:
            raise ConnectionResetError("reset")
        return "ok"

    return {"result": result, "attempts": attempts, "subclass": reset(),
            "subclass_attempts": len(subclass_attempts)}


def probe_retry_gives_up(m, tries):
    attempts = []

    @(m.retry(TimeoutError) if tries is None else m.retry(TimeoutError, tries=tries))
    def hopeless():
        attempts.append(TimeoutError(f"attempt {len(attempts) + 1}"))
        raise attempts[-1]

    try:
        result = hopeless()
    except BaseException as exc:
        return {"raised": type(exc).__name__, "message": str(exc), "attempts": len(attempts),
                "last_itself": bool(attempts) and exc is attempts[-1]}
    return {"raised": None, "returned": repr(result), "attempts": len(attempts)}


def probe_retry_other(m):
    attempts = []

    @m.retry(ConnectionError, tries=5)
    def broken():
        attempts.append(1)
        raise KeyError("nope")

    try:
        result = broken()
    except BaseException as exc:
        return {"raised": type(exc).__name__, "attempts": len(attempts)}
    return {"raised": None, "returned": repr(result), "attempts": len(attempts)}


@points(2)
@task(6)
def test_retry_until_success(learner):
    """@retry(ConnectionError, tries=3) calls again after each ConnectionError until it works."""
    got = learner.run(probe_retry_success)
    assert got["result"] == "data from x"
    assert got["attempts"] == [["x", 5]] * 3, "each retry should pass the same args and kwargs"
    assert (got["subclass"], got["subclass_attempts"]) == ("ok", 2), (
        "a subclass of the given exception should be retried too")


@points(2)
@task(6)
def test_retry_gives_up(learner):
    """After `tries` failed attempts in all, @retry re-raises the last exception itself."""
    got = learner.run(probe_retry_gives_up, 4)
    assert got["raised"] == "TimeoutError", "after the last try the exception must propagate"
    assert got["attempts"] == 4, f"tries=4 means 4 attempts in all, not {got['attempts']}"
    assert got["message"] == "attempt 4" and got["last_itself"], (
        "re-raise the last exception itself, not a new one like it")
    assert learner.run(probe_retry_gives_up, 1)["attempts"] == 1


@points(2)
@task(6)
def test_retry_other_exceptions(learner):
    """@retry(ConnectionError) lets any other exception through at once, without retrying."""
    got = learner.run(probe_retry_other)
    assert got["raised"] == "KeyError", (
        "a KeyError should reach the caller: catch only the exception you were given")
    assert got["attempts"] == 1, f"a KeyError was retried {got['attempts'] - 1} time(s)"


def probe_retry_fresh(m, default):
    attempts = []
    decorate = m.retry(ConnectionError) if default else m.retry(ConnectionError, tries=3)

    @decorate
    def flaky(call):
        attempts.append(call)
        if attempts.count(call) < 3:
            raise ConnectionError(f"call {call} failed")
        return call

    results = []
    for call in ["first", "second", "third"]:
        try:
            results.append(flaky(call))
        except ConnectionError as exc:
            results.append(f"raised: {exc}")
    return {"results": results, "attempts": len(attempts)}


@points(2)
@task(6)
def test_retry_each_call_gets_all_tries(learner):
    """Every call of a @retry function gets all its tries again, however earlier calls went."""
    got = learner.run(probe_retry_fresh, False)
    assert got["results"] == ["first", "second", "third"], (
        f"three calls that each fail twice gave {got['results']}: count the tries per call, "
        "inside the wrapper")
    assert got["attempts"] == 9


@task(6)
def test_retry_default_tries(learner):
    """@retry(ConnectionError) without tries= makes 3 tries in all."""
    got = learner.run(probe_retry_fresh, True)
    assert got["results"] == ["first", "second", "third"] and got["attempts"] == 9, (
        f"with the default tries, calls that fail twice gave {got['results']}: the default is 3")
    assert learner.run(probe_retry_gives_up, None)["attempts"] == 3, "the default is 3 tries"


@task(6)
def test_retry_keeps_metadata(learner):
    """@retry keeps __name__, __qualname__, __doc__ and sets __wrapped__ (functools.wraps)."""
    assert_keeps_metadata(learner, "retry")


# ---------------------------------------------------------------- task 7: cached_square


def probe_cached_square(m):
    computed = []
    run = object()  # a fresh key for each run, whatever an earlier probe left in the cache

    class Num:
        def __init__(self, value):
            self.value = value
            self.run = run

        def __mul__(self, other):
            computed.append(self.value)
            return self.value * getattr(other, "value", other)

        def __pow__(self, exponent):
            computed.append(self.value)
            return self.value**exponent

        def __hash__(self):
            return hash(("Num", self.value, id(self.run)))

        def __eq__(self, other):
            return isinstance(other, Num) and (other.value, other.run) == (self.value, self.run)

        def __repr__(self):
            return f"Num({self.value})"

    square = m.cached_square
    m.CALLS.clear()
    results = [square(Num(7)), square(Num(7)), square(4)]
    return {"results": results, "computed": len(computed), "calls": list(m.CALLS)}


@task(7)
def test_cached_square_computes_once(learner):
    """cached_square squares, and squares the same number only once (memoize)."""
    got = learner.run(probe_cached_square)
    assert got["results"] == [49, 49, 16]
    assert got["computed"] == 1, f"the same square was computed {got['computed']} times"


@points(2)
@task(7)
def test_cached_square_logs_every_call(learner):
    """Every call of cached_square is logged, cached or not: the decorators are in order."""
    got = learner.run(probe_cached_square)
    assert got["calls"] == ["cached_square(Num(7))"] * 2 + ["cached_square(4)"], (
        f"CALLS is {got['calls']}: at call time, which decorator's wrapper runs first?")


# ---------------------------------------------------------------- task 8: audited


def probe_audited(m, accounts):
    class Account:
        def __init__(self):
            self.balance = 0

        @m.audited
        def deposit(self, amount):
            """Add money."""
            self.balance += amount
            return self.balance

        @m.audited
        def withdraw(self, amount, *, fee=0):
            self.balance -= amount + fee
            return self.balance

    a, b, idle = Account(), Account(), Account()
    results = [a.deposit(50), a.withdraw(20, fee=1), a.deposit(3)]
    if accounts == 2:
        results.append(b.deposit(7))
    a_history, b_history = getattr(a, "history", None), getattr(b, "history", None)
    return {
        "results": results,
        "balances": [a.balance, b.balance, idle.balance],
        "a": list(a_history) if a_history is not None else None,
        "counts": [len(a_history or []), len(b_history or [])],
        "same_list": a_history is b_history,
    }


@task(8)
def test_audited_passes_self(learner):
    """@audited methods get self and their arguments, and log "withdraw(20, fee=1)"."""
    got = learner.run(probe_audited, 1)
    assert got["results"] == [50, 29, 32] and got["balances"] == [32, 0, 0]
    assert got["a"] == ["deposit(50)", "withdraw(20, fee=1)", "deposit(3)"], (
        f"history is {got['a']}: log the call without self")


@points(2)
@task(8)
def test_audited_instances_independent(learner):
    """Each instance has its own history: two accounts do not share one list."""
    got = learner.run(probe_audited, 2)
    assert got["results"] == [50, 29, 32, 7] and got["balances"] == [32, 7, 0]
    assert not got["same_list"], "two accounts share one history list: create it per instance"
    assert got["counts"] == [3, 1]


@task(8)
def test_audited_keeps_metadata(learner):
    """@audited keeps __name__, __qualname__, __doc__ and sets __wrapped__ (functools.wraps)."""
    assert_keeps_metadata(learner, "audited")


def probe_audited_failing(m):
    class Safe:
        @m.audited
        def open(self, code):
            if code != 1234:
                raise PermissionError("wrong code")
            return "open"

    safe = Safe()
    outcomes = []
    for code in (1, 1234):
        try:
            outcomes.append(safe.open(code))
        except PermissionError as exc:
            outcomes.append(f"raised: {exc}")
    history = getattr(safe, "history", None)
    return {"outcomes": outcomes, "history": list(history) if history is not None else None}


@task(8)
def test_audited_records_failed_calls(learner):
    """@audited records a call before running it, so a call that raises is in the history."""
    got = learner.run(probe_audited_failing)
    assert got["outcomes"] == ["raised: wrong code", "open"], (
        f"the calls gave {got['outcomes']}: the method's exception should reach the caller")
    assert got["history"] == ["open(1)", "open(1234)"], (
        f"history is {got['history']}: append the call first, then run the method")
