"""``kata batch SUBMISSIONS --out DIR``: grade a whole class, resumably, one row per entry.

Each entry directly under SUBMISSIONS is one submission: a folder, a ``.zip`` or a ``.ipynb``;
its id is the entry's name (without ``.zip``/``.ipynb``) made safe by :func:`grader.safe.name`
(an undecodable byte shows as ``\\udcXX``, an escape sequence as ``\\x1b``). Hidden entries are
skipped silently, anything else with a one-line note. Every other entry gets exactly one row,
with a status:

    graded      graded (some work done)
    untouched   graded, but every kata is still the stub: nothing attempted
    empty       no kata module at all
    nested      kata modules only deeper than the top or ``katas/`` (``alice/work/katas/``)
    unreadable  not a readable zip or notebook
    duplicate   its id is taken by an entry earlier in name order (``bob/`` and ``bob.zip``);
                its row is named after the entry itself (``bob.zip``)
    error       something failed while recording it; the batch goes on

A problem row scores 0 of the full marks and says why, in grades.csv, the gradebook, the
feedback and the summary. The exit status is 0 when every row is graded or untouched, 1 when
some row is a problem, 2 on bad usage (``--out`` inside SUBMISSIONS is refused).

The gradebook (``DIR/gradebook.sqlite``, see :mod:`grader.gradebook`) is the record; every
other file in DIR is derived from it. Each submission is committed in one transaction as soon
as it is graded, so a run killed at any point keeps every submission already committed, and
the next run grades only what is new or changed: a submission is unchanged when its
fingerprint (sha256 of its modules, links and hint state, read without loading it) and the
grading key (sha256 of the course's katas and hidden tests) both match its current attempt.

Outputs are streamed: feedback is written as each submission finishes; ``grades.csv`` and
``results.jsonl`` are then written row by row from the gradebook (each file replaced
atomically), and only when the rows they show changed. Feedback of submissions no longer in
SUBMISSIONS is removed (their gradebook rows stay). The summary (printed, ``summary.md`` and
``summary.json``) is computed by queries over the gradebook.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import functools
import hashlib
import json
import os
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, Final

from rich.console import Console

from grader import engine, safe, submission
from grader.course import Course, Kata
from grader.errors import UsageError
from grader.gradebook import GRADED, SUMMARY_SCHEMA, Attempt, Gradebook, now
from grader.reporters import json_report, markdown
from grader.reporters import summary as summary_report
from grader.results import KataResult, SubmissionResult, TestOutcome
from grader.sandbox import Limits
from grader.similarity import digest as _digest, similarity, utf8 as _bytes
from grader.submission import Submission

if TYPE_CHECKING:  # rich.progress loads only where a bar is shown (a cold kata check skips it)
    from rich.progress import Progress, TaskID

GRADEBOOK: Final = "gradebook.sqlite"
GRADES_CSV: Final = "grades.csv"
RESULTS_JSONL: Final = "results.jsonl"
SUMMARY_MD: Final = "summary.md"
SUMMARY_JSON: Final = "summary.json"
FEEDBACK_DIR: Final = "feedback"
SUFFIXES: Final = (".zip", ".ipynb")
STATE_FILE: Final = ".kata-state.json"  # what `kata hint` writes next to the kata modules
STATE_LIMIT: Final = 64 * 1024
MAX_HINT_LEVEL: Final = 100
NAME_LIMIT: Final = 1024  # bytes of a file's path inside a submission (PATH_MAX is 4096)
PART_LIMIT: Final = 255  # bytes of one path component (NAME_MAX)
_TEMP_PREFIX: Final = ".pykata-"
_OUTPUTS_KEY: Final = "outputs"


# ---------------------------------------------------------------- finding and reading entries


@dataclass(frozen=True)
class Entry:
    """One entry directly under SUBMISSIONS that looks like a submission."""

    id: str  # safe (grader.safe.name), unique among the entries
    path: Path
    duplicate_of: str | None = None  # the safe source name of the entry that has its id

    @property
    def source(self) -> str:
        return safe.name(self.path.name)


@dataclass(frozen=True)
class Scan:
    entries: tuple[Entry, ...]  # one per row, in name order
    ignored: tuple[str, ...]  # one-line notes


def scan(folder: Path) -> Scan:
    """The entries directly under ``folder``; of two with one id the first in name order keeps
    it, the other becomes a ``duplicate`` row named after its own entry name."""
    try:
        paths = sorted(folder.iterdir(), key=lambda p: os.fsencode(p.name))
    except OSError as exc:
        raise UsageError(f"cannot read {safe.line(folder)}: {exc.strerror}") from None
    kept: list[tuple[str, Path]] = []
    ignored: list[str] = []
    for path in paths:
        if path.name.startswith("."):
            continue
        if path.is_dir():
            kept.append((safe.name(path.name), path))
        elif path.suffix in SUFFIXES and path.is_file():
            kept.append((safe.name(path.stem), path))
        else:
            ignored.append(f"skipped {safe.line(path.name)}: not a folder, a .zip or a .ipynb")
    holders: dict[str, Entry] = {}
    duplicates: list[tuple[str, Path]] = []
    for ident, path in kept:
        if ident in holders:
            duplicates.append((ident, path))
        else:
            holders[ident] = Entry(ident, path)
    taken = set(holders)
    entries = list(holders.values())
    for ident, path in duplicates:
        name, number = safe.name(path.name), 1
        while name in taken:  # an entry named like another's id: bob/ bob.zip bob.zip.zip
            number += 1
            name = f"{safe.name(path.name)}~{number}"
        taken.add(name)
        entries.append(Entry(name, path, duplicate_of=holders[ident].source))
    return Scan(tuple(sorted(entries, key=lambda e: e.id)), tuple(ignored))


@dataclass(frozen=True)
class Loaded:
    """An entry as read: its submission (named by the entry's id) and status, or why not."""

    entry: Entry
    fingerprint: str
    status: str
    submission: Submission | None = None
    problem: str | None = None
    hints: tuple[tuple[str, int, int], ...] = ()


def fingerprint(entry: Entry) -> str:
    """sha256 of everything loading ``entry`` depends on, read without loading it.

    A folder: its folder names, the bytes of its ``.py`` and state files (size and mtime for a
    file too large to be read anyway) and its links; other files, hidden folders and
    ``__pycache__`` cannot change a grade and are left out. A zip or notebook: its bytes.
    Cheaper than loading, so that an unchanged class is recognised quickly; never raises
    (what cannot be read is part of the digest).
    """
    digest = hashlib.sha256()

    def add(*parts: bytes) -> None:
        for part in parts:
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)

    add(b"entry/1", _bytes(entry.duplicate_of or ""))
    wanted = (b".py", STATE_FILE.encode())

    def walk(folder: bytes, relative: bytes) -> None:
        with os.scandir(folder) as scanner:
            items = sorted(scanner, key=lambda item: item.name)
        for item in items:
            name = relative + item.name
            if item.is_symlink():
                add(b"link", name, os.readlink(item.path))
            elif item.is_dir():
                if not item.name.startswith(b".") and item.name != b"__pycache__":
                    add(b"dir", name)  # loading skips the others, and so may this
                    walk(item.path, name + b"/")
            elif item.name.endswith(wanted) and item.is_file():
                size = item.stat().st_size
                if size > submission.MAX_FILE:
                    add(b"large", name, b"%d:%d" % (size, item.stat().st_mtime_ns))
                else:
                    with open(item.path, "rb") as handle:
                        add(b"file", name, handle.read(submission.MAX_FILE + 1))

    top = os.fsencode(entry.path)
    try:
        if entry.path.is_dir() and not entry.path.is_symlink():
            walk(top, b"")
        else:
            with open(top, "rb") as handle:
                for block in iter(functools.partial(handle.read, 1 << 20), b""):
                    add(block)
    except (OSError, RecursionError) as exc:
        add(b"error", _bytes(str(exc)))
    return digest.hexdigest()


def grading_key(course: Course, katas: Sequence[Kata] | None = None) -> str:
    """sha256 of what grading depends on besides the submission: the katas, their hidden
    tests and the course's runtime."""
    def parts() -> Iterator[bytes]:
        yield _bytes(repr(sorted(course.limits.items())))
        for kata in course.katas if katas is None else katas:
            yield _bytes(repr(dataclasses.replace(kata, position=0)))
            yield _bytes(repr(course.packages_for((kata,))))
            try:
                yield course.hidden_file(kata).read_bytes()
            except OSError:
                yield b"missing"
        conftest = course.hidden_dir / "conftest.py"
        yield conftest.read_bytes() if conftest.is_file() else b""
    return _digest(parts())


def _state_bytes(path: Path) -> bytes:
    """The learner's hint state file, if the submission has one (folder or zip); else b""."""
    try:
        if path.is_dir():
            for folder in (path / "katas", path):
                state = folder / STATE_FILE
                if state.is_file() and not state.is_symlink():
                    with state.open("rb") as handle:
                        return handle.read(STATE_LIMIT + 1)
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = sorted((info for info in archive.infolist()
                                  if PurePosixPath(info.filename).name == STATE_FILE
                                  and info.file_size <= STATE_LIMIT),
                                 key=lambda info: len(info.filename))
                if members:
                    with archive.open(members[0]) as member:
                        return member.read(STATE_LIMIT + 1)
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, ValueError):
        pass
    return b""


def hints_used(raw: bytes, katas: Sequence[Kata]) -> tuple[tuple[str, int, int], ...]:
    """(kata, task, level) from a ``.kata-state.json``; whatever is malformed is left out.

    The file is the learner's: it may be huge, binary, deeply nested or lying. Only entries
    ``"<kata>:<task>": <level>`` naming a real kata and task, with a level 1..100, count.
    """
    if not raw or len(raw) > STATE_LIMIT:
        return ()
    try:
        state = json.loads(raw.decode("utf-8"))
        table = state.get("hints") if isinstance(state, dict) else None
    except (ValueError, RecursionError):
        return ()
    if not isinstance(table, dict):
        return ()
    tasks = {kata.name: len(kata.tasks) for kata in katas}
    found: list[tuple[str, int, int]] = []
    for key, level in table.items():
        name, _, number = str(key).partition(":")
        if (name in tasks and number.isdecimal() and 1 <= int(number) <= tasks[name]
                and type(level) is int and 1 <= level <= MAX_HINT_LEVEL):
            found.append((name, int(number), level))
    return tuple(sorted(found))


def _where_nested(found: Submission, katas: Sequence[Kata]) -> str | None:
    """The deeper folder holding kata modules, when none is where they belong."""
    names = {kata.filename for kata in katas}
    if any(name in found.files or name in found.problems for name in names):
        return None
    deeper = sorted((PurePosixPath(path).parent for path in (*found.files, *found.problems)
                     if PurePosixPath(path).name in names), key=lambda p: (len(p.parts), p))
    return safe.line(deeper[0].as_posix()) if deeper else None


def _fits(name: str) -> bool:
    """Whether a file system can hold ``name`` (a zip may name anything)."""
    try:
        raw = os.fsencode(name)
    except UnicodeError:
        return False
    return (b"\0" not in raw and len(raw) <= NAME_LIMIT
            and all(len(part) <= PART_LIMIT for part in raw.split(b"/")))


def _holdable(found: Submission) -> Submission:
    """``found`` with every file whose name cannot be written moved to its problems."""
    bad = [name for name in found.files if not _fits(name)]
    if not bad:
        return found
    problems = dict(found.problems)
    for name in bad:
        problems[name] = f"{safe.line(name)[:60]}… not read: its name is too long to hold"
    return dataclasses.replace(found, problems=problems,
                               files={k: v for k, v in found.files.items() if k not in bad})


def read(entry: Entry, katas: Sequence[Kata]) -> Loaded:
    """Load ``entry`` without grading it and decide its status; never raises."""
    digest = fingerprint(entry)
    if entry.duplicate_of is not None:
        reason = (f"same id as {entry.duplicate_of}, which is graded instead; rename one of "
                  "them")
        return Loaded(entry, digest, "duplicate", problem=reason)
    try:
        found = submission.load(entry.path, katas)
    except Exception as exc:  # a corrupt zip, an unreadable notebook: a problem of this entry
        reason = str(exc) if isinstance(exc, UsageError) else f"{type(exc).__name__}: {exc}"
        reason = reason.replace(f"{entry.path}: ", "").replace(str(entry.path), entry.source)
        return Loaded(entry, digest, "unreadable", problem=safe.text(reason))
    found = _holdable(dataclasses.replace(found, name=entry.id))
    status, problem = "graded", None
    nested = _where_nested(found, katas)
    if nested is not None:
        status, problem = "nested", (f"the kata modules are in {nested}/; put them at the top "
                                     "of the submission or in katas/")
    elif not any(kata.filename in found.files or kata.filename in found.problems
                 for kata in katas):
        status, problem = "empty", "no kata module (such as copying.py) in the submission"
    return Loaded(entry, digest, status, submission=found if problem is None else None,
                  problem=problem, hints=hints_used(_state_bytes(entry.path), katas))


def _ungradable(ident: str, reason: str, katas: Sequence[Kata]) -> Submission:
    """What the engine grades for an entry that cannot be: every kata in error with ``reason``."""
    return Submission(name=ident, files={}, problems={kata.filename: reason for kata in katas})


# ---------------------------------------------------------------- derived files


@functools.cache
def _umask() -> int:
    """The process umask; first asked in :func:`run`, before any worker thread exists."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[IO[str]]:
    """A text file that replaces ``path`` when the block ends without an exception."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX, suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            yield file
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _write_if_changed(path: Path, content: str) -> None:
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if path.read_text(encoding="utf-8") == content:
            return
    with _atomic(path) as file:
        file.write(content)


def feedback_path(out: Path, ident: str) -> Path:
    return out / FEEDBACK_DIR / f"{safe.filename(ident)}.md"


def write_feedback(out: Path, result: SubmissionResult, problem: str | None,
                   guide: markdown.Guide) -> None:
    """``feedback/<id>.md`` for one submission, rewritten only when its text changed."""
    _write_if_changed(feedback_path(out, result.submission),
                      markdown.render(result, problem=problem, guide=guide))


def write_grades(book: Gradebook, file: IO[str], katas: Sequence[str]) -> None:
    """grades.csv, streamed: submission, score, max_score, a column per kata, status, problem.

    Every cell that is text goes through :func:`grader.safe.cell` (no formula, no control).
    """
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(["submission", "score", "max_score", *katas,
                     "status", "problem"])
    for ident, status, problem, score, max_score, scores in book.rows():
        writer.writerow([safe.cell(ident), json_report.number(score),
                         json_report.number(max_score),
                         *(scores.get(kata, "") for kata in katas),
                         safe.cell(status), safe.cell(problem or "")])


def write_outputs(book: Gradebook, out: Path, ids: Sequence[str], key: str,
                  guide: markdown.Guide) -> bool:
    """grades.csv and results.jsonl from the gradebook, when what they show changed; missing
    feedback written, stale feedback removed. True when anything was rewritten."""
    state = hashlib.sha256(f"{key}|{book.state()}".encode()).hexdigest()
    files = (out / GRADES_CSV, out / RESULTS_JSONL)
    wanted = {feedback_path(out, ident).name for ident in ids}
    stale = [path for path in (out / FEEDBACK_DIR).glob("*.md") if path.name not in wanted]
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()
    missing = [ident for ident in ids if not feedback_path(out, ident).is_file()]
    if book.get_meta(_OUTPUTS_KEY) == state and all(f.is_file() for f in files) and not missing:
        return False
    with _atomic(files[0]) as grades:
        write_grades(book, grades, book.kata_names())
    absent = set(missing)
    with _atomic(files[1]) as lines:
        for ident, _status, problem, result in book.results():
            lines.write(json_report.to_line(result) + "\n")
            if ident in absent:
                write_feedback(out, result, problem, guide)
    book.set_meta(_OUTPUTS_KEY, state)
    return True


# ---------------------------------------------------------------- console


class Log:
    """What the teacher sees: a progress bar on a terminal, else one line per submission.

    Every line is made safe (grader.safe.console): no name or message reaches the terminal raw.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def note(self, line: str) -> None:
        self.console.print(safe.console(line), markup=False, highlight=False, soft_wrap=True)

    @contextlib.contextmanager
    def grading(self, total: int) -> Iterator[None]:
        if not self.console.is_terminal or total == 0:
            yield
            return
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn)

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

    def finished(self, attempt: Attempt) -> None:
        result = attempt.result
        if attempt.status not in GRADED:
            self.note(f"{attempt.status} {attempt.id}: {attempt.problem}")
        elif self._progress is None:
            self.note(f"{attempt.status} {attempt.id}: {result.score:g}/{result.max_score:g} "
                      f"({result.duration_s:.1f} s)")
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=safe.line(attempt.id))


@dataclass
class Tally:
    graded: int = 0
    unchanged: int = 0
    problems: int = 0

    def line(self, elapsed: float) -> str:
        """graded N (M unchanged, K problems), time, submissions/second."""
        problems = f"{self.problems} problem" + ("" if self.problems == 1 else "s")
        rate = self.graded / elapsed if elapsed > 0 else 0.0
        return (f"graded {self.graded} ({self.unchanged} unchanged, {problems}) · "
                f"{elapsed:.1f} s · {rate:.1f} submissions/s")


# ---------------------------------------------------------------- shards


def in_shard(ident: str, k: int, n: int) -> bool:
    """Whether submission ``ident`` belongs to the K-th (1-based) of N slices of a class.

    The slice is a hash of the id alone, so every machine agrees without talking to the
    others, and adding or removing a learner moves nobody else to another shard.
    """
    value = int.from_bytes(hashlib.sha256(_bytes(ident)).digest()[:8], "big")
    return value % n == k - 1


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` as (K, N), 1 <= K <= N; a :class:`UsageError` saying what is wrong."""
    k, slash, n = text.partition("/")
    if not (slash and k.strip().isdecimal() and n.strip().isdecimal()):
        raise UsageError(f"--shard {safe.line(text)}: expected K/N, such as 2/8 (the second "
                         "of eight slices)")
    pair = int(k), int(n)
    if not 1 <= pair[0] <= pair[1]:
        raise UsageError(f"--shard {safe.line(text)}: K counts from 1 to N")
    return pair


def merge(*, shards: Sequence[Path], out: Path, console: Console | None = None,
          course: Course | None = None) -> int:
    """Join the gradebooks of ``kata batch --shard`` runs into ``out``, and write from it the
    files one run over the whole class writes (grades.csv, results.jsonl, feedback, summary).

    Every attempt of every shard is kept (an attempt already in ``out`` is not added twice,
    so merging again is harmless). A submission found in two shards (the class was split
    another way between runs) takes its most recently finished attempt as current. Exit
    status as for a run: 1 when some row is a problem.
    """
    log = Log(console or Console(highlight=False))
    books = [folder / GRADEBOOK for folder in shards]
    for folder, path in zip(shards, books):
        if not path.is_file():
            raise UsageError(f"{safe.line(folder)}: no {GRADEBOOK}; name the --out folders "
                             "of the shard runs")
        if _inside(out, folder) and out.resolve() != folder.resolve():
            raise UsageError(f"--out {safe.line(out)} is inside the shard {safe.line(folder)}")
        if out.resolve() == folder.resolve():
            raise UsageError(f"--out {safe.line(out)} is also a shard; merge into a new folder")
    _check_out(out)
    _umask()
    book = Gradebook(out / GRADEBOOK)
    try:
        keys, moved = book.merge(books)
        if len(keys) > 1:
            log.note(f"the shards were graded with {len(keys)} different courses or hidden "
                     "tests: their rows do not compare; regrade the older shards")
        ids = book.present()
        for ident in moved:  # written again below, from the gradebook, as one run writes it
            with contextlib.suppress(OSError):
                feedback_path(out, ident).unlink()
        guide = markdown.guide_of(course) if course is not None else markdown.Guide()
        changed = write_outputs(book, out, ids, "|".join(sorted(keys)), guide)
        log.note(f"merged {len(shards)} shard(s): {len(ids)} submission(s)")
        return _report(book, out, changed, log)
    finally:
        book.close()


# ---------------------------------------------------------------- the command


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _check_options(submissions: Path, out: Path, jobs: int, timeout: float | None) -> None:
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    if timeout is not None and not timeout > 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {timeout:g}")
    if not submissions.is_dir():
        raise UsageError(f"{safe.line(submissions)}: no such folder; SUBMISSIONS is a folder "
                         "with one entry (folder, .zip or .ipynb) per learner")
    if _inside(out, submissions):
        raise UsageError(f"--out {safe.line(out)} is inside {safe.line(submissions)}: its "
                         "files would be graded as a submission; choose a folder outside it")
    _check_out(out)


def _check_out(out: Path) -> None:
    """``out`` made ready for the outputs (a folder with feedback/, no stale temp files)."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{safe.line(out)}: exists and is not a folder; --out names the "
                         "output folder")
    try:
        (out / FEEDBACK_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {safe.line(out / FEEDBACK_DIR)}: {exc.strerror}"
                         ) from None
    for folder in (out, out / FEEDBACK_DIR):  # leftovers of a run killed mid-write
        for stale in folder.glob(f"{_TEMP_PREFIX}*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def run(*, submissions: Path, out: Path, course: Course, jobs: int, timeout: float | None,
        console: Console | None = None, feedback: str = "full",
        shard: tuple[int, int] | None = None) -> int:
    """Grade every new or changed submission under ``submissions`` into ``out``.

    ``shard`` (K, N): only the entries of the K-th of N slices (see :func:`in_shard`).
    Exit status 0 when every row is graded (or untouched), 1 when some row is a problem.
    """
    start = time.perf_counter()
    if not engine.has_hidden_tests(course.hidden_dir) or course.pack:
        raise engine.NoHiddenTests(engine.NO_HIDDEN_TESTS)
    _check_options(submissions, out, jobs, timeout)
    _umask()
    log = Log(console or Console(highlight=False))
    katas = course.katas
    found = scan(submissions)
    if shard is not None:
        found = dataclasses.replace(found, entries=tuple(
            entry for entry in found.entries if in_shard(entry.id, *shard)))
    for note in found.ignored:
        log.note(note)
    if not found.entries:
        where = "" if shard is None else f" (shard {shard[0]}/{shard[1]})"
        log.note(f"no submissions in {submissions}{where}: expected folders, .zip or .ipynb "
                 "files")
    book = Gradebook(out / GRADEBOOK)
    try:
        tally = Tally()
        key = grading_key(course) + ("" if feedback == "full" else f":{feedback}")
        book.set_katas(katas)
        ids = [entry.id for entry in found.entries]
        book.set_present(ids)
        todo = _plan(found, katas, key, book=book, log=log, tally=tally)
        try:
            _grade(todo, course, key, book=book, out=out, log=log, tally=tally, jobs=jobs,
                   limits=engine.limits_for(
                       course, **({"probe_timeout": timeout} if timeout else {})),
                   feedback=feedback)
        finally:
            changed = write_outputs(book, out, ids, key, markdown.guide_of(course))
        if book.absent():
            log.note(f"{book.absent()} submission(s) in the gradebook are no longer in "
                     f"{submissions}: kept there, left out of the other files")
        log.note(tally.line(time.perf_counter() - start))
        return _report(book, out, changed, log)
    finally:
        book.close()


def _report(book: Gradebook, out: Path, changed: bool, log: Log) -> int:
    """Print the summary; the exit status: 1 when some row is a problem, else 0."""
    data = _summary(book, out, changed)
    log.note(summary_report.render(data, limit=summary_report.NAMES_SHOWN))
    problems = sum(count for status, count in data["statuses"].items() if status not in GRADED)
    return 1 if problems else 0


def _summary(book: Gradebook, out: Path, changed: bool) -> dict[str, Any]:
    """The summary data: read back from summary.json when nothing changed, else queried and
    written (summary.json and summary.md)."""
    if not changed and (out / SUMMARY_MD).is_file():
        with contextlib.suppress(OSError, ValueError):
            data = json.loads((out / SUMMARY_JSON).read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("schema") == SUMMARY_SCHEMA:
                return data
    data = book.summary()
    _write_if_changed(out / SUMMARY_JSON, json_report.dump(data))
    _write_if_changed(out / SUMMARY_MD, summary_report.render(data))
    return data


def _plan(found: Scan, katas: Sequence[Kata], key: str, *, book: Gradebook, log: Log,
          tally: Tally) -> list[Entry]:
    """Count what is unchanged; return the entries to grade (fingerprinted, not loaded)."""
    current = book.current()
    todo: list[Entry] = []
    for entry in found.entries:
        row = current.get(entry.id)
        if (row is None or row.status == "error"  # an error row is retried every run
                or (row.fingerprint, row.grading_key) != (fingerprint(entry), key)):
            todo.append(entry)
        elif row.status not in GRADED:
            tally.problems += 1  # listed in the summary; one line each would drown the rest
        else:
            tally.unchanged += 1
    return todo


def _as_error(result: SubmissionResult, reason: str) -> SubmissionResult:
    """``result`` with every check in error: what is kept when recording the real one failed."""
    def kata(graded: KataResult) -> KataResult:
        tests = tuple(TestOutcome(id=t.id, task=t.task, description=t.description,
                                  status="error", max_score=t.max_score,
                                  message=f"not recorded: {reason}") for t in graded.tests)
        return KataResult(graded.name, graded.title, tests, error=reason)
    return SubmissionResult(result.submission, tuple(map(kata, result.katas)))


def _record(book: Gradebook, out: Path, attempt: Attempt,
            guide: markdown.Guide) -> Attempt:
    """Commit ``attempt`` and write its feedback; a failure becomes an ``error`` row instead."""
    try:
        book.record(attempt)
        write_feedback(out, attempt.result, attempt.problem, guide)
        return attempt
    except Exception as exc:  # one submission's failure must not end the class
        reason = safe.line(f"could not be recorded: {type(exc).__name__}: {exc}")
        failed = dataclasses.replace(attempt, status="error", problem=reason, hints=(),
                                     result=_as_error(attempt.result, reason),
                                     same_source=None, similar_source=None)
        book.record(failed)
        write_feedback(out, failed.result, failed.problem, guide)
        return failed


def _engine_failure(exc: Exception) -> str:
    """Why the engine could not grade a submission, the same in every run (no temp paths)."""
    detail = f" ({exc.strerror})" if isinstance(exc, OSError) and exc.strerror else ""
    return f"the grader could not grade it: {type(exc).__name__}{detail}"


def _grade(todo: Sequence[Entry], course: Course, key: str, *, book: Gradebook,
           out: Path, log: Log, tally: Tally, jobs: int, limits: Limits,
           feedback: str = "full") -> None:
    """Grade ``todo`` with the engine, committing and writing feedback as each one finishes.

    Each entry is read again in a worker thread (the plan only fingerprinted it), so only the
    few submissions being graded are held in memory. Should the engine fail, the submissions
    it had in hand are graded again one by one; one that fails alone becomes an ``error`` row
    and the rest of the class goes on.
    """
    if not todo:
        return
    katas = course.katas
    guide = markdown.guide_of(course)
    reads: dict[str, tuple[Loaded, str]] = {}
    failed: dict[str, str] = {}  # id -> why the engine failed on it alone
    recorded: set[str] = set()
    lock = threading.Lock()

    def loader(entry: Entry) -> Callable[[], Submission]:
        def load() -> Submission:
            started = now()
            if entry.id in failed:
                loaded = Loaded(entry, fingerprint(entry), "error", problem=failed[entry.id])
            else:
                loaded = read(entry, katas)
            with lock:
                reads[entry.id] = (loaded, started)
            if loaded.submission is None:
                return _ungradable(entry.id, loaded.problem or loaded.status, katas)
            return loaded.submission
        return load

    def grade(entries: Sequence[Entry]) -> None:
        for result in engine.grade_many((loader(entry) for entry in entries), course,
                                        jobs=jobs, limits=limits, feedback=feedback):
            with lock:
                loaded, started = reads.pop(result.submission)
            _finish(loaded, started, result, course, key, book=book, out=out, log=log,
                    tally=tally, guide=guide)
            recorded.add(loaded.entry.id)

    queue = list(todo)
    with log.grading(len(todo)):
        while queue:
            try:
                grade(queue)
                break
            except Exception:  # which submission did it is found below
                with lock:
                    suspects = [entry for entry in queue if entry.id in reads]
                    reads.clear()
                if not suspects:
                    raise  # no submission in hand: the grader itself is broken
                for entry in suspects:
                    try:
                        grade([entry])
                    except Exception as exc:  # it fails alone: its own error row
                        failed[entry.id] = _engine_failure(exc)
                        reads.clear()
                        grade([entry])
                queue = [entry for entry in queue if entry.id not in recorded]


def _finish(loaded: Loaded, started: str, result: SubmissionResult, course: Course,
            key: str, *, book: Gradebook, out: Path, log: Log, tally: Tally,
            guide: markdown.Guide) -> None:
    """Record one graded submission, write its feedback, count and show it."""
    status = loaded.status
    same, similar = result.sources or similarity(loaded.submission, course)
    if status == "graded" and same is None and not result.score:
        status = "untouched"  # every kata module is still the stub
    attempt = _record(book, out, Attempt(
        id=loaded.entry.id, source=loaded.entry.source, status=status,
        problem=loaded.problem, result=result, fingerprint=loaded.fingerprint,
        grading_key=key, started_at=started, hints=loaded.hints,
        same_source=same, similar_source=similar), guide)
    if attempt.status in GRADED:
        tally.graded += 1
    else:
        tally.problems += 1
    log.finished(attempt)


def main(*, submissions: Path, shards: Sequence[Path], out: Path, course: Course, jobs: int,
         timeout: float | None, feedback: str = "full", shard: str | None = None) -> int:
    """``kata batch SUBMISSIONS ...`` or ``kata batch merge DIR... --out DIR``, as parsed."""
    if submissions == Path("merge") and shards:
        if shard is not None:
            raise UsageError("--shard is for grading; `kata batch merge` joins the shards")
        return merge(shards=shards, out=out, course=course)
    if shards:
        raise UsageError("kata batch takes one SUBMISSIONS folder (or `merge DIR...`), not "
                         f"{1 + len(shards)}")
    return run(submissions=submissions, out=out, course=course, jobs=jobs, timeout=timeout,
               feedback=feedback, shard=None if shard is None else parse_shard(shard))
