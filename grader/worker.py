"""The worker process's side of :mod:`grader.workers`: read the course, then grade the
submissions that come on stdin, one thread per job share, and send each result on stdout."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import pickle
import signal
import sys
import threading
from typing import Any

from grader import engine
from grader.results import SubmissionResult
from grader.sandbox import Sandbox
from grader.similarity import normalised, similarity
from grader.submission import Submission
from grader.workers import read, write


def _portable(exc: Exception) -> Exception:
    """``exc`` itself if it survives pickling, else a RuntimeError that says what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def serve() -> None:
    """Read the config, then grade submissions until stdin ends (or the parent is gone)."""
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, never onto the replies
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a worker ends
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        cpu, threads, course, katas, limits, feedback = read(requests)
    except EOFError:
        return
    try:
        os.sched_setaffinity(0, {cpu})  # the zygote and its learner processes inherit it
    except (AttributeError, OSError):
        pass
    reading, writing = threading.Lock(), threading.Lock()

    def work(box: Sandbox) -> None:
        while True:
            with reading:
                try:
                    submission = read(requests)
                except EOFError:
                    return
            try:
                reply: tuple[str, Any] = ("result", graded(submission, box))
            except Exception as exc:
                reply = ("error", _portable(exc))
            with writing:
                try:
                    write(replies, reply)
                except OSError:  # the parent is gone
                    return
                except Exception as exc:  # a result that does not pickle: say so, never hang
                    write(replies, ("error", _portable(exc)))

    def graded(submission: Submission, box: Sandbox) -> SubmissionResult:
        """The result, with the submission's similarity digests: each file's normalised form
        is made while grading has its syntax tree at hand. Should that fail, the result goes
        without them (the batch then makes them itself): a result is never lost to them."""
        forms: dict[str, bytes] = {}

        def form(name: str, data: bytes) -> None:
            with contextlib.suppress(Exception):
                forms[name] = normalised(data)

        result = engine.grade(submission, sandbox_=box, checks=checks, katas=katas,
                              feedback=feedback, read=form)
        try:
            return dataclasses.replace(result, sources=similarity(submission, course, forms))
        except Exception:
            return result

    try:
        checks = engine.collect(course, katas)
        box = Sandbox(limits=limits, packages=course.packages_for(katas))
    except Exception as exc:
        write(replies, ("error", _portable(exc)))
        return
    with box:
        box.preload(engine.probes_of(checks))
        # What it has loaded (checks, numpy, its sandbox) stays for its whole life: out of the
        # collector's sight, and collections rarer (each submission allocates ~20,000 tracked
        # objects, most freed at once): 11 -> 4 ms of collecting per submission.
        gc.freeze()
        gc.set_threshold(5000, 10, 10)
        write(replies, ("ready", None))
        running = [threading.Thread(target=work, args=(box,), daemon=True)
                   for _ in range(threads)]
        for thread in running:
            thread.start()
        while alive := [thread for thread in running if thread.is_alive()]:
            alive[0].join(0.5)
            if os.getppid() != parent:  # the parent was killed: stop, sandbox and all
                return
