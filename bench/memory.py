"""Peak memory of `kata batch` as the class grows, and the cost of an unchanged re-run.

    python bench/memory.py [--sizes 100 1000] [--jobs 2] [--katas 2]

For each size, a class of small mixed submissions (the first --katas katas only, cycling
through: the solutions, the stubs, a wrong answer, a syntax error, a broken zip, an empty
folder) is graded by `kata batch` in a fresh child process, which reports its own peak RSS
(``resource.getrusage``, the grader's process; learner processes are bounded per submission
anyway). Then the same class is re-run unchanged. Prints, per size: peak RSS, first-run and
re-run seconds (in the batch, and wall clock with the interpreter's start), gradebook bytes
per submission; and the ratio of the largest size's peak to the smallest's (the DESIGN's
promise: flat, within 1.3x from 100 to 1,000).
Not a test: timings depend on the machine; run it by hand.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import course  # noqa: E402

CATALOG = course.default().katas

CHILD = """
import json, resource, sys, time
from pathlib import Path
from rich.console import Console
from grader import batch, course
start = time.perf_counter()
with open("/dev/null", "w") as sink:
    status = batch.run(submissions=Path(sys.argv[1]), out=Path(sys.argv[2]), course=course.default(),
                       jobs=int(sys.argv[3]), timeout=None, console=Console(file=sink))
print(json.dumps({"status": status, "seconds": time.perf_counter() - start,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_class(folder: Path, size: int, katas: int) -> None:
    """``size`` small submissions of the first ``katas`` katas, of six kinds in turn."""
    names = [kata.filename for kata in CATALOG[:katas]]
    for number in range(size):
        target = folder / f"learner{number:05d}"
        kind = number % 6
        if kind == 4:
            target.with_suffix(".zip").write_bytes(b"PK\x03\x04 not a zip")
            continue
        target.mkdir()
        if kind == 5:
            continue  # empty
        for name in names:
            source = ROOT / ("katas" if kind == 1 else "solutions") / name
            text = source.read_text(encoding="utf-8")
            if kind == 2:
                text = text.replace("return [[fill] * cols for _ in range(rows)]",
                                    "return [[fill] * cols] * rows")
            if kind == 3 and name == names[0]:
                text += "\ndef broken(:\n"
            (target / name).write_text(text + f"\n# learner {number}\n", encoding="utf-8")


def run(subs: Path, out: Path, jobs: int) -> dict[str, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(subs), str(out), str(jobs)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return {**json.loads(done.stdout.strip().splitlines()[-1]),
            "wall": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--katas", type=int, default=2)
    args = parser.parse_args()
    peaks: list[float] = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="pykata-memory-") as temp:
            subs, out = Path(temp) / "subs", Path(temp) / "out"
            subs.mkdir()
            make_class(subs, size, args.katas)
            first = run(subs, out, args.jobs)
            again = run(subs, out, args.jobs)
            book = (out / "gradebook.sqlite").stat().st_size
            wal = out / "gradebook.sqlite-wal"
            book += wal.stat().st_size if wal.exists() else 0
            peaks.append(first["peak_mib"])
            print(f"{size:>6} submissions: peak RSS {first['peak_mib']:.1f} MiB "
                  f"(re-run {again['peak_mib']:.1f} MiB), first run {first['seconds']:.1f} s, "
                  f"unchanged re-run {again['seconds']:.2f} s ({again['wall']:.2f} s with "
                  f"interpreter start), gradebook "
                  f"{book / size / 1024:.1f} KiB per submission", flush=True)
            shutil.rmtree(out, ignore_errors=True)
    if len(peaks) > 1:
        print(f"peak at {args.sizes[-1]} / peak at {args.sizes[0]}: {peaks[-1] / peaks[0]:.2f}x")


if __name__ == "__main__":
    main()
