"""The gradebook of ``kata batch``: one SQLite file, the record every other output comes from.

Each graded submission is committed in one transaction, as a new *attempt*: a regrade adds an
attempt and moves the submission's pointer to it, the earlier ones stay. Every string written
goes through :func:`grader.safe.text` (the sqlite3 module refuses lone surrogates, and a
teacher's tools expect clean UTF-8). Scores are stored as the CSV shows them: integers when
whole, else reals (``NUMERIC`` affinity). Descriptions and titles are stored once, in
``checks`` and ``katas``; a regrade with edited hidden tests updates them in place.

Schema (``PRAGMA user_version = 3``, WAL journal)::

    katas(name PK, position, title, track)                -- the course's katas, once
    checks(id PK, kata, task, description, task_number)   -- each hidden check, once
    submissions(id PK, source, attempt, present)          -- attempt: the current one;
                                                          -- present: in SUBMISSIONS last run
    attempts(submission, attempt, source, status, problem, score, max_score, stuck_at,
             tampered, fingerprint, grading_key, same_source, similar_source,
             started_at, finished_at, duration_s)         -- PK (submission, attempt)
    kata_results(submission, attempt, kata, score, max_score, status, error)
    check_results(submission, attempt, check_id, position, status, score, max_score,
                  message, duration_s, unimplemented) -- message empty when the check did not
                                                      -- run because its kata did not load;
                                                      -- unimplemented: met NotImplementedError
    integrity(submission, attempt, kata, line, rule, message)
    hints(submission, attempt, kata, task, level)         -- from the learner's state file
    meta(key PK, value)
    VIEW current        -- attempts joined to the current attempt of each present submission
    VIEW current_checks -- check_results of those attempts, with kata, task and description
"""

from __future__ import annotations

import contextlib
import sqlite3
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Final

from grader import safe
from grader.course import Kata
from grader.errors import UsageError
from grader.results import IntegrityFinding, KataResult, SubmissionResult, TestOutcome

SCHEMA_VERSION: Final = 3
GRADED: Final = frozenset({"graded", "untouched"})  # statuses that count in the statistics
TOP_FAILED: Final = 10
SUMMARY_SCHEMA: Final = "kata-summary/1"

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS katas (
    name TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL,
    track TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS checks (
    id TEXT PRIMARY KEY, kata TEXT NOT NULL, task TEXT NOT NULL, description TEXT NOT NULL,
    task_number INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS submissions (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, attempt INTEGER NOT NULL,
    present INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS attempts (
    submission TEXT NOT NULL, attempt INTEGER NOT NULL, source TEXT NOT NULL,
    status TEXT NOT NULL, problem TEXT, score NUMERIC NOT NULL, max_score NUMERIC NOT NULL,
    stuck_at TEXT, tampered INTEGER NOT NULL DEFAULT 0,
    fingerprint TEXT NOT NULL, grading_key TEXT NOT NULL,
    same_source TEXT, similar_source TEXT,
    started_at TEXT NOT NULL, finished_at TEXT NOT NULL, duration_s REAL NOT NULL,
    PRIMARY KEY (submission, attempt));
CREATE TABLE IF NOT EXISTS kata_results (
    submission TEXT NOT NULL, attempt INTEGER NOT NULL, kata TEXT NOT NULL,
    score NUMERIC NOT NULL, max_score NUMERIC NOT NULL, status TEXT NOT NULL, error TEXT,
    PRIMARY KEY (submission, attempt, kata)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS check_results (
    submission TEXT NOT NULL, attempt INTEGER NOT NULL, check_id TEXT NOT NULL,
    position INTEGER NOT NULL, status TEXT NOT NULL, score NUMERIC NOT NULL,
    max_score NUMERIC NOT NULL, message TEXT NOT NULL, duration_s REAL NOT NULL,
    unimplemented INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (submission, attempt, check_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS integrity (
    submission TEXT NOT NULL, attempt INTEGER NOT NULL, kata TEXT NOT NULL,
    line INTEGER NOT NULL, rule TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hints (
    submission TEXT NOT NULL, attempt INTEGER NOT NULL, kata TEXT NOT NULL,
    task INTEGER NOT NULL, level INTEGER NOT NULL,
    PRIMARY KEY (submission, attempt, kata, task)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIEW IF NOT EXISTS current AS
    SELECT a.* FROM attempts a JOIN submissions s
    ON s.id = a.submission AND s.attempt = a.attempt WHERE s.present = 1;
CREATE VIEW IF NOT EXISTS current_checks AS
    SELECT r.submission, r.attempt, c.kata, c.task, r.check_id, c.description, r.status,
           r.score, r.max_score, r.message
    FROM check_results r JOIN current a ON a.submission = r.submission AND a.attempt = r.attempt
    JOIN checks c ON c.id = r.check_id;
"""


def now() -> str:
    """The time as the gradebook stores it: ISO 8601 UTC, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _number(value: float) -> int | float:
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def _row(*values: Any) -> tuple[Any, ...]:
    """Parameters for one insert: every string made safe (grader.safe.text), numbers as is."""
    return tuple(safe.text(value) if isinstance(value, str) else value for value in values)


@dataclass(frozen=True)
class Current:
    """What a run needs to know of a submission's current attempt to skip it when unchanged."""

    fingerprint: str
    grading_key: str
    status: str
    problem: str | None


@dataclass(frozen=True)
class Attempt:
    """One graded (or ungradable) submission, ready to be recorded."""

    id: str
    source: str
    status: str  # graded, untouched, empty, unreadable, nested, duplicate, error
    problem: str | None
    result: SubmissionResult
    fingerprint: str
    grading_key: str
    started_at: str
    hints: tuple[tuple[str, int, int], ...] = ()  # (kata, task, level)
    same_source: str | None = None
    similar_source: str | None = None


def _not_run(kata: KataResult) -> str | None:
    """The message every check of a kata that did not load carries (the engine's wording)."""
    return None if kata.error is None else f"not run: {kata.error}"


def _message(kata: KataResult, test: TestOutcome) -> str:
    """A check's message as stored: empty when it only repeats its kata's load error."""
    return "" if test.message == _not_run(kata) else test.message


def stuck_at(result: SubmissionResult) -> str | None:
    """The first kata, in the order graded, not at full marks: where this learner stopped."""
    return next((kata.name for kata in result.katas if kata.score < kata.max_score), None)


def _open_readonly(path: Path) -> sqlite3.Connection:
    """Another gradebook, opened to be read only; a :class:`UsageError` if it is not one."""
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute("SELECT count(*) FROM attempts").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{path}: not a usable gradebook ({exc})") from None
    if version != SCHEMA_VERSION:
        source.close()
        raise UsageError(f"{path}: gradebook version {version}; this pykata merges version "
                         f"{SCHEMA_VERSION}: regrade that shard")
    return source


class Gradebook:
    """The SQLite record of a batch; one transaction per submission."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._checks: dict[str, tuple[Any, ...]] | None = None  # see _known_checks
        try:
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise UsageError(f"{path}: gradebook version {version}; this pykata writes "
                                 f"version {SCHEMA_VERSION}: move the old one away to regrade")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # a killed process loses nothing
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

    # ------------------------------------------------------------ writing

    def set_katas(self, katas: Sequence[Kata]) -> None:
        """Store the course's kata titles, tracks and order (once per run)."""
        with self._transaction():
            self._db.executemany(
                "INSERT INTO katas VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                "position = excluded.position, title = excluded.title, track = excluded.track",
                [_row(kata.name, position, kata.title, kata.track)
                 for position, kata in enumerate(katas, 1)])

    def kata_names(self) -> list[str]:
        """The katas graded into this gradebook, in course order."""
        return [name for (name,) in self._db.execute("SELECT name FROM katas ORDER BY position")]

    def set_present(self, ids: Iterable[str]) -> None:
        """Mark which submissions are in SUBMISSIONS now; the others keep their rows."""
        with self._transaction():
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS here (id TEXT PRIMARY KEY)")
            self._db.execute("DELETE FROM here")
            self._db.executemany("INSERT OR IGNORE INTO here VALUES (?)",
                                 (_row(ident) for ident in ids))
            self._db.execute("UPDATE submissions SET present = (id IN (SELECT id FROM here))")

    def record(self, attempt: Attempt) -> None:
        """Add ``attempt`` as its submission's new current attempt, in one transaction."""
        result = attempt.result
        with self._transaction():
            number = self._db.execute(
                "SELECT coalesce(max(attempt), 0) + 1 FROM attempts WHERE submission = ?",
                _row(attempt.id)).fetchone()[0]
            self._db.execute(
                "INSERT INTO submissions VALUES (?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET "
                "source = excluded.source, attempt = excluded.attempt, present = 1",
                _row(attempt.id, attempt.source, number))
            tampered = sum(test.status == "tampered" for kata in result.katas
                           for test in kata.tests)
            self._db.execute(
                "INSERT INTO attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _row(attempt.id, number, attempt.source, attempt.status, attempt.problem,
                     _number(result.score), _number(result.max_score),
                     stuck_at(result) if attempt.status in GRADED else None, tampered,
                     attempt.fingerprint, attempt.grading_key, attempt.same_source,
                     attempt.similar_source, attempt.started_at, now(), result.duration_s))
            # A class's submissions all carry the same checks: only new or edited ones are
            # written (the rows already here are known from earlier records of this run).
            known = self._known_checks()
            checks = {row[0]: row for row in (
                (test.id, kata.name, test.task, test.description, test.task_number)
                for kata in result.katas for test in kata.tests) if known.get(row[0]) != row}
            self._db.executemany(
                "INSERT INTO checks VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "kata = excluded.kata, task = excluded.task, description = excluded.description, "
                "task_number = excluded.task_number", [_row(*row) for row in checks.values()])
            self._db.executemany(
                "INSERT INTO kata_results VALUES (?, ?, ?, ?, ?, ?, ?)",
                [_row(attempt.id, number, kata.name, _number(kata.score),
                      _number(kata.max_score), kata.status, kata.error)
                 for kata in result.katas])
            ident = safe.text(attempt.id)
            self._db.executemany(
                "INSERT INTO check_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(ident, number, safe.text(test.id), position, safe.text(test.status),
                  _number(test.score), _number(test.max_score), safe.text(_message(kata, test)),
                  test.duration_s, int(test.unimplemented))
                 for kata in result.katas for position, test in enumerate(kata.tests, 1)])
            self._db.executemany(
                "INSERT INTO integrity VALUES (?, ?, ?, ?, ?, ?)",
                [_row(attempt.id, number, f.kata, f.line, f.rule, f.message)
                 for f in result.integrity])
            self._db.executemany(
                "INSERT OR REPLACE INTO hints VALUES (?, ?, ?, ?, ?)",
                [_row(attempt.id, number, kata, task, level)
                 for kata, task, level in attempt.hints])
        known.update(checks)  # committed

    def _known_checks(self) -> dict[str, tuple[Any, ...]]:
        """The rows of ``checks`` as this connection last read or wrote them (what it wrote
        as given, before :func:`_row`: text that had to be made safe differs, and is written
        again, which changes nothing)."""
        if self._checks is None:
            self._checks = {row[0]: row for row in self._db.execute(
                "SELECT id, kata, task, description, task_number FROM checks")}
        return self._checks

    def merge(self, paths: Sequence[Path]) -> tuple[set[str], list[str]]:
        """Copy every attempt of the gradebooks at ``paths`` (shards of one class) into this one.

        An attempt already here (same submission, fingerprint, grading key and times) is not
        copied twice. A submission's current attempt is the one of the gradebook where it was
        present in SUBMISSIONS and finished last; it is present when it was in any shard's
        SUBMISSIONS. Returns the grading keys of the present submissions' current attempts and
        the ids whose current attempt changed. One transaction per shard.
        """
        before = self.current_attempts()
        with self._transaction():
            self._db.execute("UPDATE submissions SET present = 0")
        for path in paths:
            source = _open_readonly(path)
            try:
                with self._transaction():
                    self._merge_one(source)
            finally:
                source.close()
        after = self.current_attempts()
        keys = {str(key) for (key,) in self._db.execute("SELECT DISTINCT grading_key FROM current")}
        return keys, sorted(ident for ident in after if before.get(ident) != after[ident])

    def _merge_one(self, source: sqlite3.Connection) -> None:
        db = self._db
        self._checks = None  # read again when next needed
        db.executemany("INSERT INTO katas VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                       "position = excluded.position, title = excluded.title, "
                       "track = excluded.track",
                       source.execute("SELECT name, position, title, track FROM katas"))
        db.executemany("INSERT INTO checks VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                       "kata = excluded.kata, task = excluded.task, "
                       "description = excluded.description, task_number = excluded.task_number",
                       source.execute("SELECT id, kata, task, description, task_number "
                                      "FROM checks"))
        for ident, name, current, present in source.execute(
                "SELECT id, source, attempt, present FROM submissions ORDER BY id").fetchall():
            numbers: dict[int, int] = {}
            for row in source.execute("SELECT * FROM attempts WHERE submission = ? "
                                      "ORDER BY attempt", (ident,)).fetchall():
                numbers[row[1]] = self._copy_attempt(source, row)
            if current not in numbers:
                continue  # a submission row without its attempt: nothing to point at
            finished = source.execute(
                "SELECT finished_at FROM attempts WHERE submission = ? AND attempt = ?",
                (ident, current)).fetchone()[0]
            mine = db.execute(
                "SELECT s.present, a.finished_at FROM submissions s JOIN attempts a "
                "ON a.submission = s.id AND a.attempt = s.attempt WHERE s.id = ?",
                (ident,)).fetchone()
            if mine is None or (bool(present), finished) > (bool(mine[0]), mine[1]):
                db.execute("INSERT INTO submissions VALUES (?, ?, ?, ?) ON CONFLICT(id) DO "
                           "UPDATE SET source = excluded.source, attempt = excluded.attempt, "
                           "present = max(present, excluded.present)",
                           (ident, name, numbers[current], int(bool(present))))
            elif present:
                db.execute("UPDATE submissions SET present = 1 WHERE id = ?", (ident,))

    def _copy_attempt(self, source: sqlite3.Connection, row: tuple[Any, ...]) -> int:
        """Copy one attempt row of ``source`` and everything recorded with it; its number here."""
        db = self._db
        ident, number = row[0], row[1]
        fingerprint, key, started, finished = row[9], row[10], row[13], row[14]
        found = db.execute(
            "SELECT attempt FROM attempts WHERE submission = ? AND fingerprint = ? AND "
            "grading_key = ? AND started_at = ? AND finished_at = ?",
            (ident, fingerprint, key, started, finished)).fetchone()
        if found is not None:
            return int(found[0])
        mine = db.execute("SELECT coalesce(max(attempt), 0) + 1 FROM attempts "
                          "WHERE submission = ?", (ident,)).fetchone()[0]
        db.execute(f"INSERT INTO attempts VALUES ({', '.join('?' * len(row))})",
                   (ident, mine, *row[2:]))
        for table in ("kata_results", "check_results", "integrity", "hints"):
            rows = source.execute(f"SELECT * FROM {table} WHERE submission = ? AND attempt = ? "
                                  "ORDER BY rowid" if table == "integrity" else
                                  f"SELECT * FROM {table} WHERE submission = ? AND attempt = ?",
                                  (ident, number)).fetchall()
            if rows:
                width = len(rows[0])
                db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})",
                               [(ident, mine, *values[2:]) for values in rows])
        return int(mine)

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", _row(key, value))

    # ------------------------------------------------------------ reading

    def current(self) -> dict[str, Current]:
        """The current attempt of every submission, present or not, by id."""
        query = ("SELECT s.id, a.fingerprint, a.grading_key, a.status, a.problem FROM "
                 "submissions s JOIN attempts a ON a.submission = s.id AND a.attempt = s.attempt")
        return {row[0]: Current(*row[1:]) for row in self._db.execute(query)}

    def current_attempts(self) -> dict[str, int]:
        """The current attempt number of every present submission, by id."""
        return {str(ident): int(number) for ident, number in self._db.execute(
            "SELECT id, attempt FROM submissions WHERE present = 1")}

    def present(self) -> list[str]:
        """The ids of the submissions present in SUBMISSIONS (at their last run), in id order."""
        return [str(ident) for (ident,) in self._db.execute(
            "SELECT id FROM submissions WHERE present = 1 ORDER BY id")]

    def absent(self) -> int:
        """How many submissions in the gradebook were not in SUBMISSIONS this run."""
        return int(self._db.execute(
            "SELECT count(*) FROM submissions WHERE present = 0").fetchone()[0])

    def state(self) -> str:
        """A digest of what the derived files show: the present ids and their attempts."""
        row = self._db.execute(
            "SELECT count(*), group_concat(id || ':' || attempt, '/') FROM "
            "(SELECT id, attempt FROM submissions WHERE present = 1 ORDER BY id)").fetchone()
        return f"{row[0]}|{row[1] or ''}"

    def rows(self) -> Iterator[tuple[str, str, str | None, Any, Any, dict[str, Any]]]:
        """(id, status, problem, score, max_score, {kata: score}) of each present submission,
        in id order, read as a stream."""
        cursor = self._db.execute(
            "SELECT a.submission, a.status, a.problem, a.score, a.max_score, "
            "group_concat(k.kata || char(0) || k.score, char(1)) FROM current a "
            "LEFT JOIN kata_results k ON k.submission = a.submission AND k.attempt = a.attempt "
            "GROUP BY a.submission ORDER BY a.submission")
        for ident, status, problem, score, max_score, katas in cursor:
            scores = dict(part.split("\0", 1) for part in (katas or "").split("\1") if part)
            yield ident, status, problem, score, max_score, scores

    def results(self) -> Iterator[tuple[str, str, str | None, SubmissionResult]]:
        """(id, status, problem, result) of each present submission, in id order, one at a time.

        The result is rebuilt from the tables (kata-result/1 carries no sandbox layers).
        """
        ids = self._db.execute("SELECT submission, attempt, status, problem, duration_s "
                               "FROM current ORDER BY submission")
        for ident, attempt, status, problem, duration in ids.fetchall():
            yield ident, status, problem, self._result(ident, attempt, duration)

    def _result(self, ident: str, attempt: int, duration: float) -> SubmissionResult:
        errors = {name: (title or name, error, track or "", position or 0)
                  for name, title, error, track, position in self._db.execute(
            "SELECT k.kata, c.title, k.error, c.track, c.position FROM kata_results k "
            "LEFT JOIN katas c "
            "ON c.name = k.kata WHERE k.submission = ? AND k.attempt = ? "
            "ORDER BY coalesce(c.position, 1e9), k.kata", (ident, attempt))}
        tests: dict[str, list[TestOutcome]] = {}
        for kata, *fields in self._db.execute(
                "SELECT c.kata, r.check_id, c.task, c.description, r.status, r.max_score, "
                "r.message, r.duration_s, c.task_number, r.unimplemented FROM check_results r "
                "JOIN checks c ON c.id = r.check_id "
                "WHERE r.submission = ? AND r.attempt = ? ORDER BY r.position",
                (ident, attempt)):
            (check_id, task, description, status, max_score, message, seconds, number,
             unimplemented) = fields
            error = errors.get(kata, ("", None, "", 0))[1]
            if not message and error is not None and status != "passed":
                message = f"not run: {error}"
            tests.setdefault(kata, []).append(TestOutcome(
                id=check_id, task=task, description=description, status=status,
                max_score=float(max_score), message=message, duration_s=seconds,
                task_number=number, unimplemented=bool(unimplemented)))
        katas = tuple(KataResult(name, title, tuple(tests.get(name, ())), error=error,
                                 track=track, position=position)
                      for name, (title, error, track, position) in errors.items())
        findings = tuple(IntegrityFinding(*row) for row in self._db.execute(
            "SELECT kata, line, rule, message FROM integrity WHERE submission = ? AND attempt = ? "
            "ORDER BY rowid", (ident, attempt)))
        return SubmissionResult(ident, katas, findings, duration_s=duration)

    # ------------------------------------------------------------ the summary

    def summary(self) -> dict[str, Any]:
        """The class at a glance, as plain data (summary.json), over present submissions.

        ``submissions`` and ``statuses`` count rows; ``score`` (count, max_score, mean,
        median, min, max, stdev) covers graded and untouched rows only; ``katas`` gives each
        kata's passed/graded/pass_rate and how many stopped there (``stuck``, named in
        ``stuck``); ``most_failed`` the checks failed most often; ``problems`` every problem
        row; ``integrity`` flags and ``tampered`` checks per submission; ``hints`` hints taken
        per submission; ``similar`` groups of identical or near-identical submissions.
        """
        db = self._db
        graded = "status IN ('graded', 'untouched')"
        statuses = dict(db.execute(
            "SELECT status, count(*) FROM current GROUP BY status ORDER BY status"))
        scores = [float(score) for (score,) in db.execute(
            f"SELECT score FROM current WHERE {graded} ORDER BY score")]
        top = db.execute(f"SELECT max(max_score) FROM current WHERE {graded}").fetchone()[0]
        score: dict[str, Any] = {"count": len(scores), "max_score": top}
        if scores:
            score |= {"mean": round(statistics.fmean(scores), 2),
                      "median": _number(statistics.median(scores)),
                      "min": _number(scores[0]), "max": _number(scores[-1]),
                      "stdev": round(statistics.pstdev(scores), 2)}
        counts = {kata: (passed, count) for kata, passed, count in db.execute(
            "SELECT k.kata, sum(k.status = 'passed'), count(*) FROM kata_results k "
            f"JOIN current a USING (submission, attempt) WHERE a.{graded} GROUP BY k.kata")}
        stopped = dict(db.execute(f"SELECT stuck_at, count(*) FROM current WHERE {graded} "
                                  "AND stuck_at IS NOT NULL GROUP BY stuck_at"))
        katas = []
        for name, title in db.execute("SELECT name, title FROM katas ORDER BY position"):
            passed, count = counts.get(name, (0, 0))
            katas.append({"kata": name, "title": title, "passed": passed, "graded": count,
                          "pass_rate": round(passed / count, 3) if count else None,
                          "stuck": stopped.get(name, 0)})
        stuck = [{"kata": kata, "submissions": ids.split("\0")} for kata, ids in db.execute(
            "SELECT stuck_at, group_concat(submission, char(0)) FROM "
            f"(SELECT stuck_at, submission FROM current WHERE stuck_at IS NOT NULL AND {graded} "
            " ORDER BY submission) GROUP BY stuck_at ORDER BY count(*) DESC, stuck_at")]
        failed = [{"check": check, "kata": kata, "description": description, "failed": count,
                   "of": total}
                  for check, kata, description, count, total in db.execute(
                      "SELECT f.check_id, c.kata, c.description, f.failed, f.total FROM "
                      "(SELECT r.check_id, sum(r.status != 'passed') AS failed, count(*) AS total "
                      " FROM check_results r JOIN current a USING (submission, attempt) "
                      f" WHERE a.{graded} GROUP BY r.check_id) f "
                      "JOIN checks c ON c.id = f.check_id WHERE f.failed > 0 "
                      f"ORDER BY f.failed DESC, f.check_id LIMIT {TOP_FAILED}")]
        problems = [{"submission": ident, "status": status, "problem": problem}
                    for ident, status, problem in db.execute(
                        f"SELECT submission, status, problem FROM current WHERE NOT {graded} "
                        "ORDER BY submission")]
        integrity = [{"submission": ident, "flags": flags, "rules": (rules or "").split(",")
                      if rules else [], "tampered": tampered}
                     for ident, flags, rules, tampered in db.execute(
                         "SELECT a.submission, count(i.rule), "
                         "(SELECT group_concat(rule, ',') FROM (SELECT DISTINCT rule FROM "
                         " integrity j WHERE j.submission = a.submission AND "
                         " j.attempt = a.attempt ORDER BY rule)), a.tampered "
                         "FROM current a LEFT JOIN integrity i ON i.submission = a.submission "
                         "AND i.attempt = a.attempt GROUP BY a.submission "
                         "HAVING count(i.rule) > 0 OR a.tampered > 0 ORDER BY a.submission")]
        hints = [{"submission": ident, "hints": total, "katas": katas_.split(",")}
                 for ident, total, katas_ in db.execute(
                     "SELECT h.submission, sum(h.level), group_concat(DISTINCT h.kata) "
                     "FROM hints h JOIN current a ON a.submission = h.submission AND "
                     "a.attempt = h.attempt GROUP BY h.submission ORDER BY h.submission")]
        return {"schema": SUMMARY_SCHEMA, "submissions": sum(statuses.values()),
                "statuses": statuses, "score": score, "katas": katas, "stuck": stuck,
                "most_failed": failed, "problems": problems, "integrity": integrity,
                "hints": hints, "similar": self._similar()}

    def _similar(self) -> list[dict[str, Any]]:
        """Groups of submissions with the same attempted source: identical, or the same once
        normalised (comments, layout, docstrings and names aside)."""
        groups: list[dict[str, Any]] = []
        for ids, distinct in self._db.execute(
                "SELECT group_concat(submission, char(0)), count(DISTINCT same_source) FROM "
                "(SELECT submission, similar_source, same_source FROM current WHERE "
                " similar_source IS NOT NULL ORDER BY submission) "
                "GROUP BY similar_source HAVING count(*) > 1 ORDER BY min(submission)"):
            groups.append({"kind": "identical" if distinct == 1 else "near-identical",
                           "submissions": ids.split("\0")})
        return groups
