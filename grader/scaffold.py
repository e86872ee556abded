"""What ``kata dev new DIR`` writes: a course with one example kata that passes ``kata dev check``.

Every file is a working example of its kind (a stub that teaches, a reference solution, hidden
tests split into probes and verdicts, metadata with a hint ladder, one wrong answer), so a
teacher copies the kata's five files to start the next one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

COURSE: Final = '''\
# A pykata course: this file and the folders it names. `kata dev check` proves it;
# `kata check --course .`, `kata batch --course .` and `kata release --course .` use it.

title = "My course"

[folders]
katas = "katas"                  # the stubs learners edit, one module per kata
solutions = "solutions"          # reference solutions: same modules, same public API
hidden = "hidden"                # hidden tests: hidden/test_<kata>.py
meta = "meta"                    # per-kata metadata: meta/<kata>.toml
wrong_answers = "wrong_answers"  # wrong_answers/<kata>/<name>.mistake

[[track]]
name = "basics"
title = "The basics"
katas = ["greetings"]            # add a kata: its files, and its name here
# packages = ["numpy"]           # third-party packages its learner code may import

[runtime]                        # limits per learner process; these are the defaults
probe_timeout = 3.0
submission_s = 120.0
'''

META: Final = '''\
# The greetings kata: katas/greetings.py, solutions/greetings.py, hidden/test_greetings.py.

title = "Greetings: text from arguments"
topic = "Functions and f-strings"
topic_zh = "函数与格式化字符串"
# Checks a student pack ships (kata release), so that kata check grades them there.
visible = ["test_greet_default"]

[[task]]
name = "greet"
summary = "Return a greeting for a name, with punctuation given by keyword."
hints = [
    "Start from the example: greet(\\"Ada\\") is \\"Hello, Ada!\\". Which part comes from the argument?",
    "An f-string puts values into text: f\\"Hello, {name}\\" is a start. Where does the punctuation go?",
    "A parameter after a bare * in the signature can only be given by keyword.",
]

[[task]]
name = "initials"
summary = "Return the initials of a name, each upper case and followed by a period."
hints = [
    "Split the name into words first. What do you get for \\"  grace   hopper \\"?",
    "str.split() without an argument splits on any run of whitespace and drops empty words.",
    "Join the first letter of each word, upper-cased and followed by \\".\\"; no words give \\"\\".",
]
'''

STUB: Final = '''\
"""Greetings: functions that build text from their arguments.

A function returns a value made from its arguments. An f-string builds text from values:
f"Hello, {name}!" puts the value of ``name`` between the words. Parameters written after a
bare ``*`` are keyword-only: a caller must name them, which keeps calls readable.
"""

from __future__ import annotations


def greet(name: str, *, punctuation: str = "!") -> str:
    """Return "Hello, <name><punctuation>"; ``punctuation`` is keyword-only.

    >>> greet("Ada")
    'Hello, Ada!'
    >>> greet("Ada", punctuation=".")
    'Hello, Ada.'
    """
    raise NotImplementedError


def initials(full_name: str) -> str:
    """Return the first letter of each word, upper case, each followed by a period.

    Words are separated by any whitespace; a name with no words gives "".

    >>> initials("ada lovelace")
    'A.L.'
    >>> initials("  grace   hopper ")
    'G.H.'
    """
    raise NotImplementedError
'''

SOLUTION: Final = '''\
"""Greetings: functions that build text from their arguments (reference solution)."""

from __future__ import annotations


def greet(name: str, *, punctuation: str = "!") -> str:
    """Return "Hello, <name><punctuation>"; ``punctuation`` is keyword-only."""
    return f"Hello, {name}{punctuation}"


def initials(full_name: str) -> str:
    """Return the first letter of each word, upper case, each followed by a period."""
    return "".join(f"{word[0].upper()}." for word in full_name.split())
'''

HIDDEN: Final = '''\
"""Hidden tests for the greetings kata.

A probe runs in the learner's sandboxed process and returns plain data; the test around it
runs in the grader and asserts. The docstring's first line is the feedback a learner reads.
"""

from __future__ import annotations

from grader.markers import points, task


def probe_greet(m, name, punctuation=None):
    if punctuation is None:
        return m.greet(name)
    return m.greet(name, punctuation=punctuation)


def probe_greet_positional(m):
    try:
        m.greet("Ada", "?")
    except TypeError:  # what a keyword-only parameter gives
        return m.greet("Ada", punctuation="?")
    return "a positional punctuation was accepted"


def probe_initials(m, text):
    return m.initials(text)


@task(1)
def test_greet_default(learner):
    """greet("Ada") is "Hello, Ada!"."""
    assert learner.run(probe_greet, "Ada") == "Hello, Ada!"


@task(1)
def test_greet_punctuation(learner):
    """greet("Ada", punctuation=".") ends with the punctuation given."""
    got = learner.run(probe_greet, "Ada", ".")
    assert got == "Hello, Ada.", f"got {got!r}"


@points(2)
@task(1)
def test_greet_punctuation_is_keyword_only(learner):
    """punctuation can only be passed by keyword (it comes after a bare *)."""
    got = learner.run(probe_greet_positional)
    assert got == "Hello, Ada?", got


@task(2)
def test_initials_two_words(learner):
    """initials("ada lovelace") is "A.L.": upper case, a period after each."""
    assert learner.run(probe_initials, "ada lovelace") == "A.L."


@task(2)
def test_initials_extra_spaces(learner):
    """Runs of spaces between words count as one separator."""
    got = learner.run(probe_initials, "  grace   brewster hopper ")
    assert got == "G.B.H.", f"got {got!r}"


@task(2)
def test_initials_blank(learner):
    """A name with no words has no initials: ""."""
    assert learner.run(probe_initials, "   ") == ""
'''

MISTAKE: Final = '''\
# loses: test_initials_extra_spaces, test_initials_blank
# split(" ") keeps an empty word for every extra space, and "" has no first letter.
<<< solution
    return "".join(f"{word[0].upper()}." for word in full_name.split())
=== mistake
    return "".join(f"{word[0].upper()}." for word in full_name.split(" "))
>>>
'''

FILES: Final = {
    "course.toml": COURSE,
    "meta/greetings.toml": META,
    "katas/greetings.py": STUB,
    "solutions/greetings.py": SOLUTION,
    "hidden/test_greetings.py": HIDDEN,
    "wrong_answers/greetings/split_on_one_space.mistake": MISTAKE,
}


def write(folder: Path) -> None:
    """Write the example course into ``folder`` (new or empty)."""
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
