"""A class graded by worker processes: one per CPU, each kept on its CPU with its own sandbox.

Grading a submission is a long ping-pong: a request to the learner process, its reply, the
verdict, the next request (600 round trips for 25 katas). Measured on a 2-core VM, a class
graded by threads of one process gets slower, not faster, once a second thread joins: the
GIL and the learner processes pass between CPUs at every round trip, and waking another CPU
costs more than the work it wakes it for (a fifth of a submission's CPU time, and more of its
wall time). So a class is shared among worker processes, one per CPU this process may use,
each pinned to its CPU; its zygote and learner processes inherit the pin, and a round trip
never leaves the CPU. The jobs are shared out among the workers as threads.

Workers are this program, started afresh (never forked from a process that may run threads):
the parent sends each its course and limits, then submissions, and reads results back, all
pickled over the worker's stdin and stdout. Only grader code writes on those pipes (learner
processes are the sandbox's, started by the worker's zygote), so unpickling them is safe.
A worker that stops unexpectedly raises :class:`WorkerStopped` in the parent, which hands the
submissions in hand back to its caller (``kata batch`` grades them again one by one); where
no worker can start (:class:`Unavailable`), the engine grades with threads instead.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

from grader.submission import Submission

if TYPE_CHECKING:
    from grader.course import Course, Kata
    from grader.results import SubmissionResult
    from grader.sandbox import Limits

HEADER: Final = struct.Struct(">Q")
MIN_CLASS: Final = 8  # below this many submissions a worker's start costs more than it saves
START_S: Final = 120.0  # a worker that has no sandbox by then is not coming
GRACE_S: Final = 60.0  # beyond a submission's own time limit, before its worker is ended
BOOT: Final = "import sys; sys.path.insert(0, sys.argv[1]); from grader import worker; worker.serve()"


class WorkerStopped(RuntimeError):
    """A worker process ended while it had submissions in hand."""


class Unavailable(RuntimeError):
    """No worker process could start grading (nothing was asked of the loaders yet)."""


def usable_cpus() -> list[int]:
    """The CPUs this process may run on (Linux); [] where that cannot be known or set."""
    try:
        return sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return []


def plan(jobs: int, submissions: int) -> list[tuple[int, int]]:
    """(CPU, threads) for each worker process: one per usable CPU (at most ``jobs``: one job
    is one worker, pinned all the same), the jobs shared out among them. [] where threads of
    this process do as well: a single CPU (nothing to pin), or a class of at most MIN_CLASS
    submissions or no more than jobs (a worker's start, about 0.5 s of CPU, would cost more
    than it saves)."""
    cpus = usable_cpus()
    count = min(max(jobs, 1), len(cpus))
    if len(cpus) < 2 or submissions <= max(jobs, MIN_CLASS):
        return []
    return [(cpus[index], jobs // count + (index < jobs % count)) for index in range(count)]


def write(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def read(stream: IO[bytes]) -> Any:
    """The next value on ``stream``; EOFError when it has ended."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        raise EOFError
    (size,) = HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class Worker:
    """One worker process, as the parent sees it: what it has in hand, and its pipes."""

    def __init__(self, cpu: int, threads: int, config: tuple[Any, ...]) -> None:
        root = str(Path(__file__).resolve().parent.parent)
        self.threads = threads
        self.sent: deque[float] = deque()  # when each submission in hand was sent
        self.process = subprocess.Popen([sys.executable, "-c", BOOT, root],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._config = (cpu, threads, *config)
        assert self.process.stdout is not None
        self.output = self.process.stdout.fileno()  # what the parent waits on

    def send(self, submission: Submission) -> None:
        assert self.process.stdin is not None
        try:
            write(self.process.stdin, submission)
        except OSError:
            raise WorkerStopped(self._stopped()) from None
        self.sent.append(time.monotonic())

    @property
    def busy(self) -> int:
        return len(self.sent)

    def feed(self, loaders: Iterator[Callable[[], Submission]]) -> None:
        """Send the next submission, if there is one (read here, by its loader)."""
        load = next(loaders, None)
        if load is not None:
            self.send(load())

    def configure(self) -> None:
        """Send it the course and limits (it then collects the checks and starts a sandbox)."""
        assert self.process.stdin is not None
        try:
            write(self.process.stdin, self._config)
        except OSError:
            raise Unavailable(self._stopped()) from None

    def ready(self) -> None:
        """Wait until it has its sandbox; :class:`Unavailable` if it cannot get one."""
        assert self.process.stdout is not None
        if not select.select([self.output], [], [], START_S)[0]:
            self.process.kill()
        try:
            kind, value = read(self.process.stdout)
        except (EOFError, OSError, pickle.UnpicklingError):
            raise Unavailable(self._stopped()) from None
        if kind != "ready":
            raise Unavailable(f"a grading worker process could not start: {value}")

    def receive(self) -> tuple[str, Any]:
        assert self.process.stdout is not None
        try:
            reply = read(self.process.stdout)
        except (EOFError, OSError, pickle.UnpicklingError):
            raise WorkerStopped(self._stopped()) from None
        self.sent.popleft()
        return reply

    def _stopped(self) -> str:
        try:
            code: int | None = self.process.wait(2)  # its pipe closes just before it ends
        except subprocess.TimeoutExpired:
            code = None
        how = f"exit status {code}" if code is not None and code >= 0 else \
            f"signal {-code}" if code is not None else "its pipe closed"
        return f"a grading worker process stopped ({how})"

    def close(self) -> None:
        """Let it finish and go (its stdin closed); end it if it has work in hand or lingers."""
        if self.busy:
            self.process.terminate()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def grade(submissions: Iterable[Callable[[], Submission]], shares: list[tuple[int, int]], *,
          course: Course, katas: Sequence[Kata], limits: Limits, feedback: str
          ) -> Iterator[SubmissionResult]:
    """Grade every submission in the worker processes of ``shares`` (see :func:`plan`),
    yielding results as they come. :class:`Unavailable` if a worker cannot start, before
    any loader is called.

    Each worker has as many submissions in hand as it has threads; it gets its next one
    before its result is yielded, so it grades while the caller writes that result down.
    An exception a worker met while grading is raised here, as :class:`WorkerStopped` is."""
    loaders = iter(submissions)
    workers: list[Worker] = []
    config = (course, tuple(katas), limits, feedback)  # what serve() reads first, after its CPU
    overdue = limits.submission_s + GRACE_S  # a worker silent that long is stuck: ended
    try:
        for cpu, threads in shares:
            try:
                workers.append(Worker(cpu, threads, config))
            except OSError as exc:
                raise Unavailable(f"a grading worker process could not start ({exc})") from None
        for worker in workers:  # they start side by side
            worker.configure()
        for worker in workers:
            worker.ready()
        for worker in workers:
            for _ in range(worker.threads):
                worker.feed(loaders)
        while busy := {worker.output: worker for worker in workers if worker.busy}:
            due = min(worker.sent[0] for worker in busy.values()) + overdue
            ready, _, _ = select.select(list(busy), [], [], max(0.0, due - time.monotonic()))
            if not ready:  # the longest waiting is overdue: its worker ends, and says so
                stuck = min(busy.values(), key=lambda worker: worker.sent[0])
                stuck.process.kill()
                ready = [stuck.output]
            for fd in ready:
                worker = busy[fd]
                kind, value = worker.receive()
                worker.feed(loaders)
                if kind == "error":
                    raise value
                yield value
    finally:
        for worker in workers:
            worker.close()
