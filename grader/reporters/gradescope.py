"""``--format gradescope``: the results.json a Gradescope autograder writes.

Field names follow Gradescope's autograder specification: top-level ``score``,
``max_score``, ``execution_time``, ``output``, ``visibility``, ``stdout_visibility`` and
``tests``, each test with ``name``, ``number``, ``score``, ``max_score``, ``status``,
``output``, ``visibility`` and ``tags``. Integrity flags are left out: students see this.
"""

from __future__ import annotations

import math
from typing import Any

from grader.reporters import outcomes, reason
from grader.reporters.json_report import dump, number
from grader.reporters.text import summary_line
from grader.results import KataResult, SubmissionResult, TestOutcome


def _test(kata: KataResult, test: TestOutcome, position: str) -> dict[str, Any]:
    return {
        "name": f"{kata.title} — {test.description}",
        "number": position,
        "score": number(test.score),
        "max_score": number(test.max_score),
        "status": "passed" if test.passed else "failed",
        "output": "" if test.passed else reason(kata, test),
        "visibility": "visible",
        "tags": [tag for tag in (kata.name, test.task) if tag],
    }


def _tests(kata: KataResult, index: int) -> list[dict[str, Any]]:
    return [_test(kata, test, f"{index}.{n}") for n, test in enumerate(outcomes(kata), start=1)]


def to_dict(result: SubmissionResult) -> dict[str, Any]:
    """``result`` as a Gradescope results.json object."""
    return {
        "score": number(result.score),
        "max_score": number(result.max_score),
        "execution_time": math.ceil(result.duration_s),
        "output": summary_line(result),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [test for index, kata in enumerate(result.katas, start=1)
                  for test in _tests(kata, index)],
    }


def render(result: SubmissionResult) -> str:
    """The report for ``kata check --format gradescope``."""
    return dump(to_dict(result))
