"""Hidden tests for the `advanced_oop` kata: slots, properties, mixins, dunders, Enum, registry."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: Point


def probe_point(m):
    out = {}
    for key, args in (("ints", (1, 2)), ("mixed", (1.5, -2)), ("text", ("a", 0))):
        p = m.Point(*args)
        text = repr(p)
        try:
            back = eval(text, {"Point": m.Point})
        except Exception:
            back = None
        out[key] = {"repr": text, "str": str(p), "same_type": type(back) is m.Point,
                    "equal": back is not None and back == p}
    out["unequal"] = [m.Point(1, 2) == m.Point(2, 1), m.Point(1, 2) == (1, 2)]
    return out


def probe_slots(m, name, args):
    cls = getattr(m, name)
    p = cls(*args)
    try:
        p.z = 3
        extra = "ok"
    except AttributeError:
        extra = "AttributeError"
    return {"dict": hasattr(p, "__dict__"), "extra": extra,
            "slots": [list(getattr(k, "__slots__", ["<none>"])) for k in cls.__mro__[:-1]]}


@points(2)
@task(1)
def test_point_repr_and_str(learner):
    """repr(Point(1, 2)) is "Point(1, 2)", eval of it rebuilds an equal Point; str is "(1, 2)"."""
    got = learner.run(probe_point)
    assert [got["ints"]["str"], got["mixed"]["str"]] == ["(1, 2)", "(1.5, -2)"], (
        "str is for users: (x, y)")
    assert got["ints"]["repr"] == "Point(1, 2)"
    assert got["text"]["repr"] == "Point('a', 0)", "use the repr of each coordinate, not its str"
    for case in ("ints", "mixed", "text"):
        assert got[case]["same_type"] and got[case]["equal"], (
            f"eval({got[case]['repr']}) did not give back an equal Point: "
            "does __eq__ compare coordinates?")
    assert got["unequal"] == [False, False], "a Point equals only a Point with the same coordinates"


@points(2)
@task(1)
def test_point_slots(learner):
    """Point has __slots__ for x and y: no __dict__, and p.z = 3 raises AttributeError."""
    got = learner.run(probe_slots, "Point", [1, 2])
    assert not got["dict"], "Point instances still have a __dict__"
    assert got["extra"] == "AttributeError"


# ---------------------------------------------------------------- task 2: Vector


def probe_vector(m):
    v = m.Vector(1, 2) + m.Vector(2, 2)
    return {"type": type(v).__name__, "repr": repr(v), "abs": abs(m.Vector(3, 4)),
            "is_point": isinstance(v, m.Point), "equal": v == m.Vector(3, 4)}


@points(2)
@task(2)
def test_vector_keeps_slots(learner):
    """Vector declares its own (empty) __slots__, so its instances have no __dict__ either."""
    got = learner.run(probe_slots, "Vector", [1, 2])
    assert not got["dict"] and got["extra"] == "AttributeError", (
        "a subclass without its own __slots__ gets a __dict__ back")
    assert got["slots"][0] == [], "Vector adds no field: its __slots__ should be empty"


@task(2)
def test_vector_add_and_repr(learner):
    """Vector(1, 2) + Vector(2, 2) is Vector(3, 4), repr names Vector, abs is the length."""
    got = learner.run(probe_vector)
    assert got["is_point"], "Vector should inherit from Point"
    assert (got["type"], got["equal"], got["abs"]) == ("Vector", True, 5.0)
    assert got["repr"] == "Vector(3, 4)", (
        "Point's repr should use the name of the object's own class")


# ---------------------------------------------------------------- task 3: Screen


def probe_screen(m):
    s = m.Screen(1024, 768)
    out = {"size": [s.width, s.height], "resolution": s.resolution}
    s.width = 1920
    s.height = 1080
    out["after"] = [s.width, s.height, s.resolution]
    kinds = {}
    for attr in ("width", "height", "resolution"):
        prop = type(s).__dict__.get(attr)
        kinds[attr] = [type(prop).__name__, getattr(prop, "fset", None) is not None]
    out["kinds"] = kinds
    try:
        s.resolution = 1
        out["set_resolution"] = "ok"
    except Exception as exc:
        out["set_resolution"] = type(exc).__name__
    bad = []
    for attr, value in (("width", 0), ("height", -5), ("width", "800"), ("height", 2.5),
                        ("width", True)):
        try:
            setattr(s, attr, value)
            bad.append("ok")
        except Exception as exc:
            bad.append(type(exc).__name__)
    out["bad"] = bad
    out["kept"] = [s.width, s.height]
    try:
        m.Screen(0, 10)
        out["init"] = "ok"
    except Exception as exc:
        out["init"] = type(exc).__name__
    return out


@task(3)
def test_screen_setters_validate(learner):
    """width and height are properties whose setters reject sizes that are not positive ints."""
    got = learner.run(probe_screen)
    assert got["size"] == [1024, 768]
    assert got["kinds"]["width"] == got["kinds"]["height"] == ["property", True]
    assert got["bad"] == ["ValueError", "ValueError", "TypeError", "TypeError", "TypeError"], (
        f"got {got['bad']}: sizes <= 0 need a ValueError, non-ints (bool too) a TypeError")
    assert got["kept"] == [1920, 1080], "a rejected size was stored anyway"
    assert got["init"] == "ValueError", "the constructor should go through the setters"


@points(2)
@task(3)
def test_screen_resolution(learner):
    """resolution is read-only and always width * height, also after a change."""
    got = learner.run(probe_screen)
    assert got["resolution"] == 786432
    assert got["after"] == [1920, 1080, 2073600], (
        "resolution did not follow the new size: compute it in the getter")
    assert got["kinds"]["resolution"] == ["property", False], (
        "resolution should be a property without setter")
    assert got["set_resolution"] == "AttributeError"


# ---------------------------------------------------------------- task 4: WebService and mixins


def probe_web(m):
    return {"mro": [c.__name__ for c in m.WebService.__mro__],
            "steps": m.WebService("api").start(),
            "is_service": issubclass(m.WebService, m.Service)}


def probe_mixins_elsewhere(m):
    class Worker:
        def __init__(self):
            self.steps = []

        def start(self):
            self.steps.append("Worker")
            return self.steps

    class Job(m.RetryMixin, m.LoggingMixin, Worker):
        pass

    return {"steps": Job().start(),
            "bases": [[b.__name__ for b in k.__bases__] for k in (m.LoggingMixin, m.RetryMixin)]}


@points(2)
@task(4)
def test_webservice_mro(learner):
    """WebService's MRO is WebService, LoggingMixin, RetryMixin, Service, object."""
    got = learner.run(probe_web)
    assert got["mro"] == ["WebService", "LoggingMixin", "RetryMixin", "Service", "object"], (
        f"the MRO is {got['mro']}: list the mixins before the base class")


@task(4)
def test_webservice_start(learner):
    """WebService("api").start() runs through both mixins and then Service."""
    got = learner.run(probe_web)
    assert got["is_service"]
    assert got["steps"] == ["Logging", "Retry", "Service"], (
        f"start() went through {got['steps']}: each mixin should call super().start()")


@points(2)
@task(4)
def test_mixins_cooperate_anywhere(learner):
    """The mixins inherit from object only and call super(), so they work with any base."""
    got = learner.run(probe_mixins_elsewhere)
    assert got["bases"] == [["object"], ["object"]], "a mixin should not inherit from Service"
    assert got["steps"] == ["Retry", "Logging", "Worker"], (
        f"mixed into another class, start() went through {got['steps']}: call super(), "
        "not a named class")


# ---------------------------------------------------------------- task 5: Fib


def probe_fib(m, n, keys):
    f = m.Fib(n)
    out = []
    for key in keys:
        index = slice(*key) if isinstance(key, list) else key
        try:
            out.append(f[index])
        except Exception as exc:
            out.append(type(exc).__name__)
    return out


def probe_fib_iter(m):
    import itertools

    f = m.Fib(8)
    huge = iter(m.Fib(10**7))
    return {"len": len(f), "first": list(f), "again": list(f), "loop": [x for x in f],
            "repr": repr(f), "own_iter": "__iter__" in vars(m.Fib),
            "lazy": list(itertools.islice(huge, 5))}


@task(5)
def test_fib_index(learner):
    """Fib(10)[5] is 5, f[-1] is the last one, and f[10] raises IndexError."""
    got = learner.run(probe_fib, 10, [0, 1, 5, 9, -1, -10, 10, -11, "2"])
    assert got[:6] == [0, 1, 5, 34, 34, 0]
    assert got[6:8] == ["IndexError", "IndexError"], "an index out of range should raise IndexError"
    assert got[8] == "TypeError", "a str index should raise TypeError"


@points(2)
@task(5)
def test_fib_slice(learner):
    """Fib(10)[2:6] is [1, 2, 3, 5]; steps, negative bounds and open ends work as for a list."""
    got = learner.run(probe_fib, 10, [[2, 6], [None, 3], [7, None], [None, None, 3], [-3, None],
                                       [5, 2], [8, 20]])
    assert got[0] == [1, 2, 3, 5], (
        f"f[2:6] gave {got[0]!r}: __getitem__ also receives slice objects")
    assert got[1:] == [[0, 1, 1], [13, 21, 34], [0, 2, 8, 34], [13, 21, 34], [], [21, 34]], (
        "open ends, steps, negative bounds or bounds past the end did not slice as a list would")


@task(5)
def test_fib_iter(learner):
    """Fib has len and its own lazy __iter__; iterating twice gives the numbers twice."""
    got = learner.run(probe_fib_iter)
    assert got["len"] == 8 and got["repr"] == "Fib(8)"
    assert got["own_iter"], "define __iter__"
    assert got["first"] == [0, 1, 1, 2, 3, 5, 8, 13]
    assert got["again"] == got["loop"] == got["first"], "the second iteration came out different"
    assert got["lazy"] == [0, 1, 1, 2, 3]


# ---------------------------------------------------------------- task 6: Chain


def probe_chain(m):
    c = m.Chain
    base = c().api
    users, orders = base.users, base.orders
    return {
        "attrs": str(c().users.list),
        "status": str(c().status),
        "empty": str(c()),
        "call": str(c().users("michael").repos),
        "number": str(c().items(42)),
        "repr": repr(c().users.list),
        "steps": [str(base), str(users), str(orders)],
        "types": sorted({type(x).__name__ for x in (base, users, c().a("b"))}),
    }


def probe_chain_private(m):
    import copy

    c = m.Chain().users
    out = {"hasattr": hasattr(c, "_secret"), "dunder": hasattr(c, "__len__")}
    try:
        out["copy"] = str(copy.copy(c))
    except Exception as exc:
        out["copy"] = type(exc).__name__
    return out


@points(2)
@task(6)
def test_chain_getattr(learner):
    """Chain().users.list is /users/list: __getattr__ returns a new, longer Chain."""
    got = learner.run(probe_chain)
    assert (got["attrs"], got["status"], got["empty"]) == ("/users/list", "/status", "")
    assert got["types"] == ["Chain"], "each step should return a Chain"
    assert got["repr"] == "Chain('/users/list')"
    assert got["steps"] == ["/api", "/api/users", "/api/orders"], (
        f"got {got['steps']}: a step changed the chain it started from")


@task(6)
def test_chain_call(learner):
    """Chain().users("michael").repos is /users/michael/repos: __call__ adds a segment."""
    got = learner.run(probe_chain)
    assert (got["call"], got["number"]) == ("/users/michael/repos", "/items/42")


@task(6)
def test_chain_private_names(learner):
    """Names starting with _ are not segments: hasattr is False for them and copy.copy works."""
    got = learner.run(probe_chain_private)
    assert not got["hasattr"] and not got["dunder"], "__getattr__ answered a name starting with _"
    assert got["copy"] == "/users", f"copy.copy of a Chain gave {got['copy']}"


# ---------------------------------------------------------------- task 7: Weekday


def probe_weekday(m):
    import enum

    w = m.Weekday
    return {"enum": isinstance(w, type) and issubclass(w, enum.Enum),
            "members": [[d.name, d.value] for d in w]}


def probe_weekday_lookup(m):
    import copy

    w = m.Weekday
    out = {"by_value": w(3) is w["WEDNESDAY"] is w.WEDNESDAY,
           "copies": copy.deepcopy(w.FRIDAY) is w.FRIDAY and copy.copy(w.FRIDAY) is w.FRIDAY}
    for key, lookup in (("bad_value", lambda: w(8)), ("bad_name", lambda: w["FUNDAY"])):
        try:
            lookup()
            out[key] = "ok"
        except Exception as exc:
            out[key] = type(exc).__name__
    return out


def probe_weekday_methods(m):
    w = m.Weekday
    return {"weekend": [d.name for d in w if d.is_weekend],
            "next": [d.next().name for d in w]}


@task(7)
def test_weekday_members(learner):
    """Weekday is an Enum of MONDAY = 1 ... SUNDAY = 7, iterated in that order."""
    got = learner.run(probe_weekday)
    assert got["enum"], "Weekday should be an enum.Enum"
    assert got["members"] == [["MONDAY", 1], ["TUESDAY", 2], ["WEDNESDAY", 3], ["THURSDAY", 4],
                              ["FRIDAY", 5], ["SATURDAY", 6], ["SUNDAY", 7]], (
        "the members, their values or their order are not as asked")


@points(2)
@task(7)
def test_weekday_lookup(learner):
    """Weekday(3) and Weekday["WEDNESDAY"] are the very member Weekday.WEDNESDAY; copies too."""
    got = learner.run(probe_weekday_lookup)
    assert got["by_value"], "lookup by value and by name should give the same member object"
    assert got["copies"], "a copy of a member should be the member itself"
    assert (got["bad_value"], got["bad_name"]) == ("ValueError", "KeyError")


@task(7)
def test_weekday_methods(learner):
    """is_weekend is True for SATURDAY and SUNDAY; next() wraps SUNDAY round to MONDAY."""
    got = learner.run(probe_weekday_methods)
    assert got["weekend"] == ["SATURDAY", "SUNDAY"]
    assert got["next"] == ["TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
                           "MONDAY"], "SUNDAY.next() should wrap round to MONDAY"


# ---------------------------------------------------------------- task 8: Plugin


def probe_plugin(m):
    base = m.Plugin

    class JsonWriter(base):
        pass

    class PrettyJson(JsonWriter):
        pass

    class YamlWriter(base, name="yml"):
        def __init__(self, indent=2):
            self.indent = indent

    reg = base.registry
    made = base.create("yml", 4)
    try:
        base.create("no-such-plugin")
        missing = "ok"
    except Exception as exc:
        missing = type(exc).__name__
    return {
        "json": reg.get("jsonwriter") is JsonWriter,
        "pretty": reg.get("prettyjson") is PrettyJson,
        "shared": JsonWriter.registry is reg,
        "yml": reg.get("yml") is YamlWriter,
        "yaml_by_class_name": "yamlwriter" in reg,
        "base": "plugin" in reg or any(v is base for v in reg.values()),
        "keys": sorted(type(k).__name__ for k in reg),
        "made": [type(made).__name__, made.indent],
        "missing": missing,
    }


def probe_plugin_cooperates(m):
    class Tagged:
        def __init_subclass__(cls, **kwargs):
            super().__init_subclass__(**kwargs)
            cls.tagged = True

    class AuditPlugin(m.Plugin, Tagged):
        pass

    return {"tagged": getattr(AuditPlugin, "tagged", False),
            "registered": m.Plugin.registry.get("auditplugin") is AuditPlugin}


@points(2)
@task(8)
def test_plugin_registers_subclasses(learner):
    """Defining a subclass registers it by its lower-case name; Plugin itself is not in it."""
    got = learner.run(probe_plugin)
    assert got["keys"] and set(got["keys"]) == {"str"}, "the registry keys should be names (str)"
    assert got["json"] and got["pretty"], (
        "a new subclass (or sub-subclass) was not registered by its lower-case name")
    assert got["shared"], "every plugin class should see the one Plugin.registry"
    assert not got["base"], "Plugin itself should not be in the registry"


@task(8)
def test_plugin_name_and_create(learner):
    """class X(Plugin, name="yml") registers under "yml"; create(key, *args) builds one."""
    got = learner.run(probe_plugin)
    assert got["yml"] and not got["yaml_by_class_name"], "use the name= class keyword as the key"
    assert got["made"] == ["YamlWriter", 4]
    assert got["missing"] == "KeyError"


@task(8)
def test_plugin_init_subclass_cooperates(learner):
    """Plugin.__init_subclass__ calls super(), so another base's __init_subclass__ still runs."""
    got = learner.run(probe_plugin_cooperates)
    assert got["registered"]
    assert got["tagged"], (
        "the other base's __init_subclass__ never ran: call super().__init_subclass__")
