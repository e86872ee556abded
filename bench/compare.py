"""Compare the batch engine of two checkouts on one class, as a ratio from one run.

    python bench/compare.py BEFORE_ROOT AFTER_ROOT [--n 60] [--rounds 5] [--jobs 4] [--track T]

Each round grades the same class (a third full solutions, a third stubs, a third mixes, every
file made distinct by a trailing comment) once with each checkout's engine, in a fresh process,
alternating which goes first; the medians of the rounds give seconds per submission and the
ratio after/before. The class and timings stay outside the project's tests.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from classroom import make_class  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

RUN = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from grader import engine, submission
track = sys.argv[4]
wanted = lambda kata: track == "all" or getattr(kata, "track", "python") == track
try:  # a checkout with courses (grader.course), or one from before them (grader.catalog)
    from grader import course
    COURSE = course.default()
    katas = tuple(k for k in COURSE.katas if wanted(k))
    many = lambda loaders, jobs: engine.grade_many(loaders, COURSE, katas, jobs=jobs)
except ImportError:
    from grader import catalog
    katas = tuple(k for k in catalog.CATALOG if wanted(k))
    many = lambda loaders, jobs: engine.grade_many(loaders, katas, jobs=jobs)
folders = sorted(Path(sys.argv[2]).iterdir())
loaders = [lambda f=f: submission.load(f, katas) for f in folders]
start = time.perf_counter()
scores = {r.submission: r.score for r in many(loaders, int(sys.argv[3]))}
print(json.dumps({"seconds": time.perf_counter() - start, "scores": scores}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--track", default="all", help="all (default), python or ml")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pykata-compare-"))
    try:
        make_class(work / "class", args.n, args.after)
        times: dict[str, list[float]] = {"before": [], "after": []}
        scores: dict[str, dict[str, float]] = {}
        for round_ in range(args.rounds):
            order = ["before", "after"] if round_ % 2 == 0 else ["after", "before"]
            for which in order:
                root = getattr(args, which)
                out = subprocess.run([sys.executable, "-c", RUN, str(root), str(work / "class"),
                                      str(args.jobs), args.track],
                                     capture_output=True, text=True, check=True)
                result = json.loads(out.stdout.splitlines()[-1])
                times[which].append(result["seconds"] / args.n)
                scores[which] = result["scores"]
        before, after = (statistics.median(times[k]) for k in ("before", "after"))
        print(f"before: {before * 1000:.1f} ms per submission (median of {args.rounds})")
        print(f"after:  {after * 1000:.1f} ms per submission")
        print(f"after / before: {after / before:.2f}x the time "
              f"({before / after:.2f}x the throughput)")
        differ = sorted(name for name, score in scores["after"].items()
                        if scores["before"].get(name) != score)
        print("scores: " + ("the same for every submission" if not differ
                            else f"DIFFER for {len(differ)}: {differ[:5]}"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
