"""How fast is isolation? The speed issue's table, in one command, as ratios from one run.

    python bench/speed.py [--n 100] [--rounds 3] [--sample 8] [--scaling 100,400,1000]

On one mixed class (a third full solutions, a third stubs, a third mixes; every file distinct)
it measures, in fresh processes and interleaved rounds (medians reported):

- naive: a fresh ``python -m pytest grader/hidden --kata-path COPY`` per submission (sampled);
- fork-server: the insecure anchor (``bench/forkserver.py``), 2 jobs;
- the batch engine (``engine.grade_many``) with 1 and 2 jobs, the default (one per CPU) and
  twice as many, every layer on;
- the ``kata batch`` command itself at its default jobs: start-up, gradebook, grades.csv,
  results, feedback pages and near-identical groups included, as a teacher waits for it;

and checks that the fork-server, the batch engine and ``kata batch`` give the same score to
every submission. Beside each wall-clock time it prints the CPU time the machine spent on the
run (``busy_seconds``, all processes), for telling overhead from scheduling.
Then the latency of one learner's cold ``kata check KATA`` and ``kata check`` against the floor
``python -c "import pytest"``, and (``--scaling``) ``kata batch`` over classes of growing size
with its peak RSS. Timings never appear in the project's tests: this prints, and that is all.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from classroom import make_class  # noqa: E402

ONE = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + "/bench")
from grader import course, engine, submission
way, folder, jobs = sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
COURSE = course.default()
katas = COURSE.katas
folders = sorted(folder.iterdir())
checks = engine.collect(COURSE)
start = time.perf_counter()
if way == "forkserver":
    import forkserver
    scores = forkserver.grade(folders, katas, checks, jobs)
else:
    from grader.sandbox import Limits, Sandbox
    loaders = [lambda f=f: submission.load(f, katas) for f in folders]
    scores = {r.submission: r.score for r in engine.grade_many(loaders, COURSE, jobs=jobs)}
print(json.dumps({"seconds": time.perf_counter() - start, "scores": scores}))
"""


def busy_seconds() -> float:
    """CPU time the whole machine has spent busy so far (Linux; nan elsewhere): user, nice,
    system, irq, softirq and steal from /proc/stat, idle and iowait left out. Read around a
    run on an otherwise quiet machine, it is the run's CPU cost, every process under it
    included (sandboxed learner processes too, which no rusage of ours would see)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(field) for field in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return float("nan")
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def one(way: str, folder: Path, jobs: int) -> tuple[float, dict[str, float]]:
    out = subprocess.run([sys.executable, "-c", ONE, str(ROOT), way, str(folder), str(jobs)],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.splitlines()[-1])
    return result["seconds"], result["scores"]


def kata_batch(folder: Path, out: Path) -> tuple[float, dict[str, float]]:
    """The whole ``kata batch`` command over ``folder`` into a fresh ``out`` (gradebook,
    grades, feedback and near-identical groups included, its start-up too): seconds, scores."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "grader", "batch", str(folder), "--out", str(out)],
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    with (out / "results.jsonl").open(encoding="utf-8") as results:
        scores = {row["submission"]: row["score"] for row in map(json.loads, results)}
    return seconds, scores


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


MEASURE = r"""
import json, os, resource, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, own = os.wait4(process.pid, 0)
every = resource.getrusage(resource.RUSAGE_CHILDREN)  # the largest of it and all under it
print(json.dumps([time.perf_counter() - start, own.ru_maxrss, every.ru_maxrss]))
"""


def peak_rss_mib(command: list[str]) -> tuple[float, float, float]:
    """Run ``command`` (from a fresh process of its own, so that nothing else we ran counts):
    its wall time, its own peak resident memory and the largest peak of any process it ran
    (a worker, a zygote, a learner process), in MiB."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    seconds, own, largest = json.loads(out.stdout)
    return seconds, own / 1024, largest / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sample", type=int, default=8,
                        help="submissions for the naive way (0: skip it)")
    parser.add_argument("--scaling", default="", help="class sizes for kata batch, e.g. 100,400")
    parser.add_argument("--no-check", action="store_true", help="skip the kata check latency")
    args = parser.parse_args()
    from grader import course, engine

    work = Path(tempfile.mkdtemp(prefix="pykata-speed-"))
    try:
        folders = make_class(work / "class", args.n, ROOT)
        # 1 and 2 jobs, the default (one per CPU) and twice the CPUs (a second thread per worker)
        counts = sorted({1, 2, engine.DEFAULT_JOBS, 2 * engine.DEFAULT_JOBS})
        ways = [("forkserver", 2)] + [("batch", jobs) for jobs in counts] + \
            [("kata batch", engine.DEFAULT_JOBS)]
        times: dict[tuple[str, int], list[float]] = {way: [] for way in ways}
        cpu: dict[tuple[str, int], list[float]] = {way: [] for way in ways}
        scores: dict[tuple[str, int], dict[str, float]] = {}
        for round_ in range(args.rounds):
            for way in (ways if round_ % 2 == 0 else ways[::-1]):
                before = busy_seconds()
                seconds, scores[way] = kata_batch(work / "class", work / "out") \
                    if way[0] == "kata batch" else one(way[0], work / "class", way[1])
                cpu[way].append((busy_seconds() - before) / args.n)
                times[way].append(seconds / args.n)
        # No way may import the learners' files from bytecode that an earlier round wrote.
        stale = sorted(str(path.relative_to(work)) for path in (work / "class").rglob("__pycache__"))
        if stale:
            raise SystemExit(f"bytecode was written into the class ({stale[0]}): the rounds "
                             "after the first would not compile the learners' files")
        anchor = scores[("forkserver", 2)]
        differ = {name for way in ways for name, score in scores[way].items()
                  if score != anchor.get(name)}
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        pytest_run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                      "grader/hidden", "--kata-path"]
        naive = statistics.median(timed([*pytest_run, str(f)], env)
                                  for f in folders[:args.sample]) if args.sample else float("nan")
        fork = statistics.median(times[("forkserver", 2)])
        print(f"{args.n} submissions x {len(course.default().katas)} katas; {os.cpu_count()} cores; medians of "
              f"{args.rounds} interleaved rounds")
        print(f"{'approach':52} {'s per submission':>16} {'vs fork-server':>15} "
              f"{'CPU s per submission':>21}")
        fork_cpu = statistics.median(cpu[("forkserver", 2)])
        rows = [("naive: fresh pytest per submission", naive, float("nan"))]
        rows += [(f"fork-server, insecure, {jobs} jobs" if way == "forkserver"
                  else "kata batch (the command, all outputs), default jobs"
                  if way == "kata batch"
                  else f"batch engine, {jobs} jobs" + " (default)" * (jobs == engine.DEFAULT_JOBS),
                  statistics.median(times[(way, jobs)]), statistics.median(cpu[(way, jobs)]))
                 for way, jobs in ways]
        for name, seconds, used in rows:
            spent = "" if math.isnan(used) else f"{used:12.4f} ({fork_cpu / used:.2f}x)"
            print(f"{name:52} {seconds:16.4f} {fork / seconds:14.2f}x {spent}")
        print("CPU: the whole machine's busy time over each run (start-up included), a figure "
              "less moved by scheduling than the wall clock")
        print("scores: " + ("the same for every submission" if not differ else
                            f"DIFFER for {len(differ)} submissions: {sorted(differ)[:5]}"))

        floor, single, every = [], [], []
        rounds = 0 if args.no_check else args.rounds
        kata = [sys.executable, "-m", "grader", "check", "--path", str(ROOT / "solutions")]
        # As on a learner's machine: bytecode caches written (an installed package has them;
        # PYTHONDONTWRITEBYTECODE would make every run compile the grader afresh) and the
        # collected checks cached, both by one untimed run.
        cached = {key: value for key, value in os.environ.items()
                  if key != "PYTHONDONTWRITEBYTECODE"}
        if rounds:
            timed(kata, cached)
        for _ in range(rounds):
            floor.append(timed([sys.executable, "-c", "import pytest"], cached))
            single.append(timed([*kata, "copying"], cached))
            every.append(timed(kata, cached))
        if not rounds:
            floor = single = every = [float("nan")]
        base = statistics.median(floor)
        print(f"floor `python -c 'import pytest'`: {base:.3f} s; `kata check copying`: "
              f"{statistics.median(single):.3f} s ({statistics.median(single) / base:.1f}x); "
              f"`kata check` (all): {statistics.median(every):.3f} s "
              f"({statistics.median(every) / base:.1f}x)")

        for size in filter(None, args.scaling.split(",")):
            n = int(size)
            group = work / f"scale{n}"
            make_class(group, n, ROOT)
            out = work / f"out{n}"
            seconds, rss, largest = peak_rss_mib([sys.executable, "-m", "grader", "batch",
                                                  str(group), "--out", str(out)])
            print(f"kata batch, {n} submissions: {seconds:.1f} s ({seconds / n * 1000:.1f} ms "
                  f"each), peak RSS {rss:.0f} MiB (the largest process under it: "
                  f"{largest:.0f} MiB)")
            shutil.rmtree(group, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
