"""``kata batch``: a hostile class graded through the real CLI with the real catalog, resumably.

Nothing here hard-codes the number of katas or points: full marks come from grading the
reference solutions in the same run.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from grader import batch, cli, engine, gradebook
from conftest import CATALOG, COURSE
from grader.errors import UsageError
from grader.reporters import json_report, markdown
from grader.results import KataResult, SubmissionResult
from grader.results import TestOutcome as Outcome  # a name pytest does not collect

ROOT = Path(__file__).resolve().parents[1]
FIRST = CATALOG[0]  # copying: first in the catalog by DESIGN.md
WRONG_GRID = ("return [[fill] * cols for _ in range(rows)]", "return [[fill] * cols] * rows")
FORMULA = '=HYPERLINK("x.example","A+")'
BYTES_NAME = b"bad\xff\x1b[31m\xe2\x80\xaename"  # not UTF-8, a colour escape, a bidi override
BYTES_ID = "bad\\udcff\\x1b[31m\\u202ename"  # its id: every oddity shown, none obeyed
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# eve's relation() raises a message full of hostile text, with an object address in it
EVE_RELATION = ("\n\ndef relation(a, b):\n"
                "    raise ValueError('\\ud800 \\x00 \\x1b[2J\\u202e ' + repr(object()))\n")
EVE_IMPORT = "\nraise ImportError('\\udcff\\x00 \\x1b]0;owned\\x07 <x object at 0x7f16c2a0d9b0>')\n"


def small(folder: Path, source: str = "solutions") -> None:
    """A quick submission: the first kata only (the others are missing, so not run)."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / source / FIRST.filename, folder / FIRST.filename)


def zip_folder(folder: Path, target: Path, prefix: str = "") -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.glob("*.py")):
            archive.write(path, f"{prefix}{path.name}")


def kata(*args: str | Path) -> tuple[int, str]:
    """``kata ARGS`` through the real CLI (grader.cli.main): exit status and stdout."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        status = cli.main([str(arg) for arg in args])
    return status, buffer.getvalue()


def grade(submissions: Path, out: Path, *, jobs: int = 2, terminal: bool = False,
          timeout: float | None = None) -> tuple[int, str]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, force_terminal=terminal, color_system=None)
    status = batch.run(submissions=submissions, out=out, course=COURSE, jobs=jobs, timeout=timeout,
                       console=console)
    return status, buffer.getvalue()


def read_csv(out: Path) -> list[dict[str, str]]:
    with (out / "grades.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def query(out: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(f"file:{out / 'gradebook.sqlite'}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()


def hostile_class(subs: Path) -> None:
    """One of every kind of entry, hostile names and messages included."""
    subs.mkdir()
    shutil.copytree(ROOT / "solutions", subs / "alice")
    shutil.copytree(ROOT / "solutions", subs / "bob")
    zip_folder(ROOT / "solutions", subs / "bob.zip", prefix="bob/katas/")  # bob's id again
    shutil.copytree(ROOT / "katas", subs / "carol" / "katas")  # the stubs, untouched
    shutil.copytree(ROOT / "solutions", subs / "dave")
    with (subs / "dave" / FIRST.filename).open("a") as handle:
        handle.write("\ndef broken(:\n")
    odd = os.path.join(os.fsencode(subs / "dave"), b"\xfe\x1b]0;x\x07\xe2\x80\xae.py")
    Path(os.fsdecode(odd)).write_text("X = 1\n")  # a file name that is not UTF-8 either
    (subs / "dave" / "helper.py").symlink_to("/etc/passwd")
    shutil.copytree(ROOT / "solutions", subs / "eve")
    with (subs / "eve" / "copying.py").open("a") as handle:
        handle.write(EVE_RELATION)
    with (subs / "eve" / "arguments.py").open("a") as handle:
        handle.write(EVE_IMPORT)
    (subs / "eve" / ".kata-state.json").write_text(json.dumps({"hints": {
        "copying:1": 2, "copying:2": 1, "copying:99": 5, "nope:1": 1, "arguments:1": True,
        "iteration:1": 10**9}}))
    shutil.copytree(ROOT / "solutions", subs / "frank")
    source = (subs / "frank" / "copying.py").read_text()
    assert WRONG_GRID[0] in source
    (subs / "frank" / "copying.py").write_text(source.replace(*WRONG_GRID))
    (subs / "frank" / ".kata-state.json").write_bytes(b"[" * 100_000)  # hostile state file
    near = os.path.join(os.fsencode(subs), BYTES_NAME)  # frank's work, reformatted
    shutil.copytree(subs / "frank", os.fsdecode(near))
    copied = Path(os.fsdecode(near)) / "copying.py"
    copied.write_text(copied.read_text().replace(WRONG_GRID[1], WRONG_GRID[1] + "  # mine!"))
    (Path(os.fsdecode(near)) / ".kata-state.json").unlink()
    shutil.copytree(ROOT / "solutions", subs / FORMULA)  # alice's files under a formula name
    with zipfile.ZipFile(subs / "kim.zip", "w") as archive:  # names no file system holds
        archive.write(ROOT / "solutions" / FIRST.filename, FIRST.filename)
        archive.writestr("a" * 300 + ".py", "X = 1\n")
        archive.writestr("d/" * 3000 + "x.py", "X = 1\n")
    (subs / "erin.zip").write_bytes(b"PK\x03\x04 this is not a zip")
    (subs / "hana.ipynb").write_text("{not json", encoding="utf-8")
    (subs / "ivan").mkdir()  # empty
    shutil.copytree(ROOT / "solutions", subs / "judy" / "work" / "katas")  # nested too deep
    (subs / "notes.txt").write_text("not a submission")
    (subs / ".DS_Store").write_text("hidden")


GRADED = {"alice": "graded", "bob": "graded", "carol": "untouched", "dave": "graded",
          "kim": "graded",
          "eve": "graded", "frank": "graded", BYTES_ID: "graded", FORMULA: "graded"}
PROBLEMS = {"bob.zip": "duplicate", "erin": "unreadable", "hana": "unreadable",
            "ivan": "empty", "judy": "nested"}
STATUSES = {**GRADED, **PROBLEMS}


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """The hostile class graded once through the CLI: (submissions, out, status, stdout)."""
    root = tmp_path_factory.mktemp("class")
    hostile_class(root / "submissions")
    status, text = kata("batch", root / "submissions", "--out", root / "out", "--jobs", "2")
    return root / "submissions", root / "out", status, text


@pytest.fixture(scope="module")
def results(classroom) -> dict[str, SubmissionResult]:
    lines = (classroom[1] / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {result.submission: result for result in map(json_report.from_line, lines)}


@pytest.fixture(scope="module")
def summary(classroom) -> dict:
    return json.loads((classroom[1] / "summary.json").read_text(encoding="utf-8"))


def test_one_run_grades_every_entry_and_the_console_obeys_no_name(classroom):
    _subs, _out, status, text = classroom
    assert status == 1  # some rows are problems
    assert "Traceback" not in text and not RAW.search(text)
    assert "skipped notes.txt: not a folder, a .zip or a .ipynb" in text
    assert ".DS_Store" not in text
    for ident, state in STATUSES.items():
        assert f"{state} {ident}: " in text
    assert "unreadable erin: not a readable zip file" in text
    assert "duplicate bob.zip: same id as bob, which is graded instead" in text
    assert "nested judy: the kata modules are in work/katas/" in text
    assert f"graded {len(GRADED)} (0 unchanged, {len(PROBLEMS)} problems)" in text
    assert "Class summary" in text and "Where the class is stuck" in text


def test_grades_csv_has_one_row_each_a_status_and_no_formula(classroom, results):
    out = classroom[1]
    raw = (out / "grades.csv").read_bytes()
    raw.decode("utf-8")  # strict
    assert not RAW.search(raw.decode("utf-8").replace("\n", ""))
    rows = read_csv(out)
    assert list(rows[0]) == ["submission", "score", "max_score", *(k.name for k in CATALOG),
                             "status", "problem"]
    by_id = {row["submission"]: row for row in rows}
    assert len(rows) == len(by_id) == len(STATUSES)
    assert set(by_id) == (set(STATUSES) - {FORMULA}) | {"'" + FORMULA}
    for row in rows:
        assert not row["submission"].startswith(("=", "+", "-", "@"))
        assert by_id[row["submission"]]["status"] == STATUSES[row["submission"].lstrip("'")]
    full = results["alice"]
    assert full.score == full.max_score > 0
    for ident in ("alice", "bob", "'" + FORMULA):
        assert by_id[ident]["score"] == by_id[ident]["max_score"] == f"{full.max_score:g}"
    for ident, state in PROBLEMS.items():
        assert by_id[ident]["score"] == "0" and by_id[ident]["problem"]
        assert by_id[ident]["max_score"] == f"{full.max_score:g}"
    assert by_id["carol"]["score"] == "0" and by_id["carol"]["problem"] == ""
    first_max = full.katas[0].max_score
    assert by_id["dave"][FIRST.name] == "0"
    assert float(by_id["dave"]["score"]) == full.max_score - first_max
    assert 0 < float(by_id["frank"][FIRST.name]) < first_max
    assert by_id[BYTES_ID][FIRST.name] == by_id["frank"][FIRST.name]


def test_results_jsonl_is_ijson_and_feedback_deterministic_text(classroom, results):
    lines = (classroom[1] / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(STATUSES)
    for line in lines:
        data = json.loads(line)
        assert data["schema"] == "kata-result/1"
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # strict: no lone surrogate
        assert "\\u0000" not in line
        assert json_report.to_line(json_report.from_line(line)) == line
    assert results["dave"].katas[0].error.startswith(f"{FIRST.filename} line ")
    eve = results["eve"]
    relation = [t for t in eve.katas[0].tests if t.task == "relation" and not t.passed]
    assert relation and all("ValueError: \\ud800 \\x00" in t.message for t in relation)
    assert all("<object object>" in t.message and " at 0x" not in t.message for t in relation)
    arguments = eve.katas[1]
    assert arguments.error and "ImportError: \\udcff\\x00" in arguments.error
    assert "<x object>" in arguments.error
    assert all("not a readable zip file" in kata.error for kata in results["erin"].katas)


def test_gradebook_tables_a_teacher_can_query(classroom, results):
    out = classroom[1]
    rows = query(out, "SELECT submission, source, status, problem, score, max_score, attempt "
                      "FROM current ORDER BY submission")
    assert {row[0]: row[2] for row in rows} == STATUSES
    for ident, _source, status, problem, score, max_score, attempt in rows:
        assert (problem is None) == (status in ("graded", "untouched")) and attempt == 1
        assert (score, max_score) == (results[ident].score, results[ident].max_score)
        assert isinstance(score, int) and isinstance(max_score, int)  # as the CSV shows them
    assert ("bob.zip", "bob.zip", "duplicate") in {row[:3] for row in rows}
    assert (BYTES_ID, BYTES_ID) in {row[:2] for row in rows}
    checks = query(out, "SELECT count(*), count(DISTINCT id) FROM checks")[0]
    assert checks[0] == checks[1] == sum(len(k.tests) for k in results["alice"].katas)
    assert query(out, "SELECT count(*) FROM check_results WHERE submission = 'alice'") == [
        (checks[0],)]
    assert query(out, "SELECT kata, task, level FROM hints WHERE submission = 'eve' "
                      "ORDER BY kata, task") == [("copying", 1, 2), ("copying", 2, 1)]
    assert query(out, "SELECT count(*) FROM hints WHERE submission != 'eve'") == [(0,)]
    assert query(out, "SELECT stuck_at FROM current WHERE submission IN ('carol', 'frank') "
                      "ORDER BY submission") == [(FIRST.name,), (FIRST.name,)]
    names = [kata for (kata,) in query(out, "SELECT k.kata FROM kata_results k JOIN current a "
                                            "USING (submission, attempt) JOIN katas c ON "
                                            "c.name = k.kata WHERE submission = 'alice' "
                                            "ORDER BY c.position")]
    assert names == [kata.name for kata in CATALOG]


def test_readme_queries_run_on_the_gradebook(classroom):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sql\n(.*?)```", readme, re.S)
    assert len(queries) >= 3
    answers = [query(classroom[1], sql) for sql in queries]
    assert all(answers)  # each finds something in this class
    assert any(("eve",) == row[:1] for answer in answers for row in answer)  # hints used


def test_feedback_one_clean_file_per_row(classroom, results):
    feedback = classroom[1] / "feedback"
    assert sorted(p.name for p in feedback.iterdir()) == sorted(f"{i}.md" for i in STATUSES)
    for path in feedback.iterdir():
        assert not RAW.search(path.read_text(encoding="utf-8"))
    alice = (feedback / "alice.md").read_text(encoding="utf-8")
    assert "Every check passes" in alice and "Integrity" not in alice
    frank = (feedback / "frank.md").read_text(encoding="utf-8")
    failing = results["frank"].katas[0].failures
    assert failing and all(markdown.escape(test.description) in frank for test in failing)
    grid_task = next(task for task in FIRST.tasks if task.name == "make_grid")
    assert f"> **Nudge** (task `make_grid`): {grid_task.hints[0]}" in frank
    dave = (feedback / "dave.md").read_text(encoding="utf-8")
    assert "**Import error:**" in dave and "SyntaxError" in dave
    assert "Not started yet" in (feedback / "carol.md").read_text(encoding="utf-8")
    for ident, reason in (("erin", "not a readable zip file"), ("ivan", "no kata module"),
                          ("judy", "work/katas/"), ("bob.zip", "same id as bob")):
        page = (feedback / f"{ident}.md").read_text(encoding="utf-8")
        assert "could not be graded" in page and reason in page


def test_summary_says_where_the_class_stands(classroom, results, summary):
    out = classroom[1]
    assert (out / "summary.md").read_text(encoding="utf-8").startswith("# Class summary")
    assert summary["submissions"] == len(STATUSES)
    assert summary["statuses"] == {s: list(STATUSES.values()).count(s)
                                   for s in set(STATUSES.values())}
    scores = sorted(results[ident].score for ident in GRADED)
    score = summary["score"]
    assert score["count"] == len(GRADED) and score["max_score"] == results["alice"].max_score
    assert score["mean"] == round(sum(scores) / len(scores), 2)
    assert score["median"] == statistics.median(scores)
    assert (score["min"], score["max"]) == (0, results["alice"].max_score)
    katas = {k["kata"]: k for k in summary["katas"]}
    assert list(katas) == [kata.name for kata in CATALOG]
    passed = sum(results[i].katas[0].status == "passed" for i in GRADED)
    assert katas[FIRST.name]["passed"] == passed and katas[FIRST.name]["graded"] == len(GRADED)
    assert katas[FIRST.name]["pass_rate"] == round(passed / len(GRADED), 3)
    stuck = {group["kata"]: group["submissions"] for group in summary["stuck"]}
    assert set(stuck[FIRST.name]) == {"carol", "dave", "eve", "frank", BYTES_ID}
    assert stuck[CATALOG[1].name] == ["kim"]  # copying only
    grid = next(t.id for t in results["frank"].katas[0].failures if t.task == "make_grid")
    assert grid in {f["check"] for f in summary["most_failed"]}
    assert {p["submission"]: p["status"] for p in summary["problems"]} == PROBLEMS
    assert summary["hints"] == [{"submission": "eve", "hints": 3, "katas": ["copying"]}]
    similar = {tuple(group["submissions"]): group["kind"] for group in summary["similar"]}
    assert similar[tuple(sorted(["alice", "bob", FORMULA]))] == "identical"
    assert similar[(BYTES_ID, "frank")] == "near-identical"
    assert all("carol" not in group for group in similar)  # untouched stubs are not alike


def test_an_unchanged_rerun_renders_nothing_and_says_the_same(classroom):
    subs, out, status, _text = classroom
    files = [out / "grades.csv", out / "results.jsonl", out / "summary.md",
             *sorted((out / "feedback").iterdir())]
    before = {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in files}
    again, text = kata("batch", subs, "--out", out)
    assert again == status == 1
    assert f"graded 0 ({len(GRADED)} unchanged, {len(PROBLEMS)} problems)" in text
    assert {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in files} == before
    assert query(out, "SELECT count(*) FROM attempts") == [(len(STATUSES),)]


def test_a_second_class_run_gives_byte_identical_feedback(classroom, tmp_path):
    subs, out, _status, _text = classroom
    status, _ = kata("batch", subs, "--out", tmp_path / "again", "--jobs", "3")
    assert status == 1
    for path in (out / "feedback").iterdir():
        assert (tmp_path / "again" / "feedback" / path.name).read_bytes() == path.read_bytes()
    assert (tmp_path / "again" / "summary.md").read_bytes() == (out / "summary.md").read_bytes()

    def messages(folder: Path) -> list[str]:
        lines = (folder / "results.jsonl").read_text(encoding="utf-8").splitlines()
        return [re.sub(r'"duration_s":[0-9.e-]+', "", line) for line in lines]
    assert messages(tmp_path / "again") == messages(out)


def test_a_regrade_adds_an_attempt_and_stale_feedback_goes(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    small(subs / "alice")
    small(subs / "carol", "katas")
    assert grade(subs, out, terminal=True)[0] == 0  # untouched is graded, not a problem

    shutil.copy(ROOT / "solutions" / FIRST.filename, subs / "carol" / FIRST.filename)
    status, text = grade(subs, out)
    assert status == 0 and "graded carol:" in text and "graded alice" not in text
    assert "graded 1 (1 unchanged, 0 problems)" in text
    assert query(out, "SELECT attempt, status FROM attempts WHERE submission = 'carol' "
                      "ORDER BY attempt") == [(1, "untouched"), (2, "graded")]
    assert query(out, "SELECT attempt FROM submissions WHERE id = 'carol'") == [(2,)]
    rows = {row["submission"]: row for row in read_csv(out)}
    assert rows["carol"][FIRST.name] == rows["alice"][FIRST.name] != "0"

    shutil.rmtree(subs / "alice")
    status, text = grade(subs, out)
    assert "1 submission(s) in the gradebook are no longer in" in text
    assert [row["submission"] for row in read_csv(out)] == ["carol"]
    assert len((out / "results.jsonl").read_text().splitlines()) == 1
    assert sorted(p.name for p in (out / "feedback").iterdir()) == ["carol.md"]
    assert query(out, "SELECT count(*) FROM attempts") == [(3,)]  # nothing graded is lost

    (out / "feedback" / "carol.md").unlink()  # a deleted output comes back
    assert grade(subs, out)[0] == 0 and (out / "feedback" / "carol.md").is_file()


def test_a_failure_while_recording_is_that_submissions_error_row(tmp_path, monkeypatch):
    subs, out = tmp_path / "subs", tmp_path / "out"
    small(subs / "alice")
    small(subs / "mallory")
    record = gradebook.Gradebook.record

    def failing(self, attempt):
        if attempt.id == "mallory" and attempt.status != "error":
            raise sqlite3.OperationalError("disk I/O error \ud800")
        return record(self, attempt)

    monkeypatch.setattr(gradebook.Gradebook, "record", failing)
    status, text = kata("batch", subs, "--out", out, "--jobs", "1")
    assert status == 1 and "Traceback" not in text
    assert "error mallory: could not be recorded: OperationalError: disk I/O error" in text
    rows = {row["submission"]: row for row in read_csv(out)}
    assert rows["alice"]["status"] == "graded" and rows["alice"]["score"] != "0"
    assert rows["mallory"]["status"] == "error" and rows["mallory"]["score"] == "0"
    assert "\\ud800" in rows["mallory"]["problem"]
    monkeypatch.undo()
    assert kata("batch", subs, "--out", out)[0] == 0  # the next run grades it again


def test_the_engine_failing_on_one_submission_is_its_error_row(tmp_path, monkeypatch):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for name in ("alice", "mallory", "zoe"):
        small(subs / name)
    grade_one = engine.grade

    def failing(found, **options):
        if found.name == "mallory" and found.files:
            raise OSError(36, "File name too long", "/tmp/pykata-123/sub-x/aaaa.py")
        return grade_one(found, **options)

    monkeypatch.setattr(engine, "grade", failing)  # one job: graded in this process
    status, text = kata("batch", subs, "--out", out, "--jobs", "1")
    assert status == 1 and "Traceback" not in text
    rows = {row["submission"]: row for row in read_csv(out)}
    assert {ident: row["status"] for ident, row in rows.items()} == {
        "alice": "graded", "mallory": "error", "zoe": "graded"}
    assert rows["mallory"]["problem"] == (
        "the grader could not grade it: OSError (File name too long)")  # no temp path
    assert rows["zoe"]["score"] == rows["alice"]["score"] == rows["alice"][FIRST.name] != "0"
    assert query(out, "SELECT count(*) FROM attempts") == [(3,)]


def test_tampered_checks_and_integrity_flags_per_submission(tmp_path):
    book = gradebook.Gradebook(tmp_path / "gradebook.sqlite")
    book.set_katas(CATALOG[:1])
    tests = tuple(Outcome(id=f"copying::t{n}", task="relation", description="d",
                          status=status, max_score=1)  # type: ignore[arg-type]
                  for n, status in enumerate(["passed", "tampered", "tampered", "failed"]))
    from grader.results import IntegrityFinding
    result = SubmissionResult("mallory", (KataResult("copying", "Copying", tests),),
                              (IntegrityFinding("copying", 3, "frame-introspection", "m"),))
    book.record(gradebook.Attempt("mallory", "mallory", "graded", None, result, "f", "k",
                                  gradebook.now()))
    summary = book.summary()
    assert summary["integrity"] == [{"submission": "mallory", "flags": 1,
                                     "rules": ["frame-introspection"], "tampered": 2}]
    book.close()


def test_check_descriptions_follow_edits_between_and_within_runs(tmp_path):
    def attempt(ident: str, descriptions: list[str]) -> gradebook.Attempt:
        tests = tuple(Outcome(id=f"copying::t{n}", task="relation", description=text,
                              status="passed", max_score=1) for n, text in enumerate(descriptions))
        result = SubmissionResult(ident, (KataResult("copying", "Copying", tests),))
        return gradebook.Attempt(ident, ident, "graded", None, result, "f", "k", gradebook.now())

    def descriptions(path: Path) -> list[tuple[str, str]]:
        with contextlib.closing(sqlite3.connect(path)) as db:
            return db.execute("SELECT id, description FROM checks ORDER BY id").fetchall()

    path = tmp_path / "gradebook.sqlite"
    book = gradebook.Gradebook(path)
    book.set_katas(CATALOG[:1])
    book.record(attempt("ann", ["first", "second"]))
    book.record(attempt("bob", ["first", "second, edited", "third"]))  # the same run
    unbindable = dataclasses.replace(attempt("cy", ["rolled back", "x", "y"]),
                                     hints=(("copying", object(), 1),))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.Error):  # its last insert fails: none of it is kept
        book.record(unbindable)
    book.record(attempt("dee", ["rolled back", "second, edited", "third"]))
    book.close()
    assert descriptions(path) == [("copying::t0", "rolled back"),
                                  ("copying::t1", "second, edited"), ("copying::t2", "third")]
    again = gradebook.Gradebook(path)  # the next run reads what is there
    again.record(attempt("ann", ["first", "second, edited", "third"]))
    again.close()
    assert descriptions(path)[0] == ("copying::t0", "first")


def test_a_run_killed_with_sigkill_loses_nothing_and_a_rerun_completes_it(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    shutil.copytree(ROOT / "solutions", subs / "a_fast")
    shutil.copytree(ROOT / "solutions", subs / "b_slow")  # relation() hangs: its checks time out
    with (subs / "b_slow" / "copying.py").open("a") as handle:
        handle.write("\n\ndef relation(*args, **kwargs):\n    while True:\n        pass\n")
    shutil.copytree(ROOT / "katas", subs / "c_stubs")
    zip_folder(ROOT / "solutions", subs / "d_zip.zip")
    script = ("import sys; from pathlib import Path; from grader import batch, course; "
              "sys.exit(batch.run(submissions=Path(sys.argv[1]), out=Path(sys.argv[2]), "
              "course=course.default(), "
              "jobs=1, timeout=1.0))")
    command = [sys.executable, "-c", script, str(subs), str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    committed: list[tuple] = []
    sql = "SELECT submission, attempt, fingerprint, finished_at FROM attempts"
    deadline = time.monotonic() + 60
    while not committed and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.05)
        try:
            committed = query(out, sql)
        except sqlite3.Error:
            pass  # not created yet
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert first.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    assert 1 <= len(committed) < 4
    kept = query(out, sql)
    assert set(committed) <= set(kept)

    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    regraded = {line.split()[1].rstrip(":") for line in again.stdout.splitlines()
                if line.startswith(("graded ", "untouched ")) and "unchanged" not in line}
    ids = {"a_fast", "b_slow", "c_stubs", "d_zip"}
    assert regraded == ids - {row[0] for row in kept}  # each one graded exactly once
    assert set(kept) <= set(query(out, sql))
    assert query(out, "SELECT count(*) FROM attempts") == [(4,)]

    rows = {row["submission"]: row for row in read_csv(out)}
    assert set(rows) == ids
    results = {r.submission: r for r in map(json_report.from_line,
                                            (out / "results.jsonl").read_text().splitlines())}
    full = results["a_fast"].max_score
    relation = sum(t.max_score for t in results["a_fast"].katas[0].tests if t.task == "relation")
    assert {ident: float(row["score"]) for ident, row in rows.items()} == {
        "a_fast": full, "b_slow": full - relation, "c_stubs": 0, "d_zip": full}
    assert {t.status for t in results["b_slow"].katas[0].failures} == {"timeout"}


@pytest.mark.parametrize("change, message", [
    ({"jobs": 0}, "--jobs must be at least 1, not 0"),
    ({"timeout": 0.0}, "--timeout must be a positive number of seconds, not 0"),
    ({"timeout": -1.0}, "--timeout must be a positive number of seconds"),
    ({"submissions": Path("nowhere")}, "nowhere: no such folder"),
    ({"out": Path("file.txt")}, "exists and is not a folder"),
    ({"out": Path("subs")}, "--out subs is inside subs"),
    ({"out": Path("subs/grades")}, "--out subs/grades is inside subs"),
])
def test_bad_usage_is_a_usage_error(tmp_path, monkeypatch, change, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "subs").mkdir()
    (tmp_path / "file.txt").write_text("")
    options = {"submissions": Path("subs"), "out": Path("out"), "jobs": 1, "timeout": None,
               **change}
    with pytest.raises(UsageError, match=re.escape(message)):
        batch.run(**options, course=COURSE, console=Console(file=io.StringIO()))
    assert not (tmp_path / "subs" / "grades").exists()


def test_out_inside_the_submissions_exits_2_through_the_cli(tmp_path, capsys):
    (tmp_path / "subs" / "alice").mkdir(parents=True)
    assert cli.main(["batch", str(tmp_path / "subs"), "--out",
                     str(tmp_path / "subs" / "alice" / "..")]) == 2
    assert "is inside" in capsys.readouterr().err


def test_a_corrupt_or_old_gradebook_is_a_usage_error(tmp_path):
    (tmp_path / "subs").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "gradebook.sqlite").write_bytes(b"not a database, really" * 100)
    with pytest.raises(UsageError, match="not a usable gradebook"):
        grade(tmp_path / "subs", tmp_path / "out")
    (tmp_path / "out" / "gradebook.sqlite").unlink()
    with sqlite3.connect(tmp_path / "out" / "gradebook.sqlite") as db:
        db.execute("PRAGMA user_version = 1")
    with pytest.raises(UsageError, match="gradebook version 1"):
        grade(tmp_path / "subs", tmp_path / "out")


def test_hint_state_is_read_tolerantly():
    good = json.dumps({"hints": {"copying:1": 3, "copying:0": 1, "copying:x": 1,
                                 "arguments:2": False, "nope:1": 1}}).encode()
    assert batch.hints_used(good, CATALOG) == (("copying", 1, 3),)
    for bad in (b"", b"\xff\xfe", b"[" * 100_000, b"null", b'{"hints": [1]}',
                b'{"hints": {"copying:1": 1e999}}', b"{" * (batch.STATE_LIMIT + 1)):
        assert batch.hints_used(bad, CATALOG) == ()


def test_the_command_line_reads_batch_and_its_options():
    parser, _ = cli._parser()
    args = parser.parse_args(["batch", "subs", "--out", "grades", "--jobs", "3", "--timeout", "2"])
    assert (args.command, args.submissions, args.out, args.jobs, args.timeout) == (
        "batch", Path("subs"), Path("grades"), 3, 2.0)
    defaults = parser.parse_args(["batch", "subs", "--out", "grades"])
    assert (defaults.jobs, defaults.timeout) == (len(os.sched_getaffinity(0)), None)


def test_markdown_feedback_escapes_what_a_learner_controls():
    nasty = "<script>alert(1)</script> | `tick` **bold**\nsecond line"
    test = Outcome(id="copying::test_x", task="relation", description="relation() is __fine__",
                   status="failed", max_score=2, message=nasty)
    result = SubmissionResult("<b>eve</b>", (KataResult("copying", "Copying", (test,)),))
    page = markdown.render(result)
    assert "# Feedback for \\<b\\>eve\\</b\\>" in page
    assert "relation() is \\_\\_fine\\_\\_" in page
    assert "``<script>alert(1)</script> | `tick` **bold**…``" in page
    assert "second line" not in page and "<script>" not in page.replace("``<script>", "")


def test_cli_batch_end_to_end(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    shutil.copytree(ROOT / "solutions", subs / "alice")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "grader", "batch", str(subs), "--out",
                               str(out), *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})

    done = run("--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert "graded 1 (0 unchanged, 0 problems)" in done.stdout
    assert [row["submission"] for row in read_csv(out)] == ["alice"]
    bad = run("--jobs", "0")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "kata: error: --jobs must be at least 1, not 0"


def test_a_learners_source_puts_no_escape_on_the_teachers_terminal(tmp_path):
    # Python 3.12 warns of an invalid escape sequence quoting the raw character; every parse
    # of learner source (loading, scanning, comparing) must keep such warnings to itself.
    subs, out = tmp_path / "subs", tmp_path / "out"
    (subs / "eve").mkdir(parents=True)
    hostile = ROOT.joinpath("solutions", FIRST.filename).read_text(encoding="utf-8")
    (subs / "eve" / FIRST.filename).write_text(
        hostile + '\nTITLE = "\\\x1b]0;owned\\\x07 \\\x1b[31m"\n', encoding="utf-8")
    (subs / "zoe").mkdir()
    (subs / "zoe" / FIRST.filename).write_text(hostile + "\nX = '\\\x1b[2J'\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-W", "always", "-m", "grader", "batch", str(subs),
                           "--out", str(out)], cwd=ROOT, capture_output=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert b"\x1b" not in done.stdout + done.stderr and b"\x07" not in done.stderr
    rows = {row["submission"]: row for row in read_csv(out)}
    assert {ident: row["status"] for ident, row in rows.items()} == {"eve": "graded", "zoe": "graded"}
    assert rows["eve"][FIRST.name] == rows["zoe"][FIRST.name] != "0"  # still full solutions
