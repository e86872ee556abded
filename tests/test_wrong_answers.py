"""The usual wrong answers lose exactly the points meant for the concept they miss.

Each file tests/wrong_answers/<kata>/<mistake>.py is a whole kata module with one typical
mistake; its first line names the checks it must fail: ``# loses: test_a, test_b``. Every
other check of the kata must still pass, so a corpus entry also proves the checks are precise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import catalog, engine
from grader.submission import Submission

CORPUS = Path(__file__).parent / "wrong_answers"
ENTRIES = sorted(CORPUS.glob("*/*.py"))


def expected_losses(path: Path) -> set[str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# loses: "), f"{path.name}: first line must be '# loses: test_...'"
    return {name.strip() for name in first.removeprefix("# loses: ").split(",")}


def test_every_kata_has_a_corpus():
    assert {path.parent.name for path in ENTRIES} == {kata.name for kata in catalog.CATALOG}


@pytest.mark.parametrize("path", ENTRIES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_wrong_answer_loses_exactly_its_points(path, catalog_checks, box):
    kata = catalog.get(path.parent.name)
    files = {kata.filename: path.read_bytes()}
    result = engine.grade(Submission(path.stem, files), sandbox_=box, checks=catalog_checks,
                          katas=(kata,)).katas[0]
    assert result.error is None, result.error
    lost = {test.id.split("::")[1] for test in result.tests if not test.passed}
    assert lost == expected_losses(path)
    assert result.score < result.max_score
