"""Result objects: what grading found, with computed scores and no display code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final, Literal

# "tampered": the learner's code was caught changing what the grader observes (0 points).
TestStatus = Literal["passed", "failed", "error", "timeout", "crashed", "tampered"]
KataStatus = Literal["passed", "failed", "error"]
# A kata's progress as the learner's desk shows it: "not-started" when the file is still the
# stub as shipped, or every check met NotImplementedError.
KataState = Literal["passed", "failed", "error", "not-started"]
SCHEMA: Final = "kata-result/1"


@dataclass(frozen=True)
class TestOutcome:
    """One hidden check run against one kata of one submission."""

    id: str  # "copying::test_grid_rows_are_independent"
    task: str  # the name of the task the check belongs to (its metadata)
    description: str  # the check's one-line docstring: the feedback a learner reads
    status: TestStatus
    max_score: float
    message: str = ""  # why it did not pass, trimmed; empty when passed
    duration_s: float = 0.0
    task_number: int = 0  # the task's 1-based number in its kata (``@task(N)``)
    unimplemented: bool = False  # the learner's code raised NotImplementedError: not begun

    @property
    def score(self) -> float:
        return self.max_score if self.status == "passed" else 0.0

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass(frozen=True)
class KataResult:
    name: str
    title: str
    tests: tuple[TestOutcome, ...]
    error: str | None = None  # set when the module could not be loaded at all
    hints: Mapping[str, int] = field(default_factory=dict)  # task name -> hints the learner saw
    hint_penalty: float = 0.0  # share of a task's points each hint costs; 0 unless asked for
    untouched: bool = False  # the learner's file is still the stub as shipped: not started
    track: str = ""  # the course track of the kata
    position: int = 0  # 1-based place in the course's order

    @property
    def hint_deduction(self) -> float:
        """Points taken for hints: per task, ``hint_penalty`` x its points x hints seen, at
        most what the task scored (a hint never makes a score negative)."""
        if not self.hint_penalty:
            return 0.0
        taken = 0.0
        for task, seen in self.hints.items():
            tests = [test for test in self.tests if test.task == task]
            worth = sum(test.max_score for test in tests)
            taken += min(sum(test.score for test in tests), self.hint_penalty * seen * worth)
        return taken

    @cached_property
    def score(self) -> float:
        return sum(test.score for test in self.tests) - self.hint_deduction

    @cached_property
    def max_score(self) -> float:
        return sum(test.max_score for test in self.tests)

    @cached_property
    def status(self) -> KataStatus:
        if self.error is not None:
            return "error"
        return "passed" if self.tests and all(test.passed for test in self.tests) else "failed"

    @property
    def state(self) -> KataState:
        """``status``, or "not-started" for a kata the learner has not begun."""
        if self.error is None and (self.untouched or (
                self.tests and all(test.unimplemented for test in self.tests))):
            return "not-started"
        return self.status

    @property
    def failures(self) -> tuple[TestOutcome, ...]:
        return tuple(test for test in self.tests if not test.passed)


@dataclass(frozen=True)
class IntegrityFinding:
    """A construct in learner source that a teacher should look at; flags, never scores."""

    kata: str
    line: int
    rule: str  # short stable id, e.g. "process-exit"
    message: str


@dataclass(frozen=True)
class SubmissionResult:
    submission: str
    katas: tuple[KataResult, ...]
    integrity: tuple[IntegrityFinding, ...] = ()
    duration_s: float = 0.0
    isolation: tuple[str, ...] = ()  # the sandbox layers that were in force
    # grader.similarity's digests (identical, near-identical) of the submission's attempted
    # kata files, where a worker process made them while grading; None: not made. Neither
    # reported nor compared.
    sources: tuple[str | None, str | None] | None = field(default=None, compare=False,
                                                          repr=False)

    @cached_property
    def score(self) -> float:
        return sum(kata.score for kata in self.katas)

    @cached_property
    def max_score(self) -> float:
        return sum(kata.max_score for kata in self.katas)

    @property
    def passed(self) -> bool:
        return all(kata.status == "passed" for kata in self.katas)
