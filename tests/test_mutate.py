"""``kata dev mutate``: mutants graded like submissions, survivors named, equivalents listed;
and the CI gate that re-runs mutation testing only for the katas whose files changed."""

from __future__ import annotations

import json
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest

from conftest import FIXTURES, HIDDEN, SUBMISSIONS, TINY
from grader import cli, engine, mutate
from conftest import CATALOG, COURSE, course_of
from grader.course import Kata, Task
from grader.errors import UsageError
from grader.sandbox import Sandbox

pytest.importorskip("cosmic_ray", reason="kata dev mutate needs the test extra (cosmic-ray)")

SOLUTIONS = SUBMISSIONS / "passing"  # the mini-course's reference solutions
# A kata of its own (hidden test modules are imported once per process, by name): `other`'s
# task, with checks that have a blind spot.
WEAK = Kata("weak", "A kata with a blind spot", "Testing", "测试",
            (Task("double", "Double a number.", ("Multiply.", "2 * x")),))
WEAK_DIR = FIXTURES / "mutation"
SUMMARY = re.compile(r"mutation (\w+): killed (\d+) of (\d+), equivalent (\d+) "
                     r"\(listed in (.+)\), survived (\d+)$")
# The gate runs at most this many mutants (~0.08 s each on 2 busy cores, with hangs cut at
# 1 s per probe) so that the whole suite stays under 10 minutes; beyond it, the stamps must
# be refreshed with `kata dev mutate` and committed.
GATE_BUDGET: Final = 400


@pytest.fixture(scope="module")
def mutation_box() -> Iterator[Sandbox]:
    with Sandbox(limits=mutate.LIMITS, packages=COURSE.packages_for(CATALOG)) as box:
        yield box


def run(katas, hidden: Path, solutions: Path, box: Sandbox, mutation_dir: Path,
        ) -> list[mutate.KataReport]:
    checks = engine.collect(course_of(hidden, katas))
    return [mutate.mutate_kata(kata, box=box, checks=checks, solutions_dir=solutions,
                               mutation_dir=mutation_dir, jobs=2) for kata in katas]


def test_full_strength_checks_kill_every_mutant(mutation_box, tmp_path):
    reports = run(TINY, HIDDEN, SOLUTIONS, mutation_box, tmp_path)
    for report in reports:
        assert report.error is None and report.mutants > 0
        assert report.survivors == () and report.killed == report.mutants
        assert report.passed
    assert mutate.render(reports[1]) == [
        f"mutation other: killed {reports[1].mutants} of {reports[1].mutants}, "
        f"equivalent 0 (listed in {tmp_path / 'other.toml'}), survived 0"]


def test_a_blind_spot_is_reported_with_line_operator_and_mutated_line(mutation_box, tmp_path):
    (report,) = run((WEAK,), WEAK_DIR / "hidden", WEAK_DIR / "solutions", mutation_box, tmp_path)
    survivors = {(m.line, m.operator, m.after) for m in report.survivors}
    assert survivors == {(2, "ReplaceBinaryOperator_Mul_Add", "return 2 + x"),
                         (2, "ReplaceBinaryOperator_Mul_Pow", "return 2 ** x")}
    assert not report.passed
    lines = mutate.render(report)
    found = SUMMARY.match(lines[0])
    assert found and found.group(1) == "weak"
    killed, total, equivalent, survived = (int(found.group(n)) for n in (2, 3, 4, 6))
    assert (survived, equivalent) == (2, 0) and killed + survived == total == report.mutants
    assert "  line 2, ReplaceBinaryOperator_Mul_Add: return 2 * x  ->  return 2 + x" in lines


def test_listed_equivalents_are_not_survivors_and_stale_entries_are_reported(
        mutation_box, tmp_path):
    (tmp_path / "weak.toml").write_text(
        '[[equivalent]]\noperator = "ReplaceBinaryOperator_Mul_Pow"\n'
        'line = "return 2 * x"\nmutated = "return 2 ** x"\nreason = "as the fixture says"\n'
        '[[equivalent]]\noperator = "NumberReplacer"\nline = "return 7 * x"\n'
        'mutated = "return 8 * x"\nreason = "a line that is not there"\n', encoding="utf-8")
    (report,) = run((WEAK,), WEAK_DIR / "hidden", WEAK_DIR / "solutions", mutation_box, tmp_path)
    assert (report.equivalent, len(report.survivors)) == (1, 1)
    assert report.survivors[0].operator == "ReplaceBinaryOperator_Mul_Add"
    assert [entry.line for entry in report.unmatched] == ["return 7 * x"]
    assert not report.passed
    assert "  listed as equivalent but no such mutant: NumberReplacer: return 7 * x  ->  " \
           "return 8 * x" in mutate.render(report)


@pytest.mark.parametrize("text, complaint", [
    ('[[equivalent]]\noperator = "X"\nline = "a"\nmutated = "b"\n', "reason"),
    ('[[equivalent]]\noperator = "X"\nline = "a"\nmutated = "b"\nreason = "r"\noccurrence = 0\n',
     "occurrence"),
    ('[[equivalent]]\noperator = "X"\nline = "a"\nmutated = "b"\nreason = "r"\nlne = 1\n',
     "unknown field lne"),
    ('[[equivalent]]\noperator = "X"\nline = "a"\nmutated = "b"\nreason = "r"\n' * 2,
     "listed twice"),
    ("[[equivalent]\n", "cannot read"),
    ("equivalent = [1]\n", "expected a table"),
    ('[[equivalents]]\nreason = "r"\n', "expected only"),
])
def test_a_malformed_equivalents_file_is_one_clear_error(tmp_path, text, complaint):
    path = tmp_path / "other.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=complaint) as caught:
        mutate.load_equivalents(path)
    assert str(path) in str(caught.value)


def test_mutants_are_named_by_text_and_skip_annotations():
    source = ('from __future__ import annotations\n\n\n'
              'def f(x: int | None = 0) -> int | str:\n    y: int | str = x + 1\n'
              '    return y\n\n\ndef g(x):\n    y = x + 1\n    return y\n')
    made = mutate.mutants(source)
    annotations = ("x: int | None", "-> int | str:", "y: int | str")
    assert made and all(text in m.source for m in made for text in annotations)
    adds = [m for m in made if m.operator == "ReplaceBinaryOperator_Add_Sub"]
    assert [(m.line, m.before, m.after, m.occurrence) for m in adds] == [
        (5, "y: int | str = x + 1", "y: int | str = x - 1", 1),
        (10, "y = x + 1", "y = x - 1", 1)]
    shifted = mutate.mutants("# a new first line\n" + source)
    assert {m.key for m in shifted} == {m.key for m in made}, "keys must not hold line numbers"


def test_fingerprint_follows_the_files_it_covers(tmp_path):
    for folder in ("solutions", "hidden", "mutation"):
        (tmp_path / folder).mkdir()
    for name in ("solutions/weak.py", "hidden/test_weak.py"):
        (tmp_path / name).write_bytes((WEAK_DIR / name).read_bytes())
    folders = {"solutions_dir": tmp_path / "solutions", "hidden_dir": tmp_path / "hidden",
               "mutation_dir": tmp_path / "mutation"}
    before = mutate.fingerprint(WEAK, **folders)
    assert mutate.fingerprint(WEAK, **folders) == before
    for path in (tmp_path / "mutation" / "weak.toml", tmp_path / "hidden" / "conftest.py",
                 tmp_path / "solutions" / "weak.py"):
        path.write_text("# changed\n", encoding="utf-8")
        assert mutate.fingerprint(WEAK, **folders) != before, path
        before = mutate.fingerprint(WEAK, **folders)


def test_cli_prints_the_summary_and_stamps_each_kata(monkeypatch, tmp_path, capsys):
    def mutants(kata: Kata) -> int:  # as the committed stamp counted them
        stamp = mutate.MUTATION_DIR / f"{kata.name}.stamp.json"
        return int(json.loads(stamp.read_text(encoding="utf-8"))["mutants"])

    smallest = min(CATALOG, key=mutants)
    monkeypatch.setattr(mutate, "MUTATION_DIR", tmp_path)
    code = cli.main(["dev", "mutate", smallest.name, "--jobs", "2"])
    lines = capsys.readouterr().out.splitlines()
    found = SUMMARY.match(lines[0])
    assert found and found.group(1) == smallest.name
    killed, total, equivalent, survived = (int(found.group(n)) for n in (2, 3, 4, 6))
    assert killed + equivalent + survived == total > 0
    assert len(lines) - 1 >= survived and code == (0 if len(lines) == 1 else 1)
    stamp = json.loads((tmp_path / f"{smallest.name}.stamp.json").read_text(encoding="utf-8"))
    assert (stamp["killed"], stamp["mutants"], stamp["survived"]) == (killed, total, survived)
    assert not mutate.stale([smallest], mutation_dir=tmp_path)
    (tmp_path / f"{smallest.name}.toml").write_text("# no equivalents\n", encoding="utf-8")
    assert mutate.stale([smallest], mutation_dir=tmp_path) == [smallest]


def test_cli_says_how_to_install_the_tool_when_it_is_missing(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "cosmic_ray", None)
    assert cli.main(["dev", "mutate", "copying"]) == 2
    assert capsys.readouterr().err.strip() == f"kata: error: {mutate.MISSING_TOOL}"


# ---------------------------------------------------------------- the CI gate


@pytest.fixture(scope="module")
def stale_katas() -> tuple[set[str], int]:
    """The katas whose files changed since their stamp, and how many mutants they have."""
    found = mutate.stale(CATALOG)
    cost = sum(len(mutate.mutants((mutate.SOLUTIONS_DIR / kata.filename).read_text(
        encoding="utf-8"))) for kata in found)
    return {kata.name for kata in found}, cost


@pytest.mark.parametrize("kata", CATALOG, ids=lambda kata: kata.name)
def test_no_mutant_of_a_solution_survives(kata, stale_katas, catalog_checks, mutation_box):
    """The gate: a kata unchanged since its stamp is judged by the stamp; a changed one is
    mutated now, within the budget."""
    stale, cost = stale_katas
    refresh = (f"run `kata dev mutate {kata.name}` and commit "
               f"{mutate.stamp_file(kata).relative_to(mutate.SOLUTIONS_DIR.parent)}")
    if kata.name not in stale:
        recorded = mutate.read_stamp(mutate.stamp_file(kata)) or {}
        problems = [*recorded.get("survivors", []), *recorded.get("unmatched", [])]
        if problems:
            pytest.fail(f"{kata.name}: the last `kata dev mutate` reported {len(problems)} "
                        "survivors (kill each with a check, or list it as equivalent):\n  "
                        + "\n  ".join(problems), pytrace=False)
        return
    if cost > GATE_BUDGET:
        pytest.fail(f"{len(stale)} katas changed since their mutation stamps "
                    f"({', '.join(sorted(stale))}): {cost} mutants, more than this test's "
                    f"budget of {GATE_BUDGET}; {refresh} (or `kata dev mutate` for all)")
    report = mutate.mutate_kata(kata, box=mutation_box, checks=catalog_checks)
    if not report.passed:
        pytest.fail("\n".join(mutate.render(report)), pytrace=False)
    warnings.warn(f"{kata.name} changed since its mutation stamp: {refresh}", stacklevel=1)
