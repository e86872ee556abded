"""``kata batch --shard K/N`` and ``kata batch merge``: a class split over processes (as over
machines) and joined again gives what one run over the whole class gives."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from conftest import COURSE
from grader import batch

ROOT = Path(__file__).resolve().parents[1]
KATA = "copying.py"  # one kata per submission keeps the class quick; the others are "not run"
WRONG = "\n\ndef relation(a, b):\n    return 'shared'\n"
ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}


def kata(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "grader", *map(str, args)], cwd=ROOT,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=240)
    return process.returncode, out, err


def one(folder: Path, source: str = "solutions", extra: str = "") -> None:
    folder.mkdir(parents=True)
    (folder / KATA).write_text((ROOT / source / KATA).read_text() + extra)


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small class with every kind of row: full marks, stubs, a wrong answer, a copy, a
    zip, an empty folder, an unreadable zip, and two entries with one id."""
    subs = tmp_path_factory.mktemp("class") / "subs"
    one(subs / "ann")
    one(subs / "ann_copy")
    one(subs / "bob", "katas")
    one(subs / "cat", extra=WRONG)
    one(subs / "dan" / "katas")
    (subs / "eve").mkdir()
    with zipfile.ZipFile(subs / "fay.zip", "w") as archive:
        archive.write(ROOT / "solutions" / KATA, KATA)
    one(subs / "gus")
    with zipfile.ZipFile(subs / "gus.zip", "w") as archive:
        archive.write(ROOT / "katas" / KATA, KATA)
    (subs / "hal.zip").write_bytes(b"not a zip")
    for name in ("ian", "joy", "kim"):
        one(subs / name, extra=WRONG if name == "joy" else "")
    return subs


@pytest.fixture(scope="module")
def graded(classroom: Path) -> dict[str, Path]:
    """One run, three shards run at once in their own processes, and their merge."""
    top = classroom.parent
    whole = kata("batch", classroom, "--out", top / "one", "--jobs", "2")
    shards = [kata("batch", classroom, "--out", top / f"shard{k}", "--jobs", "1",
                   "--shard", f"{k}/3") for k in (1, 2, 3)]
    for process in (whole, *shards):
        status, out, err = finish(process)
        assert status == 1, out + err  # the class has problem rows (eve, hal, gus.zip)
    merged = finish(kata("batch", "merge", *(top / f"shard{k}" for k in (1, 2, 3)),
                         "--out", top / "merged"))
    assert merged[0] == 1, merged[1] + merged[2]
    return {"one": top / "one", "merged": top / "merged",
            **{f"shard{k}": top / f"shard{k}" for k in (1, 2, 3)}}


def without_durations(text: str) -> list[object]:
    def scrub(value: object) -> object:
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items() if k != "duration_s"}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value
    return [scrub(json.loads(line)) for line in text.splitlines()]


def rows(folder: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(folder / batch.GRADEBOOK) as db:
        return db.execute(sql).fetchall()


def test_every_submission_is_graded_by_exactly_one_shard(graded):
    shard_ids = [[row[0] for row in rows(graded[f"shard{k}"], "SELECT id FROM submissions")]
                 for k in (1, 2, 3)]
    everyone = [row[0] for row in rows(graded["one"], "SELECT id FROM submissions ORDER BY id")]
    assert sorted(sum(shard_ids, [])) == everyone
    assert all(shard_ids), "a shard got no submission: the split is lopsided on 13 ids"
    assert len(everyone) == 13


def test_the_merge_gives_one_runs_files_byte_for_byte(graded):
    one, merged = graded["one"], graded["merged"]
    for name in (batch.GRADES_CSV, batch.SUMMARY_MD, batch.SUMMARY_JSON):
        assert (merged / name).read_bytes() == (one / name).read_bytes(), name
    assert without_durations((merged / batch.RESULTS_JSONL).read_text()) == without_durations(
        (one / batch.RESULTS_JSONL).read_text())
    feedback = sorted(path.name for path in (one / batch.FEEDBACK_DIR).iterdir())
    assert sorted(path.name for path in (merged / batch.FEEDBACK_DIR).iterdir()) == feedback
    for name in feedback:
        assert ((merged / batch.FEEDBACK_DIR / name).read_bytes()
                == (one / batch.FEEDBACK_DIR / name).read_bytes()), name
    summary = json.loads((merged / batch.SUMMARY_JSON).read_text())
    assert any({"ann", "ann_copy", "fay"} <= set(group["submissions"])
               for group in summary["similar"])  # found across shards


def test_the_merged_gradebook_has_every_row(graded):
    tables = ("submissions", "attempts", "kata_results", "check_results", "integrity", "hints")
    for table in tables:
        count = f"SELECT count(*) FROM {table}"
        assert rows(graded["merged"], count) == [(sum(rows(graded[f"shard{k}"], count)[0][0]
                                                     for k in (1, 2, 3)),)], table
    sql = ("SELECT submission, status, problem, score, max_score, stuck_at, tampered, "
           "fingerprint, grading_key, same_source, similar_source FROM current "
           "ORDER BY submission")
    assert rows(graded["merged"], sql) == rows(graded["one"], sql)
    checks = ("SELECT submission, kata, check_id, status, score, message FROM current_checks "
              "ORDER BY submission, check_id")
    assert rows(graded["merged"], checks) == rows(graded["one"], checks)


def test_merging_again_adds_nothing_and_changes_nothing(graded):
    before = (graded["merged"] / batch.GRADES_CSV).read_bytes()
    again = finish(kata("batch", "merge", *(graded[f"shard{k}"] for k in (1, 2, 3)),
                        "--out", graded["merged"]))
    assert again[0] == 1, again[2]
    assert rows(graded["merged"], "SELECT count(*) FROM attempts") == [(13,)]
    assert (graded["merged"] / batch.GRADES_CSV).read_bytes() == before


def test_the_split_depends_on_the_id_alone():
    ids = [f"learner{n}" for n in range(300)]
    for n in (1, 2, 3, 7):
        owners = [[k for k in range(1, n + 1) if batch.in_shard(ident, k, n)] for ident in ids]
        assert all(len(found) == 1 for found in owners)
        sizes = [sum(found == [k] for found in owners) for k in range(1, n + 1)]
        assert min(sizes) > 300 / n / 2  # roughly even
    # sha256 of the id: the same on every machine and Python (no PYTHONHASHSEED)
    assert [k for k in (1, 2, 3) if batch.in_shard("alice", k, 3)] == [
        int.from_bytes(__import__("hashlib").sha256(b"alice").digest()[:8], "big") % 3 + 1]


@pytest.mark.parametrize("shard", ["0/3", "4/3", "a/b", "3", "1/0"])
def test_a_bad_shard_exits_2_with_one_line(tmp_path, shard):
    (tmp_path / "subs").mkdir()
    status, out, err = finish(kata("batch", tmp_path / "subs", "--out", tmp_path / "out",
                                   "--shard", shard))
    assert status == 2 and err.startswith(f"kata: error: --shard {shard}:"), err
    assert len(err.splitlines()) == 1


def test_merging_a_folder_without_a_gradebook_exits_2(tmp_path):
    (tmp_path / "nothing").mkdir()
    status, _, err = finish(kata("batch", "merge", tmp_path / "nothing", "--out",
                                 tmp_path / "out"))
    assert status == 2 and "no gradebook.sqlite" in err


def test_a_regraded_shard_merged_again_gives_the_new_grades(tmp_path):
    subs = tmp_path / "subs"
    for name in ("ann", "bob", "cat", "dan"):
        one(subs / name, "katas")
    quiet = Console(file=io.StringIO())
    shards = [tmp_path / f"s{k}" for k in (1, 2)]
    for k, folder in enumerate(shards, 1):
        batch.run(course=COURSE, submissions=subs, out=folder, jobs=2, timeout=None, console=quiet,
                  shard=(k, 2))
    batch.merge(course=COURSE, shards=shards, out=tmp_path / "merged", console=quiet)
    before = (tmp_path / "merged" / batch.GRADES_CSV).read_text()
    (subs / "bob" / KATA).write_text((ROOT / "solutions" / KATA).read_text())  # bob resubmits
    owner = next(k for k in (1, 2) if batch.in_shard("bob", k, 2))
    batch.run(course=COURSE, submissions=subs, out=shards[owner - 1], jobs=2, timeout=None, console=quiet,
              shard=(owner, 2))
    assert batch.merge(course=COURSE, shards=shards, out=tmp_path / "merged", console=quiet) == 0
    batch.run(course=COURSE, submissions=subs, out=tmp_path / "one", jobs=2, timeout=None, console=quiet)
    merged = tmp_path / "merged"
    assert (merged / batch.GRADES_CSV).read_text() == (
        tmp_path / "one" / batch.GRADES_CSV).read_text() != before
    assert ((merged / batch.FEEDBACK_DIR / "bob.md").read_bytes()
            == (tmp_path / "one" / batch.FEEDBACK_DIR / "bob.md").read_bytes())
    assert rows(merged, "SELECT count(*) FROM attempts WHERE submission = 'bob'") == [(2,)]
    assert rows(merged, "SELECT count(*) FROM attempts") == [(5,)]
