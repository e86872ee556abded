"""``kata watch``: rounds rendered from hand-built results, and one real session in a thread."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from grader import watch
from conftest import BY_NAME, CATALOG, COURSE
from grader.errors import UsageError
from grader.results import KataResult, SubmissionResult
from grader.results import TestOutcome as Outcome  # a name pytest does not collect
from grader.submission import Submission

ROOT = Path(__file__).resolve().parent.parent
FIRST, SECOND = CATALOG[0], CATALOG[1]
DEADLINE = 20.0
STUB = "not implemented yet (the stub still raises NotImplementedError)"


def _outcome(kata: str, number: int, task: int, status: str, message: str = "") -> Outcome:
    return Outcome(id=f"{kata}::test_{number}", task=BY_NAME[kata].tasks[task - 1].name,
                   description=f"check {number} of {kata} holds", status=status,
                   max_score=2.0, message=message, task_number=task)


def _kata(name: str, *statuses: str, message: str = "", error: str | None = None) -> KataResult:
    tests = tuple(_outcome(name, n, min(n, len(BY_NAME[name].tasks)), status,
                           "" if status == "passed" else message)
                  for n, status in enumerate(statuses, start=1))
    return KataResult(name, BY_NAME[name].title, tests, error=error,
                      position=BY_NAME[name].position, track=BY_NAME[name].track)


def _result(*katas: KataResult) -> SubmissionResult:
    return SubmissionResult("alice", katas)


def _render(result: SubmissionResult, **options: object) -> str:
    console = Console(file=io.StringIO(), width=80, color_system=None)
    watch.render_round(result, watch.current_kata(result), console, course=COURSE, **options)
    return console.file.getvalue()


def _flat(text: str) -> str:
    """Text with wrapping undone and markdown code marks dropped, for phrase searches."""
    return " ".join(text.replace("`", "").split())


# ---------------------------------------------------------------- rendering


def test_round_shows_progress_first_failure_and_its_first_hint() -> None:
    first = _kata(FIRST.name, "passed", "failed", "failed", message="got [1, 1]\nwanted [1]")
    result = _result(first, _kata(SECOND.name, "failed", message=STUB))
    out = _render(result)
    flat = _flat(out)
    assert "0/2 katas · 2/8 points" in flat
    assert f"editing katas/{FIRST.filename}" in flat
    assert f"{FIRST.name} — {FIRST.title} · 2/6 points" in flat
    assert "check 2 of copying holds" in flat and "got [1, 1] wanted [1]" in flat
    assert "check 3 of" not in flat  # only the first failing check
    task = FIRST.tasks[1]
    assert f"Task 2 · {task.name} — {task.summary}" in flat
    assert _flat(task.hints[0]) in flat
    assert _flat(task.hints[1]) not in flat  # no climbing: `kata hint` gives more
    assert f"kata hint {FIRST.name}" in flat


def test_round_moves_to_the_next_kata_when_the_current_one_passes() -> None:
    result = _result(_kata(FIRST.name, "passed", "passed"),
                     _kata(SECOND.name, "failed", message=STUB))
    flat = _flat(_render(result, previous=FIRST.name, saved=(FIRST.name,)))
    assert f"✓ {FIRST.name} passed — 4/4 points. On to {SECOND.name}." in flat
    assert f"editing katas/{SECOND.filename}" in flat
    assert f"{SECOND.name} — {SECOND.title}" in flat and STUB in flat
    assert _flat(SECOND.tasks[0].hints[0]) in flat


def test_round_without_a_change_of_kata_does_not_congratulate() -> None:
    result = _result(_kata(FIRST.name, "passed", "failed"), _kata(SECOND.name, "failed"))
    assert "passed —" not in _render(result, previous=FIRST.name, saved=(FIRST.name,))


def test_a_saved_kata_other_than_the_current_one_gets_one_line() -> None:
    result = _result(_kata(FIRST.name, "failed"), _kata(SECOND.name, "passed", "failed"))
    flat = _flat(_render(result, previous=FIRST.name, saved=(SECOND.name,)))
    assert f"{SECOND.name}.py saved: 2/4 points" in flat
    result = _result(_kata(FIRST.name, "failed"), _kata(SECOND.name, "passed"))
    flat = _flat(_render(result, previous=FIRST.name, saved=(SECOND.name,)))
    assert f"✓ {SECOND.name} passes too — 2/2 points" in flat
    assert f"editing katas/{FIRST.filename}" in flat


def test_everything_passed_is_said_once_and_watching_goes_on() -> None:
    result = _result(_kata(FIRST.name, "passed"), _kata(SECOND.name, "passed"))
    assert watch.current_kata(result) is None
    flat = _flat(_render(result, previous=SECOND.name))
    assert f"✓ {SECOND.name} passed — 2/2 points." in flat
    assert "Every kata passes — 4/4 points" in flat and "Still watching" in flat
    assert "Hint" not in flat


def test_an_import_error_is_one_line_and_no_hint() -> None:
    error = f"{FIRST.filename} line 12: SyntaxError: invalid syntax"
    broken = _kata(FIRST.name, "error", "error", message=f"not run: {error}", error=error)
    flat = _flat(_render(_result(broken, _kata(SECOND.name, "failed"))))
    assert f"✗ {error}" in flat
    assert "not run:" not in flat and "Hint" not in flat


def test_a_timeout_shows_its_status_and_message() -> None:
    result = _result(_kata(FIRST.name, "passed", "timeout", message="the probe ran over 3 s"))
    flat = _flat(_render(result))
    assert "check 2 of copying holds (timeout)" in flat and "the probe ran over 3 s" in flat


def test_the_current_kata_follows_catalog_order_not_result_order() -> None:
    result = _result(_kata(SECOND.name, "failed"), _kata(FIRST.name, "failed"))
    assert watch.current_kata(result) == FIRST.name


# ---------------------------------------------------------------- usage


def test_missing_folder_or_a_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such folder"):
        watch.run(course=COURSE, path=tmp_path / "nowhere")
    (tmp_path / "work.zip").write_bytes(b"")
    with pytest.raises(UsageError, match="needs a folder"):
        watch.run(course=COURSE, path=tmp_path / "work.zip")
    with pytest.raises(UsageError, match="no kata modules"):
        watch.run(course=COURSE, path=tmp_path)


def test_parser_keeps_the_global_path_unless_given() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", type=Path, default=Path("katas"))
    watch.add_parser(parser.add_subparsers(dest="command"))
    assert parser.parse_args(["watch"]).path == Path("katas")
    assert parser.parse_args(["watch", "--path", "mine"]).path == Path("mine")


# ---------------------------------------------------------------- a real session


def _save(target: Path, content: str) -> None:
    """Save like an editor that writes a temporary file and renames it over the original."""
    temporary = target.with_name(f".{target.name}.swp-tmp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, target)


def _wait(output: io.StringIO, done: Callable[[str], bool], what: str) -> str:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        # The latest round only: what follows the last separating rule.
        latest = _flat(output.getvalue().rsplit("─" * 20, 1)[-1])
        if done(latest):
            return latest
        time.sleep(0.02)
    raise AssertionError(f"no round showed {what}; output so far:\n{output.getvalue()}")


def test_watch_session_grades_each_save_and_moves_on(tmp_path: Path) -> None:
    folder = tmp_path / "katas"
    shutil.copytree(ROOT / "katas", folder)
    output, stop = io.StringIO(), threading.Event()
    status: list[int] = []
    console = Console(file=output, width=80, color_system=None)
    thread = threading.Thread(
        target=lambda: status.append(watch.run(course=COURSE, path=folder, console=console, stop=stop)),
        daemon=True)
    thread.start()
    try:
        latest = _wait(output, lambda text: "pykata watch" in text and "Hint" in text,
                       "the first round")
        assert f"editing {folder / FIRST.filename}" in latest and f"0/{len(CATALOG)} katas" in latest

        _save(folder / FIRST.filename, (ROOT / "solutions" / FIRST.filename).read_text())
        latest = _wait(output, lambda text: f"{FIRST.name} passed" in text, f"{FIRST.name} passed")
        assert f"On to {SECOND.name}" in latest
        assert f"editing {folder / SECOND.filename}" in latest
        assert f"{SECOND.name} — {_flat(SECOND.title)}" in latest

        _save(folder / SECOND.filename, "def add_item(item, items=None:\n    pass\n")
        latest = _wait(output, lambda text: "SyntaxError" in text, "the syntax error")
        assert f"✗ {SECOND.filename} line 1: SyntaxError" in latest
    finally:
        stop.set()
        thread.join(timeout=DEADLINE)
    assert not thread.is_alive()
    assert status == [0]


def test_only_changed_katas_are_graded_again_unless_a_helper_module_changed() -> None:
    def folder(**files: bytes) -> Submission:
        return Submission("alice", {FIRST.filename: b"a", SECOND.filename: b"b", **files})

    assert watch._changed(None, folder(), CATALOG) == (CATALOG, ())
    assert watch._changed(folder(), folder(), CATALOG) == ((), ())
    edited = folder(**{SECOND.filename: b"b2"})
    assert watch._changed(folder(), edited, CATALOG) == ((SECOND,), (SECOND.name,))
    assert watch._changed(folder(), folder(**{"helper.py": b"x"}), CATALOG) == (CATALOG, ())
