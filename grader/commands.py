"""What each ``kata`` command does, as typed functions with keyword-only options.

Each returns the process exit status. Learner code runs only inside the engine's sandbox.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from grader import engine, hint_state, submission
from grader.course import Course, Kata
from grader.errors import UsageError
from grader.reporters import render as render_machine
from grader.reporters import text
from grader.results import KataResult, SubmissionResult

BACKUP_DIR: Final = ".kata-backup"
# Where a machine format goes when asked for on a terminal without --output.
REPORT_FILES: Final = {"json": "kata-report.json", "gradescope": "results.json",
                       "junit": "kata-report.xml"}
LIST_TOPIC_WIDTH: Final = 70  # narrower consoles list the katas without their topic
LIST_CHINESE_WIDTH: Final = 110  # ... and narrower than this without the Chinese topic
LIST_OTHER_COLUMNS: Final = 57  # what the list needs besides its topic columns


def _console() -> Console:
    return Console(highlight=False)


def shown(path: Path) -> str:
    """``path`` as a learner would type it: relative to the working folder when it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _grade(path: Path, course: Course, katas: tuple[Kata, ...] | None = None,
           timeout: float | None = None, hint_penalty: float = 0.0,
           feedback: str = "full") -> SubmissionResult:
    """Grade ``katas`` (default: all) at ``path``; each kata carries the hints its workspace
    has seen."""
    katas = engine.gradable(course, katas)  # in a student pack: those with visible checks
    found = submission.load(path, katas)
    limits = engine.limits_for(course, **({"probe_timeout": timeout} if timeout else {}))
    result = engine.check(found, course, katas, limits=limits, feedback=feedback)
    seen = hint_state.by_task_name(hint_state.load(path, katas), katas)
    stubs = still_stubs(path, katas, found, course)
    return dataclasses.replace(result, katas=tuple(
        dataclasses.replace(kata, hints=seen.get(kata.name, {}), hint_penalty=hint_penalty,
                            untouched=kata.name in stubs)
        for kata in result.katas))


def _write(report: str, output: Path) -> None:
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None


def _where(result: SubmissionResult, path: Path, course: Course) -> tuple[str | None, str | None]:
    """The place to edit next as ``path:line`` and as a file URL, from the learner's file
    (read as text, never run); the notebook itself for a notebook, nothing for a zip."""
    kata = text.next_kata(result)
    if kata is None or path.suffix == ".zip" or not path.exists():
        return None, None
    if path.suffix == ".ipynb":
        return shown(path), path.resolve().as_uri()
    file = submission.kata_root(path, (course.get(kata.name),)) / f"{kata.name}.py"
    line = 1
    try:
        names = submission.definitions(file.read_bytes()) or {}
    except OSError:
        names = {}
    task = text.next_task(kata)
    line = names.get(task.task, 1) if task else 1
    return f"{shown(file)}:{line}", file.resolve().as_uri()


def check(*, path: Path, course: Course, names: list[str], fmt: str, output: Path | None,
          timeout: float | None, verbose: bool, hint_penalty: float = 0.0,
          feedback: str = "full") -> int:
    """Grade the selected katas at ``path``; exit 0 when every check passed, else 1.

    A report written to a file is announced on stderr (stdout may be a report itself). A
    machine format asked for on a terminal goes to a file rather than onto the screen;
    ``--output -`` prints it anyway.
    """
    katas = course.select(names)
    if timeout is not None and timeout <= 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {timeout:g}")
    if not 0 <= hint_penalty <= 1:
        raise UsageError(f"--hint-penalty is the share of a task's points one hint costs, "
                         f"from 0 to 1, not {hint_penalty:g}")
    to_stdout = output == Path("-")
    if output is None and fmt != "text" and sys.stdout.isatty():
        output = Path(REPORT_FILES[fmt])
    result = _grade(path, course, katas, timeout, hint_penalty, feedback)
    if fmt == "text":
        where, link = _where(result, path, course)
        if output is None or to_stdout:
            text.render(result, _console(), verbose=verbose, where=where, link=link,
                        tracks=course.track_titles)
        else:
            try:
                with output.open("w", encoding="utf-8") as handle:
                    text.render(result, Console(file=handle, width=100, color_system=None),
                                verbose=verbose, where=where, tracks=course.track_titles)
            except OSError as exc:
                raise UsageError(f"cannot write {output}: {exc.strerror}") from None
    else:
        report = render_machine(result, fmt)
        report = report if report.endswith("\n") else report + "\n"
        if output is None or to_stdout:
            sys.stdout.write(report)
        else:
            _write(report, output)
    if output is not None and not to_stdout:
        print(f"kata: wrote the {fmt} report to {shown(output)}", file=sys.stderr)
    if course.pack and fmt == "text":
        _console().print(Text(pack_note(course, result), style="dim"))
    return 0 if result.passed else 1


def pack_note(course: Course, result: SubmissionResult) -> str:
    """What a grade in a student pack covers: the visible checks, and what the teacher adds."""
    shown = sum(len(kata.tests) for kata in result.katas)
    more = sum(course.hidden_checks.get(kata.name, (0, 0.0))[0] for kata in result.katas)
    return (f"Graded here: {shown} visible check{'s' * (shown != 1)}; your teacher's grading "
            f"runs {more} more that are not in this pack.")


def overview(*, path: Path, course: Course) -> int:
    """Progress across every kata and the next thing to do."""
    console = _console()
    if not path.exists():
        raise UsageError(f"{shown(path)}: no such folder; run kata inside your course (the "
                         "folder with katas/), or pass --path")
    try:
        result = _grade(path, course)
    except engine.NoHiddenTests:  # a student pack: the katas, and how to hand them in
        return list_katas(path=path, course=course)
    done = sum(1 for kata in result.katas if kata.status == "passed")
    console.print(Text.assemble(("pykata", "bold"), f" · {done} of {len(result.katas)} katas "
                                f"done · {result.score:g}/{result.max_score:g} points"))
    console.print(text.bar_line(result, console.width))
    console.print(text.table(result, console.width, course.track_titles))
    where, link = _where(result, path, course)
    for part in text.next_steps(result, where=where, link=link):
        console.print(part)
    if course.pack:
        console.print(Text(pack_note(course, result), style="dim"))
    again = ("`kata watch` re-checks on every save" if path.is_dir() else
             f"`kata check --path {shown(path)}` grades them again")
    console.print(Text(f"Your katas are in {shown(path)}{os.sep * path.is_dir()}; {again}.",
                       style="dim"))
    return 0  # an overview is information, not a verdict: `kata check` is the one that fails


def list_katas(*, path: Path, course: Course) -> int:
    """The course, one line per kata: topic (as the width allows), tasks, points, status.

    With the kata folder there, tasks and points read done/total; in a student pack (no
    hidden tests) the points come from its points table and there is no status to show.
    """
    graded: dict[str, KataResult] = {}
    points: dict[str, float] = {}
    pack = False
    try:
        if path.exists():  # grading collects the hidden tests once and gives the points too
            graded = {kata.name: kata for kata in _grade(path, course).katas}
        else:
            checks = engine.collect(course)
            points = {name: sum(check.points for check in found) for name, found in checks.items()}
    except engine.NoHiddenTests:
        pack = True
    if course.pack:  # every check's points, not only the visible ones graded here
        points = {name: worth for name, (_, worth) in course.hidden_checks.items()}
    console = _console()
    table = Table(title=course.title, box=box.SIMPLE_HEAD, show_edge=False, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("kata", no_wrap=True)
    topics = console.width >= LIST_TOPIC_WIDTH
    chinese = console.width >= LIST_CHINESE_WIDTH
    room = min(64, console.width - LIST_OTHER_COLUMNS - 3 * chinese)  # for the topics
    if topics:
        table.add_column("topic", no_wrap=True, overflow="ellipsis",
                         max_width=room * 2 // 3 if chinese else room)
    if chinese:
        table.add_column("主题", no_wrap=True, overflow="ellipsis", max_width=room // 3)
    for column in ("tasks", "points"):
        table.add_column(column, justify="right", no_wrap=True)
    if graded:
        table.add_column("status", no_wrap=True)
    track = None
    for kata in course.katas:
        if kata.track != track and len(course.tracks) > 1:
            if track is not None:
                table.add_section()
            track = kata.track
            table.add_row("", Text(course.track_titles[track], style="bold"))
        row: list[RenderableType] = [str(kata.position), kata.name]
        row += [kata.topic] if topics else []
        row += [kata.topic_zh] if chinese else []
        result = graded.get(kata.name)
        if result is not None and course.pack:
            row += [str(len(kata.tasks)), f"{points.get(kata.name, 0):g}",
                    text.status_text(result)]
        elif result is not None:
            done, total = text.tasks_done(result)
            row += [f"{done}/{total}", text.score_text(result.score, result.max_score),
                    text.status_text(result)]
        else:
            row += [str(len(kata.tasks)),
                    f"{points[kata.name]:g}" if kata.name in points else "?"]
        table.add_row(*row)
    console.print(table)
    if pack:
        console.print(engine.NO_HIDDEN_TESTS[0].upper() + engine.NO_HIDDEN_TESTS[1:] + ".")
    elif course.pack:
        more = sum(hidden for hidden, _ in course.hidden_checks.values())
        console.print(Text(f"A student pack: kata check grades each kata's visible checks; "
                           f"your teacher's grading runs {more} more.", style="dim"))
    return 0


# ---------------------------------------------------------------- hints


def hint(*, path: Path, course: Course, name: str, task: int | None) -> int:
    """Show the hints of one task, one level more than last time (remembered per workspace)."""
    kata = course.get(name)
    if task is None:
        task = 1
        if path.exists():
            try:
                result = _grade(path, course, (kata,)).katas[0]
            except engine.NoHiddenTests:  # a student pack: nothing to grade, so task 1
                result = None
            failing = (result.failures[0] if result is not None and result.failures
                       and not result.error else None)
            if failing is not None and 1 <= failing.task_number <= len(kata.tasks):
                task = failing.task_number
    chosen = kata.task(task)
    seen = hint_state.load(path, (kata,)).get(kata.name, {}).get(task, 0)
    level = min(seen + 1, len(chosen.hints))
    kept = hint_state.record(path, kata, task, level) if path.exists() else None
    console = _console()
    console.print(f"[bold]{kata.name}[/], task {task}: [bold]{chosen.name}[/] — {chosen.summary}")
    for number, line in enumerate(chosen.hints[:level], start=1):
        style = "" if number == level else "dim"
        from rich.markdown import Markdown  # markdown-it: only where a hint is shown

        console.print(Markdown(f"**Hint {number}/{len(chosen.hints)}.** {line}"), style=style)
    if level < len(chosen.hints):
        console.print(f"[dim]Ask again for the next hint: kata hint {kata.name} --task {task}[/]")
    else:
        console.print("[dim]That was the last hint for this task.[/]")
    if kept is not None:
        console.print(Text(f"(remembered in {shown(kept)}; hints cost no points unless your "
                           "teacher says so)", style="dim"))
    return 0


# ---------------------------------------------------------------- reset


def _committed(folder: Path, katas: Sequence[Kata]) -> dict[str, bytes]:
    """The katas' files in ``folder`` as committed in git (HEAD), by file name; those git
    does not have are left out, and all when ``folder`` is not in a repository."""
    try:
        top = Path(subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                                  capture_output=True, text=True, timeout=10,
                                  check=True).stdout.strip())
        names = [(folder / kata.filename).relative_to(top).as_posix() for kata in katas]
        batch = subprocess.run(["git", "-C", str(top), "cat-file", "--batch"],
                               input="".join(f"HEAD:{name}\n" for name in names).encode(),
                               capture_output=True, timeout=10, check=True).stdout
    except (OSError, ValueError, subprocess.SubprocessError):
        return {}
    found: dict[str, bytes] = {}
    for kata in katas:  # each answer: "<id> blob <size>\n<content>\n", or "<name> missing\n"
        header, _, batch = batch.partition(b"\n")
        words = header.split()
        if len(words) == 3 and words[1] == b"blob" and words[2].isdigit():
            size = int(words[2])
            found[kata.filename], batch = batch[:size], batch[size + 1:]
    return found


def still_stubs(path: Path, katas: Sequence[Kata], found: submission.Submission,
                course: Course) -> frozenset[str]:
    """The katas whose file in the folder ``path`` is, byte for byte, the stub as shipped:
    the course's pristine copy, or the course's stub as committed in git (never the file at
    ``path`` as committed, which may be a learner's committed work); none for a notebook or
    a zip."""
    if not path.is_dir():
        return frozenset()
    pristine = course.pristine_dir
    packaged = {kata.filename: pristine / kata.filename for kata in katas} if pristine else {}
    if packaged and all(file.is_file() for file in packaged.values()):
        stubs = {name: file.read_bytes() for name, file in packaged.items()}
    else:
        stubs = _committed(course.katas_dir.resolve(), katas)
    return frozenset(kata.name for kata in katas if kata.filename in stubs
                     and found.files.get(kata.filename) == stubs[kata.filename])


def pristine_stub(kata: Kata, path: Path, course: Course) -> bytes:
    """The stub as shipped: the course's pristine copy (a wheel's, a pack's), or the
    committed version in git."""
    if course.pristine_dir is not None and (course.pristine_dir / kata.filename).is_file():
        return (course.pristine_dir / kata.filename).read_bytes()
    folder = path.resolve()
    try:
        top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        relative = (folder / kata.filename).relative_to(top).as_posix()
        return subprocess.run(["git", "-C", top, "show", f"HEAD:{relative}"],
                              capture_output=True, timeout=10, check=True).stdout
    except (OSError, ValueError, subprocess.SubprocessError):
        raise UsageError(f"cannot find the original {kata.filename}: reinstall pykata "
                         "or restore it from your course's pack") from None


def _new_backup(backups: Path, kata: Kata) -> Path:
    """A backup file name no earlier backup has, claimed by creating it (O_EXCL): resets within
    one second, or racing each other, each keep their own copy."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for number in itertools.count(1):
        suffix = "" if number == 1 else f"-{number}"
        candidate = backups / f"{kata.name}-{stamp}{suffix}.py"
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            continue
        return candidate
    raise AssertionError("unreachable")


def reset(*, path: Path, course: Course, name: str) -> int:
    """Restore a kata's stub; the learner's current file is kept in a backup folder."""
    kata = course.get(name)
    if not path.is_dir():
        raise UsageError(f"{path}: no such folder; pass --path to your katas folder")
    target = path / kata.filename
    stub = pristine_stub(kata, path, course)
    console = _console()
    if target.exists() or target.is_symlink():
        backups = path / BACKUP_DIR
        backups.mkdir(exist_ok=True)
        backup = _new_backup(backups, kata)
        shutil.move(str(target), backup)
        console.print(f"Your {kata.filename} is saved as {backup}")
    target.write_bytes(stub)
    console.print(f"{target} is back to the original stub.")
    return 0
