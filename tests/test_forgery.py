"""Forged observations: learner code that tries to make a probe report what it did not do.

Each attack is a `tiny.py` whose `add` is wrong (it returns 0) and which then tries, in every
way we could think of after reading the grader's source, to make the probes report the right
sums. The bar: the forged checks never pass; the attack is either caught (status `tampered`,
with evidence in the integrity list) or simply has no effect (status `failed`). The honest
kata beside it grades in full. Every attack runs under every sandbox layer.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import pytest

from grader import engine, submission
from grader.course import Kata, Task
from grader.sandbox import Sandbox

from tests.conftest import FAST, course_of

OTHER = "def double(x):\n    return 2 * x\n"
WRONG = "\n\ndef add(a, b):\n    return 0\n\n\ndef greet(name):\n    return f'hello, {name}'\n"
# What a forger wants the probes to return: the right sum for any arguments.
RIGHT = "lambda m, a=None, b=None, *rest: (a + b) if isinstance(a, int) else 'hello, ada'"


def attack(code: str, where: str = "import") -> str:
    """A tiny.py that runs ``code`` at import time (or inside ``add``)."""
    code = textwrap.dedent(code)
    if where == "import":
        return "import os, sys\n" + code + WRONG
    return ("import os, sys\n\ndef add(a, b):\n" + textwrap.indent(code, "    ")
            + "\n    return 0\n\n\ndef greet(name):\n    return f'hello, {name}'\n")


FORGERIES = {
    "the runtime through __main__": attack(f"""
        import __main__ as z
        for name in ("define", "PROBES", "encode", "send", "frame", "run_probe"):
            if hasattr(z, name):
                setattr(z, name, {RIGHT})
        """),
    "the runtime through sys.modules with computed names": attack(f"""
        for module in list(sys.modules.values()):
            space = getattr(module, "__dict__", {{}})
            for key in ("PRO" + "BES", "de" + "fine", "en" + "code", "fr" + "ame"):
                if key in space:
                    if isinstance(space[key], dict):
                        for k in space[key]:
                            space[key][k] = {RIGHT}
                    else:
                        space[key] = {RIGHT}
        """),
    "frames walked from a traceback": attack(f"""
        try:
            raise ValueError
        except ValueError as exc:
            f = exc.__traceback__.tb_frame
        while f is not None:
            table = f.f_globals.get("PROBES")
            if isinstance(table, dict):
                for k in table:
                    table[k] = {RIGHT}
            f = f.f_back
        """, where="add"),
    "frames walked from sys._getframe": attack(f"""
        f = sys._getframe()
        while f is not None:
            table = f.f_globals.get("PROBES")
            if isinstance(table, dict):
                for k in table:
                    table[k] = {RIGHT}
            f = f.f_back
        """, where="add"),
    "inspect.currentframe and stack": attack("""
        import inspect
        frames = inspect.stack()
        """, where="add"),
    "the garbage collector's objects": attack(f"""
        import gc
        for obj in gc.get_objects():
            if isinstance(obj, dict) and "PROBES" in obj:
                for k in obj["PROBES"]:
                    obj["PROBES"][k] = {RIGHT}
        """),
    "the JSON encoder and decoder": attack("""
        import json, json.encoder
        json.dumps = lambda *a, **k: '{"seq": 1, "ok": true, "data": ["i", "5"]}'
        json.loads = lambda *a, **k: {"seq": 1, "ok": True, "data": ["i", "5"]}
        json.JSONEncoder.encode = lambda self, o: '["i", "5"]'
        """),
    "marshal, struct and os.write": attack("""
        import marshal, struct
        marshal.loads = lambda data: {"seq": 1, "op": "verify"}
        struct.pack = lambda *a: b"\\x00\\x00\\x00\\x02{}"
        real = os.write
        os.write = lambda fd, data: real(fd, data.replace(b'"ok":false', b'"ok":true'))
        """),
    "a standard-library function a probe calls": attack("""
        import builtins
        builtins.int = lambda *a: 5
        builtins.isinstance = lambda *a: True
        """),
    "a class of the standard library": attack("""
        import inspect
        inspect.Signature.__eq__ = lambda self, other: True
        """),
    "a trace function": attack("""
        def tracer(frame, event, arg):
            return tracer
        sys.settrace(tracer)
        """, where="add"),
    "an audit hook of its own": attack("""
        sys.addaudithook(lambda event, args: None)
        """),
    "ctypes": attack("""
        import ctypes
        ctypes.memmove(id(0), id(5), 28)
        """),
    "a code object swapped into someone else's function": attack("""
        import inspect
        inspect.isfunction.__code__ = (lambda obj: True).__code__
        """),
    "a function built from a probe's code": attack("""
        import types
        types.FunctionType((lambda: 5).__code__, {})
        """),
    "the printed-output capture": attack("""
        cls = type(sys.stdout)
        for sub in object.__subclasses__():
            if sub.__name__ == "Capture":
                sub.write = lambda self, text: 0
                g = sub.text.__globals__
                g["LIMIT"] = 10 ** 9
        print("5 passed, 0 failed")
        """, where="add"),
    "fake frames on every descriptor": attack("""
        for fd in range(3, 64):
            for seq in range(1, 8):
                body = ('{"seq": %d, "ok": true, "data": ["i", "5"]}' % seq).encode()
                try:
                    os.write(fd, len(body).to_bytes(4, "big") + body)
                except OSError:
                    pass
        """, where="add"),
    "fake marshal frames on every descriptor": attack("""
        import marshal
        for fd in range(3, 64):
            for seq in range(1, 8):
                body = marshal.dumps({"seq": seq, "ok": True, "data": 5})
                for head in (b"", b"0" * 32, bytes(32)):
                    try:
                        os.write(fd, len(head + body).to_bytes(4, "big") + head + body)
                    except OSError:
                        pass
        """, where="add"),
}

LAYERS = ["bubblewrap", "unshare", "basic"]


@pytest.fixture(scope="module", params=LAYERS)
def layer_box(request):
    with Sandbox(limits=FAST, isolation=request.param) as box:
        yield box


@pytest.mark.parametrize("case", FORGERIES, ids=list(FORGERIES))
def test_a_forged_observation_earns_nothing(case, grade_fixture, layer_box, tmp_path):
    (tmp_path / "tiny.py").write_text(FORGERIES[case])
    (tmp_path / "other.py").write_text(OTHER)
    result = grade_fixture(tmp_path, layer_box)
    tiny, other = result.katas
    statuses = {t.id.split("::")[1]: t.status for t in tiny.tests}
    assert statuses["test_add_small"] in ("failed", "tampered", "crashed"), statuses
    assert statuses["test_add_negative"] in ("failed", "tampered", "crashed"), statuses
    assert tiny.score <= 1
    assert other.score == other.max_score
    for test in tiny.tests:
        if test.status == "tampered":
            assert test.message.startswith("caught tampering with the grader"), test.message
            assert test.score == 0


CAUGHT = ["frames walked from a traceback", "frames walked from sys._getframe",
          "inspect.currentframe and stack", "the garbage collector's objects",
          "a standard-library function a probe calls", "a class of the standard library",
          "a trace function", "an audit hook of its own", "ctypes",
          "a code object swapped into someone else's function",
          "a function built from a probe's code", "the JSON encoder and decoder",
          "marshal, struct and os.write"]


@pytest.mark.parametrize("case", CAUGHT)
def test_tampering_is_caught_with_evidence(case, grade_fixture, box, tmp_path):
    """Not merely harmless: these leave a `tampered` verdict and evidence for the teacher."""
    (tmp_path / "tiny.py").write_text(FORGERIES[case])
    (tmp_path / "other.py").write_text(OTHER)
    result = grade_fixture(tmp_path, box)
    tiny = result.katas[0]
    assert "tampered" in {t.status for t in tiny.tests}, [(t.status, t.message) for t in tiny.tests]
    caught = [f for f in result.integrity if f.kata == "tiny" and f.line == 0]
    assert caught and all(f.message.startswith("caught while grading") for f in caught)


# -------------------------------------------------------- standard-library functions probes use

LAZY_PROBES = '''
from grader.markers import task


def probe_lazy(m):
    import inspect
    import itertools
    g = m.numbers()
    return {"generator": inspect.isgenerator(g), "head": list(itertools.islice(g, 3))}


@task(1)
def test_numbers_is_a_generator(learner):
    """numbers() is a generator."""
    assert learner.run(probe_lazy)["generator"] is True


@task(1)
def test_numbers_head(learner):
    """numbers() yields 0, 1, 2 first."""
    assert learner.run(probe_lazy)["head"] == [0, 1, 2]
'''
LAZY = Kata("lazy", "Lazy", "Testing", "测试", (Task("numbers", "Yield numbers.", ("Use yield.",)),))
PATCHERS = {
    "inspect.isgenerator replaced, at import": (
        "import inspect, itertools\ninspect.isgenerator = lambda obj: True\n"
        "itertools.islice = lambda it, n: iter([0, 1, 2])\n"
        "def numbers():\n    return [5, 6, 7]\n"),
    "inspect.isgenerator replaced during the probe, then put back": (
        "import inspect\nreal = inspect.isgenerator\n"
        "class Sneaky(list):\n    pass\n"
        "def numbers():\n    inspect.isgenerator = lambda obj: True\n"
        "    return iter([0, 1, 2])\n"),
    "sys.modules poisoned with a fake inspect": (
        "import sys, types\nfake = types.ModuleType('inspect')\n"
        "fake.isgenerator = lambda obj: True\nsys.modules['inspect'] = fake\n"
        "def numbers():\n    return iter([0, 1, 2])\n"),
}


@pytest.fixture(scope="module")
def lazy_checks(tmp_path_factory):
    hidden = tmp_path_factory.mktemp("hidden")
    (hidden / "test_lazy.py").write_text(LAZY_PROBES)
    return engine.collect(course_of(hidden, (LAZY,)))


@pytest.mark.parametrize("case", PATCHERS, ids=list(PATCHERS))
def test_probes_use_the_standard_library_as_the_zygote_loaded_it(case, lazy_checks, layer_box,
                                                                 tmp_path):
    (tmp_path / "lazy.py").write_text(PATCHERS[case])
    result = engine.grade(submission.load(tmp_path, (LAZY,)), sandbox_=layer_box,
                          checks=lazy_checks, katas=(LAZY,))
    statuses = {t.id.split("::")[1]: t.status for t in result.katas[0].tests}
    assert statuses["test_numbers_is_a_generator"] in ("failed", "tampered"), statuses


# -------------------------------------------------------- legitimate code is not tampering

HONEST = '''
import collections, dataclasses, enum, functools, inspect, logging, traceback, typing, warnings

Point = collections.namedtuple("Point", "x y")
Color = enum.Enum("Color", "RED GREEN")
T = typing.TypeVar("T")


@dataclasses.dataclass
class Pair:
    a: int
    b: int


def logged(func):
    @functools.wraps(func)
    def wrapper(*args):
        logging.getLogger("kata").debug("calling %s", func.__name__)
        return func(*args)
    return wrapper


def counter():
    yield 1
    yield 2


@logged
def add(a, b):
    g = counter()
    next(g)
    assert inspect.getgeneratorstate(g) == "GEN_SUSPENDED"
    assert list(inspect.signature(add).parameters) == ["a", "b"]
    assert add.__wrapped__.__code__.co_argcount == 2
    try:
        raise ValueError("inside")
    except ValueError:
        text = traceback.format_exc()
    assert "inside" in text
    warnings.warn("just a warning")
    helper.__defaults__ = (1,)
    return Pair(a, b).a + Point(0, b).y + helper() - 1


def helper(x=0):
    return x


def greet(name):
    return f"hello, {name}"
'''


@pytest.mark.parametrize("layer", LAYERS)
def test_ordinary_standard_library_use_is_not_tampering(layer, grade_fixture, tmp_path):
    (tmp_path / "tiny.py").write_text(HONEST)
    (tmp_path / "other.py").write_text(OTHER)
    with Sandbox(limits=FAST, isolation=layer) as box:
        result = grade_fixture(tmp_path, box)
    tiny = result.katas[0]
    assert [(t.status, t.message) for t in tiny.tests if not t.passed] == []
    assert not [f for f in result.integrity if f.line == 0]


def test_reading_the_grader_without_namespaces_is_caught(grade_fixture, basic_box, tmp_path):
    """Without a private file system the solutions can be opened: the attempt is tampering."""
    solution = Path(__file__).resolve().parents[1] / "solutions" / "copying.py"
    code = (f"import importlib.util\nspec = importlib.util.spec_from_file_location('s', "
            f"{str(solution)!r})\nmodule = importlib.util.module_from_spec(spec)\n"
            "spec.loader.exec_module(module)\n")
    (tmp_path / "tiny.py").write_text(attack(code, where="add"))
    (tmp_path / "other.py").write_text(OTHER)
    result = grade_fixture(tmp_path, basic_box)
    statuses = {t.id.split("::")[1]: t.status for t in result.katas[0].tests}
    assert statuses["test_add_small"] == "tampered"
    assert any(f.rule == "grader-files" for f in result.integrity)


CTYPES_BACKDOORS = {
    "numpy's own ctypes": "import numpy._core._internal as inner\nc = inner.ctypes\n",
    "a ctypes class found by __subclasses__": (
        "c = None\nfor cls in object.__subclasses__():\n"
        "    if cls.__name__ == 'CDLL':\n"
        "        c = type('N', (), dict(cls.__init__.__globals__))\n"),
}


@pytest.mark.parametrize("case", CTYPES_BACKDOORS, ids=list(CTYPES_BACKDOORS))
def test_ctypes_kept_by_numpy_cannot_write_memory(case, grade_fixture, tmp_path):
    """numpy loads ctypes in the zygote; what stays reachable has no memmove, cast or CDLL."""
    code = CTYPES_BACKDOORS[case] + (
        "def add(a, b):\n    for door in ('memmove', 'memset', 'cast', 'string_at', "
        "'pythonapi', 'CDLL'):\n        if c is not None and hasattr(c, door):\n"
        "            return door\n    return 'closed'\n\ndef greet(name):\n    return name\n")
    (tmp_path / "tiny.py").write_text(code)
    (tmp_path / "other.py").write_text(OTHER)
    with Sandbox(limits=FAST, packages=("numpy",)) as box:
        result = grade_fixture(tmp_path, box)
    message = result.katas[0].tests[0].message
    assert "'closed'" in message, message


# -------------------------------------------------------- verified once per shared process

QUIET_PATCH = ("import inspect\ninspect.isgenerator = lambda obj: True\n\n"
               "def add(a, b):\n    return a + b\n\n\ndef greet(name):\n    return f'hello, {name}'\n")
HANGS = "def double(x):\n    while True:\n        pass\n"


@pytest.mark.parametrize("other", [OTHER, HANGS], ids=["then an honest kata", "then a hang"])
def test_tampering_the_scan_misses_is_caught_in_the_shared_process(other, grade_fixture, box,
                                                                   tmp_path):
    """A kata that quietly patches the standard library shares its process with the next one
    (the scan sees nothing); the one verification of that process, or the kata graded again
    when a hang took its process away, still scores it `tampered`, and only it."""
    (tmp_path / "tiny.py").write_text(QUIET_PATCH)
    (tmp_path / "other.py").write_text(other)
    result = grade_fixture(tmp_path, box)
    tiny, second = result.katas
    assert not [f for f in result.integrity if f.line != 0]
    assert {t.status for t in tiny.tests} == {"tampered"}, [(t.status, t.message) for t in tiny.tests]
    assert any(f.kata == "tiny" and f.message.startswith("caught while grading")
               for f in result.integrity)
    if other is OTHER:
        assert second.score == second.max_score
    else:
        assert {t.status for t in second.tests} == {"timeout"}


def _shapes(rng: random.Random, depth: int = 0) -> object:
    """Random data of every kind a learner's interpreter could send: plain and not."""
    roll = rng.random()
    if depth > 8 or roll < 0.45:
        return rng.choice([0, -7, 2.5, float("nan"), "", "é", None, True, False,
                           b"bytes", 1j, {1, 2}, frozenset(), bytearray(b"x"), range(2)])
    items = [_shapes(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if roll < 0.65:
        return items
    if roll < 0.85:
        return tuple(items)
    return {rng.choice(["k", 3, 4.5, None, (1, 2)]): item for item in items}


def _nested(depth: int) -> list[object]:
    value: list[object] = [1]
    for _ in range(depth):
        value = [value]
    return value


def test_the_grader_refuses_exactly_the_data_the_runtime_refuses():
    """What comes back from a probe is checked twice: by the runtime before it sends it, and
    by the grader, which trusts no interpreter a learner's code ran in. Both must draw the
    same line (types, depth, count), or a forger's data gets through, or honest data fails."""
    from grader import _zygote, sandbox

    rng = random.Random(20261202)
    limit = _zygote.MAX_ITEMS
    cases = [_shapes(rng) for _ in range(3000)] + [
        _nested(_zygote.MAX_DEPTH - 1), _nested(_zygote.MAX_DEPTH), _nested(_zygote.MAX_DEPTH + 1),
        [0] * (limit - 1), [0] * limit, [[0] * (limit // 2)] * 2, [0.5] * (limit // 2) + [[]],
        {n: n for n in range(limit // 2 - 1)}, {n: n for n in range(limit // 2)},
        [{"a": [1, (2, [3])]}] * 10, ([1, 2], {"x": (None, "y")}, [[[]]]),
        [[1.0] * 8 for _ in range(8)], [1, 2, {3}], {"k": [1, b"x"]}]
    refused = 0
    for value in cases:
        try:
            _zygote.check_plain(value)
            runtime = True
        except TypeError:
            runtime = False
        try:
            assert sandbox.plain(value) is value
            grader = True
        except sandbox.BadData:
            grader = False
        assert runtime == grader, repr(value)[:200]
        refused += not runtime
    assert 0 < refused < len(cases)
