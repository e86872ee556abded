"""``--format json``: the "kata-result/1" schema of DESIGN.md, and the way back from it.

Beyond DESIGN's fields, each kata carries ``hints`` (task name -> hints the learner saw),
``hint_penalty`` (the share of a task's points one hint costs; 0 unless a teacher asked) and
``hint_deduction`` (the points that took; ``score`` is already net of it).

Named ``json_report`` so that ``import json`` keeps meaning the standard library.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final, get_args

from grader import safe
from grader.results import (
    SCHEMA,
    IntegrityFinding,
    KataResult,
    SubmissionResult,
    TestOutcome,
    TestStatus,
)

TEST_STATUSES: Final = frozenset(get_args(TestStatus))


def number(value: float) -> int | float:
    """A score or duration as JSON shows it: 2.0 becomes 2, float noise is rounded away."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def dump(data: object, *, compact: bool = False) -> str:
    """I-JSON text: indented with a final newline, or ``compact`` on one line (for .jsonl).

    Every string is as :func:`grader.safe.data` makes it: no NUL, no lone surrogate. Most
    data needs nothing done, which the encoded text tells at C speed: only where it shows a
    suspect escape is the whole object made safe first and encoded again.
    """
    def encode(value: object) -> str:
        if compact:
            return json.dumps(value, separators=(",", ":"), allow_nan=False)
        return json.dumps(value, indent=2, allow_nan=False) + "\n"

    try:
        text = encode(data)
    except TypeError:  # a Mapping that is not a dict, say: safe.data makes it one
        return encode(safe.data(data))
    return text if safe.escaped_json_is_safe(text) else encode(safe.data(data))


def _test(test: TestOutcome) -> dict[str, Any]:
    return {
        "id": test.id, "task": test.task, "description": test.description,
        "status": test.status, "score": number(test.score), "max_score": number(test.max_score),
        "message": test.message, "duration_s": number(test.duration_s),
        "task_number": test.task_number, "unimplemented": test.unimplemented,
    }


def _kata(kata: KataResult) -> dict[str, Any]:
    return {
        "name": kata.name, "title": kata.title, "score": number(kata.score),
        "max_score": number(kata.max_score), "status": kata.status, "error": kata.error,
        "track": kata.track, "position": kata.position, "state": kata.state,
        "tests": [_test(test) for test in kata.tests],
        "hints": {task: seen for task, seen in kata.hints.items()},
        "hint_penalty": number(kata.hint_penalty),
        "hint_deduction": number(kata.hint_deduction),
    }


def to_dict(result: SubmissionResult) -> dict[str, Any]:
    """``result`` as a kata-result/1 object (plain dicts and lists, ready for ``json.dumps``)."""
    return {
        "schema": SCHEMA,
        "submission": result.submission,
        "score": number(result.score),
        "max_score": number(result.max_score),
        "duration_s": number(result.duration_s),
        "katas": [_kata(kata) for kata in result.katas],
        "integrity": [
            {"kata": f.kata, "line": f.line, "rule": f.rule, "message": f.message}
            for f in result.integrity
        ],
    }


def _outcome(data: Mapping[str, Any]) -> TestOutcome:
    status = data["status"]
    if status not in TEST_STATUSES:
        raise ValueError(f"unknown test status {status!r}")
    return TestOutcome(
        id=str(data["id"]), task=str(data["task"]), description=str(data["description"]),
        status=status, max_score=float(data["max_score"]), message=str(data["message"]),
        duration_s=float(data["duration_s"]), task_number=int(data.get("task_number", 0)),
        unimplemented=bool(data.get("unimplemented", False)),
    )


def from_dict(data: Mapping[str, Any]) -> SubmissionResult:
    """The :class:`SubmissionResult` a kata-result/1 object describes; else ``ValueError``.

    Scores and statuses are recomputed from the tests (and hints), as everywhere else. The
    schema does not carry ``isolation``, so it comes back empty; objects written before hints
    were reported come back with none.
    """
    if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} object")
    try:
        return SubmissionResult(
            submission=str(data["submission"]),
            katas=tuple(
                KataResult(
                    name=str(kata["name"]), title=str(kata["title"]),
                    tests=tuple(_outcome(test) for test in kata["tests"]),
                    error=None if kata["error"] is None else str(kata["error"]),
                    hints={str(task): int(seen) for task, seen in kata.get("hints", {}).items()},
                    hint_penalty=float(kata.get("hint_penalty", 0.0)),
                    track=str(kata.get("track", "")), position=int(kata.get("position", 0)),
                    untouched=kata.get("state") == "not-started",
                )
                for kata in data["katas"]
            ),
            integrity=tuple(
                IntegrityFinding(kata=str(f["kata"]), line=int(f["line"]), rule=str(f["rule"]),
                                 message=str(f["message"]))
                for f in data["integrity"]
            ),
            duration_s=float(data["duration_s"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a valid {SCHEMA} object: {type(exc).__name__}: {exc}") from None


def render(result: SubmissionResult) -> str:
    """The report for ``kata check --format json``: indented kata-result/1."""
    return dump(to_dict(result))


def to_line(result: SubmissionResult) -> str:
    """kata-result/1 on one line, without a newline: one record of results.jsonl."""
    return dump(to_dict(result), compact=True)


def from_line(line: str) -> SubmissionResult:
    """The result one line of results.jsonl holds; ``ValueError`` if it holds none."""
    return from_dict(json.loads(line))
