"""The engine against the fake mini-catalog: scores, statuses and messages a learner sees."""

from __future__ import annotations

import os

import pytest

from grader import submission
from grader.sandbox import Sandbox
from tests.conftest import FAST, SUBMISSIONS as SUBMISSIONS_DIR, TINY


def statuses(result, kata="tiny"):
    return {t.id.split("::")[1]: t.status for t in next(k for k in result.katas if k.name == kata).tests}


def test_passing_submission_scores_full(grade_fixture):
    result = grade_fixture("passing")
    assert (result.score, result.max_score) == (5, 5)
    assert result.passed
    assert [k.status for k in result.katas] == ["passed", "passed"]


def test_a_bubblewrap_that_fails_here_gives_the_next_layer_down(grade_fixture, tmp_path,
                                                                monkeypatch):
    """Whether bubblewrap works is tried while its zygote starts; where it fails, no learner
    code runs under that zygote, and the grade comes from the next layer down."""
    fake = tmp_path / "bin" / "bwrap"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    with Sandbox(limits=FAST) as weaker:
        result = grade_fixture("passing", weaker)
        assert weaker.forbidden, "without a private file system the audit hook guards our files"
    assert (result.score, result.max_score) == (5, 5)
    assert "resource limits" in result.isolation
    assert not any("bubblewrap" in layer for layer in result.isolation)


def test_failing_checks_lose_their_points_only(grade_fixture):
    result = grade_fixture("failing")
    tiny = result.katas[0]
    assert statuses(result) == {"test_add_small": "passed", "test_add_negative": "failed",
                                "test_greet": "failed"}
    assert tiny.score == 1 and tiny.max_score == 4
    negative = tiny.tests[1]
    assert negative.message.startswith("negative numbers go wrong")
    assert negative.description == "add works with negative numbers."
    assert negative.task == "add" and tiny.tests[2].task == "greet"


def test_stub_scores_zero_and_says_not_implemented(grade_fixture):
    tiny = grade_fixture("stub").katas[0]
    assert tiny.score == 0 and tiny.status == "failed"
    assert "not implemented yet" in tiny.tests[0].message


def test_hang_is_a_timeout_and_the_rest_still_runs(grade_fixture):
    result = grade_fixture("hang")
    assert statuses(result) == {"test_add_small": "timeout", "test_add_negative": "timeout",
                                "test_greet": "passed"}
    message = result.katas[0].tests[0].message
    assert "1 s limit" in message and "endless loop" in message
    assert result.katas[1].status == "passed"


def test_exit_in_checked_function_is_a_crash_and_a_fresh_process_serves_the_rest(grade_fixture):
    result = grade_fixture("exits")
    assert statuses(result) == {"test_add_small": "crashed", "test_add_negative": "crashed",
                                "test_greet": "passed"}
    assert "ended abruptly" in result.katas[0].tests[0].message


@pytest.mark.parametrize("name, expected", [
    ("syntax", "tiny.py line 1: SyntaxError: expected ':'"),
    ("import_exit", "tiny.py line 2: SystemExit: bye"),
    ("import_raise", "tiny.py line 2: ValueError: broken at import"),
    ("import_hang", "importing tiny.py did not finish within 1.5 s"),
])
def test_import_failure_is_one_clear_error_and_other_katas_grade(grade_fixture, name, expected):
    result = grade_fixture(name)
    tiny, other = result.katas
    assert tiny.status == "error" and tiny.score == 0
    assert tiny.error.startswith(expected)
    assert all(test.status == "error" for test in tiny.tests)
    assert other.status == "passed" and other.score == 1


def test_object_that_lies_about_equality_is_refused(grade_fixture):
    result = grade_fixture("wrong_type")
    assert statuses(result)["test_add_small"] == "failed"
    assert "plain data" in result.katas[0].tests[0].message


def test_missing_kata_file_is_an_error_for_that_kata(grade_fixture, tmp_path):
    (tmp_path / "other.py").write_text("def double(x):\n    return x * 2\n")
    result = grade_fixture(tmp_path)
    assert result.katas[0].error == "tiny.py is missing from the submission"
    assert result.katas[1].status == "passed"


def test_symlinked_kata_file_is_refused(grade_fixture, tmp_path):
    (tmp_path / "real.txt").write_text("def add(a, b):\n    return a + b\n")
    (tmp_path / "tiny.py").symlink_to(tmp_path / "real.txt")
    result = grade_fixture(tmp_path)
    assert result.katas[0].error == "tiny.py is a symbolic link; submit the file itself"


def probe_arg_types(m, *args):
    return [type(arg).__name__ for arg in args]


def test_probe_arguments_keep_their_exact_types(box):
    with box.workspace({"tiny.py": b"x = 1\n"}) as workspace, workspace.learner("tiny") as process:
        got = process.run(probe_arg_types, (1, 2), [3], {"k": (4,)}, None, 1.5, "s", True)
    assert got == ["tuple", "list", "dict", "NoneType", "float", "str", "bool"]



def probe_sizes(m, rows):
    return [len(row) for row in rows]


def test_a_request_larger_than_the_channel_buffer_arrives_whole(box):
    """Probe arguments of a few MiB (a big matrix, a long text) are more than a socket takes at
    once: they go as the learner process reads them, and its answer comes back all the same."""
    rows = ["x" * 100_000, "y" * 1_500_000, "z" * 7]
    with box.workspace({"tiny.py": b"x = 1\n"}) as workspace, workspace.learner("tiny") as process:
        assert process.run(probe_sizes, rows) == [100_000, 1_500_000, 7]
        assert process.run(probe_sizes, ["ok"]) == [2]  # and the channel is still in step

def pid_in(message: str) -> int:
    return int(message.split("assert ")[1].split(" ")[0])


@pytest.mark.parametrize("flag, separate", [("", False), ("import signal\n", True)])
def test_a_flagged_kata_gets_a_learner_process_of_its_own(grade_fixture, tmp_path, flag, separate):
    """Clean katas share one learner process; a kata the scan flags is kept apart."""
    (tmp_path / "tiny.py").write_text(flag + "import os\n\ndef add(a, b):\n    return os.getpid()\n")
    (tmp_path / "other.py").write_text("import os\n\ndef double(x):\n    return os.getpid()\n")
    tiny, other = grade_fixture(tmp_path).katas
    assert (pid_in(tiny.tests[0].message) != pid_in(other.tests[0].message)) is separate


def test_odd_zips_are_read_safely(grade_fixture, tmp_path):
    """Paths that climb out, absolute paths and links inside a zip are never followed."""
    import stat
    import zipfile

    passing = SUBMISSIONS_DIR / "passing"
    archive = tmp_path / "learner.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(passing / "tiny.py", "learner/tiny.py")
        zf.writestr("../../escape.py", "print('out')\n")
        zf.writestr("/etc/evil.py", "print('abs')\n")
        link = zipfile.ZipInfo("learner/other.py")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    result = grade_fixture(archive)
    tiny, other = result.katas
    assert tiny.status == "passed"
    assert other.error == "other.py is a symbolic link; submit the file itself"
    assert not (tmp_path.parent / "escape.py").exists()


def test_a_corrupt_zip_is_one_clear_usage_error(tmp_path):
    from grader.errors import UsageError

    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UsageError, match="broken.zip: not a readable zip file"):
        submission.load(tmp_path / "broken.zip", TINY)


def test_a_failing_check_shows_what_the_learners_code_printed(grade_fixture, tmp_path):
    (tmp_path / "tiny.py").write_text(
        "def add(a, b):\n    print('debug:', a, b)\n    print('second line')\n    return a - b\n\n"
        "def greet(name):\n    print('greeting', name)\n    return f'hello, {name}'\n")
    (tmp_path / "other.py").write_text("def double(x):\n    return 2 * x\n")
    tiny = grade_fixture(tmp_path).katas[0]
    assert tiny.tests[0].message.endswith("(your code printed: 'debug: 2 3 ⏎ second line')")
    assert tiny.tests[2].status == "passed" and tiny.tests[2].message == ""


def test_one_file_is_judged_against_each_katas_own_tasks():
    """Whether a file defines a kata's tasks is remembered by the file's content (a class hands
    in many copies of one stub), and by the kata: the same bytes, with tasks of another name,
    are another answer."""
    from dataclasses import replace

    tiny = TINY[0]
    renamed = replace(tiny, tasks=tuple(replace(task, name=task.name + "_v2") for task in tiny.tasks))
    source = "".join(f"def {task.name}(*args):\n    raise NotImplementedError\n\n\n"
                     for task in tiny.tasks).encode()
    assert submission.taskless(tiny, source) is None
    assert "has none of the kata's tasks" in (submission.taskless(renamed, source) or "")
    assert submission.taskless(tiny, source) is None


def probe_double(m, x):
    return 2 * x


@pytest.mark.parametrize("python", ["this one", "another version"])
def test_preloaded_probes_reach_a_zygote_of_any_python(python, monkeypatch):
    """Probes go to the zygote compiled here (no zygote start compiles them); a zygote whose
    Python reads other bytecode refuses it, gets the sources instead, and runs them alike."""
    import importlib.util

    from grader.sandbox import Sandbox

    if python == "another version":
        monkeypatch.setattr(importlib.util, "MAGIC_NUMBER", b"\x00\x00\r\n")
    with Sandbox() as box:
        box.preload([probe_double, probe_arg_types])
        zygote = box._zygote
        assert (zygote._compiled is not None) == (python == "this one")
        assert len(zygote.preloaded) == 2  # both defined there, one way or the other
        with box.workspace({"tiny.py": b"x = 1\n"}) as workspace, \
                workspace.learner("tiny") as process:
            assert process.run(probe_double, 21) == 42
