"""A teacher's own course: ``kata dev new`` writes one, ``kata dev check`` proves it (naming
each broken file), and ``kata`` grades it from inside and from elsewhere with ``--course``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import course, devcheck

ROOT = Path(__file__).resolve().parents[1]


def kata(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=180,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"})


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("teacher") / "my-course"
    done = kata("dev", "new", str(folder), cwd=folder.parent)
    assert done.returncode == 0, done.stderr
    assert "kata dev check" in done.stdout
    return folder


@pytest.fixture
def course_copy(scaffolded: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(scaffolded, tmp_path / "course"))


def findings(folder: Path) -> list[str]:
    return [str(finding) for finding in devcheck.check(folder)]


def test_a_new_course_passes_dev_check_from_inside_it(scaffolded):
    done = kata("dev", "check", cwd=scaffolded / "katas")  # found upwards, like git
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "dev check: the course passes every gate"


def test_a_new_course_is_graded_from_inside_it_and_from_elsewhere(scaffolded, tmp_path):
    inside = kata("check", "--path", "solutions", "--format", "json", cwd=scaffolded)
    assert inside.returncode == 0, inside.stderr
    report = json.loads(inside.stdout)
    assert report["score"] == report["max_score"] == 7
    [greetings] = report["katas"]
    assert (greetings["name"], greetings["track"], greetings["position"]) == ("greetings",
                                                                             "basics", 1)
    assert [test["task_number"] for test in greetings["tests"]] == [1, 1, 1, 2, 2, 2]
    elsewhere = kata("--course", str(scaffolded), "check", "--path",
                     str(scaffolded / "katas"), cwd=tmp_path)
    assert elsewhere.returncode == 1 and "greetings" in elsewhere.stdout
    listing = kata("list", cwd=scaffolded)
    assert "My course" in listing.stdout and "greetings" in listing.stdout
    assert "copying" not in listing.stdout  # nothing of pykata's own course


def test_a_class_of_the_new_course_is_graded_with_batch_course(scaffolded, tmp_path):
    subs = tmp_path / "subs"
    shutil.copytree(scaffolded / "solutions", subs / "ada")
    shutil.copytree(scaffolded / "katas", subs / "bob")
    done = kata("batch", str(subs), "--out", str(tmp_path / "out"), "--course", str(scaffolded),
                cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    grades = (tmp_path / "out" / "grades.csv").read_text().splitlines()
    assert grades[0].startswith("submission,score,max_score,greetings,status")
    assert grades[1].startswith("ada,7,7,7,graded") and grades[2].startswith("bob,0,7,0,")


def test_a_one_kata_pack_lists_one_kata_and_checks_its_visible_checks(scaffolded, tmp_path):
    pack = tmp_path / "pack"
    done = kata("release", "--out", str(pack), "greetings", cwd=scaffolded)
    assert done.returncode == 0, done.stderr
    listing = kata("list", cwd=pack)
    assert listing.returncode == 0 and "greetings" in listing.stdout
    assert re.search(r"greetings .* 7 ", listing.stdout)  # every check's points
    checked = kata("check", cwd=pack / "katas")
    assert checked.returncode == 1, checked.stderr
    flat = " ".join(checked.stdout.split())
    assert "Graded here: 1 visible check; your teacher's grading runs 5 more" in flat
    shutil.copyfile(scaffolded / "solutions" / "greetings.py", pack / "katas" / "greetings.py")
    assert kata("check", cwd=pack).returncode == 0
    assert not (pack / "solutions").exists() and not (pack / "wrong_answers").exists()
    assert kata("reset", "greetings", cwd=pack).returncode == 0
    assert (pack / "katas" / "greetings.py").read_text() == (
        scaffolded / "katas" / "greetings.py").read_text()


# ---------------------------------------------------------------- a broken course, named


def test_a_course_toml_that_does_not_parse_is_one_line(course_copy):
    (course_copy / "course.toml").write_text("title = \n")
    [line] = findings(course_copy)
    assert line.startswith("course.toml: not valid TOML")


def test_a_course_file_that_is_not_utf8_is_one_line(course_copy):
    (course_copy / "meta" / "greetings.toml").write_bytes(b'title = "\xff"\n')
    [line] = findings(course_copy)
    assert line == "meta/greetings.toml: not UTF-8 (byte 9); TOML files are UTF-8"
    done = kata("--course", str(course_copy), "list", cwd=course_copy.parent)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "not UTF-8" in done.stderr


def test_a_kata_listed_without_its_files_names_each_missing_file(course_copy):
    text = (course_copy / "course.toml").read_text()
    (course_copy / "course.toml").write_text(text.replace('katas = ["greetings"]',
                                                          'katas = ["greetings", "loops"]'))
    assert findings(course_copy) == [
        "meta/loops.toml: missing: every kata listed in course.toml needs its metadata file "
        "(title, topic, tasks and their hints)"]
    shutil.copyfile(course_copy / "meta" / "greetings.toml", course_copy / "meta" / "loops.toml")
    assert findings(course_copy) == [
        "katas/loops.py: missing: the stub of the kata loops (listed in course.toml)",
        "solutions/loops.py: missing: the solution of the kata loops (listed in course.toml)",
        "hidden/test_loops.py: missing: the hidden tests of the kata loops (listed in "
        "course.toml)"]


def test_files_of_an_unlisted_kata_are_named(course_copy):
    shutil.copyfile(course_copy / "katas" / "greetings.py", course_copy / "katas" / "extra.py")
    assert findings(course_copy) == [
        "katas/extra.py: the kata extra is not in any track of course.toml: list it there, "
        "or remove the file"]


def test_a_stub_that_scores_or_differs_from_the_solution_is_named(course_copy):
    stub = course_copy / "katas" / "greetings.py"
    stub.write_text(stub.read_text().replace('    """\n    raise NotImplementedError\n\n\ndef '
                                             'initials',
                                             '    """\n    return f"Hello, {name}{punctuation}"'
                                             '\n\n\ndef initials', 1)
                    + '\n\ndef shout(text: str) -> str:\n    """Upper case."""\n'
                      '    raise NotImplementedError\n')
    found = findings(course_copy)
    assert found[0] == ("katas/greetings.py: shout is public in the stub only: stub and "
                        "solution share their public API")
    assert found[1].startswith("katas/greetings.py: the stub scores 4, not 0: "
                               "greetings::test_greet_default")


def test_a_solution_branch_no_check_reaches_is_named(course_copy):
    solution = course_copy / "solutions" / "greetings.py"
    solution.write_text(solution.read_text().replace(
        '    return f"Hello, {name}{punctuation}"',
        '    if name == "root":\n        return "Hello, admin!"\n'
        '    return f"Hello, {name}{punctuation}"'))
    [line] = findings(course_copy)
    assert line.startswith("solutions/greetings.py: the hidden tests do not run all of it: ")
    assert line.endswith(", missing 9"), line  # the line that returns "Hello, admin!"


def test_a_wrong_answer_that_loses_other_checks_than_it_says_is_named(course_copy):
    entry = course_copy / "wrong_answers" / "greetings" / "split_on_one_space.mistake"
    entry.write_text(entry.read_text().replace("# loses: test_initials_extra_spaces, "
                                               "test_initials_blank",
                                               "# loses: test_initials_extra_spaces, "
                                               "test_initials_two_words"))
    assert findings(course_copy) == [
        "wrong_answers/greetings/split_on_one_space.mistake: also loses test_initials_blank; "
        "does not lose test_initials_two_words (a wrong answer loses exactly its listed checks)"]


def test_a_task_without_a_check_and_thin_hints_are_named(course_copy):
    meta = course_copy / "meta" / "greetings.toml"
    meta.write_text(meta.read_text() + '\n[[task]]\nname = "farewell"\nsummary = "Say bye"\n'
                                       'hints = ["Think."]\n'
                    .replace('visible = ["test_greet_default"]', 'visible = ["test_nope"]'))
    meta.write_text(meta.read_text().replace('visible = ["test_greet_default"]',
                                             'visible = ["test_nope"]'))
    assert findings(course_copy) == [
        "meta/greetings.toml: task 3 (farewell): the summary is one sentence, ending with a "
        "period",
        "meta/greetings.toml: task 3 (farewell): give at least two hints, from a nudge to a "
        "near-answer",
        "katas/greetings.py: task 3 (farewell) is not in the stub",
        "hidden/test_greetings.py: task 3 (farewell) has no check: mark one with @task(3)",
        "meta/greetings.toml: visible: test_nope is no check of test_greetings.py"]


def test_kata_dev_check_prints_each_finding_and_exits_1(course_copy):
    (course_copy / "solutions" / "greetings.py").unlink()
    done = kata("dev", "check", str(course_copy), cwd=course_copy.parent)
    assert done.returncode == 1
    assert ("solutions/greetings.py: missing: the solution of the kata greetings (listed in "
            "course.toml)") in done.stdout.splitlines()
    assert done.stdout.splitlines()[-1] == "dev check: 1 finding: the course does not pass"


def test_dev_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    done = kata("dev", "new", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2 and "is not empty" in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_course_is_found_like_git_finds_its_repository(scaffolded, tmp_path):
    assert course.find_root(scaffolded / "katas") == scaffolded
    assert course.discover(start=scaffolded / "hidden").title == "My course"
    assert course.discover(scaffolded, start=tmp_path).root == scaffolded
    done = kata("--course", str(tmp_path / "nowhere"), "list", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("kata: error: ") and \
        "no such folder" in done.stderr


def test_watch_in_a_pack_grades_the_visible_checks(scaffolded, tmp_path):
    import io
    import threading
    import time

    from rich.console import Console

    from grader import watch

    pack = tmp_path / "pack"
    assert kata("release", "--out", str(pack), cwd=scaffolded).returncode == 0
    output, stop = io.StringIO(), threading.Event()
    console = Console(file=output, width=100, color_system=None)
    thread = threading.Thread(target=watch.run, daemon=True, kwargs=dict(
        course=course.load(pack), path=pack / "katas", console=console, stop=stop,
        debounce_ms=50))
    thread.start()
    try:
        deadline = time.monotonic() + 60
        # A round is printed a line at a time; "every check: kata check ..." ends it.
        while "every check:" not in output.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
        shown = output.getvalue()
        assert "0/1 katas · 0/1 points" in shown  # one visible check of 1 point
        assert "greet(\"Ada\") is \"Hello, Ada!\"." in shown
    finally:
        stop.set()
        thread.join(timeout=30)
