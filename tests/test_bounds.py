"""Bounds per submission: time, integrity findings, feedback that shows no expected values."""

from __future__ import annotations

import time
from pathlib import Path

from grader import engine, submission
from grader.integrity import MAX_PER_RULE, scan
from grader.sandbox import Limits, Sandbox

from tests.conftest import HIDDEN, TINY

OTHER = "def double(x):\n    return 2 * x\n"


def test_integrity_findings_are_capped_per_rule():
    source = "import os\n" + "os._exit(0)\n" * 40_000
    findings = scan("tiny", source.encode())
    exits = [f for f in findings if f.rule == "process-exit"]
    assert len(exits) == MAX_PER_RULE + 1
    assert exits[-1].message == f"... and {40_000 - MAX_PER_RULE:,} more like these."


def test_a_submission_that_re_imports_slowly_stops_at_its_wall_clock_limit(tiny_checks, tmp_path):
    """Slow to import and exiting in every function: each check would re-import it."""
    (tmp_path / "tiny.py").write_text(
        "import os, time\ntime.sleep(0.4)\n\ndef add(a, b):\n    os._exit(0)\n\n"
        "def greet(name):\n    os._exit(0)\n")
    (tmp_path / "other.py").write_text(OTHER)
    limits = Limits(probe_timeout=1.0, import_timeout=1.5, submission_s=1.0)
    start = time.monotonic()
    with Sandbox(limits=limits) as box:
        result = engine.grade(submission.load(tmp_path, TINY), sandbox_=box, checks=tiny_checks,
                              katas=TINY)
    assert time.monotonic() - start < 4
    statuses = [t.status for kata in result.katas for t in kata.tests]
    assert statuses[-1] == "timeout"
    assert result.katas[-1].tests[-1].message == f"not run: {engine.OUT_OF_TIME}"
    assert result.score == 0


def test_brief_feedback_shows_the_authors_message_and_never_a_diff(tiny_checks, box, tmp_path):
    (tmp_path / "tiny.py").write_text("def add(a, b):\n    return a * 1000 + b\n\n"
                                      "def greet(name):\n    return name\n")
    (tmp_path / "other.py").write_text(OTHER)
    found = submission.load(tmp_path, TINY)
    full = engine.grade(found, sandbox_=box, checks=tiny_checks, katas=TINY)
    brief = engine.grade(found, sandbox_=box, checks=tiny_checks, katas=TINY, feedback="brief")
    full_messages = {t.id: t.message for t in full.katas[0].tests}
    brief_messages = {t.id: t.message for t in brief.katas[0].tests}
    # test_add_small has a bare assert: full feedback shows pytest's comparison, brief nothing
    assert "2003" in full_messages["tiny::test_add_small"]
    assert brief_messages["tiny::test_add_small"] == ""
    # test_add_negative has the author's message: both show it, brief without the diff
    assert brief_messages["tiny::test_add_negative"] == "negative numbers go wrong"
    assert "-5" not in brief_messages["tiny::test_add_negative"]
    assert all("hello, ada" not in message for message in brief_messages.values())


# -------------------------------------------------------- what one learner process can reach

import os  # noqa: E402

import pytest  # noqa: E402

ROOT_ONLY = pytest.mark.skipif(os.getuid() != 0, reason="namespaces and mounts need root")
LAYERS = ["bubblewrap", "unshare", "basic"]

FILLER = b"""
import os

def fill(count, size):
    made = written = 0
    try:
        for i in range(count):
            with open(f"f{i}.bin", "wb") as handle:
                made += 1
                for _ in range(size // 65536):
                    handle.write(b"x" * 65536)
                    written += 65536
    except OSError:
        pass
    return made, written
"""

MEETING = b"""
import os, socket
KEEP = []

def host():
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind("\\0pykata-meeting")
    server.listen(1)
    KEEP.append(server)
    try:
        with open("/tmp/pykata-meeting.txt", "w") as handle:
            handle.write("the answers")
        os.chmod("/tmp/pykata-meeting.txt", 0o644)
    except OSError:
        pass
    return "hosting"

def visit():
    seen = []
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect("\\0pykata-meeting")
        seen.append("socket")
    except OSError:
        pass
    try:
        with open("/tmp/pykata-meeting.txt") as handle:
            seen.append(handle.read())
    except OSError:
        pass
    return seen
"""


def probe_fill(m, count, size):
    return list(m.fill(count, size))


def probe_call(m, name):
    return getattr(m, name)()


@pytest.fixture(scope="module", params=LAYERS)
def layer_box(request):
    with Sandbox(limits=Limits(probe_timeout=20.0), isolation=request.param) as box:
        yield box


@ROOT_ONLY
def test_the_private_copy_is_bounded_in_bytes_and_files(layer_box):
    assert any("tmpfs" in layer for layer in layer_box.layers), layer_box.layers
    limits = layer_box.limits
    with layer_box.workspace({"filler.py": FILLER}) as space, space.learner("filler") as process:
        made, written = process.run(probe_fill, 64, 8 << 20)  # 512 MiB asked for
        assert written <= limits.disk_mb << 20
        many, _ = process.run(probe_fill, 30_000, 0)  # 30,000 empty files asked for
        assert many <= limits.disk_files


@ROOT_ONLY
def test_two_submissions_share_no_socket_and_no_file(layer_box):
    assert any("own network" in layer for layer in layer_box.layers), layer_box.layers
    with layer_box.workspace({"meeting.py": MEETING}) as one, one.learner("meeting") as host, \
            layer_box.workspace({"meeting.py": MEETING}) as two, two.learner("meeting") as guest:
        assert host.run(probe_call, "host") == "hosting"
        assert guest.run(probe_call, "visit") == []


def test_batch_brief_feedback_leaves_no_expected_value_in_the_feedback(tmp_path):
    """kata batch --feedback brief: the learner's feedback file has no pytest comparison."""
    from grader import cli

    learner = tmp_path / "class" / "ann"
    learner.mkdir(parents=True)
    root = Path(__file__).resolve().parents[1]
    (learner / "copying.py").write_text(
        (root / "solutions" / "copying.py").read_text().replace(
            'return "alias"', 'return "same"'))
    code = cli.main(["batch", str(tmp_path / "class"), "--out", str(tmp_path / "out"),
                     "--feedback", "brief"])
    assert code in (0, 1)
    feedback = (tmp_path / "out" / "feedback" / "ann.md").read_text()
    assert "relation" in feedback
    assert "assert " not in feedback
