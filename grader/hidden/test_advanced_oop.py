"""Hidden tests for the `advanced_oop` kata: slots, properties, mixins, dunders, Enum, registry,
type(), metaclasses and MethodType."""

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
    out["unequal"] = [m.Point(1, 2) == m.Point(2, 1), m.Point(2, 1) == m.Point(1, 2),
                      m.Point(1, 2) == (1, 2),
                      m.Point(1, 2) == m.Vector(1, 2), m.Vector(1, 2) == m.Point(1, 2)]
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
    assert got["text"]["str"] == "(a, 0)", "str uses each coordinate's str, not its repr"
    assert got["ints"]["repr"] == "Point(1, 2)"
    assert got["text"]["repr"] == "Point('a', 0)", "use the repr of each coordinate, not its str"
    for case in ("ints", "mixed", "text"):
        assert got[case]["same_type"] and got[case]["equal"], (
            f"eval({got[case]['repr']}) did not give back an equal Point: "
            "does __eq__ compare coordinates?")
    assert got["unequal"][:3] == [False] * 3, (
        "a Point equals only a Point with the same coordinates")
    assert got["unequal"][3:] == [False, False], (
        "a Point equals a Vector at the same place: compare the classes too")


@points(2)
@task(1)
def test_point_slots(learner):
    """Point has __slots__ for x and y: no __dict__, and p.z = 3 raises AttributeError."""
    got = learner.run(probe_slots, "Point", [1, 2])
    assert not got["dict"], "Point instances still have a __dict__"
    assert got["extra"] == "AttributeError"


# ---------------------------------------------------------------- task 2: Vector


def probe_vector(m):
    left, right = m.Vector(3, 5), m.Vector(5, 4)
    v = left + right
    return {"type": type(v).__name__, "repr": repr(v), "abs": abs(m.Vector(3, 4)),
            "is_point": isinstance(v, m.Point), "equal": v == m.Vector(8, 9),
            "new": v is not left and v is not right,
            "operands": [[left.x, left.y], [right.x, right.y]]}


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
    """Vector(3, 5) + Vector(5, 4) is a new Vector(8, 9), repr names Vector, abs is the length."""
    got = learner.run(probe_vector)
    assert got["is_point"], "Vector should inherit from Point"
    assert (got["type"], got["equal"], got["abs"]) == ("Vector", True, 5.0), (
        f"Vector(3, 5) + Vector(5, 4) gave {got['repr']}; abs(Vector(3, 4)) gave {got['abs']}")
    assert got["repr"] == "Vector(8, 9)", (
        "Point's repr should use the name of the object's own class")


@task(2)
def test_vector_add_keeps_operands(learner):
    """a + b makes a new Vector and leaves a and b as they were."""
    got = learner.run(probe_vector)
    assert got["operands"] == [[3, 5], [5, 4]], (
        f"after a + b the operands are {got['operands']}: + should not change them")
    assert got["new"], "a + b returned one of its operands"


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
    tiny = m.Screen(1, 1)  # the smallest screen there is
    out["tiny"] = [tiny.width, tiny.height, tiny.resolution]
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
    assert got["tiny"] == [1, 1, 1], "a size of 1 is positive: Screen(1, 1) is allowed"
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
            "repr": repr(f), "lazy": list(itertools.islice(huge, 5))}


def probe_fib_empty(m):
    f = m.Fib(0)
    out = {"len": len(f), "items": list(f), "repr": repr(f)}
    for key in (0, -1):
        try:
            f[key]
            out[str(key)] = "ok"
        except Exception as exc:
            out[str(key)] = type(exc).__name__
    return out


@task(5)
def test_fib_index(learner):
    """Fib(10)[5] is 5, f[-1] is the last one, and f[10] raises IndexError."""
    got = learner.run(probe_fib, 10, [0, 1, 2, 5, 6, 9, -1, -2, -10, 10, -11, 11, 15, "2", 2.0])
    assert got[:9] == [0, 1, 1, 5, 8, 34, 34, 21, 0], (
        f"Fib(10)[i] for i in 0, 1, 2, 5, 6, 9, -1, -2, -10 gave {got[:9]}")
    assert got[9:13] == ["IndexError"] * 4, (
        f"f[10], f[-11], f[11] and f[15] gave {got[9:13]}: out of range is an IndexError")
    assert got[13:] == ["TypeError", "TypeError"], "a str or float index should raise TypeError"


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
    assert got["first"] == [0, 1, 1, 2, 3, 5, 8, 13]
    assert got["again"] == got["loop"] == got["first"], "the second iteration came out different"
    assert got["lazy"] == [0, 1, 1, 2, 3]


@task(5)
def test_fib_empty(learner):
    """Fib(0) is empty: len 0, nothing to iterate, and f[0] and f[-1] raise IndexError."""
    got = learner.run(probe_fib_empty)
    assert (got["len"], got["items"], got["repr"]) == (0, [], "Fib(0)"), (
        f"Fib(0) has len {got['len']} and yields {got['items']}")
    assert (got["0"], got["-1"]) == ("IndexError", "IndexError")


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
    if isinstance(w, type) and issubclass(w, enum.Enum) and not list(w):
        raise NotImplementedError("Weekday has no members yet")
    return {"enum": isinstance(w, type) and issubclass(w, enum.Enum),
            "members": [[d.name, d.value] for d in w]}


def probe_weekday_lookup(m):
    import copy

    w = m.Weekday
    if not list(w):
        raise NotImplementedError("Weekday has no members yet")
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
    if not list(w):
        raise NotImplementedError("Weekday has no members yet")
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


# ---------------------------------------------------------------- task 9: make_class


def probe_make_class(m):
    fields = ["left", "right"]
    pair = m.make_class("Pair", fields)
    fields.append("extra")  # the caller's list changes after the call
    other = m.make_class("Pair", ["left", "right"])
    p = pair(1, "b")
    out = {"name": pair.__name__, "qualname": pair.__qualname__,
           "metaclass": type(pair) is type, "repr": repr(p), "values": [p.left, p.right],
           "distinct": pair is not other, "slots": list(getattr(pair, "__slots__", ["<none>"])),
           "dict": hasattr(p, "__dict__"), "other_repr": repr(other([1], None))}
    arity = []
    for args in ((1,), (1, 2, 3), ()):
        try:
            pair(*args)
            arity.append("ok")
        except Exception as exc:
            arity.append(type(exc).__name__)
    out["arity"] = arity
    wide_fields = [f"f{i}" for i in range(300)]
    wide = m.make_class("Wide", wide_fields)
    out["wide"] = [repr(wide(*range(300))).count("="), "ok"]
    try:
        wide(*range(299))
    except TypeError:
        out["wide"][1] = "TypeError"
    try:
        p.colour = "red"
        out["extra"] = "ok"
    except AttributeError:
        out["extra"] = "AttributeError"
    return out


@points(2)
@task(9)
def test_make_class_builds_class(learner):
    """make_class("Pair", fields) makes a class Pair; Pair(1, "b") reprs as Pair(left=1, right='b')."""
    got = learner.run(probe_make_class)
    assert (got["name"], got["qualname"]) == ("Pair", "Pair"), (
        f"__name__ and __qualname__ are {got['name']!r} and {got['qualname']!r}")
    assert got["metaclass"], "the class should be made by type itself"
    assert got["values"] == [1, "b"]
    assert got["repr"] == "Pair(left=1, right='b')", f"repr gave {got['repr']!r}"
    assert got["other_repr"] == "Pair(left=[1], right=None)"
    assert got["distinct"], "two calls gave the same class"


@task(9)
def test_make_class_fields_fixed(learner):
    """The fields are __slots__ (no __dict__); a wrong number of arguments raises TypeError."""
    got = learner.run(probe_make_class)
    assert got["arity"] == ["TypeError"] * 3, (
        f"Pair(1), Pair(1, 2, 3) and Pair() gave {got['arity']}")
    assert got["wide"] == [300, "TypeError"], (
        f"a class of 300 fields gave {got['wide']}: compare the numbers with ==, not is")
    assert got["slots"] == ["left", "right"] and not got["dict"], (
        f"__slots__ is {got['slots']}: instances should hold the fields and nothing else")
    assert got["extra"] == "AttributeError", "an instance took an attribute that is no field"


# ---------------------------------------------------------------- task 10: AddMeta and MyList


def probe_add_meta(m):
    class Bag(list, metaclass=m.AddMeta):
        pass

    class Stack(list, metaclass=m.AddMeta):
        def add(self, value):
            self.insert(0, value)
            return self

    class Sub(Bag):
        pass

    bag = Bag()
    chained = bag.add(1).add(2)
    return {"metaclass": type(Bag) is m.AddMeta, "is_type": issubclass(m.AddMeta, type),
            "bag": list(bag), "chained": chained is bag, "own_add": list(Stack().add(1).add(2)),
            "sub": [type(Sub) is m.AddMeta, list(Sub().add(3))],
            "in_namespace": "add" in vars(Bag)}


def probe_my_list(m):
    class Probe(metaclass=m.AddMeta):  # the metaclass works before MyList is judged
        pass

    items = m.MyList()
    result = items.add("a").add("b")
    return {"metaclass": type(m.MyList).__name__, "list": issubclass(m.MyList, list),
            "items": list(items), "chained": result is items}


@points(2)
@task(10)
def test_add_meta_adds_method(learner):
    """A class made by AddMeta gets add(value), which appends and returns self; its own add wins."""
    got = learner.run(probe_add_meta)
    assert got["is_type"] and got["metaclass"], "AddMeta should be a subclass of type"
    assert got["bag"] == [1, 2] and got["chained"], (
        f"Bag().add(1).add(2) left {got['bag']}: add appends and returns self")
    assert got["in_namespace"], "add should be put into the class's namespace by __new__"
    assert got["own_add"] == [2, 1], "a class's own add was replaced by the metaclass's"
    assert got["sub"] == [True, [3]], "a subclass should get the metaclass and add too"


@task(10)
def test_my_list_uses_add_meta(learner):
    """MyList is a list whose metaclass is AddMeta: MyList().add("a").add("b") == ["a", "b"]."""
    got = learner.run(probe_my_list)
    assert got["metaclass"] == "AddMeta", f"type(MyList) is {got['metaclass']}: use metaclass="
    assert got["list"] and got["items"] == ["a", "b"] and got["chained"]


# ---------------------------------------------------------------- task 11: attach


def probe_attach(m):
    import inspect

    class Robot:
        def __init__(self, name):
            self.name = name

    def greet(self, who, punctuation="!"):
        return f"{self.name} greets {who}{punctuation}"

    first, second = Robot("R1"), Robot("R2")
    returned = m.attach(first, "greet", greet)
    method = first.greet
    calls = []
    for args, kwargs in ((("Ada",), {}), (("Bo",), {"punctuation": "?"})):
        try:
            calls.append(method(*args, **kwargs))
        except Exception as exc:
            calls.append(type(exc).__name__)
    return {"returned": returned is None, "calls": calls,
            "bound": inspect.ismethod(method) and method.__self__ is first
            and method.__func__ is greet,
            "other": hasattr(second, "greet"), "class": hasattr(Robot, "greet"),
            "own": "greet" in vars(first)}


def probe_attach_slots(m):
    class Slotted:
        __slots__ = ("name",)

    try:
        m.attach(Slotted(), "greet", lambda self: "hi")
    except NotImplementedError:
        raise
    except Exception as exc:
        return type(exc).__name__
    return "ok"


@points(2)
@task(11)
def test_attach_binds_to_instance(learner):
    """attach(obj, "greet", greet) binds greet to obj: obj.greet("Ada") calls greet(obj, "Ada")."""
    got = learner.run(probe_attach)
    assert got["calls"] == ["R1 greets Ada!", "R1 greets Bo?"], (
        f"obj.greet('Ada') and obj.greet('Bo', punctuation='?') gave {got['calls']}")
    assert got["bound"], "obj.greet should be a bound method (types.MethodType) of obj"
    assert got["returned"], "attach returns None"


@points(2)
@task(11)
def test_attach_only_that_instance(learner):
    """Only that instance gets the method: the class and its other instances do not."""
    got = learner.run(probe_attach)
    assert not got["class"], "the method was put on the class, so every instance has it"
    assert not got["other"] and got["own"], "another instance got the method too"


@task(11)
def test_attach_slots_refuse(learner):
    """An object with __slots__ and no __dict__ cannot take a new method: AttributeError."""
    got = learner.run(probe_attach_slots)
    assert got == "AttributeError", f"attach on a slotted object gave {got}"
