"""The grader run by an ordinary user: fewer layers, said so, and still a correct grade.

Runs only where this test can become an unprivileged user (it runs as root, `setpriv` exists)
and that user can read a matching system Python, the installed packages and this checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYTHON = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
SCRIPT = """
import json, sys
from pathlib import Path
from grader import engine, submission
from grader.sandbox import Limits, Sandbox
sys.path.insert(0, sys.argv[1])
from conftest import HIDDEN, SUBMISSIONS, TINY, TINY_COURSE
checks = engine.collect(TINY_COURSE)
with Sandbox(limits=Limits(probe_timeout=1.0, import_timeout=1.5)) as box:
    out = {"layers": box.layers}
    for name in ("passing", "hang", "import_exit"):
        result = engine.grade(submission.load(SUBMISSIONS / name, TINY), sandbox_=box,
                              checks=checks, katas=TINY)
        out[name] = [result.score, [k.status for k in result.katas]]
print(json.dumps(out))
"""


def as_nobody(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp",
           "PYTHONPATH": f"{sysconfig.get_paths()['purelib']}:{ROOT}"}
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           PYTHON, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def nobody() -> None:
    if os.getuid() != 0 or shutil.which("setpriv") is None or not Path(PYTHON).exists():
        pytest.skip("needs root, setpriv and a system Python of this version")
    probe = as_nobody("-c", "import grader.engine, rich, pytest")
    if probe.returncode != 0:
        pytest.skip(f"an unprivileged user cannot import the grader here: {probe.stderr[-200:]}")


def test_an_ordinary_user_gets_fewer_layers_and_the_same_grades(nobody):
    done = as_nobody("-c", SCRIPT, str(ROOT / "tests"))
    assert done.returncode == 0, done.stderr[-2000:]
    got = json.loads(done.stdout.splitlines()[-1])
    assert "unprivileged uid" not in got["layers"] and "cgroup per submission" not in got["layers"]
    assert got["layers"][:4] == ["resource limits", "private copy", "scrubbed environment",
                                 "process group"]
    assert got["passing"] == [5, ["passed", "passed"]]
    assert got["hang"] == [2, ["failed", "passed"]]
    assert got["import_exit"] == [1, ["error", "passed"]]
