"""``--format text``: the learner's report on a rich console, calm and within 80 columns.

A header with the total, a table with one row per kata, the feedback of every check that did
not pass (grouped by task), integrity flags for the teacher, and what to do next.
"""

from __future__ import annotations

from typing import Final

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from grader.catalog import BY_NAME, CATALOG
from grader.reporters import printable
from grader.results import KataResult, SubmissionResult, TestOutcome

STYLE: Final = {"passed": "green", "failed": "yellow", "error": "red",
                "timeout": "red", "crashed": "red", "tampered": "bold red"}
MARK: Final = {"passed": "✓", "failed": "✗", "error": "✗", "timeout": "✗", "crashed": "✗",
               "tampered": "✗"}
BAR_WIDTH: Final = 16
MESSAGE_LINES: Final = 2
MESSAGE_CHARS: Final = 160
TABLE_OTHER_COLUMNS: Final = 44  # what the table needs besides the title column
ORDER: Final = {kata.name: number for number, kata in enumerate(CATALOG, start=1)}


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


def table(result: SubmissionResult, width: int) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("kata", overflow="ellipsis", no_wrap=True,
                     max_width=max(12, width - TABLE_OTHER_COLUMNS))
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("progress", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for index, kata in enumerate(result.katas, start=1):
        table.add_row(str(ORDER.get(kata.name, index)), kata.name,
                      score_text(kata.score, kata.max_score), _bar(kata),
                      Text("not started" if not_started(kata) else kata.status,
                           style="dim" if not_started(kata) else STYLE[kata.status]))
    return table


def task_label(kata: str, task: str) -> str:
    names = [t.name for t in BY_NAME[kata].tasks] if kata in BY_NAME else []
    return f"Task {names.index(task) + 1} · {task}" if task in names else f"Task · {task}"


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


def _untouched(tests: tuple[TestOutcome, ...] | list[TestOutcome]) -> bool:
    return all(not test.passed and "NotImplementedError" in test.message for test in tests)


def not_started(kata: KataResult) -> bool:
    """Every check still fails on the stub's NotImplementedError: nothing tried yet."""
    return kata.error is None and _untouched(kata.tests)


def _kata_section(kata: KataResult, *, verbose: bool) -> list[RenderableType]:
    heading = Text.assemble("\n", (kata.name, "bold"), f" — {kata.title}  ",
                            (score_text(kata.score, kata.max_score), STYLE[kata.status]))
    if kata.error is not None:
        return [heading, indent(Text(f"✗ {printable(kata.error)}", style="red"), 2)]
    if not verbose and not_started(kata):
        tasks = len({test.task for test in kata.tests})
        return [heading, indent(Text(f"not started: {tasks} tasks still raise "
                                      "NotImplementedError", style="dim"), 2)]
    by_task: dict[str, list[TestOutcome]] = {}
    for test in kata.tests:
        by_task.setdefault(test.task, []).append(test)
    shown: list[RenderableType] = [heading]
    for task, tests in by_task.items():
        label = Text(task_label(kata.name, task), style="bold")
        if not verbose and _untouched(tests):
            shown.append(indent(label.append("  not started yet", style="dim"), 2))
            continue
        if not verbose:
            tests = [test for test in tests if not test.passed]
        if tests:
            shown.append(indent(label, 2))
            shown.append(checks_block(tests, verbose=verbose))
    return shown


def next_steps(result: SubmissionResult) -> list[RenderableType]:
    """What to do next: the first kata (catalog order) not passed, its first failing check."""
    pending = [kata for kata in result.katas if kata.status != "passed"]
    if not pending:
        return [Text("Every check passes. Well done!", style="bold green")]
    kata = min(pending, key=lambda k: ORDER.get(k.name, len(ORDER) + 1))
    steps: list[RenderableType] = [Text.assemble("Next: ", (kata.name, "bold"), f" — {kata.title}")]
    if kata.error is None and kata.failures and not not_started(kata):
        steps.append(indent(Text(f"first failing check: {kata.failures[0].description}"), 6))
    steps.append(indent(Text.assemble("stuck? ", (f"kata hint {kata.name}", "bold"), " · ready? ",
                                       (f"kata check {kata.name}", "bold")), 6))
    return steps


def render(result: SubmissionResult, console: Console, *, verbose: bool = False) -> None:
    """Print ``result`` for a learner; ``verbose`` shows passing checks too."""
    percent = f" ({result.score / result.max_score:.0%})" if result.max_score else ""
    console.print(Text.assemble(("pykata", "bold"), f" · {printable(result.submission)}  ",
                                (score_text(result.score, result.max_score), "bold"),
                                f" points{percent}"))
    console.print(table(result, console.width))
    for kata in result.katas:
        if verbose or kata.status != "passed":
            for part in _kata_section(kata, verbose=verbose):
                console.print(part)
    if result.integrity:
        console.print(Text("\nIntegrity flags (for the teacher)", style="bold magenta"))
        for finding in result.integrity:
            console.print(indent(Text.assemble(
                (f"{finding.kata}:{finding.line}", "bold"), f"  {finding.rule}  ",
                printable(finding.message)), 2))
    console.print()
    for part in next_steps(result):
        console.print(part)
    if result.isolation:
        console.print(Text(f"sandbox: {', '.join(result.isolation)} · "
                           f"{result.duration_s:.1f} s", style="dim"))
