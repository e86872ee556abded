"""Per-learner feedback as Markdown, for ``kata batch``'s ``feedback/<id>.md``.

Written to read well rendered (a browser, an LMS comment box) and raw: the total, a table
with one row per kata, then every kata that is not done with its failing checks grouped by
task, import errors, a nudge (the first hint of the first failing task) and what to do next.
Integrity flags are for teachers and never appear here.

Learner-controlled text (messages, errors, the submission's name) is shown in code spans or
escaped, so nothing a learner returns can inject markup or HTML into the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from grader.course import Course
from grader.reporters import printable
from grader.reporters.text import not_started, score_text, task_label
from grader.results import KataResult, SubmissionResult, TestOutcome

MARK: Final = {"passed": "✓"}  # every other status, known or new, is a ✗
STATUS_NOTE: Final = {"timeout": " (took too long)", "crashed": " (the process crashed)",
                      "tampered": " (your code changed what the grader observes: 0 points)"}
KATA_STATUS: Final = {"passed": "✓ done", "failed": "✗ not yet", "error": "✗ does not import"}
NOT_STARTED: Final = "· not started"
MESSAGE_CHARS: Final = 160
# Backslash-escaping these (all ASCII punctuation may be escaped in CommonMark) keeps plain
# text plain: no emphasis from __name__, no links, no HTML, no broken table cells.
_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|~&#])")


def escape(text: str) -> str:
    """``text`` as literal Markdown inline text, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(printable(text).split()))


def code(text: str) -> str:
    """``text`` as one inline code span, its first line trimmed to ``MESSAGE_CHARS``."""
    lines = printable(text).strip().splitlines() or [""]
    line = lines[0]  # never inside a table, where a pipe would end the cell
    if len(line) > MESSAGE_CHARS or len(lines) > 1:
        line = line[: MESSAGE_CHARS - 1].rstrip() + "…"
    ticks = "`" * (max((len(run) for run in re.findall("`+", line)), default=0) + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{ticks}{pad}{line}{pad}{ticks}"


def _number(kata: KataResult, fallback: int) -> int:
    return kata.position or fallback


def _task_heading(test: TestOutcome) -> str:
    return f"### {task_label(test).removesuffix(test.task)}`{test.task}`"


def _table(result: SubmissionResult, tracks: Mapping[str, str]) -> list[str]:
    rows = ["| # | Kata | Score | Status |", "|--:|:-----|------:|:-------|"]
    grouped = len({kata.track for kata in result.katas}) > 1
    track = None
    for index, kata in enumerate(result.katas, start=1):
        if grouped and kata.track != track:
            track = kata.track
            rows.append(f"| | *{escape(tracks.get(track, track))}* | | |")
        status = NOT_STARTED if not_started(kata) else KATA_STATUS[kata.status]
        rows.append(f"| {_number(kata, index)} | **{escape(kata.name)}** — {escape(kata.title)} "
                    f"| {score_text(kata.score, kata.max_score)} | {status} |")
    return rows


def _checks(tests: list[TestOutcome]) -> list[str]:
    """One task's failing checks; a message just shown is not repeated."""
    lines: list[str] = []
    previous = ""
    for test in tests:
        lines.append(f"- {MARK.get(test.status, '✗')} {escape(test.description)}"
                     f"{STATUS_NOTE.get(test.status, '')}")
        if test.message and test.message != previous:
            lines.append(f"  - {code(test.message)}")
        previous = test.message
    return lines


def _kata_section(kata: KataResult, number: int) -> list[str]:
    lines = [f"## {number} · {escape(kata.name)} — {escape(kata.title)} · "
             f"{score_text(kata.score, kata.max_score)}", ""]
    if kata.error is not None:
        lines += [f"**Import error:** {code(kata.error)}", "",
                  f"None of the {len(kata.tests)} checks of this kata could run: "
                  "fix this first, then check again.", ""]
        return lines
    by_task: dict[str, list[TestOutcome]] = {}
    for test in kata.failures:
        by_task.setdefault(test.task, []).append(test)
    for task, tests in by_task.items():
        lines += [_task_heading(tests[0]), "", *_checks(tests), ""]
    return lines


def _nudge(kata: KataResult, nudges: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The first hint of the first failing task, when the course gave one."""
    if kata.error is not None or not kata.failures:
        return []
    task = kata.failures[0].task
    hint = nudges.get(kata.name, {}).get(task)
    return [f"> **Nudge** (task `{task}`): {hint}", ""] if hint else []


def _next_steps(result: SubmissionResult, nudges: Mapping[str, Mapping[str, str]]) -> list[str]:
    lines = ["## What to do next", ""]
    pending = [kata for kata in result.katas if kata.status != "passed"]
    if not pending:
        return lines + ["Every check passes. Well done!", ""]
    kata = min(pending, key=lambda k: k.position)
    name = escape(kata.name)
    if kata.error is not None:
        lines += [f"Start with **{name}**: make `{kata.name}.py` import "
                  "(the error is shown above).", ""]
    elif not_started(kata):
        lines += [f"Start with **{name}** — {escape(kata.title)}.", ""]
    else:
        lines += [f"Continue with **{name}**: the first check still failing is "
                  f"“{escape(kata.failures[0].description)}”", ""]
    lines += _nudge(kata, nudges)
    lines += [f"Check your work with `kata check {kata.name}`; `kata hint {kata.name}` gives "
              "more hints, one at a time.", ""]
    return lines


@dataclass(frozen=True)
class Guide:
    """What the feedback page takes from the course: per kata and task the first hint (the
    nudge), and the tracks' titles."""

    nudges: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    tracks: Mapping[str, str] = field(default_factory=dict)


def render(result: SubmissionResult, *, problem: str | None = None,
           guide: Guide | None = None) -> str:
    """The feedback page for ``result``; ``problem`` says why the submission could not be
    graded; ``guide`` gives the nudges and track titles (see :func:`guide_of`)."""
    guide = guide or Guide()
    percent = f" ({result.score / result.max_score:.0%})" if result.max_score else ""
    lines = [f"# Feedback for {escape(result.submission)}", "",
             f"**Total: {score_text(result.score, result.max_score)} points{percent}**", ""]
    if problem is not None:
        return "\n".join(lines + [
            f"**Your submission could not be graded:** {code(problem)}", "",
            "## What to do next", "",
            "Hand in your kata modules as a folder, as a `.zip` of that folder, or as the "
            "course notebook (`.ipynb`), then ask your teacher to grade it again.", ""])
    lines += [*_table(result, guide.tracks), ""]
    untouched = [kata for kata in result.katas if not_started(kata)]
    if untouched:
        names = ", ".join(f"**{escape(kata.name)}**" for kata in untouched)
        lines += [f"Not started yet: {names} (every task still raises `NotImplementedError`).", ""]
    for index, kata in enumerate(result.katas, start=1):
        if kata.status != "passed" and not not_started(kata):
            lines += _kata_section(kata, _number(kata, index))
    return "\n".join(lines + _next_steps(result, guide.nudges))


def guide_of(course: Course) -> Guide:
    """The course's first hint of each task (what the page offers as a nudge), and its
    tracks' titles."""
    return Guide(nudges={kata.name: {task.name: task.hints[0] for task in kata.tasks
                                     if task.hints} for kata in course.katas},
                 tracks=course.track_titles)
