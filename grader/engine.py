"""The grading engine: hidden tests collected once, then run against any number of submissions.

pytest collects the hidden tests (so their asserts are rewritten and their markers read) once
per process; each check is then a plain call of the test function with a :class:`Learner`
handle, in this process, while the learner's code runs in a sandboxed learner process.
Scores come from this process's own list of checks and points, never from the learner.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, Final

from grader import collection, safe, sandbox, workers
from grader.course import Course, Kata
from grader.errors import UsageError
from grader.integrity import scan
from grader.results import (IntegrityFinding, KataResult, SubmissionResult, TestOutcome,
                            TestStatus)
from grader.sandbox import LearnerError, LearnerProcess, Limits, Sandbox
from grader.submission import Submission

MESSAGE_LIMIT: Final = 600
PRINTED_LIMIT: Final = 160
TEST_TIMEOUT: Final = 10.0
# One submission at a time per CPU: a class's worker processes are pinned one per CPU, and a
# second thread in each (twice the CPUs) measured 3-14% slower in 5 of 6 interleaved runs.
DEFAULT_JOBS: Final = len(workers.usable_cpus()) or os.cpu_count() or 1
LANES: Final = min(2, os.cpu_count() or 1)  # learner processes side by side for one submission
OUT_OF_TIME: Final = "this submission used up its time (slow imports or endless loops)"
NO_HIDDEN_TESTS: Final = ("this pack has no hidden tests: hand in your katas folder (or notebook) "
                          "to your teacher, who grades it with kata batch")


class NoHiddenTests(UsageError):
    """The grader has no hidden tests at all: it came from a student pack (``kata release``)."""


def has_hidden_tests(hidden_dir: Path) -> bool:
    """False in a student pack that ships no visible checks: ``kata check`` cannot grade."""
    return any(hidden_dir.glob("test_*.py"))


def gradable(course: Course, katas: Sequence[Kata] | None = None) -> tuple[Kata, ...]:
    """``katas`` (default: all of ``course``'s), or in a student pack those it ships visible
    checks for; :class:`NoHiddenTests` when that leaves none."""
    katas = tuple(course.katas if katas is None else katas)
    if not course.pack:
        return katas
    katas = tuple(kata for kata in katas if kata.visible)
    if not katas:
        raise NoHiddenTests(NO_HIDDEN_TESTS)
    return katas


def limits_for(course: Course, **changes: Any) -> Limits:
    """The sandbox limits of ``course``'s runtime, with ``changes`` (say a --timeout) on top."""
    return replace(Limits(), **{**course.limits, **changes})


@dataclass(frozen=True)
class Check:
    """One hidden test, as collected: everything needed to run and score it."""

    id: str
    kata: str
    task: int
    points: float
    description: str
    function: Callable[..., Any]


class Learner:
    """What a hidden test's ``learner`` argument is: a way to run probes, and nothing more."""

    def __init__(self, process: LearnerProcess, budget: float, module: str | None = None) -> None:
        self._process = process
        self._module = module
        self._deadline = time.monotonic() + budget

    def run(self, probe: Callable[..., Any], *args: Any) -> Any:
        """Run ``probe(module, *args)`` in the learner process; return the plain data it made."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise sandbox.ProbeTimeout(f"the check ran out of its {TEST_TIMEOUT:g} s budget")
        limit = min(left, self._process.workspace.sandbox.limits.probe_timeout)
        return self._process.run(probe, *args, timeout=limit, module=self._module)


def collect(course: Course, katas: Sequence[Kata] | None = None) -> dict[str, list[Check]]:
    """Collect the hidden tests of ``katas`` (default: all of ``course``'s): kata name -> its
    checks, in file order.

    The modules are loaded directly, asserts rewritten by pytest's rewriter (see
    ``grader.collection``); a module that needs a real pytest session is collected by one."""
    katas = course.katas if katas is None else katas
    hidden_dir = course.hidden_dir
    files = [course.hidden_file(kata) for kata in katas]
    missing = [name for name in files if not name.is_file()]
    if missing and not has_hidden_tests(hidden_dir):
        raise NoHiddenTests(NO_HIDDEN_TESTS)
    if missing:
        raise UsageError(f"hidden tests not found: {missing[0]}")
    checks: dict[str, list[Check]] = {kata.name: [] for kata in katas}
    for kata, path in zip(katas, files):
        try:
            tests = collection.load(path)
        except Exception as exc:
            raise UsageError(f"the hidden tests could not be collected: {path.name}: "
                             f"{type(exc).__name__}: {exc}") from None
        if tests is None:
            return _collect_with_pytest(course, katas)
        for name, function, marks in tests:
            checks[kata.name].append(_check(kata.name, name, function, marks.get("task"),
                                            marks.get("points")))
    return checks


def _check(kata: str, name: str, function: Callable[..., Any], task: Sequence[Any] | None,
           points: Sequence[Any] | None) -> Check:
    """A collected test as a check: its marks' arguments (if any) give task and points."""
    return Check(id=f"{kata}::{name}", kata=kata, task=task[0] if task else 1,
                 points=float(points[0]) if points else 1.0,
                 description=(function.__doc__ or name).strip().splitlines()[0],
                 function=function)


def _collect_with_pytest(course: Course, katas: Sequence[Kata]) -> dict[str, list[Check]]:
    """Collect with a pytest session (parametrized tests, fixtures): slower, always right."""
    import pytest

    class Collector:
        items: list[Any] = []

        @pytest.hookimpl
        def pytest_collection_finish(self, session: Any) -> None:
            """Keep the collected items."""
            self.items = list(session.items)

    hidden_dir = course.hidden_dir
    files = [str(course.hidden_file(kata)) for kata in katas]  # collect() saw them
    collector = Collector()
    args = ["--collect-only", "-q", "-p", "no:cacheprovider", "-p", "grader.plugin",
            "--import-mode=importlib", "--rootdir", str(hidden_dir), "-c", "/dev/null", *files]
    # Only our own plugin: installed ones would slow collection down and could change it.
    autoload = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = pytest.main(args, plugins=[collector])
    finally:
        if autoload is None:
            del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = autoload
    if code not in (0, 5):
        raise UsageError(f"the hidden tests could not be collected:\n{out.getvalue()[-2000:]}")
    checks: dict[str, list[Check]] = {kata.name: [] for kata in katas}
    owner = {course.hidden_file(kata).resolve(): kata.name for kata in katas}
    for item in collector.items:
        kata = owner.get(Path(str(item.path)).resolve())
        if kata is None:  # a test the plugin collected from a shared helper module
            continue
        points, task = item.get_closest_marker("points"), item.get_closest_marker("task")
        checks[kata].append(_check(kata, item.name, item.function, task and task.args,
                                   points and points.args))
    return checks


def probes_of(checks: dict[str, list[Check]]) -> list[Callable[..., Any]]:
    """Every ``probe_*`` function of the hidden test modules these checks come from."""
    modules = {inspect.getmodule(check.function) for found in checks.values() for check in found}
    return [value for module in modules if module is not None
            for name, value in vars(module).items()
            if name.startswith("probe_") and inspect.isfunction(value)]


def _snippet(printed: str) -> str:
    """A learner's printed output on one line: the start of it, newlines shown as ⏎."""
    text = printed.strip().replace("\n", " ⏎ ")
    return repr(text if len(text) <= PRINTED_LIMIT else text[: PRINTED_LIMIT - 1] + "…")


def _trim(text: str) -> str:
    """A message as learners read it: safe (grader.safe), without object addresses, capped."""
    text = safe.stable(text).strip()
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def run_check(check: Check, process: LearnerProcess, task_name: str, *,
              deadline: float = float("inf"), feedback: str = "full") -> TestOutcome:
    """Run one check; ``deadline`` (monotonic) is the submission's, ``feedback`` "brief" keeps
    only the author's own assertion message (never a diff that shows expected values)."""
    start = time.perf_counter()
    status: TestStatus = "passed"
    message = ""
    unimplemented = False
    budget = min(TEST_TIMEOUT, deadline - time.monotonic())
    try:
        if budget <= 0:
            raise sandbox.ProbeTimeout(f"not run: {OUT_OF_TIME}")
        check.function(Learner(process, budget, check.kata))
    except LearnerError as exc:  # a re-import that fails mid-kata counts as a failed check
        status = "failed" if exc.status == "error" else exc.status
        message = str(exc)
        unimplemented = isinstance(exc, sandbox.ProbeRaised) and exc.type_name == "NotImplementedError"
    except AssertionError as exc:
        status, message = "failed", _assertion_message(exc, feedback)
    except Exception as exc:  # a bug in a hidden test: trusted code, but never crash the grader
        status, message = "error", f"the check itself failed: {type(exc).__name__}: {exc}"
    if status != "passed" and status != "tampered" and process.printed.strip():
        message = _trim(message) + f"\n(your code printed: {_snippet(process.printed)})"
    return TestOutcome(
        id=check.id, task=task_name, description=check.description, status=status,
        max_score=check.points, message=_trim(message),
        duration_s=round(time.perf_counter() - start, 4), task_number=check.task,
        unimplemented=unimplemented,
    )


def _assertion_message(exc: AssertionError, feedback: str) -> str:
    """The author's message of a failed assert; with full feedback, pytest's description of
    the comparison when the author wrote none."""
    text = str(exc)
    authored = "" if text.startswith("assert ") else text.split("\nassert ", 1)[0]
    if feedback == "brief":
        return authored
    return authored or text or "assertion failed"


def _tampered(test: TestOutcome, message: str) -> TestOutcome:
    return replace(test, status="tampered", message=_trim(message))


def grade_kata(kata: Kata, checks: Sequence[Check], process: LearnerProcess,
               problem: str | None, *, deadline: float = float("inf"), feedback: str = "full",
               verify: bool = True) -> tuple[KataResult, list[IntegrityFinding]]:
    """Run one kata's checks in ``process``, then verify that the learner's code left the
    interpreter as the zygote made it (unless ``verify`` is False: the caller verifies later,
    see :func:`grade`). A module that does not load scores 0 with one clear error; tampering
    caught at any point scores every check it may have touched 0, status ``tampered``.
    Returns the result and what was caught, as integrity findings."""
    def all_fail(error: str, status: TestStatus = "error", prefix: str = "not run: "
                 ) -> KataResult:
        tests = tuple(TestOutcome(id=c.id, task=kata.task_name(c.task), description=c.description,
                                  status=status, max_score=c.points, task_number=c.task,
                                  message=_trim(prefix + error)) for c in checks)
        return KataResult(kata.name, kata.title, tests, error=error if status == "error" else None,
                          track=kata.track, position=kata.position)

    def caught(evidence: Iterable[tuple[str, str]]) -> list[IntegrityFinding]:
        return [IntegrityFinding(kata.name, 0, rule, f"caught while grading: {message}")
                for rule, message in evidence]

    if problem is not None:
        return all_fail(problem), []
    if time.monotonic() >= deadline:
        return all_fail(OUT_OF_TIME, "timeout"), []
    try:
        process.load(kata.name)
    except sandbox.Tampered as exc:
        return all_fail(str(exc), "tampered", ""), caught(exc.evidence)
    except LearnerError as exc:
        return all_fail(_trim(str(exc))), []
    tests = []
    evidence: list[tuple[str, str]] = []
    for check in checks:
        outcome = run_check(check, process, kata.task_name(check.task), deadline=deadline,
                            feedback=feedback)
        if outcome.status == "tampered":
            evidence.extend(process.evidence or [("tampered", outcome.message)])
        tests.append(outcome)
    try:
        if verify:
            process.verify()
    except sandbox.Tampered as exc:  # every check of this kata ran in a doctored interpreter
        tests = [_tampered(test, str(exc)) for test in tests]
        evidence.extend(exc.evidence)
    except LearnerError:
        pass  # the process ended: its successor has run no learner code yet
    return (KataResult(kata.name, kata.title, tuple(tests), track=kata.track, position=kata.position),
            caught(dict.fromkeys(evidence)))


def _caught_later(graded: tuple[KataResult, list[IntegrityFinding]],
                  evidence: list[tuple[str, str]]) -> tuple[KataResult, list[IntegrityFinding]]:
    """A kata graded in a process whose tampering was caught after it, by whichever kata."""
    result, found = graded
    message = str(sandbox.Tampered(evidence))
    tests = tuple(_tampered(test, message) for test in result.tests)
    return replace(result, tests=tests), found + [
        IntegrityFinding(result.name, 0, rule, f"caught while grading: {text}")
        for rule, text in evidence]


def grade(submission: Submission, *, sandbox_: Sandbox, checks: dict[str, list[Check]],
          katas: Iterable[Kata], feedback: str = "full", lanes: int = 1,
          read: Callable[[str, bytes], None] | None = None) -> SubmissionResult:
    """Grade one submission against the already collected checks of ``katas``, within the
    sandbox's wall-clock limit for a whole submission. ``lanes`` learner processes grade its
    katas side by side (one learner alone: use the cores that a class would use). ``read``,
    if given, is called with each kata file's name and bytes right after its integrity scan,
    while the file's syntax tree is still shared (``safe.tree``)."""
    start = time.perf_counter()
    deadline = time.monotonic() + sandbox_.limits.submission_s
    katas = tuple(katas)
    findings: list[IntegrityFinding] = []
    graded: dict[int, tuple[KataResult, list[IntegrityFinding]]] = {}
    names = [f"shared{number}" if number else "shared" for number in range(max(1, lanes))]
    with sandbox_.workspace(submission.files) as workspace, contextlib.ExitStack() as stack:
        # Katas share a learner process per lane (a crash, exit or hang costs a restart, not
        # the other katas); they start while the scan below runs, which is grader code only.
        shared = {name: stack.enter_context(workspace.learner(name)) for name in names}
        if any(kata.filename in submission.files for kata in katas):
            for process in shared.values():
                process.start()
        for kata in katas:
            data = submission.files.get(kata.filename)
            if data is not None:
                submission.problem(kata)  # decided now: the scan reads the same tree (safe.tree)
                findings.extend(f for f in scan(kata.name, data) if f.rule not in kata.permits)
                if read is not None:
                    read(kata.filename, data)
        # A kata whose source raised a flag (exits, tampering, signals...) gets a process of
        # its own, so that what it does to the interpreter cannot reach the others.
        flagged = {finding.kata for finding in findings}
        order = iter(range(len(katas)))  # each lane takes the next kata still to grade

        def one(index: int, process: LearnerProcess, verify: bool = True) -> None:
            kata = katas[index]
            graded[index] = grade_kata(kata, checks[kata.name], process,
                                       submission.problem(kata), deadline=deadline,
                                       feedback=feedback, verify=verify)

        def lane(name: str) -> None:
            # The shared process is verified once, after its last kata, rather than after each
            # (a verification reads every namespace the zygote loaded). A kata whose process
            # died before that is graded again in a process of its own, and so is every kata
            # of a process caught then; if none of them is caught again, all count as tampered.
            unsure: dict[int, int] = {}  # kata index -> generation of the process it ended in
            again: list[int] = []
            evidence: list[tuple[str, str]] = []
            with shared[name] as common:
                for index in order:
                    if katas[index].name in flagged:
                        with workspace.learner(katas[index].name) as own:
                            one(index, own)
                        continue
                    one(index, common, verify=False)
                    if common.alive:
                        unsure[index] = common.generation
                    for earlier, generation in list(unsure.items()):
                        if generation != common.generation or not common.alive:
                            del unsure[earlier]
                            again.append(earlier)
                try:
                    common.verify()
                except sandbox.Tampered as exc:
                    evidence = exc.evidence
                except LearnerError:  # it ended while verifying: nothing of it is verified
                    again.extend(unsure)
                    unsure.clear()
            suspects = list(unsure) if evidence else []
            for index in again + suspects:
                with workspace.learner(katas[index].name) as own:
                    one(index, own)
            if suspects and not any(test.status == "tampered" for index in suspects
                                    for test in graded[index][0].tests):
                for index in suspects:
                    graded[index] = _caught_later(graded[index], evidence)

        if len(names) == 1:
            lane(names[0])
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(len(names)) as pool:
                for running in [pool.submit(lane, name) for name in names]:
                    running.result()
    results = [graded[index][0] for index in range(len(katas))]
    for index in range(len(katas)):
        findings.extend(graded[index][1])
    return SubmissionResult(
        submission=submission.name, katas=tuple(results), integrity=tuple(findings),
        duration_s=round(time.perf_counter() - start, 3), isolation=sandbox_.layers,
    )


def check(submission: Submission, course: Course, katas: Sequence[Kata] | None = None, *,
          limits: Limits | None = None, feedback: str = "full") -> SubmissionResult:
    """Grade one submission from scratch: collect, start a sandbox, grade, clean up."""
    katas = course.katas if katas is None else katas
    with Sandbox(limits=limits or limits_for(course), packages=course.packages_for(katas)) as box:
        # While the sandbox's zygote starts, it is given the probes these files had last time.
        box.preload_known(course.hidden_file(kata) for kata in katas)
        checks = collect(course, katas)
        box.preload(probes_of(checks))
        return grade(submission, sandbox_=box, checks=checks, katas=katas, feedback=feedback,
                     lanes=LANES)


def grade_many(submissions: Iterable[Callable[[], Submission]], course: Course,
               katas: Sequence[Kata] | None = None, *, jobs: int = DEFAULT_JOBS,
               limits: Limits | None = None, feedback: str = "full") -> Iterator[SubmissionResult]:
    """Grade many submissions, ``jobs`` at a time, with one collection of the checks.

    Each submission is given as a loader, called when the submission is about to be graded;
    results are yielded as they finish (not in input order). A class (more than
    ``workers.MIN_CLASS`` submissions, and more than jobs, on more than one CPU) is graded by
    :mod:`grader.workers`, a process per CPU; a few submissions by threads of this process.
    """
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    katas = course.katas if katas is None else katas
    limits = limits or limits_for(course)
    loaders = iter(submissions)
    ahead = list(islice(loaders, max(jobs, workers.MIN_CLASS) + 1))
    shares = workers.plan(jobs, len(ahead))
    if shares:  # a class: a worker process per CPU (see grader.workers for why)
        try:
            yield from workers.grade(chain(ahead, loaders), shares, course=course, katas=katas,
                                     limits=limits, feedback=feedback)
            return
        except workers.Unavailable:  # this interpreter cannot start the grader afresh
            pass
    checks = collect(course, katas)
    with Sandbox(limits=limits, packages=course.packages_for(katas)) as box, \
            ThreadPoolExecutor(max(1, jobs)) as pool:
        box.preload(probes_of(checks))
        def one(load: Callable[[], Submission]) -> SubmissionResult:
            return grade(load(), sandbox_=box, checks=checks, katas=katas, feedback=feedback)

        pending = set()
        for load in chain(ahead, loaders):
            pending.add(pool.submit(one, load))
            if len(pending) >= 2 * jobs:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        for future in pending:
            yield future.result()
