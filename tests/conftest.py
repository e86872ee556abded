"""Shared fixtures: a fake mini-catalog of two katas, its hidden tests, and a fast sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from grader import engine, submission
from grader.catalog import CATALOG, Kata, Task, packages_for
from grader.results import SubmissionResult
from grader.sandbox import Limits, Sandbox

FIXTURES = Path(__file__).parent / "fixtures"
HIDDEN = FIXTURES / "hidden"
SUBMISSIONS = FIXTURES / "submissions"

TINY = (
    Kata("tiny", "A tiny kata", "Testing", "测试",
         (Task("add", "Add two numbers.", ("Use +.", "return a + b")),
          Task("greet", "Greet someone.", ("Use an f-string.",)))),
    Kata("other", "Another kata", "Testing", "测试",
         (Task("double", "Double a number.", ("Multiply.",)),)),
)
FAST = Limits(probe_timeout=1.0, import_timeout=1.5)


@pytest.fixture(scope="session")
def tiny_checks() -> dict[str, list[engine.Check]]:
    return engine.collect(HIDDEN, TINY)


@pytest.fixture(scope="session")
def box() -> Iterator[Sandbox]:
    with Sandbox(limits=FAST, packages=packages_for(CATALOG)) as sandbox:
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
    """Grade one of tests/fixtures/submissions/<name> against the tiny catalog."""

    def grade(name: str | Path, sandbox: Sandbox = box) -> SubmissionResult:
        path = name if isinstance(name, Path) else SUBMISSIONS / name
        return engine.grade(submission.load(path, TINY), sandbox_=sandbox, checks=tiny_checks,
                            katas=TINY)

    return grade


@pytest.fixture(scope="session")
def catalog_checks() -> dict[str, list[engine.Check]]:
    """The real catalog's hidden tests, collected once for the whole test session."""
    return engine.collect()
