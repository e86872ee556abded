"""The learner's desk: every command through the real entry point, as a learner meets it.

In a pipe (``COLUMNS`` sets rich's width) and in a pseudo-terminal, at 80 and 60 columns,
with and without ``NO_COLOR``: what fits, what is said, where things are written.
"""

from __future__ import annotations

import re

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader import __version__
from conftest import BY_NAME, CATALOG, COURSE
from grader.course import to_toml
from learner import COLOURS, ESCAPES, ROOT, Terminal, environment, in_terminal, kata, plain, widest

FIRST = CATALOG[0]


def write_course(folder: Path) -> None:
    """``course.toml`` in ``folder``: this repository's course, with the learner's katas/."""
    folders = {"katas": "katas", "meta": str(COURSE.meta_dir), "hidden": str(COURSE.hidden_dir),
               "solutions": str(COURSE.solutions_dir)}
    (folder / "course.toml").write_text(to_toml(COURSE, CATALOG, folders=folders),
                                        encoding="utf-8")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course checkout as a learner has it: course.toml, the stubs in katas/, grader/."""
    shutil.copytree(ROOT / "katas", tmp_path / "katas")
    (tmp_path / "grader" / "deep").mkdir(parents=True)
    write_course(tmp_path)
    return tmp_path


@pytest.fixture
def solved(tmp_path: Path) -> Path:
    """A course whose katas/ holds the reference solutions: every check passes."""
    shutil.copytree(ROOT / "solutions", tmp_path / "katas")
    (tmp_path / "grader").mkdir()
    write_course(tmp_path)
    return tmp_path


def rows(screen: str) -> dict[str, list[str]]:
    """Each kata's table rows on the screen: the lines with its number, then its name."""
    lines = plain(screen).splitlines()
    return {kata.name: [line for line in lines if line.split()[:2] == [str(number), kata.name]]
            for number, kata in enumerate(CATALOG, start=1)}


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# ---------------------------------------------------------------- command-line conventions


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag: str) -> None:
    done = kata(flag)
    assert done.returncode == 0 and done.stdout.strip() == f"pykata {__version__}"


def test_options_stand_before_or_after_the_command_name() -> None:
    reports = []
    for args in (["check", FIRST.name, "--path", "solutions", "--format", "json"],
                 ["--path", "solutions", "check", FIRST.name, "--format", "json"],
                 ["--format=json", "--path", "solutions", "check", FIRST.name]):
        done = kata(*args)
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        reports.append([(k["name"], k["score"]) for k in report["katas"]])
    assert reports[0] == reports[1] == reports[2] == [(FIRST.name, reports[0][0][1])]


@pytest.mark.parametrize("where", ["katas", "grader", "grader/deep"])
def test_kata_finds_the_course_from_any_of_its_folders(course: Path, where: str) -> None:
    done = kata("check", FIRST.name, "--format", "json", cwd=course / where)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["submission"] == "katas" and report["score"] == 0
    assert report["katas"][0]["error"] is None  # the stub was found and graded
    hint = kata("hint", FIRST.name, "--task", "1", cwd=course / where)
    assert hint.returncode == 0, hint.stderr
    assert (course / "katas" / ".kata-state.json").is_file()


def test_outside_a_course_the_error_says_what_to_do(tmp_path: Path) -> None:
    done = kata(cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("kata: error: katas: no such folder; run kata inside")


def test_a_report_written_to_a_file_says_where(solved: Path) -> None:
    done = kata("check", FIRST.name, "--format", "junit", "--output", "out.xml", cwd=solved)
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr == "kata: wrote the junit report to out.xml\n"
    assert (solved / "out.xml").read_text().startswith("<?xml")
    text = kata("check", FIRST.name, "--output", "report.txt", cwd=solved)
    assert text.stderr == "kata: wrote the text report to report.txt\n"
    assert "Every check passes" in (solved / "report.txt").read_text()


def test_a_machine_format_on_a_terminal_goes_to_a_file_and_says_where(solved: Path) -> None:
    code, screen = in_terminal("check", FIRST.name, "--format", "json", cwd=solved)
    assert code == 0
    assert plain(screen).strip() == "kata: wrote the json report to kata-report.json"
    assert json.loads((solved / "kata-report.json").read_text())["schema"] == "kata-result/1"
    code, screen = in_terminal("check", FIRST.name, "--format", "json", "--output", "-",
                               cwd=solved)
    assert code == 0 and json.loads(plain(screen))["score"] > 0  # '-': on the screen after all


# ---------------------------------------------------------------- screens that fit


@pytest.mark.parametrize("columns, terminal", [(80, False), (60, True)],
                         ids=["pipe-80", "terminal-60-no-colour"])
def test_list_is_one_line_per_kata(course: Path, columns: int, terminal: bool) -> None:
    if terminal:
        code, screen = in_terminal("list", cwd=course / "katas", columns=columns, NO_COLOR="1")
        assert not COLOURS.search(screen)
    else:
        done = kata("list", cwd=course / "katas", columns=columns)
        code, screen = done.returncode, done.stdout
        assert not ESCAPES.search(screen)
    assert code == 0
    assert widest(screen) <= columns
    assert all(len(lines) == 1 for lines in rows(screen).values()), plain(screen)
    copying = rows(screen)[FIRST.name][0]
    assert "0/7" in copying.replace(" ", "") or f"0/{len(FIRST.tasks)}" in copying
    assert "not started" in copying
    assert (FIRST.topic in screen) == (columns >= 70)  # the topic when there is room for it


def commit(course: Path) -> None:
    git = ["git", "-C", str(course), "-c", "user.name=l", "-c", "user.email=l@x"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "katas"], check=True)
    subprocess.run([*git, "commit", "-qm", "stubs"], check=True)


def test_a_stub_as_committed_is_not_started_and_a_changed_one_is_in_progress(
        course: Path) -> None:
    commit(course)
    touched = FIRST  # one task answered (wrongly): the checks now fail without raising
    (course / "katas" / touched.filename).write_text(
        (ROOT / "katas" / touched.filename).read_text().replace(
            "    raise NotImplementedError", "    return None", 1))
    screen = kata("list", cwd=course).stdout
    states = {name: lines[0].split()[-1] for name, lines in rows(screen).items()}
    assert states[touched.name] == "failed"  # touched: the checks say how it goes
    assert {state for name, state in states.items() if name != touched.name} == {"started"}


@pytest.mark.parametrize("columns", [80, 60])
def test_overview_shows_progress_and_the_next_kata_as_path_and_line(
        course: Path, columns: int) -> None:
    done = kata(cwd=course / "katas", columns=columns)
    assert done.returncode == 0, done.stderr
    screen = done.stdout
    assert widest(screen) <= columns and not ESCAPES.search(screen)
    assert f"0 of {len(CATALOG)} katas done" in screen
    assert any(line.startswith("░") and line.endswith(" 0%") for line in screen.splitlines())
    assert all(len(lines) == 1 for lines in rows(screen).values())
    assert f"0/{len(FIRST.tasks)}" in rows(screen)[FIRST.name][0]
    first_task = line_of(course / "katas" / FIRST.filename, f"def {FIRST.tasks[0].name}(")
    assert f"Next: {FIRST.name}" in screen
    assert f"{FIRST.filename}:{first_task} · Task 1 · {FIRST.tasks[0].name}" in screen


def test_overview_in_a_terminal_links_the_next_kata(course: Path) -> None:
    code, screen = in_terminal(cwd=course, columns=60)
    assert code == 0 and widest(screen) <= 60
    assert re.search(r"\x1b\[[0-9;]*m", screen)  # styled on a terminal (all dim: nothing done)
    link = (course / "katas" / FIRST.filename).resolve().as_uri()
    assert f"\x1b]8;id=" in screen and link in screen
    assert f"katas/{FIRST.filename}:" in plain(screen)


def test_overview_moves_on_to_the_first_kata_not_done(solved: Path) -> None:
    second = CATALOG[1]
    stub = (ROOT / "katas" / second.filename).read_text()
    (solved / "katas" / second.filename).write_text(stub)
    done = kata(cwd=solved)
    assert f"{len(CATALOG) - 1} of {len(CATALOG)} katas done" in done.stdout
    assert f"Next: {second.name}" in done.stdout
    assert f"katas/{second.filename}:" in done.stdout


def test_check_of_every_kata_folds_each_kata_to_a_few_tasks(course: Path) -> None:
    source = (ROOT / "solutions" / FIRST.filename).read_text()
    broken = source.replace("return ", "return 0 and ")  # every task answers, wrongly
    (course / "katas" / FIRST.filename).write_text(broken)
    done = kata("check", cwd=course, columns=80)
    assert done.returncode == 1
    section = done.stdout.split(f"\n{FIRST.name} — ")[1].split("\n\n")[0]
    assert section.count("Task ") <= 3 and f"more tasks to do: kata check {FIRST.name}" in section
    alone = kata("check", FIRST.name, cwd=course, columns=80)
    assert alone.stdout.count("Task ") > 3 and "more tasks to do" not in alone.stdout


# ---------------------------------------------------------------- messages for the learner


@pytest.mark.parametrize("content, said", [
    ("", f"{FIRST.filename} is empty; `kata reset {FIRST.name}` brings the stub back"),
    ('"""My notes."""\nLIMIT = 3\n\ndef helper():\n    return 1\n',
     f"{FIRST.filename} has none of the kata's tasks"),
])
def test_an_empty_or_taskless_file_is_one_line(course: Path, content: str, said: str) -> None:
    (course / "katas" / FIRST.filename).write_text(content)
    done = kata("check", FIRST.name, cwd=course)
    assert done.returncode == 1
    flat = " ".join(done.stdout.split())
    assert flat.count(said) == 1 and "AttributeError" not in done.stdout
    # one line for the kata, the table, the next step and the sandbox's layers (three lines
    # at 80 columns since each learner process has its own network and tmpfs)
    assert len(done.stdout.splitlines()) < 16, done.stdout


def test_a_syntax_error_shows_no_teacher_notes_but_json_keeps_them(course: Path) -> None:
    (course / "katas" / FIRST.filename).write_text("def relation(a, b)\n    return 'alias'\n")
    done = kata("check", FIRST.name, cwd=course)
    assert f"{FIRST.filename} line 1: SyntaxError" in done.stdout
    assert "Integrity" not in done.stdout and "teacher" not in done.stdout
    assert "unparsable" not in done.stdout
    report = json.loads(kata("check", FIRST.name, "--format", "json", cwd=course).stdout)
    assert [f["rule"] for f in report["integrity"]] == ["unparsable"]


# ---------------------------------------------------------------- hints


def test_hints_are_kept_per_workspace_reported_and_cost_nothing_by_default(solved: Path) -> None:
    for _ in range(2):
        done = kata("hint", FIRST.name, "--task", "2", cwd=solved)
        assert done.returncode == 0
    assert "Hint 2/" in done.stdout
    assert "remembered in katas/.kata-state.json" in " ".join(done.stdout.split())
    report = json.loads(kata("check", FIRST.name, "--format", "json", cwd=solved).stdout)
    (graded,) = report["katas"]
    assert graded["hints"] == {FIRST.tasks[1].name: 2}
    assert graded["hint_deduction"] == 0 and report["score"] == report["max_score"]
    task_points = sum(t["max_score"] for t in graded["tests"] if t["task"] == FIRST.tasks[1].name)
    charged = json.loads(kata("check", FIRST.name, "--format", "json", "--hint-penalty", "0.2",
                              cwd=solved).stdout)
    assert charged["katas"][0]["hint_deduction"] == pytest.approx(0.4 * task_points)
    assert charged["score"] == pytest.approx(report["max_score"] - 0.4 * task_points)
    # another workspace has its own hints
    shutil.copytree(solved / "katas", solved / "other", ignore=shutil.ignore_patterns(".*"))
    fresh = json.loads(kata("check", FIRST.name, "--path", "other", "--format", "json",
                            cwd=solved).stdout)
    assert fresh["katas"][0]["hints"] == {}


def test_a_hint_penalty_outside_0_to_1_is_refused() -> None:
    done = kata("check", FIRST.name, "--path", "solutions", "--hint-penalty", "2")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "--hint-penalty" in done.stderr and "from 0 to 1" in done.stderr


def test_each_notebook_keeps_its_own_hints(course: Path) -> None:
    for name in ("a.ipynb", "b.ipynb"):
        assert kata("notebook", FIRST.name, "--out", name, cwd=course).returncode == 0
    for _ in range(2):
        kata("hint", FIRST.name, "--task", "1", "--path", "a.ipynb", cwd=course)
    other = kata("hint", FIRST.name, "--task", "1", "--path", "b.ipynb", cwd=course)
    assert "Hint 1/" in other.stdout and "Hint 2/" not in other.stdout
    assert (course / ".a.ipynb.kata-state.json").is_file()
    report = json.loads(kata("check", FIRST.name, "--path", "a.ipynb", "--format", "json",
                             cwd=course).stdout)
    assert report["katas"][0]["hints"] == {FIRST.tasks[0].name: 2}


# ---------------------------------------------------------------- every command on a terminal


@pytest.mark.parametrize("columns, colour", [(80, True), (60, False)])
def test_hint_and_reset_on_a_terminal(course: Path, columns: int, colour: bool) -> None:
    commit(course)
    extra = {} if colour else {"NO_COLOR": "1"}
    code, screen = in_terminal("hint", FIRST.name, cwd=course, columns=columns, **extra)
    assert code == 0 and widest(screen) <= columns
    assert ESCAPES.search(screen) and not (COLOURS.search(screen) and not colour)
    assert "Hint 1/" in plain(screen)
    (course / "katas" / FIRST.filename).write_text("# my attempt\n")
    code, screen = in_terminal("reset", FIRST.name, cwd=course / "grader", columns=columns,
                               **extra)
    assert code == 0 and widest(screen) <= columns
    flat = " ".join(plain(screen).split())
    assert "saved as" in flat and "is back to the original stub" in flat
    assert (course / "katas" / FIRST.filename).read_text() == \
        (ROOT / "katas" / FIRST.filename).read_text()


@pytest.mark.parametrize("columns, colour", [(80, True), (60, False)])
def test_check_on_a_terminal_fits(course: Path, columns: int, colour: bool) -> None:
    extra = {} if colour else {"NO_COLOR": "1"}
    code, screen = in_terminal("check", FIRST.name, cwd=course, columns=columns, **extra)
    assert code == 1 and widest(screen) <= columns
    assert bool(COLOURS.search(screen)) == colour
    assert f"Next: {FIRST.name}" in plain(screen)


# ---------------------------------------------------------------- watch


def _solve_first(course: Path) -> float:
    shutil.copy(ROOT / "solutions" / FIRST.filename, course / "katas" / FIRST.filename)
    return time.monotonic()


@pytest.mark.parametrize("columns, colour", [(80, True), (60, False)])
def test_watch_in_a_terminal_redraws_on_save_and_stops_on_ctrl_c(
        course: Path, columns: int, colour: bool) -> None:
    extra = {} if colour else {"NO_COLOR": "1"}
    terminal = Terminal("watch", cwd=course / "katas", columns=columns, **extra)
    first = terminal.wait_for("every check:")
    task_line = line_of(course / "katas" / FIRST.filename, f"def {FIRST.tasks[0].name}(")
    assert f"editing {FIRST.filename}:{task_line}" in first and f"0/{len(CATALOG)} katas" in first
    _solve_first(course)
    terminal.wait_for(lambda screen: f"{FIRST.name} passed" in screen  # the round's last line
                      and "every check:" in screen.split(f"{FIRST.name} passed")[-1])
    terminal.type("\x03")
    assert terminal.finish() == 0
    screen = terminal.output.replace("^C", "")  # the terminal's echo of the key
    assert "Stopped watching." in plain(screen) and "Traceback" not in screen
    assert "\x1b[2J" in screen or "\x1b[H" in screen  # each round replaces the screen
    assert widest(screen) <= columns, [line for line in plain(screen).splitlines()
                                       if len(line) > columns]
    assert bool(COLOURS.search(screen)) == colour
    assert f"1/{len(CATALOG)} katas" in plain(screen)


def test_watch_through_a_pipe_adds_rounds_without_escapes(course: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "grader", "watch"], cwd=course,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=environment(COLUMNS="60"))
    try:
        deadline = time.monotonic() + 60
        lines: list[str] = []
        assert process.stdout is not None
        while not any("Hint:" in line for line in lines) and time.monotonic() < deadline:
            lines.append(process.stdout.readline())
        _solve_first(course)
        while not any(f"{FIRST.name} passed" in line for line in lines) \
                and time.monotonic() < deadline:
            lines.append(process.stdout.readline())
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    screen = "".join(lines) + out
    assert process.returncode == 0, err
    assert not ESCAPES.search(screen) and "Stopped watching." in screen
    assert "─" * 20 in screen  # rounds are separated by a rule, not a cleared screen
    assert widest(screen) <= 60
