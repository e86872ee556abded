"""``--format junit``: JUnit XML as CI servers read it, one ``<testsuite>`` per kata.

Built with ElementTree so that escaping is right; learner text goes through
:func:`printable` first, since XML 1.0 cannot hold most control characters at all.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Final

from grader.reporters import outcomes, printable, reason
from grader.reporters.json_report import number
from grader.results import KataResult, SubmissionResult, TestOutcome

# A check that did not pass is a <failure> when the learner's answer was wrong and an
# <error> when it could not be judged (module not loaded, timeout, crash).
_ELEMENT: Final = {"failed": "failure", "error": "error", "timeout": "error", "crashed": "error",
                   "tampered": "failure"}


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: printable(value) for key, value in attrs.items()})
    if text is not None:
        element.text = printable(text)
    return element


def _tally(element: ET.Element, seconds: float) -> None:
    """Set the tests/failures/errors/time attributes from the test cases inside ``element``."""
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    for tag in ("failure", "error"):
        element.set(f"{tag}s", str(sum(case.find(tag) is not None for case in cases)))
    element.set("time", f"{seconds:.3f}")


def _testcase(suite: ET.Element, kata: KataResult, test: TestOutcome) -> None:
    case = _element(suite, "testcase", classname=f"kata.{kata.name}",
                    name=test.id.rpartition("::")[2], time=f"{test.duration_s:.3f}")
    if not test.passed:
        message = reason(kata, test)
        _element(case, _ELEMENT.get(test.status, "error"), f"{test.description}\n\n{message}",
                 message=message, type=test.status)


def _testsuite(root: ET.Element, kata: KataResult) -> None:
    suite = _element(root, "testsuite", name=kata.name)
    properties = _element(suite, "properties")
    for name, value in (("title", kata.title), ("score", number(kata.score)),
                        ("max_score", number(kata.max_score)), ("status", kata.status)):
        _element(properties, "property", name=name, value=str(value))
    tests = outcomes(kata)
    for test in tests:
        _testcase(suite, kata, test)
    _tally(suite, sum(test.duration_s for test in tests))


def render(result: SubmissionResult) -> str:
    """The report for ``kata check --format junit``: an XML document, UTF-8 declared."""
    root = ET.Element("testsuites", name="pykata")
    for kata in result.katas:
        _testsuite(root, kata)
    _tally(root, result.duration_s)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
