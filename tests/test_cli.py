"""The command line through its real entry point, as a learner types it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import COURSE

ROOT = Path(__file__).resolve().parents[1]


def kata(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=240, env={"PATH": "/usr/bin:/bin", "COLUMNS": "100",
                                                       "PYTHONPATH": str(ROOT)})


def test_solutions_score_full_marks_and_exit_0():
    done = kata("check", "--path", "solutions", "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["schema"] == "kata-result/1"
    assert report["score"] == report["max_score"] > 0


def test_shipped_stubs_score_zero_and_exit_1():
    done = kata("check")
    assert done.returncode == 1, done.stderr
    assert "0/" in done.stdout and "Next" in done.stdout


@pytest.mark.parametrize("args, message", [
    (("check", "--path", "nowhere"), "kata: error: nowhere: no such file or folder"),
    (("check", "no_such_kata"), "kata: error: unknown kata 'no_such_kata'"),
    (("check", "copyng"), "did you mean 'copying'?"),
    (("hint", "copying", "--task", "99"), "copying has tasks 1 to"),
])
def test_bad_usage_is_one_line_on_stderr_and_exit_2(args, message):
    done = kata(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_check_one_kata_writes_the_requested_format_to_a_file(tmp_path):
    out = tmp_path / "report.xml"
    done = kata("check", "copying", "--path", "solutions", "--format", "junit", "--output", str(out))
    assert done.returncode == 0 and done.stdout == ""
    assert out.read_text().startswith("<?xml")


def test_hints_climb_one_level_per_ask(tmp_path):
    shutil.copytree(ROOT / "katas", tmp_path / "katas")
    first = kata("hint", "copying", "--task", "2", cwd=tmp_path)
    second = kata("hint", "copying", "--task", "2", cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert "Hint 1/3" in first.stdout and "Hint 2/3" not in first.stdout
    assert "Hint 2/3" in second.stdout


def test_hint_without_task_picks_the_first_failing_task(tmp_path):
    shutil.copytree(ROOT / "solutions", tmp_path / "katas")
    source = (tmp_path / "katas" / "copying.py").read_text()
    broken = source.replace("return [[fill] * cols for _ in range(rows)]", "return [[fill] * cols] * rows")
    (tmp_path / "katas" / "copying.py").write_text(broken)
    done = kata("hint", "copying", cwd=tmp_path)
    assert "task 2: make_grid" in done.stdout


def test_reset_restores_the_committed_stub_and_keeps_a_backup(tmp_path):
    shutil.copytree(ROOT / "katas", tmp_path / "katas")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=l", "-c", "user.email=l@x"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "katas"], check=True)
    subprocess.run([*git, "commit", "-qm", "stubs"], check=True)
    (tmp_path / "katas" / "copying.py").write_text("# my attempt\n")
    done = kata("reset", "copying", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "katas" / "copying.py").read_text() == (ROOT / "katas" / "copying.py").read_text()
    backups = list((tmp_path / "katas" / ".kata-backup").glob("copying-*.py"))
    assert [b.read_text() for b in backups] == ["# my attempt\n"]
    assert "saved as" in done.stdout


def test_reset_without_an_original_says_what_to_do(tmp_path):
    (tmp_path / "katas").mkdir()
    done = kata("reset", "copying", cwd=tmp_path)
    assert done.returncode == 2
    assert "cannot find the original copying.py" in done.stderr


def test_reset_prefers_the_stubs_the_course_keeps_as_shipped(tmp_path):
    import dataclasses

    from grader import commands

    packaged = tmp_path / "_stubs"
    packaged.mkdir()
    (packaged / "copying.py").write_text("# packaged stub\n")
    (tmp_path / "katas").mkdir()
    (tmp_path / "katas" / "copying.py").write_text("# mine\n")
    course = dataclasses.replace(COURSE, pristine_dir=packaged)
    assert commands.reset(path=tmp_path / "katas", course=course, name="copying") == 0
    assert (tmp_path / "katas" / "copying.py").read_text() == "# packaged stub\n"


def test_overview_names_the_next_kata_and_exits_0():
    done = kata()
    assert done.returncode == 0
    assert "Next: copying" in done.stdout and "kata hint copying" in done.stdout


def test_a_hostile_kata_file_cannot_break_the_report(tmp_path):
    (tmp_path / "copying.py").write_text(
        "import os, sys\nfor fd in (1, 2):\n    os.write(fd, b'{\"score\": 100}\\n')\n"
        "if os.fork() == 0:\n    while True:\n        pass\nos._exit(0)\n")
    done = kata("check", "--path", str(tmp_path), "--format", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    kata_result = report["katas"][0]
    assert kata_result["status"] == "error" and report["score"] == 0
    assert "ended the process" in kata_result["error"]
    assert {f["rule"] for f in report["integrity"]} >= {"process-exit"}


@pytest.mark.parametrize("folder, code", [("solutions", 0), ("katas", 1)])
def test_course_authors_run_the_hidden_tests_with_plain_pytest(folder, code):
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "grader/hidden/test_copying.py", "--kata-path", folder],
                          cwd=ROOT, capture_output=True, text=True, timeout=240,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == code, done.stdout[-2000:]
    assert ("23 passed" if code == 0 else "23 failed") in done.stdout


def test_plain_pytest_reports_the_coverage_of_the_kata_modules():
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "grader/hidden/test_copying.py", "--kata-path", "solutions",
                           "--kata-coverage"], cwd=ROOT, capture_output=True, text=True,
                          timeout=240, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stdout[-2000:]
    assert "kata coverage (lines and branches): 100%" in done.stdout
    assert "solutions/copying.py" in done.stdout


@pytest.mark.parametrize("argv, parsed", [
    (["--path", "x", "list"], ["list", "--path", "x"]),
    (["--path", "list", "list"], ["list", "--path", "list"]),  # a folder named like a command
    (["--path=x", "-v", "check", "copying"], ["check", "--path=x", "-v", "copying"]),
    (["--task", "2", "hint", "copying"], ["hint", "--task", "2", "copying"]),
    (["-V", "--path", "x", "list"], ["-V", "list", "--path", "x"]),
    (["--path", "x"], ["--path", "x"]),  # no command: the overview
    (["list", "--path", "x"], ["list", "--path", "x"]),
])
def test_options_before_the_command_move_after_it(argv, parsed):
    from grader import cli

    parser, commands = cli._parser()
    assert cli.options_after_command(argv, parser, commands) == parsed


def test_the_katas_are_found_from_any_folder_of_the_course(tmp_path):
    import dataclasses

    from grader.cli import find_katas

    course = dataclasses.replace(COURSE, root=tmp_path, katas_dir=tmp_path / "katas")
    (tmp_path / "katas").mkdir()
    (tmp_path / "grader" / "hidden").mkdir(parents=True)
    assert find_katas(tmp_path, course) == Path("katas")
    assert find_katas(tmp_path / "katas", course) == Path(".")
    assert find_katas(tmp_path / "grader" / "hidden", course) == Path("../../katas")
    start = tmp_path / "grader" / "hidden"  # the path is relative to where kata runs
    assert (start / find_katas(start, course)).resolve() == (tmp_path / "katas").resolve()
    elsewhere = tmp_path.parent  # outside the course (found with --course, or installed)
    assert find_katas(elsewhere, course) == Path("katas")


def test_committed_work_that_is_not_the_stub_is_never_called_not_started():
    # solutions/ is committed in git, like a learner's own repository of work: what counts as
    # "the stub as shipped" is the course's stub, not the file's own committed version.
    done = kata("check", "copying", "--path", "solutions", "--format", "json")
    [copying] = json.loads(done.stdout)["katas"]
    assert copying["state"] == "passed"
    stubs = json.loads(kata("check", "copying", "--format", "json").stdout)["katas"][0]
    assert stubs["state"] == "not-started"
