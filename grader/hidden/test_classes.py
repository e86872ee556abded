"""Hidden tests for the `classes` kata: instances, class attributes, inheritance, super(),
polymorphism, isinstance and the getattr family."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: Student


def probe_student(m):
    ada = m.Student("Ada", 92)
    grades = [m.Student("x", score).grade() for score in (100, 90, 89, 60, 59, 0)]
    return {"name": ada.name, "score": ada.score, "tags": ada.tags, "grades": grades}


def probe_student_count(m):
    import importlib.util

    spec = importlib.util.spec_from_file_location(m.__name__ + "_count_copy", m.__file__)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)  # a new copy of the module: no Student made yet
    at_start = fresh.Student.count
    fresh.Student("z", 70)
    before = m.Student.count
    for name in ("a", "b", "c"):
        m.Student(name, 70)
    return {"type": type(m.Student.count).__name__, "delta": m.Student.count - before,
            "fresh": [at_start, fresh.Student.count]}


def probe_count_on_class(m):
    first, second = m.Student("a", 50), m.Student("b", 60)
    in_instance = "count" in vars(first) or "count" in vars(second)
    on_class = m.Student.count
    first.count = 99  # an instance attribute that shadows the class's
    try:
        return {
            "in_instance": in_instance,
            "class_unchanged": m.Student.count == on_class,
            "first_sees_own": first.count == 99,
            "second_sees_class": second.count == m.Student.count,
        }
    finally:
        del first.count


def probe_count_subclass(m):
    class Transfer(m.Student):
        pass

    before = m.Student.count
    Transfer("t", 70)
    Transfer("u", 80)
    return m.Student.count - before


def probe_tags(m):
    first, second = m.Student("a", 50), m.Student("b", 60)
    first.add_tag("chess")
    third = m.Student("c", 70)
    fresh = [m.Student("d", 80), m.Student("e", 90)]
    distinct = fresh[0].tags is not fresh[1].tags
    return {"first": first.tags, "second": second.tags, "third": third.tags,
            "shared": first.tags is second.tags, "fresh_distinct": distinct}


@task(1)
def test_student_init(learner):
    """Student("Ada", 92) has name "Ada", score 92 and an empty tags list."""
    got = learner.run(probe_student)
    assert (got["name"], got["score"], got["tags"]) == ("Ada", 92, [])


@task(1)
def test_student_grade(learner):
    """grade() is "A" from 90, "B" from 60 to 89 and "C" below 60."""
    got = learner.run(probe_student)
    assert got["grades"] == ["A", "A", "B", "B", "C", "C"], (
        f"grades for 100, 90, 89, 60, 59, 0: {got['grades']}")


@points(2)
@task(1)
def test_student_count(learner):
    """Student.count starts at 0 and goes up by one for every Student created."""
    got = learner.run(probe_student_count)
    assert got["type"] == "int"
    assert got["delta"] == 3, f"3 new students moved Student.count by {got['delta']}"
    assert got["fresh"] == [0, 1], (
        f"before any Student, count was {got['fresh'][0]}; it counts the students made")


@points(2)
@task(1)
def test_count_lives_on_class(learner):
    """The counter lives on the class; an instance attribute only shadows it for that instance."""
    got = learner.run(probe_count_on_class)
    assert not got["in_instance"], "instances got their own count: self.count += 1 sets one"
    assert got == {"in_instance": False, "class_unchanged": True, "first_sees_own": True,
                   "second_sees_class": True}


@task(1)
def test_count_includes_subclasses(learner):
    """Creating an instance of a subclass of Student also counts in Student.count."""
    delta = learner.run(probe_count_subclass)
    assert delta == 2, f"2 students of a subclass moved Student.count by {delta}"


@points(2)
@task(1)
def test_tags_independent(learner):
    """Each student has their own tags list: add_tag on one leaves the others alone."""
    got = learner.run(probe_tags)
    assert got["first"] == ["chess"]
    assert got["second"] == [] and got["third"] == [] and not got["shared"], (
        "the students share one tags list: a list on the class is shared by all")
    assert got["fresh_distinct"], (
        "two new students start with the same list object: s.tags.append(...) by a caller "
        "would tag both")


# ---------------------------------------------------------------- task 2: Animal, Dog, Cat


def probe_animals(m):
    return {
        "runs": [m.Animal("a").run(), m.Dog("d").run(), m.Cat("c").run()],
        "dog_is_animal": issubclass(m.Dog, m.Animal),
        "cat_is_animal": issubclass(m.Cat, m.Animal),
    }


def probe_dog_init(m):
    missing = "<missing>"
    rex, mutt, tom = m.Dog("Rex", "beagle"), m.Dog("Max"), m.Cat("Tom")
    return {
        "rex": [getattr(rex, "name", missing), getattr(rex, "breed", missing)],
        "mutt": [getattr(mutt, "name", missing), getattr(mutt, "breed", missing)],
        "tom": getattr(tom, "name", missing),
    }


def probe_dog_calls_parent(m):
    original = m.Animal.__dict__["__init__"]
    calls = []

    def spy(self, *args, **kwargs):
        calls.append([type(self).__name__, list(args) + list(kwargs.values())])
        return original(self, *args, **kwargs)

    m.Animal.__init__ = spy
    try:
        m.Dog("Rex", "lab")
        m.Cat("Tom")
    finally:
        m.Animal.__init__ = original
    return calls


def probe_init_cooperates(m):
    def tracked(base):  # a class that a subclass's MRO puts right after Dog (or Puppy)
        class Tracked(base):
            def __init__(self, name, *args, **kwargs):
                self.tracked = name
                super().__init__(name, *args, **kwargs)

            def run(self):
                return super().run() + " (traced)"

        return Tracked

    class TrackedDog(m.Dog, tracked(m.Animal)):
        pass

    class TrackedPuppy(m.Puppy, tracked(m.Dog)):
        pass

    out = {}
    for key, cls, args in (("dog", TrackedDog, ("Rex", "lab")),
                           ("puppy", TrackedPuppy, ("Bo", "pug", 3))):
        obj = cls(*args)
        out[key] = [getattr(obj, "tracked", None), getattr(obj, "name", None),
                    getattr(obj, "breed", None)]
    out["puppy_run"] = TrackedPuppy("Bo", "pug", 3).run()
    return out


@task(2)
def test_animals_run(learner):
    """Animal, Dog and Cat run() say "Animal/Dog/Cat is running..."; Dog and Cat are Animals."""
    got = learner.run(probe_animals)
    assert got["runs"] == ["Animal is running...", "Dog is running...", "Cat is running..."]
    assert got["dog_is_animal"] and got["cat_is_animal"], "Dog and Cat should subclass Animal"


@points(2)
@task(2)
def test_dog_init_extends_parent(learner):
    """Dog("Rex", "beagle") has a name and a breed ("mixed" by default); Cat("Tom") has a name."""
    got = learner.run(probe_dog_init)
    assert got["rex"] == ["Rex", "beagle"], f"Dog('Rex', 'beagle') has name, breed {got['rex']}"
    assert got["mutt"] == ["Max", "mixed"]
    assert got["tom"] == "Tom"


@points(2)
@task(2)
def test_dog_calls_parent_init(learner):
    """Dog's __init__ runs Animal's __init__ (through super()) instead of repeating its work."""
    calls = learner.run(probe_dog_calls_parent)
    assert calls == [["Dog", ["Rex"]], ["Cat", ["Tom"]]], (
        "creating a Dog, then a Cat, should each call Animal.__init__ once, with the name; "
        f"it was called as {calls}")


@task(2)
def test_dog_init_cooperates(learner):
    """Dog's __init__ uses super(), so a class mixed in before Animal in a subclass's MRO runs too."""
    got = learner.run(probe_init_cooperates)
    assert got["dog"] == ["Rex", "Rex", "lab"], (
        f"got {got['dog']}: Animal.__init__(self, ...) skips the next class in the MRO; "
        "super() does not")


# ---------------------------------------------------------------- task 3: run_twice


def probe_run_twice_subclass(m):
    class Husky(m.Dog):
        def run(self):
            return "Husky is running..."

    return [m.run_twice(Husky("h")), m.run_twice(m.Cat("c"))]


def probe_run_twice_duck(m):
    class Robot:  # not an Animal at all
        def __init__(self):
            self.steps = 0

        def run(self):
            self.steps += 1
            return f"Robot step {self.steps}"

    robot = Robot()
    result = m.run_twice(robot)
    return {"result": result, "steps": robot.steps}


@task(3)
def test_run_twice_polymorphic(learner):
    """run_twice uses each object's own run(): a new Dog subclass runs its own way."""
    got = learner.run(probe_run_twice_subclass)
    assert got == [["Husky is running...", "Husky is running..."],
                   ["Cat is running...", "Cat is running..."]]


@points(2)
@task(3)
def test_run_twice_duck_typing(learner):
    """run_twice works for any object with a run() method, and calls it twice."""
    got = learner.run(probe_run_twice_duck)
    assert got["steps"] == 2, f"run() was called {got['steps']} time(s)"
    assert got["result"] == ["Robot step 1", "Robot step 2"]


# ---------------------------------------------------------------- task 4: Puppy


def probe_puppy(m):
    calls = []
    originals = {cls: cls.__dict__["__init__"] for cls in (m.Animal, m.Dog)}

    def make_spy(cls, original):
        def spy(self, *args, **kwargs):
            calls.append(cls.__name__)
            return original(self, *args, **kwargs)
        return spy

    for cls, original in originals.items():
        cls.__init__ = make_spy(cls, original)
    try:
        pup = m.Puppy("Bo", "pug", 3)
    finally:
        for cls, original in originals.items():
            cls.__init__ = original
    return {"attrs": [pup.name, pup.breed, pup.months], "calls": calls,
            "is_dog": isinstance(pup, m.Dog)}


def probe_puppy_run(m):
    pup = m.Puppy("Bo", "pug", 3)
    plain = pup.run()
    original = m.Dog.__dict__["run"]
    m.Dog.run = lambda self: "Patched dog run"
    try:
        patched = pup.run()
    finally:
        m.Dog.run = original
    return [plain, patched]


@points(2)
@task(4)
def test_puppy_two_levels(learner):
    """Puppy("Bo", "pug", 3) runs Dog's and then Animal's __init__, each once, via super()."""
    got = learner.run(probe_puppy)
    assert got["attrs"] == ["Bo", "pug", 3] and got["is_dog"]
    assert got["calls"] == ["Dog", "Animal"], (
        f"the __init__ methods that ran: {got['calls']}; each level should hand on to the next")


@task(4)
def test_puppy_init_cooperates(learner):
    """Puppy's __init__ uses super() too: in a subclass's MRO, the classes after Dog still run."""
    got = learner.run(probe_init_cooperates)
    assert got["puppy"] == ["Bo", "Bo", "pug"], (
        f"got {got['puppy']}: call the next __init__ through super(), not by its class name")


@task(4)
def test_puppy_run_extends_dog(learner):
    """Puppy.run() is Dog's run() plus " slowly", found through super() rather than copied."""
    got = learner.run(probe_puppy_run)
    assert got[0] == "Dog is running... slowly"
    assert got[1] == "Patched dog run slowly", "Puppy.run should ask Dog's run for its text"
    run = learner.run(probe_init_cooperates)["puppy_run"]
    assert run == "Dog is running... (traced) slowly", (
        f"in a subclass's MRO, Puppy.run gave {run!r}: Dog.run(self) skips the next class, "
        "super().run() does not")


# ---------------------------------------------------------------- task 5: describe


def probe_describe(m):
    class Kitten(m.Cat):
        pass

    objects = {
        "animal": m.Animal("a"), "int": 42, "str": "s", "dog": m.Dog("d"), "cat": m.Cat("c"),
        "puppy": m.Puppy("p", "pug", 1), "kitten": Kitten("k"),
    }
    result = {}
    for key, obj in objects.items():
        name, kinds = m.describe(obj)
        result[key] = [name, list(kinds)]
    return result


@task(5)
def test_describe_exact_types(learner):
    """describe names the exact type: ("Animal", ["Animal"]), ("int", []), ("str", [])."""
    got = learner.run(probe_describe)
    assert [got["animal"], got["int"], got["str"]] == [
        ["Animal", ["Animal"]], ["int", []], ["str", []]]


@points(2)
@task(5)
def test_describe_subclasses(learner):
    """A subclass instance is an instance of its parents too: a Puppy is a Dog and an Animal."""
    got = learner.run(probe_describe)
    assert got["dog"] == ["Dog", ["Animal", "Dog"]], (
        f"describe(Dog) gave {got['dog']}: type(x) == C is false for subclasses of C")
    assert got["cat"] == ["Cat", ["Animal", "Cat"]]
    assert got["puppy"] == ["Puppy", ["Animal", "Dog"]]
    assert got["kitten"] == ["Kitten", ["Animal", "Cat"]]


# ---------------------------------------------------------------- task 6: get_attr_or_default


def probe_getattr(m, name, use_default):
    class Box:
        kind = "box"

        def __init__(self):
            self.size = 3
            self.zero, self.blank = 0, ""

        @property
        def volume(self):
            return self.size ** 3

        @property
        def broken(self):
            raise ValueError("broken property")

        def __getattr__(self, attr):
            if attr.startswith("dyn_"):
                return "made " + attr[4:]
            raise AttributeError(attr)

        def open(self):
            return "opened"

    try:
        if use_default:
            value = m.get_attr_or_default(Box(), name, "fallback")
        else:
            value = m.get_attr_or_default(Box(), name)
    except NotImplementedError:
        raise
    except Exception as exc:
        return ["raised", type(exc).__name__]
    return ["value", value() if callable(value) else value]


@task(6)
def test_getattr_instance_and_default(learner):
    """An instance attribute comes back; a missing one gives the default (None if not given)."""
    assert learner.run(probe_getattr, "size", True) == ["value", 3]
    assert learner.run(probe_getattr, "wings", True) == ["value", "fallback"]
    assert learner.run(probe_getattr, "wings", False) == ["value", None]
    got = [learner.run(probe_getattr, name, True) for name in ("zero", "blank")]
    assert got == [["value", 0], ["value", ""]], (
        f"got {got}: an attribute whose value is falsy is still there")


@points(2)
@task(6)
def test_getattr_class_level(learner):
    """Class attributes, properties and methods are attributes too, not only obj.__dict__."""
    got = [learner.run(probe_getattr, name, True) for name in ("kind", "volume", "open")]
    assert got == [["value", "box"], ["value", 27], ["value", "opened"]], (
        f"got {got}: obj.__dict__ holds instance attributes only")


@task(6)
def test_getattr_dynamic(learner):
    """An attribute that the class's __getattr__ makes up is an attribute too."""
    got = learner.run(probe_getattr, "dyn_token", True)
    assert got == ["value", "made token"], (
        f"got {got}: dir() and __dict__ do not know what __getattr__ answers; getattr does")


@task(6)
def test_getattr_other_errors(learner):
    """A property that raises ValueError is a bug to show, not a missing attribute to hide."""
    got = learner.run(probe_getattr, "broken", True)
    assert got == ["raised", "ValueError"], (
        f"got {got}: only a missing attribute (AttributeError) should give the default")


# ---------------------------------------------------------------- task 7: copy_attrs


def probe_copy_basic(m):
    class Pet:
        def __init__(self, name, breed=None):
            self.name = name
            self.owner = None  # an attribute whose value is None is still an attribute
            if breed is not None:
                self.breed = breed

    rex, tom = Pet("Rex", "beagle"), Pet("Tom")
    tom.owner = "Ann"
    copied = m.copy_attrs(rex, tom, ("breed", "wings", "name", "owner"))
    once = Pet("Once")
    lazy = m.copy_attrs(rex, once, (name for name in ["name", "wings", "breed"]))
    return {"type": type(copied).__name__, "copied": list(copied),
            "dst": [tom.breed, tom.name, tom.owner], "wings": hasattr(tom, "wings"),
            "src": [rex.name, rex.breed],
            "lazy": [list(lazy), [once.name, getattr(once, "breed", None)]]}


def probe_copy_setattr(m):
    class Source:
        color = "red"  # a class attribute

        @property
        def label(self):
            return "fresh"

    class Target:
        __slots__ = ("color", "_label")

        @property
        def label(self):
            return self._label

        @label.setter
        def label(self, value):
            self._label = value.upper()

    target = Target()
    copied = m.copy_attrs(Source(), target, ["color", "label"])
    return {"copied": list(copied), "color": getattr(target, "color", None),
            "label": getattr(target, "label", None)}


@task(7)
def test_copy_attrs_basic(learner):
    """copy_attrs copies the attributes src has, skips the others and returns the copied names."""
    got = learner.run(probe_copy_basic)
    assert got["type"] == "list" and got["copied"] == ["breed", "name", "owner"], (
        f"returned {got['copied']}: an attribute that holds None is still there")
    assert got["dst"] == ["beagle", "Rex", None] and not got["wings"]
    assert got["src"] == ["Rex", "beagle"]
    assert got["lazy"] == [["name", "breed"], ["Rex", "beagle"]], (
        f"with a generator of names: {got['lazy']}; a generator can be looped over only once")


@points(2)
@task(7)
def test_copy_attrs_uses_setattr(learner):
    """copy_attrs reads class attributes and properties, and writes through setters and slots."""
    got = learner.run(probe_copy_setattr)
    assert got == {"copied": ["color", "label"], "color": "red", "label": "FRESH"}, (
        f"got {got}: getattr and setattr go through the class, __dict__ does not")
