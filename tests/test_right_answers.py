"""Correct solutions written differently from solutions/ score full marks.

Each file tests/right_answers/<kata>/<name>.py is a whole kata module that solves every task
correctly in another way than the reference (another algorithm, another idiom). A check that
rejects one of them is stricter than its docstring, which is as bad as passing a wrong answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import COURSE
from grader import engine
from grader.submission import Submission

CORPUS = Path(__file__).parent / "right_answers"
ENTRIES = sorted(CORPUS.glob("*/*.py"))


@pytest.mark.parametrize("path", ENTRIES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_right_answer_scores_full_marks(path, catalog_checks, box):
    kata = COURSE.get(path.parent.name)
    files = {kata.filename: path.read_bytes()}
    result = engine.grade(Submission(path.stem, files), sandbox_=box, checks=catalog_checks,
                          katas=(kata,)).katas[0]
    assert result.error is None, result.error
    failed = {test.id.split("::")[1]: test.message for test in result.tests if not test.passed}
    assert not failed
    assert result.score == result.max_score
