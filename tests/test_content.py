"""Content gates every kata inherits from the catalog: files, teaching text, scores, coverage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from grader import engine, submission
from grader.catalog import CATALOG, HIDDEN_DIR
from grader.measure import CoverageRun
from grader.sandbox import Sandbox

ROOT = Path(__file__).resolve().parents[1]
KATAS, SOLUTIONS = ROOT / "katas", ROOT / "solutions"
by_name = pytest.mark.parametrize("kata", CATALOG, ids=lambda kata: kata.name)


def module_names(folder: Path, prefix: str = "") -> set[str]:
    return {p.stem.removeprefix(prefix) for p in folder.glob(f"{prefix}*.py")}


def test_catalog_and_files_name_the_same_katas():
    names = {kata.name for kata in CATALOG}
    assert len(names) == len(CATALOG), "a kata is listed twice"
    assert module_names(KATAS) == names
    assert module_names(SOLUTIONS) == names
    assert module_names(HIDDEN_DIR, "test_") == names


@by_name
def test_catalog_entry_teaches(kata):
    assert kata.title and kata.topic and kata.topic_zh and kata.tasks
    for task in kata.tasks:
        assert task.summary.endswith("."), f"{task.name}: the summary is one sentence"
        assert len(task.hints) >= 2, f"{task.name}: hints should climb from a nudge"


@by_name
def test_checks_are_many_documented_and_cover_every_task(kata, catalog_checks):
    checks = catalog_checks[kata.name]
    assert len(checks) >= 12, f"{kata.name} has {len(checks)} checks; at least 12 are needed"
    assert {check.task for check in checks} == set(range(1, len(kata.tasks) + 1))
    for check in checks:
        assert check.description and "\n" not in check.description


@by_name
def test_stub_and_solution_have_the_same_public_api(kata):
    def api(path: Path) -> dict[str, list[str]]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path}: the module docstring teaches the concept"
        found = {}
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                assert ast.get_docstring(node), f"{path}: {node.name} needs a docstring"
                found[node.name] = ast.dump(node.args) if isinstance(node, ast.FunctionDef) else ""
        return found

    stub, solution = api(KATAS / kata.filename), api(SOLUTIONS / kata.filename)
    assert stub == solution
    stub_text = (KATAS / kata.filename).read_text(encoding="utf-8")
    for task in kata.tasks:  # a task is a public def or class, or a name the stub explains
        assert task.name in stub or task.name in stub_text, f"{task.name} is not in {kata.filename}"


def grade_folder(folder: Path, checks, box):
    found = submission.load(folder, CATALOG)
    return engine.grade(found, sandbox_=box, checks=checks, katas=CATALOG)


def test_every_solution_scores_full_marks(catalog_checks, box):
    result = grade_folder(SOLUTIONS, catalog_checks, box)
    failures = [f"{t.id}: {t.status} {t.message}" for k in result.katas for t in k.tests if not t.passed]
    assert failures == []
    assert result.score == result.max_score > 0
    assert result.integrity == (), "a reference solution should raise no integrity flag"


def test_every_stub_imports_and_scores_zero(catalog_checks, box):
    result = grade_folder(KATAS, catalog_checks, box)
    for kata in result.katas:
        assert kata.error is None, kata.error
        assert kata.score == 0, [t.id for t in kata.tests if t.passed]
    assert result.integrity == ()


def test_hidden_tests_cover_every_line_and_branch_of_the_solutions(catalog_checks):
    pytest.importorskip("coverage")
    run = CoverageRun()
    try:
        with Sandbox(coverage=run.settings) as box:
            result = grade_folder(SOLUTIONS, catalog_checks, box)
            percent, table = run.report(box.workroot, SOLUTIONS, [k.filename for k in CATALOG])
    finally:
        run.close()
    assert result.score == result.max_score
    assert percent == 100.0, table
