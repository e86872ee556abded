"""The pytest plugin behind the hidden tests: markers, ``--kata-path`` and the ``learner`` fixture.

Course authors run the hidden tests with plain pytest against any folder of kata modules:

    pytest grader/hidden --kata-path solutions

Each test module ``test_<kata>.py`` gets a learner process that has imported ``<kata>.py`` from
that folder; the ``learner`` fixture runs probes in it. ``kata check`` does not go through this
fixture (it calls the collected tests itself, see ``grader.engine``), but the probes, the
sandbox and the markers are the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grader import course, engine, submission
from grader.measure import CoverageRun
from grader.sandbox import LearnerError, Sandbox

KATA_PATH = pytest.StashKey[Path]()
SANDBOX = pytest.StashKey[Sandbox]()
COVERAGE = pytest.StashKey[CoverageRun]()
TESTED = pytest.StashKey[set[str]]()
COURSE = pytest.StashKey[course.Course]()


@pytest.hookimpl
def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --kata-path: the folder of kata modules the hidden tests run against."""
    parser.addoption("--kata-path", default="katas", help="folder of kata modules (default: katas)")
    parser.addoption("--course", default=None,
                     help="the course folder (default: the nearest course.toml upwards)")
    parser.addoption("--kata-coverage", action="store_true",
                     help="report the line and branch coverage of the kata modules tested "
                          "(trusted code only: learner processes then run without namespaces)")


@pytest.hookimpl
def pytest_configure(config: pytest.Config) -> None:
    """Register the points and task markers."""
    config.addinivalue_line("markers", "points(n): points this check is worth (default 1)")
    config.addinivalue_line("markers", "task(n): the course task (1-based) this check belongs to")
    config.stash[KATA_PATH] = Path(config.getoption("kata_path"))
    config.stash[TESTED] = set()
    if config.getoption("kata_coverage"):
        config.stash[COVERAGE] = CoverageRun()


@pytest.hookimpl
def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop the sandbox, if one was started."""
    box = config.stash.get(SANDBOX, None)
    if box is not None:
        box.close()
    run = config.stash.get(COVERAGE, None)
    if run is not None:
        run.close()


@pytest.hookimpl
def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """With --kata-coverage, show how much of each tested kata module the checks ran."""
    run, box = config.stash.get(COVERAGE, None), config.stash.get(SANDBOX, None)
    if run is None or box is None:
        return
    files = sorted(f"{name}.py" for name in config.stash[TESTED])
    percent, table = run.report(box.workroot, config.stash[KATA_PATH].resolve(), files)
    terminalreporter.write_sep("-", f"kata coverage (lines and branches): {percent:.0f}%")
    terminalreporter.write(table)


def _course(config: pytest.Config, test_file: Path) -> course.Course:
    """The course the hidden tests belong to: ``--course``, else the nearest course.toml
    above the test file, else the packaged one."""
    if COURSE not in config.stash:
        explicit = config.getoption("course")
        config.stash[COURSE] = course.discover(Path(explicit) if explicit else None,
                                               start=test_file.parent)
    return config.stash[COURSE]


def _sandbox(config: pytest.Config, course_: course.Course) -> Sandbox:
    if SANDBOX not in config.stash:
        run = config.stash.get(COVERAGE, None)
        config.stash[SANDBOX] = Sandbox(limits=engine.limits_for(course_),
                                        coverage=run.settings if run is not None else None,
                                        packages=course_.packages_for(course_.katas))
    return config.stash[SANDBOX]


@pytest.fixture(scope="module")
def _learner_process(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A learner process that has imported the module this test file is about."""
    path = Path(str(request.path))
    course_ = _course(request.config, path)
    owner = {course_.hidden_file(kata).resolve(): kata for kata in course_.katas}
    name = path.stem.removeprefix("test_")
    kata = owner.get(path.resolve()) or course.Kata(name, name, "", "", ())
    found = submission.load(request.config.stash[KATA_PATH], [kata])
    problem = found.problem(kata)
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    box = _sandbox(request.config, course_)
    request.config.stash[TESTED].add(kata.name)
    with box.workspace(found.files) as workspace, workspace.learner(kata.name) as process:
        try:
            process.load()
        except LearnerError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield process


@pytest.fixture
def learner(_learner_process: Any) -> engine.Learner:
    """Runs probes against the kata module under test: ``learner.run(probe, *args)``."""
    return engine.Learner(_learner_process, engine.TEST_TIMEOUT)
