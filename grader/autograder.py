"""Gradescope's ``run_autograder``, as ``python -m grader.autograder``: find the work, grade it,
always write ``results.json``.

Students upload however they like: loose ``.py`` files, their ``katas/`` folder or any other
one folder, a zip, a notebook. :func:`locate` finds the kata modules (or notebook) wherever
they are; when nothing can be graded, the result still says so, to the student, in one
sentence. The student sees the scores and each check's output (which says how a check did not
pass); the instructor-only stdout adds where the work was found, the sandbox layers in force,
integrity flags and tampered checks. Nothing in here raises: any failure becomes a result.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from grader import course as courses
from grader import engine, safe, submission
from grader.course import Kata
from grader.reporters import gradescope
from grader.reporters.json_report import dump
from grader.results import SubmissionResult

SOURCE: Final = Path("/autograder/source")  # where Gradescope unpacks the autograder zip
SUBMISSION: Final = Path("/autograder/submission")
RESULTS: Final = Path("/autograder/results/results.json")
VENV: Final = Path("/opt/pykata")  # made by setup.sh
CONFIG: Final = "pykata-gradescope.json"
COURSE: Final = "course"  # the zip's course folder: course.toml, meta/ and the hidden tests
CONFIG_SCHEMA: Final = "pykata-gradescope/1"
MAX_DEPTH: Final = 4  # folders below the upload searched for the kata modules
MAX_ENTRIES: Final = 5000  # entries looked at before the search gives up
SKIPPED: Final = ("__MACOSX", "__pycache__", "node_modules", "site-packages")
UPLOAD_HELP: Final = ("Upload your kata files (such as {first}), your katas folder, a zip of "
                      "it, or your notebook, then submit again.")


def config(katas: Sequence[Kata], *, visibility: str = "visible",
           rules: dict[str, str] | None = None, feedback: str = "brief") -> dict[str, Any]:
    """The zip's ``pykata-gradescope.json``: what to grade and who sees what.

    ``feedback`` is brief by default: students may resubmit, so no diff of a hidden expected
    value is shown.
    """
    return {"schema": CONFIG_SCHEMA, "katas": [kata.name for kata in katas],
            "feedback": feedback, "visibility": visibility, "rules": dict(rules or {})}


@dataclass(frozen=True)
class Found:
    """Where the work is (a folder of kata modules, a zip or a notebook), and how it was found."""

    path: Path | None
    note: str


def _entries(top: Path) -> list[tuple[int, Path]]:
    """(depth, path) under ``top``, breadth first, hidden and tool folders left out."""
    found: list[tuple[int, Path]] = []
    queue = [(0, top)]
    while queue and len(found) < MAX_ENTRIES:
        depth, folder = queue.pop(0)
        try:
            children = sorted(folder.iterdir(), key=lambda p: os.fsencode(p.name))
        except OSError:
            continue
        for child in children:
            if child.name.startswith(".") or child.name in SKIPPED or child.is_symlink():
                continue
            found.append((depth, child))
            if child.is_dir() and depth < MAX_DEPTH:
                queue.append((depth + 1, child))
    return found


def locate(top: Path, katas: Sequence[Kata]) -> Found:
    """The kata modules under ``top``: the folder holding the most of them (the shallowest of
    equals); else a zip, else a notebook. ``path`` is None when there is nothing to grade."""
    names = {kata.filename for kata in katas}
    entries = _entries(top)
    counts: dict[Path, tuple[int, int]] = {}
    for depth, path in entries:
        if path.name in names and path.is_file():
            count, _ = counts.get(path.parent, (0, depth))
            counts[path.parent] = (count + 1, depth)
    where = _relative(top)
    if counts:
        folder = min(counts, key=lambda f: (-counts[f][0], counts[f][1], os.fsencode(str(f))))
        return Found(folder, f"kata modules in {where(folder)}")
    for suffix, kind in ((".zip", "zip"), (".ipynb", "notebook")):
        candidates = [path for _, path in entries if path.suffix.lower() == suffix
                      and path.is_file()]
        if candidates:
            chosen = candidates[0]
            others = f" ({len(candidates) - 1} other {kind}s left out)" if candidates[1:] else ""
            return Found(chosen, f"the {kind} {where(chosen)}{others}")
    return Found(None, "no kata module, zip or notebook in the upload")


def _relative(top: Path) -> Callable[[Path], str]:
    """How a path under the upload is named to the student: relative, made safe."""
    def show(path: Path) -> str:
        relative = path.relative_to(top).as_posix()
        return safe.line("the top of the upload" if relative == "." else f"{relative}/"
                         if path.is_dir() else relative)
    return show


def _nothing(message: str, katas: Sequence[Kata]) -> dict[str, Any]:
    """A results.json that scores 0 and tells the student why and what to do."""
    first = katas[0].filename if katas else "copying.py"
    return {"score": 0, "output": f"{message} {UPLOAD_HELP.format(first=first)}",
            "stdout_visibility": "hidden", "tests": []}


def grade(upload: Path, settings: dict[str, Any], course: courses.Course | None = None
          ) -> tuple[dict[str, Any], list[str]]:
    """(results.json data, instructor-only lines) for the work under ``upload``, graded with
    ``course`` (default: the course installed with the grader)."""
    course = course or courses.default()
    katas = course.select(list(settings.get("katas") or []))
    found = locate(upload, katas)
    lines = [f"pykata: {found.note}"]
    if found.path is None:
        return _nothing("Nothing could be graded: your upload holds no kata module (.py), zip "
                        "or notebook.", katas), lines
    try:
        work = submission.load(found.path, katas)
    except Exception as exc:  # an unreadable zip or notebook: the student's to fix
        reason = safe.line(str(exc).replace(str(found.path), found.path.name))
        lines.append(f"pykata: could not read it: {reason}")
        return _nothing(f"Nothing could be graded: {reason}.", katas), lines
    if not any(kata.filename in work.files or kata.filename in work.problems for kata in katas):
        lines.append("pykata: no kata module in it")
        return _nothing(f"Nothing could be graded: {found.path.name} holds no kata module.",
                        katas), lines
    result = engine.check(work, course, katas, feedback=str(settings.get("feedback", "brief")))
    data = gradescope.to_dict(result, visibility=str(settings.get("visibility", "visible")),
                              rules=dict(settings.get("rules") or {}))
    data["output"] = f"{data['output']}\nGraded: {found.note}."
    return data, lines + instructor_lines(result)


def instructor_lines(result: SubmissionResult) -> list[str]:
    """What only the instructor sees (stdout): sandbox layers, integrity flags, tampering."""
    lines = [f"pykata: score {result.score:g}/{result.max_score:g}",
             "pykata: sandbox: " + (", ".join(result.isolation) or "unknown")]
    for finding in result.integrity:
        lines.append(safe.line(f"pykata: integrity: {finding.kata}.py line {finding.line}: "
                               f"{finding.rule}: {finding.message}"))
    for kata in result.katas:
        for test in kata.tests:
            if test.status == "tampered":
                lines.append(safe.line(f"pykata: tampered: {test.id}: {test.message}"))
    if not result.integrity:
        lines.append("pykata: integrity: no flags")
    return lines


def run(*, upload: Path, results: Path, settings_file: Path, course_dir: Path | None = None
        ) -> int:
    """Grade ``upload`` into ``results`` with the course in ``course_dir`` (default: the one
    installed with the grader); always writes it, and returns 0 once it is written."""
    try:
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
        if not isinstance(settings, dict) or settings.get("schema") != CONFIG_SCHEMA:
            raise ValueError(f"{settings_file.name} is not a {CONFIG_SCHEMA} file")
        course = courses.load(course_dir) if course_dir is not None else None
        data, lines = grade(upload, settings, course)
    except Exception as exc:  # the grader's own failure: the student is told, the teacher sees why
        traceback.print_exc(file=sys.stdout)
        data = {"score": 0, "stdout_visibility": "hidden", "tests": [],
                "output": "The autograder failed on this submission, so nothing was graded "
                          f"({type(exc).__name__}). Your teacher can see the details."}
        lines = [f"pykata: the autograder failed: {safe.line(f'{type(exc).__name__}: {exc}')}"]
    for line in lines:
        print(safe.console(line))
    results.parent.mkdir(parents=True, exist_ok=True)
    temp = results.with_name(f".{results.name}.tmp")
    temp.write_text(dump(data), encoding="utf-8")
    os.replace(temp, results)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.autograder",
                                     description="Gradescope's run_autograder, for pykata.")
    parser.add_argument("--submission", type=Path, default=SUBMISSION)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--config", type=Path, default=SOURCE / CONFIG)
    parser.add_argument("--course", type=Path, default=None,
                        help="the course folder (default: the one installed with the grader)")
    args = parser.parse_args(argv)
    return run(upload=args.submission, results=args.results, settings_file=args.config,
               course_dir=args.course)


if __name__ == "__main__":
    sys.exit(main())
