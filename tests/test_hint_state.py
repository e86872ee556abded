"""Hint state: kept per workspace, read without trusting it; what a hint costs when asked."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from grader import hint_state
from conftest import CATALOG
from grader.reporters import json_report
from grader.results import KataResult, SubmissionResult
from grader.results import TestOutcome as Outcome  # a name pytest does not collect

FIRST = CATALOG[0]


def test_a_folder_keeps_its_state_beside_its_katas_and_a_notebook_its_own(tmp_path: Path) -> None:
    assert hint_state.state_file(tmp_path, CATALOG) == tmp_path / ".kata-state.json"
    (tmp_path / "katas").mkdir()  # the kata modules' folder, as grading reads it
    assert hint_state.state_file(tmp_path, CATALOG) == tmp_path / "katas" / ".kata-state.json"
    a, b = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    assert hint_state.state_file(a, CATALOG) != hint_state.state_file(b, CATALOG)
    assert hint_state.record(a, FIRST, 2, 1) == tmp_path / ".a.ipynb.kata-state.json"
    assert hint_state.load(a, CATALOG) == {FIRST.name: {2: 1}}
    assert hint_state.load(b, CATALOG) == {}


def test_a_zip_is_read_and_never_written(tmp_path: Path) -> None:
    path = tmp_path / "alice.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("alice/katas/.kata-state.json", json.dumps({"hints": {"copying:1": 2}}))
    assert hint_state.load(path, CATALOG) == {FIRST.name: {1: 2}}
    assert hint_state.record(path, FIRST, 1, 3) is None


@pytest.mark.parametrize("content", [
    "not json", "[1, 2]", '{"hints": 3}', "[" * 100_000,
    json.dumps({"hints": {"copying:0": 1, "copying:99": 1, "nope:1": 1, "copying": 1,
                          "copying:1": True, "copying:2": -1, "copying:3": "2"}}),
])
def test_a_damaged_or_forged_state_gives_no_hints(tmp_path: Path, content: str) -> None:
    (tmp_path / ".kata-state.json").write_text(content)
    assert hint_state.load(tmp_path, CATALOG) == {}


def test_counts_are_clamped_to_the_hints_a_task_has(tmp_path: Path) -> None:
    (tmp_path / ".kata-state.json").write_text(json.dumps({"hints": {"copying:1": 10 ** 30}}))
    seen = hint_state.load(tmp_path, CATALOG)
    assert seen == {FIRST.name: {1: len(FIRST.tasks[0].hints)}}
    assert hint_state.by_task_name(seen, CATALOG) == {
        FIRST.name: {FIRST.tasks[0].name: len(FIRST.tasks[0].hints)}}


def _kata(hints: dict[str, int], penalty: float) -> KataResult:
    return KataResult("copying", "Copies", (
        Outcome("copying::a", "relation", "A.", "passed", 2.0),
        Outcome("copying::b", "relation", "B.", "passed", 2.0),
        Outcome("copying::c", "make_grid", "C.", "failed", 3.0, "no"),
        Outcome("copying::d", "make_grid", "D.", "passed", 1.0),
    ), hints=hints, hint_penalty=penalty)


@pytest.mark.parametrize("hints, penalty, deduction", [
    ({"relation": 3, "make_grid": 1}, 0.0, 0.0),  # never unless asked
    ({"relation": 1}, 0.25, 1.0),  # a quarter of the task's 4 points
    ({"relation": 3}, 0.5, 4.0),  # 1.5 x 4 points, but at most what the task scored
    ({"make_grid": 2}, 0.5, 1.0),  # make_grid scored 1 of its 4
])
def test_a_hint_penalty_takes_a_share_of_the_task_per_hint(
        hints: dict[str, int], penalty: float, deduction: float) -> None:
    kata = _kata(hints, penalty)
    assert kata.hint_deduction == deduction
    assert kata.score == 5.0 - deduction
    data = json.loads(json_report.render(SubmissionResult("ann", (kata,))))
    assert data["katas"][0]["hints"] == hints and data["score"] == 5.0 - deduction
    again = json_report.from_dict(data).katas[0]
    assert (again.hints, again.hint_penalty, again.score) == (hints, penalty, kata.score)
