"""Reporters: every format rendered from hand-built results, parsed back and checked."""

from __future__ import annotations

import dataclasses
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rich.console import Console

from grader import reporters, safe
from grader.reporters import github_classroom, gradescope, json_report, junit, markdown, text
from grader.results import IntegrityFinding, KataResult, SubmissionResult
from grader.results import TestOutcome as Outcome  # a name pytest does not collect

NASTY = "got \x1b[31mred\x00\x07 and \ud800 — 深复制 ✓"  # XML-illegal controls, a surrogate, unicode
NASTY_IJSON = "got \x1b[31mred\\x00\x07 and \\ud800 — 深复制 ✓"  # what I-JSON may carry
IMPORT_ERROR = "generators.py line 12: SyntaxError: invalid syntax"


def _test(kata: str, name: str, task: str, status: str, points: float = 1.0,
          message: str = "") -> Outcome:
    return Outcome(id=f"{kata}::{name}", task=task, description=f"{name} does its job",
                   status=status, max_score=points, message=message, duration_s=0.25)


PASSING = KataResult("copying", "Assignment, shallow copies and deep copies", (
    _test("copying", "test_relation", "relation", "passed", 2.0),
    _test("copying", "test_grid", "make_grid", "passed"),
))
FAILING = KataResult("arguments", "Function arguments", (
    _test("arguments", "test_default", "greet", "passed", 2.0),
    _test("arguments", "test_shared", "greet", "failed", 3.0,
          "the second call saw the first call's items\nexpected [1]\ngot [1, 1]\nthird line"),
    _test("arguments", "test_hang", "tally", "timeout", 1.0, "probe timed out after 3 s"),
    _test("arguments", "test_nasty", "tally", "crashed", 1.5, NASTY),
))
BROKEN = KataResult("generators", "Generators", (
    _test("generators", "test_fib", "fib", "error", 2.0, f"not run: {IMPORT_ERROR}"),
), error=IMPORT_ERROR)
FINDING = IntegrityFinding("arguments", 7, "process-exit", "calls sys.exit()")
RESULT = SubmissionResult("alice", (PASSING, FAILING, BROKEN), integrity=(FINDING,),
                          duration_s=1.5, isolation=("resource limits", "private copy"))
ALL_PASS = SubmissionResult("bob", (PASSING,), duration_s=0.5)


# ---------------------------------------------------------------- json


def test_json_document_is_exactly_the_schema() -> None:
    assert json.loads(json_report.render(ALL_PASS)) == {
        "schema": "kata-result/1", "submission": "bob", "score": 3, "max_score": 3,
        "duration_s": 0.5,
        "katas": [{
            "name": "copying", "title": "Assignment, shallow copies and deep copies",
            "score": 3, "max_score": 3, "status": "passed", "error": None,
            "track": "", "position": 0, "state": "passed",
            "tests": [
                {"id": "copying::test_relation", "task": "relation",
                 "description": "test_relation does its job", "status": "passed",
                 "score": 2, "max_score": 2, "message": "", "duration_s": 0.25,
                 "task_number": 0, "unimplemented": False},
                {"id": "copying::test_grid", "task": "make_grid",
                 "description": "test_grid does its job", "status": "passed",
                 "score": 1, "max_score": 1, "message": "", "duration_s": 0.25,
                 "task_number": 0, "unimplemented": False},
            ],
            "hints": {}, "hint_penalty": 0, "hint_deduction": 0,
        }],
        "integrity": [],
    }


def test_json_scores_statuses_and_integrity() -> None:
    data = json.loads(json_report.render(RESULT))
    assert list(data) == ["schema", "submission", "score", "max_score", "duration_s", "katas",
                          "integrity"]
    assert (data["score"], data["max_score"]) == (5, 12.5)
    katas = {kata["name"]: kata for kata in data["katas"]}
    assert [(k["status"], k["score"], k["max_score"], k["error"]) for k in katas.values()] == [
        ("passed", 3, 3, None), ("failed", 2, 7.5, None), ("error", 0, 2, IMPORT_ERROR)]
    tests = katas["arguments"]["tests"]
    assert list(tests[0]) == ["id", "task", "description", "status", "score", "max_score",
                              "message", "duration_s", "task_number", "unimplemented"]
    assert [(t["status"], t["score"], t["max_score"]) for t in tests] == [
        ("passed", 2, 2), ("failed", 0, 3), ("timeout", 0, 1), ("crashed", 0, 1.5)]
    assert tests[3]["message"] == NASTY_IJSON  # NUL and the lone surrogate escaped, once
    assert data["integrity"] == [
        {"kata": "arguments", "line": 7, "rule": "process-exit", "message": "calls sys.exit()"}]


def test_json_whole_scores_are_integers_and_noise_is_rounded() -> None:
    assert json_report.number(2.0) == 2 and isinstance(json_report.number(2.0), int)
    assert json_report.number(0.1 + 0.2) == 0.3
    assert json_report.number(1.5) == 1.5


def test_json_round_trip() -> None:
    without_isolation = dataclasses.replace(RESULT, isolation=())  # not part of the schema
    assert json_report.from_dict(json_report.to_dict(RESULT)) == without_isolation
    nasty = without_isolation.katas[1].tests[3]
    written = dataclasses.replace(without_isolation, katas=(
        PASSING, dataclasses.replace(FAILING, tests=(
            *FAILING.tests[:3], dataclasses.replace(nasty, message=NASTY_IJSON))), BROKEN))
    assert json_report.from_dict(json.loads(json_report.render(RESULT))) == written
    line = json_report.to_line(RESULT)
    assert "\n" not in line
    assert json_report.from_line(line) == written
    assert json_report.to_line(written) == line  # what is written once is stable


@pytest.mark.parametrize("bad", [
    [], {"schema": "other/1"}, {"schema": "kata-result/1"},
    {**json_report.to_dict(ALL_PASS), "katas": [{"name": "x"}]},
    json.loads(json_report.render(ALL_PASS).replace('"passed"', '"maybe"')),
])
def test_json_from_dict_refuses_what_is_not_a_result(bad: object) -> None:
    with pytest.raises(ValueError, match="kata-result/1"):
        json_report.from_dict(bad)  # type: ignore[arg-type]


# ---------------------------------------------------------------- gradescope


def test_gradescope_results_json() -> None:
    data = json.loads(gradescope.render(RESULT))
    assert {key: data[key] for key in ("score", "max_score", "execution_time", "visibility",
                                       "stdout_visibility")} == {
        "score": 5, "max_score": 12.5, "execution_time": 2, "visibility": "visible",
        "stdout_visibility": "hidden"}
    assert "arguments 2/7.5" in data["output"] and "total 5/12.5" in data["output"]
    tests = data["tests"]
    assert len(tests) == 7
    assert sum(t["score"] for t in tests) == data["score"]
    assert sum(t["max_score"] for t in tests) == data["max_score"]
    assert [t["status"] for t in tests] == ["passed"] * 3 + ["failed"] * 4
    assert [t["number"] for t in tests] == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "3.1"]
    shared = tests[3]
    assert shared["name"] == "Function arguments — test_shared does its job"
    assert shared["tags"] == ["arguments", "greet"]
    assert shared["output"].startswith("the second call saw")
    assert tests[0]["output"] == "" and all(t["visibility"] == "visible" for t in tests)
    assert tests[6]["output"] == IMPORT_ERROR


def test_gradescope_kata_that_failed_to_load_with_no_checks_still_shows_why() -> None:
    empty = SubmissionResult("carol", (KataResult("generators", "Generators", (), IMPORT_ERROR),))
    (test,) = json.loads(gradescope.render(empty))["tests"]
    assert (test["status"], test["output"], test["max_score"]) == ("failed", IMPORT_ERROR, 0)


def test_gradescope_says_how_a_check_did_not_pass() -> None:
    tampered = KataResult("copying", "Copying", (
        _test("copying", "test_lie", "relation", "tampered", 2.0, "len() was replaced"),))
    data = json.loads(gradescope.render(dataclasses.replace(RESULT, katas=(
        *RESULT.katas, tampered))))
    outputs = {t["name"].split(" — ")[1]: t["output"] for t in data["tests"]}
    assert outputs["test_shared does its job"].startswith("the second call saw")  # failed
    assert outputs["test_hang does its job"] == (
        "timeout (took too long): probe timed out after 3 s")
    assert outputs["test_nasty does its job"].startswith("crashed (the process crashed): got")
    assert outputs["test_lie does its job"] == (
        "tampered (your code changed what the grader observes: 0 points): len() was replaced")
    assert outputs["test_fib does its job"] == IMPORT_ERROR  # the kata's own load error


def test_gradescope_visibility_per_course_and_per_kata_or_check() -> None:
    data = gradescope.to_dict(RESULT, visibility="after_due_date",
                              rules={"copying": "visible", "arguments::test_hang": "hidden"})
    assert data["visibility"] == "after_due_date"
    seen = {t["name"].split(" — ")[1]: t["visibility"] for t in data["tests"]}
    assert seen == {"test_relation does its job": "visible", "test_grid does its job": "visible",
                    "test_default does its job": "after_due_date",
                    "test_shared does its job": "after_due_date",
                    "test_hang does its job": "hidden",
                    "test_nasty does its job": "after_due_date",
                    "test_fib does its job": "after_due_date"}


# ---------------------------------------------------------------- github classroom


def test_github_classroom_payload_has_the_reporters_shape_and_a_score_per_check() -> None:
    data = json.loads(github_classroom.render(RESULT))
    # the fields classroom-resources/autograding-grading-reporter reads, as the command
    # grader writes them
    assert set(data) == {"version", "status", "max_score", "tests"}
    assert (data["version"], data["status"], data["max_score"]) == (1, "fail", 12.5)
    tests = data["tests"]
    assert all(set(t) == {"name", "status", "score", "message", "test_code", "filename",
                          "line_no", "duration"} for t in tests)
    # the grade Classroom receives is the sum of the scores: pykata's score, not all or nothing
    assert [t["score"] for t in tests] == [2, 1, 2, 0, 0, 0, 0]
    assert sum(t["score"] for t in tests) == 5
    assert [t["status"] for t in tests] == ["pass", "pass", "pass", "fail", "error", "error",
                                            "error"]
    assert all(t["line_no"] == 0 and t["test_code"] == "" for t in tests)  # no "line undefined"
    hang = tests[4]
    assert hang["name"] == "Function arguments — test_hang does its job"
    # an errored test is printed by its message alone: it names the check
    assert hang["message"] == ("Function arguments — test_hang does its job: "
                               "timeout (took too long): probe timed out after 3 s")
    assert (hang["filename"], hang["duration"]) == ("arguments.py", 250)
    assert r"got \x1b[31mred\x00\x07" in tests[5]["message"]  # shown, not obeyed
    assert not any(char in t["name"] + t["message"] for t in tests
                   for char in "\x1b\x00\x07")  # no raw escape reaches the Actions log
    assert "integrity" not in json.dumps(data) and "process-exit" not in json.dumps(data)


def test_github_classroom_status_pass_and_tampered() -> None:
    assert json.loads(github_classroom.render(ALL_PASS))["status"] == "pass"
    lie = SubmissionResult("eve", (KataResult("copying", "Copying", (
        _test("copying", "test_lie", "relation", "tampered", 2.0, "len() was replaced"),)),))
    (test,) = json.loads(github_classroom.render(lie))["tests"]
    assert (test["status"], test["score"]) == ("fail", 0)
    assert "your code changed what the grader observes" in test["message"]


# ---------------------------------------------------------------- junit


def test_junit_parses_and_counts() -> None:
    report = junit.render(RESULT)
    root = ET.fromstring(report.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("name") == "pykata"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "1", "3")
    assert root.get("time") == "1.500"
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert [(s.get("tests"), s.get("failures"), s.get("errors")) for s in suites.values()] == [
        ("2", "0", "0"), ("4", "1", "2"), ("1", "0", "1")]
    properties = {p.get("name"): p.get("value") for p in suites["arguments"].iter("property")}
    assert properties["score"] == "2" and properties["max_score"] == "7.5"
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert cases["test_shared"].get("classname") == "kata.arguments"
    failure = cases["test_shared"].find("failure")
    assert failure is not None and failure.get("type") == "failed"
    assert failure.get("message", "").startswith("the second call saw")
    assert "test_shared does its job" in (failure.text or "")
    assert cases["test_hang"].find("error").get("type") == "timeout"  # type: ignore[union-attr]
    assert cases["test_fib"].find("error").get("message") == IMPORT_ERROR  # type: ignore[union-attr]
    assert cases["test_relation"].find("failure") is None


def test_junit_replaces_characters_xml_cannot_hold() -> None:
    root = ET.fromstring(junit.render(RESULT).encode("utf-8"))
    nasty = next(case for case in root.iter("testcase") if case.get("name") == "test_nasty")
    error = nasty.find("error")
    assert error is not None and error.get("type") == "crashed"
    assert error.get("message") == r"got \x1b[31mred\x00\x07 and \ud800 — 深复制 ✓"


# ---------------------------------------------------------------- registry


@pytest.mark.parametrize("fmt, module", [
    ("json", json_report), ("gradescope", gradescope), ("junit", junit),
    ("github-classroom", github_classroom)])
def test_registry_dispatches_machine_formats(fmt: str, module: object) -> None:
    assert fmt in reporters.FORMATS
    assert reporters.render(RESULT, fmt) == module.render(RESULT)  # type: ignore[attr-defined]


def test_registry_refuses_text_and_unknown_formats() -> None:
    for fmt in ("text", "yaml"):
        with pytest.raises(ValueError, match="machine format"):
            reporters.render(RESULT, fmt)


# ---------------------------------------------------------------- text


def _text(result: SubmissionResult, **options: bool) -> str:
    console = Console(file=io.StringIO(), width=80, color_system=None)
    text.render(result, console, **options)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_text_report() -> None:
    out = _text(RESULT)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "pykata · alice  5/12.5 points (40%)" in out
    for name, score, status in [("copying", "3/3", "passed"), ("arguments", "2/7.5", "failed"),
                                ("generators", "0/2", "error")]:
        row = next(line for line in out.splitlines()
                   if f" {name} " in line and ("█" in line or "░" in line))
        assert score in row and status in row
    assert "Task · greet" in out and "Task · tally" in out
    assert "✗ test_shared does its job" in out
    assert "the second call saw the first call's items" in out and "expected [1]" in out
    assert "got [1, 1]" not in out  # only the first lines of a message
    assert "✗ test_hang does its job (timeout)" in out
    assert r"\x1b[31mred\x00\x07" in out  # control characters never reach the terminal
    assert "test_default does its job" not in out  # passing checks only with verbose
    assert f"✗ {IMPORT_ERROR}" in out
    assert "Integrity" not in out and "calls sys.exit()" not in out  # the teacher's list
    assert "note: arguments.py line 7: your code ends the process" in out  # why it may fail
    assert "Next: arguments — Function arguments" in out
    assert "kata hint arguments" in out and "kata check arguments" in out
    assert "sandbox: resource limits, private copy" in out


def test_text_course_numbers_and_task_numbers() -> None:
    first_pass = dataclasses.replace(PASSING, tests=(dataclasses.replace(
        _test("copying", "test_grid", "make_grid", "failed", 1.0, "rows are shared"),
        task_number=2),))
    out = _text(SubmissionResult("dan", (first_pass,)))
    assert "Task 2 · make_grid" in out
    assert "Next: copying" in out


def test_text_verbose_shows_passing_checks() -> None:
    out = _text(RESULT, verbose=True)
    assert "✓ test_default does its job" in out and "✓ test_relation does its job" in out


def test_text_everything_passed() -> None:
    out = _text(ALL_PASS)
    assert "Every check passes. Well done!" in out
    assert "Next:" not in out and "Integrity" not in out and "sandbox:" not in out


def test_summary_line() -> None:
    assert text.summary_line(RESULT) == (
        "copying 3/3 ✓ · arguments 2/7.5 ✗ · generators 0/2 ✗ — total 5/12.5")


def test_text_shows_a_repeated_message_once_unless_verbose() -> None:
    stub = "copying.py line 27: not implemented yet"
    kata = KataResult("copying", "Copying", (
        _test("copying", "test_one", "relation", "failed", 1.0, stub),
        _test("copying", "test_two", "relation", "failed", 1.0, stub),
    ))
    result = SubmissionResult("erin", (kata,))
    assert _text(result).count(stub) == 1
    assert _text(result, verbose=True).count(stub) == 2


def test_text_collapses_a_kata_not_started_yet():
    stub = "copying.py line 3: not implemented yet (the stub still raises NotImplementedError)"
    kata = KataResult("copying", "Copies", tuple(
        Outcome(f"copying::test_{n}", task, "A check.", "failed", 1.0, stub, unimplemented=True)
        for n, task in enumerate(["relation", "relation", "make_grid"])))
    result = SubmissionResult("learner", (kata,))
    out = io.StringIO()
    text.render(result, Console(file=out, width=80, color_system=None))
    assert "not started: 2 tasks still raise NotImplementedError" in out.getvalue()
    assert "A check." not in out.getvalue()


def test_text_collapses_tasks_not_started_inside_a_kata_in_progress():
    stub = "copying.py line 9: not implemented yet (the stub still raises NotImplementedError)"
    kata = KataResult("copying", "Copies", (
        Outcome("copying::test_a", "relation", "Relation works.", "passed", 1.0, task_number=1),
        Outcome("copying::test_b", "make_grid", "Rows are independent.", "failed", 2.0, "aliases",
                task_number=2),
        Outcome("copying::test_c", "snapshot", "Snapshot survives.", "failed", 1.0, stub,
                task_number=4, unimplemented=True),
        Outcome("copying::test_d", "snapshot", "Shares nothing.", "failed", 1.0, stub,
                task_number=4, unimplemented=True)))
    out = io.StringIO()
    text.render(SubmissionResult("learner", (kata,)), Console(file=out, width=80, color_system=None))
    shown = out.getvalue()
    assert "Task 4 · snapshot  not started yet" in shown and "Snapshot survives." not in shown
    assert "✗ Rows are independent." in shown and "Relation works." not in shown


def test_text_groups_the_katas_of_several_tracks_under_their_titles() -> None:
    python = dataclasses.replace(PASSING, track="python", position=1)
    ml = dataclasses.replace(FAILING, name="iou", track="ml", position=14)
    out = io.StringIO()
    text.render(SubmissionResult("eve", (python, ml)), Console(file=out, width=80, color_system=None),
                tracks={"python": "Python track", "ml": "ML track (numpy)"})
    lines = [line.strip() for line in out.getvalue().splitlines()]
    first, second = lines.index("Python track"), lines.index("ML track (numpy)")
    assert lines[first + 1].startswith("1   copying") and lines[second + 1].startswith("14   iou")
    single = io.StringIO()
    text.render(SubmissionResult("eve", (python,)), Console(file=single, width=80, color_system=None),
                tracks={"python": "Python track"})
    assert "Python track" not in single.getvalue()  # one track: no heading


def test_text_sandbox_line_fits_one_line_of_80_columns() -> None:
    layers = ("resource limits", "private copy", "scrubbed environment", "process group",
              "unprivileged uid", "cgroup per submission", "bubblewrap namespaces",
              "own network and /tmp per process", "tmpfs copy of 64 MiB")
    result = dataclasses.replace(ALL_PASS, isolation=layers)
    out = io.StringIO()
    text.render(result, Console(file=out, width=80, color_system=None))
    [line] = [line for line in out.getvalue().splitlines() if line.startswith("sandbox:")]
    assert line == "sandbox: bubblewrap namespaces and 8 more layers · 0.5 s"
    wide = io.StringIO()
    text.render(result, Console(file=wide, width=300, color_system=None))
    assert f"sandbox: {', '.join(layers)} · 0.5 s" in wide.getvalue()


def test_markdown_groups_tracks_and_nudges_from_the_guide_it_is_given() -> None:
    python = dataclasses.replace(PASSING, track="python", position=1)
    ml = dataclasses.replace(FAILING, track="ml", position=14)
    guide = markdown.Guide(nudges={"arguments": {"greet": "Look at the default."}},
                           tracks={"python": "Python track", "ml": "ML track (numpy)"})
    page = markdown.render(SubmissionResult("eve", (python, ml)), guide=guide)
    rows = page.splitlines()
    assert rows.index("| | *Python track* | | |") < rows.index("| | *ML track (numpy)* | | |")
    assert "> **Nudge** (task `greet`): Look at the default." in page
    assert "Nudge" not in markdown.render(SubmissionResult("eve", (python, ml)))


@pytest.mark.parametrize("hostile", [
    "\x00", "\ud800", "\udfff", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe",
    "\U0010ffff", "ok\x00\ud83d", "\\u0000 written out", "caf\u00e9 \U0001f600 \u2026"])
def test_json_output_is_ijson_whatever_a_string_holds(hostile):
    import types

    shown = safe.text(hostile)
    for compact in (True, False):
        decoded = json.loads(json_report.dump(
            {"message": hostile, hostile: [hostile, (1, hostile)]}, compact=compact))
        assert decoded == {"message": shown, shown: [shown, [1, shown]]}
        assert all(not ("\ud800" <= c <= "\udfff") and c != "\x00"
                   for c in json.dumps(decoded, ensure_ascii=False))
        view = types.MappingProxyType({"inner": hostile})  # not a dict: json cannot take it
        assert json.loads(json_report.dump({"view": view}, compact=compact)) == {
            "view": {"inner": shown}}
