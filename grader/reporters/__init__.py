"""Reporters: one module per format, each a pure ``render(result, ...)``.

``text`` prints to a rich console (``text.render``); the machine formats return a string
through :func:`render`. Modules are imported on demand, so helpers shared by several
formats live here without an import cycle.
"""

from __future__ import annotations

import importlib
import re
from typing import Final

from grader.results import KataResult, SubmissionResult, TestOutcome

FORMATS: Final = ("text", "json", "gradescope", "junit")
_MODULES: Final = {"json": "json_report", "gradescope": "gradescope", "junit": "junit"}

# C0/C1 controls except tab and newline, lone surrogates and the non-characters U+FFFE/FFFF:
# unsafe on a terminal, and (most of them) illegal in XML 1.0.
_UNPRINTABLE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def render(result: SubmissionResult, fmt: str) -> str:
    """``result`` as a report in the machine format ``fmt`` (json, gradescope or junit)."""
    if fmt not in _MODULES:
        raise ValueError(f"no machine format {fmt!r}; choose one of {', '.join(_MODULES)}")
    return importlib.import_module(f"{__name__}.{_MODULES[fmt]}").render(result)


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``), for terminals and XML."""
    text = text.replace("\r\n", "\n")
    return _UNPRINTABLE.sub(lambda match: ascii(match.group())[1:-1], text)


def outcomes(kata: KataResult) -> tuple[TestOutcome, ...]:
    """The checks to report for ``kata``: one "import" error if it failed to load and has none."""
    if kata.error is None or kata.tests:
        return kata.tests
    return (TestOutcome(id=f"{kata.name}::import", task="", description="the module loads",
                        status="error", max_score=0.0, message=kata.error),)


def reason(kata: KataResult, test: TestOutcome) -> str:
    """Why ``test`` did not pass: the kata's load error, else the check's message or status."""
    return kata.error or test.message or test.status
