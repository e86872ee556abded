"""``kata dev check [DIR]`` proves a course; ``kata dev new DIR`` starts one that passes it.

The gates, in order (each finding is one line that names the file to fix):

1. ``course.toml`` and every kata's metadata read (a broken one stops here, named);
2. the course and its files agree: each listed kata has its stub, solution, hidden tests and
   metadata, and no module sits in those folders unlisted;
3. every kata teaches: a one-sentence summary and at least two hints per task, a module
   docstring, a docstring on each public function and class of the stub;
4. stub and solution have the same public API, and each task is named in the stub;
5. the hidden tests collect, every task has a check, every check a one-line docstring, and
   the visible checks named in the metadata exist;
6. every stub imports and scores 0; every solution scores full marks with no integrity flag,
   and the hidden tests run 100% of its lines and branches;
7. every wrong answer of the corpus (``<wrong_answers>/<kata>/<name>.mistake``) loses
   exactly the checks its ``# loses:`` line names.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from grader import course as courses
from grader import engine, safe, submission
from grader.course import Course, Kata
from grader.errors import UsageError
from grader.measure import CoverageRun
from grader.results import SubmissionResult
from grader.sandbox import Sandbox
from grader.submission import Submission

MISTAKE: Final = ".mistake"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a course: the file to look at, and what is wrong with it."""

    path: str  # relative to the course folder when it is inside it
    message: str

    def __str__(self) -> str:
        return safe.line(f"{self.path}: {self.message}" if self.path else self.message)


class _Findings(list[Finding]):
    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def add(self, path: Path, message: str) -> None:
        try:
            shown = path.relative_to(self.root).as_posix()
        except ValueError:
            shown = str(path)
        self.append(Finding(shown, message))


# ---------------------------------------------------------------- the gates


def check(root: Path, *, jobs: int = 2, coverage: bool = True,
          progress: Callable[[str], None] = lambda _line: None) -> list[Finding]:
    """Every finding of the course in ``root``; none when it passes every gate."""
    root = root.resolve()
    found = _Findings(root)
    try:
        course = courses.load(root)
    except courses.CourseError as exc:
        found.append(Finding("", str(exc).replace(f"{root}/", "")))  # it names the file
        return found
    progress(f"course {course.title}: {len(course.katas)} katas in {len(course.tracks)} "
             f"track{'s' * (len(course.tracks) != 1)}")
    _files(course, found)
    present = [kata for kata in course.katas if _has_files(course, kata)]
    for kata in present:
        _teaches(course, kata, found)
        _same_api(course, kata, found)
    checks = _checks(course, present, found)
    gradable = [kata for kata in present if checks.get(kata.name)]
    if gradable:
        progress(f"grading the stubs and solutions of {len(gradable)} katas")
        # One sandbox grades the stubs and the wrong answers; the solutions get their own,
        # trusted one, which measures coverage.
        with Sandbox(limits=engine.limits_for(course),
                     packages=course.packages_for(gradable)) as box:
            box.preload(engine.probes_of({kata.name: checks[kata.name] for kata in gradable}))
            _scores(course, gradable, checks, found, box=box, coverage=coverage)
            entries = _corpus(course, found)
            if entries:
                progress(f"grading {len(entries)} wrong answers")
                _wrong_answers(course, entries, checks, found, box=box, jobs=jobs)
    return found


def _kata_files(course: Course, kata: Kata) -> dict[str, Path]:
    return {"stub": course.katas_dir / kata.filename,
            "solution": course.solutions_dir / kata.filename,
            "hidden tests": course.hidden_file(kata)}


def _has_files(course: Course, kata: Kata) -> bool:
    return all(path.is_file() for path in _kata_files(course, kata).values())


def _files(course: Course, found: _Findings) -> None:
    listed = {kata.name for kata in course.katas}
    for kata in course.katas:
        for kind, path in _kata_files(course, kata).items():
            if not path.is_file():
                found.add(path, f"missing: the {kind} of the kata {kata.name} (listed in "
                                f"{courses.COURSE_FILE})")
    for folder, prefix in ((course.katas_dir, ""), (course.solutions_dir, ""),
                           (course.hidden_dir, "test_")):
        for path in sorted(folder.glob(f"{prefix}*.py")) if folder.is_dir() else ():
            name = path.stem.removeprefix(prefix)
            if not path.stem.startswith("_") and name not in listed:
                found.add(path, f"the kata {name} is not in any track of {courses.COURSE_FILE}: "
                                "list it there, or remove the file")
    meta = course.meta_dir
    for path in sorted(meta.glob("*.toml")) if meta.is_dir() else ():
        if path.stem not in listed:
            found.add(path, f"the kata {path.stem} is not in any track of {courses.COURSE_FILE}")


def _teaches(course: Course, kata: Kata, found: _Findings) -> None:
    meta = course.meta_dir / f"{kata.name}.toml"
    for number, task in enumerate(kata.tasks, start=1):
        if not task.summary.rstrip().endswith(".") or "\n" in task.summary.strip():
            found.add(meta, f"task {number} ({task.name}): the summary is one sentence, "
                            "ending with a period")
        if len(task.hints) < 2:
            found.add(meta, f"task {number} ({task.name}): give at least two hints, from a "
                            "nudge to a near-answer")


def _public(path: Path, found: _Findings) -> dict[str, str] | None:
    """The module's public functions and classes (a function with its parameters)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (SyntaxError, ValueError) as exc:
        found.add(path, f"does not parse: {exc}")
        return None
    if not ast.get_docstring(tree):
        found.add(path, "the module docstring teaches the kata's idea: it has none")
    api: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                and not node.name.startswith("_"):
            if not ast.get_docstring(node):
                found.add(path, f"line {node.lineno}: {node.name} needs a docstring")
            api[node.name] = ast.dump(node.args) if not isinstance(node, ast.ClassDef) else ""
    return api


def _same_api(course: Course, kata: Kata, found: _Findings) -> None:
    stub_path = course.katas_dir / kata.filename
    stub = _public(stub_path, found)
    solution = _public(course.solutions_dir / kata.filename, found)
    if stub is None or solution is None:
        return
    for name in sorted(set(stub) ^ set(solution)):
        where = "stub" if name in stub else "solution"
        found.add(stub_path, f"{name} is public in the {where} only: stub and solution share "
                             "their public API")
    for name in sorted(set(stub) & set(solution)):
        if stub[name] != solution[name]:
            found.add(stub_path, f"{name} takes other parameters than in the solution")
    text = stub_path.read_text(encoding="utf-8", errors="replace")
    for number, task in enumerate(kata.tasks, start=1):
        if task.name not in stub and task.name not in text:
            found.add(stub_path, f"task {number} ({task.name}) is not in the stub")


def _checks(course: Course, katas: Sequence[Kata], found: _Findings
            ) -> dict[str, list[engine.Check]]:
    checks: dict[str, list[engine.Check]] = {}
    for kata in katas:
        path = course.hidden_file(kata)
        try:
            checks[kata.name] = engine.collect(course, [kata])[kata.name]
        except UsageError as exc:
            found.add(path, str(exc).removeprefix("the hidden tests could not be collected: "))
            continue
        got = checks[kata.name]
        tasks = {check.task for check in got}
        for number, task in enumerate(kata.tasks, start=1):
            if number not in tasks:
                found.add(path, f"task {number} ({task.name}) has no check: mark one with "
                                f"@task({number})")
        for check in got:
            if not 1 <= check.task <= len(kata.tasks):
                found.add(path, f"{check.id}: @task({check.task}) names no task of {kata.name}")
            if not (check.function.__doc__ or "").strip():
                found.add(path, f"{check.id}: give the check a one-line docstring (the "
                                "feedback a learner reads)")
        names = {check.id.split("::", 1)[1] for check in got}
        for name in kata.visible:
            if name not in names:
                found.add(course.meta_dir / f"{kata.name}.toml",
                          f"visible: {name} is no check of {path.name}")
    return checks


def _failures(result: SubmissionResult) -> Iterable[str]:
    for kata in result.katas:
        if kata.error is not None:
            yield f"{kata.name}: {kata.error}"
        for test in kata.tests:
            if not test.passed:
                yield f"{test.id} is {test.status}: {test.message.splitlines()[0] if test.message else ''}"


def _scores(course: Course, katas: Sequence[Kata], checks: dict[str, list[engine.Check]],
            found: _Findings, *, box: Sandbox, coverage: bool) -> None:
    limits = engine.limits_for(course)
    packages = course.packages_for(katas)
    stubs = submission.load(course.katas_dir, katas)
    result = engine.grade(stubs, sandbox_=box, checks=checks, katas=katas)
    for kata in result.katas:
        path = course.katas_dir / f"{kata.name}.py"
        if kata.error is not None:
            found.add(path, f"the stub does not import: {kata.error}")
        elif kata.score:
            passing = [test.id for test in kata.tests if test.passed]
            found.add(path, f"the stub scores {kata.score:g}, not 0: {', '.join(passing[:3])} "
                            "pass without any work")
    solutions = submission.load(course.solutions_dir, katas)
    run = CoverageRun() if coverage else None
    try:
        with Sandbox(limits=limits, packages=packages,
                     coverage=run.settings if run is not None else None) as box:
            result = engine.grade(solutions, sandbox_=box, checks=checks, katas=katas)
            report = (run.report(box.workroot, course.solutions_dir,
                                 [kata.filename for kata in katas]) if run is not None else None)
    finally:
        if run is not None:
            run.close()
    for graded in result.katas:
        path = course.solutions_dir / f"{graded.name}.py"
        for line in _failures(SubmissionResult(result.submission, (graded,))):
            found.add(path, f"the solution does not score full marks: {line}")
    for finding in result.integrity:  # the kata's own permits are already left out
        found.add(course.solutions_dir / f"{finding.kata}.py",
                  f"line {finding.line}: integrity flag {finding.rule}: {finding.message}")
    if report is not None and report[0] < 100.0:
        for file, missed in _uncovered(report[1]):
            found.add(course.solutions_dir / file, f"the hidden tests do not run all of it: {missed}")


def _uncovered(table: str) -> list[tuple[str, str]]:
    """(file, what is missed) per file below 100% in coverage's text report."""
    missed = []
    for line in table.splitlines():
        words = line.split()
        if words and words[0].endswith(".py") and len(words) >= 6 and words[5] != "100%":
            rest = " ".join(words[6:])
            missed.append((words[0], f"{words[5]} of lines and branches"
                                     + (f", missing {rest}" if rest else "")))
    return missed or [("", "below 100% of lines and branches")]


# ---------------------------------------------------------------- the wrong-answer corpus


def _corpus(course: Course, found: _Findings) -> list[Path]:
    folder = course.wrong_answers_dir
    if not folder.is_dir():
        return []
    entries = sorted(folder.glob(f"*/*{MISTAKE}"))
    known = {kata.name for kata in course.katas}
    for path in entries:
        if path.parent.name not in known:
            found.add(path, f"{path.parent.name} is no kata of the course")
    return [path for path in entries if path.parent.name in known]


def parse_mistake(path: Path) -> tuple[set[str], list[tuple[str, str]]]:
    """A corpus entry: the checks it must lose, and its (solution text, mistaken text) edits.

        # loses: test_a, test_b
        # What the mistake is, in one line.
        <<< solution
        ...the text as the solution has it...
        === mistake
        ...the text as the learner wrote it...
        >>>

    Raises ValueError saying what is malformed."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if not lines or not lines[0].startswith("# loses: "):
        raise ValueError("the first line must be '# loses: test_...'")
    if len(lines) < 2 or not lines[1].startswith("# "):
        raise ValueError("the second line says what the mistake is, as a '# ' comment")
    loses = {name.strip() for name in lines[0].removeprefix("# loses: ").split(",") if name.strip()}
    edits, rest = [], lines[2:]
    while rest:
        if rest[0] != "<<< solution\n":
            raise ValueError(f"expected '<<< solution', got {rest[0].rstrip()!r}")
        try:
            middle, end = rest.index("=== mistake\n"), rest.index(">>>\n")
        except ValueError:
            raise ValueError("an edit needs '=== mistake' and '>>>' lines") from None
        edits.append(("".join(rest[1:middle]), "".join(rest[middle + 1:end])))
        rest = rest[end + 1:]
    if not edits:
        raise ValueError("no edits")
    return loses, edits


def apply_mistake(source: str, edits: Sequence[tuple[str, str]]) -> str:
    """``source`` with each edit made; ValueError when a solution text is not there once."""
    for old, new in edits:
        if source.count(old) != 1:
            raise ValueError(f"this text is not in the solution exactly once: {old.strip()[:60]!r}")
        source = source.replace(old, new)
    return source


def grade_mistake(course: Course, path: Path, checks: dict[str, list[engine.Check]],
                  box: Sandbox) -> tuple[set[str], set[str], str | None]:
    """(the checks the entry says it loses, those it lost, an error) for one corpus entry."""
    kata = course.get(path.parent.name)
    loses, edits = parse_mistake(path)
    source = (course.solutions_dir / kata.filename).read_text(encoding="utf-8")
    files = {kata.filename: apply_mistake(source, edits).encode()}
    result = engine.grade(Submission(path.stem, files), sandbox_=box, checks=checks,
                          katas=(kata,)).katas[0]
    return loses, {test.id.split("::")[1] for test in result.tests if not test.passed}, result.error


def _wrong_answers(course: Course, entries: Sequence[Path], checks: dict[str, list[engine.Check]],
                   found: _Findings, *, box: Sandbox, jobs: int) -> None:
    def one(path: Path) -> tuple[Path, tuple[set[str], set[str], str | None] | Exception]:
        try:
            return path, grade_mistake(course, path, checks, box)
        except Exception as exc:  # a malformed entry: reported as a finding
            return path, exc

    with ThreadPoolExecutor(max(1, jobs)) as pool:
        graded = list(pool.map(one, entries))
    for path, outcome in graded:
        if isinstance(outcome, Exception):
            found.add(path, str(outcome))
            continue
        loses, lost, error = outcome
        if error is not None:
            found.add(path, f"the mistaken solution does not import: {error}")
        elif lost != loses:
            extra, kept = sorted(lost - loses), sorted(loses - lost)
            said = ([f"also loses {', '.join(extra)}"] if extra else []) + (
                [f"does not lose {', '.join(kept)}"] if kept else [])
            found.add(path, f"{'; '.join(said)} (a wrong answer loses exactly its listed checks)")


# ---------------------------------------------------------------- the command


def run(root: Path, *, jobs: int = 2) -> int:
    """``kata dev check``: print each finding on a line and a verdict; 0 when none."""
    def say(line: str) -> None:
        print(f"dev check: {safe.console(line)}", flush=True)

    if not root.is_dir():
        raise UsageError(f"{root}: no such folder (kata dev check DIR names a course folder)")
    findings = check(root, jobs=jobs, progress=say)
    for finding in findings:
        print(safe.console(str(finding)))
    if findings:
        say(f"{len(findings)} finding{'s' * (len(findings) != 1)}: the course does not pass")
        return 1
    say("the course passes every gate")
    return 0


def new(folder: Path) -> int:
    """``kata dev new DIR``: write a course with one example kata that passes dev check."""
    from grader import scaffold

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder}: exists and is not empty; name a new folder for the course")
    scaffold.write(folder)
    print(f"Wrote a course to {folder}: course.toml, one example kata (katas/, solutions/, "
          "hidden/, meta/) and a wrong answer (wrong_answers/).")
    print(f"Next: kata dev check {folder}   then add your katas: their files and one line in "
          "course.toml each; dev check names what is missing.")
    return 0
