"""``--format text``: the learner's report on a rich console, calm and within 80 columns.

A header with the total, a table with one row per kata, the feedback of every check that did
not pass (grouped by task, at most a few tasks per kata when several katas are shown), and
what to do next. Integrity findings are for the teacher (JSON, batch outputs); here a finding
shows only in a kata that failed, as a learner's sentence saying why it may have.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from grader.reporters import printable
from grader.results import IntegrityFinding, KataResult, SubmissionResult, TestOutcome

STYLE: Final = {"passed": "green", "failed": "yellow", "error": "red",
                "timeout": "red", "crashed": "red", "tampered": "bold red"}
MARK: Final = {"passed": "✓", "failed": "✗", "error": "✗", "timeout": "✗", "crashed": "✗",
               "tampered": "✗"}
BAR_WIDTH: Final = 16
MESSAGE_LINES: Final = 2
MESSAGE_CHARS: Final = 160
BAR_MIN_WIDTH: Final = 64  # narrower consoles get the table without its progress bars
FOLD_TASKS: Final = 3  # tasks shown per kata when a report covers several katas


def score_text(score: float, max_score: float) -> str:
    return f"{score:g}/{max_score:g}"


def summary_line(result: SubmissionResult) -> str:
    """One plain line: ``copying 19/19 ✓ · arguments 3/14 ✗ — total 22/33``."""
    katas = " · ".join(f"{kata.name} {score_text(kata.score, kata.max_score)} {MARK[kata.status]}"
                       for kata in result.katas)
    return f"{katas} — total {score_text(result.score, result.max_score)}"


def indent(renderable: RenderableType, columns: int) -> Padding:
    """``renderable`` indented, wrapping inside the indent."""
    return Padding(renderable, (0, 0, 0, columns), expand=False)


def _brief(message: str) -> str:
    """The first lines of a check's message, shortened: the full text is in the json report."""
    lines = printable(message).strip().splitlines()
    text = "\n".join(lines[:MESSAGE_LINES])
    if len(text) > MESSAGE_CHARS:
        return text[: MESSAGE_CHARS - 1] + "…"
    return text + ("\n…" if len(lines) > MESSAGE_LINES else "")


def _bar(kata: KataResult) -> Text:
    filled = round(BAR_WIDTH * kata.score / kata.max_score) if kata.max_score else 0
    return Text.assemble(("█" * filled, STYLE[kata.status]),
                         ("░" * (BAR_WIDTH - filled), "dim"))


# What a finding means for a learner whose kata failed: why the check may not have got its answer.
LEARNER_NOTES: Final = {
    "process-exit": "your code ends the process (exit, sys.exit, os._exit), so a check gets no "
                    "answer: return a value instead",
    "signals": "your code handles signals, which the grader needs for its time limits",
    "threads": "your code starts threads or processes that can outlive a check",
    "subprocess": "your code starts other programs, which the sandbox does not allow",
    "file-access": "your code reads or writes files outside your kata folder, which the "
                   "checks cannot reach",
    "network": "your code uses the network, which the sandbox does not have",
    "builtins-tamper": "your code changes builtins or loaded modules, which the checks rely on",
}


def tasks_done(kata: KataResult) -> tuple[int, int]:
    """How many of the kata's tasks pass every check, and how many tasks have checks."""
    by_task: dict[str, bool] = {}
    for test in kata.tests:
        by_task[test.task] = by_task.get(test.task, True) and test.passed
    done = 0 if kata.error is not None else sum(by_task.values())
    return done, len(by_task)


def status_text(kata: KataResult) -> Text:
    """The kata's status word: passed, failed, error, or not started (dim)."""
    if not_started(kata):
        return Text("not started", style="dim")
    return Text(kata.status, style=STYLE[kata.status])


def table(result: SubmissionResult, width: int, tracks: Mapping[str, str] | None = None) -> Table:
    """One line per kata: number, name, tasks done, score, a progress bar (when the console
    is wide enough) and status; katas of several tracks under a row with each track's title
    (``tracks``: name -> title)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("kata", overflow="ellipsis", no_wrap=True)
    table.add_column("tasks", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    bars = width >= BAR_MIN_WIDTH
    if bars:
        table.add_column("progress", no_wrap=True)
    table.add_column("status", no_wrap=True)
    grouped = len({kata.track for kata in result.katas}) > 1
    track = None
    for index, kata in enumerate(result.katas, start=1):
        if grouped and kata.track != track:
            if track is not None:
                table.add_section()
            track = kata.track
            table.add_row("", Text((tracks or {}).get(track, track), style="bold"))
        done, total = tasks_done(kata)
        cells: list[RenderableType] = [str(kata.position or index), kata.name,
                                       f"{done}/{total}", score_text(kata.score, kata.max_score)]
        if bars:
            cells.append(_bar(kata))
        table.add_row(*cells, status_text(kata))
    return table


def bar_line(result: SubmissionResult, width: int) -> Text:
    """One bar for the whole submission's points, and the share done."""
    share = result.score / result.max_score if result.max_score else 0.0
    cells = max(10, min(50, width - 8))
    filled = round(cells * share)
    return Text.assemble(("█" * filled, "green"), ("░" * (cells - filled), "dim"), f" {share:.0%}")


def task_label(test: TestOutcome) -> str:
    """``Task 2 · make_grid``: the task a check belongs to, as the learner reads it."""
    return f"Task {test.task_number} · {test.task}" if test.task_number else f"Task · {test.task}"


def checks_block(tests: list[TestOutcome], *, verbose: bool) -> Padding:
    """One task's checks, with a hanging indent; a message just shown is not repeated."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    previous = ""
    for test in tests:
        line = Text(test.description)
        if test.status in ("timeout", "crashed", "tampered"):
            line.append(f" ({test.status})", style=STYLE[test.status])
        grid.add_row(Text(MARK[test.status], style=STYLE[test.status]), line)
        if not test.passed and test.message and (verbose or test.message != previous):
            grid.add_row("", Text(_brief(test.message), style="dim"))
        previous = test.message
    return indent(grid, 4)


def not_started(kata: KataResult) -> bool:
    """Nothing tried yet: the file is the stub as shipped, or every check still meets the
    stub's NotImplementedError."""
    return kata.state == "not-started"


def learner_notes(kata: KataResult, findings: Sequence[IntegrityFinding]) -> list[Text]:
    """The findings that may explain why ``kata`` failed, one learner's sentence per rule."""
    if kata.status == "passed":
        return []
    notes: dict[str, Text] = {}
    for finding in findings:
        if finding.kata == kata.name and finding.rule in LEARNER_NOTES:
            notes.setdefault(finding.rule, Text(
                f"note: {kata.name}.py line {finding.line}: {LEARNER_NOTES[finding.rule]}",
                style="magenta"))
    return list(notes.values())


def _kata_section(kata: KataResult, *, verbose: bool, fold: bool = False,
                  findings: Sequence[IntegrityFinding] = ()) -> list[RenderableType]:
    heading = Text.assemble("\n", (kata.name, "bold"), f" — {kata.title}  ",
                            (score_text(kata.score, kata.max_score), STYLE[kata.status]))
    if kata.hint_deduction:
        heading.append(f" (−{kata.hint_deduction:g} for hints)", style="dim")
    notes: list[RenderableType] = [indent(note, 2) for note in learner_notes(kata, findings)]
    if kata.error is not None:
        return [heading, indent(Text(f"✗ {printable(kata.error)}", style="red"), 2), *notes]
    if not verbose and not_started(kata):
        tasks = len({test.task for test in kata.tests})
        return [heading, indent(Text(f"not started: {tasks} tasks still raise "
                                      "NotImplementedError", style="dim"), 2)]
    by_task: dict[str, list[TestOutcome]] = {}
    for test in kata.tests:
        by_task.setdefault(test.task, []).append(test)
    shown: list[RenderableType] = [heading, *notes]
    tasks = 0
    left = 0
    for task, tests in by_task.items():
        if not verbose:
            tests = [test for test in tests if not test.passed]
        if not tests:
            continue
        if fold and tasks == FOLD_TASKS:
            left += 1
            continue
        tasks += 1
        label = Text(task_label(tests[0]), style="bold")
        if not verbose and all(test.unimplemented for test in tests):
            shown.append(indent(label.append("  not started yet", style="dim"), 2))
            continue
        shown.append(indent(label, 2))
        shown.append(checks_block(tests, verbose=verbose))
    if left:
        shown.append(indent(Text.assemble(
            f"… and {left} more task{'s' * (left != 1)} to do: ",
            (f"kata check {kata.name}", "bold"), style="dim"), 2))
    return shown


def next_kata(result: SubmissionResult) -> KataResult | None:
    """The kata to work on: the first in course order not passed; None when all pass."""
    pending = [kata for kata in result.katas if kata.status != "passed"]
    return min(pending, key=lambda k: k.position) if pending else None


def next_task(kata: KataResult) -> TestOutcome | None:
    """The task to work on in ``kata``, as its first failing check."""
    return kata.failures[0] if kata.failures else None


def next_steps(result: SubmissionResult, *, where: str | None = None,
               link: str | None = None) -> list[RenderableType]:
    """What to do next: the first kata (course order) not passed, its first failing check.

    ``where`` is the place to edit as ``path:line`` (terminals and editors make it
    clickable), ``link`` the same as a URL for terminals that show hyperlinks.
    """
    kata = next_kata(result)
    if kata is None:
        return [Text("Every check passes. Well done!", style="bold green")]
    steps: list[RenderableType] = [Text.assemble("Next: ", (kata.name, "bold"), f" — {kata.title}")]
    if where is not None:
        task = next_task(kata)
        label = f" · {task_label(task)}" if task and kata.error is None else ""
        steps.append(indent(Text.assemble((where, f"link {link}" if link else "bold"), label), 6))
    if kata.error is None and kata.failures and not not_started(kata):
        steps.append(indent(Text(f"first failing check: {kata.failures[0].description}"), 6))
    steps.append(indent(Text.assemble("stuck? ", (f"kata hint {kata.name}", "bold"), " · ready? ",
                                       (f"kata check {kata.name}", "bold")), 6))
    return steps


def render(result: SubmissionResult, console: Console, *, verbose: bool = False,
           where: str | None = None, link: str | None = None,
           tracks: Mapping[str, str] | None = None) -> None:
    """Print ``result`` for a learner; ``verbose`` shows passing checks too; ``where`` and
    ``link`` as in :func:`next_steps`."""
    percent = f" ({result.score / result.max_score:.0%})" if result.max_score else ""
    console.print(Text.assemble(("pykata", "bold"), f" · {printable(result.submission)}  ",
                                (score_text(result.score, result.max_score), "bold"),
                                f" points{percent}"))
    console.print(table(result, console.width, tracks))
    fold = len(result.katas) > 1 and not verbose
    for kata in result.katas:
        if verbose or kata.status != "passed":
            for part in _kata_section(kata, verbose=verbose, fold=fold,
                                      findings=result.integrity):
                console.print(part)
    console.print()
    for part in next_steps(result, where=where, link=link):
        console.print(part)
    if result.isolation:
        console.print(Text(sandbox_line(result, console.width), style="dim"))


def sandbox_line(result: SubmissionResult, width: int) -> str:
    """The sandbox layers and the time on one line: all of them when they fit, else the
    strongest and how many more (``--format json`` lists every one)."""
    layers = result.isolation
    whole = f"sandbox: {', '.join(layers)} · {result.duration_s:.1f} s"
    if len(whole) <= width:
        return whole
    strongest = next((layer for layer in layers if "namespaces" in layer),
                     next((layer for layer in layers if "uid" in layer), layers[-1]))
    more = len(layers) - 1
    return (f"sandbox: {strongest} and {more} more layer{'s' * (more != 1)} · "
            f"{result.duration_s:.1f} s")
