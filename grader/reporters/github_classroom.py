"""``--format github-classroom``: the payload GitHub Classroom's grading reporter reads.

The reporter (``classroom-resources/autograding-grading-reporter``) takes, per runner, an
environment variable ``<RUNNER>_RESULTS`` holding this JSON in base64; the runners write it
to their ``result`` step output. Its shape is the one the command grader writes: ``version``,
``status`` (``pass``, ``fail`` or ``error``), ``max_score`` and ``tests``, each test with
``name``, ``status``, ``score``, ``message``, ``test_code``, ``filename``, ``line_no`` and
``duration`` (milliseconds). Classroom's grade is the sum of the tests' ``score`` over the
runner's ``max_score``, so every check carries its own points instead of one command being
worth all or nothing. Integrity flags are left out: students see this.

The reporter prints a failed test's name, and an errored test's message alone, so the name
says which check and the message always starts with it; both go to a console (the Actions
log), so they are made safe for one (:data:`grader.reporters.printable`). Its console table
shows passed checks over all checks times ``max_score``; the grade it sends Classroom (the
"Autograding report" notice) is the sum of the scores, which is pykata's score.
"""

from __future__ import annotations

from typing import Any, Final

from grader.reporters import outcomes, printable
from grader.reporters.gradescope import explain
from grader.reporters.json_report import dump, number
from grader.results import KataResult, SubmissionResult, TestOutcome

VERSION: Final = 1
# Error, timeout and crashed: the check could not judge the code (the reporter's "error");
# failed and tampered: it judged it and gave no points.
STATUS: Final = {"passed": "pass", "failed": "fail", "tampered": "fail"}


def _test(kata: KataResult, test: TestOutcome) -> dict[str, Any]:
    name = printable(f"{kata.title} — {test.description}")
    return {
        "name": name,
        "status": STATUS.get(test.status, "error"),
        "score": number(test.score),
        "message": "" if test.passed else f"{name}: {printable(explain(kata, test))}",
        "test_code": "",  # the reporter prints it as "Test code": the hidden tests stay hidden
        "filename": kata.name + ".py",
        "line_no": 0,  # 0: the reporter prints no line number
        "duration": round(test.duration_s * 1000),
    }


def to_dict(result: SubmissionResult) -> dict[str, Any]:
    """``result`` as one runner's payload for the grading reporter."""
    tests = [_test(kata, test) for kata in result.katas for test in outcomes(kata)]
    statuses = {test["status"] for test in tests}
    status = "fail" if "fail" in statuses else "error" if "error" in statuses else "pass"
    return {"version": VERSION, "status": status, "max_score": number(result.max_score),
            "tests": tests}


def render(result: SubmissionResult) -> str:
    """The report for ``kata check --format github-classroom`` (JSON; base64 it for the
    reporter's environment variable)."""
    return dump(to_dict(result))
