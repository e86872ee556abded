"""``kata batch``: a class graded with the real catalog, solutions and stubs, resumably.

Nothing here hard-codes the number of katas or points: full marks come from grading the
reference solutions in the same run.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from grader import batch
from grader.catalog import CATALOG
from grader.errors import UsageError
from grader.reporters import json_report, markdown
from grader.results import KataResult, SubmissionResult
from grader.results import TestOutcome as Outcome  # a name pytest does not collect

ROOT = Path(__file__).resolve().parents[1]
FIRST = CATALOG[0]  # copying: first in the catalog by DESIGN.md
WRONG_GRID = ("return [[fill] * cols for _ in range(rows)]", "return [[fill] * cols] * rows")


def zip_folder(folder: Path, target: Path, prefix: str = "") -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.glob("*.py")):
            archive.write(path, f"{prefix}{path.name}")


def grade(submissions: Path, out: Path, *, jobs: int = 2, terminal: bool = False,
          timeout: float | None = None) -> tuple[int, str]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, force_terminal=terminal, color_system=None)
    status = batch.run(submissions=submissions, out=out, jobs=jobs, timeout=timeout,
                       console=console)
    return status, buffer.getvalue()


def read_csv(out: Path) -> list[dict[str, str]]:
    with (out / "grades.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def query(out: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(f"file:{out / 'gradebook.sqlite'}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """A class of every kind of entry, graded once: (submissions, out, status, console text)."""
    root = tmp_path_factory.mktemp("class")
    subs = root / "submissions"
    subs.mkdir()
    shutil.copytree(ROOT / "solutions", subs / "alice")
    zip_folder(ROOT / "solutions", subs / "bob.zip", prefix="bob/katas/")
    shutil.copytree(ROOT / "katas", subs / "carol" / "katas")
    shutil.copytree(ROOT / "solutions", subs / "dave")
    with (subs / "dave" / FIRST.filename).open("a") as handle:
        handle.write("\ndef broken(:\n")
    shutil.copytree(ROOT / "solutions", subs / "frank")
    source = (subs / "frank" / "copying.py").read_text()
    assert WRONG_GRID[0] in source
    (subs / "frank" / "copying.py").write_text(source.replace(*WRONG_GRID))
    (subs / "erin.zip").write_bytes(b"PK\x03\x04 this is not a zip")
    (subs / "hana.ipynb").write_text("{not json", encoding="utf-8")
    zip_folder(ROOT / "katas", subs / "alice.zip")  # the same id as alice/
    (subs / "notes.txt").write_text("not a submission")
    (subs / ".DS_Store").write_text("hidden")
    out = root / "out"
    status, text = grade(subs, out)
    return subs, out, status, text


@pytest.fixture(scope="module")
def results(classroom) -> dict[str, SubmissionResult]:
    lines = (classroom[1] / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {result.submission: result for result in map(json_report.from_line, lines)}


def test_console_notes_problems_and_ends_with_a_summary(classroom):
    _subs, _out, status, text = classroom
    assert status == 1  # some submissions could not be graded at all
    assert "skipped notes.txt: not a folder, a .zip or a .ipynb" in text
    assert ".DS_Store" not in text
    assert "problem erin.zip: not a readable zip file" in text
    assert "problem alice.zip: same id as alice" in text
    assert "problem hana.ipynb: " in text
    assert "graded carol: 0/" in text and "graded alice:" in text
    summary = text.strip().splitlines()[-1]
    assert summary.startswith("graded 5 (0 unchanged, 3 problems) · mean score ")
    assert "submissions/s" in summary and "Traceback" not in text


def test_grades_csv_has_a_row_per_submission_and_a_column_per_kata(classroom, results):
    rows = read_csv(classroom[1])
    assert list(rows[0]) == ["submission", "score", "max_score", *(k.name for k in CATALOG)]
    assert [row["submission"] for row in rows] == [
        "alice", "bob", "carol", "dave", "erin", "frank", "hana"]
    full = results["alice"]
    by_id = {row["submission"]: row for row in rows}
    assert full.score == full.max_score > 0
    for ident in ("alice", "bob"):
        assert by_id[ident]["score"] == by_id[ident]["max_score"] == f"{full.max_score:g}"
        for kata in full.katas:
            assert by_id[ident][kata.name] == f"{kata.max_score:g}"
    for ident in ("carol", "erin", "hana"):
        assert by_id[ident]["score"] == "0" and by_id[ident]["max_score"] == f"{full.max_score:g}"
        assert all(by_id[ident][kata.name] == "0" for kata in CATALOG)
    first_max = full.katas[0].max_score
    assert by_id["dave"][FIRST.name] == "0"
    assert float(by_id["dave"]["score"]) == full.max_score - first_max
    assert 0 < float(by_id["frank"][FIRST.name]) < first_max


def test_results_jsonl_parses_back_as_kata_results(classroom, results):
    lines = (classroom[1] / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7
    for line in lines:
        assert json.loads(line)["schema"] == "kata-result/1"
        assert json_report.to_line(json_report.from_line(line)) == line
    assert results["dave"].katas[0].error.startswith(f"{FIRST.filename} line ")
    assert "SyntaxError" in results["dave"].katas[0].error
    assert all("not a readable zip file" in kata.error for kata in results["erin"].katas)


def test_gradebook_holds_submissions_katas_tests_and_rejected_entries(classroom, results):
    out = classroom[1]
    rows = query(out, "SELECT id, source, status, problem, score, max_score, started_at, "
                      "finished_at, fingerprint, result FROM submissions ORDER BY id")
    assert [row[:3] for row in rows] == [
        ("alice", "alice", "graded"), ("bob", "bob.zip", "graded"), ("carol", "carol", "graded"),
        ("dave", "dave", "graded"), ("erin", "erin.zip", "problem"), ("frank", "frank", "graded"),
        ("hana", "hana.ipynb", "problem")]
    for ident, _source, status, problem, score, max_score, started, finished, digest, line in rows:
        assert (problem is None) == (status == "graded")
        assert (score, max_score) == (results[ident].score, results[ident].max_score)
        assert started <= finished and len(digest) == 64
        assert json_report.from_line(line) == results[ident]
        tests = query(out, "SELECT count(*), sum(score) FROM tests WHERE submission = ?", ident)
        assert tests[0] == (sum(len(k.tests) for k in results[ident].katas), score)
        katas = query(out, "SELECT kata FROM katas WHERE submission = ? ORDER BY position", ident)
        assert [k for (k,) in katas] == [kata.name for kata in CATALOG]
    assert "not a readable zip file" in rows[4][3] and rows[4][4] == 0
    assert query(out, "SELECT source, id FROM rejected") == [("alice.zip", "alice")]
    assert rows[0][8] == rows[1][8]  # the same files, as a folder or a zip: one fingerprint


def test_feedback_tells_each_learner_what_failed_and_what_to_do(classroom, results):
    feedback = classroom[1] / "feedback"
    assert sorted(p.name for p in feedback.iterdir()) == [
        f"{name}.md" for name in ("alice", "bob", "carol", "dave", "erin", "frank", "hana")]
    alice = (feedback / "alice.md").read_text(encoding="utf-8")
    assert "Every check passes" in alice and "Integrity" not in alice
    frank = (feedback / "frank.md").read_text(encoding="utf-8")
    failing = results["frank"].katas[0].failures
    assert failing and all(markdown.escape(test.description) in frank for test in failing)
    grid_task = next(task for task in FIRST.tasks if task.name == "make_grid")
    assert f"> **Nudge** (task `make_grid`): {grid_task.hints[0]}" in frank
    assert "kata check copying" in frank
    dave = (feedback / "dave.md").read_text(encoding="utf-8")
    assert "**Import error:**" in dave and "SyntaxError" in dave
    carol = (feedback / "carol.md").read_text(encoding="utf-8")
    assert "Not started yet" in carol and "| 1 | **copying**" in carol
    erin = (feedback / "erin.md").read_text(encoding="utf-8")
    assert "could not be graded" in erin and "not a readable zip file" in erin


def test_rerun_grades_only_what_changed_and_keeps_every_row(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    shutil.copytree(ROOT / "solutions", subs / "alice")
    shutil.copytree(ROOT / "katas", subs / "carol")
    assert grade(subs, out, terminal=True)[0] == 0
    before = query(out, "SELECT id, finished_at, result FROM submissions ORDER BY id")

    status, text = grade(subs, out)
    assert status == 0 and "graded 0 (2 unchanged, 0 problems)" in text
    assert query(out, "SELECT id, finished_at, result FROM submissions ORDER BY id") == before

    shutil.copy(ROOT / "solutions" / FIRST.filename, subs / "carol" / FIRST.filename)
    status, text = grade(subs, out)
    assert "graded carol:" in text and "graded alice" not in text
    assert "graded 1 (1 unchanged, 0 problems)" in text
    rows = {row["submission"]: row for row in read_csv(out)}
    assert rows["carol"][FIRST.name] == rows["alice"][FIRST.name] != "0"
    assert rows["alice"]["score"] == rows["alice"]["max_score"]

    shutil.rmtree(subs / "alice")
    status, text = grade(subs, out)
    assert "1 submission(s) in the gradebook are no longer in" in text
    assert [row["submission"] for row in read_csv(out)] == ["carol"]
    assert len((out / "results.jsonl").read_text().splitlines()) == 1
    assert query(out, "SELECT count(*) FROM submissions") == [(2,)]


def test_a_run_killed_with_sigkill_loses_nothing_and_a_rerun_completes_it(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    shutil.copytree(ROOT / "solutions", subs / "a_fast")
    shutil.copytree(ROOT / "solutions", subs / "b_slow")  # relation() hangs: its checks time out
    with (subs / "b_slow" / "copying.py").open("a") as handle:
        handle.write("\n\ndef relation(*args, **kwargs):\n    while True:\n        pass\n")
    shutil.copytree(ROOT / "katas", subs / "c_stubs")
    zip_folder(ROOT / "solutions", subs / "d_zip.zip")
    script = ("import sys; from pathlib import Path; from grader import batch; "
              "sys.exit(batch.run(submissions=Path(sys.argv[1]), out=Path(sys.argv[2]), "
              "jobs=1, timeout=1.0))")
    command = [sys.executable, "-c", script, str(subs), str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    committed: list[tuple] = []
    deadline = time.monotonic() + 60
    while not committed and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.05)
        try:
            committed = query(out, "SELECT id, fingerprint, finished_at, result FROM submissions")
        except sqlite3.Error:
            pass  # not created yet
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert first.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    assert 1 <= len(committed) < 4
    kept = query(out, "SELECT id, fingerprint, finished_at, result FROM submissions")
    assert set(committed) <= set(kept)

    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    regraded = {line.split()[1].rstrip(":") for line in again.stdout.splitlines()
                if line.startswith("graded ") and "unchanged" not in line}
    ids = {"a_fast", "b_slow", "c_stubs", "d_zip"}
    assert regraded == ids - {row[0] for row in kept}  # each one graded exactly once
    assert set(kept) <= set(query(out, "SELECT id, fingerprint, finished_at, result "
                                       "FROM submissions"))

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
])
def test_bad_usage_is_a_usage_error(tmp_path, monkeypatch, change, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "subs").mkdir()
    (tmp_path / "file.txt").write_text("")
    options = {"submissions": Path("subs"), "out": Path("out"), "jobs": 1, "timeout": None,
               **change}
    with pytest.raises(UsageError, match=message):
        batch.run(**options, console=Console(file=io.StringIO()))


def test_a_corrupt_gradebook_is_a_usage_error(tmp_path):
    (tmp_path / "subs").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "gradebook.sqlite").write_bytes(b"not a database, really" * 100)
    with pytest.raises(UsageError, match="not a usable gradebook"):
        grade(tmp_path / "subs", tmp_path / "out")


def test_add_parser_registers_batch_and_its_options():
    parser = argparse.ArgumentParser(prog="kata")
    batch.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["batch", "subs", "--out", "grades", "--jobs", "3", "--timeout", "2"])
    assert (args.command, args.submissions, args.out, args.jobs, args.timeout) == (
        "batch", Path("subs"), Path("grades"), 3, 2.0)
    defaults = parser.parse_args(["batch", "subs", "--out", "grades"])
    assert (defaults.jobs, defaults.timeout) == (2 * (os.cpu_count() or 1), None)


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
    if "batch" not in (ROOT / "grader" / "cli.py").read_text(encoding="utf-8"):
        pytest.skip("`kata batch` is not wired into grader/cli.py yet (batch.add_parser/run)")
    subs, out = tmp_path / "subs", tmp_path / "out"
    shutil.copytree(ROOT / "solutions", subs / "alice")

    def kata(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "grader", "batch", str(subs), "--out",
                               str(out), *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})

    done = kata("--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert "graded 1 (0 unchanged, 0 problems)" in done.stdout
    assert [row["submission"] for row in read_csv(out)] == ["alice"]
    bad = kata("--jobs", "0")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "kata: error: --jobs must be at least 1, not 0"
