"""``kata watch``: grade again on every save and show the next thing to fix (like rustlings).

The hidden tests are collected once and one sandbox serves the whole session, so a round
costs only the grading of what changed (tens of milliseconds). The *current* kata is the
first one in course order that is not passed; each round shows progress over all katas,
the current kata's first failing check and the first hint of its task. What changed is
found by comparing file contents, so file events only wake the loop: editors that save
through a temporary file and a rename, and events missed while grading, are both covered.
"""

from __future__ import annotations

import argparse
import contextlib
import threading
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from rich.console import Console
from rich.text import Text

from grader import engine, submission
from grader.course import Course, Kata
from grader.errors import UsageError
from grader.reporters import printable, text
from grader.reporters.text import MARK, STYLE, score_text
from grader.results import IntegrityFinding, KataResult, SubmissionResult
from grader.sandbox import Sandbox
from grader.submission import Submission

if TYPE_CHECKING:  # watchfiles loads when a session starts, not with the command line
    import watchfiles

RESCAN_MS: Final = 1000  # also compare contents this often, in case an event was missed
CELL: Final = 2  # progress bar columns per kata


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``kata watch`` on an argparse subparsers object."""
    parser = subparsers.add_parser(
        "watch", help="re-grade on every save, show the first failing check and a hint",
        description="Watch the kata folder; on every save, grade again and show the first "
                    "kata not done yet, its first failing check and a hint. Ctrl-C to stop.")
    parser.add_argument("--path", type=Path, default=argparse.SUPPRESS,
                        help="folder of kata modules (default: ./katas)")


# ---------------------------------------------------------------- rendering


def current_kata(result: SubmissionResult) -> str | None:
    """The kata to work on: the first in course order not passed; None when all pass."""
    kata = text.next_kata(result)
    return kata.name if kata is not None else None


def _progress(result: SubmissionResult, width: int) -> Text:
    """One cell per kata (green done, yellow some points, red error), then the counts; the
    cells narrow to fit ``width`` columns, and go when even one column each would not."""
    done = sum(1 for kata in result.katas if kata.status == "passed")
    counts = (f" {done}/{len(result.katas)} katas · "
              f"{score_text(result.score, result.max_score)} points")
    cell = min(CELL, (width - len(counts)) // max(1, len(result.katas)))
    line = Text()
    for kata in result.katas if cell > 0 else ():
        if kata.status == "passed":
            line.append("█" * cell, "green")
        elif kata.status == "error":
            line.append("▒" * cell, "red")
        else:
            line.append(("▒" if kata.score else "░") * cell, "yellow" if kata.score else "dim")
    line.append(counts if cell > 0 else counts.lstrip())
    return line


def _focus(kata: KataResult, console: Console, course: Course | None) -> None:
    """The current kata: its score, its first failing check and the first hint of that task."""
    console.print(Text.assemble((kata.name, "bold"), f" — {kata.title} · ",
                                (f"{score_text(kata.score, kata.max_score)} points",
                                 STYLE[kata.status])))
    if kata.error is not None:
        console.print(text.indent(Text(f"✗ {printable(kata.error)}", style="red"), 2))
        console.print(text.indent(Text("Fix it and save: the checks run again.", style="dim"), 2))
        return
    if not kata.failures:
        return
    failing = kata.failures[0]
    known = course.by_name.get(kata.name) if course is not None else None
    task = next((t for t in known.tasks if t.name == failing.task), None) if known else None
    label = Text(text.task_label(failing), style="bold")
    console.print(text.indent(label.append(f" — {task.summary}" if task else "", style=""), 2))
    console.print(text.checks_block([failing], verbose=True))
    if task is not None and task.hints:
        from rich.markdown import Markdown  # markdown-it: only where a hint is shown

        console.print(text.indent(Markdown(f"**Hint:** {task.hints[0]}"), 2))
    console.print(text.indent(Text.assemble(
        "more hints: ", (f"kata hint {kata.name}", "bold"),
        " · every check: ", (f"kata check {kata.name}", "bold"), style="dim"), 2))


def render_round(result: SubmissionResult, current: str | None, console: Console, *,
                 previous: str | None = None, saved: Sequence[str] = (),
                 folder: Path = Path("katas"), line: int | None = None,
                 course: Course | None = None) -> None:
    """Print one round: header, progress, what just passed, and the current kata's first failure.

    ``current`` is the kata to work on (None when every kata passes), ``previous`` the one
    shown last round, ``saved`` the katas whose files changed since then, ``line`` where in
    the current kata's file its first failing task starts (shown as ``path:line``);
    ``course`` gives the tasks' summaries and first hints.
    """
    by_name = {kata.name: kata for kata in result.katas}
    where = f"{folder / f'{current}.py'}" if current in by_name else ""
    target = f"editing {where}{f':{line}' if line else ''}" if where else "all done"
    header = Text.assemble(("pykata watch", "bold"), f" — {target} · Ctrl-C to stop")
    if header.cell_len > console.width:  # a narrow terminal: the path matters more
        header = Text.assemble(("pykata watch", "bold"), f" — {target}")
    console.print(header, soft_wrap=True)
    console.print(_progress(result, console.width))
    console.print()
    news: list[Text] = []
    if previous is not None and previous != current and previous in by_name \
            and by_name[previous].status == "passed":
        done = by_name[previous]
        upcoming = f" On to {current}." if current is not None else ""
        news.append(Text.assemble(("✓ ", "green"), (f"{done.name} passed", "bold green"),
                                  f" — {score_text(done.score, done.max_score)} points.{upcoming}"))
    for name in saved:
        if name not in (current, previous) and name in by_name:
            kata = by_name[name]
            if kata.status == "passed":
                said = f" {kata.name} passes too — {score_text(kata.score, kata.max_score)} points"
            else:
                said = (f" {kata.name}.py saved: {score_text(kata.score, kata.max_score)} "
                        f"points · kata check {kata.name} for details")
            news.append(Text.assemble((MARK[kata.status], STYLE[kata.status]), said, style="dim"))
    for item in news:
        console.print(item)
    if news:
        console.print()
    if current is None:
        console.print(Text(f"Every kata passes — {score_text(result.score, result.max_score)} "
                           "points. Well done! Still watching.", style="bold green"))
        return
    _focus(by_name[current], console, course)


# ---------------------------------------------------------------- the session


def kata_folder(path: Path, course: Course) -> Path:
    """The folder of kata modules to watch: ``path`` itself or its ``katas/``."""
    if not path.exists():
        raise UsageError(f"{path}: no such folder; run kata watch where your katas/ folder is, "
                         "or pass --path")
    if not path.is_dir():
        raise UsageError(f"{path}: kata watch needs a folder of kata modules, not a file")
    root = submission.kata_root(path, course.katas)
    if not any((root / kata.filename).exists() for kata in course.katas):
        raise UsageError(f"{path}: no kata modules here (such as {course.katas[0].filename}); "
                         "pass --path to your katas folder")
    return root


def _changed(old: Submission | None, new: Submission, katas: tuple[Kata, ...]
             ) -> tuple[tuple[Kata, ...], tuple[str, ...]]:
    """The katas to grade again and the kata files that changed; all katas when another
    module (one they may import) changed."""
    if old is None:
        return katas, ()
    names = set(old.files) | set(new.files) | set(old.problems) | set(new.problems)
    differ = {name for name in names if old.files.get(name) != new.files.get(name)
              or old.problems.get(name) != new.problems.get(name)}
    saved = tuple(kata.name for kata in katas if kata.filename in differ)
    if differ - {kata.filename for kata in katas}:
        return katas, saved
    return tuple(kata for kata in katas if kata.name in saved), saved


class _Session:
    """The latest result of every kata, graded again as files change."""

    def __init__(self, root: Path, box: Sandbox, checks: dict[str, list[engine.Check]],
                 katas: tuple[Kata, ...]) -> None:
        self.root, self.box, self.checks, self.all = root, box, checks, katas
        self.files: Submission | None = None
        self.katas: dict[str, KataResult] = {}
        self.findings: dict[str, tuple[IntegrityFinding, ...]] = {}

    def pending(self) -> tuple[Submission, tuple[Kata, ...], tuple[str, ...]]:
        """The folder as it is now, the katas to grade again and the kata files saved."""
        found = submission.load(self.root, self.all)
        return (found, *_changed(self.files, found, self.all))

    def grade(self, found: Submission, katas: tuple[Kata, ...]) -> None:
        graded = engine.grade(found, sandbox_=self.box, checks=self.checks, katas=katas)
        for kata in graded.katas:
            self.katas[kata.name] = kata
            self.findings[kata.name] = tuple(f for f in graded.integrity if f.kata == kata.name)
        self.files = found

    @property
    def result(self) -> SubmissionResult:
        return SubmissionResult(
            submission=self.root.name, katas=tuple(self.katas[kata.name] for kata in self.all),
            integrity=tuple(f for kata in self.all for f in self.findings[kata.name]),
        )


def _is_source(root: Path) -> Callable[[watchfiles.Change, str], bool]:
    """Only ``*.py`` files directly in ``root``; no dotfiles, backups or caches."""
    def wanted(_change: watchfiles.Change, name: str) -> bool:
        file = Path(name)
        return file.suffix == ".py" and not file.name.startswith(".") and file.parent == root
    return wanted


def _wake_ups(root: Path, stop: threading.Event, debounce_ms: int) -> Generator[object, None, None]:
    """Yield after files in ``root`` changed, and every :data:`RESCAN_MS` anyway."""
    import watchfiles

    options: dict[str, Any] = dict(
        watch_filter=_is_source(root), debounce=debounce_ms, stop_event=stop,
        rust_timeout=RESCAN_MS, yield_on_timeout=True, recursive=False)
    try:
        yield from watchfiles.watch(root, **options)
    except OSError:  # e.g. the system's limit of inotify watches is reached: poll instead
        try:
            yield from watchfiles.watch(root, force_polling=True, **options)
        except OSError as exc:
            raise UsageError(f"cannot watch {root}: {exc}") from None


def _task_line(result: SubmissionResult, found: Submission) -> int | None:
    """The line where the current kata's first failing task is defined in its file."""
    kata = text.next_kata(result)
    task = text.next_task(kata) if kata is not None else None
    data = found.files.get(f"{kata.name}.py") if kata is not None else None
    names = submission.definitions(data) if data is not None else None
    return names.get(task.task) if names and task else None


def _show(console: Console, result: SubmissionResult, found: Submission, *,
          previous: str | None, saved: tuple[str, ...], folder: Path,
          first: bool, course: Course) -> str | None:
    """Replace the screen (or, off a terminal, add a rule) and render a round; the current kata."""
    current = current_kata(result)
    if console.is_terminal:
        console.clear()
    elif not first:
        console.rule()
    render_round(result, current, console, previous=previous, saved=saved, folder=folder,
                 line=_task_line(result, found), course=course)
    return current


def run(*, path: Path, course: Course, console: Console | None = None,
        stop: threading.Event | None = None, debounce_ms: int = 200) -> int:
    """Watch ``path`` until Ctrl-C (or ``stop``), showing a fresh round after every save."""
    console = console or Console(highlight=False)
    stop = stop or threading.Event()
    folder = kata_folder(path, course)
    root = folder.resolve()
    wake_ups = _wake_ups(root, stop, debounce_ms)
    try:
        katas = engine.gradable(course)
        checks = engine.collect(course, katas)
        with Sandbox(limits=engine.limits_for(course), packages=course.packages_for(katas)
                     ) as box, \
                contextlib.closing(wake_ups):
            box.preload(engine.probes_of(checks))
            session = _Session(root, box, checks, katas)
            found, todo, _ = session.pending()
            session.grade(found, todo)
            shown = _show(console, session.result, found, previous=None, saved=(),
                          folder=folder, first=True, course=course)
            for _ in wake_ups:
                found, todo, saved = session.pending()
                if not todo:
                    continue
                if console.is_terminal:
                    console.print(Text(f"checking {', '.join(saved) or 'all katas'} …",
                                       style="dim"))
                session.grade(found, todo)
                shown = _show(console, session.result, found, previous=shown, saved=saved,
                              folder=folder, first=False, course=course)
    except KeyboardInterrupt:
        console.print("\nStopped watching.")
    return 0
