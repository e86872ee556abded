"""The learner process cannot read its own memory, where the runtime keeps the nonce that
authenticates its frames: were it readable, a forged frame could claim any answer."""

from __future__ import annotations

import pytest

from grader import submission
from grader.course import Kata, Task


READER = '''
def add(a, b):
    """Read /proc/self/mem: the runtime's nonce is somewhere in there."""
    found = []
    for path in ("/proc/self/mem", "/proc/self/task/%d/mem" % __import__("os").getpid()):
        try:
            with open(path, "rb", buffering=0) as mem:
                maps = open("/proc/self/maps").read().split()
                start = int(maps[0].split("-")[0], 16)
                mem.seek(start)
                found.append(len(mem.read(4096)))
        except OSError as exc:
            found.append(type(exc).__name__)
    return found


def greet(name):
    return name
'''

TINY = Kata("tiny", "tiny", "t", "t", (Task("add", "Add.", ("a", "b")),
                                       Task("greet", "Greet.", ("a", "b"))))


def probe_read(m):
    return m.add(1, 2)


@pytest.mark.parametrize("layer", ["box", "unshare_box", "basic_box"])
def test_the_learner_process_cannot_read_its_own_memory(layer, request, tmp_path):
    box = request.getfixturevalue(layer)
    folder = tmp_path / "sub"
    folder.mkdir()
    (folder / "tiny.py").write_text(READER)
    found = submission.load(folder, [TINY], need_tasks=False)
    with box.workspace(found.files) as workspace, workspace.learner("tiny") as process:
        process.load("tiny")
        got = process.run(probe_read, timeout=5.0, module="tiny")
    assert all(not isinstance(item, int) for item in got), f"read its own memory: {got}"
