"""Hostile submissions: each costs its own checks and nothing else.

Every case is a `tiny.py` that misbehaves in `add` (tasks 1; checks test_add_small and
test_add_negative) or at import, next to a well-behaved `other.py`. For each we assert what
the learner sees for the affected checks, that `greet` and the other kata still grade in full,
that no learner process is left behind and that nothing outside the private copy changed.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

OTHER = "def double(x):\n    return 2 * x\n"
GREET = '\n\ndef greet(name):\n    return f"hello, {name}"\n'
MARK = "9876.54321"  # a sleep duration no other process on the machine uses


def body(code: str) -> str:
    """A tiny.py whose add() runs ``code``."""
    return "import os, sys, time\n\ndef add(a, b):\n" + textwrap.indent(
        textwrap.dedent(code), "    ") + "\n    return a + b\n" + GREET


def leftover_processes() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if MARK.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


ORPHAN = f"""
pid = os.fork()
if pid == 0:
    os.setsid()
    os.execv("/bin/sleep", ["sleep", "{MARK}"])
"""

CASES = {
    # exits
    "os._exit in add": (body("os._exit(0)"), "crashed"),
    "sys.exit in add": (body("sys.exit(3)"), "failed"),
    "raise SystemExit in add": (body("raise SystemExit"), "failed"),
    # hangs
    "endless loop": (body("while True:\n    pass"), "timeout"),
    "sleep": (body("time.sleep(60)"), "timeout"),
    "SIGALRM ignored": (body("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
                             "signal.alarm(1)\nwhile True:\n    pass"), "timeout"),
    "SIGTERM ignored": (body("import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                             "while True:\n    pass"),
                        "timeout"),
    "endless non-daemon thread": (body("import threading\n"
                                       "threading.Thread(target=time.sleep, args=(60,)).start()\n"
                                       "while True:\n    pass"), "timeout"),
    "orphan child process": (body(ORPHAN + "while True:\n    pass"), "timeout"),
    # resources
    "memory bomb": (body("x = bytearray(8 * 1024 ** 3)"), "failed"),
    "fork storm": (body("for _ in range(500):\n    try:\n        os.fork()\n    except OSError:\n"
                        "        break\ntime.sleep(60)"), "timeout"),
    # print() during a probe is captured (the first 2000 characters): add() still works
    "100 MB of stdout": (body("for _ in range(100):\n    print('x' * 2 ** 20)"), "passed"),
    "100 MB to stderr": (body("for _ in range(100):\n    os.write(2, b'x' * 2 ** 20)"), "failed"),
    "huge file": (body("with open('big.bin', 'wb') as f:\n    f.write(b'x' * 100 * 2 ** 20)"),
                  "failed"),
    "deep recursion": (body("def down(n):\n    return down(n + 1)\ndown(0)"), "failed"),
    "C-level crash": (body("import ctypes\nctypes.string_at(0)"), "tampered"),
    # tampering
    "lying __eq__": ("class Yes(int):\n    def __eq__(self, other):\n        return True\n"
                     "    __hash__ = int.__hash__\n\ndef add(a, b):\n    return Yes(0)\n" + GREET,
                     "failed"),
    "fake replies on every fd": (body(
        "for fd in range(3, 64):\n    try:\n"
        "        os.write(fd, b'\\x00\\x00\\x00\\x2a{\"seq\": 99, \"ok\": true, \"data\": [\"i\", \"5\"]}')\n"
        "    except OSError:\n        pass\nprint('5 passed, 0 failed')\nreturn 0"), "crashed"),
    "replace builtins": (body("import builtins\nbuiltins.type = lambda x: bool\n"
                              "builtins.isinstance = lambda *a: True\nreturn 0"), "tampered"),
    "poison sys.modules": (body("sys.modules['json'] = None\nsys.modules['struct'] = None\n"
                                "sys.modules['copy'] = None\nreturn 0"), "failed|crashed"),
    "kill the parent": (body("os.kill(os.getppid(), 9)\nos.kill(1, 9)\nreturn 0"), "failed"),
    "chdir and atexit": (body("import atexit\natexit.register(print, 'PASSED')\nos.chdir('/')\n"
                              "return 0"), "failed"),
}


@pytest.fixture(params=["strongest", "unshare", "no namespaces"])
def sandbox(request, box, unshare_box, basic_box):
    """Each hostile case runs under every layer the grader can fall back to."""
    return {"strongest": box, "unshare": unshare_box, "no namespaces": basic_box}[request.param]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_hostile_add_costs_only_its_checks(case, grade_fixture, sandbox, tmp_path):
    source, status = CASES[case]
    (tmp_path / "tiny.py").write_text(source)
    (tmp_path / "other.py").write_text(OTHER)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = grade_fixture(tmp_path, sandbox)
    tiny, other = result.katas
    got = {t.id.split("::")[1]: t.status for t in tiny.tests}
    allowed = set(status.split("|"))  # tampering may break the channel: never into a pass
    greet = got.pop("test_greet")
    assert set(got.values()) <= allowed, got
    if allowed == {"tampered"}:  # caught at once, or by the verification at the kata's end
        assert greet in ("passed", "tampered") and tiny.score <= 1
        assert any(finding.line == 0 for finding in result.integrity), result.integrity
    else:
        assert greet == "passed"
        assert tiny.score == (4 if allowed == {"passed"} else 1)
    assert other.score == other.max_score == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    deadline = time.monotonic() + 5
    while leftover_processes() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert leftover_processes() == []


IMPORT_CASES = {
    "os._exit at import": ("import os\nos._exit(0)\n", "importing tiny.py ended the process"),
    "sys.exit at import": ("import sys\nsys.exit()\n", "tiny.py line 2: SystemExit"),
    "raise SystemExit at import": ("raise SystemExit(1)\n", "tiny.py line 1: SystemExit: 1"),
    "sleep at import": ("import time\ntime.sleep(60)\n", "did not finish within"),
    "import pytest": ("import pytest\n", "tiny.py line 1: ModuleNotFoundError"),
    "import the grader": ("import grader.engine\n", "tiny.py line 1: ModuleNotFoundError"),
    "NUL bytes": ("x = 1\n\0\n", "null bytes"),
    "non-UTF-8 bytes": (b'x = "\xff\xfe"\n', "SyntaxError"),
    "60 MB file": (b"# padding\n" * 6_000_000, "tiny.py is 58593 KiB; the limit is 1024 KiB"),
}


@pytest.mark.parametrize("case", IMPORT_CASES, ids=list(IMPORT_CASES))
def test_hostile_import_is_one_clear_error(case, grade_fixture, tmp_path):
    source, message = IMPORT_CASES[case]
    data = source if isinstance(source, bytes) else source.encode()
    (tmp_path / "tiny.py").write_bytes(data)
    (tmp_path / "other.py").write_text(OTHER)
    tiny, other = grade_fixture(tmp_path).katas
    assert tiny.status == "error" and message in tiny.error
    assert other.status == "passed"


def test_a_bom_and_a_utf7_cookie_still_run_as_python_decodes_them(grade_fixture, tmp_path):
    passing = (Path(__file__).parent / "fixtures/submissions/passing/tiny.py").read_text()
    (tmp_path / "tiny.py").write_bytes(b"\xef\xbb\xbf" + passing.encode())
    (tmp_path / "other.py").write_bytes(b"# -*- coding: utf-7 -*-\n" + OTHER.encode("utf-7"))
    result = grade_fixture(tmp_path)
    assert result.score == result.max_score
    assert [f.rule for f in result.integrity] == ["odd-encoding"]


def test_pytest_doors_in_the_submission_are_never_opened(grade_fixture, tmp_path):
    """conftest.py, ini files and a pytest.py in the submission do nothing at all."""
    witness = tmp_path.parent / f"opened-{tmp_path.name}"
    opener = f"open({str(witness)!r}, 'w').write('opened')\n"
    (tmp_path / "conftest.py").write_text(opener)
    (tmp_path / "pytest.py").write_text(opener)
    for name in ("pytest.ini", "setup.cfg", "tox.ini"):
        (tmp_path / name).write_text("[pytest]\naddopts = -p conftest\n[tool:pytest]\naddopts = -x\n")
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\naddopts = '-p pytest'\n")
    for fixture in ("tiny.py", "other.py"):
        (tmp_path / fixture).write_bytes((Path(__file__).parent / "fixtures/submissions/failing" /
                                          fixture).read_bytes())
    result = grade_fixture(tmp_path)
    assert result.score == 2 and not witness.exists()


def test_the_learner_cannot_read_the_grader_when_namespaces_are_available(grade_fixture, box, tmp_path):
    """Solutions, hidden tests and the grader's environment are out of the learner's reach."""
    secret = Path(__file__).resolve().parents[1] / "solutions" / "copying.py"
    code = (f"try:\n    open({str(secret)!r}).read()\n    found = 'read'\n"
            "except OSError as exc:\n    found = type(exc).__name__\n"
            "return found + ' ' + ','.join(sorted(os.environ))\n")
    (tmp_path / "tiny.py").write_text(body(code).replace("\n    return a + b\n", "\n"))
    (tmp_path / "other.py").write_text(OTHER)
    test = grade_fixture(tmp_path).katas[0].tests[0]
    env_names = test.message.split("assert '")[-1] if "assert" in test.message else test.message
    assert "PYTHONPATH" not in env_names and "VIRTUAL_ENV" not in env_names
    if "bubblewrap namespaces" in box.layers:
        assert "FileNotFoundError" in test.message
    elif "unprivileged uid" in box.layers and os.stat(secret).st_mode & 0o004 == 0:
        assert "PermissionError" in test.message


def test_writes_outside_the_private_copy_stay_inside_the_sandbox(grade_fixture, box, tmp_path):
    """With namespaces, /tmp is private and the grader's files are not even visible."""
    target = Path(tempfile.gettempdir()) / f"pykata-escape-{tmp_path.name}"
    code = (f"for path in [{str(target)!r}, {str(Path(__file__))!r}]:\n"
            "    try:\n        open(path, 'a').write('pwned')\n    except OSError:\n        pass\n")
    (tmp_path / "tiny.py").write_text(body(code))
    (tmp_path / "other.py").write_text(OTHER)
    before = Path(__file__).read_bytes()
    try:
        result = grade_fixture(tmp_path)
        assert result.katas[0].score == 4
        assert Path(__file__).read_bytes() == before
        if "bubblewrap namespaces" in box.layers:
            assert not target.exists()
    finally:
        target.unlink(missing_ok=True)


def test_sys_path_of_the_learner_holds_only_its_copy_and_the_standard_library(grade_fixture, tmp_path):
    code = "import sys\nreturn '|'.join(sys.path)\n"
    (tmp_path / "tiny.py").write_text(body(code).replace("\n    return a + b\n", "\n"))
    (tmp_path / "other.py").write_text(OTHER)
    message = grade_fixture(tmp_path).katas[0].tests[0].message
    root = str(Path(__file__).resolve().parents[1])
    assert "pykata-" in message and "sub-" in message
    assert root not in message and "site-packages" not in message


def test_killing_the_grader_leaves_no_learner_process_and_no_work_files(tmp_path):
    """SIGKILL `kata check` while a learner process hangs: nothing of it survives."""
    import signal
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    (tmp_path / "copying.py").write_text(
        f"import os\nif os.fork() == 0:\n    os.execv('/bin/sleep', ['sleep', '{MARK}'])\n"
        "while True:\n    pass\n")
    grader = subprocess.Popen([sys.executable, "-m", "grader", "check", "copying", "--path",
                               str(tmp_path)], cwd=root, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(root)})
    deadline = time.monotonic() + 30
    while not leftover_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftover_processes(), "the learner process never started"
    workroots = list(Path(tempfile.gettempdir()).glob(f"pykata-{grader.pid}-*"))
    grader.send_signal(signal.SIGKILL)
    grader.wait()
    deadline = time.monotonic() + 10
    while leftover_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftover_processes() == []
    from grader.sandbox import Sandbox

    Sandbox().close()  # the next grader sweeps the dead one's work files away
    assert workroots and not any(path.exists() for path in workroots)


def probe_no_new_privs(m):
    with open("/proc/self/status") as status:
        return [line.split()[1] for line in status if line.startswith("NoNewPrivs:")]


def test_no_set_user_id_program_makes_learner_code_root_in_any_layer(box, unshare_box, basic_box):
    """Learner processes run with no_new_privs in every layer (bubblewrap sets it; the zygote
    sets it elsewhere): a set-user-ID program they run gains nothing, so a learner process
    cannot become root and leave its cgroup or its uid."""
    for sandbox in (box, unshare_box, basic_box):
        with sandbox.workspace({"tiny.py": b"x = 1\n"}) as workspace, \
                workspace.learner("tiny") as process:
            assert process.run(probe_no_new_privs) == ["1"], sandbox.layers


def test_each_layer_says_what_it_is_and_namespaces_cut_the_network(grade_fixture, box, unshare_box,
                                                                  basic_box, tmp_path):
    """A learner process in namespaces cannot reach a server on the grader's loopback."""
    import socket

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    code = (f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=1)\n"
            "    return 'reached'\nexcept OSError:\n    return 'cut'\n")
    (tmp_path / "tiny.py").write_text(body(code).replace("\n    return a + b\n", "\n"))
    (tmp_path / "other.py").write_text(OTHER)
    try:
        for sandbox, layer, expected in [(box, "bubblewrap namespaces", "cut"),
                                         (unshare_box, "unshare namespaces", "cut"),
                                         (basic_box, "unprivileged uid", "reached"),
                                         (basic_box, "own network", "cut")]:
            if not any(name.startswith(layer) for name in sandbox.layers):
                continue  # this machine does not offer the layer: nothing to check
            if expected == "reached" and any("own network" in n for n in sandbox.layers):
                continue  # as root, each learner process has a network of its own anyway
            message = grade_fixture(tmp_path, sandbox).katas[0].tests[0].message
            assert f"'{expected}'" in message, (layer, message)
    finally:
        server.close()


def test_a_learner_process_that_cannot_join_its_cgroup_runs_no_learner_code(
        grade_fixture, box, tmp_path, monkeypatch):
    """Its cgroup is what caps a submission's memory and processes, and what vouches at the
    end that nothing of it still runs: a learner process that cannot be moved into it is
    ended before its first request, and the katas say why."""
    if "cgroup per submission" not in box.layers:
        pytest.skip("this machine gives no cgroup per submission (not root, or no cgroups)")
    from grader import cgroups

    monkeypatch.setattr(cgroups.Group, "add", lambda self, pid: False)
    (tmp_path / "tiny.py").write_text("import os\n" + ORPHAN.replace("pid = ", "child = ")
                                      + "\ndef add(a, b):\n    return a + b\n" + GREET)
    (tmp_path / "other.py").write_text(OTHER)
    tiny, other = grade_fixture(tmp_path).katas
    assert tiny.score == other.score == 0
    assert all("could not join its submission's cgroup" in test.message
               for kata in (tiny, other) for test in kata.tests), tiny.tests[0].message
    assert leftover_processes() == []  # at once: the orphan was never started


def test_memory_spread_over_many_processes_is_capped_per_submission(grade_fixture, box, tmp_path):
    """Five children of 400 MiB each stay under the per-process limit, not under the
    submission's: with the cgroup layer, some of them are killed and add() cannot succeed."""
    code = """
children = []
for _ in range(5):
    pid = os.fork()
    if pid == 0:
        block = bytearray(400 * 2 ** 20)
        block[::4096] = b"x" * len(block[::4096])
        time.sleep(0.5)
        os._exit(0)
    children.append(pid)
ok = all(os.waitpid(pid, 0)[1] == 0 for pid in children)
return a + b if ok else 0
"""
    (tmp_path / "tiny.py").write_text(body(code).replace("\n    return a + b\n", "\n"))
    (tmp_path / "other.py").write_text(OTHER)
    tiny, other = grade_fixture(tmp_path).katas
    assert other.score == other.max_score
    if "cgroup per submission" in box.layers:
        assert tiny.tests[0].status in ("failed", "crashed", "timeout")


def test_one_katas_printing_does_not_use_up_the_next_katas_output(grade_fixture, tmp_path):
    """Katas share a learner process and its output file; each starts with an empty one."""
    (tmp_path / "tiny.py").write_text(  # nothing flagged: it shares the learner process
        "import os\n\ndef add(a, b):\n    for _ in range(9):\n        os.write(1, b'x' * 2 ** 20)\n"
        "    return a + b\n" + GREET)
    (tmp_path / "other.py").write_text("import os\n\ndef double(x):\n"
                                       "    os.write(1, b'doubling')\n    return 2 * x\n")
    tiny, other = grade_fixture(tmp_path).katas
    assert tiny.tests[0].status == "failed"
    assert other.status == "passed"
