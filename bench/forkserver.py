"""The insecure anchor of the speed benchmark: what grading costs with no isolation at all.

The hidden tests are collected once; each submission gets a child forked from this process,
which imports the learner's modules *in process* and calls the collected checks with a
learner handle that runs each probe directly (no sandbox, no channel, no limits, no integrity
scan). A learner's code could do anything here: never grade real work this way. It exists to
show what the sandbox costs, and it must give the same scores as ``kata batch``.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader import engine
from grader.course import Kata


class InProcess:
    """A ``learner`` handle that runs the probe right here, on the imported module."""

    def __init__(self, module: Any) -> None:
        self.module = module

    def run(self, probe: Any, *args: Any) -> Any:
        return probe(self.module, *args)


def _grade_here(folder: Path, katas: Sequence[Kata], checks: dict[str, list[engine.Check]]
                ) -> float:
    """In the forked child: import each kata from ``folder`` and run its checks."""
    base = folder / "katas" if (folder / "katas").is_dir() else folder
    # A class is graded once: each learner's file is compiled afresh, as the batch engine
    # compiles it. Written bytecode would let later rounds of the benchmark (and every run
    # after the first) import the same files from __pycache__ without compiling them.
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(base))
    os.chdir(base)
    score = 0.0
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    for kata in katas:
        try:
            module = importlib.import_module(kata.name)
        except BaseException:
            continue
        for check in checks[kata.name]:
            try:
                check.function(InProcess(module))
            except BaseException:
                continue
            score += check.points
    return score


def grade(folders: Sequence[Path], katas: Sequence[Kata], checks: dict[str, list[engine.Check]],
          jobs: int) -> dict[str, float]:
    """Score every folder, ``jobs`` forked children at a time: submission name -> score."""
    scores: dict[str, float] = {}
    running: dict[int, tuple[str, int]] = {}
    pending = list(folders)
    while pending or running:
        while pending and len(running) < jobs:
            folder = pending.pop(0)
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read)
                try:
                    result = _grade_here(folder, katas, checks)
                    os.write(write, json.dumps(result).encode())
                finally:
                    os._exit(0)
            os.close(write)
            running[pid] = (folder.name, read)
        pid, _ = os.wait()
        name, read = running.pop(pid)
        with os.fdopen(read, "rb") as handle:
            data = handle.read()
        scores[name] = json.loads(data) if data else 0.0
    return scores
