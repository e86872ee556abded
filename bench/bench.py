"""Grade N copies of the solutions three ways and compare: the numbers behind "fast".

    python bench/bench.py [--n 200] [--jobs 2] [--sample 40]

1. naive: a fresh `python -m pytest grader/hidden --kata-path COPY` per submission, as a
   course author would type it, and again with plugin autoloading off (its best case);
2. check: a fresh `kata check --path COPY --format json` per submission;
3. batch: the engine's batch form, hidden tests collected once, one sandbox, --jobs threads.

The two per-process ways are timed on --sample submissions (they cost seconds each), the batch
on all N. Prints the median seconds per submission, submissions per second and the ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import course, engine, submission  # noqa: E402


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=engine.DEFAULT_JOBS)
    parser.add_argument("--sample", type=int, default=40)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pykata-bench-"))
    copies = []
    for number in range(args.n):
        target = work / f"learner{number:04d}"
        shutil.copytree(ROOT / "solutions", target)
        copies.append(target)
    sample = copies[: min(args.sample, args.n)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
    best = {**env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    COURSE = course.default()
    katas = COURSE.katas
    checks = sum(len(v) for v in engine.collect(COURSE).values())
    print(f"{args.n} submissions x {len(katas)} katas, {checks} checks each; "
          f"{os.cpu_count()} cores, --jobs {args.jobs}")

    pytest_run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "grader/hidden",
                  "--kata-path"]
    naive = [timed([*pytest_run, str(path)], env) for path in sample]
    naive_best = [timed([*pytest_run, str(path)], best) for path in sample]
    check = [timed([sys.executable, "-m", "grader", "check", "--path", str(path),
                    "--format", "json"], env) for path in sample]

    start = time.perf_counter()
    results = list(engine.grade_many(
        (lambda p=path: submission.load(p, katas) for path in copies), COURSE, jobs=args.jobs))
    batch_total = time.perf_counter() - start
    full = sum(1 for r in results if r.score == r.max_score)
    shutil.rmtree(work, ignore_errors=True)

    rows = [("naive pytest per submission", statistics.median(naive), len(sample)),
            ("  same, plugin autoload off", statistics.median(naive_best), len(sample)),
            ("kata check per submission", statistics.median(check), len(sample)),
            ("batch engine (amortised)", batch_total / args.n, args.n)]
    print(f"{'way':32} {'median s/sub':>12} {'subs/s':>8} {'x naive':>8} {'x best':>7}  (n)")
    for name, seconds, count in rows:
        print(f"{name:32} {seconds:12.4f} {1 / seconds:8.1f} {rows[0][1] / seconds:8.1f} "
              f"{rows[1][1] / seconds:7.1f}  ({count})")
    print(f"batch: {full}/{len(results)} submissions scored full marks; total {batch_total:.2f} s")


if __name__ == "__main__":
    main()
