"""Reporters: one module per format, each a pure ``render(result, ...)``.

``text`` prints to a rich console (``text.render``); the machine formats return a string
through :func:`render`. Modules are imported on demand, so helpers shared by several
formats live here without an import cycle.
"""

from __future__ import annotations

import importlib
from typing import Final

from grader import safe
from grader.results import KataResult, SubmissionResult, TestOutcome

FORMATS: Final = ("text", "json", "gradescope", "junit", "github-classroom")
_MODULES: Final = {"json": "json_report", "gradescope": "gradescope", "junit": "junit",
                   "github-classroom": "github_classroom"}
# Gradescope's visibility levels, of a whole result or of one test (release sets them).
VISIBILITIES: Final = ("visible", "after_due_date", "hidden", "after_published")



def render(result: SubmissionResult, fmt: str) -> str:
    """``result`` as a report in a machine format ``fmt`` (json, gradescope, junit, ...)."""
    if fmt not in _MODULES:
        raise ValueError(f"no machine format {fmt!r}; choose one of {', '.join(_MODULES)}")
    return importlib.import_module(f"{__name__}.{_MODULES[fmt]}").render(result)


# What terminals and XML may show of learner text; the rules live in grader.safe.
printable: Final = safe.console


def outcomes(kata: KataResult) -> tuple[TestOutcome, ...]:
    """The checks to report for ``kata``: one "import" error if it failed to load and has none."""
    if kata.error is None or kata.tests:
        return kata.tests
    return (TestOutcome(id=f"{kata.name}::import", task="", description="the module loads",
                        status="error", max_score=0.0, message=kata.error),)


def reason(kata: KataResult, test: TestOutcome) -> str:
    """Why ``test`` did not pass: the kata's load error, else the check's message or status."""
    return kata.error or test.message or test.status
