"""A class graded by worker processes (one per CPU) scores exactly as threads of one process do,
and a worker that stops is an error the caller can act on, never a hang or a lost result."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from conftest import COURSE, FAST, SUBMISSIONS, TINY_COURSE
from grader import batch, engine, similarity, submission, workers
from grader.results import SubmissionResult
from grader.sandbox import Limits

ROOT = Path(__file__).resolve().parents[1]
NAMES = sorted(path.name for path in SUBMISSIONS.iterdir())  # passing, hang, exits, syntax...

needs_two_cpus = pytest.mark.skipif(len(workers.usable_cpus()) < 2,
                                    reason="worker processes need two CPUs to be used")


def loaders(folder: Path = SUBMISSIONS, names: list[str] = NAMES):
    return [lambda name=name: submission.load(folder / name, TINY_COURSE.katas) for name in names]


def summary(result: SubmissionResult) -> tuple:
    """What a result says. Of messages, the first line: under pytest (these tests) a failed
    assert's explanation comes from pytest's session, which a worker process has not."""
    return (result.submission, result.score, result.isolation,
            tuple((test.id, test.status, test.message.split("\n")[0]) for kata in result.katas
                  for test in kata.tests),
            tuple((finding.rule, finding.line) for finding in result.integrity))


def test_a_class_is_shared_among_cpus_and_jobs():
    cpus = workers.usable_cpus()
    if len(cpus) < 2:
        assert workers.plan(4, 100) == []
        return
    shares = workers.plan(5, 100)
    assert [cpu for cpu, _ in shares] == cpus[:min(5, len(cpus))]
    assert sum(threads for _, threads in shares) == 5
    assert max(t for _, t in shares) - min(t for _, t in shares) <= 1
    assert workers.plan(1, 100) == [(cpus[0], 1)]  # one job: one worker, pinned
    assert workers.plan(4, 4) == []  # no more submissions than jobs: threads start faster
    assert workers.plan(2, workers.MIN_CLASS) == []  # a few: threads start faster
    assert workers.plan(2, workers.MIN_CLASS + 1)


@needs_two_cpus
def test_workers_grade_hostile_submissions_exactly_as_threads_do(monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(workers, "plan", lambda jobs, submissions: [])  # threads only
        threads = sorted(map(summary, engine.grade_many(loaders(), TINY_COURSE, jobs=2,
                                                        limits=FAST)))
    processes = sorted(map(summary, engine.grade_many(loaders(), TINY_COURSE, jobs=2,
                                                      limits=FAST)))
    assert workers.plan(2, len(NAMES))  # the second run did use worker processes
    assert processes == threads
    assert {name for name, *_ in processes} == set(NAMES)


@needs_two_cpus
def test_workers_send_the_similarity_digests_the_batch_would_compute():
    graded = {result.submission: result.sources
              for result in engine.grade_many(loaders(), TINY_COURSE, jobs=2, limits=FAST)}
    assert workers.plan(2, len(NAMES))  # graded by worker processes
    expected = {name: similarity.similarity(submission.load(SUBMISSIONS / name, TINY_COURSE.katas),
                                            TINY_COURSE) for name in NAMES}
    assert graded == expected
    assert sum(digests != (None, None) for digests in graded.values()) >= 3


@needs_two_cpus
def test_a_worker_that_stops_raises_and_leaves_nothing_running(monkeypatch):
    started: list[workers.Worker] = []
    send = workers.Worker.send

    def send_then_die(self, found):
        send(self, found)
        started.append(self)
        if found.name == "passing":
            self.process.kill()

    monkeypatch.setattr(workers.Worker, "send", send_then_die)
    graded = []
    with pytest.raises(workers.WorkerStopped, match=r"stopped \(signal 9\)"):
        for result in engine.grade_many(loaders(), TINY_COURSE, jobs=2, limits=FAST):
            graded.append(result.submission)
    assert "passing" not in graded
    assert all(worker.process.poll() is not None for worker in started)  # all ended, reaped


@needs_two_cpus
def test_batch_grades_again_what_a_stopped_worker_had(tmp_path, monkeypatch):
    subs, out = tmp_path / "subs", tmp_path / "out"
    first = COURSE.katas[0].filename
    count = workers.MIN_CLASS + 2  # a class, so graded by workers
    for number in range(count):  # one kata each: quick to grade
        (subs / f"learner{number}").mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / first, subs / f"learner{number}" / first)
    send = workers.Worker.send
    killed = []

    def send_then_die(self, found):
        send(self, found)
        if found.name == "learner2" and not killed:
            killed.append(found.name)
            self.process.kill()

    monkeypatch.setattr(workers.Worker, "send", send_then_die)
    status = batch.run(submissions=subs, out=out, course=COURSE, jobs=2, timeout=None,
                       console=Console(file=io.StringIO()))
    assert killed == ["learner2"] and status == 0  # every submission graded, none an error
    with (out / "grades.csv").open(newline="", encoding="utf-8") as handle:
        rows = {row["submission"]: row for row in csv.DictReader(handle)}
    assert {name: row["status"] for name, row in rows.items()} == {
        f"learner{number}": "graded" for number in range(count)}
    assert {row["score"] for row in rows.values()} == {rows["learner0"]["score"]} != {"0"}


@needs_two_cpus
def test_workers_end_when_their_parent_is_killed(tmp_path):
    subs = tmp_path / "subs"
    for number in range(workers.MIN_CLASS + 1):
        shutil.copytree(SUBMISSIONS / "hang", subs / f"hang{number}")  # a check that never ends
    script = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]); "
              "from conftest import TINY_COURSE; from grader import engine, submission; "
              "from grader.sandbox import Limits; "
              "folders = sorted(Path(sys.argv[1]).iterdir()); "
              "loads = [lambda f=f: submission.load(f, TINY_COURSE.katas) for f in folders]; "
              "print('go', flush=True); "
              "list(engine.grade_many(loads, TINY_COURSE, jobs=2, "
              "limits=Limits(probe_timeout=60, import_timeout=60, submission_s=120)))")
    parent = subprocess.Popen([sys.executable, "-c", script, str(subs), str(ROOT / "tests")],
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              stdout=subprocess.PIPE)
    assert parent.stdout is not None and parent.stdout.readline() == b"go\n"

    def children() -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if entry.name.isdigit() and int(stat.rpartition(")")[2].split()[1]) == parent.pid:
                found.append(int(entry.name))
        return found

    deadline = time.monotonic() + 30
    while len(children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    worker_pids = children()
    assert len(worker_pids) == 2
    time.sleep(1)  # they are grading: the hanging checks have started
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    alive = worker_pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in worker_pids if Path(f"/proc/{pid}").exists()
                 and "Z" not in Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2][:3]]
    assert alive == []


@needs_two_cpus
def test_where_no_worker_can_start_threads_grade_the_class(monkeypatch):
    expected = sorted(map(summary, engine.grade_many(loaders(), TINY_COURSE, jobs=2,
                                                     limits=FAST)))
    monkeypatch.setattr(workers, "BOOT", "import sys; sys.exit(3)")  # e.g. no grader there
    started = []
    init = workers.Worker.__init__

    def watched(self, *args):
        init(self, *args)
        started.append(self)

    monkeypatch.setattr(workers.Worker, "__init__", watched)
    fallback = sorted(map(summary, engine.grade_many(loaders(), TINY_COURSE, jobs=2,
                                                     limits=FAST)))
    assert len(started) == 2 and all(worker.process.poll() == 3 for worker in started)
    assert fallback == expected and len(fallback) == len(NAMES)


@needs_two_cpus
def test_a_worker_that_goes_silent_is_ended_not_waited_for(monkeypatch):
    monkeypatch.setattr(workers, "GRACE_S", 0.5)
    send = workers.Worker.send

    def send_then_freeze(self, found):
        send(self, found)
        if found.name == "passing":
            self.process.send_signal(signal.SIGSTOP)  # alive, holding a submission, silent

    monkeypatch.setattr(workers.Worker, "send", send_then_freeze)
    limits = Limits(probe_timeout=1.0, import_timeout=1.5, submission_s=3.0)
    start = time.monotonic()
    with pytest.raises(workers.WorkerStopped, match=r"signal 9"):
        list(engine.grade_many(loaders(), TINY_COURSE, jobs=2, limits=limits))
    assert time.monotonic() - start < 30
