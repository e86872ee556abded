"""The integrity scan: one realistic snippet per rule, aliases, odd encodings, hostile bytes."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from grader.integrity import MAX_SOURCE_BYTES, RULES, scan
from grader.results import IntegrityFinding

ROOT = Path(__file__).resolve().parent.parent


def rules_at(source: str | bytes) -> set[tuple[str, int]]:
    """The (rule, line) pairs the scan reports for ``source``."""
    data = source if isinstance(source, bytes) else textwrap.dedent(source).encode()
    return {(finding.rule, finding.line) for finding in scan("k", data)}


# (rule, snippet, line the rule must be reported on)
FLAGGED = [
    ("rule-evasion", "def f(s, _int=int):\n    return _int(s)\n", 1),
    ("rule-evasion", "def f(s):\n    return type(0)(s)\n", 2),
    ("process-exit", "import sys\nif True:\n    sys.exit(0)\n", 3),
    ("process-exit", "def relation(a, b):\n    raise SystemExit(1)\n", 2),
    ("process-exit", "def relation(a, b):\n    quit()\n", 2),
    ("process-exit", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", 2),
    ("process-exit", "import os\nos.abort()\n", 2),
    ("introspection", "import sys\nexpected = sys._getframe(1).f_locals\n", 2),
    ("introspection", "import inspect\nfor f in inspect.stack():\n    print(f)\n", 2),
    ("introspection", "import gc\nfound = [o for o in gc.get_objects()]\n", 2),
    ("introspection", "def f(g):\n    return g.__globals__['expected']\n", 2),
    ("introspection", "subs = object.__subclasses__()\n", 1),
    ("introspection", "def f(g):\n    return g.__code__.co_consts\n", 2),
    ("introspection", "real_print = __builtins__.print\n", 1),
    ("introspection", "def f(e):\n    return e.__traceback__.tb_frame.f_back\n", 2),
    ("native-code", "import ctypes\n", 1),
    ("native-code", "import ctypes\nctypes.string_at(0)\n", 2),
    ("native-code", "from cffi import FFI\n", 1),
    ("signals", "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n", 2),
    ("threads", "import threading\nthreading.Thread(target=print).start()\n", 2),
    ("threads", "from concurrent.futures import ThreadPoolExecutor\n", 1),
    ("threads", "import multiprocessing\n", 1),
    ("subprocess", "import subprocess\nsubprocess.run(['ls', '..'])\n", 2),
    ("subprocess", "import os\nos.system('cat ../solutions/*.py')\n", 2),
    ("subprocess", "import os\nos.execv('/bin/sh', ['sh'])\n", 2),
    ("subprocess", "import os\nos.spawnlp(os.P_WAIT, 'ls', 'ls')\n", 2),
    ("subprocess", "import asyncio\nasyncio.create_subprocess_shell('ls')\n", 2),
    ("subprocess", "import pty\npty.spawn('/bin/sh')\n", 2),
    ("subprocess", "from os import *\nsystem('ls ..')\n", 2),
    ("file-access", "text = open('/etc/passwd').read()\n", 1),
    ("file-access", "text = open('../solutions/copying.py').read()\n", 1),
    ("file-access", "def f(name):\n    return open(name).read()\n", 2),
    ("file-access", "import io\nio.open('/tmp/x', 'w')\n", 2),
    ("file-access", "import os\nos.chdir('.')\n", 2),
    ("file-access", "import os\nos.remove('/tmp/result')\n", 2),
    ("file-access", "import os\nprint(os.listdir('..'))\n", 2),
    ("file-access", "import shutil\nshutil.copy('../solutions/copying.py', 'copying.py')\n", 2),
    ("file-access", "from pathlib import Path\nPath('/etc/hosts').read_text()\n", 2),
    ("file-access", "from pathlib import Path\ndef f(p):\n    Path(p).write_text('x')\n", 3),
    ("builtins-tamper", "import builtins\n", 1),
    ("builtins-tamper", "import builtins\nbuiltins.print = lambda *a: None\n", 2),
    ("builtins-tamper", "__builtins__['len'] = lambda x: 3\n", 1),
    ("builtins-tamper", "import builtins as b\nsetattr(b, 'isinstance', lambda *a: True)\n", 2),
    ("builtins-tamper", "import sys, copy\nsys.modules['copy'] = copy\n", 2),
    ("builtins-tamper", "import sys\nsys.modules.update({'copy': None})\n", 2),
    ("builtins-tamper", "import importlib, copy\nimportlib.reload(copy)\n", 2),
    ("builtins-tamper", "import atexit\n\n@atexit.register\ndef bye():\n    pass\n", 3),
    ("builtins-tamper", "import sys\nsys.settrace(lambda *a: None)\n", 2),
    ("builtins-tamper", "import sys\nsys.path.insert(0, '../solutions')\n", 2),
    ("builtins-tamper", "import pytest\npytest.approx = lambda x: x\n", 2),
    ("builtins-tamper", "import _pytest.python\n_pytest.python.Function.runtest = None\n", 2),
    ("dynamic-code", "def f(s):\n    return eval(s)\n", 2),
    ("dynamic-code", "exec('x = 1')\n", 1),
    ("dynamic-code", "code = compile('x = 1', 'f', 'exec')\n", 1),
    ("dynamic-code", "def load(name):\n    return __import__(name)\n", 2),
    ("dynamic-code", "import importlib\ndef load(n):\n    return importlib.import_module(n)\n", 3),
    ("dynamic-code", "import os\ndef pick(name):\n    return getattr(os, name)\n", 3),
    ("network", "import socket\n", 1),
    ("network", "import urllib.request\n", 1),
    ("network", "from http import client\n", 1),
    ("network", "import requests\nrequests.get('http://example.com')\n", 2),
]


@pytest.mark.parametrize(("rule", "source", "line"), FLAGGED)
def test_each_rule_is_flagged_on_its_line(rule: str, source: str, line: int) -> None:
    assert (rule, line) in rules_at(source)


def test_every_rule_has_a_case() -> None:
    assert set(RULES) <= {rule for rule, _, _ in FLAGGED}


@pytest.mark.parametrize("source", [
    "import os as o\no._exit(1)\n",
    "from os import _exit as q\nq(1)\n",
    "from os import *\n_exit(1)\n",
    "import os\nbye = os._exit\nbye(1)\n",
    "import sys as s\nsys_exit = s.exit\nsys_exit(1)\n",
    "import importlib\nimportlib.import_module('os')._exit(1)\n",
    "__import__('os')._exit(1)\n",
    "import os\ngetattr(os, '_exit')(1)\n",
    "import builtins\nbuiltins.exit(1)\n",
    "def f():\n    import os as hidden\n    return 0\nhidden._exit(1)\n",
])
def test_aliases_resolve_to_the_real_name(source: str) -> None:
    line = source.count("\n")
    found = {(f.rule, f.line): f.message for f in scan("k", source.encode())}
    assert "exit" in found["process-exit", line]


def test_code_inside_an_exec_string_is_scanned() -> None:
    assert rules_at("x = 1\nexec('import os\\nos._exit(0)')\n") == {
        ("dynamic-code", 2), ("process-exit", 2)}


@pytest.mark.parametrize("source", [
    "def f():\n    return open('notes.txt').read()\n",  # relative literal: stays inside
    "import re\npattern = re.compile(r'\\d+')\n",  # not the builtin compile
    "def exit():\n    return 0\nexit()\n",  # the learner's own function shadows the builtin
    "import sys\ntry:\n    pass\nexcept SystemExit:\n    pass\n",  # catching is not exiting
    "import sys\nme = sys.modules[__name__]\n",  # reading sys.modules is fine
    "from pathlib import Path\nhere = Path(__file__).parent\n",
    "class A:\n    def __init__(self):\n        setattr(self, 'x', 1)\n",
    "import types\nclass A:\n    pass\na = A()\na.f = types.MethodType(lambda s: 1, a)\n",
    "def f():\n    global total\n    total = 1\n",
    "",
])
def test_ordinary_code_is_not_flagged(source: str) -> None:
    assert rules_at(source) == set()


def test_a_clean_solution_has_no_findings() -> None:
    assert scan("copying", (ROOT / "solutions" / "copying.py").read_bytes()) == []


def test_findings_are_sorted_deduplicated_and_complete_sentences() -> None:
    found = scan("copying", b"import os\nos._exit(1); os._exit(2)\nimport sys\nsys.exit()\n")
    assert found == sorted(found, key=lambda f: f.line)
    assert [(f.rule, f.line) for f in found] == [("process-exit", 2), ("process-exit", 4)]
    assert all(isinstance(f, IntegrityFinding) and f.kata == "copying" for f in found)
    assert all(f.message.endswith(".") and "\n" not in f.message for f in found)


HIDDEN = "x = 1\nimport os\nos.system('cat ../solutions/copying.py')\n"


@pytest.mark.parametrize("source", [
    b"# -*- coding: utf-7 -*-\n" + HIDDEN.encode("utf-7"),
    b"# -*- coding: utf-7 -*-\nx = 1 +AAo-import os+AAo-os.system('cat ../solutions/copying.py')\n",
])
def test_utf7_cookie_and_the_code_it_hides_are_flagged(source: bytes) -> None:
    assert compile(source, "k.py", "exec")  # Python itself reads it as three statements
    found = rules_at(source)
    assert ("odd-encoding", 1) in found
    assert ("subprocess", 4) in found


def test_odd_encoding_names_the_declared_codec_on_the_cookie_line() -> None:
    source = b"#!/usr/bin/env python\n# coding: latin-1\nname = '\xe9'\n"
    [finding] = scan("k", source)
    assert (finding.rule, finding.line) == ("odd-encoding", 2)
    assert "latin-1" in finding.message


@pytest.mark.parametrize("source", [
    b"\xef\xbb\xbfdef f():\n    return 1\n",  # BOM
    b"# -*- coding: utf-8 -*-\nname = '\xc3\xa9'\n",
    b"# coding: ascii\nx = 1\n",
])
def test_utf8_and_bom_are_not_odd(source: bytes) -> None:
    assert rules_at(source) == set()


@pytest.mark.parametrize(("source", "line"), [
    (b"x = 1\ny = '\xff\xfe'\n", 2),  # not UTF-8
    (b"\xff\xfe\x00x", 1),  # not UTF-8 on the first lines, where a cookie would be
    (b"x = 1\n\x00import os\n", 2),  # NUL byte
    (b"def f(:\n    pass\n", 1),  # syntax error
    (b"x = 1\n\nif True\n    y = 2\n", 3),
    (b"# coding: no-such-codec\nx = 1\n", 1),
    (b"# coding: hex\nx = 1\n", 1),  # a codec that is not a text encoding
    (b"# coding: utf-16\nx = 1\n", 1),
    (b"x = " + b"(" * 300 + b")" * 300 + b"\n", 1),
    (b"x = " + b"-" * 100_000 + b"1\n", 1),
])
def test_unreadable_source_is_one_unparsable_finding(source: bytes, line: int) -> None:
    assert rules_at(source) == {("unparsable", line)}


def test_a_huge_source_is_flagged_oversize_without_parsing() -> None:
    source = b"x = 1\n" * (60 * 1024 * 1024 // 6)
    start = time.perf_counter()
    found = scan("k", source)
    assert time.perf_counter() - start < 0.5
    assert [(f.rule, f.line) for f in found] == [("oversize", 1)]

    assert rules_at(b"#" * (MAX_SOURCE_BYTES + 1)) == {("oversize", 1)}
    assert rules_at(b"#" * MAX_SOURCE_BYTES) == set()  # at the limit: scanned, and clean


def test_a_forbidden_builtin_reached_another_way_is_flagged():
    """A task that forbids int(): the real one captured at import, or reached as type(0)."""
    source = b"def str2float(s, _int=int):\n    return _int(s)\n\n" \
             b"def other(s):\n    return type(0)(s)\n\n" \
             b"def fine(items, key=None, n=3):\n    return sorted(items, key=key)[:n]\n"
    found = [(f.line, f.rule) for f in scan("higher_order", source)]
    assert found == [(1, "rule-evasion"), (5, "rule-evasion")]
