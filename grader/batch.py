"""``kata batch SUBMISSIONS --out DIR``: grade a whole class, resumably.

Each entry directly under SUBMISSIONS is one submission: a folder, a ``.zip`` or a ``.ipynb``;
its id is the entry's name (without ``.zip``/``.ipynb``). Hidden entries are skipped silently,
anything else with a one-line note. Entries are taken in name order, so of two entries with
the same id (``alice/`` and ``alice.zip``) the first is graded and the second is a problem.

The gradebook (``DIR/gradebook.sqlite``) is the record; everything else in DIR is derived
from it. Each submission is committed in one transaction as soon as it is graded, so a run
killed at any point keeps every submission already committed, and the next run grades only
what is missing, new or changed. A submission is unchanged when its fingerprint (sha256 of the
loaded file names, bytes and per-file problems) and the grading key (sha256 of the catalog and
of the hidden tests it uses) both match its gradebook row: new katas or edited hidden tests
regrade everyone. ``--timeout`` is not part of the key; delete the gradebook to force a regrade.

A submission that cannot be loaded at all (a corrupt zip, an unreadable notebook) is recorded
as a problem: score 0 of the full marks, the reason, every kata in error with that reason.

After every run ``grades.csv``, ``results.jsonl`` and ``feedback/<id>.md`` are regenerated
from the gradebook (each file replaced atomically) for the submissions present in SUBMISSIONS
now, those graded in earlier runs included. A submission that disappeared from SUBMISSIONS
keeps its gradebook rows (nothing graded is ever deleted) but is left out of grades.csv and
results.jsonl, which describe the class as it is; its old feedback file is left alone.

Gradebook schema (``PRAGMA user_version = 1``, WAL journal)::

    submissions(id PK, source, fingerprint, grading_key, status 'graded'|'problem', problem,
                score, max_score, started_at, finished_at, duration_s, result)
                -- result: the kata-result/1 line; times: ISO 8601 UTC
    katas(submission, kata, position, title, score, max_score, status, error)
    tests(submission, kata, test, task, description, status, score, max_score, message,
          duration_s)
    rejected(source PK, id, reason, seen_at)  -- entries not graded because the id was taken
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import functools
import hashlib
import io
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Final

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from grader import engine, submission
from grader.catalog import CATALOG, HIDDEN_DIR, Kata
from grader.errors import UsageError
from grader.reporters import json_report, markdown
from grader.results import SubmissionResult
from grader.sandbox import Limits
from grader.submission import Submission

GRADEBOOK: Final = "gradebook.sqlite"
GRADES_CSV: Final = "grades.csv"
RESULTS_JSONL: Final = "results.jsonl"
FEEDBACK_DIR: Final = "feedback"
SUFFIXES: Final = (".zip", ".ipynb")
SCHEMA_VERSION: Final = 1
_TEMP_PREFIX: Final = ".pykata-"

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS submissions (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    grading_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('graded', 'problem')),
    problem TEXT,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    duration_s REAL NOT NULL,
    result TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS katas (
    submission TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    kata TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    PRIMARY KEY (submission, kata)
);
CREATE TABLE IF NOT EXISTS tests (
    submission TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    kata TEXT NOT NULL,
    test TEXT NOT NULL,
    task TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    message TEXT NOT NULL,
    duration_s REAL NOT NULL,
    PRIMARY KEY (submission, test)
);
CREATE TABLE IF NOT EXISTS rejected (
    source TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    reason TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
"""


# ---------------------------------------------------------------- finding and reading entries


@dataclass(frozen=True)
class Entry:
    """One entry directly under SUBMISSIONS that looks like a submission."""

    id: str
    path: Path

    @property
    def source(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Scan:
    entries: tuple[Entry, ...]  # one per id, in name order
    duplicates: tuple[tuple[Entry, Entry], ...]  # (not graded, the entry that has its id)
    ignored: tuple[str, ...]  # one-line notes


def scan(folder: Path, *, exclude: Path | None = None) -> Scan:
    """The submissions directly under ``folder``, duplicates and ignored entries apart."""
    entries: dict[str, Entry] = {}
    duplicates: list[tuple[Entry, Entry]] = []
    ignored: list[str] = []
    try:
        paths = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise UsageError(f"cannot read {folder}: {exc.strerror}") from None
    for path in paths:
        if path.name.startswith("."):
            continue
        if exclude is not None and path.resolve() == exclude:
            ignored.append(f"skipped {path.name}: it is the output folder")
            continue
        if path.is_dir():
            entry = Entry(path.name, path)
        elif path.suffix in SUFFIXES and path.is_file():
            entry = Entry(path.stem, path)
        else:
            ignored.append(f"skipped {path.name}: not a folder, a .zip or a .ipynb")
            continue
        if entry.id in entries:
            duplicates.append((entry, entries[entry.id]))
        else:
            entries[entry.id] = entry
    return Scan(tuple(entries.values()), tuple(duplicates), tuple(ignored))


@dataclass(frozen=True)
class Loaded:
    """An entry as read: the submission (named by the entry's id), or why it cannot be."""

    entry: Entry
    fingerprint: str
    submission: Submission | None = None
    problem: str | None = None


def _digest(parts: Iterator[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def fingerprint(found: Submission) -> str:
    """sha256 over a loaded submission's file names and bytes and its per-file problems."""
    def parts() -> Iterator[bytes]:
        for name in sorted(found.files):
            yield b"file"
            yield name.encode("utf-8", "surrogatepass")
            yield found.files[name]
        for name in sorted(found.problems):
            yield b"problem"
            yield name.encode("utf-8", "surrogatepass")
            yield found.problems[name].encode("utf-8", "surrogatepass")
    return _digest(parts())


def grading_key(katas: Sequence[Kata], hidden_dir: Path = HIDDEN_DIR) -> str:
    """sha256 of what grading depends on besides the submission: the katas and hidden tests."""
    def parts() -> Iterator[bytes]:
        for kata in katas:
            yield repr(kata).encode("utf-8", "surrogatepass")
            try:
                yield (hidden_dir / f"test_{kata.name}.py").read_bytes()
            except OSError:
                yield b"missing"
        conftest = hidden_dir / "conftest.py"
        yield conftest.read_bytes() if conftest.is_file() else b""
    return _digest(parts())


def read(entry: Entry, katas: Sequence[Kata]) -> Loaded:
    """Load ``entry`` without grading it; a failure becomes :attr:`Loaded.problem`, never raises."""
    try:
        found = submission.load(entry.path, katas)
    except Exception as exc:  # a corrupt zip, an unreadable notebook: a problem of this entry
        reason = str(exc) if isinstance(exc, UsageError) else f"{type(exc).__name__}: {exc}"
        reason = reason.removeprefix(f"{entry.path}: ").replace(str(entry.path), entry.source)
        try:
            raw = entry.path.read_bytes() if entry.path.is_file() else b""
        except OSError:
            raw = b""
        return Loaded(entry, _digest(iter([b"unreadable", raw, reason.encode()])), problem=reason)
    found = dataclasses.replace(found, name=entry.id)
    return Loaded(entry, fingerprint(found), submission=found)


def _unreadable(loaded: Loaded, katas: Sequence[Kata]) -> Submission:
    """What the engine grades for an entry that could not be loaded: every kata in error."""
    reason = loaded.problem or "the submission could not be read"
    return Submission(name=loaded.entry.id, files={},
                      problems={kata.filename: reason for kata in katas})


# ---------------------------------------------------------------- the gradebook


@dataclass(frozen=True)
class Row:
    """A submission's gradebook row, as far as a run needs it."""

    id: str
    fingerprint: str
    grading_key: str
    status: str
    problem: str | None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Gradebook:
    """The sqlite record of a batch; one transaction per submission."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise UsageError(f"{path}: gradebook version {version}; this pykata "
                                 f"writes version {SCHEMA_VERSION}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # a killed process loses nothing
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}"
                                   f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"{path}: not a usable gradebook ({exc})") from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def rows(self) -> dict[str, Row]:
        """Every submission in the gradebook, by id, without its result."""
        query = "SELECT id, fingerprint, grading_key, status, problem FROM submissions"
        return {row[0]: Row(*row) for row in self._db.execute(query)}

    def results(self) -> Iterator[tuple[str, str | None, str]]:
        """(id, problem, kata-result/1 line) of every submission, in id order."""
        yield from self._db.execute("SELECT id, problem, result FROM submissions ORDER BY id")

    def record(self, loaded: Loaded, key: str, result: SubmissionResult, *,
               started_at: str) -> None:
        """Replace ``loaded``'s rows with ``result``, in one transaction."""
        ident = loaded.entry.id
        with self._transaction():
            self._db.execute("DELETE FROM submissions WHERE id = ?", (ident,))
            self._db.execute(
                "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ident, loaded.entry.source, loaded.fingerprint, key,
                 "graded" if loaded.problem is None else "problem", loaded.problem,
                 result.score, result.max_score, started_at, _now(), result.duration_s,
                 json_report.to_line(result)))
            self._db.executemany(
                "INSERT INTO katas VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(ident, kata.name, position, kata.title, kata.score, kata.max_score,
                  kata.status, kata.error) for position, kata in enumerate(result.katas, 1)])
            self._db.executemany(
                "INSERT INTO tests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(ident, kata.name, test.id, test.task, test.description, test.status,
                  test.score, test.max_score, test.message, test.duration_s)
                 for kata in result.katas for test in kata.tests])

    def reject(self, entry: Entry, reason: str) -> None:
        """Note an entry that was not graded because its id is taken."""
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO rejected VALUES (?, ?, ?, ?)",
                             (entry.source, entry.id, reason, _now()))


# ---------------------------------------------------------------- derived files


@functools.cache
def _umask() -> int:
    """The process umask; first asked in :func:`run`, before any worker thread exists."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to a temp file next to ``path``, then rename it over ``path``."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX, suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(content)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def grades_csv(results: Sequence[SubmissionResult], katas: Sequence[Kata]) -> str:
    """submission, score, max_score, then each kata's score in catalog order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["submission", "score", "max_score", *(kata.name for kata in katas)])
    for result in results:
        scores = {kata.name: json_report.number(kata.score) for kata in result.katas}
        writer.writerow([result.submission, json_report.number(result.score),
                         json_report.number(result.max_score),
                         *(scores.get(kata.name, "") for kata in katas)])
    return buffer.getvalue()


def write_feedback(out: Path, result: SubmissionResult, problem: str | None) -> None:
    """``feedback/<id>.md`` for one submission, rewritten only when its text changed."""
    path = out / FEEDBACK_DIR / f"{result.submission}.md"
    text = markdown.render(result, problem=problem)
    with contextlib.suppress(OSError):
        if path.read_text(encoding="utf-8") == text:
            return
    _write_atomic(path, text)


def write_outputs(book: Gradebook, out: Path, ids: Sequence[str], katas: Sequence[Kata]
                  ) -> tuple[list[SubmissionResult], int]:
    """Regenerate grades.csv, results.jsonl and feedback for ``ids`` from the gradebook.

    Returns the results of those graded (problems apart) and how many gradebook rows were
    left out because their id is not in ``ids``.
    """
    wanted = set(ids)
    lines: list[str] = []
    results: list[SubmissionResult] = []
    graded: list[SubmissionResult] = []
    left_out = 0
    for ident, problem, line in book.results():
        if ident not in wanted:
            left_out += 1
            continue
        result = json_report.from_line(line)
        write_feedback(out, result, problem)
        lines.append(line + "\n")
        results.append(result)
        if problem is None:
            graded.append(result)
    _write_atomic(out / GRADES_CSV, grades_csv(results, katas))
    _write_atomic(out / RESULTS_JSONL, "".join(lines))
    return graded, left_out


# ---------------------------------------------------------------- console


class Log:
    """What the teacher sees: a progress bar on a terminal, else one line per submission."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def note(self, line: str) -> None:
        self.console.print(line, markup=False, highlight=False, soft_wrap=True)

    @contextlib.contextmanager
    def grading(self, total: int) -> Iterator[None]:
        if not self.console.is_terminal or total == 0:
            yield
            return
        self._progress = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(),
                                  TextColumn("{task.description}", markup=False),
                                  console=self.console, transient=True)
        with self._progress:
            self._task = self._progress.add_task("", total=total)
            try:
                yield
            finally:
                self._progress = None

    def finished(self, loaded: Loaded, result: SubmissionResult) -> None:
        if loaded.problem is not None:
            self.note(f"problem {loaded.entry.source}: {loaded.problem}")
        elif self._progress is None:
            self.note(f"graded {loaded.entry.id}: {result.score:g}/{result.max_score:g} "
                      f"({result.duration_s:.1f} s)")
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=loaded.entry.id)


@dataclass
class Tally:
    graded: int = 0
    unchanged: int = 0
    problems: int = 0

    def summary(self, scores: Sequence[SubmissionResult], elapsed: float) -> str:
        """graded N (M unchanged, K problems), mean score, time, submissions/second."""
        problems = f"{self.problems} problem" + ("" if self.problems == 1 else "s")
        mean = "-"
        if scores:
            top = max(result.max_score for result in scores)
            mean = f"{sum(result.score for result in scores) / len(scores):.1f}/{top:g}"
        rate = self.graded / elapsed if elapsed > 0 else 0.0
        return (f"graded {self.graded} ({self.unchanged} unchanged, {problems}) · mean score "
                f"{mean} · {elapsed:.1f} s · {rate:.1f} submissions/s")


# ---------------------------------------------------------------- the command


def _check_options(submissions: Path, out: Path, jobs: int, timeout: float | None) -> None:
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    if timeout is not None and not timeout > 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {timeout:g}")
    if not submissions.is_dir():
        raise UsageError(f"{submissions}: no such folder; SUBMISSIONS is a folder with one "
                         "entry (folder, .zip or .ipynb) per learner")
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a folder; --out names the output folder")
    try:
        (out / FEEDBACK_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {out / FEEDBACK_DIR}: {exc.strerror}") from None
    for folder in (out, out / FEEDBACK_DIR):  # leftovers of a run killed mid-write
        for stale in folder.glob(f"{_TEMP_PREFIX}*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def run(*, submissions: Path, out: Path, jobs: int, timeout: float | None,
        console: Console | None = None) -> int:
    """Grade every new or changed submission under ``submissions`` into ``out``.

    Exit status 0 when every submission is graded, 1 when some could not be graded at all.
    """
    start = time.perf_counter()
    if not engine.has_hidden_tests():
        raise engine.NoHiddenTests(engine.NO_HIDDEN_TESTS)
    _check_options(submissions, out, jobs, timeout)
    _umask()
    log = Log(console or Console(highlight=False))
    katas = CATALOG
    found = scan(submissions, exclude=out.resolve())
    for line in found.ignored:
        log.note(line)
    if not found.entries:
        log.note(f"no submissions in {submissions}: expected folders, .zip or .ipynb files")
    book = Gradebook(out / GRADEBOOK)
    try:
        tally = Tally()
        key = grading_key(katas)
        todo = _plan(found, katas, key, book=book, log=log, tally=tally)
        try:
            _grade(todo, katas, key, book=book, out=out, log=log, tally=tally, jobs=jobs,
                   limits=Limits(probe_timeout=timeout) if timeout else Limits())
        finally:
            graded, left_out = write_outputs(book, out, [e.id for e in found.entries], katas)
        if left_out:
            log.note(f"{left_out} submission(s) in the gradebook are no longer in {submissions}: "
                     "kept there, left out of grades.csv and results.jsonl")
    finally:
        book.close()
    log.note(tally.summary(graded, time.perf_counter() - start))
    return 1 if tally.problems else 0


def _plan(found: Scan, katas: Sequence[Kata], key: str, *, book: Gradebook, log: Log,
          tally: Tally) -> list[Entry]:
    """Record duplicates, count what is unchanged; return the entries to grade."""
    for entry, holder in found.duplicates:
        reason = f"same id as {holder.source}, which is graded instead; rename one of them"
        book.reject(entry, reason)
        log.note(f"problem {entry.source}: {reason}")
        tally.problems += 1
    rows = book.rows()
    todo: list[Entry] = []
    for entry in found.entries:
        loaded = read(entry, katas)
        row = rows.get(entry.id)
        if row is None or (row.fingerprint, row.grading_key) != (loaded.fingerprint, key):
            todo.append(entry)
        elif row.status == "problem":
            tally.problems += 1
            log.note(f"problem {entry.source}: {row.problem} (unchanged)")
        else:
            tally.unchanged += 1
    return todo


def _grade(todo: Sequence[Entry], katas: Sequence[Kata], key: str, *, book: Gradebook,
           out: Path, log: Log, tally: Tally, jobs: int, limits: Limits) -> None:
    """Grade ``todo`` with the engine, committing and writing feedback as each one finishes.

    Each entry is read again in a worker thread (the first read only fingerprinted it), so
    only the few submissions being graded are held in memory.
    """
    if not todo:
        return
    reads: dict[str, tuple[Loaded, str]] = {}
    lock = threading.Lock()

    def loader(entry: Entry) -> Callable[[], Submission]:
        def load() -> Submission:
            started = _now()
            loaded = read(entry, katas)
            with lock:
                reads[entry.id] = (loaded, started)
            return loaded.submission or _unreadable(loaded, katas)
        return load

    with log.grading(len(todo)):
        for result in engine.grade_many([loader(entry) for entry in todo], katas,
                                        jobs=jobs, limits=limits):
            with lock:
                loaded, started = reads.pop(result.submission)
            book.record(loaded, key, result, started_at=started)
            write_feedback(out, result, loaded.problem)
            if loaded.problem is None:
                tally.graded += 1
            else:
                tally.problems += 1
            log.finished(loaded, result)


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``kata batch`` on an argparse subparsers object."""
    parser = subparsers.add_parser(
        "batch", help="grade a class: every submission in a folder, resumably",
        description="Grade each folder, .zip or .ipynb directly under SUBMISSIONS. Re-running "
                    "grades only new or changed submissions.")
    parser.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                        help="folder with one entry per learner: a folder, a .zip or a .ipynb")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="gradebook.sqlite, grades.csv, results.jsonl and feedback/ go here")
    parser.add_argument("--jobs", type=int, default=engine.DEFAULT_JOBS, metavar="N",
                        help="submissions graded at once (default: twice the number of CPUs, "
                             "since a grading thread mostly waits on its learner process)")
    parser.add_argument("--timeout", type=float, default=None, metavar="S",
                        help=f"seconds allowed per probe (default: {Limits().probe_timeout:g})")
