"""Hidden tests for the `partials` kata: functools.partial, its attributes, partialmethod."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: make_int2


def probe_int2(m, texts):
    int2 = m.make_int2()
    return [int2(text) for text in texts]


def probe_int2_override(m):
    int2 = m.make_int2()
    return [int2("12", base=10), int2("ff", base=16)]


def probe_int2_parts(m):
    f = m.make_int2()
    return {"value": f("110"), "func_is_int": getattr(f, "func", None) is int,
            "args": repr(getattr(f, "args", None)), "keywords": repr(getattr(f, "keywords", None))}


@task(1)
def test_int2_converts(learner):
    """int2 = make_int2() parses binary digits: int2("1010") is 10."""
    assert learner.run(probe_int2, ["1010", "0", "11111111"]) == [10, 0, 255]


@task(1)
def test_int2_base_overridable(learner):
    """A caller may still override the bound base: int2("12", base=10) is 12."""
    assert learner.run(probe_int2_override) == [12, 255], "int2 should accept base= and use it"


@points(2)
@task(1)
def test_int2_is_partial(learner):
    """int2 is a partial of int: .func is int, .args is () and .keywords is {"base": 2}."""
    got = learner.run(probe_int2_parts)
    assert got["value"] == 6
    assert got["func_is_int"], "int2.func should be int itself: a def or lambda has no .func"
    assert (got["args"], got["keywords"]) == ("()", "{'base': 2}"), (
        "int2 should bind nothing but the keyword base=2")


# ---------------------------------------------------------------- task 2: ranker


def probe_ranker(m):
    return [m.ranker(len)(["bb", "a", "ccc"]), m.ranker(abs)([3, -5, 1]),
            m.ranker(str.lower)(["b", "C", "a"])]


def probe_ranker_override(m):
    by_length = m.ranker(len)
    return [by_length(["bb", "a", "ccc"], reverse=False), by_length(["b", "C", "a"], key=str.lower)]


def probe_ranker_parts(m):
    r = m.ranker(abs)
    keywords = getattr(r, "keywords", None)
    bound = keywords if isinstance(keywords, dict) else {}
    return {"value": r([1, -2]), "func_is_sorted": getattr(r, "func", None) is sorted,
            "args": repr(getattr(r, "args", None)), "names": sorted(bound),
            "key_is_abs": bound.get("key") is abs, "reverse": repr(bound.get("reverse"))}


@task(2)
def test_ranker_sorts(learner):
    """ranker(len) sorts longest first, ranker(abs) largest first, ranker(str.lower) Z to A."""
    got = learner.run(probe_ranker)
    assert got == [["ccc", "bb", "a"], [-5, 3, 1], ["C", "b", "a"]], (
        f"got {got}: the key may give numbers or strings; let reverse=True put the largest first")


@task(2)
def test_ranker_caller_overrides(learner):
    """A caller may override a bound keyword: reverse=False, or another key."""
    got = learner.run(probe_ranker_override)
    assert got[0] == ["a", "bb", "ccc"], "reverse=False from the caller should win"
    assert got[1] == ["C", "b", "a"], "key= from the caller should replace the bound key"


@points(2)
@task(2)
def test_ranker_is_partial(learner):
    """ranker(key) is a partial of sorted with the keywords key and reverse=True bound."""
    got = learner.run(probe_ranker_parts)
    assert got["value"] == [-2, 1]
    assert got["func_is_sorted"], "the result's .func should be sorted itself"
    assert got["args"] == "()" and got["names"] == ["key", "reverse"], (
        "bind key and reverse as keywords, nothing positionally")
    assert got["key_is_abs"] and got["reverse"] == "True"


# ---------------------------------------------------------------- task 3: power_of


def probe_power_of(m):
    p = m.power_of(2)
    return {"values": [p(10), m.power_of(3)(2), m.power_of(10)(0)],
            "func_is_pow": getattr(p, "func", None) is pow,
            "args": repr(getattr(p, "args", None)), "keywords": repr(getattr(p, "keywords", None))}


def probe_power_of_extra(m):
    return [m.power_of(2)(10, 1000), m.power_of(5)(3, 7)]


@points(2)
@task(3)
def test_power_of_binds_base_first(learner):
    """power_of(2)(10) is 2 ** 10 = 1024: the bound base comes before the caller's exponent."""
    got = learner.run(probe_power_of)
    assert got["values"] == [1024, 9, 1], (
        "power_of(2)(10) should be 1024, not 100: the bound value is the base")
    assert got["func_is_pow"] and got["args"] == "(2,)" and got["keywords"] == "{}", (
        "power_of(2) should be a partial of pow with 2 as its only bound positional argument")


@task(3)
def test_power_of_extra_args(learner):
    """Extra positional arguments follow the bound one: power_of(2)(10, 1000) is 24."""
    assert learner.run(probe_power_of_extra) == [24, 6]


# ---------------------------------------------------------------- task 4: explain


def probe_explain(m):
    import functools

    cases = [functools.partial(int, base=2), functools.partial(pow, 2),
             functools.partial(functools.partial(pow, 2), 10), functools.partial(max),
             functools.partial(sorted, key=len, reverse=True)]
    out = [m.explain(p) for p in cases[:4]]
    return out + [m.explain(cases[4]).replace(repr(len), "<len>")]


def probe_explain_repr(m):
    import functools

    def greet(greeting, name, punctuation="!"):
        return f"{greeting}, {name}{punctuation}"

    return [m.explain(functools.partial(print, "a", "b", sep="-", end="")),
            m.explain(functools.partial(greet, "hi", punctuation="?"))]


@task(4)
def test_explain_positional_and_keywords(learner):
    """explain shows the name, the bound arguments, then '...': 'pow(2, ...)'."""
    assert learner.run(probe_explain) == [
        "int(..., base=2)", "pow(2, ...)", "pow(2, 10, ...)", "max(...)",
        "sorted(..., key=<len>, reverse=True)"]


@task(4)
def test_explain_uses_repr(learner):
    """explain writes values with repr, keywords in bound order: print('a', ..., sep='-')."""
    got = learner.run(probe_explain_repr)
    assert got == ["print('a', 'b', ..., sep='-', end='')", "greet('hi', ..., punctuation='?')"], (
        f"got {got}: the function's __name__, values as repr() writes them (strings quoted), "
        "keywords in the order they were bound")


# ---------------------------------------------------------------- task 5: Partial


def probe_partial_positional(m):
    def collect(*args, **kwargs):
        return [list(args), dict(kwargs)]

    return [m.Partial(pow, 2)(10), m.Partial(collect, 1)(2, 3), m.Partial(collect, 1, 2)(),
            m.Partial(collect)(4)]


def probe_partial_keywords(m):
    def collect(*args, **kwargs):
        return [list(args), dict(kwargs)]

    return [m.Partial(collect, a=1)(), m.Partial(collect, a=1)(b=2),
            m.Partial(collect, 1, a=1)(b=2), m.Partial(int, base=2)("101")]


def probe_partial_override(m):
    def collect(*args, **kwargs):
        return [list(args), dict(kwargs)]

    return [m.Partial(collect, a=1, b=2)(a=5), m.Partial(int, base=2)("11", base=10)]


def probe_partial_attributes(m):
    def collect(*args, **kwargs):
        return None

    p = m.Partial(collect, 1, 2, a=3)
    return {"func_is": p.func is collect, "args": list(p.args), "args_type": type(p.args).__name__,
            "keywords": dict(p.keywords), "keywords_type": type(p.keywords).__name__}


def probe_partial_state(m):
    def collect(*args, **kwargs):
        return None

    p = m.Partial(collect, 1, a=1)
    p(2, a=5, b=6)
    p(3, c=7)
    return {"args": list(p.args), "keywords": dict(p.keywords)}


def probe_partial_names(m):
    def collect(*args, **kwargs):
        return [list(args), dict(kwargs)]

    bound = m.Partial(collect, func="f", self="s")
    return [dict(bound.keywords), m.Partial(collect)(self=1, func=2)]


@points(2)
@task(5)
def test_partial_positional(learner):
    """Partial puts the bound arguments first, then the caller's: Partial(pow, 2)(10) is 1024."""
    got = learner.run(probe_partial_positional)
    assert got[0] == 1024, "Partial(pow, 2)(10) should be pow(2, 10): bound arguments come first"
    assert got[1:] == [[[1, 2, 3], {}], [[1, 2], {}], [[4], {}]]


@points(2)
@task(5)
def test_partial_keywords(learner):
    """Partial passes its bound keywords on every call, together with the caller's."""
    got = learner.run(probe_partial_keywords)
    assert got[0] == [[], {"a": 1}], "Partial(f, a=1)() should call f(a=1)"
    assert got[1:] == [[[], {"a": 1, "b": 2}], [[1], {"a": 1, "b": 2}], 5]


@task(5)
def test_partial_caller_overrides(learner):
    """A keyword the caller passes overrides the bound one; the other bound keywords stay."""
    got = learner.run(probe_partial_override)
    assert got == [[[], {"a": 5, "b": 2}], 11], "the caller's keyword should win over the bound one"


@task(5)
def test_partial_attributes(learner):
    """Partial exposes .func (the function), .args (a tuple) and .keywords (a dict)."""
    assert learner.run(probe_partial_attributes) == {
        "func_is": True, "args": [1, 2], "args_type": "tuple",
        "keywords": {"a": 3}, "keywords_type": "dict"}


@task(5)
def test_partial_calls_leave_it_unchanged(learner):
    """Calling a Partial never changes its .args or .keywords."""
    got = learner.run(probe_partial_state)
    assert got["keywords"] == {"a": 1}, "a call changed .keywords: merge into a new dict"
    assert got["args"] == [1], "a call changed .args"


@task(5)
def test_partial_any_keyword_names(learner):
    """Any keyword can be bound or passed, even func= or self=, as with functools.partial."""
    assert learner.run(probe_partial_names) == [
        {"func": "f", "self": "s"}, [[], {"self": 1, "func": 2}]], (
        "keywords named func or self reached Partial's own parameters")


# ---------------------------------------------------------------- task 6: Light


def probe_light(m):
    light, other = m.Light(), m.Light()
    states = [light.is_on]
    for action in ("turn_on", "turn_on", "turn_off", "turn_off"):
        getattr(light, action)()
        states.append(light.is_on)
    light.set_state(True)
    light.set_state(True)
    states.append(light.is_on)
    return {"states": states, "other": other.is_on}


def probe_light_parts(m):
    import functools
    import inspect

    set_state = inspect.getattr_static(m.Light, "set_state")
    out = {}
    for name in ("turn_on", "turn_off"):
        attr = inspect.getattr_static(m.Light, name)
        try:  # bound positionally or by keyword: what would set_state's `on` receive?
            bound = inspect.signature(set_state).bind(None, *attr.args, **attr.keywords)
            on = repr(bound.arguments.get("on"))
        except Exception:
            on = None
        out[name] = {"partialmethod": isinstance(attr, functools.partialmethod),
                     "func_is_set_state": getattr(attr, "func", None) is set_state, "on": on}
    light = m.Light()
    light.turn_on()
    out["works"] = light.is_on
    return out


@task(6)
def test_light_switches(learner):
    """turn_on() turns the light on and turn_off() off, however often; each Light starts off."""
    got = learner.run(probe_light)
    assert got["states"][:3] == [False, True, True], (
        f"off, turn_on(), turn_on() gave {got['states'][:3]}: set_state sets, it does not toggle")
    assert got == {"states": [False, True, True, False, False, True], "other": False}


@points(2)
@task(6)
def test_light_uses_partialmethod(learner):
    """turn_on and turn_off are partialmethod objects of set_state with True and False bound."""
    got = learner.run(probe_light_parts)
    assert got["works"] is True
    for name, value in (("turn_on", "True"), ("turn_off", "False")):
        assert got[name]["partialmethod"], f"{name} should be made with functools.partialmethod"
        assert got[name]["func_is_set_state"] and got[name]["on"] == value, (
            f"{name} should bind {value} as set_state's argument")
