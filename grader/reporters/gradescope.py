"""``--format gradescope``: the results.json a Gradescope autograder writes.

Field names follow Gradescope's autograder specification: top-level ``score``,
``max_score``, ``execution_time``, ``output``, ``visibility``, ``stdout_visibility`` and
``tests``, each test with ``name``, ``number``, ``score``, ``max_score``, ``status``,
``output``, ``visibility`` and ``tags``. Integrity flags are left out: students see this.

``visibility`` (``visible``, ``after_due_date``, ``hidden``, ``after_published``) is the
course's choice for the whole result; ``rules`` overrides it per kata name or per check id.
A check that did not pass says in its output how (``timeout (took too long): ...``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from grader.reporters import outcomes, reason
from grader.reporters.json_report import dump, number
from grader.reporters.markdown import STATUS_NOTE
from grader.reporters.text import summary_line
from grader.results import KataResult, SubmissionResult, TestOutcome


def explain(kata: KataResult, test: TestOutcome) -> str:
    """Why ``test`` did not pass, saying which way it did not: ``failed`` alone is implied,
    ``error``, ``timeout``, ``crashed`` and ``tampered`` are named (``timeout (took too
    long): ...``), since each asks the learner for something different. A kata that did not
    load says so itself ("generators.py line 12: SyntaxError: ...")."""
    why = reason(kata, test)
    if test.status == "failed" or kata.error is not None or why == test.status:
        return why
    return f"{test.status}{STATUS_NOTE.get(test.status, '')}: {why}"


def _test(kata: KataResult, test: TestOutcome, position: str, visibility: str) -> dict[str, Any]:
    return {
        "name": f"{kata.title} — {test.description}",
        "number": position,
        "score": number(test.score),
        "max_score": number(test.max_score),
        "status": "passed" if test.passed else "failed",
        "output": "" if test.passed else explain(kata, test),
        "visibility": visibility,
        "tags": [tag for tag in (kata.name, test.task) if tag],
    }


def _tests(kata: KataResult, index: int, visibility: str,
           rules: Mapping[str, str]) -> list[dict[str, Any]]:
    return [_test(kata, test, f"{index}.{n}", rules.get(test.id, rules.get(kata.name, visibility)))
            for n, test in enumerate(outcomes(kata), start=1)]


def to_dict(result: SubmissionResult, *, visibility: str = "visible",
            rules: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``result`` as a Gradescope results.json object; ``rules`` maps a kata name or a check
    id to the visibility of its tests (default ``visibility``)."""
    return {
        "score": number(result.score),
        "max_score": number(result.max_score),
        "execution_time": math.ceil(result.duration_s),
        "output": summary_line(result),
        "visibility": visibility,
        "stdout_visibility": "hidden",
        "tests": [test for index, kata in enumerate(result.katas, start=1)
                  for test in _tests(kata, index, visibility, rules or {})],
    }


def render(result: SubmissionResult) -> str:
    """The report for ``kata check --format gradescope``."""
    return dump(to_dict(result))
