"""A failed assert in a hidden test reads as pytest would have it, without importing pytest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Failing asserts of every shape the rewriter explains: comparisons and chains, calls,
# attributes, globals, boolean operators, authored messages, long and nested values, values
# whose repr raises or spans lines.
CASES = '''
import math
import numpy as np

class Loud:
    def __repr__(self):
        raise ValueError("no repr")

class Lines:
    def __repr__(self):
        return "first\\nsecond {x}\\n}"

class Wide:
    def __repr__(self):
        return "<" + "w" * 300 + ">"

class Box:
    size = 3
    def area(self):
        return 9

LIMIT = 4
def twice(x):
    return 2 * x

def test_equal():
    got = 4
    assert got == 5

def test_chain():
    a, b, c = 1, 5, 3
    assert a < b < c

def test_call():
    assert twice(3) == 7

def test_method_and_attribute():
    box = Box()
    assert box.area() == box.size * 2

def test_global_value_and_function():
    assert twice(LIMIT) < LIMIT

def test_module_function():
    assert math.floor(2.5) == 3

def test_in():
    assert 7 in [1, 2, 3]

def test_not():
    flag = True
    assert not flag

def test_and_or():
    a, b = 1, 0
    assert (a and b) or (b and a)

def test_message():
    got = [1, 2]
    assert got == [2, 1], f"got {got!r}: 50% of the order\\nis wrong"

def test_message_not_text():
    assert 1 == 2, {"why": "a dict\\nwith a newline"}

def test_long_list():
    assert list(range(100)) == list(range(99))

def test_long_text():
    assert "x" * 300 == "y" * 300

def test_big_dict():
    assert {k: k * 3 for k in "gfedcba"} == {}

def test_text_near_the_limit():
    assert "x" * 230 == "y"

def test_long_object_repr():
    assert Wide() == 1

def test_nested():
    assert [[[[[[[1]]]]]]] == [[[[[[[2]]]]]]]

def test_raising_repr():
    assert Loud() == 1

def test_multiline_repr():
    assert Lines() == 2

def test_bound_method():
    box = Box()
    assert box.area == 1

def test_set_and_tuple():
    assert {1, 2, 3} == (1, 2, 3)

def test_array():
    assert np.arange(12).reshape(3, 4).sum() == 0

def test_truthy_call():
    assert isinstance(3, str)

def test_percent_in_value():
    assert "100%" == "50%"

def test_walrus():
    assert (n := len("abc")) == 4
'''

SCRIPT = '''
import json, re, sys
from grader import asserts, collection
from _pytest.assertion import rewrite

path = sys.argv[1]
source = open(path, "rb").read()
code = collection._rewritten(__import__("pathlib").Path(path), source)
out = []
for helpers in (asserts, rewrite):
    namespace = {"__name__": "cases", collection.HELPERS: helpers}
    exec(code, namespace)
    messages = {}
    for name, value in namespace.items():
        if name.startswith("test_"):
            try:
                value()
            except AssertionError as exc:
                messages[name] = re.sub("0x[0-9a-f]+", "0x?", str(exc))
            else:
                messages[name] = None
    out.append(messages)
print(json.dumps(out))
'''


def test_failed_asserts_read_as_pytests_own_helpers_have_them(tmp_path):
    cases = tmp_path / "test_cases.py"
    cases.write_text(CASES, encoding="utf-8")
    # Outside a pytest session, as a learner's `kata check` runs.
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(cases)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "PYKATA_CACHE": "off"})
    assert run.returncode == 0, run.stderr[-3000:]
    ours, pytests = json.loads(run.stdout)
    assert set(ours) == set(pytests) and len(ours) == CASES.count("def test_")
    assert all(message for message in pytests.values()), "every case must fail"
    for name in pytests:
        assert ours[name] == pytests[name], name
    assert "where 6 = twice(3)" in ours["test_call"]
    assert "raised in repr()" in ours["test_raising_repr"]


def test_a_failed_check_loaded_from_the_cache_imports_nothing_of_pytest(tmp_path):
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from grader import course, engine\n"
            "check = engine.collect(course.load(Path('tests/fixtures')))['tiny'][0]\n"
            "class Learner:\n"
            "    def run(self, probe, *args):\n"
            "        return 4\n"
            "try:\n"
            "    check.function(Learner())\n"
            "except AssertionError as exc:\n"
            "    print(str(exc).splitlines()[0])\n"
            "print(sorted(m for m in sys.modules if 'pytest' in m))\n")
    env = {"PATH": "/usr/bin:/bin", "PYKATA_CACHE": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                           text=True, timeout=120, env=env) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr[-3000:]
        assert "assert 4 == 5" in run.stdout.splitlines()[0]
    assert runs[1].stdout.splitlines()[-1] == "[]", "the cached run imported pytest"
