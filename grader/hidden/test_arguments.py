"""Hidden tests of the `arguments` kata: defaults, *args, **kwargs, keyword- and positional-only."""

from __future__ import annotations

from typing import Any

from grader.markers import points, task

# ---------------------------------------------------------------- shared probes


def probe_params(m, name):
    import inspect

    params = inspect.signature(getattr(m, name)).parameters.values()
    return [(p.name, p.kind.name, p.default is not p.empty,
             None if p.default is p.empty else repr(p.default)) for p in params]


def probe_call(m, name, args, kwargs):
    return getattr(m, name)(*args, **kwargs)


def probe_error(m, name, args, kwargs):
    try:
        getattr(m, name)(*args, **kwargs)
    except NotImplementedError:
        raise
    except Exception as exc:
        return type(exc).__name__
    return None


def shape(params: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Parameters as (name, kind, has_default, default repr); a *args or **kwargs name is free."""
    free = {"VAR_POSITIONAL": "*", "VAR_KEYWORD": "**"}
    return [(free.get(kind, name), kind, has_default, default)
            for name, kind, has_default, default in params]


# ---------------------------------------------------------------- task 1: add_item


def probe_add_item_given(m):
    given = ["a"]
    empty = []
    first = m.add_item("x", given)
    second = m.add_item("y", empty)
    return {"first": list(first), "first_is_given": first is given,
            "second": list(second), "second_is_given": second is empty}


@task(1)
def test_add_item_appends(learner):
    """add_item(item, items) appends to the list it is given and returns that very list."""
    got = learner.run(probe_add_item_given)
    assert got["first"] == ["a", "x"] and got["second"] == ["y"]
    assert got["first_is_given"], "return the caller's list itself, with the item appended"
    assert got["second_is_given"], (
        "an empty list passed in is still the caller's list: test `is None`, not truthiness")


def probe_add_item_twice(m):
    first = m.add_item("a")
    first_now = list(first)
    second = m.add_item("b")
    return {"first": first_now, "second": list(second), "same_list": first is second}


@points(2)
@task(1)
def test_add_item_fresh_list_each_call(learner):
    """Each call without a list starts from a new empty list: nothing leaks between calls."""
    got = learner.run(probe_add_item_twice)
    assert got["first"] == ["a"], "add_item('a') should give ['a']: a list is left over"
    assert got["second"] == ["b"], "the second call still sees the first item: a shared default"
    assert not got["same_list"], "two calls returned the same list object"


@task(1)
def test_add_item_default_is_none(learner):
    """The default of items is None, not a list made once when def runs."""
    items = [p for p in learner.run(probe_params, "add_item") if p[0] == "items"]
    assert items and items[0][3] == "None", "a default value is made once and shared by all calls"
    assert learner.run(probe_call, "add_item", ("a",), {}) == ["a"]


# ---------------------------------------------------------------- task 2: sum_squares


@task(2)
def test_sum_squares_values(learner):
    """sum_squares(1, 2, 3) is 14, sum_squares(5) is 25 and sum_squares() is 0."""
    got = [learner.run(probe_call, "sum_squares", args, {}) for args in ((1, 2, 3), (5,), ())]
    assert got == [14, 25, 0]


@points(2)
@task(2)
def test_sum_squares_takes_any_count(learner):
    """sum_squares takes any number of separate arguments through *numbers."""
    assert learner.run(probe_call, "sum_squares", tuple(range(10)), {}) == 285, (
        "ten arguments should work as well as three")
    assert shape(learner.run(probe_params, "sum_squares")) == [
        ("*", "VAR_POSITIONAL", False, None)], "the only parameter should be *numbers"


# ---------------------------------------------------------------- task 3: make_record


@task(3)
def test_record_required_fields(learner):
    """make_record("ada", 36) is {"name": "ada", "age": 36}; both fields are required."""
    assert learner.run(probe_call, "make_record", ("ada", 36), {}) == {"name": "ada", "age": 36}
    assert learner.run(probe_error, "make_record", ("ada",), {}) == "TypeError", (
        "age must be required: no default")


@points(2)
@task(3)
def test_record_extras(learner):
    """Extra keyword arguments become extra fields: **extra collects them."""
    got = learner.run(probe_call, "make_record", ("ada", 36), {"city": "London", "lang": "py"})
    assert got == {"name": "ada", "age": 36, "city": "London", "lang": "py"}, (
        "make_record('ada', 36, city='London', lang='py') should keep both extras")
    assert shape(learner.run(probe_params, "make_record")) == [
        ("name", "POSITIONAL_OR_KEYWORD", False, None),
        ("age", "POSITIONAL_OR_KEYWORD", False, None),
        ("**", "VAR_KEYWORD", False, None)]


# ---------------------------------------------------------------- task 4: connect


@task(4)
def test_connect_values(learner):
    """connect builds "http://host:port timeout=..." and "https" when secure=True."""
    assert learner.run(probe_call, "connect", ("example.com",), {}) == (
        "http://example.com:80 timeout=10.0")
    assert learner.run(probe_call, "connect", ("a.org", 443), {"secure": True, "timeout": 2}) == (
        "https://a.org:443 timeout=2")


@points(2)
@task(4)
def test_connect_keyword_only(learner):
    """timeout and secure are keyword-only: connect("h", 80, 5) is a TypeError."""
    assert learner.run(probe_call, "connect", ("h",), {"timeout": 1}) == "http://h:80 timeout=1"
    assert learner.run(probe_error, "connect", ("h", 80, 5), {}) == "TypeError", (
        "a third positional argument was accepted: timeout should be keyword-only")
    assert shape(learner.run(probe_params, "connect")) == [
        ("host", "POSITIONAL_OR_KEYWORD", False, None),
        ("port", "POSITIONAL_OR_KEYWORD", True, "80"),
        ("timeout", "KEYWORD_ONLY", True, "10.0"),
        ("secure", "KEYWORD_ONLY", True, "False")]


# ---------------------------------------------------------------- task 5: join_words


@task(5)
def test_join_words_values(learner):
    """join_words("a", "b", "c") is "a b c"; sep="-" gives "a-b-c", sep="" "abc"; no words ""."""
    got = [learner.run(probe_call, "join_words", ("a", "b", "c"), {}),
           learner.run(probe_call, "join_words", ("a", "b", "c"), {"sep": "-"}),
           learner.run(probe_call, "join_words", ("a", "b", "c"), {"sep": ""}),
           learner.run(probe_call, "join_words", ("a", "b"), {"sep": ", "}),
           learner.run(probe_call, "join_words", (), {})]
    assert got == ["a b c", "a-b-c", "abc", "a, b", ""]


@points(2)
@task(5)
def test_join_words_sep_keyword_only(learner):
    """sep is a keyword-only parameter after *words, and a misspelt keyword is a TypeError."""
    assert learner.run(probe_call, "join_words", ("a", "b", "-"), {}) == "a b -", (
        "every positional argument is a word, the last one too")
    assert learner.run(probe_error, "join_words", ("a",), {"seperator": "-"}) == "TypeError", (
        "a misspelt keyword was silently accepted")
    assert shape(learner.run(probe_params, "join_words")) == [
        ("*", "VAR_POSITIONAL", False, None), ("sep", "KEYWORD_ONLY", True, "' '")]


# ---------------------------------------------------------------- task 6: format_tag


@task(6)
def test_format_tag_values(learner):
    """format_tag("br") is "<br>"; format_tag("a", id="t", href="/") is '<a id="t" href="/">'."""
    assert learner.run(probe_call, "format_tag", ("br",), {}) == "<br>"
    assert learner.run(probe_call, "format_tag", ("td",), {"colspan": 2}) == '<td colspan="2">', (
        "an attribute value need not be a string: format it")
    assert learner.run(probe_call, "format_tag", ("a",), {"id": "t", "href": "/"}) == (
        '<a id="t" href="/">'), "the attributes should come in the order the caller gave them"


@points(2)
@task(6)
def test_format_tag_positional_only(learner):
    """name is positional-only, so format_tag("input", name="q") gives '<input name="q">'."""
    assert learner.run(probe_error, "format_tag", ("input",), {"name": "q"}) is None, (
        "a 'name' attribute clashes with the name parameter: it should be positional-only")
    got = learner.run(probe_call, "format_tag", ("input",), {"name": "q", "type": "text"})
    assert got == '<input name="q" type="text">'
    assert shape(learner.run(probe_params, "format_tag")) == [
        ("name", "POSITIONAL_ONLY", False, None), ("**", "VAR_KEYWORD", False, None)]


# ---------------------------------------------------------------- task 7: combined


@points(2)
@task(7)
def test_combined_signature(learner):
    """combined(a, b=2, /, c=3, *args, d, e=5, **kw): every kind, in the required order."""
    got = learner.run(probe_call, "combined", (1,), {"c": 9, "d": 0, "b": 8})
    assert got == {"a": 1, "b": 2, "c": 9, "args": (), "d": 0, "e": 5, "kw": {"b": 8}}, (
        "b is positional-only: a keyword b=8 belongs in **kw")
    assert shape(learner.run(probe_params, "combined")) == [
        ("a", "POSITIONAL_ONLY", False, None), ("b", "POSITIONAL_ONLY", True, "2"),
        ("c", "POSITIONAL_OR_KEYWORD", True, "3"), ("*", "VAR_POSITIONAL", False, None),
        ("d", "KEYWORD_ONLY", False, None), ("e", "KEYWORD_ONLY", True, "5"),
        ("**", "VAR_KEYWORD", False, None)]


@task(7)
def test_combined_binding(learner):
    """combined(1, d=4) uses the defaults; extra positionals go to args, extra keywords to kw."""
    assert learner.run(probe_call, "combined", (1,), {"d": 4}) == {
        "a": 1, "b": 2, "c": 3, "args": (), "d": 4, "e": 5, "kw": {}}
    assert learner.run(probe_call, "combined", (1, 2, 3, 4, 5), {"d": 6, "x": 7}) == {
        "a": 1, "b": 2, "c": 3, "args": (4, 5), "d": 6, "e": 5, "kw": {"x": 7}}
    assert learner.run(probe_error, "combined", (1,), {}) == "TypeError", (
        "d is keyword-only with no default: leaving it out must be an error")


# ---------------------------------------------------------------- task 8: retry


def probe_retry_forwarding(m):
    def record(*args, **kwargs):
        return {"args": list(args), "kwargs": dict(kwargs)}

    return [m.retry(record, 1, 1, 2), m.retry(record, 2, "x", key="k", n=3), m.retry(record, 1)]


@points(2)
@task(8)
def test_retry_forwards_arguments(learner):
    """retry passes its extra positional and keyword arguments on to func, unpacked."""
    got = learner.run(probe_retry_forwarding)
    assert got[0] == {"args": [1, 2], "kwargs": {}}, (
        "retry(f, 1, 1, 2) should call f(1, 2): unpack args with *")
    assert got[1] == {"args": ["x"], "kwargs": {"key": "k", "n": 3}}, (
        "retry(f, 2, 'x', key='k', n=3) should call f('x', key='k', n=3): unpack with **")
    assert got[2] == {"args": [], "kwargs": {}}


def probe_retry_attempts(m, attempts, failures, value="done"):
    calls = []

    def flaky(*args, **kwargs):  # fails with a different kind of error each time
        calls.append(1)
        if len(calls) <= failures:
            kind = (ConnectionError, ValueError, LookupError)[(len(calls) - 1) % 3]
            raise kind(f"failure {len(calls)}")
        return value

    try:
        return {"value": m.retry(flaky, attempts), "calls": len(calls)}
    except NotImplementedError:
        raise
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}", "calls": len(calls)}


@task(8)
def test_retry_attempts(learner):
    """retry stops at the first return, even of None, and raises the last of `attempts` errors."""
    assert learner.run(probe_retry_attempts, 3, 2) == {"value": "done", "calls": 3}, (
        "any exception (a ConnectionError, then a ValueError) means: try again")
    assert learner.run(probe_retry_attempts, 3, 0) == {"value": "done", "calls": 1}, (
        "stop calling after the first success")
    assert learner.run(probe_retry_attempts, 3, 1, None) == {"value": None, "calls": 2}, (
        "a call that returns None (or 0, or '') without raising is a success too")
    got = learner.run(probe_retry_attempts, 2, 5)
    assert got == {"error": "ValueError: failure 2", "calls": 2}, (
        f"after the last attempt fails, its own exception should reach the caller, got {got}")
    got = learner.run(probe_retry_attempts, 0, 0)
    assert got["calls"] == 0 and got.get("error", "").startswith("ValueError"), (
        "retry(f, 0) should raise ValueError without calling f")


def probe_retry_names(m):
    def anything(*args, **kwargs):
        return None

    try:
        m.retry(anything, 1, func="f", attempts=9)
    except NotImplementedError:
        raise
    except Exception as exc:
        return type(exc).__name__
    return "called"


@task(8)
def test_retry_positional_only(learner):
    """func and attempts are positional-only, so func= and attempts= keywords reach func."""
    assert learner.run(probe_retry_names) == "called", (
        "retry(f, 1, func='f', attempts=9) failed: its own parameters took those keywords")
    kinds = [p[1] for p in learner.run(probe_params, "retry")]
    assert kinds == ["POSITIONAL_ONLY", "POSITIONAL_ONLY", "VAR_POSITIONAL", "VAR_KEYWORD"]
