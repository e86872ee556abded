"""grader.safe, the one boundary for learner text, and every writer that goes through it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from rich.console import Console

from grader import safe
from grader.reporters import gradescope, json_report, junit, markdown, render, summary, text
from grader.results import IntegrityFinding, KataResult, SubmissionResult
from grader.results import TestOutcome as Outcome  # a name pytest does not collect

# What a hostile submission can put in a message or a name.
HOSTILE = ("\ud800 lone, \udcff escaped byte, NUL\x00, bell\x07, \x1b[2J\x1b]0;pwned\x07 "
           "clear, \u202eevil\u202c bidi, \r carriage, \ufffe \U0010ffff non-chars, "
           "=HYPERLINK(\"x.example\",\"A+\") and <Account object at 0x7f16c2a0d9b0>")
ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def ijson_strings(value: object) -> list[str]:
    """Every string in a parsed JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (key, *ijson_strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in ijson_strings(item)]
    return []


def assert_ijson(document: str) -> None:
    """Valid UTF-8 and I-JSON: no NUL, lone surrogate or non-character in any string."""
    document.encode("utf-8")  # strict: a lone surrogate raises
    for string in ijson_strings(json.loads(document)):
        string.encode("utf-8")
        assert "\x00" not in string
        assert not re.search("[\ufdd0-\ufdef\ufffe\uffff\U0010fffe\U0010ffff]", string)


def hostile_result() -> SubmissionResult:
    test = Outcome(id="copying::test_relation", task="relation", description="relation works",
                   status="failed", max_score=2, message=HOSTILE, duration_s=0.1)
    odd = Outcome(id="copying::test_new", task="relation", description="a new status",
                  status="tampered", max_score=1, message=HOSTILE)  # type: ignore[arg-type]
    kata = KataResult("copying", "Copying", (test, odd))
    broken = KataResult("arguments", "Arguments", (), error=HOSTILE)
    return SubmissionResult(HOSTILE, (kata, broken),
                            integrity=(IntegrityFinding("copying", 3, "process-exit", HOSTILE),))


def test_text_is_ijson_and_keeps_what_it_removed_readable():
    shown = safe.text(HOSTILE)
    shown.encode("utf-8")
    assert "\x00" not in shown and "\ufffe" not in shown and "\U0010ffff" not in shown
    assert "\\ud800 lone" in shown and "\\udcff escaped" in shown and "NUL\\x00" in shown
    assert "\x1b[2J" in shown  # JSON escapes controls itself; only the terminal needs more
    assert safe.text(shown) == shown  # idempotent: made safe once is safe


def test_text_escapes_nul_in_plain_ascii_and_believes_no_str_subclass():
    assert safe.text("ascii\x00only") == "ascii\\x00only"
    assert safe.text("plain ascii, kept as it is") == "plain ascii, kept as it is"

    class Liar(str):
        def isascii(self) -> bool:
            return True

        def __contains__(self, item: object) -> bool:
            return False

    assert safe.text(Liar("lone \ud800")) == "lone \\ud800"


def test_console_obeys_nothing():
    shown = safe.console(HOSTILE)
    assert not ESCAPE.search(shown)
    assert "\\x1b[2J" in shown and "\\u202eevil" in shown and "\\r carriage" in shown
    assert safe.console("one\r\ntwo\tthree") == "one\ntwo\tthree"
    assert safe.line("a\nb\tc") == "a\\nb\\tc"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "  ="])
def test_a_csv_cell_never_starts_a_formula(start):
    cell = safe.cell(f"{start}HYPERLINK(\"x\",\"A+\")")
    assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not ESCAPE.search(cell)
    assert cell.startswith("'") or start in "\t\r" and cell.startswith("\\")
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell])
    assert next(csv.reader(io.StringIO(buffer.getvalue())))[0] == cell
    assert safe.cell("alice") == "alice" and safe.cell("a=b") == "a=b"


def test_stable_drops_object_addresses():
    assert safe.stable("<Account object at 0x7f16c2a0d9b0> != <function f at 0x1A2B3C4D>") == (
        "<Account object> != <function f>")
    assert safe.stable("0x7f is a number") == "0x7f is a number"


def test_names_from_the_file_system():
    raw = b"bad\xff\x1b[31m\xe2\x80\xaename"
    ident = safe.name(raw)
    assert ident == safe.name(os.fsdecode(raw)) == "bad\\udcff\\x1b[31m\\u202ename"
    ident.encode("utf-8")
    assert safe.filename(ident) == ident
    long = safe.filename("é" * 300)
    assert len(long.encode("utf-8")) <= safe.NAME_BYTES and long != safe.filename("é" * 301)
    assert safe.filename(".hidden") == "\\x2ehidden"


def test_machine_reports_are_ijson():
    result = hostile_result()
    for fmt in ("json", "gradescope"):
        assert_ijson(render(result, fmt))
    assert_ijson(json_report.to_line(result))
    data = json.loads(gradescope.render(result))
    assert all(test["status"] in ("passed", "failed") for test in data["tests"])


def test_junit_is_well_formed_xml_without_controls():
    document = junit.render(hostile_result())
    root = ET.fromstring(document.encode("utf-8"))
    assert not ESCAPE.search(document)
    # failed and tampered are the learner's doing (failure); a kata that did not import: error
    assert [(case.find("failure") is not None, case.find("error") is not None)
            for case in root.iter("testcase")] == [(True, False), (True, False), (False, True)]


def test_markdown_and_text_reach_no_terminal_raw():
    result = hostile_result()
    page = markdown.render(result)
    assert not ESCAPE.search(page)
    assert markdown.STATUS_NOTE["tampered"] in page  # a status the reporter knows
    buffer = io.StringIO()
    learner = SubmissionResult(result.submission, (KataResult("copying", "Copying", tuple(
        t for t in result.katas[0].tests if t.status != "tampered")), result.katas[1]),
        result.integrity)
    text.render(learner, Console(file=buffer, width=80, color_system=None))
    assert not ESCAPE.search(buffer.getvalue().replace("\n", ""))


def test_summary_escapes_every_id():
    data = {"submissions": 1, "statuses": {"graded": 1},
            "score": {"count": 1, "max_score": 3, "mean": 1, "median": 1, "min": 1, "max": 1,
                      "stdev": 0},
            "katas": [{"kata": "copying", "title": "Copying", "passed": 0, "graded": 1,
                       "pass_rate": 0.0, "stuck": 1}],
            "stuck": [{"kata": "copying", "submissions": [HOSTILE]}],
            "most_failed": [], "problems": [{"submission": HOSTILE, "status": "empty",
                                             "problem": HOSTILE}],
            "integrity": [], "hints": [], "similar": [{"kind": "identical",
                                                       "submissions": [HOSTILE, "<b>x</b>"]}]}
    page = summary.render(data)
    assert not ESCAPE.search(page) and "<b>" not in page and "\\<b\\>x\\</b\\>" in page


def test_escaped_json_tells_every_character_that_text_would_change():
    import json

    missed = [code for code in range(0x110000) if safe.text(chr(code)) != chr(code)
              and safe.escaped_json_is_safe(json.dumps(chr(code)))]
    assert not missed, [hex(code) for code in missed[:10]]
    # Within the BMP the judgement is exact (beyond it, every surrogate pair is a suspect).
    doubted = [code for code in range(0x10000) if safe.text(chr(code)) == chr(code)
               and not safe.escaped_json_is_safe(json.dumps(chr(code)))]
    assert not doubted, [hex(code) for code in doubted[:10]]
