"""The kata catalog: the one place a kata is listed.

Order, titles, topics (with the study guide's Chinese name), tasks and hints live here and
nowhere else; the CLI, the reporters, the notebook export and the content tests all read it.
A task's number is its 1-based position in ``Kata.tasks``; hidden tests refer to it with
``@task(N)``. Points live on the hidden tests (``@points(N)``), next to what they reward.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from grader.errors import UsageError

PACKAGE_DIR: Final = Path(__file__).resolve().parent
HIDDEN_DIR: Final = PACKAGE_DIR / "hidden"


@dataclass(frozen=True)
class Task:
    name: str  # the function or class the learner writes
    summary: str  # one line: what the task asks
    hints: tuple[str, ...]  # from a nudge to a near-answer; never the answer itself


@dataclass(frozen=True)
class Kata:
    name: str  # module name: katas/<name>.py, solutions/<name>.py, hidden/test_<name>.py
    title: str
    topic: str
    topic_zh: str  # the study guide's heading
    tasks: tuple[Task, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.py"

    def task(self, number: int) -> Task:
        if not 1 <= number <= len(self.tasks):
            raise UsageError(f"{self.name} has tasks 1 to {len(self.tasks)}, not {number}")
        return self.tasks[number - 1]


CATALOG: Final[tuple[Kata, ...]] = (
    Kata(
        name="copying",
        title="Assignment, shallow copies and deep copies",
        topic="Assignment and copying",
        topic_zh="赋值（引用）、浅复制、深复制",
        tasks=(
            Task(
                "relation",
                "Tell an alias from an equal copy and from a different value.",
                (
                    "Python has two questions for two objects: 'are they the same object?' and "
                    "'do they hold equal values?'. Each has its own operator.",
                    "`a is b` compares identity (id(a) == id(b)); `a == b` compares values. "
                    "Ask the identity question first: the same object is always equal to itself.",
                    "if a is b: ... elif a == b: ... else: ...",
                ),
            ),
            Task(
                "make_grid",
                "Build a rows x cols grid whose rows are independent lists.",
                (
                    "Try `g = [[0] * 3] * 2; g[0][0] = 1; print(g)`. Why did two rows change?",
                    "Multiplying a list repeats references to the same inner list. Each row "
                    "must be created anew.",
                    "A list comprehension evaluates its expression once per iteration: "
                    "[... for _ in range(rows)].",
                ),
            ),
            Task(
                "shallow_copy",
                "Copy the outer list only: a new list holding the same items.",
                (
                    "A shallow copy is a new container whose slots refer to the very same objects.",
                    "list(items), items[:], items.copy() and copy.copy(items) all make one.",
                    "Check yourself: the copy `is not` the original, but copy[0] `is` original[0].",
                ),
            ),
            Task(
                "snapshot",
                "Take a snapshot of nested data that later changes cannot reach.",
                (
                    "After `snap = snapshot(state)`, appending to a list inside `state` must not "
                    "show up in `snap`. What does a shallow copy share?",
                    "A deep copy copies the containers inside containers too, recursively.",
                    "The copy module has a function for exactly this.",
                ),
            ),
            Task(
                "with_tag",
                "Return a new record with one more tag, leaving the caller's record untouched.",
                (
                    "`new = record.copy()` gives a new dict, but new['tags'] is still the "
                    "caller's list.",
                    "Copy only what you change: the dict and its 'tags' list. The other "
                    "values can be shared, since you never modify them.",
                    "{**record, 'tags': [...]} builds the new dict and the new list in one go.",
                ),
            ),
            Task(
                "Document",
                "Give a class its own rules for copy.copy and copy.deepcopy.",
                (
                    "copy.copy(obj) calls obj.__copy__() and copy.deepcopy(obj) calls "
                    "obj.__deepcopy__(memo) when the class defines them.",
                    "The theme is a shared resource: both kinds of copy keep the same theme "
                    "object. Only the pages are copied, shallowly or deeply.",
                    "In __deepcopy__, deep-copy the pages with copy.deepcopy(self.pages, memo) "
                    "so that objects already copied in this call are reused.",
                ),
            ),
            Task(
                "deep_clone",
                "Write deepcopy for lists and dicts yourself, cycles and shared parts included.",
                (
                    "Recursion handles nesting: a list's clone is a list of its items' clones.",
                    "A cycle would recurse forever, and an object reached twice would be cloned "
                    "twice. Remember what you already cloned, keyed by id(original).",
                    "Put the new, still empty container in the memo before you clone its "
                    "items, then fill it in.",
                ),
            ),
        ),
    ),
)

BY_NAME: Final[dict[str, Kata]] = {kata.name: kata for kata in CATALOG}


def get(name: str) -> Kata:
    """The kata called ``name``; a :class:`UsageError` that suggests a near miss otherwise."""
    name = name.removesuffix(".py")
    try:
        return BY_NAME[name]
    except KeyError:
        close = difflib.get_close_matches(name, BY_NAME, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; see `kata list`"
        raise UsageError(f"unknown kata {name!r}{hint}") from None


def select(names: list[str] | None) -> tuple[Kata, ...]:
    """The katas named (in catalog order), or all of them."""
    if not names:
        return CATALOG
    wanted = {get(name).name for name in names}
    return tuple(kata for kata in CATALOG if kata.name in wanted)
