"""Shared fixtures: this repository's course, a mini-course of two katas with its hidden
tests (tests/fixtures/course.toml), and a fast sandbox."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from grader import course, engine, submission
from grader.course import Course, Kata, Track
from grader.results import SubmissionResult
from grader.sandbox import Limits, Sandbox

FIXTURES = Path(__file__).parent / "fixtures"
HIDDEN = FIXTURES / "hidden"
SUBMISSIONS = FIXTURES / "submissions"

COURSE = course.load(Path(__file__).resolve().parents[1])  # this repository's course
CATALOG = COURSE.katas
BY_NAME = COURSE.by_name
TINY_COURSE = course.load(FIXTURES)
TINY = TINY_COURSE.katas
FAST = Limits(probe_timeout=1.0, import_timeout=1.5)


def course_of(hidden: Path, katas: Iterable[Kata], *, packages: tuple[str, ...] = ()) -> Course:
    """A course value for hidden tests written by a test (``hidden/test_<kata>.py``)."""
    katas = tuple(dataclasses.replace(kata, track="t", position=number)
                  for number, kata in enumerate(katas, start=1))
    root = hidden.parent
    return Course(root=root, title="a test course",
                  tracks=(Track("t", "Test track", tuple(k.name for k in katas), packages),),
                  katas=katas, katas_dir=root / "katas", solutions_dir=root / "solutions",
                  hidden_dir=hidden, meta_dir=root / "meta", wrong_answers_dir=root / "wrong")


@pytest.fixture(scope="session")
def tiny_checks() -> dict[str, list[engine.Check]]:
    return engine.collect(TINY_COURSE)


@pytest.fixture(scope="session")
def box() -> Iterator[Sandbox]:
    """The strongest sandbox the machine offers, with the packages the course's tracks use."""
    with Sandbox(limits=FAST, packages=COURSE.packages_for(CATALOG)) as sandbox:
        yield sandbox


@pytest.fixture(scope="session")
def basic_box() -> Iterator[Sandbox]:
    """The sandbox without namespaces: what a machine without bubblewrap or unshare gets."""
    with Sandbox(limits=FAST, isolation="basic") as sandbox:
        yield sandbox


@pytest.fixture(scope="session")
def unshare_box() -> Iterator[Sandbox]:
    """The sandbox with unshare's namespaces: what a machine without bubblewrap gets."""
    with Sandbox(limits=FAST, isolation="unshare") as sandbox:
        yield sandbox


@pytest.fixture
def grade_fixture(tiny_checks, box):
    """Grade one of tests/fixtures/submissions/<name> against the tiny course."""

    def grade(name: str | Path, sandbox: Sandbox = box) -> SubmissionResult:
        path = name if isinstance(name, Path) else SUBMISSIONS / name
        return engine.grade(submission.load(path, TINY), sandbox_=sandbox, checks=tiny_checks,
                            katas=TINY)

    return grade


@pytest.fixture(scope="session")
def catalog_checks() -> dict[str, list[engine.Check]]:
    """The real course's hidden tests, collected once for the whole test session."""
    return engine.collect(COURSE)


def pytest_configure(config: pytest.Config) -> None:
    """The hidden tests' marks, for when the engine loads hidden test modules inside this
    session (the engine reads them itself; --strict-markers wants them registered)."""
    config.addinivalue_line("markers", "points(n): points a hidden check is worth")
    config.addinivalue_line("markers", "task(n): the task a hidden check belongs to")
