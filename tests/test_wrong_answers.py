"""The usual wrong answers lose exactly the points meant for the concept they miss.

Each file tests/wrong_answers/<kata>/<name>.mistake is one typical mistake, written as edits
to the reference solution, so that it says at a glance what the learner got wrong:

    # loses: test_grid_rows_independent
    # The classic [[0] * m] * n: every row is the same list.
    <<< solution
        return [[fill] * cols for _ in range(rows)]
    === mistake
        return [[fill] * cols] * rows
    >>>

Each ``<<< solution`` block must occur exactly once in solutions/<kata>.py. The solution with
the mistake applied must fail exactly the checks on the ``# loses:`` line and pass every other
one, so a corpus entry also proves the checks are precise.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from grader import catalog, engine
from grader.submission import Submission

CORPUS = Path(__file__).parent / "wrong_answers"
SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"
ENTRIES = sorted(CORPUS.glob("*/*.mistake"))
JOBS = 3


def parse(path: Path) -> tuple[set[str], list[tuple[str, str]]]:
    """The checks a mistake must lose, and its (solution text, mistaken text) edits."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith("# loses: "), f"{path.name}: first line must be '# loses: test_...'"
    assert lines[1].startswith("# "), f"{path.name}: second line says what the mistake is"
    loses = {name.strip() for name in lines[0].removeprefix("# loses: ").split(",")}
    edits, rest = [], lines[2:]
    while rest:
        assert rest[0] == "<<< solution\n", f"{path.name}: expected '<<< solution', got {rest[0]!r}"
        middle, end = rest.index("=== mistake\n"), rest.index(">>>\n")
        edits.append(("".join(rest[1:middle]), "".join(rest[middle + 1:end])))
        rest = rest[end + 1:]
    assert edits, f"{path.name}: no edits"
    return loses, edits


def mistaken(kata: str, edits: list[tuple[str, str]]) -> str:
    source = (SOLUTIONS / f"{kata}.py").read_text(encoding="utf-8")
    for old, new in edits:
        assert source.count(old) == 1, f"this text is not in solutions/{kata}.py exactly once:\n{old}"
        source = source.replace(old, new)
    return source


def test_every_kata_has_a_corpus():
    assert {path.parent.name for path in ENTRIES} == {kata.name for kata in catalog.CATALOG}


@pytest.fixture(scope="module")
def graded(catalog_checks, box):
    """Every entry of the corpus graded once, several at a time (grading mostly waits on
    learner processes): path -> its kata's result, or the exception grading it raised."""
    def grade(path: Path) -> Any:
        kata = catalog.get(path.parent.name)
        try:
            files = {kata.filename: mistaken(kata.name, parse(path)[1]).encode()}
            return engine.grade(Submission(path.stem, files), sandbox_=box,
                                checks=catalog_checks, katas=(kata,)).katas[0]
        except Exception as exc:  # reported by the entry's own test
            return exc

    with ThreadPoolExecutor(JOBS) as pool:
        return dict(zip(ENTRIES, pool.map(grade, ENTRIES)))


@pytest.mark.parametrize("path", ENTRIES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_wrong_answer_loses_exactly_its_points(path, graded):
    loses, _ = parse(path)
    result = graded[path]
    if isinstance(result, Exception):
        raise result
    assert result.error is None, result.error
    lost = {test.id.split("::")[1] for test in result.tests if not test.passed}
    assert lost == loses
    assert result.score < result.max_score
