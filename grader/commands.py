"""What each ``kata`` command does, as typed functions with keyword-only options.

Each returns the process exit status. Learner code runs only inside the engine's sandbox.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Final

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from grader import catalog, engine, submission
from grader.catalog import Kata
from grader.errors import UsageError
from grader.reporters import render as render_machine
from grader.reporters import text
from grader.results import SubmissionResult
from grader.sandbox import Limits

STATE_FILE: Final = ".kata-state.json"
BACKUP_DIR: Final = ".kata-backup"
STUBS_PACKAGE: Final = catalog.PACKAGE_DIR / "_stubs"
POINTS_FILE: Final = catalog.PACKAGE_DIR / "_points.json"  # only in a student pack


def _console() -> Console:
    return Console(highlight=False)


def _grade(path: Path, katas: tuple[Kata, ...], timeout: float | None = None,
           feedback: str = "full") -> SubmissionResult:
    found = submission.load(path, katas)
    limits = Limits(probe_timeout=timeout) if timeout else Limits()
    return engine.check(found, katas, limits=limits, feedback=feedback)


def check(*, path: Path, names: list[str], fmt: str, output: Path | None,
          timeout: float | None, verbose: bool, feedback: str = "full") -> int:
    """Grade the selected katas at ``path``; exit 0 when every check passed, else 1."""
    katas = catalog.select(names)
    if timeout is not None and timeout <= 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {timeout:g}")
    result = _grade(path, katas, timeout, feedback)
    if fmt == "text":
        if output is None:
            text.render(result, _console(), verbose=verbose)
        else:
            with output.open("w", encoding="utf-8") as handle:
                text.render(result, Console(file=handle, width=100, color_system=None),
                            verbose=verbose)
    else:
        report = render_machine(result, fmt)
        if output is None:
            sys.stdout.write(report if report.endswith("\n") else report + "\n")
        else:
            try:
                output.write_text(report, encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot write {output}: {exc.strerror}") from None
    return 0 if result.passed else 1


def overview(*, path: Path) -> int:
    """Progress across every kata and the next thing to do."""
    console = _console()
    if not path.exists():
        raise UsageError(f"{path}: no such folder; run kata where your katas/ folder is, or pass --path")
    try:
        result = _grade(path, catalog.CATALOG)
    except engine.NoHiddenTests:  # a student pack: the katas, and how to hand them in
        return list_katas(path=path)
    done = sum(1 for kata in result.katas if kata.status == "passed")
    console.print(f"[bold]pykata[/] — {done} of {len(result.katas)} katas done, "
                  f"{result.score:g}/{result.max_score:g} points")
    console.print(text.table(result, console.width))
    for part in text.next_steps(result):
        console.print(part)
    console.print(f"[dim]Your katas are in {path}/; `kata watch` re-checks on every save.[/]")
    return 0  # an overview is information, not a verdict: `kata check` is the one that fails


def packaged_points() -> dict[str, float]:
    """Points per kata as ``kata release`` wrote them into a student pack; empty elsewhere."""
    try:
        table = json.loads(POINTS_FILE.read_text(encoding="utf-8"))
        return {str(name): float(value) for name, value in table.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def list_katas(*, path: Path) -> int:
    """The catalog as a table, with points and, when the kata folder exists, status.

    In a student pack (no hidden tests) the points come from its points table and there is
    no status to show.
    """
    points: dict[str, float] = {}
    statuses: dict[str, str] = {}
    pack = False
    try:
        if path.exists():  # grading collects the hidden tests once and gives the points too
            for graded in _grade(path, catalog.CATALOG).katas:
                word = {"passed": "done", "error": "error"}.get(graded.status, "in progress")
                if text.not_started(graded):
                    word = "not started"
                statuses[graded.name] = f"{graded.score:g}/{graded.max_score:g} {word}"
                points[graded.name] = graded.max_score
        else:
            checks = engine.collect(katas=catalog.CATALOG)
            points = {name: sum(check.points for check in found) for name, found in checks.items()}
    except engine.NoHiddenTests:
        points, statuses, pack = packaged_points(), {}, True
    table = Table(title="pykata katas")
    for column in ("#", "kata", "topic", "主题", "tasks", "points", "status"):
        table.add_column(column, justify="right" if column in ("#", "tasks", "points") else "left")
    for number, kata in enumerate(catalog.CATALOG, start=1):
        worth = f"{points[kata.name]:g}" if kata.name in points else "?"
        table.add_row(str(number), kata.name, kata.topic, kata.topic_zh,
                      str(len(kata.tasks)), worth, statuses.get(kata.name, "-"))
    console = _console()
    console.print(table)
    if pack:
        console.print(engine.NO_HIDDEN_TESTS[0].upper() + engine.NO_HIDDEN_TESTS[1:] + ".")
    return 0


# ---------------------------------------------------------------- hints


def _state_path(path: Path) -> Path:
    return (path if path.is_dir() else path.parent) / STATE_FILE


def _load_state(path: Path) -> dict[str, int]:
    try:
        state = json.loads(_state_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in state.get("hints", {}).items() if isinstance(v, int)}


def _save_state(path: Path, hints: dict[str, int]) -> None:
    try:
        _state_path(path).write_text(json.dumps({"hints": hints}, indent=2), encoding="utf-8")
    except OSError:
        pass  # hints still work; they just do not climb


def hint(*, path: Path, name: str, task: int | None) -> int:
    """Show the hints of one task, one level more than last time."""
    kata = catalog.get(name)
    if task is None:
        task = 1
        if path.exists():
            try:
                result = _grade(path, (kata,)).katas[0]
            except engine.NoHiddenTests:  # a student pack: nothing to grade, so task 1
                result = None
            failing = (result.failures[0] if result is not None and result.failures
                       and not result.error else None)
            if failing is not None:
                task = next(n for n, t in enumerate(kata.tasks, 1) if t.name == failing.task)
    chosen = kata.task(task)
    key = f"{kata.name}:{task}"
    hints = _load_state(path)
    level = min(hints.get(key, 0) + 1, len(chosen.hints))
    hints[key] = level
    _save_state(path, hints)
    console = _console()
    console.print(f"[bold]{kata.name}[/], task {task}: [bold]{chosen.name}[/] — {chosen.summary}")
    for number, line in enumerate(chosen.hints[:level], start=1):
        style = "" if number == level else "dim"
        console.print(Markdown(f"**Hint {number}/{len(chosen.hints)}.** {line}"), style=style)
    if level < len(chosen.hints):
        console.print(f"[dim]Ask again for the next hint: kata hint {kata.name} --task {task}[/]")
    else:
        console.print("[dim]That was the last hint for this task.[/]")
    return 0


# ---------------------------------------------------------------- reset


def pristine_stub(kata: Kata, path: Path) -> bytes:
    """The stub as shipped: packaged with the grader, or the committed version in git."""
    packaged = STUBS_PACKAGE / kata.filename
    if packaged.is_file():
        return packaged.read_bytes()
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


def reset(*, path: Path, name: str) -> int:
    """Restore a kata's stub; the learner's current file is kept in a backup folder."""
    kata = catalog.get(name)
    if not path.is_dir():
        raise UsageError(f"{path}: no such folder; pass --path to your katas folder")
    target = path / kata.filename
    stub = pristine_stub(kata, path)
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
